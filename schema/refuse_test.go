package schema_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// Valid documents the refusal cases start from.
const (
	reportedData = `{"aggregate_id":"inc-1","command_id":"inc-1-report","actor":{"id":"resident-1","party":"resident"},
		"at":"2025-11-24T09:00:00+08:00","category":"002","channel":"app","priority":"normal",
		"location":{"coordinates":[120.6994,27.9943],"crs":"gcj02"},"grid":"330302001001001",
		"contact":{"name":"张*","phone":"138****5678"},
		"accept_term":{"start":"2025-11-24T09:00:00+08:00","end":"2025-11-25T09:00:00+08:00","working":true}}`
	envelope = `{"data":{"aggregate_id":"inc-1"},"datacontenttype":"application/json",
		"dataschema":"https://raw.githubusercontent.com/grassrootsgov/grassroots/main/schema/incident/accepted.v1.json",
		"hash":"3854bf70ba01e403bfde7d813ac00c47c539c537c5de37a7b4aee042b21b9209","id":"508cf6f2-5a2e-8c95-b291-1bede03a5613",
		"sequence":1,"source":"/districts/330302/incident","specversion":"1.0","subject":"inc-1",
		"time":"2025-04-04T10:24:22+08:00","type":"grassroots.incident.accepted.v1","tenant":"wz"}`
	assignment = `{"duties":[{"grid":"g1","worker":"li"}],"workers":[{"worker":"li","kind":"full_time","capacity":800,"load":"480","grids":["g1"]}],
		"max_load":"480","mean_load":"480","max_mean_ratio":"1"}`
	calendarSpec = `{"time_zone":"Asia/Shanghai","from":"2025-01-01","to":"2025-12-31",
		"working_hours":[{"start":"08:30","end":"12:00"},{"start":"13:30","end":"17:30"}],
		"rest_days":["saturday","Sunday"],"holidays":[{"name":"春节","from":"2025-01-28","to":"2025-02-04"}],
		"working_days":[{"date":"2025-01-26"}]}`
	rating          = `{"subject":"provider-1","indicator":"timeliness","rater":"r-1","party":"resident","value":"4.5","at":"2025-06-30T12:00:00+08:00"}`
	serviceProvider = `{"id":"p-1","name":"Wenzhou Services","uscc":"91350100M000100Y43","legal_form":"company",
		"statuses":[{"status":"active","at":"2024-01-01T00:00:00+08:00"}]}`
	riskEvidence = `{"condition":"count","compare":"above","threshold":"20","value":"37","observations":37,
		"from":"2026-03-01T09:00:00+08:00","to":"2026-03-02T08:00:00+08:00"}`
)

type refusal struct {
	name, schema, base string
	// pointer is the member to change, as a JSON pointer; value is its new
	// JSON value, or "" to delete it.
	pointer, value string
}

