package cehttp_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/cehttp"
)

// assertChain checks got as assertSame does, and that it verifies as one
// chain.
func assertChain(t *testing.T, want, got []grassroots.Event, mode string) {
	t.Helper()
	assertSame(t, want, got, mode)
	assert.NoError(t, grassroots.VerifyChain(got), "%s: the chain verifies after the trip", mode)
}

// assertSame checks that got holds the events of want with the same
// canonical attributes, data and hash.
func assertSame(t *testing.T, want, got []grassroots.Event, mode string) {
	t.Helper()
	require.Len(t, got, len(want), "%s: events received", mode)
	for i := range want {
		assert.Equal(t, want[i].AttributeNames(), got[i].AttributeNames(), "%s: event %d attribute names", mode, i)
		for _, n := range want[i].AttributeNames() {
			w, _ := want[i].Attribute(n)
			g, _ := got[i].Attribute(n)
			assert.Equal(t, w, g, "%s: event %d attribute %s", mode, i, n)
		}
		if want[i].Data == nil {
			assert.Nil(t, got[i].Data, "%s: event %d has no data", mode, i)
		} else {
			assert.JSONEq(t, string(want[i].Data), string(got[i].Data), "%s: event %d data", mode, i)
		}
		assert.Equal(t, want[i].DataBase64, got[i].DataBase64, "%s: event %d data_base64", mode, i)
		h, err := grassroots.ComputeHash(&got[i])
		require.NoError(t, err, "%s: event %d hashes", mode, i)
		assert.Equal(t, want[i].Hash, h, "%s: event %d hash after the trip", mode, i)
	}
}

// Events travel from the Client to the Handler in all three modes, with
// attribute values that need percent-encoding, and arrive with the hash
// they left with.
func TestClientToHandlerKeepsTheChain(t *testing.T) {
	events := chain(t, "I-7", 6, true)
	var client cehttp.Client
	ctx := context.Background()

	srv, got := serve(t, cehttp.HandlerOptions{})
	for i, e := range events {
		require.NoError(t, client.SendBinary(ctx, srv.URL, e), "binary event %d", i)
	}
	assert.Equal(t, len(events), got.calls(), "binary: one delivery per event")
	assertChain(t, events, got.events(), "binary")

	srv, got = serve(t, cehttp.HandlerOptions{})
	for i, e := range events {
		require.NoError(t, client.SendStructured(ctx, srv.URL, e), "structured event %d", i)
	}
	assertChain(t, events, got.events(), "structured")

	srv, got = serve(t, cehttp.HandlerOptions{})
	require.NoError(t, client.SendBatch(ctx, srv.URL, events), "batch")
	assert.Equal(t, 1, got.calls(), "batch: one delivery for the batch")
	assertChain(t, events, got.events(), "batch")
}

// The binary mode writes each attribute's canonical string,
// percent-encoded as the binding's own example shows, datacontenttype as
// Content-Type and the data as the body.
func TestSendBinaryWritesCanonicalHeaders(t *testing.T) {
	var seen *http.Request
	var body string
	srv := newRawServer(t, func(r *http.Request, b string) int { seen, body = r, b; return http.StatusNoContent })
	e := chain(t, "I-7", 1, false)[0]
	e.Extensions = map[string]any{"note": "Euro € 😀", "priority": int64(-3), "urgent": true}
	e, err := grassroots.Seal(nil, e)
	require.NoError(t, err, "sealing")
	require.NoError(t, (&cehttp.Client{}).SendBinary(context.Background(), srv.URL, e), "sending")

	want := map[string]string{
		"Ce-Id":          e.ID,
		"Ce-Source":      "/districts/330302/incident",
		"Ce-Specversion": "1.0",
		"Ce-Type":        "grassroots.incident.accepted.v1",
		"Ce-Subject":     "I-7",
		"Ce-Time":        "2025-06-09T02:00:00.1234Z",
		"Ce-Dataschema":  e.DataSchema,
		"Ce-Sequence":    "1",
		"Ce-Hash":        e.Hash,
		"Ce-Note":        "Euro%20%E2%82%AC%20%F0%9F%98%80",
		"Ce-Priority":    "-3",
		"Ce-Urgent":      "true",
		"Content-Type":   "application/json",
	}
	for k, v := range want {
		assert.Equal(t, []string{v}, seen.Header[k], "header %s", k)
	}
	assert.Empty(t, seen.Header.Values("Ce-Prevhash"), "no prevhash on the first event")
	assert.Empty(t, seen.Header.Values("Ce-Datacontenttype"), "datacontenttype travels as Content-Type")
	assert.Equal(t, string(e.Data), body, "the data is the body")
}

