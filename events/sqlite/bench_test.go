package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// benchSubjects is how many subjects the append benchmarks spread their
// batches over, so each append reads a real head.
const benchSubjects = 1000

// benchEvent is an unsealed event whose sealed JSON is about 500 bytes,
// the size of an incident event with its actor and metadata.
func benchEvent(subject string, n int64) grassroots.Event {
	return grassroots.Event{
		ID:              grassroots.EventID(subject, fmt.Sprintf("cmd-%d", n), 0),
		Source:          "/districts/330302/incident",
		SpecVersion:     grassroots.SpecVersion,
		Type:            "grassroots.incident.dispatched.v1",
		Subject:         subject,
		Time:            time.Date(2025, 6, 3, 9, 30, 0, 0, time.FixedZone("", 8*3600)).Add(time.Duration(n) * time.Minute),
		DataContentType: "application/json",
		Data: json.RawMessage(fmt.Sprintf(`{"aggregate_id":%q,"command_id":"cmd-%d","actor":{"id":"worker-17","party":"government","roles":["dispatcher"]},`+
			`"at":"2025-06-03T09:30:00+08:00","platform":"comprehensive_governance","unit":"street-sanitation"}`, subject, n)),
	}
}

// batches hands out the next batch of each subject in turn, sealed after
// that subject's head.
type batches struct {
	heads []*grassroots.Event
	next  int
	size  int
}

func newBatches(size int) *batches {
	return &batches{heads: make([]*grassroots.Event, benchSubjects), size: size}
}

func (g *batches) take(b *testing.B) (subject string, expected int64, batch []grassroots.Event) {
	i := g.next % len(g.heads)
	g.next++
	subject = fmt.Sprintf("0190a1b2-c3d4-7e5f-8a9b-%012d", i)
	head := g.heads[i]
	if head != nil {
		expected = head.Sequence
	}
	raw := make([]grassroots.Event, g.size)
	for j := range raw {
		raw[j] = benchEvent(subject, expected+int64(j)+1)
	}
	batch, err := grassroots.SealAll(head, raw)
	if err != nil {
		b.Fatal(err)
	}
	g.heads[i] = &batch[len(batch)-1]
	return subject, expected, batch
}

func benchOptions(full bool) (string, Options) {
	if full {
		return "sync=full", Options{FullSync: true}
	}
	return "sync=normal", Options{}
}

// BenchmarkAppend appends batches of 100 sealed events through the Store:
// CheckBatch (one hash per event), JSON encoding, the head lookup, the
// conflict and link checks, the inserts and the commit.
func BenchmarkAppend(b *testing.B) {
	for _, full := range []bool{false, true} {
		mode, opts := benchOptions(full)
		b.Run("batch=100/"+mode, func(b *testing.B) {
			s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), opts)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			g := newBatches(100)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				subject, expected, batch := g.take(b)
				b.StartTimer()
				if err := s.Append(ctx, subject, expected, batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*100)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkRawInsert is the baseline of BenchmarkAppend: the same rows
// (subject, sequence, ID, hash and the envelope's JSON, encoded before
// the timer runs) into the same table through the same driver and
// durability mode, one transaction per 100 rows, with no check at all.
// "rowwise" runs one prepared single-row INSERT per row, "multirow" the
// store's 32-row INSERT.
func BenchmarkRawInsert(b *testing.B) {
	for _, full := range []bool{false, true} {
		mode, opts := benchOptions(full)
		for _, rows := range []int{1, insertRows} {
			shape := "rowwise"
			if rows > 1 {
				shape = "multirow"
			}
			b.Run("batch=100/"+mode+"/"+shape, func(b *testing.B) {
				path := filepath.Join(b.TempDir(), "bench.db")
				s, err := Open(context.Background(), path, opts)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
				db, one, many := rawDB(b, path, opts)
				defer db.Close()
				g := newBatches(100)
				args := make([]any, 0, 5*rows)
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					_, _, batch := g.take(b)
					envs := make([]string, len(batch))
					for i := range batch {
						j, err := batch[i].MarshalJSON()
						if err != nil {
							b.Fatal(err)
						}
						envs[i] = string(j)
					}
					b.StartTimer()
					tx, err := db.Begin()
					if err != nil {
						b.Fatal(err)
					}
					txOne, txMany := tx.Stmt(one), tx.Stmt(many)
					for i := 0; i < len(batch); {
						st, n := txOne, 1
						if len(batch)-i >= rows && rows > 1 {
							st, n = txMany, rows
						}
						args = args[:0]
						for j := i; j < i+n; j++ {
							e := &batch[j]
							args = append(args, e.Subject, e.Sequence, e.ID, e.Hash, envs[j])
						}
						if _, err := st.Exec(args...); err != nil {
							b.Fatal(err)
						}
						i += n
					}
					if err := tx.Commit(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N*100)/b.Elapsed().Seconds(), "events/s")
			})
		}
	}
}

// rawDB opens path as the Store's writer does and prepares the
// single-row and the insertRows-row INSERT.
func rawDB(b *testing.B, path string, opts Options) (db *sql.DB, one, many *sql.Stmt) {
	mode := "NORMAL"
	if opts.FullSync {
		mode = "FULL"
	}
	db, err := openDB("file:"+escapePath(path)+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous("+mode+")&_txlock=immediate", 1)
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
