package workday

import (
	"encoding/json"
	"os"
	"testing"
)

// FuzzParseSpec checks that a spec that decodes also validates, compiles
// and survives a JSON round trip unchanged, and that a compiled calendar
// answers without panicking.
func FuzzParseSpec(f *testing.F) {
	f.Add([]byte(`{"from":"2025-01-01","to":"2025-12-31"}`))
	f.Add([]byte(`{"time_zone":"UTC","from":"2025-01-01","to":"2025-03-01","working_hours":[{"start":"09:00","end":"24:00"}],"rest_days":[],"holidays":[{"name":"x","from":"2025-01-02","to":"2025-01-03"}],"working_days":[{"date":"2025-01-04"}],"provisional":[{"from":"2025-02-01","to":"2025-12-31"}]}`))
	f.Add([]byte(`{"from":"2025-02-29","to":"2025-01-01"}`))
	f.Add([]byte(`{"from":"2025-01-01","to":"2025-01-31","rest_days":["friday"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSpec(data)
		if err != nil {
			return
		}
		if len(data) > 4096 || s.To.Year-s.From.Year > 3 {
			return // keep compile time small
		}
		c, err := NewCalendar(s, CalendarOptions{})
		if err != nil {
			t.Fatalf("a parsed spec does not compile: %v", err)
		}
		start := s.From.midnight(c.Location())
		_, _ = c.Deadline(start, Limit{3, WorkingDays})
		_, _ = c.Deadline(start, Limit{7, WorkingHours})
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("a parsed spec does not marshal: %v", err)
		}
		s2, err := ParseSpec(b)
		if err != nil {
			t.Fatalf("re-parse: %v", err)
		}
		b2, _ := json.Marshal(s2)
		if string(b) != string(b2) {
			t.Fatalf("round trip changed the spec:\n%s\n%s", b, b2)
		}
	})
}

// FuzzParseNotice checks that an accepted notice round-trips through JSON
// unchanged and still validates.
func FuzzParseNotice(f *testing.F) {
	if b, err := os.ReadFile("testdata/example_notice_2027.json"); err == nil {
		f.Add(b)
	}
	for _, n := range ChinaNotices() {
		b, _ := json.Marshal(n)
		f.Add(b)
	}
	f.Add([]byte(`{"year":2027,"title":"t","issued":"2026-11-01","holidays":[],"working_days":[{"date":"2027-01-02"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := ParseNotice(data)
		if err != nil {
			return
		}
		b, err := json.Marshal(n)
		if err != nil {
			t.Fatalf("an accepted notice does not marshal: %v", err)
		}
		n2, err := ParseNotice(b)
		if err != nil {
			t.Fatalf("re-parse: %v", err)
		}
		b2, _ := json.Marshal(n2)
		if string(b) != string(b2) {
			t.Fatalf("round trip changed the notice:\n%s\n%s", b, b2)
		}
	})
}

// FuzzParseLimit checks that an accepted limit is valid and prints back
// as the text it was parsed from.
func FuzzParseLimit(f *testing.F) {
	for _, s := range []string{"15 working_days", "1 calendar_minutes", "36500 calendar_days", "015 working_days", "1 fortnights", "-1 working_hours"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l, err := ParseLimit(s)
		if err != nil {
			return
		}
		if err := l.Validate(); err != nil {
			t.Fatalf("ParseLimit(%q) accepted an invalid limit: %v", s, err)
		}
		if l.String() != s {
			t.Fatalf("ParseLimit(%q) prints as %q", s, l.String())
		}
	})
}
