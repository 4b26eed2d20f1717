package grassroots_test

import (
	"encoding/json"
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
