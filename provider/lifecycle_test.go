package provider

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/decidertest"
)

var (
	deciderSeed = flag.Uint64("decider.seed", 20261202, "seed of the randomised contract lifecycle test")
	update      = flag.Bool("update", false, "rewrite golden files")
)

var (
	buyerActor    = grassroots.Actor{ID: "u-buyer", Party: grassroots.Government, Organization: "gov-lucheng"}
	supplierActor = grassroots.Actor{ID: "u-supplier", Party: grassroots.Provider, Organization: "prov-1"}
	strangerActor = grassroots.Actor{ID: "u-other", Party: grassroots.Government, Organization: "gov-elsewhere"}
)

const contractID = "ct-2026-001"

// commandSeq numbers the command IDs of a test.
type commandSeq struct{ n int }

// meta returns the Meta of the next command on contract ct-2026-001.
func (q *commandSeq) meta(a grassroots.Actor, at time.Time) grassroots.Meta {
	q.n++
	return grassroots.Meta{AggregateID: contractID, CommandID: fmt.Sprintf("cmd-%d", q.n), Actor: a, At: at}
}

// run decides and applies each command in turn, failing on any error.
func run(t testing.TB, s State, cmds ...Command) (State, []Event) {
	t.Helper()
	var d Decider
	var all []Event
	for _, c := range cmds {
		es, err := d.Decide(s, c)
		require.NoError(t, err, "%s", c.CommandName())
		require.Len(t, es, 1, "%s", c.CommandName())
		for _, e := range es {
			s, err = d.Evolve(s, e)
			require.NoError(t, err, "evolve %s", e.EventName())
		}
		all = append(all, es...)
	}
	return s, all
}

func replay(t *testing.T, events []Event) State {
	t.Helper()
	s, err := Decider{}.Replay(events)
	require.NoError(t, err, "replay")
	return s
}

func TestLifecycleHappyPath(t *testing.T) {
	var q commandSeq
	s, events := run(t, State{},
		Draft{q.meta(buyerActor, day(2025, 11, 1)), testContract(t)},
		Publish{q.meta(buyerActor, day(2025, 11, 20))},
		Sign{q.meta(supplierActor, day(2025, 12, 1))},
		Activate{q.meta(buyerActor, day(2026, 1, 1))},
		Complete{q.meta(buyerActor, day(2027, 1, 1))},
	)
	assert.Equal(t, ContractCompleted, s.Status)
	assert.True(t, s.DateSigned.Equal(day(2025, 12, 1)), "date signed")
	assert.True(t, s.Ended.Equal(day(2027, 1, 1)), "ended")
	assert.True(t, s.At.Equal(day(2027, 1, 1)), "time of the latest event")
	assert.True(t, s.Contract.Published)
	assert.Equal(t, 5, s.Version)
	assert.Equal(t, []string{"cmd-1", "cmd-2", "cmd-3", "cmd-4", "cmd-5"}, s.Commands().IDs())
	assert.Equal(t, s, replay(t, events), "replay equals the state")
}

func TestLifecycleAmendAndTerminate(t *testing.T) {
	c := testContract(t)
	amended := c
	amended.Quantity = "2600 home visits"
	var q commandSeq
	s, events := run(t, State{},
		Draft{q.meta(buyerActor, day(2025, 11, 1)), c},
		Publish{q.meta(buyerActor, day(2025, 11, 2))},
		Sign{q.meta(buyerActor, day(2025, 12, 1))},
		Activate{q.meta(buyerActor, day(2026, 1, 1))},
		Amend{q.meta(buyerActor, day(2026, 3, 1)), amended, "demand grew"},
		Terminate{q.meta(supplierActor, day(2026, 6, 1)), "staff shortage"},
	)
	assert.Equal(t, ContractTerminated, s.Status)
	assert.Equal(t, "2600 home visits", s.Contract.Quantity)
	assert.True(t, s.Contract.Published, "an amendment keeps the published flag")
	require.Len(t, s.Amendments, 1)
	assert.Equal(t, Amendment{At: day(2026, 3, 1), By: buyerActor, Reason: "demand grew"}, s.Amendments[0])
	assert.Equal(t, "staff shortage", s.EndReason)
	assert.Equal(t, s, replay(t, events))
	_, err := Decider{}.Decide(s, Amend{q.meta(buyerActor, day(2026, 7, 1)), amended, "late"})
	var te *grassroots.TransitionError
	require.ErrorAs(t, err, &te, "a terminated contract is final")
	assert.Empty(t, te.Allowed, "nothing is allowed after termination")
	assert.True(t, s.Status.IsFinal())
}

