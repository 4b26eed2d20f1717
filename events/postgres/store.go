package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/internal/migrate"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

var migrations = migrate.Once(migrationFiles, "migrations")

// DefaultSchema is the schema of a Store whose Options name none.
const DefaultSchema = "public"

// DefaultPollInterval is how often Follow reads the log without a
// notification, when Options.PollInterval is zero.
const DefaultPollInterval = 5 * time.Second

// Channel is the LISTEN/NOTIFY channel on which every append announces
// itself when it commits; the payload is the store's schema name.
const Channel = "grassroots_events"

// Options tune a Store. The zero value gives the defaults.
type Options struct {
	// Schema is the PostgreSQL schema that holds the store's tables,
	// created when absent. Several stores can share a database in
	// different schemas. Empty means DefaultSchema.
	Schema string
	// PollInterval is how often Follow reads the log even without a
	// notification, in case one was lost with a connection. Zero means
	// DefaultPollInterval.
	PollInterval time.Duration
}

// Store is an events.Store (and events.Follower) in a PostgreSQL
// database. It is safe for concurrent use, and any number of processes
// may use the same schema. Close it when done.
//
// A nil *Store holds no database: every method returns an error matching
// events.ErrClosed, but Close, which returns nil as it does on a closed
// store, and Schema, which returns "".
type Store struct {
	pool     *pgxpool.Pool
	ownsPool bool
	schema   string
	lockKey  int64
	poll     time.Duration
	q        queries
	table    pgx.Identifier
	closed   atomic.Bool
	// done ends with Close, ending the waits of Follow.
	done context.Context
	stop context.CancelFunc
}

// queries are the statements of one schema.
type queries struct {
	head, hashes, dupIDs, load, readLog, insertNext string
}

// errNilStore is returned by the methods of a nil *Store.
var errNilStore = fmt.Errorf("%w: the store is nil; open one with postgres.Open or postgres.New", events.ErrClosed)

// Open connects to the database at connString (a PostgreSQL URL or
// key=value string, as pgxpool.ParseConfig reads it), applies the
// migrations the schema lacks and returns a Store that owns the
// connection pool. ctx bounds the opening only.
func Open(ctx context.Context, connString string, opts Options) (*Store, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	pool, err := pgxpool.New(ctx, connString)
	if err != nil {
		return nil, fmt.Errorf("postgres: connecting: %w", err)
	}
	s, err := New(ctx, pool, opts)
	if err != nil {
		pool.Close()
		return nil, err
	}
	s.ownsPool = true
	return s, nil
}

