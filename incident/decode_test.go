package incident

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// plainCodec decodes as Codec does without its own decoder: with the
// root codec's plans and encoding/json.
var plainCodec = mustCodec(grassroots.NewCodec[Event](pkgName,
	Reported{}, Accepted{}, Rejected{}, Dispatched{}, Returned{}, Started{}, Resolved{},
	Closed{}, Reopened{}, RedoOrdered{}, Escalated{}, Extended{}, Rated{}, Located{},
))

// decodeMismatch returns what dec gives for the data of an event named
// name that encoding/json does not, or "" when they agree: dec may leave
// any data to the codec, but what it takes must be in RFC 8785 form and
// decode to exactly encoding/json's value.
func decodeMismatch(dec func(string, []byte) (Event, bool), name string, data []byte) string {
	e, ok := dec(name, data)
	if !ok {
		return ""
	}
	zero, known := plainCodec.Zero(name)
	if !known {
		return fmt.Sprintf("took the unknown event %q", name)
	}
	if reflect.TypeOf(e) != reflect.TypeOf(zero) {
		return fmt.Sprintf("gave a %T for a %s event", e, name)
	}
	if !canonjson.IsCanonical(data) {
		return fmt.Sprintf("took %s data that is not in RFC 8785 form: %s", name, data)
	}
	ptr := reflect.New(reflect.TypeOf(zero))
	if err := json.Unmarshal(data, ptr.Interface()); err != nil {
		return fmt.Sprintf("took %s data that encoding/json refuses (%v): %s", name, err, data)
	}
	if want := ptr.Elem().Interface(); !reflect.DeepEqual(e, want) {
		return fmt.Sprintf("decoded %s\n%s\nto  %#v\nnot %#v", name, data, e, want)
	}
	return ""
}

// decodeDiffers returns how Codec's Decode of an envelope with data of
// an event named name differs from plainCodec's, value or error, or "".
func decodeDiffers(name string, data []byte) string {
	env := grassroots.Event{ID: "x", Source: "/test", SpecVersion: grassroots.SpecVersion,
		Type: grassroots.EventType(pkgName, name), Data: data}
	var probe struct {
		AggregateID string    `json:"aggregate_id"`
		At          time.Time `json:"at"`
	}
	if json.Unmarshal(data, &probe) == nil {
		env.Subject, env.Time = probe.AggregateID, probe.At
	}
	got, gotErr := Codec.Decode(env)
	want, wantErr := plainCodec.Decode(env)
	switch {
	case (gotErr == nil) != (wantErr == nil):
		return fmt.Sprintf("error %v, want %v", gotErr, wantErr)
	case gotErr != nil:
		if reflect.TypeOf(gotErr) != reflect.TypeOf(wantErr) || gotErr.Error() != wantErr.Error() {
			return fmt.Sprintf("error %T %v, want %T %v", gotErr, gotErr, wantErr, wantErr)
		}
		var g, w *grassroots.ValidationError
		if errors.As(gotErr, &g) != errors.As(wantErr, &w) || g != nil && !reflect.DeepEqual(g.Fields, w.Fields) {
			return fmt.Sprintf("error fields %v, want %v", gotErr, wantErr)
		}
	case !reflect.DeepEqual(got, want):
		return fmt.Sprintf("decoded %#v, want %#v", got, want)
	}
	return ""
}

// decodeCorpus returns the data the codecs write for events of every type, masked
// and in clear, with texts that need escaping and that do not, and of
// the conformance vectors' envelopes, each with its event name.
func decodeCorpus(t testing.TB) (names []string, datas [][]byte) {
	add := func(name string, data []byte) {
		names = append(names, name)
		datas = append(datas, data)
	}
	var events []Event
	for _, text := range encodingTexts {
		events = append(events, encodingSamples(text)...)
	}
	events = append(events, sampleEvents()...)
	for _, inClear := range []bool{false, true} {
		for _, e := range events {
			data, err := appendData(nil, e, inClear)
			require.NoError(t, err)
			add(e.EventName(), data)
		}
	}
	raw, err := os.ReadFile(filepath.Join(conformanceDir, "envelopes.json"))
	require.NoError(t, err)
	var vectors []struct {
		Want []struct {
			Type string          `json:"type"`
			Data json.RawMessage `json:"data"`
		} `json:"want"`
	}
	require.NoError(t, json.Unmarshal(raw, &vectors))
	for _, v := range vectors {
		for _, w := range v.Want {
			_, name, ok := grassroots.ParseEventType(w.Type)
			require.True(t, ok, w.Type)
			data, err := canonicalJSON(w.Data)
			require.NoError(t, err)
			add(name, data)
		}
	}
	require.NotEmpty(t, datas)
	return names, datas
}

