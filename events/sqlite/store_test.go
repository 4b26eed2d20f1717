package sqlite_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/sqlite"
	"github.com/grassrootsgov/grassroots/events/storetest"
)

func openTemp(t *testing.T, opts sqlite.Options) *sqlite.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.db")
	s, err := sqlite.Open(t.Context(), path, opts)
	require.NoError(t, err, "opening %s", path)
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) events.Store { return openTemp(t, sqlite.Options{}) })
}

func TestConformanceFullSync(t *testing.T) {
	if testing.Short() {
		t.Skip("the suite in synchronous=FULL mode runs without -short")
	}
	storetest.Run(t, func(t *testing.T) events.Store { return openTemp(t, sqlite.Options{FullSync: true}) })
}

func sealedChain(t *testing.T, subject string, n int) []grassroots.Event {
	t.Helper()
	raw := make([]grassroots.Event, n)
	for i := range raw {
		raw[i] = grassroots.Event{
			ID:          grassroots.EventID(subject, "c", i, time.Time{}),
			Source:      "/test",
			SpecVersion: grassroots.SpecVersion,
			Type:        grassroots.EventType("test", "happened"),
			Subject:     subject,
			Data:        json.RawMessage(fmt.Sprintf(`{"i":%d}`, i)),
		}
	}
	evs, err := grassroots.SealAll(nil, raw)
	require.NoError(t, err, "sealing %d events of %s", n, subject)
	return evs
}

func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	require.NoError(t, err, "opening %s without the store", path)
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpenOptions(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		path string
		opts sqlite.Options
	}{
		{"empty path", "", sqlite.Options{}},
		{"in-memory database", ":memory:", sqlite.Options{}},
		{"URI", "file:x.db", sqlite.Options{}},
		{"negative busy timeout", filepath.Join(dir, "a.db"), sqlite.Options{BusyTimeout: -time.Second}},
		{"negative poll interval", filepath.Join(dir, "b.db"), sqlite.Options{PollInterval: -time.Second}},
		{"negative readers", filepath.Join(dir, "c.db"), sqlite.Options{Readers: -1}},
	} {
		_, err := sqlite.Open(ctx, c.path, c.opts)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "Open with %s", c.name)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err, "listing %s", dir)
	assert.Empty(t, entries, "refused options create no file")
}

func TestOpenPathWithURICharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a?b#c%20d.db")
	s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
	require.NoError(t, err, "opening %s", path)
	require.NoError(t, s.Append(t.Context(), "s", 0, sealedChain(t, "s", 1)), "appending to %s", path)
	require.NoError(t, s.Close(), "closing %s", path)
	_, err = os.Stat(path)
	assert.NoError(t, err, "the file is created under its exact name %q", path)
}

func TestMigrations(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := sqlite.Open(ctx, path, sqlite.Options{})
	require.NoError(t, err, "creating %s", path)
	require.NoError(t, s.Append(ctx, "s", 0, sealedChain(t, "s", 3)), "appending")
	require.NoError(t, s.Close(), "closing")

	s, err = sqlite.Open(ctx, path, sqlite.Options{})
	require.NoError(t, err, "reopening %s", path)
	got, err := s.Load(ctx, "s", 0)
	require.NoError(t, err, "loading after reopening")
	assert.Len(t, got, 3, "events survive reopening")
	require.NoError(t, s.Close(), "closing")

	db := openRaw(t, path)
	var versions, latest int
	require.NoError(t, db.QueryRowContext(ctx, `SELECT count(*), max(version) FROM grassroots_schema`).Scan(&versions, &latest), "reading the versions")
	assert.Equal(t, 2, versions, "each migration is recorded once, however often the file is opened")
	assert.Equal(t, 2, latest, "the schema version")
	var mode string
	require.NoError(t, db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode), "reading the journal mode")
	assert.Equal(t, "wal", mode, "the database is in WAL mode")

	_, err = db.ExecContext(ctx, `INSERT INTO grassroots_schema (version, name) VALUES (99, '0099_future.sql')`)
	require.NoError(t, err, "recording a future version")
	_, err = sqlite.Open(ctx, path, sqlite.Options{})
	var ve *events.SchemaVersionError
	require.ErrorAs(t, err, &ve, "opening a database migrated by a newer program")
	assert.ErrorIs(t, err, events.ErrSchemaVersion, "the schema error matches its sentinel")
	assert.Equal(t, 99, ve.Found, "the version found")
	assert.Equal(t, 2, ve.Supported, "the newest version known")
}

