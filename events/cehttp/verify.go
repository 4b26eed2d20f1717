package cehttp

import (
	"context"
	"errors"

	"github.com/grassrootsgov/grassroots"
)

// Heads gives the Handler the last event the receiver holds of a
// subject, so that it can check that what arrives continues each chain
// (see HandlerOptions.Heads). An event store answers it with the last
// event it loaded or appended for the subject.
type Heads interface {
	// Head returns the last event held for subject, and false when none
	// is held yet. An error makes the Handler answer 500 without
	// delivering anything.
	Head(ctx context.Context, subject string) (grassroots.Event, bool, error)
}

// errHeads marks a failed Heads lookup.
var errHeads = errors.New("cehttp: head lookup failed")

// verifyLinks checks, in order, that each event is sealed and links to
// the event before it of its subject: the previous one in events, or for
// the first of a subject the head the receiver holds (none: the event
// must start its chain). It returns the problem found at the first event
// that does not, or errHeads wrapping a lookup error.
func verifyLinks(ctx context.Context, heads Heads, events []grassroots.Event) (*chainProblem, error) {
	last := make(map[string]*grassroots.Event)
	for i := range events {
		e := &events[i]
		if e.Subject == "" {
			return &chainProblem{index: i, field: grassroots.FieldError{Path: "subject", Rule: grassroots.RuleRequired,
				Message: "subject is required: a chained event belongs to a subject"}, status: 400}, nil
		}
		prev, seen := last[e.Subject]
		if !seen {
			head, ok, err := heads.Head(ctx, e.Subject)
			if err != nil {
				return nil, errors.Join(errHeads, err)
			}
			if ok {
				prev = &head
			}
		}
		if err := grassroots.VerifyLink(prev, e); err != nil {
			var ce *grassroots.ChainError
			if !errors.As(err, &ce) {
				return nil, err
			}
			return newChainProblem(i, ce.Reason, e.Hash == ""), nil
		}
		last[e.Subject] = e
	}
	return nil, nil
}

// chainProblem is where and how a received chain breaks, worded for the
// sender.
type chainProblem struct {
	index  int
	field  grassroots.FieldError
	status int
}

// newChainProblem words reason for the event at index. A chain that
// breaks against what the receiver holds is a 409 Conflict; an event
// whose hash is absent or does not match its own content is a 400, as
// that is wrong whatever the receiver holds.
func newChainProblem(index int, reason grassroots.ChainReason, unsealed bool) *chainProblem {
	p := &chainProblem{index: index, status: 409}
	f := &p.field
	switch reason {
	case grassroots.ChainInvalid:
		*f = grassroots.FieldError{Path: "hash", Rule: grassroots.RuleRequired, Message: "hash is required: the receiver accepts sealed events only"}
		if !unsealed {
			f.Rule, f.Message = grassroots.RuleFormat, "the event cannot be hashed"
		}
		p.status = 400
	case grassroots.ChainContentChanged:
		*f = grassroots.FieldError{Path: "hash", Rule: grassroots.RuleMismatch, Message: "hash does not match the event's content (content_changed)"}
		p.status = 400
	case grassroots.ChainWrongSequence:
		*f = grassroots.FieldError{Path: "sequence", Rule: grassroots.RuleOrder, Message: "sequence must be one more than the previous event's of the subject (wrong_sequence)"}
	case grassroots.ChainReordered:
		*f = grassroots.FieldError{Path: "sequence", Rule: grassroots.RuleOrder, Message: "the event does not come next in its subject's chain (reordered)"}
	case grassroots.ChainDropped:
		*f = grassroots.FieldError{Path: "prevhash", Rule: grassroots.RuleReference, Message: "events before this one are missing: prevhash does not name the last event the receiver holds of the subject (dropped)"}
	default:
		*f = grassroots.FieldError{Path: "prevhash", Rule: grassroots.RuleReference, Message: "the event does not belong to its subject's chain: prevhash does not name the previous event (inserted)"}
	}
	return p
}
