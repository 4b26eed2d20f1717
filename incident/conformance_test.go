package incident

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/workday"
)

const conformanceDir = "../testdata/conformance/v2/incident"

type vector[In, Want any] struct {
	Description string `json:"description"`
	Input       In     `json:"input"`
	Want        *Want  `json:"want"`
	WantError   string `json:"want_error"`
}

func loadVectors[In, Want any](t *testing.T, name string) []vector[In, Want] {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(conformanceDir, name))
	require.NoError(t, err, "reading %s", name)
	var vs []vector[In, Want]
	require.NoError(t, json.Unmarshal(b, &vs), "decoding %s", name)
	require.NotEmpty(t, vs, name)
	return vs
}

// wireCommand is the language-neutral form of a command in the
// conformance vectors: the command's own JSON with its name in "op".
type wireCommand struct{ json.RawMessage }

func decodeAs[C Command](b []byte) (Command, error) {
	var c C
	err := json.Unmarshal(b, &c)
	return c, err
}

var commandDecoders = map[Op]func([]byte) (Command, error){
	OpReport: decodeAs[Report], OpAccept: decodeAs[Accept], OpReject: decodeAs[Reject],
	OpDispatch: decodeAs[Dispatch], OpReturn: decodeAs[Return], OpStart: decodeAs[Start],
	OpResolve: decodeAs[Resolve], OpClose: decodeAs[Close], OpReopen: decodeAs[Reopen],
	OpEscalate: decodeAs[Escalate], OpExtend: decodeAs[Extend], OpRate: decodeAs[Rate],
	OpLocate: decodeAs[Locate],
}

func (w wireCommand) command(t *testing.T) Command {
	t.Helper()
	var head struct {
		Op Op `json:"op"`
	}
	require.NoError(t, json.Unmarshal(w.RawMessage, &head), "command op in %s", w.RawMessage)
	c, err := commandDecoders[head.Op](w.RawMessage)
	require.NoError(t, err, "command %s", w.RawMessage)
	return c
}

var conformanceErrors = map[string]error{
	"transition":       grassroots.ErrTransition,
	"forbidden":        ErrForbidden,
	"time_backwards":   ErrTimeBackwards,
	"invalid":          grassroots.ErrInvalid,
	"command_conflict": grassroots.ErrCommandConflict,
	"not_located":      ErrNotLocated,
	"escalation":       ErrEscalation,
	"already_rated":    ErrAlreadyRated,
	"extension_late":   ErrExtensionLate,
	"outside_calendar": workday.ErrOutsideCalendar,
	"bad_limit":        workday.ErrBadLimit,
}

func TestCommandDecodersCoverEveryOp(t *testing.T) {
	for _, op := range Ops() {
		dec, ok := commandDecoders[op]
		require.True(t, ok, "a decoder for %s", op)
		c, err := dec([]byte(`{}`))
		require.NoError(t, err)
		assert.Equal(t, op.String(), c.CommandName())
	}
}

// history decides and evolves a vector's history, which must succeed.
func history(t *testing.T, d *Decider, cmds []wireCommand, what string) (Incident, []Event) {
	t.Helper()
	var s Incident
	var all []Event
	for i, w := range cmds {
		evs, err := d.Decide(s, w.command(t))
		require.NoError(t, err, "%s: history step %d", what, i)
		for _, e := range evs {
			s, err = d.Evolve(s, e)
			require.NoError(t, err, "%s: history step %d", what, i)
		}
		all = append(all, evs...)
	}
	return s, all
}

func TestConformanceTransitions(t *testing.T) {
	type input struct {
		History []wireCommand `json:"history"`
		Command wireCommand   `json:"command"`
	}
	type want struct {
		Events []string `json:"events"`
		Status string   `json:"status"`
	}
	d := testDecider(t)
	for _, v := range loadVectors[input, want](t, "transitions.json") {
		s, _ := history(t, d, v.Input.History, v.Description)
		evs, err := d.Decide(s, v.Input.Command.command(t))
		if v.WantError != "" {
			sentinel, ok := conformanceErrors[v.WantError]
			require.True(t, ok, "%s: known error %q", v.Description, v.WantError)
			assert.ErrorIs(t, err, sentinel, v.Description)
			assert.Empty(t, evs, v.Description)
			continue
		}
		require.NoError(t, err, v.Description)
		names := []string{}
		for _, e := range evs {
			names = append(names, e.EventName())
			s, err = d.Evolve(s, e)
			require.NoError(t, err, v.Description)
		}
		assert.Equal(t, v.Want.Events, names, v.Description)
		assert.Equal(t, v.Want.Status, s.Status.String(), v.Description)
	}
}

// TestConformanceEnvelopes decides each vector's history, seals the
// events with Codec and compares every envelope with the vector: its ID,
// type, sequence, prevhash, hash and data. The IDs are
// grassroots.EventID(subject, command ID, index, time) and the hashes the
// chain's SHA-256 over the canonical form, as the root package's
// documentation defines them.
func TestConformanceEnvelopes(t *testing.T) {
	type input struct {
		Source  string        `json:"source"`
		History []wireCommand `json:"history"`
	}
	type envelope struct {
		ID       string          `json:"id"`
		Type     string          `json:"type"`
		Subject  string          `json:"subject"`
		Time     string          `json:"time"`
		Sequence int64           `json:"sequence"`
		PrevHash string          `json:"prevhash"`
		Hash     string          `json:"hash"`
		Data     json.RawMessage `json:"data"`
	}
	d := testDecider(t)
	for _, v := range loadVectors[input, []envelope](t, "envelopes.json") {
		_, events := history(t, d, v.Input.History, v.Description)
		envs, err := Codec.Seal(nil, v.Input.Source, events)
		require.NoError(t, err, v.Description)
		require.Len(t, envs, len(*v.Want), v.Description)
		for i, w := range *v.Want {
			got := envs[i]
			what := fmt.Sprintf("%s: envelope %d", v.Description, i)
			assert.Equal(t, w.ID, got.ID, what)
			assert.Equal(t, w.Type, got.Type, what)
			assert.Equal(t, w.Subject, got.Subject, what)
			assert.Equal(t, w.Sequence, got.Sequence, what)
			assert.Equal(t, w.PrevHash, got.PrevHash, what)
			assert.Equal(t, w.Hash, got.Hash, what)
			assert.JSONEq(t, string(w.Data), string(got.Data), what)
		}
		state, err := d.ReplayEnvelopes(envs)
		require.NoError(t, err, v.Description)
		assert.Equal(t, len(events), state.Version, v.Description)
	}
}
