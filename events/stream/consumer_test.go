package stream_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
)

func newConsumer(t *testing.T, js jetstream.JetStream, cfg stream.ConsumerConfig, h stream.Handler) *stream.Consumer {
	t.Helper()
	if cfg.OnError == nil {
		cfg.OnError = func(err error) { t.Errorf("unexpected consumer error: %v", err) }
	}
	c, err := stream.NewConsumer(context.Background(), js, cfg, h)
	require.NoError(t, err, "creating consumer %s", cfg.Durable)
	return c
}

// publishChains publishes n aggregates of m events each and returns them.
func publishChains(t *testing.T, js jetstream.JetStream, prefix string, n, m int) map[string][]grassroots.Event {
	t.Helper()
	p := newPublisher(t, js, stream.PublisherConfig{})
	chains := make(map[string][]grassroots.Event, n)
	var all []grassroots.Event
	for a := range n {
		agg := fmt.Sprintf("%s.%02d", prefix, a)
		chains[agg] = chain(t, nil, agg, 0, m)
		all = append(all, chains[agg]...)
	}
	_, err := p.PublishAsync(context.Background(), all)
	require.NoError(t, err, "publishing %d events", len(all))
	return chains
}

func assertChains(t *testing.T, got *collector, want map[string][]grassroots.Event) {
	t.Helper()
	for agg, events := range want {
		received := got.events(agg)
		require.Len(t, received, len(events), "events of %s handed over", agg)
		for i := range events {
			assert.Equal(t, events[i].Hash, received[i].Hash, "event %d of %s", i, agg)
		}
		assert.NoError(t, grassroots.VerifyChain(received), "the handed-over events of %s form its chain", agg)
	}
}

func TestRoundTrip(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	chains := publishChains(t, js, "INC", 20, 10)
	got := newCollector(200)
	c := newConsumer(t, js, stream.ConsumerConfig{Durable: "vendor-a"}, got.handle)
	stop := running(t, c)
	select {
	case <-got.done:
	case <-time.After(20 * time.Second):
		t.Fatalf("received %d of 200 events", got.count())
	}
	require.NoError(t, stop(), "stopping the consumer")
	assertChains(t, got, chains)
	assert.Equal(t, stream.Stats{Delivered: 200}, c.Stats(), "stats after the round trip")
}

func TestConsumerFiltersPackages(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	incidents := publishChains(t, js, "INC", 2, 3)
	risk := chain(t, nil, "RISK-1", 0, 2)
	for i := range risk {
		risk[i].Type = grassroots.EventType("risk", "noted")
	}
	risk, err := grassroots.SealAll(nil, risk)
	require.NoError(t, err, "sealing risk events")
	_, err = newPublisher(t, js, stream.PublisherConfig{}).Publish(context.Background(), risk...)
	require.NoError(t, err, "publishing risk events")

	got := newCollector(2)
	c := newConsumer(t, js, stream.ConsumerConfig{Durable: "risk-only", Packages: []string{"risk"}}, got.handle)
	stop := running(t, c)
	select {
	case <-got.done:
	case <-time.After(10 * time.Second):
		t.Fatalf("received %d of 2 risk events", got.count())
	}
	time.Sleep(100 * time.Millisecond)
	require.NoError(t, stop(), "stopping")
	assert.Equal(t, 2, got.count(), "only the risk events are handed over")
	for agg := range incidents {
		assert.Empty(t, got.events(agg), "no events of %s", agg)
	}
}

