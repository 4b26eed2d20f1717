package workday_test

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/grassrootsgov/grassroots/workday"
)

var cst = time.FixedZone("CST", 8*60*60)

// The default calendar covers 2023 to 2100: published notices first, the
// provisional arrangement after them.
func ExampleNewCalendar() {
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	spec := cal.Spec()
	fmt.Println(spec.From, "to", spec.To, "in", spec.TimeZone)
	fmt.Println("provisional from", spec.Provisional[0].From)
	// Output:
	// 2023-01-01 to 2100-12-31 in Asia/Shanghai
	// provisional from 2027-01-01
}

// A report at 17:59 on a Friday, after the 17:30 close, starts to count on
// Monday morning; a working-day limit never counts the day of the report.
func ExampleCalendar_Deadline() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	friday := time.Date(2025, 11, 21, 17, 59, 0, 0, cal.Location())
	for _, l := range []workday.Limit{{Amount: 5, Unit: workday.WorkingHours}, {Amount: 1, Unit: workday.WorkingDays}, {Amount: 15, Unit: workday.CalendarMinutes}} {
		due, _ := cal.Deadline(friday, l)
		fmt.Printf("%-19s %s\n", l, due.At.Format("Mon 2006-01-02 15:04"))
	}
	// Output:
	// 5 working_hours     Mon 2025-11-24 15:00
	// 1 working_days      Mon 2025-11-24 17:30
	// 15 calendar_minutes Fri 2025-11-21 18:14
}

// A deadline that runs into a year no notice covers yet is counted on the
// provisional arrangement and says so.
func ExampleCalendar_Deadline_provisional() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	start := time.Date(2026, 12, 30, 10, 0, 0, 0, cst)
	for _, n := range []int{1, 5} {
		due, _ := cal.Deadline(start, workday.Limit{Amount: n, Unit: workday.WorkingDays})
		fmt.Println(n, "working days:", due.At.Format("Mon 2006-01-02 15:04"), "provisional:", due.Provisional)
	}
	// Output:
	// 1 working days: Thu 2026-12-31 17:30 provisional: false
	// 5 working days: Thu 2027-01-07 17:30 provisional: true
}

// A caller that must not act on a provisional deadline builds its
// calendar to refuse them.
func ExampleCalendarOptions() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{RefuseProvisional: true})
	_, err := cal.Deadline(time.Date(2026, 12, 30, 10, 0, 0, 0, cst), workday.Limit{Amount: 5, Unit: workday.WorkingDays})
	var pe *workday.ProvisionalError
	if errors.As(err, &pe) {
		fmt.Println("refused: rests on", pe.Date)
	}
	// Output: refused: rests on 2027-01-01
}

// The National Day holiday of 2025 ran from 1 to 8 October, and Saturday
// 11 October was a working day.
func ExampleCalendar_IsWorkingDay() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	for _, d := range []workday.Date{{Year: 2025, Month: 10, Day: 8}, {Year: 2025, Month: 10, Day: 11}} {
		w, _ := cal.IsWorkingDay(d)
		fmt.Println(d, d.Weekday(), w)
	}
	// Output:
	// 2025-10-08 Wednesday false
	// 2025-10-11 Saturday true
}

func ExampleCalendar_IsProvisional() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	for _, d := range []workday.Date{{Year: 2026, Month: 12, Day: 31}, {Year: 2027, Month: 1, Day: 1}} {
		p, _ := cal.IsProvisional(d)
		fmt.Println(d, p)
	}
	// Output:
	// 2026-12-31 false
	// 2027-01-01 true
}

func ExampleCalendar_WorkingTime() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	from := time.Date(2025, 11, 21, 17, 0, 0, 0, cal.Location())
	to := time.Date(2025, 11, 24, 9, 0, 0, 0, cal.Location())
	w, _ := cal.WorkingTime(from, to)
	fmt.Println(w)
	// Output: 1h0m0s
}

// Eighty per cent of a five-hour working term, counted in working time.
func ExampleCalendar_AddWorkingTime() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	start := time.Date(2025, 11, 25, 10, 0, 0, 0, cal.Location())
	at, _ := cal.AddWorkingTime(start, 5*time.Hour*80/100)
	fmt.Println(at.At.Format("15:04"))
	// Output: 15:30
}

func ExampleChinaNotices() {
	for _, n := range workday.ChinaNotices() {
		fmt.Println(n.Year, n.Issued, len(n.Holidays), "holidays", len(n.WorkingDays), "adjusted working days")
	}
	// Output:
	// 2023 2022-12-08 6 holidays 7 adjusted working days
	// 2024 2023-10-25 7 holidays 8 adjusted working days
	// 2025 2024-11-12 6 holidays 5 adjusted working days
	// 2026 2025-11-04 7 holidays 6 adjusted working days
}

