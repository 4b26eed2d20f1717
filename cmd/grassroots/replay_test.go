package main

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

type replayedAggregate struct {
	Package string          `json:"package"`
	ID      string          `json:"id"`
	Status  string          `json:"status"`
	Version int64           `json:"version"`
	State   json.RawMessage `json:"state"`
}

type replayJSON struct {
	Events     int                 `json:"events"`
	Aggregates []replayedAggregate `json:"aggregates"`
	Statistics *struct {
		Period  grassroots.Period `json:"period"`
		Summary json.RawMessage   `json:"summary"`
	} `json:"statistics"`
	Failures []struct {
		Line    int    `json:"line"`
		Subject string `json:"subject"`
		Index   int    `json:"index"`
		Reason  string `json:"reason"`
	} `json:"failures"`
}

func replayJSONOf(t *testing.T, ls []string, args ...string) (replayJSON, result) {
	t.Helper()
	r := cli(jsonl(ls), append(append([]string{"replay", "-format", "json"}, args...), "-")...)
	var v replayJSON
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &v), "replay output: %s", r)
	return v, r
}

// Every aggregate's state is the one grassroots.ReplayEnvelopes gives
// for its chain, and the statistics are incident.Statistics of those
// states.
func TestReplayStates(t *testing.T) {
	chains := sealedIncidents(t, 12)
	want := map[string]any{}
	d := incidentDecider(t)
	var incidents []incident.Incident
	for _, c := range chains {
		s, err := grassroots.ReplayEnvelopes(d, incident.Codec, c)
		require.NoError(t, err, "replaying %s", c[0].Subject)
		want[c[0].Subject] = s
		incidents = append(incidents, s)
	}
	vectors := [][]grassroots.Event{
		vectorEnvelopes(t, "incident/envelopes.json", ""),
		riskEnvelopes(t),
		vectorEnvelopes(t, "provider/lifecycle.json", "envelopes"),
	}
	s, err := grassroots.ReplayEnvelopes(d, incident.Codec, vectors[0])
	require.NoError(t, err, "incident vector")
	want[vectors[0][0].Subject] = s
	incidents = append(incidents, s)
	rs, err := grassroots.ReplayEnvelopes(risk.Decider{}, risk.Codec, vectors[1])
	require.NoError(t, err, "risk vector")
	want[vectors[1][0].Subject] = rs
	ps, err := grassroots.ReplayEnvelopes(provider.Decider{}, provider.Codec, vectors[2])
	require.NoError(t, err, "provider vector")
	want[vectors[2][0].Subject] = ps

	ls := lines(t, interleave(append(chains, vectors...)...))
	v, r := replayJSONOf(t, ls)
	require.Equal(t, exitOK, r.code, "%s", r)
	assert.Empty(t, v.Failures)
	assert.Equal(t, len(ls), v.Events, "events")
	require.Len(t, v.Aggregates, len(want), "one state per subject")
	for _, a := range v.Aggregates {
		w, ok := want[a.ID]
		require.True(t, ok, "unexpected aggregate %s", a.ID)
		wb, err := json.Marshal(w)
		require.NoError(t, err)
		assert.JSONEq(t, string(wb), string(a.State), "state of %s %s", a.Package, a.ID)
	}
	assert.True(t, slices.IsSortedFunc(v.Aggregates, func(a, b replayedAggregate) int {
		return strings.Compare(a.Package+"\x00"+a.ID, b.Package+"\x00"+b.ID)
	}), "sorted by package and ID")
	byID := map[string]string{}
	for _, a := range v.Aggregates {
		byID[a.ID] = a.Package + " " + a.Status + " " + strconv.FormatInt(a.Version, 10)
	}
	assert.Equal(t, "provider active 4", byID["ct-2026-001"], "the contract of the provider vector: drafted, published, signed, activated")
	assert.Equal(t, "incident rejected 2", byID["wz-0001"], "a rejected matter")
	assert.Equal(t, "incident returned 4", byID["wz-0002"], "a returned matter")

	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	require.NoError(t, err)
	require.NotNil(t, v.Statistics, "statistics")
	start := incidents[0].ReportedAt
	for _, in := range incidents {
		if in.ReportedAt.Before(start) {
			start = in.ReportedAt
		}
	}
	assert.True(t, v.Statistics.Period.Start.Equal(start), "the period starts at the earliest report")
	sum, err := incident.Statistics(incidents, grassroots.Period{Start: start}, incident.ByPlatform, cal)
	require.NoError(t, err)
	wb, err := json.Marshal(sum)
	require.NoError(t, err)
	assert.JSONEq(t, string(wb), string(v.Statistics.Summary), "statistics by platform")
	assert.Equal(t, 13, sum.Total.Received, "every matter is counted")
}

