package stream

import (
	"errors"
	"fmt"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/errtext"
)

// Sentinel errors. The typed errors below match one of them with
// errors.Is.
var (
	// ErrConflict is matched by every *ConflictError: the stream's last
	// event of an aggregate is not the predecessor of the event published.
	ErrConflict = errors.New("stream: aggregate's chain in the stream does not continue with this event")
	// ErrSkipped reports an event that was not published because an
	// earlier event of its aggregate in the same call failed.
	ErrSkipped = errors.New("stream: not published: an earlier event of its aggregate failed")
	// ErrAckTimeout reports a publish the stream did not acknowledge in
	// time. The event may or may not be in the stream; publishing it again
	// is safe.
	ErrAckTimeout = errors.New("stream: no acknowledgement from the stream in time")
	// ErrRefused is matched by every *RefusedError: a message the consumer
	// did not hand over and terminated.
	ErrRefused = errors.New("stream: message refused")
	// ErrWrongSubject reports a message whose event belongs on another
	// subject than the one it was published on.
	ErrWrongSubject = errors.New("stream: event published on another aggregate's subject")
	// ErrContentMode reports a message that is neither a structured-mode
	// CloudEvent in JSON nor a binary-mode one.
	ErrContentMode = errors.New("stream: message is not a CloudEvent in JSON structured or binary content mode")
	// ErrNotEvent reports a message in the stream, read back by the
	// publisher, that holds no valid event.
	ErrNotEvent = errors.New("stream: stream message holds no valid event")
)

// ConflictError reports an event whose aggregate's chain in the stream
// does not end with the event's predecessor, so publishing it would
// interleave two histories or leave a gap. Nothing was written.
//
// Head is the sequence of the stream's last event of the aggregate (0 when
// it has none). Head ≥ Sequence means the stream is past the event:
// another publisher appended first, with different events at the same
// positions (the same events would have been accepted as already
// published). Head < Sequence−1 means the stream lacks the events before
// this one. Head = Sequence−1 means the stream's event at that position is
// not the one this event links to. It matches ErrConflict.
//
// A nil *ConflictError says so in Error and still matches ErrConflict.
type ConflictError struct {
	// Subject is the NATS subject of the aggregate.
	Subject string
	// Aggregate is the event's subject attribute (the aggregate ID).
	Aggregate string
	// EventID is the envelope ID of the refused event.
	EventID string
	// Sequence is the refused event's position in its chain.
	Sequence int64
	// Head is the position of the stream's last event of the aggregate.
	Head int64
}

// Error names the aggregate, the event and both sequences.
func (e *ConflictError) Error() string {
	if e == nil {
		return "stream: conflict (a nil *ConflictError)"
	}
	return fmt.Sprintf("stream: conflict on %s: event %s at sequence %d does not follow the stream's last event of the aggregate, at sequence %d",
		quote(e.Aggregate), quote(e.EventID), e.Sequence, e.Head)
}

// Is reports whether target is ErrConflict.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// PublishError reports why one event of a publish call was not published,
// by its index in the call. Err is a *grassroots.ValidationError or
// *grassroots.ChainError for an event that cannot be published as it is,
// a *ConflictError, ErrSkipped, ErrAckTimeout, or the broker's error.
//
// A nil *PublishError says so in Error and wraps nothing.
type PublishError struct {
	// Index is the event's position in the call.
	Index int
	// EventID is the event's envelope ID.
	EventID string
	// Err is why it was not published.
	Err error
}

// Error names the event by index and ID, then the cause.
func (e *PublishError) Error() string {
	if e == nil {
		return "stream: event not published (a nil *PublishError)"
	}
	return fmt.Sprintf("stream: event %d (%s): %s", e.Index, quote(e.EventID), trimPrefix(e.Err))
}

