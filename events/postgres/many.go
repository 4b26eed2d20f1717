package postgres

import (
	"context"
	"errors"
	"runtime"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

// AppendMany stores the batches, each checked as Append checks it, in
// one transaction under the store's append lock, or none of them; see
// events.MultiAppender. Each batch costs its own round trips for the
// head and the rows (there is no single-round-trip path as for Append),
// but the call pays one commit.
func (s *Store) AppendMany(ctx context.Context, batches []events.Batch) error {
	if s == nil {
		return errNilStore
	}
	if s.closed.Load() {
		return events.ErrClosed
	}
	envs := make([][][]byte, len(batches))
	for i, b := range batches {
		e, err := events.PrepareBatch(b.Subject, b.Expected, b.Events, runtime.GOMAXPROCS(0))
		if err != nil {
			return &events.BatchError{Index: i, Subject: b.Subject, Err: err}
		}
		envs[i] = e
	}
	if err := s.appendMany(ctx, batches, envs); err != nil {
		return s.fail(ctx, err, "appending %d batches", len(batches))
	}
	return nil
}

func (s *Store) appendMany(ctx context.Context, batches []events.Batch, envs [][][]byte) (err error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	wrote := false
	for i, b := range batches {
		refuse := func(err error) error { return &events.BatchError{Index: i, Subject: b.Subject, Err: err} }
		// The lock is taken again for each batch (an advisory transaction
		// lock is re-entrant), so each head is read after it is granted.
		head, err := s.lockHead(ctx, tx, b.Subject)
		if err != nil {
			return err
		}
		first, final := b.Events[0].Sequence, b.Events[len(b.Events)-1].Sequence
		if head != nil && first <= head.Sequence {
			stored, err := s.storedHashes(ctx, tx, b.Subject, first, final)
			if err != nil {
				return err
			}
			if events.IsReplay(b.Events, stored) {
				continue
			}
		}
		if err := events.CheckHead(b.Subject, b.Expected, head, &b.Events[0]); err != nil {
			return refuse(err)
		}
		if err := s.insert(ctx, tx, b.Events, envs[i]); err != nil {
			var pe *pgconn.PgError
			if errors.As(err, &pe) && pe.Code == uniqueViolation {
				tx.Rollback(context.WithoutCancel(ctx))
				explained := s.explainUnique(ctx, pe, b.Subject, b.Expected, b.Events)
				if isRefusal(explained) {
					return refuse(explained)
				}
				return explained
			}
			return err
		}
		wrote = true
	}
	if !wrote {
		return tx.Rollback(ctx)
	}
	return tx.Commit(ctx)
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
