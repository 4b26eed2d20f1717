package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/workday"
)

func TestDeadlineConformance(t *testing.T) {
	data, err := os.ReadFile(conformance("workday/deadlines.json"))
	require.NoError(t, err)
	var vectors []struct {
		Description string `json:"description"`
		Input       struct {
			Calendar          json.RawMessage `json:"calendar"`
			RefuseProvisional bool            `json:"refuse_provisional"`
			Start             string          `json:"start"`
			Limit             workday.Limit   `json:"limit"`
		} `json:"input"`
		Want *struct {
			Deadline    string `json:"deadline"`
			Provisional bool   `json:"provisional"`
		} `json:"want"`
		WantError string `json:"want_error"`
	}
	require.NoError(t, json.Unmarshal(data, &vectors))
	dir := t.TempDir()
	for i, v := range vectors {
		limit := fmt.Sprintf("%d %s", v.Input.Limit.Amount, v.Input.Limit.Unit)
		args := []string{"deadline", "-start", v.Input.Start}
		if string(v.Input.Calendar) != `"cn"` {
			args = append(args, "-calendar", write(t, dir, fmt.Sprintf("cal-%d.json", i), v.Input.Calendar))
		}
		if v.Input.RefuseProvisional {
			args = append(args, "-refuse-provisional")
		}
		// The wire form and the form people write give the same answer.
		for _, l := range []string{limit, strings.ReplaceAll(limit, "_", " ")} {
			r := cli("", append(args, "-limit", l)...)
			switch v.WantError {
			case "":
				require.Equal(t, exitOK, r.code, "%s (%s): %s", v.Description, l, r)
				want := v.Want.Deadline + "\n"
				if v.Want.Provisional {
					want += "provisional\n"
				}
				assert.Equal(t, want, r.stdout, "%s (%s)", v.Description, l)
			case "outside_calendar", "provisional":
				assert.Equal(t, exitFail, r.code, "%s (%s): %s", v.Description, l, r)
				assert.Empty(t, r.stdout, v.Description)
				assert.NotEmpty(t, r.stderr, "%s: says why", v.Description)
			case "bad_limit":
				assert.Equal(t, exitUsage, r.code, "%s (%s): %s", v.Description, l, r)
				assert.Contains(t, r.stderr, "-limit", "%s: names the flag", v.Description)
			default:
				require.Failf(t, "unknown want_error", "%q", v.WantError)
			}
		}
	}
}

// A deadline in 2027 rests on the provisional arrangement until the
// notice for 2027 is loaded; then it is final, and may move.
func TestDeadlineNotice(t *testing.T) {
	notice, err := os.ReadFile(filepath.Join("..", "..", "workday", "testdata", "example_notice_2027.json"))
	require.NoError(t, err)
	dir := t.TempDir()
	one := write(t, dir, "notice.json", notice)
	list := write(t, dir, "notices.json", []byte("["+string(notice)+"]"))
	args := []string{"deadline", "-start", "2027-02-03T10:00:00+08:00", "-limit", "4 working days"}

	r := cli("", args...)
	require.Equal(t, exitOK, r.code, "%s", r)
	assert.Equal(t, "2027-02-15T17:30:00+08:00\nprovisional\n", r.stdout, "the statutory Spring Festival, provisional")

	for _, f := range []string{one, list} {
		r = cli("", append(args, "-calendar", f)...)
		require.Equal(t, exitOK, r.code, "%s: %s", f, r)
		assert.Equal(t, "2027-02-17T17:30:00+08:00\n", r.stdout, "%s: the notice's eight days off, final", f)
	}

	r = cli("", append(args, "-refuse-provisional", "-format", "json")...)
	assert.Equal(t, exitFail, r.code, "refused: %s", r)
	r = cli("", append(args, "-calendar", one, "-refuse-provisional", "-format", "json")...)
	require.Equal(t, exitOK, r.code, "%s", r)
	assert.JSONEq(t, `{"at":"2027-02-17T17:30:00+08:00"}`, r.stdout, "json is workday.Deadline")

	bad := write(t, dir, "bad.json", []byte(`{"name":"not a calendar"}`))
	r = cli("", append(args, "-calendar", bad)...)
	assert.Equal(t, exitUsage, r.code, "%s", r)
	assert.Contains(t, r.stderr, "neither a holiday notice")
	wrong := write(t, dir, "wrong.json", []byte(`{"year":2027,"title":"","issued":"2026-11-10","holidays":[],"working_days":[{"name":"x","date":"2027-02-03"}]}`))
	r = cli("", append(args, "-calendar", wrong)...)
	assert.Equal(t, exitUsage, r.code, "%s", r)
	assert.Contains(t, r.stderr, "title", "the notice's problems are named")
}

