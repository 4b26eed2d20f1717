package cehttp_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/cehttp"
)

// exampleChain seals n events of incident I-7.
func exampleChain(n int) []grassroots.Event {
	var events []grassroots.Event
	for i := range n {
		events = append(events, grassroots.Event{
			ID:     grassroots.EventID("I-7", fmt.Sprintf("cmd-%d", i), 0, time.Date(2025, 6, 9, 10, i, 0, 0, time.FixedZone("CST", 8*3600))),
			Source: "/districts/330302/incident", SpecVersion: grassroots.SpecVersion,
			Type:    grassroots.EventType("incident", "accepted"),
			Subject: "I-7", Time: time.Date(2025, 6, 9, 10, i, 0, 0, time.FixedZone("CST", 8*3600)),
			DataContentType: "application/json",
			Data:            json.RawMessage(fmt.Sprintf(`{"step":%d}`, i)),
			Extensions:      map[string]any{"note": "第" + fmt.Sprint(i+1) + "步 done"},
		})
	}
	sealed, err := grassroots.SealAll(nil, events)
	if err != nil {
		panic(err) // the events above are valid
	}
	return sealed
}

// A Handler receives events and hands them to a Deliver function; the
// Client sends them, here in structured mode.
func ExampleNewHandler() {
	h, err := cehttp.NewHandler(func(_ context.Context, events []grassroots.Event) error {
		for _, e := range events {
			fmt.Println("received", e.Subject, e.Sequence, e.Type)
		}
		return nil
	}, cehttp.HandlerOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	var client cehttp.Client
	for _, e := range exampleChain(2) {
		if err := client.SendStructured(context.Background(), srv.URL, e); err != nil {
			fmt.Println(err)
		}
	}
	// Output:
	// received I-7 1 grassroots.incident.accepted.v1
	// received I-7 2 grassroots.incident.accepted.v1
}

// In binary mode each attribute travels as a ce- header holding its
// canonical string, percent-encoded where needed; the Handler sets them
// back with SetAttribute, so the chain still verifies on arrival.
func ExampleClient_SendBinary() {
	var received []grassroots.Event
	h, err := cehttp.NewHandler(func(_ context.Context, events []grassroots.Event) error {
		received = append(received, events...)
		return nil
	}, cehttp.HandlerOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	first := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if first {
			for _, k := range []string{"Ce-Sequence", "Ce-Time", "Ce-Note", "Content-Type"} {
				fmt.Printf("%s: %s\n", k, r.Header.Get(k))
			}
			first = false
		}
		h.ServeHTTP(w, r)
	}))
	defer srv.Close()

	var client cehttp.Client
	for _, e := range exampleChain(3) {
		if err := client.SendBinary(context.Background(), srv.URL, e); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println("received:", len(received), "note:", received[0].Extensions["note"])
	fmt.Println("chain verifies:", grassroots.VerifyChain(received) == nil)
	// Output:
	// Ce-Sequence: 1
	// Ce-Time: 2025-06-09T02:00:00Z
	// Ce-Note: %E7%AC%AC1%E6%AD%A5%20done
	// Content-Type: application/json
	// received: 3 note: 第1步 done
	// chain verifies: true
}

// SendStructured writes the event's CloudEvents JSON as the body.
func ExampleClient_SendStructured() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(r.Method, r.Header.Get("Content-Type"))
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	var client cehttp.Client
	err := client.SendStructured(context.Background(), srv.URL, exampleChain(1)[0])
	fmt.Println("error:", err)
	// Output:
	// POST application/cloudevents+json
	// error: <nil>
}

