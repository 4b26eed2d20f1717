package incident

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
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
		StatusReported:   {OpAccept: "accepted", OpReject: "rejected", OpEscalate: "escalated", OpLocate: "located"},
		StatusAccepted:   {OpDispatch: "dispatched", OpLocate: "located"},
		StatusRejected:   {},
		StatusDispatched: {OpReturn: "returned", OpStart: "started", OpEscalate: "escalated", OpExtend: "extended", OpLocate: "located"},
		StatusReturned:   {OpDispatch: "dispatched", OpReject: "rejected", OpLocate: "located"},
		StatusInProgress: {OpResolve: "resolved", OpEscalate: "escalated", OpExtend: "extended", OpLocate: "located"},
		StatusResolved:   {OpClose: "closed"},
		StatusClosed:     {OpReopen: "reopened", OpRate: "rated"},
		StatusReopened:   {OpDispatch: "dispatched", OpLocate: "located"},
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
		var allowed []string
		for op := range row {
			allowed = append(allowed, op.String())
		}
		for _, op := range Ops() {
			name := from.String() + "/" + op.String()
			t.Run(name, func(t *testing.T) {
				evs, err := d.Decide(state, commandFor(op, "inc-1", 99, last.Add(time.Minute)))
				wantEvent, ok := row[op]
				if !ok {
					var te *grassroots.TransitionError
					require.ErrorAs(t, err, &te, "%s is not allowed", name)
					assert.ErrorIs(t, err, grassroots.ErrTransition, name)
					assert.Equal(t, "incident", te.Lifecycle, name)
					assert.Equal(t, op.String(), te.Command, name)
					if from != 0 {
						assert.Equal(t, from.String(), te.From, name)
					}
					assert.ElementsMatch(t, allowed, te.Allowed, "%s: the error lists what the status allows", name)
					assert.Empty(t, evs, "a refused command emits nothing")
					return
				}
				require.NoError(t, err, name)
				require.Len(t, evs, 1, name)
				assert.Equal(t, wantEvent, evs[0].EventName(), name)
				after, err := d.Evolve(state, evs[0])
				require.NoError(t, err, name)
				if to, moves := nextStatus[wantEvent]; moves {
					assert.Equal(t, to, after.Status, "%s leads to %s", name, to)
				} else {
					assert.Equal(t, from, after.Status, "%s keeps the status", name)
				}
			})
		}
	}
}

// TestTableMatchesTheTypes ties the transition table to the commands and
// events: Check passes, every command name is an Op's, every event name
// one of the codec's, and every event type has a row.
func TestTableMatchesTheTypes(t *testing.T) {
	require.NoError(t, table.Check())
	var ops []string
	for _, op := range Ops() {
		ops = append(ops, op.String())
	}
	assert.Equal(t, ops, table.Commands(), "one command per Op, in Op order")
	var events []string
	for _, r := range table {
		events = append(events, r.Event)
	}
	assert.ElementsMatch(t, Codec.Names(), events, "one row per event type")
	for _, op := range Ops() {
		assert.Equal(t, op.String(), commandFor(op, "x", 0, t0).CommandName(), "CommandName of %s", op)
	}
	copied := Transitions()
	copied[1].From[0] = StatusClosed
	assert.Equal(t, StatusReported, Transitions()[1].From[0], "Transitions returns a copy")
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
		want    PermissionError
	}{
		{"a resident cannot accept, whatever roles it claims", StatusReported, OpAccept, resident, MissingParty,
			PermissionError{Parties: []grassroots.Party{grassroots.Government, grassroots.Community}}},
		{"community staff without the dispatcher role cannot dispatch", StatusAccepted, OpDispatch, noRole, MissingRole,
			PermissionError{Roles: []string{RoleDispatcher}}},
		{"a handler of another unit cannot start", StatusDispatched, OpStart, stranger, MissingUnit, PermissionError{Unit: "unit-1"}},
		{"a handler of another unit cannot return", StatusDispatched, OpReturn, stranger, MissingUnit, PermissionError{Unit: "unit-1"}},
		{"only the reporter rates", StatusClosed, OpRate, resident, MissingReporter, PermissionError{Reporter: "resident-1"}},
		{"a provider cannot escalate", StatusReported, OpEscalate, stranger, MissingParty,
			PermissionError{Parties: []grassroots.Party{grassroots.Government}}},
		{"a dispatcher cannot reopen", StatusClosed, OpReopen, dispatcher, MissingRole, PermissionError{Roles: []string{RoleSupervisor}}},
		{"a resident cannot close", StatusResolved, OpClose, resident, MissingParty,
			PermissionError{Parties: []grassroots.Party{grassroots.Government, grassroots.Community}}},
		{"a handler cannot locate", StatusReported, OpLocate, grassroots.Actor{ID: "h", Party: grassroots.Community, Roles: []string{RoleHandler}}, MissingRole,
			PermissionError{Roles: []string{RoleDispatcher, RoleSystem}}},
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
			assert.Equal(t, tc.op, pe.Op, tc.name)
			assert.Equal(t, tc.actor.ID, pe.Actor, tc.name)
			assert.Equal(t, tc.want.Parties, pe.Parties, "%s: the parties expected", tc.name)
			assert.Equal(t, tc.want.Roles, pe.Roles, "%s: the roles expected", tc.name)
			assert.Equal(t, tc.want.Unit, pe.Unit, "%s: the unit expected", tc.name)
			assert.Equal(t, tc.want.Reporter, pe.Reporter, "%s: the reporter expected", tc.name)
			assert.Empty(t, evs)
		})
	}
}

