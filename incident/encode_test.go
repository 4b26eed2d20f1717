package incident

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/internal/canonjson"
	"github.com/grassrootsgov/grassroots/workday"
)

// clearContact and reportedRecord are what RecordCodec's data was
// written with through encoding/json: the reference its own writer is
// held to.
type clearContact Contact

func (c clearContact) IsZero() bool { return c == clearContact{} }

func (c clearContact) MarshalJSON() ([]byte, error) {
	return json.Marshal(contactJSON{c.name, c.phone})
}

type reportedRecord struct {
	Reported
	Contact clearContact `json:"contact,omitzero"`
}

func referenceRecord(e Event) ([]byte, error) {
	if r, ok := e.(Reported); ok && !r.Contact.IsZero() {
		return json.Marshal(reportedRecord{Reported: r, Contact: clearContact(r.Contact)})
	}
	return json.Marshal(e)
}

// encodingSamples are events of every type, with text that needs
// escaping, empty and missing optional members and unusual times.
func encodingSamples(text string) []Event {
	at := time.Date(2025, 3, 4, 5, 6, 7, 891011121, shanghai)
	m := grassroots.Meta{AggregateID: "inc-" + text, CommandID: text + "/1", At: at,
		Actor: grassroots.Actor{ID: "a" + text, Party: grassroots.Community, Organization: text, Roles: []string{text, "dispatcher"}}}
	bare := grassroots.Meta{AggregateID: "inc-1", CommandID: "c", At: at.UTC(), Actor: grassroots.Actor{ID: "r", Party: grassroots.Resident, Roles: []string{}}}
	term := Term{Start: at, End: at.Add(26 * time.Hour), Working: true}
	loc := Location{Point: grid.Point{Lng: 120.64366147875447, Lat: -1e-7}, CRS: grid.GCJ02}
	return []Event{
		Reported{Meta: m, Category: text, Channel: ChannelApp, Priority: PriorityUrgent, Location: loc, Grid: grid.Code(text),
			Address: text, AddressID: "addr", Description: text, Media: []string{"https://m.example.org/" + text, text},
			Contact: NewContact(text+"张三", "13812345678"), AcceptTerm: term},
		Reported{Meta: bare, Category: "001", Channel: ChannelHotline, Priority: PriorityNormal, Address: "x", Media: []string{},
			Contact: NewContact("", "13812345678"), AcceptTerm: Term{Start: at, End: at, Provisional: true}},
		Reported{Meta: bare, Category: "001", Channel: ChannelPatrol, Priority: PriorityNormal, Location: loc, Contact: NewContact("李", "")},
		Accepted{Meta: m},
		Rejected{Meta: m, Reason: RejectDuplicate, DuplicateOf: "inc-2", Note: text},
		Rejected{Meta: bare, Reason: RejectInvalid},
		Dispatched{Meta: m, Platform: PlatformPublicServices, Unit: text, HandleTerm: term},
		Returned{Meta: m, Reason: text},
		Started{Meta: bare},
		Resolved{Meta: m, Result: text, Evidence: []string{text}},
		Resolved{Meta: bare, Result: "done"},
		Closed{Meta: m, Note: text},
		Closed{Meta: bare},
		Reopened{Meta: m, Reason: text},
		RedoOrdered{Meta: m, Unit: text, HandleTerm: term},
		Escalated{Meta: m, Level: LevelReport, Deadline: at.In(time.UTC)},
		Extended{Meta: m, RequestedAt: at, By: workday.Limit{Amount: 3, Unit: workday.WorkingDays}, HandleTerm: term, Reason: text},
		Extended{Meta: bare, RequestedAt: at, By: workday.Limit{Amount: -2, Unit: workday.CalendarDays}, HandleTerm: term},
		Rated{Meta: m, Grade: VeryDissatisfied, Comment: text, Substantive: true},
		Rated{Meta: bare, Grade: Satisfied},
		Located{Meta: m, Location: Location{Point: grid.Point{Lng: -179.5, Lat: 89.999999}, CRS: grid.WGS84}, Grid: grid.Code(text)},
		Located{Meta: bare, Location: Location{Point: grid.Point{Lng: 1e21, Lat: 0}, CRS: grid.BD09}},
		&Closed{Meta: m, Note: text},
	}
}

var encodingTexts = []string{
	"plain", "", `quote " and \ backslash`, "<b>&amp;</b>", "line\u2028para\u2029", "ctl \x00\x01\b\f\n\r\t\x1f\x7f",
	"bad \xff\xfe utf-8 \xe4\xb8", "汉字 and emoji 🙂", "\u00e9\u0301",
}

// canonicalJSON is what an envelope stores for data that json.Marshal
// writes as raw: its RFC 8785 form, or nil with the canonicaliser's error.
func canonicalJSON(raw []byte) ([]byte, error) { return canonjson.AppendExact(nil, raw) }

