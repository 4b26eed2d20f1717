package risk

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// The full transition table: every command in every stage, with the event
// it yields (nil) or the error. The fixtures satisfy every guard that does
// not depend on the stage: an acceptance in effect from the assessed stage
// on, alert II in force, open step s1, a review overdue since t0+12h.
func TestTransitionTable(t *testing.T) {
	at := t0.Add(24 * time.Hour)
	T, invalid := grassroots.ErrTransition, grassroots.ErrInvalid
	commands := []struct {
		name string
		cmd  Command
		want [7]error // by stage: none, identified, assessed, alerted, under_management, remediated, closed
	}{
		{"identify", identifyCmd(at), [7]error{nil, T, T, T, T, T, T}},
		{"assess", Assess{Meta: meta(owner, at), Assessment: mustAssessment(t)}, [7]error{T, nil, nil, nil, nil, T, T}},
		{"issue_alert", IssueAlert{Meta: meta(owner, at), Level: AlertII}, [7]error{T, T, nil, T, T, T, T}},
		{"raise_alert", RaiseAlert{Meta: meta(owner, at), Level: AlertI}, [7]error{T, T, T, nil, nil, T, T}},
		{"lower_alert", LowerAlert{Meta: meta(owner, at), Level: AlertIII}, [7]error{T, T, T, nil, nil, T, T}},
		{"activate_plan", ActivatePlan{Meta: meta(owner, at), Plan: Plan{Steps: []Step{{ID: "p1", Role: "dpo", Due: at.Add(time.Hour)}}}}, [7]error{T, T, T, nil, T, T, T}},
		{"complete_step", CompleteStep{Meta: meta(worker, at), Step: "s1"}, [7]error{T, T, T, T, nil, T, T}},
		{"remediate", remediateCmd(at), [7]error{T, T, T, T, nil, T, T}},
		{"close mitigated", Close{Meta: meta(owner, at), Reason: CloseMitigated}, [7]error{T, T, T, T, T, nil, T}},
		{"close as false positive", Close{Meta: meta(owner, at), Reason: CloseFalsePositive}, [7]error{invalid, invalid, invalid, invalid, invalid, invalid, invalid}},
		{"dismiss", Dismiss{Meta: meta(owner, at), Reason: "the reads were the nightly backup"}, [7]error{T, nil, nil, nil, nil, nil, T}},
		{"reopen", Reopen{Meta: meta(owner, at), Reason: "recurred"}, [7]error{T, T, T, T, T, T, nil}},
		{"accept", Accept{Meta: meta(approver, at), Justification: "j", Expires: at.Add(time.Hour)}, [7]error{T, T, nil, nil, nil, nil, T}},
		{"revoke_acceptance", RevokeAcceptance{Meta: meta(approver, at), Reason: "r"}, [7]error{T, T, nil, nil, nil, nil, nil}},
		{"review", Review{Meta: meta(owner, at)}, [7]error{T, nil, nil, nil, nil, nil, T}},
		{"escalate review", Escalate{Meta: meta(owner, at), Kind: EscalationReview, Due: t0.Add(12 * time.Hour)}, [7]error{T, nil, nil, nil, nil, nil, ErrNotDue}},
	}
	stages := append([]Stage{0}, Stages()...)
	tbl := Transitions()
	for _, c := range commands {
		for si, s := range stages {
			t.Run(fmt.Sprintf("%s/in_%s", c.name, s), func(t *testing.T) {
				r := stateAt(t, s)
				events, err := decider.Decide(r, c.cmd)
				want := c.want[si]
				if want != nil {
					assert.ErrorIs(t, err, want, "%s in %s", c.name, s)
					assert.Nil(t, events, "a refused command emits nothing")
					return
				}
				require.NoError(t, err, "%s in %s", c.name, s)
				require.Len(t, events, 1)
				next, err := decider.Evolve(r, events[0])
				require.NoError(t, err, "Evolve applies what Decide returned")
				to, cmd, err := tbl.Next("risk", s, events[0].EventName())
				require.NoError(t, err)
				assert.Equal(t, c.cmd.CommandName(), cmd, "the table's row names the command")
				assert.Equal(t, to, next.Stage, "the stage comes from the table")
				assert.Equal(t, r.Version+1, next.Version)
			})
		}
	}
}

