package open311

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Search defaults of GeoReport v2: without date parameters a search covers
// the last 90 days, a date range may span at most 90 days, and at most
// 1,000 requests are returned.
const (
	DefaultWindow = 90 * 24 * time.Hour
	MaxResults    = 1000
)

func (h *Handler) postRequest(w http.ResponseWriter, r *http.Request, f Format) {
	form, actor, e := h.readForm(w, r)
	if e != nil {
		h.fail(w, r, f, *e)
		return
	}
	sub, err := DecodeForm(form)
	if err != nil {
		h.invalid(w, r, f, err)
		return
	}
	cat, ok := h.decider.Catalog().Lookup(sub.ServiceCode)
	if !ok {
		h.fail(w, r, f, Error{Code: http.StatusNotFound, Description: "service_code " + quote(sub.ServiceCode) + " is not a service of this server; GET services lists them"})
		return
	}
	if err := h.checkService(cat, sub); err != nil {
		h.invalid(w, r, f, err)
		return
	}
	rec, err := h.report(r, sub, actor)
	if err != nil {
		h.refused(w, r, f, err, 0)
		return
	}
	if err := h.store.Save(r.Context(), rec); err != nil {
		h.internal(w, r, f)
		return
	}
	receipt := Receipt{ServiceRequestID: ID(rec.State.ID), ServiceNotice: Notice(cat)}
	if sub.AccountID != "" {
		id := ID(sub.AccountID)
		receipt.AccountID = &id
	}
	list := []Receipt{receipt}
	h.send(w, r, f, http.StatusOK, list, xmlReceipts{Items: list})
}

// checkService checks a submission against what its service asks: the
// attributes of its definition, and a description where the service
// requires one.
func (h *Handler) checkService(cat incident.Category, sub Submission) error {
	var p validate.Problems
	if h.needsDescription[cat.Code] && strings.TrimSpace(sub.Description) == "" {
		p.Addf("description", grassroots.RuleRequired, "description is required for service %s (%s): say what the matter is", cat.Code, cat.Name)
	}
	p.Nest("", CheckAttributes(h.attrs[cat.Code], sub.Attributes))
	return p.Err()
}

// report decides the Report command of a submission and returns the new
// record, not yet saved.
func (h *Handler) report(r *http.Request, sub Submission, actor grassroots.Actor) (Record, error) {
	now := h.now()
	id, err := grassroots.NewID(now, h.rand)
	if err != nil {
		return Record{}, err
	}
	cmd := incident.Report{
		Meta:        grassroots.Meta{AggregateID: id, CommandID: "report", Actor: actor, At: now},
		Category:    sub.ServiceCode,
		Channel:     h.channel,
		Location:    h.locate(r, sub),
		Address:     sub.AddressString,
		AddressID:   sub.AddressID,
		Description: sub.Description,
		Media:       sub.MediaURLs,
		Contact:     contact(sub),
	}
	events, err := h.decider.Decide(incident.Incident{}, cmd)
	if err != nil {
		return Record{}, err
	}
	rec := Record{
		Revision:   1,
		Events:     events,
		Zipcode:    sub.Zipcode,
		AccountID:  sub.AccountID,
		Attributes: sub.Attributes,
	}
	for _, ev := range events {
		if rec.State, err = h.decider.Evolve(rec.State, ev); err != nil {
			return Record{}, err
		}
	}
	return rec, nil
}

// locate returns the WGS84 point of a submission, or the Geocoder's
// location for an address-only one. A request is accepted without a
// point when there is no Geocoder or it finds none (an error, a zero or
// an invalid Location): the incident then waits for a Locate command.
func (h *Handler) locate(r *http.Request, sub Submission) incident.Location {
	if sub.Point != nil {
		return incident.Location{Point: *sub.Point, CRS: grid.WGS84}
	}
	if h.geocoder == nil {
		return incident.Location{}
	}
	loc, err := h.geocoder.Geocode(r.Context(), sub.AddressString, sub.AddressID)
	if err != nil || loc.IsZero() || loc.Validate() != nil {
		return incident.Location{}
	}
	return loc
}

