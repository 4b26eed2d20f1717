package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

const incidentSource = "/districts/330302/incident"

func incidentDecider(t *testing.T) *incident.Decider {
	t.Helper()
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	require.NoError(t, err, "default calendar")
	d, err := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
	require.NoError(t, err, "incident decider")
	return d
}

// incidentStory returns the commands of matter number i: four kinds of
// story in turn, closed and rated, rejected, returned by its unit, and
// rated dissatisfied with a redo ordered, on two platforms.
func incidentStory(i int) []incident.Command {
	cst := time.FixedZone("CST", 8*3600)
	id := fmt.Sprintf("wz-%04d", i)
	resident := grassroots.Actor{ID: fmt.Sprintf("resident-%d", i), Party: grassroots.Resident}
	dispatcher := grassroots.Actor{ID: "li", Party: grassroots.Community, Organization: "wuma-community", Roles: []string{incident.RoleDispatcher}}
	worker := grassroots.Actor{ID: "chen", Party: grassroots.Provider, Organization: "sanitation-co", Roles: []string{incident.RoleHandler}}
	start := time.Date(2025, 11, 3, 9, 0, 0, 0, cst).Add(time.Duration(i) * 37 * time.Minute)
	n := 0
	meta := func(a grassroots.Actor, after time.Duration) grassroots.Meta {
		n++
		return grassroots.Meta{AggregateID: id, CommandID: fmt.Sprintf("%s-c%d", id, n), Actor: a, At: start.Add(after)}
	}
	category := "002"
	if i%2 == 1 {
		category = "008"
	}
	report := incident.Report{Meta: meta(resident, 0), Category: category, Channel: incident.ChannelApp,
		Location: incident.Location{Point: grid.Point{Lng: 120.6994, Lat: 27.9943}, CRS: grid.GCJ02}, Grid: "330302001001001",
		Description: "garbage heaped at the lane entrance", Contact: incident.NewContact("王小明", "13900001234")}
	switch i % 4 {
	case 1:
		return []incident.Command{report, incident.Reject{Meta: meta(dispatcher, 10*time.Minute), Reason: incident.RejectInvalid}}
	case 2:
		return []incident.Command{report,
			incident.Accept{Meta: meta(dispatcher, 10*time.Minute)},
			incident.Dispatch{Meta: meta(dispatcher, 15*time.Minute), Unit: "sanitation-co"},
			incident.Return{Meta: meta(worker, 40*time.Minute), Reason: "not ours"}}
	}
	story := []incident.Command{report,
		incident.Accept{Meta: meta(dispatcher, 10*time.Minute)},
		incident.Dispatch{Meta: meta(dispatcher, 15*time.Minute), Unit: "sanitation-co"},
		incident.Start{Meta: meta(worker, 30*time.Minute)},
		incident.Resolve{Meta: meta(worker, 2*time.Hour), Result: "cleared"},
		incident.Close{Meta: meta(dispatcher, 3*time.Hour), Note: "checked on site"}}
	if i%4 == 0 {
		return append(story, incident.Rate{Meta: meta(resident, 26*time.Hour), Grade: incident.Satisfied})
	}
	return append(story,
		incident.Rate{Meta: meta(resident, 26*time.Hour), Grade: incident.Dissatisfied, Comment: "back again", Substantive: true},
		incident.Start{Meta: meta(worker, 27*time.Hour)},
		incident.Resolve{Meta: meta(worker, 28*time.Hour), Result: "cleared, bins added"},
		incident.Close{Meta: meta(dispatcher, 29*time.Hour)})
}

// sealedIncidents decides n stories and seals each into its chain with
// incident.Codec.
func sealedIncidents(t *testing.T, n int) [][]grassroots.Event {
	t.Helper()
	d := incidentDecider(t)
	var out [][]grassroots.Event
	for i := range n {
		var state incident.Incident
		var events []incident.Event
		for _, cmd := range incidentStory(i) {
			evs, err := d.Decide(state, cmd)
			require.NoError(t, err, "story %d: %s", i, cmd.CommandName())
			for _, e := range evs {
				state, err = d.Evolve(state, e)
				require.NoError(t, err, "story %d: %s", i, e.EventName())
			}
			events = append(events, evs...)
		}
		envs, err := incident.Codec.Seal(nil, incidentSource, events)
		require.NoError(t, err, "sealing story %d", i)
		out = append(out, envs)
	}
	return out
}

