package incident

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func TestDue(t *testing.T) {
	d := testDecider(t)
	state, _, _ := build(t, d, "inc-1", pathTo[StatusDispatched])
	// One working day from Monday 09:02: the term runs Mon 09:02 → Tue
	// 17:30, 6h58m + 7h30m = 868 minutes of working time; 80 % of it is
	// 694.4 minutes, reached on Tuesday at 14:36:24.
	policy := DuePolicy{Calendar: d.Calendar(), Actor: supervisor, ReminderPercent: 80, ReportAfter: 2}
	cases := []struct {
		name string
		now  time.Time
		want Level
	}{
		{"nothing before the reminder share", time.Date(2025, 11, 25, 14, 36, 23, 0, shanghai), 0},
		{"a reminder at the share of the working time", time.Date(2025, 11, 25, 14, 36, 24, 0, shanghai), LevelReminder},
		{"an urge from the deadline", time.Date(2025, 11, 25, 17, 30, 0, 0, shanghai), LevelUrge},
		{"still an urge before the report time", time.Date(2025, 11, 27, 17, 29, 0, 0, shanghai), LevelUrge},
		{"a report two working days after the deadline", time.Date(2025, 11, 27, 17, 30, 0, 0, shanghai), LevelReport},
	}
	for _, tc := range cases {
		cmds, err := Due([]Incident{state}, tc.now, policy)
		require.NoError(t, err, tc.name)
		if tc.want == 0 {
			assert.Empty(t, cmds, tc.name)
			continue
		}
		require.Len(t, cmds, 1, tc.name)
		assert.Equal(t, tc.want, cmds[0].(Escalate).Level, tc.name)
	}
}

func TestDueTwiceAtTheSameNowProducesNothingNew(t *testing.T) {
	d := testDecider(t)
	state, _, _ := build(t, d, "inc-1", pathTo[StatusInProgress])
	policy := DuePolicy{Calendar: d.Calendar(), Actor: supervisor, ReminderPercent: 80, ReportAfter: 2}
	now := time.Date(2025, 11, 26, 10, 0, 0, 0, shanghai)
	first, err := Due([]Incident{state}, now, policy)
	require.NoError(t, err)
	require.Len(t, first, 1)
	again, err := Due([]Incident{state}, now, policy)
	require.NoError(t, err)
	assert.Equal(t, first, again, "the same now gives the same command, with the same ID")

	assert.Equal(t, "due/urge/2025-11-25T09:30:00Z", first[0].Metadata().CommandID, "the ID names the level and the deadline")
	state = apply(t, d, state, first[0], nil)
	assert.Equal(t, LevelUrge, state.Escalated)
	evs, err := d.Decide(state, again[0])
	require.NoError(t, err)
	assert.Empty(t, evs, "the repeated command is a no-op")
	after, err := Due([]Incident{state}, now, policy)
	require.NoError(t, err)
	assert.Empty(t, after, "the state records what was sent")
}

func TestDueSkipsAndValidates(t *testing.T) {
	d := testDecider(t)
	closed, _, _ := build(t, d, "inc-1", pathTo[StatusClosed])
	policy := DuePolicy{Calendar: d.Calendar(), Actor: supervisor, ReminderPercent: 80}
	cmds, err := Due([]Incident{closed, {}}, t0.Add(1000*time.Hour), policy)
	require.NoError(t, err)
	assert.Empty(t, cmds, "no deadline runs on closed or empty incidents")
	_, err = Due(nil, t0, DuePolicy{ReminderPercent: 120})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "an invalid policy is refused")
	_, err = Due(nil, t0, DuePolicy{Calendar: d.Calendar(), Actor: dispatcher})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "the actor must be allowed to escalate")
}

// TestDueWithoutAPoint checks that a matter reported with an address only
// is escalated on its acceptance term like any other.
func TestDueWithoutAPoint(t *testing.T) {
	d := testDecider(t)
	state := apply(t, d, Incident{}, addressOnly("inc-a", "c1", t0), nil)
	require.False(t, state.Located())
	policy := DuePolicy{Calendar: d.Calendar(), Actor: supervisor, ReminderPercent: 50}
	cmds, err := Due([]Incident{state}, state.AcceptTerm.End, policy)
	require.NoError(t, err)
	require.Len(t, cmds, 1, "the acceptance deadline has passed")
	assert.Equal(t, LevelUrge, cmds[0].(Escalate).Level)
	state = apply(t, d, state, cmds[0], nil)
	assert.Equal(t, LevelUrge, state.Escalated)
}