// assertEncodesCanonically holds the writer, masked and in clear, to the
// RFC 8785 form of what encoding/json writes for e.
func assertEncodesCanonically(t *testing.T, e Event, what string) {
	t.Helper()
	for _, enc := range []struct {
		name      string
		write     func([]byte, Event) ([]byte, error)
		reference func(Event) ([]byte, error)
	}{
		{"masked", appendEvent, func(e Event) ([]byte, error) { return json.Marshal(e) }},
		{"in clear", appendRecord, referenceRecord},
	} {
		const prefix = "prefix:"
		raw, wantErr := enc.reference(e)
		got, err := enc.write([]byte(prefix), e)
		if wantErr != nil {
			assert.Error(t, err, "%s %T %s: encoding/json refuses it", what, e, enc.name)
			assert.Equal(t, prefix, string(got), "%s %T %s: nothing appended", what, e, enc.name)
			continue
		}
		if !assert.NoError(t, err, "%s %T %s", what, e, enc.name) ||
			!assert.True(t, strings.HasPrefix(string(got), prefix), "%s %T %s: appended", what, e, enc.name) {
			continue
		}
		got = got[len(prefix):]
		want, cerr := canonicalJSON(raw)
		if cerr != nil {
			// Not I-JSON (a noncharacter, say): the codec refuses the
			// writer's output for the same reason.
			_, gerr := canonicalJSON(got)
			var ge, we *canonjson.Error
			if assert.ErrorAs(t, gerr, &ge, "%s %T %s: refused as %v", what, e, enc.name, cerr) && errors.As(cerr, &we) {
				assert.Equal(t, we.Err, ge.Err, "%s %T %s: the same kind of problem", what, e, enc.name)
			}
			continue
		}
		assert.Equal(t, string(want), string(got), "%s %T %s: the canonical form of encoding/json's bytes", what, e, enc.name)
		assert.True(t, canonjson.IsCanonical(got), "%s %T %s: passes the codec's scan", what, e, enc.name)
	}
}

func TestEncodeEventIsCanonicalEncodingJSON(t *testing.T) {
	for _, text := range encodingTexts {
		for _, e := range encodingSamples(text) {
			assertEncodesCanonically(t, e, text)
		}
	}
	d := testDecider(t)
	for status, ops := range pathTo {
		_, events, _ := build(t, d, "inc-1", ops)
		for _, e := range events {
			assertEncodesCanonically(t, e, "path to "+status.String())
		}
	}
}

// What encoding/json cannot write, the writer refuses too.
func TestEncodeEventRefusesWhatJSONRefuses(t *testing.T) {
	at := time.Date(2025, 3, 4, 5, 6, 7, 0, shanghai)
	m := grassroots.Meta{AggregateID: "inc-1", CommandID: "c", At: at, Actor: grassroots.Actor{ID: "r", Party: grassroots.Resident}}
	cases := map[string]Event{
		"an undefined channel":  Reported{Meta: m, Category: "001", Priority: PriorityNormal},
		"an undefined party":    Accepted{Meta: grassroots.Meta{AggregateID: "inc-1", CommandID: "c", At: at}},
		"a point not finite":    Located{Meta: m, Location: Location{Point: grid.Point{Lng: math.NaN()}, CRS: grid.WGS84}},
		"an undefined crs":      Located{Meta: m, Location: Location{Point: grid.Point{Lng: 1, Lat: 2}}},
		"a year after 9999":     Escalated{Meta: m, Level: LevelUrge, Deadline: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		"an undefined unit":     Extended{Meta: m, By: workday.Limit{Amount: 1}},
		"an undefined grade":    Rated{Meta: m},
		"an undefined level":    Escalated{Meta: m, Deadline: at},
		"an undefined reason":   Rejected{Meta: m},
		"an undefined platform": Dispatched{Meta: m, Unit: "u"},
	}
	for name, e := range cases {
		_, jerr := json.Marshal(e)
		require.Error(t, jerr, "%s: encoding/json refuses it", name)
		b, err := appendEvent(nil, e)
		assert.Error(t, err, "%s", name)
		assert.Empty(t, b, "%s: nothing written", name)
	}
}

func FuzzEncodeEventIsCanonicalEncodingJSON(f *testing.F) {
	for _, text := range encodingTexts {
		f.Add(text, 120.5, 28.25)
	}
	f.Fuzz(func(t *testing.T, text string, lng, lat float64) {
		for _, e := range encodingSamples(text) {
			if r, ok := e.(Reported); ok && !r.Location.IsZero() {
				r.Location.Point = grid.Point{Lng: lng, Lat: lat}
				e = r
			}
			assertEncodesCanonically(t, e, text)
		}
	})
}

// BenchmarkEncodeEvent compares the codec's writer with encoding/json
// and the canonicaliser over the events of a lifecycle.
func BenchmarkEncodeEvent(b *testing.B) {
	d := testDecider(b)
	events := lifecycleEvents(b, d, "inc-000001", lifecycle)
	for _, enc := range []struct {
		name string
		f    func(Event) ([]byte, error)
	}{
		{"writer", func(e Event) ([]byte, error) { return appendEvent(nil, e) }},
		{"encoding_json", func(e Event) ([]byte, error) {
			raw, err := json.Marshal(e)
			if err != nil {
				return nil, err
			}
			return canonicalJSON(raw)
		}},
	} {
		b.Run("encoder="+enc.name+"/events=7", func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := enc.f(events[i%len(events)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
