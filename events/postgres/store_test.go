package postgres_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/postgres"
	"github.com/grassrootsgov/grassroots/events/storetest"
)

// URLEnv names the environment variable that holds the URL of the
// PostgreSQL database the tests use; .ci/run starts a server and sets it.
const URLEnv = "GRASSROOTS_TEST_POSTGRES_URL"

// testPool returns a pool on the test database, or skips the test.
func testPool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	url := os.Getenv(URLEnv)
	if url == "" {
		t.Skipf("set %s to the URL of a PostgreSQL database to run this test (.ci/run starts one)", URLEnv)
	}
	pool, err := pgxpool.New(context.Background(), url)
	require.NoError(t, err, "connecting to %s", URLEnv)
	t.Cleanup(pool.Close)
	return pool
}

var schemaCount atomic.Int64

// freshSchema returns the name of a schema no test uses yet and drops it
// when the test ends.
func freshSchema(t testing.TB, pool *pgxpool.Pool) string {
	t.Helper()
	name := fmt.Sprintf("grassroots_test_%d_%d", os.Getpid(), schemaCount.Add(1))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_, err := pool.Exec(ctx, `DROP SCHEMA IF EXISTS `+pgx.Identifier{name}.Sanitize()+` CASCADE`)
		if err != nil {
			t.Errorf("dropping schema %s: %v", name, err)
		}
	})
	return name
}

func openStore(t testing.TB, pool *pgxpool.Pool, opts postgres.Options) *postgres.Store {
	t.Helper()
	if opts.Schema == "" {
		opts.Schema = freshSchema(t, pool)
	}
	s, err := postgres.New(context.Background(), pool, opts)
	require.NoError(t, err, "opening a store in schema %s", opts.Schema)
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	pool := testPool(t)
	storetest.Run(t, func(t *testing.T) events.Store {
		return openStore(t, pool, postgres.Options{PollInterval: time.Second})
	})
}

func sealedChain(t testing.TB, subject, writer string, prev *grassroots.Event, n int) []grassroots.Event {
	t.Helper()
	var next int64 = 1
	if prev != nil {
		next = prev.Sequence + 1
	}
	raw := make([]grassroots.Event, n)
	for i := range raw {
		seq := next + int64(i)
		raw[i] = grassroots.Event{
			ID:          grassroots.EventID(subject, fmt.Sprintf("%s-%d", writer, seq), 0, time.Time{}),
			Source:      "/test/" + writer,
			SpecVersion: grassroots.SpecVersion,
			Type:        grassroots.EventType("test", "happened"),
			Subject:     subject,
			Data:        json.RawMessage(fmt.Sprintf(`{"seq":%d}`, seq)),
		}
	}
	evs, err := grassroots.SealAll(prev, raw)
	require.NoError(t, err, "sealing %d events of %s", n, subject)
	return evs
}

func TestOptions(t *testing.T) {
	ctx := t.Context()
	_, err := postgres.New(ctx, nil, postgres.Options{})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "New without a pool")
	_, err = postgres.Open(ctx, "postgres://127.0.0.1:1/x", postgres.Options{Schema: strings.Repeat("s", 64)})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "a schema name over 63 bytes")
	_, err = postgres.Open(ctx, "postgres://127.0.0.1:1/x", postgres.Options{PollInterval: -time.Second})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "a negative poll interval")
	assert.NotEqual(t, postgres.LockKey("a"), postgres.LockKey("b"), "schemas lock apart")
}

// A nil *Store answers every method with ErrClosed, naming the nil
// store, without a database; closing it is a no-op.
func TestNilStore(t *testing.T) {
	ctx := t.Context()
	var s *postgres.Store
	errs := map[string]error{
		"Append":     s.Append(ctx, "s", 0, sealedChain(t, "s", "w", nil, 1)),
		"AppendMany": s.AppendMany(ctx, []events.Batch{{Subject: "s", Events: sealedChain(t, "s", "w", nil, 1)}}),
	}
	_, errs["Load"] = s.Load(ctx, "s", 0)
	_, errs["ReadLog"] = s.ReadLog(ctx, 0, 1)
	_, errs["Follow"] = s.Follow(ctx, 0, 1)
	for name, err := range errs {
		assert.ErrorIs(t, err, events.ErrClosed, name)
		assert.ErrorContains(t, err, "store is nil", name)
	}
	assert.Empty(t, s.Schema(), "Schema")
	assert.NoError(t, s.Close(), "Close")
}

