package risk

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

var (
	cst      = time.FixedZone("CST", 8*3600)
	t0       = time.Date(2026, 3, 2, 9, 0, 0, 0, cst)
	owner    = grassroots.Actor{ID: "owner-1", Party: grassroots.Government, Organization: "330302", Roles: []string{"risk_owner"}}
	approver = grassroots.Actor{ID: "approver-2", Party: grassroots.Government, Organization: "330302", Roles: []string{"director"}}
	worker   = grassroots.Actor{ID: "worker-3", Party: grassroots.Community, Organization: "330302001"}
)

const riskID = "R1"

func hdr(by grassroots.Actor, at time.Time) Header { return Header{Risk: riskID, By: by, At: at} }

func identifyCmd(at time.Time) Identify {
	return Identify{
		Header: hdr(owner, at), Category: CategoryDataSecurity, Title: "Provider reads resident records in bulk",
		Subject: Subject{Kind: SubjectProvider, Code: "91330300MA2XXXXX1"}, Source: SourceManualReport,
		Owner: owner, NextReview: at.Add(12 * time.Hour),
	}
}

func mustAssessment(t testing.TB) Assessment {
	a, err := NIST80030().Assess(4, 4, 3, 4)
	require.NoError(t, err)
	return a
}

func remediateCmd(at time.Time) Remediate {
	return Remediate{
		Header: hdr(owner, at),
		Impact: ImpactAssessment{ResidentsAffected: 120, RecordsAffected: 480, FinancialLoss: dec("15000.00"), Grade: GradeCommon},
		Accountability: []AccountabilityRecord{{
			Party: grassroots.Provider, Organization: "91330300MA2XXXXX1",
			Finding: "exported records beyond the grant", Measure: "contract penalty and retraining",
		}},
		Lessons: []string{"limit bulk export by grant"},
	}
}

// history returns the events that bring a risk to stage s: identified,
// assessed and accepted (until t0+30 days), alerted at II, under a plan of
// two steps, remediated, closed as mitigated.
func history(t testing.TB, s Stage) []Event {
	t.Helper()
	cmds := []Command{identifyCmd(t0)}
	if s >= StageAssessed {
		cmds = append(cmds,
			Assess{Header: hdr(owner, t0.Add(time.Hour)), Assessment: mustAssessment(t)},
			Accept{Header: hdr(approver, t0.Add(90*time.Minute)), Justification: "compensating controls", Expires: t0.Add(30 * 24 * time.Hour)})
	}
	if s >= StageAlerted {
		cmds = append(cmds, IssueAlert{Header: hdr(owner, t0.Add(2*time.Hour)), Level: AlertII})
	}
	if s >= StageUnderManagement {
		cmds = append(cmds, ActivatePlan{Header: hdr(owner, t0.Add(3*time.Hour)), Plan: Plan{Steps: []Step{
			{ID: "s1", Role: "data_protection_officer", Due: t0.Add(48 * time.Hour)},
			{ID: "s2", Role: "grid_worker", Due: t0.Add(120 * time.Hour)},
		}}})
	}
	if s >= StageRemediated {
		cmds = append(cmds, remediateCmd(t0.Add(4*time.Hour)))
	}
	if s >= StageClosed {
		cmds = append(cmds, Close{Header: hdr(owner, t0.Add(5*time.Hour)), Reason: CloseMitigated})
	}
	var events []Event
	var r Risk
	for _, c := range cmds {
		evs, err := Decide(r, c)
		require.NoError(t, err, "fixture command %s", c.CommandName())
		for _, e := range evs {
			r = Evolve(r, e)
		}
		events = append(events, evs...)
	}
	return events
}

func stateAt(t testing.TB, s Stage) Risk {
	t.Helper()
	if s == 0 {
		return Risk{}
	}
	r, err := Replay(history(t, s))
	require.NoError(t, err)
	require.Equal(t, s, r.Stage)
	return r
}

func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
