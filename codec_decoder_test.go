package grassroots_test

import (
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
		"gives another type": decoded(noted{mine.ticketEvent}, true),
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
