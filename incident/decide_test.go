package incident

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/workday"
)

// TestDecideTransitionTable walks every cell of (status × command kind),
// with an actor the permission table allows, and checks the events or the
// TransitionError. The expected table is written out here, independently
// of the package's own table.
func TestDecideTransitionTable(t *testing.T) {
	want := map[Status]map[Op]string{
		0:                {OpReport: "reported"},
		StatusReported:   {OpAccept: "accepted", OpReject: "rejected", OpEscalate: "escalated"},
		StatusAccepted:   {OpDispatch: "dispatched"},
		StatusRejected:   {},
		StatusDispatched: {OpReturn: "returned", OpStart: "started", OpEscalate: "escalated", OpExtend: "extended"},
		StatusReturned:   {OpDispatch: "dispatched", OpReject: "rejected"},
		StatusInProgress: {OpResolve: "resolved", OpEscalate: "escalated", OpExtend: "extended"},
		StatusResolved:   {OpClose: "closed"},
		StatusClosed:     {OpReopen: "reopened", OpRate: "rated"},
		StatusReopened:   {OpDispatch: "dispatched"},
	}
	nextStatus := map[string]Status{
		"reported": StatusReported, "accepted": StatusAccepted, "rejected": StatusRejected,
		"dispatched": StatusDispatched, "returned": StatusReturned, "started": StatusInProgress,
		"resolved": StatusResolved, "closed": StatusClosed, "reopened": StatusReopened,
	}
	d := testDecider(t)
	for from, row := range want {
		state, _, last := build(t, d, "inc-1", pathTo[from])
		require.Equal(t, from, state.Status, "fixture reaches %s", from)
		for _, op := range Ops() {
			name := from.String() + "/" + op.String()
			t.Run(name, func(t *testing.T) {
				evs, err := d.Decide(state, commandFor(op, "inc-1", 99, last.Add(time.Minute)))
				wantEvent, ok := row[op]
				if !ok {
					var te *TransitionError
					require.ErrorAs(t, err, &te, "%s is not allowed", name)
					assert.Equal(t, TransitionError{From: from, Op: op}, *te, name)
					assert.Empty(t, evs, "a rejected command emits nothing")
					return
				}
				require.NoError(t, err, name)
				require.Len(t, evs, 1, name)
				assert.Equal(t, wantEvent, evs[0].Name(), name)
				after := Evolve(state, evs[0])
				if to, moves := nextStatus[wantEvent]; moves {
					assert.Equal(t, to, after.Status, "%s leads to %s", name, to)
				} else {
					assert.Equal(t, from, after.Status, "%s keeps the status", name)
				}
			})
		}
	}
}

func TestDecidePermissions(t *testing.T) {
	d := testDecider(t)
	stranger := grassroots.Actor{ID: "other", Party: grassroots.Provider, Organization: "unit-9", Roles: []string{RoleHandler}}
	noRole := grassroots.Actor{ID: "clerk", Party: grassroots.Community}
	resident := grassroots.Actor{ID: "resident-2", Party: grassroots.Resident, Roles: []string{RoleDispatcher, RoleSupervisor}}
	cases := []struct {
		name    string
		from    Status
		op      Op
		actor   grassroots.Actor
		missing string
	}{
		{"a resident cannot accept, whatever roles it claims", StatusReported, OpAccept, resident, "party"},
		{"community staff without the dispatcher role cannot dispatch", StatusAccepted, OpDispatch, noRole, "role"},
		{"a handler of another unit cannot start", StatusDispatched, OpStart, stranger, "unit"},
		{"a handler of another unit cannot return", StatusDispatched, OpReturn, stranger, "unit"},
		{"only the reporter rates", StatusClosed, OpRate, resident, "reporter"},
		{"a provider cannot escalate", StatusReported, OpEscalate, stranger, "party"},
		{"a dispatcher cannot reopen", StatusClosed, OpReopen, dispatcher, "role"},
		{"a resident cannot close", StatusResolved, OpClose, resident, "party"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			state, _, last := build(t, d, "inc-1", pathTo[tc.from])
			cmd := withActor(commandFor(tc.op, "inc-1", 99, last.Add(time.Minute)), tc.actor)
			evs, err := d.Decide(state, cmd)
			var pe *PermissionError
			require.ErrorAs(t, err, &pe, tc.name)
			assert.ErrorIs(t, err, ErrForbidden)
			assert.Equal(t, tc.missing, pe.Missing, tc.name)
			assert.Empty(t, evs)
		})
	}
}

func withActor(c Command, a grassroots.Actor) Command {
	switch c := c.(type) {
	case Accept:
		c.Actor = a
		return c
	case Dispatch:
		c.Actor = a
		return c
	case Start:
		c.Actor = a
		return c
	case Return:
		c.Actor = a
		return c
	case Rate:
		c.Actor = a
		return c
	case Escalate:
		c.Actor = a
		return c
	case Reopen:
		c.Actor = a
		return c
	case Close:
		c.Actor = a
		return c
	}
	panic("withActor: add the type")
}

