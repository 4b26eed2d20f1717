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

	"github.com/grassrootsgov/grassroots/incident/open311"
)

// FuzzDecodeForm checks that a form DecodeForm accepts encodes, through
// Submission.Values, to a form that decodes to the same submission.
func FuzzDecodeForm(f *testing.F) {
	for _, s := range []string{
		"service_code=001&lat=27.99&long=120.69&description=rubbish",
		"service_code=001&address_id=1&attribute[KIND][]=1&attribute[KIND][]=2&attribute[KIND]=3",
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
			assert.ErrorIs(t, err, open311.ErrInvalidForm, "form %q", body)
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
// seconds with an offset and reads back to the same instant.
func FuzzParseDatetime(f *testing.F) {
	for _, s := range []string{"2026-03-10T09:00:00+08:00", "2010-04-14T06:37:38-08:00", "2026-03-10T01:00:00.75Z", "2026-03-10T09:00:00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := open311.ParseDatetime(s)
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
			for _, r := range s {
				ok := r == 0x09 || r == 0x0A || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || r >= 0x10000
				if !ok || r == utf8.RuneError {
					return false
				}
			}
		}
	}
	return true
}