func TestOpenOwnsPool(t *testing.T) {
	pool := testPool(t)
	schema := freshSchema(t, pool)
	ctx := t.Context()
	s, err := postgres.Open(ctx, os.Getenv(URLEnv), postgres.Options{Schema: schema})
	require.NoError(t, err, "opening with a URL")
	assert.Equal(t, schema, s.Schema(), "the store's schema")
	require.NoError(t, s.Append(ctx, "s", 0, sealedChain(t, "s", "w", nil, 2)), "appending")
	require.NoError(t, s.Close(), "closing")
	assert.NoError(t, s.Close(), "closing twice")
	assert.ErrorIs(t, s.Append(ctx, "s", 2, sealedChain(t, "s", "w", nil, 1)), events.ErrClosed, "Append after Close")
	_, err = s.Load(ctx, "s", 0)
	assert.ErrorIs(t, err, events.ErrClosed, "Load after Close")
	_, err = s.ReadLog(ctx, 0, 1)
	assert.ErrorIs(t, err, events.ErrClosed, "ReadLog after Close")
	_, err = s.Follow(ctx, 0, 1)
	assert.ErrorIs(t, err, events.ErrClosed, "Follow after Close")

	again := openStore(t, pool, postgres.Options{Schema: schema})
	got, err := again.Load(ctx, "s", 0)
	require.NoError(t, err, "loading through another store on the schema")
	assert.Len(t, got, 2, "events outlive the store that appended them")
}

