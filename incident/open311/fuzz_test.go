package open311_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

// FuzzDecodeForm checks that a form DecodeForm accepts encodes, through
// Submission.Values, to a form that decodes to the same submission.
func FuzzDecodeForm(f *testing.F) {
	for _, s := range []string{
		"service_code=001&lat=27.99&long=120.69&description=rubbish",
		"service_code=001&address_id=1&attribute[KIND][]=1&attribute[KIND][]=2&attribute[KIND]=3",
		"service_code=pothole&lat=51.5&long=-0.14&attribute[fixmystreet_id]=1&attribute[title]=&media_url=https://a.cn/1.jpg&media_url=https://a.cn/2.jpg",
		"service_code=006&address_id=%23NOTPINPOINTED%23&description=fish+%26amp%3B+chips",
		"service_code=006&address_string=1+Wuma+Street&first_name=Li&phone=138&zipcode=325000&media_url=https://x.cn/a.jpg",
		"service_code=1&lat=0x1p-2&long=-0",
		"lat=95&description=%3Cb%3E",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		q, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		sub, err := open311.DecodeForm(q)
		if err != nil {
			assert.ErrorIs(t, err, grassroots.ErrInvalid, "form %q", body)
			assert.Equal(t, open311.Submission{}, sub, "no partial value for %q", body)
			return
		}
		again, err := open311.DecodeForm(sub.Values())
		require.NoError(t, err, "re-encoded form of %q", body)
		assert.Equal(t, sub, again, "round trip of %q", body)
	})
}

// FuzzDecodeRequests checks that a document DecodeRequests accepts
// re-encodes, in JSON and (when its text is representable in XML) in XML,
// to a document that decodes to the same requests.
func FuzzDecodeRequests(f *testing.F) {
	b, err := os.ReadFile(filepath.Join(vectorDir, "decode_requests.json"))
	require.NoError(f, err, "seed vectors")
	for _, doc := range seedDocuments(f, b) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		list, err := open311.DecodeRequests(strings.NewReader(doc))
		if err != nil {
			assert.Nil(t, list, "no partial value")
			return
		}
		first := encodeJSON(t, list)
		for _, format := range []open311.Format{open311.JSON, open311.XML} {
			if format == open311.XML && !xmlSafe(list) {
				continue
			}
			var buf bytes.Buffer
			require.NoError(t, open311.EncodeRequests(&buf, format, list), "encode %s", format)
			again, err := open311.DecodeRequests(&buf)
			require.NoError(t, err, "decode own %s output %q", format, buf.String())
			assert.Equal(t, first, encodeJSON(t, again), "round trip through %s of %q", format, doc)
		}
	})
}

// FuzzParseDatetime checks that an accepted datetime writes in whole
// seconds with an offset and reads back to the same instant, and that
// ParseDatetime agrees with the standard library's RFC 3339 parser on
// every text of the form both know (seconds and a zone), and with that
// parser after adding ":00" on a text with minutes alone.
func FuzzParseDatetime(f *testing.F) {
	b, err := os.ReadFile(filepath.Join(vectorDir, "datetimes.json"))
	require.NoError(f, err, "seed vectors")
	for _, s := range seedDocuments(f, b) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := open311.ParseDatetime(s)
		if ref, ok := reference(s); ok && s != "" {
			if assert.NoError(t, err, "%q is RFC 3339 with a zone", s) {
				assert.True(t, ref.Equal(d.Time), "%q: %s, the reference reads %s", s, d.Time, ref)
			}
		} else if err == nil && s != "" {
			t.Errorf("%q accepted, but the reference parser refuses it", s)
		}
		if err != nil || d.IsZero() {
			return
		}
		text, err := d.MarshalText()
		if err != nil {
			return // a year beyond 9999 after the offset cannot be written
		}
		back, err := open311.ParseDatetime(string(text))
		require.NoError(t, err, "own output %q of %q", text, s)
		assert.True(t, back.Equal(d.Truncate(time.Second)), "%q reads back as %q", s, text)
		assert.NotContains(t, string(text), ".", "whole seconds for %q", s)
	})
}

