package incident

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// wenzhouSet spreads n open incidents of 20 categories over a 30 km square
// around Wenzhou and 60 days.
func wenzhouSet(n int) []Incident {
	r := rand.New(rand.NewPCG(5, 6))
	out := make([]Incident, n)
	for i := range out {
		out[i] = openIncident(fmt.Sprintf("inc-%06d", i), fmt.Sprintf("%03d", 1+r.IntN(20)),
			120.55+r.Float64()*0.3, 27.85+r.Float64()*0.27, t0.Add(time.Duration(r.Int64N(int64(60*24*time.Hour)))))
	}
	return out
}

func BenchmarkDuplicateIndex(b *testing.B) {
	open := wenzhouSet(100_000)
	opts := DuplicateOptions{Radius: 50, Window: 72 * time.Hour}
	x, err := NewDuplicateIndex(open, opts)
	if err != nil {
		b.Fatal(err)
	}
	cands := wenzhouSet(1024)
	b.Run("open=100000/radius=50m", func(b *testing.B) {
		b.ReportAllocs()
		var dst []Match
		i := 0
		for b.Loop() {
			dst, err = x.AppendFind(dst[:0], cands[i&1023])
			if err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("scan/open=10000/radius=50m", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := FindDuplicates(cands[i&1023], open[:10_000], opts); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}
