package risk

import (
	"fmt"
	"testing"
	"time"
)

func BenchmarkDecide(b *testing.B) {
	r := stateAt(b, StageAlerted)
	c := RaiseAlert{Header: hdr(owner, t0.Add(24*time.Hour)), Level: AlertI}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decide(r, c); err != nil {
			b.Fatal(err)
		}
	}
}

// longHistory returns the closed fixture history followed by a reopening
// and reviews, n events in all.
func longHistory(b *testing.B, n int) []Event {
	events := history(b, StageClosed)
	r, err := Replay(events)
	if err != nil {
		b.Fatal(err)
	}
	for len(events) < n {
		at := r.UpdatedAt.Add(time.Minute)
		var c Command = Review{Header: hdr(owner, at)}
		if r.Stage == StageClosed {
			c = Reopen{Header: hdr(owner, at), Reason: "recurred"}
		}
		evs, err := Decide(r, c)
		if err != nil {
			b.Fatal(err)
		}
		r = Evolve(r, evs[0])
		events = append(events, evs...)
	}
	return events
}

func BenchmarkReplay(b *testing.B) {
	for _, n := range []int{10, 100} {
		events := longHistory(b, n)
		b.Run(fmt.Sprintf("events=%d", len(events)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Replay(events); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFairness(b *testing.B) {
	var samples []Sample
	for g := range 10 {
		samples = append(samples, samplesWith(fmt.Sprintf("group-%d", g), 10000, 3000+g*100, 5000, 2000+g*50)...)
	}
	opts := FairnessOptions{Reference: "group-9"}
	b.Run(fmt.Sprintf("samples=%d/groups=10", len(samples)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Fairness(samples, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
}