func TestForgedMessagesAreRefusedAndReported(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	p := newPublisher(t, js, stream.PublisherConfig{})
	a := chain(t, nil, "INC-A", 0, 3)
	b := chain(t, nil, "INC-B", 0, 4)
	_, err := p.Publish(ctx, a...)
	require.NoError(t, err, "publishing INC-A")
	_, err = p.Publish(ctx, b[:2]...)
	require.NoError(t, err, "publishing the start of INC-B")

	raw := func(subj string, e grassroots.Event) {
		body, err := e.MarshalJSON()
		require.NoError(t, err, "marshalling a forged event")
		_, err = js.PublishMsg(ctx, &nats.Msg{Subject: subj, Data: body, Header: nats.Header{stream.ContentTypeHeader: {grassroots.ContentType}}})
		require.NoError(t, err, "raw publish")
	}
	subjA, subjB := subjectOf(t, &a[0]), subjectOf(t, &b[0])

	altered := b[2] // data changed, hash kept
	altered.Data = []byte(`{"aggregate_id":"INC-B","count":1000}`)
	raw(subjB, altered)

	forged := chain(t, &a[2], "INC-A", 50, 1)[0] // intact, but links to nothing in INC-B
	forged.Subject = "INC-B"
	forged.PrevHash = a[1].Hash
	forged, err = grassroots.Seal(&b[1], forged)
	require.NoError(t, err, "sealing a forged event")
	forged.PrevHash = a[2].Hash
	forged.Hash, err = grassroots.ComputeHash(&forged)
	require.NoError(t, err, "rehashing the forged event")
	raw(subjB, forged)

	raw(subjA, b[2]) // INC-B's event on INC-A's subject

	rival := a[1] // a different event at a verified position
	rival.Data = []byte(`{"aggregate_id":"INC-A","count":-1}`)
	rival, err = grassroots.Seal(&a[0], rival)
	require.NoError(t, err, "sealing a rival second event")

	_, err = js.PublishMsg(ctx, &nats.Msg{Subject: subjB, Data: []byte("{not json"), Header: nats.Header{stream.ContentTypeHeader: {grassroots.ContentType}}})
	require.NoError(t, err, "raw publish of garbage")
	_, err = js.Publish(ctx, subjB, []byte("no headers"))
	require.NoError(t, err, "raw publish without headers")

	// The genuine rest of INC-B, published without the publisher's
	// checks, still reaches the consumer after the forgeries.
	raw(subjB, b[2])
	raw(subjB, b[3])
	raw(subjA, rival)
	raw(subjA, a[2]) // a copy of the head, published again

	var log errorLog
	got := newCollector(len(a) + len(b))
	c := newConsumer(t, js, stream.ConsumerConfig{Durable: "auditor", OnError: log.add, RetryDelay: 20 * time.Millisecond, MaxWait: 40 * time.Millisecond}, got.handle)
	stop := running(t, c)
	select {
	case <-got.done:
	case <-time.After(20 * time.Second):
		t.Fatalf("received %d of %d genuine events; errors %v", got.count(), len(a)+len(b), log.all())
	}
	waitFor(t, 10*time.Second, fmt.Sprintf("seven refusals (stats %+v, errors %v)", c.Stats(), log.all()), func() bool { return c.Stats().Refused == 7 })
	require.NoError(t, stop(), "stopping")
	assertChains(t, got, map[string][]grassroots.Event{"INC-A": a, "INC-B": b})

	reasons := make(map[string]int)
	for _, err := range log.all() {
		var re *stream.RefusedError
		require.ErrorAs(t, err, &re, "every reported error is a refusal: %v", err)
		var ce *grassroots.ChainError
		switch {
		case errors.As(err, &ce):
			reasons[ce.Reason.String()]++
		case errors.Is(err, stream.ErrWrongSubject):
			reasons["wrong_subject"]++
		case errors.Is(err, stream.ErrContentMode):
			reasons["content_mode"]++
		case errors.Is(err, grassroots.ErrInvalid):
			reasons["invalid"]++
		default:
			t.Errorf("refusal with an unexpected cause: %v", err)
		}
	}
	assert.Equal(t, map[string]int{"content_changed": 1, "inserted": 3, "wrong_subject": 1, "invalid": 1, "content_mode": 1}, reasons, "why each forgery was refused")
	assert.Equal(t, stream.Stats{Delivered: 7, Refused: 7}, c.Stats(), "stats")
}

func TestGapIsWaitedForThenRefused(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	ctx := context.Background()
	events := chain(t, nil, "INC-GAP", 0, 3)
	body, err := events[1].MarshalJSON()
	require.NoError(t, err, "marshalling")
	_, err = js.PublishMsg(ctx, &nats.Msg{Subject: subjectOf(t, &events[1]), Data: body, Header: nats.Header{stream.ContentTypeHeader: {grassroots.ContentType}}})
	require.NoError(t, err, "raw publish of a second event without the first")

	var log errorLog
	c := newConsumer(t, js, stream.ConsumerConfig{Durable: "gap", OnError: log.add, RetryDelay: 20 * time.Millisecond, MaxWait: 40 * time.Millisecond},
		func(context.Context, grassroots.Event) error { t.Error("nothing may be handed over"); return nil })
	stop := running(t, c)
	waitFor(t, 10*time.Second, "the refusal", func() bool { return c.Stats().Refused == 1 })
	require.NoError(t, stop(), "stopping")
	errs := log.all()
	require.Len(t, errs, 1, "one error reported")
	var ce *grassroots.ChainError
	require.ErrorAs(t, errs[0], &ce, "the refusal carries the chain error")
	assert.Equal(t, grassroots.ChainDropped, ce.Reason, "refused as dropped")
	assert.GreaterOrEqual(t, c.Stats().Retried, uint64(1), "the event waited for its predecessor before it was refused")
}

