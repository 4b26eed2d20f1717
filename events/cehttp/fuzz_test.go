package cehttp

import (
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// wireHeader turns lines "Name: value" into the header net/http would
// hand a handler: names canonicalised, values trimmed of spaces and tabs,
// repeated names kept as several values. Lines without a colon are
// skipped.
func wireHeader(text string) http.Header {
	h := http.Header{}
	for _, line := range strings.Split(text, "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || name == "" || strings.ContainsAny(name, " \t\r") {
			continue
		}
		h.Add(name, strings.Trim(value, " \t\r"))
	}
	return h
}

const seedHeader = "ce-specversion: 1.0\nce-id: e-1\nce-source: /districts/330302/incident\n" +
	"ce-type: grassroots.incident.accepted.v1\nce-subject: I-7\nce-time: 2025-06-09T10:00:00.1234+08:00\n"

// FuzzDecodeBinary checks the binary-mode decoding of headers and body:
// whatever it accepts is a valid event that re-sends (writeBinary) to
// headers and a body that decode to an event with the same hash, and
// that event re-sends identically; whatever it refuses is a
// *grassroots.ValidationError naming the attributes, with no partial
// event.
func FuzzDecodeBinary(f *testing.F) {
	for _, s := range []struct{ header, body string }{
		{seedHeader + "content-type: application/json", `{"step":1,"note":"第1步"}`},
		{seedHeader + "content-type: application/octet-stream\nce-sequence: 2\nce-prevhash: " + strings.Repeat("ab", 32), "\x00\x01\xff"},
		{seedHeader + "ce-note: Euro%20%E2%82%AC%20%F0%9F%98%80\nce-urgent: true\nce-priority: -3", ""},
		{seedHeader + `ce-note: "a \"b\" %25"`, `[1]`},
		{seedHeader + "ce-subject: I%2\nce-sequence: 01", `{}`},
		{seedHeader + "ce-time: 2025-06-09T10:00:00+24:00\nce-sequence: x", `{}`},
		{seedHeader + "ce-subject: I%C0%A0\nce-datacontenttype: text/plain", `{}`},
		{seedHeader + "ce-id: e-2\ncontent-type: text/plain; charset=utf-8", "plain text"},
		{seedHeader + "ce-: x\nce-Data: y\ncontent-type: json", `{"a":1,"a":2}`},
		{seedHeader + "content-type: application/geo+json", `{"n":12345678901234567890}`},
	} {
		f.Add(s.header, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, header string, body []byte) {
		h := wireHeader(header)
		e, err := decodeBinary(h, body)
		if err != nil {
			var ve *grassroots.ValidationError
			require.ErrorAs(t, err, &ve, "refusal of %q", header)
			for _, fe := range ve.Fields {
				assert.NotEmpty(t, fe.Rule, "problem %q of %q has a rule", fe.Path, header)
			}
			assert.True(t, reflect.ValueOf(e).IsZero(), "no partial event for %q", header)
			return
		}
		require.NoError(t, e.Validate(), "accepted event of %q is valid", header)
		require.NoError(t, checkBinary(&e), "accepted event of %q can be re-sent in binary mode", header)
		h1 := http.Header{}
		b1 := writeBinary(h1, &e)
		for k, vs := range h1 {
			for _, v := range vs {
				for i := 0; i < len(v); i++ {
					if c := v[i]; k != "Content-Type" && (c <= ' ' || c >= 0x7F || c == '"') {
						t.Fatalf("header %s of %q carries byte %#x unencoded: %q", k, header, c, v)
					}
				}
			}
		}
		e2, err := decodeBinary(h1, b1)
		require.NoError(t, err, "re-sent form %v of %q decodes", h1, header)
		h2 := http.Header{}
		b2 := writeBinary(h2, &e2)
		assert.Equal(t, h1, h2, "re-sent headers of %q are identical", header)
		assert.Equal(t, b1, b2, "re-sent body of %q is identical", header)
		hash1, err1 := grassroots.ComputeHash(&e)
		hash2, err2 := grassroots.ComputeHash(&e2)
		require.NoError(t, errors.Join(err1, err2), "hashing %q", header)
		assert.Equal(t, hash1, hash2, "the hash of %q survives re-sending", header)
	})
}

// FuzzDecodeHeaderValue checks the header value codec: encoding then
// decoding gives back any string; without double quotes, decoding agrees
// with net/url's percent-decoding; what decodes re-encodes to a value
// that decodes the same.
func FuzzDecodeHeaderValue(f *testing.F) {
	for _, s := range []string{
		"Euro%20%E2%82%AC%20%F0%9F%98%80", "euro%e2%82%ac", "%41", "%2541", "I%2", "%zz", "%",
		`"quoted value"`, `"a \"b\" \\ c"`, `x "y z" w`, `"unterminated`, `"\`, "raw 第1步", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		back, err := decodeHeaderValue(encodeHeaderValue(v))
		require.NoError(t, err, "the encoding of %q decodes", v)
		assert.Equal(t, v, back, "encoding then decoding %q", v)

		got, err := decodeHeaderValue(v)
		if !strings.Contains(v, `"`) {
			want, refErr := url.PathUnescape(v)
			assert.Equal(t, refErr == nil, err == nil, "decoding %q: %v, net/url: %v", v, err, refErr)
			if err == nil && refErr == nil {
				assert.Equal(t, want, got, "decoding %q agrees with net/url", v)
			}
		}
		if err != nil {
			return
		}
		again, err := decodeHeaderValue(encodeHeaderValue(got))
		require.NoError(t, err, "re-encoded %q decodes", got)
		assert.Equal(t, got, again, "re-encoding the decoding of %q", v)
	})
}
