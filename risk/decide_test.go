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

// The full transition table: every command (close twice, by reason) in
// every stage, with the event it yields ("E") or the error. The fixtures
// satisfy every guard that does not depend on the stage: an acceptance in
// effect from the assessed stage on, alert II in force, open step s1, a
// review overdue since t0+12h.
func TestTransitionTable(t *testing.T) {
	at := t0.Add(24 * time.Hour)
	commands := []struct {
		name string
		cmd  Command
		want [7]error // by stage: none, identified, assessed, alerted, under_management, remediated, closed
	}{
		{"identify", identifyCmd(at), [7]error{nil, ErrTransition, ErrTransition, ErrTransition, ErrTransition, ErrTransition, ErrTransition}},
		{"assess", Assess{Header: hdr(owner, at), Assessment: mustAssessment(t)}, [7]error{ErrTransition, nil, nil, nil, nil, ErrTransition, ErrTransition}},
		{"issue_alert", IssueAlert{Header: hdr(owner, at), Level: AlertII}, [7]error{ErrTransition, ErrTransition, nil, ErrTransition, ErrTransition, ErrTransition, ErrTransition}},
		{"raise_alert", RaiseAlert{Header: hdr(owner, at), Level: AlertI}, [7]error{ErrTransition, ErrTransition, ErrTransition, nil, nil, ErrTransition, ErrTransition}},
		{"lower_alert", LowerAlert{Header: hdr(owner, at), Level: AlertIII}, [7]error{ErrTransition, ErrTransition, ErrTransition, nil, nil, ErrTransition, ErrTransition}},
		{"activate_plan", ActivatePlan{Header: hdr(owner, at), Plan: Plan{Steps: []Step{{ID: "p1", Role: "dpo", Due: at.Add(time.Hour)}}}}, [7]error{ErrTransition, ErrTransition, ErrTransition, nil, ErrTransition, ErrTransition, ErrTransition}},
		{"complete_step", CompleteStep{Header: hdr(worker, at), Step: "s1"}, [7]error{ErrTransition, ErrTransition, ErrTransition, ErrTransition, nil, ErrTransition, ErrTransition}},
		{"remediate", remediateCmd(at), [7]error{ErrTransition, ErrTransition, ErrTransition, ErrTransition, nil, ErrTransition, ErrTransition}},
		{"close mitigated", Close{Header: hdr(owner, at), Reason: CloseMitigated}, [7]error{ErrTransition, ErrTransition, ErrTransition, ErrTransition, ErrTransition, nil, ErrTransition}},
		{"close false positive", Close{Header: hdr(owner, at), Reason: CloseFalsePositive}, [7]error{ErrTransition, nil, nil, nil, nil, nil, ErrTransition}},
		{"reopen", Reopen{Header: hdr(owner, at), Reason: "recurred"}, [7]error{ErrTransition, ErrTransition, ErrTransition, ErrTransition, ErrTransition, ErrTransition, nil}},
		{"accept", Accept{Header: hdr(approver, at), Justification: "j", Expires: at.Add(time.Hour)}, [7]error{ErrTransition, ErrTransition, nil, nil, nil, nil, ErrTransition}},
		{"revoke_acceptance", RevokeAcceptance{Header: hdr(approver, at), Reason: "r"}, [7]error{ErrTransition, ErrTransition, nil, nil, nil, nil, nil}},
		{"review", Review{Header: hdr(owner, at)}, [7]error{ErrTransition, nil, nil, nil, nil, nil, ErrTransition}},
		{"escalate review", Escalate{Header: hdr(owner, at), Kind: EscalationReview, Due: t0.Add(12 * time.Hour)}, [7]error{ErrTransition, nil, nil, nil, nil, nil, ErrNotDue}},
	}
	stages := append([]Stage{0}, Stages()...)
	for _, c := range commands {
		for si, s := range stages {
			t.Run(fmt.Sprintf("%s/in_%s", c.name, s), func(t *testing.T) {
				r := stateAt(t, s)
				events, err := Decide(r, c.cmd)
				want := c.want[si]
				if want != nil {
					assert.ErrorIs(t, err, want)
					assert.Nil(t, events, "a rejected command emits nothing")
					return
				}
				require.NoError(t, err)
				require.Len(t, events, 1)
				assert.Equal(t, c.cmd.CommandName(), events[0].command().CommandName())
				next := Evolve(r, events[0])
				tr, ok := transition(c.cmd, s)
				require.True(t, ok)
				assert.Equal(t, tr.To, next.Stage)
				assert.Equal(t, r.Version+1, next.Version)
			})
		}
	}
}

