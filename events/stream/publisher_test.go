package stream_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
)

func newPublisher(t *testing.T, js jetstream.JetStream, cfg stream.PublisherConfig) *stream.Publisher {
	t.Helper()
	p, err := stream.NewPublisher(context.Background(), js, cfg)
	require.NoError(t, err, "creating a publisher")
	return p
}

func TestPublishWritesStructuredMessagesWithHeaders(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	p := newPublisher(t, js, stream.PublisherConfig{})
	events := chain(t, nil, "INC.2025/1", 0, 3)
	acks, err := p.Publish(context.Background(), events...)
	require.NoError(t, err, "publishing 3 events")
	require.Len(t, acks, 3, "one ack per event")

	s, err := js.Stream(context.Background(), stream.DefaultStream)
	require.NoError(t, err, "stream lookup")
	var last uint64
	for i, ack := range acks {
		assert.False(t, ack.Duplicate, "event %d is new", i)
		raw, err := s.GetMsg(context.Background(), ack.StreamSequence)
		require.NoError(t, err, "reading message %d", ack.StreamSequence)
		assert.Equal(t, "grassroots.incident.INC%2E2025%2F1", raw.Subject, "subject of event %d", i)
		assert.Equal(t, grassroots.ContentType, raw.Header.Get("Content-Type"), "content type of event %d", i)
		assert.Equal(t, events[i].ID, raw.Header.Get(jetstream.MsgIDHeader), "Nats-Msg-Id of event %d", i)
		assert.Equal(t, fmt.Sprint(last), raw.Header.Get(jetstream.ExpectedLastSubjSeqHeader), "expected last subject sequence of event %d", i)
		want, err := events[i].MarshalJSON()
		require.NoError(t, err, "marshalling event %d", i)
		assert.JSONEq(t, string(want), string(raw.Data), "payload of event %d is the structured envelope", i)
		last = ack.StreamSequence
	}
	got := streamEvents(t, js, subjectOf(t, &events[0]))
	assert.NoError(t, grassroots.VerifyChain(got), "the stream's events form the chain")
}

func TestRepublishIsANoOp(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	p := newPublisher(t, js, stream.PublisherConfig{})
	a := chain(t, nil, "INC-A", 0, 5)
	b := chain(t, nil, "INC-B", 0, 5)
	all := append(append([]grassroots.Event(nil), a...), b...)
	_, err := p.PublishAsync(ctx, all)
	require.NoError(t, err, "first publish")
	require.Equal(t, uint64(10), messageCount(t, js), "stream after the first publish")

	// The same publisher, a fresh one (no cached heads), the synchronous
	// path, a suffix, a middle part: all are already in the stream.
	fresh := newPublisher(t, js, stream.PublisherConfig{})
	attempts := []struct {
		name   string
		pub    *stream.Publisher
		events []grassroots.Event
		sync   bool
	}{
		{"same publisher, async", p, all, false},
		{"fresh publisher, async", fresh, all, false},
		{"fresh publisher, sync", newPublisher(t, js, stream.PublisherConfig{}), all, true},
		{"middle of one chain", newPublisher(t, js, stream.PublisherConfig{}), a[1:3], false},
		{"middle of one chain, sync", newPublisher(t, js, stream.PublisherConfig{}), a[1:3], true},
		{"suffix up to the head", newPublisher(t, js, stream.PublisherConfig{}), b[2:], false},
	}
	for _, at := range attempts {
		var acks []stream.Ack
		if at.sync {
			acks, err = at.pub.Publish(ctx, at.events...)
		} else {
			acks, err = at.pub.PublishAsync(ctx, at.events)
		}
		require.NoError(t, err, "republishing: %s", at.name)
		for i, ack := range acks {
			assert.True(t, ack.Duplicate, "%s: event %d acknowledged as a duplicate", at.name, i)
		}
		assert.Equal(t, uint64(10), messageCount(t, js), "stream after republishing: %s", at.name)
	}

	// Continuing after a republish works from the same publisher.
	more := chain(t, &a[4], "INC-A", 5, 2)
	_, err = fresh.PublishAsync(ctx, append(append([]grassroots.Event(nil), a...), more...))
	require.NoError(t, err, "republishing a chain with two new events at its end")
	assert.Equal(t, uint64(12), messageCount(t, js), "stream after extending INC-A")
	assert.NoError(t, grassroots.VerifyChain(streamEvents(t, js, subjectOf(t, &a[0]))), "INC-A in the stream")
}

