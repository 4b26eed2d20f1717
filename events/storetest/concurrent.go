package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

// testRaceOnOneSubject lets writers race, round after round, to append
// their own batch after the same head: exactly one wins each round.
func testRaceOnOneSubject(t *testing.T, s events.Store) {
	ctx := testContext(t)
	const writers, rounds = 8, 20
	var head *grassroots.Event
	var want []grassroots.Event
	for round := range rounds {
		var expected int64
		if head != nil {
			expected = head.Sequence
		}
		batches := make([][]grassroots.Event, writers)
		for w := range batches {
			batches[w] = chain(t, "race", fmt.Sprintf("w%d", w), head, 1+(w+round)%3)
		}
		errs := make([]error, writers)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				<-start
				errs[w] = s.Append(ctx, "race", expected, batches[w])
			})
		}
		close(start)
		wg.Wait()

		winner := -1
		for w, err := range errs {
			if err == nil {
				assert.Equal(t, -1, winner, "round %d: writers %d and %d both won", round, winner, w)
				winner = w
				continue
			}
			var ce *events.ConflictError
			if assert.ErrorAs(t, err, &ce, "round %d: writer %d lost with a conflict", round, w) {
				assert.Equal(t, expected, ce.Expected, "round %d: the loser's expected", round)
			}
		}
		require.NotEqual(t, -1, winner, "round %d: one writer wins", round)
		for w, err := range errs {
			var ce *events.ConflictError
			if errors.As(err, &ce) {
				assert.Equal(t, expected+int64(len(batches[winner])), ce.Actual, "round %d: writer %d sees the winner's head", round, w)
			}
		}
		want = append(want, batches[winner]...)
		head = last(batches[winner])
	}
	got, err := events.LoadVerified(ctx, s, "race", nil)
	require.NoError(t, err, "the raced chain verifies")
	assertSameEvents(t, want, got, "the winners' batches, in order")
	assert.Len(t, readAll(t, ctx, s), len(want), "the log holds exactly the winners' events")
}

// testRetryingWriters lets writers append to one subject as a command
// handler does: read the head, seal, append, and on a conflict load what
// was appended meanwhile and try again. Nothing is lost.
func testRetryingWriters(t *testing.T, s events.Store) {
	ctx := testContext(t)
	const writers, each, maxAttempts = 6, 15, 10000
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			errs[w] = retryingWriter(ctx, t, s, fmt.Sprintf("w%d", w), each, maxAttempts)
		})
	}
	wg.Wait()
	for w, err := range errs {
		require.NoError(t, err, "writer %d", w)
	}
	got, err := events.LoadVerified(ctx, s, "shared", nil)
	require.NoError(t, err, "the shared chain verifies")
	require.Len(t, got, writers*each, "every writer's events are stored")
	perWriter := map[string]int{}
	ids := map[string]bool{}
	for _, e := range got {
		perWriter[e.Source]++
		assert.False(t, ids[e.ID], "event ID %q stored once", e.ID)
		ids[e.ID] = true
	}
	for w := range writers {
		assert.Equal(t, each, perWriter[fmt.Sprintf("/storetest/w%d", w)], "events of writer %d", w)
	}
}

func retryingWriter(ctx context.Context, t *testing.T, s events.Store, writer string, n, maxAttempts int) error {
	var known []grassroots.Event
	done := 0
	for attempt := 0; done < n; attempt++ {
		if attempt == maxAttempts {
			return fmt.Errorf("%s appended %d of %d events in %d attempts", writer, done, n, maxAttempts)
		}
		var after int64
		var head *grassroots.Event
		if len(known) > 0 {
			head = last(known)
			after = head.Sequence
		}
		batch := chain(t, "shared", writer, head, 1)
		err := s.Append(ctx, "shared", after, batch)
		var ce *events.ConflictError
		switch {
		case err == nil:
			known = append(known, batch...)
			done++
		case errors.As(err, &ce):
			newer, err := s.Load(ctx, "shared", after)
			if err != nil {
				return err
			}
			known = append(known, newer...)
		default:
			return err
		}
	}
	return nil
}

// testTailWhileAppending reads the global log page by page while writers
// append to many subjects at once: the reader misses nothing and sees no
// event twice, however the appends interleave.
func testTailWhileAppending(t *testing.T, s events.Store) {
	ctx := testContext(t)
	const writers, appends = 4, 40
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			subjects := []*grassroots.Event{nil, nil, nil}
			for i := range appends {
				k := i % len(subjects)
				subject := fmt.Sprintf("tail-%d-%d", w, k)
				batch := chain(t, subject, "w", subjects[k], 1+(w*7+i*3)%5)
				var expected int64
				if subjects[k] != nil {
					expected = subjects[k].Sequence
				}
				if err := s.Append(ctx, subject, expected, batch); err != nil {
					errs[w] = err
					return
				}
				subjects[k] = last(batch)
			}
		})
	}
	stop := make(chan struct{})
	var seen []events.Record
	var readErr error
	var rg sync.WaitGroup
	rg.Go(func() {
		var after int64
		for {
			select {
			case <-stop:
				return
			default:
			}
			page, err := s.ReadLog(ctx, after, 7)
			if err != nil {
				readErr = err
				return
			}
			seen = append(seen, page...)
			if len(page) > 0 {
				after = page[len(page)-1].Position
			}
		}
	})
	wg.Wait()
	close(stop)
	rg.Wait()
	for w, err := range errs {
		require.NoError(t, err, "writer %d", w)
	}
	require.NoError(t, readErr, "the tailing reader")

	// Drain what the reader had not reached yet, then compare.
	var after int64
	if len(seen) > 0 {
		after = seen[len(seen)-1].Position
	}
	for {
		page, err := s.ReadLog(ctx, after, 100)
		require.NoError(t, err, "draining the log after %d", after)
		if len(page) == 0 {
			break
		}
		seen = append(seen, page...)
		after = page[len(page)-1].Position
	}
	all := readAll(t, ctx, s)
	assertRecords(t, all, seen, "the log as the tailing reader saw it")
	for w := range writers {
		for k := range 3 {
			subject := fmt.Sprintf("tail-%d-%d", w, k)
			_, err := events.LoadVerified(ctx, s, subject, nil)
			assert.NoError(t, err, "the chain of %s verifies", subject)
		}
	}
}