func TestPermissionErrorMessage(t *testing.T) {
	for _, tc := range []struct {
		err  PermissionError
		want string
	}{
		{PermissionError{Op: OpAccept, Actor: "r", Party: grassroots.Resident, Missing: MissingParty, Parties: []grassroots.Party{grassroots.Government, grassroots.Community}},
			`incident: actor "r" (resident) may not accept: needs party government or community`},
		{PermissionError{Op: OpDispatch, Actor: "c", Party: grassroots.Community, Missing: MissingRole, Roles: []string{RoleDispatcher}},
			`incident: actor "c" (community) may not dispatch: needs role dispatcher`},
		{PermissionError{Op: OpStart, Actor: "h", Party: grassroots.Provider, Missing: MissingUnit, Unit: "unit-1"},
			`incident: actor "h" (provider) may not start: needs organization "unit-1", the responsible unit`},
		{PermissionError{Op: OpRate, Actor: "x", Party: grassroots.Resident, Missing: MissingReporter, Reporter: "resident-1"},
			`incident: actor "x" (resident) may not rate: only the reporter (actor "resident-1") may`},
	} {
		assert.Equal(t, tc.want, tc.err.Error(), "message for %s", tc.err.Missing)
	}
}

// withActor returns c issued by a.
func withActor(c Command, a grassroots.Actor) Command {
	m := c.Metadata()
	m.Actor = a
	return setMeta(c, m)
}

func TestPermissionsTableIsComplete(t *testing.T) {
	ps := Permissions()
	require.Len(t, ps, len(Ops()))
	for i, r := range ps {
		assert.Equal(t, Ops()[i], r.Op, "rule %d", i)
	}
	ps[1].Roles[0] = "changed"
	assert.Equal(t, RoleDispatcher, Permissions()[1].Roles[0], "Permissions returns a copy")
}

