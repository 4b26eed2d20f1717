package schema_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/schema"
)

// vectorDir holds the conformance vectors, from the repository root.
const vectorDir = "../testdata/conformance/v2"

// vectorFiles returns every vector file, as slash paths under vectorDir.
func vectorFiles(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(vectorDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			rel, _ := filepath.Rel(vectorDir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	require.NoError(t, err, "walking %s", vectorDir)
	require.NotEmpty(t, out, "vector files under %s", vectorDir)
	return out
}

// vectors reads a vector file: a JSON array of {description, input, want
// | want_error}.
func vectors(t *testing.T, file string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectorDir, filepath.FromSlash(file)))
	require.NoError(t, err, "reading %s", file)
	var out []map[string]any
	for i, v := range instance(t, b).([]any) {
		m, ok := v.(map[string]any)
		require.True(t, ok, "%s: vector %d is an object", file, i)
		out = append(out, m)
	}
	return out
}

func refused(v map[string]any) bool { _, ok := v["want_error"]; return ok }

// Every envelope in a vector that is not refused validates, and so does its
// data against the schema its dataschema names. Envelopes are found
// generically: any object with specversion anywhere in a vector, including
// inside a JSON string (the relay vectors hold envelopes as text).
func TestVectorEnvelopes(t *testing.T) {
	seen := 0
	for _, file := range vectorFiles(t) {
		for i, v := range vectors(t, file) {
			if refused(v) || nullAttributes[v["description"].(string)] {
				continue
			}
			walk(v, "", func(path string, obj map[string]any) {
				if _, ok := obj["specversion"]; ok {
					checkEnvelope(t, file+" vector "+itoa(i)+path, obj)
					seen++
				}
			})
		}
	}
	assert.Greater(t, seen, 20, "envelopes found in the vectors")
}

// nullAttributes names the vectors whose envelopes hold null attributes:
// grassroots.ParseEvent reads them as absent, but the SDK never writes
// null, and the schema describes what it writes.
var nullAttributes = map[string]bool{
	"null attributes count as absent, data null too": true,
}

