package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

func testRoundTrip(t *testing.T, s events.Store) {
	ctx := testContext(t)
	a := chain(t, "incident-a", "w", nil, 3)
	b := chain(t, "incident-b", "w", nil, 1)
	a2 := chain(t, "incident-a", "w", last(a), 4)
	mustAppend(t, ctx, s, "incident-a", 0, a)
	mustAppend(t, ctx, s, "incident-b", 0, b)
	mustAppend(t, ctx, s, "incident-a", 3, a2)

	got, err := s.Load(ctx, "incident-a", 0)
	require.NoError(t, err, "loading incident-a")
	assertSameEvents(t, append(a, a2...), got, "Load(incident-a, 0)")
	require.NoError(t, grassroots.VerifyChain(got), "the loaded chain of incident-a verifies")
	for i := range got {
		assert.Equal(t, a[0].Subject, got[i].Subject, "subject of loaded event %d", i)
	}

	got, err = s.Load(ctx, "incident-b", 0)
	require.NoError(t, err, "loading incident-b")
	assertSameEvents(t, b, got, "Load(incident-b, 0)")

	verified, err := events.LoadVerified(ctx, s, "incident-a", nil)
	require.NoError(t, err, "LoadVerified(incident-a, nil)")
	assertSameEvents(t, append(a, a2...), verified, "LoadVerified(incident-a, nil)")
	rest, err := events.LoadVerified(ctx, s, "incident-a", &a[2])
	require.NoError(t, err, "LoadVerified(incident-a, after sequence 3)")
	assertSameEvents(t, a2, rest, "LoadVerified(incident-a, after sequence 3)")
	_, err = events.LoadVerified(ctx, s, "incident-b", &a[2])
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "LoadVerified with prev of another subject")
}

func testLoadAfter(t *testing.T, s events.Store) {
	ctx := testContext(t)
	evs := chain(t, "risk-1", "w", nil, 6)
	mustAppend(t, ctx, s, "risk-1", 0, evs[:2])
	mustAppend(t, ctx, s, "risk-1", 2, evs[2:])
	for after := int64(0); after <= 8; after++ {
		got, err := s.Load(ctx, "risk-1", after)
		require.NoError(t, err, "Load(risk-1, %d)", after)
		want := evs[min(after, int64(len(evs))):]
		assertSameEvents(t, want, got, "Load(risk-1, after)")
	}
}

func testUnknownSubject(t *testing.T, s events.Store) {
	ctx := testContext(t)
	mustAppend(t, ctx, s, "known", 0, chain(t, "known", "w", nil, 2))
	got, err := s.Load(ctx, "unknown", 0)
	require.NoError(t, err, "loading a subject without events")
	assert.Empty(t, got, "a subject without events loads as empty")
	got, err = s.Load(ctx, "know", 0)
	require.NoError(t, err, "loading a prefix of a stored subject")
	assert.Empty(t, got, "a prefix of a subject is another subject")
	verified, err := events.LoadVerified(ctx, s, "unknown", nil)
	require.NoError(t, err, "LoadVerified of a subject without events")
	assert.Empty(t, verified, "LoadVerified of a subject without events")
}

func testInvalidArguments(t *testing.T, s events.Store) {
	ctx := testContext(t)
	evs := chain(t, "s", "w", nil, 1)
	mustAppend(t, ctx, s, "s", 0, evs)
	before := take(t, ctx, s)
	next := chain(t, "s", "w", last(evs), 1)
	for _, c := range []struct {
		name     string
		subject  string
		expected int64
		batch    []grassroots.Event
	}{
		{"empty subject", "", 1, next},
		{"negative expected", "s", -1, next},
		{"nil batch", "s", 1, nil},
		{"empty batch", "s", 1, []grassroots.Event{}},
	} {
		err := s.Append(ctx, c.subject, c.expected, c.batch)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "Append with %s", c.name)
		var ve *grassroots.ValidationError
		assert.ErrorAs(t, err, &ve, "Append with %s is a *grassroots.ValidationError", c.name)
	}
	assertUnchanged(t, ctx, s, before, "invalid appends")

	_, err := s.Load(ctx, "", 0)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "Load with an empty subject")
	_, err = s.Load(ctx, "s", -1)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "Load after -1")
	_, err = s.ReadLog(ctx, -1, 10)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "ReadLog after -1")
	_, err = s.ReadLog(ctx, 0, 0)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "ReadLog with limit 0")
	_, err = s.ReadLog(ctx, 0, -5)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "ReadLog with limit -5")
	if f, ok := s.(events.Follower); ok {
		_, err = f.Follow(ctx, 0, 0)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "Follow with limit 0")
		_, err = f.Follow(ctx, -1, 1)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "Follow after -1")
	}
}

