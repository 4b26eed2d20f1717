package events

import (
	"context"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// LoadVerified loads a subject's events from s and verifies their chain
// before returning them.
//
// With prev nil it loads the whole chain and checks it with
// grassroots.VerifyChain. With prev, the last event the caller already
// holds (say, from a snapshot), it loads the events after prev.Sequence
// and checks each with grassroots.VerifyLink against its predecessor,
// prev for the first. A broken chain is a *grassroots.ChainError whose
// Index is the position in the returned slice; the events are not
// returned then. prev must belong to subject.
func LoadVerified(ctx context.Context, s Store, subject string, prev *grassroots.Event) ([]grassroots.Event, error) {
	if s == nil {
		var p validate.Problems
		p.Add("store", grassroots.RuleRequired, "a store is required")
		return nil, p.Err()
	}
	var after int64
	if prev != nil {
		if prev.Subject != subject {
			var p validate.Problems
			p.Addf("prev.subject", grassroots.RuleMismatch, "prev must be an event of subject %q, got one of %q", subject, prev.Subject)
			return nil, p.Err()
		}
		after = prev.Sequence
	}
	evs, err := s.Load(ctx, subject, after)
	if err != nil {
		return nil, err
	}
	if prev == nil {
		if err := grassroots.VerifyChain(evs); err != nil {
			return nil, err
		}
		return evs, nil
	}
	for i := range evs {
		p := prev
		if i > 0 {
			p = &evs[i-1]
		}
		if err := grassroots.VerifyLink(p, &evs[i]); err != nil {
			return nil, atIndex(err, i)
		}
	}
	return evs, nil
}
