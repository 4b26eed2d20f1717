package open311_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

func TestStatusNamesIgnoreCase(t *testing.T) {
	require.Len(t, open311.Statuses(), 15, "the fifteen extended statuses of the servicerequestupdates extension")
	for in, want := range map[string]open311.Status{"CLOSED": open311.StatusClosed, " Open ": open311.StatusOpen, "In_Progress": open311.StatusInProgress} {
		s, err := open311.ParseStatus(in)
		require.NoError(t, err, "ParseStatus(%q), as FixMyStreet writes it", in)
		assert.Equal(t, want, s, "ParseStatus(%q)", in)
		var u open311.Status
		require.NoError(t, u.UnmarshalText([]byte(in)), "UnmarshalText(%q)", in)
		assert.Equal(t, want, u, "UnmarshalText(%q)", in)
	}
	_, err := open311.ParseStatus("awaiting_parts")
	assert.ErrorIs(t, err, grassroots.ErrUnknownName, "unknown name")
}

// Every incident status is described by an extended status whose path,
// from a status that can precede it, leads back to it: the mapping holds
// both ways.
func TestStatusOfLeadsBack(t *testing.T) {
	cases := []struct {
		status incident.Status
		reason incident.RejectReason
		from   incident.Status
	}{
		{incident.StatusAccepted, 0, incident.StatusReported},
		{incident.StatusRejected, incident.RejectInvalid, incident.StatusReported},
		{incident.StatusRejected, incident.RejectDuplicate, incident.StatusReturned},
		{incident.StatusRejected, incident.RejectOutOfScope, incident.StatusReported},
		{incident.StatusDispatched, 0, incident.StatusAccepted},
		{incident.StatusReturned, 0, incident.StatusDispatched},
		{incident.StatusInProgress, 0, incident.StatusDispatched},
		{incident.StatusResolved, 0, incident.StatusInProgress},
		{incident.StatusClosed, 0, incident.StatusResolved},
		{incident.StatusReopened, 0, incident.StatusClosed},
	}
	table := incident.Transitions()
	for _, c := range cases {
		ext := open311.StatusOf(c.status, c.reason)
		path := open311.Path(ext, c.from)
		require.NotEmpty(t, path, "%s from %s", ext, c.from)
		to := c.from
		for _, op := range path {
			for _, tr := range table {
				if tr.Command == op.String() && tr.To != 0 {
					to = tr.To
				}
			}
		}
		assert.Equal(t, c.status, to, "%s (%s) from %s", c.status, ext, c.from)
		if c.reason != 0 {
			assert.Equal(t, c.reason, ext.RejectReason(), "reason of %s", ext)
		}
	}
	assert.Equal(t, open311.StatusForTriage, open311.StatusOf(incident.StatusReported, 0), "reported")
	assert.Nil(t, open311.Path(open311.StatusForTriage, incident.StatusReported), "for_triage changes nothing")
}

// Every path of the table is one the incident Decider accepts from a staff
// actor who dispatches to, handles for and supervises its own unit, and
// ends in the status the table promises.
func TestApplyUpdateFollowsEveryPath(t *testing.T) {
	d := newDecider(t)
	// prefixes reach each incident status from a fresh report.
	prefixes := map[incident.Status][]string{
		incident.StatusReported:   nil,
		incident.StatusAccepted:   {"investigating"},
		incident.StatusDispatched: {"action_scheduled"},
		incident.StatusReturned:   {"action_scheduled", "internal_referral"},
		incident.StatusInProgress: {"in_progress"},
		incident.StatusResolved:   {"fixed"},
		incident.StatusClosed:     {"closed"},
		incident.StatusReopened:   {"closed", "reopen"},
		incident.StatusRejected:   {"no_further_action"},
	}
	for from, prefix := range prefixes {
		for _, st := range open311.Statuses() {
			t.Run(st.String()+" from "+from.String(), func(t *testing.T) {
				rec := reported(t, d)
				at := start
				apply := func(id, status string) open311.Record {
					at = at.Add(time.Minute)
					st, err := open311.ParseStatus(status)
					require.NoError(t, err, "status %s", status)
					u := open311.Update{UpdateID: open311.ID(id), ServiceRequestID: open311.ID(rec.State.ID), Status: st, UpdatedDatetime: open311.DatetimeOf(at), Description: "by " + id}
					next, changed, err := open311.ApplyUpdate(d, rec, u, staff, "original-1")
					require.NoError(t, err, "update %s %s on %s", id, status, rec.State.Status)
					require.True(t, changed, "recorded")
					return next
				}
				for i, p := range prefix {
					rec = apply("p"+string(rune('0'+i)), p)
				}
				require.Equal(t, from, rec.State.Status, "prefix %v", prefix)
				path := open311.Path(st, from)
				rec = apply("x", st.String())
				want := from
				if len(path) > 0 {
					for _, tr := range incident.Transitions() {
						if tr.Command == path[len(path)-1].String() && tr.To != 0 {
							want = tr.To
						}
					}
				}
				assert.Equal(t, want, rec.State.Status, "%s from %s by %v", st, from, path)
				replayed, err := d.Replay(rec.Events)
				require.NoError(t, err, "events replay")
				assert.True(t, replayed.Equal(&rec.State), "state equals the replay of its events")
			})
		}
	}
}

