package workday

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func exampleNotice(t *testing.T) Notice {
	t.Helper()
	b, err := os.ReadFile("testdata/example_notice_2027.json")
	require.NoError(t, err, "reading the example notice")
	n, err := ParseNotice(b)
	require.NoError(t, err, "parsing the example notice")
	return n
}

func TestChinaNoticesAreCited(t *testing.T) {
	ns := ChinaNotices()
	require.Len(t, ns, 4, "2023 to 2026")
	for i, n := range ns {
		assert.NoError(t, n.Validate(), "notice %d validates", n.Year)
		assert.NotEmpty(t, n.Title, "notice %d title", n.Year)
		assert.NotEmpty(t, n.Source, "notice %d says where it was read", n.Year)
		assert.Equal(t, FirstNoticeYear+i, n.Year, "years are consecutive from FirstNoticeYear")
		assert.Less(t, n.Issued.Compare(Date{n.Year, time.January, 1}), 0, "notice %d is issued before its year", n.Year)
	}
	ns[0].Holidays[0].Name = "changed"
	assert.NotEqual(t, "changed", ChinaNotices()[0].Holidays[0].Name, "ChinaNotices returns copies")
}

func TestDefaultSpec(t *testing.T) {
	s := DefaultSpec()
	require.NoError(t, s.Validate(), "DefaultSpec validates")
	assert.Equal(t, Date{FirstNoticeYear, 1, 1}, s.From)
	assert.Equal(t, Date{LastRuleYear, 12, 31}, s.To)
	assert.Equal(t, []Span{{Name: "provisional", From: Date{2027, 1, 1}, To: Date{LastRuleYear, 12, 31}}}, s.Provisional,
		"every year after the last notice is provisional, and no other")
}

func TestChinaSpecLoadsANewNotice(t *testing.T) {
	n := exampleNotice(t)
	s := chinaSpec(t, Date{2026, 1, 1}, Date{2030, 12, 31}, n)
	assert.Equal(t, []Span{{Name: "provisional", From: Date{2028, 1, 1}, To: Date{2030, 12, 31}}}, s.Provisional, "2027 is no longer provisional")
	c, err := NewCalendar(s, CalendarOptions{})
	require.NoError(t, err)
	w, _ := c.IsWorkingDay(Date{2027, 2, 20})
	assert.True(t, w, "the notice's adjusted Saturday works")
	w, _ = c.IsWorkingDay(Date{2027, 2, 12})
	assert.False(t, w, "the notice's holiday is off")
	d, err := c.Deadline(time.Date(2026, 12, 30, 10, 0, 0, 0, shanghai), Limit{5, WorkingDays})
	require.NoError(t, err)
	assert.False(t, d.Provisional, "a deadline in 2027 now rests on a notice")
	assert.True(t, d.At.Equal(time.Date(2027, 1, 7, 17, 30, 0, 0, shanghai)), "31 December, then 4 to 7 January: %s", d.At)

	replaced := n
	replaced.Year, replaced.Issued = 2026, Date{2025, 11, 1}
	replaced.Holidays = []Span{{Name: "only", From: Date{2026, 3, 2}, To: Date{2026, 3, 2}}}
	replaced.WorkingDays = nil
	c, err = NewCalendar(chinaSpec(t, Date{2026, 1, 1}, Date{2026, 12, 31}, replaced), CalendarOptions{})
	require.NoError(t, err)
	w, _ = c.IsWorkingDay(Date{2026, 10, 1})
	assert.True(t, w, "a given notice replaces the embedded one of its year")

	var ve *grassroots.ValidationError
	_, err = ChinaSpec(Date{2026, 1, 1}, Date{2027, 12, 31}, n, n)
	require.ErrorAs(t, err, &ve, "two notices for one year")
	assert.True(t, ve.Has("notices[1].year"), "the second is named: %v", err)
	bad := n
	bad.Title = ""
	_, err = ChinaSpec(Date{2026, 1, 1}, Date{2027, 12, 31}, bad)
	require.ErrorAs(t, err, &ve, "an invalid notice")
	assert.True(t, ve.Has("notices[0].title"), "the problem is named under the notice: %v", err)
}

func TestChinaSpecCoverage(t *testing.T) {
	var ne *NoArrangementError
	_, err := ChinaSpec(Date{2022, 6, 1}, Date{2023, 12, 31})
	require.ErrorAs(t, err, &ne, "2022 has no embedded notice and precedes the 2024 Measures")
	assert.Equal(t, 2022, ne.Year)
	_, err = ChinaSpec(Date{2100, 1, 1}, Date{2101, 1, 31})
	require.ErrorAs(t, err, &ne, "2101 is past the lunar table")
	assert.Equal(t, 2101, ne.Year)
	_, err = ChinaSpec(Date{2025, 1, 1}, Date{2024, 1, 1})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "to before from")
	s := chinaSpec(t, Date{2027, 3, 1}, Date{2027, 3, 31})
	assert.Equal(t, []Span{{Name: "provisional", From: Date{2027, 3, 1}, To: Date{2027, 3, 31}}}, s.Provisional, "the provisional span is clipped to the spec")
}

func TestNoticeValidate(t *testing.T) {
	n := Notice{
		Year: 2027, Issued: Date{2027, 1, 2},
		Holidays:    []Span{{From: Date{2026, 11, 30}, To: Date{2026, 11, 30}}, {From: Date{2027, 5, 1}, To: Date{2027, 5, 3}}},
		WorkingDays: []Day{{Date: Date{2027, 5, 6}}, {Date: Date{2027, 5, 1}}, {Date: Date{2028, 1, 1}}},
	}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, n.Validate(), &ve)
	for _, path := range []string{"title", "holidays[0].from", "holidays[0].to", "working_days[0]", "working_days[1]", "working_days[2].date"} {
		assert.True(t, ve.Has(path), "problem at %s: %v", path, ve)
	}
	assert.False(t, ve.Has("issued"), "a notice issued early in its own year is allowed")
	_, err := ParseNotice([]byte(`{"year":2027} {}`))
	assert.ErrorIs(t, err, ErrTrailingData)
	_, err = ParseNotice([]byte(`{"year":"2027"}`))
	assert.Error(t, err, "a year as a string")
}
