package grassroots_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func validEvent() grassroots.Event {
	return grassroots.Event{
		ID: "e1", Source: "/district/330302", SpecVersion: "1.0",
		Type:            grassroots.EventType("incident", "reported"),
		Subject:         "inc-1",
		Time:            time.Date(2024, 5, 6, 8, 30, 0, 120_000_000, time.FixedZone("", 8*3600)),
		DataContentType: "application/json",
		DataSchema:      "https://example.org/schemas/incident/reported/v1",
		Data:            json.RawMessage(`{"amount":"12.50","big":"12345678901234567890","n":[1.5,1e21]}`),
		Extensions:      map[string]any{"tenant": "wz", "priority": int64(2), "urgent": true},
	}
}

func TestEventJSONRoundTripIsLossless(t *testing.T) {
	in := validEvent()
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"time":"2024-05-06T08:30:00.12+08:00"`, "offset kept, trailing zeros trimmed")
	assert.Contains(t, string(b), `{"amount":"12.50","big":"12345678901234567890","n":[1.5,1e+21]}`, "data is written in RFC 8785 form")
	var out grassroots.Event
	require.NoError(t, json.Unmarshal(b, &out))
	assert.True(t, in.Time.Equal(out.Time))
	out.Time = in.Time
	in.Data = json.RawMessage(`{"amount":"12.50","big":"12345678901234567890","n":[1.5,1e+21]}`)
	assert.Equal(t, in, out, "the same event, its data in canonical form")
	again, err := json.Marshal(out)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again), "encode(decode(encode(e))) == encode(e)")
}

func TestEventBinaryDataRoundTrip(t *testing.T) {
	in := validEvent()
	in.Data, in.DataBase64, in.DataContentType = nil, []byte{0, 1, 2, 0xff}, "application/octet-stream"
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"data_base64":"AAEC/w=="`)
	var out grassroots.Event
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in.DataBase64, out.DataBase64)
}

func TestEventRejectsInvalidEnvelopes(t *testing.T) {
	cases := []struct {
		name, json, field string
	}{
		{"missing id", `{"source":"/s","specversion":"1.0","type":"t"}`, "id"},
		{"missing source", `{"id":"1","specversion":"1.0","type":"t"}`, "source"},
		{"missing type", `{"id":"1","source":"/s","specversion":"1.0"}`, "type"},
		{"specversion 0.3", `{"id":"1","source":"/s","specversion":"0.3","type":"t"}`, "specversion"},
		{"missing specversion", `{"id":"1","source":"/s","type":"t"}`, "specversion"},
		{"extension name with upper case", `{"id":"1","source":"/s","specversion":"1.0","type":"t","Tenant":"x"}`, "Tenant"},
		{"extension name with a dash", `{"id":"1","source":"/s","specversion":"1.0","type":"t","ten-ant":"x"}`, "ten-ant"},
		{"extension name over 20 characters", `{"id":"1","source":"/s","specversion":"1.0","type":"t","abcdefghijklmnopqrstu":"x"}`, "abcdefghijklmnopqrstu"},
		{"both data and data_base64", `{"id":"1","source":"/s","specversion":"1.0","type":"t","data":{},"data_base64":"AA=="}`, "data"},
		{"time not RFC 3339", `{"id":"1","source":"/s","specversion":"1.0","type":"t","time":"2024-05-06 08:30"}`, "time"},
		{"id not a string", `{"id":1,"source":"/s","specversion":"1.0","type":"t"}`, "id"},
		{"extension value an object", `{"id":"1","source":"/s","specversion":"1.0","type":"t","x":{}}`, "x"},
		{"extension integer out of range", `{"id":"1","source":"/s","specversion":"1.0","type":"t","x":2147483648}`, "x"},
		{"relative dataschema", `{"id":"1","source":"/s","specversion":"1.0","type":"t","dataschema":"schemas/x"}`, "dataschema"},
		{"bad hash", `{"id":"1","source":"/s","specversion":"1.0","type":"t","sequence":1,"hash":"ABC"}`, "hash"},
		{"bad base64", `{"id":"1","source":"/s","specversion":"1.0","type":"t","data_base64":"!!"}`, "data_base64"},
	}
	for _, c := range cases {
		var e grassroots.Event
		e.ID = "unchanged"
		err := json.Unmarshal([]byte(c.json), &e)
		var ve *grassroots.ValidationError
		if assert.True(t, errors.As(err, &ve), "%s: want ValidationError, got %v", c.name, err) {
			assert.True(t, ve.Has(c.field), "%s: want a problem at %q, got %v", c.name, c.field, ve)
		}
		assert.Equal(t, "unchanged", e.ID, "%s: a failed decode leaves the event unchanged", c.name)
	}
}

func TestEventNullAttributesAreAbsent(t *testing.T) {
	var e grassroots.Event
	require.NoError(t, json.Unmarshal([]byte(`{"id":"1","source":"/s","specversion":"1.0","type":"t","subject":null,"data":null}`), &e))
	assert.Empty(t, e.Subject)
	assert.Nil(t, e.Data)
}

func TestEventMarshalRefusesInvalid(t *testing.T) {
	e := validEvent()
	e.SpecVersion = "0.3"
	_, err := json.Marshal(e)
	assert.ErrorIs(t, err, grassroots.ErrInvalid)
}