// hostile is a request the Handler must refuse.
type hostile struct {
	name   string
	method string
	header http.Header
	body   string
	status int
	paths  []string // attributes the problem must name
}

func hostileRequests() []hostile {
	bin := func(name string, changes map[string]string, body string, paths ...string) hostile {
		return hostile{name: name, header: binaryHeader(changes), body: body, status: http.StatusBadRequest, paths: paths}
	}
	st := func(name, body string, paths ...string) hostile {
		return hostile{name: name, header: http.Header{"Content-Type": {grassroots.ContentType}}, body: body, status: http.StatusBadRequest, paths: paths}
	}
	batch := func(name, body string, paths ...string) hostile {
		return hostile{name: name, header: http.Header{"Content-Type": {grassroots.BatchContentType}}, body: body, status: http.StatusBadRequest, paths: paths}
	}
	good := structured(nil)
	twice := binaryHeader(nil)
	twice["Ce-Id"] = []string{"e-1", "e-2"}
	return []hostile{
		bin("percent not followed by two hex digits", map[string]string{"Ce-Subject": "I%2"}, `{}`, "subject"),
		bin("percent followed by non-hex", map[string]string{"Ce-Subject": "I%zz7"}, `{}`, "subject"),
		bin("overlong UTF-8 after decoding", map[string]string{"Ce-Subject": "I%C0%A0"}, `{}`, "subject"),
		bin("lone continuation byte", map[string]string{"Ce-Tenant": "wz%80"}, `{}`, "tenant"),
		bin("encoded control character", map[string]string{"Ce-Subject": "I%0A7"}, `{}`, "subject"),
		bin("unterminated quoted string", map[string]string{"Ce-Subject": `"I-7`}, `{}`, "subject"),
		bin("sequence with a leading zero", map[string]string{"Ce-Sequence": "01"}, `{}`, "sequence"),
		bin("sequence not a number", map[string]string{"Ce-Sequence": "x"}, `{}`, "sequence"),
		bin("sequence with a sign", map[string]string{"Ce-Sequence": "+1"}, `{}`, "sequence"),
		bin("time with +24:00", map[string]string{"Ce-Time": "2025-06-09T10:00:00+24:00"}, `{}`, "time"),
		bin("time with one-digit hour", map[string]string{"Ce-Time": "2025-06-09T2:00:00Z"}, `{}`, "time"),
		bin("ce-datacontenttype", map[string]string{"Ce-Datacontenttype": "application/json"}, `{}`, "datacontenttype"),
		bin("ce-data", map[string]string{"Ce-Data": "x"}, `{}`, "data"),
		bin("extension name not a-z0-9", map[string]string{"Ce-My-Ext": "x"}, `{}`, "my-ext"),
		bin("no specversion", map[string]string{"Ce-Specversion": ""}, `{}`, "specversion"),
		bin("specversion 0.3", map[string]string{"Ce-Specversion": "0.3"}, `{}`, "specversion"),
		bin("no id, bad source", map[string]string{"Ce-Id": "", "Ce-Source": "%3A"}, `{}`, "id", "source"),
		bin("JSON data with an inexact number", nil, `{"amount":12345678901234567890}`, "data"),
		bin("JSON data with a duplicate member", nil, `{"a":1,"a":2}`, "data"),
		bin("JSON data that is not JSON", nil, `{"a":`, "data"),
		bin("JSON data with invalid UTF-8", nil, "{\"a\":\"\xff\"}", "data"),
		bin("JSON data null", nil, `null`, "data"),
		bin("Content-Type not a media type", map[string]string{"Content-Type": "json"}, `{}`, "datacontenttype"),
		{name: "a ce- header twice", header: twice, body: `{}`, status: http.StatusBadRequest, paths: []string{"id"}},
		st("duplicate member", strings.Replace(good, `"id":"e-1"`, `"id":"e-1","id":"e-2"`, 1), "id"),
		st("invalid UTF-8 in an attribute", strings.Replace(good, `"I-7"`, "\"I-\xff\"", 1), "subject"),
		st("invalid UTF-8 in data", strings.Replace(good, `{"step":1}`, "{\"step\":\"\xc3\"}", 1), "data"),
		st("sequence as a string", structured(map[string]string{"sequence": `"1"`}), "sequence"),
		st("time with +24:00", structured(map[string]string{"time": `"2025-06-09T10:00:00+24:00"`}), "time"),
		st("not JSON", `{"id":`, "id"),
		st("empty body", ``, ""),
		batch("one bad event refuses the batch", "["+good+","+structured(map[string]string{"time": `"2025-06-09T10:00:00+24:00"`})+","+good+"]", "[1].time"),
		batch("a duplicate member in one event", "["+good+","+strings.Replace(good, `"id":"e-1"`, `"id":"e-1","id":"e-2"`, 1)+"]", "[1].id"),
		batch("invalid UTF-8 in one event", "["+good+","+strings.Replace(good, `"I-7"`, "\"I-\xff\"", 1)+"]", "[1].subject"),
		batch("every bad event named", "["+structured(map[string]string{"id": `""`})+","+good+","+structured(map[string]string{"sequence": `0`})+"]", "[0].id", "[2].sequence"),
		batch("not an array", good, ""),
		batch("an element that is not an object", "["+good+",1]", "[1]"),
		batch("trailing data", "["+good+"] x", ""),
		batch("missing comma", "["+good+" "+good+"]", "[0]"),
		batch("unterminated", "["+good, "[0]"),
		batch("invalid UTF-8 between elements", "["+good+",\xff"+good+"]", "[1]"),
		{name: "GET", method: http.MethodGet, status: http.StatusMethodNotAllowed},
		{name: "PUT", method: http.MethodPut, header: http.Header{"Content-Type": {grassroots.ContentType}}, body: good, status: http.StatusMethodNotAllowed},
		{name: "DELETE", method: http.MethodDelete, status: http.StatusMethodNotAllowed},
		{name: "plain JSON without ce- headers", header: http.Header{"Content-Type": {"application/json"}}, body: good, status: http.StatusUnsupportedMediaType},
		{name: "no Content-Type, no ce- headers", body: good, status: http.StatusUnsupportedMediaType},
		{name: "an unknown event format", header: http.Header{"Content-Type": {"application/cloudevents+avro"}}, body: good, status: http.StatusUnsupportedMediaType},
		{name: "an unknown batch format", header: http.Header{"Content-Type": {"application/cloudevents-batch+xml"}}, body: good, status: http.StatusUnsupportedMediaType},
		{name: "a charset other than UTF-8", header: http.Header{"Content-Type": {grassroots.ContentType + "; charset=latin1"}}, body: good, status: http.StatusUnsupportedMediaType},
		{name: "Content-Type twice", header: http.Header{"Content-Type": {grassroots.ContentType, grassroots.ContentType}}, body: good, status: http.StatusUnsupportedMediaType},
		{name: "a content coding", header: http.Header{"Content-Type": {grassroots.ContentType}, "Content-Encoding": {"gzip"}}, body: good, status: http.StatusUnsupportedMediaType},
	}
}