func TestLifecycleDraftIgnoresPublishedFlag(t *testing.T) {
	c := testContract(t)
	c.Published = true
	var q commandSeq
	s, _ := run(t, State{}, Draft{q.meta(buyerActor, day(2025, 11, 1)), c})
	assert.False(t, s.Contract.Published, "a draft is published by the publish command only")
	_, err := Decider{}.Decide(s, Activate{q.meta(buyerActor, day(2025, 11, 2))})
	var te *grassroots.TransitionError
	assert.ErrorAs(t, err, &te)
}

// stages returns the states of one contract along its life: drafted (and
// an incomplete draft), signed unpublished, active.
func stages(t *testing.T) (drafted, incomplete, signed, active State) {
	c := testContract(t)
	var q commandSeq
	drafted, _ = run(t, State{}, Draft{q.meta(buyerActor, day(2025, 11, 1)), c})
	signed, _ = run(t, drafted, Sign{q.meta(buyerActor, day(2025, 12, 1))})
	active, _ = run(t, signed, Publish{q.meta(buyerActor, day(2025, 12, 2))}, Activate{q.meta(buyerActor, day(2026, 1, 1))})
	c.Liability = ""
	incomplete, _ = run(t, State{}, Draft{q.meta(buyerActor, day(2025, 11, 1)), c})
	return drafted, incomplete, signed, active
}

func fresh(a grassroots.Actor, at time.Time) grassroots.Meta {
	return grassroots.Meta{AggregateID: contractID, CommandID: "fresh", Actor: a, At: at}
}

