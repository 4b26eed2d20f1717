package schema_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/schema"
)

// Every event the district example writes with -events validates: the
// envelope against the envelope schema, its data against the schema its
// dataschema names; and so does every incident state the events replay
// to. The run is the example's own, at small scale, built and run with go
// run from the repository root.
func TestDistrictEventsValidate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the district example (tens of seconds); not under -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH: cannot run examples/district")
	}
	dir := t.TempDir()
	events := filepath.Join(dir, "events.jsonl")
	cmd := exec.Command(goTool, "run", "./examples/district",
		"-scale", "small", "-seed", "20250101", "-quiet",
		"-events", events, "-out", filepath.Join(dir, "report.html"))
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go run ./examples/district: %s", out)

	f, err := os.Open(events)
	require.NoError(t, err, "the events file")
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	lines := 0
	bySchema := map[string]int{}
	chains := map[string][]grassroots.Event{}
	var subjects []string
	for sc.Scan() {
		lines++
		env, ok := instance(t, sc.Bytes()).(map[string]any)
		require.True(t, ok, "line %d is an object", lines)
		ds := checkEnvelope(t, "events line "+itoa(lines), env)
		require.NotEmpty(t, ds, "line %d names its dataschema", lines)
		bySchema[ds]++
		e, err := grassroots.ParseEvent(sc.Bytes())
		require.NoError(t, err, "line %d parses", lines)
		if _, ok := chains[e.Subject]; !ok {
			subjects = append(subjects, e.Subject)
		}
		chains[e.Subject] = append(chains[e.Subject], e)
		if t.Failed() {
			break
		}
	}
	require.NoError(t, sc.Err())
	require.Greater(t, lines, 1000, "the small district writes its events")
	for ds := range bySchema {
		_, ok := schema.Lookup(ds)
		assert.True(t, ok, "Lookup(%s)", ds)
	}
	t.Logf("%d events validated, %d event types", lines, len(bySchema))

	// The incident states the chains fold to validate as well.
	for _, s := range subjects {
		state, err := grassroots.ReplayEnvelopes(new(incident.Decider), incident.Codec, chains[s])
		require.NoError(t, err, "replaying %s", s)
		checkState(t, "incident/incident.json", state)
		if t.Failed() {
			break
		}
	}
	t.Logf("%d incident states validated", len(subjects))
}
