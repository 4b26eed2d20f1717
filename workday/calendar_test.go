package workday

import (
	"sync"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// compiledDefault is DefaultSpec compiled once: a Calendar is immutable
// and safe to share between tests.
var compiledDefault = sync.OnceValues(func() (*Calendar, error) { return NewCalendar(DefaultSpec(), CalendarOptions{}) })

func defaultCalendar(t testing.TB) *Calendar {
	t.Helper()
	c, err := compiledDefault()
	require.NoError(t, err, "compiling DefaultSpec")
	return c
}

func chinaSpec(t testing.TB, from, to Date, notices ...Notice) Spec {
	t.Helper()
	s, err := ChinaSpec(from, to, notices...)
	require.NoError(t, err, "ChinaSpec(%s, %s)", from, to)
	return s
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
	nineToSix := chinaSpec(t, Date{2025, 1, 1}, Date{2025, 12, 31})
	nineToSix.WorkingHours = []Interval{{9 * 60, 12 * 60}, {13 * 60, 18 * 60}}
	late, err := NewCalendar(nineToSix, CalendarOptions{})
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
			assert.True(t, got.At.Equal(cst(tc.want)), "Deadline(%s, %s) = %s, want %s", tc.start, tc.limit, got.At, tc.want)
			assert.False(t, got.Provisional, "Deadline(%s, %s) rests on published notices only", tc.start, tc.limit)
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
	var re *RangeError
	_, err := c.Deadline(cst("2101-01-04 10:00"), Limit{1, WorkingDays})
	require.ErrorAs(t, err, &re, "start after the last date")
	assert.Equal(t, Date{2101, 1, 4}, re.Date, "the error names the start's date")
	assert.Equal(t, Date{2023, 1, 1}, re.From, "the error names the first covered date")
	assert.Equal(t, Date{2100, 12, 31}, re.To, "the error names the last covered date")
	assert.ErrorIs(t, err, ErrOutsideCalendar, "a RangeError matches ErrOutsideCalendar")

	_, err = c.Deadline(cst("2100-12-31 10:00"), Limit{1, WorkingDays})
	require.ErrorAs(t, err, &re, "deadline after the last date")
	assert.Equal(t, Date{2101, 1, 1}, re.Date, "a deadline past the end names the day after it")
	_, err = c.Deadline(cst("2100-12-31 10:00"), Limit{100, WorkingHours})
	assert.ErrorIs(t, err, ErrOutsideCalendar, "working hours past the last date")
	_, err = c.AddWorkingTime(cst("2100-12-31 10:00"), time.Duration(1<<62))
	assert.ErrorIs(t, err, ErrOutsideCalendar, "a working time beyond every interval does not overflow")
	_, err = c.WorkingTime(cst("2022-12-30 10:00"), cst("2023-01-03 10:00"))
	require.ErrorAs(t, err, &re, "instant before the first date")
	assert.Equal(t, Date{2022, 12, 30}, re.Date, "the error names the instant's date")

	_, err = c.Deadline(cst("2025-01-03 10:00"), Limit{0, WorkingDays})
	assert.ErrorIs(t, err, ErrBadLimit, "zero amount")
	_, err = c.Deadline(cst("2025-01-03 10:00"), Limit{1, 0})
	assert.ErrorIs(t, err, ErrBadLimit, "zero unit")
	_, err = c.AddWorkingTime(cst("2025-01-03 10:00"), -time.Minute)
	assert.ErrorIs(t, err, ErrBadLimit, "negative working time")
	assert.False(t, c.Contains(cst("2101-01-01 00:00")), "2101 is outside the default calendar")
	assert.True(t, c.Contains(cst("2100-12-31 23:59")), "the last minute of 2100 is inside")

	far, err := c.Deadline(cst("2100-12-31 10:00"), Limit{MaxAmount, CalendarDays})
	require.NoError(t, err, "calendar units need no dates of the calendar")
	assert.False(t, far.Provisional, "calendar units are never provisional")
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
	_, ok := c.IsWorkingDay(Date{2101, 1, 3})
	assert.False(t, ok, "2101 is outside the calendar")
	_, ok = c.IsWorkingDay(Date{2025, 2, 30})
	assert.False(t, ok, "an invalid date is not in the calendar")
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
	var ve *grassroots.ValidationError
	require.ErrorAs(t, s.Validate(), &ve)
	for _, path := range []string{"time_zone", "to", "working_hours[0]", "rest_days[0]", "working_days[0]"} {
		assert.True(t, ve.Has(path), "problem at %s is reported", path)
	}
	_, err := NewCalendar(s, CalendarOptions{})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "NewCalendar refuses an invalid spec")
}