// vectorEnvelopes returns the sealed envelopes of the first vector of
// a conformance file, read from key of its want.
func vectorEnvelopes(t *testing.T, file, key string) []grassroots.Event {
	t.Helper()
	data, err := os.ReadFile(conformance(file))
	require.NoError(t, err, file)
	var vectors []struct {
		Want json.RawMessage `json:"want"`
	}
	require.NoError(t, json.Unmarshal(data, &vectors), file)
	raw := vectors[0].Want
	if key != "" {
		var m map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(raw, &m), file)
		raw = m[key]
	}
	var envs []grassroots.Event
	require.NoError(t, json.Unmarshal(raw, &envs), "envelopes of %s", file)
	require.NotEmpty(t, envs, file)
	return envs
}

// interleave takes one event of each chain in turn, so that subjects
// are mixed while each keeps its order.
func interleave(chains ...[]grassroots.Event) []grassroots.Event {
	var out []grassroots.Event
	for k := 0; ; k++ {
		added := false
		for _, c := range chains {
			if k < len(c) {
				out = append(out, c[k])
				added = true
			}
		}
		if !added {
			return out
		}
	}
}

// lines writes each event as one JSON line.
func lines(t *testing.T, events []grassroots.Event) []string {
	t.Helper()
	out := make([]string, len(events))
	for i, e := range events {
		b, err := json.Marshal(e)
		require.NoError(t, err, "event %d", i)
		out[i] = string(b)
	}
	return out
}

func jsonl(ls []string) string { return strings.Join(ls, "\n") + "\n" }

// mixedEvents returns the lines of a file that interleaves n generated
// incidents with the envelopes of the incident, risk and provider
// conformance vectors.
func mixedEvents(t *testing.T, n int) []string {
	t.Helper()
	chains := sealedIncidents(t, n)
	chains = append(chains,
		vectorEnvelopes(t, "incident/envelopes.json", ""),
		riskEnvelopes(t),
		vectorEnvelopes(t, "provider/lifecycle.json", "envelopes"))
	return lines(t, interleave(chains...))
}

// lineOf returns the index of the line of subject with the given
// sequence.
func lineOf(t *testing.T, ls []string, subject string, sequence int64) int {
	t.Helper()
	for i, l := range ls {
		e, err := grassroots.ParseEvent([]byte(l))
		require.NoError(t, err, "line %d", i+1)
		if e.Subject == subject && e.Sequence == sequence {
			return i
		}
	}
	require.Failf(t, "no such event", "subject %s sequence %d", subject, sequence)
	return -1
}

// alterData changes the description in the data of line l, keeping the
// envelope valid.
func alterData(t *testing.T, l string) string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(l), &m))
	data := m["data"].(map[string]any)
	data["description"] = "nothing to see here"
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return string(b)
}

// riskEnvelopes seals the events of the risk conformance vector with
// risk.Codec and checks the hashes against the vector's.
func riskEnvelopes(t *testing.T) []grassroots.Event {
	t.Helper()
	data, err := os.ReadFile(conformance("risk/envelopes.json"))
	require.NoError(t, err)
	var vectors []struct {
		Input struct {
			Source string `json:"source"`
			Events []struct {
				Event string          `json:"event"`
				Data  json.RawMessage `json:"data"`
			} `json:"events"`
		} `json:"input"`
		Want []struct {
			Hash string `json:"hash"`
		} `json:"want"`
	}
	require.NoError(t, json.Unmarshal(data, &vectors))
	v := vectors[0]
	var events []risk.Event
	for i, x := range v.Input.Events {
		var meta grassroots.Meta
		require.NoError(t, json.Unmarshal(x.Data, &meta), "risk event %d", i)
		e, err := risk.Codec.Decode(grassroots.Event{ID: "e", Source: v.Input.Source, SpecVersion: grassroots.SpecVersion,
			Type: grassroots.EventType("risk", x.Event), Subject: meta.AggregateID, Time: meta.At, Data: x.Data})
		require.NoError(t, err, "risk event %d", i)
		events = append(events, e)
	}
	envs, err := risk.Codec.Seal(nil, v.Input.Source, events)
	require.NoError(t, err, "sealing the risk vector")
	for i := range envs {
		require.Equal(t, v.Want[i].Hash, envs[i].Hash, "risk vector envelope %d hash", i)
	}
	return envs
}