// Hostile and broken requests get the right status and a problem body
// naming the attributes at fault, and nothing is delivered.
func TestHandlerRefusesHostileRequests(t *testing.T) {
	srv, got := serve(t, cehttp.HandlerOptions{})
	for _, c := range hostileRequests() {
		method := c.method
		if method == "" {
			method = http.MethodPost
		}
		a := do(t, method, srv.URL, c.header, c.body)
		assert.Equal(t, c.status, a.status, "%s: status (%s)", c.name, a.body)
		assert.Equal(t, cehttp.ProblemContentType, a.header.Get("Content-Type"), "%s: a problem body", c.name)
		assert.Equal(t, c.status, a.problem.Status, "%s: problem status", c.name)
		assert.Equal(t, http.StatusText(c.status), a.problem.Title, "%s: problem title", c.name)
		assert.NotEmpty(t, a.problem.Detail, "%s: problem detail", c.name)
		for _, p := range c.paths {
			assert.True(t, a.problem.Has(p), "%s: problem names %q: %s", c.name, p, a.body)
		}
		if c.status == http.StatusBadRequest {
			assert.NotEmpty(t, a.problem.Errors, "%s: problem lists the attributes", c.name)
		}
		for _, f := range a.problem.Errors {
			assert.NotEmpty(t, f.Rule, "%s: %s has a rule", c.name, f.Path)
		}
		if c.status == http.StatusMethodNotAllowed {
			assert.Equal(t, "OPTIONS, POST", a.header.Get("Allow"), "%s: Allow", c.name)
		}
	}
	assert.Zero(t, got.calls(), "nothing refused is delivered")
}

