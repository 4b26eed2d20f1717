package grassroots_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// Seal and MarshalJSON refuse every event whose JSON UnmarshalJSON would
// refuse, naming the attribute, so nothing is sealed that cannot be read
// back and verified.
func TestSealRefusesWhatCannotBeReadBack(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*grassroots.Event)
		field string
	}{
		{"data is JSON null", func(e *grassroots.Event) { e.Data = json.RawMessage("null") }, "data"},
		{"data is empty", func(e *grassroots.Event) { e.Data = json.RawMessage{} }, "data"},
		{"data has an integer no double holds", func(e *grassroots.Event) { e.Data = json.RawMessage(`{"n":12345678901234567890}`) }, "data"},
		{"data has a noncharacter", func(e *grassroots.Event) { e.Data = json.RawMessage("\"\uFFFF\"") }, "data"},
		{"data has invalid UTF-8", func(e *grassroots.Event) { e.Data = json.RawMessage("\"\xff\"") }, "data"},
		{"data repeats a member", func(e *grassroots.Event) { e.Data = json.RawMessage(`{"a":1,"a":1}`) }, "data"},
		{"year after 9999", func(e *grassroots.Event) { e.Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "time"},
		{"year before 0000", func(e *grassroots.Event) { e.Time = time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC) }, "time"},
		{"offset with seconds (local mean time)", func(e *grassroots.Event) {
			e.Time = time.Date(1900, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", 8*3600+5*60+43))
		}, "time"},
		{"subject with a control character", func(e *grassroots.Event) { e.Subject = "I-1\n" }, "subject"},
		{"subject with invalid UTF-8", func(e *grassroots.Event) { e.Subject = "I-\xff" }, "subject"},
		{"id with a noncharacter", func(e *grassroots.Event) { e.ID = "e\uFDEF" }, "id"},
		{"extension string with a C1 control", func(e *grassroots.Event) { e.Extensions = map[string]any{"tenant": "a\u0090"} }, "tenant"},
		{"extension of another type", func(e *grassroots.Event) { e.Extensions = map[string]any{"ratio": 0.5} }, "ratio"},
		{"extension named like an attribute", func(e *grassroots.Event) { e.Extensions = map[string]any{"sequence": "1"} }, "sequence"},
		{"source not a URI-reference", func(e *grassroots.Event) { e.Source = "/a b" }, "source"},
		{"dataschema relative", func(e *grassroots.Event) { e.DataSchema = "x.json" }, "dataschema"},
		{"datacontenttype without a subtype", func(e *grassroots.Event) { e.DataContentType = "application" }, "datacontenttype"},
	}
	for _, c := range cases {
		e := validEvent()
		c.edit(&e)
		_, err := grassroots.Seal(nil, e)
		var ve *grassroots.ValidationError
		if assert.ErrorAs(t, err, &ve, "%s: Seal must refuse", c.name) {
			assert.True(t, ve.Has(c.field), "%s: want a problem at %q, got %v", c.name, c.field, err)
		}
		_, err = json.Marshal(e)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "%s: MarshalJSON must refuse", c.name)
	}
}

// Whatever Seal accepts round-trips through its own JSON and verifies.
func TestSealedEventsRoundTripAndVerify(t *testing.T) {
	times := []time.Time{
		time.Date(2025, 6, 9, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)),
		time.Date(2025, 6, 9, 10, 0, 0, 1, time.FixedZone("", -(3*3600+30*60))),
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC),
	}
	var chain []grassroots.Event
	var prev *grassroots.Event
	for i, tm := range times {
		e := validEvent()
		e.Time = tm
		e.ID = grassroots.EventID(e.Subject, "c", i, tm)
		sealed, err := grassroots.Seal(prev, e)
		require.NoError(t, err, "time %s", tm)
		b, err := json.Marshal(sealed)
		require.NoError(t, err, "time %s", tm)
		back, err := grassroots.ParseEvent(b)
		require.NoError(t, err, "time %s: %s", tm, b)
		chain = append(chain, back)
		prev = &chain[len(chain)-1]
	}
	assert.NoError(t, grassroots.VerifyChain(chain))
}

func TestParseTimestamp(t *testing.T) {
	good := map[string]time.Time{
		"2025-06-09T10:00:00+08:00":      time.Date(2025, 6, 9, 2, 0, 0, 0, time.UTC),
		"2025-06-09t02:00:00z":           time.Date(2025, 6, 9, 2, 0, 0, 0, time.UTC),
		"2024-02-29T00:00:00.5-05:30":    time.Date(2024, 2, 29, 5, 30, 0, 500_000_000, time.UTC),
		"0000-01-01T00:00:00Z":           time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		"2025-06-09T02:00:00.000000001Z": time.Date(2025, 6, 9, 2, 0, 0, 1, time.UTC),
	}
	for s, want := range good {
		got, err := grassroots.ParseTimestamp(s)
		require.NoError(t, err, s)
		assert.True(t, want.Equal(got), "%s: got %s", s, got)
	}
	for _, s := range []string{
		"2025-06-09T10:00:00+24:00", "2025-06-09T10:00:00+08:60", "2025-06-09T10:00:00,5Z",
		"2025-06-09T1:00:00Z", "2025-06-09T10:00Z", "2025-6-09T10:00:00Z", "2023-02-29T00:00:00Z",
		"2025-06-09T10:00:00", "2025-06-09T10:00:00+0800", "2025-06-09T10:00:00.Z",
		"2025-06-09T24:00:00Z", "2025-06-09T10:00:60Z", "2025-06-09T10:00:00 Z", "",
	} {
		_, err := grassroots.ParseTimestamp(s)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "%q must be refused", s)
	}
}

