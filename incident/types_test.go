package incident

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum/enumtest"
	"github.com/grassrootsgov/grassroots/workday"
)

func TestEnums(t *testing.T) {
	enumtest.Run(t,
		enumtest.Of(statusNames, ParseStatus),
		enumtest.Of(platformNames, ParsePlatform),
		enumtest.Of(channelNames, ParseChannel),
		enumtest.Of(priorityNames, ParsePriority),
		enumtest.Of(gradeNames, ParseGrade),
		enumtest.Of(rejectReasonNames, ParseRejectReason),
		enumtest.Of(levelNames, ParseLevel),
		enumtest.Of(opNames, ParseOp),
		enumtest.Of(groupByNames, ParseGroupBy),
	)
}

func TestStatusOpen(t *testing.T) {
	for _, s := range statusNames.Values() {
		want := s != StatusClosed && s != StatusRejected
		assert.Equal(t, want, s.Open(), "%s is open in Open311 terms", s)
	}
}

func TestContactIsMasked(t *testing.T) {
	c := NewContact("欧阳小明", "13812345678")
	assert.Equal(t, "欧*** 138****5678", c.String())
	assert.Equal(t, "incident.Contact{欧*** 138****5678}", fmt.Sprintf("%#v", c))
	in := Incident{ID: "x", Contact: c}
	assert.NotContains(t, fmt.Sprintf("%v %+v", in, in), "13812345678", "fmt never prints the phone")
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"欧***","phone":"138****5678"}`, string(b))
	assert.Equal(t, c.Masked(), c.Masked().Masked(), "masking is idempotent")
	name, phone := c.Reveal()
	assert.Equal(t, "欧阳小明", name)
	assert.Equal(t, "13812345678", phone)
	assert.Equal(t, "*****", NewContact("", "12345").String(), "short numbers are fully masked")
	assert.True(t, Contact{}.IsZero())
}

func TestDefaultCatalog(t *testing.T) {
	c := DefaultCatalog()
	assert.Equal(t, 20, c.Len())
	for code, want := range map[string]workday.Limit{
		"002": {Amount: 1, Unit: workday.WorkingDays},  // exposed garbage
		"004": {Amount: 5, Unit: workday.WorkingHours}, // road not clean
		"001": {Amount: 15, Unit: workday.WorkingDays}, // illegal construction
	} {
		cat, ok := c.Lookup(code)
		require.True(t, ok, code)
		assert.Equal(t, want, cat.HandleLimit, "handling limit of %s %s", code, cat.Name)
		assert.NotEmpty(t, cat.Source, "%s cites its source", code)
	}
	danger, _ := c.Lookup("006")
	assert.Equal(t, workday.Limit{Amount: 15, Unit: workday.CalendarMinutes}, danger.AcceptLimit, "danger to life is accepted within 15 minutes")
	_, ok := c.Lookup("6")
	assert.False(t, ok, "codes are strings: 6 is not 006")

	b, err := json.Marshal(c)
	require.NoError(t, err)
	again, err := ParseCatalog(b)
	require.NoError(t, err)
	assert.Equal(t, c.Categories(), again.Categories(), "a catalogue round-trips through JSON")
}

func TestNewCatalogReportsEveryProblem(t *testing.T) {
	good, _ := DefaultCatalog().Lookup("002")
	bad := Category{Code: "a b"}
	_, err := NewCatalog([]Category{good, bad, good})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, p := range []string{"categories[1].code", "categories[1].name", "categories[1].platform", "categories[1].accept_limit", "categories[1].handle_limit", "categories[1].priority", "categories[2].code"} {
		assert.True(t, ve.Has(p), "problem at %s", p)
	}
	_, err = ParseCatalog([]byte(`{"categories":[]} x`))
	assert.ErrorIs(t, err, ErrTrailingData)
}

func TestIncidentJSONIsAReadModel(t *testing.T) {
	d := testDecider(t)
	s, _, _ := build(t, d, "inc-1", pathTo[StatusDispatched])
	b, err := json.Marshal(s)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	assert.Equal(t, "dispatched", m["status"])
	assert.Equal(t, "law_enforcement", m["platform"])
	assert.Contains(t, m, "handle_term")
	assert.NotContains(t, m, "grade", "zero enums are left out")
	assert.NotContains(t, string(b), "13812345678", "the contact is masked")
	_, err = json.Marshal(Incident{})
	assert.NoError(t, err, "the zero incident marshals")
}

func TestValidateReportsInvalidEnumerationFields(t *testing.T) {
	for _, tc := range []struct {
		what string
		err  error
		want grassroots.FieldError
	}{
		{"category without platform", Category{Code: "c", Name: "n", Priority: PriorityLow}.Validate(),
			grassroots.FieldError{Path: "platform", Rule: grassroots.RuleEnum, Message: platformNames.Problem(0)}},
		{"category with priority 7", Category{Code: "c", Name: "n", Platform: PlatformGovernance, Priority: 7}.Validate(),
			grassroots.FieldError{Path: "priority", Rule: grassroots.RuleEnum, Message: priorityNames.Problem(7)}},
		{"redo threshold 0", func() error { _, err := NewDecider(nil, nil, RedoPolicy{}); return err }(),
			grassroots.FieldError{Path: "redo.threshold", Rule: grassroots.RuleEnum, Message: gradeNames.Problem(0)}},
	} {
		var ve *grassroots.ValidationError
		require.ErrorAs(t, tc.err, &ve, tc.what)
		assert.Contains(t, ve.Fields, tc.want, "%s: rule enum with the valid names", tc.what)
	}
}
