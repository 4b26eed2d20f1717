package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	driver "modernc.org/sqlite"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/internal/migrate"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

var migrations = sync.OnceValues(func() ([]migrate.Migration, error) {
	return migrate.Read(migrationFiles, "migrations")
})

// Defaults of Options.
const (
	DefaultBusyTimeout  = 5 * time.Second
	DefaultPollInterval = 200 * time.Millisecond
	DefaultReaders      = 4
)

// Options tune a Store. The zero value gives the defaults.
type Options struct {
	// FullSync sets synchronous=FULL: every append waits until the
	// write-ahead log is on disk, so an acknowledged append survives power
	// loss and operating-system crashes too, at the cost of one fsync per
	// append. Without it (synchronous=NORMAL) an acknowledged append
	// survives the process being killed, but the last appends before a
	// power loss may be rolled back (see the package documentation).
	FullSync bool
	// BusyTimeout is how long a write waits for another process that holds
	// the database's write lock. Zero means DefaultBusyTimeout.
	BusyTimeout time.Duration
	// PollInterval is how often Follow looks for events appended by other
	// processes; appends through this Store wake it at once. Zero means
	// DefaultPollInterval.
	PollInterval time.Duration
	// Readers is the most connections that read at once (Load, ReadLog,
	// Follow). Zero means DefaultReaders.
	Readers int
}

// Store is an events.Store (and events.Follower) in one SQLite database
// file. It is safe for concurrent use; several processes may open the
// same file. Close it when done.
//
// A nil *Store holds no database: every method returns an error matching
// events.ErrClosed, but Close, which returns nil as it does on a closed
// store.
type Store struct {
	w, r   *sql.DB   // w has one connection: appends queue here, not on SQLite's lock
	insert *sql.Stmt // on w
	head   *sql.Stmt // on w
	hashes *sql.Stmt // on w
	load   *sql.Stmt // on r
	log    *sql.Stmt // on r
	poll   time.Duration
	closed atomic.Bool
	wake   signal
}

// errNilStore is returned by the methods of a nil *Store.
var errNilStore = fmt.Errorf("%w: the store is nil; open one with sqlite.Open", events.ErrClosed)

// Open opens the store in the database file at path, creating the file
// and its schema when absent and applying the migrations it lacks. A
// schema newer than this package knows is a *events.SchemaVersionError.
// ctx bounds the opening only.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if err := checkOptions(path, opts); err != nil {
		return nil, err
	}
	if opts.BusyTimeout == 0 {
		opts.BusyTimeout = DefaultBusyTimeout
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = DefaultPollInterval
	}
	if opts.Readers == 0 {
		opts.Readers = DefaultReaders
	}
	w, err := openDB(dsn(path, opts, true), 1)
	if err != nil {
		return nil, err
	}
	s := &Store{w: w, poll: opts.PollInterval}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if s.r, err = openDB(dsn(path, opts, false), opts.Readers); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func checkOptions(path string, opts Options) error {
	var p validate.Problems
	p.Require(path != "", "path", "path is required: the database file")
	if strings.HasPrefix(path, ":memory:") || strings.HasPrefix(path, "file:") {
		p.Addf("path", grassroots.RuleFormat, "path must be a file name, not %q: the store needs a file for its write-ahead log", path)
	}
	if opts.BusyTimeout < 0 {
		p.Addf("busy_timeout", grassroots.RuleMin, "busy timeout must not be negative, got %s", opts.BusyTimeout)
	}
	if opts.PollInterval < 0 {
		p.Addf("poll_interval", grassroots.RuleMin, "poll interval must not be negative, got %s", opts.PollInterval)
	}
	if opts.Readers < 0 {
		p.Addf("readers", grassroots.RuleMin, "readers must not be negative, got %d", opts.Readers)
	}
	return p.Err()
}

// Page cache sizes, in KiB, of the writer's connection and of each
// reader's. The writer's holds the ID and subject indexes, which every
// insert walks at a random place.
const (
	writerCacheKiB = 64 << 10
	readerCacheKiB = 16 << 10
)

// checkpointPages is how many pages the write-ahead log may hold before a
// commit copies them into the database file (SQLite's default is 1,000).
// Every insert dirties a page of the ID index at a random place, so a
// small log is checkpointed every few appends, copying the same index
// pages again each time; 16,384 pages (64 MiB) made appends of 100
// events 1.5 to 1.7 times faster on the machine of BENCHMARKS.md. The log
// is truncated back to that size after a checkpoint.
const checkpointPages = 16384

