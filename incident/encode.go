package incident

import (
	"encoding"
	"encoding/json"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// The codecs write an event's data with the writer below rather than
// with encoding/json's reflection, which dominated the cost of sealing a
// matter's events. It writes the data in the form an envelope stores and
// its hash covers, RFC 8785's canonical form of what json.Marshal writes
// for the event: members sorted by name, the Meta's among the event's
// own, strings with RFC 8785's escaping after encoding/json's replacement
// of invalid UTF-8, numbers in ECMAScript form, omitempty and omitzero as
// tagged, and the same errors for values that cannot be written. The
// codec checks the result with a scan rather than canonicalising it
// again, and a test holds the writer to canonjson.AppendExact over
// json.Marshal for every event type.

// appendEvent is the data encoder of Codec: the contact masked.
func appendEvent(b []byte, e Event) ([]byte, error) { return appendData(b, e, false) }

// appendRecord is the data encoder of RecordCodec: the contact in clear.
func appendRecord(b []byte, e Event) ([]byte, error) { return appendData(b, e, true) }

// eventWriter appends one JSON object, keeping the first error.
type eventWriter struct {
	b   []byte
	err error
}

// appendData appends e's data to b; inClear writes a reported contact in
// clear rather than masked. An event type it does not know (a pointer to
// an event, say) goes through encoding/json, its contact masked, and the
// canonicaliser.
func appendData(b []byte, e Event, inClear bool) ([]byte, error) {
	w := eventWriter{b: b}
	switch e := e.(type) {
	case Reported:
		w.b = append(w.b, `{"accept_term":`...)
		w.term(e.AcceptTerm)
		w.actor(e.Actor)
		w.optStr("address", e.Address)
		w.optStr("address_id", e.AddressID)
		w.idAt(e.Meta)
		w.name("category")
		w.str(e.Category)
		w.name("channel")
		w.text(e.Channel)
		w.command(e.Meta)
		w.contact(e.Contact, !inClear)
		w.optStr("description", e.Description)
		w.optStr("grid", string(e.Grid))
		if !e.Location.IsZero() {
			w.name("location")
			w.location(e.Location)
		}
		w.optStrs("media", e.Media)
		w.name("priority")
		w.text(e.Priority)
	case Accepted:
		w.meta(e.Meta)
	case Rejected:
		w.meta(e.Meta)
		w.optStr("duplicate_of", e.DuplicateOf)
		w.optStr("note", e.Note)
		w.name("reason")
		w.text(e.Reason)
	case Dispatched:
		w.meta(e.Meta)
		w.name("handle_term")
		w.term(e.HandleTerm)
		w.name("platform")
		w.text(e.Platform)
		w.name("unit")
		w.str(e.Unit)
	case Returned:
		w.meta(e.Meta)
		w.name("reason")
		w.str(e.Reason)
	case Started:
		w.meta(e.Meta)
	case Resolved:
		w.meta(e.Meta)
		w.optStrs("evidence", e.Evidence)
		w.name("result")
		w.str(e.Result)
	case Closed:
		w.meta(e.Meta)
		w.optStr("note", e.Note)
	case Reopened:
		w.meta(e.Meta)
		w.name("reason")
		w.str(e.Reason)
	case RedoOrdered:
		w.meta(e.Meta)
		w.name("handle_term")
		w.term(e.HandleTerm)
		w.name("unit")
		w.str(e.Unit)
	case Escalated:
		w.meta(e.Meta)
		w.name("deadline")
		w.time(e.Deadline)
		w.name("level")
		w.text(e.Level)
	case Extended:
		w.b = append(w.b, '{')
		w.actor(e.Actor)
		w.idAt(e.Meta)
		w.b = append(w.b, `,"by":{"amount":`...)
		w.b = strconv.AppendInt(w.b, int64(e.By.Amount), 10) // its own form, if I-JSON
		w.b = append(w.b, `,"unit":`...)
		w.text(e.By.Unit)
		w.b = append(w.b, '}')
		w.command(e.Meta)
		w.name("handle_term")
		w.term(e.HandleTerm)
		w.optStr("reason", e.Reason)
		w.name("requested_at")
		w.time(e.RequestedAt)
	case Rated:
		w.meta(e.Meta)
		w.optStr("comment", e.Comment)
		w.name("grade")
		w.text(e.Grade)
		if e.Substantive {
			w.b = append(w.b, `,"substantive":true`...)
		}
	case Located:
		w.meta(e.Meta)
		w.optStr("grid", string(e.Grid))
		w.name("location")
		w.location(e.Location)
	default:
		raw, err := json.Marshal(e)
		if err != nil {
			return b, err
		}
		if out, err := canonjson.AppendExact(b, raw); err == nil {
			return out, nil
		}
		return append(b, raw...), nil // not I-JSON: for the codec to refuse
	}
	if w.err != nil {
		return b, w.err
	}
	return append(w.b, '}'), nil
}

// meta opens the object with the Meta's members, for the events whose
// own members all sort after command_id.
func (w *eventWriter) meta(m grassroots.Meta) {
	w.b = append(w.b, '{')
	w.actor(m.Actor)
	w.idAt(m)
	w.command(m)
}

// actor writes the first member, the actor.
func (w *eventWriter) actor(a grassroots.Actor) {
	if w.b[len(w.b)-1] != '{' {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, `"actor":{"id":`...)
	w.str(a.ID)
	if a.Organization != "" {
		w.b = append(w.b, `,"organization":`...)
		w.str(a.Organization)
	}
	w.b = append(w.b, `,"party":`...)
	w.text(a.Party)
	if len(a.Roles) > 0 {
		w.b = append(w.b, `,"roles":`...)
		w.strs(a.Roles)
	}
	w.b = append(w.b, '}')
}

// idAt writes the aggregate ID and the time.
func (w *eventWriter) idAt(m grassroots.Meta) {
	w.b = append(w.b, `,"aggregate_id":`...)
	w.str(m.AggregateID)
	w.b = append(w.b, `,"at":`...)
	w.time(m.At)
}

func (w *eventWriter) command(m grassroots.Meta) {
	w.b = append(w.b, `,"command_id":`...)
	w.str(m.CommandID)
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
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' {
			w.b = appendString(b[:start], string(b[start+1:]))
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
	if c.name != "" {
		w.b = append(w.b, `"name":`...)
		w.str(c.name)
	}
	if c.phone != "" {
		if c.name != "" {
			w.b = append(w.b, ',')
		}
		w.b = append(w.b, `"phone":`...)
		w.str(c.phone)
	}
	w.b = append(w.b, '}')
}

func (w *eventWriter) term(t Term) {
	w.b = append(w.b, `{"end":`...)
	w.time(t.End)
	if t.Provisional {
		w.b = append(w.b, `,"provisional":true`...)
	}
	w.b = append(w.b, `,"start":`...)
	w.time(t.Start)
	if t.Working {
		w.b = append(w.b, `,"working":true`...)
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
	w.b, _ = canonjson.AppendNumber(w.b, p.Lng)
	w.b = append(w.b, ',')
	w.b, _ = canonjson.AppendNumber(w.b, p.Lat)
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

func (w *eventWriter) str(s string) { w.b = appendString(w.b, s) }

// appendString appends s as a canonical JSON string holding what
// encoding/json writes for it: invalid UTF-8 replaced by U+FFFD, byte by
// byte, and only the quote, the backslash and the control characters
// escaped.
func appendString(b []byte, s string) []byte {
	if utf8.ValidString(s) {
		return canonjson.AppendString(b, s)
	}
	fixed := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			fixed = utf8.AppendRune(fixed, utf8.RuneError)
		} else {
			fixed = append(fixed, s[i:i+size]...)
		}
		i += size
	}
	return canonjson.AppendBytes(b, fixed)
}
