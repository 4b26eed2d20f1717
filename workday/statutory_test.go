package workday

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workingDaysIn counts the working days of year in c.
func workingDaysIn(t *testing.T, c *Calendar, year int) int {
	t.Helper()
	n := 0
	for d := (Date{year, time.January, 1}); d.Year == year; d = d.AddDays(1) {
		w, ok := c.IsWorkingDay(d)
		require.True(t, ok, "%s is in the calendar", d)
		if w {
			n++
		}
	}
	return n
}

// TestStatutoryHolidaysAgainstNotices checks the provisional rule against
// the first two notices under the 2024 Measures: every day it gives off
// (statutory holidays and substitute days) is off in the notice, and the
// year has as many working days either way, because a notice's 调休 only
// swaps working days and weekend days.
func TestStatutoryHolidaysAgainstNotices(t *testing.T) {
	for _, year := range []int{2025, 2026} {
		from, to := Date{year, time.January, 1}, Date{year, time.December, 31}
		published, err := NewCalendar(chinaSpec(t, from, to), CalendarOptions{})
		require.NoError(t, err, "the %d notice compiles", year)
		hs, err := StatutoryHolidays(year)
		require.NoError(t, err, "StatutoryHolidays(%d)", year)
		for _, h := range hs {
			for d := h.From; d.Compare(h.To) <= 0; d = d.AddDays(1) {
				w, ok := published.IsWorkingDay(d)
				require.True(t, ok, "%s is in %d", d, year)
				assert.False(t, w, "%s %s, given off by the rule, is off in the %d notice", h.Name, d, year)
			}
		}
		rule, err := NewCalendar(Spec{From: from, To: to, Holidays: hs}, CalendarOptions{})
		require.NoError(t, err, "the %d rule compiles", year)
		assert.Equal(t, workingDaysIn(t, published, year), workingDaysIn(t, rule, year), "%d has as many working days by the rule as by the notice", year)
	}
}

func TestStatutoryHolidaysRule(t *testing.T) {
	find := func(hs []Span, name string) []Date {
		var out []Date
		for _, h := range hs {
			if h.Name == name {
				for d := h.From; d.Compare(h.To) <= 0; d = d.AddDays(1) {
					out = append(out, d)
				}
			}
		}
		return out
	}
	cases := []struct {
		year int
		name string
		want []Date
	}{
		{2025, "端午节补假", []Date{{2025, 6, 2}}},                 // 端午 on Saturday 31 May
		{2026, "清明节补假", []Date{{2026, 4, 6}}},                 // 清明 on Sunday 5 April
		{2026, "国庆节补假", []Date{{2026, 10, 5}}},                // 3 October a Saturday
		{2027, "国庆节补假", []Date{{2027, 10, 4}, {2027, 10, 5}}}, // 2 and 3 October a weekend
		{2028, "元旦补假", []Date{{2028, 1, 3}}},                  // 1 January a Saturday
		{2028, "国庆节补假", []Date{{2028, 10, 4}, {2028, 10, 5}}}, // 1 October a Sunday, 中秋 on 3 October
		{2033, "春节补假", []Date{{2033, 2, 3}}},                  // 除夕 on Sunday 30 January, made up after 初三
		{2033, "春节", []Date{{2033, 1, 30}, {2033, 1, 31}, {2033, 2, 1}, {2033, 2, 2}}},
		{2026, "春节", []Date{{2026, 2, 16}, {2026, 2, 17}, {2026, 2, 18}, {2026, 2, 19}}},
		{2025, "中秋节", []Date{{2025, 10, 6}}},
		{2025, "中秋节补假", nil},
	}
	for _, tc := range cases {
		hs, err := StatutoryHolidays(tc.year)
		require.NoError(t, err, "StatutoryHolidays(%d)", tc.year)
		assert.Equal(t, tc.want, find(hs, tc.name), "%d %s", tc.year, tc.name)
	}
	for _, year := range []int{2024, 2101, 0} {
		_, err := StatutoryHolidays(year)
		var ne *NoArrangementError
		require.ErrorAs(t, err, &ne, "StatutoryHolidays(%d)", year)
		assert.Equal(t, year, ne.Year, "the error names the year")
		assert.ErrorIs(t, err, ErrNoArrangement)
	}
}

// TestStatutoryHolidaysEveryYear checks the rule's invariants for every
// year it serves: thirteen statutory days, each day that falls on a
// weekend or on another festival's day made up by exactly one substitute
// day, every substitute a weekday that no festival holds, after the day
// it makes up, and the festivals within their possible dates.
func TestStatutoryHolidaysEveryYear(t *testing.T) {
	for year := FirstRuleYear; year <= LastRuleYear; year++ {
		hs, err := StatutoryHolidays(year)
		require.NoError(t, err, "StatutoryHolidays(%d)", year)
		statutory := map[Date]int{}
		var days, substitutes []Date
		var owed int
		for _, h := range hs {
			for d := h.From; d.Compare(h.To) <= 0; d = d.AddDays(1) {
				if strings.HasSuffix(h.Name, SubstituteSuffix) {
					substitutes = append(substitutes, d)
					continue
				}
				if weekend(d) || statutory[d] > 0 {
					owed++
				}
				statutory[d]++
				days = append(days, d)
			}
		}
		assert.Len(t, days, 13, "%d has 13 statutory days", year)
		assert.Len(t, substitutes, owed, "%d makes up each day on a weekend or shared with another festival", year)
		seen := map[Date]bool{}
		for _, d := range substitutes {
			assert.False(t, weekend(d), "%d substitute %s is a weekday", year, d)
			assert.Zero(t, statutory[d], "%d substitute %s is no festival's day", year, d)
			assert.False(t, seen[d], "%d substitute %s is given once", year, d)
			seen[d] = true
		}
		for i := 1; i < len(hs); i++ {
			assert.True(t, hs[i-1].From.Compare(hs[i].From) <= 0, "%d spans are sorted by date", year)
		}
		eve, duanwu, zhongqiu, qingming := festivalDates(year)
		within := func(name string, d, lo, hi Date) {
			assert.True(t, d.IsValid() && d.Compare(lo) >= 0 && d.Compare(hi) <= 0, "%d %s %s lies within %s..%s", year, name, d, lo, hi)
		}
		within("除夕", eve, Date{year, 1, 20}, Date{year, 2, 19})
		within("端午", duanwu, Date{year, 5, 27}, Date{year, 6, 26})
		within("中秋", zhongqiu, Date{year, 9, 7}, Date{year, 10, 8})
		within("清明", qingming, Date{year, 4, 4}, Date{year, 4, 5})
	}
}