func assertConflict(t testing.TB, err error, subject string, expected, actual int64, what string) {
	t.Helper()
	var ce *events.ConflictError
	if !assert.ErrorAs(t, err, &ce, "%s: want a *events.ConflictError", what) {
		return
	}
	assert.ErrorIs(t, err, events.ErrConflict, "%s", what)
	assert.Equal(t, subject, ce.Subject, "%s: conflict subject", what)
	assert.Equal(t, expected, ce.Expected, "%s: conflict expected", what)
	assert.Equal(t, actual, ce.Actual, "%s: conflict actual", what)
}

func testConflict(t *testing.T, s events.Store) {
	ctx := testContext(t)
	first := chain(t, "c", "w", nil, 2)
	err := s.Append(ctx, "c", 1, first)
	assertConflict(t, err, "c", 1, 0, "appending to a new subject with expected 1")
	got, err := s.Load(ctx, "c", 0)
	require.NoError(t, err, "loading c")
	assert.Empty(t, got, "a refused first append writes nothing")

	stored := chain(t, "c", "w", nil, 3)
	mustAppend(t, ctx, s, "c", 0, stored)
	before := take(t, ctx, s)
	next := chain(t, "c", "w", last(stored), 2)
	for _, expected := range []int64{0, 1, 2, 4, 5, 1 << 40} {
		err := s.Append(ctx, "c", expected, next)
		assertConflict(t, err, "c", expected, 3, "appending after 3 with a stale or future expected")
	}
	// Another writer's first event, sealed for a new subject, on an
	// existing one.
	other := chain(t, "c", "other", nil, 1)
	assertConflict(t, s.Append(ctx, "c", 0, other), "c", 0, 3, "a second first event")
	assertUnchanged(t, ctx, s, before, "conflicting appends")

	mustAppend(t, ctx, s, "c", 3, next)
	got, err = s.Load(ctx, "c", 0)
	require.NoError(t, err, "loading c")
	assertSameEvents(t, append(stored, next...), got, "the chain after the conflicts")
}

func testChainRefused(t *testing.T, s events.Store) {
	ctx := testContext(t)
	stored := chain(t, "x", "w", nil, 3)
	mustAppend(t, ctx, s, "x", 0, stored)
	other := chain(t, "y", "w", nil, 2)
	mustAppend(t, ctx, s, "y", 0, other[:1])
	before := take(t, ctx, s)
	head := last(stored)
	good := chain(t, "x", "w", head, 3)

	wrongPrev := good[0]
	wrongPrev.PrevHash = stored[1].Hash
	wrongPrev = reseal(t, wrongPrev)

	wrongSeq := good[0]
	wrongSeq.Sequence = 5
	wrongSeq = reseal(t, wrongSeq)

	alteredHash := good[0]
	alteredHash.Hash = stored[0].Hash

	alteredData := good[1]
	alteredData.Data = []byte(`{"n":999}`)
	alteredData.DataBase64 = nil

	unsealed := good[0]
	unsealed.Sequence, unsealed.PrevHash, unsealed.Hash = 0, "", ""

	invalid := good[0]
	invalid.SpecVersion = "0.3"

	foreignSealed := chain(t, "y", "w", &other[0], 1)[0]
	foreignOnX := foreignSealed
	foreignOnX.Subject = "x"
	foreignOnX = reseal(t, foreignOnX)

	gapSubject := chain(t, "z", "w", nil, 2)

	for _, c := range []struct {
		name     string
		subject  string
		expected int64
		batch    []grassroots.Event
		reason   grassroots.ChainReason
		index    int
	}{
		{"wrong prevhash", "x", 3, []grassroots.Event{wrongPrev}, linkReason(head, &wrongPrev), 0},
		{"wrong sequence", "x", 3, []grassroots.Event{wrongSeq}, grassroots.ChainWrongSequence, 0},
		{"altered hash", "x", 3, []grassroots.Event{alteredHash}, grassroots.ChainContentChanged, 0},
		{"altered content", "x", 3, []grassroots.Event{good[0], alteredData}, grassroots.ChainContentChanged, 1},
		{"unsealed event", "x", 3, []grassroots.Event{unsealed}, grassroots.ChainInvalid, 0},
		{"invalid event", "x", 3, []grassroots.Event{invalid}, grassroots.ChainInvalid, 0},
		{"another subject's event", "x", 3, []grassroots.Event{foreignSealed}, grassroots.ChainInserted, 0},
		{"another subject's event after a good one", "x", 3, []grassroots.Event{good[0], foreignSealed}, grassroots.ChainInserted, 1},
		{"another chain's event resealed for this subject", "x", 3, []grassroots.Event{foreignOnX}, linkReason(head, &foreignOnX), 0},
		{"gap inside the batch", "x", 3, []grassroots.Event{good[0], good[2]}, grassroots.ChainDropped, 1},
		{"reordered batch", "x", 3, []grassroots.Event{good[1], good[0]}, linkReason(&good[1], &good[0]), 1},
		{"new subject not starting at 1", "z", 0, gapSubject[1:], grassroots.ChainDropped, 0},
		{"stored head appended again after itself", "x", 3, []grassroots.Event{*head, good[0]}, grassroots.ChainInserted, 0},
	} {
		err := s.Append(ctx, c.subject, c.expected, c.batch)
		assertChainError(t, err, c.reason, c.index, c.name)
	}
	assert.ErrorIs(t, s.Append(ctx, "x", 3, []grassroots.Event{invalid}), grassroots.ErrInvalid,
		"the chain error of an invalid event carries its validation error")
	assert.ErrorIs(t, s.Append(ctx, "x", 3, []grassroots.Event{unsealed}), grassroots.ErrNotSealed,
		"the chain error of an unsealed event says so")
	assertUnchanged(t, ctx, s, before, "refused chains")

	mustAppend(t, ctx, s, "x", 3, good)
	got, err := events.LoadVerified(ctx, s, "x", nil)
	require.NoError(t, err, "the chain of x after the refusals verifies")
	assertSameEvents(t, append(stored, good...), got, "the chain of x after the refusals")
}

