package cehttp_test

import (
	"context"
	"encoding/json"
	"maps"
	"mime"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	cloudevents "github.com/cloudevents/sdk-go/v2"
	"github.com/cloudevents/sdk-go/v2/binding"
	sdkhttp "github.com/cloudevents/sdk-go/v2/protocol/http"
	"github.com/cloudevents/sdk-go/v2/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/cehttp"
)

// The other side of these tests is the CNCF CloudEvents Go SDK, as a
// receiver of our Client and as a sender to our Handler.

// toSDK converts an event to the SDK's by its structured JSON.
func toSDK(t *testing.T, e grassroots.Event) cloudevents.Event {
	t.Helper()
	b, err := json.Marshal(e)
	require.NoError(t, err, "marshalling %s", e.ID)
	var ce cloudevents.Event
	require.NoError(t, json.Unmarshal(b, &ce), "the SDK reads %s", b)
	return ce
}

// fromSDKStructured converts an SDK event back by the SDK's own JSON,
// the relay the root package documents as safe for structured mode.
func fromSDKStructured(t *testing.T, ce cloudevents.Event) grassroots.Event {
	t.Helper()
	b, err := json.Marshal(ce)
	require.NoError(t, err, "the SDK writes %s", ce.ID())
	e, err := grassroots.ParseEvent(b)
	require.NoError(t, err, "parsing the SDK's JSON %s", b)
	return e
}

// fromSDKAttributes converts an SDK event back by its attributes'
// canonical strings and Event.SetAttribute, the relay the root package
// documents as safe for a binding that carries attributes as text. The
// data becomes data when its media type is JSON, else data_base64.
func fromSDKAttributes(t *testing.T, ce cloudevents.Event) grassroots.Event {
	t.Helper()
	var e grassroots.Event
	set := func(name, v string) {
		if v != "" {
			require.NoError(t, e.SetAttribute(name, v), "attribute %s = %q", name, v)
		}
	}
	set("id", ce.ID())
	set("source", ce.Source())
	set("specversion", ce.SpecVersion())
	set("type", ce.Type())
	set("subject", ce.Subject())
	set("datacontenttype", ce.DataContentType())
	set("dataschema", ce.DataSchema())
	if !ce.Time().IsZero() {
		set("time", types.FormatTime(ce.Time()))
	}
	ext := ce.Extensions()
	for _, name := range slices.Sorted(maps.Keys(ext)) {
		s, err := types.Format(ext[name])
		require.NoError(t, err, "extension %s", name)
		set(name, s)
	}
	if d := ce.Data(); len(d) > 0 {
		mt, _, _ := mime.ParseMediaType(ce.DataContentType())
		if ce.DataContentType() == "" || mt == "application/json" || strings.HasSuffix(mt, "+json") {
			e.Data = d
		} else {
			e.DataBase64 = d
		}
	}
	require.NoError(t, e.Validate(), "the rebuilt event is valid")
	return e
}

// sdkReceiver serves the SDK's HTTP receiver and collects what it gets.
type sdkReceiver struct {
	mu     sync.Mutex
	events []cloudevents.Event
}

func newSDKReceiver(t *testing.T) (*sdkReceiver, string) {
	t.Helper()
	r := &sdkReceiver{}
	p, err := cloudevents.NewHTTP()
	require.NoError(t, err, "SDK protocol")
	h, err := cloudevents.NewHTTPReceiveHandler(context.Background(), p, func(e cloudevents.Event) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.events = append(r.events, e)
	})
	require.NoError(t, err, "SDK receive handler")
	return r, newServer(t, h).URL
}

func (r *sdkReceiver) received() []cloudevents.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.events)
}

// Our Client sends a sealed chain to the SDK's receiver in binary and in
// structured mode; the chain verifies on the SDK's side.
func TestClientToSDKReceiver(t *testing.T) {
	events := chain(t, "I-7", 6, false)
	ctx := context.Background()
	var client cehttp.Client

	recv, url := newSDKReceiver(t)
	for i, e := range events {
		require.NoError(t, client.SendBinary(ctx, url, e), "binary event %d", i)
	}
	got := recv.received()
	require.Len(t, got, len(events), "binary: the SDK received every event")
	var rebuilt []grassroots.Event
	for _, ce := range got {
		assert.NoError(t, ce.Validate(), "binary: the SDK finds %s valid", ce.ID())
		rebuilt = append(rebuilt, fromSDKAttributes(t, ce))
	}
	assertChain(t, events, rebuilt, "binary to the SDK")

	recv, url = newSDKReceiver(t)
	for i, e := range events {
		require.NoError(t, client.SendStructured(ctx, url, e), "structured event %d", i)
	}
	got = recv.received()
	require.Len(t, got, len(events), "structured: the SDK received every event")
	rebuilt = rebuilt[:0]
	for _, ce := range got {
		rebuilt = append(rebuilt, fromSDKStructured(t, ce))
	}
	assertChain(t, events, rebuilt, "structured to the SDK")
}

