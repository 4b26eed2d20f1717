package stream_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
)

// A nil *Publisher or *Consumer refuses with a validation error that says
// how to make one, and a nil *MemoryHeads holds nothing.
func TestNilPublisherConsumerAndHeads(t *testing.T) {
	ctx := t.Context()
	evs := chain(t, nil, "I-1", 1, 2)

	var p *stream.Publisher
	acks, err := p.Publish(ctx, evs...)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "Publish")
	assert.ErrorContains(t, err, "NewPublisher", "Publish")
	assert.Empty(t, acks, "Publish")
	acks, err = p.PublishAsync(ctx, evs)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "PublishAsync")
	assert.ErrorContains(t, err, "NewPublisher", "PublishAsync")
	assert.Empty(t, acks, "PublishAsync")

	var c *stream.Consumer
	err = c.Run(ctx)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "Run")
	assert.ErrorContains(t, err, "NewConsumer", "Run")
	assert.Equal(t, stream.Stats{}, c.Stats(), "Stats")

	var h *stream.MemoryHeads
	head, err := h.Head(ctx, "I-1")
	assert.NoError(t, err, "Head")
	assert.Nil(t, head, "Head")
	assert.ErrorIs(t, h.Record(ctx, &evs[0]), grassroots.ErrInvalid, "Record")
	assert.ErrorIs(t, h.Record(ctx, nil), grassroots.ErrInvalid, "Record of a nil event")
	assert.Zero(t, h.Len(), "Len")
}

// A nil pointer of each error type has a message, wraps nothing and
// matches its own sentinel only.
func TestNilErrors(t *testing.T) {
	sentinels := []error{stream.ErrConflict, stream.ErrSkipped, stream.ErrAckTimeout, stream.ErrRefused,
		stream.ErrWrongSubject, stream.ErrContentMode, stream.ErrNotEvent, stream.ErrRunning, grassroots.ErrInvalid}
	for _, c := range []struct {
		err  error
		owns error // the sentinel the type matches, or nil
	}{
		{(*stream.ConflictError)(nil), stream.ErrConflict},
		{(*stream.PublishError)(nil), nil},
		{(*stream.BatchError)(nil), nil},
		{(*stream.RefusedError)(nil), stream.ErrRefused},
		{(*stream.HandlerError)(nil), nil},
	} {
		err := c.err
		msg := err.Error()
		assert.Contains(t, msg, "stream: ", "%T: %q names the package", err, msg)
		assert.Contains(t, msg, "nil", "%T: %q says the error is nil", err, msg)
		for _, s := range sentinels {
			if s == c.owns {
				assert.ErrorIs(t, err, s, "%T matches %v", err, s)
			} else {
				assert.NotErrorIs(t, err, s, "%T does not match %v", err, s)
			}
		}
	}
	var pe *stream.PublishError
	assert.Nil(t, pe.Unwrap(), "PublishError.Unwrap")
	var re *stream.RefusedError
	assert.Nil(t, re.Unwrap(), "RefusedError.Unwrap")
	var he *stream.HandlerError
	assert.Nil(t, he.Unwrap(), "HandlerError.Unwrap")
	var be *stream.BatchError
	assert.Nil(t, be.Unwrap(), "BatchError.Unwrap")

	// A nil entry among a BatchError's failures is named, not followed.
	mixed := &stream.BatchError{Failed: []*stream.PublishError{nil, {Index: 1, Err: stream.ErrAckTimeout}}}
	assert.Contains(t, mixed.Error(), "a nil *PublishError")
	assert.ErrorIs(t, mixed, stream.ErrAckTimeout)
}
