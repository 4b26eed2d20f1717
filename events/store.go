package events

import (
	"context"

	"github.com/grassrootsgov/grassroots"
)

// Store keeps sealed events: per subject, as hash chains appended with
// optimistic concurrency, and all together in one global log. The
// packages under events/ implement it (SQLite, PostgreSQL), and the
// conformance suite in events/storetest holds every implementation,
// ours and an integrator's, to the contract below.
//
// Implementations are safe for concurrent use, from one process or
// several sharing the database.
//
// # Append
//
// Append stores batch, the next events of subject's chain, atomically:
// all of them or none. expected is the sequence of the subject's last
// stored event as the caller last saw it, 0 when the subject must have no
// events yet. Append decides in this order, and a refusal writes nothing:
//
//  1. Invalid arguments (an empty subject, no events, a negative
//     expected) are a *grassroots.ValidationError.
//  2. Each event must belong to subject, be sealed and intact (its hash
//     matches its content), and follow the one before it in the batch
//     (grassroots.VerifyLink); otherwise a *grassroots.ChainError whose
//     Index is the event's position in the batch. Two events of the batch
//     with one ID are a *DuplicateIDError.
//  3. A batch whose every event is already stored, under the same subject
//     and sequence with the same hash, is the retry of an append that
//     succeeded: Append returns nil and writes nothing, whatever expected
//     says. Appending the same events again is thus neither a duplicate
//     nor a conflict.
//  4. If the subject's last stored sequence is not expected, a
//     *ConflictError carrying both. This covers a batch that overlaps the
//     stored chain only in part (its first events stored, the rest not):
//     it is refused whole, and the caller appends the events after
//     ConflictError.Actual.
//  5. The first event must extend the stored chain: grassroots.VerifyLink
//     against the subject's last stored event (nil for a new subject);
//     otherwise a *grassroots.ChainError with Index 0.
//  6. An event whose ID is already stored (for another subject or
//     sequence) is a *DuplicateIDError.
//
// Steps 1 and 2 need nothing stored: CheckBatch does them, and CheckHead
// and IsReplay do 3 to 5 given what the store holds, so every
// implementation refuses the same batch with the same error.
//
// # Load
//
// Load returns the subject's events with a sequence greater than after
// (0 for all of them) in sequence order; a subject without events gives
// an empty slice. The events are the ones appended, field for field, and
// their JSON is byte for byte the JSON of the appended events. The store
// checked the chain on append; LoadVerified checks it again on the way
// out, against a database altered behind the store's back.
//
// # The global log
//
// Every appended event gets a global position, an integer that orders
// all events of all subjects in one stable total order consistent with
// each subject's sequence order. ReadLog returns at most limit records
// with a position greater than after (0 for the start), in position
// order. Positions increase with every append and may have gaps, but a
// position once returned is never followed later by a smaller one: a
// reader that has seen position p and reads after p misses nothing, then
// or ever. Projections and subscribers keep the last position they
// processed and read on from it.
//
// # Context
//
// Every method takes a context. When it ends before the method is done,
// the method returns an error matching the context's error
// (context.Canceled or context.DeadlineExceeded). An append refused so
// wrote nothing, unless the context ended while the commit itself was in
// flight: then the store cannot tell either, and appending the same batch
// again is the way to know, since it is a no-op for a stored batch
// (step 3) and stores it otherwise.
type Store interface {
	// Append stores batch after the subject's event with sequence
	// expected, or refuses it whole (see Store).
	Append(ctx context.Context, subject string, expected int64, batch []grassroots.Event) error
	// Load returns the subject's events with sequence greater than after.
	Load(ctx context.Context, subject string, after int64) ([]grassroots.Event, error)
	// ReadLog returns up to limit records of the global log with position
	// greater than after.
	ReadLog(ctx context.Context, after int64, limit int) ([]Record, error)
}

// Follower is implemented by a store whose global log can be waited on.
//
// Follow returns what ReadLog(ctx, after, limit) returns, but when no
// event follows after it first waits until one is appended, by this
// process or another, or ctx ends (then it returns the context's error).
// A subscriber loops on it, passing the position of the last record it
// handled.
type Follower interface {
	Follow(ctx context.Context, after int64, limit int) ([]Record, error)
}

// Batch is one subject's part of an AppendMany: Events to append after
// the subject's event with sequence Expected, as Append takes them.
type Batch struct {
	Subject  string
	Expected int64
	Events   []grassroots.Event
}

// MultiAppender is implemented by a Store that appends batches to several
// subjects in one transaction. AppendMany checks each batch as Append
// does and stores all of them, in the order given (their events take
// positions of the global log in that order), or none: when one is
// refused, the error is a *BatchError naming it and nothing is written.
// A batch that is already stored whole is a no-op, as for Append. Later
// batches of one call see the earlier ones, so two batches of the same
// subject may follow each other. It suits a writer with many small
// chains ready at once, such as a bulk import, for which a transaction
// per subject costs more than the rows.
type MultiAppender interface {
	AppendMany(ctx context.Context, batches []Batch) error
}

// Record is one entry of the global log: an event and its position.
type Record struct {
	// Position is the event's place in the global log, from 1.
	Position int64
	// Event is the sealed event as appended.
	Event grassroots.Event
}
