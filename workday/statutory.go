package workday

import (
	"cmp"
	"slices"
	"time"
)

// The years the provisional rule serves. FirstRuleYear is the first year
// under the 2024 revision of the Measures (in force 1 January 2025);
// LastRuleYear is the last year of the lunar table.
const (
	FirstRuleYear = 2025
	LastRuleYear  = 2100
)

// SubstituteSuffix ends the name of every substitute day (补假) that
// StatutoryHolidays gives: "清明节补假".
const SubstituteSuffix = "补假"

// festival is one holiday for all citizens and the days the Measures give
// it in one year.
type festival struct {
	name string
	from Date
	days int
}

// statutoryDay is one day of a festival.
type statutoryDay struct {
	date Date
	name string
}

// StatutoryHolidays returns the days off that the Measures on National
// Holidays and Commemorative Days (《全国年节及纪念日放假办法》, State
// Council, as revised by State Council Decree No. 795 of 2024, in force
// 1 January 2025) give all citizens in year, with the substitute days its
// article 6 requires, sorted by date:
//
//   - article 2: 元旦 1 January; 春节 4 days, 除夕 and the first three days
//     of the first lunar month; 清明节 the day of the Qingming solar term;
//     劳动节 1 and 2 May; 端午节 the fifth day of the fifth lunar month;
//     中秋节 the fifteenth day of the eighth lunar month; 国庆节 1 to 3
//     October;
//   - article 6: a holiday for all citizens that falls on a Saturday or
//     Sunday is made up on a working day (补假).
//
// The Measures do not say which working day. StatutoryHolidays gives each
// day that falls on a Saturday or Sunday, or on a day another festival
// already holds (中秋 on 1–3 October), the first Monday to Friday after
// it that is neither a statutory holiday nor already a substitute day,
// taking the days in date order. That is the day the notices have given:
// 端午 on Saturday 31 May 2025 was made up on Monday 2 June; 清明 on
// Sunday 5 April 2026 on Monday 6 April; 2 May 2026 and 3 October 2026,
// both Saturdays, on Monday 4 May and Monday 5 October; 中秋 and 国庆 on
// 1 October 2020 gave eight days off, one more than 国庆 alone. Each
// substitute day is a one-day span named after its festival with
// SubstituteSuffix.
//
// The rule gives no adjusted working days (调休): only a notice moves a
// weekend day into the working week. Years outside
// FirstRuleYear..LastRuleYear are a *NoArrangementError: earlier years
// followed the earlier Measures, and the lunar table ends in 2100.
func StatutoryHolidays(year int) ([]Span, error) {
	if year < FirstRuleYear || year > LastRuleYear {
		return nil, &NoArrangementError{Year: year}
	}
	eve, duanwu, zhongqiu, qingming := festivalDates(year)
	festivals := []festival{
		{"元旦", Date{year, time.January, 1}, 1},
		{"春节", eve, 4},
		{"清明节", qingming, 1},
		{"劳动节", Date{year, time.May, 1}, 2},
		{"端午节", duanwu, 1},
		{"中秋节", zhongqiu, 1},
		{"国庆节", Date{year, time.October, 1}, 3},
	}
	var days []statutoryDay
	spans := make([]Span, 0, len(festivals)+4)
	for _, f := range festivals {
		to := f.from.AddDays(f.days - 1)
		spans = append(spans, Span{Name: f.name, From: f.from, To: to})
		for i := range f.days {
			days = append(days, statutoryDay{f.from.AddDays(i), f.name})
		}
	}
	slices.SortStableFunc(days, func(a, b statutoryDay) int { return a.date.Compare(b.date) })
	taken := make(map[Date]bool, len(days)+4)
	var owed []statutoryDay
	for _, d := range days {
		if weekend(d.date) || taken[d.date] {
			owed = append(owed, d)
		}
		taken[d.date] = true
	}
	for _, o := range owed {
		d := o.date.AddDays(1)
		for weekend(d) || taken[d] {
			d = d.AddDays(1)
		}
		taken[d] = true
		spans = append(spans, Span{Name: o.name + SubstituteSuffix, From: d, To: d})
	}
	slices.SortStableFunc(spans, func(a, b Span) int {
		return cmp.Or(a.From.Compare(b.From), a.To.Compare(b.To))
	})
	return spans, nil
}

func weekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}