func TestClosed(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t, sqlite.Options{})
	require.NoError(t, s.Close(), "closing")
	assert.NoError(t, s.Close(), "closing twice")
	assert.ErrorIs(t, s.Append(ctx, "s", 0, sealedChain(t, "s", 1)), events.ErrClosed, "Append after Close")
	_, err := s.Load(ctx, "s", 0)
	assert.ErrorIs(t, err, events.ErrClosed, "Load after Close")
	_, err = s.ReadLog(ctx, 0, 1)
	assert.ErrorIs(t, err, events.ErrClosed, "ReadLog after Close")
	_, err = s.Follow(ctx, 0, 1)
	assert.ErrorIs(t, err, events.ErrClosed, "Follow after Close")
}

// A nil *Store answers every method with ErrClosed, naming the nil
// store, and closing it is a no-op.
func TestNilStore(t *testing.T) {
	ctx := t.Context()
	var s *sqlite.Store
	errs := map[string]error{
		"Append":     s.Append(ctx, "s", 0, sealedChain(t, "s", 1)),
		"AppendMany": s.AppendMany(ctx, []events.Batch{{Subject: "s", Events: sealedChain(t, "s", 1)}}),
	}
	_, errs["Load"] = s.Load(ctx, "s", 0)
	_, errs["ReadLog"] = s.ReadLog(ctx, 0, 1)
	_, errs["Follow"] = s.Follow(ctx, 0, 1)
	for name, err := range errs {
		assert.ErrorIs(t, err, events.ErrClosed, name)
		assert.ErrorContains(t, err, "store is nil", name)
	}
	assert.NoError(t, s.Close(), "Close")
}

