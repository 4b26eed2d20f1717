package risk

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/workday"
)

func dataSecurityTemplate() PlanTemplate {
	return PlanTemplate{
		ID: "ds-ii", Category: CategoryDataSecurity, Alert: AlertII,
		Steps: []StepTemplate{
			{ID: "suspend", Title: "Suspend the provider's data grant", Role: "data_protection_officer", Within: workday.Limit{Amount: 4, Unit: workday.CalendarHours}},
			{ID: "notify", Title: "Notify affected residents", Role: "community_secretary", Within: workday.Limit{Amount: 2, Unit: workday.WorkingDays}},
		},
	}
}

func chinaCalendar(t *testing.T, opts workday.CalendarOptions) *workday.Calendar {
	t.Helper()
	cal, err := workday.NewCalendar(workday.DefaultSpec(), opts)
	require.NoError(t, err, "compiling workday.DefaultSpec")
	return cal
}

func TestPlanTemplateInstantiate(t *testing.T) {
	cal := chinaCalendar(t, workday.CalendarOptions{})
	friday := time.Date(2026, 3, 6, 10, 0, 0, 0, cst)
	plan, err := dataSecurityTemplate().Instantiate(friday, cal)
	require.NoError(t, err)
	assert.Equal(t, "ds-ii", plan.Template)
	require.Len(t, plan.Steps, 2)
	assert.True(t, plan.Steps[0].Due.Equal(friday.Add(4*time.Hour)), "four calendar hours: %s", plan.Steps[0].Due)
	assert.True(t, plan.Steps[1].Due.Equal(time.Date(2026, 3, 10, 17, 30, 0, 0, cst)), "two working days from Friday end at Tuesday's close: %s", plan.Steps[1].Due)
	assert.False(t, plan.Steps[1].Provisional, "March 2026 rests on the 2026 notice")

	// 2026-09-30 is a Wednesday; the National Day holiday of the 2026
	// notice runs 1 to 7 October and Saturday 10 October is a working day.
	plan, err = dataSecurityTemplate().Instantiate(time.Date(2026, 9, 30, 10, 0, 0, 0, cst), cal)
	require.NoError(t, err)
	assert.True(t, plan.Steps[1].Due.Equal(time.Date(2026, 10, 9, 17, 30, 0, 0, cst)), "the holiday is skipped: %s", plan.Steps[1].Due)

	plan, err = dataSecurityTemplate().Instantiate(time.Date(2027, 3, 5, 10, 0, 0, 0, cst), cal)
	require.NoError(t, err)
	assert.True(t, plan.Steps[1].Provisional, "a working-day step in 2027 rests on a provisional day")
	assert.False(t, plan.Steps[0].Provisional, "a calendar-hour step is never provisional")

	_, err = dataSecurityTemplate().Instantiate(time.Date(2027, 3, 5, 10, 0, 0, 0, cst), chinaCalendar(t, workday.CalendarOptions{RefuseProvisional: true}))
	assert.ErrorIs(t, err, workday.ErrProvisional, "a calendar that refuses provisional days")

	_, err = dataSecurityTemplate().Instantiate(friday, nil)
	assert.ErrorIs(t, err, ErrNoCalendar)
	elapsed := PlanTemplate{ID: "t", Category: CategoryDataSecurity, Alert: AlertII, Steps: []StepTemplate{{ID: "a", Role: "r", Within: workday.Limit{Amount: 2, Unit: workday.CalendarDays}}}}
	plan, err = elapsed.Instantiate(friday, nil)
	require.NoError(t, err, "calendar units need no calendar")
	assert.True(t, plan.Steps[0].Due.Equal(time.Date(2026, 3, 9, 0, 0, 0, 0, cst)), "two calendar days end at 24:00 of Sunday: %s", plan.Steps[0].Due)

	bad := PlanTemplate{Steps: []StepTemplate{{ID: "a", Role: "r"}, {ID: "a", Role: "r", Within: workday.Limit{Amount: 0, Unit: workday.WorkingDays}}}}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, bad.Validate(), &ve)
	for _, path := range []string{"id", "category", "alert", "steps[0].within", "steps", "steps[1].within"} {
		assert.True(t, ve.Has(path), "missing problem at %s", path)
	}
}

