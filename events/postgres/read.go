package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/internal/scan"
)

// Load returns the subject's events with sequence greater than after, in
// sequence order; see events.Store. A stored envelope that no longer
// matches its row is a *events.CorruptError.
func (s *Store) Load(ctx context.Context, subject string, after int64) ([]grassroots.Event, error) {
	if s == nil {
		return nil, errNilStore
	}
	if s.closed.Load() {
		return nil, events.ErrClosed
	}
	if err := events.CheckLoad(subject, after); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, s.q.load, subject, after)
	if err != nil {
		return nil, s.fail(ctx, err, "loading subject %q", subject)
	}
	defer rows.Close()
	return scan.Subject[[]byte](rows, subject, nil, func(err error) error {
		return s.fail(ctx, err, "loading subject %q", subject)
	})
}

// querier is what reading the log needs of a pool or a connection.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// ReadLog returns up to limit records of the global log with position
// greater than after; see events.Store.
func (s *Store) ReadLog(ctx context.Context, after int64, limit int) ([]events.Record, error) {
	if s == nil {
		return nil, errNilStore
	}
	if s.closed.Load() {
		return nil, events.ErrClosed
	}
	if err := events.CheckRead(after, limit); err != nil {
		return nil, err
	}
	return s.readLog(ctx, s.pool, after, limit)
}

func (s *Store) readLog(ctx context.Context, q querier, after int64, limit int) ([]events.Record, error) {
	rows, err := q.Query(ctx, s.q.readLog, after, limit)
	if err != nil {
		return nil, s.fail(ctx, err, "reading the log after %d", after)
	}
	defer rows.Close()
	return scan.Log[[]byte](rows, func(err error) error {
		return s.fail(ctx, err, "reading the log after %d", after)
	})
}

// Follow returns the records after the position after, waiting for one
// when there is none; see events.Follower. It holds one connection of the
// pool while it waits, LISTENing on Channel: every append notifies it when
// it commits, from any process, and it reads the log again every
// Options.PollInterval in case a notification was lost.
func (s *Store) Follow(ctx context.Context, after int64, limit int) ([]events.Record, error) {
	if s == nil {
		return nil, errNilStore
	}
	if s.closed.Load() {
		return nil, events.ErrClosed
	}
	if err := events.CheckRead(after, limit); err != nil {
		return nil, err
	}
	// A subscriber that is behind finds records at once, without
	// listening.
	if recs, err := s.readLog(ctx, s.pool, after, limit); err != nil || len(recs) > 0 {
		return recs, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(s.done, cancel)()
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, s.fail(ctx, err, "following the log after %d", after)
	}
	listening := false
	defer func() { release(ctx, conn, listening) }()
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{Channel}.Sanitize()); err != nil {
		return nil, s.fail(ctx, err, "following the log after %d", after)
	}
	listening = true
	for {
		// Listening before reading: an append that commits after the read
		// has its notification queued for the wait.
		recs, err := s.readLog(ctx, conn, after, limit)
		if err != nil || len(recs) > 0 {
			return recs, err
		}
		if err := s.wait(ctx, conn.Conn()); err != nil {
			return nil, s.fail(ctx, err, "following the log after %d", after)
		}
	}
}

// wait returns when a notification for this store arrives or the poll
// interval passes, and with an error when ctx ends.
func (s *Store) wait(ctx context.Context, conn *pgx.Conn) error {
	waitCtx, cancel := context.WithTimeout(ctx, s.poll)
	defer cancel()
	for {
		if s.closed.Load() {
			return events.ErrClosed
		}
		n, err := conn.WaitForNotification(waitCtx)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded) || waitCtx.Err() != nil:
			return nil
		case err != nil:
			return err
		case n.Payload == s.schema:
			return nil
		}
	}
}

// release stops listening and returns conn to the pool, or closes it when
// it cannot stop listening (a connection that still listens would queue
// notifications for its next user).
func release(ctx context.Context, conn *pgxpool.Conn, listening bool) {
	if listening {
		stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if _, err := conn.Exec(stop, `UNLISTEN *`); err != nil {
			conn.Hijack().Close(stop)
			return
		}
	}
	conn.Release()
}