// A broken chain, an event the decider could not have produced and an
// unknown type each leave their aggregate out and fail the replay; the
// other aggregates replay.
func TestReplayFailures(t *testing.T) {
	chains := sealedIncidents(t, 6)
	d := incidentDecider(t)

	// wz-0004 without its acceptance, sealed again: the chain is intact
	// but dispatching a reported matter is not a transition.
	events, err := incident.Codec.Events(chains[4])
	require.NoError(t, err)
	events = slices.Delete(events, 1, 2)
	chains[4], err = incident.Codec.Seal(nil, incidentSource, events)
	require.NoError(t, err)
	_, err = grassroots.ReplayEnvelopes(d, incident.Codec, chains[4])
	require.ErrorIs(t, err, grassroots.ErrTransition, "the SDK refuses it too")

	other, err := grassroots.Seal(nil, grassroots.Event{ID: "x-1", Source: "/elsewhere", SpecVersion: grassroots.SpecVersion,
		Type: "com.example.parcel.sent", Subject: "parcel-1", Data: json.RawMessage(`{"weight":2}`)})
	require.NoError(t, err)
	chains = append(chains, []grassroots.Event{other})

	ls := lines(t, interleave(chains...))
	altered := lineOf(t, ls, "wz-0003", 5)
	ls[altered] = alterData(t, ls[altered])

	v, r := replayJSONOf(t, ls)
	assert.Equal(t, exitFail, r.code, "%s", r)
	reasons := map[string]string{}
	for _, f := range v.Failures {
		reasons[f.Subject] = f.Reason
	}
	assert.Equal(t, map[string]string{"wz-0003": "content_changed", "wz-0004": "refused", "parcel-1": "unknown_type"}, reasons, "failures")
	var ids []string
	for _, a := range v.Aggregates {
		ids = append(ids, a.ID)
	}
	assert.Equal(t, []string{"wz-0000", "wz-0001", "wz-0002", "wz-0005"}, ids, "the aggregates that replay")

	r = cli(jsonl(ls), "replay", "-")
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stderr, "standard input:"+strconv.Itoa(altered+1)+`: subject "wz-0003", index 4`, "text lists failures on stderr with line, subject and index")
	assert.Contains(t, r.stdout, "4 aggregates from", "text summary")
}

func TestReplayStatisticsCSV(t *testing.T) {
	ls := lines(t, interleave(sealedIncidents(t, 8)...))
	r := cli(jsonl(ls), "replay", "-only", "stats", "-format", "csv", "-")
	require.Equal(t, exitOK, r.code, "%s", r)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, statsHeader, rows[0], "header")
	assert.Equal(t, "total", rows[1][0])
	assert.Equal(t, "8", rows[1][1], "received")
	keys := []string{}
	for _, row := range rows[2:] {
		keys = append(keys, row[0])
	}
	assert.Equal(t, []string{"law_enforcement", "public_services", "unrouted"}, keys, "one row per platform, then the rejected ones")

	// Until the fifth matter's report only four are counted.
	fifth := incidentStory(4)[0].Metadata().At
	r = cli(jsonl(ls), "replay", "-only", "stats", "-format", "csv", "-to", fifth.Format(time.RFC3339), "-")
	require.Equal(t, exitOK, r.code, "%s", r)
	rows, err = csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, "4", rows[1][1], "received before -to")

	r = cli(jsonl(ls), "replay", "-only", "states", "-format", "csv", "-")
	require.Equal(t, exitOK, r.code, "%s", r)
	rows, err = csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"package", "id", "status", "version", "updated_at"}, rows[0])
	assert.Len(t, rows, 9, "header and eight matters")
	assert.Equal(t, []string{"incident", "wz-0000", "closed", "7"}, rows[1][:4])
}

func TestReplayUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"replay"}, "missing FILE.jsonl"},
		{[]string{"replay", "-by", "street", "x"}, "-by"},
		{[]string{"replay", "-only", "all", "x"}, "-only"},
		{[]string{"replay", "-from", "yesterday", "x"}, "-from"},
		{[]string{"replay", "-calendar", "missing.json", "x"}, "missing.json"},
		{[]string{"replay", "-catalog", "missing.json", "x"}, "missing.json"},
	} {
		r := cli("", c.args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", c.args, r)
		assert.Contains(t, r.stderr, c.want, "%v: message names the problem", c.args)
	}
}
