package provider

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

var (
	buyerActor    = grassroots.Actor{ID: "u-buyer", Party: grassroots.Government, Organization: "gov-lucheng"}
	supplierActor = grassroots.Actor{ID: "u-supplier", Party: grassroots.Provider, Organization: "prov-1"}
	strangerActor = grassroots.Actor{ID: "u-other", Party: grassroots.Government, Organization: "gov-elsewhere"}
)

func by(a grassroots.Actor, at time.Time) CommandMeta { return CommandMeta{By: a, At: at} }

// run decides and applies each command in turn, failing on any error.
func run(t *testing.T, s State, cmds ...Command) (State, []Event) {
	t.Helper()
	var all []Event
	for _, c := range cmds {
		es, err := Decide(s, c)
		require.NoError(t, err, "%T", c)
		for _, e := range es {
			s = Evolve(s, e)
		}
		all = append(all, es...)
	}
	return s, all
}

func TestLifecycleHappyPath(t *testing.T) {
	c := testContract(t)
	s, events := run(t, State{},
		Draft{by(buyerActor, day(2025, 11, 1)), c},
		Publish{by(buyerActor, day(2025, 11, 20))},
		Sign{by(supplierActor, day(2025, 12, 1))},
		Activate{by(buyerActor, day(2026, 1, 1))},
		Complete{by(buyerActor, day(2027, 1, 1))},
	)
	assert.Equal(t, ContractCompleted, s.Status)
	assert.True(t, s.DateSigned.Equal(day(2025, 12, 1)))
	assert.True(t, s.Contract.Published)
	assert.Equal(t, 5, s.Version)
	assert.Equal(t, s, Replay(events), "replay equals the state")
}

func TestLifecycleRejections(t *testing.T) {
	c := testContract(t)
	drafted, _ := run(t, State{}, Draft{by(buyerActor, day(2025, 11, 1)), c})
	signed, _ := run(t, drafted, Sign{by(buyerActor, day(2025, 12, 1))})
	active, _ := run(t, signed, Publish{by(buyerActor, day(2025, 12, 2))}, Activate{by(buyerActor, day(2026, 1, 1))})
	incomplete := c
	incomplete.Liability = ""
	draftedIncomplete, _ := run(t, State{}, Draft{by(buyerActor, day(2025, 11, 1)), incomplete})

	cases := []struct {
		name   string
		state  State
		cmd    Command
		target error
	}{
		{"draft twice", drafted, Draft{by(buyerActor, day(2025, 11, 2)), c}, ErrTransition},
		{"draft by another organ", State{}, Draft{by(strangerActor, day(2025, 11, 1)), c}, ErrForbidden},
		{"draft by the supplier", State{}, Draft{by(supplierActor, day(2025, 11, 1)), c}, ErrForbidden},
		{"sign an invalid contract", draftedIncomplete, Sign{by(buyerActor, day(2025, 12, 1))}, grassroots.ErrInvalid},
		{"activate a draft", drafted, Activate{by(buyerActor, day(2026, 1, 1))}, ErrTransition},
		{"activate unpublished", signed, Activate{by(buyerActor, day(2026, 1, 1))}, ErrNotPublished},
		{"complete before the term ends", active, Complete{by(buyerActor, day(2026, 12, 31))}, ErrTooEarly},
		{"terminate without reason", active, Terminate{by(buyerActor, day(2026, 6, 1)), ""}, grassroots.ErrInvalid},
		{"cancel an active contract", active, Cancel{by(buyerActor, day(2026, 6, 1)), "no longer needed"}, ErrTransition},
		{"publish twice", active, Publish{by(buyerActor, day(2026, 6, 1))}, ErrTransition},
		{"supplier may not amend", active, Amend{by(supplierActor, day(2026, 6, 1)), c, "more visits"}, ErrForbidden},
		{"amend changes the supplier", active, Amend{by(buyerActor, day(2026, 6, 1)), func() Contract { d := c; d.Supplier.ID = "prov-2"; return d }(), "swap"}, grassroots.ErrInvalid},
		{"command without time", active, Terminate{by(buyerActor, time.Time{}), "breach"}, grassroots.ErrInvalid},
		{"command by an invalid actor", active, Terminate{by(grassroots.Actor{}, day(2026, 6, 1)), "breach"}, grassroots.ErrInvalid},
		{"nil command", active, nil, ErrTransition},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			es, err := Decide(tc.state, tc.cmd)
			assert.ErrorIs(t, err, tc.target, tc.name)
			assert.Empty(t, es, "a rejected command emits nothing")
		})
	}
}