func TestPermissionsTableIsComplete(t *testing.T) {
	ps := Permissions()
	require.Len(t, ps, len(Ops()))
	for i, r := range ps {
		assert.Equal(t, Ops()[i], r.Op, "rule %d", i)
	}
	ts := Transitions()
	require.Len(t, ts, len(Ops()))
	ps[1].Roles[0] = "changed"
	assert.Equal(t, RoleDispatcher, Permissions()[1].Roles[0], "Permissions returns a copy")
}

func TestDecideInvariants(t *testing.T) {
	d := testDecider(t)
	state, _, last := build(t, d, "inc-1", pathTo[StatusDispatched])

	t.Run("a seen command ID is a no-op", func(t *testing.T) {
		cmd := commandFor(OpDispatch, "inc-1", 2, last) // the same ID the fixture used
		evs, err := d.Decide(state, cmd)
		assert.NoError(t, err)
		assert.Empty(t, evs)
	})
	t.Run("a command dated before the latest event is refused", func(t *testing.T) {
		_, err := d.Decide(state, commandFor(OpStart, "inc-1", 50, last.Add(-time.Second)))
		assert.ErrorIs(t, err, ErrTimeBackwards)
	})
	t.Run("a command for another incident is refused", func(t *testing.T) {
		_, err := d.Decide(state, commandFor(OpStart, "inc-2", 50, last))
		assert.ErrorIs(t, err, ErrWrongIncident)
	})
	t.Run("a command without an actor is invalid", func(t *testing.T) {
		_, err := d.Decide(state, withActor(commandFor(OpStart, "inc-1", 50, last), grassroots.Actor{}))
		assert.ErrorIs(t, err, grassroots.ErrInvalid)
	})
	t.Run("a nil command is invalid", func(t *testing.T) {
		_, err := d.Decide(state, nil)
		assert.ErrorIs(t, err, grassroots.ErrInvalid)
	})
	t.Run("an unknown category is refused at report", func(t *testing.T) {
		r := commandFor(OpReport, "inc-9", 0, t0).(Report)
		r.Category = "999"
		_, err := d.Decide(Incident{}, r)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("category"))
	})
	t.Run("a report lists every problem at once", func(t *testing.T) {
		r := Report{Meta: meta("inc-9", "c", reporter, t0), Category: "002", Media: []string{"ftp://x"}}
		_, err := d.Decide(Incident{}, r)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve)
		for _, p := range []string{"channel", "location", "description", "media[0]"} {
			assert.True(t, ve.Has(p), "problem at %s", p)
		}
	})
}

// TestDecideProvisionalTerms checks that a term whose deadline rests on a
// day no holiday notice covers yet says so, in the state and on the wire,
// and that one on published days does not.
func TestDecideProvisionalTerms(t *testing.T) {
	d := testDecider(t)
	wednesday := time.Date(2026, 12, 30, 10, 0, 0, 0, shanghai)
	report := commandFor(OpReport, "inc-p", 0, wednesday)
	evs, err := d.Decide(Incident{}, report)
	require.NoError(t, err)
	state := Evolve(Incident{}, evs[0])
	evs, err = d.Decide(state, commandFor(OpAccept, "inc-p", 1, wednesday.Add(time.Minute)))
	require.NoError(t, err)
	state = Evolve(state, evs[0])
	evs, err = d.Decide(state, commandFor(OpDispatch, "inc-p", 2, wednesday.Add(2*time.Minute)))
	require.NoError(t, err)
	state = Evolve(state, evs[0])
	// Category 002 gives one working day: Thursday 31 December 2026,
	// covered by the 2026 notice.
	assert.True(t, state.HandleTerm.End.Equal(time.Date(2026, 12, 31, 17, 30, 0, 0, shanghai)), "handling deadline %s", state.HandleTerm.End)
	assert.False(t, state.HandleTerm.Provisional, "31 December 2026 rests on the 2026 notice")
	b, err := json.Marshal(evs[0])
	require.NoError(t, err)
	assert.NotContains(t, string(b), "provisional", "the flag is omitted when false: %s", b)

	ext := Extend{Meta: meta("inc-p", "ext", dispatcher, wednesday.Add(time.Hour)), RequestedAt: wednesday.Add(time.Hour), By: workday.Limit{Amount: 2, Unit: workday.WorkingDays}}
	evs, err = d.Decide(state, ext)
	require.NoError(t, err)
	state = Evolve(state, evs[0])
	assert.True(t, state.HandleTerm.End.Equal(time.Date(2027, 1, 5, 17, 30, 0, 0, shanghai)), "extended over the provisional 元旦: %s", state.HandleTerm.End)
	assert.True(t, state.HandleTerm.Provisional, "a deadline in January 2027 rests on provisional days")
	b, err = json.Marshal(evs[0])
	require.NoError(t, err)
	assert.Contains(t, string(b), `"provisional":true`, "the flag is on the wire: %s", b)
	env, err := ToEnvelope(evs[0], EnvelopeOptions{Source: "/districts/330302/incident"})
	require.NoError(t, err)
	back, err := FromEnvelope(env)
	require.NoError(t, err)
	assert.True(t, back.(Extended).HandleTerm.Provisional, "the flag survives the envelope")
}

