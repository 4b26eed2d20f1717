package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"

	driver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

// Append stores batch after the subject's event with sequence expected,
// in one transaction, or refuses it whole; see events.Store for the
// contract. The events are checked and their rows built before the write
// lock is taken, shared out over the processors for a large batch, so
// concurrent appenders wait only for each other's inserts.
func (s *Store) Append(ctx context.Context, subject string, expected int64, batch []grassroots.Event) error {
	if s == nil {
		return errNilStore
	}
	if s.closed.Load() {
		return events.ErrClosed
	}
	rows := make([][]any, len(batch))
	err := events.PrepareBatchFunc(subject, expected, batch, runtime.GOMAXPROCS(0), func(i int) error {
		rows[i] = newRow(&batch[i])
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.append(ctx, subject, expected, batch, rows); err != nil {
		return s.fail(ctx, err, "appending to subject %q", subject)
	}
	return nil
}

func (s *Store) append(ctx context.Context, subject string, expected int64, batch []grassroots.Event, rows [][]any) (err error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	wrote, err := s.appendTx(ctx, tx, subject, expected, batch, rows)
	if err != nil {
		return err
	}
	if !wrote {
		return tx.Rollback()
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.wake.broadcast()
	return nil
}

// AppendMany stores the batches, each checked as Append checks it, in
// one transaction, or none of them; see events.MultiAppender. Rows are
// built before the write lock is taken, as for Append.
func (s *Store) AppendMany(ctx context.Context, batches []events.Batch) error {
	if s == nil {
		return errNilStore
	}
	if s.closed.Load() {
		return events.ErrClosed
	}
	rows := make([][][]any, len(batches))
	for i, b := range batches {
		r := make([][]any, len(b.Events))
		err := events.PrepareBatchFunc(b.Subject, b.Expected, b.Events, runtime.GOMAXPROCS(0), func(j int) error {
			r[j] = newRow(&b.Events[j])
			return nil
		})
		if err != nil {
			return &events.BatchError{Index: i, Subject: b.Subject, Err: err}
		}
		rows[i] = r
	}
	if err := s.appendMany(ctx, batches, rows); err != nil {
		return s.fail(ctx, err, "appending %d batches", len(batches))
	}
	return nil
}

func (s *Store) appendMany(ctx context.Context, batches []events.Batch, rows [][][]any) (err error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	wrote := false
	for i, b := range batches {
		w, err := s.appendTx(ctx, tx, b.Subject, b.Expected, b.Events, rows[i])
		if err != nil {
			if isRefusal(err) {
				return &events.BatchError{Index: i, Subject: b.Subject, Err: err}
			}
			return err
		}
		wrote = wrote || w
	}
	if !wrote {
		return tx.Rollback()
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.wake.broadcast()
	return nil
}

// isRefusal reports whether err is one of the contract's refusals of a
// batch, rather than a failure of the database.
func isRefusal(err error) bool {
	var (
		ce *events.ConflictError
		de *events.DuplicateIDError
		ch *grassroots.ChainError
	)
	return errors.As(err, &ce) || errors.As(err, &de) || errors.As(err, &ch)
}

// appendTx appends batch to subject inside tx, after checking the
// subject's stored head, and reports whether it wrote anything: a batch
// stored whole already writes nothing.
func (s *Store) appendTx(ctx context.Context, tx *sql.Tx, subject string, expected int64, batch []grassroots.Event, rows [][]any) (bool, error) {
	head, err := lastEvent(ctx, tx.StmtContext(ctx, s.head), subject)
	if err != nil {
		return false, err
	}
	first, final := batch[0].Sequence, batch[len(batch)-1].Sequence
	if head != nil && first <= head.Sequence {
		stored, err := storedHashes(ctx, tx.StmtContext(ctx, s.hashes), subject, first, final)
		if err != nil {
			return false, err
		}
		if events.IsReplay(batch, stored) {
			return false, nil
		}
	}
	if err := events.CheckHead(subject, expected, head, &batch[0]); err != nil {
		return false, err
	}
	if err := s.insertAll(ctx, tx, rows); err != nil {
		var se *driver.Error
		if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT {
			dup, derr := duplicateID(ctx, tx, batch)
			if derr != nil {
				return false, derr
			}
			if dup != nil {
				return false, dup
			}
		}
		return false, err
	}
	return true, nil
}

// lastEvent returns the subject's last stored event with the columns
// CheckHead reads, or nil.
func lastEvent(ctx context.Context, head *sql.Stmt, subject string) (*grassroots.Event, error) {
	e := grassroots.Event{Subject: subject}
	err := head.QueryRowContext(ctx, subject).Scan(&e.Sequence, &e.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &e, nil
}

func storedHashes(ctx context.Context, query *sql.Stmt, subject string, first, final int64) ([]string, error) {
	rows, err := query.QueryContext(ctx, subject, first, final)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hashes []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		hashes = append(hashes, h)
	}
	return hashes, rows.Err()
}

// insertAll inserts the rows (newRow) one prepared INSERT at a time.
func (s *Store) insertAll(ctx context.Context, tx *sql.Tx, rows [][]any) error {
	st := tx.StmtContext(ctx, s.insert)
	for _, r := range rows {
		if _, err := st.ExecContext(ctx, r...); err != nil {
			return err
		}
	}
	return nil
}

// duplicateID finds the first event of batch whose ID was stored before
// the batch, after an insert failed on a unique constraint. The rows the
// batch has inserted so far are the subject's from its first sequence on.
func duplicateID(ctx context.Context, tx *sql.Tx, batch []grassroots.Event) (*events.DuplicateIDError, error) {
	const chunk = 500
	var found *events.DuplicateIDError
	for lo := 0; lo < len(batch) && found == nil; lo += chunk {
		hi := min(lo+chunk, len(batch))
		args := make([]any, 0, hi-lo)
		index := make(map[string]int, hi-lo)
		for i := lo; i < hi; i++ {
			args = append(args, batch[i].ID)
			index[batch[i].ID] = i
		}
		q := `SELECT id, subject, sequence FROM grassroots_events WHERE id IN (` +
			strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ") + `) AND NOT (subject = ? AND sequence >= ?)`
		args = append(args, batch[0].Subject, batch[0].Sequence)
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var d events.DuplicateIDError
			if err := rows.Scan(&d.ID, &d.Subject, &d.Sequence); err != nil {
				rows.Close()
				return nil, err
			}
			d.Index = index[d.ID]
			if found == nil || d.Index < found.Index {
				found = &d
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return found, nil
}

// fail returns err for the caller: the contract's typed errors as they
// are, the context's error when it ended, ErrClosed after Close, and the
// database's errors with what was being done.
func (s *Store) fail(ctx context.Context, err error, format string, args ...any) error {
	switch {
	case isRefusal(err):
		return err
	case s.closed.Load():
		return events.ErrClosed
	case ctx.Err() != nil:
		return fmt.Errorf("sqlite: "+format+": %w", append(args, ctx.Err())...)
	}
	return fmt.Errorf("sqlite: "+format+": %w", append(args, err)...)
}
