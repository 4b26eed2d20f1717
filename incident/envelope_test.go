package incident

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/workday"
)

// sampleEvents holds every event type with every field set, and a few
// with only what they require.
func sampleEvents() []Event {
	m := meta("inc-1", "cmd-1", handler, t0)
	term := Term{Start: t0, End: t0.Add(5 * time.Hour), Working: true}
	full := []Event{
		Reported{Meta: m, Category: "002", Channel: ChannelApp, Priority: PriorityHigh, Location: wenzhou, Grid: "330302001001001",
			Address: "五马街 1 号 <b>&</b>", AddressID: "addr-1", Description: "line\nbreak \"quoted\" \u2028", Media: []string{"https://e.org/a.jpg"},
			Contact: NewContact("张三", "13812345678"), AcceptTerm: term},
		Accepted{Meta: m},
		Rejected{Meta: m, Reason: RejectDuplicate, DuplicateOf: "inc-0", Note: "same lane"},
		Dispatched{Meta: m, Platform: PlatformLawEnforcement, Unit: "unit-1", HandleTerm: term},
		Returned{Meta: m, Reason: "not ours"},
		Started{Meta: m},
		Resolved{Meta: m, Result: "done", Evidence: []string{"https://e.org/b.jpg", "https://e.org/c.jpg"}},
		Closed{Meta: m, Note: "ok"},
		Reopened{Meta: m, Reason: "back again"},
		RedoOrdered{Meta: m, Unit: "unit-1", HandleTerm: term},
		Escalated{Meta: m, Level: LevelUrge, Deadline: t0},
		Extended{Meta: m, RequestedAt: t0, By: workday.Limit{Amount: 2, Unit: workday.WorkingDays}, HandleTerm: term, Reason: "truck"},
		Rated{Meta: m, Grade: Dissatisfied, Comment: "meh", Substantive: true},
		Located{Meta: m, Location: wenzhou, Grid: "330302001001001"},
	}
	bare := []Event{
		Reported{Meta: m, Category: "002", Channel: ChannelPatrol, Priority: PriorityLow, Address: "五马街", AcceptTerm: term},
		Rejected{Meta: m, Reason: RejectInvalid}, Closed{Meta: m}, Rated{Meta: m, Grade: Neutral}, Located{Meta: m, Location: wenzhou},
	}
	return append(full, bare...)
}

// TestCodecRoundTrip seals every event type with both codecs and reads it
// back: the events come back equal, with the contact masked by Codec and
// in clear by RecordCodec.
func TestCodecRoundTrip(t *testing.T) {
	for _, e := range sampleEvents() {
		require.NoError(t, e.Validate(), "sample %s is valid", e.EventName())
		for name, c := range map[string]*grassroots.Codec[Event]{"Codec": Codec, "RecordCodec": RecordCodec} {
			env, err := c.Envelope("/districts/330302/incident", e, 0)
			require.NoError(t, err, "%s: %s", name, e.EventName())
			assert.Equal(t, "grassroots.incident."+e.EventName()+".v1", env.Type)
			assert.Equal(t, grassroots.EventID("inc-1", "cmd-1", 0, e.Metadata().At), env.ID)
			assert.Equal(t, grassroots.SchemaURI("incident", e.EventName()), env.DataSchema)
			back, err := c.Decode(env)
			require.NoError(t, err, "%s: decoding %s", name, e.EventName())
			want := e
			if r, ok := e.(Reported); ok && name == "Codec" {
				r.Contact = r.Contact.Masked()
				want = r
			}
			a, _ := json.Marshal(want)
			b, _ := json.Marshal(back)
			assert.JSONEq(t, string(a), string(b), "%s: %s round-trips", name, e.EventName())
			if r, ok := back.(Reported); ok && name == "RecordCodec" && !r.Contact.IsZero() {
				_, phone := r.Contact.Reveal()
				assert.Equal(t, "13812345678", phone, "RecordCodec keeps the phone in clear")
			}
		}
	}
}

