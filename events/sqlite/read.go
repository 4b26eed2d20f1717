package sqlite

import (
	"context"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

// Load returns the subject's events with sequence greater than after, in
// sequence order; see events.Store. Each event is rebuilt from the
// columns of its row; a column that holds no valid value of its
// attribute is a *events.CorruptError, and a row altered to other valid
// values fails the chain check of events.LoadVerified.
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
	rows, err := s.load.QueryContext(ctx, subject, after)
	if err != nil {
		return nil, s.fail(ctx, err, "loading subject %q", subject)
	}
	defer rows.Close()
	out := make([]grassroots.Event, 0, 8)
	var (
		sc  scanner
		pos int64
	)
	dest := append([]any{&pos}, sc.dest()...)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, s.fail(ctx, err, "loading subject %q", subject)
		}
		e, err := sc.event(pos, subject)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(ctx, err, "loading subject %q", subject)
	}
	return out, nil
}

// ReadLog returns up to limit records of the global log with position
// greater than after; see events.Store. Positions are SQLite row IDs,
// assigned in commit order by the database's single writer.
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
	return s.readLog(ctx, after, limit)
}

func (s *Store) readLog(ctx context.Context, after int64, limit int) ([]events.Record, error) {
	rows, err := s.log.QueryContext(ctx, after, limit)
	if err != nil {
		return nil, s.fail(ctx, err, "reading the log after %d", after)
	}
	defer rows.Close()
	var (
		out     []events.Record
		sc      scanner
		pos     int64
		subject string
	)
	dest := append([]any{&pos, &subject}, sc.dest()...)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, s.fail(ctx, err, "reading the log after %d", after)
		}
		e, err := sc.event(pos, subject)
		if err != nil {
			return nil, err
		}
		out = append(out, events.Record{Position: pos, Event: e})
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(ctx, err, "reading the log after %d", after)
	}
	return out, nil
}

// Follow returns the records after the position after, waiting for one
// when there is none; see events.Follower. Appends through this Store
// wake it at once; those of other processes are seen within
// Options.PollInterval.
func (s *Store) Follow(ctx context.Context, after int64, limit int) ([]events.Record, error) {
	if s == nil {
		return nil, errNilStore
	}
	if err := events.CheckRead(after, limit); err != nil {
		return nil, err
	}
	var tick *time.Ticker
	for {
		if s.closed.Load() {
			return nil, events.ErrClosed
		}
		woken := s.wake.wait() // before reading, so no append slips between
		recs, err := s.readLog(ctx, after, limit)
		if err != nil || len(recs) > 0 {
			return recs, err
		}
		if tick == nil {
			tick = time.NewTicker(s.poll)
			defer tick.Stop()
		}
		select {
		case <-ctx.Done():
			return nil, s.fail(ctx, ctx.Err(), "following the log after %d", after)
		case <-woken:
		case <-tick.C:
		}
	}
}