func TestDecideInvariants(t *testing.T) {
	d := testDecider(t)
	state, _, last := build(t, d, "inc-1", pathTo[StatusDispatched])

	t.Run("a seen command is a no-op", func(t *testing.T) {
		cmd := commandFor(OpDispatch, "inc-1", 2, last) // the command the fixture applied
		evs, err := d.Decide(state, cmd)
		assert.NoError(t, err)
		assert.Empty(t, evs)
	})
	t.Run("another command with a seen ID conflicts", func(t *testing.T) {
		cmd := commandFor(OpStart, "inc-1", 50, last.Add(time.Minute)).(Start)
		cmd.CommandID = "inc-1-dispatch-2"
		evs, err := d.Decide(state, cmd)
		var ce *grassroots.CommandConflictError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, "inc-1-dispatch-2", ce.CommandID)
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
	t.Run("the zero decider decides nothing", func(t *testing.T) {
		var zero Decider
		_, err := zero.Decide(Incident{}, commandFor(OpReport, "inc-9", 0, t0))
		assert.ErrorIs(t, err, ErrNotConfigured)
		var none *Decider
		_, err = none.Decide(Incident{}, commandFor(OpReport, "inc-9", 0, t0))
		assert.ErrorIs(t, err, ErrNotConfigured, "nor does a nil one")
	})
	t.Run("an unknown category is refused at report", func(t *testing.T) {
		r := commandFor(OpReport, "inc-9", 0, t0).(Report)
		r.Category = "999"
		_, err := d.Decide(Incident{}, r)
		assertProblem(t, err, "category", grassroots.RuleReference, "unknown category")
	})
	t.Run("a report lists every problem at once", func(t *testing.T) {
		r := Report{Meta: meta("inc-9", "c", reporter, t0), Media: []string{"ftp://x"}, Description: "\xff", Priority: 9}
		_, err := d.Decide(Incident{}, r)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve)
		for path, rule := range map[string]string{
			"category": grassroots.RuleRequired, "channel": grassroots.RuleEnum, "location": grassroots.RuleRequired,
			"media[0]": grassroots.RuleFormat, "description": grassroots.RuleFormat, "priority": grassroots.RuleEnum,
		} {
			assertProblem(t, err, path, rule, "a report without category, channel or place")
		}
	})
}

// assertProblem checks that err is a *grassroots.ValidationError with a
// problem at path under rule.
func assertProblem(t *testing.T, err error, path, rule, what string) {
	t.Helper()
	var ve *grassroots.ValidationError
	if !assert.ErrorAs(t, err, &ve, what) {
		return
	}
	for _, f := range ve.Fields {
		if f.Path == path {
			assert.Equal(t, rule, f.Rule, "%s: rule at %s (%s)", what, path, f.Message)
			return
		}
	}
	assert.Fail(t, "no problem at "+path, "%s: %v", what, err)
}

func TestDecideReportContent(t *testing.T) {
	d := testDecider(t)
	base := commandFor(OpReport, "inc-1", 0, t0).(Report)
	for _, tc := range []struct {
		name  string
		edit  func(*Report)
		path  string
		rule  string
		valid bool
	}{
		{"no description is fine", func(r *Report) { r.Description = "" }, "", "", true},
		{"a description of 4,000 characters is fine", func(r *Report) { r.Description = strings.Repeat("垃", MaxDescription) }, "", "", true},
		{"a description of 4,001 characters is too long", func(r *Report) { r.Description = strings.Repeat("垃", MaxDescription+1) }, "description", grassroots.RuleMax, false},
		{"an address without a point is fine", func(r *Report) { r.Location = Location{}; r.Grid = ""; r.Address = "五马街 12 号" }, "", "", true},
		{"an address ID without a point is fine", func(r *Report) { r.Location = Location{}; r.Grid = ""; r.AddressID = "addr-1" }, "", "", true},
		{"a blank address is no place", func(r *Report) { r.Location = Location{}; r.Address = "  " }, "location", grassroots.RuleRequired, false},
		{"an address ID with a space", func(r *Report) { r.AddressID = "addr 1" }, "address_id", grassroots.RuleFormat, false},
		{"an address over MaxText", func(r *Report) { r.Address = strings.Repeat("a", MaxText+1) }, "address", grassroots.RuleMax, false},
		{"a point out of range", func(r *Report) { r.Location.Point.Lat = 91 }, "location", grassroots.RuleFormat, false},
		{"a bad grid code", func(r *Report) { r.Grid = "33 03" }, "grid", grassroots.RuleFormat, false},
		{"seventeen media URLs", func(r *Report) { r.Media = make([]string, MaxURLs+1) }, "media", grassroots.RuleMax, false},
		{"a media URL without http(s)", func(r *Report) { r.Media = []string{"mailto:x@example.org"} }, "media[0]", grassroots.RuleFormat, false},
		{"a media URL over MaxURLLength", func(r *Report) { r.Media = []string{"https://example.org/" + strings.Repeat("a", MaxURLLength)} }, "media[0]", grassroots.RuleMax, false},
		{"a media URL that is not UTF-8", func(r *Report) { r.Media = []string{"https://example.org/\xff"} }, "media[0]", grassroots.RuleFormat, false},
	} {
		r := base
		r.Media = append([]string(nil), base.Media...)
		tc.edit(&r)
		evs, err := d.Decide(Incident{}, r)
		if tc.valid {
			require.NoError(t, err, tc.name)
			require.Len(t, evs, 1, tc.name)
			assert.NoError(t, evs[0].Validate(), "%s: the event is valid", tc.name)
			continue
		}
		assert.Empty(t, evs, tc.name)
		assertProblem(t, err, tc.path, tc.rule, tc.name)
	}
}

