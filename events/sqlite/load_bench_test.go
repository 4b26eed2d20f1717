package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/internal/benchdata"
)

// BigEnv names the environment variable that enables the benchmark over
// a file of a million events, which takes a while to build and a
// gigabyte of temporary disk:
//
//	GRASSROOTS_BENCH_1M=1 go test -run '^$' -bench LoadVerify -count 3 ./events/sqlite/
const BigEnv = "GRASSROOTS_BENCH_1M"

const (
	bigSubjects = 100_000
	bigPerSub   = 10
)

var big struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// TestMain removes the million-event file once every benchmark that
// shares it has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if big.dir != "" {
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

// bigFile builds, once per test binary, a store of bigSubjects subjects
// of bigPerSub events each, appended round by round so that the events of
// one subject lie far apart in the file, as in a store that has run for
// months.
func bigFile(b *testing.B) string {
	big.once.Do(func() {
		start := time.Now()
		big.dir, big.err = os.MkdirTemp("", "grassroots-1m")
		if big.err != nil {
			return
		}
		big.path = filepath.Join(big.dir, "events.db")
		big.err = buildBig(big.path)
		b.Logf("built %d events of %d subjects in %s", bigSubjects*bigPerSub, bigSubjects, time.Since(start).Round(time.Second))
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.path
}

func buildBig(path string) error {
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	heads := make([]*grassroots.Event, bigSubjects)
	const perTx = 10_000
	for round := range bigPerSub {
		for lo := 0; lo < bigSubjects; lo += perTx {
			batch := make([]grassroots.Event, 0, perTx)
			rows := make([][]any, 0, perTx)
			for i := lo; i < lo+perTx; i++ {
				e, err := grassroots.Seal(heads[i], benchdata.Event(benchdata.Subject(i), int64(round+1)))
				if err != nil {
					return err
				}
				batch = append(batch, e)
				rows = append(rows, newRow(&e))
				heads[i] = &batch[len(batch)-1]
			}
			if err := s.bulkInsert(ctx, rows); err != nil {
				return err
			}
		}
	}
	return nil
}

// bulkInsert writes rows of many subjects in one transaction, without the
// checks of Append: for building benchmark files only.
func (s *Store) bulkInsert(ctx context.Context, rows [][]any) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := s.insertAll(ctx, tx, rows); err != nil {
		return err
	}
	return tx.Commit()
}

// BenchmarkLoadVerify loads and verifies every subject of a file of a
// million events: subject by subject with events.LoadVerified, by one
// reader and by two sharing the subjects; and through the global log,
// read in pages and each event checked with grassroots.VerifyLink against
// the last one seen of its subject.
func BenchmarkLoadVerify(b *testing.B) {
	if os.Getenv(BigEnv) == "" {
		b.Skipf("set %s=1 to build a file of %d events and load it", BigEnv, bigSubjects*bigPerSub)
	}
	path := bigFile(b)
	b.Run(fmt.Sprintf("events=%d/subjects=%d/via=log", bigSubjects*bigPerSub, bigSubjects), func(b *testing.B) {
		s, err := Open(context.Background(), path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.ReportAllocs()
		for b.Loop() {
			if err := verifyLog(s); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*bigSubjects*bigPerSub)/b.Elapsed().Seconds(), "events/s")
	})
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("events=%d/subjects=%d/via=subjects/workers=%d", bigSubjects*bigPerSub, bigSubjects, workers), func(b *testing.B) {
			s, err := Open(context.Background(), path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.ReportAllocs()
			for b.Loop() {
				if err := loadAll(s, workers); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*bigSubjects*bigPerSub)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// verifyLog reads the whole log and checks every event against the last
// one of its subject read before it, keeping only those heads.
func verifyLog(s *Store) error {
	ctx := context.Background()
	heads := make(map[string]grassroots.Event, bigSubjects)
	var after int64
	n := 0
	for {
		recs, err := s.ReadLog(ctx, after, 1000)
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			break
		}
		for i := range recs {
			e := &recs[i].Event
			var prev *grassroots.Event
			if h, ok := heads[e.Subject]; ok {
				prev = &h
			}
			if err := grassroots.VerifyLink(prev, e); err != nil {
				return fmt.Errorf("position %d: %w", recs[i].Position, err)
			}
			heads[e.Subject] = grassroots.Event{Subject: e.Subject, Sequence: e.Sequence, Hash: e.Hash}
		}
		n += len(recs)
		after = recs[len(recs)-1].Position
	}
	if n != bigSubjects*bigPerSub {
		return fmt.Errorf("read %d events, want %d", n, bigSubjects*bigPerSub)
	}
	return nil
}

// loadAll loads and verifies every subject, the subjects dealt out to
// workers goroutines.
func loadAll(s *Store, workers int) error {
	ctx := context.Background()
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < bigSubjects; i += workers {
				evs, err := events.LoadVerified(ctx, s, benchdata.Subject(i), nil)
				if err == nil && len(evs) != bigPerSub {
					err = fmt.Errorf("subject %d has %d events, want %d", i, len(evs), bigPerSub)
				}
				if err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
