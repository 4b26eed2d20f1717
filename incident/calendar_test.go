package incident

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func defaultCalendar(t testing.TB) *Calendar {
	t.Helper()
	c, err := NewCalendar(DefaultSpec())
	require.NoError(t, err, "compiling DefaultSpec")
	return c
}

var shanghai = time.FixedZone("CST", 8*60*60)

func cst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCalendarDeadlineCorners(t *testing.T) {
	def := defaultCalendar(t)
	nineToSix := ChinaSpec(Date{2025, 1, 1}, Date{2025, 12, 31})
	nineToSix.WorkingHours = []Interval{{9 * 60, 12 * 60}, {13 * 60, 18 * 60}}
	late, err := NewCalendar(nineToSix)
	require.NoError(t, err, "compiling a 09:00-18:00 spec")

	cases := []struct {
		name  string
		cal   *Calendar
		start string
		limit Limit
		want  string
	}{
		{"17:59 Friday after closing accrues nothing until Monday", def, "2025-11-21 17:59", Limit{5, WorkingHours}, "2025-11-24 15:00"},
		{"17:59 Friday before an 18:00 close accrues one minute", late, "2025-11-21 17:59", Limit{5, WorkingHours}, "2025-11-24 14:59"},
		{"17:59 Friday plus one working day ends at Monday's close", def, "2025-11-21 17:59", Limit{1, WorkingDays}, "2025-11-24 17:30"},
		{"a report during lunch starts accruing at 13:30", def, "2025-11-25 12:30", Limit{2, WorkingHours}, "2025-11-25 15:30"},
		{"a deadline on the end of an interval is that end, not the next opening", def, "2025-11-25 12:30", Limit{4, WorkingHours}, "2025-11-25 17:30"},
		{"a report on a holiday waits for the next working day", def, "2025-10-03 10:00", Limit{5, WorkingHours}, "2025-10-09 15:00"},
		{"working days skip the whole holiday", def, "2025-10-03 10:00", Limit{1, WorkingDays}, "2025-10-09 17:30"},
		{"an adjusted Saturday is a working day", def, "2025-10-11 09:00", Limit{5, WorkingHours}, "2025-10-11 15:30"},
		{"one working day from the Friday before an adjusted Saturday is that Saturday", def, "2025-10-10 10:00", Limit{1, WorkingDays}, "2025-10-11 17:30"},
		{"the day of the report never counts, even before opening", def, "2025-11-24 07:00", Limit{1, WorkingDays}, "2025-11-25 17:30"},
		{"fifteen working days span weekends", def, "2025-11-03 10:00", Limit{15, WorkingDays}, "2025-11-24 17:30"},
		{"Spring Festival 2026 holiday and its adjusted Saturday", def, "2026-02-13 16:00", Limit{2, WorkingDays}, "2026-02-24 17:30"},
		{"calendar minutes run around the clock", def, "2025-10-03 23:50", Limit{15, CalendarMinutes}, "2025-10-04 00:05"},
		{"calendar hours run around the clock", def, "2025-11-21 17:59", Limit{24, CalendarHours}, "2025-11-22 17:59"},
		{"calendar days end at 24:00 of the last day", def, "2025-11-21 10:00", Limit{1, CalendarDays}, "2025-11-23 00:00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.cal.Deadline(cst(tc.start), tc.limit)
			require.NoError(t, err, "Deadline(%s, %s)", tc.start, tc.limit)
			assert.True(t, got.Equal(cst(tc.want)), "Deadline(%s, %s) = %s, want %s", tc.start, tc.limit, got, tc.want)
		})
	}
}

func TestCalendarWorkingTime(t *testing.T) {
	c := defaultCalendar(t)
	cases := []struct {
		name     string
		from, to string
		want     time.Duration
	}{
		{"Friday 17:00 to Monday 09:00 counts both ends of the weekend", "2025-11-21 17:00", "2025-11-24 09:00", time.Hour},
		{"lunch does not count", "2025-11-25 11:00", "2025-11-25 14:00", 90 * time.Minute},
		{"a holiday week counts nothing", "2025-10-01 00:00", "2025-10-08 23:59", 0},
		{"a full working day is seven and a half hours", "2025-11-25 00:00", "2025-11-26 00:00", 450 * time.Minute},
		{"reversed instants give a negative duration", "2025-11-25 10:00", "2025-11-25 09:00", -time.Hour},
	}
	for _, tc := range cases {
		got, err := c.WorkingTime(cst(tc.from), cst(tc.to))
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.want, got, tc.name)
	}
}

func TestCalendarOutsideRange(t *testing.T) {
	c := defaultCalendar(t)
	_, err := c.Deadline(cst("2027-01-04 10:00"), Limit{1, WorkingDays})
	assert.ErrorIs(t, err, ErrOutsideCalendar, "start after the last date")
	_, err = c.Deadline(cst("2026-12-31 10:00"), Limit{1, WorkingDays})
	assert.ErrorIs(t, err, ErrOutsideCalendar, "deadline after the last date")
	_, err = c.Deadline(cst("2026-12-31 10:00"), Limit{100, WorkingHours})
	assert.ErrorIs(t, err, ErrOutsideCalendar, "working hours past the last date")
	_, err = c.WorkingTime(cst("2022-12-30 10:00"), cst("2023-01-03 10:00"))
	assert.ErrorIs(t, err, ErrOutsideCalendar, "instant before the first date")
	_, err = c.Deadline(cst("2025-01-03 10:00"), Limit{0, WorkingDays})
	assert.ErrorIs(t, err, ErrBadLimit, "zero amount")
	_, err = c.Deadline(cst("2025-01-03 10:00"), Limit{1, 0})
	assert.ErrorIs(t, err, ErrBadLimit, "zero unit")
	assert.False(t, c.Contains(cst("2027-01-01 00:00")), "2027 is outside the default calendar")
}

