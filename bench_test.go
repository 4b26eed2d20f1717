package grassroots_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
)

func benchEvent() grassroots.Event {
	return grassroots.Event{
		ID: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", Source: "/district/330302/incident", SpecVersion: "1.0",
		Type: "grassroots.incident.dispatched.v1", Subject: "0190a1b2-c3d4-7e5f-8a9b-000000000001",
		Time:            time.Date(2024, 6, 3, 9, 30, 0, 0, time.FixedZone("", 8*3600)),
		DataContentType: "application/json",
		Data:            json.RawMessage(`{"command_id":"c-17","actor":{"id":"d-1","party":"government","roles":["dispatcher"]},"platform":"comprehensive_governance","unit":"street-sanitation","at":"2024-06-03T09:30:00+08:00"}`),
	}
}

func BenchmarkSeal(b *testing.B) {
	first, err := grassroots.Seal(nil, benchEvent())
	if err != nil {
		b.Fatal(err)
	}
	next := benchEvent()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := grassroots.Seal(&first, next); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyChain(b *testing.B) {
	evs := make([]grassroots.Event, 1000)
	for i := range evs {
		evs[i] = benchEvent()
	}
	chain, err := grassroots.SealAll(nil, evs)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("events=1000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := grassroots.VerifyChain(chain); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The same chain as a receiver holds it, parsed from the wire, where
	// data is in RFC 8785 form: the form stores and streams carry.
	received := make([]grassroots.Event, len(chain))
	for i := range chain {
		wire, err := json.Marshal(chain[i])
		if err != nil {
			b.Fatal(err)
		}
		if received[i], err = grassroots.ParseEvent(wire); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("events=1000,received", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := grassroots.VerifyChain(received); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEventJSON(b *testing.B) {
	e, _ := grassroots.Seal(nil, benchEvent())
	wire, _ := json.Marshal(e)
	b.Run("marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(e); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var out grassroots.Event
			if err := json.Unmarshal(wire, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCommandLog builds a log of n commands, one event each, as
// Replay does: the cost per command stays flat as the history grows.
func BenchmarkCommandLog(b *testing.B) {
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.UTC)
	for _, n := range []int{7, 100, 1000} {
		metas := make([]grassroots.Meta, n)
		for i := range metas {
			metas[i] = grassroots.Meta{AggregateID: "I-1", CommandID: fmt.Sprintf("3f1c6b2e-8a4d-7c9e-b1f0-%012d", i),
				Actor: grassroots.Actor{ID: "worker-17", Party: grassroots.Community}, At: at.Add(time.Duration(i) * time.Minute)}
		}
		b.Run(fmt.Sprintf("commands=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var log grassroots.CommandLog
				for _, m := range metas {
					if _, err := log.Check(m, "note"); err != nil {
						b.Fatal(err)
					}
					var err error
					if log, err = log.Add(m, "note", "noted"); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkEventCodec measures the envelope codec without encoding/json's
// own pass over the bytes, as stores and streams call it.
func BenchmarkEventCodec(b *testing.B) {
	e, _ := grassroots.Seal(nil, benchEvent())
	wire, _ := json.Marshal(e)
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 1024)
		for b.Loop() {
			var err error
			if buf, err = e.AppendJSON(buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := grassroots.ParseEvent(wire); err != nil {
				b.Fatal(err)
			}
		}
	})
}
