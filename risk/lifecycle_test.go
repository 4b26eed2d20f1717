package risk

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/decidertest"
)

var (
	deciderSeed = flag.Uint64("decider.seed", 20260302, "seed of the shared lifecycle test")
	update      = flag.Bool("update", false, "rewrite the golden files")
)

var scheduler = grassroots.Actor{ID: "scheduler", Party: grassroots.Government}

// recorder is a Decider that records every (stage, event) it applies, so
// a test can tell which rows of the table a run exercised.
type recorder struct {
	Decider
	seen map[string]bool
}

func (d *recorder) Evolve(r Risk, e Event) (Risk, error) {
	next, err := d.Decider.Evolve(r, e)
	if err == nil {
		d.seen[rowKey(r.Stage, e.EventName())] = true
		if esc, ok := e.(Escalated); ok {
			d.seen[fmt.Sprintf("escalation %s in %s", esc.Kind, stageKey(r.Stage))] = true
		}
	}
	return next, err
}

func (d *recorder) Replay(events []Event) (Risk, error) { return grassroots.Replay(d.Evolve, events) }

func stageKey(s Stage) string {
	if s == 0 {
		return "none"
	}
	return s.String()
}

func rowKey(from Stage, event string) string { return stageKey(from) + " / " + event }

// lifecycleGen produces commands for the shared lifecycle test.
type lifecycleGen struct{}

func (lifecycleGen) meta(id, prefix string, step int, by grassroots.Actor, at time.Time) grassroots.Meta {
	return grassroots.Meta{AggregateID: id, CommandID: fmt.Sprintf("%s-%d", prefix, step), Actor: by, At: at}
}

// next returns a command Decide accepts in s: mostly one that moves the
// risk along, sometimes one that keeps its stage, and at the right times
// the escalations Due finds, jumping to a deadline to make one due.
func (g lifecycleGen) next(r *rand.Rand, s Risk, id string, step int) (Command, bool) {
	if s.Stage == StageClosed && step > 30 {
		return nil, false
	}
	at := s.UpdatedAt.Add(time.Duration(1+r.IntN(240)) * time.Minute)
	if s.Stage == 0 {
		at = t0.Add(time.Duration(r.IntN(1000)) * time.Minute)
	}
	if jump, ok := g.deadline(r, s); ok && r.IntN(3) == 0 {
		if cmds, err := Due([]Risk{s}, jump, scheduler); err == nil && len(cmds) > 0 {
			return cmds[r.IntN(len(cmds))], true
		}
	}
	if cmds, err := Due([]Risk{s}, at, scheduler); err == nil && len(cmds) > 0 && r.IntN(2) == 0 {
		return cmds[0], true
	}
	m := func(by grassroots.Actor) grassroots.Meta { return g.meta(id, "c", step, by, at) }
	var forward, stay []Command
	inEffect := s.Acceptance.InEffect(at)
	review := Review{Meta: m(owner), Note: "monthly review"}
	if r.IntN(2) == 0 {
		review.NextReview = at.Add(time.Duration(1+r.IntN(96)) * time.Hour)
	}
	accept := Accept{Meta: m(approver), Justification: "compensating controls", Expires: at.Add(time.Duration(1+r.IntN(200)) * time.Hour)}
	revoke := RevokeAcceptance{Meta: m(approver), Reason: "controls failed"}
	dismiss := Dismiss{Meta: m(owner), Reason: "the reads were a scheduled backup"}
	assess := Assess{Meta: m(owner), Assessment: g.assessment(r)}
	switch s.Stage {
	case 0:
		c := identifyCmd(at)
		c.Meta = m(owner)
		c.Category = Categories()[r.IntN(len(Categories()))]
		if r.IntN(2) == 0 {
			c.NextReview = time.Time{}
		}
		return c, true
	case StageIdentified:
		forward = append(forward, assess)
		stay = append(stay, dismiss, review)
	case StageAssessed:
		forward = append(forward, IssueAlert{Meta: m(owner), Level: AlertLevel(1 + r.IntN(4))})
		stay = append(stay, assess, accept, dismiss, review)
	case StageAlerted:
		forward = append(forward, ActivatePlan{Meta: m(owner), Plan: g.plan(r, at)})
		stay = append(stay, assess, accept, dismiss, review)
	case StageUnderManagement:
		if open := s.openSteps(); len(open) > 0 {
			forward = append(forward, CompleteStep{Meta: m(worker), Step: open[r.IntN(len(open))]})
		}
		rem := remediateCmd(at)
		rem.Meta = m(owner)
		forward = append(forward, rem)
		stay = append(stay, assess, accept, dismiss, review)
	case StageRemediated:
		reason := []CloseReason{CloseMitigated, CloseTransferred, CloseRetired, CloseCancelled}[r.IntN(4)]
		if inEffect {
			reason = CloseAccepted
		}
		forward = append(forward, Close{Meta: m(owner), Reason: reason})
		stay = append(stay, accept, dismiss, review)
	case StageClosed:
		forward = append(forward, Reopen{Meta: m(owner), Reason: "recurred"})
	}
	if s.Stage == StageAlerted || s.Stage == StageUnderManagement {
		if above := g.levels(s.Alert, true); len(above) > 0 {
			stay = append(stay, RaiseAlert{Meta: m(owner), Level: above[r.IntN(len(above))]})
		}
		if below := g.levels(s.Alert, false); len(below) > 0 {
			stay = append(stay, LowerAlert{Meta: m(owner), Level: below[r.IntN(len(below))]})
		}
	}
	if inEffect && s.Stage != StageIdentified {
		stay = append(stay, revoke)
	}
	if len(stay) == 0 || r.IntN(5) < 3 {
		return forward[r.IntN(len(forward))], true
	}
	return stay[r.IntN(len(stay))], true
}