func TestLifecycleRejections(t *testing.T) {
	c := testContract(t)
	drafted, incomplete, signed, active := stages(t)
	published, _ := run(t, signed, Publish{grassroots.Meta{AggregateID: contractID, CommandID: "publish-1", Actor: buyerActor, At: day(2025, 12, 2)}})
	otherSupplier := c
	otherSupplier.Supplier.ID = "prov-2"
	otherID := c
	otherID.ID = "ct-9"
	// Terms with an enumerated value that has no name cannot be written.
	unwritable := func(edit func(*Contract)) Contract {
		d := c
		d.Scope, d.Responsibilities = slices.Clone(c.Scope), slices.Clone(c.Responsibilities)
		d.SLA, d.Milestones = slices.Clone(c.SLA), slices.Clone(c.Milestones)
		edit(&d)
		return d
	}

	cases := []struct {
		name   string
		state  State
		cmd    Command
		target error
		path   string // for validation errors, a path that must be reported
	}{
		{"draft twice", drafted, Draft{fresh(buyerActor, day(2025, 11, 2)), c}, grassroots.ErrTransition, ""},
		{"draft by another organ", State{}, Draft{fresh(strangerActor, day(2025, 11, 1)), c}, ErrForbidden, ""},
		{"draft by the supplier", State{}, Draft{fresh(supplierActor, day(2025, 11, 1)), c}, ErrForbidden, ""},
		{"draft of terms with another ID", State{}, Draft{fresh(buyerActor, day(2025, 11, 1)), otherID}, grassroots.ErrInvalid, "terms.id"},
		{"draft without buyer", State{}, Draft{fresh(buyerActor, day(2025, 11, 1)), Contract{ID: contractID}}, grassroots.ErrInvalid, "terms.buyer.id"},
		{"draft without settlement method", State{}, Draft{fresh(buyerActor, day(2025, 11, 1)), unwritable(func(d *Contract) { d.SettlementMethod = 0 })}, grassroots.ErrInvalid, "terms.settlement_method"},
		{"draft with a scope item of no function", State{}, Draft{fresh(buyerActor, day(2025, 11, 1)), unwritable(func(d *Contract) { d.Scope[0].Function = 0 })}, grassroots.ErrInvalid, "terms.scope[0].function"},
		{"draft with an assignment of no function", State{}, Draft{fresh(buyerActor, day(2025, 11, 1)), unwritable(func(d *Contract) { d.Responsibilities[1].Function = 0 })}, grassroots.ErrInvalid, "terms.responsibilities[1].function"},
		{"draft with an assignment of no RACI part", State{}, Draft{fresh(buyerActor, day(2025, 11, 1)), unwritable(func(d *Contract) { d.Responsibilities[0].RACI = 99 })}, grassroots.ErrInvalid, "terms.responsibilities[0].raci"},
		{"draft with an SLA term of no comparator", State{}, Draft{fresh(buyerActor, day(2025, 11, 1)), unwritable(func(d *Contract) { d.SLA[0].Comparator = 0 })}, grassroots.ErrInvalid, "terms.sla[0].comparator"},
		{"draft with a milestone of no type", State{}, Draft{fresh(buyerActor, day(2025, 11, 1)), unwritable(func(d *Contract) { d.Milestones[0].Type = 0 })}, grassroots.ErrInvalid, "terms.milestones[0].type"},
		{"draft with a milestone of no status", State{}, Draft{fresh(buyerActor, day(2025, 11, 1)), unwritable(func(d *Contract) { d.Milestones[1].Status = 0 })}, grassroots.ErrInvalid, "terms.milestones[1].status"},
		{"amend a draft into unwritable terms", drafted, Amend{fresh(buyerActor, day(2025, 11, 2)), unwritable(func(d *Contract) { d.Scope[1].Function = 0 }), "rescope"}, grassroots.ErrInvalid, "terms.scope[1].function"},
		{"sign an invalid contract", incomplete, Sign{fresh(buyerActor, day(2025, 12, 1))}, grassroots.ErrInvalid, "contract.liability"},
		{"sign by a stranger", drafted, Sign{fresh(strangerActor, day(2025, 12, 1))}, ErrForbidden, ""},
		{"activate a draft", drafted, Activate{fresh(buyerActor, day(2026, 1, 1))}, grassroots.ErrTransition, ""},
		{"activate unpublished", signed, Activate{fresh(buyerActor, day(2026, 1, 1))}, ErrNotPublished, ""},
		{"activate by the supplier", signed, Activate{fresh(supplierActor, day(2026, 1, 1))}, ErrForbidden, ""},
		{"complete before the term ends", active, Complete{fresh(buyerActor, day(2026, 12, 31))}, ErrTooEarly, ""},
		{"terminate without reason", active, Terminate{fresh(buyerActor, day(2026, 6, 1)), ""}, grassroots.ErrInvalid, "reason"},
		{"cancel without reason", drafted, Cancel{fresh(buyerActor, day(2025, 11, 2)), ""}, grassroots.ErrInvalid, "reason"},
		{"cancel an active contract", active, Cancel{fresh(buyerActor, day(2026, 6, 1)), "no longer needed"}, grassroots.ErrTransition, ""},
		{"publish twice", published, Publish{fresh(buyerActor, day(2025, 12, 3))}, ErrAlreadyPublished, ""},
		{"publish an active contract", active, Publish{fresh(buyerActor, day(2026, 6, 1))}, grassroots.ErrTransition, ""},
		{"supplier may not amend", active, Amend{fresh(supplierActor, day(2026, 6, 1)), c, "more visits"}, ErrForbidden, ""},
		{"amend changes the supplier", active, Amend{fresh(buyerActor, day(2026, 6, 1)), otherSupplier, "swap"}, grassroots.ErrInvalid, "terms.supplier.id"},
		{"amend a signed contract into invalid terms", signed, Amend{fresh(buyerActor, day(2025, 12, 2)), func() Contract { d := c; d.Price = ""; return d }(), "cheaper"}, grassroots.ErrInvalid, "terms.price"},
		{"amend without reason", drafted, Amend{fresh(buyerActor, day(2025, 11, 2)), c, ""}, grassroots.ErrInvalid, "reason"},
		{"command for another contract", active, Publish{grassroots.Meta{AggregateID: "ct-9", CommandID: "x", Actor: buyerActor, At: day(2026, 6, 1)}}, grassroots.ErrInvalid, "aggregate_id"},
		{"command earlier than the latest event", active, Terminate{fresh(buyerActor, day(2025, 12, 31)), "breach"}, grassroots.ErrInvalid, "at"},
		{"command without time", active, Terminate{fresh(buyerActor, time.Time{}), "breach"}, grassroots.ErrInvalid, "at"},
		{"command by an invalid actor", active, Terminate{fresh(grassroots.Actor{}, day(2026, 6, 1)), "breach"}, grassroots.ErrInvalid, "actor.id"},
		{"command without ID", active, Terminate{grassroots.Meta{AggregateID: contractID, Actor: buyerActor, At: day(2026, 6, 1)}, "breach"}, grassroots.ErrInvalid, "command_id"},
		{"nil command", active, nil, grassroots.ErrInvalid, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			es, err := Decider{}.Decide(tc.state, tc.cmd)
			require.ErrorIs(t, err, tc.target, tc.name)
			assert.Empty(t, es, "%s: a rejected command emits nothing", tc.name)
			if tc.path != "" {
				var ve *grassroots.ValidationError
				require.ErrorAs(t, err, &ve, tc.name)
				assert.True(t, ve.Has(tc.path), "%s: want a problem at %s, got %v", tc.name, tc.path, err)
			}
			assert.True(t, strings.HasPrefix(err.Error(), "provider: ") || strings.HasPrefix(err.Error(), "grassroots: "),
				"%s: one prefix: %v", tc.name, err)
		})
	}
}

