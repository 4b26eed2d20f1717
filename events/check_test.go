package events_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
)

func sealed(t testing.TB, subject string, prev *grassroots.Event, n int) []grassroots.Event {
	t.Helper()
	var next int64 = 1
	if prev != nil {
		next = prev.Sequence + 1
	}
	raw := make([]grassroots.Event, n)
	for i := range raw {
		raw[i] = grassroots.Event{
			ID:          grassroots.EventID(subject, fmt.Sprintf("c%d", next+int64(i)), 0, time.Time{}),
			Source:      "/test",
			SpecVersion: grassroots.SpecVersion,
			Type:        grassroots.EventType("test", "happened"),
			Subject:     subject,
			Data:        json.RawMessage(fmt.Sprintf(`{"n":%d}`, next+int64(i))),
		}
	}
	evs, err := grassroots.SealAll(prev, raw)
	require.NoError(t, err, "sealing %d events of %s", n, subject)
	return evs
}

// badBatches returns batches that CheckBatch refuses, each with a
// description, built on a chain of n events of subject "s".
func badBatches(t *testing.T, n int) map[string][]grassroots.Event {
	t.Helper()
	evs := sealed(t, "s", nil, n)
	clone := func() []grassroots.Event {
		c := make([]grassroots.Event, len(evs))
		copy(c, evs)
		return c
	}
	out := map[string][]grassroots.Event{}
	for _, at := range []int{0, 1, n / 2, n - 1} {
		b := clone()
		b[at].Data = json.RawMessage(`{"altered":true}`)
		out[fmt.Sprintf("content altered at %d", at)] = b

		b = clone()
		b[at].Subject = "other"
		out[fmt.Sprintf("another subject at %d", at)] = b

		b = clone()
		b[at].Hash = ""
		out[fmt.Sprintf("hash stripped at %d", at)] = b
	}
	b := clone()
	b[n-1].ID = b[1].ID
	b[n-1] = reseal(t, b[n-1])
	out["an ID repeated"] = b

	b = clone()
	b[3], b[4] = b[4], b[3]
	out["two events swapped"] = b

	b = clone()
	b[2].Data = json.RawMessage(`{"altered":true}`)
	b[n-2].Subject = "other"
	out["two problems"] = b
	return out
}

func reseal(t *testing.T, e grassroots.Event) grassroots.Event {
	t.Helper()
	h, err := grassroots.ComputeHash(&e)
	require.NoError(t, err, "hashing %s", e.ID)
	e.Hash = h
	return e
}

// TestPrepareBatchAgreesWithCheckBatch checks that sharing the work out
// gives the error CheckBatch gives, for any number of workers.
func TestPrepareBatchAgreesWithCheckBatch(t *testing.T) {
	const n = 200
	for name, batch := range badBatches(t, n) {
		want := events.CheckBatch("s", 0, batch)
		require.Error(t, want, "CheckBatch refuses %s", name)
		for _, workers := range []int{0, 1, 2, 3, 8, 64} {
			envs, got := events.PrepareBatch("s", 0, batch, workers)
			assert.Nil(t, envs, "%s, %d workers: no envelopes for a refused batch", name, workers)
			assert.Equal(t, want, got, "%s, %d workers: the same error as CheckBatch", name, workers)
		}
	}

	good := sealed(t, "s", nil, n)
	require.NoError(t, events.CheckBatch("s", 0, good), "CheckBatch accepts a sealed chain")
	for _, workers := range []int{1, 2, 7} {
		envs, err := events.PrepareBatch("s", 0, good, workers)
		require.NoError(t, err, "PrepareBatch with %d workers accepts a sealed chain", workers)
		require.Len(t, envs, n, "one envelope per event")
		for i := range good {
			want, err := good[i].MarshalJSON()
			require.NoError(t, err, "encoding event %d", i)
			assert.Equal(t, string(want), string(envs[i]), "envelope %d with %d workers", i, workers)
		}
	}
}