// reported returns a record holding one fresh report.
func reported(t *testing.T, d *incident.Decider) open311.Record {
	t.Helper()
	m := grassroots.Meta{AggregateID: "inc-1", CommandID: "report", Actor: resident, At: start}
	evs, err := d.Decide(incident.Incident{}, incident.Report{
		Meta: m, Category: "002", Channel: incident.ChannelApp, Description: "rubbish",
		Location: incident.Location{Point: gridPoint(), CRS: 1},
	})
	require.NoError(t, err, "report")
	rec := open311.Record{Revision: 1, Events: evs}
	for _, e := range evs {
		rec.State, err = d.Evolve(rec.State, e)
		require.NoError(t, err, "evolve")
	}
	return rec
}

func TestApplyUpdateRules(t *testing.T) {
	d := newDecider(t)
	rec := reported(t, d)
	u := open311.Update{UpdateID: "u1", ServiceRequestID: "inc-1", Status: open311.StatusInProgress, UpdatedDatetime: open311.DatetimeOf(start.Add(time.Hour))}
	next, changed, err := open311.ApplyUpdate(d, rec, u, staff, "")
	require.NoError(t, err, "in_progress")
	require.True(t, changed, "changed")
	assert.Equal(t, incident.StatusInProgress, next.State.Status, "accept, dispatch, start")
	assert.Equal(t, rec.Revision+1, next.Revision, "revision")
	assert.Empty(t, rec.Updates, "the input record is not changed")

	same, changed, err := open311.ApplyUpdate(d, next, open311.Update{UpdateID: "u1", Status: open311.StatusClosed, UpdatedDatetime: u.UpdatedDatetime}, staff, "")
	require.NoError(t, err, "repeat")
	assert.False(t, changed, "a repeated update_id changes nothing")
	assert.Equal(t, next.Revision, same.Revision, "same record")

	older := open311.Update{UpdateID: "u0", Status: open311.StatusClosed, UpdatedDatetime: open311.DatetimeOf(start.Add(time.Minute))}
	after, changed, err := open311.ApplyUpdate(d, next, older, staff, "")
	require.NoError(t, err, "older")
	assert.True(t, changed, "recorded as a note")
	assert.Equal(t, incident.StatusInProgress, after.State.Status, "an older update never overrides newer state")
	assert.Len(t, after.Events, len(next.Events), "no event")

	assert.Equal(t, "open", after.RequestStatus(), "an older closed never closes a request in progress")

	_, _, err = open311.ApplyUpdate(d, rec, u, resident, "")
	assert.ErrorIs(t, err, incident.ErrForbidden, "a resident cannot accept")

	for name, bad := range map[string]open311.Update{
		"no status":   {UpdateID: "b1", UpdatedDatetime: u.UpdatedDatetime},
		"status 99":   {UpdateID: "b2", Status: 99, UpdatedDatetime: u.UpdatedDatetime},
		"no datetime": {UpdateID: "b3", Status: open311.StatusFixed},
	} {
		got, changed, err := open311.ApplyUpdate(d, next, bad, staff, "")
		assert.ErrorIs(t, err, grassroots.ErrInvalid, name)
		assert.False(t, changed, name)
		assert.Equal(t, next.Revision, got.Revision, "%s changes nothing", name)
	}

	dup := open311.Update{UpdateID: "d1", Status: open311.StatusDuplicate, UpdatedDatetime: open311.DatetimeOf(start.Add(time.Minute))}
	waiting, changed, err := open311.ApplyUpdate(d, rec, dup, staff, "")
	require.NoError(t, err, "duplicate without duplicate_of")
	assert.True(t, changed, "recorded")
	assert.Equal(t, incident.StatusReported, waiting.State.Status, "no rejection without the original")
	assert.Equal(t, "closed", waiting.RequestStatus(), "but closed as GeoReport sees it")
}

