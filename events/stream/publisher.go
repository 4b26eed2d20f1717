package stream

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Defaults of PublisherConfig.
const (
	DefaultMaxPending = 512
	DefaultAckTimeout = 5 * time.Second
	DefaultMaxHeads   = 1 << 16
)

// maxRestarts bounds how often one aggregate's events are re-positioned
// against the stream in one call after the stream refused an expected
// sequence, so that a subject written to without pause cannot hold a
// call forever.
const maxRestarts = 3

// PublisherConfig configures a Publisher. The zero value is valid.
type PublisherConfig struct {
	// Stream is the stream's name; empty means DefaultStream.
	Stream string
	// MaxPending bounds the acknowledgements PublishAsync waits for at
	// once: 1 to 65536, 0 meaning DefaultMaxPending. It must not exceed
	// the JetStream handle's own limit (jetstream.WithPublishAsyncMaxPending,
	// 4000 unless set).
	MaxPending int
	// AckTimeout is how long a publish waits for the stream's
	// acknowledgement; 0 means DefaultAckTimeout.
	AckTimeout time.Duration
	// MaxHeads bounds the number of aggregates whose last stream position
	// the Publisher remembers (it forgets them all when full and reads
	// them again from the stream); 0 means DefaultMaxHeads.
	MaxHeads int
}

// Publisher publishes sealed envelopes to the stream, one NATS subject per
// aggregate (see Subject), in the structured content mode of the
// CloudEvents NATS protocol binding, deduplicated by envelope ID and
// ordered per aggregate; see the package documentation.
//
// A Publisher remembers the stream sequence of the last event it saw on
// each aggregate's subject, so that the next event can name it as the
// expected last subject sequence without a lookup. It is safe for
// concurrent use; two Publishers (or two calls) racing on one aggregate
// cannot interleave its events: the loser gets a *ConflictError.
type Publisher struct {
	js         jetstream.JetStream
	stream     jetstream.Stream
	maxPending int
	ackTimeout time.Duration
	maxHeads   int

	mu    sync.Mutex
	heads map[string]position
}

// position is where an aggregate's chain stands in the stream: its last
// event's chain sequence and hash, and that message's stream sequence.
type position struct {
	streamSeq uint64
	seq       int64
	hash      string
}

// Ack is the outcome of publishing one event.
type Ack struct {
	// StreamSequence is the message's position in the stream. For an event
	// found already published it is the stored copy's position when the
	// Publisher read it, else 0.
	StreamSequence uint64
	// Duplicate reports an event that was already in the stream; nothing
	// was written for it.
	Duplicate bool
}

