package incident

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/internal/canonjson"
	"github.com/grassrootsgov/grassroots/workday"
)

// The codecs read an event's data with the reader below, the mirror of
// the writer in encode.go, rather than with the root codec's reflection,
// which dominated the cost of decoding a matter's events. It reads only
// data in RFC 8785 form as the writer writes it and envelopes store it:
// no white space, members in increasing order of their names, each at
// most once, strings without escapes or noncharacters, numbers in their
// ECMAScript form. For that data it gives the value encoding/json gives;
// for any other (white space, another order, an escape, a null, an
// unknown member, a value a type refuses) it gives up, and the codec
// decodes the data as it would without it, with its own errors. Because
// what it takes is canonical, the codec hashes that data as it is when
// it verifies a chain. A differential test and a fuzz target hold it to
// encoding/json and to canonjson.IsCanonical for every event type.

// decodeEvent is the data decoder of Codec and RecordCodec.
func decodeEvent(name string, data []byte) (Event, bool) {
	r := &dataReader{in: data}
	var e Event
	switch name {
	case "reported":
		e = r.reported()
	case "accepted":
		var v Accepted
		for m := r.open(); r.more(&m); {
			r.metaMember(&v.Meta, m.name)
		}
		e = v
	case "rejected":
		var v Rejected
		for m := r.open(); r.more(&m); {
			switch m.name {
			case "duplicate_of":
				v.DuplicateOf = r.str()
			case "note":
				v.Note = r.str()
			case "reason":
				v.Reason = parsed(r, ParseRejectReason)
			default:
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	case "dispatched":
		var v Dispatched
		for m := r.open(); r.more(&m); {
			switch m.name {
			case "handle_term":
				r.term(&v.HandleTerm)
			case "platform":
				v.Platform = parsed(r, ParsePlatform)
			case "unit":
				v.Unit = r.str()
			default:
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	case "returned":
		var v Returned
		for m := r.open(); r.more(&m); {
			if m.name == "reason" {
				v.Reason = r.str()
			} else {
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	case "started":
		var v Started
		for m := r.open(); r.more(&m); {
			r.metaMember(&v.Meta, m.name)
		}
		e = v
	case "resolved":
		var v Resolved
		for m := r.open(); r.more(&m); {
			switch m.name {
			case "evidence":
				v.Evidence = r.strs()
			case "result":
				v.Result = r.str()
			default:
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	case "closed":
		var v Closed
		for m := r.open(); r.more(&m); {
			if m.name == "note" {
				v.Note = r.str()
			} else {
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	case "reopened":
		var v Reopened
		for m := r.open(); r.more(&m); {
			if m.name == "reason" {
				v.Reason = r.str()
			} else {
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	case "redo_ordered":
		var v RedoOrdered
		for m := r.open(); r.more(&m); {
			switch m.name {
			case "handle_term":
				r.term(&v.HandleTerm)
			case "unit":
				v.Unit = r.str()
			default:
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	case "escalated":
		var v Escalated
		for m := r.open(); r.more(&m); {
			switch m.name {
			case "deadline":
				r.time(&v.Deadline)
			case "level":
				v.Level = parsed(r, ParseLevel)
			default:
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	case "extended":
		var v Extended
		for m := r.open(); r.more(&m); {
			switch m.name {
			case "by":
				for m := r.open(); r.more(&m); {
					switch m.name {
					case "amount":
						v.By.Amount = r.integer()
					case "unit":
						v.By.Unit = parsed(r, workday.ParseUnit)
					default:
						r.fail()
					}
				}
			case "handle_term":
				r.term(&v.HandleTerm)
			case "reason":
				v.Reason = r.str()
			case "requested_at":
				r.time(&v.RequestedAt)
			default:
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	case "rated":
		var v Rated
		for m := r.open(); r.more(&m); {
			switch m.name {
			case "comment":
				v.Comment = r.str()
			case "grade":
				v.Grade = parsed(r, ParseGrade)
			case "substantive":
				v.Substantive = r.boolean()
			default:
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	case "located":
		var v Located
		for m := r.open(); r.more(&m); {
			switch m.name {
			case "grid":
				v.Grid = grid.Code(r.str())
			case "location":
				r.location(&v.Location)
			default:
				r.metaMember(&v.Meta, m.name)
			}
		}
		e = v
	default:
		return nil, false
	}
	if r.bad || r.pos != len(r.in) {
		return nil, false
	}
	return e, true
}

func (r *dataReader) reported() Event {
	var v Reported
	for m := r.open(); r.more(&m); {
		switch m.name {
		case "accept_term":
			r.term(&v.AcceptTerm)
		case "address":
			v.Address = r.str()
		case "address_id":
			v.AddressID = r.str()
		case "category":
			v.Category = r.str()
		case "channel":
			v.Channel = parsed(r, ParseChannel)
		case "contact":
			for m := r.open(); r.more(&m); {
				switch m.name {
				case "name":
					v.Contact.name = r.str()
				case "phone":
					v.Contact.phone = r.str()
				default:
					r.fail()
				}
			}
		case "description":
			v.Description = r.str()
		case "grid":
			v.Grid = grid.Code(r.str())
		case "location":
			r.location(&v.Location)
		case "media":
			v.Media = r.strs()
		case "priority":
			v.Priority = parsed(r, ParsePriority)
		default:
			r.metaMember(&v.Meta, m.name)
		}
	}
	return v
}

// dataReader reads one event's data. Once bad, it reads nothing more.
type dataReader struct {
	in  []byte
	pos int
	bad bool
	// text is the input as one string, made at the first string read:
	// the strings decoded share it, so an event's strings cost one
	// allocation, not one each.
	text string
}

func (r *dataReader) fail() { r.bad = true }

// next reports whether the byte at the position is c, and moves past it.
func (r *dataReader) next(c byte) bool {
	if r.pos < len(r.in) && r.in[r.pos] == c {
		r.pos++
		return true
	}
	return false
}

// member is the state of reading an object: the name of its last
// member read, and whether one was.
type member struct {
	name    string
	started bool
}

// open starts reading an object, which more then walks:
//
//	for m := r.open(); r.more(&m); {
//		switch m.name { … } // read the value, or fail
//	}
func (r *dataReader) open() member {
	if r.bad || !r.next('{') {
		r.fail()
	}
	return member{}
}

// more moves to the next member of the object m reads, leaving its name
// in m and the position at its value, and reports whether there is one;
// at the end of the object, or failing, it reports false. The names must
// increase strictly, as in canonical data: no name repeats.
func (r *dataReader) more(m *member) bool {
	if r.bad {
		return false
	}
	if r.next('}') {
		return false
	}
	if m.started && !r.next(',') {
		r.fail()
		return false
	}
	name := r.name()
	if r.bad || name <= m.name || !r.next(':') {
		r.fail()
		return false
	}
	m.name, m.started = name, true
	return true
}

// metaMember reads the member name of the Meta, or fails on a name that
// is not one.
func (r *dataReader) metaMember(m *grassroots.Meta, name string) {
	switch name {
	case "actor":
		r.actor(&m.Actor)
	case "aggregate_id":
		m.AggregateID = r.str()
	case "at":
		r.time(&m.At)
	case "command_id":
		m.CommandID = r.str()
	default:
		r.fail()
	}
}

func (r *dataReader) actor(a *grassroots.Actor) {
	for m := r.open(); r.more(&m); {
		switch m.name {
		case "id":
			a.ID = r.str()
		case "organization":
			a.Organization = r.str()
		case "party":
			a.Party = parsed(r, grassroots.ParseParty)
		case "roles":
			a.Roles = r.strs()
		default:
			r.fail()
		}
	}
}

func (r *dataReader) term(t *Term) {
	for m := r.open(); r.more(&m); {
		switch m.name {
		case "end":
			r.time(&t.End)
		case "provisional":
			t.Provisional = r.boolean()
		case "start":
			r.time(&t.Start)
		case "working":
			t.Working = r.boolean()
		default:
			r.fail()
		}
	}
}

// location reads a Location: its point as grid.Point's UnmarshalJSON
// reads it, two finite numbers in range.
func (r *dataReader) location(l *Location) {
	for m := r.open(); r.more(&m); {
		switch m.name {
		case "coordinates":
			if !r.next('[') {
				r.fail()
				return
			}
			p := grid.Point{Lng: r.float()}
			if !r.next(',') {
				r.fail()
				return
			}
			p.Lat = r.float()
			if !r.next(']') || p.Validate() != nil {
				r.fail()
				return
			}
			l.Point = p
		case "crs":
			l.CRS = parsed(r, grid.ParseCRS)
		default:
			r.fail()
		}
	}
}

// name reads a member name of lower-case ASCII letters and underscores,
// the names of every member the reader knows; it fails on any other.
func (r *dataReader) name() string {
	if r.bad || !r.next('"') {
		r.fail()
		return ""
	}
	start := r.pos
	for r.pos < len(r.in) {
		switch c := r.in[r.pos]; {
		case c >= 'a' && c <= 'z' || c == '_':
			r.pos++
		case c == '"':
			r.pos++
			if r.text == "" {
				r.text = string(r.in)
			}
			return r.text[start : r.pos-1]
		default:
			r.fail()
			return ""
		}
	}
	r.fail()
	return ""
}

// span reads a string without escapes whose content is valid UTF-8
// without noncharacters, a string RFC 8785 writes as it is, and returns
// the offsets of its content.
func (r *dataReader) span() (start, end int) {
	if r.bad || !r.next('"') {
		r.fail()
		return 0, 0
	}
	start = r.pos
	ascii := true
	for i := start; ; {
		if i = canonjson.FirstSpecial(r.in, i); i >= len(r.in) {
			r.fail()
			return 0, 0
		}
		switch c := r.in[i]; {
		case c == '"':
			if !ascii && !canonjson.IsTextBytes(r.in[start:i]) {
				r.fail()
				return 0, 0
			}
			r.pos = i + 1
			return start, i
		case c >= utf8.RuneSelf:
			ascii = false
			i++
		default: // a backslash or a control character
			r.fail()
			return 0, 0
		}
	}
}

// str reads a string.
func (r *dataReader) str() string {
	start, end := r.span()
	if r.bad {
		return ""
	}
	if r.text == "" {
		r.text = string(r.in)
	}
	return r.text[start:end]
}

// strs reads an array of strings; an empty one is an empty slice, not
// nil, as encoding/json reads it.
func (r *dataReader) strs() []string {
	if r.bad || !r.next('[') {
		r.fail()
		return nil
	}
	var buf [8]string
	out := buf[:0]
	if r.next(']') {
		return []string{}
	}
	for !r.bad {
		out = append(out, r.str())
		if r.next(']') {
			return append(make([]string, 0, len(out)), out...)
		}
		if !r.next(',') {
			r.fail()
		}
	}
	return nil
}

// parsed reads a string and parses it with parse, the function behind
// the type's UnmarshalText, which encoding/json calls.
func parsed[T any](r *dataReader, parse func(string) (T, error)) T {
	v, err := parse(r.str())
	if err != nil && !r.bad {
		r.fail()
	}
	return v
}

// time reads a time as time.Time's UnmarshalJSON does, which for a
// string without escapes is its UnmarshalText of the content.
func (r *dataReader) time(t *time.Time) {
	start, end := r.span()
	if !r.bad && t.UnmarshalText(r.in[start:end]) != nil {
		r.fail()
	}
}

func (r *dataReader) boolean() bool {
	switch {
	case r.bad:
	case r.literal("true"):
		return true
	case r.literal("false"):
		return false
	}
	r.fail()
	return false
}

func (r *dataReader) literal(word string) bool {
	if len(r.in)-r.pos >= len(word) && string(r.in[r.pos:r.pos+len(word)]) == word {
		r.pos += len(word)
		return true
	}
	return false
}

// number reads a number literal, checked against the JSON grammar, and
// returns it and whether it is an integer (no fraction, no exponent).
func (r *dataReader) number() (lit []byte, integer bool) {
	if r.bad {
		return nil, false
	}
	start := r.pos
	r.next('-')
	switch {
	case r.next('0'):
	case r.digits() == 0:
		r.fail()
		return nil, false
	}
	integer = true
	if r.next('.') {
		integer = false
		if r.digits() == 0 {
			r.fail()
			return nil, false
		}
	}
	if r.next('e') || r.next('E') {
		integer = false
		if !r.next('+') {
			r.next('-')
		}
		if r.digits() == 0 {
			r.fail()
			return nil, false
		}
	}
	return r.in[start:r.pos], integer
}

func (r *dataReader) digits() int {
	n := 0
	for r.pos < len(r.in) && r.in[r.pos] >= '0' && r.in[r.pos] <= '9' {
		r.pos++
		n++
	}
	return n
}

// integer reads an int as encoding/json does, taking only an integer of
// at most 15 digits other than -0: one whose RFC 8785 form is its own.
func (r *dataReader) integer() int {
	lit, integer := r.number()
	digits := len(lit)
	if digits > 0 && lit[0] == '-' {
		digits--
	}
	if r.bad || !integer || digits > 15 || string(lit) == "-0" {
		r.fail()
		return 0
	}
	n, err := strconv.ParseInt(string(lit), 10, strconv.IntSize)
	if err != nil {
		r.fail()
		return 0
	}
	return int(n)
}

// float reads a float64 as encoding/json does, taking only a number in
// its RFC 8785 form.
func (r *dataReader) float() float64 {
	lit, _ := r.number()
	if r.bad {
		return 0
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		r.fail()
		return 0
	}
	var scratch [32]byte
	if out, err := canonjson.AppendNumber(scratch[:0], f); err != nil || string(out) != string(lit) {
		r.fail()
		return 0
	}
	return f
}
