package main

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
)

// A small run: both vendors agree, B resumes from its durable position
// (every message of the stream settled exactly once over its two runs,
// no event handed over twice), and the altered event is refused by both
// as a changed content, leaving both stores as they were.
func TestRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := run(ctx, options{matters: 12, seed: 5, timeout: time.Minute}, io.Discard)
	require.NoError(t, err, "the run")
	assert.True(t, res.agree, "A and B agree")
	require.Len(t, res.a.states, 12, "A holds every matter")
	for id, h := range res.a.heads {
		assert.Equal(t, h.Hash, res.b.heads[id].Hash, "head of %s", id)
		assert.NotEqual(t, res.forged.ID, h.ID, "the altered event is in neither store")
	}

	b := res.provider
	require.Len(t, b.runs, 2, "B ran twice")
	assert.Positive(t, res.missed, "events were published while B was down")
	var settled uint64
	for _, s := range b.runs {
		settled += s.Delivered + s.Repeats + s.Refused
	}
	assert.Equal(t, res.streamEnd, settled, "B settled every message of the stream once over its two runs")
	assert.Equal(t, res.streamEnd-res.ackFloor, b.runs[1].Delivered+b.runs[1].Repeats+b.runs[1].Refused,
		"B's second run began after its durable position")
	assert.Zero(t, twice(b), "no event handed to B twice")

	for _, v := range []*vendor{res.hotline, b} {
		require.Len(t, v.refused, 1, "%s refused one message", v.name)
		var ce *grassroots.ChainError
		require.True(t, errors.As(v.refused[0], &ce), "%s: a chain error", v.name)
		assert.Equal(t, grassroots.ChainContentChanged, ce.Reason, "%s: the content changed", v.name)
		assert.ErrorIs(t, v.refused[0], stream.ErrRefused, "%s", v.name)
	}
}

// The same seed gives the same chain heads.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("two runs")
	}
	ctx := context.Background()
	first, err := run(ctx, options{matters: 8, seed: 9, timeout: time.Minute}, io.Discard)
	require.NoError(t, err)
	second, err := run(ctx, options{matters: 8, seed: 9, timeout: time.Minute}, io.Discard)
	require.NoError(t, err)
	for id, h := range first.a.heads {
		assert.Equal(t, h.Hash, second.a.heads[id].Hash, "head of %s in two runs", id)
	}
}

func TestFlags(t *testing.T) {
	for _, args := range [][]string{{"-matters", "2"}, {"-timeout", "0s"}, {"extra"}, {"-colour"}} {
		_, err := parseFlags(args, io.Discard)
		assert.Error(t, err, "%v", args)
	}
	o, err := parseFlags(nil, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, 40, o.matters, "the default size")
}
