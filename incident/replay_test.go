package incident

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots"
)

// TestReplayIsTheFoldOverEvolve checks that Replay, which applies events
// in place, gives what grassroots.Replay over Evolve gives: the same
// state for a valid history and the same error for every history cut,
// reordered or with an event repeated or left out.
func TestReplayIsTheFoldOverEvolve(t *testing.T) {
	d := testDecider(t)
	ops := []Op{OpReport, OpAccept, OpDispatch, OpStart, OpResolve, OpClose, OpRate, OpReopen, OpDispatch, OpEscalate}
	_, events, _ := build(t, d, "inc-fold", ops)
	histories := map[string][]Event{"whole": events, "none": nil}
	for i := range events {
		histories["cut before "+events[i].EventName()] = events[:i]
		histories["without "+events[i].EventName()] = slices.Delete(slices.Clone(events), i, i+1)
		histories["repeating "+events[i].EventName()] = slices.Insert(slices.Clone(events), i, events[i])
		if i > 0 {
			swapped := slices.Clone(events)
			swapped[i-1], swapped[i] = swapped[i], swapped[i-1]
			histories["swapping "+events[i].EventName()] = swapped
		}
	}
	histories["a nil event"] = append(slices.Clone(events[:3]), nil)
	for name, h := range histories {
		got, err := d.Replay(h)
		want, wantErr := grassroots.Replay(d.Evolve, h)
		assert.Equal(t, wantErr, err, name)
		assert.True(t, got.Equal(&want), "%s: Replay and the fold over Evolve build different states", name)
	}
}