func TestCloseWakesFollowers(t *testing.T) {
	s := openTemp(t, sqlite.Options{PollInterval: time.Hour})
	done := make(chan error, 1)
	go func() {
		_, err := s.Follow(t.Context(), 0, 1)
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	require.NoError(t, s.Close(), "closing")
	select {
	case err := <-done:
		assert.ErrorIs(t, err, events.ErrClosed, "a waiting Follow ends with Close")
	case <-time.After(time.Minute):
		t.Fatal("Follow still waits after Close")
	}
}

// TestTamperedDatabase changes rows behind the store's back. A column
// that holds no valid value of its attribute is a CorruptError on every
// read; a column changed to another valid value is returned by Load, as
// stored, and refused by LoadVerified, which recomputes the chain.
func TestTamperedDatabase(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "t.db")
	s, err := sqlite.Open(ctx, path, sqlite.Options{})
	require.NoError(t, err, "opening %s", path)
	defer s.Close()
	evs := sealedChain(t, "s", 3)
	evs[1].Extensions = map[string]any{"region": "330302"}
	evs, err = grassroots.SealAll(nil, evs)
	require.NoError(t, err, "resealing with an extension")
	require.NoError(t, s.Append(ctx, "s", 0, evs), "appending")
	db := openRaw(t, path)
	_, err = db.ExecContext(ctx, `CREATE TABLE saved AS SELECT * FROM grassroots_events`)
	require.NoError(t, err, "saving the rows")
	restore := func() {
		_, err := db.ExecContext(ctx, `DELETE FROM grassroots_events; INSERT INTO grassroots_events SELECT * FROM saved`)
		require.NoError(t, err, "restoring the rows")
	}

	for _, c := range []struct {
		name, update string
	}{
		{"time that is no timestamp", `UPDATE grassroots_events SET time = 'yesterday' WHERE sequence = 2`},
		{"extensions that are no JSON object", `UPDATE grassroots_events SET extensions = '{"region":' WHERE sequence = 2`},
		{"extension of another type", `UPDATE grassroots_events SET extensions = '{"region":[1]}' WHERE sequence = 2`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := db.ExecContext(ctx, c.update)
			require.NoError(t, err, "tampering: %s", c.name)
			t.Cleanup(restore)
			_, err = s.Load(ctx, "s", 0)
			var ce *events.CorruptError
			require.ErrorAs(t, err, &ce, "Load with a tampered %s", c.name)
			assert.ErrorIs(t, err, events.ErrCorrupt, "Load with a tampered %s", c.name)
			assert.Equal(t, int64(2), ce.Position, "the tampered row's position")
			_, err = s.ReadLog(ctx, 0, 10)
			assert.ErrorIs(t, err, events.ErrCorrupt, "ReadLog with a tampered %s", c.name)
		})
	}

	for _, c := range []struct {
		name, update string
		reason       grassroots.ChainReason
		index        int
	}{
		{"data", `UPDATE grassroots_events SET data = '{"i":9}' WHERE sequence = 2`, grassroots.ChainContentChanged, 1},
		{"data into binary data", `UPDATE grassroots_events SET data = NULL, data_base64 = x'01' WHERE sequence = 2`, grassroots.ChainContentChanged, 1},
		{"time", `UPDATE grassroots_events SET time = '2025-01-01T00:00:00Z' WHERE sequence = 2`, grassroots.ChainContentChanged, 1},
		{"source", `UPDATE grassroots_events SET source = '/elsewhere' WHERE sequence = 1`, grassroots.ChainContentChanged, 0},
		{"id", `UPDATE grassroots_events SET id = 'other' WHERE sequence = 3`, grassroots.ChainContentChanged, 2},
		{"extension value", `UPDATE grassroots_events SET extensions = '{"region":"330303"}' WHERE sequence = 2`, grassroots.ChainContentChanged, 1},
		{"extension dropped", `UPDATE grassroots_events SET extensions = '' WHERE sequence = 2`, grassroots.ChainContentChanged, 1},
		{"hash", `UPDATE grassroots_events SET hash = iif(substr(hash, 1, 1) = '0', '1', '0') || substr(hash, 2) WHERE sequence = 2`, grassroots.ChainContentChanged, 1},
		{"sequence", `UPDATE grassroots_events SET sequence = 7 WHERE sequence = 3`, grassroots.ChainWrongSequence, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := db.ExecContext(ctx, c.update)
			require.NoError(t, err, "changing the %s", c.name)
			t.Cleanup(restore)
			got, err := s.Load(ctx, "s", 0)
			require.NoError(t, err, "Load returns what is stored after changing the %s", c.name)
			assert.Len(t, got, 3, "Load returns every row after changing the %s", c.name)
			_, err = events.LoadVerified(ctx, s, "s", nil)
			var chainErr *grassroots.ChainError
			require.ErrorAs(t, err, &chainErr, "LoadVerified refuses the chain with a changed %s", c.name)
			assert.Equal(t, c.reason, chainErr.Reason, "the reason for a changed %s", c.name)
			assert.Equal(t, c.index, chainErr.Index, "the index of the event with a changed %s", c.name)
		})
	}

	// The store reads a row's text columns joined by NUL: a NUL written
	// into one shifts the values after it, and the chain is refused
	// (as corrupt, or as changed) whichever column holds it.
	for _, column := range []string{"id", "hash", "prevhash", "source", "specversion", "type", "time", "datacontenttype", "dataschema", "extensions"} {
		t.Run("a NUL in "+column, func(t *testing.T) {
			_, err := db.ExecContext(ctx, `UPDATE grassroots_events SET `+column+` = `+column+` || char(0) || 'x' WHERE sequence = 2`)
			require.NoError(t, err, "writing a NUL into %s", column)
			t.Cleanup(restore)
			_, err = events.LoadVerified(ctx, s, "s", nil)
			var chainErr *grassroots.ChainError
			if !errors.Is(err, events.ErrCorrupt) {
				require.ErrorAs(t, err, &chainErr, "LoadVerified refuses the chain with a NUL in %s", column)
				assert.Equal(t, 1, chainErr.Index, "the event with a NUL in %s", column)
			}
		})
	}

	got, err := events.LoadVerified(ctx, s, "s", nil)
	require.NoError(t, err, "the restored chain verifies")
	assertSameJSON(t, evs, got, "the restored chain")
}

// assertSameJSON checks that got are want, byte for byte as JSON.
func assertSameJSON(t *testing.T, want, got []grassroots.Event, what string) {
	t.Helper()
	require.Len(t, got, len(want), "%s: number of events", what)
	for i := range want {
		w, err := want[i].MarshalJSON()
		require.NoError(t, err, "%s: encoding the event %d appended", what, i)
		g, err := got[i].MarshalJSON()
		require.NoError(t, err, "%s: encoding the event %d read", what, i)
		assert.Equal(t, string(w), string(g), "%s: event %d as JSON", what, i)
	}
}

