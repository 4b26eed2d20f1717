package risk

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

const conformanceDir = "../testdata/conformance/v2/risk"

type vector struct {
	Description string          `json:"description"`
	Input       json.RawMessage `json:"input"`
	Want        json.RawMessage `json:"want"`
	WantError   string          `json:"want_error"`
}

// errorCode names an error in the language-neutral vectors.
func errorCode(err error) string {
	codes := []struct {
		err  error
		code string
	}{
		{ErrOutOfRange, "out_of_range"}, {grassroots.ErrTransition, "transition"}, {ErrAlertNotHigher, "alert_not_higher"},
		{ErrAlertNotLower, "alert_not_lower"}, {ErrApproverIsOwner, "approver_is_owner"},
		{ErrExpiryNotFuture, "expiry_not_future"}, {ErrNoAcceptance, "no_acceptance"}, {ErrTimeOrder, "time_order"},
		{ErrStepCompleted, "step_completed"}, {ErrUnknownStep, "unknown_step"}, {ErrUndefinedRate, "undefined_rate"},
		{ErrEmptyGroup, "empty_group"}, {ErrWrongRisk, "wrong_risk"}, {ErrNotDue, "not_due"},
		{ErrAlreadyEscalated, "already_escalated"}, {grassroots.ErrCommandConflict, "command_conflict"},
		{ErrZeroWeight, "zero_weight"}, {grassroots.ErrInvalid, "invalid"},
	}
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return "other: " + err.Error()
}

// TestConformance walks every vector file of the package; each file name
// says what its vectors exercise.
func TestConformance(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(conformanceDir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	runners := map[string]func(*testing.T, vector){
		"matrix": runMatrixVector, "scale": runScaleVector, "fairness": runFairnessVector, "decide": runDecideVector,
		"envelopes": runEnvelopeVector, "due": runDueVector,
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		run, ok := runners[name]
		require.True(t, ok, "no runner for %s", file)
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		var vectors []vector
		require.NoError(t, json.Unmarshal(data, &vectors), file)
		for _, v := range vectors {
			t.Run(name+"/"+v.Description, func(t *testing.T) {
				require.True(t, (v.Want == nil) != (v.WantError == ""), "exactly one of want and want_error")
				run(t, v)
			})
		}
	}
}

func checkError(t *testing.T, v vector, err error) bool {
	if v.WantError != "" {
		require.Error(t, err)
		assert.Equal(t, v.WantError, errorCode(err))
		return false
	}
	require.NoError(t, err)
	return true
}

func runMatrixVector(t *testing.T, v vector) {
	var in struct {
		Matrix             string
		Likelihood, Impact int
	}
	require.NoError(t, json.Unmarshal(v.Input, &in))
	m, ok := map[string]Matrix{"nist_sp_800_30_r1": NIST80030(), "nist_sp_800_30_r1_overall_likelihood": NIST80030Likelihood(), "product_5x5": Product5x5()}[in.Matrix]
	require.True(t, ok, "matrix %q", in.Matrix)
	level, err := m.Level(in.Likelihood, in.Impact)
	if checkError(t, v, err) {
		var want struct{ Level Level }
		require.NoError(t, json.Unmarshal(v.Want, &want))
		assert.Equal(t, want.Level, level)
	}
}

func runScaleVector(t *testing.T, v vector) {
	var in struct{ Score decimal.Decimal }
	require.NoError(t, json.Unmarshal(v.Input, &in))
	level, err := NIST80030Scale().Level(in.Score)
	if checkError(t, v, err) {
		var want struct{ Level Level }
		require.NoError(t, json.Unmarshal(v.Want, &want))
		assert.Equal(t, want.Level, level)
	}
}

func runFairnessVector(t *testing.T, v vector) {
	var in struct {
		Samples       []Sample
		Metrics       []string
		Groups        []string
		Reference     string
		ReferenceKind ReferenceKind `json:"reference_kind"`
		Weighted      bool
	}
	require.NoError(t, json.Unmarshal(v.Input, &in))
	opts := FairnessOptions{Groups: in.Groups, Reference: in.Reference, ReferenceKind: in.ReferenceKind, Weighted: in.Weighted}
	bits := map[string]Metrics{"demographic_parity": MetricDemographicParity, "equal_opportunity": MetricEqualOpportunity,
		"equalized_odds": MetricEqualizedOdds, "disparate_impact": MetricDisparateImpact}
	for _, m := range in.Metrics {
		require.Contains(t, bits, m)
		opts.Metrics |= bits[m]
	}
	rep, err := Fairness(in.Samples, opts)
	if !checkError(t, v, err) {
		return
	}
	// The want object lists only the fields a vector checks; compare each
	// against the report's JSON, decimals by value.
	got := map[string]any{}
	require.NoError(t, json.Unmarshal([]byte(jsonOf(t, rep)), &got))
	groups := map[string]any{}
	for _, g := range got["groups"].([]any) {
		groups[g.(map[string]any)["group"].(string)] = g
	}
	got["groups"] = groups
	di := map[string]any{}
	if list, ok := got["disparate_impact"].([]any); ok {
		for _, d := range list {
			di[d.(map[string]any)["group"].(string)] = d
		}
	}
	got["disparate_impact"] = di
	var want map[string]any
	require.NoError(t, json.Unmarshal(v.Want, &want))
	assertSubset(t, "", want, got)
}

// assertSubset checks that every field of want is in got with the same
// value; strings that are decimals compare by value.
func assertSubset(t *testing.T, path string, want, got any) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		require.True(t, ok, "%s: not an object: %v", path, got)
		for k, wv := range w {
			assertSubset(t, path+"."+k, wv, g[k])
		}
	case string:
		gs, ok := got.(string)
		require.True(t, ok, "%s: want %q, got %v", path, w, got)
		wd, err1 := decimal.NewFromString(w)
		gd, err2 := decimal.NewFromString(gs)
		if err1 == nil && err2 == nil {
			assert.True(t, wd.Equal(gd), "%s: want %s, got %s", path, w, gs)
			return
		}
		assert.Equal(t, w, gs, path)
	default:
		assert.Equal(t, want, got, path)
	}
}

