package grid

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// reversed returns r run the other way round.
func reversed(r Ring) Ring {
	out := slices.Clone(r)
	slices.Reverse(out)
	return out
}

// partsCases are pairs of polygons and the rule they break as parts of one
// MultiPolygon ("" when they may stand together), covering every way two
// parts can meet: apart, at points (corners, a vertex on an edge, inside
// a hole), along segments, crossing, nested, and entering each other's
// interior only through points where they meet.
var partsCases = []struct {
	name string
	a, b Polygon
	rule string
}{
	{"apart", Polygon{square(0, 0, 1)}, Polygon{square(3, 0, 1)}, ""},
	{"touching at a corner", Polygon{square(0, 0, 1)}, Polygon{square(1, 1, 1)}, ""},
	{"a corner on the other's edge", Polygon{square(0, 0, 2)}, Polygon{ring("2 1, 3 0, 3 2")}, ""},
	{"touching at two points", Polygon{square(0, 0, 2)}, Polygon{ring("2 0, 3 1, 2 2, 2.5 1")}, ""},
	{"an island in the other's hole", Polygon{square(0, 0, 6), square(1, 1, 4)}, Polygon{square(2, 2, 2)}, ""},
	{"an island touching the hole at a point", Polygon{square(0, 0, 6), square(1, 1, 4)}, Polygon{ring("1 3, 3 2, 4 3, 3 4")}, ""},
	{"an island filling the hole, touching at its corners", Polygon{square(0, 0, 6), ring("1 1, 5 1, 5 5, 1 5")}, Polygon{ring("3 1, 5 3, 3 5, 1 3")}, ""},
	{"sharing a whole edge", Polygon{square(0, 0, 1)}, Polygon{square(1, 0, 1)}, RulePartsShareEdge},
	{"sharing part of an edge", Polygon{square(0, 0, 2)}, Polygon{square(2, 1, 2)}, RulePartsShareEdge},
	{"filling a hole exactly", Polygon{square(0, 0, 6), square(1, 1, 4)}, Polygon{square(1, 1, 4)}, RulePartsShareEdge},
	{"edges crossing", Polygon{square(0, 0, 2)}, Polygon{square(1, 1, 2)}, RulePartsOverlap},
	{"one inside the other, apart from its edges", Polygon{square(0, 0, 4)}, Polygon{square(1, 1, 1)}, RulePartsOverlap},
	{"identical", Polygon{square(0, 0, 1)}, Polygon{square(0, 0, 1)}, RulePartsShareEdge},
	{"inscribed diamond: every vertex on the other's edges", Polygon{square(0, 0, 2)}, Polygon{ring("1 0, 2 1, 1 2, 0 1")}, RulePartsOverlap},
	{"inside, touching the edge at one vertex", Polygon{square(0, 0, 4)}, Polygon{ring("0 2, 2 1, 3 2, 2 3")}, RulePartsOverlap},
	{"entering through shared vertices only", Polygon{ring("0 0, 2 0, 2 1, 2 2, 0 2, 0 1")}, Polygon{ring("2 1, -1 1, -1 3, 3 3")}, RulePartsOverlap},
	{"an island in a hole reaching into the part through a touch", Polygon{square(0, 0, 6), square(1, 1, 4)}, Polygon{ring("1 3, 0.5 2.5, 3 2, 3 4")}, RulePartsOverlap},
}

func TestMultiPolygonValidateChecksHowPartsMeet(t *testing.T) {
	for _, tc := range partsCases {
		// Every order and winding of the two parts must give the same
		// verdict.
		variants := map[string]MultiPolygon{
			"a, b":           {tc.a, tc.b},
			"b, a":           {tc.b, tc.a},
			"b reversed":     {tc.a, reverseAll(tc.b)},
			"both reversed":  {reverseAll(tc.a), reverseAll(tc.b)},
			"with an island": {{square(100, 0, 1)}, tc.a, tc.b},
		}
		for vname, m := range variants {
			name := tc.name + " (" + vname + ")"
			require.NoError(t, m[len(m)-2:len(m)-1].Validate(), "%s: first part on its own", name)
			require.NoError(t, m[len(m)-1:].Validate(), "%s: second part on its own", name)
			err := m.Validate()
			if tc.rule == "" {
				assert.NoError(t, err, name)
				continue
			}
			var ve *grassroots.ValidationError
			require.ErrorAs(t, err, &ve, name)
			want := grassroots.ElementPath("", len(m)-1)
			assert.Equal(t, []string{want + " " + tc.rule}, fieldList(ve), "%s: the later part is named with the rule", name)
		}
	}
}

