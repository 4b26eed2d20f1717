package open311

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/internal/nilvalue"
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
// shows: status open or closed (see Record.RequestStatus),
// agency_responsible the responsible unit, expected_datetime the
// handling deadline, updated_datetime the time the request closed once
// closed and otherwise its latest change, lat and long in WGS84 converted
// from the incident's CRS (nil while the incident has no point),
// media_url the first media URL, and status_notes the latest note (see
// the package doc). Datetimes are in loc (their own location when loc is
// nil) with whole seconds. An unknown category leaves service_name and
// service_notice empty. Attributes are left out; RequestAttributes lists
// them. The only error is a location that does not convert. A nil rec
// converts as the zero Record does.
func ToRequest(rec *Record, catalog *incident.Catalog, loc *time.Location) (Request, error) {
	rec = rec.zeroIfNil()
	s := &rec.State
	in := func(t time.Time) Datetime {
		if loc != nil && !t.IsZero() {
			t = t.In(loc)
		}
		return DatetimeOf(t)
	}
	status, closedAt := rec.requestStatus()
	updated := rec.UpdatedAt()
	if status == "closed" {
		updated = closedAt
	}
	r := Request{
		ServiceRequestID:  ID(s.ID),
		Status:            status,
		StatusNotes:       statusNotes(rec),
		ServiceCode:       ID(s.Category),
		Description:       s.Description,
		AgencyResponsible: s.Unit,
		RequestedDatetime: in(s.ReportedAt),
		UpdatedDatetime:   in(updated),
		ExpectedDatetime:  in(s.HandleTerm.End),
		Address:           s.Address,
		AddressID:         ID(s.AddressID),
		Zipcode:           ID(rec.Zipcode),
	}
	if s.Located() {
		p, err := grid.Convert(s.Location.Point, s.Location.CRS, grid.WGS84)
		if err != nil {
			return Request{}, fmt.Errorf("open311: request %q: %w", s.ID, err)
		}
		r.Lat, r.Long = &p.Lat, &p.Lng
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

// RequestAttributes lists the attribute values of a record for GET
// requests with extensions=true, in code order and, within a code, in the
// order given. defs are the service's attributes: a defined attribute is
// labelled with its description, and a list attribute's key is shown with
// its name; an attribute the service does not define is shown as
// submitted, without a label. A nil rec has none.
func RequestAttributes(rec *Record, defs []Attribute) []RequestAttribute {
	if rec == nil || len(rec.Attributes) == 0 {
		return nil
	}
	byCode := make(map[string]Attribute, len(defs))
	for _, d := range defs {
		byCode[d.Code] = d
	}
	codes := make([]string, 0, len(rec.Attributes))
	for c := range rec.Attributes {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var out []RequestAttribute
	for _, c := range codes {
		d, defined := byCode[c]
		for _, v := range rec.Attributes[c] {
			a := RequestAttribute{Name: c, Code: v, Value: v}
			if defined {
				a.Label = d.Description
				if i := slices.IndexFunc(d.Values, func(av AttributeValue) bool { return string(av.Key) == v }); i >= 0 {
					a.Value = d.Values[i].Name
				}
			}
			out = append(out, a)
		}
	}
	return out
}

// statusNotes returns the text of the latest event or received update
// that carries one; an update counts when it is not older than the event.
func statusNotes(rec *Record) string {
	var note string
	var at time.Time
	for _, e := range rec.Events {
		if nilvalue.Is(e) {
			continue
		}
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
// update as received, and for each event after the report that changed
// the status without being caused by a received update, an update with
// the extended status StatusOf gives (update_id "<request ID>/<command
// ID>/<event>"). At equal times the entries keep the order of the
// incident's events, and a received update that changed no state comes
// before them. Escalations, extensions, locations and ratings change no
// status and are not listed. The last entry whose status is not
// unchanged is the record's Status, unless it is an update older than
// the incident's latest change. A nil rec has none.
func Updates(rec *Record, loc *time.Location) []Update {
	if rec == nil {
		return nil
	}
	type entry struct {
		u      Update
		anchor int // index of the event it stands for, -1 for a note
		order  int // position among the received updates
	}
	anchors := make(map[string]int, len(rec.Updates))
	out := make([]entry, 0, len(rec.Updates)+len(rec.Events))
	for i, e := range rec.Events {
		if nilvalue.Is(e) {
			continue
		}
		to, ok := statusAfter[e.EventName()]
		if !ok || i == 0 {
			continue
		}
		m := e.Metadata()
		if id := commandUpdate(m.CommandID); id != "" && rec.updateIndex(id) >= 0 {
			if _, seen := anchors[id]; !seen {
				anchors[id] = i
			}
			continue
		}
		var reason incident.RejectReason
		if r, ok := e.(incident.Rejected); ok {
			reason = r.Reason
		}
		u := Update{
			UpdateID:         ID(rec.State.ID + "/" + m.CommandID + "/" + e.EventName()),
			ServiceRequestID: ID(rec.State.ID),
			Status:           StatusOf(to, reason),
			UpdatedDatetime:  DatetimeOf(m.At),
			Description:      eventNote(e),
		}
		if r, ok := e.(incident.Resolved); ok && len(r.Evidence) > 0 {
			u.MediaURL = r.Evidence[0]
		}
		out = append(out, entry{u: u, anchor: i})
	}
	for i, u := range rec.Updates {
		anchor, ok := anchors[string(u.UpdateID)]
		if !ok {
			anchor = -1
		}
		out = append(out, entry{u: u, anchor: anchor, order: i})
	}
	slices.SortStableFunc(out, func(a, b entry) int {
		if c := a.u.UpdatedDatetime.Compare(b.u.UpdatedDatetime.Time); c != 0 {
			return c
		}
		if c := cmp.Compare(a.anchor, b.anchor); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
	list := make([]Update, len(out))
	for i, e := range out {
		list[i] = e.u
		if loc != nil {
			list[i].UpdatedDatetime = Datetime{e.u.UpdatedDatetime.In(loc)}
		}
	}
	return list
}
