package sqlite_test

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/sqlite"
)

// variedChain seals n events of subject that use every optional part of
// an envelope: JSON data not in canonical form, binary data (empty too),
// extension attributes of each type, times with and without an offset.
func variedChain(t *testing.T, subject string, n int) []grassroots.Event {
	t.Helper()
	cst := time.FixedZone("CST", 8*3600)
	raw := make([]grassroots.Event, n)
	for i := range raw {
		e := grassroots.Event{
			ID:          grassroots.EventID(subject, fmt.Sprintf("c-%d", i), 0, time.Time{}),
			Source:      "/districts/330302/incident",
			SpecVersion: grassroots.SpecVersion,
			Type:        grassroots.EventType("incident", "reported"),
			Subject:     subject,
			Time:        time.Date(2025, 6, 9, 10, 0, i, i*1234567, cst),
		}
		switch i % 4 {
		case 0:
			e.DataContentType = "application/json"
			e.DataSchema = grassroots.SchemaURI("incident", "reported")
			e.Data = json.RawMessage(fmt.Sprintf(`{ "n": %d, "note": "网格员上报 \u00e9", "x": 1.50 }`, i))
		case 1:
			e.DataContentType = "application/octet-stream"
			e.DataBase64 = []byte{0, 1, byte(i), 0xff}
			e.Time = e.Time.UTC()
		case 2:
			e.DataBase64 = []byte{}
			e.Extensions = map[string]any{"region": "330302", "priority": int64(i), "urgent": true, "flag": false}
		default:
			e.Time = time.Time{}
			e.Data = json.RawMessage(`[true,null,{"b":1,"a":"\u2028"}]`)
		}
		raw[i] = e
	}
	evs, err := grassroots.SealAll(nil, raw)
	require.NoError(t, err, "sealing %d events of %s", n, subject)
	return evs
}

// firstSchema writes a database as the first schema kept it: each event's
// JSON envelope beside its subject, sequence, ID and hash, the rows of
// the subjects interleaved.
func firstSchema(t *testing.T, path string, chains ...[]grassroots.Event) {
	t.Helper()
	schema, err := os.ReadFile("migrations/0001_events.sql")
	require.NoError(t, err, "reading the first migration")
	db, err := sql.Open("sqlite", path+"?_pragma=journal_mode(WAL)")
	require.NoError(t, err, "creating %s", path)
	defer db.Close()
	for _, stmt := range []string{
		`CREATE TABLE grassroots_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT`,
		string(schema),
		`INSERT INTO grassroots_schema (version, name) VALUES (1, '0001_events.sql')`,
	} {
		_, err := db.Exec(stmt)
		require.NoError(t, err, "writing the first schema")
	}
	for i := 0; ; i++ {
		more := false
		for _, c := range chains {
			if i >= len(c) {
				continue
			}
			more = true
			env, err := c[i].MarshalJSON()
			require.NoError(t, err, "encoding event %d of %s", i, c[i].Subject)
			_, err = db.Exec(`INSERT INTO grassroots_events (subject, sequence, id, hash, envelope) VALUES (?, ?, ?, ?, ?)`,
				c[i].Subject, c[i].Sequence, c[i].ID, c[i].Hash, string(env))
			require.NoError(t, err, "writing event %d of %s", i, c[i].Subject)
		}
		if !more {
			return
		}
	}
}