func TestRepublishBeyondTheDuplicateWindow(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{Duplicates: 100 * time.Millisecond})
	ctx := context.Background()
	events := chain(t, nil, "INC-1", 0, 3)
	_, err := newPublisher(t, js, stream.PublisherConfig{}).Publish(ctx, events...)
	require.NoError(t, err, "first publish")
	time.Sleep(300 * time.Millisecond)

	acks, err := newPublisher(t, js, stream.PublisherConfig{}).PublishAsync(ctx, events)
	require.NoError(t, err, "republishing after the window")
	for i, ack := range acks {
		assert.True(t, ack.Duplicate, "event %d found in the stream after the window", i)
	}
	assert.Equal(t, uint64(3), messageCount(t, js), "the stream holds each event once")
}

func TestServerDeduplicatesByEnvelopeID(t *testing.T) {
	_, nc, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	e := chain(t, nil, "INC-1", 0, 1)[0]
	_, err := newPublisher(t, js, stream.PublisherConfig{}).Publish(ctx, e)
	require.NoError(t, err, "publishing")
	body, err := e.MarshalJSON()
	require.NoError(t, err, "marshalling")
	// A publisher that knows nothing of heads sends the same envelope.
	ack, err := js.PublishMsg(ctx, &nats.Msg{
		Subject: subjectOf(t, &e), Data: body,
		Header: nats.Header{jetstream.MsgIDHeader: {e.ID}, stream.ContentTypeHeader: {grassroots.ContentType}},
	})
	require.NoError(t, err, "raw republish")
	assert.True(t, ack.Duplicate, "the stream drops a message with the same Nats-Msg-Id")
	assert.Equal(t, uint64(1), messageCount(t, js), "stream holds the event once")
	_ = nc
}

func TestConflicts(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	p := newPublisher(t, js, stream.PublisherConfig{})
	base := chain(t, nil, "INC-1", 0, 2)
	_, err := p.Publish(ctx, base...)
	require.NoError(t, err, "publishing the base")

	fork := chain(t, &base[0], "INC-1", 10, 2) // another second event
	gap := chain(t, &base[1], "INC-1", 2, 3)[2:]
	orphan := chain(t, nil, "INC-2", 0, 3)[1:] // INC-2 has no first event in the stream
	cases := []struct {
		name   string
		events []grassroots.Event
		head   int64
	}{
		{"a different second event", fork[:1], 2},
		{"a chain forked at its first event", fork, 2},
		{"an event after a gap", gap, 2},
		{"a chain without its start", orphan, 0},
	}
	for _, c := range cases {
		for _, pub := range []*stream.Publisher{p, newPublisher(t, js, stream.PublisherConfig{})} {
			_, err := pub.Publish(ctx, c.events...)
			var ce *stream.ConflictError
			require.ErrorAs(t, err, &ce, "sync: %s", c.name)
			assert.Equal(t, c.head, ce.Head, "sync: head reported for %s", c.name)
			assert.Equal(t, c.events[0].Sequence, ce.Sequence, "sync: sequence reported for %s", c.name)

			acks, err := pub.PublishAsync(ctx, c.events)
			require.ErrorIs(t, err, stream.ErrConflict, "async: %s", c.name)
			var be *stream.BatchError
			require.ErrorAs(t, err, &be, "async: %s", c.name)
			require.Len(t, be.Failed, len(c.events), "async: every event of %s fails", c.name)
			for i, f := range be.Failed[1:] {
				assert.ErrorIs(t, f, stream.ErrSkipped, "async: %s: event %d is skipped", c.name, i+1)
			}
			assert.Equal(t, make([]stream.Ack, len(c.events)), acks, "async: no acks for %s", c.name)
		}
	}
	assert.Equal(t, uint64(2), messageCount(t, js), "nothing was written by the conflicting calls")
}

