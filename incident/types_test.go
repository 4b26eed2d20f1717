package incident

import (
	"encoding"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/workday"
)

type enum interface {
	fmt.Stringer
	encoding.TextMarshaler
	IsValid() bool
}

// TestEnumsRoundTrip checks every enum: each defined value round-trips
// through its text form; 0 and one past the last are invalid, print as
// "Type(N)" and fail to marshal; an unknown name fails to parse with the
// type's sentinel and leaves the target unchanged.
func TestEnumsRoundTrip(t *testing.T) {
	type spec struct {
		name    string
		values  func(i int) (enum, encoding.TextUnmarshaler)
		n       int
		unknown error
	}
	specs := []spec{
		{"Status", func(i int) (enum, encoding.TextUnmarshaler) { v := Status(i); return v, new(Status) }, 9, ErrUnknownStatus},
		{"Platform", func(i int) (enum, encoding.TextUnmarshaler) { v := Platform(i); return v, new(Platform) }, 4, ErrUnknownPlatform},
		{"Channel", func(i int) (enum, encoding.TextUnmarshaler) { v := Channel(i); return v, new(Channel) }, 5, ErrUnknownChannel},
		{"Priority", func(i int) (enum, encoding.TextUnmarshaler) { v := Priority(i); return v, new(Priority) }, 4, ErrUnknownPriority},
		{"Grade", func(i int) (enum, encoding.TextUnmarshaler) { v := Grade(i); return v, new(Grade) }, 5, ErrUnknownGrade},
		{"RejectReason", func(i int) (enum, encoding.TextUnmarshaler) { v := RejectReason(i); return v, new(RejectReason) }, 3, ErrUnknownRejectReason},
		{"Level", func(i int) (enum, encoding.TextUnmarshaler) { v := Level(i); return v, new(Level) }, 3, ErrUnknownLevel},
		{"Op", func(i int) (enum, encoding.TextUnmarshaler) { v := Op(i); return v, new(Op) }, 12, ErrUnknownOp},
	}
	for _, s := range specs {
		for i := 1; i <= s.n; i++ {
			v, target := s.values(i)
			require.True(t, v.IsValid(), "%s(%d) is valid", s.name, i)
			b, err := v.MarshalText()
			require.NoError(t, err, "%s(%d) marshals", s.name, i)
			require.NoError(t, target.UnmarshalText(b), "%s %q parses", s.name, b)
			assert.Equal(t, v.String(), fmt.Sprint(target), "%s %q round-trips", s.name, b)
		}
		for _, i := range []int{0, s.n + 1} {
			v, target := s.values(i)
			assert.False(t, v.IsValid(), "%s(%d) is invalid", s.name, i)
			assert.Equal(t, fmt.Sprintf("%s(%d)", s.name, i), v.String())
			_, err := v.MarshalText()
			assert.ErrorIs(t, err, s.unknown, "%s(%d) does not marshal", s.name, i)
			before := fmt.Sprint(target)
			assert.ErrorIs(t, target.UnmarshalText([]byte("no_such_value")), s.unknown, "%s rejects unknown names", s.name)
			assert.Equal(t, before, fmt.Sprint(target), "%s is unchanged by a failed parse", s.name)
		}
	}
}

func TestStatusOpen(t *testing.T) {
	for s := StatusReported; s <= StatusReopened; s++ {
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

func TestGroupByText(t *testing.T) {
	for g := ByGrid; g <= ByUnit; g++ {
		b, err := g.MarshalText()
		require.NoError(t, err)
		var back GroupBy
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, g, back)
	}
	_, err := ParseGroupBy("district")
	assert.ErrorIs(t, err, ErrBadOptions)
}