// TestAddressOnlyReportWaitsForAPoint follows a FixMyStreet report made
// with an address and no point: it is accepted, cannot be dispatched
// until located, and is then routed like any other.
func TestAddressOnlyReportWaitsForAPoint(t *testing.T) {
	d := testDecider(t)
	var all []Event
	s := apply(t, d, Incident{}, addressOnly("inc-a", "c1", t0), &all)
	assert.False(t, s.Located(), "no point yet")
	assert.Empty(t, s.Grid, "no grid yet")
	assert.Equal(t, "addr-330302-0012", s.AddressID)
	s = apply(t, d, s, commandFor(OpAccept, "inc-a", 1, t0.Add(time.Minute)), &all)

	evs, err := d.Decide(s, commandFor(OpDispatch, "inc-a", 2, t0.Add(2*time.Minute)))
	assert.ErrorIs(t, err, ErrNotLocated, "no dispatch without a point")
	assert.Empty(t, evs)

	geocoder := grassroots.Actor{ID: "geocoder", Party: grassroots.Government, Roles: []string{RoleSystem}}
	loc := Locate{Meta: meta("inc-a", "c3", geocoder, t0.Add(3*time.Minute)), Location: wenzhou}
	s = apply(t, d, s, loc, &all)
	assert.True(t, s.Located())
	assert.Equal(t, wenzhou, s.Location)
	assert.Empty(t, s.Grid, "the geocoder gave no grid")
	s = apply(t, d, s, commandFor(OpDispatch, "inc-a", 4, t0.Add(4*time.Minute)), &all)
	assert.Equal(t, StatusDispatched, s.Status)

	fix := Locate{Meta: meta("inc-a", "c5", dispatcher, t0.Add(5*time.Minute)), Location: Location{Point: wenzhou.Point, CRS: wenzhou.CRS}, Grid: "330302001001002"}
	fix.Location.Point.Lng += 0.0005
	s = apply(t, d, s, fix, &all)
	assert.Equal(t, fix.Location, s.Location, "a dispatcher corrects the point")
	assert.Equal(t, StatusDispatched, s.Status, "locating keeps the status")

	_, err = d.Decide(s, Locate{Meta: meta("inc-a", "c6", dispatcher, t0.Add(6*time.Minute))})
	assertProblem(t, err, "location", grassroots.RuleRequired, "a locate without a point")

	replayed, err := d.Replay(all)
	require.NoError(t, err)
	assert.True(t, replayed.Equal(&s), "replay restores the located state")
}

