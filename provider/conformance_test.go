package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

const conformanceDir = "../testdata/conformance/v2/provider"

type vector struct {
	Description string          `json:"description"`
	Input       json.RawMessage `json:"input"`
	Want        json.RawMessage `json:"want"`
	WantError   string          `json:"want_error"`
}

func loadVectors(t *testing.T, name string) []vector {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(conformanceDir, name))
	require.NoError(t, err)
	var vs []vector
	require.NoError(t, json.Unmarshal(b, &vs), name)
	require.NotEmpty(t, vs, name)
	return vs
}

func decodeInto(t *testing.T, raw json.RawMessage, v any, what string) {
	t.Helper()
	require.NoError(t, json.Unmarshal(raw, v), what)
}

// TestConformance runs every vector file; each file has its own runner.
func TestConformance(t *testing.T) {
	runners := map[string]func(*testing.T, vector){
		"uscc.json":           conformUSCC,
		"contract_term.json":  conformTerm,
		"authorize.json":      conformAuthorize,
		"settle.json":         conformSettle,
		"responsibility.json": conformResponsibility,
		"lifecycle.json":      conformLifecycle,
	}
	files, err := filepath.Glob(filepath.Join(conformanceDir, "*.json"))
	require.NoError(t, err)
	require.Len(t, files, len(runners), "every vector file has a runner")
	for _, f := range files {
		name := filepath.Base(f)
		run, ok := runners[name]
		require.True(t, ok, "no runner for %s", name)
		for _, v := range loadVectors(t, name) {
			t.Run(name+"/"+v.Description, func(t *testing.T) { run(t, v) })
		}
	}
}

func conformUSCC(t *testing.T, v vector) {
	var in struct{ Code string }
	decodeInto(t, v.Input, &in, "input")
	u, err := ParseUSCC(in.Code)
	if v.WantError != "" {
		var ue *USCCError
		require.ErrorAs(t, err, &ue)
		assert.Equal(t, v.WantError, ue.Reason.String())
		return
	}
	require.NoError(t, err)
	var want struct{ Code string }
	decodeInto(t, v.Want, &want, "want")
	assert.Equal(t, want.Code, u.String())
}

func conformTerm(t *testing.T, v vector) {
	var in struct {
		grassroots.Period
		MultiYearJustification string `json:"multi_year_justification"`
	}
	decodeInto(t, v.Input, &in, "input")
	c := testContract(t)
	c.Period, c.MultiYearJustification = in.Period, in.MultiYearJustification
	err := c.Validate()
	if v.WantError == "" {
		assert.NoError(t, err)
		return
	}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	var got []string
	for _, f := range ve.Fields {
		got = append(got, f.Path+":"+f.Rule)
	}
	assert.Equal(t, []string{v.WantError}, got)
}

func conformAuthorize(t *testing.T, v vector) {
	var in struct {
		Grants  []Grant
		Request Request
	}
	decodeInto(t, v.Input, &in, "input")
	got := Authorize(in.Grants, in.Request)
	b, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(v.Want), string(b), "the decision and its denial")
	if c, err := CompileGrants(in.Grants); err == nil {
		assert.Equal(t, got, c.Authorize(in.Request), "compiled and uncompiled agree")
	}
}

var settleErrors = map[string]error{
	"unknown_grade":    ErrUnknownGrade,
	"not_whole_days":   ErrNotWholeDays,
	"outside_contract": ErrOutsideContract,
}

func conformSettle(t *testing.T, v vector) {
	var in struct {
		Contract Contract
		Period   grassroots.Period
		Measured []Measurement
		Grade    Grade
	}
	decodeInto(t, v.Input, &in, "input")
	s, err := Settle(in.Contract, in.Period, in.Measured, in.Grade)
	if v.WantError != "" {
		target, ok := settleErrors[v.WantError]
		require.True(t, ok, "unknown want_error %s", v.WantError)
		assert.ErrorIs(t, err, target)
		return
	}
	require.NoError(t, err)
	var want struct {
		Base, Payable decimal.Decimal
		Lines         []decimal.Decimal
	}
	decodeInto(t, v.Want, &want, "want")
	assert.True(t, want.Base.Equal(s.Base), "base %s, want %s", s.Base, want.Base)
	assert.True(t, want.Payable.Equal(s.Payable), "payable %s, want %s", s.Payable, want.Payable)
	require.Len(t, s.Lines, len(want.Lines))
	for i, l := range s.Lines {
		assert.True(t, want.Lines[i].Equal(l.Amount), "line %d: %s, want %s (%s)", i, l.Amount, want.Lines[i], l.Description)
	}
}

