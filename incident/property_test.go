package incident

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/decidertest"
	"github.com/grassrootsgov/grassroots/workday"
)

var (
	seedFlag    = flag.Uint64("seed", 0, "seed for randomised tests; 0 picks one from the clock")
	deciderSeed = flag.Uint64("decider.seed", 20251124, "seed of the shared lifecycle test (decidertest)")
)

func testSeed(t testing.TB) uint64 {
	s := *seedFlag
	if s == 0 {
		s = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -seed=%d)", s, s)
	return s
}

// nextTime is a time not before s's latest event: a few minutes to a few
// hours later.
func nextTime(r *rand.Rand, s Incident) time.Time {
	if s.Status == 0 {
		return t0.Add(time.Duration(r.IntN(2000)) * time.Hour)
	}
	return s.UpdatedAt.Add(time.Duration(1+r.IntN(300)) * time.Minute)
}

// validCommand picks, uniformly among the command kinds the status
// allows, a realistic command that Decide accepts in s, for incident id
// with command ID cmdID; ok is false when nothing applies (rejected).
func validCommand(r *rand.Rand, s Incident, id, cmdID string) (Command, bool) {
	at := nextTime(r, s)
	if s.Status == 0 {
		if r.IntN(3) == 0 {
			return addressOnly(id, cmdID, at), true
		}
		c := commandFor(OpReport, id, 0, at).(Report)
		c.CommandID = cmdID
		if r.IntN(2) == 0 {
			c.Description = ""
		}
		return c, true
	}
	var ops []Op
	for _, op := range Ops() {
		if table.Allows(pkgName, s.Status, op.String()) != nil {
			continue
		}
		switch {
		case op == OpRate && s.Rated,
			op == OpDispatch && !s.Located(),
			op == OpEscalate && s.Escalated == LevelReport:
			continue
		case op == OpReject && r.IntN(3) != 0:
			continue // rejections end a history: keep them rarer
		}
		ops = append(ops, op)
	}
	if len(ops) == 0 {
		return nil, false
	}
	op := ops[r.IntN(len(ops))]
	cmd := setMeta(commandFor(op, id, 0, at), meta(id, cmdID, commandFor(op, id, 0, at).Metadata().Actor, at))
	switch c := cmd.(type) {
	case Reject:
		if r.IntN(2) == 0 {
			c.Reason, c.DuplicateOf, c.Note = RejectDuplicate, "inc-original", ""
		}
		return c, true
	case Escalate:
		term, _ := s.Deadline()
		if s.Escalated == 0 && at.Before(term.End) && r.IntN(2) == 0 {
			c.Level = LevelReminder
		} else {
			if at.Before(term.End) {
				c.At = term.End.Add(time.Duration(r.IntN(120)) * time.Minute)
			}
			c.Level = max(LevelUrge, s.Escalated+1)
		}
		return c, true
	case Extend:
		c.RequestedAt = c.At
		if c.At.After(s.HandleTerm.End) {
			c.RequestedAt = s.HandleTerm.End
		}
		return c, true
	case Rate:
		c.Grade = Grade(1 + r.IntN(5))
		c.Substantive = r.IntN(2) == 0
		return c, true
	case Locate:
		c.Location.Point.Lng += float64(r.IntN(100)) * 1e-5
		if r.IntN(2) == 0 {
			c.Grid = ""
			c.Actor = grassroots.Actor{ID: "geocoder", Party: grassroots.Government, Roles: []string{RoleSystem}}
		}
		return c, true
	}
	return cmd, true
}

// refusedCommand returns a command Decide must refuse in s: one the
// status does not allow, one by an actor the permission table does not
// allow, one with invalid content, or an escalation that is not due.
func refusedCommand(r *rand.Rand, s Incident, id, cmdID string) Command {
	at := nextTime(r, s)
	m := func(a grassroots.Actor) grassroots.Meta { return meta(id, cmdID, a, at) }
	var allowed, refused []Op
	for _, op := range Ops() {
		if table.Allows(pkgName, s.Status, op.String()) == nil {
			allowed = append(allowed, op)
		} else {
			refused = append(refused, op)
		}
	}
	if len(allowed) == 0 || r.IntN(4) == 0 {
		op := refused[r.IntN(len(refused))]
		return setMeta(commandFor(op, id, 0, at), m(commandFor(op, id, 0, at).Metadata().Actor))
	}
	switch r.IntN(3) {
	case 0:
		if op := allowed[r.IntN(len(allowed))]; op != OpReport {
			intruder := grassroots.Actor{ID: "intruder", Party: grassroots.Resident}
			return setMeta(commandFor(op, id, 0, at), m(intruder))
		}
	case 1:
		if term, ok := s.Deadline(); ok && at.Before(term.End) {
			return Escalate{Meta: m(supervisor), Level: LevelUrge}
		}
	}
	switch op := allowed[r.IntN(len(allowed))]; op {
	case OpReport:
		return Report{Meta: m(reporter), Category: "002", Channel: ChannelApp, Description: "no place given"}
	case OpReject:
		return Reject{Meta: m(dispatcher), Reason: RejectDuplicate}
	case OpDispatch:
		return Dispatch{Meta: m(dispatcher), Unit: "has space"}
	case OpReturn:
		return Return{Meta: m(handler)}
	case OpResolve:
		return Resolve{Meta: m(handler), Result: "   "}
	case OpReopen:
		return Reopen{Meta: m(supervisor), Reason: strings.Repeat("x", MaxText+1)}
	case OpEscalate:
		return Escalate{Meta: m(supervisor), Level: 9}
	case OpExtend:
		return Extend{Meta: m(dispatcher), RequestedAt: at}
	case OpRate:
		return Rate{Meta: m(reporter)}
	case OpLocate:
		return Locate{Meta: m(dispatcher), Grid: "330302"}
	default: // accept, start, close: refused by the table elsewhere, by content here
		return Close{Meta: m(dispatcher), Note: "\xff"}
	}
}