// The rule of each binary-mode header problem is the one its kind names.
func TestBinaryHeaderProblemRules(t *testing.T) {
	srv, _ := serve(t, cehttp.HandlerOptions{})
	twice := binaryHeader(nil)
	twice["Ce-Subject"] = []string{"I-7", "I-8"}
	cases := []struct {
		header http.Header
		path   string
		rule   string
	}{
		{binaryHeader(map[string]string{"Ce-Subject": "I%2"}), "subject", grassroots.RuleFormat},
		{binaryHeader(map[string]string{"Ce-Sequence": "01"}), "sequence", grassroots.RuleFormat},
		{binaryHeader(map[string]string{"Ce-Datacontenttype": "text/plain"}), "datacontenttype", grassroots.RuleExcluded},
		{binaryHeader(map[string]string{"Ce-Id": ""}), "id", grassroots.RuleRequired},
		{twice, "subject", grassroots.RuleUnique},
	}
	for _, c := range cases {
		a := do(t, http.MethodPost, srv.URL, c.header, `{}`)
		require.Equal(t, http.StatusBadRequest, a.status, "header %v", c.header)
		require.Len(t, a.problem.Errors, 1, "one problem for %v: %s", c.header, a.body)
		assert.Equal(t, c.path, a.problem.Errors[0].Path, "path for %v", c.header)
		assert.Equal(t, c.rule, a.problem.Errors[0].Rule, "rule for %v", c.header)
	}
}

// The binding requires receivers to unescape double-quoted values, to
// accept lower-case and needless percent-encoding, and to decode one
// round only.
func TestBinaryHeaderDecoding(t *testing.T) {
	srv, got := serve(t, cehttp.HandlerOptions{})
	cases := map[string]string{
		"Euro%20%E2%82%AC%20%F0%9F%98%80": "Euro € 😀",
		"euro%e2%82%ac":                   "euro€",
		"%41%42c":                         "ABc",
		`"quoted value"`:                  "quoted value",
		`"a \"b\" \\ c"`:                  `a "b" \ c`,
		`x "y z" w`:                       "x y z w",
		"%2541":                           "%41",
		"raw 第1步":                         "raw 第1步",
		"plain":                           "plain",
	}
	for header, want := range cases {
		a := do(t, http.MethodPost, srv.URL, binaryHeader(map[string]string{"Ce-Note": header}), `{"a":1}`)
		require.Equal(t, http.StatusAccepted, a.status, "header %q: %s", header, a.body)
		evs := got.events()
		e := evs[len(evs)-1]
		assert.Equal(t, want, e.Extensions["note"], "header %q", header)
	}
}

