package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

var (
	baseTime = time.Date(2025, 6, 9, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	pageSize = 500
)

// event returns the unsealed event number n of subject, written by
// writer: a mix of the envelope's optional parts, so a round trip
// exercises all of them.
func event(subject, writer string, n int64) grassroots.Event {
	e := grassroots.Event{
		ID:          grassroots.EventID(subject, fmt.Sprintf("%s-%d", writer, n), 0, baseTime.Add(time.Duration(n)*time.Second)),
		Source:      "/storetest/" + writer,
		SpecVersion: grassroots.SpecVersion,
		Type:        grassroots.EventType("storetest", "happened"),
		Subject:     subject,
		Time:        baseTime.Add(time.Duration(n)*time.Second + time.Duration(n%7)*123456789),
	}
	switch n % 5 {
	case 0:
		e.DataContentType = "application/octet-stream"
		e.DataBase64 = []byte{0, 1, 2, byte(n), 0xff}
	case 1:
		e.DataContentType = "application/json"
		e.DataSchema = grassroots.SchemaURI("storetest", "happened")
		e.Data = json.RawMessage(fmt.Sprintf(`{"n": %d, "note": "网格员上报 \u00e9 %s", "tags": ["a", "b"]}`, n, writer))
	case 2:
		e.Extensions = map[string]any{"region": "330302", "priority": int64(n % 3), "urgent": n%2 == 0}
		e.Data = json.RawMessage(fmt.Sprintf(`{"n":%d,"nested":{"x":1.5,"y":[true,false,null]}}`, n))
	default:
		e.Data = json.RawMessage(fmt.Sprintf(`{"n":%d}`, n))
	}
	return e
}

// chain seals n events of subject after prev (nil for a new subject).
func chain(t testing.TB, subject, writer string, prev *grassroots.Event, n int) []grassroots.Event {
	t.Helper()
	var next int64 = 1
	if prev != nil {
		next = prev.Sequence + 1
	}
	raw := make([]grassroots.Event, n)
	for i := range raw {
		raw[i] = event(subject, writer, next+int64(i))
	}
	out, err := grassroots.SealAll(prev, raw)
	require.NoError(t, err, "sealing %d events of %q", n, subject)
	return out
}

func last(evs []grassroots.Event) *grassroots.Event { return &evs[len(evs)-1] }

// reseal recomputes e's hash after a test changed it, so e is intact but
// placed wrongly.
func reseal(t testing.TB, e grassroots.Event) grassroots.Event {
	t.Helper()
	h, err := grassroots.ComputeHash(&e)
	require.NoError(t, err, "hashing the altered event %q", e.ID)
	e.Hash = h
	return e
}

func marshal(t testing.TB, e *grassroots.Event) string {
	t.Helper()
	b, err := e.MarshalJSON()
	require.NoError(t, err, "marshalling event %q", e.ID)
	return string(b)
}

func mustAppend(t testing.TB, ctx context.Context, s events.Store, subject string, expected int64, batch []grassroots.Event) {
	t.Helper()
	require.NoError(t, s.Append(ctx, subject, expected, batch), "appending %d events to %q after %d", len(batch), subject, expected)
}

// readAll reads the whole global log, page by page.
func readAll(t testing.TB, ctx context.Context, s events.Store) []events.Record {
	t.Helper()
	var all []events.Record
	var after int64
	for {
		recs, err := s.ReadLog(ctx, after, pageSize)
		require.NoError(t, err, "reading the log after %d", after)
		require.LessOrEqual(t, len(recs), pageSize, "ReadLog(%d, %d) exceeds its limit", after, pageSize)
		if len(recs) == 0 {
			return all
		}
		all = append(all, recs...)
		after = recs[len(recs)-1].Position
	}
}

// snapshot is what a store holds, as positions and JSON, to show that a
// refused call changed nothing.
type snapshot struct {
	positions []int64
	envelopes []string
}

func take(t testing.TB, ctx context.Context, s events.Store) snapshot {
	t.Helper()
	var sn snapshot
	for _, r := range readAll(t, ctx, s) {
		sn.positions = append(sn.positions, r.Position)
		sn.envelopes = append(sn.envelopes, marshal(t, &r.Event))
	}
	return sn
}

func assertUnchanged(t testing.TB, ctx context.Context, s events.Store, before snapshot, what string) {
	t.Helper()
	after := take(t, ctx, s)
	assert.Equal(t, before.positions, after.positions, "%s: the global log's positions changed", what)
	assert.Equal(t, before.envelopes, after.envelopes, "%s: the global log's events changed", what)
}

// assertSameEvents checks that got are want, byte for byte as JSON.
func assertSameEvents(t testing.TB, want, got []grassroots.Event, what string) {
	t.Helper()
	if !assert.Len(t, got, len(want), "%s: number of events", what) {
		return
	}
	for i := range want {
		assert.Equal(t, marshal(t, &want[i]), marshal(t, &got[i]), "%s: event %d as JSON", what, i)
	}
}

// assertChainError checks that err is the *grassroots.ChainError that
// VerifyLink gives for prev and next, at index.
func assertChainError(t testing.TB, err error, reason grassroots.ChainReason, index int, what string) {
	t.Helper()
	var ce *grassroots.ChainError
	if !assert.ErrorAs(t, err, &ce, "%s: want a *grassroots.ChainError", what) {
		return
	}
	assert.ErrorIs(t, err, grassroots.ErrChainBroken, "%s", what)
	assert.Equal(t, reason, ce.Reason, "%s: chain reason", what)
	assert.Equal(t, index, ce.Index, "%s: batch index", what)
}

func linkReason(prev, next *grassroots.Event) grassroots.ChainReason {
	var ce *grassroots.ChainError
	if err := grassroots.VerifyLink(prev, next); err != nil {
		if e, ok := err.(*grassroots.ChainError); ok {
			ce = e
		}
	}
	if ce == nil {
		return 0
	}
	return ce.Reason
}
