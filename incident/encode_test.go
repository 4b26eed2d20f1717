package incident

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
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

func assertEncodesAsJSON(t *testing.T, e Event, what string) {
	t.Helper()
	want, wantErr := json.Marshal(e)
	got, err := encodeEvent(e)
	if wantErr != nil {
		assert.Error(t, err, "%s %T: encoding/json refuses it", what, e)
	} else if assert.NoError(t, err, "%s %T", what, e) {
		assert.Equal(t, string(want), string(got), "%s %T: the bytes of encoding/json", what, e)
	}
	want, wantErr = referenceRecord(e)
	got, err = encodeRecord(e)
	if wantErr != nil {
		assert.Error(t, err, "%s %T in clear: encoding/json refuses it", what, e)
	} else if assert.NoError(t, err, "%s %T in clear", what, e) {
		assert.Equal(t, string(want), string(got), "%s %T in clear: the bytes of encoding/json", what, e)
	}
}

func TestEncodeEventMatchesEncodingJSON(t *testing.T) {
	for _, text := range encodingTexts {
		for _, e := range encodingSamples(text) {
			assertEncodesAsJSON(t, e, text)
		}
	}
	d := testDecider(t)
	for status, ops := range pathTo {
		_, events, _ := build(t, d, "inc-1", ops)
		for _, e := range events {
			assertEncodesAsJSON(t, e, "path to "+status.String())
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
		b, err := encodeEvent(e)
		assert.Error(t, err, "%s", name)
		assert.Nil(t, b, "%s: nothing written", name)
	}
}

func FuzzEncodeEventMatchesEncodingJSON(f *testing.F) {
	for _, text := range encodingTexts {
		f.Add(text, 120.5, 28.25)
	}
	f.Fuzz(func(t *testing.T, text string, lng, lat float64) {
		for _, e := range encodingSamples(text) {
			if r, ok := e.(Reported); ok && !r.Location.IsZero() {
				r.Location.Point = grid.Point{Lng: lng, Lat: lat}
				e = r
			}
			assertEncodesAsJSON(t, e, text)
		}
	})
}

// BenchmarkEncodeEvent compares the codec's writer with encoding/json
// over the events of a lifecycle.
func BenchmarkEncodeEvent(b *testing.B) {
	d := testDecider(b)
	events := lifecycleEvents(b, d, "inc-000001", lifecycle)
	for _, enc := range []struct {
		name string
		f    func(Event) ([]byte, error)
	}{{"writer", encodeEvent}, {"encoding_json", func(e Event) ([]byte, error) { return json.Marshal(e) }}} {
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
