package stream

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/grassrootsgov/grassroots"
)

// item is one event of a call, by its index in the call.
type item struct {
	index   int
	subject string
	event   *grassroots.Event
	// prev is the event before it in the call on the same aggregate, or
	// nil for the first.
	prev *grassroots.Event
	// msg, or err when the event cannot be published, are set by build
	// before it sets built.
	msg   *nats.Msg
	err   error
	built atomic.Bool
}

// run is the events of one aggregate in a call, in chain order.
type run struct {
	subject  string
	items    []*item
	next     int      // the next item to send
	last     position // where the chain stands before items[next]
	started  bool     // last is known
	fresh    bool     // read the head from the stream, not the cache
	restarts int
	done     bool
}

// batch is a call's events grouped by aggregate. Their messages are
// built (each event checked, then marshalled) in order, the k-th event
// of every aggregate before any (k+1)-th, which is about the order in
// which they are sent, by up to buildWorkers goroutines; PublishAsync
// builds them while the first ones are already on their way.
type batch struct {
	runs  []*run
	order []*item
	next  atomic.Int64 // the next item of order to build
	kick  chan struct{}
	stop  atomic.Bool
}

// buildWorkers bounds the goroutines that build one batch's messages.
const buildWorkers = 4

// minPerWorker is the least number of events that warrants another
// builder.
const minPerWorker = 256

// group checks what the grouping needs of each event (a type naming its
// package, a subject, one package per aggregate) and groups the events by
// aggregate, in the order of each aggregate's first event.
func group(events []grassroots.Event) (*batch, error) {
	b := &batch{kick: make(chan struct{}, 1)}
	type agg struct {
		pkg, subject string
		r            *run
	}
	byAggregate := make(map[string]agg)
	for i := range events {
		e := &events[i]
		pkg, _, ok := grassroots.ParseEventType(e.Type)
		a, seen := byAggregate[e.Subject]
		if !seen || !ok || pkg != a.pkg {
			subj, err := EventSubject(e)
			if err != nil {
				return nil, &PublishError{Index: i, EventID: e.ID, Err: err}
			}
			if seen {
				return nil, &PublishError{Index: i, EventID: e.ID, Err: grassroots.NewValidationError(grassroots.FieldError{
					Path: "type", Rule: grassroots.RuleMismatch,
					Message: "the events of one aggregate must share one package: " + quote(a.subject) + " and " + quote(subj),
				})}
			}
			a = agg{pkg: pkg, subject: subj, r: &run{subject: subj}}
			byAggregate[e.Subject] = a
			b.runs = append(b.runs, a.r)
		}
		it := &item{index: i, event: e, subject: a.subject}
		if n := len(a.r.items); n > 0 {
			it.prev = a.r.items[n-1].event
		}
		a.r.items = append(a.r.items, it)
	}
	b.order = make([]*item, 0, len(events))
	for k := 0; len(b.order) < len(events); k++ {
		for _, r := range b.runs {
			if k < len(r.items) {
				b.order = append(b.order, r.items[k])
			}
		}
	}
	return b, nil
}

// build checks and marshals every event, on as many goroutines as the
// batch's size and the processors warrant, and returns once all are
// built or the batch is stopped.
func (b *batch) build() {
	workers := min(buildWorkers, runtime.GOMAXPROCS(0), 1+len(b.order)/minPerWorker)
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(b.work)
	}
	b.work()
	wg.Wait()
}

// work builds the next unbuilt item until none is left.
func (b *batch) work() {
	// size is about how large the envelopes are: those of one call are
	// usually alike.
	size := 0
	for !b.stop.Load() {
		i := b.next.Add(1) - 1
		if i >= int64(len(b.order)) {
			return
		}
		it := b.order[i]
		// The payload is written as the event is checked, into a buffer
		// sized from the last one, sparing its regrowth.
		buf := make([]byte, 0, max(size, 320+len(it.event.Data)))
		var body []byte
		if it.prev == nil {
			body, it.err = appendSealed(buf, it.event)
		} else {
			body, it.err = grassroots.AppendVerified(buf, it.prev, it.event)
		}
		if it.err == nil {
			it.msg = newMessage(it.subject, it.event, body)
			size = len(body) + len(body)/8
		}
		it.built.Store(true)
		select {
		case b.kick <- struct{}{}:
		default:
		}
	}
}

// firstError returns the failure of the event with the lowest index, once
// every event is built.
func (b *batch) firstError() *PublishError {
	var first *item
	for _, it := range b.order {
		if it.err != nil && (first == nil || it.index < first.index) {
			first = it
		}
	}
	if first == nil {
		return nil
	}
	return &PublishError{Index: first.index, EventID: first.event.ID, Err: first.err}
}