func TestCheckBatch(t *testing.T) {
	evs := sealed(t, "s", nil, 4)
	for _, c := range []struct {
		name     string
		subject  string
		expected int64
		batch    []grassroots.Event
		fields   []string
	}{
		{"empty subject", "", 0, evs, []string{"subject"}},
		{"negative expected", "s", -2, evs, []string{"expected"}},
		{"no events", "s", 0, nil, []string{"batch"}},
		{"everything", "", -1, nil, []string{"subject", "expected", "batch"}},
	} {
		err := events.CheckBatch(c.subject, c.expected, c.batch)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, "CheckBatch with %s", c.name)
		var paths []string
		for _, f := range ve.Fields {
			paths = append(paths, f.Path)
		}
		assert.Equal(t, c.fields, paths, "the fields at fault with %s", c.name)
	}

	err := events.CheckBatch("s", 0, []grassroots.Event{evs[0], evs[2]})
	var ce *grassroots.ChainError
	require.ErrorAs(t, err, &ce, "a gap in the batch")
	assert.Equal(t, grassroots.ChainDropped, ce.Reason, "the gap's reason")
	assert.Equal(t, 1, ce.Index, "the gap's index")

	// The batch need not start at 1: CheckHead links it to the store.
	assert.NoError(t, events.CheckBatch("s", 2, evs[2:]), "a batch continuing a stored chain")
}

func TestCheckHead(t *testing.T) {
	evs := sealed(t, "s", nil, 3)
	head := grassroots.Event{Subject: "s", Sequence: evs[1].Sequence, Hash: evs[1].Hash}
	assert.NoError(t, events.CheckHead("s", 2, &head, &evs[2]), "the next event after a head of three columns")
	assert.NoError(t, events.CheckHead("s", 0, nil, &evs[0]), "the first event of a new subject")

	err := events.CheckHead("s", 1, &head, &evs[2])
	var conflict *events.ConflictError
	require.ErrorAs(t, err, &conflict, "a stale expected")
	assert.Equal(t, events.ConflictError{Subject: "s", Expected: 1, Actual: 2}, *conflict, "the conflict")
	assert.ErrorIs(t, err, events.ErrConflict, "the conflict matches its sentinel")

	err = events.CheckHead("s", 2, &head, &evs[1])
	var ce *grassroots.ChainError
	require.ErrorAs(t, err, &ce, "the head again")
	assert.Equal(t, grassroots.ChainInserted, ce.Reason, "the head appended after itself")

	err = events.CheckHead("s", 0, nil, &evs[1])
	require.ErrorAs(t, err, &ce, "a new subject's chain starting at 2")
	assert.Equal(t, grassroots.ChainDropped, ce.Reason, "a chain starting at 2")
}

func TestIsReplay(t *testing.T) {
	evs := sealed(t, "s", nil, 3)
	hashes := []string{evs[0].Hash, evs[1].Hash, evs[2].Hash}
	assert.True(t, events.IsReplay(evs, hashes), "every hash stored")
	assert.True(t, events.IsReplay(evs[1:2], hashes[1:2]), "one event stored")
	assert.False(t, events.IsReplay(evs, hashes[:2]), "the last event not stored")
	assert.False(t, events.IsReplay(evs[:2], []string{evs[0].Hash, evs[2].Hash}), "another event stored at a sequence")
	assert.False(t, events.IsReplay(evs, nil), "nothing stored")
}

func TestCheckLoadAndRead(t *testing.T) {
	assert.NoError(t, events.CheckLoad("s", 0), "Load of a whole chain")
	assert.ErrorIs(t, events.CheckLoad("", 0), grassroots.ErrInvalid, "Load without a subject")
	assert.ErrorIs(t, events.CheckLoad("s", -1), grassroots.ErrInvalid, "Load after -1")
	assert.NoError(t, events.CheckRead(0, 1), "a read of one record")
	assert.ErrorIs(t, events.CheckRead(-1, 1), grassroots.ErrInvalid, "a read after -1")
	assert.ErrorIs(t, events.CheckRead(0, 0), grassroots.ErrInvalid, "a read of no records")
}

