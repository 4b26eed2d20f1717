package incident

import (
	"encoding"
	"encoding/json"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
)

// The codecs write an event's data with the writer below rather than
// with encoding/json's reflection, which dominated the cost of sealing a
// matter's events. It writes exactly the bytes json.Marshal writes for
// the event — members in the order of the struct fields, the Meta's
// first, HTML-safe string escaping, omitempty and omitzero as tagged, the
// same errors for values that cannot be written — and a test holds it to
// json.Marshal over every event type.

// encodeEvent is the data encoder of Codec: the contact masked.
func encodeEvent(e Event) ([]byte, error) { return encodeWith(e, false) }

// encodeRecord is the data encoder of RecordCodec: the contact in clear.
func encodeRecord(e Event) ([]byte, error) { return encodeWith(e, true) }

// scratch holds the buffers events are written into before they are
// copied out at their exact length: an envelope keeps its data, so the
// copy costs less than the slack of a buffer grown by appending.
var scratch = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

func encodeWith(e Event, inClear bool) ([]byte, error) {
	bp := scratch.Get().(*[]byte)
	b, err := appendEvent((*bp)[:0], e, inClear)
	var out []byte
	if err == nil {
		out = append(make([]byte, 0, len(b)), b...)
	}
	if cap(b) <= 64<<10 {
		*bp = b[:0]
		scratch.Put(bp)
	}
	return out, err
}

// eventWriter appends one JSON object, keeping the first error.
type eventWriter struct {
	b   []byte
	err error
}

// appendEvent appends e's JSON to b; inClear writes a reported contact
// in clear rather than masked. An event type it does not know (a pointer
// to an event, say) goes through encoding/json, its contact masked.
func appendEvent(b []byte, e Event, inClear bool) ([]byte, error) {
	w := eventWriter{b: b}
	switch e := e.(type) {
	case Reported:
		w.meta(e.Meta)
		w.name("category")
		w.str(e.Category)
		w.name("channel")
		w.text(e.Channel)
		w.name("priority")
		w.text(e.Priority)
		if !e.Location.IsZero() {
			w.name("location")
			w.location(e.Location)
		}
		w.optStr("grid", string(e.Grid))
		w.optStr("address", e.Address)
		w.optStr("address_id", e.AddressID)
		w.optStr("description", e.Description)
		w.optStrs("media", e.Media)
		if !inClear {
			w.contact(e.Contact, true)
		}
		w.name("accept_term")
		w.term(e.AcceptTerm)
		if inClear {
			// The record's contact was an outer field over the embedded
			// event's, so encoding/json wrote it last.
			w.contact(e.Contact, false)
		}
	case Accepted:
		w.meta(e.Meta)
	case Rejected:
		w.meta(e.Meta)
		w.name("reason")
		w.text(e.Reason)
		w.optStr("duplicate_of", e.DuplicateOf)
		w.optStr("note", e.Note)
	case Dispatched:
		w.meta(e.Meta)
		w.name("platform")
		w.text(e.Platform)
		w.name("unit")
		w.str(e.Unit)
		w.name("handle_term")
		w.term(e.HandleTerm)
	case Returned:
		w.meta(e.Meta)
		w.name("reason")
		w.str(e.Reason)
	case Started:
		w.meta(e.Meta)
	case Resolved:
		w.meta(e.Meta)
		w.name("result")
		w.str(e.Result)
		w.optStrs("evidence", e.Evidence)
	case Closed:
		w.meta(e.Meta)
		w.optStr("note", e.Note)
	case Reopened:
		w.meta(e.Meta)
		w.name("reason")
		w.str(e.Reason)
	case RedoOrdered:
		w.meta(e.Meta)
		w.name("unit")
		w.str(e.Unit)
		w.name("handle_term")
		w.term(e.HandleTerm)
	case Escalated:
		w.meta(e.Meta)
		w.name("level")
		w.text(e.Level)
		w.name("deadline")
		w.time(e.Deadline)
	case Extended:
		w.meta(e.Meta)
		w.name("requested_at")
		w.time(e.RequestedAt)
		w.name("by")
		w.b = append(w.b, `{"amount":`...)
		w.b = strconv.AppendInt(w.b, int64(e.By.Amount), 10)
		w.b = append(w.b, `,"unit":`...)
		w.text(e.By.Unit)
		w.b = append(w.b, '}')
		w.name("handle_term")
		w.term(e.HandleTerm)
		w.optStr("reason", e.Reason)
	case Rated:
		w.meta(e.Meta)
		w.name("grade")
		w.text(e.Grade)
		w.optStr("comment", e.Comment)
		if e.Substantive {
			w.b = append(w.b, `,"substantive":true`...)
		}
	case Located:
		w.meta(e.Meta)
		w.name("location")
		w.location(e.Location)
		w.optStr("grid", string(e.Grid))
	default:
		return json.Marshal(e)
	}
	if w.err != nil {
		return nil, w.err
	}
	return append(w.b, '}'), nil
}

