package cehttp_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/cehttp"
)

// A refusal is a *StatusError carrying the status and the problem body.
func TestClientStatusError(t *testing.T) {
	srv, _ := serve(t, cehttp.HandlerOptions{MaxBodyBytes: 200})
	e := chain(t, "I-7", 1, true)[0]
	err := (&cehttp.Client{}).SendStructured(context.Background(), srv.URL, e)
	require.ErrorIs(t, err, cehttp.ErrStatus, "a body over the limit")
	var se *cehttp.StatusError
	require.ErrorAs(t, err, &se, "a *StatusError")
	assert.Equal(t, http.StatusRequestEntityTooLarge, se.StatusCode, "status")
	require.NotNil(t, se.Problem, "problem body")
	assert.Equal(t, http.StatusRequestEntityTooLarge, se.Problem.Status, "problem status")
	assert.NotEmpty(t, se.Body, "raw body kept")

	plain := newRawServer(t, func(*http.Request, string) int { return http.StatusServiceUnavailable })
	err = (&cehttp.Client{}).SendStructured(context.Background(), plain.URL, e)
	require.ErrorAs(t, err, &se, "a refusal without a problem body")
	assert.Equal(t, http.StatusServiceUnavailable, se.StatusCode, "status without problem")
	assert.Nil(t, se.Problem, "no problem without application/problem+json")
}

// Redirects are not followed: the sender learns of them.
func TestClientDoesNotFollowRedirects(t *testing.T) {
	target, got := serve(t, cehttp.HandlerOptions{})
	redirect := newServer(t, http.RedirectHandler(target.URL, http.StatusTemporaryRedirect))
	err := (&cehttp.Client{HTTPClient: &http.Client{Timeout: 5 * time.Second}}).SendStructured(context.Background(), redirect.URL, chain(t, "I-7", 1, false)[0])
	var se *cehttp.StatusError
	require.ErrorAs(t, err, &se, "a redirect is a StatusError")
	assert.Equal(t, http.StatusTemporaryRedirect, se.StatusCode, "the redirect's status")
	assert.Zero(t, got.calls(), "the redirect target received nothing")
}

// Client.Header adds fields to every request, but never the event's own.
func TestClientHeader(t *testing.T) {
	var seen http.Header
	srv := newRawServer(t, func(r *http.Request, _ string) int { seen = r.Header; return http.StatusAccepted })
	c := cehttp.Client{Header: http.Header{
		"Authorization":          {"Bearer mF_9.B5f-4.1JqM"},
		"webhook-request-origin": {"eventemitter.example.com"},
		"Content-Type":           {"text/plain"},
		"Ce-Id":                  {"forged"},
		"ce-extra":               {"forged"},
	}}
	e := chain(t, "I-7", 1, false)[0]
	require.NoError(t, c.SendBinary(context.Background(), srv.URL, e), "sending")
	assert.Equal(t, "Bearer mF_9.B5f-4.1JqM", seen.Get("Authorization"), "Authorization added")
	assert.Equal(t, "eventemitter.example.com", seen.Get("WebHook-Request-Origin"), "origin added")
	assert.Equal(t, "application/json", seen.Get("Content-Type"), "the event's Content-Type wins")
	assert.Equal(t, []string{e.ID}, seen.Values("Ce-Id"), "the event's ce-id wins")
	assert.Empty(t, seen.Values("Ce-Extra"), "no ce- fields from Header")
}

// Nothing invalid is sent: the Client fails before the request.
func TestClientValidatesBeforeSending(t *testing.T) {
	srv := newRawServer(t, func(*http.Request, string) int {
		t.Error("nothing should reach the server")
		return http.StatusAccepted
	})
	var c cehttp.Client
	ctx := context.Background()
	bad := chain(t, "I-7", 1, false)[0]
	bad.Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, err := range map[string]error{
		"binary":     c.SendBinary(ctx, srv.URL, bad),
		"structured": c.SendStructured(ctx, srv.URL, bad),
	} {
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, "%s: invalid event", name)
		assert.True(t, ve.Has("time"), "%s: names time", name)
	}
	events := chain(t, "I-7", 3, false)
	events[2].Time = bad.Time
	events[0].Source = ""
	var ve *grassroots.ValidationError
	require.ErrorAs(t, c.SendBatch(ctx, srv.URL, events), &ve, "batch with invalid events")
	assert.True(t, ve.Has("[0].source"), "names the first event's source: %v", ve)
	assert.True(t, ve.Has("[2].time"), "names the third event's time: %v", ve)
}

// The binary mode refuses data it cannot carry unchanged.
func TestSendBinaryRefusesDataItCannotCarry(t *testing.T) {
	srv := newRawServer(t, func(*http.Request, string) int {
		t.Error("nothing should reach the server")
		return http.StatusAccepted
	})
	base := chain(t, "I-7", 1, false)[0]
	cases := map[string]func(e *grassroots.Event){
		"JSON data of a non-JSON type": func(e *grassroots.Event) { e.DataContentType = "text/plain" },
		"data_base64 of a JSON type": func(e *grassroots.Event) {
			e.Data, e.DataBase64 = nil, []byte("{}")
		},
		"data_base64 without a type": func(e *grassroots.Event) {
			e.Data, e.DataBase64, e.DataContentType = nil, []byte{1}, ""
		},
		"empty data_base64": func(e *grassroots.Event) {
			e.Data, e.DataBase64, e.DataContentType = nil, []byte{}, "application/octet-stream"
		},
		"a type with white space at an end": func(e *grassroots.Event) { e.DataContentType = "application/json " },
	}
	for name, change := range cases {
		e := base
		change(&e)
		require.NoError(t, e.Validate(), "%s: the event itself is valid", name)
		err := (&cehttp.Client{}).SendBinary(context.Background(), srv.URL, e)
		assert.ErrorIs(t, err, cehttp.ErrNotBinary, "%s", name)
	}
}

