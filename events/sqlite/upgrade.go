package sqlite

import (
	"context"
	"database/sql"

	"github.com/grassrootsgov/grassroots/events"
)

// upgrades are the steps a migration needs beyond its SQL file, by
// version, run in the migration's transaction after the file.
var upgrades = map[int]func(context.Context, *sql.Tx) error{
	2: upgradeColumns,
}

// upgradeChunk is how many rows upgradeColumns moves at a time.
const upgradeChunk = 1000

// upgradeColumns moves the events of the first schema's table, which
// kept each event's JSON envelope, into the table of columns, keeping
// their positions. Each envelope is parsed strictly and checked against
// its row (events.Decode): an envelope that does not match is a
// *events.CorruptError, and the migration is not applied.
func upgradeColumns(ctx context.Context, tx *sql.Tx) error {
	insert, err := tx.PrepareContext(ctx, `INSERT INTO grassroots_events (position, subject, sequence, id, hash, prevhash,
		source, specversion, type, time, datacontenttype, dataschema, data, data_base64, extensions)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insert.Close()
	var after int64
	for {
		rows, err := oldRows(ctx, tx, after)
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			break
		}
		for _, r := range rows {
			if _, err := insert.ExecContext(ctx, r...); err != nil {
				return err
			}
		}
		after = rows[len(rows)-1][0].(int64)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'grassroots_events_v1'), 0))
		WHERE name = 'grassroots_events'`); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DROP TABLE grassroots_events_v1`)
	return err
}

// oldRows reads up to upgradeChunk rows of the first schema after
// position after and returns them as the arguments of an insert into the
// table of columns, position first.
func oldRows(ctx context.Context, tx *sql.Tx, after int64) ([][]any, error) {
	rows, err := tx.QueryContext(ctx, `SELECT position, subject, sequence, hash, envelope FROM grassroots_events_v1
		WHERE position > ? ORDER BY position LIMIT ?`, after, upgradeChunk)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		var (
			pos, seq      int64
			subject, hash string
			env           []byte
		)
		if err := rows.Scan(&pos, &subject, &seq, &hash, &env); err != nil {
			return nil, err
		}
		e, err := events.Decode(pos, subject, seq, hash, env)
		if err != nil {
			return nil, err
		}
		out = append(out, append([]any{pos}, newRow(&e)...))
	}
	return out, rows.Err()
}
