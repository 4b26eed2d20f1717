// Package workday computes deadlines and elapsed time in working time on
// China's working calendar, so that two systems that take the same report
// at the same instant compute the same deadline to the nanosecond, and
// keep doing so past the last holiday notice the State Council has
// published.
//
// Time limits in Chinese grassroots governance mix units: 15 minutes to
// accept a report of danger to life, 5 working hours to clean a road, 15
// working days to deal with an illegal building. Working time depends on
// office hours and on the holiday arrangement, which the General Office of
// the State Council publishes for each year only in the November or
// December before, with its adjusted working days (调休: weekend days
// that become working days to join holidays into longer breaks). A
// calendar that ends with the last notice stops every deadline on 1
// January; this package carries on provisionally with the statutory
// holidays that the law itself fixes, and marks every deadline that rests
// on them.
//
// # Main types
//
//   - Date and Clock: a civil date ("2025-10-01") and a time of day
//     ("08:30"), with their text forms.
//   - Unit and Limit: a time limit such as 5 working hours, in calendar
//     minutes, hours or days or in working hours or days; JSON
//     {"amount":5,"unit":"working_hours"}, text "5 working_hours"
//     (ParseLimit).
//   - Spec: a calendar as plain data (time zone, working hours, weekly rest
//     days, holidays, adjusted working days, provisional dates), read from
//     JSON by ParseSpec. NewCalendar compiles it into a Calendar.
//   - Calendar: Deadline (a Deadline: the instant and whether it is
//     provisional), WorkingTime between two instants, AddWorkingTime,
//     IsWorkingDay, IsProvisional.
//   - Notice: one year's State Council holiday notice. ChinaNotices are
//     the embedded ones (2023–2026, each with its title, document number,
//     issue date and where it was read); ParseNotice reads a new one.
//   - ChinaSpec builds mainland China's calendar for any dates from 2023
//     to 2100 out of the notices and, for years without one,
//     StatutoryHolidays. DefaultSpec is ChinaSpec from 2023 to 2100.
//
// # Counting rules
//
// The rules follow the Civil Code of the People's Republic of China
// (2020), articles 200–203: a period in days does not count the day on
// which it starts and ends at 24:00 of its last day, or at the close of
// business where there are business hours; a period in hours starts at
// the moment given.
//
//   - Calendar minutes and hours: start + n minutes or hours, around the
//     clock.
//   - Calendar days: the start's local date is not counted; the deadline
//     is 24:00 of the n-th following date (the midnight that begins the
//     date n+1 days after the start's date).
//   - Working hours: working time accrues from the start itself, only
//     inside working intervals of working days; the deadline is the
//     instant at which n hours have accrued. When that instant is the end
//     of an interval, the deadline is that end, not the start of the next
//     interval. A start outside working time accrues from the next
//     opening.
//   - Working days: the start's local date is not counted, whether or not
//     it is a working day and whatever the hour; counting runs from the
//     next working day, and the deadline is the end of the last working
//     interval (the close of business) of the n-th working day.
//
// A date is a working day when a notice makes it an adjusted working day,
// or when it is neither a weekly rest day nor a holiday. Deadlines are
// returned in the calendar's location.
//
// # The provisional rule
//
// For a year no notice covers, ChinaSpec takes the days off from the
// Measures on National Holidays and Commemorative Days
// (《全国年节及纪念日放假办法》, State Council, as revised by State Council
// Decree No. 795 of 2024, in force 1 January 2025). Its article 2 gives
// all citizens 元旦 (1 January), 春节 (4 days: 除夕 and the first three
// days of the first lunar month), 清明节 (the day of the Qingming solar
// term), 劳动节 (1 and 2 May), 端午节 (the fifth day of the fifth lunar
// month), 中秋节 (the fifteenth day of the eighth lunar month) and 国庆节
// (1 to 3 October); its article 6 makes up a holiday that falls on a
// Saturday or Sunday on a working day (补假). The Measures do not name
// that working day: this package gives the first Monday to Friday after
// the day made up that no festival holds and no other substitute took —
// the day the 2025 and 2026 notices gave — and treats a day two festivals
// share (中秋 on 1–3 October) like one on a weekend, as the 2020 notice
// did. StatutoryHolidays documents the rule and lists its days. It gives
// no adjusted working days: only a notice swaps weekend days into the
// working week, so a provisional year usually has the same number of
// working days as its notice will give, arranged differently around the
// holidays. The tests check that every day the rule gives off in 2025 and
// 2026, the first years under the revised Measures, is off in that
// year's notice, and that each year has as many working days either way.
//
// The lunar dates and the Qingming days from 2025 to 2100 are tabulated
// (see the source notes on the table in lunar.go: the Chinese-calendar
// tables of the Python holidays library and the 寿星天文历 computation
// of 6tail/lunar-go, which agree on every year) and checked in the tests
// against new moons and solar longitudes computed with the algorithms of
// Meeus's Astronomical Algorithms.
//
// A date in Spec.Provisional is a provisional day. A Deadline is
// provisional when a day it rests on is: for working hours, a day from
// the start's date to the deadline's; for working days, a day after the
// start's date up to the deadline's. Calendar units consult no day and are
// never provisional. A caller that must not act on a provisional answer
// builds its calendar with CalendarOptions.RefuseProvisional: such answers
// become a *ProvisionalError naming the first provisional day.
//
// # Loading a new notice
//
// When the State Council publishes the notice for a new year (usually in
// November or December), the years it covers stop being provisional once
// it is loaded; no release of this package is needed:
//
//  1. Transcribe the notice into a JSON file in the Notice format: year,
//     title, document_number, issued, source (where the text was read),
//     holidays (each a named span of days off, including the weekend days
//     it moves) and working_days (its adjusted working days, each a
//     Saturday or Sunday). testdata/example_notice_2027.json shows the
//     format; it is a made-up example, not a published notice.
//  2. Read it with ParseNotice, which reports every problem at once.
//  3. Build the spec with ChinaSpec(from, to, notice) (a notice for a year
//     already embedded replaces it) and compile it with NewCalendar.
//  4. Replace the calendar where it is used (an incident.Decider, a
//     DuePolicy, a risk plan): a Calendar is immutable, so the new one is
//     swapped in, and deadlines already computed keep their values and
//     their provisional flag until recomputed.
//
// ExampleChinaSpec runs these steps. A date outside a calendar's From..To
// is a *RangeError that names the covered range; extend it by building
// the spec over more dates (ChinaSpec serves 2023 to 2100, and earlier or
// later years when their notices are given).
//
// # Guarantees
//
// Everything here is a pure function of its arguments: no clock, no
// randomness, no I/O. A Calendar is immutable after NewCalendar and safe
// for concurrent use; its queries allocate nothing unless they fail and
// run in constant time (working-hour deadlines in time logarithmic in the
// calendar's days). Bad input is a typed error (*grassroots.ValidationError
// for specs and notices, errors matching ErrBadLimit, ErrBadDate,
// ErrBadClock, *RangeError, *ProvisionalError, *NoArrangementError) and
// changes nothing; no exported function panics.
package workday