// deadline returns a time at which one of s's open matters is overdue.
func (lifecycleGen) deadline(r *rand.Rand, s Risk) (time.Time, bool) {
	var times []time.Time
	for _, kind := range []EscalationKind{EscalationStep, EscalationReview, EscalationAcceptance} {
		keys := []string{""}
		if kind == EscalationStep {
			keys = s.openSteps()
		}
		for _, key := range keys {
			if due, ok := s.deadline(kind, key); ok {
				if _, done := s.escalation(kind, key, due); !done {
					times = append(times, due.Add(time.Duration(r.IntN(2)+1)*time.Minute))
				}
			}
		}
	}
	if len(times) == 0 {
		return time.Time{}, false
	}
	at := times[r.IntN(len(times))]
	if at.Before(s.UpdatedAt) {
		at = s.UpdatedAt.Add(time.Minute)
	}
	return at, true
}

func (lifecycleGen) assessment(r *rand.Rand) Assessment {
	l, i := 1+r.IntN(5), 1+r.IntN(5)
	a, err := NIST80030().Assess(l, i, 1+r.IntN(l), i)
	if err != nil {
		panic(err) // residual ratings are drawn within the current ones
	}
	return a
}

func (lifecycleGen) plan(r *rand.Rand, at time.Time) Plan {
	steps := make([]Step, 1+r.IntN(3))
	for i := range steps {
		steps[i] = Step{ID: fmt.Sprintf("s%d", i+1), Role: "data_protection_officer", Due: at.Add(time.Duration(1+r.IntN(120)) * time.Hour)}
	}
	return Plan{Template: "ds-ii", Steps: steps}
}

func (lifecycleGen) levels(current AlertLevel, above bool) []AlertLevel {
	var out []AlertLevel
	for _, l := range AlertLevels() {
		if (above && l.Above(current)) || (!above && current.Above(l)) {
			out = append(out, l)
		}
	}
	return out
}

