package main

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/incident"
)

// The queue answers which matters are due as a plain map of instants
// would, through any sequence of moves and removals.
func TestDueQueueAgreesWithAMap(t *testing.T) {
	const matters = 200
	rng := rand.New(rand.NewPCG(1, 2))
	q := newDueQueue(incident.DuePolicy{}, matters)
	want := map[int32]int64{}
	for step := range 5000 {
		idx := int32(rng.IntN(matters))
		if rng.IntN(4) == 0 {
			q.remove(idx)
			delete(want, idx)
		} else {
			next := int64(rng.IntN(1000))
			q.set(idx, next)
			want[idx] = next
		}
		require.Equal(t, len(want), q.len(), "step %d: size", step)
		at := int64(rng.IntN(1000))
		got := q.until(at, nil)
		slices.Sort(got)
		var due []int32
		for idx, next := range want {
			if next <= at {
				due = append(due, idx)
			}
		}
		slices.Sort(due)
		assert.Equal(t, due, got, "step %d: due at %d", step, at)
	}
}
