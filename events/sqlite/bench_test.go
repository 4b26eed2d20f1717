package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
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
// (subject, sequence, ID, hash and the envelope's JSON, encoded before
// the timer runs) into the same table through the same driver and
// durability mode, one transaction per 100 rows, with no check at all.
// "rowwise" runs one prepared single-row INSERT per row, "multirow" the
// store's statement shapes (32 rows, then single rows).
func BenchmarkRawInsert(b *testing.B) {
	for _, mode := range benchModes() {
		for _, rows := range []int{1, insertRows} {
			shape := "rowwise"
			if rows > 1 {
				shape = "multirow"
			}
			b.Run("batch=100/"+mode.name+"/"+shape, func(b *testing.B) {
				path := filepath.Join(b.TempDir(), "bench.db")
				s, err := Open(context.Background(), path, mode.opts)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
				db, one, many := rawDB(b, path, mode.opts)
				defer db.Close()
				g := benchdata.NewBatches(benchSubjects, 100)
				args := make([]any, 0, 5*rows)
				var m benchdata.Meter
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					_, _, batch, err := g.Next()
					if err != nil {
						b.Fatal(err)
					}
					data, err := benchdata.Rows(batch)
					if err != nil {
						b.Fatal(err)
					}
					for _, r := range data {
						r[4] = string(r[4].([]byte)) // the table is STRICT: TEXT, not BLOB
					}
					b.StartTimer()
					m.Begin()
					tx, err := db.Begin()
					if err != nil {
						b.Fatal(err)
					}
					txOne, txMany := tx.Stmt(one), tx.Stmt(many)
					for i := 0; i < len(data); {
						st, n := txOne, 1
						if rows > 1 && len(data)-i >= rows {
							st, n = txMany, rows
						}
						args = args[:0]
						for _, r := range data[i : i+n] {
							args = append(args, r...)
						}
						if _, err := st.Exec(args...); err != nil {
							b.Fatal(err)
						}
						i += n
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
}

// rawDB opens path with the pragmas of the Store's writer and prepares
// the single-row and the insertRows-row INSERT.
func rawDB(b *testing.B, path string, opts Options) (db *sql.DB, one, many *sql.Stmt) {
	opts.BusyTimeout = DefaultBusyTimeout
	db, err := openDB(dsn(path, opts, true), 1)
	if err != nil {
		b.Fatal(err)
	}
	prepare := func(rows int) *sql.Stmt {
		st, err := db.Prepare("INSERT INTO grassroots_events (subject, sequence, id, hash, envelope) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", rows), ", "))
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	return db, prepare(1), prepare(insertRows)
}
