package incident

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func TestToEnvelope(t *testing.T) {
	d := testDecider(t)
	_, events, _ := build(t, d, "inc-1", pathTo[StatusDispatched])
	env, err := ToEnvelope(events[0], EnvelopeOptions{Source: "/districts/330302/incident"})
	require.NoError(t, err)
	assert.Equal(t, "grassroots.incident.reported.v1", env.Type)
	assert.Equal(t, "inc-1", env.Subject)
	assert.Equal(t, "inc-1-report-0/reported", env.ID)
	assert.True(t, env.Time.Equal(t0))

	var data map[string]any
	require.NoError(t, json.Unmarshal(env.Data, &data))
	for _, k := range []string{"incident_id", "command_id", "actor", "at", "category", "location", "accept_term"} {
		assert.Contains(t, data, k, "data member %s", k)
	}
	assert.NotContains(t, string(env.Data), "13812345678", "the phone is masked by default")
	assert.Contains(t, string(env.Data), "138****5678")

	clear, err := ToEnvelope(events[0], EnvelopeOptions{Source: "/s", RevealContact: true})
	require.NoError(t, err)
	assert.Contains(t, string(clear.Data), "13812345678", "RevealContact writes the phone")
	back, err := FromEnvelope(clear)
	require.NoError(t, err)
	name, phone := back.(Reported).Contact.Reveal()
	assert.Equal(t, "张三", name)
	assert.Equal(t, "13812345678", phone)

	_, err = ToEnvelope(events[0], EnvelopeOptions{})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "a source is required")
}

func TestFromEnvelopeRejectsBadInput(t *testing.T) {
	d := testDecider(t)
	_, events, _ := build(t, d, "inc-1", pathTo[StatusDispatched])
	good, err := ToEnvelope(events[2], EnvelopeOptions{Source: "/s"})
	require.NoError(t, err)

	cases := []struct {
		name   string
		mutate func(e *grassroots.Event)
		want   error
	}{
		{"another package's type", func(e *grassroots.Event) { e.Type = "grassroots.risk.dispatched.v1" }, ErrUnknownEvent},
		{"an unknown event name", func(e *grassroots.Event) { e.Type = "grassroots.incident.teleported.v1" }, ErrUnknownEvent},
		{"a subject that is not the data's incident", func(e *grassroots.Event) { e.Subject = "inc-2" }, ErrWrongIncident},
		{"an unknown platform", func(e *grassroots.Event) {
			e.Data = []byte(strings.Replace(string(e.Data), "law_enforcement", "space_command", 1))
		}, grassroots.ErrUnknownName},
		{"a missing unit", func(e *grassroots.Event) {
			e.Data = []byte(strings.Replace(string(e.Data), `"unit":"unit-1"`, `"unit":""`, 1))
		}, grassroots.ErrInvalid},
	}
	for _, tc := range cases {
		e := good
		tc.mutate(&e)
		_, err := FromEnvelope(e)
		assert.ErrorIs(t, err, tc.want, tc.name)
	}
}

func TestReplayEnvelopesVerifiesTheChain(t *testing.T) {
	d := testDecider(t)
	_, events, _ := build(t, d, "inc-1", pathTo[StatusClosed])
	envs, err := Seal(nil, events, EnvelopeOptions{Source: "/s"})
	require.NoError(t, err)
	envs[2].Data = []byte(strings.Replace(string(envs[2].Data), "unit-1", "unit-2", 1))
	_, err = ReplayEnvelopes(envs)
	assert.ErrorIs(t, err, grassroots.ErrChainBroken, "a changed event breaks the chain")

	envs, err = Seal(nil, events, EnvelopeOptions{Source: "/s"})
	require.NoError(t, err)
	_, err = ReplayEnvelopes(append(envs[:1:1], envs[2:]...))
	assert.ErrorIs(t, err, grassroots.ErrChainBroken, "a dropped event breaks the chain")
}

func TestReplayRejectsImpossibleHistories(t *testing.T) {
	d := testDecider(t)
	_, events, _ := build(t, d, "inc-1", pathTo[StatusClosed])
	_, err := Replay(events[1:])
	assert.ErrorIs(t, err, ErrTransition, "a history must start with reported")
	swapped := append([]Event{}, events...)
	swapped[3], swapped[4] = swapped[4], swapped[3]
	_, err = Replay(swapped)
	assert.Error(t, err, "out-of-order events are refused")
	s, err := Replay(nil)
	require.NoError(t, err)
	assert.Equal(t, Status(0), s.Status, "no events: the zero incident")
}
