package provider

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func BenchmarkSettle(b *testing.B) {
	c := testContract(b)
	measured := weekly("on_time_visits", "0.96", "0.90", "0.93", "0.97")
	for range 31 / 5 {
		measured = append(measured, weekly("response_minutes", "31", "45", "29", "35", "60")...)
	}
	_, err := Settle(c, march(), measured, "good")
	require.NoError(b, err)
	b.Run("sla=2/measurements=34", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = Settle(c, march(), measured, "good")
		}
	})
}

// benchLife is a contract's whole life, command by command: draft,
// publish, sign, activate, complete.
func benchLife(tb testing.TB) []Command {
	var q commandSeq
	return []Command{
		Draft{q.meta(buyerActor, day(2025, 11, 1)), testContract(tb)},
		Publish{q.meta(buyerActor, day(2025, 11, 2))},
		Sign{q.meta(supplierActor, day(2025, 12, 1))},
		Activate{q.meta(buyerActor, day(2026, 1, 1))},
		Complete{q.meta(buyerActor, day(2027, 1, 1))},
	}
}

// decideEvolve decides cmd in s and applies its events.
func decideEvolve(d Decider, s State, cmd Command) (State, error) {
	es, err := d.Decide(s, cmd)
	if err != nil {
		return s, err
	}
	for _, e := range es {
		if s, err = d.Evolve(s, e); err != nil {
			return s, err
		}
	}
	return s, nil
}

func BenchmarkDecideEvolve(b *testing.B) {
	var d Decider
	life := benchLife(b)
	states := []State{{}}
	for _, c := range life {
		s, err := decideEvolve(d, states[len(states)-1], c)
		require.NoError(b, err, c.CommandName())
		states = append(states, s)
	}
	for i, c := range life {
		b.Run("command="+c.CommandName(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decideEvolve(d, states[i], c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	terminate := Terminate{grassroots.Meta{AggregateID: contractID, CommandID: "t", Actor: supplierActor, At: day(2026, 6, 1)}, "staff shortage"}
	b.Run("command=terminate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decideEvolve(d, states[4], terminate); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(fmt.Sprintf("lifecycle/commands=%d", len(life)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var s State
			var err error
			for _, c := range life {
				if s, err = decideEvolve(d, s, c); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(life)), "ns/command")
	})
}

func lifeEvents(tb testing.TB) []Event {
	_, events := run(tb, State{}, benchLife(tb)...)
	return events
}

func BenchmarkSeal(b *testing.B) {
	events := lifeEvents(b)
	const source = "/districts/330302/provider"
	b.Run(fmt.Sprintf("lifecycle/events=%d", len(events)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Codec.Seal(nil, source, events); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(events)), "ns/event")
	})
	small := events[1:]
	first, err := Codec.Seal(nil, source, events[:1])
	require.NoError(b, err)
	b.Run(fmt.Sprintf("without_terms/events=%d", len(small)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Codec.Seal(&first[0], source, small); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(small)), "ns/event")
	})
}

func BenchmarkReplayEnvelopes(b *testing.B) {
	events := lifeEvents(b)
	envs, err := Codec.Seal(nil, "/districts/330302/provider", events)
	require.NoError(b, err)
	var d Decider
	b.Run(fmt.Sprintf("lifecycle/events=%d", len(envs)), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := d.ReplayEnvelopes(envs); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(envs)), "ns/event")
	})
}

func BenchmarkCodecNext(b *testing.B) {
	envs, err := Codec.Seal(nil, "/districts/330302/provider", lifeEvents(b))
	require.NoError(b, err)
	b.Run("without_terms/events=4", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := 1; i < len(envs); i++ {
				if _, err := Codec.Next(&envs[i-1], envs[i]); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*(len(envs)-1)), "ns/event")
	})
}

func BenchmarkContractValidate(b *testing.B) {
	c := testContract(b)
	require.NoError(b, c.Validate())
	b.Run("valid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = c.Validate()
		}
	})
}