func TestDecode(t *testing.T) {
	e := sealed(t, "s", nil, 1)[0]
	env, err := e.MarshalJSON()
	require.NoError(t, err, "encoding")
	got, err := events.Decode(7, "s", 1, e.Hash, env)
	require.NoError(t, err, "decoding a stored envelope")
	again, err := got.MarshalJSON()
	require.NoError(t, err, "encoding the decoded event")
	assert.Equal(t, string(env), string(again), "byte-identical JSON")

	for _, c := range []struct {
		name     string
		subject  string
		sequence int64
		hash     string
		envelope []byte
	}{
		{"another subject column", "t", 1, e.Hash, env},
		{"another sequence column", "s", 2, e.Hash, env},
		{"another hash column", "s", 1, strings.Repeat("0", 64), env},
		{"an envelope that does not parse", "s", 1, e.Hash, env[1:]},
	} {
		_, err := events.Decode(7, c.subject, c.sequence, c.hash, c.envelope)
		var ce *events.CorruptError
		require.ErrorAs(t, err, &ce, "Decode with %s", c.name)
		assert.Equal(t, int64(7), ce.Position, "the position of the corrupt event")
		assert.ErrorIs(t, err, events.ErrCorrupt, "Decode with %s matches ErrCorrupt", c.name)
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		err      error
		sentinel error
	}{
		{&events.ConflictError{Subject: "s", Expected: 0, Actual: 3}, events.ErrConflict},
		{&events.ConflictError{Subject: "s", Expected: 2, Actual: 3}, events.ErrConflict},
		{&events.DuplicateIDError{ID: "x", Index: 1, Subject: "s", Sequence: 2}, events.ErrDuplicateID},
		{&events.SchemaVersionError{Found: 3, Supported: 1}, events.ErrSchemaVersion},
		{&events.CorruptError{Position: 4, Problem: "the envelope does not parse", Err: grassroots.ErrInvalid}, events.ErrCorrupt},
	} {
		assert.ErrorIs(t, c.err, c.sentinel, "%T matches its sentinel", c.err)
		assert.True(t, strings.HasPrefix(c.err.Error(), "events: "), "%q starts with the package name", c.err.Error())
		for _, other := range []error{events.ErrConflict, events.ErrDuplicateID, events.ErrSchemaVersion, events.ErrCorrupt, events.ErrClosed} {
			if other != c.sentinel {
				assert.NotErrorIs(t, c.err, other, "%T does not match %v", c.err, other)
			}
		}
	}
}

// A nil pointer of each error type has a message, wraps nothing and
// matches its own sentinel only.
func TestNilErrors(t *testing.T) {
	sentinels := []error{events.ErrConflict, events.ErrDuplicateID, events.ErrSchemaVersion, events.ErrCorrupt, events.ErrClosed, grassroots.ErrInvalid}
	for _, c := range []struct {
		err  error
		owns error // the sentinel the type matches, or nil
	}{
		{(*events.ConflictError)(nil), events.ErrConflict},
		{(*events.DuplicateIDError)(nil), events.ErrDuplicateID},
		{(*events.SchemaVersionError)(nil), events.ErrSchemaVersion},
		{(*events.CorruptError)(nil), events.ErrCorrupt},
		{(*events.BatchError)(nil), nil},
	} {
		err := c.err
		assert.True(t, strings.HasPrefix(err.Error(), "events: "), "%T: %q starts with the package name", err, err.Error())
		assert.Contains(t, err.Error(), "nil", "%T: the message says the error is nil", err)
		assert.Nil(t, errors.Unwrap(err), "%T wraps nothing", err)
		for _, s := range sentinels {
			if s == c.owns {
				assert.ErrorIs(t, err, s, "%T matches %v", err, s)
			} else {
				assert.NotErrorIs(t, err, s, "%T does not match %v", err, s)
			}
		}
	}
	wrapped := fmt.Errorf("appending: %w", (*events.BatchError)(nil))
	assert.NotErrorIs(t, wrapped, events.ErrConflict, "a wrapped nil *BatchError")
	var ce *events.CorruptError
	assert.Nil(t, ce.Unwrap(), "CorruptError.Unwrap")
	var be *events.BatchError
	assert.Nil(t, be.Unwrap(), "BatchError.Unwrap")
}

// PrepareBatchFunc refuses a nil prepare, and a panic in prepare reaches
// the caller's goroutine, where it can be recovered, with any number of
// workers.
func TestPrepareBatchFuncNilAndPanickingPrepare(t *testing.T) {
	batch := sealed(t, "s", nil, 200)
	for _, workers := range []int{1, 2, 8} {
		err := events.PrepareBatchFunc("s", 0, batch, workers, nil)
		var ve *grassroots.ValidationError
		if assert.ErrorAs(t, err, &ve, "%d workers: nil prepare", workers) {
			assert.True(t, ve.Has("prepare"), "%d workers: %v", workers, err)
		}
		got := func() (r any) {
			defer func() { r = recover() }()
			_ = events.PrepareBatchFunc("s", 0, batch, workers, func(i int) error {
				if i == 150 {
					panic("prepare failed at 150")
				}
				return nil
			})
			return nil
		}()
		assert.Equal(t, "prepare failed at 150", got, "%d workers: the panic reaches the caller", workers)
	}
}

// CheckHead and LoadVerified answer a nil event or store with an error.
func TestNilFirstEventAndStore(t *testing.T) {
	var ce *grassroots.ChainError
	require.ErrorAs(t, events.CheckHead("s", 0, nil, nil), &ce, "CheckHead without a first event")
	assert.Equal(t, grassroots.ChainInvalid, ce.Reason)
	_, err := events.LoadVerified(t.Context(), nil, "s", nil)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "LoadVerified without a store")
}
