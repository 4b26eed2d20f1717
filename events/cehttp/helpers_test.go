package cehttp_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/cehttp"
)

var cst = time.FixedZone("CST", 8*3600)

// chain seals n events of subject whose attributes take the forms a
// binding is most likely to rewrite: a time with an offset and a
// fraction, integer and boolean extensions, and (when text is set)
// strings with spaces, quotes, percent signs and characters outside
// ASCII. Every third event carries binary data.
func chain(t testing.TB, subject string, n int, text bool) []grassroots.Event {
	t.Helper()
	var out []grassroots.Event
	var prev *grassroots.Event
	for i := range n {
		e := grassroots.Event{
			ID:     grassroots.EventID(subject, fmt.Sprintf("c-%d", i), 0, time.Date(2025, 6, 9, 10, i, 0, 123_400_000, cst)),
			Source: "/districts/330302/incident", SpecVersion: grassroots.SpecVersion,
			Type:    grassroots.EventType("incident", "accepted"),
			Subject: subject, Time: time.Date(2025, 6, 9, 10, i, 0, 123_400_000, cst),
			DataSchema:      "https://schemas.example.org/incident/accepted.v1.json",
			DataContentType: "application/json",
			Data:            json.RawMessage(fmt.Sprintf(`{"step":%d,"note":"step %d","share":0.25}`, i, i)),
			Extensions:      map[string]any{"tenant": "wz", "priority": int64(i), "urgent": i%2 == 0},
		}
		if text {
			e.Extensions["note"] = fmt.Sprintf(`Euro € 😀 "%d" 100%% 第%d步`, i, i)
			e.Data = json.RawMessage(fmt.Sprintf(`{"step":%d,"note":"第%d步 \"quoted\"","share":0.25}`, i, i))
		}
		if i%3 == 2 {
			e.DataContentType, e.Data, e.DataBase64 = "application/octet-stream", nil, []byte{0, 1, 2, 0xFF, byte(i)}
		}
		s, err := grassroots.Seal(prev, e)
		require.NoError(t, err, "sealing event %d", i)
		out = append(out, s)
		prev = &out[len(out)-1]
	}
	return out
}

// collector is a Deliver function that keeps what it receives.
type collector struct {
	mu      sync.Mutex
	batches [][]grassroots.Event
	err     error
}

func (c *collector) deliver(_ context.Context, events []grassroots.Event) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return c.err
	}
	c.batches = append(c.batches, events)
	return nil
}

// events returns every event received, in order.
func (c *collector) events() []grassroots.Event {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []grassroots.Event
	for _, b := range c.batches {
		out = append(out, b...)
	}
	return out
}

func (c *collector) calls() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.batches)
}

// serve starts a Handler delivering to a new collector on an httptest
// server (on 127.0.0.1) and returns both.
func serve(t testing.TB, opts cehttp.HandlerOptions) (*httptest.Server, *collector) {
	t.Helper()
	c := &collector{}
	h, err := cehttp.NewHandler(c.deliver, opts)
	require.NoError(t, err, "NewHandler")
	return newServer(t, h), c
}

// newServer serves h on an httptest server (on 127.0.0.1) until the test
// ends.
func newServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// answer is a response read whole.
type answer struct {
	status  int
	header  http.Header
	body    string
	problem cehttp.Problem
}

// do sends a hand-built request and reads the answer, decoding a problem
// body when there is one.
func do(t testing.TB, method, url string, header http.Header, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err, "request")
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "sending %s", method)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err, "reading the answer")
	a := answer{status: resp.StatusCode, header: resp.Header, body: string(b)}
	if resp.Header.Get("Content-Type") == cehttp.ProblemContentType {
		require.NoError(t, json.Unmarshal(b, &a.problem), "problem body %s", b)
	}
	return a
}

// binaryHeader returns the binary-mode header of a plain valid event,
// with changes applied (an empty value removes the field).
func binaryHeader(changes map[string]string) http.Header {
	h := http.Header{
		"Ce-Specversion": {"1.0"},
		"Ce-Id":          {"e-1"},
		"Ce-Source":      {"/districts/330302/incident"},
		"Ce-Type":        {"grassroots.incident.accepted.v1"},
		"Ce-Subject":     {"I-7"},
		"Ce-Time":        {"2025-06-09T02:00:00Z"},
		"Content-Type":   {"application/json"},
	}
	for k, v := range changes {
		if v == "" {
			delete(h, k)
		} else {
			h[k] = []string{v}
		}
	}
	return h
}

// structured returns the JSON of a plain valid event with its members
// (written as JSON text) replaced or added; an empty text removes the
// member.
func structured(members map[string]string) string {
	m := map[string]string{
		"specversion": `"1.0"`, "id": `"e-1"`, "source": `"/districts/330302/incident"`,
		"type": `"grassroots.incident.accepted.v1"`, "subject": `"I-7"`, "time": `"2025-06-09T10:00:00+08:00"`,
		"data": `{"step":1}`,
	}
	for k, v := range members {
		m[k] = v
	}
	var b strings.Builder
	b.WriteString("{")
	first := true
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] == "" {
			continue
		}
		if !first {
			b.WriteString(",")
		}
		first = false
		fmt.Fprintf(&b, "%q:%s", k, m[k])
	}
	b.WriteString("}")
	return b.String()
}

// newRawServer starts an httptest server that hands each request and its
// body to fn and answers with the status fn returns.
func newRawServer(t testing.TB, fn func(r *http.Request, body string) int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.WriteHeader(fn(r, string(b)))
	}))
	t.Cleanup(srv.Close)
	return srv
}
