package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// An event is stored as one row of its attributes, each in a column of
// its own, so reading an event back fills the grassroots.Event from the
// columns instead of parsing JSON. The chain hash covers every column
// but position, so a row altered in the database fails
// grassroots.VerifyChain (and events.LoadVerified) on the way out.
//
// Optional text attributes are '' when absent (CloudEvents allows no
// empty attribute, so '' is never a value); data and data_base64 are NULL
// when absent, since data_base64 may be present and empty.

// insertRow is the statement that writes one event, its arguments in the
// order newRow returns them.
const insertRow = `INSERT INTO grassroots_events (subject, sequence, id, hash, prevhash, source, specversion, type,
	time, datacontenttype, dataschema, data, data_base64, extensions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// rowColumns are what is read to rebuild an event, after position (and
// subject, for the global log), in the order scanner.dest takes them:
// the sequence, data, data_base64 and whether it is present (the driver
// reads an empty BLOB as nil), and the other text columns joined by NUL.
// Reading one text value instead of ten spares the driver most of its
// per-column calls, which cost about as much as the rest of a row. No
// attribute holds a NUL (envelopes refuse control characters in
// attribute values, and JSON text holds none unescaped), so the join
// splits back into the columns; a NUL written into a column of the file
// shifts the values after it, which the chain check then finds.
const rowColumns = `sequence, data, data_base64, data_base64 IS NOT NULL,
	id || char(0) || hash || char(0) || prevhash || char(0) || source || char(0) || specversion || char(0) ||
	type || char(0) || time || char(0) || datacontenttype || char(0) || dataschema || char(0) || extensions`

// packedColumns is how many columns rowColumns joins.
const packedColumns = 10

// newRow returns the arguments of insertRow for e, which passed
// events.CheckBatch: data as it is (the hash check found it valid
// I-JSON), time as AppendTimestamp writes it and the other extension
// attributes as one JSON object.
func newRow(e *grassroots.Event) []any {
	var data, b64 any
	if e.Data != nil {
		data = string(e.Data)
	}
	if e.DataBase64 != nil {
		b64 = e.DataBase64
	}
	var at string
	if !e.Time.IsZero() {
		at = string(grassroots.AppendTimestamp(make([]byte, 0, 36), e.Time))
	}
	return []any{e.Subject, e.Sequence, e.ID, e.Hash, e.PrevHash, e.Source, e.SpecVersion, e.Type,
		at, e.DataContentType, e.DataSchema, data, b64, encodeExtensions(e.Extensions)}
}

// encodeExtensions writes the extension attributes as a JSON object with
// sorted names and values of their own JSON type, or ” for none.
func encodeExtensions(ext map[string]any) string {
	if len(ext) == 0 {
		return ""
	}
	names := make([]string, 0, len(ext))
	for n := range ext {
		names = append(names, n)
	}
	slices.Sort(names)
	b := []byte{'{'}
	for i, n := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = canonjson.AppendString(b, n)
		b = append(b, ':')
		switch v := ext[n].(type) {
		case string:
			b = canonjson.AppendString(b, v)
		case bool:
			b = strconv.AppendBool(b, v)
		default: // an integer type, as Validate requires
			b = fmt.Appendf(b, "%d", v)
		}
	}
	return string(append(b, '}'))
}

// decodeExtensions reads what encodeExtensions wrote, each value as
// grassroots.ParseEvent decodes it: string, bool or int64.
func decodeExtensions(text string) (map[string]any, error) {
	if len(text) == 0 {
		return nil, nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return nil, err
	}
	ext := make(map[string]any, len(raw))
	for n, v := range raw {
		switch {
		case len(v) == 0:
			return nil, fmt.Errorf("extension %q has no value", n)
		case v[0] == '"':
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, err
			}
			ext[n] = s
		case string(v) == "true", string(v) == "false":
			ext[n] = string(v) == "true"
		default:
			i, err := strconv.ParseInt(string(v), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("extension %q is not a string, a boolean or an integer", n)
			}
			ext[n] = i
		}
	}
	return ext, nil
}

// scanner rebuilds events from rows.
type scanner struct {
	seq    int64
	data   sql.NullString
	b64    sql.RawBytes
	hasB64 bool
	packed string
}

// dest returns the scan destinations of rowColumns.
func (sc *scanner) dest() []any {
	return []any{&sc.seq, &sc.data, &sc.b64, &sc.hasB64, &sc.packed}
}

// event returns the event of subject in the scanned row at position. A
// column that holds no valid value of its attribute is a
// *events.CorruptError; a value that is valid but not the one appended is
// left for the chain check to find.
func (sc *scanner) event(position int64, subject string) (grassroots.Event, error) {
	var col [packedColumns]string
	rest := sc.packed
	for i := range packedColumns - 1 {
		j := strings.IndexByte(rest, 0)
		if j < 0 {
			return grassroots.Event{}, &events.CorruptError{Position: position, Problem: "the row's text columns could not be told apart"}
		}
		col[i], rest = rest[:j], rest[j+1:]
	}
	col[packedColumns-1] = rest
	e := grassroots.Event{
		ID:              col[0],
		Source:          col[3],
		SpecVersion:     col[4],
		Type:            col[5],
		Subject:         subject,
		DataContentType: col[7],
		DataSchema:      col[8],
		Sequence:        sc.seq,
		PrevHash:        col[2],
		Hash:            col[1],
	}
	at, extensions := col[6], col[9]
	if at != "" {
		t, err := grassroots.ParseTimestamp(at)
		if err != nil {
			return grassroots.Event{}, &events.CorruptError{Position: position, Problem: "the time column is not an RFC 3339 timestamp", Err: err}
		}
		e.Time = t
	}
	if sc.data.Valid {
		e.Data = json.RawMessage(sc.data.String)
	}
	if sc.hasB64 {
		e.DataBase64 = append(make([]byte, 0, len(sc.b64)), sc.b64...)
	}
	ext, err := decodeExtensions(extensions)
	if err != nil {
		return grassroots.Event{}, &events.CorruptError{Position: position, Problem: "the extensions column is not a JSON object of extension values", Err: err}
	}
	e.Extensions = ext
	return e, nil
}