func reverseAll(p Polygon) Polygon {
	out := make(Polygon, len(p))
	for i, r := range p {
		out[i] = reversed(r)
	}
	return out
}

func fieldList(ve *grassroots.ValidationError) []string {
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Path+" "+f.Rule)
	}
	return out
}

// TestMultiPolygonPartsAgreeWithAnOverlapMeasure checks the parts rule on
// random pairs of star-shaped polygons, half of them sharing vertices,
// against CheckPartition, which measures the overlap of two children by
// a different method: Validate reports an overlap exactly when the two
// parts, checked as children, overlap, and a shared segment only when
// they share one.
func TestMultiPolygonPartsAgreeWithAnOverlapMeasure(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 11))
	counts := map[string]int{}
	for trial := range 400 {
		a := starRing(rng, Point{Lng: 120, Lat: 28}, 0.01, 3+rng.IntN(8))
		c := Point{Lng: 120 + (rng.Float64()-0.5)*0.04, Lat: 28 + (rng.Float64()-0.5)*0.04}
		b := starRing(rng, c, 0.005+rng.Float64()*0.01, 3+rng.IntN(8))
		if rng.IntN(2) == 0 {
			// Share one or two vertices: move b's vertices onto a's.
			for range 1 + rng.IntN(2) {
				k := rng.IntN(len(b) - 1)
				b[k] = a[rng.IntN(len(a)-1)]
				b[len(b)-1] = b[0]
			}
		}
		m := MultiPolygon{{a}, {b}}
		if m[1:].Validate() != nil {
			continue
		}
		err := m.Validate()
		parent := grid1("p", Polygon{square(119, 27, 2)})
		rep := CheckPartition(parent, []Grid{grid1("a", Polygon{a}), grid1("b", Polygon{b})}, PartitionOptions{SliverArea: -1})
		overlap := len(rep.Overlaps) > 0
		var ve *grassroots.ValidationError
		switch {
		case err == nil:
			counts["valid"]++
			assert.False(t, overlap, "trial %d: parts %v and %v pass but overlap by %v", trial, a, b, rep.Overlaps)
			assert.False(t, shareSegment(a, b), "trial %d: parts %v and %v pass but share a segment", trial, a, b)
		case errors.As(err, &ve) && ve.Fields[0].Rule == RulePartsOverlap:
			counts["overlap"]++
			assert.True(t, overlap, "trial %d: parts %v and %v refused as overlapping, but measure no overlap", trial, a, b)
		case errors.As(err, &ve) && ve.Fields[0].Rule == RulePartsShareEdge:
			counts["share"]++
			assert.True(t, shareSegment(a, b), "trial %d: parts %v and %v refused for a shared segment they do not have", trial, a, b)
		default:
			t.Fatalf("trial %d: unexpected error %v", trial, err)
		}
	}
	t.Logf("verdicts: %v", counts)
	assert.Positive(t, counts["valid"], "some pairs are valid")
	assert.Positive(t, counts["overlap"], "some pairs overlap")
}

// starRing is a closed counter-clockwise ring of n vertices at random
// radii (between r/3 and r) around c, at increasing angles.
func starRing(rng *rand.Rand, c Point, r float64, n int) Ring {
	var out Ring
	for k := range n {
		th := (float64(k) + rng.Float64()*0.8) / float64(n) * 2 * math.Pi
		rad := r * (1 + 2*rng.Float64()) / 3
		out = append(out, Point{Lng: c.Lng + rad*math.Cos(th), Lat: c.Lat + rad*math.Sin(th)})
	}
	return append(out, out[0])
}

// shareSegment reports, by brute force, whether an edge of a and an edge
// of b are collinear and overlap over a positive length.
func shareSegment(a, b Ring) bool {
	for i := 1; i < len(a); i++ {
		for j := 1; j < len(b); j++ {
			p, q, r, s := a[i-1], a[i], b[j-1], b[j]
			if Orientation(p, q, r) == 0 && Orientation(p, q, s) == 0 && collinearOverlap(p, q, r, s) {
				return true
			}
		}
	}
	return false
}