// Unwrap returns the cause.
func (e *PublishError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// BatchError lists the events of a PublishAsync call that were not
// published, in index order. Every other event is in the stream.
// errors.Is and errors.As see each entry.
//
// A nil *BatchError says so in Error and wraps nothing.
type BatchError struct {
	// Failed holds one entry per event not published.
	Failed []*PublishError
}

// Error gives the number of failed events and the first three causes.
func (e *BatchError) Error() string {
	if e == nil {
		return "stream: events not published (a nil *BatchError)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "stream: %d events not published", len(e.Failed))
	for i, f := range e.Failed {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Failed)-3)
			break
		}
		if f == nil {
			b.WriteString("; a nil *PublishError")
			continue
		}
		fmt.Fprintf(&b, "; event %d: %s", f.Index, trimPrefix(f.Err))
	}
	return b.String()
}

// Unwrap returns each entry.
func (e *BatchError) Unwrap() []error {
	if e == nil {
		return nil
	}
	errs := make([]error, len(e.Failed))
	for i, f := range e.Failed {
		errs[i] = f
	}
	return errs
}

// RefusedError reports a message the consumer terminated instead of
// handing it over: it is not a valid event, sits on another aggregate's
// subject, or does not extend its aggregate's verified chain. Err is a
// *grassroots.ValidationError (not a valid envelope), ErrContentMode,
// ErrWrongSubject, or a *grassroots.ChainError whose Reason says how the
// chain was broken. It matches ErrRefused.
//
// A nil *RefusedError says so in Error, wraps nothing and still
// matches ErrRefused.
type RefusedError struct {
	// Subject is the NATS subject the message was published on.
	Subject string
	// StreamSequence is the message's position in the stream.
	StreamSequence uint64
	// EventID is the envelope ID, when the message held an envelope.
	EventID string
	// Err is why it was refused.
	Err error
}

// Error names the message by stream sequence and subject, then the cause.
func (e *RefusedError) Error() string {
	if e == nil {
		return "stream: message refused (a nil *RefusedError)"
	}
	return fmt.Sprintf("stream: refused message %d on %s: %s", e.StreamSequence, e.Subject, trimPrefix(e.Err))
}

// Is reports whether target is ErrRefused.
func (e *RefusedError) Is(target error) bool { return target == ErrRefused }

// Unwrap returns why the message was refused.
func (e *RefusedError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// HandlerError reports an event whose handler (or whose recording in the
// consumer's Heads) failed. The event was not acknowledged and is
// delivered again after ConsumerConfig.RetryDelay; later events of its
// aggregate wait for it.
//
// A nil *HandlerError says so in Error and wraps nothing.
type HandlerError struct {
	// Aggregate is the event's subject attribute (the aggregate ID).
	Aggregate string
	// EventID is the envelope ID.
	EventID string
	// Sequence is the event's position in its chain.
	Sequence int64
	// Err is what the handler (or Heads) returned.
	Err error
}

// Error names the event and its aggregate, then the handler's error.
func (e *HandlerError) Error() string {
	if e == nil {
		return "stream: event not handled (a nil *HandlerError)"
	}
	return fmt.Sprintf("stream: handling event %s of %s at sequence %d: %v", quote(e.EventID), quote(e.Aggregate), e.Sequence, e.Err)
}

// Unwrap returns the handler's error.
func (e *HandlerError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// The errors of methods called on a nil pointer. Each matches
// grassroots.ErrInvalid, as a nil event or JetStream handle does.
var (
	errNilPublisher = grassroots.NewValidationError(grassroots.FieldError{Rule: grassroots.RuleRequired,
		Message: "a Publisher is required, not a nil *Publisher; create one with NewPublisher"})
	errNilConsumer = grassroots.NewValidationError(grassroots.FieldError{Rule: grassroots.RuleRequired,
		Message: "a Consumer is required, not a nil *Consumer; create one with NewConsumer"})
	errNilHeads = grassroots.NewValidationError(grassroots.FieldError{Rule: grassroots.RuleRequired,
		Message: "a MemoryHeads to record in is required, not a nil *MemoryHeads; use new(MemoryHeads)"})
)

// trimPrefix drops a leading "stream: " or "grassroots: " from an error's
// message so that wrapping errors do not stack package prefixes.
func trimPrefix(err error) string { return errtext.Cause(err, "stream: ", "grassroots: ") }