func TestTransitionsTableIsACopy(t *testing.T) {
	ts := Transitions()
	ts[0].Command = "changed"
	ts[1].From[0] = StageClosed
	assert.Equal(t, "identify", Transitions()[0].Command)
	assert.Equal(t, StageIdentified, Transitions()[1].From[0])
	require.NoError(t, Transitions().Check(), "the table is unambiguous")
}

func TestDecideChecksAddressOrderAndFields(t *testing.T) {
	r := stateAt(t, StageAssessed)
	other := meta(owner, t0.Add(48*time.Hour))
	other.AggregateID = "R2"
	_, err := decider.Decide(r, IssueAlert{Meta: other, Level: AlertII})
	assert.ErrorIs(t, err, ErrWrongRisk)
	early := meta(owner, t0)
	early.CommandID = "early-1"
	_, err = decider.Decide(r, IssueAlert{Meta: early, Level: AlertII})
	assert.ErrorIs(t, err, ErrTimeOrder, "dated before the last event")
	_, err = decider.Decide(r, IssueAlert{Meta: meta(grassroots.Actor{}, t0.Add(48*time.Hour)), Level: 9})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("actor.id"), "missing actor: %v", err)
	assert.True(t, ve.Has("level"), "Meta and fields are reported at once: %v", err)
	_, err = decider.Decide(r, nil)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "nil command")
}

func TestDecideIsIdempotent(t *testing.T) {
	r := stateAt(t, StageAlerted)
	c := RaiseAlert{Meta: meta(owner, t0.Add(24*time.Hour)), Level: AlertI}
	events, err := decider.Decide(r, c)
	require.NoError(t, err)
	next := evolve(t, r, events)
	again, err := decider.Decide(next, c)
	assert.NoError(t, err, "a repeat is no error")
	assert.Empty(t, again, "and causes nothing")
	reused := LowerAlert{Meta: c.Meta, Level: AlertIII}
	_, err = decider.Decide(next, reused)
	var ce *grassroots.CommandConflictError
	require.ErrorAs(t, err, &ce, "another command under a used ID")
	assert.Equal(t, c.CommandID, ce.CommandID)
	_, err = decider.Evolve(next, events[0])
	assert.ErrorIs(t, err, grassroots.ErrDuplicateEvent, "Evolve refuses the event twice")
}

func TestAlertDirection(t *testing.T) {
	r := stateAt(t, StageAlerted) // alert II
	at := t0.Add(24 * time.Hour)
	for _, l := range []AlertLevel{AlertII, AlertIII, AlertIV} {
		_, err := decider.Decide(r, RaiseAlert{Meta: meta(owner, at), Level: l})
		assert.ErrorIs(t, err, ErrAlertNotHigher, "raise II to %s", l)
		var ae *AlertError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, AlertII, ae.Current, "the error names the alert in force")
		assert.Equal(t, l, ae.Requested)
		assert.Contains(t, err.Error(), "raise to I", "and where a raise may go")
	}
	for _, l := range []AlertLevel{AlertI, AlertII} {
		_, err := decider.Decide(r, LowerAlert{Meta: meta(owner, at), Level: l})
		assert.ErrorIs(t, err, ErrAlertNotLower, "lower II to %s", l)
		assert.Contains(t, err.Error(), "lower to III or IV", "lower II to %s", l)
	}
	events, err := decider.Decide(r, RaiseAlert{Meta: meta(owner, at), Level: AlertI})
	require.NoError(t, err)
	top := evolve(t, r, events)
	assert.Equal(t, AlertI, top.Alert)
	_, err = decider.Decide(top, RaiseAlert{Meta: meta(owner, at.Add(time.Hour)), Level: AlertI})
	assert.ErrorContains(t, err, "the highest level", "nothing is above I")
}

