package provider

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

const conformanceDir = "../testdata/conformance/v1/provider"

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
	var want Decision
	decodeInto(t, v.Want, &want, "want")
	got := Authorize(in.Grants, in.Request)
	assert.Equal(t, want, got)
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

// vectorCommand is a lifecycle command in language-neutral form.
type vectorCommand struct {
	Command  string           `json:"command"`
	By       grassroots.Actor `json:"by"`
	At       time.Time        `json:"at"`
	Contract *Contract        `json:"contract"`
	Reason   string           `json:"reason"`
}

func (v vectorCommand) command() (Command, error) {
	m := CommandMeta{By: v.By, At: v.At}
	var c Contract
	if v.Contract != nil {
		c = *v.Contract
	}
	switch v.Command {
	case "draft":
		return Draft{m, c}, nil
	case "amend":
		return Amend{m, c, v.Reason}, nil
	case "publish":
		return Publish{m}, nil
	case "sign":
		return Sign{m}, nil
	case "activate":
		return Activate{m}, nil
	case "complete":
		return Complete{m}, nil
	case "terminate":
		return Terminate{m, v.Reason}, nil
	case "cancel":
		return Cancel{m, v.Reason}, nil
	}
	return nil, fmt.Errorf("unknown command %q", v.Command)
}

var lifecycleErrors = map[string]error{
	"transition":    ErrTransition,
	"forbidden":     ErrForbidden,
	"not_published": ErrNotPublished,
	"too_early":     ErrTooEarly,
	"invalid":       grassroots.ErrInvalid,
}

func conformLifecycle(t *testing.T, v vector) {
	var in struct{ Commands []vectorCommand }
	decodeInto(t, v.Input, &in, "input")
	var s State
	var events []Event
	var err error
	for i, vc := range in.Commands {
		cmd, cerr := vc.command()
		require.NoError(t, cerr, "command %d", i)
		var es []Event
		if es, err = Decide(s, cmd); err != nil {
			require.Equal(t, len(in.Commands)-1, i, "only the last command may fail: %v", err)
			break
		}
		for _, e := range es {
			s = Evolve(s, e)
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
		Status     ContractStatus
		Version    int
		Published  bool
		DateSigned time.Time `json:"date_signed"`
		Amendments int
		Quantity   string
		Types      []string
	}
	decodeInto(t, v.Want, &want, "want")
	assert.Equal(t, want.Status, s.Status)
	assert.Equal(t, want.Version, s.Version)
	assert.Equal(t, want.Published, s.Contract.Published)
	assert.True(t, want.DateSigned.Equal(s.DateSigned), "date signed %v", s.DateSigned)
	assert.Equal(t, want.Amendments, len(s.Amendments))
	if want.Quantity != "" {
		assert.Equal(t, want.Quantity, s.Contract.Quantity)
	}
	envs, err := Envelopes(nil, "/conformance", events, rand.NewChaCha8([32]byte{}))
	require.NoError(t, err)
	require.NoError(t, grassroots.VerifyChain(envs))
	if want.Types != nil {
		var types []string
		for _, e := range envs {
			types = append(types, e.Type)
		}
		assert.Equal(t, want.Types, types)
	}
	back, err := FromEnvelopes(envs)
	require.NoError(t, err)
	assert.Equal(t, s.Status, Replay(back).Status, "replay from envelopes")
	assert.Equal(t, s.Version, Replay(back).Version)
}
