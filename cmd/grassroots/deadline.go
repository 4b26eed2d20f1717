package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/workday"
)

var deadlineCommand = &command{
	name:  "deadline",
	args:  "-start RFC3339 -limit LIMIT [-calendar FILE] [-refuse-provisional] [-format text|json]\n       grassroots deadline [-calendar FILE] [-refuse-provisional] [-format csv|json] MATTERS.csv",
	short: "compute the deadline of a time limit on China's working calendar",
	long: `
Deadline computes when a time limit that starts at -start expires, by the
counting rules of package workday (the Civil Code's, articles 200-203): a
limit in working days does not count the start's date and ends at the
close of business of its last working day; working hours accrue only
inside office hours of working days; calendar days end at 24:00 of the
last day; calendar hours and minutes run around the clock.

-start is an RFC 3339 time with an offset. -limit is an amount and a
unit, in workday.ParseLimit's form ("5 working_days") or as people write
it: "5 working days", "1 working day", "4 working hours", "3 calendar
days", "2 calendar hours", "15 minutes", or in Chinese: "5个工作日",
"4个工作小时", "3个自然日", "15分钟". Plain "days" and "hours" are
refused, since they could mean either.

Output: the deadline in RFC 3339 with the calendar's offset on the first
line, and the word provisional on the second line when the deadline rests
on a day no published holiday notice covers: it may move when the notice
for that year is published and loaded. -format json writes the
workday.Deadline JSON, {"at", "provisional"}.

With MATTERS.csv (- for standard input) instead of -start and -limit,
every row id,start,limit is computed (a header row id,start,limit is
skipped) and written as CSV id,deadline,provisional, or as JSON.

-calendar loads a calendar from a JSON file: a holiday notice in the
workday.Notice format (the State Council's notice for a year, newly
published: its year stops being provisional; see "Loading a new notice"
in the documentation of package workday), a list of such notices, or a
whole calendar spec (workday.Spec, with "from" and "to"). Without it the
calendar is China's of the SDK: the embedded notices and, after them,
the provisional arrangement of the statutory holidays.

Exit status: 0 when every deadline is computed, 1 when some cannot be
(a start outside the calendar, or with -refuse-provisional a deadline
that rests on a provisional day), 2 for a malformed start or limit, an
unreadable file or a wrong flag.
`,
	examples: []example{
		{about: "five working days from a Friday evening report", cmd: `grassroots deadline -start 2025-11-21T17:59:00+08:00 -limit "5 working days"`},
		{about: "a deadline in 2027, provisional until its notice is loaded", cmd: `grassroots deadline -start 2027-02-03T10:00:00+08:00 -limit "4 working_days"`},
		{about: "the same with a notice for 2027 loaded", cmd: `grassroots deadline -calendar notice-2027.json -start 2027-02-03T10:00:00+08:00 -limit "4 working days"`},
		{about: "every matter of a CSV file, as JSON", cmd: `grassroots deadline -format json matters.csv`},
	},
	newFlags: func() commandFlags { return &deadlineFlags{} },
}

type deadlineFlags struct {
	start, limit, calendar string
	refuse                 bool
	format                 *choice
}

func (f *deadlineFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.start, "start", "", "`time` the limit starts, RFC 3339 with an offset")
	fs.StringVar(&f.limit, "limit", "", `the time `+"`limit`"+`: "5 working days", "4 working hours", "3 calendar days", "2 calendar hours", "15 minutes" or "5 working_days"`)
	fs.StringVar(&f.calendar, "calendar", "", calendarUsage)
	fs.BoolVar(&f.refuse, "refuse-provisional", false, "fail rather than give a deadline that rests on a provisional day")
	f.format = formatFlag(fs, "", "text", "json", "csv")
	fs.Lookup("format").Usage += " (default text, or csv with MATTERS.csv)"
}

func (f *deadlineFlags) run(e *env, args []string) int {
	batch := len(args) > 0
	switch {
	case len(args) > 1:
		return e.usage("one MATTERS.csv expected, got %d arguments", len(args))
	case batch && (f.start != "" || f.limit != ""):
		return e.usage("give either -start and -limit or MATTERS.csv, not both")
	case !batch && f.start == "":
		return e.usage("-start is required: an RFC 3339 time such as 2025-11-21T17:59:00+08:00")
	case !batch && f.limit == "":
		return e.usage(`-limit is required: such as "5 working days"`)
	case !batch && f.format.value == "csv":
		return e.usage("-format csv needs MATTERS.csv; a single deadline is text or json")
	case batch && f.format.value == "text":
		return e.usage("-format text gives a single deadline; MATTERS.csv gives csv or json")
	}
	st, lim := f.start, f.limit
	var limit workday.Limit
	if !batch {
		t, err := grassroots.ParseTimestamp(st)
		if err != nil {
			return e.usage("-start: %v", err)
		}
		if limit, err = parseLimit(lim); err != nil {
			return e.usage("-limit: %v", err)
		}
		cal, err := e.loadCalendar(f.calendar, workday.CalendarOptions{RefuseProvisional: f.refuse})
		if err != nil {
			return e.unreadable(err)
		}
		d, err := cal.Deadline(t, limit)
		if err != nil {
			e.warn("%v", err)
			return exitFail
		}
		if f.format.value == "json" {
			if err := writeJSON(e.stdout, d); err != nil {
				return e.unreadable(err)
			}
			return exitOK
		}
		fmt.Fprintln(e.stdout, formatTime(d.At))
		if d.Provisional {
			fmt.Fprintln(e.stdout, "provisional")
		}
		return exitOK
	}
	cal, err := e.loadCalendar(f.calendar, workday.CalendarOptions{RefuseProvisional: f.refuse})
	if err != nil {
		return e.unreadable(err)
	}
	in, err := e.open(args[0])
	if err != nil {
		return e.unreadable(err)
	}
	defer in.Close()
	format := f.format.value
	if format == "" {
		format = "csv"
	}
	out := newTable(e.stdout, format, "id", "deadline", "provisional")
	failed, err := deadlines(in, cal, func(id string, d workday.Deadline) error {
		return out.row(id, formatTime(d.At), strconv.FormatBool(d.Provisional))
	}, func(line int, id string, err error) {
		e.warn("%s line %d: id %q: %v", in.name, line, id, err)
	})
	if cerr := out.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return e.unreadable(fmt.Errorf("%s: %w", in.name, err))
	}
	if failed > 0 {
		e.warn("%s not computed", count(failed, "deadline", "deadlines"))
		return exitFail
	}
	return exitOK
}

