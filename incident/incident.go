package incident

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Location is where a matter is: a point in a declared coordinate
// reference system. JSON: {"coordinates":[lng,lat],"crs":"gcj02"}. The
// zero Location means "no point yet": a matter reported with an address
// only, until a Locate command places it.
type Location struct {
	Point grid.Point `json:"coordinates"`
	CRS   grid.CRS   `json:"crs"`
}

// IsZero reports whether l is the zero Location: no point.
func (l Location) IsZero() bool { return l == Location{} }

// Validate checks the point's range and that the CRS is defined.
func (l Location) Validate() error {
	if err := l.Point.Validate(); err != nil {
		return err
	}
	if !l.CRS.IsValid() {
		_, err := l.CRS.MarshalText() // the error lists the valid names
		return fmt.Errorf("incident: location: %w", err)
	}
	return nil
}

// In returns the location converted to crs.
func (l Location) In(crs grid.CRS) (Location, error) {
	p, err := grid.Convert(l.Point, l.CRS, crs)
	if err != nil {
		return Location{}, err
	}
	return Location{Point: p, CRS: crs}, nil
}

// Contact is a reporter's personal contact data. It is masked in String,
// in fmt verbs, in log/slog records and in JSON; Reveal, and the
// envelopes of RecordCodec, are the only ways out in clear. Contacts
// compare with ==. Decoding into a nil *Contact is an error matching
// grassroots.ErrInvalid.
type Contact struct {
	name, phone string
}

// NewContact returns the contact of a named person.
func NewContact(name, phone string) Contact { return Contact{name: name, phone: phone} }

// Reveal returns the name and phone in clear. Call it only where the
// person's data is needed (calling the reporter back), never for logs.
func (c Contact) Reveal() (name, phone string) { return c.name, c.phone }

// IsZero reports whether the contact is empty.
func (c Contact) IsZero() bool { return c == Contact{} }

// Masked returns the contact with the name reduced to its first character
// and the phone to its first three and last four digits ("张*",
// "138****5678"). Masking a masked contact changes nothing.
func (c Contact) Masked() Contact { return Contact{name: maskName(c.name), phone: maskPhone(c.phone)} }

func maskName(s string) string {
	if s == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(s)
	if size == len(s) {
		return s
	}
	return string(r) + strings.Repeat("*", utf8.RuneCountInString(s)-1)
}

func maskPhone(s string) string {
	n := len(s)
	switch {
	case n == 0:
		return ""
	case n <= 7:
		return strings.Repeat("*", n)
	}
	return s[:3] + strings.Repeat("*", n-7) + s[n-4:]
}

// String returns the masked contact.
func (c Contact) String() string {
	m := c.Masked()
	return strings.TrimSpace(m.name + " " + m.phone)
}

// GoString returns the masked contact, so %#v does not leak it either.
func (c Contact) GoString() string { return "incident.Contact{" + c.String() + "}" }

// LogValue returns the masked contact, so log/slog never records it in
// clear.
func (c Contact) LogValue() slog.Value { return slog.StringValue(c.String()) }

