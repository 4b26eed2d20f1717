//go:build !race

// The race detector makes sync.Pool drop what it is given, so these
// counts hold only without it.

package grassroots_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// Sealing allocates the hash's text and nothing else: the event it
// builds stays on the stack, and the canonical form it hashes is written
// into a pooled buffer.
func TestSealAllocatesOnlyTheHash(t *testing.T) {
	first, err := grassroots.Seal(nil, benchEvent())
	require.NoError(t, err)
	next := benchEvent()
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := grassroots.Seal(&first, next); err != nil {
			t.Fatal(err)
		}
	})
	assert.LessOrEqual(t, allocs, 1.0, "allocations a Seal")
}

// Verifying a chain allocates nothing.
func TestVerifyChainAllocatesNothing(t *testing.T) {
	chain, err := grassroots.SealAll(nil, []grassroots.Event{benchEvent(), benchEvent(), benchEvent()})
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(100, func() {
		if err := grassroots.VerifyChain(chain); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs, "allocations a VerifyChain of three events")
}