// TestDecideProvisionalTerms checks that a term whose deadline rests on a
// day no holiday notice covers yet says so, in the state and on the wire,
// and that one on published days does not.
func TestDecideProvisionalTerms(t *testing.T) {
	d := testDecider(t)
	wednesday := time.Date(2026, 12, 30, 10, 0, 0, 0, shanghai)
	state := apply(t, d, Incident{}, commandFor(OpReport, "inc-p", 0, wednesday), nil)
	state = apply(t, d, state, commandFor(OpAccept, "inc-p", 1, wednesday.Add(time.Minute)), nil)
	var evs []Event
	state = apply(t, d, state, commandFor(OpDispatch, "inc-p", 2, wednesday.Add(2*time.Minute)), &evs)
	// Category 002 gives one working day: Thursday 31 December 2026,
	// covered by the 2026 notice.
	assert.True(t, state.HandleTerm.End.Equal(time.Date(2026, 12, 31, 17, 30, 0, 0, shanghai)), "handling deadline %s", state.HandleTerm.End)
	assert.False(t, state.HandleTerm.Provisional, "31 December 2026 rests on the 2026 notice")
	b, err := json.Marshal(evs[0])
	require.NoError(t, err)
	assert.NotContains(t, string(b), "provisional", "the flag is omitted when false: %s", b)

	ext := Extend{Meta: meta("inc-p", "ext", dispatcher, wednesday.Add(time.Hour)), RequestedAt: wednesday.Add(time.Hour), By: workday.Limit{Amount: 2, Unit: workday.WorkingDays}}
	evs = nil
	state = apply(t, d, state, ext, &evs)
	assert.True(t, state.HandleTerm.End.Equal(time.Date(2027, 1, 5, 17, 30, 0, 0, shanghai)), "extended over the provisional 元旦: %s", state.HandleTerm.End)
	assert.True(t, state.HandleTerm.Provisional, "a deadline in January 2027 rests on provisional days")
	b, err = json.Marshal(evs[0])
	require.NoError(t, err)
	assert.Contains(t, string(b), `"provisional":true`, "the flag is on the wire: %s", b)
	env, err := Codec.Envelope("/districts/330302/incident", evs[0], 0)
	require.NoError(t, err)
	back, err := Codec.Decode(env)
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
	state = apply(t, d, state, ok, nil)
	assert.True(t, state.HandleTerm.End.Equal(time.Date(2025, 11, 26, 17, 30, 0, 0, shanghai)), "extended deadline %s", state.HandleTerm.End)
	assert.Equal(t, 1, state.Extensions)

	urge.Meta = meta("inc-1", "urge", supervisor, state.HandleTerm.End)
	state = apply(t, d, state, urge, nil)
	reminder := Escalate{Meta: meta("inc-1", "rem", supervisor, state.HandleTerm.End.Add(time.Minute)), Level: LevelReminder}
	_, err = d.Decide(state, reminder)
	assert.ErrorIs(t, err, ErrEscalation, "levels only go up")
	_, err = d.Decide(state, Escalate{Meta: meta("inc-1", "bad", supervisor, state.HandleTerm.End.Add(time.Minute)), Level: 7})
	assertProblem(t, err, "level", grassroots.RuleEnum, "an undefined level")
}

func TestDecideRatingAndRedo(t *testing.T) {
	d := testDecider(t)
	state, _, last := build(t, d, "inc-1", pathTo[StatusClosed])
	rate := Rate{Meta: meta("inc-1", "rate-1", reporter, last.Add(time.Hour)), Grade: Dissatisfied, Comment: "still smells", Substantive: true}
	evs, err := d.Decide(state, rate)
	require.NoError(t, err)
	require.Len(t, evs, 2, "a substantive dissatisfied rating rates and orders a redo")
	assert.Equal(t, "rated", evs[0].EventName())
	redo, ok := evs[1].(RedoOrdered)
	require.True(t, ok, "the second event is a redo")
	assert.Equal(t, "unit-1", redo.Unit, "the redo goes back to the unit")
	assert.True(t, redo.HandleTerm.Start.Equal(rate.At), "with a new handling term from the rating")
	for _, e := range evs {
		state, err = d.Evolve(state, e)
		require.NoError(t, err, e.EventName())
	}
	assert.Equal(t, StatusDispatched, state.Status, "a redo goes back to dispatched")
	assert.Equal(t, "unit-1", state.Unit)
	assert.Equal(t, 1, state.Redos)
	assert.False(t, state.Rated, "the redo opens a new round to rate")
	assert.Equal(t, Dissatisfied, state.FirstGrade)

	closed, _, last2 := build(t, d, "inc-2", pathTo[StatusClosed])
	plain := Rate{Meta: meta("inc-2", "rate-1", reporter, last2.Add(time.Hour)), Grade: VeryDissatisfied, Substantive: false}
	closed = apply(t, d, closed, plain, nil)
	assert.Equal(t, StatusClosed, closed.Status, "a non-substantive rating orders no redo")
	again := Rate{Meta: meta("inc-2", "rate-2", reporter, last2.Add(2*time.Hour)), Grade: Satisfied}
	_, err = d.Decide(closed, again)
	assert.ErrorIs(t, err, ErrAlreadyRated, "once per closure")
}

