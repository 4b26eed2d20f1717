package risk

import (
	"encoding/json"
	"flag"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

var seedFlag = flag.Uint64("risk.seed", 20260302, "seed of the randomised risk tests")

// chooser picks numbers for the command generator: a seeded RNG in
// property tests, fuzz bytes in fuzz tests.
type chooser interface{ intn(n int) int }

type rngChooser struct{ r *rand.Rand }

func (c rngChooser) intn(n int) int { return c.r.IntN(n) }

type byteChooser struct{ b []byte }

func (c *byteChooser) intn(n int) int {
	if len(c.b) == 0 {
		return 0
	}
	v := int(c.b[0])
	c.b = c.b[1:]
	return v % n
}

// randomCommand returns a command of a random kind for r at time at;
// some are invalid for r's stage or break a guard, on purpose.
func randomCommand(ch chooser, r Risk, at time.Time) Command {
	h := hdr(owner, at)
	level := AlertLevel(1 + ch.intn(4))
	switch ch.intn(15) {
	case 0:
		return identifyCmd(at)
	case 1:
		l, i := 1+ch.intn(5), 1+ch.intn(5)
		a, err := NIST80030().Assess(l, i, 1+ch.intn(l), 1+ch.intn(i))
		if err != nil {
			a = Assessment{Method: "x", Current: Rating{Level: High}, Residual: Rating{Level: Low}}
		}
		return Assess{Header: h, Assessment: a}
	case 2:
		return IssueAlert{Header: h, Level: level}
	case 3:
		return RaiseAlert{Header: h, Level: level}
	case 4:
		return LowerAlert{Header: h, Level: level}
	case 5:
		steps := make([]Step, 1+ch.intn(3))
		for i := range steps {
			steps[i] = Step{ID: string(rune('a' + i)), Role: "dpo", Due: at.Add(time.Duration(1+ch.intn(200)) * time.Hour)}
		}
		return ActivatePlan{Header: h, Plan: Plan{Steps: steps}}
	case 6:
		step := "zz"
		if r.Plan != nil {
			step = r.Plan.Steps[ch.intn(len(r.Plan.Steps))].ID
		}
		return CompleteStep{Header: hdr(worker, at), Step: step}
	case 7:
		return remediateCmd(at)
	case 8:
		return Close{Header: h, Reason: CloseReason(1 + ch.intn(6))}
	case 9:
		return Reopen{Header: h, Reason: "recurred"}
	case 10:
		by := approver
		if ch.intn(4) == 0 {
			by = owner
		}
		return Accept{Header: hdr(by, at), Justification: "j", Expires: at.Add(time.Duration(ch.intn(300)) * time.Hour)}
	case 11:
		return RevokeAcceptance{Header: hdr(approver, at), Reason: "r"}
	case 12:
		var next time.Time
		if ch.intn(2) == 0 {
			next = at.Add(time.Duration(1+ch.intn(100)) * time.Hour)
		}
		return Review{Header: h, NextReview: next}
	default:
		if due := Due([]Risk{r}, at, owner); len(due) > 0 {
			return due[ch.intn(len(due))]
		}
		return Escalate{Header: h, Kind: EscalationReview, Due: at}
	}
}

// runSequence decides n random commands from the empty state and returns
// the events and the state folded step by step, checking on the way that
// a rejected command emits nothing.
func runSequence(t testing.TB, ch chooser, n int) ([]Event, Risk) {
	var r Risk
	var events []Event
	at := t0
	for range n {
		at = at.Add(time.Duration(ch.intn(48*60)) * time.Minute)
		c := randomCommand(ch, r, at)
		evs, err := Decide(r, c)
		if err != nil {
			if evs != nil {
				t.Fatalf("rejected %s emitted %d events", c.CommandName(), len(evs))
			}
			continue
		}
		for _, e := range evs {
			r = Evolve(r, e)
		}
		events = append(events, evs...)
	}
	return events, r
}

func TestPropertyReplayEqualsState(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d (set with -risk.seed)", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	runs, length := 300, 60
	if testing.Short() {
		runs = 50
	}
	stagesSeen := map[Stage]bool{}
	for run := range runs {
		events, state := runSequence(t, rngChooser{rng}, length)
		replayed, err := Replay(events)
		require.NoError(t, err, "run %d", run)
		assert.Equal(t, state, replayed, "run %d: replay equals the folded state", run)
		stagesSeen[state.Stage] = true
		if len(events) == 0 {
			continue
		}

		var seedBytes [32]byte
		seedBytes[0] = byte(run)
		envs, err := ToEnvelopes(nil, "/districts/330302/risk", events, rand.NewChaCha8(seedBytes))
		require.NoError(t, err, "run %d", run)
		stored, err := json.Marshal(envs)
		require.NoError(t, err)
		var back []grassroots.Event
		require.NoError(t, json.Unmarshal(stored, &back))
		fromEnvs, err := ReplayEnvelopes(back)
		require.NoError(t, err, "run %d", run)
		assert.JSONEq(t, jsonOf(t, state), jsonOf(t, fromEnvs), "run %d: replay from stored envelopes", run)
	}
	assert.GreaterOrEqual(t, len(stagesSeen), 4, "the generator reaches several stages: %v", stagesSeen)
}

func TestReplayRejectsBadHistory(t *testing.T) {
	events := history(t, StageAlerted)
	_, err := Replay(events[1:])
	assert.ErrorIs(t, err, ErrReplay, "history without identification")
	assert.ErrorIs(t, err, ErrTransition)

	swapped := append([]Event{}, events...)
	swapped[2], swapped[3] = swapped[3], swapped[2]
	_, err = Replay(swapped)
	assert.ErrorIs(t, err, ErrReplay, "out of order")

	_, err = Replay(append(append([]Event{}, events...), Assessed{Header: Header{Risk: "R2", By: owner, At: t0.Add(10 * time.Hour)}, Assessment: mustAssessment(t)}))
	assert.ErrorIs(t, err, ErrWrongRisk, "events of two risks")
	_, err = Replay([]Event{nil})
	assert.ErrorIs(t, err, ErrReplay)
}

func TestEnvelopes(t *testing.T) {
	events := history(t, StageClosed)
	var seedBytes [32]byte
	envs, err := ToEnvelopes(nil, "/districts/330302/risk", events, rand.NewChaCha8(seedBytes))
	require.NoError(t, err)
	require.NoError(t, grassroots.VerifyChain(envs))
	assert.Equal(t, "grassroots.risk.identified.v1", envs[0].Type)
	assert.Equal(t, "grassroots.risk.closed.v1", envs[len(envs)-1].Type)
	for i, env := range envs {
		assert.Equal(t, riskID, env.Subject, "envelope %d", i)
		e, err := FromEnvelope(env)
		require.NoError(t, err, "envelope %d", i)
		assert.Equal(t, events[i].EventName(), e.EventName())
	}

	// Continue the chain after the last stored envelope.
	more, err := ToEnvelopes(&envs[len(envs)-1], "/districts/330302/risk",
		[]Event{Reopened{Header: hdr(owner, t0.Add(24*time.Hour)), Reason: "recurred"}}, rand.NewChaCha8(seedBytes))
	require.NoError(t, err)
	r, err := ReplayEnvelopes(append(envs, more...))
	require.NoError(t, err)
	assert.Equal(t, 1, r.Reopened)

	bad := envs[1]
	bad.Type = "grassroots.risk.exploded.v1"
	_, err = FromEnvelope(bad)
	assert.ErrorIs(t, err, ErrUnknownEventType)
	bad = envs[1]
	bad.Type = "grassroots.incident.reported.v1"
	_, err = FromEnvelope(bad)
	assert.ErrorIs(t, err, ErrUnknownEventType)
	bad = envs[1]
	bad.Subject = "R9"
	_, err = FromEnvelope(bad)
	assert.ErrorIs(t, err, ErrEnvelope, "subject differs from data")
	bad = envs[1]
	bad.Time = bad.Time.Add(time.Second)
	_, err = FromEnvelope(bad)
	assert.ErrorIs(t, err, ErrEnvelope, "time differs from data")
	bad = envs[1]
	bad.Data = json.RawMessage(`{"assessment":{"current":{"level":"purple"}}}`)
	_, err = FromEnvelope(bad)
	assert.ErrorIs(t, err, ErrEnvelope, "bad enum in data")

	tampered := append([]grassroots.Event{}, envs...)
	tampered[2].Data = json.RawMessage(`{}`)
	_, err = ReplayEnvelopes(tampered)
	assert.ErrorIs(t, err, grassroots.ErrChainBroken)
}

// Every event type has a decoder: an envelope of each type with empty data
// is an invalid envelope, never an unknown type.
func TestEveryEventTypeDecodes(t *testing.T) {
	for _, e := range Events() {
		env := grassroots.Event{ID: "e", Source: "/s", SpecVersion: grassroots.SpecVersion,
			Type: grassroots.EventType("risk", e.EventName()), Subject: riskID, Time: t0, Data: json.RawMessage(`{}`)}
		_, err := FromEnvelope(env)
		assert.ErrorIs(t, err, ErrEnvelope, e.EventName())
		assert.NotErrorIs(t, err, ErrUnknownEventType, e.EventName())
	}
}