func TestHandlerFailureHoldsBackItsAggregate(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	chains := publishChains(t, js, "INC", 3, 6)
	var mu sync.Mutex
	failures := 0
	got := newCollector(18)
	var log errorLog
	failing := chains["INC.01"][2].ID
	h := func(ctx context.Context, e grassroots.Event) error {
		mu.Lock()
		if e.ID == failing && failures < 3 {
			failures++
			mu.Unlock()
			return errors.New("the store is down")
		}
		mu.Unlock()
		return got.handle(ctx, e)
	}
	c := newConsumer(t, js, stream.ConsumerConfig{Durable: "flaky", OnError: log.add, RetryDelay: 20 * time.Millisecond, MaxWait: 20 * time.Millisecond}, h)
	stop := running(t, c)
	select {
	case <-got.done:
	case <-time.After(20 * time.Second):
		t.Fatalf("received %d of 18 events; errors %v", got.count(), log.all())
	}
	require.NoError(t, stop(), "stopping")
	assertChains(t, got, chains)
	errs := log.all()
	require.Len(t, errs, 3, "each failure reported")
	for _, err := range errs {
		var he *stream.HandlerError
		require.ErrorAs(t, err, &he, "a handler error: %v", err)
		assert.Equal(t, failing, he.EventID, "the failing event is named")
	}
	st := c.Stats()
	assert.Equal(t, uint64(18), st.Delivered, "all delivered")
	assert.Zero(t, st.Refused, "nothing refused while its predecessor was failing")
	assert.GreaterOrEqual(t, st.Retried, uint64(3), "the failing event was put back")
}

// chainStore is an event store as a caller would have one: it keeps each
// aggregate's events, appends idempotently by ID and is the consumer's
// Heads.
type chainStore struct {
	mu      sync.Mutex
	events  map[string][]grassroots.Event
	appends int
}

func (s *chainStore) Head(_ context.Context, subject string) (*grassroots.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	es := s.events[subject]
	if len(es) == 0 {
		return nil, nil
	}
	e := es[len(es)-1]
	return &e, nil
}

func (s *chainStore) append(e grassroots.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.appends++
	es := s.events[e.Subject]
	for _, have := range es {
		if have.ID == e.ID {
			return nil
		}
	}
	var prev *grassroots.Event
	if len(es) > 0 {
		prev = &es[len(es)-1]
	}
	if err := grassroots.VerifyLink(prev, &e); err != nil {
		return err
	}
	if s.events == nil {
		s.events = make(map[string][]grassroots.Event)
	}
	s.events[e.Subject] = append(es, e)
	return nil
}

func TestRestartResumesWithoutLossOrDuplicates(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	chains := publishChains(t, js, "INC", 10, 10)
	heads := &stream.MemoryHeads{}
	var mu sync.Mutex
	handed := make(map[string]int)
	total := 0
	firstHalf := make(chan struct{})
	h := func(_ context.Context, e grassroots.Event) error {
		mu.Lock()
		defer mu.Unlock()
		handed[e.ID]++
		total++
		if total == 50 {
			close(firstHalf)
		}
		return nil
	}
	cfg := stream.ConsumerConfig{Durable: "restarting", Heads: heads, AckWait: time.Second}
	stop := running(t, newConsumer(t, js, cfg, h))
	<-firstHalf
	require.NoError(t, stop(), "stopping the first run")

	// More events arrive while the consumer is down.
	p := newPublisher(t, js, stream.PublisherConfig{})
	for agg, c := range chains {
		more := chain(t, &c[len(c)-1], agg, 10, 2)
		_, err := p.Publish(context.Background(), append(append([]grassroots.Event(nil), c...), more...)...)
		require.NoError(t, err, "extending %s", agg)
		chains[agg] = append(c, more...)
	}

	second := newConsumer(t, js, cfg, h)
	stop = running(t, second)
	waitFor(t, 20*time.Second, "all 120 events", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(handed) == 120
	})
	require.NoError(t, stop(), "stopping the second run")
	for agg, c := range chains {
		for _, e := range c {
			assert.Equal(t, 1, handed[e.ID], "event %s of %s handed over exactly once", e.ID, agg)
		}
	}
	assert.Equal(t, 120, total, "no event handed over twice")
	assert.Equal(t, 10, heads.Len(), "a head for every aggregate")
}

