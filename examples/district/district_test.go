package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/workday"
)

var update = flag.Bool("update", false, "rewrite the golden text report")

// smallRun is one run at -scale small with every output written, shared
// by the tests that check it.
var smallRun = sync.OnceValues(func() (*smallOutputs, error) {
	dir, err := os.MkdirTemp("", "district")
	if err != nil {
		return nil, err
	}
	o := options{seed: 20250101, scale: "small", out: filepath.Join(dir, "report.html"), events: filepath.Join(dir, "events.jsonl"), quiet: true, keepStates: true}
	var stdout bytes.Buffer
	res, err := execute(o, &stdout, io.Discard)
	if err != nil {
		return nil, err
	}
	return &smallOutputs{opts: o, stdout: stdout.String(), res: res}, nil
})

type smallOutputs struct {
	opts   options
	stdout string
	res    *result
}

func small(t *testing.T) *smallOutputs {
	t.Helper()
	out, err := smallRun()
	require.NoError(t, err, "the small district run")
	return out
}

func TestGoldenTextReport(t *testing.T) {
	s := small(t)
	var buf bytes.Buffer
	s.res.report.writeText(&buf)
	golden := filepath.Join("testdata", "small.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run with -update to create the golden file")
	assert.Equal(t, string(want), buf.String(), "text report at seed 20250101, scale small")
}

func TestRunIsDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the small district twice")
	}
	s := small(t)
	o := s.opts
	o.out, o.events = filepath.Join(t.TempDir(), "again.html"), ""
	var again bytes.Buffer
	_, err := execute(o, &again, io.Discard)
	require.NoError(t, err)
	first := strings.TrimSuffix(s.stdout, "HTML report: "+s.opts.out+"\n")
	second := strings.TrimSuffix(again.String(), "HTML report: "+o.out+"\n")
	assert.Equal(t, first, second, "same seed, same report")
	page1, err := os.ReadFile(s.opts.out)
	require.NoError(t, err)
	page2, err := os.ReadFile(o.out)
	require.NoError(t, err)
	assert.Equal(t, string(page1), string(page2), "same seed, same HTML page")
}

// The report's totals are the library's statistics, recomputed here
// independently from the final incident states.
func TestTotalsEqualLibraryStatistics(t *testing.T) {
	s := small(t)
	r := s.res.report
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	require.NoError(t, err)
	year := grassroots.Period{Start: time.Date(simYear, 1, 1, 0, 0, 0, 0, cal.Location()), End: time.Date(simYear+1, 1, 1, 0, 0, 0, 0, cal.Location())}
	byPlatform, err := incident.Statistics(s.res.states, year, incident.ByPlatform, cal)
	require.NoError(t, err)
	received, closed, onTime := 0, 0, 0
	for _, st := range append(byPlatform.Groups, byPlatform.Unkeyed) {
		received += st.Received
		closed += st.Closed
		onTime += st.OnTimeRate.Num
	}
	assert.Equal(t, received, r.Totals.Stats.Received, "received")
	assert.Equal(t, closed, r.Totals.Stats.Closed, "closed")
	assert.Equal(t, onTime, r.Totals.Stats.OnTimeRate.Num, "closed on time")
	assert.Equal(t, len(s.res.states), r.Totals.Stats.Received, "every generated matter was reported in the year")
	sum, sumClosed := r.Unrouted.Stats.Received, r.Unrouted.Stats.Closed
	for _, p := range r.Platforms {
		sum += p.Stats.Received
		sumClosed += p.Stats.Closed
	}
	rejected, unrouted := 0, 0
	for _, st := range s.res.states {
		if st.Status == incident.StatusRejected {
			rejected++
		}
		if !st.Platform.IsValid() {
			unrouted++
		}
	}
	assert.Equal(t, r.Totals.Stats.Received, sum, "platform rows plus the unrouted row")
	assert.Equal(t, r.Totals.Stats.Closed, sumClosed, "closed on the platforms plus closed unrouted")
	assert.Equal(t, unrouted, r.Unrouted.Stats.Received, "the unrouted row holds every matter without a platform")
	byStatus := 0
	for _, c := range r.UnroutedBy {
		byStatus += c.Count
		if c.Status == incident.StatusRejected {
			assert.Equal(t, rejected, c.Count, "every rejected matter is unrouted")
		}
	}
	assert.Equal(t, unrouted, byStatus, "the unrouted row's breakdown by status")
	assert.Equal(t, r.Grids, len(r.Map), "one map cell per grid")
	assert.Len(t, r.Indices, 3, "three mechanism indices")
	assert.NotEmpty(t, r.Providers, "provider scorecards")
	assert.NotEmpty(t, r.Risks, "risk register")
	assert.Positive(t, r.Totals.Escalated, "overdue matters were escalated")
	assert.Zero(t, r.Rejected, "the simulation issues only commands the decider accepts")
}

