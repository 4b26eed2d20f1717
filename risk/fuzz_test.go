package risk

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// FuzzFromEnvelope feeds arbitrary data to every risk event type. Whatever
// decodes must encode again and decode to the same JSON, and must carry
// the envelope's subject and time.
func FuzzFromEnvelope(f *testing.F) {
	for _, e := range history(f, StageClosed) {
		b, err := json.Marshal(e)
		require.NoError(f, err)
		f.Add(e.EventName(), b)
	}
	f.Add("assessed", []byte(`{"risk":"R1","at":"2026-03-02T09:00:00+08:00","assessment":{"current":{"level":"nope"}}}`))
	f.Add("closed", []byte(`{"risk":"R1","at":"2026-03-02T09:00:00+08:00","reason":7}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		env := grassroots.Event{
			ID: "e", Source: "/s", SpecVersion: grassroots.SpecVersion, Type: grassroots.EventType("risk", name),
			Subject: riskID, Time: t0, Data: data,
		}
		e, err := FromEnvelope(env)
		if err != nil {
			assert.Nil(t, e, "a failed decode returns no value")
			return
		}
		assert.Equal(t, riskID, e.Head().Risk)
		assert.True(t, e.Head().At.Equal(t0))
		first, err := json.Marshal(e)
		if err != nil {
			return // decoded but not encodable (an invalid enum value cannot be written)
		}
		env.Data = first
		again, err := FromEnvelope(env)
		require.NoError(t, err, "re-decoding %s", first)
		second, err := json.Marshal(again)
		require.NoError(t, err)
		assert.JSONEq(t, string(first), string(second))
	})
}

// FuzzCommandSequence drives the decider with command sequences chosen by
// the fuzz input: no panics, rejected commands emit nothing, and the
// events always replay to the folded state, also through envelopes.
func FuzzCommandSequence(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 3, 2, 2, 1, 5, 5, 0, 7, 7, 8, 8, 0})
	f.Add([]byte{0, 0, 1, 1, 2, 2, 0, 0, 10, 10, 200, 14, 14, 13, 13, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		events, state := runSequence(t, &byteChooser{b: data}, len(data)/2+1)
		replayed, err := Replay(events)
		require.NoError(t, err)
		assert.Equal(t, state, replayed)
		if len(events) == 0 {
			return
		}
		envs, err := ToEnvelopes(nil, "/s", events, rand.NewChaCha8([32]byte{}))
		require.NoError(t, err)
		fromEnvs, err := ReplayEnvelopes(envs)
		require.NoError(t, err)
		assert.JSONEq(t, jsonOf(t, state), jsonOf(t, fromEnvs))
	})
}

// FuzzMatrixJSON decodes matrices: a matrix that validates answers every
// in-range cell with a valid level, rejects out-of-range ratings, and
// survives a JSON round trip.
func FuzzMatrixJSON(f *testing.F) {
	for _, m := range []Matrix{NIST80030(), Product5x5()} {
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