func TestPublishRefusesBadCalls(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	p := newPublisher(t, js, stream.PublisherConfig{})
	good := chain(t, nil, "INC-1", 0, 3)
	unsealed := good[1]
	unsealed.Hash = ""
	altered := good[1]
	altered.Data = []byte(`{"count":99}`)
	foreign := good[0]
	foreign.Type = "com.example.noted"
	otherPkg := good[1]
	otherPkg.Type = grassroots.EventType("risk", "noted")
	otherPkg, err := grassroots.Seal(&good[0], otherPkg)
	require.NoError(t, err, "sealing an event of another package")

	cases := []struct {
		name   string
		events []grassroots.Event
		index  int
		is     error
		// whole says that PublishAsync refuses the whole call too; else it
		// publishes what comes before the bad event on its aggregate.
		whole bool
	}{
		{"an unsealed event", []grassroots.Event{good[0], unsealed}, 1, grassroots.ErrChainBroken, false},
		{"an altered event", []grassroots.Event{good[0], altered}, 1, grassroots.ErrChainBroken, false},
		{"an altered first event", []grassroots.Event{altered}, 0, grassroots.ErrChainBroken, false},
		{"events out of order", []grassroots.Event{good[0], good[2], good[1]}, 1, grassroots.ErrChainBroken, false},
		{"a foreign type", []grassroots.Event{foreign}, 0, grassroots.ErrInvalid, true},
		{"one aggregate in two packages", []grassroots.Event{good[0], otherPkg}, 1, grassroots.ErrInvalid, true},
	}
	for _, c := range cases {
		_, err := p.Publish(ctx, c.events...)
		var pe *stream.PublishError
		require.ErrorAs(t, err, &pe, "%s", c.name)
		assert.Equal(t, c.index, pe.Index, "%s: index", c.name)
		assert.ErrorIs(t, err, c.is, "%s", c.name)
		assert.Equal(t, uint64(0), messageCount(t, js), "%s: the synchronous path publishes nothing", c.name)
	}
	for _, c := range cases {
		acks, err := p.PublishAsync(ctx, c.events)
		if c.whole {
			var pe *stream.PublishError
			require.ErrorAs(t, err, &pe, "async: %s", c.name)
			assert.Equal(t, c.index, pe.Index, "async: %s: index", c.name)
			assert.ErrorIs(t, err, c.is, "async: %s", c.name)
			continue
		}
		var be *stream.BatchError
		require.ErrorAs(t, err, &be, "async: %s", c.name)
		require.NotEmpty(t, be.Failed, "async: %s fails", c.name)
		assert.Equal(t, c.index, be.Failed[0].Index, "async: %s: the bad event fails first", c.name)
		assert.ErrorIs(t, be.Failed[0], c.is, "async: %s", c.name)
		for _, f := range be.Failed[1:] {
			assert.ErrorIs(t, f, stream.ErrSkipped, "async: %s: event %d after it is skipped", c.name, f.Index)
		}
		for i := range c.index {
			assert.True(t, acks[i].Duplicate || acks[i].StreamSequence > 0, "async: %s: event %d before it is in the stream", c.name, i)
		}
	}
	got := streamEvents(t, js, subjectOf(t, &good[0]))
	require.Len(t, got, 1, "only the first good event was published")
	assert.Equal(t, good[0].Hash, got[0].Hash, "the stream holds the first good event")
}

func TestPublishAsyncManyAggregates(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	p := newPublisher(t, js, stream.PublisherConfig{MaxPending: 16})
	var all []grassroots.Event
	chains := make(map[string][]grassroots.Event)
	for a := range 40 {
		agg := fmt.Sprintf("INC.%03d", a)
		c := chain(t, nil, agg, 0, 1+a%7)
		chains[agg] = c
		all = append(all, c...)
	}
	// Interleave the aggregates as a relay reading a global log would.
	interleaved := make([]grassroots.Event, 0, len(all))
	for step := 0; len(interleaved) < len(all); step++ {
		for a := range 40 {
			c := chains[fmt.Sprintf("INC.%03d", a)]
			if step < len(c) {
				interleaved = append(interleaved, c[step])
			}
		}
	}
	acks, err := p.PublishAsync(ctx, interleaved)
	require.NoError(t, err, "publishing %d events of 40 aggregates", len(interleaved))
	seen := make(map[uint64]bool)
	for i, ack := range acks {
		assert.NotZero(t, ack.StreamSequence, "event %d acknowledged", i)
		assert.False(t, seen[ack.StreamSequence], "event %d has its own stream sequence", i)
		seen[ack.StreamSequence] = true
	}
	for agg, c := range chains {
		got := streamEvents(t, js, subjectOf(t, &c[0]))
		require.Len(t, got, len(c), "events of %s in the stream", agg)
		assert.NoError(t, grassroots.VerifyChain(got), "chain of %s in the stream", agg)
	}
}