func TestMigrations(t *testing.T) {
	pool := testPool(t)
	schema := freshSchema(t, pool)
	ctx := t.Context()

	// Stores opening a new schema at once apply each migration once.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			s, err := postgres.New(ctx, pool, postgres.Options{Schema: schema})
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "concurrent open %d", i)
	}
	versions := pgx.Identifier{schema, "grassroots_schema"}.Sanitize()
	var count, latest int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*), max(version) FROM `+versions).Scan(&count, &latest), "reading the versions")
	assert.Equal(t, 1, count, "each migration recorded once")
	assert.Equal(t, 1, latest, "the schema version")

	_, err := pool.Exec(ctx, `INSERT INTO `+versions+` (version, name) VALUES (42, '0042_future.sql')`)
	require.NoError(t, err, "recording a future version")
	_, err = postgres.New(ctx, pool, postgres.Options{Schema: schema})
	var ve *events.SchemaVersionError
	require.ErrorAs(t, err, &ve, "opening a schema migrated by a newer program")
	assert.Equal(t, 42, ve.Found, "the version found")
	assert.Equal(t, 1, ve.Supported, "the newest version known")
}

func TestCloseEndsFollow(t *testing.T) {
	pool := testPool(t)
	s := openStore(t, pool, postgres.Options{PollInterval: time.Hour})
	done := make(chan error, 1)
	go func() {
		_, err := s.Follow(t.Context(), 0, 1)
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	require.NoError(t, s.Close(), "closing")
	select {
	case err := <-done:
		assert.ErrorIs(t, err, events.ErrClosed, "a waiting Follow ends with Close")
	case <-time.After(time.Minute):
		t.Fatal("Follow still waits after Close")
	}
	// The follower's connection went back to the pool without listening.
	conns := pool.AcquireAllIdle(t.Context())
	require.NotEmpty(t, conns, "the pool holds idle connections")
	for i, c := range conns {
		var channels int
		require.NoError(t, c.QueryRow(t.Context(), `SELECT count(*) FROM pg_listening_channels()`).Scan(&channels), "listening channels")
		assert.Zero(t, channels, "pooled connection %d listens on nothing", i)
		c.Release()
	}
}

func TestTamperedRows(t *testing.T) {
	pool := testPool(t)
	s := openStore(t, pool, postgres.Options{})
	ctx := t.Context()
	require.NoError(t, s.Append(ctx, "s", 0, sealedChain(t, "s", "w", nil, 3)), "appending")
	table := pgx.Identifier{s.Schema(), "grassroots_events"}.Sanitize()

	_, err := pool.Exec(ctx, `UPDATE `+table+` SET envelope = substring(envelope from 2) WHERE sequence = 2`)
	require.NoError(t, err, "cutting an envelope")
	_, err = s.Load(ctx, "s", 0)
	assert.ErrorIs(t, err, events.ErrCorrupt, "Load of an envelope that does not parse")
	_, err = s.ReadLog(ctx, 0, 10)
	assert.ErrorIs(t, err, events.ErrCorrupt, "ReadLog of an envelope that does not parse")
}

// TestFollowAcrossPools follows the log through one pool while another,
// as another process would, appends: the notification crosses.
func TestFollowAcrossPools(t *testing.T) {
	poolA, poolB := testPool(t), testPool(t)
	a := openStore(t, poolA, postgres.Options{PollInterval: time.Hour})
	b := openStore(t, poolB, postgres.Options{Schema: a.Schema(), PollInterval: time.Hour})
	other := openStore(t, poolB, postgres.Options{PollInterval: time.Hour})
	ctx := t.Context()
	done := make(chan []events.Record, 1)
	go func() {
		recs, err := a.Follow(ctx, 0, 10)
		assert.NoError(t, err, "following through pool a")
		done <- recs
	}()
	time.Sleep(50 * time.Millisecond)
	// An append to another schema notifies too, but is not this log's.
	require.NoError(t, other.Append(ctx, "x", 0, sealedChain(t, "x", "w", nil, 1)), "appending to another schema")
	evs := sealedChain(t, "s", "w", nil, 2)
	require.NoError(t, b.Append(ctx, "s", 0, evs), "appending through pool b")
	select {
	case recs := <-done:
		require.Len(t, recs, 2, "the follower sees the other pool's append")
		assert.Equal(t, evs[1].Hash, recs[1].Event.Hash, "the events followed")
	case <-time.After(time.Minute):
		t.Fatal("the follower never saw the other pool's append")
	}
}

// TestManyWritersManyPools races writers of several pools (as several
// processes would) on a few subjects, retrying on conflicts, while a
// reader tails the log: exactly one writer wins each race, no event is
// lost or doubled, every chain verifies, and the reader skips nothing.
func TestManyWritersManyPools(t *testing.T) {
	const pools, writersPerPool, subjects, each = 3, 6, 4, 12
	ctx := t.Context()
	first := testPool(t)
	schema := freshSchema(t, first)
	stores := []*postgres.Store{openStore(t, first, postgres.Options{Schema: schema})}
	for range pools - 1 {
		stores = append(stores, openStore(t, testPool(t), postgres.Options{Schema: schema}))
	}

	var wins, conflicts atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, pools*writersPerPool)
	for p, s := range stores {
		for w := range writersPerPool {
			writer := fmt.Sprintf("p%d-w%d", p, w)
			wg.Go(func() {
				heads := make([]*grassroots.Event, subjects)
				for i := range each {
					k := (w + i) % subjects
					subject := fmt.Sprintf("s%d", k)
					for attempt := 0; ; attempt++ {
						if attempt == 1000 {
							errs <- fmt.Errorf("%s: no append to %s in 1000 attempts", writer, subject)
							return
						}
						var expected int64
						if heads[k] != nil {
							expected = heads[k].Sequence
						}
						batch := sealedChain(t, subject, writer, heads[k], 1+i%3)
						err := s.Append(ctx, subject, expected, batch)
						if err == nil {
							wins.Add(1)
							heads[k] = &batch[len(batch)-1]
							break
						}
						if !errors.Is(err, events.ErrConflict) {
							errs <- fmt.Errorf("%s: %w", writer, err)
							return
						}
						conflicts.Add(1)
						newer, err := s.Load(ctx, subject, expected)
						if err != nil {
							errs <- err
							return
						}
						heads[k] = &newer[len(newer)-1]
					}
				}
			})
		}
	}
	stop := make(chan struct{})
	var seen []events.Record
	var rg sync.WaitGroup
	rg.Go(func() {
		var after int64
		for {
			recs, err := stores[0].ReadLog(ctx, after, 5)
			if err != nil {
				errs <- err
				return
			}
			seen = append(seen, recs...)
			if len(recs) > 0 {
				after = recs[len(recs)-1].Position
				continue
			}
			select {
			case <-stop:
				return
			default:
			}
		}
	})
	wg.Wait()
	close(stop)
	rg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err, "a writer or the reader")
	}
	t.Logf("%d appends won, %d conflicts", wins.Load(), conflicts.Load())
	assert.Equal(t, int64(pools*writersPerPool*each), wins.Load(), "every writer appended all its batches")

	total := 0
	for k := range subjects {
		subject := fmt.Sprintf("s%d", k)
		chain, err := events.LoadVerified(ctx, stores[k%pools], subject, nil)
		require.NoError(t, err, "the chain of %s verifies", subject)
		total += len(chain)
	}
	all, err := stores[1].ReadLog(ctx, 0, total+1)
	require.NoError(t, err, "reading the whole log")
	require.Len(t, all, total, "the log holds every chain's events once")
	var after int64
	if len(seen) > 0 {
		after = seen[len(seen)-1].Position
	}
	rest, err := stores[0].ReadLog(ctx, after, total+1)
	require.NoError(t, err, "draining the log")
	seen = append(seen, rest...)
	require.Len(t, seen, len(all), "the tailing reader saw every event once")
	for i := range all {
		assert.Equal(t, all[i].Position, seen[i].Position, "record %d as the reader saw it", i)
	}
}