// contact joins the submitted names; the reporter's e-mail and device are
// not kept, as the incident contact holds a name and a phone only.
func contact(sub Submission) incident.Contact {
	name := strings.TrimSpace(sub.FirstName + " " + sub.LastName)
	if name == "" && sub.Phone == "" {
		return incident.Contact{}
	}
	return incident.NewContact(name, sub.Phone)
}

func (h *Handler) getRequests(w http.ResponseWriter, r *http.Request, f Format) {
	q := r.URL.Query()
	if e := h.checkJurisdiction(q.Get("jurisdiction_id")); e != nil {
		h.fail(w, r, f, *e)
		return
	}
	query, err := SearchQuery(q, h.now())
	ext, extErr := extensions(q)
	if err != nil || extErr != nil {
		var p validate.Problems
		p.Nest("", err)
		p.Nest("", extErr)
		h.invalid(w, r, f, p.Err())
		return
	}
	recs, err := h.store.List(r.Context(), query)
	if err != nil {
		h.internal(w, r, f)
		return
	}
	h.writeRequests(w, r, f, recs, ext)
}

// extensions reads the extensions parameter of GeoReport v2's extensions
// page: "true" adds each request's attributes.
func extensions(q url.Values) (bool, error) {
	switch strings.ToLower(q.Get("extensions")) {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	var p validate.Problems
	p.Add("extensions", grassroots.RuleEnum, "extensions must be true or false")
	return false, p.Err()
}

func (h *Handler) writeRequests(w http.ResponseWriter, r *http.Request, f Format, recs []Record, ext bool) {
	list := make([]Request, 0, len(recs))
	full := ext && h.staff(r)
	for i := range recs {
		req, err := ToRequest(&recs[i], h.decider.Catalog(), h.loc)
		if err != nil {
			h.internal(w, r, f)
			return
		}
		if ext {
			req.Attributes = RequestAttributes(&recs[i], h.attrs[recs[i].State.Category])
			if !full {
				req.Attributes = withoutPersonal(req.Attributes)
			}
		}
		list = append(list, req)
	}
	h.send(w, r, f, http.StatusOK, list, xmlRequests{Items: list})
}

// SearchQuery turns the parameters of GET requests into a Query, at time
// now:
//
//   - service_request_id: a comma-separated list of IDs; when given, every
//     other parameter but page and page_size is ignored, as the
//     specification says;
//   - service_code, status: comma-separated lists; a status is "open" or
//     "closed";
//   - start_date, end_date: bounds on requested_datetime; together they
//     span at most 90 days;
//   - updated_after, updated_before: bounds on updated_datetime;
//   - without any of these four dates, the last 90 days up to now;
//   - page_size: 1-1,000, default 1,000; page: from 1, default 1.
//
// Datetimes are W3C datetimes with a zone (see Datetime); a space where
// the zone's "+" belongs, as an unencoded "+" in a query string arrives,
// is read as "+". Every problem is reported at once as a
// *grassroots.ValidationError whose paths are the parameter names.
func SearchQuery(q url.Values, now time.Time) (Query, error) {
	var p validate.Problems
	var query Query
	size, page := pageParams(&p, q)
	query.Limit, query.Offset = size, (page-1)*size
	if ids := list(q.Get("service_request_id")); len(ids) > 0 {
		query.IDs = ids
		return query, p.Err()
	}
	query.ServiceCodes = list(q.Get("service_code"))
	query.Statuses = list(strings.ToLower(q.Get("status")))
	for _, s := range query.Statuses {
		if s != "open" && s != "closed" {
			p.Add("status", grassroots.RuleEnum, "status must be open, closed, or open,closed")
			break
		}
	}
	query.RequestedFrom = queryTime(&p, q, "start_date")
	query.RequestedTo = queryTime(&p, q, "end_date")
	query.UpdatedFrom = queryTime(&p, q, "updated_after")
	query.UpdatedTo = queryTime(&p, q, "updated_before")
	switch {
	case query.RequestedFrom.IsZero() && query.RequestedTo.IsZero() && query.UpdatedFrom.IsZero() && query.UpdatedTo.IsZero():
		query.RequestedFrom, query.RequestedTo = now.Add(-DefaultWindow), now
	case !query.RequestedFrom.IsZero() && !query.RequestedTo.IsZero():
		switch span := query.RequestedTo.Sub(query.RequestedFrom); {
		case span < 0:
			p.Add("end_date", grassroots.RuleOrder, "end_date must not be before start_date")
		case span > DefaultWindow:
			p.Add("end_date", grassroots.RuleMax, "end_date must be at most 90 days after start_date")
		}
	}
	if err := p.Err(); err != nil {
		return Query{}, err
	}
	return query, nil
}

// queryTime reads an optional datetime parameter; a missing one is the
// zero time.
func queryTime(p *validate.Problems, q url.Values, name string) time.Time {
	s := q.Get(name)
	if n := len(s) - 6; n > 0 && s[n] == ' ' {
		s = s[:n] + "+" + s[n+1:]
	}
	d, err := ParseDatetime(s)
	if err != nil {
		p.Addf(name, grassroots.RuleFormat, "%s must be a W3C datetime with a time and a zone, such as 2026-03-10T09:00+08:00 or 2026-03-10T01:00:00Z", name)
	}
	return d.Time
}

// pageParams reads page_size and page.
func pageParams(p *validate.Problems, q url.Values) (size, page int) {
	size, page = MaxResults, 1
	if s := q.Get("page_size"); s != "" {
		n, err := strconv.Atoi(s)
		switch {
		case err != nil:
			p.Add("page_size", grassroots.RuleFormat, "page_size must be a whole number from 1 to 1000")
		case n < 1:
			p.Add("page_size", grassroots.RuleMin, "page_size must be at least 1")
		case n > MaxResults:
			p.Add("page_size", grassroots.RuleMax, "page_size must be at most 1000")
		default:
			size = n
		}
	}
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		switch {
		case err != nil:
			p.Add("page", grassroots.RuleFormat, "page must be a whole number from 1")
		case n < 1:
			p.Add("page", grassroots.RuleMin, "page must be at least 1")
		case n > maxPage:
			p.Addf("page", grassroots.RuleMax, "page must be at most %d", maxPage)
		default:
			page = n
		}
	}
	return size, page
}

