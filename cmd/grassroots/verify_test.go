package main

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

type verifyJSON struct {
	File     string `json:"file"`
	Events   int    `json:"events"`
	Subjects int    `json:"subjects"`
	Failures []struct {
		Line       int      `json:"line"`
		Subject    string   `json:"subject"`
		Index      int      `json:"index"`
		Sequence   int64    `json:"sequence"`
		Reason     string   `json:"reason"`
		Attributes []string `json:"attributes"`
		Message    string   `json:"message"`
	} `json:"failures"`
}

func verifyJSONOf(t *testing.T, ls []string) (verifyJSON, result) {
	t.Helper()
	r := cli("\n"+jsonl(ls), "verify", "-format", "json", "-")
	var v verifyJSON
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &v), "verify output: %s", r)
	return v, r
}

func TestVerifyIntact(t *testing.T) {
	ls := mixedEvents(t, 12)
	dir := t.TempDir()
	path := write(t, dir, "events.jsonl", []byte(jsonl(ls)))

	r := cli("", "verify", path)
	assert.Equal(t, exitOK, r.code, "intact file: %s", r)
	assert.Contains(t, r.stdout, strconv.Itoa(len(ls))+" events, 15 subjects: every chain intact", "summary")

	v, r := verifyJSONOf(t, ls)
	assert.Equal(t, exitOK, r.code, "from stdin: %s", r)
	assert.Equal(t, len(ls), v.Events, "events counted")
	assert.Equal(t, 15, v.Subjects, "12 incidents and the incident, risk and contract of the vectors")
	assert.Empty(t, v.Failures, "failures")
	assert.Equal(t, "standard input", v.File)
}

// Each way of breaking a file is found at its line, with the subject,
// the index within the subject's chain and the reason.
func TestVerifyTampered(t *testing.T) {
	base := mixedEvents(t, 8)
	const subject = "wz-0003"
	third := lineOf(t, base, subject, 3)
	fourth := lineOf(t, base, subject, 4)
	cases := []struct {
		name      string
		tamper    func([]string) []string
		line      int // 1-based line of the failure, with the leading blank line of verifyJSONOf
		index     int
		reason    string
		attribute string
	}{
		{name: "altered data", tamper: func(ls []string) []string { ls[third] = alterData(t, ls[third]); return ls },
			line: third + 2, index: 2, reason: "content_changed"},
		{name: "dropped event", tamper: func(ls []string) []string { return slices.Delete(ls, third, third+1) },
			line: fourth + 1, index: 2, reason: "dropped"},
		{name: "swapped lines", tamper: func(ls []string) []string { ls[third], ls[fourth] = ls[fourth], ls[third]; return ls },
			line: third + 2, index: 2, reason: "reordered"},
		{name: "repeated line", tamper: func(ls []string) []string { return slices.Insert(ls, third+1, ls[third]) },
			line: third + 3, index: 3, reason: "inserted"},
		{name: "sequence as a string", tamper: func(ls []string) []string {
			ls[third] = strings.Replace(ls[third], `"sequence":3`, `"sequence":"3"`, 1)
			return ls
		}, line: third + 2, index: 2, reason: "invalid", attribute: "sequence"},
		{name: "hash stripped", tamper: func(ls []string) []string {
			var m map[string]any
			require.NoError(t, json.Unmarshal([]byte(ls[third]), &m))
			delete(m, "hash")
			delete(m, "prevhash")
			delete(m, "sequence")
			b, _ := json.Marshal(m)
			ls[third] = string(b)
			return ls
		}, line: third + 2, index: 2, reason: "invalid", attribute: "hash"},
		{name: "time without offset", tamper: func(ls []string) []string {
			var m map[string]any
			require.NoError(t, json.Unmarshal([]byte(ls[third]), &m))
			m["time"] = strings.TrimSuffix(m["time"].(string), "+08:00")
			b, _ := json.Marshal(m)
			ls[third] = string(b)
			return ls
		}, line: third + 2, index: 2, reason: "invalid", attribute: "time"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ls := c.tamper(slices.Clone(base))
			v, r := verifyJSONOf(t, ls)
			assert.Equal(t, exitFail, r.code, "%s: %s", c.name, r)
			require.Len(t, v.Failures, 1, "%s: one subject broken: %s", c.name, r.stdout)
			f := v.Failures[0]
			assert.Equal(t, c.line, f.Line, "%s: line", c.name)
			assert.Equal(t, subject, f.Subject, "%s: subject", c.name)
			assert.Equal(t, c.index, f.Index, "%s: index", c.name)
			assert.Equal(t, c.reason, f.Reason, "%s: reason", c.name)
			if c.attribute != "" {
				assert.Contains(t, f.Attributes, c.attribute, "%s: attribute named", c.name)
			}
			assert.NotEmpty(t, f.Message, "%s: message", c.name)
		})
	}
}