// deadlines computes the deadline of every row id,start,limit of r. A
// row that is not of that form is an error; a deadline the calendar
// cannot give is passed to fail and counted.
func deadlines(r io.Reader, cal *workday.Calendar, emit func(string, workday.Deadline) error, fail func(int, string, error)) (int, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 3
	failed := 0
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return failed, nil
		}
		if err != nil {
			return failed, err
		}
		line, _ := cr.FieldPos(0)
		if first && strings.EqualFold(strings.TrimSpace(rec[1]), "start") {
			continue
		}
		t, err := grassroots.ParseTimestamp(strings.TrimSpace(rec[1]))
		if err != nil {
			return failed, fmt.Errorf("line %d: %w", line, err)
		}
		limit, err := parseLimit(rec[2])
		if err != nil {
			return failed, fmt.Errorf("line %d: %w", line, err)
		}
		d, err := cal.Deadline(t, limit)
		if err != nil {
			failed++
			fail(line, rec[0], err)
			continue
		}
		if err := emit(rec[0], d); err != nil {
			return failed, err
		}
	}
}

// limitUnits maps the unit words people write to the units of package
// workday. Plain "days" and "hours" are missing on purpose: they are
// ambiguous.
var limitUnits = map[string]workday.Unit{
	"working day": workday.WorkingDays, "working days": workday.WorkingDays,
	"workday": workday.WorkingDays, "workdays": workday.WorkingDays,
	"business day": workday.WorkingDays, "business days": workday.WorkingDays,
	"working hour": workday.WorkingHours, "working hours": workday.WorkingHours,
	"business hour": workday.WorkingHours, "business hours": workday.WorkingHours,
	"calendar day": workday.CalendarDays, "calendar days": workday.CalendarDays,
	"calendar hour": workday.CalendarHours, "calendar hours": workday.CalendarHours,
	"calendar minute": workday.CalendarMinutes, "calendar minutes": workday.CalendarMinutes,
	"minute": workday.CalendarMinutes, "minutes": workday.CalendarMinutes, "min": workday.CalendarMinutes,
	"个工作日": workday.WorkingDays, "工作日": workday.WorkingDays,
	"个工作小时": workday.WorkingHours, "工作小时": workday.WorkingHours,
	"个自然日": workday.CalendarDays, "自然日": workday.CalendarDays, "日历日": workday.CalendarDays,
	"分钟": workday.CalendarMinutes,
}

// parseLimit reads a time limit in workday.ParseLimit's form or as
// people write it ("5 working days", "5个工作日").
func parseLimit(s string) (workday.Limit, error) {
	s = strings.TrimSpace(s)
	if l, err := workday.ParseLimit(s); err == nil {
		return l, nil
	}
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if i <= 0 {
		return workday.Limit{}, fmt.Errorf("%q does not start with an amount; want such as \"5 working days\"", s)
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil {
		return workday.Limit{}, fmt.Errorf("amount %q is not a whole number", s[:i])
	}
	word := strings.ToLower(strings.Join(strings.FieldsFunc(s[i:], func(r rune) bool { return unicode.IsSpace(r) || r == '_' }), " "))
	unit, ok := limitUnits[word]
	if !ok {
		switch word {
		case "day", "days", "天", "日", "hour", "hours", "h", "小时", "个小时":
			return workday.Limit{}, fmt.Errorf("%q could mean working or calendar time; say \"%d working %s\" or \"%d calendar %s\"", s, n, plural(word), n, plural(word))
		}
		return workday.Limit{}, fmt.Errorf("unknown unit %q; want working days, working hours, calendar days, calendar hours or minutes", strings.TrimSpace(s[i:]))
	}
	l := workday.Limit{Amount: n, Unit: unit}
	if err := l.Validate(); err != nil {
		return workday.Limit{}, err
	}
	return l, nil
}

func plural(word string) string {
	switch word {
	case "hour", "hours", "h", "小时", "个小时":
		return "hours"
	}
	return "days"
}
