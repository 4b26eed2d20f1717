// Package storetest is the conformance suite of events.Store: one
// function, Run, that holds an implementation to the whole contract, so
// the stores of this module and an integrator's own (on MySQL, on a
// domestic database) prove the same behaviour the same way.
//
// An implementation's test calls Run with a function that opens a new,
// empty store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) events.Store {
//			s, err := mystore.Open(t.Context(), dsnForAFreshDatabase(t))
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// Run covers the append and load round trip (byte-identical JSON),
// expected-sequence conflicts, chain refusals (a wrong prevhash, a wrong
// sequence, an altered hash or content, another subject's event, an
// unsealed or invalid event), idempotent re-appends and partial overlaps,
// repeated event IDs, the global log (order, completeness, reading from a
// position, limits), invalid arguments, context cancellation, concurrent
// appenders racing on one subject (exactly one wins each race, nothing is
// lost, the chains verify), a reader tailing the log while writers append
// (it skips nothing), large batches, when the store implements
// events.Follower, waiting on the log and, when it implements
// events.MultiAppender, appends to several subjects at once (all or
// nothing, in order). After every refusal it checks that
// nothing was written.
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots/events"
)

// Open returns a new, empty store for one subtest. It registers the
// store's cleanup (closing it, removing its database) with t.Cleanup; it
// may call t.Skip when the database is not available.
type Open func(t *testing.T) events.Store

// Run runs the conformance suite against the stores open returns, one
// fresh store per subtest.
func Run(t *testing.T, open Open) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := open(t)
			c.run(t, s)
		})
	}
}

type testCase struct {
	name string
	run  func(t *testing.T, s events.Store)
}

var cases = []testCase{
	{"RoundTrip", testRoundTrip},
	{"LoadAfter", testLoadAfter},
	{"UnknownSubject", testUnknownSubject},
	{"InvalidArguments", testInvalidArguments},
	{"Conflict", testConflict},
	{"ChainRefused", testChainRefused},
	{"Replay", testReplay},
	{"PartialOverlap", testPartialOverlap},
	{"DuplicateID", testDuplicateID},
	{"GlobalLog", testGlobalLog},
	{"ReadLogLimits", testReadLogLimits},
	{"ContextCanceled", testContextCanceled},
	{"RaceOnOneSubject", testRaceOnOneSubject},
	{"RetryingWriters", testRetryingWriters},
	{"TailWhileAppending", testTailWhileAppending},
	{"LargeBatch", testLargeBatch},
	{"Follow", testFollow},
	{"AppendMany", testAppendMany},
}

// timeout bounds every subtest, so a store that hangs fails instead.
const timeout = 2 * time.Minute

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	t.Cleanup(cancel)
	return ctx
}
