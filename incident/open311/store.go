package open311

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/internal/nilvalue"
)

// Store keeps service requests for a Handler. Implementations wrap
// whatever the deployment stores incidents in; MemoryStore is one for tests
// and examples. Every method may block on I/O, so each takes a context.
type Store interface {
	// Load returns the record of one service request, or an error matching
	// ErrNotFound.
	Load(ctx context.Context, id string) (Record, error)
	// Save stores rec under rec.State.ID if the stored record's Revision
	// is still rec.Revision-1 (no record at all when rec.Revision is 1),
	// and otherwise returns an error matching ErrConflict and stores
	// nothing.
	Save(ctx context.Context, rec Record) error
	// List returns the records q matches, ordered as q.Less orders them,
	// after skipping q.Offset and at most q.Limit of them (0: no limit).
	List(ctx context.Context, q Query) ([]Record, error)
}

// Record is what a Store keeps for one service request: the incident's
// events and the state they build, the Open311 fields the incident does
// not model, and the updates received through servicerequestupdates.
// State must equal the replay of Events (incident.Decider.Replay); the
// Handler keeps it so. The address_string and address_id of a request
// are the incident's Address and AddressID. A nil *Record answers as the
// zero Record does.
type Record struct {
	// Revision counts saves, starting at 1; Save uses it to detect
	// concurrent changes.
	Revision int
	State    incident.Incident
	Events   []incident.Event
	// Zipcode and AccountID are kept as submitted.
	Zipcode   string
	AccountID string
	// Attributes are the submitted attribute values by code, those the
	// service defines and those it does not (FixMyStreet's own, such as
	// fixmystreet_id and report_url), in the order given.
	Attributes map[string][]string
	// Updates are the updates received, in the order received, whether or
	// not they changed the state.
	Updates []Update
}

// UpdatedAt returns the time of the latest change: the latest event or the
// latest received update that is newer.
func (r *Record) UpdatedAt() time.Time {
	r = r.zeroIfNil()
	t := r.State.UpdatedAt
	for _, u := range r.Updates {
		if u.UpdatedDatetime.After(t) {
			t = u.UpdatedDatetime.Time
		}
	}
	return t
}

// Status returns the request's current extended status and the time it
// took effect: the status of its latest status entry, where the entries
// are the incident's status changes (each described by StatusOf, or by
// the received update that caused it) and the received updates that
// changed no state. An update counts only when it is newer than the
// incident's latest status change, so an older update never overrides a
// newer state, and at equal times the incident's change wins. Updates
// with status unchanged are no entries. A record without events (built
// by hand) has its state's status, dated at ClosedAt when closed and at
// UpdatedAt otherwise.
func (r *Record) Status() (Status, time.Time) {
	r = r.zeroIfNil()
	s, at, _ := r.status()
	return s, at
}

// status returns the current status and its time, and the time of the
// incident's latest status change.
func (r *Record) status() (cur Status, curAt, changedAt time.Time) {
	cur, changedAt = StatusOf(r.State.Status, r.State.Reject), r.State.UpdatedAt
	if r.State.Status == incident.StatusClosed && !r.State.ClosedAt.IsZero() {
		changedAt = r.State.ClosedAt
	}
	causedBy := -1
	for _, e := range r.Events {
		if nilvalue.Is(e) {
			continue
		}
		if _, ok := statusAfter[e.EventName()]; !ok {
			continue
		}
		m := e.Metadata()
		changedAt, causedBy = m.At, r.updateIndex(commandUpdate(m.CommandID))
	}
	if causedBy >= 0 {
		cur = r.Updates[causedBy].Status
	}
	curAt = changedAt
	for _, u := range r.Updates {
		if u.Status != StatusUnchanged && u.Status.IsValid() && !u.UpdatedDatetime.Before(curAt) && u.UpdatedDatetime.After(changedAt) {
			cur, curAt = u.Status, u.UpdatedDatetime.Time
		}
	}
	return cur, curAt, changedAt
}

// updateIndex returns the position in r.Updates of the update with ID
// id, or -1.
func (r *Record) updateIndex(id string) int {
	if id == "" {
		return -1
	}
	return slices.IndexFunc(r.Updates, func(u Update) bool { return string(u.UpdateID) == id })
}

// RequestStatus returns the request's GeoReport v2 status: "closed" when
// its current status (see Status) closes it, or when the incident is
// closed or rejected; "open" otherwise. A received update that could not
// move the incident (no path, a missing duplicate_of) still closes the
// request when its status does, but never reopens a matter the incident
// closed or rejected.
func (r *Record) RequestStatus() string {
	r = r.zeroIfNil()
	status, _ := r.requestStatus()
	return status
}

// zeroIfNil returns r, or a zero Record for a nil r, so that a nil
// *Record answers as the zero value does.
func (r *Record) zeroIfNil() *Record {
	if r == nil {
		return new(Record)
	}
	return r
}

// requestStatus returns the GeoReport status and, for a closed request,
// the time it closed: that of its current status when that closes it,
// else the incident's latest status change (its closure or rejection).
func (r *Record) requestStatus() (string, time.Time) {
	cur, curAt, changedAt := r.status()
	switch {
	case cur.Closes():
		return "closed", curAt
	case !r.State.Status.Open():
		return "closed", changedAt
	}
	return "open", time.Time{}
}

