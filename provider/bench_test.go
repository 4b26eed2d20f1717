package provider

import (
	"testing"

	"github.com/stretchr/testify/require"
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

func BenchmarkDecide(b *testing.B) {
	c := testContract(b)
	s := Replay([]Event{
		Drafted{Meta{Contract: c.ID, At: day(2025, 11, 1), By: "u-buyer"}, c},
		Published{Meta{Contract: c.ID, At: day(2025, 11, 2), By: "u-buyer"}},
		Signed{Meta{Contract: c.ID, At: day(2025, 12, 1), By: "u-buyer"}},
	})
	cmd := Activate{by(buyerActor, day(2026, 1, 1))}
	_, err := Decide(s, cmd)
	require.NoError(b, err)
	b.Run("command=activate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = Decide(s, cmd)
		}
	})
}