// meta opens the object with the Meta's members.
func (w *eventWriter) meta(m grassroots.Meta) {
	w.b = append(w.b, `{"aggregate_id":`...)
	w.str(m.AggregateID)
	w.b = append(w.b, `,"command_id":`...)
	w.str(m.CommandID)
	w.b = append(w.b, `,"actor":{"id":`...)
	w.str(m.Actor.ID)
	w.b = append(w.b, `,"party":`...)
	w.text(m.Actor.Party)
	if m.Actor.Organization != "" {
		w.b = append(w.b, `,"organization":`...)
		w.str(m.Actor.Organization)
	}
	if len(m.Actor.Roles) > 0 {
		w.b = append(w.b, `,"roles":`...)
		w.strs(m.Actor.Roles)
	}
	w.b = append(w.b, `},"at":`...)
	w.time(m.At)
}

// name starts a member after the first.
func (w *eventWriter) name(n string) {
	w.b = append(w.b, ',', '"')
	w.b = append(w.b, n...)
	w.b = append(w.b, '"', ':')
}

func (w *eventWriter) optStr(n, v string) {
	if v != "" {
		w.name(n)
		w.str(v)
	}
}

func (w *eventWriter) optStrs(n string, v []string) {
	if len(v) > 0 {
		w.name(n)
		w.strs(v)
	}
}

func (w *eventWriter) strs(v []string) {
	w.b = append(w.b, '[')
	for i, s := range v {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		w.str(s)
	}
	w.b = append(w.b, ']')
}

// text writes a value's text form as a string, as encoding/json does
// for an encoding.TextAppender.
func (w *eventWriter) text(v encoding.TextAppender) {
	start := len(w.b)
	b, err := v.AppendText(append(w.b, '"'))
	if err != nil {
		w.b = w.b[:start]
		w.fail(err)
		return
	}
	for _, c := range b[start+1:] {
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			w.b = appendJSONString(b[:start], string(b[start+1:]))
			return
		}
	}
	w.b = append(b, '"')
}

func (w *eventWriter) time(t time.Time) {
	w.b = append(w.b, '"')
	b, err := t.AppendText(w.b)
	if err != nil {
		w.fail(err)
		return
	}
	w.b = append(b, '"')
}

// contact writes a reporter's contact, when there is one, masked or in
// clear.
func (w *eventWriter) contact(c Contact, masked bool) {
	if c.IsZero() {
		return
	}
	if masked {
		c = c.Masked()
	}
	w.name("contact")
	w.b = append(w.b, '{')
	n := len(w.b)
	if c.name != "" {
		w.b = append(w.b, `"name":`...)
		w.str(c.name)
	}
	if c.phone != "" {
		if len(w.b) > n {
			w.b = append(w.b, ',')
		}
		w.b = append(w.b, `"phone":`...)
		w.str(c.phone)
	}
	w.b = append(w.b, '}')
}

func (w *eventWriter) term(t Term) {
	w.b = append(w.b, `{"start":`...)
	w.time(t.Start)
	w.b = append(w.b, `,"end":`...)
	w.time(t.End)
	if t.Working {
		w.b = append(w.b, `,"working":true`...)
	}
	if t.Provisional {
		w.b = append(w.b, `,"provisional":true`...)
	}
	w.b = append(w.b, '}')
}

func (w *eventWriter) location(l Location) {
	p := l.Point
	if !finite(p.Lng) || !finite(p.Lat) {
		_, err := p.MarshalJSON() // names the point
		w.fail(err)
		return
	}
	w.b = append(w.b, `{"coordinates":[`...)
	w.b = strconv.AppendFloat(w.b, p.Lng, 'g', -1, 64)
	w.b = append(w.b, ',')
	w.b = strconv.AppendFloat(w.b, p.Lat, 'g', -1, 64)
	w.b = append(w.b, `],"crs":`...)
	w.text(l.CRS)
	w.b = append(w.b, '}')
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func (w *eventWriter) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

func (w *eventWriter) str(s string) { w.b = appendJSONString(w.b, s) }

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as encoding/json writes a string: quoted,
// with '"', '\\', control characters, '<', '>', '&', U+2028 and U+2029
// escaped and invalid UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
