package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/grassrootsgov/grassroots/events/internal/benchdata"
	"github.com/grassrootsgov/grassroots/events/postgres"
)

const benchSubjects = 1000

// BenchmarkAppend appends batches of 100 sealed events through the Store:
// CheckBatch (one hash per event), JSON encoding, the lock, the head
// lookup, the conflict and link checks, the inserts and the commit.
// Sealing the batches is the caller's work and is not timed.
func BenchmarkAppend(b *testing.B) {
	pool := testPool(b)
	s := openStore(b, pool, postgres.Options{})
	g := benchdata.NewBatches(benchSubjects, 100)
	ctx := context.Background()
	b.Run("batch=100", func(b *testing.B) {
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

// BenchmarkRawInsert is the baseline of BenchmarkAppend: the same rows
// (subject, sequence, ID, hash and the envelope's JSON, encoded before
// the timer runs) into the same table of the same server, one
// transaction per 100 rows, with no lock, lookup or check: "batch" as one
// pgx.Batch of prepared INSERTs (what the Store sends), "copy" with
// CopyFrom.
func BenchmarkRawInsert(b *testing.B) {
	pool := testPool(b)
	ctx := context.Background()
	for _, method := range []string{"batch", "copy"} {
		b.Run("batch=100/"+method, func(b *testing.B) {
			s := openStore(b, pool, postgres.Options{})
			table := pgx.Identifier{s.Schema(), "grassroots_events"}
			insert := `INSERT INTO ` + table.Sanitize() + ` (subject, sequence, id, hash, envelope) VALUES ($1, $2, $3, $4, $5)`
			columns := []string{"subject", "sequence", "id", "hash", "envelope"}
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
				b.StartTimer()
				m.Begin()
				tx, err := pool.Begin(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if method == "copy" {
					_, err = tx.CopyFrom(ctx, table, columns, pgx.CopyFromRows(rows))
				} else {
					pb := &pgx.Batch{}
					for _, r := range rows {
						pb.Queue(insert, r...)
					}
					err = tx.SendBatch(ctx, pb).Close()
				}
				if err != nil {
					b.Fatal(err)
				}
				if err := tx.Commit(ctx); err != nil {
					b.Fatal(err)
				}
				m.End()
			}
			m.Report(b, 100)
		})
	}
}
