package risk

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// FuzzCodecDecode feeds arbitrary data to every risk event type through
// the codec. Whatever decodes is a valid event of the envelope's subject
// and time, and survives the round trip: encoded again into an envelope it
// decodes to the same JSON.
func FuzzCodecDecode(f *testing.F) {
	for _, e := range history(f, StageClosed) {
		b, err := json.Marshal(e)
		require.NoError(f, err)
		f.Add(e.EventName(), b)
	}
	f.Add("assessed", []byte(`{"aggregate_id":"R1","command_id":"c","actor":{"id":"a","party":"government"},"at":"2026-03-02T09:00:00+08:00","assessment":{"current":{"level":"nope"}}}`))
	f.Add("closed", []byte(`{"aggregate_id":"R1","command_id":"c","actor":{"id":"a","party":"government"},"at":"2026-03-02T09:00:00+08:00","reason":7}`))
	f.Add("escalated", []byte(`{"aggregate_id":"R1","command_id":"c","actor":{"id":"a","party":"government"},"at":"2026-03-02T09:00:00+08:00","kind":"review","key":"s1","due":"2026-03-02T08:00:00+08:00"}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		env := grassroots.Event{
			ID: "e", Source: "/s", SpecVersion: grassroots.SpecVersion, Type: grassroots.EventType("risk", name),
			Subject: riskID, Time: t0, Data: data,
		}
		e, err := Codec.Decode(env)
		if err != nil {
			assert.Nil(t, e, "a failed decode returns no value")
			return
		}
		require.NoError(t, e.Validate(), "a decoded event is valid")
		assert.Equal(t, riskID, e.Metadata().AggregateID)
		assert.True(t, e.Metadata().At.Equal(t0))
		first, err := json.Marshal(e)
		require.NoError(t, err, "a valid event encodes")
		out, err := Codec.Envelope("/s", e, 0)
		require.NoError(t, err, "and becomes an envelope")
		again, err := Codec.Decode(out)
		require.NoError(t, err, "re-decoding %s", first)
		second, err := json.Marshal(again)
		require.NoError(t, err)
		assert.JSONEq(t, string(first), string(second))
	})
}

// FuzzCommandSequence drives the decider with command sequences chosen by
// the fuzz input: no panics, refused commands emit nothing, and the events
// always replay to the folded state, also through envelopes.
func FuzzCommandSequence(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 3, 2, 2, 1, 5, 5, 0, 7, 7, 8, 8, 0})
	f.Add([]byte{0, 0, 1, 1, 2, 2, 0, 0, 10, 10, 200, 14, 14, 13, 13, 1})
	f.Add([]byte{0, 0, 1, 1, 9, 9, 0, 10, 10, 11, 11, 15, 15})
	f.Fuzz(func(t *testing.T, data []byte) {
		events, state := runSequence(t, &byteChooser{b: data}, len(data)/2+1)
		replayed, err := decider.Replay(events)
		require.NoError(t, err)
		assert.True(t, sameRisk(state, replayed))
		if len(events) == 0 {
			return
		}
		envs, err := Codec.Seal(nil, "/s", events)
		require.NoError(t, err)
		fromEnvs, err := grassroots.ReplayEnvelopes(decider, Codec, envs)
		require.NoError(t, err)
		assert.True(t, sameRisk(state, fromEnvs))
	})
}

// FuzzMatrixJSON decodes matrices: a matrix that validates answers every
// in-range cell with a valid level, rejects out-of-range ratings, and
// survives a JSON round trip.
func FuzzMatrixJSON(f *testing.F) {
	for _, m := range []Matrix{NIST80030(), NIST80030Likelihood(), Product5x5()} {
		b, err := json.Marshal(m)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"name":"x","likelihoods":2,"impacts":1,"bands":[{"min":1,"level":"low"},{"min":2,"level":"high"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Matrix
		if json.Unmarshal(data, &m) != nil || m.Validate() != nil {
			return
		}
		for l := 0; l <= m.Likelihoods+1; l++ {
			for i := 0; i <= m.Impacts+1; i++ {
				level, err := m.Level(l, i)
				inRange := l >= 1 && l <= m.Likelihoods && i >= 1 && i <= m.Impacts
				if inRange {
					require.NoError(t, err)
					assert.True(t, level.IsValid())
				} else {
					assert.ErrorIs(t, err, ErrOutOfRange)
				}
			}
		}
		b, err := json.Marshal(m)
		require.NoError(t, err)
		var back Matrix
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, jsonOf(t, m), jsonOf(t, back))
	})
}