func TestRacingPublishersCannotInterleave(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	base := chain(t, nil, "INC-RACE", 0, 1)
	_, err := newPublisher(t, js, stream.PublisherConfig{}).Publish(ctx, base...)
	require.NoError(t, err, "publishing the first event")

	const racers = 4
	const rounds = 10
	heads := []*grassroots.Event{&base[0]}
	for round := range rounds {
		prev := heads[len(heads)-1]
		// Each racer extends the current head with its own three events.
		candidates := make([][]grassroots.Event, racers)
		for r := range racers {
			candidates[r] = chain(t, prev, "INC-RACE", 1000*(r+1)+10*round, 3)
		}
		errs := make([]error, racers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for r := range racers {
			pub := newPublisher(t, js, stream.PublisherConfig{})
			// Warm the publisher's view of the head so it races without a lookup.
			_, err := pub.Publish(ctx, *prev)
			require.NoError(t, err, "round %d: racer %d sees the head", round, r)
			wg.Go(func() {
				<-start
				if r%2 == 0 {
					_, errs[r] = pub.Publish(ctx, candidates[r]...)
				} else {
					_, errs[r] = pub.PublishAsync(ctx, candidates[r])
				}
			})
		}
		close(start)
		wg.Wait()
		winners := 0
		var winner int
		for r, err := range errs {
			if err == nil {
				winners++
				winner = r
				continue
			}
			assert.ErrorIs(t, err, stream.ErrConflict, "round %d: racer %d lost with a conflict", round, r)
		}
		require.Equal(t, 1, winners, "round %d: exactly one racer wins: %v", round, errs)
		got := streamEvents(t, js, subjectOf(t, &base[0]))
		require.NoError(t, grassroots.VerifyChain(got), "round %d: the stream holds one chain", round)
		require.Equal(t, candidates[winner][2].Hash, got[len(got)-1].Hash, "round %d: the winner's events are the stream's last", round)
		heads = append(heads, &candidates[winner][2])
	}
	assert.Equal(t, uint64(1+3*rounds), messageCount(t, js), "every round added exactly one racer's events")
}

func TestPublishHonoursContext(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	p := newPublisher(t, js, stream.PublisherConfig{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	events := chain(t, nil, "INC-1", 0, 3)
	acks, err := p.PublishAsync(ctx, events)
	require.ErrorIs(t, err, context.Canceled, "publishing with a cancelled context")
	assert.Len(t, acks, 3, "one ack slot per event")
	_, err = p.Publish(ctx, events...)
	require.ErrorIs(t, err, context.Canceled, "sync publishing with a cancelled context")

	acks, err = p.PublishAsync(context.Background(), events)
	require.NoError(t, err, "publishing again settles it")
	for i, ack := range acks {
		assert.NotZero(t, ack.StreamSequence, "event %d acknowledged", i)
	}
	assert.Equal(t, uint64(3), messageCount(t, js), "each event once")
}

func TestPublisherBlockedByAForeignMessage(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	events := chain(t, nil, "INC-1", 0, 2)
	_, err := js.Publish(ctx, subjectOf(t, &events[0]), []byte("not an event"))
	require.NoError(t, err, "raw publish of garbage")
	_, err = newPublisher(t, js, stream.PublisherConfig{}).Publish(ctx, events...)
	require.ErrorIs(t, err, stream.ErrNotEvent, "publishing after a message that is not an event")
	assert.Equal(t, uint64(1), messageCount(t, js), "nothing was added")
}

func TestNewPublisherRefusesBadConfig(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	_, err := stream.NewPublisher(ctx, js, stream.PublisherConfig{Stream: "a.b", MaxPending: -1, AckTimeout: -1, MaxHeads: -1})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, "bad publisher configuration")
	for _, path := range []string{"stream", "max_pending", "ack_timeout", "max_heads"} {
		assert.True(t, ve.Has(path), "problem reported at %s: %v", path, err)
	}
	_, err = stream.NewPublisher(ctx, js, stream.PublisherConfig{Stream: "MISSING"})
	assert.True(t, errors.Is(err, jetstream.ErrStreamNotFound), "a stream that does not exist: %v", err)
}

func TestRacingPublishersOfTheSameEventsBothSucceed(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	base := chain(t, nil, "INC-SAME", 0, 1)
	_, err := newPublisher(t, js, stream.PublisherConfig{}).Publish(ctx, base...)
	require.NoError(t, err, "publishing the first event")
	prev := &base[0]
	for round := range 5 {
		next := chain(t, prev, "INC-SAME", 1+3*round, 3)
		pubs := make([]*stream.Publisher, 3)
		for i := range pubs {
			pubs[i] = newPublisher(t, js, stream.PublisherConfig{})
			_, err := pubs[i].Publish(ctx, *prev)
			require.NoError(t, err, "round %d: publisher %d sees the head", round, i)
		}
		errs := make([]error, len(pubs))
		var wg sync.WaitGroup
		for i, p := range pubs {
			wg.Go(func() { _, errs[i] = p.PublishAsync(ctx, next) })
		}
		wg.Wait()
		for i, err := range errs {
			assert.NoError(t, err, "round %d: publisher %d of the same events", round, i)
		}
		prev = &next[2]
	}
	got := streamEvents(t, js, subjectOf(t, &base[0]))
	assert.Len(t, got, 16, "each event once")
	assert.NoError(t, grassroots.VerifyChain(got), "one chain")
}

func TestPublishReportsTheBrokersError(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	p := newPublisher(t, js, stream.PublisherConfig{AckTimeout: time.Second})
	require.NoError(t, js.DeleteStream(ctx, stream.DefaultStream), "deleting the stream under the publisher")
	events := chain(t, nil, "INC-1", 0, 3)
	_, err := p.PublishAsync(ctx, events)
	var be *stream.BatchError
	require.ErrorAs(t, err, &be, "publishing without a stream")
	require.Len(t, be.Failed, 3, "every event fails")
	assert.NotErrorIs(t, be.Failed[0], stream.ErrConflict, "the first fails with the broker's error, not a conflict")
	assert.NotErrorIs(t, be.Failed[0], stream.ErrSkipped, "the first fails with the broker's error")
	assert.ErrorIs(t, be.Failed[1], stream.ErrSkipped, "the rest of the aggregate is skipped")
	_, err = p.Publish(ctx, events...)
	var pe *stream.PublishError
	require.ErrorAs(t, err, &pe, "sync publishing without a stream")
	assert.Equal(t, 0, pe.Index, "the first event fails")
}

// TestAnotherPublisherCannotCutIntoARun races a writer that keeps
// extending whatever head it reads against a long run of one aggregate's
// events published by one call: every event of the run names its
// predecessor's stream sequence, not only the first, so an event the
// other writer places after one of the run's makes the rest of the run a
// conflict instead of landing after it. Whether the other writer cuts in
// depends on timing, so the race runs on several aggregates.
func TestAnotherPublisherCannotCutIntoARun(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	for i := range 4 {
		cutIntoRun(t, js, fmt.Sprintf("INC-CUT-%d", i))
	}
}

func cutIntoRun(t *testing.T, js jetstream.JetStream, agg string) {
	ctx := context.Background()
	const runLen = 300
	base := chain(t, nil, agg, 0, 1)
	_, err := newPublisher(t, js, stream.PublisherConfig{}).Publish(ctx, base...)
	require.NoError(t, err, "publishing the first event")
	subj := subjectOf(t, &base[0])
	s, err := js.Stream(ctx, stream.DefaultStream)
	require.NoError(t, err, "looking up the stream")

	run := chain(t, &base[0], agg, 1, runLen)
	// Events of another chain of commands, resealed after each head read.
	others := chain(t, nil, agg, 100000, 2000)
	cutter := newPublisher(t, js, stream.PublisherConfig{})
	done := make(chan struct{})
	var cuts atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, other := range others {
			select {
			case <-done:
				return
			default:
			}
			raw, err := s.GetLastMsgForSubject(ctx, subj)
			if err != nil {
				continue
			}
			head, err := stream.DecodeMessage(raw.Header, raw.Data)
			if err != nil || head.Sequence < 10 {
				// Cut in once the run is under way.
				continue
			}
			next, err := grassroots.Seal(&head, other)
			if err != nil {
				continue
			}
			if _, err := cutter.Publish(ctx, next); err == nil {
				cuts.Add(1)
			}
		}
	})
	_, err = newPublisher(t, js, stream.PublisherConfig{}).PublishAsync(ctx, run)
	close(done)
	wg.Wait()
	got := streamEvents(t, js, subj)
	require.NoError(t, grassroots.VerifyChain(got), "%s: the stream holds one chain after %d cuts", agg, cuts.Load())
	if err != nil {
		assert.ErrorIs(t, err, stream.ErrConflict, "%s: the run stops at the first event after a cut", agg)
	} else {
		assert.True(t, slices.ContainsFunc(got, func(e grassroots.Event) bool { return e.Hash == run[runLen-1].Hash }), "%s: a run not cut into is in the stream whole", agg)
	}
	t.Logf("%s: %d events in the stream, %d placed by the other writer", agg, len(got), cuts.Load())
}