// A batch is delivered in one call, in order.
func ExampleClient_SendBatch() {
	h, err := cehttp.NewHandler(func(_ context.Context, events []grassroots.Event) error {
		fmt.Println("batch of", len(events), "chain verifies:", grassroots.VerifyChain(events) == nil)
		return nil
	}, cehttp.HandlerOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	var client cehttp.Client
	if err := client.SendBatch(context.Background(), srv.URL, exampleChain(4)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// batch of 4 chain verifies: true
}

// headMap answers Heads from a map, as a store would from its last
// events.
type headMap map[string]grassroots.Event

func (m headMap) Head(_ context.Context, subject string) (grassroots.Event, bool, error) {
	e, ok := m[subject]
	return e, ok, nil
}

// With Heads, the Handler delivers only events that continue the chains
// the receiver holds, and names the attribute of the first that does not.
func ExampleHeads() {
	events := exampleChain(4)
	held := headMap{"I-7": events[1]}
	h, err := cehttp.NewHandler(func(_ context.Context, evs []grassroots.Event) error {
		for _, e := range evs {
			fmt.Println("delivered sequence", e.Sequence)
			held[e.Subject] = e
		}
		return nil
	}, cehttp.HandlerOptions{Heads: held})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	var client cehttp.Client
	err = client.SendBatch(context.Background(), srv.URL, []grassroots.Event{events[3]})
	var se *cehttp.StatusError
	if errors.As(err, &se) {
		fmt.Println(se.StatusCode, se.Problem.Errors[0].Path, se.Problem.Errors[0].Rule)
	}
	if err := client.SendBatch(context.Background(), srv.URL, events[2:]); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 409 [0].prevhash reference
	// delivered sequence 3
	// delivered sequence 4
}

// A refusal reaches the sender as a *StatusError with the status and the
// problem body.
func ExampleStatusError() {
	h, err := cehttp.NewHandler(func(context.Context, []grassroots.Event) error {
		return fmt.Errorf("incident I-7 is closed: %w", cehttp.ErrConflict)
	}, cehttp.HandlerOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	var client cehttp.Client
	err = client.SendStructured(context.Background(), srv.URL, exampleChain(1)[0])
	var se *cehttp.StatusError
	if errors.As(err, &se) {
		fmt.Println(se.StatusCode, se.Problem.Title+":", se.Problem.Detail)
	}
	fmt.Println(errors.Is(err, cehttp.ErrStatus))
	// Output:
	// 409 Conflict: the events conflict with what the receiver holds
	// true
}

// The Handler answers the webhook abuse-protection handshake for the
// origins it is given.
func ExampleHandlerOptions_webhook() {
	h, err := cehttp.NewHandler(func(context.Context, []grassroots.Event) error { return nil },
		cehttp.HandlerOptions{WebhookOrigins: []string{"eventemitter.example.com"}, WebhookRate: 120})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	req, err := http.NewRequest(http.MethodOptions, srv.URL, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	req.Header.Set("WebHook-Request-Origin", "eventemitter.example.com")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("WebHook-Allowed-Origin"), resp.Header.Get("WebHook-Allowed-Rate"), resp.Header.Get("Allow"))
	// Output:
	// 200 eventemitter.example.com 120 OPTIONS, POST
}

// ParseBatch refuses the whole batch for one bad event and names it.
func ExampleParseBatch() {
	batch := `[
	  {"specversion":"1.0","id":"e-1","source":"/s","type":"t.v1"},
	  {"specversion":"1.0","id":"e-2","id":"e-3","source":"/s","type":"t.v1"},
	  {"specversion":"1.0","id":"e-4","source":"/s","type":"t.v1","time":"2025-06-09T10:00:00+24:00"}
	]`
	_, err := cehttp.ParseBatch([]byte(batch))
	var ve *grassroots.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	events, err := cehttp.ParseBatch([]byte(`[{"specversion":"1.0","id":"e-1","source":"/s","type":"t.v1"}]`))
	fmt.Println(len(events), events[0].ID, err)
	// Output:
	// [1].id format
	// [2].time format
	// 1 e-1 <nil>
}

// MarshalBatch writes a JSON array of the events' structured JSON.
func ExampleMarshalBatch() {
	e := grassroots.Event{ID: "e-1", Source: "/s", SpecVersion: grassroots.SpecVersion, Type: "t.v1"}
	b, err := cehttp.MarshalBatch([]grassroots.Event{e, e})
	fmt.Println(string(b), err)
	// Output:
	// [{"id":"e-1","source":"/s","specversion":"1.0","type":"t.v1"},{"id":"e-1","source":"/s","specversion":"1.0","type":"t.v1"}] <nil>
}
