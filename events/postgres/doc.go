// Package postgres is an events.Store in a PostgreSQL database through
// pgx (github.com/jackc/pgx/v5), for production: many processes on many
// machines appending to and following one log.
//
// Open connects with a URL and owns its pool; New uses a pool the caller
// configured. Append, Load and ReadLog keep the events.Store contract
// (the conformance suite events/storetest runs against this package),
// and Follow waits on the global log with LISTEN/NOTIFY.
//
// # Schema
//
// The tables live in a PostgreSQL schema of their own choosing
// (Options.Schema, "public" by default), created when absent, so several
// stores can share a database. Open applies the migrations embedded in
// the package (migrations/NNNN_what.sql) in order, in one transaction,
// recording each version in grassroots_schema; a schema whose version is
// newer than this package knows is refused with a
// *events.SchemaVersionError.
//
// grassroots_events has one row per event: position (bigint identity,
// the global position), subject, sequence, id, hash and envelope, the
// event's CloudEvents JSON exactly as appended, kept as bytea so that no
// server or client encoding can alter a byte (query it as JSON with
// convert_from(envelope, 'UTF8')::jsonb). (subject, sequence) and id are
// unique constraints; a violation becomes the contract's typed error
// (*events.ConflictError or *events.DuplicateIDError), read from the
// *pgconn.PgError's code and constraint name.
//
// # The global order
//
// Positions come from an identity sequence, and a sequence hands out
// numbers when rows are inserted, not when they commit: two transactions
// that draw 7 and 8 may commit 8 first, and a reader that saw 8 and goes
// on after 8 would never see 7. Every append therefore takes a
// transaction-scoped advisory lock (pg_advisory_xact_lock(LockKey(schema)))
// before it reads the subject's head and draws positions, and PostgreSQL
// releases it only after the commit is visible to new snapshots. So the
// positions of one append are all drawn after the previous append's rows
// became visible, positions are in commit order, and a reader that has
// seen position p has seen everything below it, then and ever. A
// rolled-back append leaves a gap that stays a gap. The lock also makes
// the head read and the conflict check exact; the unique constraints
// back them against a writer that does not take the lock.
//
// The cost is that appends to one schema commit one at a time. Each
// append holds the lock for one round trip of inserts and its commit
// (the write-ahead log's fsync with synchronous_commit on), so a batch of
// a hundred events pays for one fsync; BENCHMARKS.md has the figures.
// Stores that need more parallel throughput use one schema per shard.
//
// An append that continues the head its caller names, the usual case,
// takes one round trip: BEGIN, the lock, one INSERT … SELECT of all the
// rows (the IDs and hashes as arrays, the envelopes end to end in one
// byte string) that inserts them only when the subject's head is the
// expected one and then queues the notification, and COMMIT, in one
// pipelined batch. Any other outcome (another head, a batch already
// stored, an ID stored elsewhere) stores nothing and is settled as every
// other append is, in a transaction that reads the head after the lock:
// BEGIN; the lock, the notification and the head in one batch; the rows,
// streamed with COPY; COMMIT.
//
// AppendMany (events.MultiAppender) settles each of its batches that way,
// one after the other in one transaction under the lock, and commits
// once: a writer with many small chains ready at once, such as a bulk
// import, pays one fsync for all of them.
//
// # Following
//
// Every append queues pg_notify(Channel, schema) in its transaction, so a
// notification goes out exactly when an append commits. Follow holds a
// pooled connection that LISTENs on Channel, reads the log, and waits for
// a notification of its schema when there is nothing to read; it reads
// again every Options.PollInterval too, in case a notification was lost,
// and UNLISTENs before it returns the connection to the pool.
//
// # Tests
//
// The tests need a PostgreSQL server: set GRASSROOTS_TEST_POSTGRES_URL to
// the URL of a database in which they may create and drop schemas
// (.ci/run starts a server and sets it). Without it they are skipped with
// a message naming the variable.
package postgres