// maxPage bounds page, so that the offset stays far from overflow.
const maxPage = 1 << 20

// list splits a comma-separated parameter, dropping empty entries.
func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (h *Handler) getRequest(w http.ResponseWriter, r *http.Request, f Format, id string) {
	q := r.URL.Query()
	if e := h.checkJurisdiction(q.Get("jurisdiction_id")); e != nil {
		h.fail(w, r, f, *e)
		return
	}
	ext, err := extensions(q)
	if err != nil {
		h.invalid(w, r, f, err)
		return
	}
	rec, err := h.store.Load(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		h.fail(w, r, f, Error{Code: http.StatusNotFound, Description: "service_request_id " + quote(id) + " names no request of this server"})
		return
	}
	if err != nil {
		h.internal(w, r, f)
		return
	}
	h.writeRequests(w, r, f, []Record{rec}, ext)
}

// getToken answers GET tokens/{token}. The Handler decides every request
// as it arrives and answers with its service_request_id, so it issues no
// tokens and every token is unknown.
func (h *Handler) getToken(w http.ResponseWriter, r *http.Request, f Format, _ string) {
	if e := h.checkJurisdiction(r.URL.Query().Get("jurisdiction_id")); e != nil {
		h.fail(w, r, f, *e)
		return
	}
	h.fail(w, r, f, Error{Code: http.StatusNotFound, Description: "token not found: this server answers POST requests with the service_request_id at once and issues no tokens"})
}
