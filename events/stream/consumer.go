package stream

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/nilvalue"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Defaults of ConsumerConfig.
const (
	// DefaultAckWait is the ack wait when ConsumerConfig.AckWait is 0.
	DefaultAckWait = 30 * time.Second
	// DefaultRetryDelay is the delay when ConsumerConfig.RetryDelay is 0.
	DefaultRetryDelay = time.Second
	// DefaultMaxAckPending is the bound when ConsumerConfig.MaxAckPending
	// is 0.
	DefaultMaxAckPending = 1000
)

// maxCachedHeads bounds the consumer's copy of the heads it has read or
// verified; when full it is cleared and read again from Heads.
const maxCachedHeads = 1 << 16

// ErrRunning is returned by Run on a Consumer that is already running.
var ErrRunning = errors.New("stream: consumer is already running")

// Handler receives each verified event once it extends its aggregate's
// chain. Returning nil acknowledges the event; an error has it delivered
// again (see Consumer). ctx is the one given to Run.
type Handler func(ctx context.Context, e grassroots.Event) error

// ConsumerConfig configures a Consumer.
type ConsumerConfig struct {
	// Stream is the stream's name; empty means DefaultStream.
	Stream string
	// Durable names the consumer on the stream: its position survives
	// restarts under this name. Each vendor (and each independent reader
	// of one vendor) uses its own. Required; a valid JetStream name.
	Durable string
	// Packages restricts the consumer to the events of these packages
	// ("incident", "risk"); empty means every event of the stream.
	Packages []string
	// Heads gives the last verified event of an aggregate after a
	// restart; nil means a new MemoryHeads. A nil pointer (such as a nil
	// *MemoryHeads, which cannot record) is refused.
	Heads Heads
	// OnError receives every message that was refused (*RefusedError),
	// every handler failure (*HandlerError) and every other problem met
	// while consuming, from Run's goroutine. Required: refused events are
	// never dropped silently.
	OnError func(error)
	// AckWait is how long the stream waits for an event's
	// acknowledgement before delivering it again; 0 means DefaultAckWait.
	// A handler slower than this sees its event again (as a repeat, which
	// is acknowledged without being handed over).
	AckWait time.Duration
	// RetryDelay is how long an event waits before it is delivered again
	// after its handler failed or while its predecessor is missing; 0
	// means DefaultRetryDelay.
	RetryDelay time.Duration
	// MaxWait is how long an event whose predecessor has not been handed
	// over waits for it, when no failure of this consumer explains the
	// gap, before it is refused as ChainDropped; 0 means twice AckWait.
	// It must exceed AckWait: a predecessor delivered to a consumer that
	// failed (or whose server did) comes again only after the ack wait.
	// The event is delivered again every RetryDelay meanwhile.
	MaxWait time.Duration
	// MaxAckPending bounds the events delivered and not yet acknowledged;
	// 0 means DefaultMaxAckPending.
	MaxAckPending int
}

// Consumer reads the stream through a durable JetStream consumer,
// verifies each aggregate's chain as events arrive, and hands verified
// events to its Handler; see the package documentation for what it
// guarantees. Create it with NewConsumer and start it with Run.
//
// A nil *Consumer consumes nothing: Run returns an error matching
// grassroots.ErrInvalid and Stats the zero Stats.
type Consumer struct {
	cons       jetstream.Consumer
	handler    Handler
	heads      Heads
	recorder   Recorder
	onError    func(error)
	retryDelay time.Duration
	maxWait    time.Duration

	running atomic.Bool
	// Owned by the goroutine in Run.
	cache   map[string]verified
	blocked map[string]bool
	// waiting holds when this run first put back each message (by stream
	// sequence) whose event waits for its predecessor.
	waiting map[uint64]time.Time

	delivered, repeats, refused, retried atomic.Uint64
}

// verified is an aggregate's last verified event (nil for none) and, when
// this run handed it over, its stream sequence (else 0).
type verified struct {
	event     *grassroots.Event
	streamSeq uint64
}