func TestLifecycleAmendAndTerminate(t *testing.T) {
	c := testContract(t)
	amended := c
	amended.Quantity = "2600 home visits"
	s, events := run(t, State{},
		Draft{by(buyerActor, day(2025, 11, 1)), c},
		Publish{by(buyerActor, day(2025, 11, 2))},
		Sign{by(buyerActor, day(2025, 12, 1))},
		Activate{by(buyerActor, day(2026, 1, 1))},
		Amend{by(buyerActor, day(2026, 3, 1)), amended, "demand grew"},
		Terminate{by(supplierActor, day(2026, 6, 1)), "staff shortage"},
	)
	assert.Equal(t, ContractTerminated, s.Status)
	assert.Equal(t, "2600 home visits", s.Contract.Quantity)
	assert.True(t, s.Contract.Published, "an amendment keeps the published flag")
	require.Len(t, s.Amendments, 1)
	assert.Equal(t, "demand grew", s.Amendments[0].Reason)
	assert.Equal(t, "staff shortage", s.EndReason)
	assert.Equal(t, s, Replay(events))
	_, err := Decide(s, Amend{by(buyerActor, day(2026, 7, 1)), amended, "late"})
	assert.ErrorIs(t, err, ErrTransition, "a terminated contract is final")
}

func TestEnvelopesRoundTrip(t *testing.T) {
	c := testContract(t)
	_, events := run(t, State{},
		Draft{by(buyerActor, day(2025, 11, 1)), c},
		Publish{by(buyerActor, day(2025, 11, 2))},
		Sign{by(buyerActor, day(2025, 12, 1))},
		Activate{by(buyerActor, day(2026, 1, 1))},
		Terminate{by(buyerActor, day(2026, 6, 1)), "breach"},
	)
	ids := rand.NewChaCha8([32]byte{1})
	envs, err := Envelopes(nil, "/districts/330302/provider", events, ids)
	require.NoError(t, err)
	require.NoError(t, grassroots.VerifyChain(envs))
	for i, e := range envs {
		assert.Equal(t, c.ID, e.Subject)
		assert.Equal(t, grassroots.EventType("provider", events[i].Name()), e.Type)
	}
	assert.Equal(t, "grassroots.provider.contract_terminated.v1", envs[4].Type)

	// Through JSON, as a vendor would store them.
	var back []grassroots.Event
	for _, e := range envs {
		b, err := e.MarshalJSON()
		require.NoError(t, err)
		var d grassroots.Event
		require.NoError(t, d.UnmarshalJSON(b))
		back = append(back, d)
	}
	decoded, err := FromEnvelopes(back)
	require.NoError(t, err)
	want := Replay(events)
	got := Replay(decoded)
	assert.Equal(t, want.Status, got.Status)
	assert.Equal(t, want.Version, got.Version)
	assert.True(t, want.Ended.Equal(got.Ended))
	assert.True(t, want.Contract.Value.Equal(got.Contract.Value))
	assert.Equal(t, want.Contract.Scope, got.Contract.Scope)

	// Same events, same id stream: same envelopes.
	again, err := Envelopes(nil, "/districts/330302/provider", events, rand.NewChaCha8([32]byte{1}))
	require.NoError(t, err)
	assert.Equal(t, envs[4].Hash, again[4].Hash)

	// A tampered envelope breaks the chain.
	back[2].Data = bytes.Replace(back[2].Data, []byte("u-buyer"), []byte("u-forger"), 1)
	_, err = FromEnvelopes(back)
	assert.ErrorIs(t, err, grassroots.ErrChainBroken)
}

func TestFromEnvelopeRejects(t *testing.T) {
	_, err := FromEnvelope(grassroots.Event{Type: "grassroots.incident.reported.v1"})
	assert.ErrorIs(t, err, ErrUnknownEvent)
	_, err = FromEnvelope(grassroots.Event{Type: "grassroots.provider.contract_exploded.v1"})
	assert.ErrorIs(t, err, ErrUnknownEvent)
	_, err = FromEnvelope(grassroots.Event{Type: "grassroots.provider.contract_signed.v1", Subject: "ct-x", Data: []byte(`{"contract":"ct-y","at":"2026-01-01T00:00:00+08:00","by":"u"}`)})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "subject must match the event's contract")
}
