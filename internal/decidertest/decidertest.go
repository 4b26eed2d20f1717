// Package decidertest is the one test of the lifecycle contract that
// every lifecycle package (incident, risk, provider) runs against its own
// decider: random valid command histories (seeded), replay equal to the
// state built step by step, refused commands that emit nothing, repeated
// command IDs that are idempotent, reused IDs that conflict, forged or
// reordered histories that Replay refuses, and envelopes whose chain,
// stripped or altered, fails to replay.
package decidertest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/grassrootsgov/grassroots"
)

// Lifecycle describes one lifecycle to Run.
type Lifecycle[S any, C grassroots.Command, E grassroots.DomainEvent] struct {
	Decider grassroots.Decider[S, C, E]
	Codec   *grassroots.Codec[E]
	// Next returns a command that Decide accepts in state s, for aggregate
	// id, with a command ID not used before in the history and a time not
	// before the state's latest event; ok is false when no command applies
	// any more. step counts the commands applied so far.
	Next func(r *rand.Rand, s S, id string, step int) (cmd C, ok bool)
	// Refused returns a command that Decide must refuse in state s, with
	// a fresh command ID.
	Refused func(r *rand.Rand, s S, id string, step int) C
	// Reuse returns a command that differs from cmd in name, actor or time
	// but carries cmd's command ID.
	Reuse func(cmd C) C
	// Equal reports whether two states are the same.
	Equal func(a, b S) bool
}

// Run checks the lifecycle on histories random histories from seed. It
// logs the seed so that a failure can be replayed.
func Run[S any, C grassroots.Command, E grassroots.DomainEvent](t *testing.T, l Lifecycle[S, C, E], seed uint64, histories int) {
	t.Helper()
	t.Logf("decidertest seed %d", seed)
	var previous []E
	for h := range histories {
		r := rand.New(rand.NewPCG(seed, uint64(h)))
		id := fmt.Sprintf("agg-%d-%d", seed%1000, h)
		state, events := history(t, l, r, id)
		if t.Failed() {
			return
		}
		replayed, err := l.Decider.Replay(events)
		if err != nil || !l.Equal(replayed, state) {
			t.Fatalf("history %d: Replay differs from the state built step by step (err %v)", h, err)
		}
		forgeries(t, l, r, h, events, previous)
		envelopes(t, l, r, h, state, events)
		nilPointers(t, l, h, state, events, l.Refused(r, state, id, 0))
		previous = events
	}
}

// history builds one random history, checking refusals, repeats and
// conflicts on the way.
func history[S any, C grassroots.Command, E grassroots.DomainEvent](t *testing.T, l Lifecycle[S, C, E], r *rand.Rand, id string) (S, []E) {
	t.Helper()
	var s S
	var events []E
	var applied []C
	for step := 0; step < 40; step++ {
		switch p := r.IntN(10); {
		case p == 0:
			c := l.Refused(r, s, id, step)
			evs, err := l.Decider.Decide(s, c)
			if err == nil || len(evs) != 0 {
				t.Fatalf("%s step %d: %s must be refused, got %d events, error %v", id, step, c.CommandName(), len(evs), err)
			}
		case p == 1 && len(applied) > 0:
			c := applied[r.IntN(len(applied))]
			evs, err := l.Decider.Decide(s, c)
			if err != nil || len(evs) != 0 {
				t.Fatalf("%s step %d: repeating %s (%s) must give no events and no error, got %d, %v", id, step, c.CommandName(), c.Metadata().CommandID, len(evs), err)
			}
		case p == 2 && len(applied) > 0:
			c := l.Reuse(applied[r.IntN(len(applied))])
			evs, err := l.Decider.Decide(s, c)
			if !errors.Is(err, grassroots.ErrCommandConflict) || len(evs) != 0 {
				t.Fatalf("%s step %d: a different command with a used ID must conflict, got %d events, %v", id, step, len(evs), err)
			}
		}
		c, ok := l.Next(r, s, id, step)
		if !ok {
			break
		}
		evs, err := l.Decider.Decide(s, c)
		if err != nil || len(evs) == 0 {
			t.Fatalf("%s step %d: %s must be accepted, got %d events, error %v", id, step, c.CommandName(), len(evs), err)
		}
		for _, e := range evs {
			if s, err = l.Decider.Evolve(s, e); err != nil {
				t.Fatalf("%s step %d: Evolve refuses %s that Decide returned: %v", id, step, e.EventName(), err)
			}
		}
		events = append(events, evs...)
		applied = append(applied, c)
	}
	return s, events
}

// forgeries checks that Replay refuses histories the decider could not
// have produced.
func forgeries[S any, C grassroots.Command, E grassroots.DomainEvent](t *testing.T, l Lifecycle[S, C, E], r *rand.Rand, h int, events, previous []E) {
	t.Helper()
	refused := func(what string, forged []E) {
		t.Helper()
		if _, err := l.Decider.Replay(forged); err == nil {
			t.Fatalf("history %d: Replay accepts %s", h, what)
		}
	}
	if len(events) == 0 {
		return
	}
	i := r.IntN(len(events))
	refused(fmt.Sprintf("event %d (%s) repeated", i, events[i].EventName()), slices.Insert(slices.Clone(events), i+1, events[i]))
	if len(events) > 1 {
		refused("a history without its first event", events[1:])
		for j := range len(events) - 1 {
			a, b := events[j].Metadata(), events[j+1].Metadata()
			if a.CommandID != b.CommandID && a.At.Before(b.At) {
				swapped := slices.Clone(events)
				swapped[j], swapped[j+1] = swapped[j+1], swapped[j]
				refused(fmt.Sprintf("events %d and %d swapped", j, j+1), swapped)
				break
			}
		}
	}
	if len(previous) > 0 {
		refused("an event of another aggregate", append(slices.Clone(events), previous[len(previous)-1]))
	}
}