// Stats counts what a Consumer did with the messages it received.
type Stats struct {
	// Delivered is the number of events handed over and acknowledged.
	Delivered uint64
	// Repeats is the number of messages whose event its aggregate's head
	// already held (redeliveries of events handed over before); they are
	// acknowledged without being handed over.
	Repeats uint64
	// Refused is the number of messages terminated and reported as
	// *RefusedError.
	Refused uint64
	// Retried is the number of deliveries put back for later: handler
	// failures and events waiting for their predecessor.
	Retried uint64
}

// NewConsumer creates the durable consumer cfg describes on its stream,
// or updates it when it exists (keeping its position), and returns a
// Consumer that hands events to handler once Run is called.
func NewConsumer(ctx context.Context, js jetstream.JetStream, cfg ConsumerConfig, handler Handler) (*Consumer, error) {
	var p validate.Problems
	name := cfg.Stream
	if name == "" {
		name = DefaultStream
	}
	if !isStreamName(name) {
		p.Addf("stream", grassroots.RuleFormat, "stream name %s must be printable ASCII without white space, '.', '*', '>', '/' or '\\'", quote(name))
	}
	switch {
	case cfg.Durable == "":
		p.Add("durable", grassroots.RuleRequired, "durable consumer name is required")
	case !isStreamName(cfg.Durable):
		p.Addf("durable", grassroots.RuleFormat, "durable name %s must be printable ASCII without white space, '.', '*', '>', '/' or '\\'", quote(cfg.Durable))
	}
	filters := make([]string, 0, len(cfg.Packages))
	for i, pkg := range cfg.Packages {
		f, err := PackageSubjects(pkg)
		if err != nil {
			p.Nest(grassroots.ElementPath("packages", i), err)
			continue
		}
		filters = append(filters, f)
	}
	p.Require(cfg.OnError != nil, "on_error", "an error callback is required: refused events are reported to it")
	p.Require(handler != nil, "handler", "a handler is required")
	p.Require(js != nil, "js", "a JetStream handle is required")
	p.Require(cfg.Heads == nil || !nilvalue.Is(cfg.Heads), "heads", "heads holds a nil pointer; leave it nil for a new MemoryHeads")
	for _, d := range []struct {
		path string
		v    time.Duration
	}{{"ack_wait", cfg.AckWait}, {"retry_delay", cfg.RetryDelay}} {
		if d.v < 0 {
			p.Add(d.path, grassroots.RuleMin, d.path+" must not be negative")
		}
	}
	if cfg.MaxWait < 0 {
		p.Add("max_wait", grassroots.RuleMin, "max_wait must not be negative")
	}
	if cfg.MaxAckPending < 0 {
		p.Add("max_ack_pending", grassroots.RuleMin, "max_ack_pending must not be negative")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if len(filters) == 0 {
		filters = []string{AllSubjects}
	}
	ackWait := cfg.AckWait
	if ackWait == 0 {
		ackWait = DefaultAckWait
	}
	cons, err := js.CreateOrUpdateConsumer(ctx, name, jetstream.ConsumerConfig{
		Durable:        cfg.Durable,
		Description:    "grassroots events, chains verified on receipt",
		DeliverPolicy:  jetstream.DeliverAllPolicy,
		AckPolicy:      jetstream.AckExplicitPolicy,
		AckWait:        ackWait,
		MaxDeliver:     -1,
		FilterSubjects: filters,
		ReplayPolicy:   jetstream.ReplayInstantPolicy,
		MaxAckPending:  orDefault(cfg.MaxAckPending, DefaultMaxAckPending),
	})
	if err != nil {
		return nil, fmt.Errorf("stream: creating or updating consumer %s on stream %s: %w", cfg.Durable, name, err)
	}
	heads := cfg.Heads
	if heads == nil {
		heads = &MemoryHeads{}
	}
	c := &Consumer{cons: cons, handler: handler, heads: heads, onError: cfg.OnError, retryDelay: cfg.RetryDelay}
	if c.retryDelay == 0 {
		c.retryDelay = DefaultRetryDelay
	}
	c.maxWait = cfg.MaxWait
	if c.maxWait == 0 {
		c.maxWait = 2 * ackWait
	}
	c.recorder, _ = heads.(Recorder)
	return c, nil
}

// Run receives and handles messages until ctx ends, then returns nil once
// the event in hand is settled; messages received but not yet handled
// are delivered again later, to this consumer or its next run. It returns
// an error when the consumer cannot receive any more (the consumer was
// deleted, the connection closed) and ErrRunning when the Consumer is
// already running. A Consumer may be run again after Run returns.
func (c *Consumer) Run(ctx context.Context) error {
	if c == nil {
		return errNilConsumer
	}
	if !c.running.CompareAndSwap(false, true) {
		return ErrRunning
	}
	defer c.running.Store(false)
	c.cache = make(map[string]verified)
	c.blocked = make(map[string]bool)
	c.waiting = make(map[uint64]time.Time)
	it, err := c.cons.Messages()
	if err != nil {
		return fmt.Errorf("stream: receiving from consumer %s: %w", c.cons.CachedInfo().Name, err)
	}
	defer it.Stop()
	for {
		m, err := it.Next(jetstream.NextContext(ctx))
		if ctx.Err() != nil {
			if m != nil {
				c.release(m)
			}
			c.releaseBuffered(it)
			return nil
		}
		if err != nil {
			return fmt.Errorf("stream: receiving from consumer %s: %w", c.cons.CachedInfo().Name, err)
		}
		c.handle(ctx, m)
	}
}

// releaseBuffered hands back the messages received but not handled, so
// that the next run gets them at once instead of after the ack wait.
func (c *Consumer) releaseBuffered(it jetstream.MessagesContext) {
	it.Drain()
	for {
		m, err := it.Next(jetstream.NextMaxWait(time.Second))
		if err != nil {
			return
		}
		c.release(m)
	}
}

func (c *Consumer) release(m jetstream.Msg) {
	if err := m.Nak(); err != nil {
		c.onError(fmt.Errorf("stream: handing back an unhandled message on %s (it will come again after the ack wait): %w", m.Subject(), err))
	}
}

// Stats returns the counts so far; safe to call while Run runs.
func (c *Consumer) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	return Stats{
		Delivered: c.delivered.Load(),
		Repeats:   c.repeats.Load(),
		Refused:   c.refused.Load(),
		Retried:   c.retried.Load(),
	}
}