func TestAlertNeedsAssessment(t *testing.T) {
	_, err := decider.Decide(stateAt(t, StageIdentified), IssueAlert{Meta: meta(owner, t0.Add(time.Hour)), Level: AlertI})
	var te *grassroots.TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "identified", te.From)
	assert.Equal(t, "issue_alert", te.Command)
	assert.Equal(t, []string{"assess", "dismiss", "review", "escalate"}, te.Allowed, "the error lists what the stage allows")
}

func TestSteps(t *testing.T) {
	r := stateAt(t, StageUnderManagement)
	at := t0.Add(24 * time.Hour)
	_, err := decider.Decide(r, CompleteStep{Meta: meta(worker, at), Step: "nope"})
	assert.ErrorIs(t, err, ErrUnknownStep)
	var se *StepError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, []string{"s1", "s2"}, se.Open, "the error lists the open steps")
	events, err := decider.Decide(r, CompleteStep{Meta: meta(worker, at), Step: "s1", Note: "export disabled"})
	require.NoError(t, err)
	next := evolve(t, r, events)
	assert.True(t, next.Plan.Steps[0].Completed.Equal(at))
	assert.True(t, r.Plan.Steps[0].Completed.IsZero(), "the earlier state is untouched")
	require.Len(t, next.Actions, 1)
	assert.Equal(t, "worker-3", next.Actions[0].By.ID)
	_, err = decider.Decide(next, CompleteStep{Meta: meta(worker, at.Add(time.Minute)), Step: "s1"})
	assert.ErrorIs(t, err, ErrStepCompleted)
	require.ErrorAs(t, err, &se)
	assert.True(t, se.Completed.Equal(at), "the error says when")
	assert.Equal(t, []string{"s2"}, se.Open)
}

func TestCloseNeedsRemediationDismissDoesNot(t *testing.T) {
	at := t0.Add(24 * time.Hour)
	for _, reason := range []CloseReason{CloseMitigated, CloseAccepted, CloseTransferred, CloseRetired, CloseCancelled} {
		_, err := decider.Decide(stateAt(t, StageUnderManagement), Close{Meta: meta(owner, at), Reason: reason})
		assert.ErrorIs(t, err, grassroots.ErrTransition, "close %s before remediation", reason)
		_, err = decider.Decide(stateAt(t, StageRemediated), Close{Meta: meta(owner, at), Reason: reason})
		assert.NoError(t, err, "close %s after remediation", reason)
	}
	for _, s := range []Stage{StageIdentified, StageAssessed, StageAlerted, StageUnderManagement, StageRemediated} {
		r := stateAt(t, s)
		events, err := decider.Decide(r, Dismiss{Meta: meta(owner, at), Reason: "duplicate of R0"})
		require.NoError(t, err, "dismiss in %s", s)
		closed := evolve(t, r, events)
		assert.Equal(t, StageClosed, closed.Stage)
		assert.Equal(t, CloseFalsePositive, closed.CloseReason, "a dismissed risk is closed as a false positive")
	}
	_, err := decider.Decide(stateAt(t, StageIdentified), Close{Meta: meta(owner, at), Reason: CloseFalsePositive})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, grassroots.RuleExcluded, ve.Fields[0].Rule, "false_positive is dismiss's reason")
}

func TestRemediateValidation(t *testing.T) {
	c := remediateCmd(t0.Add(24 * time.Hour))
	c.Impact.FinancialLoss = dec("-1")
	c.Impact.ResidentsAffected = -3
	c.Accountability = []AccountabilityRecord{{}}
	c.Lessons = []string{""}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, c.Validate(), &ve)
	want := map[string]string{
		"impact.financial_loss":     grassroots.RuleMin,
		"impact.residents_affected": grassroots.RuleMin,
		"accountability[0].party":   grassroots.RuleEnum,
		"accountability[0].finding": grassroots.RuleRequired,
		"accountability[0].measure": grassroots.RuleRequired,
		"lessons[0]":                grassroots.RuleRequired,
	}
	for _, f := range ve.Fields {
		assert.Equal(t, want[f.Path], f.Rule, "rule at %s", f.Path)
		delete(want, f.Path)
	}
	assert.Empty(t, want, "every problem is reported")
	c.Accountability = nil
	require.ErrorAs(t, c.Validate(), &ve)
	assert.True(t, ve.Has("accountability"))
}