var refusals = []refusal{
	{"unknown enum name", "incident/reported.v1.json", reportedData, "/channel", `"fax"`},
	{"unknown enum name in a shared type", "incident/reported.v1.json", reportedData, "/actor/party", `"alien"`},
	{"unknown enum name of a result", "grid/assignment.json", assignment, "/workers/0/kind", `"volunteer"`},
	{"unknown enum name of the evidence", "risk/hit.json", `{"rule":"r","rule_version":1,"category":"data_security","subject":{"kind":"provider","code":"p"},"indicator":"i","at":"2026-03-02T09:00:00+08:00","evidence":` + riskEvidence + `}`, "/evidence/compare", `"beyond"`},
	{"missing required member", "incident/reported.v1.json", reportedData, "/category", ""},
	{"missing shared metadata", "incident/reported.v1.json", reportedData, "/aggregate_id", ""},
	{"missing actor ID", "incident/reported.v1.json", reportedData, "/actor/id", ""},
	{"missing envelope ID", "grassroots/event.json", envelope, "/id", ""},
	{"missing spec start", "workday/spec.json", calendarSpec, "/from", ""},
	{"a number for a decimal", "grid/assignment.json", assignment, "/max_load", `480`},
	{"a number for a worker's load", "grid/assignment.json", assignment, "/workers/0/load", `480`},
	{"a number for a rating", "evaluation/rating.json", rating, "/value", `4.5`},
	{"a decimal with an exponent", "evaluation/rating.json", rating, "/value", `"4.5e0"`},
	{"malformed time", "incident/reported.v1.json", reportedData, "/at", `"2025-11-24 09:00:00+08:00"`},
	{"time without offset", "incident/reported.v1.json", reportedData, "/accept_term/end", `"2025-11-25T09:00:00"`},
	{"time in month 13", "evaluation/rating.json", rating, "/at", `"2025-13-30T12:00:00+08:00"`},
	{"time on 30 February", "evaluation/rating.json", rating, "/at", `"2025-02-30T12:00:00+08:00"`},
	{"envelope time without offset", "grassroots/event.json", envelope, "/time", `"2025-04-04T10:24:22"`},
	{"a grid code with a space", "incident/reported.v1.json", reportedData, "/grid", `"330302 001"`},
	{"a point outside the world", "incident/reported.v1.json", reportedData, "/location/coordinates", `[190,27.9]`},
	{"a point with three numbers", "incident/reported.v1.json", reportedData, "/location/coordinates", `[120.6,27.9,3]`},
	{"a date that does not exist", "workday/spec.json", calendarSpec, "/holidays/0/to", `"2025-02-30"`},
	{"a date in another form", "workday/spec.json", calendarSpec, "/from", `"2025/01/01"`},
	{"a clock time past 24:00", "workday/spec.json", calendarSpec, "/working_hours/1/end", `"24:30"`},
	{"a weekday that is not one", "workday/spec.json", calendarSpec, "/rest_days/0", `"caturday"`},
	{"a credit code with a letter it never uses", "provider/provider.json", serviceProvider, "/uscc", `"91350100O000100Y43"`},
	{"a credit code too short", "provider/provider.json", serviceProvider, "/uscc", `"91350100M000100Y4"`},
	{"null for an object", "incident/reported.v1.json", reportedData, "/actor", `null`},
	{"a string for an integer", "grid/assignment.json", assignment, "/workers/0/capacity", `"800"`},
	{"sequence zero", "grassroots/event.json", envelope, "/sequence", `0`},
	{"a hash in upper case", "grassroots/event.json", envelope, "/hash", `"3854BF70BA01E403BFDE7D813AC00C47C539C537C5DE37A7B4AEE042B21B9209"`},
	{"data null", "grassroots/event.json", envelope, "/data", `null`},
	{"an extension named in upper case", "grassroots/event.json", envelope, "/Tenant", `"wz"`},
	{"an extension that is an object", "grassroots/event.json", envelope, "/tenant", `{"a":1}`},
	{"specversion 0.3", "grassroots/event.json", envelope, "/specversion", `"0.3"`},
	{"a source with a space", "grassroots/event.json", envelope, "/source", `"/districts/330302 incident"`},
	{"a relative dataschema", "grassroots/event.json", envelope, "/dataschema", `"incident/accepted.v1.json"`},
}

// The schemas refuse what the SDK would refuse or never writes, and say
// where.
func TestSchemasRefuse(t *testing.T) {
	for _, r := range refusals {
		u := uri(r.schema)
		base := instance(t, []byte(r.base))
		require.NoError(t, validate(t, u, base), "%s: the base document validates against %s", r.name, r.schema)
		bad := instance(t, []byte(r.base))
		set(t, bad, r.pointer, r.value)
		err := validate(t, u, bad)
		if !assert.Error(t, err, "%s: %s %s = %s", r.name, r.schema, r.pointer, r.value) {
			continue
		}
		where := r.pointer
		if r.value == "" || strings.HasPrefix(r.pointer, "/Tenant") {
			where = r.pointer[:strings.LastIndexByte(r.pointer, '/')] // reported at the parent
		}
		assert.True(t, slices.ContainsFunc(locations(err), func(l string) bool { return l == where || strings.HasPrefix(l, where+"/") }),
			"%s: an error is at %s: %v", r.name, where, locations(err))
	}
}

// set changes the member at pointer in doc to the JSON value, or deletes
// it when value is empty.
func set(t *testing.T, doc any, pointer, value string) {
	t.Helper()
	steps := strings.Split(pointer, "/")[1:]
	cur := doc
	for _, s := range steps[:len(steps)-1] {
		switch x := cur.(type) {
		case map[string]any:
			cur = x[s]
		case []any:
			i, err := strconv.Atoi(s)
			require.NoError(t, err, "%s: index %s", pointer, s)
			cur = x[i]
		}
	}
	last := steps[len(steps)-1]
	switch x := cur.(type) {
	case map[string]any:
		if value == "" {
			_, ok := x[last]
			require.True(t, ok, "%s is present before it is deleted", pointer)
			delete(x, last)
			return
		}
		x[last] = instance(t, []byte(value))
	case []any:
		i, err := strconv.Atoi(last)
		require.NoError(t, err, "%s: index %s", pointer, last)
		x[i] = instance(t, []byte(value))
	default:
		require.Fail(t, "no container", "%s", pointer)
	}
}

// locations lists the instance locations of every error in err's tree,
// as JSON pointers.
func locations(err error) []string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	var out []string
	var visit func(e *jsonschema.ValidationError)
	visit = func(e *jsonschema.ValidationError) {
		p := ""
		for _, s := range e.InstanceLocation {
			p += "/" + s
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
		for _, c := range e.Causes {
			visit(c)
		}
	}
	visit(ve)
	return out
}

// The envelope the refusal cases start from is one the SDK reads.
func TestRefusalEnvelopeIsValid(t *testing.T) {
	_, err := grassroots.ParseEvent([]byte(envelope))
	assert.NoError(t, err, "the base envelope parses")
}