// TestTwoStoresOneFile opens the file twice, as two processes would:
// their appends race through SQLite's lock, exactly one wins each race,
// and a Follow on one sees the other's appends by polling.
func TestTwoStoresOneFile(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "shared.db")
	a, err := sqlite.Open(ctx, path, sqlite.Options{PollInterval: 10 * time.Millisecond})
	require.NoError(t, err, "opening %s as a", path)
	defer a.Close()
	b, err := sqlite.Open(ctx, path, sqlite.Options{PollInterval: 10 * time.Millisecond})
	require.NoError(t, err, "opening %s as b", path)
	defer b.Close()

	done := make(chan []events.Record, 1)
	go func() {
		recs, err := a.Follow(ctx, 0, 10)
		assert.NoError(t, err, "a follows the log")
		done <- recs
	}()
	time.Sleep(30 * time.Millisecond)
	first := sealedChain(t, "s", 1)
	require.NoError(t, b.Append(ctx, "s", 0, first), "b appends")
	select {
	case recs := <-done:
		require.Len(t, recs, 1, "a sees b's append")
		assert.Equal(t, first[0].Hash, recs[0].Event.Hash, "the event a sees")
	case <-time.After(time.Minute):
		t.Fatal("a never saw b's append")
	}

	const rounds = 30
	head := &first[0]
	for round := range rounds {
		var errs [2]error
		var batches [2][]grassroots.Event
		for i := range batches {
			e := grassroots.Event{ID: fmt.Sprintf("r%d-%d", round, i), Source: "/test", SpecVersion: grassroots.SpecVersion,
				Type: grassroots.EventType("test", "raced"), Subject: "s"}
			sealed, err := grassroots.Seal(head, e)
			require.NoError(t, err, "sealing round %d", round)
			batches[i] = []grassroots.Event{sealed}
		}
		var wg sync.WaitGroup
		for i, st := range []*sqlite.Store{a, b} {
			wg.Go(func() { errs[i] = st.Append(ctx, "s", head.Sequence, batches[i]) })
		}
		wg.Wait()
		winners := 0
		for i, err := range errs {
			if err == nil {
				winners++
				head = &batches[i][0]
			} else {
				assert.ErrorIs(t, err, events.ErrConflict, "round %d: the loser's error", round)
			}
		}
		assert.Equal(t, 1, winners, "round %d: exactly one store wins", round)
	}
	got, err := events.LoadVerified(ctx, a, "s", nil)
	require.NoError(t, err, "the raced chain verifies")
	assert.Len(t, got, rounds+1, "one event per round")
}

// TestRoundTripOfColumns appends events that use every optional part of
// an envelope and reads them back from their columns, by Load and by
// ReadLog, as the same events: the same JSON, the data as appended,
// present-but-empty binary data and extension values of their own types
// included.
func TestRoundTripOfColumns(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t, sqlite.Options{})
	evs := variedChain(t, "v", 8)
	require.NoError(t, s.Append(ctx, "v", 0, evs), "appending")
	got, err := events.LoadVerified(ctx, s, "v", nil)
	require.NoError(t, err, "loading")
	assertSameJSON(t, evs, got, "Load")
	recs, err := s.ReadLog(ctx, 0, 100)
	require.NoError(t, err, "reading the log")
	logged := make([]grassroots.Event, len(recs))
	for i, r := range recs {
		logged[i] = r.Event
	}
	assertSameJSON(t, evs, logged, "ReadLog")
	for i := range evs {
		want, err := grassroots.ParseEvent(mustJSON(t, &evs[i]))
		require.NoError(t, err, "parsing event %d", i)
		for _, g := range []grassroots.Event{got[i], logged[i]} {
			assert.Equal(t, want.DataBase64 != nil, g.DataBase64 != nil, "event %d: data_base64 present", i)
			assert.Equal(t, want.Extensions, g.Extensions, "event %d: extensions and their types", i)
			assert.Equal(t, string(evs[i].Data), string(g.Data), "event %d: data as appended", i)
			assert.True(t, want.Time.Equal(g.Time), "event %d: time", i)
			_, wantOff := want.Time.Zone()
			_, gotOff := g.Time.Zone()
			assert.Equal(t, wantOff, gotOff, "event %d: time offset", i)
		}
	}
}

func mustJSON(t *testing.T, e *grassroots.Event) []byte {
	t.Helper()
	b, err := e.MarshalJSON()
	require.NoError(t, err, "encoding event %q", e.ID)
	return b
}