func TestDecideEscalationAndExtension(t *testing.T) {
	d := testDecider(t)
	state, _, last := build(t, d, "inc-1", pathTo[StatusDispatched])
	due := state.HandleTerm.End
	// Category 002 gives one working day from Monday 09:02: due Tuesday 17:30.
	assert.True(t, due.Equal(time.Date(2025, 11, 25, 17, 30, 0, 0, shanghai)), "handling deadline %s", due)

	urge := Escalate{Meta: meta("inc-1", "urge-early", supervisor, last.Add(time.Minute)), Level: LevelUrge}
	_, err := d.Decide(state, urge)
	assert.ErrorIs(t, err, ErrEscalation, "no urge before the deadline")

	late := Extend{Meta: meta("inc-1", "ext-late", dispatcher, due.Add(time.Hour)), RequestedAt: due.Add(time.Minute), By: workday.Limit{Amount: 1, Unit: workday.WorkingDays}}
	_, err = d.Decide(state, late)
	assert.ErrorIs(t, err, ErrExtensionLate)

	ok := Extend{Meta: meta("inc-1", "ext-ok", dispatcher, due.Add(time.Hour)), RequestedAt: due.Add(-time.Hour), By: workday.Limit{Amount: 1, Unit: workday.WorkingDays}}
	evs, err := d.Decide(state, ok)
	require.NoError(t, err)
	state = Evolve(state, evs[0])
	assert.True(t, state.HandleTerm.End.Equal(time.Date(2025, 11, 26, 17, 30, 0, 0, shanghai)), "extended deadline %s", state.HandleTerm.End)
	assert.Equal(t, 1, state.Extensions)

	urge.Meta = meta("inc-1", "urge", supervisor, state.HandleTerm.End)
	evs, err = d.Decide(state, urge)
	require.NoError(t, err)
	state = Evolve(state, evs[0])
	reminder := Escalate{Meta: meta("inc-1", "rem", supervisor, state.HandleTerm.End.Add(time.Minute)), Level: LevelReminder}
	_, err = d.Decide(state, reminder)
	assert.ErrorIs(t, err, ErrEscalation, "levels only go up")
}

func TestDecideRatingAndRedo(t *testing.T) {
	d := testDecider(t)
	state, _, last := build(t, d, "inc-1", pathTo[StatusClosed])
	rate := Rate{Meta: meta("inc-1", "rate-1", reporter, last.Add(time.Hour)), Grade: Dissatisfied, Comment: "still smells", Substantive: true}
	evs, err := d.Decide(state, rate)
	require.NoError(t, err)
	require.Len(t, evs, 2, "a substantive dissatisfied rating rates and orders a redo")
	assert.Equal(t, "rated", evs[0].Name())
	redo, isReopen := evs[1].(Reopened)
	require.True(t, isReopen)
	assert.True(t, redo.Redo)
	for _, e := range evs {
		state = Evolve(state, e)
	}
	assert.Equal(t, StatusDispatched, state.Status, "a redo goes back to the unit")
	assert.Equal(t, "unit-1", state.Unit)
	assert.Equal(t, 1, state.Redos)

	closed, _, last2 := build(t, d, "inc-2", pathTo[StatusClosed])
	plain := Rate{Meta: meta("inc-2", "rate-1", reporter, last2.Add(time.Hour)), Grade: VeryDissatisfied, Substantive: false}
	evs, err = d.Decide(closed, plain)
	require.NoError(t, err)
	assert.Len(t, evs, 1, "a non-substantive rating orders no redo")
	closed = Evolve(closed, evs[0])
	again := Rate{Meta: meta("inc-2", "rate-2", reporter, last2.Add(2*time.Hour)), Grade: Satisfied}
	_, err = d.Decide(closed, again)
	assert.ErrorIs(t, err, ErrAlreadyRated, "once per closure")
}

var update = flag.Bool("update", false, "rewrite golden files")

// TestTransitionGraphGolden pins the rendered transition table; run with
// -update after a deliberate change and review the diff.
func TestTransitionGraphGolden(t *testing.T) {
	path := filepath.Join("testdata", "transitions.dot")
	got := TransitionGraph()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file")
	assert.Equal(t, string(want), got)
}