func TestParseEventType(t *testing.T) {
	pkg, name, ok := grassroots.ParseEventType("grassroots.incident.reported.v1")
	assert.True(t, ok)
	assert.Equal(t, "incident", pkg)
	assert.Equal(t, "reported", name)
	for _, bad := range []string{"grassroots.incident.v1", "com.example.x.v1", "grassroots.incident.reported.v2", "grassroots..x.v1", "grassroots.a.b.c.v1"} {
		_, _, ok := grassroots.ParseEventType(bad)
		assert.False(t, ok, bad)
	}
}

func FuzzEventJSON(f *testing.F) {
	b, _ := json.Marshal(validEvent())
	f.Add(b)
	f.Add([]byte(`{"id":"1","source":"/s","specversion":"1.0","type":"t","data_base64":""}`))
	f.Add([]byte(`{"id":"1","source":"/s","specversion":"1.0","type":"t","subject":"s","time":"2025-06-09t10:00:00.50z","data":{"a":[1,2.5,-0,"\u00e9"]}}`))
	f.Add([]byte(`{"id":"1","source":"/s","specversion":"1.0","type":"t","sequence":3,"prevhash":"` + string(bytes.Repeat([]byte("a"), 64)) + `","x":-5}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var e1 grassroots.Event
		if err := json.Unmarshal(in, &e1); err != nil {
			return
		}
		b1, err := json.Marshal(e1)
		if err != nil {
			t.Fatalf("decoded event does not encode: %v", err)
		}
		var e2 grassroots.Event
		if err := json.Unmarshal(b1, &e2); err != nil {
			t.Fatalf("encoded event does not decode: %s: %v", b1, err)
		}
		b2, err := json.Marshal(e2)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b1, b2) {
			t.Fatalf("unstable round trip:\n%s\n%s", b1, b2)
		}
		if err := e1.Validate(); err != nil {
			t.Fatalf("a decoded event fails Validate: %v", err)
		}
		h1, err1 := grassroots.ComputeHash(&e1)
		h2, err2 := grassroots.ComputeHash(&e2)
		if err1 != nil || err2 != nil || h1 != h2 {
			t.Fatalf("hash changed across a round trip: %s %v / %s %v", h1, err1, h2, err2)
		}
		if e1.Hash != "" && (e1.Hash == h1) != (e2.Hash == h2) {
			t.Fatalf("verification differs across a round trip")
		}
		// AppendVerified and AppendIntact refuse what VerifyLink refuses
		// and write what MarshalJSON writes.
		// (json.Marshal escapes <, > and & in what MarshalJSON writes, so
		// MarshalJSON itself is the reference.)
		m1, err := e1.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		line, err := grassroots.AppendVerified([]byte("x"), nil, &e1)
		if want := grassroots.VerifyLink(nil, &e1); fmt.Sprint(err) != fmt.Sprint(want) {
			t.Fatalf("AppendVerified: %v; VerifyLink: %v", err, want)
		}
		if err == nil && string(line) != "x"+string(m1) {
			t.Fatalf("AppendVerified wrote\n%s\nMarshalJSON\n%s", line, m1)
		}
		if err != nil && string(line) != "x" {
			t.Fatalf("AppendVerified failed (%v) but changed dst: %s", err, line)
		}
		line, err = grassroots.AppendIntact(nil, &e1)
		if intact := e1.Hash != "" && e1.Hash == h1; intact != (err == nil) {
			t.Fatalf("AppendIntact of an event whose hash matches %v: %v", intact, err)
		}
		if err == nil && string(line) != string(m1) {
			t.Fatalf("AppendIntact wrote\n%s\nMarshalJSON\n%s", line, m1)
		}
		if e1.Subject == "" {
			return
		}
		// Whatever decodes can be sealed, and the sealed event reads back
		// and verifies.
		sealed, err := grassroots.Seal(nil, e1)
		if err != nil {
			t.Fatalf("a decoded event does not seal: %v", err)
		}
		b3, err := json.Marshal(sealed)
		if err != nil {
			t.Fatal(err)
		}
		back, err := grassroots.ParseEvent(b3)
		if err != nil {
			t.Fatalf("a sealed event does not read back: %s: %v", b3, err)
		}
		if err := grassroots.VerifyChain([]grassroots.Event{back}); err != nil {
			t.Fatalf("a sealed event does not verify after a round trip: %v", err)
		}
		m3, err := sealed.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if line, err := grassroots.AppendVerified(nil, nil, &sealed); err != nil || string(line) != string(m3) {
			t.Fatalf("AppendVerified of a sealed event: %v\n%s\nMarshalJSON\n%s", err, line, m3)
		}
	})
}

func TestEventSourceMustBeURIReference(t *testing.T) {
	for _, src := range []string{"/district/330302", "urn:grassroots:330302", "https://gov.example/x", "relative/path"} {
		e := validEvent()
		e.Source = src
		assert.NoError(t, e.Validate(), "source %q", src)
	}
	for _, src := range []string{"1:b", "http://[::1", "a b%zz"} {
		e := validEvent()
		e.Source = src
		err := e.Validate()
		var ve *grassroots.ValidationError
		if assert.True(t, errors.As(err, &ve), "source %q must be rejected", src) {
			assert.True(t, ve.Has("source"), "source %q", src)
		}
	}
}
