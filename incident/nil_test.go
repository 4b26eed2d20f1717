package incident

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/internal/niltest"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer, with inputs a built value would act on: none panics, and
// each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	state, events, at := build(t, testDecider(t), "inc-1", pathTo[StatusClosed])

	t.Run("Catalog", func(t *testing.T) {
		var c *Catalog
		_, ok := c.Lookup("002")
		assert.False(t, ok, "Lookup")
		assert.Nil(t, c.Categories(), "Categories")
		assert.Zero(t, c.Len(), "Len")
		b, err := c.MarshalJSON()
		require.NoError(t, err, "MarshalJSON")
		assert.JSONEq(t, `{"categories":null}`, string(b), "MarshalJSON")
	})

	t.Run("Decider", func(t *testing.T) {
		var d *Decider
		assert.Nil(t, d.Catalog(), "Catalog")
		assert.Nil(t, d.Calendar(), "Calendar")
		_, err := d.Decide(state, commandFor(OpReopen, "inc-1", 99, at.Add(time.Minute)))
		assert.ErrorIs(t, err, ErrNotConfigured, "Decide")
		first, err := d.Evolve(Incident{}, events[0])
		require.NoError(t, err, "Evolve")
		assert.Equal(t, StatusReported, first.Status, "Evolve")
		replayed, err := d.Replay(events)
		require.NoError(t, err, "Replay")
		assert.True(t, replayed.Equal(&state), "Replay")
		envs, err := Codec.Seal(nil, "/districts/330302/incident", events)
		require.NoError(t, err, "sealing the history")
		want, err := testDecider(t).ReplayEnvelopes(envs)
		require.NoError(t, err, "ReplayEnvelopes of a built Decider")
		replayed, err = d.ReplayEnvelopes(envs)
		require.NoError(t, err, "ReplayEnvelopes")
		assert.True(t, replayed.Equal(&want), "ReplayEnvelopes")
	})

	t.Run("DuplicateIndex", func(t *testing.T) {
		var x *DuplicateIndex
		cand := openIncident("new", "002", 120.70, 28.00, t0)
		assert.Zero(t, x.Len(), "Len")
		found, err := x.Find(cand)
		require.NoError(t, err, "Find")
		assert.Empty(t, found, "Find")
		dst := []Match{{ID: "kept"}}
		found, err = x.AppendFind(dst, cand)
		require.NoError(t, err, "AppendFind")
		assert.Equal(t, dst, found, "AppendFind leaves dst as it was")
	})

	t.Run("Incident", func(t *testing.T) {
		var in *Incident
		_, ok := in.Deadline()
		assert.False(t, ok, "Deadline")
		assert.False(t, in.Located(), "Located")
		assert.Zero(t, in.Commands().Len(), "Commands")
		assert.True(t, in.Equal(&Incident{}), "Equal: nil and the zero Incident")
		assert.True(t, in.Equal(nil), "Equal: nil and nil")
		assert.False(t, in.Equal(&state), "Equal: nil and a reported incident")
		assert.False(t, state.Equal(nil), "Equal: a reported incident and nil")
	})

	t.Run("PermissionError", func(t *testing.T) {
		var e *PermissionError
		assert.NotEmpty(t, e.Error(), "Error")
		assert.ErrorIs(t, e, ErrForbidden, "Is")
	})

	t.Run("Router", func(t *testing.T) {
		var r *Router
		cat, ok := DefaultCatalog().Lookup("002")
		require.True(t, ok, "category 002")
		_, err := r.Route(cat, grid.Code("330302001001001"))
		assert.ErrorIs(t, err, ErrUnknownGrid, "Route")
		assert.Empty(t, r.Escalation(Assignment{Grid: "330302001001001", Platform: cat.Platform}), "Escalation")
		assert.Empty(t, r.Assignments(), "Assignments")
	})

	t.Run("Summary", func(t *testing.T) {
		var s *Summary
		_, ok := s.Group("330302001001001")
		assert.False(t, ok, "Group")
	})

	t.Run("Tally", func(t *testing.T) {
		var tl *Tally
		assert.ErrorIs(t, tl.Add(&state), ErrBadOptions, "Add")
		assert.Equal(t, Summary{}, tl.Summary(), "Summary")
	})

	t.Run("decoders", func(t *testing.T) {
		niltest.Decoders(t, grassroots.ErrInvalid, map[string]niltest.Decoder{
			"Status":       {Dst: (*Status)(nil), Text: StatusReported.String()},
			"Platform":     {Dst: (*Platform)(nil), Text: PlatformGovernance.String()},
			"Channel":      {Dst: (*Channel)(nil), Text: ChannelApp.String()},
			"Priority":     {Dst: (*Priority)(nil), Text: PriorityLow.String()},
			"Grade":        {Dst: (*Grade)(nil), Text: VerySatisfied.String()},
			"RejectReason": {Dst: (*RejectReason)(nil), Text: RejectInvalid.String()},
			"Level":        {Dst: (*Level)(nil), Text: LevelReminder.String()},
			"Op":           {Dst: (*Op)(nil), Text: OpReport.String()},
			"GroupBy":      {Dst: (*GroupBy)(nil), Text: ByGrid.String()},
		})
		var c *Contact
		assert.ErrorIs(t, c.UnmarshalJSON([]byte(`{"name":"张三"}`)), grassroots.ErrInvalid, "Contact: UnmarshalJSON")
	})
}
