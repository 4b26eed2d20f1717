package events

import (
	"errors"
	"fmt"
)

// ErrConflict is matched by every *ConflictError: an append whose expected
// sequence is not the subject's last stored one.
var ErrConflict = errors.New("events: expected sequence is not the subject's last")

// ErrDuplicateID is matched by every *DuplicateIDError: an event whose ID
// already names another event.
var ErrDuplicateID = errors.New("events: event ID already names another event")

// ErrClosed is returned by a store's methods after its Close.
var ErrClosed = errors.New("events: store is closed")

// ErrSchemaVersion is matched by every *SchemaVersionError.
var ErrSchemaVersion = errors.New("events: unsupported schema version")

// ConflictError refuses an append whose expected sequence is not the
// sequence of the subject's last stored event (optimistic concurrency:
// another writer appended first). Nothing was written. The caller loads
// the events after Expected, decides again, and retries with Actual.
//
// A nil *ConflictError says so in Error and still matches ErrConflict.
type ConflictError struct {
	// Subject is the subject appended to.
	Subject string
	// Expected is the last sequence the caller expected (0: no events).
	Expected int64
	// Actual is the sequence of the subject's last stored event (0: none).
	Actual int64
}

func (e *ConflictError) Error() string {
	if e == nil {
		return "events: conflict (a nil *ConflictError)"
	}
	if e.Expected == 0 {
		return fmt.Sprintf("events: subject %q already has events up to sequence %d, expected none", e.Subject, e.Actual)
	}
	return fmt.Sprintf("events: subject %q ends at sequence %d, expected %d", e.Subject, e.Actual, e.Expected)
}

// Is reports whether target is ErrConflict.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// DuplicateIDError refuses an append with an event whose ID names a
// different event: one stored under another subject or sequence, or an
// earlier event of the same batch. Nothing was written. An event ID names
// exactly one event, so the same ID with other content is a forged event
// or a command decided twice with different results.
//
// A nil *DuplicateIDError says so in Error and still matches ErrDuplicateID.
type DuplicateIDError struct {
	// ID is the repeated event ID.
	ID string
	// Index is the position in the batch of the refused event.
	Index int
	// Subject and Sequence say where the ID is already used: the stored
	// event's, or the earlier batch event's.
	Subject  string
	Sequence int64
}

func (e *DuplicateIDError) Error() string {
	if e == nil {
		return "events: duplicate event ID (a nil *DuplicateIDError)"
	}
	return fmt.Sprintf("events: event %d has ID %q, which already names sequence %d of subject %q; an ID must name one event", e.Index, e.ID, e.Sequence, e.Subject)
}

// Is reports whether target is ErrDuplicateID.
func (e *DuplicateIDError) Is(target error) bool { return target == ErrDuplicateID }

// SchemaVersionError is returned by a store's Open when the database's
// schema is newer than any this program knows: a newer program has
// migrated it, and this one must not write to it.
//
// A nil *SchemaVersionError says so in Error and still matches ErrSchemaVersion.
type SchemaVersionError struct {
	// Found is the schema version recorded in the database.
	Found int
	// Supported is the newest version this program knows.
	Supported int
}

func (e *SchemaVersionError) Error() string {
	if e == nil {
		return "events: unsupported schema version (a nil *SchemaVersionError)"
	}
	return fmt.Sprintf("events: database schema version %d is newer than %d, the newest this program knows; use a newer program", e.Found, e.Supported)
}

// Is reports whether target is ErrSchemaVersion.
func (e *SchemaVersionError) Is(target error) bool { return target == ErrSchemaVersion }

// ErrCorrupt is matched by every *CorruptError.
var ErrCorrupt = errors.New("events: stored event is corrupt")

// CorruptError reports a stored event that a store cannot return as it
// was appended: its envelope no longer parses, it disagrees with the
// columns the store keeps beside it (subject, sequence, hash), or a
// column holds no valid value of its attribute. Someone changed the
// database behind the store's back.
//
// A nil *CorruptError says so in Error, wraps nothing and still
// matches ErrCorrupt.
type CorruptError struct {
	// Position is the event's place in the global log.
	Position int64
	// Problem says what is wrong.
	Problem string
	// Err is the parse error, if any.
	Err error
}

func (e *CorruptError) Error() string {
	if e == nil {
		return "events: stored event is corrupt (a nil *CorruptError)"
	}
	msg := fmt.Sprintf("events: stored event at position %d is corrupt: %s", e.Position, e.Problem)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Is reports whether target is ErrCorrupt.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// Unwrap returns the parse error, if any.
func (e *CorruptError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// BatchError reports the batch of a MultiAppender's AppendMany that was
// refused, and why. Nothing of any batch was written.
//
// A nil *BatchError says so in Error and wraps nothing.
type BatchError struct {
	// Index is the position of the refused batch in the call.
	Index int
	// Subject is the refused batch's subject.
	Subject string
	// Err is what Append would have returned for that batch: a
	// *ConflictError, *DuplicateIDError, *grassroots.ChainError or
	// *grassroots.ValidationError; errors.As finds it through the
	// BatchError.
	Err error
}

func (e *BatchError) Error() string {
	if e == nil {
		return "events: batch refused (a nil *BatchError)"
	}
	return fmt.Sprintf("events: batch %d (subject %q): %v", e.Index, e.Subject, e.Err)
}

// Unwrap returns Err.
func (e *BatchError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}