func TestReopenIsRecorded(t *testing.T) {
	r := stateAt(t, StageClosed)
	events, err := decider.Decide(r, Reopen{Meta: meta(owner, t0.Add(24*time.Hour)), Reason: "recurred"})
	require.NoError(t, err)
	next := evolve(t, r, events)
	assert.Equal(t, StageIdentified, next.Stage)
	assert.Equal(t, 1, next.Reopened)
	assert.Equal(t, AlertLevel(0), next.Alert, "no alert in force after reopening")
	assert.Len(t, next.Accountability, 1, "earlier accountability is kept")
	_, err = decider.Decide(next, IssueAlert{Meta: meta(owner, t0.Add(25*time.Hour)), Level: AlertI})
	assert.ErrorIs(t, err, grassroots.ErrTransition, "a reopened risk is assessed again before an alert")
}

func TestAcceptance(t *testing.T) {
	r, _ := decideAll(t, stateAt(t, StageIdentified), Assess{Meta: meta(owner, t0.Add(time.Hour)), Assessment: mustAssessment(t)})
	at := t0.Add(2 * time.Hour)
	expires := at.Add(7 * 24 * time.Hour)

	t.Run("missing approver", func(t *testing.T) {
		_, err := decider.Decide(r, Accept{Meta: meta(grassroots.Actor{}, at), Justification: "j", Expires: expires})
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("actor.id"))
	})
	t.Run("approver is owner", func(t *testing.T) {
		_, err := decider.Decide(r, Accept{Meta: meta(owner, at), Justification: "j", Expires: expires})
		assert.ErrorIs(t, err, ErrApproverIsOwner)
		var ae *ApproverError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, "owner-1", ae.Owner, "the error names the owner")
	})
	t.Run("missing justification", func(t *testing.T) {
		_, err := decider.Decide(r, Accept{Meta: meta(approver, at), Expires: expires})
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("justification"))
	})
	t.Run("expiry in the past", func(t *testing.T) {
		for _, exp := range []time.Time{at.Add(-time.Second), at} {
			_, err := decider.Decide(r, Accept{Meta: meta(approver, at), Justification: "j", Expires: exp})
			assert.ErrorIs(t, err, ErrExpiryNotFuture, "expires %s", exp)
		}
	})
	events, err := decider.Decide(r, Accept{Meta: meta(approver, at), Justification: "compensating controls", Expires: expires})
	require.NoError(t, err)
	accepted := evolve(t, r, events)

	t.Run("effective until expiry, open after", func(t *testing.T) {
		assert.Equal(t, TreatmentOpen, EffectiveTreatment(accepted, at.Add(-time.Second)), "before it was given")
		assert.Equal(t, TreatmentAccepted, EffectiveTreatment(accepted, at))
		assert.Equal(t, TreatmentAccepted, EffectiveTreatment(accepted, expires.Add(-time.Nanosecond)))
		assert.Equal(t, TreatmentOpen, EffectiveTreatment(accepted, expires), "open again at expiry")
		assert.True(t, accepted.Acceptance.Revoked.IsZero(), "history is not rewritten")
		assert.Equal(t, "approver-2", accepted.Acceptance.Approver.ID)
	})
	t.Run("revoke", func(t *testing.T) {
		revokeAt := at.Add(time.Hour)
		evs, err := decider.Decide(accepted, RevokeAcceptance{Meta: meta(approver, revokeAt), Reason: "controls failed"})
		require.NoError(t, err)
		revoked := evolve(t, accepted, evs)
		assert.Equal(t, TreatmentOpen, EffectiveTreatment(revoked, revokeAt))
		assert.Equal(t, TreatmentAccepted, EffectiveTreatment(revoked, revokeAt.Add(-time.Second)), "in effect before the revocation")
		_, err = decider.Decide(revoked, RevokeAcceptance{Meta: meta(approver, revokeAt.Add(time.Second)), Reason: "again"})
		assert.ErrorIs(t, err, ErrNoAcceptance, "revoke twice")
		assert.ErrorContains(t, err, "revoked at", "the error says why")
	})
	t.Run("revoke after expiry", func(t *testing.T) {
		_, err := decider.Decide(accepted, RevokeAcceptance{Meta: meta(approver, expires), Reason: "late"})
		assert.ErrorIs(t, err, ErrNoAcceptance)
		assert.ErrorContains(t, err, "expired at")
	})
	t.Run("close as accepted needs acceptance in effect", func(t *testing.T) {
		rem := stateAt(t, StageRemediated) // accepted until t0+30d
		_, err := decider.Decide(rem, Close{Meta: meta(owner, t0.Add(31*24*time.Hour)), Reason: CloseAccepted})
		assert.ErrorIs(t, err, ErrNoAcceptance)
		evs, err := decider.Decide(rem, Close{Meta: meta(owner, t0.Add(24*time.Hour)), Reason: CloseAccepted})
		require.NoError(t, err)
		closed := evolve(t, rem, evs)
		assert.Equal(t, TreatmentAccepted, EffectiveTreatment(closed, t0.Add(2*24*time.Hour)))
		assert.Equal(t, TreatmentOpen, EffectiveTreatment(closed, t0.Add(30*24*time.Hour)), "closed-as-accepted comes back at expiry")
		mitigated := stateAt(t, StageClosed)
		assert.Equal(t, TreatmentClosed, EffectiveTreatment(mitigated, t0.Add(31*24*time.Hour)))
		assert.Equal(t, TreatmentClosed, EffectiveTreatment(mitigated, t0.Add(2*24*time.Hour)), "closed as mitigated while an acceptance runs")
	})
}