func TestStepTemplateJSON(t *testing.T) {
	var s StepTemplate
	require.NoError(t, json.Unmarshal([]byte(`{"id":"notify","role":"community_secretary","within":{"amount":2,"unit":"working_days"}}`), &s))
	assert.Equal(t, workday.Limit{Amount: 2, Unit: workday.WorkingDays}, s.Within, "within decodes as a workday limit")
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"notify","role":"community_secretary","within":{"amount":2,"unit":"working_days"}}`, string(b), "and encodes back")
}

func TestSelectTemplate(t *testing.T) {
	templates := []PlanTemplate{
		{ID: "z", Category: CategoryDataSecurity, Alert: AlertII},
		{ID: "b", Category: CategoryDataSecurity, Alert: AlertI},
		{ID: "a", Category: CategoryDataSecurity, Alert: AlertII},
	}
	got, err := SelectTemplate(templates, CategoryDataSecurity, AlertII)
	require.NoError(t, err)
	assert.Equal(t, "a", got.ID, "smallest ID wins, whatever the order")
	_, err = SelectTemplate(templates, CategoryPrivacy, AlertII)
	assert.ErrorIs(t, err, ErrNoTemplate)
	_, err = SelectTemplate(templates, CategoryDataSecurity, AlertIII)
	assert.ErrorIs(t, err, ErrNoTemplate)
	assert.ErrorContains(t, err, "a (II), b (I), z (II)", "the error lists the category's templates")
}

// Due escalates each overdue matter once: after the Escalated events are
// applied it returns nothing until something else falls due.
func TestDueEscalatesOnce(t *testing.T) {
	r := stateAt(t, StageUnderManagement) // s1 due t0+48h, s2 t0+120h, review t0+12h, acceptance until t0+30d
	system := grassroots.Actor{ID: "scheduler", Party: grassroots.Government}
	due := func(r Risk, now time.Time) []Escalate {
		t.Helper()
		cmds, err := Due([]Risk{r}, now, system)
		require.NoError(t, err, "Due at %s", now)
		return cmds
	}

	assert.Empty(t, due(r, t0.Add(11*time.Hour)), "nothing overdue yet")
	assert.Empty(t, due(r, t0.Add(12*time.Hour)), "a review is overdue after its date, not at it")

	now := t0.Add(49 * time.Hour)
	cmds := due(r, now)
	require.Len(t, cmds, 2, "%v", cmds)
	assert.Equal(t, EscalationStep, cmds[0].Kind)
	assert.Equal(t, "s1", cmds[0].Key)
	assert.Equal(t, EscalationReview, cmds[1].Kind)
	assert.Empty(t, cmds[1].Key, "a review escalation has no key")
	assert.Equal(t, cmds, due(r, now), "the same commands, IDs included, on every run")
	for _, c := range cmds {
		events, err := decider.Decide(r, c)
		require.NoError(t, err, "Decide accepts what Due returns")
		r = evolve(t, r, events)
	}
	assert.Empty(t, due(r, now.Add(time.Hour)), "not again on the next run")
	again := cmds[0]
	again.CommandID, again.At = "manual-1", now.Add(time.Hour)
	_, err := decider.Decide(r, again)
	assert.ErrorIs(t, err, ErrAlreadyEscalated, "the matter, whatever the command ID")
	var ee *EscalationError
	require.ErrorAs(t, err, &ee)
	assert.True(t, ee.Escalated.Equal(now), "the error says when it was escalated")

	cmds = due(r, t0.Add(30*24*time.Hour))
	require.Len(t, cmds, 2, "step s2 and the acceptance expiring at its expiry: %v", cmds)
	assert.Equal(t, "s2", cmds[0].Key)
	assert.Equal(t, EscalationAcceptance, cmds[1].Kind)

	// A completed step is not escalated; a step not yet due cannot be.
	done, _ := decideAll(t, r, CompleteStep{Meta: meta(worker, now.Add(2*time.Hour)), Step: "s2"})
	for _, c := range due(done, t0.Add(30*24*time.Hour)) {
		assert.NotEqual(t, "s2", c.Key)
	}
	_, err = decider.Decide(r, Escalate{Meta: meta(system, now.Add(3*time.Hour)), Kind: EscalationStep, Key: "s2", Due: t0.Add(120 * time.Hour)})
	assert.ErrorIs(t, err, ErrNotDue)
	require.ErrorAs(t, err, &ee)
	assert.True(t, ee.Deadline.Equal(t0.Add(120*time.Hour)), "the error gives the deadline")
	_, err = decider.Decide(r, Escalate{Meta: meta(system, t0.Add(200*time.Hour)), Kind: EscalationStep, Key: "s2", Due: t0.Add(100 * time.Hour)})
	assert.ErrorIs(t, err, ErrNotDue, "a deadline the step does not have")
	_, err = decider.Decide(r, Escalate{Meta: meta(system, t0.Add(200*time.Hour)), Kind: EscalationStep, Key: "s9", Due: t0.Add(100 * time.Hour)})
	require.ErrorAs(t, err, &ee, "a step the plan does not have")
	assert.Equal(t, []string{"s1", "s2"}, ee.Open, "the error lists the open steps")

	// A risk whose last event is after now gets nothing.
	assert.Empty(t, due(r, r.UpdatedAt.Add(-time.Minute)), "now before the risk's last event")

	_, err = Due([]Risk{r}, time.Time{}, grassroots.Actor{})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Has("now") && ve.Has("by.id"), "%v", ve)
}

func TestFocusRanking(t *testing.T) {
	mk := func(code string, alert AlertLevel, stage Stage, identified time.Time) Risk {
		return Risk{ID: code + alert.String(), Subject: Subject{Kind: SubjectGrid, Code: code}, Alert: alert, Stage: stage, IdentifiedAt: identified}
	}
	risks := []Risk{
		mk("g-two-ii", AlertII, StageAlerted, t0),
		mk("g-two-ii", AlertIII, StageUnderManagement, t0),
		mk("g-one-ii-old", AlertII, StageAlerted, t0.Add(-time.Hour)),
		mk("g-one-ii-new", AlertII, StageAlerted, t0.Add(time.Hour)),
		mk("g-i", AlertI, StageUnderManagement, t0.Add(5*time.Hour)),
		mk("g-closed", AlertI, StageClosed, t0),
		mk("g-remediated", AlertI, StageRemediated, t0),
		mk("g-iv", AlertIV, StageAlerted, t0.Add(-48*time.Hour)),
	}
	var got []string
	for _, e := range Focus(risks) {
		got = append(got, e.Subject.Code)
	}
	assert.Equal(t, []string{"g-i", "g-two-ii", "g-one-ii-old", "g-one-ii-new", "g-iv"}, got,
		"highest alert, then count, then oldest; closed and remediated risks have no alert in force")
	focus := Focus(risks)
	assert.Equal(t, 2, focus[1].Count)
	assert.Equal(t, AlertII, focus[1].Highest)
}

func TestAssessIndicators(t *testing.T) {
	system := evaluation.System{Code: "ds", Name: "data security", Indicators: []evaluation.Indicator{
		{Code: "exposure", Name: "records exposed", Weight: dec("0.6"), Direction: evaluation.Benefit, Scale: &evaluation.Scale{Min: dec("0"), Max: dec("100")}, Parties: []grassroots.Party{grassroots.ThirdParty}},
		{Code: "controls", Name: "controls in place", Weight: dec("0.4"), Direction: evaluation.Cost, Scale: &evaluation.Scale{Min: dec("0"), Max: dec("100")}, Parties: []grassroots.Party{grassroots.ThirdParty}},
	}}
	values := map[string]decimal.Decimal{"exposure": dec("90"), "controls": dec("25")}
	a, card, err := AssessIndicators(system, values, NIST80030Scale(), dec("20"), evaluation.ScoreOptions{})
	require.NoError(t, err)
	// 0.6 × 90 + 0.4 × (100 − 25) = 54 + 30 = 84: high; 20 % removed leaves 67.2: moderate.
	assert.True(t, card.Total.Equal(dec("84")), "total %s", card.Total)
	assert.True(t, a.Current.Score.Equal(dec("84")))
	assert.Equal(t, High, a.Current.Level)
	assert.True(t, a.Residual.Score.Equal(dec("67.2")), "residual %s", a.Residual.Score)
	assert.Equal(t, Moderate, a.Residual.Level)
	assert.Equal(t, "ds@nist_sp_800_30_r1_semi_quantitative", a.Method)

	_, _, err = AssessIndicators(system, map[string]decimal.Decimal{"exposure": dec("90")}, NIST80030Scale(), decimal.Zero, evaluation.ScoreOptions{})
	assert.Error(t, err, "missing indicator value")
}
