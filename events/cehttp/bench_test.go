package cehttp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/cehttp"
)

// discard is a ResponseWriter that keeps only the status.
type discard struct {
	h      http.Header
	status int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(status int)      { d.status = status }

// benchServe runs the Handler's ServeHTTP on one prepared request per
// iteration: reading the body, decoding, (verifying,) delivering and
// answering.
func benchServe(b *testing.B, opts cehttp.HandlerOptions, header http.Header, body []byte, events int) {
	h, err := cehttp.NewHandler(func(_ context.Context, evs []grassroots.Event) error {
		if len(evs) != events {
			b.Fatalf("delivered %d events, want %d", len(evs), events)
		}
		return nil
	}, opts)
	if err != nil {
		b.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1/events", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header = header
	req.ContentLength = int64(len(body))
	w := &discard{h: http.Header{}}
	r := bytes.NewReader(body)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		r.Reset(body)
		req.Body = io.NopCloser(r)
		clear(w.h)
		h.ServeHTTP(w, req)
		if w.status != http.StatusAccepted {
			b.Fatalf("status %d", w.status)
		}
	}
}

func BenchmarkHandler(b *testing.B) {
	events := chain(b, "I-7", 101, true)
	one, err := json.Marshal(events[0])
	if err != nil {
		b.Fatal(err)
	}
	batch, err := cehttp.MarshalBatch(events[:100])
	if err != nil {
		b.Fatal(err)
	}
	binHeader := http.Header{}
	var binBody []byte
	capture := newRawServer(b, func(r *http.Request, body string) int {
		for k, v := range r.Header {
			if len(k) > 3 && k[:3] == "Ce-" || k == "Content-Type" {
				binHeader[k] = v
			}
		}
		binBody = []byte(body)
		return http.StatusAccepted
	})
	if err := (&cehttp.Client{}).SendBinary(context.Background(), capture.URL, events[0]); err != nil {
		b.Fatal(err)
	}

	b.Run("structured/events=1", func(b *testing.B) {
		benchServe(b, cehttp.HandlerOptions{}, http.Header{"Content-Type": {grassroots.ContentType}}, one, 1)
	})
	b.Run("binary/events=1", func(b *testing.B) {
		benchServe(b, cehttp.HandlerOptions{}, binHeader, binBody, 1)
	})
	b.Run("batch/events=100", func(b *testing.B) {
		benchServe(b, cehttp.HandlerOptions{}, http.Header{"Content-Type": {grassroots.BatchContentType}}, batch, 100)
	})
	b.Run("batch/events=100/verified", func(b *testing.B) {
		benchServe(b, cehttp.HandlerOptions{Heads: headMap{}}, http.Header{"Content-Type": {grassroots.BatchContentType}}, batch, 100)
	})
}

// BenchmarkLoopback sends with the Client to the Handler over a loopback
// TCP connection: both ends of the HTTP exchange.
func BenchmarkLoopback(b *testing.B) {
	events := chain(b, "I-7", 100, true)
	h, err := cehttp.NewHandler(func(context.Context, []grassroots.Event) error { return nil }, cehttp.HandlerOptions{})
	if err != nil {
		b.Fatal(err)
	}
	srv := newServer(b, h)
	client := cehttp.Client{HTTPClient: srv.Client()}
	ctx := context.Background()
	b.Run("structured/events=1", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := client.SendStructured(ctx, srv.URL, events[0]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("batch/events=100", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := client.SendBatch(ctx, srv.URL, events); err != nil {
				b.Fatal(err)
			}
		}
	})
}