func TestParseSpecDefaultsAndCustomRestDays(t *testing.T) {
	s, err := ParseSpec([]byte(`{"from":"2025-01-01","to":"2025-01-31","rest_days":["friday"]}`))
	require.NoError(t, err)
	c, err := NewCalendar(s, CalendarOptions{})
	require.NoError(t, err)
	sat, _ := c.IsWorkingDay(Date{2025, 1, 4})
	fri, _ := c.IsWorkingDay(Date{2025, 1, 3})
	assert.True(t, sat, "Saturday works when only Friday is a rest day")
	assert.False(t, fri, "Friday is the rest day")
	_, err = ParseSpec([]byte(`{"from":"2025-01-01","to":"2025-01-31"} {}`))
	assert.ErrorIs(t, err, ErrTrailingData)
}

func TestDeadlineProvisionalFlag(t *testing.T) {
	c := defaultCalendar(t)
	cases := []struct {
		name        string
		start       string
		limit       Limit
		want        string
		provisional bool
	}{
		{"working days within 2026 rest on the 2026 notice", "2026-12-21 10:00", Limit{5, WorkingDays}, "2026-12-28 17:30", false},
		{"working days into 2027 skip the provisional 元旦 and are flagged", "2026-12-30 10:00", Limit{5, WorkingDays}, "2027-01-07 17:30", true},
		{"working hours into 2027 are flagged", "2026-12-31 16:00", Limit{2, WorkingHours}, "2027-01-04 09:00", true},
		{"a start in the last published days is not counted, so a deadline there is not flagged", "2026-12-30 10:00", Limit{1, WorkingDays}, "2026-12-31 17:30", false},
		{"a working-day limit from a provisional day is flagged", "2027-03-01 10:00", Limit{1, WorkingDays}, "2027-03-02 17:30", true},
		{"calendar minutes in a provisional year are not flagged", "2027-10-01 10:00", Limit{15, CalendarMinutes}, "2027-10-01 10:15", false},
		{"calendar days in a provisional year are not flagged", "2027-10-01 10:00", Limit{2, CalendarDays}, "2027-10-04 00:00", false},
		{"the provisional 国庆 2027 runs Friday 1 to Sunday 3 October and is made up on Monday and Tuesday", "2027-09-30 17:00", Limit{1, WorkingDays}, "2027-10-06 17:30", true},
	}
	for _, tc := range cases {
		got, err := c.Deadline(cst(tc.start), tc.limit)
		require.NoError(t, err, tc.name)
		assert.True(t, got.At.Equal(cst(tc.want)), "%s: Deadline(%s, %s) = %s, want %s", tc.name, tc.start, tc.limit, got.At, tc.want)
		assert.Equal(t, tc.provisional, got.Provisional, "%s: provisional flag", tc.name)
	}
	p, ok := c.IsProvisional(Date{2027, 1, 1})
	assert.True(t, ok && p, "2027-01-01 is provisional in the default calendar")
	p, ok = c.IsProvisional(Date{2026, 12, 31})
	assert.True(t, ok && !p, "2026-12-31 is published")
	_, ok = c.IsProvisional(Date{2101, 1, 1})
	assert.False(t, ok, "2101 is outside")
}