// walk calls f for every object in v, depth first, with its path; a
// string that holds a JSON object is walked as well.
func walk(v any, path string, f func(string, map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		f(path, x)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			walk(x[k], path+"/"+k, f)
		}
	case []any:
		for i, e := range x {
			walk(e, path+"/"+itoa(i), f)
		}
	case string:
		if obj, ok := exactJSON(x).(map[string]any); ok {
			walk(obj, path+"(text)", f)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// exactJSON decodes s as the validator wants it (numbers exact), or
// returns nil when s is not one JSON value.
func exactJSON(s string) any {
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(s))
	if err != nil {
		return nil
	}
	return v
}

// documentRule says where a vector file holds a wire type or event data:
// under each vector's path (a slash path whose "*" stands for every
// element), the value validates against schema. In schema, "{x}" is the
// member x of the value at path, renamed through names where given, and
// member, when set, picks the member of that value to validate.
type documentRule struct {
	file, path, member, schema string
	names                      map[string]string
	// validOnly keeps only the vectors whose want is an empty list (the
	// grid validation vectors list the problems they expect).
	validOnly bool
}

// riskEvents maps risk's command names to the event each one causes:
// risk's event types are its command types renamed, so a command's data
// is its event's data.
var riskEvents = map[string]string{
	"identify": "identified", "assess": "assessed", "issue_alert": "alert_issued",
	"raise_alert": "alert_raised", "lower_alert": "alert_lowered", "activate_plan": "plan_activated",
	"complete_step": "step_completed", "remediate": "remediated", "close": "closed",
	"dismiss": "dismissed", "reopen": "reopened", "accept": "accepted",
	"revoke_acceptance": "acceptance_revoked", "review": "reviewed", "escalate": "escalated",
}

var documentRules = []documentRule{
	{file: "grid/validate.json", path: "input", schema: "grid/grid.json", validOnly: true},
	{file: "grid/locate.json", path: "input/grids/*", schema: "grid/grid.json"},
	{file: "grid/partition.json", path: "input/parent", schema: "grid/grid.json"},
	{file: "grid/partition.json", path: "input/children/*", schema: "grid/grid.json"},
	{file: "grid/assign.json", path: "input/workers/*", schema: "grid/worker.json"},
	{file: "grid/assign.json", path: "want", schema: "grid/assignment.json"},
	{file: "workday/deadlines.json", path: "input/limit", schema: "workday/limit.json"},
	{file: "risk/fairness.json", path: "input/samples/*", schema: "risk/sample.json"},
	{file: "risk/envelopes.json", path: "input/events/*", member: "data", schema: "risk/{event}.v1.json"},
	{file: "risk/decide.json", path: "input/commands/*", member: "data", schema: "risk/{command}.v1.json", names: riskEvents},
	{file: "risk/due.json", path: "input/commands/*", member: "data", schema: "risk/{command}.v1.json", names: riskEvents},
}

// The vectors' wire types and event data validate against their schemas.
func TestVectorDocuments(t *testing.T) {
	for _, r := range documentRules {
		count := 0
		for i, v := range vectors(t, r.file) {
			if refused(v) || (r.validOnly && !emptyList(v["want"])) {
				continue
			}
			for _, at := range selectPath(v, r.path) {
				u := uri(r.resolve(t, at.value))
				doc := at.value
				if r.member != "" {
					doc = at.value.(map[string]any)[r.member]
				}
				assert.NoError(t, validate(t, u, doc), "%s vector %d (%s) %s against %s", r.file, i, v["description"], at.path, u)
				count++
			}
		}
		assert.NotZero(t, count, "%s has documents at %s", r.file, r.path)
	}
}

func emptyList(v any) bool { l, ok := v.([]any); return ok && len(l) == 0 }

func (r documentRule) resolve(t *testing.T, v any) string {
	t.Helper()
	s := r.schema
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			return s
		}
		end := strings.IndexByte(s[open:], '}') + open
		key := s[open+1 : end]
		val, _ := v.(map[string]any)[key].(string)
		if r.names != nil {
			mapped, ok := r.names[val]
			require.True(t, ok, "%s: %q names an event", r.file, val)
			val = mapped
		}
		s = s[:open] + val + s[end+1:]
	}
}

type located struct {
	path  string
	value any
}

// selectPath returns the values at path in v; "*" matches every element
// of a list.
func selectPath(v any, path string) []located {
	cur := []located{{"", v}}
	for _, step := range strings.Split(path, "/") {
		var next []located
		for _, c := range cur {
			switch x := c.value.(type) {
			case map[string]any:
				if e, ok := x[step]; ok {
					next = append(next, located{c.path + "/" + step, e})
				}
			case []any:
				if step == "*" {
					for i, e := range x {
						next = append(next, located{c.path + "/" + itoa(i), e})
					}
				}
			}
		}
		cur = next
	}
	return cur
}

// envelopesBeyondSchema names the refused envelope vectors whose fault no
// JSON Schema can see: repeated member names and lone surrogates, which a
// JSON parser has dropped or replaced before a validator sees the value;
// noncharacters, which the patterns leave out to stay portable; I-JSON's
// number limits; a fraction in an integer (1.0 is an integer to JSON
// Schema); nesting depth. grassroots.ParseEvent refuses them.
var envelopesBeyondSchema = map[string]bool{
	"a repeated member name at the top level (two parsers could keep different values)": true,
	"a repeated member name inside data":                                                true,
	"a lone high surrogate escape in an attribute":                                      true,
	"a lone low surrogate escape in data":                                               true,
	"a noncharacter (U+FFFE) in the id":                                                 true,
	"a noncharacter (U+FDD0) in data":                                                   true,
	"a noncharacter of plane 1 (U+1FFFF) in an extension":                               true,
	"an integer in data beyond 2^53 that no double holds":                               true,
	"a long decimal in data that no double holds":                                       true,
	"a number in data beyond the double range":                                          true,
	"data nested deeper than 512 levels":                                                true,
	"sequence with a fraction":                                                          true,
}

