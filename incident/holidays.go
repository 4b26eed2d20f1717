package incident

import (
	_ "embed"
	"encoding/json"
	"slices"
	"sync"
)

//go:embed data/cn_holidays.json
var cnHolidaysJSON []byte

// Notice is one year's holiday arrangement as published by the General
// Office of the State Council of the People's Republic of China.
type Notice struct {
	Year           int    `json:"year"`
	Title          string `json:"title"`
	DocumentNumber string `json:"document_number"`
	Issued         Date   `json:"issued"`
	Source         string `json:"source"`
	Holidays       []Span `json:"holidays"`
	WorkingDays    []Day  `json:"working_days"`
}

var chinaNotices = sync.OnceValue(func() []Notice {
	var doc struct {
		Notices []Notice `json:"notices"`
	}
	if err := json.Unmarshal(cnHolidaysJSON, &doc); err != nil {
		// The file is embedded and covered by tests; failing here means
		// the build itself is broken.
		panic("incident: embedded holiday data: " + err.Error())
	}
	return doc.Notices
})

// ChinaNotices returns the embedded holiday notices of the People's
// Republic of China, one per year, oldest first. Each names its title,
// document number, issue date and where its text was read. Years without a
// notice here are not covered: load their arrangement through a Spec.
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
// Asia/Shanghai, DefaultWorkingHours, Saturday and Sunday off, and the
// holidays and adjusted working days of every embedded notice. Dates in
// years without a notice follow the weekly rule only, so choose from and
// to within the years ChinaNotices covers unless you add the others.
func ChinaSpec(from, to Date) Spec {
	s := Spec{TimeZone: DefaultTimeZone, From: from, To: to}
	for _, n := range chinaNotices() {
		s.Holidays = append(s.Holidays, n.Holidays...)
		s.WorkingDays = append(s.WorkingDays, n.WorkingDays...)
	}
	return s
}

// DefaultSpec returns ChinaSpec over exactly the years the embedded notices
// cover, so every date of the calendar it compiles to is backed by a
// published arrangement.
func DefaultSpec() Spec {
	ns := chinaNotices()
	return ChinaSpec(Date{ns[0].Year, 1, 1}, Date{ns[len(ns)-1].Year, 12, 31})
}