func TestForbiddenNamesWhoMayIssue(t *testing.T) {
	drafted, _, _, active := stages(t)
	_, err := Decider{}.Decide(drafted, Sign{fresh(strangerActor, day(2025, 12, 1))})
	var fe *ForbiddenError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "sign", fe.Command)
	assert.Equal(t, contractID, fe.Contract)
	assert.Equal(t, strangerActor, fe.Actor)
	assert.Equal(t, []Issuer{
		{Side: Buyer, Party: grassroots.Government, Organization: "gov-lucheng"},
		{Side: Supplier, Party: grassroots.Provider, Organization: "prov-1"},
	}, fe.Allowed, "sign: buyer or supplier")
	assert.Equal(t, `provider: actor "u-other" (government, organisation "gov-elsewhere") may not sign contract "ct-2026-001"; `+
		`expected the buyer (a government actor of organisation "gov-lucheng") or the supplier (a provider actor of organisation "prov-1")`, err.Error())

	_, err = Decider{}.Decide(active, Amend{fresh(supplierActor, day(2026, 6, 1)), active.Contract, "more"})
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, []Issuer{{Side: Buyer, Party: grassroots.Government, Organization: "gov-lucheng"}}, fe.Allowed, "amend: the buyer only")
}

func TestDecideIsIdempotent(t *testing.T) {
	drafted, _, _, _ := stages(t)
	var q commandSeq
	q.n = 100
	publish := Publish{q.meta(buyerActor, day(2025, 11, 20))}
	published, _ := run(t, drafted, publish)
	es, err := Decider{}.Decide(published, publish)
	assert.NoError(t, err, "a repeated command is no error")
	assert.Empty(t, es, "a repeated command emits nothing")

	reused := Sign(publish)
	_, err = Decider{}.Decide(published, reused)
	var ce *grassroots.CommandConflictError
	require.ErrorAs(t, err, &ce, "another command with a used ID")
	assert.Equal(t, publish.CommandID, ce.CommandID)
}

// forge returns a copy of e with its Meta replaced by edit.
func forge(e Event, edit func(*grassroots.Meta)) Event {
	switch x := e.(type) {
	case Drafted:
		edit(&x.Meta)
		return x
	case Amended:
		edit(&x.Meta)
		return x
	case Published:
		edit(&x.Meta)
		return x
	case Signed:
		edit(&x.Meta)
		return x
	case Activated:
		edit(&x.Meta)
		return x
	case Completed:
		edit(&x.Meta)
		return x
	case Terminated:
		edit(&x.Meta)
		return x
	case Cancelled:
		edit(&x.Meta)
		return x
	}
	return e
}