func TestIdentifyValidation(t *testing.T) {
	c := Identify{Meta: grassroots.Meta{At: t0}, Source: SourceRuleHit, Category: "Bad"}
	err := c.Validate()
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, path := range []string{"category", "title", "subject.kind", "subject.code", "owner.id", "hit"} {
		assert.True(t, ve.Has(path), "missing problem at %s: %v", path, err)
	}
	assert.True(t, errors.Is(err, grassroots.ErrInvalid))

	c = identifyCmd(t0)
	c.Source = SourceRuleHit
	c.Hit = &Hit{Subject: Subject{Kind: SubjectGrid, Code: "330302001"}}
	require.ErrorAs(t, c.Validate(), &ve)
	assert.True(t, ve.Has("hit.subject"), "a hit about another subject: %v", ve)
	assert.True(t, ve.Has("hit.rule"), "a hit without its rule: %v", ve)

	c = identifyCmd(t0)
	c.NextReview = t0
	require.ErrorAs(t, c.Validate(), &ve)
	assert.Equal(t, grassroots.RuleOrder, ve.Fields[0].Rule, "a first review not after at")
}

func TestEscalateKeyByKind(t *testing.T) {
	m := meta(owner, t0)
	for _, tc := range []struct {
		c    Escalate
		path string
		rule string
	}{
		{Escalate{Meta: m, Kind: EscalationStep, Due: t0}, "key", grassroots.RuleRequired},
		{Escalate{Meta: m, Kind: EscalationReview, Key: "s1", Due: t0}, "key", grassroots.RuleExcluded},
		{Escalate{Meta: m, Kind: EscalationAcceptance, Key: "s1", Due: t0}, "key", grassroots.RuleExcluded},
		{Escalate{Meta: m, Kind: 7, Due: t0}, "kind", grassroots.RuleEnum},
		{Escalate{Meta: m, Kind: EscalationReview}, "due", grassroots.RuleRequired},
	} {
		var ve *grassroots.ValidationError
		require.ErrorAs(t, tc.c.Validate(), &ve, "%s escalation with key %q", tc.c.Kind, tc.c.Key)
		require.Len(t, ve.Fields, 1, "%v", ve)
		assert.Equal(t, tc.path, ve.Fields[0].Path, "%s escalation with key %q", tc.c.Kind, tc.c.Key)
		assert.Equal(t, tc.rule, ve.Fields[0].Rule, "%s escalation with key %q", tc.c.Kind, tc.c.Key)
	}
}

