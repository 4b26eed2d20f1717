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
	decider  Decider
)

const riskID = "R1"

// meta returns the Meta of a command on risk R1 by by at at, with a
// command ID made of the actor and the time, so that commands of one
// history differ in ID.
func meta(by grassroots.Actor, at time.Time) grassroots.Meta {
	return grassroots.Meta{AggregateID: riskID, CommandID: by.ID + "@" + at.UTC().Format("20060102T150405.999999999"), Actor: by, At: at}
}

func identifyCmd(at time.Time) Identify {
	return Identify{
		Meta: meta(owner, at), Category: CategoryDataSecurity, Title: "Provider reads resident records in bulk",
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
		Meta:   meta(owner, at),
		Impact: ImpactAssessment{ResidentsAffected: 120, RecordsAffected: 480, FinancialLoss: dec("15000.00"), Grade: GradeCommon},
		Accountability: []AccountabilityRecord{{
			Party: grassroots.Provider, Organization: "91330300MA2XXXXX1",
			Finding: "exported records beyond the grant", Measure: "contract penalty and retraining",
		}},
		Lessons: []string{"limit bulk export by grant"},
	}
}

// historyCommands returns the commands that bring a risk to stage s:
// identified, assessed and accepted (until t0+30 days), alerted at II,
// under a plan of two steps, remediated, closed as mitigated.
func historyCommands(t testing.TB, s Stage) []Command {
	t.Helper()
	cmds := []Command{identifyCmd(t0)}
	if s >= StageAssessed {
		cmds = append(cmds,
			Assess{Meta: meta(owner, t0.Add(time.Hour)), Assessment: mustAssessment(t)},
			Accept{Meta: meta(approver, t0.Add(90*time.Minute)), Justification: "compensating controls", Expires: t0.Add(30 * 24 * time.Hour)})
	}
	if s >= StageAlerted {
		cmds = append(cmds, IssueAlert{Meta: meta(owner, t0.Add(2*time.Hour)), Level: AlertII})
	}
	if s >= StageUnderManagement {
		cmds = append(cmds, ActivatePlan{Meta: meta(owner, t0.Add(3*time.Hour)), Plan: Plan{Steps: []Step{
			{ID: "s1", Role: "data_protection_officer", Due: t0.Add(48 * time.Hour)},
			{ID: "s2", Role: "grid_worker", Due: t0.Add(120 * time.Hour)},
		}}})
	}
	if s >= StageRemediated {
		cmds = append(cmds, remediateCmd(t0.Add(4*time.Hour)))
	}
	if s >= StageClosed {
		cmds = append(cmds, Close{Meta: meta(owner, t0.Add(5*time.Hour)), Reason: CloseMitigated})
	}
	return cmds
}

// history decides the commands of historyCommands and returns the events.
func history(t testing.TB, s Stage) []Event {
	t.Helper()
	_, events := decideAll(t, Risk{}, historyCommands(t, s)...)
	return events
}

// decideAll decides and applies cmds in order, failing on any refusal.
func decideAll(t testing.TB, r Risk, cmds ...Command) (Risk, []Event) {
	t.Helper()
	var events []Event
	for _, c := range cmds {
		evs, err := decider.Decide(r, c)
		require.NoError(t, err, "command %s", c.CommandName())
		for _, e := range evs {
			r, err = decider.Evolve(r, e)
			require.NoError(t, err, "event %s", e.EventName())
		}
		events = append(events, evs...)
	}
	return r, events
}

func stateAt(t testing.TB, s Stage) Risk {
	t.Helper()
	if s == 0 {
		return Risk{}
	}
	r, err := decider.Replay(history(t, s))
	require.NoError(t, err)
	require.Equal(t, s, r.Stage)
	return r
}

// evolve applies the events of one decided command.
func evolve(t testing.TB, r Risk, events []Event) Risk {
	t.Helper()
	for _, e := range events {
		var err error
		r, err = decider.Evolve(r, e)
		require.NoError(t, err, "event %s", e.EventName())
	}
	return r
}

func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

// sameRisk reports whether two states are equal: the same read model and
// the same command log.
func sameRisk(a, b Risk) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil || string(ja) != string(jb) {
		return false
	}
	return a.log.Equal(b.log)
}