// refused returns a command Decide must refuse in s, each for a reason
// that names what was expected: the wrong stage, a time before the last
// event, another risk, an owner approving, an alert change the wrong way,
// an unknown step, an escalation not due or with the wrong key, a close as
// accepted or a revocation without an acceptance in effect.
func (g lifecycleGen) refused(r *rand.Rand, s Risk, id string, step int) Command {
	at := s.UpdatedAt.Add(time.Minute)
	m := func(by grassroots.Actor) grassroots.Meta { return g.meta(id, "x", step, by, at) }
	if s.Stage == 0 {
		return []Command{
			Assess{Meta: m(owner), Assessment: g.assessment(r)},
			Identify{Meta: m(owner), Source: SourceAudit},
		}[r.IntN(2)]
	}
	early := m(owner)
	early.At = s.UpdatedAt.Add(-time.Minute)
	elsewhere := m(owner)
	elsewhere.AggregateID = id + "-other"
	again := identifyCmd(at) // an existing risk is not identified again
	again.Meta = m(owner)
	choices := []Command{
		again,
		Review{Meta: early},
		Review{Meta: elsewhere},
		Escalate{Meta: m(scheduler), Kind: EscalationReview, Due: at.Add(time.Hour)},
		Escalate{Meta: m(scheduler), Kind: EscalationReview, Key: "s1", Due: s.UpdatedAt},
		Close{Meta: m(owner), Reason: CloseFalsePositive},
	}
	if s.Stage != StageClosed {
		choices = append(choices, Dismiss{Meta: m(owner)})
	}
	if s.Stage != 0 && s.Stage != StageIdentified && s.Stage != StageClosed {
		choices = append(choices, Accept{Meta: m(owner), Justification: "self-approved", Expires: at.Add(time.Hour)})
	}
	if s.Stage == StageAlerted || s.Stage == StageUnderManagement {
		choices = append(choices, RaiseAlert{Meta: m(owner), Level: s.Alert}, LowerAlert{Meta: m(owner), Level: s.Alert})
	}
	if s.Stage == StageUnderManagement {
		choices = append(choices, CompleteStep{Meta: m(worker), Step: "no-such-step"})
	}
	if !s.Acceptance.InEffect(at) {
		choices = append(choices, RevokeAcceptance{Meta: m(approver), Reason: "r"})
		if s.Stage == StageRemediated {
			choices = append(choices, Close{Meta: m(owner), Reason: CloseAccepted})
		}
	}
	return choices[r.IntN(len(choices))]
}

func (lifecycleGen) reuse(c Command) Command {
	m := c.Metadata()
	m.Actor = grassroots.Actor{ID: "impostor", Party: grassroots.Resident}
	return Review{Meta: m}
}

// TestLifecycleContract runs the shared lifecycle test on random
// histories and checks that they exercise every row of the table, and
// every escalation kind.
func TestLifecycleContract(t *testing.T) {
	seed := *deciderSeed
	t.Logf("seed %d (set with -decider.seed)", seed)
	rec := &recorder{seen: map[string]bool{}}
	var g lifecycleGen
	histories := 150
	if testing.Short() {
		histories = 60
	}
	decidertest.Run(t, decidertest.Lifecycle[Risk, Command, Event]{
		Decider: rec, Codec: Codec, Next: g.next, Refused: g.refused, Reuse: g.reuse, Equal: sameRisk,
	}, seed, histories)
	for _, row := range Transitions() {
		from := row.From
		if len(from) == 0 {
			from = []Stage{0}
		}
		for _, f := range from {
			assert.True(t, rec.seen[rowKey(f, row.Event)], "row %s / %s from %s is exercised", row.Command, row.Event, stageKey(f))
		}
	}
	for _, want := range []string{"escalation step in under_management", "escalation review in identified", "escalation acceptance in closed", "escalation acceptance in remediated"} {
		assert.True(t, rec.seen[want], "%s is exercised", want)
	}
}