func TestCrashBetweenHandlerAndAck(t *testing.T) {
	s, _, js := setup(t, stream.StreamConfig{})
	chains := publishChains(t, js, "INC", 1, 6)
	events := chains["INC.00"]
	store := &chainStore{}

	// The first run's connection dies after the handler stored the third
	// event and before the acknowledgement went out.
	nc1, js1 := connect(t, s.ClientURL())
	var crashLog errorLog
	cfg := stream.ConsumerConfig{Durable: "store-backed", Heads: store, AckWait: 300 * time.Millisecond, OnError: crashLog.add}
	c1 := newConsumer(t, js1, cfg, func(_ context.Context, e grassroots.Event) error {
		if nc1.IsClosed() {
			return errors.New("the process is gone")
		}
		if err := store.append(e); err != nil {
			return err
		}
		if e.ID == events[2].ID {
			nc1.Close()
		}
		return nil
	})
	stop := running(t, c1)
	waitFor(t, 10*time.Second, "the crash", nc1.IsClosed)
	err := stop()
	require.Error(t, err, "the first run ends with its connection")
	require.Len(t, store.events["INC.00"], 3, "three events stored before the crash")

	// The restarted consumer gets the unacknowledged third event again; the
	// store already holds it, so it is acknowledged as a repeat.
	cfg.OnError = nil
	got := newCollector(3)
	c2 := newConsumer(t, js, cfg, func(ctx context.Context, e grassroots.Event) error {
		if err := store.append(e); err != nil {
			return err
		}
		return got.handle(ctx, e)
	})
	stop = running(t, c2)
	select {
	case <-got.done:
	case <-time.After(20 * time.Second):
		t.Fatalf("received %d of 3 events after the restart", got.count())
	}
	waitFor(t, 10*time.Second, "the repeat", func() bool { return c2.Stats().Repeats >= 1 })
	require.NoError(t, stop(), "stopping")
	assert.NoError(t, grassroots.VerifyChain(store.events["INC.00"]), "the store holds the chain")
	assert.Len(t, store.events["INC.00"], 6, "the store holds each event once")
	for i, e := range got.events("INC.00") {
		assert.Equal(t, events[3+i].ID, e.ID, "after the restart, event %d comes next", 3+i)
	}
}

// flakyHeads fails to record the event named once.
type flakyHeads struct {
	stream.MemoryHeads
	failID string
	failed bool
}

func (f *flakyHeads) Record(ctx context.Context, e *grassroots.Event) error {
	if e.ID == f.failID && !f.failed {
		f.failed = true
		return errors.New("disk full")
	}
	return f.MemoryHeads.Record(ctx, e)
}

func TestAtLeastOnceRedeliversToTheHandler(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	chains := publishChains(t, js, "INC", 1, 4)
	events := chains["INC.00"]
	heads := &flakyHeads{failID: events[1].ID}
	store := &chainStore{}
	var log errorLog
	var mu sync.Mutex
	calls := make(map[string]int)
	c := newConsumer(t, js, stream.ConsumerConfig{Durable: "at-least-once", Heads: heads, OnError: log.add, RetryDelay: 20 * time.Millisecond},
		func(_ context.Context, e grassroots.Event) error {
			mu.Lock()
			calls[e.ID]++
			mu.Unlock()
			return store.append(e)
		})
	stop := running(t, c)
	waitFor(t, 10*time.Second, "four deliveries", func() bool { return c.Stats().Delivered == 4 })
	require.NoError(t, stop(), "stopping")
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 2, calls[events[1].ID], "the event whose head was not recorded is handed over again")
	for _, i := range []int{0, 2, 3} {
		assert.Equal(t, 1, calls[events[i].ID], "event %d handed over once", i)
	}
	assert.Len(t, store.events["INC.00"], 4, "an idempotent store holds each event once")
	assert.Equal(t, 5, store.appends, "the store saw the repeat")
	errs := log.all()
	require.Len(t, errs, 1, "the recording failure is reported")
	var he *stream.HandlerError
	assert.ErrorAs(t, errs[0], &he, "as a handler error")
}

