package open311

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
)

// MaxUpdateID bounds update_id, so that the command IDs derived from it
// stay within incident.MaxCodeLen.
const MaxUpdateID = 50

func (h *Handler) getUpdates(w http.ResponseWriter, r *http.Request, f Format) {
	q := r.URL.Query()
	if e := h.checkJurisdiction(q.Get("jurisdiction_id")); e != nil {
		h.fail(w, f, e)
		return
	}
	from, to, err := updateWindow(q, h.now())
	if err != nil {
		failList(w, f, decideError(err))
		return
	}
	query := Query{UpdatedFrom: from, IDs: list(q.Get("service_request_id"))}
	recs, err := h.store.List(r.Context(), query)
	if err != nil {
		failList(w, f, decideError(err))
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
		return strings.Compare(a.UpdateID, b.UpdateID)
	})
	if len(out) > MaxResults {
		out = out[:MaxResults]
	}
	if out == nil {
		out = []Update{}
	}
	write(w, f, http.StatusOK, out, xmlUpdates{Items: out})
}

// updateWindow reads start_date and end_date of GET servicerequestupdates:
// bounds on updated_datetime, end_date defaulting to now and start_date to
// 90 days before end_date.
func updateWindow(q url.Values, now time.Time) (from, to time.Time, err error) {
	var ps []Problem
	from, e1 := parseTime(q.Get("start_date"))
	if e1 != nil {
		ps = append(ps, Problem{Field: "start_date", Reason: "must be an RFC 3339 datetime with an offset"})
	}
	to, e2 := parseTime(q.Get("end_date"))
	if e2 != nil {
		ps = append(ps, Problem{Field: "end_date", Reason: "must be an RFC 3339 datetime with an offset"})
	}
	if to.IsZero() {
		to = now
	}
	if from.IsZero() {
		from = to.Add(-DefaultWindow)
	}
	return from, to, newFormError(ps)
}

func (h *Handler) postUpdate(w http.ResponseWriter, r *http.Request, f Format) {
	form, actor, e := h.readForm(w, r)
	if e != nil {
		h.fail(w, f, e)
		return
	}
	u, dup, err := DecodeUpdateForm(form)
	if err != nil {
		failList(w, f, decideError(err))
		return
	}
	if u.UpdatedDatetime.IsZero() {
		u.UpdatedDatetime = Datetime{h.now()}
	}
	// A concurrent change of the same request makes Save fail; the update
	// is then decided again against the newer state.
	for range 3 {
		var rec Record
		rec, err = h.store.Load(r.Context(), string(u.ServiceRequestID))
		if errors.Is(err, ErrNotFound) {
			h.fail(w, f, &Error{Code: http.StatusNotFound, Description: "service_request_id not found"})
			return
		}
		if err != nil {
			break
		}
		var changed bool
		rec, changed, err = ApplyUpdate(h.decider, rec, u, actor, dup)
		if err != nil || !changed {
			break
		}
		if err = h.store.Save(r.Context(), rec); !errors.Is(err, ErrConflict) {
			break
		}
	}
	if err != nil {
		failList(w, f, decideError(err))
		return
	}
	list := []UpdateReceipt{{UpdateID: u.UpdateID}}
	write(w, f, http.StatusOK, list, xmlUpdateReceipts{Items: list})
}