// handle settles one message: it is handed over and acknowledged, put
// back for later, acknowledged as a repeat, or refused.
func (c *Consumer) handle(ctx context.Context, m jetstream.Msg) {
	md, err := m.Metadata()
	if err != nil {
		c.refuse(m, 0, "", fmt.Errorf("%w: %w", ErrContentMode, err))
		return
	}
	e, err := DecodeMessage(m.Headers(), m.Data())
	if err != nil {
		c.refuse(m, md.Sequence.Stream, "", err)
		return
	}
	if want, err := EventSubject(&e); err != nil {
		c.refuse(m, md.Sequence.Stream, e.ID, err)
		return
	} else if want != m.Subject() {
		c.refuse(m, md.Sequence.Stream, e.ID, fmt.Errorf("%w: %s belongs on %s", ErrWrongSubject, quote(e.Subject), want))
		return
	}
	v, err := c.head(ctx, e.Subject)
	if err != nil {
		c.putBack(m)
		c.onError(fmt.Errorf("stream: reading the head of %s: %w", quote(e.Subject), err))
		return
	}
	head := v.event
	if head != nil && e.Sequence <= head.Sequence {
		c.repeat(m, md.Sequence.Stream, v, &e)
		return
	}
	if err := grassroots.VerifyLink(head, &e); err != nil {
		var ce *grassroots.ChainError
		if errors.As(err, &ce) && ce.Reason == grassroots.ChainDropped && c.wait(md.Sequence.Stream, c.blocked[e.Subject]) {
			// The predecessor has not been handed over yet: it was put
			// back after a failure, or is about to be redelivered.
			c.putBack(m)
			return
		}
		delete(c.waiting, md.Sequence.Stream)
		c.refuse(m, md.Sequence.Stream, e.ID, err)
		return
	}
	delete(c.waiting, md.Sequence.Stream)
	if err := c.handler(ctx, e); err != nil {
		c.fail(m, &e, err)
		return
	}
	if c.recorder != nil {
		if err := c.recorder.Record(ctx, &e); err != nil {
			c.fail(m, &e, fmt.Errorf("recording the head: %w", err))
			return
		}
	}
	c.setHead(e.Subject, verified{event: &e, streamSeq: md.Sequence.Stream})
	delete(c.blocked, e.Subject)
	c.delivered.Add(1)
	if err := m.Ack(); err != nil {
		c.onError(fmt.Errorf("stream: acknowledging event %s of %s (it will come again as a repeat): %w", quote(e.ID), quote(e.Subject), err))
	}
}

