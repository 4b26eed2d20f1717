// Package scan reads the rows of a store's queries into events, checking
// each stored envelope against the columns the store keeps beside it
// (events.Decode). It holds the part of reading that is the same for every
// SQL store: the query, its driver and how a driver's error is worded
// stay with the store.
package scan

import (
	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

// Rows is what reading needs of a driver's result set; *sql.Rows and
// pgx.Rows have it. The caller closes it.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// Subject appends to out the events of subject in rows, each row holding
// position, sequence, hash and envelope in that order. B is what the
// driver scans the envelope into: []byte, or sql.RawBytes to read it from
// the driver's buffer without a copy. A driver's error is returned through
// fail, which words it; an envelope that does not match its row is a
// *events.CorruptError.
func Subject[B ~[]byte](rows Rows, subject string, out []grassroots.Event, fail func(error) error) ([]grassroots.Event, error) {
	err := each[B](rows, subject, false, fail, func(_ int64, e grassroots.Event) { out = append(out, e) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Log returns the records in rows, each row holding position, subject,
// sequence, hash and envelope in that order; B and fail are as for
// Subject.
func Log[B ~[]byte](rows Rows, fail func(error) error) ([]events.Record, error) {
	var out []events.Record
	err := each[B](rows, "", true, fail, func(pos int64, e grassroots.Event) {
		out = append(out, events.Record{Position: pos, Event: e})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// each decodes every row and hands the event to add with its position.
// The row holds the subject as its second column when subjectColumn is
// set; otherwise every event is of subject.
func each[B ~[]byte](rows Rows, subject string, subjectColumn bool, fail func(error) error, add func(int64, grassroots.Event)) error {
	var (
		pos, seq int64
		hash     string
		env      B
	)
	dest := []any{&pos, &seq, &hash, &env}
	if subjectColumn {
		dest = []any{&pos, &subject, &seq, &hash, &env}
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fail(err)
		}
		e, err := events.Decode(pos, subject, seq, hash, []byte(env))
		if err != nil {
			return err
		}
		add(pos, e)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return nil
}
