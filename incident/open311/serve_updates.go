package open311

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// MaxUpdateID bounds update_id, so that the command IDs derived from it
// stay within incident.MaxCodeLen.
const MaxUpdateID = 50

func (h *Handler) getUpdates(w http.ResponseWriter, r *http.Request, f Format) {
	q := r.URL.Query()
	if e := h.checkJurisdiction(q.Get("jurisdiction_id")); e != nil {
		h.fail(w, r, f, *e)
		return
	}
	from, to, err := updateWindow(q, h.now())
	if err != nil {
		h.invalid(w, r, f, err)
		return
	}
	query := Query{UpdatedFrom: from, IDs: list(q.Get("service_request_id"))}
	recs, err := h.store.List(r.Context(), query)
	if err != nil {
		h.internal(w, r, f)
		return
	}
	var out []Update
	for i := range recs {
		for _, u := range Updates(&recs[i], h.loc) {
			if !u.UpdatedDatetime.Before(from) && !u.UpdatedDatetime.After(to) {
				out = append(out, u)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Update) int {
		if c := a.UpdatedDatetime.Compare(b.UpdatedDatetime.Time); c != 0 {
			return c
		}
		return strings.Compare(string(a.ServiceRequestID), string(b.ServiceRequestID))
	})
	if len(out) > MaxResults {
		out = out[:MaxResults]
	}
	if out == nil {
		out = []Update{}
	}
	h.send(w, r, f, http.StatusOK, out, xmlUpdates{Items: out})
}

// updateWindow reads start_date and end_date of GET servicerequestupdates:
// bounds on updated_datetime, end_date defaulting to now and start_date to
// 90 days before end_date.
func updateWindow(q url.Values, now time.Time) (from, to time.Time, err error) {
	var p validate.Problems
	from = queryTime(&p, q, "start_date")
	to = queryTime(&p, q, "end_date")
	if to.IsZero() {
		to = now
	}
	if from.IsZero() {
		from = to.Add(-DefaultWindow)
	}
	if err := p.Err(); err != nil {
		return time.Time{}, time.Time{}, err
	}
	if to.Before(from) {
		p.Add("end_date", grassroots.RuleOrder, "end_date must not be before start_date")
	}
	return from, to, p.Err()
}

func (h *Handler) postUpdate(w http.ResponseWriter, r *http.Request, f Format) {
	form, actor, e := h.readForm(w, r)
	if e != nil {
		h.fail(w, r, f, *e)
		return
	}
	u, dup, err := DecodeUpdateForm(form)
	if err != nil {
		h.invalid(w, r, f, err)
		return
	}
	// A concurrent change of the same request makes Save fail; the update
	// is then decided again against the newer state.
	for range 3 {
		var rec Record
		rec, err = h.store.Load(r.Context(), string(u.ServiceRequestID))
		if errors.Is(err, ErrNotFound) {
			h.fail(w, r, f, Error{Code: http.StatusNotFound, Description: "service_request_id " + quote(string(u.ServiceRequestID)) + " names no request of this server"})
			return
		}
		if err != nil {
			h.internal(w, r, f)
			return
		}
		var changed bool
		rec, changed, err = ApplyUpdate(h.decider, rec, u, actor, dup)
		if err != nil {
			h.refused(w, r, f, err, u.Status)
			return
		}
		if !changed {
			break
		}
		if err = h.store.Save(r.Context(), rec); !errors.Is(err, ErrConflict) {
			break
		}
	}
	if err != nil {
		h.internal(w, r, f)
		return
	}
	list := []UpdateReceipt{{UpdateID: u.UpdateID}}
	h.send(w, r, f, http.StatusOK, list, xmlUpdateReceipts{Items: list})
}

// DecodeUpdateForm reads a POST servicerequestupdates form as FixMyStreet
// sends it:
//
//   - update_id: required, 1-50 bytes without spaces;
//   - service_request_id: required, 1-64 bytes without spaces;
//   - status: required, one of the extension's statuses in any case (see
//     ParseStatus); any other word is refused, so nothing unknown is
//     stored or published again;
//   - updated_datetime: required, a W3C datetime with a zone (see
//     Datetime);
//   - description: the update's text, at most MaxDescription characters
//     (the incident's own notes keep the first incident.MaxText of them);
//   - media_url: the first value counts, an absolute http or https URL;
//   - external_status_code: the client's own status code, 1-64 bytes
//     without spaces;
//   - duplicate_of: the original request's ID, for status duplicate; a
//     duplicate without it is still accepted.
//
// The contact and flag parameters FixMyStreet adds (first_name,
// last_name, email, title, email_alerts_requested, …) and attribute[…]
// parameters are ignored. Every problem is reported at once as a
// *grassroots.ValidationError whose paths are the parameter names.
func DecodeUpdateForm(form url.Values) (u Update, duplicateOf string, err error) {
	var p validate.Problems
	u = Update{
		UpdateID:           ID(form.Get("update_id")),
		ServiceRequestID:   ID(form.Get("service_request_id")),
		Description:        text(&p, form, "description", MaxDescription),
		MediaURL:           form.Get("media_url"),
		ExternalStatusCode: form.Get("external_status_code"),
	}
	duplicateOf = form.Get("duplicate_of")
	switch {
	case u.UpdateID == "":
		p.Add("update_id", grassroots.RuleRequired, "update_id is required: the client's ID of this update")
	case !validate.ID(string(u.UpdateID)) || len(u.UpdateID) > MaxUpdateID:
		p.Addf("update_id", grassroots.RuleFormat, "update_id must be 1 to %d bytes without spaces", MaxUpdateID)
	}
	switch {
	case u.ServiceRequestID == "":
		p.Add("service_request_id", grassroots.RuleRequired, "service_request_id is required: the ID POST requests answered")
	case !validate.ID(string(u.ServiceRequestID)):
		p.Add("service_request_id", grassroots.RuleFormat, "service_request_id must be 1 to 64 bytes without spaces")
	}
	switch status := form.Get("status"); {
	case strings.TrimSpace(status) == "":
		p.Add("status", grassroots.RuleRequired, "status is required: one of "+statusList())
	default:
		st, err := ParseStatus(status)
		if err != nil {
			p.Add("status", grassroots.RuleEnum, "status must be one of the servicerequestupdates statuses "+statusList()+" (in any case)")
		}
		u.Status = st
	}
	switch d := queryTime(&p, form, "updated_datetime"); {
	case d.IsZero() && form.Get("updated_datetime") == "":
		p.Add("updated_datetime", grassroots.RuleRequired, "updated_datetime is required: when the update was made, such as 2026-03-10T09:00:00+08:00")
	default:
		u.UpdatedDatetime = Datetime{d}
	}
	if u.MediaURL != "" && !isHTTPURL(u.MediaURL) {
		p.Add("media_url", grassroots.RuleFormat, "media_url must be an absolute http or https URL of at most 2048 bytes")
	}
	if u.ExternalStatusCode != "" && !validate.ID(u.ExternalStatusCode) {
		p.Add("external_status_code", grassroots.RuleFormat, "external_status_code must be 1 to 64 bytes without spaces")
	}
	if duplicateOf != "" && !validate.ID(duplicateOf) {
		p.Add("duplicate_of", grassroots.RuleFormat, "duplicate_of must be the service_request_id of the original request")
	}
	if err := p.Err(); err != nil {
		return Update{}, "", err
	}
	return u, duplicateOf, nil
}

// statusList names the extended statuses for messages.
func statusList() string {
	names := make([]string, 0, len(statusNames.Values()))
	for _, s := range statusNames.Values() {
		names = append(names, strings.ToUpper(s.String()))
	}
	return strings.Join(names, ", ")
}

// ApplyUpdate applies a received update to a record, deciding the
// commands its status stands for (see Path) as actor, dated at the
// update's datetime. The rules:
//
//   - an update whose update_id the record already holds changes nothing
//     and reports changed false, so a client may safely retry;
//   - an update without a valid status, or without a datetime, is a
//     *grassroots.ValidationError and changes nothing;
//   - an update older than the record's latest change, a status with no
//     path from the current state, and a duplicate without duplicateOf
//     (the incident names the original of every duplicate) change no
//     state; the update is kept, and its status still closes the request
//     as GeoReport sees it when it is a closing one (see
//     Record.RequestStatus);
//   - otherwise each command of the path is decided and applied in turn,
//     with command ID "upd:<update_id>/<op>"; if any is refused the error
//     is returned and the record is unchanged.
//
// The returned record has the update appended and its Revision increased.
func ApplyUpdate(d *incident.Decider, rec Record, u Update, actor grassroots.Actor, duplicateOf string) (Record, bool, error) {
	if slices.ContainsFunc(rec.Updates, func(o Update) bool { return o.UpdateID == u.UpdateID }) {
		return rec, false, nil
	}
	var p validate.Problems
	p.Require(u.Status.IsValid(), "status", "status is required: one of "+statusList())
	p.Require(!u.UpdatedDatetime.IsZero(), "updated_datetime", "updated_datetime is required")
	if err := p.Err(); err != nil {
		return rec, false, err
	}
	var ops []incident.Op
	if !u.UpdatedDatetime.Before(rec.UpdatedAt()) && (u.Status != StatusDuplicate || duplicateOf != "") {
		ops = Path(u.Status, rec.State.Status)
	}
	state := rec.State
	events := slices.Clone(rec.Events)
	for _, op := range ops {
		m := grassroots.Meta{AggregateID: state.ID, CommandID: updateCommandPrefix + string(u.UpdateID) + "/" + op.String(), Actor: actor, At: u.UpdatedDatetime.Time}
		evs, err := d.Decide(state, command(op, m, u, duplicateOf))
		if err != nil {
			return rec, false, err
		}
		for _, e := range evs {
			if state, err = d.Evolve(state, e); err != nil {
				return rec, false, err
			}
		}
		events = append(events, evs...)
	}
	rec.State, rec.Events = state, events
	rec.Updates = append(slices.Clone(rec.Updates), u)
	rec.Revision++
	return rec, true, nil
}

// command builds the command of one step of an update's path. Texts the
// incident requires (a result, a reason) fall back to the status name
// when the update has no description, and keep at most incident.MaxText
// characters of it; a dispatch goes to the updating actor's organisation;
// duplicate_of counts only for status duplicate.
func command(op incident.Op, m grassroots.Meta, u Update, duplicateOf string) incident.Command {
	st := u.Status
	note := clip(u.Description, incident.MaxText)
	required := note
	if strings.TrimSpace(required) == "" {
		required = st.String()
	}
	var media []string
	if u.MediaURL != "" {
		media = []string{u.MediaURL}
	}
	switch op {
	case incident.OpAccept:
		return incident.Accept{Meta: m}
	case incident.OpDispatch:
		return incident.Dispatch{Meta: m, Unit: m.Actor.Organization}
	case incident.OpStart:
		return incident.Start{Meta: m}
	case incident.OpResolve:
		return incident.Resolve{Meta: m, Result: required, Evidence: media}
	case incident.OpClose:
		return incident.Close{Meta: m, Note: note}
	case incident.OpReopen:
		return incident.Reopen{Meta: m, Reason: required}
	case incident.OpReturn:
		return incident.Return{Meta: m, Reason: required}
	case incident.OpReject:
		r := incident.Reject{Meta: m, Reason: st.RejectReason(), Note: note}
		if r.Reason == incident.RejectDuplicate {
			r.DuplicateOf = duplicateOf
		}
		return r
	}
	return nil
}

// clip returns the first n characters of s.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := 0; k < n; k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}
