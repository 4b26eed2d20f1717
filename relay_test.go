package grassroots_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	cloudevents "github.com/cloudevents/sdk-go/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// relayChain seals n events of one subject whose times carry an offset
// and a fraction, the forms a relay is most likely to rewrite.
func relayChain(t *testing.T, n int) []grassroots.Event {
	t.Helper()
	cst := time.FixedZone("CST", 8*3600)
	var out []grassroots.Event
	var prev *grassroots.Event
	for i := range n {
		e := grassroots.Event{
			ID: grassroots.EventID("I-7", fmt.Sprintf("c-%d", i), 0, time.Date(2025, 6, 9, 10, i, 0, 123_400_000, cst)), Source: "/districts/330302/incident",
			SpecVersion: grassroots.SpecVersion, Type: grassroots.EventType("incident", "accepted"),
			Subject: "I-7", Time: time.Date(2025, 6, 9, 10, i, 0, 123_400_000, cst),
			DataContentType: "application/json",
			Data:            json.RawMessage(fmt.Sprintf(`{"step":%d,"note":"第%d步","share":0.25}`, i, i)),
			Extensions:      map[string]any{"tenant": "wz", "priority": int64(i), "urgent": i%2 == 0},
		}
		s, err := grassroots.Seal(prev, e)
		require.NoError(t, err)
		out = append(out, s)
		prev = &out[len(out)-1]
	}
	return out
}

// The CNCF Go SDK, used as a relay (decode, then encode), rewrites time to
// UTC with the fewest fractional digits and reorders members. A chain
// sealed by this SDK still verifies after it.
func TestChainVerifiesAfterCloudEventsSDKRelay(t *testing.T) {
	chain := relayChain(t, 5)
	var relayed []grassroots.Event
	for i, e := range chain {
		wire, err := json.Marshal(e)
		require.NoError(t, err)
		var ce cloudevents.Event
		require.NoError(t, json.Unmarshal(wire, &ce), "event %d: the SDK reads it", i)
		again, err := json.Marshal(ce)
		require.NoError(t, err, "event %d: the SDK writes it", i)
		assert.NotEqual(t, string(wire), string(again), "event %d: the relay changed the bytes", i)
		back, err := grassroots.ParseEvent(again)
		require.NoError(t, err, "event %d: %s", i, again)
		relayed = append(relayed, back)
	}
	assert.NoError(t, grassroots.VerifyChain(relayed))
}

// A relay may write time in any offset and precision that keeps the
// instant: the chain still verifies.
func TestChainVerifiesWithTimeRewritten(t *testing.T) {
	chain := relayChain(t, 4)
	zones := []*time.Location{time.UTC, time.FixedZone("", -5*3600), time.FixedZone("", 5*3600+45*60), time.FixedZone("", 0)}
	layouts := []string{time.RFC3339Nano, "2006-01-02T15:04:05.000000000Z07:00", "2006-01-02T15:04:05.0000Z07:00", "lower"}
	for zi, z := range zones {
		for _, layout := range layouts {
			var rewritten []grassroots.Event
			for i, e := range chain {
				var members map[string]json.RawMessage
				wire, err := json.Marshal(e)
				require.NoError(t, err)
				require.NoError(t, json.Unmarshal(wire, &members))
				ts := e.Time.In(z).Format(layout)
				if layout == "lower" {
					ts = strings.ToLower(e.Time.In(z).Format(time.RFC3339Nano))
				}
				members["time"], _ = json.Marshal(ts)
				b, err := json.MarshalIndent(members, "", "  ")
				require.NoError(t, err)
				back, err := grassroots.ParseEvent(b)
				require.NoError(t, err, "event %d with time %s", i, ts)
				rewritten = append(rewritten, back)
			}
			assert.NoError(t, grassroots.VerifyChain(rewritten), "offset %d, layout %s", zi, layout)
		}
	}
}

// Changing a value, not only its encoding, still breaks the chain.
func TestChainBreaksWhenARelayChangesAValue(t *testing.T) {
	chain := relayChain(t, 3)
	changed := append([]grassroots.Event(nil), chain...)
	changed[1].Time = changed[1].Time.Add(time.Millisecond)
	var ce *grassroots.ChainError
	require.ErrorAs(t, grassroots.VerifyChain(changed), &ce)
	assert.Equal(t, 1, ce.Index)
	assert.Equal(t, grassroots.ChainContentChanged, ce.Reason)

	changed = append([]grassroots.Event(nil), chain...)
	changed[2].Extensions = map[string]any{"tenant": "wz", "priority": int64(3), "urgent": true}
	require.ErrorAs(t, grassroots.VerifyChain(changed), &ce)
	assert.Equal(t, 2, ce.Index)
}