func TestRequestStatus(t *testing.T) {
	closing := map[open311.Status]bool{
		open311.StatusFixed: true, open311.StatusClosed: true, open311.StatusDuplicate: true,
		open311.StatusNotCouncilsResponsibility: true, open311.StatusNoFurtherAction: true,
		open311.StatusInternalReferral: true, open311.StatusCancelled: true,
	}
	for _, st := range open311.Statuses() {
		want := "open"
		if closing[st] {
			want = "closed"
		}
		assert.Equal(t, closing[st], st.Closes(), "%s closes", st)
		assert.Equal(t, want, open311.RequestStatus(st), "request status of %s", st)
	}
	for _, s := range []incident.Status{incident.StatusClosed, incident.StatusRejected} {
		rec := open311.Record{State: incident.Incident{Status: s, Reject: incident.RejectInvalid}}
		rec.Updates = []open311.Update{{UpdateID: "n", Status: open311.StatusOpen, UpdatedDatetime: open311.DatetimeOf(start.Add(time.Hour))}}
		assert.Equal(t, "closed", rec.RequestStatus(), "a note never reopens a %s matter", s)
	}
}

// The current status of a record follows its latest status entry: the
// incident's own changes and the received updates, newer wins, the
// incident's change at equal times.
func TestRecordStatus(t *testing.T) {
	d := newDecider(t)
	rec := reported(t, d)
	at := func(m int) open311.Datetime { return open311.DatetimeOf(start.Add(time.Duration(m) * time.Minute)) }
	st, since := rec.Status()
	assert.Equal(t, open311.StatusForTriage, st, "a fresh report")
	assert.True(t, since.Equal(start), "since the report")
	apply := func(r open311.Record, id string, s open311.Status, m int) open311.Record {
		next, changed, err := open311.ApplyUpdate(d, r, open311.Update{UpdateID: open311.ID(id), Status: s, UpdatedDatetime: at(m)}, staff, "")
		require.NoError(t, err, "%s %s", id, s)
		require.True(t, changed, "%s recorded", id)
		return next
	}
	rec = apply(rec, "u1", open311.StatusPlanned, 1)
	st, _ = rec.Status()
	assert.Equal(t, open311.StatusPlanned, st, "the update's own status, not action_scheduled")
	assert.Equal(t, incident.StatusDispatched, rec.State.Status, "dispatched")

	rec = apply(rec, "u2", open311.StatusUnchanged, 5)
	st, _ = rec.Status()
	assert.Equal(t, open311.StatusPlanned, st, "unchanged names no status")

	rec = apply(rec, "u3", open311.StatusFixed, 6)
	assert.Equal(t, "closed", rec.RequestStatus(), "fixed closes the request while the incident awaits checking")
	assert.Equal(t, incident.StatusResolved, rec.State.Status, "resolved")

	// The incident's own change, at the time of a note received before it.
	rec = apply(rec, "u4", open311.StatusInvestigating, 9)
	m := grassroots.Meta{AggregateID: rec.State.ID, CommandID: "desk-close", Actor: staff, At: start.Add(9 * time.Minute)}
	evs, err := d.Decide(rec.State, incident.Close{Meta: m})
	require.NoError(t, err, "close")
	for _, e := range evs {
		rec.State, err = d.Evolve(rec.State, e)
		require.NoError(t, err, "evolve")
	}
	rec.Events = append(rec.Events, evs...)
	st, since = rec.Status()
	assert.Equal(t, open311.StatusClosed, st, "at equal times the incident's change wins over a note")
	assert.True(t, since.Equal(start.Add(9*time.Minute)), "since the closure")

	rec = apply(rec, "u5", open311.StatusOpen, 10)
	assert.Equal(t, incident.StatusReopened, rec.State.Status, "open reopens a closed matter")
	assert.Equal(t, "open", rec.RequestStatus(), "reopened")
	var got []string
	for _, u := range open311.Updates(&rec, nil) {
		got = append(got, u.Status.String())
	}
	assert.Equal(t, []string{"planned", "unchanged", "fixed", "investigating", "closed", "open"}, got, "the feed in time order, the note before the closure at equal times")
}