// TestEvolveRefusesWhatDecideCouldNotProduce gives Evolve events that
// Decide refuses to produce, one guard each, and checks that it refuses
// them and returns the state unchanged.
func TestEvolveRefusesWhatDecideCouldNotProduce(t *testing.T) {
	c := testContract(t)
	drafted, incomplete, signed, active := stages(t)
	m := func(a grassroots.Actor, at time.Time) grassroots.Meta {
		return grassroots.Meta{AggregateID: contractID, CommandID: "forged", Actor: a, At: at}
	}
	otherSupplier := c
	otherSupplier.Supplier.ID = "prov-2"
	publishedTerms := c
	publishedTerms.Published = true
	invalid := c
	invalid.Rights = ""
	_, published := run(t, drafted, Publish{m(buyerActor, day(2025, 11, 20))})
	last := published[0]
	publishedSigned, _ := run(t, signed, Publish{m(buyerActor, day(2025, 12, 2))})

	cases := []struct {
		name   string
		state  State
		event  Event
		target error
	}{
		{"drafted by the supplier", State{}, Drafted{m(supplierActor, day(2025, 11, 1)), c}, ErrForbidden},
		{"drafted terms of another contract", State{}, Drafted{grassroots.Meta{AggregateID: "ct-9", CommandID: "f", Actor: buyerActor, At: day(2025, 11, 1)}, c}, grassroots.ErrInvalid},
		{"drafted already published", State{}, Drafted{m(buyerActor, day(2025, 11, 1)), publishedTerms}, grassroots.ErrInvalid},
		{"drafted twice", drafted, Drafted{m(buyerActor, day(2025, 11, 2)), c}, grassroots.ErrTransition},
		{"amended supplier", drafted, Amended{m(buyerActor, day(2025, 11, 2)), otherSupplier, "swap"}, grassroots.ErrInvalid},
		{"amended published flag", drafted, Amended{m(buyerActor, day(2025, 11, 2)), publishedTerms, "publish by stealth"}, grassroots.ErrInvalid},
		{"amended into invalid terms after signing", signed, Amended{m(buyerActor, day(2025, 12, 2)), invalid, "drop rights"}, grassroots.ErrInvalid},
		{"amended by the supplier", active, Amended{m(supplierActor, day(2026, 2, 1)), c, "more"}, ErrForbidden},
		{"published twice", publishedSigned, Published{m(buyerActor, day(2025, 12, 3))}, ErrAlreadyPublished},
		{"published when active", active, Published{m(buyerActor, day(2026, 2, 1))}, grassroots.ErrTransition},
		{"signed incomplete terms", incomplete, Signed{m(buyerActor, day(2025, 12, 1))}, grassroots.ErrInvalid},
		{"signed by a stranger", drafted, Signed{m(strangerActor, day(2025, 12, 1))}, ErrForbidden},
		{"activated unpublished", signed, Activated{m(buyerActor, day(2026, 1, 1))}, ErrNotPublished},
		{"completed early", active, Completed{m(buyerActor, day(2026, 12, 31))}, ErrTooEarly},
		{"completed from signed", signed, Completed{m(buyerActor, day(2027, 1, 1))}, grassroots.ErrTransition},
		{"terminated without reason", active, Terminated{m(buyerActor, day(2026, 6, 1)), ""}, grassroots.ErrInvalid},
		{"terminated by another provider", active, Terminated{m(grassroots.Actor{ID: "u-x", Party: grassroots.Provider, Organization: "prov-2"}, day(2026, 6, 1)), "x"}, ErrForbidden},
		{"cancelled by the supplier", drafted, Cancelled{m(supplierActor, day(2025, 11, 2)), "x"}, ErrForbidden},
		{"event of another contract", active, Terminated{grassroots.Meta{AggregateID: "ct-9", CommandID: "f", Actor: buyerActor, At: day(2026, 6, 1)}, "x"}, grassroots.ErrInvalid},
		{"event earlier than the latest", active, Terminated{m(buyerActor, day(2025, 12, 31)), "x"}, grassroots.ErrInvalid},
		{"event with an invalid actor", active, Terminated{m(grassroots.Actor{ID: "u"}, day(2026, 6, 1)), "x"}, grassroots.ErrInvalid},
		{"nil event", active, nil, grassroots.ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decider{}.Evolve(tc.state, tc.event)
			require.Error(t, err, tc.name)
			if tc.target != nil {
				assert.ErrorIs(t, err, tc.target, tc.name)
			}
			assert.Equal(t, tc.state, got, "%s: a refused event changes nothing", tc.name)
		})
	}

	// An event applied again is a duplicate, whatever its guards say.
	again, err := Decider{}.Evolve(drafted, last)
	require.NoError(t, err)
	_, err = Decider{}.Evolve(again, last)
	assert.ErrorIs(t, err, ErrAlreadyPublished, "the repeated published event")
	amended := Amended{grassroots.Meta{AggregateID: contractID, CommandID: "amend-1", Actor: buyerActor, At: day(2025, 11, 21)}, publishedTerms, "clarified"}
	once, err := Decider{}.Evolve(again, amended)
	require.NoError(t, err)
	_, err = Decider{}.Evolve(once, amended)
	assert.ErrorIs(t, err, grassroots.ErrDuplicateEvent, "the repeated amended event")
	amended.Meta.At = amended.At.Add(time.Hour)
	_, err = Decider{}.Evolve(once, amended)
	assert.ErrorIs(t, err, grassroots.ErrCommandConflict, "an amended event of a used command ID with another time")
}

func TestReplayRefusesForgedHistory(t *testing.T) {
	var q commandSeq
	_, events := run(t, State{},
		Draft{q.meta(buyerActor, day(2025, 11, 1)), testContract(t)},
		Publish{q.meta(buyerActor, day(2025, 11, 2))},
		Sign{q.meta(buyerActor, day(2025, 12, 1))},
	)
	forged := slices.Clone(events)
	forged[2] = forge(forged[2], func(m *grassroots.Meta) { m.Actor = strangerActor })
	_, err := Decider{}.Replay(forged)
	var re *grassroots.ReplayError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 2, re.Index, "the forged event's index")
	assert.ErrorIs(t, err, ErrForbidden)
}

// recorder wraps the decider and counts the events it applies, so a test
// can check that every row of the table was exercised.
type recorder struct {
	Decider
	seen map[string]int
}

func (r *recorder) Evolve(s State, e Event) (State, error) {
	next, err := r.Decider.Evolve(s, e)
	if err == nil && next.Version == s.Version+1 {
		r.seen[fmt.Sprintf("%s/%s", s.Status, e.EventName())]++
	}
	return next, err
}

func (r *recorder) Replay(events []Event) (State, error) { return r.Decider.Replay(events) }

// lifecycleGen generates realistic contract histories for decidertest.
type lifecycleGen struct {
	base time.Time
}

func (g lifecycleGen) meta(id string, step int, a grassroots.Actor, at time.Time) grassroots.Meta {
	return grassroots.Meta{AggregateID: id, CommandID: fmt.Sprintf("%s/c-%d", id, step), Actor: a, At: at}
}