// New returns a Store on a pool the caller owns and closes, after
// applying the migrations the schema lacks. A schema newer than this
// package knows is a *events.SchemaVersionError.
func New(ctx context.Context, pool *pgxpool.Pool, opts Options) (*Store, error) {
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	if pool == nil {
		var p validate.Problems
		p.Add("pool", grassroots.RuleRequired, "a connection pool is required")
		return nil, p.Err()
	}
	if opts.Schema == "" {
		opts.Schema = DefaultSchema
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = DefaultPollInterval
	}
	s := &Store{pool: pool, schema: opts.Schema, lockKey: LockKey(opts.Schema), poll: opts.PollInterval}
	s.done, s.stop = context.WithCancel(context.Background())
	s.table = pgx.Identifier{opts.Schema, "grassroots_events"}
	t := s.table.Sanitize()
	s.q = queries{
		head:    `SELECT sequence, hash FROM ` + t + ` WHERE subject = $1 ORDER BY sequence DESC LIMIT 1`,
		hashes:  `SELECT hash FROM ` + t + ` WHERE subject = $1 AND sequence BETWEEN $2 AND $3 ORDER BY sequence`,
		dupIDs:  `SELECT id, subject, sequence FROM ` + t + ` WHERE id = ANY($1)`,
		load:    `SELECT position, sequence, hash, envelope FROM ` + t + ` WHERE subject = $1 AND sequence > $2 ORDER BY sequence`,
		readLog: `SELECT position, subject, sequence, hash, envelope FROM ` + t + ` WHERE position > $1 ORDER BY position LIMIT $2`,
		// insertNext inserts the rows when the head of subject $1 has
		// sequence $2 (0: no event) and hash $3 ('' for none), and queues
		// the notification ($10, $11) when it inserted any. The rows, in
		// batch order, have sequences from $4 and the IDs $5 and hashes
		// $6; their envelopes lie end to end in $7, each at its start in
		// $8 with its length in $9.
		insertNext: `WITH head AS (
	SELECT sequence, hash FROM ` + t + ` WHERE subject = $1 ORDER BY sequence DESC LIMIT 1
), ins AS (
	INSERT INTO ` + t + ` (subject, sequence, id, hash, envelope)
	SELECT $1, $4::integer + r.n - 1, r.id, r.hash, substring($7::bytea FROM r.start FOR r.len)
	FROM unnest($5::text[], $6::text[], $8::integer[], $9::integer[]) WITH ORDINALITY AS r(id, hash, start, len, n)
	WHERE coalesce((SELECT sequence FROM head), 0) = $2 AND coalesce((SELECT hash FROM head), '') = $3
	ORDER BY r.n
	RETURNING 1
), c AS (
	SELECT count(*) AS n FROM ins
)
SELECT c.n FROM c LEFT JOIN LATERAL (SELECT pg_notify($10, $11) WHERE c.n > 0) notified ON true`,
	}
	if err := s.migrate(ctx); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

func checkOptions(opts Options) error {
	var p validate.Problems
	if len(opts.Schema) > 63 || strings.ContainsRune(opts.Schema, 0) {
		p.Addf("schema", grassroots.RuleFormat, "schema must be a PostgreSQL identifier of at most 63 bytes without NUL, got %q", opts.Schema)
	}
	if opts.PollInterval < 0 {
		p.Addf("poll_interval", grassroots.RuleMin, "poll interval must not be negative, got %s", opts.PollInterval)
	}
	return p.Err()
}

// LockKey returns the key of the transaction-scoped advisory lock
// (pg_advisory_xact_lock) that every append to the store in schema holds
// from before it draws positions until its commit is visible: the first
// eight bytes of the FNV-1a hash of "grassroots.events/" + schema, as a
// signed integer. A tool that writes the table outside this package must
// hold it too, or the global log may skip its rows.
func LockKey(schema string) int64 {
	h := fnv.New64a()
	h.Write([]byte("grassroots.events/" + schema))
	return int64(h.Sum64())
}

// migrate applies the pending migrations in one transaction that holds
// the store's lock, so concurrent Opens apply each migration once.
func (s *Store) migrate(ctx context.Context) (err error) {
	ms, err := migrations()
	if err != nil {
		return err
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return fmt.Errorf("postgres: migrating schema %q: %w", s.schema, err)
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	schema := pgx.Identifier{s.schema}.Sanitize()
	versions := pgx.Identifier{s.schema, "grassroots_schema"}.Sanitize()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, s.lockKey); err != nil {
		return fmt.Errorf("postgres: migrating schema %q: %w", s.schema, err)
	}
	// Create the schema only when absent: CREATE SCHEMA IF NOT EXISTS
	// needs the right to create schemas even when it exists.
	var exists bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, s.schema).Scan(&exists); err != nil {
		return fmt.Errorf("postgres: migrating schema %q: %w", s.schema, err)
	}
	steps := []string{`CREATE TABLE IF NOT EXISTS ` + versions + ` (version integer PRIMARY KEY, name text NOT NULL)`}
	if !exists {
		steps = append([]string{`CREATE SCHEMA ` + schema}, steps...)
	}
	for _, q := range steps {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("postgres: migrating schema %q: %w", s.schema, err)
		}
	}
	var current int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM `+versions).Scan(&current); err != nil {
		return fmt.Errorf("postgres: reading the schema version of %q: %w", s.schema, err)
	}
	if current > migrate.Latest(ms) {
		return &events.SchemaVersionError{Found: current, Supported: migrate.Latest(ms)}
	}
	pending := migrate.Pending(ms, current)
	if len(pending) == 0 {
		return tx.Commit(ctx)
	}
	if _, err := tx.Exec(ctx, `SET LOCAL search_path TO `+schema); err != nil {
		return fmt.Errorf("postgres: migrating schema %q: %w", s.schema, err)
	}
	for _, m := range pending {
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return fmt.Errorf("postgres: applying migration %s to schema %q: %w", m.Name, s.schema, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO `+versions+` (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
			return fmt.Errorf("postgres: recording migration %s in schema %q: %w", m.Name, s.schema, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: committing the migrations of schema %q: %w", s.schema, err)
	}
	return nil
}

// Schema returns the schema that holds the store's tables.
func (s *Store) Schema() string {
	if s == nil {
		return ""
	}
	return s.schema
}

// Close ends the store; calls after it return events.ErrClosed. It closes
// the pool when Open made it, and waits for the pool's connections to be
// released then.
func (s *Store) Close() error {
	if s == nil || s.closed.Swap(true) {
		return nil
	}
	s.stop()
	if s.ownsPool {
		s.pool.Close()
	}
	return nil
}

// fail returns err for the caller: the contract's typed errors as they
// are, the context's error when it ended, ErrClosed after Close, and the
// database's errors with what was being done.
func (s *Store) fail(ctx context.Context, err error, format string, args ...any) error {
	var (
		ce *events.ConflictError
		de *events.DuplicateIDError
		ch *grassroots.ChainError
		co *events.CorruptError
	)
	switch {
	case errors.As(err, &ce), errors.As(err, &de), errors.As(err, &ch), errors.As(err, &co):
		return err
	case s.closed.Load():
		return events.ErrClosed
	case ctx.Err() != nil:
		return fmt.Errorf("postgres: "+format+": %w", append(args, ctx.Err())...)
	}
	return fmt.Errorf("postgres: "+format+": %w", append(args, err)...)
}

// compile-time checks of the interfaces Store implements.
var (
	_ events.Store         = (*Store)(nil)
	_ events.Follower      = (*Store)(nil)
	_ events.MultiAppender = (*Store)(nil)
)