func TestCalendarRefusesProvisionalDays(t *testing.T) {
	c, err := NewCalendar(DefaultSpec(), CalendarOptions{RefuseProvisional: true})
	require.NoError(t, err)
	var pe *ProvisionalError
	_, err = c.Deadline(cst("2026-12-30 10:00"), Limit{5, WorkingDays})
	require.ErrorAs(t, err, &pe, "a deadline into 2027")
	assert.Equal(t, Date{2027, 1, 1}, pe.Date, "the error names the first provisional day the answer rests on")
	assert.ErrorIs(t, err, ErrProvisional)
	_, err = c.Deadline(cst("2027-06-01 10:00"), Limit{3, WorkingHours})
	require.ErrorAs(t, err, &pe, "a deadline inside 2027")
	assert.Equal(t, Date{2027, 6, 1}, pe.Date, "the start's own day is consulted for working hours")
	_, err = c.WorkingTime(cst("2026-12-31 10:00"), cst("2027-01-04 10:00"))
	assert.ErrorIs(t, err, ErrProvisional, "working time across 2027")
	_, ok := c.IsWorkingDay(Date{2027, 1, 4})
	assert.False(t, ok, "a refused provisional day is not answered")

	d, err := c.Deadline(cst("2026-12-21 10:00"), Limit{5, WorkingDays})
	require.NoError(t, err, "published days are still answered")
	assert.True(t, d.At.Equal(cst("2026-12-28 17:30")), "the deadline is the same as without the option")
	d, err = c.Deadline(cst("2027-06-01 10:00"), Limit{15, CalendarMinutes})
	require.NoError(t, err, "calendar units rest on no day")
	assert.False(t, d.Provisional)
	w, err := c.WorkingTime(cst("2026-12-31 10:00"), cst("2026-12-31 11:00"))
	require.NoError(t, err, "working time on published days")
	assert.Equal(t, time.Hour, w)
}

func TestAddWorkingTime(t *testing.T) {
	c := defaultCalendar(t)
	d, err := c.AddWorkingTime(cst("2025-11-25 11:00"), 90*time.Minute)
	require.NoError(t, err)
	assert.True(t, d.At.Equal(cst("2025-11-25 14:00")), "an hour and a half from 11:00 skips lunch: %s", d.At)
	d, err = c.AddWorkingTime(cst("2025-11-22 11:00"), 0)
	require.NoError(t, err)
	assert.True(t, d.At.Equal(cst("2025-11-22 11:00")), "no working time to add is the start itself")
	_, err = c.AddWorkingTime(cst("2101-01-01 00:00"), time.Hour)
	assert.ErrorIs(t, err, ErrOutsideCalendar, "start outside")
}

// TestCalendarConcurrentUse shares one Calendar between goroutines; run
// with -race it checks that queries only read.
func TestCalendarConcurrentUse(t *testing.T) {
	c := defaultCalendar(t)
	want, err := c.Deadline(cst("2026-12-30 10:00"), Limit{5, WorkingDays})
	require.NoError(t, err)
	var wg sync.WaitGroup
	got := make([]Deadline, 8)
	for i := range got {
		wg.Go(func() {
			for range 100 {
				got[i], _ = c.Deadline(cst("2026-12-30 10:00"), Limit{5, WorkingDays})
				_, _ = c.WorkingTime(cst("2025-01-01 00:00"), cst("2030-01-01 00:00"))
			}
		})
	}
	wg.Wait()
	for i, g := range got {
		assert.Equal(t, want, g, "goroutine %d computes the same deadline", i)
	}
}

// A Calendar that NewCalendar did not build, the zero value or nil,
// covers no dates: its queries answer false or ErrNeedsCalendar and never
// panic.
func TestCalendarNotBuilt(t *testing.T) {
	at := cst("2025-03-03 10:00")
	for name, c := range map[string]*Calendar{"zero": new(Calendar), "nil": nil} {
		assert.False(t, c.Contains(at), name)
		working, ok := c.IsWorkingDay(DateOf(at))
		assert.False(t, working || ok, "%s: IsWorkingDay", name)
		provisional, ok := c.IsProvisional(DateOf(at))
		assert.False(t, provisional || ok, "%s: IsProvisional", name)
		assert.Equal(t, time.UTC, c.Location(), name)
		assert.Equal(t, Spec{}, c.Spec(), name)
		_, err := c.WorkingTime(at, at.Add(time.Hour))
		assert.ErrorIs(t, err, ErrNeedsCalendar, "%s: WorkingTime", name)
		for _, l := range []Limit{{1, WorkingDays}, {2, WorkingHours}, {3, CalendarDays}} {
			_, err = c.Deadline(at, l)
			assert.ErrorIs(t, err, ErrNeedsCalendar, "%s: Deadline %v", name, l)
		}
		_, err = c.Deadline(at, Limit{})
		assert.ErrorIs(t, err, ErrBadLimit, "%s: an invalid limit is refused first", name)
		_, err = c.AddWorkingTime(at, time.Hour)
		assert.ErrorIs(t, err, ErrNeedsCalendar, "%s: AddWorkingTime", name)
		assert.Contains(t, err.Error(), "NewCalendar", "%s: the error says how to build one", name)
	}
}
