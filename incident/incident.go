package incident

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots/grid"
)

// Location is where a matter is: a point in a declared coordinate
// reference system. JSON: {"coordinates":[lng,lat],"crs":"gcj02"}.
type Location struct {
	Point grid.Point `json:"coordinates"`
	CRS   grid.CRS   `json:"crs"`
}

// Validate checks the point's range and that the CRS is defined.
func (l Location) Validate() error {
	if err := l.Point.Validate(); err != nil {
		return err
	}
	if _, err := l.CRS.MarshalText(); err != nil {
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
// in fmt verbs and in JSON; Reveal is the one call that returns it in
// clear. Contacts compare with ==.
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

type contactJSON struct {
	Name  string `json:"name,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// MarshalJSON writes the masked contact {"name","phone"}.
func (c Contact) MarshalJSON() ([]byte, error) {
	m := c.Masked()
	return json.Marshal(contactJSON{m.name, m.phone})
}

// UnmarshalJSON reads {"name","phone"} as given.
func (c *Contact) UnmarshalJSON(b []byte) error {
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

// Incident is the state of one matter, built by Evolve from its events.
// The zero value is "not yet reported". Its JSON form (snake_case, contact
// masked) is a read model for display and APIs; it leaves out the IDs of
// the commands already applied, so the system of record is the event
// history, not a marshalled Incident. Incidents are plain values: copy
// them freely, but treat the slices (Media, Evidence) as read-only, as
// they are shared with the events that set them.
type Incident struct {
	ID       string    `json:"id"`
	Version  int       `json:"version"` // number of events applied
	Status   Status    `json:"status,omitzero"`
	Category string    `json:"category"`
	Channel  Channel   `json:"channel,omitzero"`
	Priority Priority  `json:"priority,omitzero"`
	Location Location  `json:"location,omitzero"`
	Grid     grid.Code `json:"grid,omitempty"`
	Address  string    `json:"address,omitempty"`
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

	seen []uint64 // FNV-1a hashes of applied command IDs
}

// Open reports whether the matter is open in Open311's sense: every
// status but closed and rejected.
func (s Status) Open() bool { return s != StatusClosed && s != StatusRejected }

// Deadline returns the deadline that runs in the current status: the
// acceptance deadline while reported, the handling deadline while
// dispatched or in progress. ok is false in every other status.
func (in *Incident) Deadline() (Term, bool) {
	switch in.Status {
	case StatusReported:
		return in.AcceptTerm, !in.AcceptTerm.IsZero()
	case StatusDispatched, StatusInProgress:
		return in.HandleTerm, !in.HandleTerm.IsZero()
	}
	return Term{}, false
}

// Seen reports whether a command with this ID has been applied. It uses a
// 64-bit hash per command, so two different IDs collide with probability
// about n²/2⁶⁵ for n commands of one incident.
func (in *Incident) Seen(commandID string) bool {
	h := hashID(commandID)
	for _, s := range in.seen {
		if s == h {
			return true
		}
	}
	return false
}

func hashID(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}

// Equal reports whether in and other hold the same state. Times compare
// with time.Time.Equal, so states replayed from JSON, whose times carry a
// different *time.Location, still compare equal.
func (in *Incident) Equal(other *Incident) bool {
	a, b := *in, *other
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
