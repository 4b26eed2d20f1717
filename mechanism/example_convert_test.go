package mechanism_test

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/mechanism"
)

func ExampleFromIncidentStats() {
	ratio := func(num, den int) incident.Ratio {
		return incident.Ratio{Num: num, Den: den, OK: den > 0,
			Value: decimal.NewFromInt(int64(num)).DivRound(decimal.NewFromInt(int64(den)), incident.RatioScale)}
	}
	s := incident.Stats{
		Received: 919, Closed: 919,
		ClosureRate: ratio(919, 919), OnTimeRate: ratio(900, 919), ReopenRate: ratio(5, 919),
		SatisfactionRate: ratio(610, 640), RectificationRate: ratio(18, 24),
		ToClose: incident.Quantiles{Median: 20 * time.Hour, P90: 50*time.Hour + 6*time.Minute, OK: true},
	}
	stats := mechanism.FromIncidentStats(s, 120)
	fmt.Println(stats.ClosureRate().Value, stats.OnTimeClosure().Value, stats.SatisfactionRate().Value)
	fmt.Println(stats.P90TimeToClose().Value, stats.ProviderDiscoveryShare().Value)
	// Output:
	// 1 0.9793 0.9531
	// 50.1 0.1306
}