// The envelope schema refuses the refused envelope vectors, except those
// whose fault is beyond a schema; it accepts those.
func TestEnvelopeSchemaRefusesWhatParseEventRefuses(t *testing.T) {
	for i, v := range vectors(t, "grassroots/envelope.json") {
		desc := v["description"].(string)
		text, _ := v["input"].(string)
		inst := exactJSON(text)
		if !refused(v) || inst == nil {
			continue
		}
		if _, isObject := inst.(map[string]any); !isObject {
			continue
		}
		err := validate(t, envelopeURI, inst)
		if envelopesBeyondSchema[desc] {
			assert.NoError(t, err, "vector %d (%s) is listed as beyond a schema", i, desc)
		} else {
			assert.Error(t, err, "vector %d (%s): the envelope schema refuses it", i, desc)
		}
	}
}

// Envelopes the codecs seal name a schema of this package and validate
// against it: risk's envelope vectors sealed by risk.Codec, incident's
// decoded and sealed again by incident.Codec and incident.RecordCodec. The
// states each history folds to validate too.
func TestCodecsSealValidEnvelopes(t *testing.T) {
	histories := 0
	for i, v := range vectors(t, "risk/envelopes.json") {
		var events []risk.Event
		for _, at := range selectPath(v, "input/events/*") {
			m := at.value.(map[string]any)
			events = append(events, decodeEvent[risk.Event](t, risk.Codec, m["event"].(string), m["data"]))
		}
		require.NotEmpty(t, events, "risk envelope vector %d has events", i)
		checkSealed(t, risk.Codec, events)
		r, err := risk.Decider{}.Replay(events)
		require.NoError(t, err, "replaying risk envelope vector %d", i)
		checkState(t, "risk/risk.json", r)
		histories++
	}
	for i, v := range vectors(t, "incident/envelopes.json") {
		var events []incident.Event
		for _, at := range selectPath(v, "want/*") {
			b, err := json.Marshal(at.value)
			require.NoError(t, err)
			env, err := grassroots.ParseEvent(b)
			require.NoError(t, err, "incident envelope vector %d %s", i, at.path)
			e, err := incident.Codec.Decode(env)
			require.NoError(t, err, "decoding incident envelope vector %d %s", i, at.path)
			events = append(events, e)
		}
		require.NotEmpty(t, events, "incident envelope vector %d has envelopes", i)
		checkSealed(t, incident.Codec, events)
		checkSealed(t, incident.RecordCodec, events)
		in, err := new(incident.Decider).Replay(events)
		require.NoError(t, err, "replaying incident envelope vector %d", i)
		checkState(t, "incident/incident.json", in)
		histories++
	}
	assert.Greater(t, histories, 2, "histories sealed")
}

// checkState validates the JSON of a state against the schema at path.
func checkState(t *testing.T, path string, state any) {
	t.Helper()
	b, err := json.Marshal(state)
	require.NoError(t, err, "marshalling a state for %s", path)
	assert.NoError(t, validate(t, uri(path), instance(t, b)), "state %s against %s", b, path)
}

// decodeEvent decodes data into the event type name of codec c.
func decodeEvent[E grassroots.DomainEvent](t *testing.T, c *grassroots.Codec[E], name string, data any) E {
	t.Helper()
	zero, ok := c.Zero(name)
	require.True(t, ok, "%s has an event %q", c.Package(), name)
	b, err := json.Marshal(data)
	require.NoError(t, err)
	p := reflect.New(reflect.TypeOf(zero))
	require.NoError(t, json.Unmarshal(b, p.Interface()), "decoding %s data", name)
	return p.Elem().Interface().(E)
}

func checkSealed[E grassroots.DomainEvent](t *testing.T, c *grassroots.Codec[E], events []E) {
	t.Helper()
	envs, err := c.Seal(nil, "/districts/330302/"+c.Package(), events)
	require.NoError(t, err, "sealing %d %s events", len(events), c.Package())
	for i, env := range envs {
		_, ok := schema.Lookup(env.DataSchema)
		require.True(t, ok, "Lookup(%s) for %s", env.DataSchema, env.Type)
		b, err := json.Marshal(env)
		require.NoError(t, err)
		checkEnvelope(t, c.Package()+" envelope "+itoa(i)+" ("+env.Type+")", instance(t, b).(map[string]any))
	}
}