// NewPublisher returns a Publisher for the stream cfg names, which must
// exist (see EnsureStream).
func NewPublisher(ctx context.Context, js jetstream.JetStream, cfg PublisherConfig) (*Publisher, error) {
	var p validate.Problems
	name := cfg.Stream
	if name == "" {
		name = DefaultStream
	}
	if !isStreamName(name) {
		p.Addf("stream", grassroots.RuleFormat, "stream name %s must be printable ASCII without white space, '.', '*', '>', '/' or '\\'", quote(name))
	}
	if cfg.MaxPending < 0 || cfg.MaxPending > 1<<16 {
		p.Addf("max_pending", grassroots.RuleMax, "max_pending must be between 1 and 65536, got %d", cfg.MaxPending)
	}
	if cfg.AckTimeout < 0 {
		p.Add("ack_timeout", grassroots.RuleMin, "ack_timeout must not be negative")
	}
	if cfg.MaxHeads < 0 {
		p.Add("max_heads", grassroots.RuleMin, "max_heads must not be negative")
	}
	if js == nil {
		p.Add("js", grassroots.RuleRequired, "a JetStream handle is required")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	s, err := js.Stream(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("stream: looking up stream %s: %w", name, err)
	}
	pub := &Publisher{
		js: js, stream: s,
		maxPending: orDefault(cfg.MaxPending, DefaultMaxPending),
		ackTimeout: cfg.AckTimeout,
		maxHeads:   orDefault(cfg.MaxHeads, DefaultMaxHeads),
		heads:      make(map[string]position),
	}
	if pub.ackTimeout == 0 {
		pub.ackTimeout = DefaultAckTimeout
	}
	return pub, nil
}

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// Publish publishes events synchronously, in the order given, each
// acknowledged by the stream before the next is sent: the path for
// correctness-critical use, where the caller needs to know exactly what is
// in the stream when the call returns.
//
// The call is checked first, and nothing is published when any event
// fails the check: every event must be sealed and intact, have a type of
// the form grassroots.<package>.<name>.v1, and follow the previous event
// of its aggregate in the call, if any (its chain successor). Such a
// failure is a *PublishError wrapping a *grassroots.ValidationError or
// *grassroots.ChainError.
//
// Each event must then continue its aggregate's chain in the stream. An
// event already there (republished) is not written again and is
// acknowledged as a Duplicate, however long ago it was first published.
// Otherwise Publish stops at the first event that fails, returning its
// *PublishError (wrapping a *ConflictError, ErrAckTimeout or the broker's
// error) and the acknowledgements of the events before it, which are in
// the stream; the failed event and those after it are not, except after
// ErrAckTimeout, when the failed event's fate is unknown and publishing
// the same events again settles it.
func (p *Publisher) Publish(ctx context.Context, events ...grassroots.Event) ([]Ack, error) {
	runs, err := p.prepare(events)
	if err != nil {
		return nil, err
	}
	acks := make([]Ack, 0, len(events))
	byIndex := make([]*run, len(events))
	for _, r := range runs {
		for _, it := range r.items {
			byIndex[it.index] = &run{subject: r.subject, items: []item{it}}
		}
	}
	out := make([]Ack, len(events))
	for i, r := range byIndex {
		if failed := p.publish(ctx, []*run{r}, 1, out); len(failed) > 0 {
			return acks, failed[0]
		}
		acks = append(acks, out[i])
	}
	return acks, nil
}

// PublishAsync publishes events for throughput: up to MaxPending
// publishes are in flight at once, without waiting for each
// acknowledgement before sending the next. The events of one aggregate
// still go one after another, each naming its predecessor's stream
// sequence as expected (which is known only once the predecessor is
// acknowledged), so the pipeline fills with events of different
// aggregates: a batch of many aggregates publishes fastest.
//
// The call is checked as Publish checks it, and nothing is published when
// the check fails. Otherwise PublishAsync returns once every event is
// acknowledged or has failed, with one Ack per event (the zero Ack for a
// failed one) and, when any failed, a *BatchError listing them. A failure
// stops only its aggregate: its later events fail with ErrSkipped, other
// aggregates go on. When ctx ends first, the events not yet acknowledged
// fail with ctx's error; some may be in the stream, and publishing the
// same events again settles which.
func (p *Publisher) PublishAsync(ctx context.Context, events []grassroots.Event) ([]Ack, error) {
	runs, err := p.prepare(events)
	if err != nil {
		return nil, err
	}
	acks := make([]Ack, len(events))
	if failed := p.publish(ctx, runs, p.maxPending, acks); len(failed) > 0 {
		sortByIndex(failed)
		return acks, &BatchError{Failed: failed}
	}
	return acks, nil
}

// item is one event to publish, by its index in the call.
type item struct {
	index int
	event *grassroots.Event
	msg   *nats.Msg
}

// run is the events of one aggregate in a call, in chain order.
type run struct {
	subject  string
	items    []item
	next     int      // the next item to send
	last     position // where the chain stands before items[next]
	started  bool     // last is known
	fresh    bool     // read the head from the stream, not the cache
	restarts int
	done     bool
}

// prepare checks a call and groups its events by aggregate, in the order
// of each aggregate's first event.
func (p *Publisher) prepare(events []grassroots.Event) ([]*run, error) {
	var runs []*run
	bySubject := make(map[string]*run)
	aggregateSubject := make(map[string]string)
	for i := range events {
		e := &events[i]
		fail := func(err error) error { return &PublishError{Index: i, EventID: e.ID, Err: err} }
		subj, err := EventSubject(e)
		if err != nil {
			return nil, fail(err)
		}
		if s, ok := aggregateSubject[e.Subject]; ok && s != subj {
			return nil, fail(grassroots.NewValidationError(grassroots.FieldError{
				Path: "type", Rule: grassroots.RuleMismatch,
				Message: "the events of one aggregate must share one package: " + quote(s) + " and " + quote(subj),
			}))
		}
		aggregateSubject[e.Subject] = subj
		r := bySubject[subj]
		if r == nil {
			r = &run{subject: subj}
			bySubject[subj] = r
			runs = append(runs, r)
			if err := checkSealed(e); err != nil {
				return nil, fail(err)
			}
		} else if err := grassroots.VerifyLink(r.items[len(r.items)-1].event, e); err != nil {
			return nil, fail(err)
		}
		m, err := newMessage(subj, e)
		if err != nil {
			return nil, fail(err)
		}
		r.items = append(r.items, item{index: i, event: e, msg: m})
	}
	return runs, nil
}

// checkSealed reports whether e is a sealed event whose hash matches its
// content, without knowing its predecessor.
func checkSealed(e *grassroots.Event) error {
	if e.Hash == "" || e.Sequence < 1 {
		return &grassroots.ChainError{Reason: grassroots.ChainInvalid, Err: grassroots.ErrNotSealed}
	}
	h, err := grassroots.ComputeHash(e)
	if err != nil {
		return &grassroots.ChainError{Reason: grassroots.ChainInvalid, Err: err}
	}
	if h != e.Hash {
		return &grassroots.ChainError{Reason: grassroots.ChainContentChanged}
	}
	if (e.Sequence == 1) != (e.PrevHash == "") {
		return &grassroots.ChainError{Reason: grassroots.ChainInvalid, Err: grassroots.NewValidationError(grassroots.FieldError{
			Path: "prevhash", Rule: grassroots.RuleMismatch, Message: "prevhash must be absent exactly on the first event of a chain",
		})}
	}
	return nil
}

// inflight is a publish awaiting its acknowledgement.
type inflight struct {
	r    *run
	fut  jetstream.PubAckFuture
	sent time.Time
}

// publish sends the runs' events with at most window in flight and fills
// acks; it returns the events that failed.
func (p *Publisher) publish(ctx context.Context, runs []*run, window int, acks []Ack) []*PublishError {
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
				if err := p.start(ctx, r, acks); err != nil {
					fail(r, err)
					continue
				}
			}
			if r.next == len(r.items) {
				r.done = true
				continue
			}
			m := r.items[r.next].msg
			setExpected(m, r.last.streamSeq)
			fut, err := p.js.PublishMsgAsync(m)
			if err != nil {
				fail(r, fmt.Errorf("stream: publishing on %s: %w", r.subject, err))
				continue
			}
			pending = append(pending, inflight{r: r, fut: fut, sent: time.Now()})
		}
		if len(pending) == 0 {
			break
		}
		pd := pending[0]
		pending = pending[1:]
		timer.Reset(time.Until(pd.sent.Add(p.ackTimeout)))
		var ack *jetstream.PubAck
		var err error
		select {
		case ack = <-pd.fut.Ok():
		case err = <-pd.fut.Err():
		case <-timer.C:
			err = ErrAckTimeout
		case <-ctx.Done():
			err = ctx.Err()
		}
		timer.Stop()
		if ctx.Err() != nil {
			fail(pd.r, ctx.Err())
			abandon(ctx.Err())
			return failed
		}
		r := pd.r
		switch {
		case err == nil && !ack.Duplicate:
			it := r.items[r.next]
			r.last = position{streamSeq: ack.Sequence, seq: it.event.Sequence, hash: it.event.Hash}
			p.remember(r.subject, r.last)
			acks[it.index] = Ack{StreamSequence: ack.Sequence}
			r.next++
			ready = append(ready, r)
		case err == nil || isWrongLast(err):
			// A duplicate ID, or the subject moved on: the stream holds
			// something we did not expect. Read its head and place the
			// rest of the run against it.
			if r.restarts == maxRestarts {
				if err == nil {
					err = fmt.Errorf("stream: the stream keeps reporting event %s on %s as a duplicate", quote(r.items[r.next].event.ID), r.subject)
				}
				fail(r, fmt.Errorf("stream: publishing on %s: %w", r.subject, err))
				continue
			}
			r.restarts++
			r.started, r.fresh = false, true
			ready = append(ready, r)
		default:
			fail(r, fmt.Errorf("stream: publishing on %s: %w", r.subject, err))
		}
	}
	return failed
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
func (p *Publisher) start(ctx context.Context, r *run, acks []Ack) error {
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
		for k := 0; k <= at; k++ {
			acks[items[k].index] = Ack{Duplicate: true}
		}
		acks[items[at].index].StreamSequence = head.streamSeq
		r.next += at + 1
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
		for _, it := range items {
			acks[it.index] = Ack{Duplicate: true}
		}
		acks[items[len(items)-1].index].StreamSequence = seq
		r.next = len(r.items)
	}
	r.last, r.started = head, true
	return nil
}

