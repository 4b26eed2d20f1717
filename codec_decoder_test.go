package grassroots_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func TestCodecWithDecoder(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	env, err := ticketCodec.Envelope("/desk", opened{ticketEvent{Meta: ticketMeta("T-1", 1, at), Text: "from data"}}, 0)
	require.NoError(t, err)
	want, err := ticketCodec.Decode(env)
	require.NoError(t, err)

	var calls []string
	decoded := func(e grassroots.DomainEvent, ok bool) func(string, []byte) (grassroots.DomainEvent, bool) {
		return func(name string, data []byte) (grassroots.DomainEvent, bool) {
			calls = append(calls, name+" "+string(data))
			return e, ok
		}
	}
	mine := opened{ticketEvent{Meta: ticketMeta("T-1", 1, at), Text: "from the decoder"}}

	got, err := ticketCodec.WithDecoder(decoded(mine, true)).Decode(env)
	require.NoError(t, err)
	assert.Equal(t, grassroots.DomainEvent(mine), got, "the decoder's value is the event")
	assert.Equal(t, []string{"opened " + string(env.Data)}, calls, "the decoder gets the name and the data")

	for what, dec := range map[string]func(string, []byte) (grassroots.DomainEvent, bool){
		"declines":           decoded(mine, false),
		"gives another type": decoded(noted(mine), true),
		"gives nil":          decoded(nil, true),
	} {
		got, err := ticketCodec.WithDecoder(dec).Decode(env)
		require.NoError(t, err, what)
		assert.Equal(t, want, got, "a decoder that %s leaves the data to the codec", what)
	}

	// The envelope is checked against the decoder's event as against any.
	other := opened{ticketEvent{Meta: ticketMeta("T-2", 1, at)}}
	_, err = ticketCodec.WithDecoder(decoded(other, true)).Decode(env)
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "subject", ve.Fields[0].Path)

	// Errors are the codec's own for data the decoder declines.
	bad := env
	bad.Data = []byte(`{"aggregate_id":1}`)
	_, wantErr := ticketCodec.Decode(bad)
	_, gotErr := ticketCodec.WithDecoder(decoded(nil, false)).Decode(bad)
	require.Error(t, wantErr)
	assert.Equal(t, wantErr, gotErr)

	assert.Equal(t, ticketCodec.Names(), ticketCodec.WithDecoder(decoded(nil, false)).Names())
}

// ticketDecoder decodes ticket data with encoding/json, taking what
// takes says it may.
func ticketDecoder(takes func(data []byte) bool) func(string, []byte) (grassroots.DomainEvent, bool) {
	return func(name string, data []byte) (grassroots.DomainEvent, bool) {
		if !takes(data) {
			return nil, false
		}
		zero, _ := ticketCodec.Zero(name)
		env := grassroots.Event{Type: grassroots.EventType("ticket", name), Data: data}
		var probe struct {
			AggregateID string    `json:"aggregate_id"`
			At          time.Time `json:"at"`
		}
		if json.Unmarshal(data, &probe) != nil {
			return nil, false
		}
		env.Subject, env.Time = probe.AggregateID, probe.At
		e, err := ticketCodec.Decode(env)
		if err != nil || reflect.TypeOf(e) != reflect.TypeOf(zero) {
			return nil, false
		}
		return e, true
	}
}

func TestCodecWithDecoderEventsAndNext(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	var events []grassroots.DomainEvent
	for i := range 4 {
		events = append(events, noted{ticketEvent{Meta: ticketMeta("T-1", i+1, at.Add(time.Duration(i)*time.Minute)), Text: fmt.Sprint("note ", i)}})
	}
	envs, err := ticketCodec.Seal(nil, "/desk", events)
	require.NoError(t, err)
	want, err := ticketCodec.Events(envs)
	require.NoError(t, err)

	var taken int
	own := ticketCodec.WithDecoder(ticketDecoder(func([]byte) bool { taken++; return true }))
	got, err := own.Events(envs)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Equal(t, len(envs), taken, "the decoder decodes each envelope once")
	var prev *grassroots.Event
	for i := range envs {
		e, err := own.Next(prev, envs[i])
		require.NoError(t, err)
		assert.Equal(t, want[i], e)
		prev = &envs[i]
	}

	// Data that is not in RFC 8785 form verifies, canonicalised for its
	// hash; a decoder that takes it has it hashed as it is, which breaks
	// the chain: the codec trusts the decoder's data to be canonical.
	spaced := slices.Clone(events)
	sealed, err := grassroots.SealAll(nil, func() []grassroots.Event {
		out := make([]grassroots.Event, len(spaced))
		for i, e := range spaced {
			env, err := ticketCodec.Envelope("/desk", e, 0)
			require.NoError(t, err)
			if i == 2 {
				env.Data = append([]byte(" "), env.Data...)
			}
			out[i] = env
		}
		return out
	}())
	require.NoError(t, err)
	_, err = ticketCodec.Events(sealed)
	require.NoError(t, err, "non-canonical data verifies")
	_, err = ticketCodec.WithDecoder(ticketDecoder(func([]byte) bool { return true })).Events(sealed)
	var ce *grassroots.ChainError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, grassroots.ChainContentChanged, ce.Reason)
	assert.Equal(t, 2, ce.Index)
	canonicalOnly := ticketCodec.WithDecoder(ticketDecoder(func(d []byte) bool { return d[0] == '{' }))
	_, err = canonicalOnly.Events(sealed)
	require.NoError(t, err, "data the decoder declines is canonicalised for its hash")
	_, err = canonicalOnly.Next(&sealed[1], sealed[2])
	require.NoError(t, err)
	_, err = ticketCodec.WithDecoder(ticketDecoder(func([]byte) bool { return true })).Next(&sealed[1], sealed[2])
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, grassroots.ChainContentChanged, ce.Reason)

	// A broken chain is reported before data that does not decode, as
	// without a decoder, wherever they are.
	plain := make([]grassroots.Event, len(events))
	for i, e := range events {
		plain[i], err = ticketCodec.Envelope("/desk", e, 0)
		require.NoError(t, err)
	}
	plain[0].Time = plain[0].Time.Add(time.Second) // not the data's at
	misfit, err := grassroots.SealAll(nil, plain)
	require.NoError(t, err)
	broken := slices.Clone(misfit)
	broken[2].Source = "/elsewhere" // the hash no longer matches
	for _, c := range []*grassroots.Codec[grassroots.DomainEvent]{ticketCodec, own} {
		_, err := c.Events(broken)
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, grassroots.ChainContentChanged, ce.Reason)
		assert.Equal(t, 2, ce.Index)
		_, err = c.Events(misfit)
		var re *grassroots.ReplayError
		require.ErrorAs(t, err, &re, "with the chain intact, the data's problem shows")
		assert.Equal(t, 0, re.Index)
		_, err = c.Next(nil, misfit[0])
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "time", ve.Fields[0].Path)
	}
}