// Every incident's state can be rebuilt from the -events file alone: the
// chains verify and replay to the state the run ended with.
func TestEventsReplayToFinalStates(t *testing.T) {
	s := small(t)
	f, err := os.Open(s.opts.events)
	require.NoError(t, err)
	defer f.Close()
	chains := map[string][]grassroots.Event{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	lines := 0
	for sc.Scan() {
		var e grassroots.Event
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e), "line %d", lines+1)
		chains[e.Subject] = append(chains[e.Subject], e)
		lines++
	}
	require.NoError(t, sc.Err())
	assert.Equal(t, s.res.report.Events, lines, "one line per event")
	require.Len(t, chains, len(s.res.states), "one chain per incident")
	for _, want := range s.res.states {
		got, err := grassroots.ReplayEnvelopes(new(incident.Decider), incident.Codec, chains[want.ID])
		require.NoError(t, err, "replaying %s", want.ID)
		// The file masks personal data, so replay restores the masked
		// contact; everything else must be exactly the run's state.
		require.Equal(t, want.Contact.String(), got.Contact.String(), "masked contact of %s", want.ID)
		if !want.Contact.IsZero() {
			assert.NotContains(t, string(mustJSON(t, chains[want.ID][0])), "Resident ", "the events file holds no names in clear")
		}
		want.Contact = got.Contact
		if !assert.True(t, got.Equal(&want), "replayed state of %s", want.ID) {
			break
		}
	}
}

func TestFlags(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"unknown scale", []string{"-scale", "huge"}},
		{"unknown flag", []string{"-colour"}},
		{"stray argument", []string{"extra"}},
		{"-crs without -grids", []string{"-crs", "gcj02"}},
		{"empty -out", []string{"-out", ""}},
		{"unknown -lang", []string{"-lang", "fr"}},
	}
	for _, c := range cases {
		_, err := parseFlags(c.args, io.Discard)
		assert.Error(t, err, c.name)
	}
	o, err := parseFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, "district", o.scale, "the default scale")
	assert.Equal(t, "zh", o.lang, "the HTML report is Chinese by default")
	o, err = parseFlags([]string{"-lang", "en"}, io.Discard)
	require.NoError(t, err, "-lang en")
	assert.Equal(t, "en", o.lang, "-lang en")
}

func TestBadGridFileIsAUsageError(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.geojson")
	require.NoError(t, os.WriteFile(bad, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[120,28]},"properties":{"code":"g1"}}]}`), 0o644))
	for _, o := range []options{
		{scale: "small", gridFile: filepath.Join(dir, "missing.geojson"), crs: "wgs84", out: filepath.Join(dir, "r.html"), quiet: true},
		{scale: "small", gridFile: bad, crs: "wgs84", out: filepath.Join(dir, "r.html"), quiet: true},
		{scale: "small", gridFile: bad, crs: "mercator", out: filepath.Join(dir, "r.html"), quiet: true},
	} {
		_, err := execute(o, io.Discard, io.Discard)
		var ue *usageError
		assert.True(t, errors.As(err, &ue), "%+v: want a usage error, got %v", o, err)
	}
}

func TestGridFileRun(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "grids.geojson")
	// Two unit squares side by side, sharing an edge, in GCJ-02.
	fc := `{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"G-1","properties":{"name":"west","households":420},"geometry":{"type":"Polygon","coordinates":[[[120.60,28.00],[120.61,28.00],[120.61,28.01],[120.60,28.01],[120.60,28.00]]]}},
 {"type":"Feature","id":"G-2","properties":{"name":"east"},"geometry":{"type":"Polygon","coordinates":[[[120.61,28.00],[120.62,28.00],[120.62,28.01],[120.61,28.01],[120.61,28.00]]]}}]}`
	require.NoError(t, os.WriteFile(file, []byte(fc), 0o644))
	var stdout bytes.Buffer
	res, err := execute(options{seed: 1, scale: "small", gridFile: file, crs: "gcj02", out: filepath.Join(dir, "r.html"), quiet: true, keepStates: true}, &stdout, io.Discard)
	require.NoError(t, err)
	page, err := os.ReadFile(filepath.Join(dir, "r.html"))
	require.NoError(t, err)
	for _, want := range []string{"west（G-1）", "east（G-2）", "第1街道", "1-1社区"} {
		assert.Contains(t, string(page), want, "the page names the file's grids by their own names, the run's street and community in Chinese")
	}
	assert.Equal(t, 2, res.report.Grids)
	assert.Equal(t, 420+defaultHouseholds, res.report.Households, "households from the file, the default where missing")
	for _, s := range res.states {
		assert.Contains(t, []string{"G-1", "G-2"}, string(s.Grid), "every matter located in one of the file's grids")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// The run's output is the same byte for byte whether its events are
// sealed on one processor or several.
func TestOutputIndependentOfProcessors(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the small district twice")
	}
	outputs := map[int][3]string{}
	for _, procs := range []int{1, 2} {
		dir := t.TempDir()
		o := options{seed: 20250101, scale: "small", out: filepath.Join(dir, "report.html"), events: filepath.Join(dir, "events.jsonl"), quiet: true}
		prev := runtime.GOMAXPROCS(procs)
		var stdout bytes.Buffer
		_, err := execute(o, &stdout, io.Discard)
		runtime.GOMAXPROCS(prev)
		require.NoError(t, err, "GOMAXPROCS=%d", procs)
		page, err := os.ReadFile(o.out)
		require.NoError(t, err)
		evs, err := os.ReadFile(o.events)
		require.NoError(t, err)
		outputs[procs] = [3]string{strings.ReplaceAll(stdout.String(), dir, ""), string(page), string(evs)}
	}
	for i, name := range []string{"text report", "HTML report", "events file"} {
		assert.True(t, outputs[1][i] == outputs[2][i], "%s: GOMAXPROCS=1 and 2 give the same bytes", name)
	}
	assert.NotEmpty(t, outputs[1][2], "events written")
}
