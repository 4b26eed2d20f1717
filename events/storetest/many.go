package storetest

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

// testAppendMany holds a store that implements events.MultiAppender to
// its contract: every batch or none, in the order given, replays a no-op,
// a refusal named by its batch and changing nothing.
func testAppendMany(t *testing.T, s events.Store) {
	m, ok := s.(events.MultiAppender)
	if !ok {
		t.Skip("the store does not implement events.MultiAppender")
	}
	ctx := testContext(t)
	a := chain(t, "ma", "w", nil, 3)
	mustAppend(t, ctx, s, "ma", 0, a)
	aNext := chain(t, "ma", "w", last(a), 2)
	b := chain(t, "mb", "w", nil, 4)
	c := chain(t, "mc", "w", nil, 1)
	bNext := chain(t, "mb", "w", last(b), 2)
	batches := []events.Batch{
		{Subject: "mb", Expected: 0, Events: b},
		{Subject: "ma", Expected: 3, Events: aNext},
		{Subject: "mc", Expected: 0, Events: c},
		{Subject: "mb", Expected: 4, Events: bNext}, // sees the first batch
	}
	before := readAll(t, ctx, s)
	require.NoError(t, m.AppendMany(ctx, batches), "appending four batches")
	after := readAll(t, ctx, s)
	require.Len(t, after, len(before)+len(b)+len(aNext)+len(c)+len(bNext), "every batch is stored")
	var want []grassroots.Event
	for _, bt := range batches {
		want = append(want, bt.Events...)
	}
	var got []grassroots.Event
	for i, r := range after[len(before):] {
		got = append(got, r.Event)
		if i > 0 {
			assert.Greater(t, r.Position, after[len(before)+i-1].Position, "positions grow")
		}
	}
	assertSameEvents(t, want, got, "the global log holds the batches in the order given")
	for subject, chain := range map[string][]grassroots.Event{"ma": append(a, aNext...), "mb": append(b, bNext...), "mc": c} {
		loaded, err := s.Load(ctx, subject, 0)
		require.NoError(t, err, "loading %s", subject)
		assertSameEvents(t, chain, loaded, "subject "+subject)
	}

	snap := take(t, ctx, s)
	require.NoError(t, m.AppendMany(ctx, batches), "appending the same batches again")
	assertUnchanged(t, ctx, s, snap, "a repeated AppendMany")

	// A refused batch anywhere writes nothing of the others.
	d := chain(t, "md", "w", nil, 2)
	stale := chain(t, "ma", "w", last(aNext), 1)
	err := m.AppendMany(ctx, []events.Batch{
		{Subject: "md", Expected: 0, Events: d},
		{Subject: "ma", Expected: 3, Events: stale},
	})
	var be *events.BatchError
	require.True(t, errors.As(err, &be), "a refused batch is a *events.BatchError, got %v", err)
	assert.Equal(t, 1, be.Index, "the refused batch's index")
	assert.Equal(t, "ma", be.Subject, "the refused batch's subject")
	assertConflict(t, err, "ma", 3, 5, "a stale expected sequence in the second batch")
	assertUnchanged(t, ctx, s, snap, "a refused AppendMany")

	forged := chain(t, "me", "w", nil, 2)
	forged[1].Hash = forged[0].Hash
	err = m.AppendMany(ctx, []events.Batch{
		{Subject: "md", Expected: 0, Events: d},
		{Subject: "me", Expected: 0, Events: forged},
	})
	require.True(t, errors.As(err, &be), "a broken chain is a *events.BatchError, got %v", err)
	assert.Equal(t, 1, be.Index, "the broken chain's batch")
	var ce *grassroots.ChainError
	assert.True(t, errors.As(err, &ce), "the cause is a *grassroots.ChainError, got %v", err)
	assertUnchanged(t, ctx, s, snap, "an AppendMany with a broken chain")

	dup := chain(t, "mf", "w", nil, 1)
	dup[0].ID = c[0].ID
	dup[0] = reseal(t, dup[0])
	err = m.AppendMany(ctx, []events.Batch{
		{Subject: "md", Expected: 0, Events: d},
		{Subject: "mf", Expected: 0, Events: dup},
	})
	require.True(t, errors.As(err, &be), "a used ID is a *events.BatchError, got %v", err)
	assert.Equal(t, 1, be.Index, "the batch with the used ID")
	assert.ErrorIs(t, err, events.ErrDuplicateID, "the cause")
	assertUnchanged(t, ctx, s, snap, "an AppendMany with a used ID")

	require.NoError(t, m.AppendMany(ctx, []events.Batch{{Subject: "md", Expected: 0, Events: d}}), "the good batch alone")
	loaded, err := s.Load(ctx, "md", 0)
	require.NoError(t, err)
	assertSameEvents(t, d, loaded, "subject md")
}