func TestZeroValuesMarshal(t *testing.T) {
	assert.JSONEq(t, `{"version":0}`, jsonOf(t, Risk{}), "the state before the first event")
	table := jsonOf(t, Transitions())
	assert.Contains(t, table, `{"command":"identify","event":"identified","to":"identified"}`)
	assert.Contains(t, table, `{"command":"reopen","event":"reopened","from":["closed"],"to":"identified"}`)
}

func TestAlertInForce(t *testing.T) {
	want := map[Stage]AlertLevel{StageAlerted: AlertII, StageUnderManagement: AlertII}
	for _, s := range Stages() {
		assert.Equal(t, want[s], stateAt(t, s).AlertInForce(), "stage %s", s)
	}
}

// Everything Decide accepts seals: what an envelope cannot carry exactly
// (invalid UTF-8, noncharacters, integers beyond 2^53, years past 9999, a
// hit whose evidence has no condition) is refused up front.
func TestDecideRefusesWhatCannotBeSealed(t *testing.T) {
	year10000 := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		cmd  func() Command
		path string
	}{
		{"title with a noncharacter", func() Command { c := identifyCmd(t0); c.Title = "bulk \uFFFE reads"; return c }, "title"},
		{"title not UTF-8", func() Command { c := identifyCmd(t0); c.Title = "bulk \xff reads"; return c }, "title"},
		{"owner ID with a noncharacter", func() Command { c := identifyCmd(t0); c.Owner.ID = "o\uFDD0"; return c }, "owner.id"},
		{"actor role not UTF-8", func() Command { c := identifyCmd(t0); c.Actor.Roles = []string{"\xc3"}; return c }, "actor.roles[0]"},
		{"first review in year 10000", func() Command { c := identifyCmd(t0); c.NextReview = year10000; return c }, "next_review"},
		{"hit without evidence", func() Command {
			c := identifyCmd(t0)
			c.Source, c.Hit = SourceRuleHit, &Hit{Rule: "r", RuleVersion: 1, Category: CategoryDataSecurity, Subject: c.Subject}
			return c
		}, "hit.evidence.condition"},
		{"residents beyond 2^53", func() Command { c := remediateCmd(t0); c.Impact.ResidentsAffected = 1 << 60; return c }, "impact.residents_affected"},
		{"expiry in year 10000", func() Command {
			return Accept{Meta: meta(approver, t0), Justification: "j", Expires: year10000}
		}, "expires"},
	} {
		c := tc.cmd()
		_, err := decider.Decide(Risk{}, c)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, tc.name)
		assert.True(t, ve.Has(tc.path), "%s: a problem at %s in %v", tc.name, tc.path, ve)
	}
}

// FuzzDecideSeal identifies a risk with fuzzed text and times: whatever
// Decide accepts seals, and replays from its envelope to the same state.
func FuzzDecideSeal(f *testing.F) {
	f.Add("Provider reads resident records in bulk", "91330300MA2XXXXX1", "owner-1", int64(12*3600))
	f.Add("网格 \u00e9\u0301 \U0001F600", "330302001", "王", int64(1))
	f.Add("a\uFFFEb", "x", "y", int64(-5))
	f.Add("\xff", "\x00", "\u2028", int64(300000*365*24*3600))
	f.Fuzz(func(t *testing.T, title, code, ownerID string, review int64) {
		c := identifyCmd(t0)
		c.Title, c.Subject.Code, c.Owner.ID = title, code, ownerID
		c.NextReview = t0.Add(time.Duration(review) * time.Second)
		events, err := decider.Decide(Risk{}, c)
		if err != nil {
			assert.Empty(t, events)
			return
		}
		state := evolve(t, Risk{}, events)
		envs, err := Codec.Seal(nil, "/s", events)
		require.NoError(t, err, "what Decide accepts seals")
		back, err := grassroots.ReplayEnvelopes(decider, Codec, envs)
		require.NoError(t, err)
		assert.True(t, sameRisk(state, back), "and replays to the same state")
	})
}