// When the State Council publishes the notice for a new year, load it and
// rebuild the calendar: the year stops being provisional. The file here is
// a made-up example, not a published notice.
func ExampleChinaSpec() {
	data, err := os.ReadFile("testdata/example_notice_2027.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	notice, err := workday.ParseNotice(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	spec, err := workday.ChinaSpec(workday.Date{Year: 2023, Month: 1, Day: 1}, workday.Date{Year: 2100, Month: 12, Day: 31}, notice)
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, _ := workday.NewCalendar(spec, workday.CalendarOptions{})
	fmt.Println("provisional from", spec.Provisional[0].From)
	due, _ := cal.Deadline(time.Date(2027, 2, 19, 10, 0, 0, 0, cst), workday.Limit{Amount: 1, Unit: workday.WorkingDays})
	fmt.Println(due.At.Format("Mon 2006-01-02"), "provisional:", due.Provisional)
	// Output:
	// provisional from 2028-01-01
	// Sat 2027-02-20 provisional: false
}

// A notice is read from JSON and checked.
func ExampleParseNotice() {
	_, err := workday.ParseNotice([]byte(`{"year": 2027, "title": "example", "issued": "2026-11-10",
		"holidays": [{"from": "2027-10-01", "to": "2027-10-07"}],
		"working_days": [{"date": "2027-10-08"}]}`))
	fmt.Println(err)
	// Output: grassroots: invalid value: working_days[0]: 2027-10-08 is a Friday; an adjusted working day is a Saturday or Sunday
}

// A calendar for another place or schedule is loaded from its JSON spec.
func ExampleParseSpec() {
	spec, err := workday.ParseSpec([]byte(`{
		"time_zone": "Asia/Shanghai",
		"from": "2027-01-01", "to": "2027-12-31",
		"working_hours": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}],
		"holidays": [{"name": "example holiday", "from": "2027-01-01", "to": "2027-01-01"}]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	cal, _ := workday.NewCalendar(spec, workday.CalendarOptions{})
	due, _ := cal.Deadline(time.Date(2027, 1, 1, 12, 0, 0, 0, cst), workday.Limit{Amount: 10, Unit: workday.WorkingHours})
	fmt.Println(due.At.Format("Mon 2006-01-02 15:04"))
	// Output: Tue 2027-01-05 11:00
}

// The provisional arrangement of 2027: the statutory days and the days
// that make up those falling on a weekend.
func ExampleStatutoryHolidays() {
	hs, _ := workday.StatutoryHolidays(2027)
	for _, h := range hs {
		fmt.Println(h.From, h.To, h.Name)
	}
	// Output:
	// 2027-01-01 2027-01-01 元旦
	// 2027-02-05 2027-02-08 春节
	// 2027-02-09 2027-02-09 春节补假
	// 2027-02-10 2027-02-10 春节补假
	// 2027-04-05 2027-04-05 清明节
	// 2027-05-01 2027-05-02 劳动节
	// 2027-05-03 2027-05-03 劳动节补假
	// 2027-05-04 2027-05-04 劳动节补假
	// 2027-06-09 2027-06-09 端午节
	// 2027-09-15 2027-09-15 中秋节
	// 2027-10-01 2027-10-03 国庆节
	// 2027-10-04 2027-10-04 国庆节补假
	// 2027-10-05 2027-10-05 国庆节补假
}

func ExampleParseLimit() {
	l, err := workday.ParseLimit("15 working_days")
	fmt.Println(l.Amount, l.Unit, err)
	_, err = workday.ParseLimit("15 fortnights")
	fmt.Println(errors.Is(err, workday.ErrBadLimit))
	// Output:
	// 15 working_days <nil>
	// true
}

// Calendar units need no calendar: two calendar days from a Friday end at
// 24:00 on Sunday.
func ExampleLimit_After() {
	at, _ := workday.Limit{Amount: 2, Unit: workday.CalendarDays}.After(time.Date(2026, 3, 6, 10, 0, 0, 0, cst))
	fmt.Println(at.Format("Mon 2006-01-02 15:04"))
	// Output: Mon 2026-03-09 00:00
}

func ExampleParseDate() {
	d, err := workday.ParseDate("2024-02-29")
	fmt.Println(d, d.Weekday(), err)
	_, err = workday.ParseDate("2025-02-29")
	fmt.Println(errors.Is(err, workday.ErrBadDate))
	// Output:
	// 2024-02-29 Thursday <nil>
	// true
}

// A deadline past the calendar's last date names the covered range.
func ExampleRangeError() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	_, err := cal.Deadline(time.Date(2100, 12, 31, 10, 0, 0, 0, cst), workday.Limit{Amount: 1, Unit: workday.WorkingDays})
	var re *workday.RangeError
	if errors.As(err, &re) {
		fmt.Println(re.Date, "outside", re.From, "to", re.To)
	}
	// Output: 2101-01-01 outside 2023-01-01 to 2100-12-31
}