func TestAttributesHaveCanonicalStrings(t *testing.T) {
	e := validEvent()
	e.Sequence = 3
	got, ok := e.Attribute("time")
	require.True(t, ok)
	assert.Equal(t, "2024-05-06T00:30:00.12Z", got, "time in UTC, fewest digits")
	got, _ = e.Attribute("sequence")
	assert.Equal(t, "3", got)
	got, _ = e.Attribute("urgent")
	assert.Equal(t, "true", got)
	got, _ = e.Attribute("priority")
	assert.Equal(t, "2", got)
	_, ok = e.Attribute("data")
	assert.False(t, ok, "data is not an attribute")
	assert.Equal(t, []string{"datacontenttype", "dataschema", "id", "priority", "sequence", "source", "specversion", "subject", "tenant", "time", "type", "urgent"}, e.AttributeNames())

	// Setting every attribute from its canonical string gives an event
	// with the same hash: what a binding that carries text receives.
	sealed, err := grassroots.Seal(nil, validEvent())
	require.NoError(t, err)
	var copied grassroots.Event
	for _, name := range sealed.AttributeNames() {
		v, _ := sealed.Attribute(name)
		require.NoError(t, copied.SetAttribute(name, v), name)
	}
	copied.Data = sealed.Data
	h, err := grassroots.ComputeHash(&copied)
	require.NoError(t, err)
	assert.Equal(t, sealed.Hash, h)
	assert.NoError(t, grassroots.VerifyChain([]grassroots.Event{copied}))

	for name, value := range map[string]string{"time": "2025-06-09 10:00", "sequence": "01", "id": "", "subject": "a\x01", "data": "{}", "Bad": "x"} {
		before := copied
		err := copied.SetAttribute(name, value)
		var ve *grassroots.ValidationError
		assert.True(t, errors.As(err, &ve), "SetAttribute(%q, %q) must be refused", name, value)
		assert.Equal(t, before.Time, copied.Time, "a refused SetAttribute changes nothing")
	}
}

// rfc3339 is the grammar of RFC 3339 section 5.6, written independently
// of ParseTimestamp as the slow reference its fuzz test compares with.
var rfc3339 = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$`)

func referenceAccepts(s string) bool {
	m := rfc3339.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	y, mo, d := n(1), n(2), n(3)
	if mo < 1 || mo > 12 || d < 1 || n(4) > 23 || n(5) > 59 || n(6) > 59 {
		return false
	}
	if d > time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return false
	}
	return m[9] == "" || (n(9) <= 23 && n(10) <= 59)
}

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"2025-06-09T10:00:00+08:00", "2024-02-29t00:00:00.5z", "2025-06-09T10:00:00,5Z", "2025-06-09T10:00:00+24:00", "0000-01-01T00:00:00-00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := grassroots.ParseTimestamp(s)
		if want := referenceAccepts(s); want != (err == nil) {
			t.Fatalf("ParseTimestamp(%q) error %v; the RFC 3339 grammar says accept=%v", s, err, want)
		}
		if err != nil {
			return
		}
		back, err := grassroots.ParseTimestamp(string(grassroots.AppendTimestamp(nil, got)))
		if err != nil || !back.Equal(got) {
			t.Fatalf("%q does not round-trip: %v %v", s, back, err)
		}
		if y := got.UTC().Year(); y < 0 || y > 9999 {
			return // an event refuses such a time: its UTC form has no RFC 3339 year
		}
		canon, err := grassroots.ParseTimestamp(string(grassroots.AppendCanonicalTimestamp(nil, got)))
		if err != nil || !canon.Equal(got) {
			t.Fatalf("%q: canonical form is another instant: %v %v", s, canon, err)
		}
	})
}

// Messages name the problem in the event's terms, never an internal
// package, since HTTP bindings pass them on in problem bodies.
func TestParseEventMessagesNameNoInternalPackage(t *testing.T) {
	for _, in := range []string{`{"id":"1","id":"2"}`, `{"id":`, `[1]`, `{"id":"1","data":{"n":1e400}}`, "{\"id\":\"\xff\"}"} {
		_, err := grassroots.ParseEvent([]byte(in))
		require.Error(t, err, in)
		assert.NotContains(t, err.Error(), "canonjson", "input %q", in)
	}
}
