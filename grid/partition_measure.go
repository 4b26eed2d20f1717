package grid

import (
	"cmp"
	"slices"
)

// segment is an edge in either direction.
type segment struct{ p, q Point }

// bandEdges appends the non-horizontal edges of m whose latitude range
// meets [lo, hi]: every edge a horizontal line at a latitude inside the
// band can cross, so parity along such a line is complete.
func bandEdges(dst []segment, m MultiPolygon, lo, hi float64) []segment {
	for _, poly := range m {
		for _, r := range poly {
			for i := 1; i < len(r); i++ {
				p, q := r[i-1], r[i]
				if p.Lat == q.Lat || max(p.Lat, q.Lat) < lo || min(p.Lat, q.Lat) > hi {
					continue
				}
				dst = append(dst, segment{p, q})
			}
		}
	}
	return dst
}

// xing is where an edge crosses a latitude: its longitude there and its
// slope (see slope).
type xing struct{ x, slope float64 }

// crossingsAt appends the crossings of edges with latitude y, by the
// half-open rule of ContainsHalfOpen, sorted by longitude.
func crossingsAt(dst []xing, edges []segment, y float64) []xing {
	for _, e := range edges {
		if (e.p.Lat <= y) != (e.q.Lat <= y) {
			dst = append(dst, xing{lineX(e.p, e.q, y), slope(e.p, e.q)})
		}
	}
	slices.SortFunc(dst, func(a, b xing) int { return cmp.Compare(a.x, b.x) })
	return dst
}

// pairMeasure measures the part of the plane between latitudes lo and hi
// where keep(inside a, inside b) holds, for the regions bounded by edges
// ea and eb (taken from bandEdges over the same band). Strips run between
// consecutive vertex and crossing latitudes, where every width changes
// linearly with latitude, and each is integrated exactly (see
// strip.area). It returns the area in m² and the midpoint of the widest
// piece that verify accepts.
func pairMeasure(ea, eb []segment, lo, hi float64, keep func(inA, inB bool) bool, verify func(Point) bool) (float64, Point, bool) {
	ys := []float64{lo, hi}
	for _, es := range [2][]segment{ea, eb} {
		for _, e := range es {
			for _, y := range [2]float64{e.p.Lat, e.q.Lat} {
				if y > lo && y < hi {
					ys = append(ys, y)
				}
			}
		}
	}
	ys = appendCrossingLats(ys, ea, eb, lo, hi)
	slices.Sort(ys)
	ys = slices.Compact(ys)

	var area, best float64
	var witness Point
	found := false
	var xa, xb []xing
	for k := 0; k+1 < len(ys); k++ {
		y0, y1 := ys[k], ys[k+1]
		ym := y0 + (y1-y0)/2
		if ym <= y0 || ym >= y1 {
			continue
		}
		xa = crossingsAt(xa[:0], ea, ym)
		xb = crossingsAt(xb[:0], eb, ym)
		inA, inB := false, false
		i, j := 0, 0
		var prev xing
		width, widening := 0.0, 0.0
		for i < len(xa) || j < len(xb) {
			var c xing
			fromA := j >= len(xb) || (i < len(xa) && xa[i].x <= xb[j].x)
			if fromA {
				c = xa[i]
			} else {
				c = xb[j]
			}
			x := c.x
			if (i > 0 || j > 0) && x > prev.x && keep(inA, inB) {
				width += x - prev.x
				widening += c.slope - prev.slope
				score := witnessScore(x-prev.x, y1-y0, ym)
				if !found || score > best {
					p := Point{Lng: prev.x + (x-prev.x)/2, Lat: ym}
					if p.Lng > prev.x && p.Lng < x && verify(p) {
						witness, best, found = p, score, true
					}
				}
			}
			if fromA {
				inA = !inA
				i++
			} else {
				inB = !inB
				j++
			}
			prev = c
		}
		if width > 0 {
			band := strip{y0: y0, y1: y1, ym: ym}
			area += band.area(width, widening)
		}
	}
	return area, witness, found
}

// appendCrossingLats appends the latitudes strictly between lo and hi
// where an edge of ea properly crosses an edge of eb. Edges are swept in
// order of their western ends, so only edges whose longitude ranges
// overlap are compared.
func appendCrossingLats(ys []float64, ea, eb []segment, lo, hi float64) []float64 {
	type tagged struct {
		segment
		minX, maxX float64
		b          bool
	}
	all := make([]tagged, 0, len(ea)+len(eb))
	for _, e := range ea {
		all = append(all, tagged{e, min(e.p.Lng, e.q.Lng), max(e.p.Lng, e.q.Lng), false})
	}
	for _, e := range eb {
		all = append(all, tagged{e, min(e.p.Lng, e.q.Lng), max(e.p.Lng, e.q.Lng), true})
	}
	slices.SortFunc(all, func(x, y tagged) int { return cmp.Compare(x.minX, y.minX) })
	for i, e := range all {
		for _, f := range all[i+1:] {
			if f.minX > e.maxX {
				break
			}
			if e.b == f.b || max(e.p.Lat, e.q.Lat) < min(f.p.Lat, f.q.Lat) || max(f.p.Lat, f.q.Lat) < min(e.p.Lat, e.q.Lat) {
				continue
			}
			// Edges sharing an endpoint cannot cross at a point interior
			// to both; shared edges of neighbours are skipped cheaply.
			if e.p == f.p || e.p == f.q || e.q == f.p || e.q == f.q {
				continue
			}
			if y, ok := properCrossingLat(e.p, e.q, f.p, f.q); ok && y > lo && y < hi {
				ys = append(ys, y)
			}
		}
	}
	return ys
}

// overlapOf measures the intersection of two children.
func overlapOf(a, b MultiPolygon, ba, bb BBox) (float64, Point, bool) {
	lo, hi := max(ba.MinLat, bb.MinLat), min(ba.MaxLat, bb.MaxLat)
	if !(lo < hi) || !ba.Intersects(bb) {
		return 0, Point{}, false
	}
	ea := bandEdges(nil, a, lo, hi)
	eb := bandEdges(nil, b, lo, hi)
	return pairMeasure(ea, eb, lo, hi,
		func(inA, inB bool) bool { return inA && inB },
		func(p Point) bool { return strictlyInside(a, p) && strictlyInside(b, p) })
}

// outsideOf measures the part of a child outside the parent.
func outsideOf(kid, parent MultiPolygon, box BBox) (float64, Point, bool) {
	lo, hi := box.MinLat, box.MaxLat
	if !(lo < hi) {
		return 0, Point{}, false
	}
	ek := bandEdges(nil, kid, lo, hi)
	ep := bandEdges(nil, parent, lo, hi)
	return pairMeasure(ek, ep, lo, hi,
		func(inK, inP bool) bool { return inK && !inP },
		func(p Point) bool { return strictlyInside(kid, p) && !parent.Covers(p) })
}

func strictlyInside(m MultiPolygon, p Point) bool {
	return m.ContainsHalfOpen(p) && !m.OnBoundary(p)
}
