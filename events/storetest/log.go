package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

// assertRecords checks that got are want: the same positions and events.
func assertRecords(t testing.TB, want, got []events.Record, what string) {
	t.Helper()
	if !assert.Len(t, got, len(want), "%s: number of records", what) {
		return
	}
	for i := range want {
		assert.Equal(t, want[i].Position, got[i].Position, "%s: position of record %d", what, i)
		assert.Equal(t, marshal(t, &want[i].Event), marshal(t, &got[i].Event), "%s: event of record %d", what, i)
	}
}

func testGlobalLog(t *testing.T, s events.Store) {
	ctx := testContext(t)
	a := chain(t, "a", "w", nil, 3)
	b := chain(t, "b", "w", nil, 2)
	c := chain(t, "c", "w", nil, 3)
	var want []grassroots.Event
	for _, step := range []struct {
		subject  string
		expected int64
		batch    []grassroots.Event
	}{
		{"a", 0, a[:2]}, {"b", 0, b[:1]}, {"a", 2, a[2:]}, {"c", 0, c}, {"b", 1, b[1:]},
	} {
		mustAppend(t, ctx, s, step.subject, step.expected, step.batch)
		want = append(want, step.batch...)
	}

	recs := readAll(t, ctx, s)
	got := make([]grassroots.Event, len(recs))
	for i := range recs {
		got[i] = recs[i].Event
		if i == 0 {
			assert.Positive(t, recs[i].Position, "the first position")
		} else {
			assert.Greater(t, recs[i].Position, recs[i-1].Position, "position of record %d increases", i)
		}
	}
	assertSameEvents(t, want, got, "the global log in append order")
	assertRecords(t, recs, readAll(t, ctx, s), "reading the log again")

	for i := range recs {
		from, err := s.ReadLog(ctx, recs[i].Position, 100)
		require.NoError(t, err, "ReadLog after position %d", recs[i].Position)
		assertRecords(t, recs[i+1:], from, "ReadLog after a record's position")
		from, err = s.ReadLog(ctx, recs[i].Position-1, 100)
		require.NoError(t, err, "ReadLog after position %d", recs[i].Position-1)
		assertRecords(t, recs[i:], from, "ReadLog after one less than a record's position")
	}
	beyond, err := s.ReadLog(ctx, recs[len(recs)-1].Position+1000, 10)
	require.NoError(t, err, "ReadLog after the end")
	assert.Empty(t, beyond, "nothing after the end of the log")

	// The log agrees with each subject's chain.
	for subject, evs := range map[string][]grassroots.Event{"a": a, "b": b, "c": c} {
		var inLog []grassroots.Event
		for _, r := range recs {
			if r.Event.Subject == subject {
				inLog = append(inLog, r.Event)
			}
		}
		assertSameEvents(t, evs, inLog, "the log's events of "+subject)
	}

	// Appending more extends the log past every earlier position.
	more := chain(t, "a", "w", last(a), 2)
	mustAppend(t, ctx, s, "a", 3, more)
	tail, err := s.ReadLog(ctx, recs[len(recs)-1].Position, 100)
	require.NoError(t, err, "ReadLog after the old end")
	got = got[:0]
	for _, r := range tail {
		got = append(got, r.Event)
	}
	assertSameEvents(t, more, got, "the events appended after a read")
}

func testReadLogLimits(t *testing.T, s events.Store) {
	ctx := testContext(t)
	for i := range 6 {
		subject := string(rune('p' + i))
		mustAppend(t, ctx, s, subject, 0, chain(t, subject, "w", nil, 5))
	}
	all := readAll(t, ctx, s)
	require.Len(t, all, 30, "the log of 6 subjects × 5 events")
	for _, limit := range []int{1, 2, 7, 29, 30, 31, 1000} {
		var paged []events.Record
		var after int64
		for {
			page, err := s.ReadLog(ctx, after, limit)
			require.NoError(t, err, "ReadLog(%d, %d)", after, limit)
			assert.Len(t, page, min(limit, len(all)-len(paged)), "a page of ReadLog(%d, %d) is full unless it is the last", after, limit)
			if len(page) == 0 {
				break
			}
			paged = append(paged, page...)
			after = page[len(page)-1].Position
		}
		assertRecords(t, all, paged, "the log read in pages")
	}
}

func testFollow(t *testing.T, s events.Store) {
	f, ok := s.(events.Follower)
	if !ok {
		t.Skip("the store does not implement events.Follower")
	}
	ctx := testContext(t)
	evs := chain(t, "f", "w", nil, 8)
	mustAppend(t, ctx, s, "f", 0, evs[:2])

	got, err := f.Follow(ctx, 0, 10)
	require.NoError(t, err, "Follow with events after the position")
	require.Len(t, got, 2, "Follow returns the stored events at once")
	head := got[1].Position

	type result struct {
		recs []events.Record
		err  error
	}
	done := make(chan result, 1)
	go func() {
		recs, err := f.Follow(ctx, head, 10)
		done <- result{recs, err}
	}()
	// Give the follower time to start waiting; the result is the same
	// either way.
	time.Sleep(50 * time.Millisecond)
	mustAppend(t, ctx, s, "f", 2, evs[2:3])
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		t.Fatalf("Follow after %d did not return after an append", head)
	}
	require.NoError(t, r.err, "Follow woken by an append")
	require.Len(t, r.recs, 1, "Follow returns the appended event")
	assert.Equal(t, marshal(t, &evs[2]), marshal(t, &r.recs[0].Event), "the event Follow returns")
	assert.Greater(t, r.recs[0].Position, head, "the followed event's position")
	head = r.recs[0].Position

	mustAppend(t, ctx, s, "f", 3, evs[3:])
	limited, err := f.Follow(ctx, head, 2)
	require.NoError(t, err, "Follow with a limit")
	assert.Len(t, limited, 2, "Follow keeps to its limit")

	all := readAll(t, ctx, s)
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	_, err = f.Follow(short, all[len(all)-1].Position, 10)
	assert.ErrorIs(t, err, context.DeadlineExceeded, "Follow at the end of the log until its context ends")
}