func (g lifecycleGen) at(s State, step int) time.Time {
	at := g.base.Add(time.Duration(step) * 36 * time.Hour)
	if at.Before(s.At) {
		return s.At
	}
	return at
}

func (g lifecycleGen) contract(tb testing.TB, id string) Contract {
	c := testContract(tb)
	c.ID = id
	return c
}

func either(r *rand.Rand) grassroots.Actor {
	if r.IntN(2) == 0 {
		return buyerActor
	}
	return supplierActor
}

// next returns a command Decide accepts in s.
func (g lifecycleGen) next(tb testing.TB) func(r *rand.Rand, s State, id string, step int) (Command, bool) {
	return func(r *rand.Rand, s State, id string, step int) (Command, bool) {
		at := g.at(s, step)
		buyer := g.meta(id, step, buyerActor, at)
		complete := s.Contract.Validate() == nil
		amend := func() Command {
			terms := g.contract(tb, id)
			terms.Quantity = fmt.Sprintf("%d home visits", 2000+100*step)
			return Amend{buyer, terms, fmt.Sprintf("demand changed at step %d", step)}
		}
		switch s.Status {
		case 0:
			terms := g.contract(tb, id)
			if r.IntN(3) == 0 {
				terms.Liability = "" // completed by an amendment before signing
			}
			return Draft{buyer, terms}, true
		case ContractDraft:
			switch p := r.IntN(10); {
			case !complete || p < 2:
				return amend(), true
			case p < 4 && !s.Contract.Published:
				return Publish{buyer}, true
			case p == 9:
				return Cancel{buyer, "budget withdrawn"}, true
			}
			return Sign{g.meta(id, step, either(r), at)}, true
		case ContractSigned:
			switch p := r.IntN(10); {
			case p < 2:
				return amend(), true
			case p == 8:
				return Terminate{g.meta(id, step, either(r), at), "supplier withdrew"}, true
			case p == 9:
				return Cancel{buyer, "no longer needed"}, true
			case !s.Contract.Published:
				return Publish{buyer}, true
			}
			return Activate{buyer}, true
		case ContractActive:
			switch p := r.IntN(10); {
			case p < 4:
				return amend(), true
			case p < 6:
				return Terminate{g.meta(id, step, either(r), at), "repeated breach"}, true
			}
			end := s.Contract.Period.End
			if at.Before(end) {
				at = end
			}
			return Complete{g.meta(id, step, buyerActor, at)}, true
		}
		return nil, false
	}
}

// refused returns a command Decide refuses in s: a wrong status, a wrong
// party or invalid terms.
func (g lifecycleGen) refused(tb testing.TB) func(r *rand.Rand, s State, id string, step int) Command {
	return func(r *rand.Rand, s State, id string, step int) Command {
		at := g.at(s, step)
		m := g.meta(id, 1000+step, buyerActor, at)
		stranger := g.meta(id, 1000+step, strangerActor, at)
		kind := r.IntN(3)
		switch s.Status {
		case 0:
			switch kind {
			case 0:
				return Publish{m}
			case 1:
				return Draft{g.meta(id, 1000+step, supplierActor, at), g.contract(tb, id)}
			}
			return Draft{m, g.contract(tb, id+"-other")}
		case ContractDraft, ContractSigned, ContractActive:
			switch kind {
			case 0:
				if s.Status == ContractActive {
					return Cancel{m, "too late"}
				}
				return Complete{m}
			case 1:
				return Amend{stranger, g.contract(tb, id), "not theirs"}
			}
			other := g.contract(tb, id)
			other.Supplier.ID = "prov-2"
			return Amend{m, other, "swap the supplier"}
		}
		if kind == 0 {
			return Terminate{m, "after the end"}
		}
		return Amend{m, g.contract(tb, id), "after the end"}
	}
}

func reuse(c Command) Command {
	if _, ok := c.(Publish); ok {
		return Sign{c.Metadata()}
	}
	return Publish{c.Metadata()}
}

func equalStates(a, b State) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb) && slices.Equal(a.log.IDs(), b.log.IDs())
}

func TestDeciderContract(t *testing.T) {
	seed := *deciderSeed
	t.Logf("rerun with -decider.seed=%d", seed)
	gen := lifecycleGen{base: time.Date(2025, 11, 1, 9, 0, 0, 0, ChinaStandardTime())}
	rec := &recorder{seen: map[string]int{}}
	decidertest.Run(t, decidertest.Lifecycle[State, Command, Event]{
		Decider: rec, Codec: Codec, Next: gen.next(t), Refused: gen.refused(t), Reuse: reuse, Equal: equalStates,
	}, seed, 60)

	// Every row of the table, from every status it allows, was exercised.
	for _, row := range Transitions() {
		from := row.From
		if len(from) == 0 {
			from = []ContractStatus{0}
		}
		for _, f := range from {
			assert.Positive(t, rec.seen[fmt.Sprintf("%s/%s", f, row.Event)], "%s from %s never exercised (seed %d)", row.Event, f, seed)
		}
	}
}