// Our batch reads with the SDK's batch reader, and the chain verifies.
func TestClientBatchToSDK(t *testing.T) {
	events := chain(t, "I-7", 5, true)
	var got []cloudevents.Event
	srv := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var err error
		if got, err = sdkhttp.NewEventsFromHTTPRequest(r); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	require.NoError(t, (&cehttp.Client{}).SendBatch(context.Background(), srv.URL, events), "sending the batch")
	require.Len(t, got, len(events), "the SDK read every event of the batch")
	var rebuilt []grassroots.Event
	for _, ce := range got {
		rebuilt = append(rebuilt, fromSDKStructured(t, ce))
	}
	assertChain(t, events, rebuilt, "batch to the SDK")
}

// The SDK's client sends a sealed chain to our Handler in binary and
// structured mode, and the SDK's batch writer sends it as one batch; the
// chain verifies on our side in every mode.
func TestSDKClientToHandler(t *testing.T) {
	events := chain(t, "I-7", 6, false)
	sdk, err := cloudevents.NewClientHTTP()
	require.NoError(t, err, "SDK client")

	modes := map[string]func(context.Context) context.Context{
		"binary":     binding.WithForceBinary,
		"structured": binding.WithForceStructured,
	}
	for _, mode := range slices.Sorted(maps.Keys(modes)) {
		srv, got := serve(t, cehttp.HandlerOptions{})
		ctx := modes[mode](cloudevents.ContextWithTarget(context.Background(), srv.URL))
		for i, e := range events {
			res := sdk.Send(ctx, toSDK(t, e))
			require.True(t, cloudevents.IsACK(res), "%s: event %d acknowledged: %v", mode, i, res)
		}
		assertChain(t, events, got.events(), "SDK "+mode)
	}

	srv, got := serve(t, cehttp.HandlerOptions{})
	var batch []cloudevents.Event
	for _, e := range events {
		batch = append(batch, toSDK(t, e))
	}
	req, err := sdkhttp.NewHTTPRequestFromEvents(context.Background(), srv.URL, batch)
	require.NoError(t, err, "SDK batch request")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "sending the SDK's batch")
	resp.Body.Close()
	assert.Equal(t, http.StatusAccepted, resp.StatusCode, "the SDK's batch is accepted")
	assert.Equal(t, 1, got.calls(), "one delivery for the SDK's batch")
	assertChain(t, events, got.events(), "SDK batch")
}

// The SDK writes header values without percent-encoding. Values whose
// raw form is unambiguous (spaces and characters outside ASCII) arrive
// intact, because the Handler accepts them unencoded.
func TestSDKBinaryWithRawNonASCII(t *testing.T) {
	var events []grassroots.Event
	var prev *grassroots.Event
	for i, note := range []string{"第1步 网格员", "Euro € 😀", "a b  c"} {
		e := chain(t, "I-7", 1, false)[0]
		e.ID = grassroots.EventID("I-7", note, i, e.Time)
		e.Extensions["note"] = note
		s, err := grassroots.Seal(prev, e)
		require.NoError(t, err, "sealing %q", note)
		events = append(events, s)
		prev = &events[len(events)-1]
	}
	srv, got := serve(t, cehttp.HandlerOptions{})
	sdk, err := cloudevents.NewClientHTTP()
	require.NoError(t, err, "SDK client")
	ctx := binding.WithForceBinary(cloudevents.ContextWithTarget(context.Background(), srv.URL))
	for _, e := range events {
		res := sdk.Send(ctx, toSDK(t, e))
		require.True(t, cloudevents.IsACK(res), "note %q acknowledged: %v", e.Extensions["note"], res)
	}
	assertChain(t, events, got.events(), "SDK binary with raw text")
}

// Requests the SDK's binding writes with hostile attribute values are
// refused with the attribute named.
func TestSDKClientHostileValues(t *testing.T) {
	srv, got := serve(t, cehttp.HandlerOptions{})
	cases := []struct {
		path   string
		change func(*cloudevents.Event)
	}{
		{"sequence", func(e *cloudevents.Event) { e.SetExtension("sequence", "01") }},
		{"sequence", func(e *cloudevents.Event) { e.SetExtension("sequence", "x") }},
		{"note", func(e *cloudevents.Event) { e.SetExtension("note", "100%") }},
		{"data", func(e *cloudevents.Event) { _ = e.SetData("application/json", []byte(`{"n":1e400}`)) }},
		{"data", func(e *cloudevents.Event) { _ = e.SetData("application/json", []byte(`{"n":1,"n":2}`)) }},
	}
	for _, c := range cases {
		ce := toSDK(t, chain(t, "I-7", 1, false)[0])
		c.change(&ce)
		req, err := sdkhttp.NewHTTPRequestFromEvent(context.Background(), srv.URL, ce)
		require.NoError(t, err, "%s: the SDK writes the request", c.path)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err, "%s: sending", c.path)
		var p cehttp.Problem
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		require.NoError(t, err, "%s: a problem body", c.path)
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "%s: status", c.path)
		assert.True(t, p.Has(c.path), "%s: the problem names the attribute: %+v", c.path, p)
	}
	assert.Zero(t, got.calls(), "nothing hostile is delivered")
}