// A bad URL or a nil context is an error, not a panic.
func TestClientRequestErrors(t *testing.T) {
	e := chain(t, "I-7", 1, false)[0]
	var c cehttp.Client
	assert.Error(t, c.SendStructured(context.Background(), "http://[::1", e), "bad URL")
	//lint:ignore SA1012 a nil context must be an error, not a panic
	assert.Error(t, c.SendStructured(nil, "http://127.0.0.1:1", e), "nil context")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	srv, got := serve(t, cehttp.HandlerOptions{})
	assert.ErrorIs(t, c.SendBatch(ctx, srv.URL, []grassroots.Event{e}), context.Canceled, "cancelled context")
	assert.Zero(t, got.calls(), "nothing delivered after cancellation")
}

func TestParseBatch(t *testing.T) {
	events := chain(t, "I-7", 4, true)
	b, err := cehttp.MarshalBatch(events)
	require.NoError(t, err, "MarshalBatch")
	var generic []json.RawMessage
	require.NoError(t, json.Unmarshal(b, &generic), "the batch is a JSON array")
	assert.Len(t, generic, 4, "one element per event")
	back, err := cehttp.ParseBatch(b)
	require.NoError(t, err, "ParseBatch of %s", b)
	assertChain(t, events, back, "MarshalBatch then ParseBatch")

	indented, err := json.MarshalIndent(generic, "", "\t")
	require.NoError(t, err, "indenting")
	back, err = cehttp.ParseBatch(indented)
	require.NoError(t, err, "ParseBatch with white space")
	assertChain(t, events, back, "indented batch")

	for _, doc := range []string{"[]", " [ ] ", "\n[\r\n\t]\n"} {
		got, err := cehttp.ParseBatch([]byte(doc))
		assert.NoError(t, err, "empty batch %q", doc)
		assert.Empty(t, got, "no events in %q", doc)
	}
	empty, err := cehttp.MarshalBatch(nil)
	require.NoError(t, err, "MarshalBatch of nothing")
	assert.Equal(t, "[]", string(empty), "an empty batch")

	one := string(b[1 : len(b)-1])
	one = one[:len(one)/4]
	for _, doc := range []string{"", "null", "{}", "[1]", "[[]]", `["x"]`, "[{}", "[{},]", "[,{}]", "[{}]]", "\xef\xbb\xbf[]", "[" + one} {
		got, err := cehttp.ParseBatch([]byte(doc))
		var ve *grassroots.ValidationError
		assert.ErrorAs(t, err, &ve, "batch %q", doc)
		assert.Nil(t, got, "no events from %q", doc)
	}
}

// Brackets and quotes inside strings do not end an element early.
func TestParseBatchStringsWithBrackets(t *testing.T) {
	e := chain(t, "I-7", 1, false)[0]
	e.Extensions = map[string]any{"note": `}] ,[{ \"`}
	e.Data = json.RawMessage(`{"a":"]}\\","b":["{"]}`)
	e, err := grassroots.Seal(nil, e)
	require.NoError(t, err, "sealing")
	b, err := cehttp.MarshalBatch([]grassroots.Event{e, e})
	require.NoError(t, err, "MarshalBatch")
	back, err := cehttp.ParseBatch(b)
	require.NoError(t, err, "ParseBatch of %s", b)
	require.Len(t, back, 2, "two events")
	assert.Equal(t, e.Extensions["note"], back[1].Extensions["note"], "the string survives")
	assert.Equal(t, string(e.Data), string(back[1].Data), "the data survives")
}

// A nil *Client sends as the zero value does.
func TestNilClient(t *testing.T) {
	srv, got := serve(t, cehttp.HandlerOptions{})
	var c *cehttp.Client
	evs := chain(t, "I-7", 3, false)
	require.NoError(t, c.SendBinary(context.Background(), srv.URL, evs[0]), "nil client: SendBinary")
	require.NoError(t, c.SendStructured(context.Background(), srv.URL, evs[1]), "nil client: SendStructured")
	require.NoError(t, c.SendBatch(context.Background(), srv.URL, evs), "nil client: SendBatch")
	assert.Equal(t, 3, got.calls(), "delivered")
}

// A nil *StatusError has a message and matches ErrStatus only; a nil
// *Problem has no entries.
func TestNilErrors(t *testing.T) {
	var se *cehttp.StatusError
	assert.True(t, strings.HasPrefix(se.Error(), "cehttp: "), "%q names the package", se.Error())
	assert.Contains(t, se.Error(), "nil", "the message says the error is nil")
	assert.ErrorIs(t, se, cehttp.ErrStatus, "a nil *StatusError is still a status error")
	for _, s := range []error{cehttp.ErrConflict, cehttp.ErrNotBinary, cehttp.ErrOptions, cehttp.ErrNoDeliver, grassroots.ErrInvalid} {
		assert.NotErrorIs(t, se, s, "a nil *StatusError does not match %v", s)
	}
	var p *cehttp.Problem
	assert.False(t, p.Has("time"), "a nil *Problem has no entries")
}
