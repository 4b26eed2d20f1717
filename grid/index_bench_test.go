package grid

import (
	"fmt"
	"math"
	"testing"
)

// benchTiling lays n grids with v distinct vertices each over a city of
// about 20 km × 20 km around Wenzhou when n = 10,000 (grids ~200 m wide).
func benchTiling(n, v int) tiling {
	side := int(math.Round(math.Sqrt(float64(n))))
	return newTiling(uint64(n*1000+v), side, side, (v-4)/4, 120.55, 27.9, 0.2/math.Sqrt(10000)*1.0)
}

func BenchmarkLocate(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		for _, v := range []int{12, 100} {
			b.Run(fmt.Sprintf("grids=%d/vertices=%d", n, v), func(b *testing.B) {
				if n == 100000 && testing.Short() {
					b.Skip("100,000 grids take seconds to generate")
				}
				tl := benchTiling(n, v)
				ix, err := NewIndex(tl.grids, IndexOptions{})
				if err != nil {
					b.Fatal(err)
				}
				pts := randomPoints(7, 1<<16, tl.box)
				b.ReportAllocs()
				i := 0
				found := 0
				for b.Loop() {
					if _, ok := ix.Locate(pts[i&(len(pts)-1)]); ok {
						found++
					}
					i++
				}
				if found == 0 {
					b.Fatal("no point found")
				}
				b.ReportMetric(float64(ix.SizeBytes())/float64(totalVertices(tl.grids)), "index-B/vertex")
			})
		}
	}
}

func BenchmarkNewIndex(b *testing.B) {
	tl := benchTiling(10000, 64)
	b.Run("grids=10000/vertices=64", func(b *testing.B) {
		b.ReportAllocs()
		var ix *Index
		for b.Loop() {
			var err error
			ix, err = NewIndex(tl.grids, IndexOptions{})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(ix.SizeBytes())/float64(totalVertices(tl.grids)), "index-B/vertex")
	})
}

// totalVertices counts distinct ring vertices (closing positions excluded).
func totalVertices(grids []Grid) int {
	n := 0
	for _, g := range grids {
		for _, p := range g.Boundary {
			for _, r := range p {
				n += len(r) - 1
			}
		}
	}
	return n
}
