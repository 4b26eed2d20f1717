package stream

import (
	"context"
	"sync"

	"github.com/grassrootsgov/grassroots"
)

// Heads gives the consumer the last verified event of each aggregate, so
// that it can check the next one against it (grassroots.VerifyLink) after
// a restart. A caller's event store implements it by returning the last
// event it holds for the subject; the store then advances as the handler
// appends what it is given.
type Heads interface {
	// Head returns the last verified event of the aggregate subject (the
	// events' subject attribute), or nil and no error when there is none.
	Head(ctx context.Context, subject string) (*grassroots.Event, error)
}

// Recorder is a Heads that the consumer itself advances: after the
// handler returns nil for an event, the consumer records it before
// acknowledging it. A Heads whose owner advances it (a store the handler
// appends to) does not implement it.
type Recorder interface {
	Heads
	// Record makes e the head of its aggregate.
	Record(ctx context.Context, e *grassroots.Event) error
}

// MemoryHeads is the in-memory Recorder a consumer uses when given no
// Heads. It survives a consumer's restart within one process when the new
// consumer is given the same MemoryHeads, and nothing longer: across
// process restarts use the event store the handler writes to.
//
// The zero value is empty and ready to use; a MemoryHeads is safe for
// concurrent use and must not be copied after first use. A nil
// *MemoryHeads holds nothing: Head returns nil, Len 0, and Record returns
// an error matching grassroots.ErrInvalid.
type MemoryHeads struct {
	mu    sync.Mutex
	heads map[string]grassroots.Event
}

// Head returns a copy of the last event recorded for subject, or nil.
func (h *MemoryHeads) Head(_ context.Context, subject string) (*grassroots.Event, error) {
	if h == nil {
		return nil, nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	e, ok := h.heads[subject]
	if !ok {
		return nil, nil
	}
	return &e, nil
}

// Record makes e the head of e.Subject.
func (h *MemoryHeads) Record(_ context.Context, e *grassroots.Event) error {
	if h == nil {
		return errNilHeads
	}
	if e == nil {
		return grassroots.NewValidationError(grassroots.FieldError{Rule: grassroots.RuleRequired, Message: "an event is required, not a nil *Event"})
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.heads == nil {
		h.heads = make(map[string]grassroots.Event)
	}
	h.heads[e.Subject] = *e
	return nil
}

// Len returns the number of aggregates with a head.
func (h *MemoryHeads) Len() int {
	if h == nil {
		return 0
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.heads)
}