type contactJSON struct {
	Name  string `json:"name,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// MarshalJSON writes the masked contact {"name","phone"}.
func (c Contact) MarshalJSON() ([]byte, error) {
	m := c.Masked()
	return json.Marshal(contactJSON{m.name, m.phone})
}

// UnmarshalJSON reads {"name","phone"} as given, masked or in clear.
func (c *Contact) UnmarshalJSON(b []byte) error {
	if c == nil {
		return validate.NilTarget("incident.Contact")
	}
	var v contactJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*c = Contact{name: v.Name, phone: v.Phone}
	return nil
}

// Term is a running time limit: the instant the clock started, the
// deadline, whether the limit counts working time (so that a share of it
// is measured in working time too), and whether the deadline rests on a
// provisional day of the calendar (workday.Deadline.Provisional: a day no
// published holiday notice covers yet). The zero Term is "no limit".
type Term struct {
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	Working     bool      `json:"working,omitempty"`
	Provisional bool      `json:"provisional,omitempty"`
}

// IsZero reports whether no limit runs.
func (t Term) IsZero() bool { return t.End.IsZero() }

// check records a missing term at path, a missing start and an end
// before the start.
func (t Term) check(p *validate.Problems, path string) {
	switch {
	case t.IsZero():
		p.Add(path, grassroots.RuleRequired, path+" is required")
	case t.Start.IsZero():
		p.Add(grassroots.JoinFieldPath(path, "start"), grassroots.RuleRequired, "start is required")
	case t.End.Before(t.Start):
		p.Add(grassroots.JoinFieldPath(path, "end"), grassroots.RuleOrder, "end must not be before start")
	}
}

// Incident is the state of one matter, built by Evolve from its events.
// The zero value is "not yet reported". Its JSON form (snake_case, contact
// masked) is a read model for display and APIs; it leaves out the log of
// the commands already applied, so the system of record is the event
// history, not a marshalled Incident. Incidents are plain values: copy
// them freely, but treat the slices (Media, Evidence) as read-only, as
// they are shared with the events that set them.
//
// An incident reported with an address only has a zero Location and no
// Grid until a Located event places it; it cannot be dispatched before.
//
// A nil *Incident answers as the zero Incident does, in Equal on either
// side too.
type Incident struct {
	ID       string    `json:"id"`
	Version  int       `json:"version"` // number of events applied
	Status   Status    `json:"status,omitzero"`
	Category string    `json:"category"`
	Channel  Channel   `json:"channel,omitzero"`
	Priority Priority  `json:"priority,omitzero"`
	Location Location  `json:"location,omitzero"` // zero: no point yet
	Grid     grid.Code `json:"grid,omitempty"`    // empty: not known
	Address  string    `json:"address,omitempty"`
	// AddressID is the address's ID in the reporter's address register.
	AddressID string `json:"address_id,omitempty"`
	// Description, Media and Contact are what the reporter supplied.
	Description string   `json:"description"`
	Media       []string `json:"media,omitempty"`
	Reporter    string   `json:"reporter"` // actor ID of the reporter
	Contact     Contact  `json:"contact,omitzero"`
	Platform    Platform `json:"platform,omitzero"`
	Unit        string   `json:"unit,omitempty"` // the responsible unit while dispatched or after

	ReportedAt time.Time `json:"reported_at,omitzero"`
	AcceptedAt time.Time `json:"accepted_at,omitzero"`
	ClosedAt   time.Time `json:"closed_at,omitzero"`  // the latest closure; zero while never closed
	UpdatedAt  time.Time `json:"updated_at,omitzero"` // time of the latest event

	AcceptTerm Term  `json:"accept_term,omitzero"` // acceptance limit, from the report
	HandleTerm Term  `json:"handle_term,omitzero"` // handling limit, from the latest dispatch, redo or extension
	Escalated  Level `json:"escalated,omitzero"`   // highest escalation sent for the running term; 0 none

	Resolution  string       `json:"resolution,omitempty"`
	Evidence    []string     `json:"evidence,omitempty"`
	Reject      RejectReason `json:"reject,omitzero"`
	DuplicateOf string       `json:"duplicate_of,omitempty"`

	FirstGrade Grade  `json:"first_grade,omitzero"` // the first rating ever given; 0 none
	Grade      Grade  `json:"grade,omitzero"`       // the latest rating; 0 none
	Comment    string `json:"comment,omitempty"`
	Rated      bool   `json:"rated,omitempty"` // rated since the latest closure

	Returns    int `json:"returns,omitempty"`
	Redos      int `json:"redos,omitempty"`
	Reopens    int `json:"reopens,omitempty"`
	Extensions int `json:"extensions,omitempty"`

	log grassroots.CommandLog // the commands applied, for idempotency
}

// Open reports whether the matter is open in Open311's sense: every
// status but closed and rejected.
func (s Status) Open() bool { return s != StatusClosed && s != StatusRejected }

// Deadline returns the deadline that runs in the current status: the
// acceptance deadline while reported, the handling deadline while
// dispatched or in progress. ok is false in every other status.
func (in *Incident) Deadline() (Term, bool) {
	if in == nil {
		return Term{}, false
	}
	switch in.Status {
	case StatusReported:
		return in.AcceptTerm, !in.AcceptTerm.IsZero()
	case StatusDispatched, StatusInProgress:
		return in.HandleTerm, !in.HandleTerm.IsZero()
	}
	return Term{}, false
}

// Located reports whether the matter has a point.
func (in *Incident) Located() bool { return in != nil && !in.Location.IsZero() }

// Commands returns the log of the commands applied to the incident: their
// IDs, names, actors and times, which make Decide idempotent. The log is
// an immutable value.
func (in *Incident) Commands() grassroots.CommandLog {
	if in == nil {
		return grassroots.CommandLog{}
	}
	return in.log
}

// Equal reports whether in and other hold the same state. Times compare
// with time.Time.Equal, so states replayed from JSON, whose times carry a
// different *time.Location, still compare equal.
func (in *Incident) Equal(other *Incident) bool {
	var a, b Incident
	if in != nil {
		a = *in
	}
	if other != nil {
		b = *other
	}
	for _, p := range [][2]*time.Time{
		{&a.ReportedAt, &b.ReportedAt}, {&a.AcceptedAt, &b.AcceptedAt}, {&a.ClosedAt, &b.ClosedAt},
		{&a.UpdatedAt, &b.UpdatedAt}, {&a.AcceptTerm.Start, &b.AcceptTerm.Start}, {&a.AcceptTerm.End, &b.AcceptTerm.End},
		{&a.HandleTerm.Start, &b.HandleTerm.Start}, {&a.HandleTerm.End, &b.HandleTerm.End},
	} {
		if !p[0].Equal(*p[1]) {
			return false
		}
		*p[0], *p[1] = time.Time{}, time.Time{}
	}
	return reflect.DeepEqual(a, b)
}