// statusAfter maps the name of each incident event that changes the
// status to the status it leads to, from the incident transition table.
var statusAfter = func() map[string]incident.Status {
	m := make(map[string]incident.Status)
	for _, t := range incident.Transitions() {
		if t.To != 0 {
			m[t.Event] = t.To
		}
	}
	return m
}()

// clone returns a copy that shares no mutable slice or map with r.
func (r Record) clone() Record {
	r.Events = slices.Clone(r.Events)
	r.Updates = slices.Clone(r.Updates)
	if r.Attributes != nil {
		m := make(map[string][]string, len(r.Attributes))
		for k, v := range r.Attributes {
			m[k] = slices.Clone(v)
		}
		r.Attributes = m
	}
	return r
}

// Query selects service requests. Empty fields select everything; each
// list matches any of its entries; time bounds are inclusive and zero
// means unbounded. A nil *Query is the zero Query: it selects everything.
type Query struct {
	IDs          []string
	ServiceCodes []string
	// Statuses are request statuses, "open" or "closed".
	Statuses []string
	// RequestedFrom and RequestedTo bound the time of the report.
	RequestedFrom, RequestedTo time.Time
	// UpdatedFrom and UpdatedTo bound Record.UpdatedAt.
	UpdatedFrom, UpdatedTo time.Time
	Offset, Limit          int
}

// Match reports whether q selects r, ignoring Offset and Limit. A nil r
// is matched as the zero Record.
func (q *Query) Match(r *Record) bool {
	if q == nil {
		return true
	}
	r = r.zeroIfNil()
	s := &r.State
	up := r.UpdatedAt()
	switch {
	case len(q.IDs) > 0 && !slices.Contains(q.IDs, s.ID),
		len(q.ServiceCodes) > 0 && !slices.Contains(q.ServiceCodes, s.Category),
		len(q.Statuses) > 0 && !slices.Contains(q.Statuses, r.RequestStatus()),
		!q.RequestedFrom.IsZero() && s.ReportedAt.Before(q.RequestedFrom),
		!q.RequestedTo.IsZero() && s.ReportedAt.After(q.RequestedTo),
		!q.UpdatedFrom.IsZero() && up.Before(q.UpdatedFrom),
		!q.UpdatedTo.IsZero() && up.After(q.UpdatedTo):
		return false
	}
	return true
}

// Less orders records newest report first, then by ID, so pages are
// stable. A nil record is ordered as the zero Record.
func (q *Query) Less(a, b *Record) int {
	a = a.zeroIfNil()
	b = b.zeroIfNil()
	if c := b.State.ReportedAt.Compare(a.State.ReportedAt); c != 0 {
		return c
	}
	return cmp.Compare(a.State.ID, b.State.ID)
}

// MemoryStore is a Store in memory, for tests and examples. The zero value
// is empty and ready; it is safe for concurrent use. It copies records in
// and out, so callers cannot change what it holds. A nil *MemoryStore is
// empty and stays so: Save returns an error matching
// grassroots.ErrInvalid.
type MemoryStore struct {
	mu      sync.Mutex
	records map[string]Record
}

// Load implements Store.
func (m *MemoryStore) Load(ctx context.Context, id string) (Record, error) {
	if err := ctx.Err(); err != nil {
		return Record{}, err
	}
	if m == nil {
		return Record{}, ErrNotFound
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.records[id]
	if !ok {
		return Record{}, ErrNotFound
	}
	return r.clone(), nil
}

// Save implements Store.
func (m *MemoryStore) Save(ctx context.Context, rec Record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if m == nil {
		return fmt.Errorf("%w: cannot save into a nil *open311.MemoryStore", grassroots.ErrInvalid)
	}
	for i, e := range rec.Events {
		if nilvalue.Is(e) {
			return fmt.Errorf("open311: record %q: event %d is nil", rec.State.ID, i)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.records == nil {
		m.records = make(map[string]Record)
	}
	old, ok := m.records[rec.State.ID]
	if (ok && old.Revision != rec.Revision-1) || (!ok && rec.Revision != 1) {
		return ErrConflict
	}
	m.records[rec.State.ID] = rec.clone()
	return nil
}

// List implements Store.
func (m *MemoryStore) List(ctx context.Context, q Query) ([]Record, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, nil
	}
	m.mu.Lock()
	var out []Record
	for _, id := range slices.Sorted(maps.Keys(m.records)) {
		r := m.records[id]
		if q.Match(&r) {
			out = append(out, r.clone())
		}
	}
	m.mu.Unlock()
	slices.SortStableFunc(out, func(a, b Record) int { return q.Less(&a, &b) })
	out = out[min(max(q.Offset, 0), len(out)):]
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// updateCommandPrefix starts the ID of every command an update causes:
// "upd:<update_id>/<op>", at most 4+50+1+8 = 63 characters, within
// incident.MaxCodeLen.
const updateCommandPrefix = "upd:"

// commandUpdate returns the update ID that caused a command, from the
// command IDs the Handler gives ("<update_id>/<op>"), or "".
func commandUpdate(commandID string) string {
	i := strings.LastIndexByte(commandID, '/')
	if i < 0 || !strings.HasPrefix(commandID, updateCommandPrefix) {
		return ""
	}
	return commandID[len(updateCommandPrefix):i]
}