// dsn returns the driver's name for the database at path: the file as an
// SQLite URI and the pragmas of a writer or a reader connection.
func dsn(path string, opts Options, writer bool) string {
	mode := "NORMAL"
	if opts.FullSync {
		mode = "FULL"
	}
	d := "file:" + escapePath(path) +
		"?_pragma=busy_timeout(" + strconv.FormatInt(opts.BusyTimeout.Milliseconds(), 10) + ")" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(" + mode + ")"
	if writer {
		return d + "&_pragma=cache_size(-" + strconv.Itoa(writerCacheKiB) + ")" +
			"&_pragma=wal_autocheckpoint(" + strconv.Itoa(checkpointPages) + ")" +
			"&_pragma=journal_size_limit(" + strconv.Itoa(checkpointPages*4096) + ")&_txlock=immediate"
	}
	return d + "&_pragma=cache_size(-" + strconv.Itoa(readerCacheKiB) + ")&_pragma=query_only(1)"
}

// escapePath writes path as the path of an SQLite URI filename.
func escapePath(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '?', '#', '%':
			fmt.Fprintf(&b, "%%%02X", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func openDB(dsn string, conns int) (*sql.DB, error) {
	c, err := driver.NewConnector(dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: opening the database: %w", err)
	}
	db := sql.OpenDB(c)
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(0)
	return db, nil
}

// migrate applies the pending migrations in one immediate transaction,
// so two processes opening a new file do not both apply them.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: opening the database: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS grassroots_schema (
		version INTEGER PRIMARY KEY,
		name    TEXT NOT NULL
	) STRICT`); err != nil {
		return fmt.Errorf("sqlite: creating the schema version table: %w", err)
	}
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM grassroots_schema`).Scan(&current); err != nil {
		return fmt.Errorf("sqlite: reading the schema version: %w", err)
	}
	if current > migrate.Latest(ms) {
		return &events.SchemaVersionError{Found: current, Supported: migrate.Latest(ms)}
	}
	for _, m := range migrate.Pending(ms, current) {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("sqlite: applying migration %s: %w", m.Name, err)
		}
		if up := upgrades[m.Version]; up != nil {
			if err := up(ctx, tx); err != nil {
				return fmt.Errorf("sqlite: applying migration %s: %w", m.Name, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO grassroots_schema (version, name) VALUES (?, ?)`, m.Version, m.Name); err != nil {
			return fmt.Errorf("sqlite: recording migration %s: %w", m.Name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: committing the migrations: %w", err)
	}
	return nil
}

// prepare prepares the statements a Store runs, once.
func (s *Store) prepare(ctx context.Context) error {
	for _, st := range []struct {
		db   *sql.DB
		dst  **sql.Stmt
		text string
	}{
		{s.w, &s.insert, insertRow},
		{s.w, &s.head, `SELECT sequence, hash FROM grassroots_events WHERE subject = ? ORDER BY sequence DESC LIMIT 1`},
		{s.w, &s.hashes, `SELECT hash FROM grassroots_events WHERE subject = ? AND sequence BETWEEN ? AND ? ORDER BY sequence`},
		{s.r, &s.load, `SELECT position, ` + rowColumns + ` FROM grassroots_events
			WHERE subject = ? AND sequence > ? ORDER BY sequence`},
		{s.r, &s.log, `SELECT position, subject, ` + rowColumns + ` FROM grassroots_events
			WHERE position > ? ORDER BY position LIMIT ?`},
	} {
		prepared, err := st.db.PrepareContext(ctx, st.text)
		if err != nil {
			return fmt.Errorf("sqlite: preparing %q: %w", st.text, err)
		}
		*st.dst = prepared
	}
	return nil
}

// Close closes the database. Calls after Close return events.ErrClosed.
func (s *Store) Close() error {
	if s == nil || s.closed.Swap(true) {
		return nil
	}
	s.wake.broadcast()
	var errs []error
	for _, st := range []*sql.Stmt{s.insert, s.head, s.hashes, s.load, s.log} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	errs = append(errs, s.w.Close())
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: closing: %w", err)
	}
	return nil
}

// signal wakes every goroutine waiting for an append.
type signal struct {
	mu sync.Mutex
	ch chan struct{}
}

// wait returns a channel that is closed at the next broadcast.
func (s *signal) wait() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

func (s *signal) broadcast() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
}

// compile-time checks of the interfaces Store implements.
var (
	_ events.Store    = (*Store)(nil)
	_ events.Follower = (*Store)(nil)
)