func TestRedoPolicyCapsRedos(t *testing.T) {
	d := testDecider(t)
	state, _, at := build(t, d, "inc-1", pathTo[StatusClosed])
	for round := range 3 {
		at = at.Add(time.Hour)
		var evs []Event
		state = apply(t, d, state, Rate{Meta: meta("inc-1", "rate-"+string(rune('a'+round)), reporter, at), Grade: VeryDissatisfied, Substantive: true}, &evs)
		if round == 2 {
			assert.Len(t, evs, 1, "the default policy redoes at most twice")
			assert.Equal(t, StatusClosed, state.Status)
			break
		}
		require.Len(t, evs, 2, "round %d orders a redo", round)
		for i, op := range []Op{OpStart, OpResolve, OpClose} {
			at = at.Add(time.Minute)
			state = apply(t, d, state, commandFor(op, "inc-1", 100*round+i, at), nil)
		}
	}
	assert.Equal(t, 2, state.Redos)
}

// TestEvolveRefusesForgedEvents gives Evolve events that Decide could not
// have produced from the state and checks that each is refused and the
// state comes back unchanged.
func TestEvolveRefusesForgedEvents(t *testing.T) {
	d := testDecider(t)
	dispatched, devs, dlast := build(t, d, "inc-1", pathTo[StatusDispatched])
	closed, _, clast := build(t, d, "inc-1", pathTo[StatusClosed])
	reported, _, rlast := build(t, d, "inc-1", pathTo[StatusReported])
	after := func(base time.Time, cmd string, a grassroots.Actor) grassroots.Meta {
		return meta("inc-1", cmd, a, base.Add(time.Minute))
	}
	rated, err := d.Evolve(closed, Rated{Meta: after(clast, "r1", reporter), Grade: Satisfied})
	require.NoError(t, err)
	term := dispatched.HandleTerm
	unlocated := apply(t, d, Incident{}, addressOnly("inc-1", "c0", t0), nil)
	unlocated = apply(t, d, unlocated, commandFor(OpAccept, "inc-1", 1, t0.Add(time.Minute)), nil)
	accepted, _, alast := build(t, d, "inc-1", pathTo[StatusAccepted])
	relocation := Located{Meta: after(dlast, "l", dispatcher), Location: wenzhou}
	relocated, err := d.Evolve(dispatched, relocation)
	require.NoError(t, err)

	cases := []struct {
		name  string
		state Incident
		event Event
		want  error
	}{
		{"an event of another incident", dispatched, Started{Meta: meta("inc-2", "s", handler, dlast.Add(time.Minute))}, ErrWrongIncident},
		{"an event dated before the latest", dispatched, Started{Meta: after(dlast.Add(-time.Hour), "s", handler)}, ErrTimeBackwards},
		{"an event the status does not allow", dispatched, Closed{Meta: after(dlast, "c", dispatcher)}, grassroots.ErrTransition},
		{"a history that does not start with a report", Incident{}, devs[1], grassroots.ErrTransition},
		{"the last event again", relocated, relocation, grassroots.ErrDuplicateEvent},
		{"a command ID used by another command", relocated, Located{Meta: meta("inc-1", devs[2].Metadata().CommandID, dispatcher, dlast.Add(time.Hour)), Location: wenzhou}, grassroots.ErrCommandConflict},
		{"an event whose actor may not issue its command", dispatched, Started{Meta: after(dlast, "s", reporter)}, ErrForbidden},
		{"a nil event", dispatched, nil, ErrNilEvent},
		{"a second rating of one closure", rated, Rated{Meta: after(clast.Add(time.Hour), "r2", reporter), Grade: Neutral}, ErrAlreadyRated},
		{"a redo without its rating", rated, RedoOrdered{Meta: after(clast.Add(time.Hour), "r3", reporter), Unit: "unit-1",
			HandleTerm: Term{Start: clast.Add(time.Hour + time.Minute), End: clast.Add(48 * time.Hour)}}, ErrRedo},
		{"a redo to another unit", rated, RedoOrdered{Meta: after(clast, "r1", reporter), Unit: "unit-9",
			HandleTerm: Term{Start: clast.Add(time.Minute), End: clast.Add(48 * time.Hour)}}, ErrRedo},
		{"an urge before the deadline", dispatched, Escalated{Meta: after(dlast, "e", supervisor), Level: LevelUrge, Deadline: term.End}, ErrEscalation},
		{"a reminder that names another deadline", dispatched, Escalated{Meta: after(dlast, "e", supervisor), Level: LevelReminder, Deadline: term.End.Add(time.Hour)}, ErrEscalation},
		{"an escalation without a running deadline", closed, Escalated{Meta: after(clast, "e", supervisor), Level: LevelUrge, Deadline: term.End}, grassroots.ErrTransition},
		{"an extension requested after the deadline", dispatched, Extended{Meta: after(term.End, "x", dispatcher), RequestedAt: term.End.Add(time.Second),
			By: workday.Limit{Amount: 1, Unit: workday.WorkingDays}, HandleTerm: Term{Start: term.Start, End: term.End.Add(24 * time.Hour), Working: true}}, ErrExtensionLate},
		{"an extension that shortens the term", dispatched, Extended{Meta: after(dlast, "x", dispatcher), RequestedAt: dlast,
			By: workday.Limit{Amount: 1, Unit: workday.WorkingDays}, HandleTerm: Term{Start: term.Start, End: term.End.Add(-time.Hour), Working: true}}, ErrTerm},
		{"a dispatch whose term starts elsewhere", accepted, Dispatched{Meta: after(alast, "d", dispatcher), Platform: PlatformLawEnforcement, Unit: "unit-1",
			HandleTerm: Term{Start: alast, End: alast.Add(24 * time.Hour)}}, ErrTerm},
		{"a dispatch of a matter without a point", unlocated, Dispatched{Meta: meta("inc-1", "d", dispatcher, t0.Add(2*time.Minute)), Platform: PlatformLawEnforcement, Unit: "unit-1",
			HandleTerm: Term{Start: t0.Add(2 * time.Minute), End: t0.Add(24 * time.Hour)}}, ErrNotLocated},
		{"a rejection as a duplicate of itself", reported, Rejected{Meta: after(rlast, "j", dispatcher), Reason: RejectDuplicate, DuplicateOf: "inc-1"}, grassroots.ErrInvalid},
		{"a located event without a point", reported, Located{Meta: after(rlast, "l", dispatcher)}, ErrNotLocated},
	}
	for _, tc := range cases {
		got, err := d.Evolve(tc.state, tc.event)
		assert.ErrorIs(t, err, tc.want, tc.name)
		assert.True(t, got.Equal(&tc.state), "%s: the state comes back unchanged", tc.name)
	}
}

