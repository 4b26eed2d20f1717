package postgres

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

// The unique constraints of grassroots_events, as the migration names them.
const (
	constraintSequence = "grassroots_events_subject_sequence_key"
	constraintID       = "grassroots_events_id_key"
	uniqueViolation    = "23505"
)

// Append stores batch after the subject's event with sequence expected,
// in one transaction, or refuses it whole; see events.Store for the
// contract and the package documentation for how positions follow commit
// order.
//
// If ctx ends while the commit is in flight, Append can return the
// context's error for a batch that was stored; appending the same batch
// again is then a no-op, so a retry is safe.
func (s *Store) Append(ctx context.Context, subject string, expected int64, batch []grassroots.Event) error {
	if s.closed.Load() {
		return events.ErrClosed
	}
	envs, err := events.PrepareBatch(subject, expected, batch, runtime.GOMAXPROCS(0))
	if err != nil {
		return err
	}
	if err := s.append(ctx, subject, expected, batch, envs); err != nil {
		return s.fail(ctx, err, "appending to subject %q", subject)
	}
	return nil
}

func (s *Store) append(ctx context.Context, subject string, expected int64, batch []grassroots.Event, envs [][]byte) (err error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	head, err := s.lockHead(ctx, tx, subject)
	if err != nil {
		return err
	}
	first, final := batch[0].Sequence, batch[len(batch)-1].Sequence
	if head != nil && first <= head.Sequence {
		stored, err := s.storedHashes(ctx, tx, subject, first, final)
		if err != nil {
			return err
		}
		if events.IsReplay(batch, stored) {
			return tx.Rollback(ctx)
		}
	}
	if err := events.CheckHead(subject, expected, head, &batch[0]); err != nil {
		return err
	}
	if err := s.insert(ctx, tx, batch, envs); err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == uniqueViolation {
			tx.Rollback(context.WithoutCancel(ctx))
			return s.explainUnique(ctx, pe, subject, expected, batch)
		}
		return err
	}
	return tx.Commit(ctx)
}

// lockHead takes the store's append lock, queues the commit's
// notification and reads the subject's last event, in one round trip.
// The head is read after the lock is granted, in a statement of its own
// under READ COMMITTED, so it sees every append committed before.
func (s *Store) lockHead(ctx context.Context, tx pgx.Tx, subject string) (*grassroots.Event, error) {
	b := &pgx.Batch{}
	b.Queue(`SELECT pg_advisory_xact_lock($1)`, s.lockKey)
	b.Queue(`SELECT pg_notify($1, $2)`, Channel, s.schema)
	b.Queue(s.q.head, subject)
	br := tx.SendBatch(ctx, b)
	defer br.Close()
	for range 2 {
		if _, err := br.Exec(); err != nil {
			return nil, err
		}
	}
	head := grassroots.Event{Subject: subject}
	err := br.QueryRow().Scan(&head.Sequence, &head.Hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, br.Close()
	}
	if err != nil {
		return nil, err
	}
	return &head, br.Close()
}

func (s *Store) storedHashes(ctx context.Context, tx pgx.Tx, subject string, first, final int64) ([]string, error) {
	rows, err := tx.Query(ctx, s.q.hashes, subject, first, final)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// insert streams the rows with COPY in binary: one round trip, and less
// work on both sides than a batch of INSERTs (BENCHMARKS.md).
func (s *Store) insert(ctx context.Context, tx pgx.Tx, batch []grassroots.Event, envs [][]byte) error {
	_, err := tx.CopyFrom(ctx, s.table, copyColumns, pgx.CopyFromSlice(len(batch), func(i int) ([]any, error) {
		e := &batch[i]
		return []any{e.Subject, e.Sequence, e.ID, e.Hash, envs[i]}, nil
	}))
	return err
}

// copyColumns are the columns insert writes, in its order.
var copyColumns = []string{"subject", "sequence", "id", "hash", "envelope"}

// explainUnique turns a unique violation into the contract's error: a
// stored ID is a *events.DuplicateIDError naming the batch's first such
// event; a taken sequence (a writer that did not hold the lock) is a
// *events.ConflictError.
func (s *Store) explainUnique(ctx context.Context, pe *pgconn.PgError, subject string, expected int64, batch []grassroots.Event) error {
	switch pe.ConstraintName {
	case constraintID:
		ids := make([]string, len(batch))
		index := make(map[string]int, len(batch))
		for i := range batch {
			ids[i] = batch[i].ID
			index[batch[i].ID] = i
		}
		rows, err := s.pool.Query(ctx, s.q.dupIDs, ids)
		if err != nil {
			return err
		}
		var found *events.DuplicateIDError
		for rows.Next() {
			var d events.DuplicateIDError
			if err := rows.Scan(&d.ID, &d.Subject, &d.Sequence); err != nil {
				rows.Close()
				return err
			}
			d.Index = index[d.ID]
			if found == nil || d.Index < found.Index {
				found = &d
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if found != nil {
			return found
		}
	case constraintSequence:
		var actual int64
		err := s.pool.QueryRow(ctx, s.q.head, subject).Scan(&actual, new(string))
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		return &events.ConflictError{Subject: subject, Expected: expected, Actual: actual}
	}
	return fmt.Errorf("unique violation on %s: %w", pe.ConstraintName, pe)
}