func testReplay(t *testing.T, s events.Store) {
	ctx := testContext(t)
	evs := chain(t, "r", "w", nil, 5)
	b1, b2, b3 := evs[:2], evs[2:3], evs[3:]
	mustAppend(t, ctx, s, "r", 0, b1)
	mustAppend(t, ctx, s, "r", 2, b2)
	mustAppend(t, ctx, s, "r", 3, b3)
	mustAppend(t, ctx, s, "s", 0, chain(t, "s", "w", nil, 1))
	before := take(t, ctx, s)

	for _, c := range []struct {
		name     string
		expected int64
		batch    []grassroots.Event
	}{
		{"the first batch again", 0, b1},
		{"the middle batch again", 2, b2},
		{"the last batch again", 3, b3},
		{"the first batch with the head's sequence as expected", 5, b1},
		{"events of two batches", 1, evs[1:4]},
		{"the whole chain", 0, evs},
		{"one stored event", 4, evs[4:]},
	} {
		assert.NoError(t, s.Append(ctx, "r", c.expected, c.batch), "re-appending %s is a no-op", c.name)
	}
	assertUnchanged(t, ctx, s, before, "re-appends")

	// A stored event's hash with other content is no replay.
	forged := evs[1]
	forged.Data = []byte(`{"forged":true}`)
	forged.DataBase64 = nil
	err := s.Append(ctx, "r", 1, []grassroots.Event{forged})
	assertChainError(t, err, grassroots.ChainContentChanged, 0, "a stored hash with other content")
	assertUnchanged(t, ctx, s, before, "a forged re-append")

	got, err := events.LoadVerified(ctx, s, "r", nil)
	require.NoError(t, err, "loading r after the re-appends")
	assertSameEvents(t, evs, got, "r after the re-appends")
}

func testPartialOverlap(t *testing.T, s events.Store) {
	ctx := testContext(t)
	evs := chain(t, "p", "w", nil, 5)
	mustAppend(t, ctx, s, "p", 0, evs[:3])
	before := take(t, ctx, s)

	err := s.Append(ctx, "p", 1, evs[1:])
	assertConflict(t, err, "p", 1, 3, "a batch whose first two events are stored, with their expected")
	err = s.Append(ctx, "p", 3, evs[2:])
	assertChainError(t, err, grassroots.ChainInserted, 0, "a batch whose first event is the stored head")
	err = s.Append(ctx, "p", 0, evs)
	assertConflict(t, err, "p", 0, 3, "the whole chain over a stored prefix")
	assertUnchanged(t, ctx, s, before, "partly overlapping appends")

	mustAppend(t, ctx, s, "p", 3, evs[3:])
	got, err := events.LoadVerified(ctx, s, "p", nil)
	require.NoError(t, err, "loading p")
	assertSameEvents(t, evs, got, "p after appending the missing events")
}

func assertDuplicate(t testing.TB, err error, id string, index int, subject string, seq int64, what string) {
	t.Helper()
	var de *events.DuplicateIDError
	if !assert.ErrorAs(t, err, &de, "%s: want a *events.DuplicateIDError", what) {
		return
	}
	assert.ErrorIs(t, err, events.ErrDuplicateID, "%s", what)
	assert.Equal(t, id, de.ID, "%s: duplicate ID", what)
	assert.Equal(t, index, de.Index, "%s: batch index", what)
	assert.Equal(t, subject, de.Subject, "%s: where the ID is used", what)
	assert.Equal(t, seq, de.Sequence, "%s: sequence where the ID is used", what)
}

