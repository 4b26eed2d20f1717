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
		h.fail(w, f, e)
		return
	}
	sub, err := DecodeForm(form)
	if err != nil {
		failList(w, f, decideError(err))
		return
	}
	cat, ok := h.decider.Catalog().Lookup(sub.ServiceCode)
	if !ok {
		h.fail(w, f, &Error{Code: http.StatusNotFound, Description: "service_code not found"})
		return
	}
	if ps := CheckAttributes(h.attrs[cat.Code], sub.Attributes); len(ps) > 0 {
		failList(w, f, decideError(&FormError{Problems: ps}))
		return
	}
	rec, err := h.report(r, sub, actor)
	if err != nil {
		failList(w, f, decideError(err))
		return
	}
	receipt := Receipt{ServiceRequestID: ID(rec.State.ID), Token: rec.Token, ServiceNotice: Notice(cat)}
	if sub.AccountID != "" {
		id := ID(sub.AccountID)
		receipt.AccountID = &id
	}
	list := []Receipt{receipt}
	write(w, f, http.StatusOK, list, xmlReceipts{Items: list})
}

// report decides the Report command of a submission and saves the new
// record.
func (h *Handler) report(r *http.Request, sub Submission, actor grassroots.Actor) (Record, error) {
	loc, err := h.locate(r, sub)
	if err != nil {
		return Record{}, err
	}
	now := h.now()
	id, err := grassroots.NewID(now, h.rand)
	if err != nil {
		return Record{}, err
	}
	token, err := grassroots.NewID(now, h.rand)
	if err != nil {
		return Record{}, err
	}
	cmd := incident.Report{
		Meta:        grassroots.Meta{AggregateID: id, CommandID: "report", Actor: actor, At: now},
		Category:    sub.ServiceCode,
		Channel:     h.channel,
		Location:    loc,
		Address:     sub.AddressString,
		Description: sub.Description,
		Contact:     contact(sub),
	}
	if sub.MediaURL != "" {
		cmd.Media = []string{sub.MediaURL}
	}
	events, err := h.decider.Decide(incident.Incident{}, cmd)
	if err != nil {
		return Record{}, err
	}
	rec := Record{
		Revision:   1,
		Events:     events,
		AddressID:  sub.AddressID,
		Zipcode:    sub.Zipcode,
		AccountID:  sub.AccountID,
		Token:      token,
		Attributes: sub.Attributes,
	}
	for _, ev := range events {
		if rec.State, err = h.decider.Evolve(rec.State, ev); err != nil {
			return Record{}, err
		}
	}
	return rec, h.store.Save(r.Context(), rec)
}

// locate returns the WGS84 point of a submission or asks the Geocoder.
func (h *Handler) locate(r *http.Request, sub Submission) (incident.Location, error) {
	if sub.Point != nil {
		return incident.Location{Point: *sub.Point, CRS: grid.WGS84}, nil
	}
	if h.geocoder == nil {
		return incident.Location{}, ErrNoGeocoder
	}
	return h.geocoder.Geocode(r.Context(), sub.AddressString, sub.AddressID)
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
		h.fail(w, f, e)
		return
	}
	query, err := SearchQuery(q, h.now())
	if err != nil {
		failList(w, f, decideError(err))
		return
	}
	recs, err := h.store.List(r.Context(), query)
	if err != nil {
		failList(w, f, decideError(err))
		return
	}
	h.writeRequests(w, f, recs)
}

func (h *Handler) writeRequests(w http.ResponseWriter, f Format, recs []Record) {
	list := make([]Request, 0, len(recs))
	for i := range recs {
		req, err := ToRequest(&recs[i], h.decider.Catalog(), h.loc)
		if err != nil {
			failList(w, f, decideError(err))
			return
		}
		list = append(list, req)
	}
	write(w, f, http.StatusOK, list, xmlRequests{Items: list})
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
// Datetimes are RFC 3339 with an offset. Every problem is reported at once
// as a *FormError.
func SearchQuery(q url.Values, now time.Time) (Query, error) {
	var ps []Problem
	add := func(field, reason string) { ps = append(ps, Problem{Field: field, Reason: reason}) }
	var query Query
	size, page := pageParams(q, add)
	query.Limit, query.Offset = size, (page-1)*size
	if ids := list(q.Get("service_request_id")); len(ids) > 0 {
		query.IDs = ids
		return query, newFormError(ps)
	}
	query.ServiceCodes = list(q.Get("service_code"))
	query.Statuses = list(strings.ToLower(q.Get("status")))
	for _, s := range query.Statuses {
		if s != "open" && s != "closed" {
			add("status", "must be open or closed")
			break
		}
	}
	times := [4]*time.Time{&query.RequestedFrom, &query.RequestedTo, &query.UpdatedFrom, &query.UpdatedTo}
	for i, name := range [4]string{"start_date", "end_date", "updated_after", "updated_before"} {
		t, err := parseTime(q.Get(name))
		if err != nil {
			add(name, "must be an RFC 3339 datetime with an offset")
		}
		*times[i] = t
	}
	switch {
	case query.RequestedFrom.IsZero() && query.RequestedTo.IsZero() && query.UpdatedFrom.IsZero() && query.UpdatedTo.IsZero():
		query.RequestedFrom, query.RequestedTo = now.Add(-DefaultWindow), now
	case !query.RequestedFrom.IsZero() && !query.RequestedTo.IsZero():
		if span := query.RequestedTo.Sub(query.RequestedFrom); span < 0 || span > DefaultWindow {
			add("end_date", "must be after start_date and at most 90 days later")
		}
	}
	if err := newFormError(ps); err != nil {
		return Query{}, err
	}
	return query, nil
}

// pageParams reads page_size and page.
func pageParams(q url.Values, add func(string, string)) (size, page int) {
	size, page = MaxResults, 1
	if s := q.Get("page_size"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxResults {
			add("page_size", "must be an integer from 1 to 1000")
		} else {
			size = n
		}
	}
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1<<20 {
			add("page", "must be a positive integer")
		} else {
			page = n
		}
	}
	return size, page
}

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
	if e := h.checkJurisdiction(r.URL.Query().Get("jurisdiction_id")); e != nil {
		h.fail(w, f, e)
		return
	}
	rec, err := h.store.Load(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		h.fail(w, f, &Error{Code: http.StatusNotFound, Description: "service_request_id not found"})
		return
	}
	if err != nil {
		failList(w, f, decideError(err))
		return
	}
	h.writeRequests(w, f, []Record{rec})
}

func (h *Handler) getToken(w http.ResponseWriter, r *http.Request, f Format, token string) {
	if e := h.checkJurisdiction(r.URL.Query().Get("jurisdiction_id")); e != nil {
		h.fail(w, f, e)
		return
	}
	recs, err := h.store.List(r.Context(), Query{Token: token, Limit: 1})
	if err != nil {
		failList(w, f, decideError(err))
		return
	}
	if len(recs) == 0 {
		h.fail(w, f, &Error{Code: http.StatusNotFound, Description: "token not found"})
		return
	}
	list := []Token{{ServiceRequestID: ID(recs[0].State.ID), Token: token}}
	write(w, f, http.StatusOK, list, xmlTokens{Items: list})
}