// await waits until it is built. Each builder kicks after each item it
// builds; a kick left from an earlier item only makes await look again.
func (b *batch) await(ctx context.Context, it *item) error {
	for !it.built.Load() {
		select {
		case <-b.kick:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// checkSealed reports whether e is a sealed event whose hash matches its
// content, without knowing its predecessor.
func checkSealed(e *grassroots.Event) error {
	_, err := appendSealed(nil, e)
	return err
}

// appendSealed checks e as checkSealed does and appends its JSON to dst
// as Event.AppendJSON writes it.
func appendSealed(dst []byte, e *grassroots.Event) ([]byte, error) {
	if e.Hash == "" || e.Sequence < 1 {
		return dst, &grassroots.ChainError{Reason: grassroots.ChainInvalid, Err: grassroots.ErrNotSealed}
	}
	out, err := grassroots.AppendIntact(dst, e)
	if err != nil {
		return dst, err
	}
	if (e.Sequence == 1) != (e.PrevHash == "") {
		return dst, &grassroots.ChainError{Reason: grassroots.ChainInvalid, Err: grassroots.NewValidationError(grassroots.FieldError{
			Path: "prevhash", Rule: grassroots.RuleMismatch, Message: "prevhash must be absent exactly on the first event of a chain",
		})}
	}
	return out, nil
}

// inflight is a publish awaiting its acknowledgement, on one of the
// future's two channels (each of their methods takes the JetStream
// handle's lock, so they are asked for once).
type inflight struct {
	r    *run
	ok   <-chan *jetstream.PubAck
	err  <-chan error
	sent time.Time
}

// publish sends the events of runs (items of b) with at most window in
// flight and fills acks; it returns the events that failed.
func (p *Publisher) publish(ctx context.Context, b *batch, runs []*run, window int, acks []Ack) []*PublishError {
	var failed []*PublishError
	fail := func(r *run, err error) {
		p.forget(r.subject)
		for k := r.next; k < len(r.items); k++ {
			it := r.items[k]
			e := err
			if k > r.next {
				e = ErrSkipped
			}
			failed = append(failed, &PublishError{Index: it.index, EventID: it.event.ID, Err: e})
		}
		r.done = true
	}
	ready := append([]*run(nil), runs...)
	var pending []inflight
	timer := time.NewTimer(p.ackTimeout)
	defer timer.Stop()
	abandon := func(err error) {
		for _, q := range pending {
			fail(q.r, err)
		}
		for _, r := range ready {
			if !r.done {
				fail(r, err)
			}
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			abandon(err)
			return failed
		}
		for len(pending) < window && len(ready) > 0 {
			r := ready[0]
			ready = ready[1:]
			if !r.started {
				if err := p.start(ctx, b, r, acks); err != nil {
					fail(r, err)
					continue
				}
			}
			if r.next == len(r.items) {
				r.done = true
				continue
			}
			it := r.items[r.next]
			if err := b.await(ctx, it); err != nil {
				ready = append(ready, r)
				break
			}
			if it.err != nil {
				fail(r, it.err)
				continue
			}
			setExpected(it.msg, r.last.streamSeq)
			fut, err := p.js.PublishMsgAsync(it.msg)
			if err != nil {
				fail(r, fmt.Errorf("stream: publishing on %s: %w", r.subject, err))
				continue
			}
			pending = append(pending, inflight{r: r, ok: fut.Ok(), err: fut.Err(), sent: time.Now()})
		}
		if len(pending) == 0 {
			if ctx.Err() == nil {
				break
			}
			continue
		}
		// Wait for the oldest acknowledgement, then settle every later one
		// that has already come, so that the window refills in bursts.
		n := 0
		for ; n < len(pending); n++ {
			pd := pending[n]
			ack, err, ok := p.await(ctx, pd, n == 0, timer)
			if !ok {
				break
			}
			if ctx.Err() != nil {
				pending = pending[n:]
				abandon(ctx.Err())
				return failed
			}
			ready = p.settle(pd.r, ack, err, acks, ready, fail)
		}
		pending = pending[n:]
	}
	return failed
}

// await returns the outcome of pd: waiting for it (until its ack
// timeout or ctx ends) when block is set, else only if it has come.
func (p *Publisher) await(ctx context.Context, pd inflight, block bool, timer *time.Timer) (*jetstream.PubAck, error, bool) {
	if !block {
		select {
		case ack := <-pd.ok:
			return ack, nil, true
		case err := <-pd.err:
			return nil, err, true
		default:
			return nil, nil, false
		}
	}
	timer.Reset(time.Until(pd.sent.Add(p.ackTimeout)))
	defer timer.Stop()
	select {
	case ack := <-pd.ok:
		return ack, nil, true
	case err := <-pd.err:
		return nil, err, true
	case <-timer.C:
		return nil, ErrAckTimeout, true
	case <-ctx.Done():
		return nil, ctx.Err(), true
	}
}

// settle applies the outcome of r's event in flight and returns the ready
// runs, with r again when it has more to send.
func (p *Publisher) settle(r *run, ack *jetstream.PubAck, err error, acks []Ack, ready []*run, fail func(*run, error)) []*run {
	switch {
	case err == nil && !ack.Duplicate:
		it := r.items[r.next]
		r.last = position{streamSeq: ack.Sequence, seq: it.event.Sequence, hash: it.event.Hash}
		p.remember(r.subject, r.last)
		acks[it.index] = Ack{StreamSequence: ack.Sequence}
		r.next++
		return append(ready, r)
	case err == nil || isWrongLast(err):
		// A duplicate ID, or the subject moved on: the stream holds
		// something we did not expect. Read its head and place the rest
		// of the run against it.
		if r.restarts == maxRestarts {
			if err == nil {
				err = fmt.Errorf("stream: the stream keeps reporting event %s on %s as a duplicate", quote(r.items[r.next].event.ID), r.subject)
			}
			fail(r, fmt.Errorf("stream: publishing on %s: %w", r.subject, err))
			return ready
		}
		r.restarts++
		r.started, r.fresh = false, true
		return append(ready, r)
	default:
		fail(r, fmt.Errorf("stream: publishing on %s: %w", r.subject, err))
		return ready
	}
}

// isWrongLast reports whether err is the stream refusing an expected last
// subject sequence.
func isWrongLast(err error) bool {
	var apiErr *jetstream.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence ||
		apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequenceConstant
}

// start places the unsent events of r against the stream's head of their
// aggregate: events already in the stream are acknowledged as duplicates,
// and r.last becomes the position the next event follows. It returns a
// *ConflictError when the events do not continue the stream's chain.
func (p *Publisher) start(ctx context.Context, b *batch, r *run, acks []Ack) error {
	head, ok := p.cached(r.subject)
	switch {
	case r.fresh:
	case !ok && r.items[r.next].event.Sequence == 1:
		// A new chain needs no lookup: expecting an empty subject is
		// checked by the stream, and a refusal reads the head.
		head, ok = position{}, true
	}
	if !ok || r.fresh || !fits(head, r.items[r.next].event) {
		h, err := p.readHead(ctx, r.subject)
		if err != nil {
			return err
		}
		head = h
	}
	r.fresh = false
	items := r.items[r.next:]
	first, last := items[0].event, items[len(items)-1].event
	conflict := &ConflictError{Subject: r.subject, Aggregate: first.Subject, EventID: first.ID, Sequence: first.Sequence, Head: head.seq}
	switch {
	case head.seq < first.Sequence-1:
		return conflict
	case head.seq == first.Sequence-1:
		if head.seq > 0 && head.hash != first.PrevHash {
			return conflict
		}
	case head.seq <= last.Sequence:
		// The stream holds the run up to the head, or another chain.
		at := int(head.seq - first.Sequence)
		if items[at].event.Hash != head.hash {
			return conflict
		}
		if err := p.duplicates(ctx, b, r, at+1, acks); err != nil {
			return err
		}
		acks[items[at].index].StreamSequence = head.streamSeq
	default:
		// The stream is past the whole run: find the run's last event in
		// it; the run links to it, so the rest are in the stream too.
		seq, found, err := p.find(ctx, r.subject, last, head.streamSeq)
		if err != nil {
			return err
		}
		if !found {
			return conflict
		}
		if err := p.duplicates(ctx, b, r, len(items), acks); err != nil {
			return err
		}
		acks[items[len(items)-1].index].StreamSequence = seq
	}
	r.last, r.started = head, true
	return nil
}

// duplicates acknowledges the next n events of r as already in the
// stream, once they are checked: an event that fails its check fails the
// run from there instead.
func (p *Publisher) duplicates(ctx context.Context, b *batch, r *run, n int, acks []Ack) error {
	for _, it := range r.items[r.next : r.next+n] {
		if err := b.await(ctx, it); err != nil {
			return err
		}
		if it.err != nil {
			return it.err
		}
		acks[it.index] = Ack{Duplicate: true}
		r.next++
	}
	return nil
}