// fits reports whether the cached head h is the predecessor of e, so the
// cache can be trusted without a lookup (the stream's check of the
// expected sequence catches a stale one).
func fits(h position, e *grassroots.Event) bool {
	return h.seq == e.Sequence-1 && (h.seq == 0 || h.hash == e.PrevHash)
}

// readHead reads the last event on subj from the stream and remembers it.
func (p *Publisher) readHead(ctx context.Context, subj string) (position, error) {
	raw, err := p.stream.GetLastMsgForSubject(ctx, subj)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		p.remember(subj, position{})
		return position{}, nil
	}
	if err != nil {
		return position{}, fmt.Errorf("stream: reading the last event on %s: %w", subj, err)
	}
	e, err := intactEvent(raw)
	if err != nil {
		return position{}, err
	}
	h := position{streamSeq: raw.Sequence, seq: e.Sequence, hash: e.Hash}
	p.remember(subj, h)
	return h, nil
}

// find looks for the event of subj at want's chain sequence among the
// stream's messages up to stream sequence upTo, by bisection over stream
// sequences (chain sequences grow with them), and reports whether it is
// want.
func (p *Publisher) find(ctx context.Context, subj string, want *grassroots.Event, upTo uint64) (uint64, bool, error) {
	lo, hi := uint64(1), upTo
	for lo <= hi {
		mid := lo + (hi-lo)/2
		raw, err := p.stream.GetMsg(ctx, mid, jetstream.WithGetMsgSubject(subj))
		if err != nil {
			return 0, false, fmt.Errorf("stream: reading %s from stream sequence %d: %w", subj, mid, err)
		}
		e, err := intactEvent(raw)
		if err != nil {
			return 0, false, err
		}
		switch {
		case e.Sequence == want.Sequence:
			return raw.Sequence, e.Hash == want.Hash, nil
		case e.Sequence < want.Sequence:
			lo = raw.Sequence + 1
		default:
			hi = mid - 1
		}
	}
	return 0, false, nil
}

// intactEvent decodes a stream message and checks that it is a sealed
// event whose hash matches its content. A message that is not blocks
// publishing on its subject: only a party with the right to publish there
// can have put it in, and the stream keeps it.
func intactEvent(raw *jetstream.RawStreamMsg) (grassroots.Event, error) {
	e, err := DecodeMessage(raw.Header, raw.Data)
	if err == nil {
		err = checkSealed(&e)
	}
	if err != nil {
		return grassroots.Event{}, fmt.Errorf("%w: message %d on %s: %w", ErrNotEvent, raw.Sequence, raw.Subject, err)
	}
	return e, nil
}

func (p *Publisher) cached(subj string) (position, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	h, ok := p.heads[subj]
	return h, ok
}

func (p *Publisher) remember(subj string, h position) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.heads) >= p.maxHeads {
		if _, ok := p.heads[subj]; !ok {
			clear(p.heads)
		}
	}
	p.heads[subj] = h
}

func (p *Publisher) forget(subj string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.heads, subj)
}

func sortByIndex(errs []*PublishError) {
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && errs[j].Index < errs[j-1].Index; j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}
