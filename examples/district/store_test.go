package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/grassrootsgov/grassroots"
)

// storedSmall is the small district run with -store into an SQLite file,
// shared by the tests that replay it; each test that alters the store
// works on a copy.
var storedSmall = sync.OnceValues(func() (*smallOutputs, error) {
	dir, err := os.MkdirTemp("", "district-store")
	if err != nil {
		return nil, err
	}
	db := filepath.Join(dir, "year.db")
	o := options{seed: 20250101, scale: "small", out: filepath.Join(dir, "report.html"), quiet: true, keepStates: true,
		store: storeSpec{kind: "sqlite", target: db}}
	var stdout bytes.Buffer
	res, err := execute(o, &stdout, io.Discard)
	if err != nil {
		return nil, err
	}
	return &smallOutputs{opts: o, stdout: stdout.String(), res: res}, nil
})

func stored(t *testing.T) *smallOutputs {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the small district into a store")
	}
	s, err := storedSmall()
	require.NoError(t, err, "the small district run with -store sqlite")
	return s
}

// checkReplayEqualsRun replays the store at spec and checks every state
// and statistic against the run s.
func checkReplayEqualsRun(t *testing.T, s *smallOutputs, spec storeSpec) {
	t.Helper()
	res, err := replayYear(options{replay: spec, quiet: true, keepStates: true}, io.Discard)
	require.NoError(t, err, "replaying %s", spec)
	assert.Empty(t, res.differs, "the replay of %s against its record", spec)
	assert.Equal(t, s.res.report.Events, res.events, "events replayed")

	want, err := yearFigures(s.res.fold)
	require.NoError(t, err)
	got, err := yearFigures(res.fold)
	require.NoError(t, err)
	assert.Equal(t, want, got, "every section of the year's statistics, replayed and run")

	var r report
	require.NoError(t, fillIncidentFigures(&r, &world{fold: res.fold, h: s.res.fold.w.h, tree: s.res.fold.w.tree, catalog: s.res.fold.w.catalog}))
	assert.Equal(t, s.res.report.Totals.Stats, r.Totals.Stats, "the report's district totals")
	assert.Equal(t, len(s.res.report.Map), len(r.Map), "the report's map")

	require.Len(t, res.states, len(s.res.states), "one state per matter")
	for i, want := range s.res.states {
		got := res.states[i]
		// The store holds contacts masked, as every sealed event does.
		require.Equal(t, want.Contact.String(), got.Contact.String(), "masked contact of %s", want.ID)
		want.Contact = got.Contact
		if !assert.True(t, got.Equal(&want), "replayed state of %s", want.ID) {
			break
		}
	}

	var out bytes.Buffer
	require.NoError(t, replay(options{replay: spec, quiet: true}, &out, io.Discard), "the -replay command")
	assert.Contains(t, out.String(), "equal to the run", "what -replay prints")
}

func TestStoreReplayEqualsRun(t *testing.T) {
	s := stored(t)
	checkReplayEqualsRun(t, s, s.opts.store)

	// The run's report is the one it makes without a store.
	golden, err := os.ReadFile(filepath.Join("testdata", "small.golden"))
	require.NoError(t, err)
	var buf bytes.Buffer
	s.res.report.writeText(&buf)
	assert.Equal(t, string(golden), buf.String(), "text report of the run with -store")
}

func TestStoreNeedsAnEmptyStore(t *testing.T) {
	s := stored(t)
	o := s.opts
	o.out = filepath.Join(t.TempDir(), "again.html")
	_, err := execute(o, io.Discard, io.Discard)
	var ue *usageError
	require.True(t, errors.As(err, &ue), "a second run into the same store: want a usage error, got %v", err)
	assert.Contains(t, err.Error(), "already holds events")
}

// copyStore copies the stored year's database, with its write-ahead log,
// into a directory of the test's.
func copyStore(t *testing.T, s *smallOutputs) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "year.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(s.opts.store.target + suffix)
		if suffix != "" && errors.Is(err, os.ErrNotExist) {
			continue
		}
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(dst+suffix, b, 0o644))
	}
	return dst
}

// alter runs one SQL statement on the database file behind the store's
// back.
func alter(t *testing.T, path, stmt string, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	defer db.Close()
	r, err := db.ExecContext(context.Background(), stmt, args...)
	require.NoError(t, err, stmt)
	n, err := r.RowsAffected()
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "rows changed by %s", stmt)
}

func TestReplayRefusesAnAlteredEvent(t *testing.T) {
	s := stored(t)
	path := copyStore(t, s)
	alter(t, path, `UPDATE grassroots_events SET data = json_set(data, '$.actor.id', 'someone-else') WHERE position = 1000`)
	_, err := replayYear(options{replay: storeSpec{kind: "sqlite", target: path}, quiet: true}, io.Discard)
	var ref *chainRefusedError
	require.True(t, errors.As(err, &ref), "replay of a store with an altered event: want a refusal, got %v", err)
	assert.EqualValues(t, 1000, ref.Position, "the refused event's position")
	var ce *grassroots.ChainError
	require.True(t, errors.As(err, &ce), "the refusal is the chain's: %v", err)
	assert.Equal(t, grassroots.ChainContentChanged, ce.Reason, "the reason: %v", err)
	assert.Error(t, replay(options{replay: storeSpec{kind: "sqlite", target: path}, quiet: true}, io.Discard, io.Discard), "-replay fails")
}