func TestTransitionsTableIsACopy(t *testing.T) {
	ts := Transitions()
	ts[0].From = StageClosed
	assert.Equal(t, Stage(0), Transitions()[0].From)
}

func TestDecideChecksOrderAndAddress(t *testing.T) {
	r := stateAt(t, StageAssessed)
	_, err := Decide(r, IssueAlert{Header: Header{Risk: "R2", By: owner, At: t0.Add(48 * time.Hour)}, Level: AlertII})
	assert.ErrorIs(t, err, ErrWrongRisk)
	_, err = Decide(r, IssueAlert{Header: hdr(owner, t0), Level: AlertII})
	assert.ErrorIs(t, err, ErrTimeOrder, "dated before the last event")
	_, err = Decide(r, IssueAlert{Header: hdr(grassroots.Actor{}, t0.Add(48*time.Hour)), Level: AlertII})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("by.id"), "missing actor: %v", err)
	_, err = Decide(r, nil)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "nil command")
}

func TestAlertDirection(t *testing.T) {
	r := stateAt(t, StageAlerted) // alert II
	at := t0.Add(24 * time.Hour)
	for _, l := range []AlertLevel{AlertII, AlertIII, AlertIV} {
		_, err := Decide(r, RaiseAlert{Header: hdr(owner, at), Level: l})
		assert.ErrorIs(t, err, ErrAlertNotHigher, "raise II to %s", l)
	}
	for _, l := range []AlertLevel{AlertI, AlertII} {
		_, err := Decide(r, LowerAlert{Header: hdr(owner, at), Level: l})
		assert.ErrorIs(t, err, ErrAlertNotLower, "lower II to %s", l)
	}
	events, err := Decide(r, RaiseAlert{Header: hdr(owner, at), Level: AlertI})
	require.NoError(t, err)
	assert.Equal(t, AlertI, Evolve(r, events[0]).Alert)
}

func TestAlertNeedsAssessment(t *testing.T) {
	_, err := Decide(stateAt(t, StageIdentified), IssueAlert{Header: hdr(owner, t0.Add(time.Hour)), Level: AlertI})
	var te *TransitionError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, StageIdentified, te.Stage)
	assert.Equal(t, "issue_alert", te.Command)
}

func TestSteps(t *testing.T) {
	r := stateAt(t, StageUnderManagement)
	at := t0.Add(24 * time.Hour)
	_, err := Decide(r, CompleteStep{Header: hdr(worker, at), Step: "nope"})
	assert.ErrorIs(t, err, ErrUnknownStep)
	events, err := Decide(r, CompleteStep{Header: hdr(worker, at), Step: "s1", Note: "export disabled"})
	require.NoError(t, err)
	next := Evolve(r, events[0])
	assert.True(t, next.Plan.Steps[0].Completed.Equal(at))
	assert.True(t, r.Plan.Steps[0].Completed.IsZero(), "the earlier state is untouched")
	require.Len(t, next.Actions, 1)
	assert.Equal(t, "worker-3", next.Actions[0].By.ID)
	_, err = Decide(next, CompleteStep{Header: hdr(worker, at), Step: "s1"})
	assert.ErrorIs(t, err, ErrStepCompleted)
}