var (
	partyRoles = regexp.MustCompile(`("party":"[a-z_]+")}`)
	contact    = regexp.MustCompile(`"contact":{[^}]*}`)
	amount     = regexp.MustCompile(`"amount":-?[0-9]+`)
	lng        = regexp.MustCompile(`"coordinates":\[[^,]*,`)
)

// variants returns data changed in the ways the decoder must refuse or
// must read as encoding/json does: white space, members out of order or
// repeated, escapes, nulls, other types, unknown and case-folded names,
// truncation and trailing bytes.
func variants(data []byte) [][]byte {
	s := string(data)
	out := [][]byte{
		[]byte(" " + s), []byte(s + " "), []byte(s + "x"), []byte(s + "{}"),
		[]byte(strings.Replace(s, ":", " : ", 1)),
		[]byte(strings.Replace(s, `{"`, `{"zzz":1,"`, 1)),
		[]byte(strings.Replace(s, `{"`, `{"Actor":null,"`, 1)),
		[]byte(strings.Replace(s, `"actor"`, `"ACTOR"`, 1)),
		[]byte(strings.Replace(s, `"aggregate_id"`, `"actor"`, 1)),
		[]byte(strings.Replace(s, `"at"`, `"aggregate_id"`, 1)),
		[]byte(strings.Replace(s, `":"`, `":"\u0041`, 1)),
		[]byte(strings.Replace(s, `":"`, `":null,"x":"`, 1)),
		[]byte(strings.Replace(s, `":"`, `":1,"x":"`, 1)),
		[]byte(strings.Replace(s, `":{`, `":null,"x":{`, 1)),
		[]byte(strings.Replace(s, `":[`, `":"",[`, 1)),
		[]byte(strings.Replace(s, `]`, `,null]`, 1)),
		[]byte(strings.Replace(s, `]`, `,1]`, 1)),
		[]byte(strings.Replace(s, `true`, `false`, 1)),
		[]byte(strings.Replace(s, `true`, `1`, 1)),
		[]byte(strings.Replace(s, `"party":"`, `"party":"x`, 1)),
		[]byte(strings.Replace(s, `T`, `t`, 1)),
		[]byte(strings.Replace(s, `+08:00`, `Z`, 1)),
		[]byte(strings.Replace(s, `"amount":`, `"amount":1.5e1`, 1)),
		[]byte(strings.Replace(s, `"amount":`, `"amount":0`, 1)),
		[]byte(strings.Replace(s, `"amount":`, `"amount":-`, 1)),
		[]byte(strings.Replace(s, `[`, `[-0,`, 1)),
		[]byte(strings.Replace(s, `[`, `[1e400,`, 1)),
		[]byte(strings.Replace(s, `"coordinates":[`, `"coordinates":[200`, 1)),
		[]byte(strings.Replace(s, `"id":"`, "\"id\":\"\xff", 1)),
		[]byte(strings.Replace(s, `,"priority":`, `,"media":[],"priority":`, 1)),
		[]byte(strings.Replace(s, `,"result":`, `,"evidence":[],"result":`, 1)),
		[]byte(partyRoles.ReplaceAllString(s, `$1,"roles":[]}`)),
		[]byte(contact.ReplaceAllString(s, `$0,"contact":{"name":"z"}`)),
		[]byte(strings.Replace(s, `"id":"`, "\"id\":\"\uFDD0", 1)),
		[]byte(amount.ReplaceAllString(s, `"amount":-0`)),
		[]byte(amount.ReplaceAllString(s, `"amount":12345678901234567`)),
		[]byte(amount.ReplaceAllString(s, `"amount":123456789012345`)),
		[]byte(lng.ReplaceAllString(s, `"coordinates":[1.50,`)),
		[]byte(lng.ReplaceAllString(s, `"coordinates":[1E-7,`)),
		[]byte(lng.ReplaceAllString(s, `"coordinates":[0.0000001,`)),
		[]byte(lng.ReplaceAllString(s, `"coordinates":[-0,`)),
		[]byte(lng.ReplaceAllString(s, `"coordinates":[1e+21,`)),
	}
	for _, cut := range []int{1, len(s) / 3, len(s) / 2, len(s) - 1} {
		out = append(out, data[:cut])
	}
	return out
}