// NextDue is the instant from which Due escalates: nothing a nanosecond
// before it, an escalation at it and later, through every level the
// policy sends until none is left.
func TestNextDueIsWhenDueEscalates(t *testing.T) {
	d := testDecider(t)
	policies := []DuePolicy{
		{Calendar: d.Calendar(), Actor: supervisor, ReminderPercent: 80, ReportAfter: 2},
		{Calendar: d.Calendar(), Actor: supervisor, ReminderPercent: 50},
		{Calendar: d.Calendar(), Actor: supervisor, ReportAfter: 1},
		{Calendar: d.Calendar(), Actor: supervisor},
	}
	for _, from := range []Status{StatusReported, StatusDispatched, StatusInProgress} {
		for pi, policy := range policies {
			state, _, _ := build(t, d, "inc-1", pathTo[from])
			var levels []Level
			for range 5 {
				at, ok, err := NextDue(state, policy)
				require.NoError(t, err, "%s, policy %d", from, pi)
				if !ok {
					cmds, err := Due([]Incident{state}, t0.Add(2000*time.Hour), policy)
					require.NoError(t, err)
					assert.Empty(t, cmds, "%s, policy %d: nothing is ever due once NextDue says none", from, pi)
					break
				}
				before, err := Due([]Incident{state}, at.Add(-time.Nanosecond), policy)
				require.NoError(t, err)
				assert.Empty(t, before, "%s, policy %d: nothing is due just before %s", from, pi, at)
				later, err := Due([]Incident{state}, at.Add(time.Hour), policy)
				require.NoError(t, err)
				assert.Len(t, later, 1, "%s, policy %d: still due an hour after %s", from, pi, at)
				cmds, err := Due([]Incident{state}, at, policy)
				require.NoError(t, err)
				require.Len(t, cmds, 1, "%s, policy %d: due at %s", from, pi, at)
				levels = append(levels, cmds[0].(Escalate).Level)
				state = apply(t, d, state, cmds[0], nil)
			}
			want := []Level{LevelUrge}
			if policy.ReminderPercent > 0 {
				want = append([]Level{LevelReminder}, want...)
			}
			if policy.ReportAfter > 0 {
				want = append(want, LevelReport)
			}
			assert.Equal(t, want, levels, "%s, policy %d: every level in turn", from, pi)
		}
	}
}

// A matter whose latest event is after its next level's time is due from
// that event on, as Due skips it before.
func TestNextDueNotBeforeTheLatestEvent(t *testing.T) {
	d := testDecider(t)
	state, _, _ := build(t, d, "inc-1", pathTo[StatusDispatched])
	policy := DuePolicy{Calendar: d.Calendar(), Actor: supervisor, ReminderPercent: 80, ReportAfter: 2}
	state.UpdatedAt = state.HandleTerm.End.Add(time.Hour)
	at, ok, err := NextDue(state, policy)
	require.NoError(t, err)
	require.True(t, ok)
	assert.True(t, at.Equal(state.UpdatedAt), "due from the latest event, not %s", at)
	cmds, err := Due([]Incident{state}, at, policy)
	require.NoError(t, err)
	require.Len(t, cmds, 1)
	assert.Equal(t, LevelUrge, cmds[0].(Escalate).Level, "the deadline has passed by then")
}

func TestNextDueSkipsAndValidates(t *testing.T) {
	d := testDecider(t)
	closed, _, _ := build(t, d, "inc-1", pathTo[StatusClosed])
	policy := DuePolicy{Calendar: d.Calendar(), Actor: supervisor, ReminderPercent: 80}
	for _, in := range []Incident{closed, {}} {
		_, ok, err := NextDue(in, policy)
		require.NoError(t, err)
		assert.False(t, ok, "no deadline runs in status %s", in.Status)
	}
	_, _, err := NextDue(closed, DuePolicy{ReminderPercent: 120})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "an invalid policy is refused")
}
