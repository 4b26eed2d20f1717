package incident

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var seedFlag = flag.Uint64("seed", 0, "seed for randomised tests; 0 picks one from the clock")

func testSeed(t testing.TB) uint64 {
	s := *seedFlag
	if s == 0 {
		s = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -seed=%d)", s, s)
	return s
}

// randomCommand picks a command that Decide should accept in state s, or
// ok=false when the incident has no move left (rejected).
func randomCommand(r *rand.Rand, s Incident, id string, n int, at time.Time) (Command, bool) {
	if s.Status == 0 {
		return commandFor(OpReport, id, n, at), true
	}
	var ops []Op
	for _, op := range Ops() {
		if !allowed(op, s.Status) {
			continue
		}
		if op == OpRate && s.Rated {
			continue
		}
		if op == OpEscalate {
			term, _ := s.Deadline()
			if s.Escalated == LevelReport || (at.Before(term.End) && s.Escalated >= LevelReminder) {
				continue
			}
		}
		if op == OpExtend && at.After(s.HandleTerm.End) && r.IntN(2) == 0 {
			continue
		}
		ops = append(ops, op)
	}
	if len(ops) == 0 {
		return nil, false
	}
	op := ops[r.IntN(len(ops))]
	cmd := commandFor(op, id, n, at)
	switch c := cmd.(type) {
	case Escalate:
		term, _ := s.Deadline()
		if at.Before(term.End) {
			c.Level = LevelReminder
		} else {
			c.Level = max(LevelUrge, s.Escalated+1)
		}
		cmd = c
	case Extend:
		c.RequestedAt = at
		if at.After(s.HandleTerm.End) {
			c.RequestedAt = s.HandleTerm.End
		}
		cmd = c
	case Rate:
		c.Grade = Grade(1 + r.IntN(5))
		c.Substantive = r.IntN(2) == 0
		cmd = c
	}
	return cmd, true
}

// TestReplayEqualsStepwiseState drives random valid command sequences and
// checks that replaying all events, typed or through sealed envelopes,
// gives the state built step by step, and that event times never
// decrease.
func TestReplayEqualsStepwiseState(t *testing.T) {
	r := rand.New(rand.NewPCG(testSeed(t), 7))
	d := testDecider(t)
	runs := 300
	if testing.Short() {
		runs = 50
	}
	for run := range runs {
		id := fmt.Sprintf("inc-%d", run)
		var s Incident
		var events []Event
		at := t0.Add(time.Duration(r.IntN(1000)) * time.Hour)
		var issued []Command
		for n := range 4 + r.IntN(30) {
			at = at.Add(time.Duration(r.IntN(600)) * time.Minute)
			cmd, ok := randomCommand(r, s, id, n, at)
			if !ok {
				break
			}
			if len(issued) > 0 && r.IntN(8) == 0 {
				// Redeliver an old command: it must change nothing.
				old := issued[r.IntN(len(issued))]
				evs, err := d.Decide(s, old)
				require.NoError(t, err, "run %d: redelivered %s", run, old.Op())
				require.Empty(t, evs, "run %d: redelivered %s emits nothing", run, old.Op())
			}
			evs, err := d.Decide(s, cmd)
			require.NoError(t, err, "run %d step %d: %s in %s", run, n, cmd.Op(), s.Status)
			issued = append(issued, cmd)
			for _, e := range evs {
				require.NoError(t, Check(s, e), "run %d: event %s follows its state", run, e.Name())
				s = Evolve(s, e)
			}
			events = append(events, evs...)
		}
		for i := 1; i < len(events); i++ {
			require.False(t, events[i].Metadata().At.Before(events[i-1].Metadata().At), "run %d: event %d goes back in time", run, i)
		}
		replayed, err := Replay(events)
		require.NoError(t, err, "run %d: replay", run)
		assert.True(t, replayed.Equal(&s), "run %d: replay equals the stepwise state", run)
		assert.Equal(t, len(events), s.Version, "run %d: version counts events", run)

		envs, err := Seal(nil, events, EnvelopeOptions{Source: "/test", RevealContact: true})
		require.NoError(t, err, "run %d: seal", run)
		fromEnv, err := ReplayEnvelopes(envs)
		require.NoError(t, err, "run %d: replay envelopes", run)
		assert.True(t, fromEnv.Equal(&s), "run %d: replay from envelopes equals the stepwise state", run)
	}
}