// commandTypes gives a zero value of every command by name, for decoding
// the vectors' commands.
var commandTypes = map[string]Command{
	"identify": Identify{}, "assess": Assess{}, "issue_alert": IssueAlert{}, "raise_alert": RaiseAlert{},
	"lower_alert": LowerAlert{}, "activate_plan": ActivatePlan{}, "complete_step": CompleteStep{},
	"remediate": Remediate{}, "close": Close{}, "dismiss": Dismiss{}, "reopen": Reopen{}, "accept": Accept{},
	"revoke_acceptance": RevokeAcceptance{}, "review": Review{}, "escalate": Escalate{},
}

func decodeCommand(t *testing.T, name string, data json.RawMessage) Command {
	zero, ok := commandTypes[name]
	require.True(t, ok, "unknown command %q", name)
	ptr := reflect.New(reflect.TypeOf(zero))
	require.NoError(t, json.Unmarshal(data, ptr.Interface()), "command %s", name)
	c, _ := ptr.Elem().Interface().(Command)
	require.Equal(t, name, c.CommandName())
	return c
}

func runDecideVector(t *testing.T, v vector) {
	var in struct {
		Commands []struct {
			Command string
			Data    json.RawMessage
		}
		TreatmentAt []time.Time `json:"treatment_at"`
	}
	require.NoError(t, json.Unmarshal(v.Input, &in))
	var r Risk
	var names []string
	var err error
	for _, c := range in.Commands {
		var evs []Event
		evs, err = decider.Decide(r, decodeCommand(t, c.Command, c.Data))
		if err != nil {
			break
		}
		for _, e := range evs {
			r, err = decider.Evolve(r, e)
			require.NoError(t, err, "Evolve applies what Decide returned")
			names = append(names, e.EventName())
		}
	}
	if !checkError(t, v, err) {
		return
	}
	var want struct {
		Events      []string
		Stage       Stage
		Alert       AlertLevel
		Version     int64
		Reopened    int
		CloseReason *CloseReason `json:"close_reason"`
		Escalations *int
		Treatments  []Treatment
	}
	require.NoError(t, json.Unmarshal(v.Want, &want))
	assert.Equal(t, want.Events, names)
	assert.Equal(t, want.Stage, r.Stage)
	assert.Equal(t, want.Alert, r.Alert)
	assert.Equal(t, want.Version, r.Version)
	assert.Equal(t, want.Reopened, r.Reopened)
	if want.CloseReason != nil {
		assert.Equal(t, *want.CloseReason, r.CloseReason)
	}
	if want.Escalations != nil {
		assert.Len(t, r.Escalations, *want.Escalations)
	}
	for i, at := range in.TreatmentAt {
		assert.Equal(t, want.Treatments[i], EffectiveTreatment(r, at), "treatment at %s", at)
	}
}

