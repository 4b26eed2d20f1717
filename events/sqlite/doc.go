// Package sqlite is an events.Store in one SQLite database file, through
// the pure-Go driver modernc.org/sqlite (no cgo): the embedded default,
// for a vendor system that runs on one machine and wants its events in a
// file beside it.
//
// Open creates or opens the file; Append, Load and ReadLog keep the
// events.Store contract (the conformance suite events/storetest runs
// against this package), and Follow waits on the global log.
//
// # Schema
//
// Two tables, created and upgraded by the migrations embedded in the
// package (migrations/NNNN_what.sql), which Open applies in order in one
// immediate transaction, recording each version in grassroots_schema:
//
//   - grassroots_schema (version, name): the applied migrations. A
//     database whose version is newer than this package knows is refused
//     with a *events.SchemaVersionError.
//   - grassroots_events: one row per event, each attribute in a column
//     of its own (subject, sequence, id, hash, prevhash, source,
//     specversion, type, time, datacontenttype, dataschema, data,
//     data_base64, and the other extension attributes as one JSON object
//     in extensions). position is the global position, an INTEGER
//     PRIMARY KEY AUTOINCREMENT; (subject, sequence) is unique, and so
//     is id across all subjects: an event whose ID a stored event of any
//     subject has is refused with a *events.DuplicateIDError, as the
//     contract asks, so an ID names one event in the whole store.
//     data holds the event's JSON data as appended (Append found it
//     valid I-JSON while checking the hash), so SQLite's JSON functions
//     can query it (json_extract(data, '$.unit')). Load and ReadLog
//     rebuild each event from its columns, field for field the event
//     appended; its JSON is byte for byte the JSON of the event appended,
//     since MarshalJSON writes data in RFC 8785 form.
//
// The first schema kept each event's JSON envelope in one column; Open
// moves such a database's rows into the columns, parsing each envelope
// strictly and checking it against its row, and refuses the upgrade
// (changing nothing) with a *events.CorruptError when one does not match.
//
// # Writers and the global order
//
// A Store appends through a single connection, so appenders of one
// process queue in Go rather than spinning on SQLite's lock, and every
// append is one BEGIN IMMEDIATE transaction: the head is read, the
// contract's checks made and the rows inserted under the database's
// write lock. Other processes opening the same file take the same lock,
// waiting up to Options.BusyTimeout. Because SQLite has one writer at a
// time and a row ID is assigned as the largest so far plus one, positions
// increase in commit order: a reader never finds a smaller position
// committed after a larger one. Readers use their own connections and, in
// WAL mode, never block the writer.
//
// # Durability
//
// The database runs in WAL mode. By default synchronous=NORMAL: a commit
// is written to the write-ahead log before Append returns, and the log is
// synced to disk at checkpoints, not at every commit.
//
//   - A killed process (a crash, an OOM kill, a deploy) loses nothing that
//     Append acknowledged, and never leaves part of a batch: the operating
//     system holds the written log. TestCrashSafety kills a writer with
//     SIGKILL at random points and checks exactly this.
//   - A power loss or operating-system crash may roll back the appends
//     committed since the log was last synced: at most those since the
//     last checkpoint, in practice those the operating system had not yet
//     written back, typically the last seconds. The database stays
//     consistent: whole batches, intact chains, a global log that ends at
//     the last surviving commit.
//
// Options.FullSync sets synchronous=FULL instead: the log is synced at
// every commit, so an acknowledged append survives power loss too (on a
// disk that honours fsync), at one fsync per append, about a millisecond
// on the machine measured in BENCHMARKS.md, which caps a writer that
// appends command by command at about a thousand appends a second.
//
// NORMAL is the default because the failure an embedded store meets most
// is its process dying, which it survives whole, and because batching
// throughput is what an event store is asked for; a vendor whose events
// leave the machine (to a stream, to PostgreSQL) can re-append a lost
// tail, which appends idempotently. Set FullSync where this file is the
// only copy of the record and the machine can lose power.
//
// # Cost
//
// Append checks every event's hash and builds its row
// (events.PrepareBatchFunc, shared out over the processors for a large
// batch) before it takes the write lock, so concurrent appenders wait
// only for each other's inserts. The unique index on event IDs dominates
// the insert when IDs are not in the order events are appended: every
// event then dirties an index page at a random place. (IDs of
// grassroots.EventID begin with the event's time in milliseconds, so
// events appended as they happen go in near the end of the index.) The
// writer keeps a
// 64 MiB page cache and lets the log grow to 16,384 pages (64 MiB) before
// a checkpoint copies it into the database, so a hot index page is copied
// once per checkpoint rather than once every few appends.
//
// Load and ReadLog fill each event from its columns without parsing JSON,
// and check only that each column holds a value of its attribute (a
// *events.CorruptError otherwise). The chain hash covers every column but
// position, so events.LoadVerified, which recomputes it, refuses a row
// that was changed in the database behind the store's back.
// BENCHMARKS.md has the figures.
package sqlite