// The reason the root package gives for the same break, when the whole
// chain is at hand, agrees with the one verify finds line by line. (A
// repeated event is the exception by nature: line by line the first
// copy verifies and the second is the one inserted, while VerifyChain,
// seeing both, names the first.)
func TestVerifyAgreesWithVerifyChain(t *testing.T) {
	chain := sealedIncidents(t, 4)[3]
	for _, c := range []struct {
		name  string
		chain []grassroots.Event
	}{
		{"dropped", slices.Delete(slices.Clone(chain), 2, 3)},
		{"swapped", func() []grassroots.Event { c := slices.Clone(chain); c[2], c[3] = c[3], c[2]; return c }()},
	} {
		var ce *grassroots.ChainError
		require.ErrorAs(t, grassroots.VerifyChain(c.chain), &ce, c.name)
		v, _ := verifyJSONOf(t, lines(t, c.chain))
		require.Len(t, v.Failures, 1, c.name)
		assert.Equal(t, ce.Reason.String(), v.Failures[0].Reason, "%s: reason", c.name)
		assert.Equal(t, ce.Index, v.Failures[0].Index, "%s: index", c.name)
	}
}

// A failure in one subject leaves the others checked, and the failures
// of several subjects are all reported, in line order, in every format.
// An invalid envelope whose subject can still be read is charged to
// that subject's chain; a line that is not JSON at all to none.
func TestVerifySeveralSubjects(t *testing.T) {
	ls := mixedEvents(t, 8)
	a := lineOf(t, ls, "wz-0000", 2)
	b := lineOf(t, ls, "wz-0005", 1)
	ls[a] = alterData(t, ls[a])
	ls[b] = strings.Replace(ls[b], `"specversion":"1.0"`, `"specversion":"0.3"`, 1)
	ls = append(ls, "{not json")
	dir := t.TempDir()
	path := write(t, dir, "events.jsonl", []byte(jsonl(ls)))

	r := cli("", "verify", "-format", "csv", path)
	assert.Equal(t, exitFail, r.code, "%s", r)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err, "csv output")
	require.Len(t, rows, 4, "header and three failures: %s", r.stdout)
	assert.Equal(t, []string{"line", "subject", "index", "sequence", "reason", "attributes", "message"}, rows[0])
	first, second := min(a, b), max(a, b)
	assert.Equal(t, strconv.Itoa(first+1), rows[1][0], "first failure's line")
	assert.Equal(t, strconv.Itoa(second+1), rows[2][0], "second failure's line")
	assert.Equal(t, []string{strconv.Itoa(len(ls)), "", "-1", "", "invalid"}, rows[3][:5], "the line that is not JSON")
	byLine := map[string][]string{rows[1][0]: rows[1], rows[2][0]: rows[2]}
	assert.Equal(t, []string{"wz-0005", "0", "", "invalid", "specversion"}, byLine[strconv.Itoa(b+1)][1:6], "invalid envelope charged to its subject")
	assert.Equal(t, []string{"wz-0000", "1", "2", "content_changed", ""}, byLine[strconv.Itoa(a+1)][1:6], "altered event")

	r = cli("", "verify", path)
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stdout, path+":"+strconv.Itoa(a+1)+`: subject "wz-0000", index 1, sequence 2: content_changed`, "text names file, line, subject, index")
	assert.Contains(t, r.stdout, path+":"+strconv.Itoa(len(ls))+": no subject: invalid", "a line that is not JSON has no subject")
	assert.Contains(t, r.stdout, "3 failed", "summary")
}

func TestVerifyUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"verify"}, "missing FILE.jsonl"},
		{[]string{"verify", "a", "b"}, "one FILE.jsonl expected"},
		{[]string{"verify", "-format", "xml", "x"}, "-format"},
		{[]string{"verify", "-strict", "x"}, "-strict"},
		{[]string{"verify", "does-not-exist.jsonl"}, "does-not-exist.jsonl"},
	} {
		r := cli("", c.args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", c.args, r)
		assert.Contains(t, r.stderr, c.want, "%v: message names the problem", c.args)
	}
}