func TestCloseNeedsRemediationExceptFalsePositive(t *testing.T) {
	at := t0.Add(24 * time.Hour)
	for _, reason := range []CloseReason{CloseMitigated, CloseAccepted, CloseTransferred, CloseRetired, CloseCancelled} {
		_, err := Decide(stateAt(t, StageUnderManagement), Close{Header: hdr(owner, at), Reason: reason})
		assert.ErrorIs(t, err, ErrTransition, "close %s before remediation", reason)
		_, err = Decide(stateAt(t, StageRemediated), Close{Header: hdr(owner, at), Reason: reason})
		assert.NoError(t, err, "close %s after remediation", reason)
	}
	_, err := Decide(stateAt(t, StageIdentified), Close{Header: hdr(owner, at), Reason: CloseFalsePositive})
	assert.NoError(t, err)
}

func TestRemediateValidation(t *testing.T) {
	c := remediateCmd(t0.Add(24 * time.Hour))
	c.Impact.FinancialLoss = dec("-1")
	c.Accountability = []AccountabilityRecord{{}}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, c.Validate(), &ve)
	for _, path := range []string{"impact.financial_loss", "accountability[0].party", "accountability[0].finding", "accountability[0].measure"} {
		assert.True(t, ve.Has(path), "missing problem at %s: %v", path, ve)
	}
	c.Accountability = nil
	require.ErrorAs(t, c.Validate(), &ve)
	assert.True(t, ve.Has("accountability"))
}

func TestReopenIsRecorded(t *testing.T) {
	r := stateAt(t, StageClosed)
	events, err := Decide(r, Reopen{Header: hdr(owner, t0.Add(24*time.Hour)), Reason: "recurred"})
	require.NoError(t, err)
	next := Evolve(r, events[0])
	assert.Equal(t, StageIdentified, next.Stage)
	assert.Equal(t, 1, next.Reopened)
	assert.Equal(t, AlertLevel(0), next.Alert, "no alert in force after reopening")
	assert.Len(t, next.Accountability, 1, "earlier accountability is kept")
	_, err = Decide(next, IssueAlert{Header: hdr(owner, t0.Add(25*time.Hour)), Level: AlertI})
	assert.ErrorIs(t, err, ErrTransition, "a reopened risk is assessed again before an alert")
}

