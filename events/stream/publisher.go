package stream

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Defaults of PublisherConfig.
const (
	// DefaultMaxPending is the window when PublisherConfig.MaxPending is 0.
	DefaultMaxPending = 512
	// DefaultAckTimeout is the wait when PublisherConfig.AckTimeout is 0.
	DefaultAckTimeout = 5 * time.Second
	// DefaultMaxHeads is the bound when PublisherConfig.MaxHeads is 0.
	DefaultMaxHeads = 1 << 16
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
//
// A nil *Publisher publishes nothing: Publish and PublishAsync return an
// error matching grassroots.ErrInvalid.
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
	if p == nil {
		return nil, errNilPublisher
	}
	b, err := group(events)
	if err != nil {
		return nil, err
	}
	b.build()
	if err := b.firstError(); err != nil {
		return nil, err
	}
	byIndex := make([]*item, len(events))
	for _, it := range b.order {
		byIndex[it.index] = it
	}
	out := make([]Ack, len(events))
	for i, it := range byIndex {
		r := &run{subject: it.subject, items: []*item{it}}
		if failed := p.publish(ctx, b, []*run{r}, 1, out); len(failed) > 0 {
			return out[:i], failed[0]
		}
	}
	return out, nil
}

// PublishAsync publishes events for throughput: up to MaxPending
// publishes are in flight at once, without waiting for each
// acknowledgement before sending the next. The events of one aggregate
// still go one after another, each naming its predecessor's stream
// sequence as expected (which is known only once the predecessor is
// acknowledged), so the pipeline fills with events of different
// aggregates: a batch of many aggregates publishes fastest.
//
// Events are checked as Publish checks them, but while the first ones
// are on their way: a call whose events lack a package or mix packages
// on one aggregate is refused whole with a *PublishError, and an event
// that is not sealed, intact and the successor of the event before it on
// its aggregate fails like a conflict does. PublishAsync returns once
// every event is acknowledged or has failed, with one Ack per event (the
// zero Ack for a failed one) and, when any failed, a *BatchError listing
// them. A failure stops only its aggregate: its later events fail with
// ErrSkipped, other aggregates go on. When ctx ends first, the events not
// yet acknowledged fail with ctx's error; some may be in the stream, and
// publishing the same events again settles which.
func (p *Publisher) PublishAsync(ctx context.Context, events []grassroots.Event) ([]Ack, error) {
	if p == nil {
		return nil, errNilPublisher
	}
	b, err := group(events)
	if err != nil {
		return nil, err
	}
	built := make(chan struct{})
	go func() {
		defer close(built)
		b.build()
	}()
	// The builders read events: they must be done with them before the
	// caller gets them back.
	defer func() {
		b.stop.Store(true)
		<-built
	}()
	acks := make([]Ack, len(events))
	if failed := p.publish(ctx, b, b.runs, p.maxPending, acks); len(failed) > 0 {
		sortByIndex(failed)
		return acks, &BatchError{Failed: failed}
	}
	return acks, nil
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