// The DOT graph of the table is golden: a change of the chain shows in
// review as a change of testdata/transitions.dot (rewrite with -update).
func TestTransitionsDOT(t *testing.T) {
	require.NoError(t, Transitions().Check())
	got := Transitions().DOT("risk")
	path := filepath.Join("testdata", "transitions.dot")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file (create it with -update)")
	assert.Equal(t, string(want), got)
}

// Evolve refuses every event Decide could not have produced, and leaves
// the state as it was.
func TestEvolveRefusesForgedEvents(t *testing.T) {
	alerted := stateAt(t, StageAlerted) // alert II, accepted until t0+30d, review due t0+12h
	managed := stateAt(t, StageUnderManagement)
	managed, _ = decideAll(t, managed, CompleteStep{Meta: meta(worker, t0.Add(6*time.Hour)), Step: "s1"})
	remediated := stateAt(t, StageRemediated)
	at := t0.Add(24 * time.Hour)
	late := t0.Add(40 * 24 * time.Hour) // after the acceptance expired
	other := meta(owner, at)
	other.AggregateID = "R2"
	bad := meta(owner, at)
	bad.CommandID = ""
	escalated, _ := decideAll(t, alerted, Escalate{Meta: meta(scheduler, at), Kind: EscalationReview, Due: t0.Add(12 * time.Hour)})
	for _, tc := range []struct {
		name  string
		state Risk
		event Event
		want  error
	}{
		{"a raise that is not higher", alerted, AlertRaised{Meta: meta(owner, at), Level: AlertIII}, ErrAlertNotHigher},
		{"a lowering that is not lower", alerted, AlertLowered{Meta: meta(owner, at), Level: AlertI}, ErrAlertNotLower},
		{"a step completed twice", managed, StepCompleted{Meta: meta(worker, at), Step: "s1"}, ErrStepCompleted},
		{"a step the plan does not have", managed, StepCompleted{Meta: meta(worker, at), Step: "s7"}, ErrUnknownStep},
		{"a close as accepted after the acceptance expired", remediated, Closed{Meta: meta(owner, late), Reason: CloseAccepted}, ErrNoAcceptance},
		{"a revocation after expiry", alerted, AcceptanceRevoked{Meta: meta(approver, late), Reason: "r"}, ErrNoAcceptance},
		{"an acceptance by the owner", alerted, Accepted{Meta: meta(owner, at), Justification: "j", Expires: late}, ErrApproverIsOwner},
		{"an acceptance expiring when given", alerted, Accepted{Meta: meta(approver, at), Justification: "j", Expires: at}, ErrExpiryNotFuture},
		{"an escalation not due", alerted, Escalated{Meta: meta(scheduler, at), Kind: EscalationStep, Key: "s1", Due: t0}, ErrNotDue},
		{"an escalation before its deadline", alerted, Escalated{Meta: meta(scheduler, t0.Add(11*time.Hour)), Kind: EscalationReview, Due: t0.Add(12 * time.Hour)}, ErrNotDue},
		{"an escalation sent before", escalated, Escalated{Meta: meta(scheduler, at.Add(time.Hour)), Kind: EscalationReview, Due: t0.Add(12 * time.Hour)}, ErrAlreadyEscalated},
		{"a close before remediation", alerted, Closed{Meta: meta(owner, at), Reason: CloseMitigated}, grassroots.ErrTransition},
		{"a second identification", alerted, Identified(identifyCmd(at)), grassroots.ErrTransition},
		{"an event of another risk", alerted, Reviewed{Meta: other}, ErrWrongRisk},
		{"an event before the last one", alerted, Reviewed{Meta: meta(owner, t0)}, ErrTimeOrder},
		{"an event without command ID", alerted, Reviewed{Meta: bad}, grassroots.ErrInvalid},
		{"no event", alerted, nil, grassroots.ErrInvalid},
	} {
		got, err := decider.Evolve(tc.state, tc.event)
		assert.ErrorIs(t, err, tc.want, tc.name)
		assert.True(t, sameRisk(got, tc.state), "%s: the state is unchanged", tc.name)
	}
}
