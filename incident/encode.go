package incident

import (
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// The event data encoder writes the same JSON members as encoding/json
// would from the events' struct tags, without reflection: sealing is on
// the path of every event that leaves the process. A test checks that both
// encodings decode to the same value for every event type.

// jsonWriter appends one JSON value; it records the first error and
// ignores everything after it.
type jsonWriter struct {
	b   []byte
	err error
}

var errEncode = errors.New("incident: value cannot be encoded as JSON")

func (w *jsonWriter) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("%w: "+format, append([]any{errEncode}, args...)...)
	}
}

func (w *jsonWriter) open() { w.b = append(w.b, '{') }

func (w *jsonWriter) close() { w.b = append(w.b, '}') }

// key writes a member name, preceded by a comma unless it is the first
// member of its object.
func (w *jsonWriter) key(k string) {
	if n := len(w.b); n > 0 && w.b[n-1] != '{' && w.b[n-1] != '[' {
		w.b = append(w.b, ',')
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, '"', ':')
}

func (w *jsonWriter) str(k, s string) {
	if !utf8.ValidString(s) {
		w.fail("%s is not valid UTF-8", k)
		return
	}
	w.key(k)
	w.b = canonjson.AppendString(w.b, s)
}

func (w *jsonWriter) strOmit(k, s string) {
	if s != "" {
		w.str(k, s)
	}
}

// text writes an enum's wire name. Wire names are lower_snake ASCII, so
// they need no escaping.
func (w *jsonWriter) text(k string, v interface {
	AppendText([]byte) ([]byte, error)
}) {
	w.key(k)
	w.b = append(w.b, '"')
	b, err := v.AppendText(w.b)
	if err != nil {
		w.fail("%s: %v", k, err)
		return
	}
	w.b = append(b, '"')
}

func (w *jsonWriter) time(k string, t time.Time) {
	if y := t.Year(); y < 0 || y > 9999 {
		w.fail("%s: year %d outside 0-9999", k, y)
		return
	}
	w.key(k)
	w.b = append(w.b, '"')
	w.b = t.AppendFormat(w.b, time.RFC3339Nano)
	w.b = append(w.b, '"')
}

func (w *jsonWriter) boolOmit(k string, v bool) {
	if v {
		w.key(k)
		w.b = append(w.b, "true"...)
	}
}

func (w *jsonWriter) strs(k string, list []string) {
	if len(list) == 0 {
		return
	}
	w.key(k)
	w.b = append(w.b, '[')
	for i, s := range list {
		if i > 0 {
			w.b = append(w.b, ',')
		}
		if !utf8.ValidString(s) {
			w.fail("%s[%d] is not valid UTF-8", k, i)
			return
		}
		w.b = canonjson.AppendString(w.b, s)
	}
	w.b = append(w.b, ']')
}

func (w *jsonWriter) meta(m Meta) {
	w.str("incident_id", m.Incident)
	w.str("command_id", m.Command)
	w.actor(m.Actor)
	w.time("at", m.At)
}

func (w *jsonWriter) actor(a grassroots.Actor) {
	w.key("actor")
	w.open()
	w.str("id", a.ID)
	w.text("party", a.Party)
	w.strOmit("organization", a.Organization)
	w.strs("roles", a.Roles)
	w.close()
}

func (w *jsonWriter) term(k string, t Term, omitZero bool) {
	if omitZero && t.IsZero() {
		return
	}
	w.key(k)
	w.open()
	w.time("start", t.Start)
	w.time("end", t.End)
	w.boolOmit("working", t.Working)
	w.boolOmit("provisional", t.Provisional)
	w.close()
}

func (w *jsonWriter) location(l Location) {
	p, err := l.Point.MarshalJSON()
	if err != nil {
		w.fail("location: %v", err)
		return
	}
	w.key("location")
	w.open()
	w.key("coordinates")
	w.b = append(w.b, p...)
	crs, err := l.CRS.MarshalText()
	if err != nil {
		w.fail("location: %v", err)
		return
	}
	w.key("crs")
	w.b = canonjson.AppendString(w.b, string(crs))
	w.close()
}

// appendEventJSON appends the data of e.
func appendEventJSON(dst []byte, e Event, revealContact bool) ([]byte, error) {
	w := jsonWriter{b: dst}
	w.open()
	w.meta(e.Metadata())
	switch e := e.(type) {
	case Reported:
		w.str("category", e.Category)
		w.text("channel", e.Channel)
		w.text("priority", e.Priority)
		w.location(e.Location)
		w.strOmit("grid", string(e.Grid))
		w.strOmit("address", e.Address)
		w.str("description", e.Description)
		w.strs("media", e.Media)
		if !e.Contact.IsZero() {
			c := e.Contact
			if !revealContact {
				c = c.Masked()
			}
			w.key("contact")
			w.open()
			w.strOmit("name", c.name)
			w.strOmit("phone", c.phone)
			w.close()
		}
		w.term("accept_term", e.AcceptTerm, true)
	case Accepted, Started:
	case Rejected:
		w.text("reason", e.Reason)
		w.strOmit("duplicate_of", e.DuplicateOf)
		w.strOmit("note", e.Note)
	case Dispatched:
		w.text("platform", e.Platform)
		w.str("unit", e.Unit)
		w.term("handle_term", e.HandleTerm, false)
	case Returned:
		w.str("reason", e.Reason)
	case Resolved:
		w.str("result", e.Result)
		w.strs("evidence", e.Evidence)
	case Closed:
		w.strOmit("note", e.Note)
	case Reopened:
		w.str("reason", e.Reason)
		w.boolOmit("redo", e.Redo)
		w.term("handle_term", e.HandleTerm, true)
	case Escalated:
		w.text("level", e.Level)
		w.time("deadline", e.Deadline)
	case Extended:
		w.time("requested_at", e.RequestedAt)
		w.key("by")
		w.open()
		w.key("amount")
		w.b = strconv.AppendInt(w.b, int64(e.By.Amount), 10)
		w.text("unit", e.By.Unit)
		w.close()
		w.term("handle_term", e.HandleTerm, false)
		w.strOmit("reason", e.Reason)
	case Rated:
		w.text("grade", e.Grade)
		w.strOmit("comment", e.Comment)
		w.boolOmit("substantive", e.Substantive)
	default:
		return dst, fmt.Errorf("%w: %T", ErrUnknownEvent, e)
	}
	w.close()
	if w.err != nil {
		return dst, w.err
	}
	return w.b, nil
}
