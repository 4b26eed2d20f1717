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
	if s == nil {
		return errNilStore
	}
	if s.closed.Load() {
		return events.ErrClosed
	}
	envs, err := events.PrepareBatch(subject, expected, batch, runtime.GOMAXPROCS(0))
	if err != nil {
		return err
	}
	if batch[0].Sequence == expected+1 {
		// The usual case, a batch that continues the head the caller
		// names: the database checks the head itself, in one round trip.
		done, err := s.appendNext(ctx, subject, expected, batch, envs)
		if err != nil {
			return s.fail(ctx, err, "appending to subject %q", subject)
		}
		if done {
			return nil
		}
	}
	if err := s.append(ctx, subject, expected, batch, envs); err != nil {
		return s.fail(ctx, err, "appending to subject %q", subject)
	}
	return nil
}

// appendNext stores a batch whose first event follows the subject's
// event with sequence expected, in one pipelined round trip: BEGIN, the
// lock, one statement that inserts the rows only if the subject's head
// is the one the batch continues (and then queues the notification), and
// COMMIT. It reports false, having stored nothing, when the head is
// another or the database refused a row; append then finds out why,
// taking the same lock again, as for any other batch.
//
// The insert is a statement of its own after the lock's, so under READ
// COMMITTED its snapshot, and the head it reads, are taken once the lock
// is granted, as in append.
func (s *Store) appendNext(ctx context.Context, subject string, expected int64, batch []grassroots.Event, envs [][]byte) (bool, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Release()
	ids, hashes, starts, lens, envelopes := rowArrays(batch, envs)
	b := &pgx.Batch{}
	b.Queue(`BEGIN ISOLATION LEVEL READ COMMITTED`)
	b.Queue(`SELECT pg_advisory_xact_lock($1)`, s.lockKey)
	var inserted int64
	b.Queue(s.q.insertNext, subject, expected, batch[0].PrevHash, batch[0].Sequence, ids, hashes, envelopes, starts, lens, Channel, s.schema).QueryRow(func(row pgx.Row) error {
		return row.Scan(&inserted)
	})
	b.Queue(`COMMIT`)
	err = conn.SendBatch(ctx, b).Close()
	if status := conn.Conn().PgConn().TxStatus(); status != 'I' && !conn.Conn().IsClosed() {
		// A refused statement leaves the transaction open and failed:
		// the server skipped the rest of the batch, COMMIT with it.
		if _, rerr := conn.Exec(context.WithoutCancel(ctx), `ROLLBACK`); rerr != nil {
			conn.Conn().Close(context.WithoutCancel(ctx))
		}
	}
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &pe):
		return false, nil
	case err != nil:
		return false, err
	}
	return inserted == int64(len(batch)), nil
}

// rowArrays returns the columns of the rows appendNext inserts: the IDs,
// the hashes, and the envelopes end to end in one byte string with each
// one's start (from 1) and length. pgx copies one byte string once, where
// it would build an array of them element by element.
func rowArrays(batch []grassroots.Event, envs [][]byte) (ids, hashes []string, starts, lens []int32, envelopes []byte) {
	n, size := len(batch), 0
	for _, env := range envs {
		size += len(env)
	}
	ids, hashes = make([]string, n), make([]string, n)
	starts, lens = make([]int32, n), make([]int32, n)
	envelopes = make([]byte, 0, size)
	for i := range batch {
		ids[i], hashes[i] = batch[i].ID, batch[i].Hash
		starts[i], lens[i] = int32(len(envelopes)+1), int32(len(envs[i]))
		envelopes = append(envelopes, envs[i]...)
	}
	return ids, hashes, starts, lens, envelopes
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