// A binary-mode body is data when its media type is JSON and data_base64
// otherwise; an empty body is no data.
func TestBinaryBodyMapping(t *testing.T) {
	srv, got := serve(t, cehttp.HandlerOptions{})
	cases := []struct {
		contentType string
		body        string
		data        string
		base64      []byte
	}{
		{"application/json", `{"a": 1}`, `{"a": 1}`, nil},
		{"application/json; charset=utf-8", `[1,2]`, `[1,2]`, nil},
		{"application/geo+json", `{"type":"Point"}`, `{"type":"Point"}`, nil},
		{"text/json", `"x"`, `"x"`, nil},
		{"", `{"a":1}`, `{"a":1}`, nil},
		{"text/plain", `{"a":1}`, "", []byte(`{"a":1}`)},
		{"application/octet-stream", "\x00\xff", "", []byte{0, 0xff}},
		{"application/json", ``, "", nil},
	}
	for _, c := range cases {
		a := do(t, http.MethodPost, srv.URL, binaryHeader(map[string]string{"Content-Type": c.contentType}), c.body)
		require.Equal(t, http.StatusAccepted, a.status, "Content-Type %q body %q: %s", c.contentType, c.body, a.body)
		evs := got.events()
		e := evs[len(evs)-1]
		assert.Equal(t, c.contentType, e.DataContentType, "datacontenttype of %q", c.contentType)
		if c.data == "" {
			assert.Nil(t, e.Data, "no data for %q body %q", c.contentType, c.body)
		} else {
			assert.Equal(t, c.data, string(e.Data), "data for %q", c.contentType)
		}
		assert.Equal(t, c.base64, e.DataBase64, "data_base64 for %q", c.contentType)
	}
}

// A body beyond the limit is refused with 413 whether or not the sender
// declared its length; the default limit is 1 MiB.
func TestHandlerBodyLimit(t *testing.T) {
	srv, got := serve(t, cehttp.HandlerOptions{MaxBodyBytes: 1000})
	big := structured(map[string]string{"data": `"` + strings.Repeat("x", 1000) + `"`})
	a := do(t, http.MethodPost, srv.URL, http.Header{"Content-Type": {grassroots.ContentType}}, big)
	assert.Equal(t, http.StatusRequestEntityTooLarge, a.status, "declared length over the limit")
	assert.Contains(t, a.problem.Detail, "1000 bytes", "the problem states the limit")

	// A reader of unknown length makes the client send the body chunked.
	req, err := http.NewRequest(http.MethodPost, srv.URL, struct{ *strings.Reader }{strings.NewReader(big)})
	require.NoError(t, err, "request")
	req.Header.Set("Content-Type", grassroots.ContentType)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "chunked request")
	resp.Body.Close()
	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode, "undeclared length over the limit")

	small := structured(nil)
	a = do(t, http.MethodPost, srv.URL, http.Header{"Content-Type": {grassroots.ContentType}}, small)
	assert.Equal(t, http.StatusAccepted, a.status, "a body within the limit")
	assert.Equal(t, 1, got.calls(), "only the body within the limit is delivered")

	srv, _ = serve(t, cehttp.HandlerOptions{})
	huge := structured(map[string]string{"data": `"` + strings.Repeat("x", cehttp.DefaultMaxBodyBytes) + `"`})
	a = do(t, http.MethodPost, srv.URL, http.Header{"Content-Type": {grassroots.ContentType}}, huge)
	assert.Equal(t, http.StatusRequestEntityTooLarge, a.status, "over the default limit")
	fits := structured(map[string]string{"data": `"` + strings.Repeat("x", cehttp.DefaultMaxBodyBytes-200) + `"`})
	a = do(t, http.MethodPost, srv.URL, http.Header{"Content-Type": {grassroots.ContentType}}, fits)
	assert.Equal(t, http.StatusAccepted, a.status, "just within the default limit")
}

// An empty batch is valid and delivers nothing; a successful delivery is
// 202 without a body.
func TestHandlerSuccessAnswers(t *testing.T) {
	srv, got := serve(t, cehttp.HandlerOptions{})
	a := do(t, http.MethodPost, srv.URL, http.Header{"Content-Type": {grassroots.BatchContentType}}, " [ ] ")
	assert.Equal(t, http.StatusAccepted, a.status, "empty batch")
	assert.Zero(t, got.calls(), "an empty batch delivers nothing")

	for _, ct := range []string{grassroots.ContentType, "application/cloudevents+json; charset=UTF-8", "Application/CloudEvents+JSON"} {
		a = do(t, http.MethodPost, srv.URL, http.Header{"Content-Type": {ct}}, structured(nil))
		assert.Equal(t, http.StatusAccepted, a.status, "structured with Content-Type %q", ct)
		assert.Empty(t, a.body, "no body with 202")
	}
}

