package risk

import (
	"fmt"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// BenchmarkDecideEvolve decides one command and applies its event: the
// cost of a command, against a fresh alerted risk and one with a long
// history (its command log is longer to search).
func BenchmarkDecideEvolve(b *testing.B) {
	for _, n := range []int{5, 100} {
		r, err := decider.Replay(longHistory(b, StageAlerted, n))
		if err != nil {
			b.Fatal(err)
		}
		c := RaiseAlert{Meta: meta(owner, r.UpdatedAt.Add(time.Hour)), Level: AlertI}
		b.Run(fmt.Sprintf("command=raise_alert/events=%d", r.Version), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				events, err := decider.Decide(r, c)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := decider.Evolve(r, events[0]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// longHistory returns the fixture history up to stage s followed by
// reviews (or, when s is closed, reopenings and closings), n events in
// all.
func longHistory(b *testing.B, s Stage, n int) []Event {
	events := history(b, s)
	r, err := decider.Replay(events)
	if err != nil {
		b.Fatal(err)
	}
	for len(events) < n {
		at := r.UpdatedAt.Add(time.Minute)
		var c Command = Review{Meta: meta(owner, at), Note: "weekly review"}
		if r.Stage == StageClosed {
			c = Reopen{Meta: meta(owner, at), Reason: "recurred"}
		} else if r.Stage == StageIdentified && s == StageClosed {
			c = Dismiss{Meta: meta(owner, at), Reason: "duplicate"}
		}
		evs, err := decider.Decide(r, c)
		if err != nil {
			b.Fatal(err)
		}
		if r, err = decider.Evolve(r, evs[0]); err != nil {
			b.Fatal(err)
		}
		events = append(events, evs...)
	}
	return events
}

func BenchmarkReplay(b *testing.B) {
	for _, n := range []int{10, 100} {
		events := longHistory(b, StageClosed, n)
		b.Run(fmt.Sprintf("events=%d", len(events)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decider.Replay(events); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSeal converts events to envelopes and seals them into their
// chain: the cost of publishing what Decide returned.
func BenchmarkSeal(b *testing.B) {
	for _, n := range []int{10, 100} {
		events := longHistory(b, StageClosed, n)
		b.Run(fmt.Sprintf("events=%d", len(events)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Codec.Seal(nil, "/districts/330302/risk", events); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(events))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkReplayEnvelopes verifies a stored chain, decodes it and
// replays it: the cost of rebuilding a risk from its envelopes.
func BenchmarkReplayEnvelopes(b *testing.B) {
	events := longHistory(b, StageClosed, 100)
	envs, err := Codec.Seal(nil, "/districts/330302/risk", events)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("events=%d", len(envs)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := grassroots.ReplayEnvelopes(decider, Codec, envs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(envs))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}

func BenchmarkFairness(b *testing.B) {
	var samples []Sample
	for g := range 10 {
		samples = append(samples, samplesWith(fmt.Sprintf("group-%d", g), 10000, 3000+g*100, 5000, 2000+g*50)...)
	}
	weighted := make([]Sample, len(samples))
	for i, s := range samples {
		s.Weight = dec(fmt.Sprintf("%d.%02d", 1+i%3, i%100))
		weighted[i] = s
	}
	for _, tc := range []struct {
		name    string
		samples []Sample
		opts    FairnessOptions
	}{
		{"unweighted", samples, FairnessOptions{Reference: "group-9"}},
		{"weighted", weighted, FairnessOptions{ReferenceKind: ReferenceHighestRate, Weighted: true}},
	} {
		b.Run(fmt.Sprintf("samples=%d/groups=10/%s", len(tc.samples), tc.name), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Fairness(tc.samples, tc.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