func TestAcceptance(t *testing.T) {
	r := stateAt(t, StageIdentified)
	events, err := Decide(r, Assess{Header: hdr(owner, t0.Add(time.Hour)), Assessment: mustAssessment(t)})
	require.NoError(t, err)
	r = Evolve(r, events[0])
	at := t0.Add(2 * time.Hour)
	expires := at.Add(7 * 24 * time.Hour)

	t.Run("missing approver", func(t *testing.T) {
		_, err := Decide(r, Accept{Header: hdr(grassroots.Actor{}, at), Justification: "j", Expires: expires})
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("by.id"))
	})
	t.Run("approver is owner", func(t *testing.T) {
		_, err := Decide(r, Accept{Header: hdr(owner, at), Justification: "j", Expires: expires})
		assert.ErrorIs(t, err, ErrApproverIsOwner)
	})
	t.Run("missing justification", func(t *testing.T) {
		_, err := Decide(r, Accept{Header: hdr(approver, at), Expires: expires})
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.True(t, ve.Has("justification"))
	})
	t.Run("expiry in the past", func(t *testing.T) {
		for _, exp := range []time.Time{at.Add(-time.Second), at} {
			_, err := Decide(r, Accept{Header: hdr(approver, at), Justification: "j", Expires: exp})
			assert.ErrorIs(t, err, ErrExpiryNotFuture, "expires %s", exp)
		}
	})
	events, err = Decide(r, Accept{Header: hdr(approver, at), Justification: "compensating controls", Expires: expires})
	require.NoError(t, err)
	accepted := Evolve(r, events[0])

	t.Run("effective until expiry, open after", func(t *testing.T) {
		assert.Equal(t, TreatmentOpen, EffectiveTreatment(accepted, at.Add(-time.Second)), "before it was given")
		assert.Equal(t, TreatmentAccepted, EffectiveTreatment(accepted, at))
		assert.Equal(t, TreatmentAccepted, EffectiveTreatment(accepted, expires.Add(-time.Nanosecond)))
		assert.Equal(t, TreatmentOpen, EffectiveTreatment(accepted, expires), "open again at expiry")
		assert.Equal(t, jsonOf(t, accepted), jsonOf(t, Evolve(r, events[0])), "history not rewritten")
		assert.True(t, accepted.Acceptance.Revoked.IsZero())
	})
	t.Run("revoke", func(t *testing.T) {
		revokeAt := at.Add(time.Hour)
		evs, err := Decide(accepted, RevokeAcceptance{Header: hdr(approver, revokeAt), Reason: "controls failed"})
		require.NoError(t, err)
		revoked := Evolve(accepted, evs[0])
		assert.Equal(t, TreatmentOpen, EffectiveTreatment(revoked, revokeAt))
		assert.Equal(t, TreatmentAccepted, EffectiveTreatment(revoked, revokeAt.Add(-time.Second)), "in effect before the revocation")
		_, err = Decide(revoked, RevokeAcceptance{Header: hdr(approver, revokeAt), Reason: "again"})
		assert.ErrorIs(t, err, ErrNoAcceptance, "revoke twice")
	})
	t.Run("revoke after expiry", func(t *testing.T) {
		_, err := Decide(accepted, RevokeAcceptance{Header: hdr(approver, expires), Reason: "late"})
		assert.ErrorIs(t, err, ErrNoAcceptance)
	})
	t.Run("close as accepted needs acceptance in effect", func(t *testing.T) {
		rem := stateAt(t, StageRemediated) // accepted until t0+30d
		_, err := Decide(rem, Close{Header: hdr(owner, t0.Add(31*24*time.Hour)), Reason: CloseAccepted})
		assert.ErrorIs(t, err, ErrNoAcceptance)
		evs, err := Decide(rem, Close{Header: hdr(owner, t0.Add(24*time.Hour)), Reason: CloseAccepted})
		require.NoError(t, err)
		closed := Evolve(rem, evs[0])
		assert.Equal(t, TreatmentAccepted, EffectiveTreatment(closed, t0.Add(2*24*time.Hour)))
		assert.Equal(t, TreatmentOpen, EffectiveTreatment(closed, t0.Add(30*24*time.Hour)), "closed-as-accepted comes back at expiry")
		mitigated := stateAt(t, StageClosed)
		assert.Equal(t, TreatmentClosed, EffectiveTreatment(mitigated, t0.Add(31*24*time.Hour)))
		assert.Equal(t, TreatmentClosed, EffectiveTreatment(mitigated, t0.Add(2*24*time.Hour)), "closed as mitigated while an acceptance runs")
	})
}

func TestIdentifyValidation(t *testing.T) {
	c := Identify{Header: Header{At: t0}, Source: SourceRuleHit, Category: "Bad"}
	err := c.Validate()
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, path := range []string{"risk", "by.id", "category", "title", "subject.kind", "subject.code", "owner.id", "hit"} {
		assert.True(t, ve.Has(path), "missing problem at %s", path)
	}
	assert.True(t, errors.Is(err, grassroots.ErrInvalid))

	c = identifyCmd(t0)
	c.Source = SourceRuleHit
	c.Hit = &Hit{Rule: "r", Subject: Subject{Kind: SubjectGrid, Code: "330302001"}}
	require.ErrorAs(t, c.Validate(), &ve)
	assert.True(t, ve.Has("hit.subject"), "a hit about another subject")
}

func TestZeroValuesMarshal(t *testing.T) {
	assert.JSONEq(t, `{"version":0}`, jsonOf(t, Risk{}), "the state before the first event")
	table := jsonOf(t, Transitions())
	assert.Contains(t, table, `{"command":"identify","to":"identified"}`)
	assert.Contains(t, table, `{"command":"reopen","from":"closed","to":"identified"}`)
}

func TestAlertInForce(t *testing.T) {
	want := map[Stage]AlertLevel{StageAlerted: AlertII, StageUnderManagement: AlertII}
	for _, s := range Stages() {
		assert.Equal(t, want[s], stateAt(t, s).AlertInForce(), "stage %s", s)
	}
}
