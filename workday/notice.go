package workday

import (
	_ "embed"
	"encoding/json"
	"slices"
	"sync"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

//go:embed data/cn_holidays.json
var cnHolidaysJSON []byte

// FirstNoticeYear is the first year whose notice is embedded; ChinaSpec
// needs a notice for any earlier year.
const FirstNoticeYear = 2023

// RuleWeekend is the rule name of a notice's adjusted working day that is
// not a Saturday or Sunday: China's weekly rest days are Saturday and
// Sunday, and only those can be made working days.
const RuleWeekend = "weekend"

// Notice is one year's holiday arrangement as published by the General
// Office of the State Council of the People's Republic of China (国务院办公厅
// 关于某年部分节假日安排的通知), usually in November or December of the
// year before: its holidays, with the weekend days it moves, and its
// adjusted working days (调休). ParseNotice reads one from JSON; the
// embedded ones are in ChinaNotices.
type Notice struct {
	Year           int    `json:"year"`
	Title          string `json:"title"`
	DocumentNumber string `json:"document_number,omitempty"`
	Issued         Date   `json:"issued"`
	// Source says where the text was read, so that anyone can check the
	// transcription.
	Source      string `json:"source,omitempty"`
	Holidays    []Span `json:"holidays"`
	WorkingDays []Day  `json:"working_days"`
}

// ParseNotice decodes one Notice from JSON and validates it. Unknown
// fields are ignored. On error the zero Notice is returned.
func ParseNotice(data []byte) (Notice, error) {
	var n Notice
	if err := decodeJSON(data, &n, "holiday notice"); err != nil {
		return Notice{}, err
	}
	if err := n.Validate(); err != nil {
		return Notice{}, err
	}
	return n, nil
}

// Validate reports every problem of n at once as a
// *grassroots.ValidationError: the year must lie in 1..9999, the title
// and issue date be present (issued no later than the year itself), and
// every date lie between 1 December of the year before and 31 December of
// the year (a notice names the last days of the previous year at most);
// adjusted working days must be Saturdays or Sundays (RuleWeekend) and
// no holiday.
func (n Notice) Validate() error {
	var p validate.Problems
	if n.Year < 1 || n.Year > 9999 {
		p.Addf("year", grassroots.RuleMax, "year %d outside 1..9999", n.Year)
	}
	p.Require(n.Title != "", "title", "title is required")
	if checkDate(&p, "issued", n.Issued) && n.Issued.Year > n.Year {
		p.Addf("issued", grassroots.RuleOrder, "issued %s after the year %d it arranges", n.Issued, n.Year)
	}
	lo, hi := Date{n.Year - 1, time.December, 1}, Date{n.Year, time.December, 31}
	inYear := func(path string, d Date) {
		switch {
		case d.Compare(lo) < 0:
			p.Addf(path, grassroots.RuleMin, "%s is before %s, too early for a notice for %d", d, lo, n.Year)
		case d.Compare(hi) > 0:
			p.Addf(path, grassroots.RuleMax, "%s is after %s, too late for a notice for %d", d, hi, n.Year)
		}
	}
	off := map[Date]bool{}
	for i, h := range n.Holidays {
		path := grassroots.ElementPath("holidays", i)
		if checkSpan(&p, path, h, 366) {
			inYear(grassroots.JoinFieldPath(path, "from"), h.From)
			inYear(grassroots.JoinFieldPath(path, "to"), h.To)
			for d := h.From; d.Compare(h.To) <= 0; d = d.AddDays(1) {
				off[d] = true
			}
		}
	}
	for i, w := range n.WorkingDays {
		path := grassroots.ElementPath("working_days", i)
		if !checkDate(&p, grassroots.JoinFieldPath(path, "date"), w.Date) {
			continue
		}
		inYear(grassroots.JoinFieldPath(path, "date"), w.Date)
		switch {
		case !weekend(w.Date):
			p.Addf(path, RuleWeekend, "%s is a %s; an adjusted working day is a Saturday or Sunday", w.Date, w.Date.Weekday())
		case off[w.Date]:
			p.Addf(path, grassroots.RuleExcluded, "%s is both a holiday and an adjusted working day", w.Date)
		}
	}
	return p.Err()
}

var chinaNotices = sync.OnceValue(func() []Notice {
	var doc struct {
		Notices []Notice `json:"notices"`
	}
	if err := json.Unmarshal(cnHolidaysJSON, &doc); err != nil {
		// The file is embedded and covered by tests; failing here means
		// the build itself is broken.
		panic("workday: embedded holiday data: " + err.Error())
	}
	return doc.Notices
})

// ChinaNotices returns the embedded holiday notices of the People's
// Republic of China, one per year from FirstNoticeYear, oldest first.
// Each names its title, document number, issue date and where its text
// was read.
func ChinaNotices() []Notice {
	ns := chinaNotices()
	out := make([]Notice, len(ns))
	for i, n := range ns {
		n.Holidays = slices.Clone(n.Holidays)
		n.WorkingDays = slices.Clone(n.WorkingDays)
		out[i] = n
	}
	return out
}

// ChinaSpec returns a Spec for mainland China from from to to: time zone
// Asia/Shanghai, DefaultWorkingHours, Saturday and Sunday off, and for
// each year in between the holidays and adjusted working days of its
// notice — one of notices, else the embedded one — or, for a year no
// notice covers, the provisional arrangement of StatutoryHolidays, with
// that year marked in Spec.Provisional.
//
// notices are notices published after this package was built (see the
// package doc, "Loading a new notice"); one for a year already embedded
// replaces it. Two for the same year are an error. A year before
// FirstRuleYear or after LastRuleYear with no notice is a
// *NoArrangementError. The notice for the year after to is included too,
// since it may move days at the end of to's year.
func ChinaSpec(from, to Date, notices ...Notice) (Spec, error) {
	s := Spec{TimeZone: DefaultTimeZone, From: from, To: to}
	if err := s.Validate(); err != nil {
		return Spec{}, err
	}
	byYear := map[int]Notice{}
	for _, n := range chinaNotices() {
		byYear[n.Year] = n
	}
	var p validate.Problems
	given := map[int]bool{}
	for i, n := range notices {
		path := grassroots.ElementPath("notices", i)
		if err := n.Validate(); err != nil {
			p.Nest(path, err)
			continue
		}
		if given[n.Year] {
			p.Addf(grassroots.JoinFieldPath(path, "year"), grassroots.RuleUnique, "a second notice for %d", n.Year)
		}
		given[n.Year] = true
		byYear[n.Year] = n
	}
	if err := p.Err(); err != nil {
		return Spec{}, err
	}
	for y := from.Year; y <= to.Year+1; y++ {
		if n, ok := byYear[y]; ok {
			s.Holidays = append(s.Holidays, n.Holidays...)
			s.WorkingDays = append(s.WorkingDays, n.WorkingDays...)
			continue
		}
		if y > to.Year {
			break
		}
		hs, err := StatutoryHolidays(y)
		if err != nil {
			return Spec{}, err
		}
		s.Holidays = append(s.Holidays, hs...)
		s.addProvisional(Date{y, time.January, 1}, Date{y, time.December, 31})
	}
	if err := s.Validate(); err != nil {
		return Spec{}, err
	}
	return s, nil
}

// addProvisional marks from..to (clipped to the spec's dates) provisional,
// extending the last span when it ends the day before.
func (s *Spec) addProvisional(from, to Date) {
	if from.Compare(s.From) < 0 {
		from = s.From
	}
	if to.Compare(s.To) > 0 {
		to = s.To
	}
	if n := len(s.Provisional); n > 0 && s.Provisional[n-1].To.AddDays(1) == from {
		s.Provisional[n-1].To = to
		return
	}
	s.Provisional = append(s.Provisional, Span{Name: "provisional", From: from, To: to})
}

// DefaultSpec returns ChinaSpec from 1 January FirstNoticeYear to 31
// December LastRuleYear with the embedded notices only: published
// arrangements for the years they cover, provisional ones after them.
func DefaultSpec() Spec {
	s, err := ChinaSpec(Date{FirstNoticeYear, time.January, 1}, Date{LastRuleYear, time.December, 31})
	if err != nil {
		// Every year of the range has an embedded notice or a row of the
		// lunar table; the tests check that this never happens.
		return Spec{}
	}
	return s
}