func TestRawDuplicateBeyondTheWindowIsARepeat(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{Duplicates: 100 * time.Millisecond})
	ctx := context.Background()
	events := chain(t, nil, "INC-1", 0, 2)
	_, err := newPublisher(t, js, stream.PublisherConfig{}).Publish(ctx, events...)
	require.NoError(t, err, "publishing")
	time.Sleep(300 * time.Millisecond)
	body, err := events[0].MarshalJSON()
	require.NoError(t, err, "marshalling")
	// A publisher without the ordering guard resends the first event once
	// the stream has forgotten its ID.
	ack, err := js.PublishMsg(ctx, &nats.Msg{Subject: subjectOf(t, &events[0]), Data: body,
		Header: nats.Header{jetstream.MsgIDHeader: {events[0].ID}, stream.ContentTypeHeader: {grassroots.ContentType}}})
	require.NoError(t, err, "raw resend")
	require.False(t, ack.Duplicate, "beyond the window the stream stores the copy")

	// A consumer that saw the chain arrive knows the copy came after it.
	got := newCollector(2)
	var log errorLog
	c := newConsumer(t, js, stream.ConsumerConfig{Durable: "late", OnError: log.add}, got.handle)
	stop := running(t, c)
	waitFor(t, 10*time.Second, "the copy", func() bool { return c.Stats().Refused == 1 })
	require.NoError(t, stop(), "stopping")
	assertChains(t, got, map[string][]grassroots.Event{"INC-1": events})
	assert.Equal(t, stream.Stats{Delivered: 2, Refused: 1}, c.Stats(), "the copy is refused")
	errs := log.all()
	require.Len(t, errs, 1, "the copy is reported")
	var ce *grassroots.ChainError
	require.ErrorAs(t, errs[0], &ce, "with its chain error")
	assert.Equal(t, grassroots.ChainInserted, ce.Reason, "as inserted")

	// A consumer that starts from a store holding the chain cannot tell
	// the copy from a redelivery: it acknowledges it as a repeat, and the
	// handler is not called.
	store := &chainStore{}
	for _, e := range events {
		require.NoError(t, store.append(e), "filling the store")
	}
	c2 := newConsumer(t, js, stream.ConsumerConfig{Durable: "from-store", Heads: store},
		func(context.Context, grassroots.Event) error { t.Error("nothing new to hand over"); return nil })
	stop = running(t, c2)
	waitFor(t, 10*time.Second, "three repeats", func() bool { return c2.Stats().Repeats == 3 })
	require.NoError(t, stop(), "stopping")
	assert.Equal(t, stream.Stats{Repeats: 3}, c2.Stats(), "everything is a repeat")
}

func TestNewConsumerRefusesBadConfig(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	_, err := stream.NewConsumer(context.Background(), js, stream.ConsumerConfig{
		Durable: "a b", Packages: []string{"ok", "Bad"}, AckWait: -1, RetryDelay: -1, MaxWait: -1, MaxAckPending: -1,
		Heads: (*stream.MemoryHeads)(nil),
	}, nil)
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, "bad consumer configuration")
	for _, path := range []string{"durable", "packages[1].package", "on_error", "handler", "heads", "ack_wait", "retry_delay", "max_wait", "max_ack_pending"} {
		assert.True(t, ve.Has(path), "problem reported at %s: %v", path, err)
	}
	_, err = stream.NewConsumer(context.Background(), js, stream.ConsumerConfig{OnError: func(error) {}},
		func(context.Context, grassroots.Event) error { return nil })
	require.ErrorAs(t, err, &ve, "a consumer without a durable name")
	assert.True(t, ve.Has("durable"), "durable is required: %v", err)
}

func TestRunTwiceIsRefused(t *testing.T) {
	_, _, js := setup(t, stream.StreamConfig{})
	handled := make(chan struct{}, 1)
	c := newConsumer(t, js, stream.ConsumerConfig{Durable: "once"}, func(context.Context, grassroots.Event) error {
		select {
		case handled <- struct{}{}:
		default:
		}
		return nil
	})
	stop := running(t, c)
	// An event handed over shows the first Run running, however slowly
	// its goroutine was scheduled.
	_, err := newPublisher(t, js, stream.PublisherConfig{}).Publish(context.Background(), chain(t, nil, "INC-1", 0, 1)...)
	require.NoError(t, err, "publishing")
	select {
	case <-handled:
	case <-time.After(30 * time.Second):
		t.Fatal("the first Run handed nothing over")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	assert.ErrorIs(t, c.Run(ctx), stream.ErrRunning, "a second Run while the first runs")
	require.NoError(t, stop(), "stopping")
}
