package workday

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func TestDateAndClock(t *testing.T) {
	for _, s := range []string{"2025-02-29", "2025-13-01", "2025-1-01", "20250101", "2025-01-01T00:00:00Z", ""} {
		_, err := ParseDate(s)
		assert.ErrorIs(t, err, ErrBadDate, "ParseDate(%q)", s)
	}
	d, err := ParseDate("2024-02-29")
	require.NoError(t, err)
	assert.Equal(t, Date{2024, time.February, 29}, d)
	assert.Equal(t, Date{2024, time.March, 1}, d.AddDays(1))
	assert.Equal(t, Date{2023, time.December, 31}, d.AddDays(-60), "AddDays goes back across a year")
	assert.Equal(t, -1, d.Compare(d.AddDays(1)))
	assert.Equal(t, 1, d.Compare(Date{2024, time.January, 31}), "months compare before days")
	assert.False(t, Date{}.IsValid(), "the zero date is invalid")
	b, err := d.AppendText([]byte("on "))
	require.NoError(t, err)
	assert.Equal(t, "on 2024-02-29", string(b), "AppendText appends")
	_, err = Date{2025, 2, 29}.MarshalText()
	assert.ErrorIs(t, err, ErrBadDate, "an invalid date does not marshal")
	before := d
	assert.ErrorIs(t, d.UnmarshalText([]byte("2024-02-30")), ErrBadDate)
	assert.Equal(t, before, d, "a failed UnmarshalText leaves the date unchanged")
	assert.Equal(t, 366, daysBetween(Date{2024, 1, 1}, Date{2025, 1, 1}), "2024 is a leap year")
	assert.Equal(t, 3652058, daysBetween(Date{1, 1, 1}, Date{9999, 12, 31}), "day counts do not overflow over the whole range")

	for _, s := range []string{"24:01", "7:30", "12:60", "ab:cd", "-1:00"} {
		_, err := ParseClock(s)
		assert.ErrorIs(t, err, ErrBadClock, "ParseClock(%q)", s)
	}
	c, err := ParseClock("24:00")
	require.NoError(t, err)
	assert.Equal(t, Clock(1440), c)
	assert.Equal(t, "08:30", Clock(510).String())
	_, err = Clock(1441).MarshalText()
	assert.ErrorIs(t, err, ErrBadClock, "a clock past 24:00 does not marshal")
	assert.False(t, Clock(-1).IsValid(), "a negative clock is invalid")
}

func TestUnitEnum(t *testing.T) {
	for _, u := range []Unit{CalendarMinutes, CalendarHours, CalendarDays, WorkingHours, WorkingDays} {
		b, err := u.MarshalText()
		require.NoError(t, err, "%s marshals", u)
		var back Unit
		require.NoError(t, back.UnmarshalText(b), "%s parses", b)
		assert.Equal(t, u, back, "%s round-trips", b)
	}
	for _, u := range []Unit{0, WorkingDays + 1} {
		assert.False(t, u.IsValid(), "Unit(%d) is invalid", u)
		_, err := u.MarshalText()
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "Unit(%d) does not marshal", u)
	}
	assert.Equal(t, "Unit(0)", Unit(0).String())
	var u Unit = WorkingHours
	var une *grassroots.UnknownNameError
	require.ErrorAs(t, u.UnmarshalText([]byte("fortnights")), &une, "an unknown unit")
	assert.Equal(t, "workday.Unit", une.Type, "the error names the type")
	assert.Contains(t, une.Valid, "working_days", "the error lists the valid names")
	assert.Equal(t, WorkingHours, u, "a failed UnmarshalText leaves the unit unchanged")
	assert.True(t, WorkingDays.Working() && WorkingHours.Working(), "working units")
	assert.False(t, CalendarDays.Working(), "calendar days are not a working unit")
}

func TestLimit(t *testing.T) {
	assert.NoError(t, Limit{15, WorkingDays}.Validate())
	assert.ErrorIs(t, Limit{0, WorkingDays}.Validate(), ErrBadLimit)
	assert.ErrorIs(t, Limit{MaxAmount + 1, CalendarMinutes}.Validate(), ErrBadLimit)
	assert.ErrorIs(t, Limit{1, 0}.Validate(), ErrBadLimit)
	assert.Equal(t, "5 working_hours", Limit{5, WorkingHours}.String())
	var l Limit
	require.NoError(t, json.Unmarshal([]byte(`{"amount":1,"unit":"working_days"}`), &l))
	assert.Equal(t, Limit{1, WorkingDays}, l)
	assert.Error(t, json.Unmarshal([]byte(`{"amount":1,"unit":"fortnights"}`), &l))

	for _, s := range []string{"15 working_days", "1 calendar_minutes", "36500 calendar_days"} {
		l, err := ParseLimit(s)
		require.NoError(t, err, "ParseLimit(%q)", s)
		assert.Equal(t, s, l.String(), "ParseLimit(%q) round-trips", s)
	}
	for _, s := range []string{"", "15", "15  working_days", "015 working_days", "+1 working_days", "-1 working_days", "0 working_days", "36501 calendar_days", "1 fortnights", "1.5 working_hours"} {
		_, err := ParseLimit(s)
		assert.ErrorIs(t, err, ErrBadLimit, "ParseLimit(%q)", s)
	}
}

func TestLimitAfter(t *testing.T) {
	start := time.Date(2025, 11, 21, 17, 59, 0, 0, shanghai)
	cases := []struct {
		limit Limit
		want  time.Time
	}{
		{Limit{15, CalendarMinutes}, time.Date(2025, 11, 21, 18, 14, 0, 0, shanghai)},
		{Limit{24, CalendarHours}, time.Date(2025, 11, 22, 17, 59, 0, 0, shanghai)},
		{Limit{1, CalendarDays}, time.Date(2025, 11, 23, 0, 0, 0, 0, shanghai)},
	}
	for _, tc := range cases {
		got, err := tc.limit.After(start)
		require.NoError(t, err, "%s after %s", tc.limit, start)
		assert.True(t, got.Equal(tc.want), "%s after %s = %s, want %s", tc.limit, start, got, tc.want)
	}
	_, err := Limit{1, WorkingDays}.After(start)
	assert.ErrorIs(t, err, ErrNeedsCalendar, "a working unit needs a calendar")
	_, err = Limit{}.After(start)
	assert.ErrorIs(t, err, ErrBadLimit, "the zero limit")
}
