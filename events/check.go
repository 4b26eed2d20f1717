package events

import (
	"sync"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// CheckBatch makes the checks of an append that need nothing stored,
// steps 1 and 2 of the Store contract: the arguments, then each event of
// batch (it belongs to subject, it is sealed and intact, it follows its
// predecessor in the batch), then repeated IDs within the batch. It
// returns a *grassroots.ValidationError, a *grassroots.ChainError whose
// Index is the event's position in batch, or a *DuplicateIDError.
//
// Each event's hash is computed once, so CheckBatch costs about one
// grassroots.Seal per event.
func CheckBatch(subject string, expected int64, batch []grassroots.Event) error {
	if err := checkArgs(subject, expected, batch); err != nil {
		return err
	}
	for i := range batch {
		if err := checkEvent(subject, batch, i); err != nil {
			return err
		}
	}
	return checkIDs(batch)
}

// minChunk is the fewest events PrepareBatch gives one goroutine: below
// it, starting one costs more than it saves.
const minChunk = 25

// PrepareBatch makes the checks of CheckBatch, with the same result, and
// encodes each event's JSON (Event.MarshalJSON) for the store to write.
// The events are shared out among up to workers goroutines, in
// contiguous chunks of at least 25 events; workers below 2 does all the
// work on the calling goroutine. When several events fail, the error is
// the one of the first in batch order, as CheckBatch reports it.
func PrepareBatch(subject string, expected int64, batch []grassroots.Event, workers int) ([][]byte, error) {
	envs := make([][]byte, len(batch))
	if err := prepareBatch(subject, expected, batch, workers, nil, envs); err != nil {
		return nil, err
	}
	return envs, nil
}

// PrepareBatchFunc makes the checks of CheckBatch, with the same result,
// and calls prepare with the index of each event that passed its own
// checks, for a store that writes something other than the event's JSON
// (the columns of a row, say). The events and their prepare calls are
// shared out among workers goroutines as in PrepareBatch, so prepare must
// be safe to call concurrently for different indexes. An error from
// prepare is a *grassroots.ChainError with Reason ChainInvalid and the
// event's Index that wraps it, and is ordered among the failures of the
// checks by that index. A nil prepare is a *grassroots.ValidationError; a
// panic in prepare reaches the caller's goroutine, whichever goroutine
// made the call.
func PrepareBatchFunc(subject string, expected int64, batch []grassroots.Event, workers int, prepare func(i int) error) error {
	return prepareBatch(subject, expected, batch, workers, prepare, nil)
}

// prepareBatch is PrepareBatchFunc, or PrepareBatch when envs is not
// nil: then each event's JSON goes to envs, written as it is checked.
func prepareBatch(subject string, expected int64, batch []grassroots.Event, workers int, prepare func(i int) error, envs [][]byte) error {
	if err := checkArgs(subject, expected, batch); err != nil {
		return err
	}
	if prepare == nil && envs == nil {
		return grassroots.NewValidationError(grassroots.FieldError{Path: "prepare", Rule: grassroots.RuleRequired, Message: "prepare is required: the function that prepares each event's row"})
	}
	workers = min(workers, len(batch)/minChunk)
	if workers < 2 {
		if err := prepareRange(subject, batch, prepare, envs, 0, len(batch)); err != nil {
			return err
		}
	} else {
		errs := make([]error, workers)
		// A panic in prepare on a worker goroutine would end the process;
		// it is raised again on the caller's goroutine instead.
		panics := make([]any, workers)
		var wg sync.WaitGroup
		for w := range workers {
			lo, hi := w*len(batch)/workers, (w+1)*len(batch)/workers
			wg.Go(func() {
				defer func() {
					if r := recover(); r != nil {
						panics[w] = r
					}
				}()
				errs[w] = prepareRange(subject, batch, prepare, envs, lo, hi)
			})
		}
		wg.Wait()
		for _, r := range panics {
			if r != nil {
				panic(r)
			}
		}
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
	}
	return checkIDs(batch)
}

// prepareRange checks and prepares batch[lo:hi], or checks and encodes
// it into envs when envs is not nil, stopping at the first failure.
func prepareRange(subject string, batch []grassroots.Event, prepare func(int) error, envs [][]byte, lo, hi int) error {
	for i := lo; i < hi; i++ {
		if envs != nil {
			b, err := encodeEvent(subject, batch, i)
			if err != nil {
				return err
			}
			envs[i] = b
			continue
		}
		if err := checkEvent(subject, batch, i); err != nil {
			return err
		}
		if err := prepare(i); err != nil {
			return &grassroots.ChainError{Index: i, Reason: grassroots.ChainInvalid, Err: err}
		}
	}
	return nil
}

func checkArgs(subject string, expected int64, batch []grassroots.Event) error {
	var p validate.Problems
	p.Require(subject != "", "subject", "subject is required: the aggregate whose chain is appended to")
	if expected < 0 {
		p.Addf("expected", grassroots.RuleMin, "expected must be 0 (a new subject) or the sequence of the subject's last event, got %d", expected)
	}
	p.Require(len(batch) > 0, "batch", "batch needs at least one event")
	return p.Err()
}

// checkEvent checks that batch[i] belongs to subject, is sealed and
// intact, and follows batch[i-1].
func checkEvent(subject string, batch []grassroots.Event, i int) error {
	e := &batch[i]
	if e.Subject != subject {
		return &grassroots.ChainError{Index: i, Reason: grassroots.ChainInserted}
	}
	var err error
	if i == 0 {
		err = checkIntact(e)
	} else {
		err = grassroots.VerifyLink(&batch[i-1], e)
	}
	return atIndex(err, i)
}

// encodeEvent checks batch[i] as checkEvent does and returns its JSON,
// written from the form its hash check computed.
func encodeEvent(subject string, batch []grassroots.Event, i int) ([]byte, error) {
	e := &batch[i]
	if e.Subject != subject {
		return nil, &grassroots.ChainError{Index: i, Reason: grassroots.ChainInserted}
	}
	buf := make([]byte, 0, 320+len(e.Data))
	var b []byte
	var err error
	if i == 0 {
		b, err = grassroots.AppendIntact(buf, e)
	} else {
		b, err = grassroots.AppendVerified(buf, &batch[i-1], e)
	}
	if err != nil {
		return nil, atIndex(err, i)
	}
	return b, nil
}

// checkIntact checks that e is sealed and its hash matches its content, as
// grassroots.VerifyLink does before it looks at the predecessor.
func checkIntact(e *grassroots.Event) error {
	h, err := grassroots.ComputeHash(e)
	switch {
	case err != nil:
		return &grassroots.ChainError{Reason: grassroots.ChainInvalid, Err: err}
	case e.Hash == "":
		return &grassroots.ChainError{Reason: grassroots.ChainInvalid, Err: grassroots.ErrNotSealed}
	case h != e.Hash:
		return &grassroots.ChainError{Reason: grassroots.ChainContentChanged}
	}
	return nil
}

// atIndex sets the batch index of a chain error from VerifyLink; nil
// stays nil.
func atIndex(err error, i int) error {
	if ce, ok := err.(*grassroots.ChainError); ok {
		ce.Index = i
	}
	return err
}

func checkIDs(batch []grassroots.Event) error {
	if len(batch) < 2 {
		return nil
	}
	seen := make(map[string]int, len(batch))
	for i := range batch {
		if j, ok := seen[batch[i].ID]; ok {
			return &DuplicateIDError{ID: batch[i].ID, Index: i, Subject: batch[j].Subject, Sequence: batch[j].Sequence}
		}
		seen[batch[i].ID] = i
	}
	return nil
}

// IsReplay reports whether batch, which passed CheckBatch, is stored
// whole (step 3 of the Store contract). stored holds the hashes the store
// has for batch's subject at the sequences from batch[0].Sequence to the
// last event's, in sequence order; a store that holds fewer of them
// passes fewer.
func IsReplay(batch []grassroots.Event, stored []string) bool {
	if len(stored) != len(batch) {
		return false
	}
	for i := range batch {
		if batch[i].Hash != stored[i] {
			return false
		}
	}
	return true
}

// CheckHead makes steps 4 and 5 of the Store contract for a batch that
// passed CheckBatch and is no replay: head is the subject's last stored
// event, nil when it has none. It returns a *ConflictError when head's
// sequence is not expected, and the *grassroots.ChainError of
// grassroots.VerifyLink(head, first) when first does not extend head.
//
// Only head's Subject, Sequence and Hash are read, so a store may pass
// an Event holding just those columns.
func CheckHead(subject string, expected int64, head, first *grassroots.Event) error {
	var actual int64
	if head != nil {
		actual = head.Sequence
	}
	if actual != expected {
		return &ConflictError{Subject: subject, Expected: expected, Actual: actual}
	}
	return grassroots.VerifyLink(head, first)
}

// CheckLoad checks the arguments of Store.Load: a subject and a
// non-negative after. It returns nil or a *grassroots.ValidationError.
func CheckLoad(subject string, after int64) error {
	var p validate.Problems
	p.Require(subject != "", "subject", "subject is required: the aggregate whose chain is loaded")
	if after < 0 {
		p.Addf("after", grassroots.RuleMin, "after must be 0 (the whole chain) or a sequence, got %d", after)
	}
	return p.Err()
}

// CheckRead checks the arguments of Store.ReadLog and Follower.Follow: a
// non-negative after and a limit of at least 1. It returns nil or a
// *grassroots.ValidationError.
func CheckRead(after int64, limit int) error {
	var p validate.Problems
	if after < 0 {
		p.Addf("after", grassroots.RuleMin, "after must be 0 (the start of the log) or a position, got %d", after)
	}
	if limit < 1 {
		p.Addf("limit", grassroots.RuleMin, "limit must be at least 1, got %d", limit)
	}
	return p.Err()
}