// reference parses s with time.Parse, restricted to what GeoReport v2
// takes: the W3C-DTF character set, seconds (added when only minutes are
// given), at most nine fractional digits, and a zone.
func reference(s string) (time.Time, bool) {
	if strings.Trim(s, "0123456789-:.TtZz+") != "" || len(s) < 17 {
		return time.Time{}, false
	}
	if len(s) > 16 && s[13] == ':' && (s[16] == 'Z' || s[16] == 'z' || s[16] == '+' || s[16] == '-') {
		s = s[:16] + ":00" + s[16:]
	}
	if len(s) < 20 || s[19] != '.' && s[19] != 'Z' && s[19] != 'z' && s[19] != '+' && s[19] != '-' {
		return time.Time{}, false
	}
	if i := strings.IndexByte(s, '.'); i > 0 {
		n := i + 1
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n-i-1 > 9 {
			return time.Time{}, false
		}
	}
	s = strings.ToUpper(s) // time.Parse reads only T and Z, RFC 3339 both cases
	if s[len(s)-1] != 'Z' {
		if len(s) < 6 || s[len(s)-3] != ':' || (s[len(s)-6] != '+' && s[len(s)-6] != '-') || s[len(s)-5:len(s)-3] > "23" || s[len(s)-2:] > "59" {
			return time.Time{}, false // RFC 3339 offsets have hours 00-23 and minutes 00-59; time.Parse takes minute 60
		}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}

// FuzzDecodeUpdates checks that an update list DecodeUpdates accepts
// re-encodes, in JSON and (when its text is representable) in XML, to a
// document that decodes to the same updates.
func FuzzDecodeUpdates(f *testing.F) {
	b, err := os.ReadFile(filepath.Join(vectorDir, "decode_updates.json"))
	require.NoError(f, err, "seed vectors")
	for _, doc := range seedDocuments(f, b) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		list, err := open311.DecodeUpdates(strings.NewReader(doc))
		if err != nil {
			assert.Nil(t, list, "no partial value")
			return
		}
		var first bytes.Buffer
		if err := open311.EncodeUpdates(&first, open311.JSON, list); err != nil {
			return // a datetime beyond year 9999 after its offset cannot be written
		}
		for _, format := range []open311.Format{open311.JSON, open311.XML} {
			if format == open311.XML && !updatesXMLSafe(list) {
				continue
			}
			var buf bytes.Buffer
			require.NoError(t, open311.EncodeUpdates(&buf, format, list), "encode %s", format)
			again, err := open311.DecodeUpdates(&buf)
			require.NoError(t, err, "decode own %s output %q", format, buf.String())
			var second bytes.Buffer
			require.NoError(t, open311.EncodeUpdates(&second, open311.JSON, again), "re-encode")
			assert.Equal(t, first.String(), second.String(), "round trip through %s of %q", format, doc)
		}
	})
}

func updatesXMLSafe(list []open311.Update) bool {
	for _, u := range list {
		for _, s := range []string{string(u.UpdateID), string(u.ServiceRequestID), u.Description, u.MediaURL, u.ExternalStatusCode} {
			if !xmlText(s) {
				return false
			}
		}
	}
	return true
}

func seedDocuments(t testing.TB, b []byte) []string {
	var vs []struct {
		Input string `json:"input"`
	}
	require.NoError(t, json.Unmarshal(b, &vs), "vectors")
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Input
	}
	return out
}

func encodeJSON(t *testing.T, list []open311.Request) string {
	var buf bytes.Buffer
	require.NoError(t, open311.EncodeRequests(&buf, open311.JSON, list), "encode JSON")
	return buf.String()
}

// xmlSafe reports whether every character of the requests' text may
// appear in XML 1.0, so that an XML round trip can preserve it.
func xmlSafe(list []open311.Request) bool {
	for _, q := range list {
		for _, s := range []string{
			string(q.ServiceRequestID), q.Status, q.StatusNotes, q.ServiceName, string(q.ServiceCode),
			q.Description, q.AgencyResponsible, q.ServiceNotice, q.Address, string(q.AddressID),
			string(q.Zipcode), q.MediaURL,
		} {
			if !xmlText(s) {
				return false
			}
		}
		for _, a := range q.Attributes {
			if !xmlText(a.Label) || !xmlText(a.Name) || !xmlText(a.Value) || !xmlText(a.Code) {
				return false
			}
		}
	}
	return true
}

// xmlText reports whether every character of s may appear in XML 1.0
// text as itself: a carriage return does not survive XML's line-end
// normalisation, so it counts as unsafe too.
func xmlText(s string) bool {
	for _, r := range s {
		ok := r == 0x09 || r == 0x0A || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000
		if !ok || r == utf8.RuneError {
			return false
		}
	}
	return true
}