// coverage is a Decider that records which rows of the transition table
// its Evolve applied.
type coverage struct {
	*Decider
	seen map[string]bool
}

func (c coverage) Evolve(s Incident, e Event) (Incident, error) {
	next, err := c.Decider.Evolve(s, e)
	if err == nil {
		c.seen[s.Status.String()+" "+e.EventName()] = true
	}
	return next, err
}

func (c coverage) Replay(events []Event) (Incident, error) {
	return grassroots.Replay(c.Evolve, events)
}

// TestLifecycleContract runs the shared lifecycle test on random
// histories that reach every row of the transition table, and checks
// that they did.
func TestLifecycleContract(t *testing.T) {
	cov := coverage{Decider: testDecider(t), seen: map[string]bool{}}
	histories := 300
	if testing.Short() {
		histories = 100
	}
	decidertest.Run(t, decidertest.Lifecycle[Incident, Command, Event]{
		Decider: cov,
		Codec:   RecordCodec, // the contact round-trips in clear, so states compare equal
		Next: func(r *rand.Rand, s Incident, id string, step int) (Command, bool) {
			return validCommand(r, s, id, fmt.Sprintf("c-%d", step))
		},
		Refused: func(r *rand.Rand, s Incident, id string, step int) Command {
			return refusedCommand(r, s, id, fmt.Sprintf("refused-%d", step))
		},
		Reuse: func(c Command) Command {
			m := c.Metadata()
			m.At = m.At.Add(time.Second)
			return setMeta(c, m)
		},
		Equal: func(a, b Incident) bool { return a.Equal(&b) },
	}, *deciderSeed, histories)
	for _, row := range table {
		froms := row.From
		if len(froms) == 0 {
			froms = []Status{0}
		}
		for _, f := range froms {
			assert.True(t, cov.seen[f.String()+" "+row.Event], "row %s / %s from %s is exercised", row.Command, row.Event, f)
		}
	}
}

// TestReplayEqualsStepwiseState drives random valid command sequences,
// redelivering old commands on the way, and checks that replaying the
// events, typed or through sealed envelopes of either codec, gives the
// state built step by step (the contact masked through Codec), and that
// event times never decrease.
func TestReplayEqualsStepwiseState(t *testing.T) {
	r := rand.New(rand.NewPCG(testSeed(t), 7))
	d := testDecider(t)
	runs := 200
	if testing.Short() {
		runs = 50
	}
	for run := range runs {
		id := fmt.Sprintf("inc-%d", run)
		var s Incident
		var events []Event
		var issued []Command
		for n := range 4 + r.IntN(30) {
			cmd, ok := validCommand(r, s, id, fmt.Sprintf("c-%d", n))
			if !ok {
				break
			}
			if len(issued) > 0 && r.IntN(8) == 0 {
				old := issued[r.IntN(len(issued))]
				evs, err := d.Decide(s, old)
				require.NoError(t, err, "run %d: redelivered %s", run, old.CommandName())
				require.Empty(t, evs, "run %d: redelivered %s emits nothing", run, old.CommandName())
			}
			issued = append(issued, cmd)
			s = apply(t, d, s, cmd, &events)
		}
		for i := 1; i < len(events); i++ {
			require.False(t, events[i].Metadata().At.Before(events[i-1].Metadata().At), "run %d: event %d goes back in time", run, i)
		}
		replayed, err := d.Replay(events)
		require.NoError(t, err, "run %d: replay", run)
		assert.True(t, replayed.Equal(&s), "run %d: replay equals the stepwise state", run)
		assert.Equal(t, len(events), s.Version, "run %d: version counts events", run)
		assert.Equal(t, len(issued), s.Commands().Len(), "run %d: the log holds every command once", run)

		envs, err := RecordCodec.Seal(nil, "/test", events)
		require.NoError(t, err, "run %d: seal", run)
		fromRecord, err := d.ReplayEnvelopes(envs)
		require.NoError(t, err, "run %d: replay the record", run)
		assert.True(t, fromRecord.Equal(&s), "run %d: replaying the record equals the stepwise state", run)

		published, err := Codec.Seal(nil, "/test", events)
		require.NoError(t, err, "run %d: seal", run)
		fromPublished, err := grassroots.ReplayEnvelopes(d, Codec, published)
		require.NoError(t, err, "run %d: replay the published chain", run)
		assert.Equal(t, s.Contact.Masked(), fromPublished.Contact, "run %d: the published chain holds the masked contact", run)
		fromPublished.Contact = s.Contact
		assert.True(t, fromPublished.Equal(&s), "run %d: otherwise the published chain replays to the same state", run)
	}
}

// TestCommandLogHoldsTheIDs checks that the state keeps the command IDs
// themselves, in order, with no hash that two IDs could share.
func TestCommandLogHoldsTheIDs(t *testing.T) {
	d := testDecider(t)
	s, _, last := build(t, d, "inc-1", pathTo[StatusInProgress])
	assert.Equal(t, []string{"inc-1-report-0", "inc-1-accept-1", "inc-1-dispatch-2", "inc-1-start-3"}, s.Commands().IDs())
	ext := Extend{Meta: meta("inc-1", "ext", dispatcher, last.Add(time.Minute)), RequestedAt: last, By: workday.Limit{Amount: 1, Unit: workday.WorkingDays}}
	s2 := apply(t, d, s, ext, nil)
	assert.Equal(t, 4, s.Commands().Len(), "applying to a copy leaves the original's log alone")
	assert.True(t, slices.Contains(s2.Commands().IDs(), "ext"))
}
