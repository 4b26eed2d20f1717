package open311_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

func benchRecord() open311.Record {
	return open311.Record{State: incident.Incident{
		ID: "019a-0002", Status: incident.StatusClosed, Category: "002", Description: "rubbish heaped by the gate",
		Unit: "street-office", Address: "Wuma Street gate",
		Location:   incident.Location{Point: grid.Point{Lng: 120.6994, Lat: 27.9938}, CRS: grid.GCJ02},
		ReportedAt: start, UpdatedAt: start.Add(30 * time.Hour), ClosedAt: start.Add(30 * time.Hour),
		HandleTerm: incident.Term{Start: start, End: start.Add(32 * time.Hour)},
	}}
}

func BenchmarkToRequest(b *testing.B) {
	rec := benchRecord()
	cat := incident.DefaultCatalog()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := open311.ToRequest(&rec, cat, shanghai); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeRequests(b *testing.B) {
	rec := benchRecord()
	req, err := open311.ToRequest(&rec, incident.DefaultCatalog(), shanghai)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 1000} {
		list := make([]open311.Request, n)
		for i := range list {
			list[i] = req
		}
		for _, f := range []open311.Format{open311.JSON, open311.XML} {
			var buf bytes.Buffer
			if err := open311.EncodeRequests(&buf, f, list); err != nil {
				b.Fatal(err)
			}
			doc := buf.Bytes()
			b.Run(fmt.Sprintf("requests=%d/format=%s", n, f), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(doc)))
				for b.Loop() {
					if _, err := open311.DecodeRequests(bytes.NewReader(doc)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkHandlerPostRequest measures a POST requests round trip through
// the Handler and a MemoryStore, without a network.
func BenchmarkHandlerPostRequest(b *testing.B) {
	h, err := open311.NewHandler(&open311.MemoryStore{}, newDecider(b),
		open311.WithAPIKey(residentKey, resident), open311.WithClock(func() time.Time { return start }), open311.WithRand(seeded(2)))
	if err != nil {
		b.Fatal(err)
	}
	body := url.Values{"api_key": {residentKey}, "service_code": {"002"}, "lat": {"27.9938"}, "long": {"120.6994"},
		"description": {"rubbish heaped by the gate"}}.Encode()
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/requests.json", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatal(w.Body.String())
		}
	}
}

// BenchmarkHandlerPostRequestFixMyStreet measures a POST requests round
// trip of a report as FixMyStreet sends it, its extended description and
// seven attributes of its own, as a form and as multipart/form-data.
func BenchmarkHandlerPostRequestFixMyStreet(b *testing.B) {
	h, err := open311.NewHandler(&open311.MemoryStore{}, newDecider(b),
		open311.WithAPIKey(residentKey, resident), open311.WithClock(func() time.Time { return start }), open311.WithRand(seeded(2)))
	if err != nil {
		b.Fatal(err)
	}
	fs := fields([][2]string{{"api_key", residentKey}, {"service_code", "002"}, {"lat", "27.9938"}, {"long", "120.6994"},
		{"description", fmsDescription}, {"first_name", "Test"}, {"last_name", "User"}, {"email", "test@example.com"}}, fmsAttributes)
	v := url.Values{}
	parts := make([]part, 0, len(fs))
	for _, kv := range fs {
		v.Add(kv[0], kv[1])
		parts = append(parts, part{name: kv[0], value: kv[1]})
	}
	mtype, mbody := multipartBody(b, parts)
	bodies := []struct{ name, ctype, body string }{
		{"form", "application/x-www-form-urlencoded", v.Encode()},
		{"multipart", mtype, mbody.String()},
	}
	for _, c := range bodies {
		b.Run("body="+c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest(http.MethodPost, "/requests.xml", strings.NewReader(c.body))
				r.Header.Set("Content-Type", c.ctype)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				if w.Code != http.StatusOK {
					b.Fatal(w.Body.String())
				}
			}
		})
	}
}