// TestUpgradeFromEnvelopes opens a database of the first schema: its
// events move into the table of columns with their positions, read back
// as they were appended, byte for byte as JSON, and the store appends on
// after them.
func TestUpgradeFromEnvelopes(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "v1.db")
	a, b := variedChain(t, "a", 9), variedChain(t, "b", 4)
	firstSchema(t, path, a, b)
	db := openRaw(t, path)
	before := readPositions(t, db, `SELECT position, hash FROM grassroots_events ORDER BY position`)

	s, err := sqlite.Open(ctx, path, sqlite.Options{})
	require.NoError(t, err, "opening a database of the first schema")
	defer s.Close()
	var version int
	require.NoError(t, db.QueryRowContext(ctx, `SELECT max(version) FROM grassroots_schema`).Scan(&version), "reading the version")
	assert.Equal(t, 2, version, "the upgraded schema version")
	var old int
	require.NoError(t, db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'grassroots_events_v1'`).Scan(&old), "looking for the old table")
	assert.Zero(t, old, "the old table is dropped")
	assert.Equal(t, before, readPositions(t, db, `SELECT position, hash FROM grassroots_events ORDER BY position`), "every event keeps its position")

	for _, c := range [][]grassroots.Event{a, b} {
		got, err := events.LoadVerified(ctx, s, c[0].Subject, nil)
		require.NoError(t, err, "loading %s after the upgrade", c[0].Subject)
		assertSameJSON(t, c, got, "the events of "+c[0].Subject+" after the upgrade")
	}
	recs, err := s.ReadLog(ctx, 0, 100)
	require.NoError(t, err, "reading the log after the upgrade")
	require.Len(t, recs, len(a)+len(b), "the log after the upgrade")
	for _, r := range recs {
		assert.Equal(t, before[r.Position], r.Event.Hash, "the event at position %d", r.Position)
	}

	next, err := grassroots.Seal(&a[len(a)-1], variedChain(t, "a", len(a)+1)[len(a)])
	require.NoError(t, err, "sealing the next event of a")
	require.NoError(t, s.Append(ctx, "a", a[len(a)-1].Sequence, []grassroots.Event{next}), "appending after the upgrade")
	recs, err = s.ReadLog(ctx, recs[len(recs)-1].Position, 10)
	require.NoError(t, err, "reading the log after the new event")
	require.Len(t, recs, 1, "the new event is in the log")
	assert.Equal(t, int64(len(a)+len(b)+1), recs[0].Position, "the new event's position follows the old ones")
	require.NoError(t, s.Append(ctx, "b", 0, b[:1]), "re-appending an upgraded event is a no-op")
	c1 := variedChain(t, "c", 1)
	c1[0].ID = a[3].ID
	c1, err = grassroots.SealAll(nil, c1)
	require.NoError(t, err, "sealing an event reusing an upgraded ID")
	var de *events.DuplicateIDError
	require.ErrorAs(t, s.Append(ctx, "c", 0, c1), &de, "an upgraded event's ID stays taken")
	assert.Equal(t, "a", de.Subject, "where the ID is used")
}

// TestUpgradeRefusesCorruptEnvelope leaves a database of the first schema
// as it is when one of its envelopes no longer matches its row.
func TestUpgradeRefusesCorruptEnvelope(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "v1.db")
	firstSchema(t, path, variedChain(t, "a", 3))
	db := openRaw(t, path)
	_, err := db.ExecContext(ctx, `UPDATE grassroots_events SET envelope = replace(envelope, '"sequence":2', '"sequence":5') WHERE sequence = 2`)
	require.NoError(t, err, "altering an envelope")

	_, err = sqlite.Open(ctx, path, sqlite.Options{})
	var ce *events.CorruptError
	require.ErrorAs(t, err, &ce, "opening a database of the first schema with an altered envelope")
	assert.Equal(t, int64(2), ce.Position, "the altered row")
	var version, rows int
	require.NoError(t, db.QueryRowContext(ctx, `SELECT max(version) FROM grassroots_schema`).Scan(&version), "reading the version")
	assert.Equal(t, 1, version, "the refused upgrade leaves the first schema")
	require.NoError(t, db.QueryRowContext(ctx, `SELECT count(*) FROM grassroots_events WHERE envelope IS NOT NULL`).Scan(&rows), "counting the old rows")
	assert.Equal(t, 3, rows, "the refused upgrade leaves the old rows")
}

func readPositions(t *testing.T, db *sql.DB, query string) map[int64]string {
	t.Helper()
	rows, err := db.Query(query)
	require.NoError(t, err, "querying %s", query)
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var pos int64
		var hash string
		require.NoError(t, rows.Scan(&pos, &hash), "scanning %s", query)
		out[pos] = hash
	}
	require.NoError(t, rows.Err(), "reading %s", query)
	return out
}