func TestCodecMasksTheContact(t *testing.T) {
	d := testDecider(t)
	_, events, _ := build(t, d, "inc-1", pathTo[StatusDispatched])
	env, err := Codec.Envelope("/districts/330302/incident", events[0], 0)
	require.NoError(t, err)
	var data map[string]any
	require.NoError(t, json.Unmarshal(env.Data, &data))
	for _, k := range []string{"aggregate_id", "command_id", "actor", "at", "category", "location", "accept_term"} {
		assert.Contains(t, data, k, "data member %s", k)
	}
	assert.NotContains(t, data, "incident_id", "the Meta uses the shared names")
	assert.NotContains(t, string(env.Data), "13812345678", "the phone is masked")
	assert.Contains(t, string(env.Data), "138****5678")

	clear, err := RecordCodec.Envelope("/s", events[0], 0)
	require.NoError(t, err)
	assert.Contains(t, string(clear.Data), "13812345678", "RecordCodec writes the phone")
	back, err := Codec.Decode(clear)
	require.NoError(t, err, "Codec reads a record in clear")
	name, phone := back.(Reported).Contact.Reveal()
	assert.Equal(t, "张三", name)
	assert.Equal(t, "13812345678", phone)

	for verb, out := range map[string]string{
		"%v": fmt.Sprintf("%v", back), "%+v": fmt.Sprintf("%+v", back), "%#v": fmt.Sprintf("%#v", back),
	} {
		assert.NotContains(t, out, "13812345678", "fmt %s of the event masks the phone", verb)
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("reported", "contact", back.(Reported).Contact, "event", back)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("reported", "contact", back.(Reported).Contact, "event", back)
	assert.NotContains(t, buf.String(), "13812345678", "log/slog masks the phone: %s", buf.String())
	assert.Contains(t, buf.String(), "138****5678")
}

func TestCodecRefusesBadEnvelopes(t *testing.T) {
	d := testDecider(t)
	_, events, _ := build(t, d, "inc-1", pathTo[StatusDispatched])
	good, err := Codec.Envelope("/s", events[2], 0)
	require.NoError(t, err)
	replace := func(old, new string) func(e *grassroots.Event) {
		return func(e *grassroots.Event) { e.Data = []byte(strings.Replace(string(e.Data), old, new, 1)) }
	}
	cases := []struct {
		name   string
		mutate func(e *grassroots.Event)
		want   error
		path   string
	}{
		{"another package's type", func(e *grassroots.Event) { e.Type = "grassroots.risk.dispatched.v1" }, grassroots.ErrUnknownEvent, ""},
		{"an unknown event name", func(e *grassroots.Event) { e.Type = "grassroots.incident.teleported.v1" }, grassroots.ErrUnknownEvent, ""},
		{"a subject that is not the data's incident", func(e *grassroots.Event) { e.Subject = "inc-2" }, grassroots.ErrInvalid, "subject"},
		{"an unknown platform", replace("law_enforcement", "space_command"), grassroots.ErrInvalid, "data"},
		{"a missing unit", replace(`"unit":"unit-1"`, `"unit":""`), grassroots.ErrInvalid, "data.unit"},
		{"a handling term that ends before it starts", replace(`"end":"2025-11-25T17:30:00+08:00"`, `"end":"2025-11-24T00:00:00+08:00"`), grassroots.ErrInvalid, "data.handle_term.end"},
		{"the old incident_id name", replace(`"aggregate_id"`, `"incident_id"`), grassroots.ErrInvalid, "data.aggregate_id"},
	}
	for _, tc := range cases {
		e := good
		tc.mutate(&e)
		_, err := Codec.Decode(e)
		assert.ErrorIs(t, err, tc.want, tc.name)
		if tc.path != "" {
			var ve *grassroots.ValidationError
			if assert.ErrorAs(t, err, &ve, tc.name) {
				assert.True(t, ve.Has(tc.path), "%s: a problem at %s in %v", tc.name, tc.path, err)
			}
		}
	}
}

func TestReplayEnvelopesVerifiesTheChain(t *testing.T) {
	d := testDecider(t)
	state, events, _ := build(t, d, "inc-1", pathTo[StatusClosed])
	envs, err := RecordCodec.Seal(nil, "/s", events)
	require.NoError(t, err)
	got, err := d.ReplayEnvelopes(envs)
	require.NoError(t, err)
	assert.True(t, got.Equal(&state), "the record replays to the state")

	changed := append([]grassroots.Event(nil), envs...)
	changed[2].Data = []byte(strings.Replace(string(changed[2].Data), "unit-1", "unit-2", 1))
	_, err = d.ReplayEnvelopes(changed)
	assert.ErrorIs(t, err, grassroots.ErrChainBroken, "a changed event breaks the chain")

	_, err = d.ReplayEnvelopes(append(envs[:1:1], envs[2:]...))
	assert.ErrorIs(t, err, grassroots.ErrChainBroken, "a dropped event breaks the chain")

	stripped := append([]grassroots.Event(nil), envs...)
	for i := range stripped {
		stripped[i].Sequence, stripped[i].PrevHash, stripped[i].Hash = 0, "", ""
	}
	_, err = d.ReplayEnvelopes(stripped)
	assert.ErrorIs(t, err, grassroots.ErrChainBroken, "unsealed envelopes do not replay")
}

// The codecs write no event that Decode would refuse: an event that
// fails its own Validate is refused with its problems, and nothing is
// written.
func TestCodecRefusesInvalidEvents(t *testing.T) {
	m := meta("inc-1", "cmd-1", handler, t0)
	term := Term{Start: t0, End: t0.Add(5 * time.Hour), Working: true}
	for _, c := range []struct {
		event Event
		path  string
	}{
		{Dispatched{Meta: m, Platform: PlatformLawEnforcement, HandleTerm: term}, "unit"},
		{Resolved{Meta: m, Result: "done", Evidence: []string{"ftp://e.org/b.jpg"}}, "evidence[0]"},
		{Rated{Meta: m}, "grade"},
	} {
		for _, codec := range []*grassroots.Codec[Event]{Codec, RecordCodec} {
			_, err := codec.Envelope("/s", c.event, 0)
			var ve *grassroots.ValidationError
			require.ErrorAs(t, err, &ve, "Envelope of %s", c.event.EventName())
			assert.True(t, ve.Has(c.path), "%s: %v", c.event.EventName(), err)
			line := []byte("kept")
			sealed, out, err := codec.AppendSealed(line, nil, "/s", []Event{c.event})
			require.ErrorAs(t, err, &ve, "AppendSealed of %s", c.event.EventName())
			assert.True(t, ve.Has(grassroots.ElementPath("events", 0)+"."+c.path), "%s: %v", c.event.EventName(), err)
			assert.Nil(t, sealed)
			assert.Equal(t, "kept", string(out), "nothing is written")
		}
	}
}

// TestSealIndexesARedo checks that the two events of a rating that orders
// a redo get the envelope IDs of indexes 0 and 1 of the rating command.
func TestSealIndexesARedo(t *testing.T) {
	d := testDecider(t)
	var events []Event
	s, _, last := build(t, d, "inc-1", pathTo[StatusClosed])
	apply(t, d, s, Rate{Meta: meta("inc-1", "rate-1", reporter, last.Add(time.Hour)), Grade: VeryDissatisfied, Substantive: true}, &events)
	envs, err := Codec.Seal(nil, "/s", events)
	require.NoError(t, err)
	require.Len(t, envs, 2)
	assert.Equal(t, grassroots.EventID("inc-1", "rate-1", 0, events[0].Metadata().At), envs[0].ID)
	assert.Equal(t, grassroots.EventID("inc-1", "rate-1", 1, events[1].Metadata().At), envs[1].ID)
	assert.Equal(t, "grassroots.incident.redo_ordered.v1", envs[1].Type)
}