// wait reports whether the message at stream sequence seq, whose event's
// predecessor is missing, should wait longer: always while its aggregate
// is held back by a failure of this consumer, else for MaxWait from the
// first time this run put it back.
func (c *Consumer) wait(seq uint64, blocked bool) bool {
	first, ok := c.waiting[seq]
	if !ok {
		if len(c.waiting) >= maxCachedHeads {
			clear(c.waiting)
		}
		first = time.Now()
		c.waiting[seq] = first
	}
	return blocked || time.Since(first) < c.maxWait
}

// repeat settles an event at or before its aggregate's head. A genuine
// redelivery is the head itself or an event stored before it, so when
// this run handed the head over (and knows its stream sequence) a message
// stored after the head is a copy or a rival published later: refused as
// ChainInserted. Otherwise it is acknowledged as a repeat once its content
// is found intact; an event before the head is not compared with the one
// handed over, which only the caller's store holds.
func (c *Consumer) repeat(m jetstream.Msg, streamSeq uint64, v verified, e *grassroots.Event) {
	head := v.event
	if (e.Sequence == head.Sequence && e.Hash != head.Hash) || (v.streamSeq != 0 && streamSeq > v.streamSeq) {
		c.refuse(m, streamSeq, e.ID, &grassroots.ChainError{Reason: grassroots.ChainInserted})
		return
	}
	if h, err := grassroots.ComputeHash(e); err != nil || h != e.Hash {
		c.refuse(m, streamSeq, e.ID, &grassroots.ChainError{Reason: grassroots.ChainContentChanged, Err: err})
		return
	}
	c.repeats.Add(1)
	if err := m.Ack(); err != nil {
		c.onError(fmt.Errorf("stream: acknowledging a repeat of event %s of %s: %w", quote(e.ID), quote(e.Subject), err))
	}
}

func (c *Consumer) refuse(m jetstream.Msg, streamSeq uint64, id string, err error) {
	c.refused.Add(1)
	rerr := &RefusedError{Subject: m.Subject(), StreamSequence: streamSeq, EventID: id, Err: err}
	if terr := m.TermWithReason(trimPrefix(err)); terr != nil {
		c.onError(fmt.Errorf("stream: terminating message %d: %w", streamSeq, terr))
	}
	c.onError(rerr)
}

// fail puts back an event whose handling failed, holds back the rest of
// its aggregate until it succeeds, and reports the failure.
func (c *Consumer) fail(m jetstream.Msg, e *grassroots.Event, err error) {
	c.blocked[e.Subject] = true
	c.putBack(m)
	c.onError(&HandlerError{Aggregate: e.Subject, EventID: e.ID, Sequence: e.Sequence, Err: err})
}

func (c *Consumer) putBack(m jetstream.Msg) {
	c.retried.Add(1)
	if err := m.NakWithDelay(c.retryDelay); err != nil {
		c.onError(fmt.Errorf("stream: putting back a message on %s (it will come again after the ack wait): %w", m.Subject(), err))
	}
}

// head returns the aggregate's last verified event from the consumer's
// copy, reading it from Heads on a miss.
func (c *Consumer) head(ctx context.Context, subject string) (verified, error) {
	if v, ok := c.cache[subject]; ok {
		return v, nil
	}
	h, err := c.heads.Head(ctx, subject)
	if err != nil {
		return verified{}, err
	}
	v := verified{event: h}
	c.setHead(subject, v)
	return v, nil
}

func (c *Consumer) setHead(subject string, v verified) {
	if _, ok := c.cache[subject]; !ok && len(c.cache) >= maxCachedHeads {
		clear(c.cache)
	}
	if v.event != nil {
		cp := *v.event
		v.event = &cp
	}
	c.cache[subject] = v
}