// DecodeUpdateForm reads a POST servicerequestupdates form: update_id
// (required, 1-50 characters without spaces), service_request_id
// (required), status (required; any word, see ParseStatus),
// updated_datetime (RFC 3339 with an offset; optional, the Handler then
// uses the current time), description (at most incident.MaxText
// characters), media_url (an absolute http or https URL),
// external_status_code, and duplicate_of, the original request's ID for
// status duplicate. Every problem is reported at once as a *FormError.
func DecodeUpdateForm(form url.Values) (u Update, duplicateOf string, err error) {
	var ps []Problem
	add := func(field, reason string) { ps = append(ps, Problem{Field: field, Reason: reason}) }
	u = Update{
		UpdateID:           form.Get("update_id"),
		ServiceRequestID:   ID(form.Get("service_request_id")),
		Status:             strings.ToLower(strings.TrimSpace(form.Get("status"))),
		Description:        form.Get("description"),
		MediaURL:           form.Get("media_url"),
		ExternalStatusCode: form.Get("external_status_code"),
	}
	duplicateOf = form.Get("duplicate_of")
	if !validID(u.UpdateID) || len(u.UpdateID) > MaxUpdateID {
		add("update_id", "is required: 1-"+strconv.Itoa(MaxUpdateID)+" characters without spaces")
	}
	if !validID(string(u.ServiceRequestID)) {
		add("service_request_id", "is required: 1-64 characters without spaces")
	}
	if !validID(u.Status) {
		add("status", "is required: one word")
	}
	if d, err := ParseDatetime(form.Get("updated_datetime")); err != nil {
		add("updated_datetime", "must be an RFC 3339 datetime with an offset")
	} else {
		u.UpdatedDatetime = d
	}
	if !utf8.ValidString(u.Description) || utf8.RuneCountInString(u.Description) > incident.MaxText {
		add("description", "must be UTF-8 text of at most "+strconv.Itoa(incident.MaxText)+" characters")
	}
	if u.MediaURL != "" && !isHTTPURL(u.MediaURL) {
		add("media_url", "must be an absolute http or https URL")
	}
	if u.ExternalStatusCode != "" && !validID(u.ExternalStatusCode) {
		add("external_status_code", "must be 1-64 characters without spaces")
	}
	if duplicateOf != "" && !validID(duplicateOf) {
		add("duplicate_of", "must be a service_request_id")
	}
	if err := newFormError(ps); err != nil {
		return Update{}, "", err
	}
	return u, duplicateOf, nil
}

// ApplyUpdate applies a received update to a record, deciding the
// commands its status stands for (see Path) as actor, dated at the
// update's datetime. The rules:
//
//   - an update whose update_id the record already holds changes nothing
//     and reports changed false, so a client may safely retry;
//   - an update older than the record's latest change, an unknown status,
//     or a status with no path from the current state changes no state and
//     is kept as a note;
//   - otherwise each command of the path is decided and applied in turn,
//     with command ID "upd:<update_id>/<op>"; if any is refused the error
//     is returned and the record is unchanged.
//
// The returned record has the update appended and its Revision increased.
func ApplyUpdate(d *incident.Decider, rec Record, u Update, actor grassroots.Actor, duplicateOf string) (Record, bool, error) {
	if slices.ContainsFunc(rec.Updates, func(o Update) bool { return o.UpdateID == u.UpdateID }) {
		return rec, false, nil
	}
	var ops []incident.Op
	st, err := ParseStatus(u.Status)
	if err == nil && !u.UpdatedDatetime.Before(rec.UpdatedAt()) {
		ops = Path(st, rec.State.Status)
	}
	state := rec.State
	events := slices.Clone(rec.Events)
	for _, op := range ops {
		m := grassroots.Meta{AggregateID: state.ID, CommandID: updateCommandPrefix + u.UpdateID + "/" + op.String(), Actor: actor, At: u.UpdatedDatetime.Time}
		evs, err := d.Decide(state, command(op, m, st, u, duplicateOf))
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
// when the update has no description; a dispatch goes to the updating
// actor's organisation; duplicate_of counts only for status duplicate.
func command(op incident.Op, m grassroots.Meta, st Status, u Update, duplicateOf string) incident.Command {
	note := u.Description
	if strings.TrimSpace(note) == "" {
		note = st.String()
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
		return incident.Resolve{Meta: m, Result: note, Evidence: media}
	case incident.OpClose:
		return incident.Close{Meta: m, Note: u.Description}
	case incident.OpReopen:
		return incident.Reopen{Meta: m, Reason: note}
	case incident.OpReturn:
		return incident.Return{Meta: m, Reason: note}
	case incident.OpReject:
		r := incident.Reject{Meta: m, Reason: st.RejectReason(), Note: u.Description}
		if r.Reason == incident.RejectDuplicate {
			r.DuplicateOf = duplicateOf
		}
		return r
	}
	return nil
}