// runEnvelopeVector seals the events of the input from its source and
// checks each envelope's ID, type, dataschema, sequence, prevhash and
// hash; the events decode from the vector's data and encode back to it.
func runEnvelopeVector(t *testing.T, v vector) {
	var in struct {
		Source string
		Events []struct {
			Event string
			Data  json.RawMessage
		}
	}
	require.NoError(t, json.Unmarshal(v.Input, &in))
	var events []Event
	for i, e := range in.Events {
		zero, ok := Codec.Zero(e.Event)
		require.True(t, ok, "event %d: unknown event %q", i, e.Event)
		ptr := reflect.New(reflect.TypeOf(zero))
		require.NoError(t, json.Unmarshal(e.Data, ptr.Interface()), "event %d", i)
		ev, _ := ptr.Elem().Interface().(Event)
		assert.JSONEq(t, string(e.Data), jsonOf(t, ev), "event %d: the data is the event's JSON", i)
		events = append(events, ev)
	}
	envs, err := Codec.Seal(nil, in.Source, events)
	if !checkError(t, v, err) {
		return
	}
	var want []struct {
		ID         string
		Type       string
		DataSchema string
		Sequence   int64
		PrevHash   string
		Hash       string
	}
	require.NoError(t, json.Unmarshal(v.Want, &want))
	require.Len(t, envs, len(want))
	for i, w := range want {
		e := envs[i]
		assert.Equal(t, w.ID, e.ID, "envelope %d: id", i)
		assert.Equal(t, w.Type, e.Type, "envelope %d: type", i)
		assert.Equal(t, w.DataSchema, e.DataSchema, "envelope %d: dataschema", i)
		assert.Equal(t, w.Sequence, e.Sequence, "envelope %d: sequence", i)
		assert.Equal(t, w.PrevHash, e.PrevHash, "envelope %d: prevhash", i)
		assert.Equal(t, w.Hash, e.Hash, "envelope %d: hash", i)
	}
	state, err := grassroots.ReplayEnvelopes(decider, Codec, envs)
	require.NoError(t, err, "the chain replays")
	assert.Equal(t, int64(len(envs)), state.Version)
}

// runDueVector decides the input's commands, asks Due for the escalations
// at input.now by input.by, and checks each one's kind, key, deadline and
// derived command ID; Decide accepts every one.
func runDueVector(t *testing.T, v vector) {
	var in struct {
		Commands []struct {
			Command string
			Data    json.RawMessage
		}
		Now time.Time
		By  grassroots.Actor
	}
	require.NoError(t, json.Unmarshal(v.Input, &in))
	var r Risk
	for _, c := range in.Commands {
		evs, err := decider.Decide(r, decodeCommand(t, c.Command, c.Data))
		require.NoError(t, err, "command %s", c.Command)
		r = evolve(t, r, evs)
	}
	due, err := Due([]Risk{r}, in.Now, in.By)
	if !checkError(t, v, err) {
		return
	}
	var want struct {
		Escalations []struct {
			Kind      EscalationKind
			Key       string
			Due       time.Time
			CommandID string `json:"command_id"`
		}
	}
	require.NoError(t, json.Unmarshal(v.Want, &want))
	require.Len(t, due, len(want.Escalations))
	for i, w := range want.Escalations {
		assert.Equal(t, w.Kind, due[i].Kind, "escalation %d", i)
		assert.Equal(t, w.Key, due[i].Key, "escalation %d", i)
		assert.True(t, w.Due.Equal(due[i].Due), "escalation %d: due %s", i, due[i].Due)
		assert.Equal(t, w.CommandID, due[i].CommandID, "escalation %d", i)
		_, err := decider.Decide(r, due[i])
		assert.NoError(t, err, "escalation %d is accepted", i)
	}
}
