package risk

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
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

// randomCommand returns a command of a random kind for r at time at,
// numbered i; many are refused in r's stage or break a guard, on purpose.
func randomCommand(ch chooser, r Risk, at time.Time, i int) Command {
	m := func(by grassroots.Actor) grassroots.Meta {
		return grassroots.Meta{AggregateID: riskID, CommandID: fmt.Sprintf("c-%d", i), Actor: by, At: at}
	}
	level := AlertLevel(1 + ch.intn(4))
	switch ch.intn(16) {
	case 0:
		c := identifyCmd(at)
		c.Meta = m(owner)
		return c
	case 1:
		l, i := 1+ch.intn(5), 1+ch.intn(5)
		a, err := NIST80030().Assess(l, i, 1+ch.intn(l), 1+ch.intn(i))
		if err != nil {
			a = Assessment{Method: "x", Current: Rating{Level: High}, Residual: Rating{Level: Low}}
		}
		return Assess{Meta: m(owner), Assessment: a}
	case 2:
		return IssueAlert{Meta: m(owner), Level: level}
	case 3:
		return RaiseAlert{Meta: m(owner), Level: level}
	case 4:
		return LowerAlert{Meta: m(owner), Level: level}
	case 5:
		steps := make([]Step, 1+ch.intn(3))
		for i := range steps {
			steps[i] = Step{ID: string(rune('a' + i)), Role: "dpo", Due: at.Add(time.Duration(1+ch.intn(200)) * time.Hour)}
		}
		return ActivatePlan{Meta: m(owner), Plan: Plan{Steps: steps}}
	case 6:
		step := "zz"
		if r.Plan != nil {
			step = r.Plan.Steps[ch.intn(len(r.Plan.Steps))].ID
		}
		return CompleteStep{Meta: m(worker), Step: step}
	case 7:
		c := remediateCmd(at)
		c.Meta = m(owner)
		return c
	case 8:
		return Close{Meta: m(owner), Reason: CloseReason(1 + ch.intn(6))}
	case 9:
		return Dismiss{Meta: m(owner), Reason: "false alarm"}
	case 10:
		return Reopen{Meta: m(owner), Reason: "recurred"}
	case 11:
		by := approver
		if ch.intn(4) == 0 {
			by = owner
		}
		return Accept{Meta: m(by), Justification: "j", Expires: at.Add(time.Duration(ch.intn(300)) * time.Hour)}
	case 12:
		return RevokeAcceptance{Meta: m(approver), Reason: "r"}
	case 13:
		var next time.Time
		if ch.intn(2) == 0 {
			next = at.Add(time.Duration(1+ch.intn(100)) * time.Hour)
		}
		return Review{Meta: m(owner), NextReview: next}
	default:
		if due, err := Due([]Risk{r}, at, scheduler); err == nil && len(due) > 0 {
			return due[ch.intn(len(due))]
		}
		return Escalate{Meta: m(scheduler), Kind: EscalationReview, Due: at}
	}
}

// runSequence decides n random commands from the empty state and returns
// the events and the state folded step by step, checking on the way that
// a refused command emits nothing and changes nothing.
func runSequence(t testing.TB, ch chooser, n int) ([]Event, Risk) {
	var r Risk
	var events []Event
	at := t0
	for i := range n {
		at = at.Add(time.Duration(ch.intn(48*60)) * time.Minute)
		c := randomCommand(ch, r, at, i)
		evs, err := decider.Decide(r, c)
		if err != nil {
			if evs != nil {
				t.Fatalf("refused %s emitted %d events", c.CommandName(), len(evs))
			}
			continue
		}
		for _, e := range evs {
			if r, err = decider.Evolve(r, e); err != nil {
				t.Fatalf("Evolve refuses %s that Decide returned: %v", e.EventName(), err)
			}
		}
		events = append(events, evs...)
	}
	return events, r
}

// Random histories, accepted and refused commands mixed, replay to the
// state built step by step, and so do their envelopes once stored as JSON
// and read back.
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
		replayed, err := decider.Replay(events)
		require.NoError(t, err, "run %d", run)
		assert.True(t, sameRisk(state, replayed), "run %d: replay equals the folded state", run)
		stagesSeen[state.Stage] = true
		if len(events) == 0 {
			continue
		}
		envs, err := Codec.Seal(nil, "/districts/330302/risk", events)
		require.NoError(t, err, "run %d", run)
		stored, err := json.Marshal(envs)
		require.NoError(t, err)
		var back []grassroots.Event
		require.NoError(t, json.Unmarshal(stored, &back))
		fromEnvs, err := grassroots.ReplayEnvelopes(decider, Codec, back)
		require.NoError(t, err, "run %d", run)
		assert.True(t, sameRisk(state, fromEnvs), "run %d: replay from stored envelopes", run)
	}
	assert.GreaterOrEqual(t, len(stagesSeen), 4, "the generator reaches several stages: %v", stagesSeen)
}