// The Deliver function's outcome sets the status; its error text is
// never sent.
func TestDeliverOutcomes(t *testing.T) {
	const secret = "password=hunter2 at db.internal:5432"
	cases := []struct {
		err    error
		status int
		path   string
	}{
		{fmt.Errorf("store: %s: %w", secret, cehttp.ErrConflict), http.StatusConflict, ""},
		{&grassroots.ChainError{Index: 0, Reason: grassroots.ChainDropped}, http.StatusConflict, ""},
		{grassroots.NewValidationError(grassroots.FieldError{Path: "subject", Rule: grassroots.RuleReference, Message: "no such incident"}), http.StatusBadRequest, "subject"},
		{grassroots.NewValidationError(grassroots.FieldError{Path: "data", Rule: grassroots.RuleInvalid, Message: secret}), http.StatusBadRequest, "data"},
		{fmt.Errorf("%w: %s", grassroots.ErrInvalid, secret), http.StatusBadRequest, ""},
		{errors.New(secret), http.StatusInternalServerError, ""},
		{context.Canceled, http.StatusInternalServerError, ""},
	}
	for _, c := range cases {
		srv, got := serve(t, cehttp.HandlerOptions{})
		got.err = c.err
		a := do(t, http.MethodPost, srv.URL, http.Header{"Content-Type": {grassroots.ContentType}}, structured(nil))
		assert.Equal(t, c.status, a.status, "deliver error %v", c.err)
		assert.NotContains(t, a.body, "hunter2", "the error text of %v is not sent", c.err)
		if c.path != "" {
			assert.True(t, a.problem.Has(c.path), "problem of %v names %s: %s", c.err, c.path, a.body)
		}
	}
}

func TestNewHandlerOptions(t *testing.T) {
	deliver := func(context.Context, []grassroots.Event) error { return nil }
	_, err := cehttp.NewHandler(nil, cehttp.HandlerOptions{})
	assert.ErrorIs(t, err, cehttp.ErrNoDeliver, "nil deliver")
	for _, o := range []cehttp.HandlerOptions{
		{MaxBodyBytes: -1},
		{WebhookRate: -5},
		{WebhookOrigins: []string{""}},
		{WebhookOrigins: []string{"a.example.com, b.example.com"}},
		{WebhookOrigins: []string{"*.example.com"}},
	} {
		h, err := cehttp.NewHandler(deliver, o)
		assert.ErrorIs(t, err, cehttp.ErrOptions, "options %+v", o)
		assert.Nil(t, h, "no handler for options %+v", o)
	}
	h, err := cehttp.NewHandler(deliver, cehttp.HandlerOptions{MaxBodyBytes: 10, WebhookOrigins: []string{"a.example.com", "*"}, WebhookRate: 60})
	assert.NoError(t, err, "valid options")
	assert.NotNil(t, h, "a handler for valid options")
}