func TestTransitionTable(t *testing.T) {
	table := Transitions()
	require.NoError(t, table.Check())
	assert.Equal(t, []string{"draft", "amend", "publish", "sign", "activate", "complete", "terminate", "cancel"}, table.Commands())
	var events []string
	for _, r := range table {
		events = append(events, r.Event)
	}
	slices.Sort(events)
	assert.Equal(t, Codec.Names(), events, "the codec knows exactly the table's events")

	for _, s := range contractStatusNames.Values() {
		leaves := slices.ContainsFunc(table, func(r grassroots.Transition[ContractStatus]) bool { return slices.Contains(r.From, s) })
		assert.Equal(t, !leaves, s.IsFinal(), "IsFinal(%s) follows the table", s)
	}
	table[0].Command = "changed"
	table[1].From[0] = ContractCancelled
	assert.Equal(t, "draft", Transitions()[0].Command, "Transitions returns a copy")
	assert.Equal(t, ContractDraft, Transitions()[1].From[0], "Transitions returns a deep copy")
}

func TestTransitionTableDOT(t *testing.T) {
	got := Transitions().DOT("contract")
	path := filepath.Join("testdata", "contract.dot")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file (go test -run TestTransitionTableDOT -update ./provider/)")
	assert.Equal(t, string(want), got)
}

func TestEnvelopesRoundTrip(t *testing.T) {
	c := testContract(t)
	var q commandSeq
	want, events := run(t, State{},
		Draft{q.meta(buyerActor, day(2025, 11, 1)), c},
		Publish{q.meta(buyerActor, day(2025, 11, 2))},
		Sign{q.meta(buyerActor, day(2025, 12, 1))},
		Activate{q.meta(buyerActor, day(2026, 1, 1))},
		Terminate{q.meta(buyerActor, day(2026, 6, 1)), "breach"},
	)
	envs, err := Codec.Seal(nil, "/districts/330302/provider", events)
	require.NoError(t, err)
	require.NoError(t, grassroots.VerifyChain(envs))
	for i, e := range envs {
		assert.Equal(t, contractID, e.Subject, "envelope %d", i)
		assert.Equal(t, grassroots.EventType("provider", events[i].EventName()), e.Type, "envelope %d", i)
		assert.Equal(t, grassroots.EventID(contractID, events[i].Metadata().CommandID, 0, events[i].Metadata().At), e.ID, "envelope %d", i)
		assert.Equal(t, grassroots.SchemaURI("provider", events[i].EventName()), e.DataSchema, "envelope %d", i)
	}
	assert.Equal(t, "grassroots.provider.contract_terminated.v1", envs[4].Type)

	// Through JSON, as a vendor would store them.
	var back []grassroots.Event
	for _, e := range envs {
		b, err := json.Marshal(e)
		require.NoError(t, err)
		d, err := grassroots.ParseEvent(b)
		require.NoError(t, err)
		back = append(back, d)
	}
	got, err := Decider{}.ReplayEnvelopes(back)
	require.NoError(t, err)
	assert.True(t, equalStates(want, got), "the state replayed from envelopes is the state")

	again, err := Codec.Seal(nil, "/districts/330302/provider", events)
	require.NoError(t, err)
	assert.Equal(t, envs, again, "sealing is deterministic")

	stripped := slices.Clone(back)
	stripped[2].Hash, stripped[2].PrevHash, stripped[2].Sequence = "", "", 0
	_, err = Decider{}.ReplayEnvelopes(stripped)
	assert.ErrorIs(t, err, grassroots.ErrChainBroken, "a stripped chain")

	altered := slices.Clone(back)
	altered[2].Data = []byte(strings.Replace(string(altered[2].Data), "u-buyer", "u-forger", 1))
	_, err = Decider{}.ReplayEnvelopes(altered)
	assert.ErrorIs(t, err, grassroots.ErrChainBroken, "altered data")

	// Resealed after the alteration, the chain holds but the history does
	// not: a resident may not sign.
	forged := slices.Clone(back[:3])
	forged[2].Data = []byte(strings.Replace(string(forged[2].Data), `"party":"government"`, `"party":"resident"`, 1))
	forged[2], err = grassroots.Seal(&forged[1], forged[2])
	require.NoError(t, err)
	_, err = Decider{}.ReplayEnvelopes(forged)
	assert.ErrorIs(t, err, ErrForbidden, "a resealed forgery fails the replay")
}