// Due never returns an escalation Decide would refuse: on random states at
// random times, every command Due returns is accepted, all of them apply
// in order, and then Due has nothing left for that time.
func TestPropertyDueIsAccepted(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d (set with -risk.seed)", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	escalations := map[EscalationKind]int{}
	for run := range 300 {
		_, r := runSequence(t, rngChooser{rng}, 1+rng.IntN(40))
		now := r.UpdatedAt.Add(time.Duration(rng.IntN(60*24*40)) * time.Minute)
		if r.Stage == 0 {
			now = t0
		}
		due, err := Due([]Risk{r}, now, scheduler)
		require.NoError(t, err)
		for _, c := range due {
			events, err := decider.Decide(r, c)
			require.NoError(t, err, "run %d: Decide accepts %s %q due %s at %s", run, c.Kind, c.Key, c.Due, now)
			r = evolve(t, r, events)
			escalations[c.Kind]++
		}
		again, err := Due([]Risk{r}, now, scheduler)
		require.NoError(t, err)
		assert.Empty(t, again, "run %d: each matter once", run)
	}
	for _, k := range []EscalationKind{EscalationStep, EscalationReview, EscalationAcceptance} {
		assert.Positive(t, escalations[k], "the runs escalate some %s", k)
	}
}

func TestReplayRefusesBadHistory(t *testing.T) {
	events := history(t, StageAlerted)
	var re *grassroots.ReplayError
	_, err := decider.Replay(events[1:])
	require.ErrorAs(t, err, &re, "history without identification")
	assert.Equal(t, 0, re.Index)
	assert.ErrorIs(t, err, grassroots.ErrTransition)

	swapped := append([]Event{}, events...)
	swapped[2], swapped[3] = swapped[3], swapped[2]
	_, err = decider.Replay(swapped)
	require.ErrorAs(t, err, &re, "out of order")
	assert.Equal(t, 3, re.Index)
	assert.ErrorIs(t, err, ErrTimeOrder)

	m := meta(owner, t0.Add(10*time.Hour))
	m.AggregateID = "R2"
	_, err = decider.Replay(append(append([]Event{}, events...), Assessed{Meta: m, Assessment: mustAssessment(t)}))
	assert.ErrorIs(t, err, ErrWrongRisk, "events of two risks")
	assessed := history(t, StageAssessed) // ends with an acceptance, which the stage allows again
	_, err = decider.Replay(append(assessed, assessed[len(assessed)-1]))
	assert.ErrorIs(t, err, grassroots.ErrDuplicateEvent, "an event twice")
	_, err = decider.Replay([]Event{nil})
	assert.True(t, errors.As(err, &re) && re.Index == 0, "a nil event: %v", err)
}

func TestEnvelopes(t *testing.T) {
	events := history(t, StageClosed)
	envs, err := Codec.Seal(nil, "/districts/330302/risk", events)
	require.NoError(t, err)
	require.NoError(t, grassroots.VerifyChain(envs))
	assert.Equal(t, "grassroots.risk.identified.v1", envs[0].Type)
	assert.Equal(t, "grassroots.risk.closed.v1", envs[len(envs)-1].Type)
	for i, env := range envs {
		assert.Equal(t, riskID, env.Subject, "envelope %d", i)
		assert.Equal(t, grassroots.EventID(riskID, events[i].Metadata().CommandID, 0, events[i].Metadata().At), env.ID, "envelope %d: the ID comes from the command", i)
		assert.Equal(t, grassroots.SchemaURI("risk", events[i].EventName()), env.DataSchema, "envelope %d", i)
	}
	again, err := Codec.Seal(nil, "/districts/330302/risk", events)
	require.NoError(t, err)
	assert.Equal(t, envs, again, "sealing is deterministic")

	// Continue the chain after the last stored envelope.
	more, err := Codec.Seal(&envs[len(envs)-1], "/districts/330302/risk",
		[]Event{Reopened{Meta: meta(owner, t0.Add(24*time.Hour)), Reason: "recurred"}})
	require.NoError(t, err)
	r, err := grassroots.ReplayEnvelopes(decider, Codec, append(envs, more...))
	require.NoError(t, err)
	assert.Equal(t, 1, r.Reopened)

	for name, edit := range map[string]func(*grassroots.Event){
		"unknown type":     func(e *grassroots.Event) { e.Type = "grassroots.risk.exploded.v1" },
		"other package":    func(e *grassroots.Event) { e.Type = "grassroots.incident.reported.v1" },
		"subject":          func(e *grassroots.Event) { e.Subject = "R9" },
		"time":             func(e *grassroots.Event) { e.Time = e.Time.Add(time.Second) },
		"bad enum in data": func(e *grassroots.Event) { e.Data = json.RawMessage(`{"assessment":{"current":{"level":"purple"}}}`) },
		"invalid data": func(e *grassroots.Event) {
			e.Data = json.RawMessage(`{"aggregate_id":"R1","command_id":"c","actor":{"id":"a","party":"government"},"at":"2026-03-02T10:00:00+08:00","assessment":{}}`)
		},
	} {
		bad := envs[1]
		edit(&bad)
		_, err := Codec.Decode(bad)
		assert.Error(t, err, name)
	}

	tampered := append([]grassroots.Event{}, envs...)
	tampered[2].Data = json.RawMessage(`{}`)
	_, err = grassroots.ReplayEnvelopes(decider, Codec, tampered)
	assert.ErrorIs(t, err, grassroots.ErrChainBroken)
}

// Every event type is in the codec: an envelope of each type with empty
// data is invalid, never an unknown type.
func TestEveryEventTypeDecodes(t *testing.T) {
	require.Len(t, Codec.Names(), len(Transitions().Commands()), "one event type per command")
	for _, name := range Codec.Names() {
		env := grassroots.Event{ID: "e", Source: "/s", SpecVersion: grassroots.SpecVersion,
			Type: grassroots.EventType("risk", name), Subject: riskID, Time: t0, Data: json.RawMessage(`{}`)}
		_, err := Codec.Decode(env)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, name)
		assert.NotErrorIs(t, err, grassroots.ErrUnknownEvent, name)
	}
}
