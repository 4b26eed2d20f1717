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
					u := open311.Update{UpdateID: id, ServiceRequestID: open311.ID(rec.State.ID), Status: status, UpdatedDatetime: open311.DatetimeOf(at), Description: "by " + id}
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
	u := open311.Update{UpdateID: "u1", ServiceRequestID: "inc-1", Status: "in_progress", UpdatedDatetime: open311.DatetimeOf(start.Add(time.Hour))}
	next, changed, err := open311.ApplyUpdate(d, rec, u, staff, "")
	require.NoError(t, err, "in_progress")
	require.True(t, changed, "changed")
	assert.Equal(t, incident.StatusInProgress, next.State.Status, "accept, dispatch, start")
	assert.Equal(t, rec.Revision+1, next.Revision, "revision")
	assert.Empty(t, rec.Updates, "the input record is not changed")

	same, changed, err := open311.ApplyUpdate(d, next, open311.Update{UpdateID: "u1", Status: "closed", UpdatedDatetime: u.UpdatedDatetime}, staff, "")
	require.NoError(t, err, "repeat")
	assert.False(t, changed, "a repeated update_id changes nothing")
	assert.Equal(t, next.Revision, same.Revision, "same record")

	older := open311.Update{UpdateID: "u0", Status: "closed", UpdatedDatetime: open311.DatetimeOf(start.Add(time.Minute))}
	after, changed, err := open311.ApplyUpdate(d, next, older, staff, "")
	require.NoError(t, err, "older")
	assert.True(t, changed, "recorded as a note")
	assert.Equal(t, incident.StatusInProgress, after.State.Status, "an older update never overrides newer state")
	assert.Len(t, after.Events, len(next.Events), "no event")

	_, _, err = open311.ApplyUpdate(d, rec, u, resident, "")
	assert.ErrorIs(t, err, incident.ErrForbidden, "a resident cannot accept")
}

func TestRequestStatus(t *testing.T) {
	for _, s := range []incident.Status{incident.StatusReported, incident.StatusAccepted, incident.StatusDispatched,
		incident.StatusReturned, incident.StatusInProgress, incident.StatusResolved, incident.StatusReopened} {
		assert.Equal(t, "open", open311.RequestStatus(s), "%s is open", s)
	}
	assert.Equal(t, "closed", open311.RequestStatus(incident.StatusClosed), "closed")
	assert.Equal(t, "closed", open311.RequestStatus(incident.StatusRejected), "rejected")
}
