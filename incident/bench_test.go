package incident

import (
	"fmt"
	"testing"
	"time"
	"unsafe"

	"github.com/grassrootsgov/grassroots"
)

// lifecycle is the seven commands of a matter from report to rating.
var lifecycle = []Op{OpReport, OpAccept, OpDispatch, OpStart, OpResolve, OpClose, OpRate}

func lifecycleCommands(id string) []Command {
	out := make([]Command, len(lifecycle))
	for i, op := range lifecycle {
		out[i] = commandFor(op, id, i, t0.Add(time.Duration(i)*time.Minute))
	}
	return out
}

// BenchmarkDecideEvolve measures one command through Decide and its events
// through Evolve, cycling through whole lifecycles.
func BenchmarkDecideEvolve(b *testing.B) {
	d := testDecider(b)
	cmds := lifecycleCommands("inc-000001")
	b.Run("lifecycle=7_commands", func(b *testing.B) {
		b.ReportAllocs()
		var s Incident
		i := 0
		for b.Loop() {
			if i == len(cmds) {
				s, i = Incident{}, 0
			}
			evs, err := d.Decide(s, cmds[i])
			if err != nil {
				b.Fatal(err)
			}
			for _, e := range evs {
				s = Evolve(s, e)
			}
			i++
		}
	})
}

func lifecycleEvents(b testing.TB, d *Decider, id string, ops []Op) []Event {
	var s Incident
	var out []Event
	for i, op := range ops {
		evs, err := d.Decide(s, commandFor(op, id, i, t0.Add(time.Duration(i)*time.Minute)))
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range evs {
			s = Evolve(s, e)
		}
		out = append(out, evs...)
	}
	return out
}

// BenchmarkEnvelopeSeal measures converting one typed event to an envelope
// and sealing it onto the previous one.
func BenchmarkEnvelopeSeal(b *testing.B) {
	d := testDecider(b)
	events := lifecycleEvents(b, d, "inc-000001", lifecycle)
	opts := EnvelopeOptions{Source: "/districts/330302/incident"}
	b.Run("envelope_only/events=7", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := ToEnvelope(events[i%len(events)], opts); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("events=7", func(b *testing.B) {
		b.ReportAllocs()
		var prev *grassroots.Event
		i := 0
		for b.Loop() {
			if i == len(events) {
				prev, i = nil, 0
			}
			env, err := ToEnvelope(events[i], opts)
			if err != nil {
				b.Fatal(err)
			}
			sealed, err := grassroots.Seal(prev, env)
			if err != nil {
				b.Fatal(err)
			}
			prev = &sealed
			i++
		}
	})
}

// BenchmarkReplay replays incidents of six typed events each (report to
// close); one iteration replays them all.
func BenchmarkReplay(b *testing.B) {
	d := testDecider(b)
	template := lifecycleEvents(b, d, "inc-000001", lifecycle[:6])
	for _, n := range []int{10_000} {
		histories := make([][]Event, n)
		for i := range histories {
			histories[i] = retarget(template, fmt.Sprintf("inc-%06d", i))
		}
		b.Run(fmt.Sprintf("incidents=%d/events=6", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, h := range histories {
					if _, err := Replay(h); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// retarget copies events onto another incident ID.
func retarget(events []Event, id string) []Event {
	out := make([]Event, len(events))
	for i, e := range events {
		switch e := e.(type) {
		case Reported:
			e.Incident = id
			out[i] = e
		case Accepted:
			e.Incident = id
			out[i] = e
		case Dispatched:
			e.Incident = id
			out[i] = e
		case Started:
			e.Incident = id
			out[i] = e
		case Resolved:
			e.Incident = id
			out[i] = e
		case Closed:
			e.Incident = id
			out[i] = e
		default:
			panic(e.Name())
		}
	}
	return out
}

// stateSize is the memory an incident holds, excluding free text
// (description, address, resolution, comment, contact, media and evidence
// URLs): the struct itself plus the bytes of its identifiers and of the
// slices' backing arrays.
func stateSize(s *Incident) int {
	n := int(unsafe.Sizeof(*s))
	n += len(s.ID) + len(s.Category) + len(s.Grid) + len(s.Reporter) + len(s.Unit) + len(s.DuplicateOf)
	n += cap(s.seen) * int(unsafe.Sizeof(uint64(0)))
	n += (cap(s.Media) + cap(s.Evidence)) * int(unsafe.Sizeof(""))
	return n
}

func TestStateSize(t *testing.T) {
	d := testDecider(t)
	s, err := Replay(lifecycleEvents(t, d, "3f1c6b2e-8a4d-7c9e-b1f0-2d3e4f5a6b7c", lifecycle))
	if err != nil {
		t.Fatal(err)
	}
	size := stateSize(&s)
	t.Logf("incident state after a seven-command lifecycle: %d bytes (struct %d)", size, unsafe.Sizeof(s))
	if size > 1024 {
		t.Errorf("state of a closed and rated incident is %d bytes, over 1 KiB", size)
	}
}