func TestDeadlineBatch(t *testing.T) {
	in := "id,start,limit\n" +
		"a,2025-11-21T17:59:00+08:00,5 working hours\n" +
		"b,2026-12-31T10:00:00+08:00,1 working_days\n" +
		"c,2100-12-31T10:00:00+08:00,1 working day\n" +
		"d,2025-10-03T23:50:00+08:00,15分钟\n"
	r := cli(in, "deadline", "-")
	assert.Equal(t, exitFail, r.code, "one deadline outside the calendar: %s", r)
	assert.Equal(t, [][]string{{"id", "deadline", "provisional"},
		{"a", "2025-11-24T15:00:00+08:00", "false"},
		{"b", "2027-01-04T17:30:00+08:00", "true"},
		{"d", "2025-10-04T00:05:00+08:00", "false"}}, readCSV(t, r.stdout))
	assert.Contains(t, r.stderr, `line 4: id "c"`, "the row that fails is named")

	r = cli("x,2025-11-21T17:59:00+08:00,5 hours\n", "deadline", "-format", "json", "-")
	assert.Equal(t, exitUsage, r.code, "%s", r)
	assert.Contains(t, r.stderr, "line 1", "a malformed limit names its line")
}

func TestParseLimit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want workday.Limit
	}{
		{"5 working_days", workday.Limit{Amount: 5, Unit: workday.WorkingDays}},
		{"5 working days", workday.Limit{Amount: 5, Unit: workday.WorkingDays}},
		{"1 Working Day", workday.Limit{Amount: 1, Unit: workday.WorkingDays}},
		{" 2  business  days ", workday.Limit{Amount: 2, Unit: workday.WorkingDays}},
		{"4 working hours", workday.Limit{Amount: 4, Unit: workday.WorkingHours}},
		{"3 calendar days", workday.Limit{Amount: 3, Unit: workday.CalendarDays}},
		{"24 calendar hours", workday.Limit{Amount: 24, Unit: workday.CalendarHours}},
		{"15 minutes", workday.Limit{Amount: 15, Unit: workday.CalendarMinutes}},
		{"15min", workday.Limit{Amount: 15, Unit: workday.CalendarMinutes}},
		{"5个工作日", workday.Limit{Amount: 5, Unit: workday.WorkingDays}},
		{"4个工作小时", workday.Limit{Amount: 4, Unit: workday.WorkingHours}},
		{"3个自然日", workday.Limit{Amount: 3, Unit: workday.CalendarDays}},
		{"30分钟", workday.Limit{Amount: 30, Unit: workday.CalendarMinutes}},
	} {
		got, err := parseLimit(c.in)
		require.NoError(t, err, "%q", c.in)
		assert.Equal(t, c.want, got, "%q", c.in)
	}
	for _, c := range []struct{ in, want string }{
		{"5 days", `say "5 working days" or "5 calendar days"`},
		{"2 hours", `say "2 working hours" or "2 calendar hours"`},
		{"24小时", `"24 calendar hours"`},
		{"5 fortnights", `unknown unit "fortnights"`},
		{"working days", "does not start with an amount"},
		{"0 working days", "amount 0"},
		{"99999 working days", "outside"},
	} {
		_, err := parseLimit(c.in)
		require.Error(t, err, "%q", c.in)
		assert.Contains(t, err.Error(), c.want, "%q", c.in)
	}
}

func TestDeadlineUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"deadline", "-limit", "1 working day"}, "-start is required"},
		{[]string{"deadline", "-start", "2025-11-21T17:59:00+08:00"}, "-limit is required"},
		{[]string{"deadline", "-start", "2025-11-21 17:59", "-limit", "1 working day"}, "-start"},
		{[]string{"deadline", "-start", "2025-11-21T17:59:00+08:00", "-limit", "1 working day", "m.csv"}, "not both"},
		{[]string{"deadline", "-start", "2025-11-21T17:59:00+08:00", "-limit", "1 working day", "-format", "csv"}, "-format csv"},
		{[]string{"deadline", "-start", "2025-11-21T17:59:00+08:00", "-limit", "1 working day", "-calendar", "none.json"}, "none.json"},
	} {
		r := cli("", c.args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", c.args, r)
		assert.Contains(t, r.stderr, c.want, "%v: message", c.args)
	}
}
