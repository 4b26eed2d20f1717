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
				if s, err = d.Evolve(s, e); err != nil {
					b.Fatal(err)
				}
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
			if s, err = d.Evolve(s, e); err != nil {
				b.Fatal(err)
			}
		}
		out = append(out, evs...)
	}
	return out
}

// BenchmarkEnvelopeSeal measures converting one typed event to an
// envelope (Codec.Envelope), converting and sealing it onto the previous
// one (Codec.Seal of one event), and sealing it and writing its JSON
// line, over the events of a lifecycle.
func BenchmarkEnvelopeSeal(b *testing.B) {
	d := testDecider(b)
	events := lifecycleEvents(b, d, "inc-000001", lifecycle)
	const source = "/districts/330302/incident"
	b.Run("envelope_only/events=7", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := Codec.Envelope(source, events[i%len(events)], 0); err != nil {
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
			sealed, err := Codec.Seal(prev, source, events[i:i+1])
			if err != nil {
				b.Fatal(err)
			}
			prev = &sealed[0]
			i++
		}
	})
	// Sealing and writing a JSON line: Codec.Seal then AppendJSON, and
	// Codec.AppendSealed, which does both.
	for _, combined := range []bool{false, true} {
		name := "write=seal_then_AppendJSON/events=7"
		if combined {
			name = "write=AppendSealed/events=7"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var prev *grassroots.Event
			var line []byte
			i := 0
			for b.Loop() {
				if i == len(events) {
					prev, i = nil, 0
				}
				var sealed []grassroots.Event
				var err error
				if combined {
					sealed, line, err = Codec.AppendSealed(line[:0], prev, source, events[i:i+1])
				} else if sealed, err = Codec.Seal(prev, source, events[i:i+1]); err == nil {
					line, err = sealed[0].AppendJSON(line[:0])
					line = append(line, '\n')
				}
				if err != nil {
					b.Fatal(err)
				}
				prev = &sealed[0]
				i++
			}
		})
	}
}

// BenchmarkVerify measures Codec.Events (verify the chain, decode and
// validate each event) over one long chain; ns/op is per event.
func BenchmarkVerify(b *testing.B) {
	d := testDecider(b)
	events := lifecycleEvents(b, d, "inc-000001", lifecycle[:6])
	s, err := d.Replay(events)
	if err != nil {
		b.Fatal(err)
	}
	// A long chain: the matter reopened and redone, a hundred rounds.
	at := s.UpdatedAt
	for round := 0; len(events) < 1000; round++ {
		for i, op := range []Op{OpReopen, OpDispatch, OpStart, OpResolve, OpClose} {
			at = at.Add(time.Minute)
			evs, err := d.Decide(s, commandFor(op, "inc-000001", 10*round+i+10, at))
			if err != nil {
				b.Fatal(err)
			}
			for _, e := range evs {
				if s, err = d.Evolve(s, e); err != nil {
					b.Fatal(err)
				}
			}
			events = append(events, evs...)
		}
	}
	envs, err := Codec.Seal(nil, "/districts/330302/incident", events)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("chain=%d_events", len(envs)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Codec.Events(envs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(envs)), "ns/event")
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
					if _, err := d.Replay(h); err != nil {
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
			e.AggregateID = id
			out[i] = e
		case Accepted:
			e.AggregateID = id
			out[i] = e
		case Dispatched:
			e.AggregateID = id
			out[i] = e
		case Started:
			e.AggregateID = id
			out[i] = e
		case Resolved:
			e.AggregateID = id
			out[i] = e
		case Closed:
			e.AggregateID = id
			out[i] = e
		default:
			panic(e.EventName())
		}
	}
	return out
}

// stateSize is the memory an incident holds, excluding free text
// (description, address, resolution, comment, contact, media and evidence
// URLs): the struct itself, the bytes of its identifiers, the slices'
// backing arrays, and its command log, which holds each command's ID,
// name, actor ID and time.
func stateSize(s *Incident) int {
	n := int(unsafe.Sizeof(*s))
	n += len(s.ID) + len(s.Category) + len(s.Grid) + len(s.Reporter) + len(s.Unit) + len(s.DuplicateOf) + len(s.AddressID)
	n += s.log.Size()
	n += (cap(s.Media) + cap(s.Evidence)) * int(unsafe.Sizeof(""))
	return n
}

// TestStateSize bounds the memory of a closed, rated incident after the
// seven commands of a lifecycle, with UUID-sized IDs for the incident and
// each command: the struct, its identifiers and the command log, which
// holds the command IDs themselves and room for the next entries in its
// last buffer. Free text is not counted. Measured: 1,311 bytes, of which
// 513 are the log of seven commands (36 of them room).
func TestStateSize(t *testing.T) {
	d := testDecider(t)
	const id = "3f1c6b2e-8a4d-7c9e-b1f0-2d3e4f5a6b7c"
	var s Incident
	for i, op := range lifecycle {
		cmd := commandFor(op, id, i, t0.Add(time.Duration(i)*time.Minute))
		m := cmd.Metadata()
		m.CommandID = fmt.Sprintf("0190a1b2-c3d4-7e5f-8a9b-%012d", i) // a UUID per command
		s = apply(t, d, s, setMeta(cmd, m), nil)
	}
	size := stateSize(&s)
	t.Logf("incident state after a seven-command lifecycle: %d bytes (struct %d, command log %d)", size, unsafe.Sizeof(s), s.log.Size())
	if size > 1331 {
		t.Errorf("state of a closed and rated incident is %d bytes, over 1.3 KiB", size)
	}
}