func conformResponsibility(t *testing.T, v vector) {
	var in struct{ Contracts []Contract }
	decodeInto(t, v.Input, &in, "input")
	var want []Ambiguity
	decodeInto(t, v.Want, &want, "want")
	got := CheckResponsibility(in.Contracts)
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i].Kind, got[i].Kind)
		assert.Equal(t, want[i].Function, got[i].Function)
		assert.Equal(t, want[i].Area, got[i].Area)
		assert.Equal(t, want[i].Parties, got[i].Parties)
		assert.Equal(t, want[i].Contracts, got[i].Contracts)
		assert.True(t, want[i].Period.Equal(got[i].Period), "period %v, want %v", got[i].Period, want[i].Period)
	}
}

// commandTypes decodes a lifecycle command of a vector: the command's own
// JSON (its Meta at the top level) with its name under "command".
var commandTypes = map[string]func(json.RawMessage) (Command, error){
	"draft":     decodeCommand[Draft],
	"amend":     decodeCommand[Amend],
	"publish":   decodeCommand[Publish],
	"sign":      decodeCommand[Sign],
	"activate":  decodeCommand[Activate],
	"complete":  decodeCommand[Complete],
	"terminate": decodeCommand[Terminate],
	"cancel":    decodeCommand[Cancel],
}

func decodeCommand[C Command](raw json.RawMessage) (Command, error) {
	var c C
	err := json.Unmarshal(raw, &c)
	return c, err
}

var lifecycleErrors = map[string]error{
	"transition":        grassroots.ErrTransition,
	"forbidden":         ErrForbidden,
	"not_published":     ErrNotPublished,
	"already_published": ErrAlreadyPublished,
	"too_early":         ErrTooEarly,
	"invalid":           grassroots.ErrInvalid,
	"conflict":          grassroots.ErrCommandConflict,
}

func conformLifecycle(t *testing.T, v vector) {
	var in struct {
		Source   string            `json:"source"`
		Commands []json.RawMessage `json:"commands"`
	}
	decodeInto(t, v.Input, &in, "input")
	var d Decider
	var s State
	var events []Event
	var err error
	for i, raw := range in.Commands {
		var head struct{ Command string }
		decodeInto(t, raw, &head, fmt.Sprintf("command %d", i))
		decode, ok := commandTypes[head.Command]
		require.True(t, ok, "command %d: unknown command %q", i, head.Command)
		cmd, cerr := decode(raw)
		require.NoError(t, cerr, "command %d", i)
		var es []Event
		if es, err = d.Decide(s, cmd); err != nil {
			require.Equal(t, len(in.Commands)-1, i, "only the last command may fail: %v", err)
			assert.Empty(t, es, "a refused command emits nothing")
			break
		}
		for _, e := range es {
			s, err = d.Evolve(s, e)
			require.NoError(t, err, "command %d: evolve %s", i, e.EventName())
		}
		events = append(events, es...)
	}
	if v.WantError != "" {
		target, ok := lifecycleErrors[v.WantError]
		require.True(t, ok, "unknown want_error %s", v.WantError)
		assert.ErrorIs(t, err, target)
		return
	}
	require.NoError(t, err)
	var want struct {
		Status     ContractStatus    `json:"status"`
		Version    int               `json:"version"`
		Published  bool              `json:"published"`
		DateSigned time.Time         `json:"date_signed"`
		Ended      time.Time         `json:"ended"`
		EndReason  string            `json:"end_reason"`
		Amendments int               `json:"amendments"`
		Quantity   string            `json:"quantity"`
		Envelopes  []json.RawMessage `json:"envelopes"`
	}
	decodeInto(t, v.Want, &want, "want")
	assert.Equal(t, want.Status, s.Status)
	assert.Equal(t, want.Version, s.Version)
	assert.Equal(t, want.Published, s.Contract.Published)
	assert.True(t, want.DateSigned.Equal(s.DateSigned), "date signed %v", s.DateSigned)
	assert.True(t, want.Ended.Equal(s.Ended), "ended %v", s.Ended)
	assert.Equal(t, want.EndReason, s.EndReason)
	assert.Equal(t, want.Amendments, len(s.Amendments))
	if want.Quantity != "" {
		assert.Equal(t, want.Quantity, s.Contract.Quantity)
	}

	envs, err := Codec.Seal(nil, in.Source, events)
	require.NoError(t, err)
	require.Len(t, envs, len(want.Envelopes), "one envelope per event")
	wire := make([]grassroots.Event, len(envs))
	for i, raw := range want.Envelopes {
		got, err := json.Marshal(envs[i])
		require.NoError(t, err)
		assert.JSONEq(t, string(raw), string(got), "envelope %d: id, hash and data as the vector gives them", i)
		wire[i], err = grassroots.ParseEvent(raw)
		require.NoError(t, err, "envelope %d of the vector", i)
	}
	back, err := d.ReplayEnvelopes(wire)
	require.NoError(t, err, "replay the vector's envelopes")
	assert.True(t, equalStates(s, back), "the vector's envelopes replay to the state")
}