func TestCalendarIsWorkingDay(t *testing.T) {
	c := defaultCalendar(t)
	cases := []struct {
		date Date
		want bool
	}{
		{Date{2025, 10, 11}, true},  // adjusted Saturday
		{Date{2025, 9, 28}, true},   // adjusted Sunday
		{Date{2025, 10, 8}, false},  // Wednesday in the National Day holiday
		{Date{2025, 11, 22}, false}, // ordinary Saturday
		{Date{2025, 11, 24}, true},  // ordinary Monday
		{Date{2024, 2, 9}, true},    // New Year's Eve 2024: the notice only encourages leave
	}
	for _, tc := range cases {
		got, ok := c.IsWorkingDay(tc.date)
		require.True(t, ok, "%s is inside the calendar", tc.date)
		assert.Equal(t, tc.want, got, "IsWorkingDay(%s)", tc.date)
	}
	_, ok := c.IsWorkingDay(Date{2030, 1, 2})
	assert.False(t, ok, "2030 is outside the calendar")
}

// TestCalendarDeadlineProperty checks that the working time between a
// start and its working-hour deadline is exactly the limit, and that a
// working-day deadline is the close of a working day.
func TestCalendarDeadlineProperty(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 1))
	c := defaultCalendar(t)
	base := cst("2023-01-01 00:00")
	for range 2000 {
		start := base.Add(time.Duration(r.Int64N(int64(3*365*24*time.Hour))) + time.Duration(r.IntN(60))*time.Second)
		n := 1 + r.IntN(40)
		d, err := c.Deadline(start, Limit{n, WorkingHours})
		require.NoError(t, err, "Deadline(%s, %d working hours)", start, n)
		w, err := c.WorkingTime(start, d)
		require.NoError(t, err)
		assert.Equal(t, time.Duration(n)*time.Hour, w, "working time from %s to its %dh deadline %s", start, n, d)
		dd, err := c.Deadline(start, Limit{n, WorkingDays})
		require.NoError(t, err)
		working, _ := c.IsWorkingDay(DateOf(dd))
		assert.True(t, working, "%d working days from %s end on a working day, got %s", n, start, dd)
		assert.Equal(t, "17:30", dd.Format("15:04"), "working-day deadline is at the close")
		assert.True(t, DateOf(dd.In(shanghai)).Compare(DateOf(start.In(shanghai))) > 0, "the start day is never counted")
	}
}

func TestSpecValidateReportsEveryProblem(t *testing.T) {
	s := Spec{
		TimeZone:     "Mars/Olympus",
		From:         Date{2025, 1, 1},
		To:           Date{2024, 1, 1},
		WorkingHours: []Interval{{12 * 60, 8 * 60}},
		RestDays:     []string{"caturday"},
		Holidays:     []Span{{From: Date{2025, 5, 1}, To: Date{2025, 5, 5}}},
		WorkingDays:  []Day{{Date: Date{2025, 5, 2}}},
	}
	err := s.Validate()
	require.Error(t, err)
	for _, path := range []string{"time_zone", "to", "working_hours[0]", "rest_days[0]", "working_days[0]"} {
		assert.ErrorContains(t, err, path, "problem at %s is reported", path)
	}
	_, err = NewCalendar(s)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "NewCalendar refuses an invalid spec")
}

func TestParseSpecDefaultsAndCustomRestDays(t *testing.T) {
	s, err := ParseSpec([]byte(`{"from":"2025-01-01","to":"2025-01-31","rest_days":["friday"]}`))
	require.NoError(t, err)
	c, err := NewCalendar(s)
	require.NoError(t, err)
	sat, _ := c.IsWorkingDay(Date{2025, 1, 4})
	fri, _ := c.IsWorkingDay(Date{2025, 1, 3})
	assert.True(t, sat, "Saturday works when only Friday is a rest day")
	assert.False(t, fri, "Friday is the rest day")
	_, err = ParseSpec([]byte(`{"from":"2025-01-01","to":"2025-01-31"} {}`))
	assert.ErrorIs(t, err, ErrTrailingData)
}

func TestChinaNoticesAreCited(t *testing.T) {
	ns := ChinaNotices()
	require.GreaterOrEqual(t, len(ns), 3, "at least 2023-2025")
	for i, n := range ns {
		assert.NotEmpty(t, n.Title, "notice %d title", n.Year)
		assert.True(t, n.Issued.IsValid(), "notice %d issue date", n.Year)
		assert.Less(t, n.Issued.Year, n.Year+1, "notice %d is issued before its year ends", n.Year)
		if i > 0 {
			assert.Equal(t, ns[i-1].Year+1, n.Year, "years are consecutive")
		}
		for _, w := range n.WorkingDays {
			wd := w.Date.Weekday()
			assert.True(t, wd == time.Saturday || wd == time.Sunday, "adjusted working day %s falls on a weekend", w.Date)
		}
	}
	require.NoError(t, DefaultSpec().Validate())
}