func testDuplicateID(t *testing.T, s events.Store) {
	ctx := testContext(t)
	a := chain(t, "a", "w", nil, 3)
	mustAppend(t, ctx, s, "a", 0, a)
	before := take(t, ctx, s)

	withID := func(prev *grassroots.Event, e grassroots.Event, id string) grassroots.Event {
		e.ID = id
		sealed, err := grassroots.Seal(prev, e)
		require.NoError(t, err, "sealing an event with ID %q", id)
		return sealed
	}
	b1 := withID(nil, event("b", "w", 1), a[0].ID)
	err := s.Append(ctx, "b", 0, []grassroots.Event{b1})
	assertDuplicate(t, err, a[0].ID, 0, "a", 1, "another subject's first event reusing a stored ID")

	c1 := withID(nil, event("c", "w", 1), "c-1")
	c2 := withID(&c1, event("c", "w", 2), a[1].ID)
	err = s.Append(ctx, "c", 0, []grassroots.Event{c1, c2})
	assertDuplicate(t, err, a[1].ID, 1, "a", 2, "the second event of a batch reusing a stored ID")

	a4 := withID(last(a), event("a", "w", 4), a[0].ID)
	err = s.Append(ctx, "a", 3, []grassroots.Event{a4})
	assertDuplicate(t, err, a[0].ID, 0, "a", 1, "the same subject's next event reusing a stored ID")

	d1 := withID(nil, event("d", "w", 1), "d-same")
	d2 := withID(&d1, event("d", "w", 2), "d-same")
	err = s.Append(ctx, "d", 0, []grassroots.Event{d1, d2})
	assertDuplicate(t, err, "d-same", 1, "d", 1, "two events of one batch with one ID")
	assertUnchanged(t, ctx, s, before, "appends reusing IDs")

	for _, subject := range []string{"b", "c", "d"} {
		got, err := s.Load(ctx, subject, 0)
		require.NoError(t, err, "loading %q", subject)
		assert.Empty(t, got, "a refused batch leaves %q without events", subject)
	}
}

func testContextCanceled(t *testing.T, s events.Store) {
	ctx := testContext(t)
	evs := chain(t, "k", "w", nil, 2)
	mustAppend(t, ctx, s, "k", 0, evs[:1])
	before := take(t, ctx, s)

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	err := s.Append(canceled, "k", 1, evs[1:])
	assert.ErrorIs(t, err, context.Canceled, "Append with a canceled context")
	_, err = s.Load(canceled, "k", 0)
	assert.ErrorIs(t, err, context.Canceled, "Load with a canceled context")
	_, err = s.ReadLog(canceled, 0, 10)
	assert.ErrorIs(t, err, context.Canceled, "ReadLog with a canceled context")
	if f, ok := s.(events.Follower); ok {
		_, err = f.Follow(canceled, 0, 10)
		assert.ErrorIs(t, err, context.Canceled, "Follow with a canceled context")
	}
	assertUnchanged(t, ctx, s, before, "calls with a canceled context")

	// A replay with a canceled context reports the context too: the store
	// cannot know it is a replay without reading.
	err = s.Append(canceled, "k", 0, evs[:1])
	assert.True(t, err == nil || errors.Is(err, context.Canceled), "a replay with a canceled context: nil or the context's error, got %v", err)

	mustAppend(t, ctx, s, "k", 1, evs[1:])
}

func testLargeBatch(t *testing.T, s events.Store) {
	ctx := testContext(t)
	const n = 5000
	evs := chain(t, "big", "w", nil, n)
	mustAppend(t, ctx, s, "big", 0, evs[:1])
	mustAppend(t, ctx, s, "big", 1, evs[1:])
	got, err := events.LoadVerified(ctx, s, "big", nil)
	require.NoError(t, err, "loading a chain of %d events", n)
	assertSameEvents(t, evs, got, "a large batch")
	log := readAll(t, ctx, s)
	assert.Len(t, log, n, "the global log holds the large batch")

	// A large batch with one bad event near its end writes nothing.
	more := chain(t, "big", "w", last(evs), n)
	more[n-2].Data = []byte(`{"n":"altered"}`)
	more[n-2].DataBase64 = nil
	before := take(t, ctx, s)
	err = s.Append(ctx, "big", n, more)
	assertChainError(t, err, grassroots.ChainContentChanged, n-2, "a large batch with an altered event")
	assertUnchanged(t, ctx, s, before, "a refused large batch")
}
