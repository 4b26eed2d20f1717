package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

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

// rowColumns are the columns read to rebuild an event, after position
// (and subject, for the global log), in the order scanner.dest takes
// them. The driver reads an empty BLOB as nil, so whether data_base64 is
// present is read as well.
const rowColumns = `sequence, id, hash, prevhash, source, specversion, type,
	time, datacontenttype, dataschema, data, data_base64, data_base64 IS NOT NULL, extensions`

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
	seq                                int64
	id, hash, prev, src, spec, typ, at string
	dct, schema, extensions            string
	data                               sql.NullString
	b64                                sql.RawBytes
	hasB64                             bool
}

// dest returns the scan destinations of rowColumns.
func (sc *scanner) dest() []any {
	return []any{&sc.seq, &sc.id, &sc.hash, &sc.prev, &sc.src, &sc.spec, &sc.typ,
		&sc.at, &sc.dct, &sc.schema, &sc.data, &sc.b64, &sc.hasB64, &sc.extensions}
}

// event returns the event of subject in the scanned row at position. A
// column that holds no valid value of its attribute is a
// *events.CorruptError; a value that is valid but not the one appended is
// left for the chain check to find.
func (sc *scanner) event(position int64, subject string) (grassroots.Event, error) {
	e := grassroots.Event{
		ID:              sc.id,
		Source:          sc.src,
		SpecVersion:     sc.spec,
		Type:            sc.typ,
		Subject:         subject,
		DataContentType: sc.dct,
		DataSchema:      sc.schema,
		Sequence:        sc.seq,
		PrevHash:        sc.prev,
		Hash:            sc.hash,
	}
	if sc.at != "" {
		t, err := grassroots.ParseTimestamp(sc.at)
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
	ext, err := decodeExtensions(sc.extensions)
	if err != nil {
		return grassroots.Event{}, &events.CorruptError{Position: position, Problem: "the extensions column is not a JSON object of extension values", Err: err}
	}
	e.Extensions = ext
	return e, nil
}