// The abuse-protection handshake grants the configured origins and no
// others.
func TestWebhookHandshake(t *testing.T) {
	srv, _ := serve(t, cehttp.HandlerOptions{WebhookOrigins: []string{"eventemitter.example.com"}, WebhookRate: 120})
	a := do(t, http.MethodOptions, srv.URL, http.Header{"Webhook-Request-Origin": {"EventEmitter.example.com"}, "Webhook-Request-Rate": {"600"}}, "")
	assert.Equal(t, http.StatusOK, a.status, "a known origin")
	assert.Equal(t, "eventemitter.example.com", a.header.Get("WebHook-Allowed-Origin"), "the origin granted")
	assert.Equal(t, "120", a.header.Get("WebHook-Allowed-Rate"), "the rate granted")
	assert.Equal(t, "OPTIONS, POST", a.header.Get("Allow"), "Allow")

	a = do(t, http.MethodOptions, srv.URL, http.Header{"Webhook-Request-Origin": {"attacker.example.net"}}, "")
	assert.Equal(t, http.StatusForbidden, a.status, "an unknown origin")
	assert.Empty(t, a.header.Get("WebHook-Allowed-Origin"), "no consent for an unknown origin")

	a = do(t, http.MethodOptions, srv.URL, http.Header{"Webhook-Request-Origin": {"a.example.com", "b.example.com"}}, "")
	assert.Equal(t, http.StatusBadRequest, a.status, "two origins")

	a = do(t, http.MethodOptions, srv.URL, nil, "")
	assert.Equal(t, http.StatusNoContent, a.status, "a plain OPTIONS")
	assert.Equal(t, "OPTIONS, POST", a.header.Get("Allow"), "Allow of a plain OPTIONS")
	assert.Empty(t, a.header.Get("WebHook-Allowed-Origin"), "a plain OPTIONS is no consent")

	srv, _ = serve(t, cehttp.HandlerOptions{WebhookOrigins: []string{"*"}})
	a = do(t, http.MethodOptions, srv.URL, http.Header{"Webhook-Request-Origin": {"anyone.example.org"}}, "")
	assert.Equal(t, http.StatusOK, a.status, "every origin allowed")
	assert.Equal(t, "*", a.header.Get("WebHook-Allowed-Origin"), "wildcard consent")
	assert.Equal(t, "*", a.header.Get("WebHook-Allowed-Rate"), "no rate limit stated")

	srv, _ = serve(t, cehttp.HandlerOptions{})
	a = do(t, http.MethodOptions, srv.URL, http.Header{"Webhook-Request-Origin": {"eventemitter.example.com"}}, "")
	assert.Equal(t, http.StatusForbidden, a.status, "no origins configured")
	assert.Empty(t, a.header.Get("WebHook-Allowed-Origin"), "no consent without configured origins")
}

// A Handler not built with NewHandler refuses everything, without
// panicking.
func TestZeroHandler(t *testing.T) {
	for name, h := range map[string]*cehttp.Handler{"zero": {}, "nil": nil} {
		srv := newServer(t, h)
		a := do(t, http.MethodPost, srv.URL, binaryHeader(nil), `{"a":1}`)
		assert.Equal(t, http.StatusInternalServerError, a.status, "%s handler", name)
		assert.Equal(t, http.StatusInternalServerError, a.problem.Status, "%s handler problem", name)
	}
}

// The largest limit NewHandler accepts works, and a declared length the
// body does not have costs no more memory than the body: the buffer is
// not sized from Content-Length beyond 64 KiB before anything is read.
func TestHandlerLimitAndDeclaredLengthBoundTheBuffer(t *testing.T) {
	var got []grassroots.Event
	h, err := cehttp.NewHandler(func(_ context.Context, evs []grassroots.Event) error { got = append(got, evs...); return nil },
		cehttp.HandlerOptions{MaxBodyBytes: math.MaxInt64})
	require.NoError(t, err, "the largest limit")
	body := structured(nil)
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("Content-Type", grassroots.ContentType)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	assert.Equal(t, http.StatusAccepted, w.Code, "a body under the largest limit: %s", w.Body)
	assert.Len(t, got, 1, "delivered")

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("Content-Type", grassroots.ContentType)
	r.ContentLength = 1 << 40
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	runtime.ReadMemStats(&after)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(4<<20), "bytes allocated for a %d-byte body that claims 1 TiB", len(body))
}

// A Deliver function that returns a nil pointer of one of the root
// package's error types by mistake gets an answer, not a panic.
func TestHandlerDeliverReturningNilErrorPointers(t *testing.T) {
	for name, fail := range map[string]error{
		"validation": (*grassroots.ValidationError)(nil),
		"chain":      (*grassroots.ChainError)(nil),
		"wrapped":    fmt.Errorf("store: %w", (*grassroots.ValidationError)(nil)),
	} {
		h, err := cehttp.NewHandler(func(context.Context, []grassroots.Event) error { return fail }, cehttp.HandlerOptions{})
		require.NoError(t, err, name)
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(structured(nil)))
		r.Header.Set("Content-Type", grassroots.ContentType)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		assert.GreaterOrEqual(t, w.Code, 400, "%s: %d %s", name, w.Code, w.Body)
	}
}
