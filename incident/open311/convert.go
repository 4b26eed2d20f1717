package open311

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/workday"
)

// Services lists the catalogue's categories as Open311 services, in code
// order. A category with attributes in defs has Metadata true. The group is
// the category's platform, so clients can group services the way
// dispatchers route them.
func Services(catalog *incident.Catalog, defs map[string][]Attribute) []Service {
	cats := catalog.Categories()
	out := make([]Service, len(cats))
	for i, c := range cats {
		out[i] = Service{
			ServiceCode: ID(c.Code),
			ServiceName: c.Name,
			Description: c.Name,
			Metadata:    len(defs[c.Code]) > 0,
			Type:        "realtime",
			Group:       c.Platform.String(),
		}
	}
	return out
}

// Definition returns the service definition of one category: its
// attributes from defs, in their order, or an empty list, since the
// incident catalogue itself defines no attributes.
func Definition(c incident.Category, defs map[string][]Attribute) ServiceDefinition {
	attrs := slices.Clone(defs[c.Code])
	if attrs == nil {
		attrs = []Attribute{}
	}
	slices.SortStableFunc(attrs, func(a, b Attribute) int { return a.Order - b.Order })
	return ServiceDefinition{ServiceCode: ID(c.Code), Attributes: attrs}
}

// Notice returns the service notice of a category: its handling limit and
// close condition, in English.
func Notice(c incident.Category) string {
	s := "Handled within " + limitText(c.HandleLimit)
	if c.CloseCondition != "" {
		s += "; closed when " + c.CloseCondition
	}
	return s + "."
}

var unitWords = map[workday.Unit][2]string{
	workday.CalendarMinutes: {"minute", "minutes"},
	workday.CalendarHours:   {"hour", "hours"},
	workday.CalendarDays:    {"day", "days"},
	workday.WorkingHours:    {"working hour", "working hours"},
	workday.WorkingDays:     {"working day", "working days"},
}

func limitText(l workday.Limit) string {
	w, ok := unitWords[l.Unit]
	if !ok {
		return l.String()
	}
	if l.Amount == 1 {
		return "1 " + w[0]
	}
	return strconv.Itoa(l.Amount) + " " + w[1]
}

// ToRequest converts a stored record to the service request Open311
// shows: status open or closed, agency_responsible the responsible unit,
// expected_datetime the handling deadline, updated_datetime the close time
// once closed and otherwise the latest change, lat and long in WGS84
// converted from the incident's CRS, media_url the first media URL, and
// status_notes the latest note (see the package doc). Datetimes are in loc
// (their own location when loc is nil) with whole seconds. An unknown
// category leaves service_name and service_notice empty. The only error is
// a location that does not convert.
func ToRequest(rec *Record, catalog *incident.Catalog, loc *time.Location) (Request, error) {
	s := &rec.State
	p, err := grid.Convert(s.Location.Point, s.Location.CRS, grid.WGS84)
	if err != nil {
		return Request{}, fmt.Errorf("open311: request %q: %w", s.ID, err)
	}
	in := func(t time.Time) Datetime {
		if loc != nil && !t.IsZero() {
			t = t.In(loc)
		}
		return DatetimeOf(t)
	}
	updated := rec.UpdatedAt()
	if s.Status == incident.StatusClosed {
		updated = s.ClosedAt
	}
	r := Request{
		ServiceRequestID:  ID(s.ID),
		Status:            RequestStatus(s.Status),
		StatusNotes:       statusNotes(rec),
		ServiceCode:       ID(s.Category),
		Description:       s.Description,
		AgencyResponsible: s.Unit,
		RequestedDatetime: in(s.ReportedAt),
		UpdatedDatetime:   in(updated),
		ExpectedDatetime:  in(s.HandleTerm.End),
		Address:           s.Address,
		AddressID:         ID(rec.AddressID),
		Zipcode:           ID(rec.Zipcode),
		Lat:               &p.Lat,
		Long:              &p.Lng,
	}
	if c, ok := catalog.Lookup(s.Category); ok {
		r.ServiceName = c.Name
		r.ServiceNotice = Notice(c)
	}
	if len(s.Media) > 0 {
		r.MediaURL = s.Media[0]
	}
	return r, nil
}

// statusNotes returns the text of the latest event or received update
// that carries one; an update counts when it is not older than the event.
func statusNotes(rec *Record) string {
	var note string
	var at time.Time
	for _, e := range rec.Events {
		if t := eventNote(e); t != "" {
			note, at = t, e.Metadata().At
		}
	}
	for _, u := range rec.Updates {
		if u.Description != "" && !u.UpdatedDatetime.Before(at) {
			note, at = u.Description, u.UpdatedDatetime.Time
		}
	}
	return note
}

// eventNote returns the free text an event carries for the public.
func eventNote(e incident.Event) string {
	switch e := e.(type) {
	case incident.Rejected:
		if e.Note != "" {
			return e.Note
		}
		return "Rejected: " + e.Reason.String()
	case incident.Returned:
		return e.Reason
	case incident.Resolved:
		return e.Result
	case incident.Closed:
		return e.Note
	case incident.Reopened:
		return e.Reason
	case incident.Extended:
		return e.Reason
	}
	return ""
}

// Updates lists the updates of one record in time order: every received
// update as received, and for each event that changed the status without
// being caused by a received update, an update with the extended status
// StatusOf gives (update_id "<request ID>/<command ID>/<event>").
// Escalations, extensions and ratings change no status and are not listed.
func Updates(rec *Record, loc *time.Location) []Update {
	received := make(map[string]bool, len(rec.Updates))
	out := make([]Update, 0, len(rec.Updates)+len(rec.Events))
	for _, u := range rec.Updates {
		received[u.UpdateID] = true
		if loc != nil {
			u.UpdatedDatetime = Datetime{u.UpdatedDatetime.In(loc)}
		}
		out = append(out, u)
	}
	var state incident.Incident
	var replay incident.Decider // replaying needs no configuration
	for _, e := range rec.Events {
		before := state.Status
		next, err := replay.Evolve(state, e)
		if err != nil {
			break // a history Replay refuses has no further updates to list
		}
		state = next
		m := e.Metadata()
		if state.Status == before || before == 0 || received[commandUpdate(m.CommandID)] {
			continue
		}
		at := m.At
		if loc != nil {
			at = at.In(loc)
		}
		u := Update{
			UpdateID:         rec.State.ID + "/" + m.CommandID + "/" + e.EventName(),
			ServiceRequestID: ID(rec.State.ID),
			Status:           StatusOf(state.Status, state.Reject).String(),
			UpdatedDatetime:  DatetimeOf(at),
			Description:      eventNote(e),
		}
		if r, ok := e.(incident.Resolved); ok && len(r.Evidence) > 0 {
			u.MediaURL = r.Evidence[0]
		}
		out = append(out, u)
	}
	slices.SortStableFunc(out, func(a, b Update) int { return a.UpdatedDatetime.Compare(b.UpdatedDatetime.Time) })
	return out
}
