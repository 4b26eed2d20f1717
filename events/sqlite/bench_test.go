package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/grassrootsgov/grassroots/events/internal/benchdata"
)

// benchSubjects is how many subjects the append benchmarks spread their
// batches over, so each append reads a real head.
const benchSubjects = 1000

func benchModes() []struct {
	name string
	opts Options
} {
	return []struct {
		name string
		opts Options
	}{{"sync=normal", Options{}}, {"sync=full", Options{FullSync: true}}}
}

// BenchmarkAppend appends batches of 100 sealed events through the Store:
// CheckBatch (one hash per event), JSON encoding, the head lookup, the
// conflict and link checks, the inserts and the commit. Sealing the
// batches is the caller's work and is not timed.
func BenchmarkAppend(b *testing.B) {
	for _, mode := range benchModes() {
		b.Run("batch=100/"+mode.name, func(b *testing.B) {
			s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), mode.opts)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			g := benchdata.NewBatches(benchSubjects, 100)
			ctx := context.Background()
			var m benchdata.Meter
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				subject, expected, batch, err := g.Next()
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				m.Begin()
				if err := s.Append(ctx, subject, expected, batch); err != nil {
					b.Fatal(err)
				}
				m.End()
			}
			m.Report(b, 100)
		})
	}
}

// BenchmarkRawInsert is the baseline of BenchmarkAppend: the same rows
// (the event's columns, built before the timer runs) into the same table
// through the same driver, with the same pragmas and durability mode, one
// transaction per 100 rows of prepared single-row INSERTs, with no check
// at all.
func BenchmarkRawInsert(b *testing.B) {
	for _, mode := range benchModes() {
		b.Run("batch=100/"+mode.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "bench.db")
			s, err := Open(context.Background(), path, mode.opts)
			if err != nil {
				b.Fatal(err)
			}
			s.Close()
			opts := mode.opts
			opts.BusyTimeout = DefaultBusyTimeout
			db, err := openDB(dsn(path, opts, true), 1)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			insert, err := db.Prepare(insertRow)
			if err != nil {
				b.Fatal(err)
			}
			g := benchdata.NewBatches(benchSubjects, 100)
			var m benchdata.Meter
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				_, _, batch, err := g.Next()
				if err != nil {
					b.Fatal(err)
				}
				rows := make([][]any, len(batch))
				for i := range batch {
					if rows[i], err = newRow(&batch[i]); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				m.Begin()
				tx, err := db.Begin()
				if err != nil {
					b.Fatal(err)
				}
				st := tx.Stmt(insert)
				for _, r := range rows {
					if _, err := st.Exec(r...); err != nil {
						b.Fatal(err)
					}
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
				m.End()
			}
			m.Report(b, 100)
		})
	}
}

// BenchmarkRawInsertIndexes measures what each of the store's unique
// indexes costs a raw insert of the same rows, as BenchmarkRawInsert
// does them: none but the row ID, (subject, sequence), and both that and
// the event ID's. Random event IDs put every insert at a random place of
// the ID index.
func BenchmarkRawInsertIndexes(b *testing.B) {
	for _, c := range []struct{ name, unique string }{
		{"none", ""},
		{"subject", ", UNIQUE (subject, sequence)"},
		{"subject+id", ", UNIQUE (subject, sequence), UNIQUE (id)"},
	} {
		b.Run("batch=100/indexes="+c.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "bench.db")
			db, err := openDB(dsn(path, Options{BusyTimeout: DefaultBusyTimeout}, true), 1)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`CREATE TABLE grassroots_events (position INTEGER PRIMARY KEY, subject TEXT NOT NULL,
				sequence INTEGER NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, envelope TEXT NOT NULL` + c.unique + `) STRICT`); err != nil {
				b.Fatal(err)
			}
			insert, err := db.Prepare(`INSERT INTO grassroots_events (subject, sequence, id, hash, envelope) VALUES (?, ?, ?, ?, ?)`)
			if err != nil {
				b.Fatal(err)
			}
			g := benchdata.NewBatches(benchSubjects, 100)
			var m benchdata.Meter
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				_, _, batch, err := g.Next()
				if err != nil {
					b.Fatal(err)
				}
				rows, err := benchdata.Rows(batch)
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range rows {
					r[4] = string(r[4].([]byte))
				}
				b.StartTimer()
				m.Begin()
				tx, err := db.Begin()
				if err != nil {
					b.Fatal(err)
				}
				st := tx.Stmt(insert)
				for _, r := range rows {
					if _, err := st.Exec(r...); err != nil {
						b.Fatal(err)
					}
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
				m.End()
			}
			m.Report(b, 100)
		})
	}
}