func TestDecodeEventIsEncodingJSON(t *testing.T) {
	names, datas := decodeCorpus(t)
	for i, data := range datas {
		for _, d := range append([][]byte{data}, variants(data)...) {
			if msg := decodeMismatch(decodeEvent, names[i], d); msg != "" {
				t.Error(msg)
			}
			if msg := decodeDiffers(names[i], d); msg != "" {
				t.Errorf("%s %s: %s", names[i], d, msg)
			}
		}
	}
}

// TestDecodeEventTakesStoredData holds the decoder to its purpose: it
// decodes itself the data that envelopes store, all but the strings
// with escapes, which it leaves to the codec.
func TestDecodeEventTakesStoredData(t *testing.T) {
	names, datas := decodeCorpus(t)
	for i, data := range datas {
		zero, _ := plainCodec.Zero(names[i])
		if json.Unmarshal(data, reflect.New(reflect.TypeOf(zero)).Interface()) != nil || bytes.IndexByte(data, '\\') >= 0 {
			continue
		}
		_, ok := decodeEvent(names[i], data)
		assert.True(t, ok, "%s %s", names[i], data)
	}
	_, ok := decodeEvent("unknown", []byte(`{}`))
	assert.False(t, ok)
}

// TestDecodeMismatchCatchesBrokenDecoders shows that the differential
// check fails decoders that get a member wrong or take data that
// encoding/json refuses.
func TestDecodeMismatchCatchesBrokenDecoders(t *testing.T) {
	names, datas := decodeCorpus(t)
	broken := map[string]func(string, []byte) (Event, bool){
		"drops the organization": func(name string, data []byte) (Event, bool) {
			e, ok := decodeEvent(name, data)
			if a, isAccepted := e.(Accepted); ok && isAccepted {
				a.Actor.Organization = ""
				return a, true
			}
			return e, ok
		},
		"swaps the contact": func(name string, data []byte) (Event, bool) {
			e, ok := decodeEvent(name, data)
			if r, isReported := e.(Reported); ok && isReported {
				r.Contact.name, r.Contact.phone = r.Contact.phone, r.Contact.name
				return r, true
			}
			return e, ok
		},
		"ignores trailing data": func(name string, data []byte) (Event, bool) {
			return decodeEvent(name, bytes.TrimSuffix(data, []byte("x")))
		},
		"gives another type": func(name string, data []byte) (Event, bool) {
			e, ok := decodeEvent(name, data)
			if _, isStarted := e.(Started); ok && isStarted {
				return Accepted(e.(Started)), true
			}
			return e, ok
		},
	}
	for what, dec := range broken {
		caught := false
		for i, data := range datas {
			for _, d := range append([][]byte{data}, variants(data)...) {
				caught = caught || decodeMismatch(dec, names[i], d) != ""
			}
		}
		assert.True(t, caught, "a decoder that %s passes", what)
	}
}

// FuzzDecodeEvent holds the decoder to encoding/json, and Codec's Decode
// to the codec's own decoding, value and error, on arbitrary data.
func FuzzDecodeEvent(f *testing.F) {
	names, datas := decodeCorpus(f)
	for i, data := range datas {
		f.Add(names[i], data)
		for _, d := range variants(data)[:6] {
			f.Add(names[i], d)
		}
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if msg := decodeMismatch(decodeEvent, name, data); msg != "" {
			t.Fatal(msg)
		}
		if _, known := plainCodec.Zero(name); !known {
			return
		}
		if msg := decodeDiffers(name, data); msg != "" {
			t.Fatalf("%s %q: %s", name, data, msg)
		}
	})
}
