package cehttp_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/cehttp"
)

// heads is a Heads over a map, the way a receiver's store would answer.
type heads struct {
	last map[string]grassroots.Event
	err  error
	asks []string
}

func (h *heads) Head(_ context.Context, subject string) (grassroots.Event, bool, error) {
	h.asks = append(h.asks, subject)
	if h.err != nil {
		return grassroots.Event{}, false, h.err
	}
	e, ok := h.last[subject]
	return e, ok, nil
}

// With Heads, events are delivered only when they continue the chains the
// receiver holds, in every mode.
func TestHandlerVerifiesChainsAgainstHeads(t *testing.T) {
	a := chain(t, "I-7", 5, true)
	b := chain(t, "I-8", 3, false)
	hs := &heads{last: map[string]grassroots.Event{"I-7": a[1]}}
	srv, got := serve(t, cehttp.HandlerOptions{Heads: hs})
	ctx := context.Background()
	var client cehttp.Client

	// Subjects interleaved: a[2] follows the head a[1]; b starts its chain.
	batch := []grassroots.Event{a[2], b[0], a[3], b[1], b[2]}
	require.NoError(t, client.SendBatch(ctx, srv.URL, batch), "a batch continuing the chains")
	assert.Equal(t, []string{"I-7", "I-8"}, hs.asks, "one head lookup per subject, in order of first appearance")
	assertSame(t, batch, got.events(), "verified batch")
	var gotA, gotB []grassroots.Event
	for _, e := range got.events() {
		if e.Subject == "I-7" {
			gotA = append(gotA, e)
		} else {
			gotB = append(gotB, e)
		}
	}
	assert.NoError(t, grassroots.VerifyChain(append(a[:2:2], gotA...)), "I-7 verifies from its start")
	assert.NoError(t, grassroots.VerifyChain(gotB), "I-8 verifies")

	hs.last["I-7"] = a[3]
	require.NoError(t, client.SendBinary(ctx, srv.URL, a[4]), "binary event following the head")
	require.NoError(t, client.SendStructured(ctx, srv.URL, a[4]), "structured event following the same head")
	assert.Equal(t, 3, got.calls(), "deliveries so far")
}

func TestHandlerRefusesBrokenChains(t *testing.T) {
	a := chain(t, "I-7", 5, false)
	other := chain(t, "I-9", 2, false)
	unsealed := a[2]
	unsealed.Sequence, unsealed.PrevHash, unsealed.Hash = 0, "", ""
	tampered := a[2]
	tampered.Extensions = map[string]any{"tenant": "other"}
	noSubject := chain(t, "I-7", 1, false)[0]
	noSubject.Subject = ""
	hs := &heads{last: map[string]grassroots.Event{"I-7": a[1], "I-9": other[1]}}
	srv, got := serve(t, cehttp.HandlerOptions{Heads: hs})

	cases := []struct {
		name   string
		events []grassroots.Event
		status int
		path   string
		rule   string
	}{
		{"a gap after the head", []grassroots.Event{a[3]}, http.StatusConflict, "prevhash", grassroots.RuleReference},
		{"an event the receiver holds", []grassroots.Event{a[1]}, http.StatusConflict, "prevhash", grassroots.RuleReference},
		{"an older event", []grassroots.Event{a[0]}, http.StatusConflict, "sequence", grassroots.RuleOrder},
		{"a gap inside the batch", []grassroots.Event{a[2], a[4]}, http.StatusConflict, "[1].prevhash", grassroots.RuleReference},
		{"reordered inside the batch", []grassroots.Event{a[3], a[2]}, http.StatusConflict, "[0].prevhash", grassroots.RuleReference},
		{"a first event for a subject with a head", []grassroots.Event{chain(t, "I-9", 1, false)[0]}, http.StatusConflict, "sequence", grassroots.RuleOrder},
		{"a chain that does not start at 1", []grassroots.Event{chain(t, "I-10", 2, false)[1]}, http.StatusConflict, "prevhash", grassroots.RuleReference},
		{"an unsealed event", []grassroots.Event{unsealed}, http.StatusBadRequest, "hash", grassroots.RuleRequired},
		{"an event changed after sealing", []grassroots.Event{tampered}, http.StatusBadRequest, "hash", grassroots.RuleMismatch},
		{"an event without subject", []grassroots.Event{a[2], noSubject}, http.StatusBadRequest, "[1].subject", grassroots.RuleRequired},
	}
	var client cehttp.Client
	for _, c := range cases {
		var err error
		if len(c.events) == 1 {
			err = client.SendStructured(context.Background(), srv.URL, c.events[0])
		} else {
			err = client.SendBatch(context.Background(), srv.URL, c.events)
		}
		var se *cehttp.StatusError
		require.ErrorAs(t, err, &se, "%s: refused", c.name)
		assert.Equal(t, c.status, se.StatusCode, "%s: status", c.name)
		require.NotNil(t, se.Problem, "%s: a problem body", c.name)
		require.Len(t, se.Problem.Errors, 1, "%s: one problem: %s", c.name, se.Body)
		assert.Equal(t, c.path, se.Problem.Errors[0].Path, "%s: path", c.name)
		assert.Equal(t, c.rule, se.Problem.Errors[0].Rule, "%s: rule", c.name)
	}
	assert.Zero(t, got.calls(), "a broken chain delivers nothing")

	hs.err = errors.New("database at 10.0.0.7 unreachable")
	err := client.SendStructured(context.Background(), srv.URL, a[2])
	var se *cehttp.StatusError
	require.ErrorAs(t, err, &se, "a failed head lookup")
	assert.Equal(t, http.StatusInternalServerError, se.StatusCode, "a failed head lookup is a 500")
	assert.NotContains(t, string(se.Body), "10.0.0.7", "the lookup's error text is not sent")
	assert.Zero(t, got.calls(), "nothing is delivered when the lookup fails")
}

// Without Heads, the Deliver function can verify links itself with
// grassroots.VerifyLink, and refuses with a ChainError (409).
func TestDeliverVerifiesWithVerifyLink(t *testing.T) {
	a := chain(t, "I-7", 3, false)
	var held *grassroots.Event
	h, err := cehttp.NewHandler(func(_ context.Context, events []grassroots.Event) error {
		for i := range events {
			if err := grassroots.VerifyLink(held, &events[i]); err != nil {
				return err
			}
			held = &events[i]
		}
		return nil
	}, cehttp.HandlerOptions{})
	require.NoError(t, err, "NewHandler")
	srv := newServer(t, h)
	var client cehttp.Client
	require.NoError(t, client.SendBinary(context.Background(), srv.URL, a[0]), "first event")
	err = client.SendBinary(context.Background(), srv.URL, a[2])
	var se *cehttp.StatusError
	require.ErrorAs(t, err, &se, "a dropped event")
	assert.Equal(t, http.StatusConflict, se.StatusCode, "a ChainError from Deliver is a 409")
	require.NoError(t, client.SendBinary(context.Background(), srv.URL, a[1]), "second event")
	require.NoError(t, client.SendBinary(context.Background(), srv.URL, a[2]), "third event")
}