func TestCodecRejects(t *testing.T) {
	c := testContract(t)
	var q commandSeq
	_, events := run(t, State{}, Draft{q.meta(buyerActor, day(2025, 11, 1)), c})
	envs, err := Codec.Seal(nil, "/test", events)
	require.NoError(t, err)
	env := envs[0]

	bad := env
	bad.Type = "grassroots.incident.reported.v1"
	_, err = Codec.Decode(bad)
	assert.ErrorIs(t, err, grassroots.ErrUnknownEvent, "another package's event")
	bad.Type = "grassroots.provider.contract_exploded.v1"
	_, err = Codec.Decode(bad)
	assert.ErrorIs(t, err, grassroots.ErrUnknownEvent, "an unknown event")

	bad = env
	bad.Subject = "ct-x"
	_, err = Codec.Decode(bad)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "subject must be the event's contract")

	var data map[string]any
	require.NoError(t, json.Unmarshal(env.Data, &data))
	data["terms"].(map[string]any)["id"] = "ct-other"
	bad = env
	bad.Data, _ = json.Marshal(data)
	_, err = Codec.Decode(bad)
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, "terms of another contract")
	assert.True(t, ve.Has("data.terms.id"), "%v", err)

	// Data that leaves out an enumerated value decodes to terms no JSON
	// can carry: refused, so that whatever decodes encodes again.
	require.NoError(t, json.Unmarshal(env.Data, &data))
	delete(data["terms"].(map[string]any)["responsibilities"].([]any)[1].(map[string]any), "function")
	bad = env
	bad.Data, _ = json.Marshal(data)
	_, err = Codec.Decode(bad)
	require.ErrorAs(t, err, &ve, "an assignment without its function")
	assert.True(t, ve.Has("data.terms.responsibilities[1].function"), "%v", err)

	// The codec refuses to write an event that Decode would refuse, and
	// Decode refuses one written elsewhere.
	term := Terminated{grassroots.Meta{AggregateID: contractID, CommandID: "t", Actor: buyerActor, At: day(2026, 6, 1)}, ""}
	_, err = Codec.Envelope("/test", term, 0)
	require.ErrorAs(t, err, &ve, "a termination without reason is not written")
	assert.True(t, ve.Has("reason"), "%v", err)
	term.Reason = "staff shortage"
	tenv, err := Codec.Envelope("/test", term, 0)
	require.NoError(t, err)
	data = nil
	require.NoError(t, json.Unmarshal(tenv.Data, &data))
	delete(data, "reason")
	tenv.Data, _ = json.Marshal(data)
	_, err = Codec.Decode(tenv)
	require.ErrorAs(t, err, &ve, "a termination without reason does not decode")
	assert.True(t, ve.Has("data.reason"), "%v", err)
}

func TestEventJSON(t *testing.T) {
	e := Terminated{grassroots.Meta{AggregateID: contractID, CommandID: "c-7", Actor: supplierActor, At: day(2026, 6, 1)}, "staff shortage"}
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.JSONEq(t, `{"aggregate_id":"ct-2026-001","command_id":"c-7",
		"actor":{"id":"u-supplier","party":"provider","organization":"prov-1"},
		"at":"2026-06-01T00:00:00+08:00","reason":"staff shortage"}`, string(b))
}

func FuzzContractEventDecode(f *testing.F) {
	var q commandSeq
	_, events := run(f, State{},
		Draft{q.meta(buyerActor, day(2025, 11, 1)), testContract(f)},
		Cancel{q.meta(buyerActor, day(2025, 11, 2)), "withdrawn"},
	)
	for _, e := range events {
		b, err := json.Marshal(e)
		require.NoError(f, err)
		f.Add(e.EventName(), b)
	}
	f.Add("contract_signed", []byte(`{"aggregate_id":"ct","command_id":"c","actor":{"id":"u","party":"government"},"at":"2026-01-01T00:00:00Z"}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		m := grassroots.Meta{AggregateID: "ct", CommandID: "c", Actor: buyerActor, At: day(2026, 1, 1)}
		var head struct {
			AggregateID string    `json:"aggregate_id"`
			At          time.Time `json:"at"`
		}
		if json.Unmarshal(data, &head) == nil {
			m.AggregateID, m.At = head.AggregateID, head.At
		}
		env := grassroots.Event{ID: "e", Source: "/fuzz", SpecVersion: grassroots.SpecVersion, Type: grassroots.EventType("provider", name),
			Subject: m.AggregateID, Time: m.At, DataContentType: "application/json", Data: data}
		e, err := Codec.Decode(env)
		if err != nil {
			return
		}
		// What decodes encodes and decodes again to the same event.
		again, err := Codec.Envelope("/fuzz", e, 0)
		require.NoError(t, err, "a decoded event encodes")
		back, err := Codec.Decode(again)
		require.NoError(t, err, "an encoded event decodes")
		b1, _ := json.Marshal(e)
		b2, _ := json.Marshal(back)
		assert.JSONEq(t, string(b1), string(b2))
	})
}