func TestReplayRejectsImpossibleHistories(t *testing.T) {
	d := testDecider(t)
	_, events, _ := build(t, d, "inc-1", pathTo[StatusClosed])
	_, err := d.Replay(events[1:])
	var re *grassroots.ReplayError
	require.ErrorAs(t, err, &re, "a history must start with reported")
	assert.Equal(t, 0, re.Index)
	assert.ErrorIs(t, err, grassroots.ErrTransition)
	swapped := append([]Event{}, events...)
	swapped[3], swapped[4] = swapped[4], swapped[3]
	_, err = d.Replay(swapped)
	require.ErrorAs(t, err, &re, "out-of-order events are refused")
	assert.Equal(t, 3, re.Index)
	s, err := d.Replay(nil)
	require.NoError(t, err)
	assert.Equal(t, Status(0), s.Status, "no events: the zero incident")
	var zero Decider
	replayed, err := zero.Replay(events)
	require.NoError(t, err, "the zero decider replays")
	assert.Equal(t, StatusClosed, replayed.Status)
}

var update = flag.Bool("update", false, "rewrite golden files")

// TestTransitionGraphGolden pins the rendered transition table; run with
// -update after a deliberate change and review the diff.
func TestTransitionGraphGolden(t *testing.T) {
	path := filepath.Join("testdata", "transitions.dot")
	got := Transitions().DOT("incident")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file")
	assert.Equal(t, string(want), got)
}

// The commands Decide spares the validator's walk have no field with a
// validate rule, and every other command has one.
func TestHasTagRulesMatchesTheFields(t *testing.T) {
	cmds := []Command{Report{}, Accept{}, Reject{}, Dispatch{}, Return{}, Start{}, Resolve{}, Close{}, Reopen{}, Escalate{}, Extend{}, Rate{}, Locate{}}
	for _, cmd := range cmds {
		typ := reflect.TypeOf(cmd)
		rules := false
		for i := range typ.NumField() {
			if tag, ok := typ.Field(i).Tag.Lookup("validate"); ok && tag != "-" {
				rules = true
			}
		}
		assert.Equal(t, rules, hasTagRules(cmd), "%s: validate rules on its fields", typ.Name())
	}
}