// envelopes checks the envelope round trip and that stripped or altered
// chains fail to replay.
func envelopes[S any, C grassroots.Command, E grassroots.DomainEvent](t *testing.T, l Lifecycle[S, C, E], r *rand.Rand, h int, state S, events []E) {
	t.Helper()
	if len(events) == 0 {
		return
	}
	envs, err := l.Codec.Seal(nil, "/decidertest", events)
	if err != nil {
		t.Fatalf("history %d: sealing: %v", h, err)
	}
	var wire []grassroots.Event
	for _, e := range envs {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatalf("history %d: marshalling an envelope: %v", h, err)
		}
		back, err := grassroots.ParseEvent(b)
		if err != nil {
			t.Fatalf("history %d: an envelope does not read back: %v", h, err)
		}
		wire = append(wire, back)
	}
	got, err := grassroots.ReplayEnvelopes(l.Decider, l.Codec, wire)
	if err != nil || !l.Equal(got, state) {
		t.Fatalf("history %d: replaying the envelopes differs from the state (err %v)", h, err)
	}
	again, err := l.Codec.Seal(nil, "/decidertest", events)
	if err != nil || !slices.EqualFunc(again, envs, func(a, b grassroots.Event) bool { return a.ID == b.ID && a.Hash == b.Hash }) {
		t.Fatalf("history %d: sealing the same events twice gives other IDs or hashes", h)
	}
	i := r.IntN(len(envs))
	stripped := slices.Clone(envs)
	stripped[i].Sequence, stripped[i].PrevHash, stripped[i].Hash = 0, "", ""
	if _, err := grassroots.ReplayEnvelopes(l.Decider, l.Codec, stripped); err == nil {
		t.Fatalf("history %d: envelopes replay with the chain fields of %d stripped", h, i)
	}
	all := slices.Clone(envs)
	for j := range all {
		all[j].Sequence, all[j].PrevHash, all[j].Hash = 0, "", ""
	}
	if _, err := grassroots.ReplayEnvelopes(l.Decider, l.Codec, all); err == nil {
		t.Fatalf("history %d: envelopes replay with every chain field stripped", h)
	}
	altered := slices.Clone(envs)
	var data map[string]any
	if err := json.Unmarshal(altered[i].Data, &data); err != nil {
		t.Fatalf("history %d: %v", h, err)
	}
	data["actor"] = map[string]any{"id": "forger", "party": "resident"}
	altered[i].Data, _ = json.Marshal(data)
	if _, err := grassroots.ReplayEnvelopes(l.Decider, l.Codec, altered); err == nil {
		t.Fatalf("history %d: envelopes replay with the data of %d altered", h, i)
	}
	if i+1 < len(envs) {
		resealed := slices.Clone(altered)
		var prev *grassroots.Event
		if i > 0 {
			prev = &resealed[i-1]
		}
		if resealed[i], err = grassroots.Seal(prev, resealed[i]); err != nil {
			t.Fatalf("history %d: %v", h, err)
		}
		if _, err := grassroots.ReplayEnvelopes(l.Decider, l.Codec, resealed); err == nil {
			t.Fatalf("history %d: envelopes replay with %d altered and resealed", h, i)
		}
	}
}

// nilPointers checks that nil pointers to the lifecycle's command and
// event types, which satisfy its interfaces since their methods have
// value receivers, are refused with an error rather than a panic by
// Decide, Evolve, Replay and the codec, and that the codec refuses a
// pointer to one of its event types.
func nilPointers[S any, C grassroots.Command, E grassroots.DomainEvent](t *testing.T, l Lifecycle[S, C, E], h int, state S, events []E, cmd C) {
	t.Helper()
	if len(events) == 0 {
		return
	}
	last := events[len(events)-1]
	if e, ok := reflect.Zero(reflect.PointerTo(reflect.TypeOf(last))).Interface().(E); ok {
		if _, err := l.Decider.Evolve(state, e); err == nil {
			t.Fatalf("history %d: Evolve accepts a nil %T", h, e)
		}
		if _, err := l.Decider.Replay(append(slices.Clone(events), e)); err == nil {
			t.Fatalf("history %d: Replay accepts a nil %T", h, e)
		}
		if _, err := l.Codec.Envelope("/decidertest", e, 0); err == nil {
			t.Fatalf("history %d: Codec.Envelope accepts a nil %T", h, e)
		}
		if _, err := l.Codec.Seal(nil, "/decidertest", []E{last, e}); err == nil {
			t.Fatalf("history %d: Codec.Seal accepts a nil %T", h, e)
		}
	}
	p := reflect.New(reflect.TypeOf(last))
	p.Elem().Set(reflect.ValueOf(last))
	if e, ok := p.Interface().(E); ok {
		if _, err := l.Codec.Envelope("/decidertest", e, 0); err == nil {
			t.Fatalf("history %d: Codec.Envelope accepts a %T, a pointer to an event", h, e)
		}
	}
	if c, ok := reflect.Zero(reflect.PointerTo(reflect.TypeOf(cmd))).Interface().(C); ok {
		if evs, err := l.Decider.Decide(state, c); err == nil || len(evs) != 0 {
			t.Fatalf("history %d: Decide accepts a nil %T: %d events, error %v", h, c, len(evs), err)
		}
	}
}