func TestReplayFindsAChainCutShort(t *testing.T) {
	s := stored(t)
	path := copyStore(t, s)
	// The last event of the first chain that has more than one: the chain
	// left is intact, only the record knows it is short.
	alter(t, path, `DELETE FROM grassroots_events WHERE position = (
		SELECT max(position) FROM grassroots_events WHERE subject = (
			SELECT subject FROM grassroots_events WHERE sequence = 2 ORDER BY position LIMIT 1))`)
	_, err := replayYear(options{replay: storeSpec{kind: "sqlite", target: path}, quiet: true}, io.Discard)
	var cut *chainCutError
	require.True(t, errors.As(err, &cut), "replay of a store with a chain cut short: want a chainCutError, got %v", err)
}

func TestReplayOfAStoreWithoutARecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	err := replay(options{replay: storeSpec{kind: "sqlite", target: path}, quiet: true}, io.Discard, io.Discard)
	require.Error(t, err, "replaying an empty store")
	assert.Contains(t, err.Error(), "no year's record")
}

func TestStorePostgres(t *testing.T) {
	url := os.Getenv("GRASSROOTS_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("set GRASSROOTS_TEST_POSTGRES_URL to a PostgreSQL database to run this test")
	}
	if testing.Short() {
		t.Skip("runs the small district into PostgreSQL")
	}
	if !strings.HasPrefix(url, "postgres") {
		url = "postgres:" + url // libpq key=value settings, as .ci/run sets them
	}
	spec, err := parseStoreSpec("-store", url)
	require.NoError(t, err, "the test URL")
	// A schema of the test's own, emptied first: the database is shared
	// with the store packages' tests.
	spec.schema = "district_store_test"
	conn, err := pgx.Connect(context.Background(), spec.target)
	require.NoError(t, err, "connecting to the test database")
	defer conn.Close(context.Background())
	_, err = conn.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+spec.schema+" CASCADE")
	require.NoError(t, err, "emptying the test's schema")
	dir := t.TempDir()
	o := options{seed: 20250101, scale: "small", out: filepath.Join(dir, "report.html"), quiet: true, keepStates: true, store: spec}
	res, err := execute(o, io.Discard, io.Discard)
	require.NoError(t, err, "the small district run with -store postgres")
	checkReplayEqualsRun(t, &smallOutputs{opts: o, res: res}, spec)
}

func TestStoreFlags(t *testing.T) {
	bad := []struct {
		name, want string
		args       []string
	}{
		{"unknown scheme", "-store must be sqlite:FILE", []string{"-store", "mysql://db"}},
		{"a bare file name", "-store must be sqlite:FILE", []string{"-store", "year.db"}},
		{"sqlite without a file", "needs a file name", []string{"-store", "sqlite:"}},
		{"postgres without settings", "needs a URL", []string{"-store", "postgres:"}},
		{"unknown replay scheme", "-replay must be sqlite:FILE", []string{"-replay", "file:year.db"}},
		{"replay and store", "takes no -store", []string{"-replay", "sqlite:a.db", "-store", "sqlite:b.db"}},
		{"replay and events", "takes no -store or -events", []string{"-replay", "sqlite:a.db", "-events", "e.jsonl"}},
	}
	for _, c := range bad {
		_, err := parseFlags(c.args, io.Discard)
		if assert.Error(t, err, c.name) {
			assert.Contains(t, err.Error(), c.want, c.name)
		}
	}
	good := []struct {
		args []string
		want storeSpec
	}{
		{[]string{"-store", "sqlite:/tmp/year.db"}, storeSpec{kind: "sqlite", target: "/tmp/year.db"}},
		{[]string{"-store", "postgres://u@localhost/district"}, storeSpec{kind: "postgres", target: "postgres://u@localhost/district"}},
		{[]string{"-store", "postgresql://u@localhost/district"}, storeSpec{kind: "postgres", target: "postgresql://u@localhost/district"}},
		{[]string{"-store", "postgres:host=/run/pg dbname=district"}, storeSpec{kind: "postgres", target: "host=/run/pg dbname=district"}},
	}
	for _, c := range good {
		o, err := parseFlags(c.args, io.Discard)
		require.NoError(t, err, strings.Join(c.args, " "))
		assert.Equal(t, c.want, o.store, strings.Join(c.args, " "))
	}
	o, err := parseFlags([]string{"-replay", "sqlite:year.db"}, io.Discard)
	require.NoError(t, err, "-replay sqlite:year.db")
	assert.Equal(t, storeSpec{kind: "sqlite", target: "year.db"}, o.replay, "-replay sqlite:year.db")
}
