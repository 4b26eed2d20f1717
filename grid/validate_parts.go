package grid

import (
	"cmp"
	"math"
	"slices"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// partConflict is a reason two parts of a MultiPolygon may not stand
// together (OGC 06-103r4, Simple Feature Access 1.2.1, §6.1.14).
type partConflict uint8

const (
	partsOverlap   partConflict = iota + 1 // their interiors intersect
	partsShareEdge                         // their boundaries share a segment
)

// partSeg is an edge of a part's ring, with where it comes from: the
// part, the ring, its index in the ring without repeated positions, and
// that ring's number of edges.
type partSeg struct {
	a, b       Point
	minX, maxX float64
	part, ring int
	pos, n     int
}

// partTouch is a point where the boundaries of parts i < j meet without
// crossing, with the edge of each that passes through it.
type partTouch struct {
	at     Point
	si, sj int // indexes into the edge list
}

// partProblems checks the parts of m, which must each be valid polygons
// already, against each other and records what it finds in ps: the
// interiors of two parts must not intersect and their boundaries may
// touch only at finitely many points.
//
// Edges of different parts are swept in order of their western ends. Two
// edges that cross properly mean overlapping interiors; two that run
// along each other over a positive length, a shared boundary segment.
// Otherwise the parts meet only at points, each a vertex of one of them,
// and near such a point each part fills one open angular sector (its
// rings are simple and pairwise disjoint): the interiors meet near the
// point exactly when the sectors overlap, which exact orientation tests
// decide. A ring that meets the other part nowhere lies wholly inside or
// wholly outside it, so one of its vertices decides; a ring that does
// meet it and enters its interior must do so next to a meeting point,
// which the sector test sees. Together these find every overlap.
func partProblems(ps *validate.Problems, m MultiPolygon) {
	if len(m) < 2 {
		return
	}
	rings := make([][]Ring, len(m))
	var segs []partSeg
	for i, p := range m {
		rings[i] = make([]Ring, len(p))
		for j, r := range p {
			d := dedupe(r)
			rings[i][j] = d
			n := len(d) - 1
			for k := range n {
				a, b := d[k], d[k+1]
				segs = append(segs, partSeg{a: a, b: b, minX: min(a.Lng, b.Lng), maxX: max(a.Lng, b.Lng), part: i, ring: j, pos: k, n: n})
			}
		}
	}
	slices.SortFunc(segs, func(s, t partSeg) int { return cmp.Compare(s.minX, t.minX) })

	found := map[[2]int]partConflict{}
	var touches []partTouch
	for x := range segs {
		s := &segs[x]
		for y := x + 1; y < len(segs) && segs[y].minX <= s.maxX; y++ {
			t := &segs[y]
			if s.part == t.part || max(s.a.Lat, s.b.Lat) < min(t.a.Lat, t.b.Lat) || max(t.a.Lat, t.b.Lat) < min(s.a.Lat, s.b.Lat) {
				continue
			}
			pair := [2]int{min(s.part, t.part), max(s.part, t.part)}
			if _, done := found[pair]; done {
				continue
			}
			si, sj := x, y
			if s.part > t.part {
				si, sj = y, x
			}
			conflict, at := segContact(s, t)
			switch {
			case conflict != 0:
				found[pair] = conflict
			case len(at) > 0:
				for _, p := range at {
					touches = append(touches, partTouch{at: p, si: si, sj: sj})
				}
			}
		}
	}

	touched := map[[3]int]bool{} // part, ring, other part
	for _, tc := range touches {
		s, t := &segs[tc.si], &segs[tc.sj]
		touched[[3]int{s.part, s.ring, t.part}] = true
		touched[[3]int{t.part, t.ring, s.part}] = true
		pair := [2]int{s.part, t.part}
		if _, done := found[pair]; done {
			continue
		}
		a1, b1 := sectorAt(tc.at, s, rings[s.part][s.ring])
		a2, b2 := sectorAt(tc.at, t, rings[t.part][t.ring])
		if inSector(tc.at, a1, b1, a2) || inSector(tc.at, a2, b2, a1) || sameDirection(tc.at, a1, a2) {
			found[pair] = partsOverlap
		}
	}

	boxes := make([]BBox, len(m))
	for i, p := range m {
		boxes[i] = p.BBox()
	}
	for j := range m {
		for r, ring := range rings[j] {
			v := ring[0]
			for i := range m {
				pair := [2]int{min(i, j), max(i, j)}
				if i == j || !boxes[i].Contains(v) || touched[[3]int{j, r, i}] {
					continue
				}
				if _, done := found[pair]; done {
					continue
				}
				if m[i:i+1].ContainsHalfOpen(v) && !m[i:i+1].OnBoundary(v) {
					found[pair] = partsOverlap
				}
			}
		}
	}

	pairs := make([][2]int, 0, len(found))
	for k := range found {
		pairs = append(pairs, k)
	}
	slices.SortFunc(pairs, func(x, y [2]int) int { return cmp.Or(cmp.Compare(x[1], y[1]), cmp.Compare(x[0], y[0])) })
	for _, pr := range pairs {
		path := grassroots.ElementPath("", pr[1])
		if found[pr] == partsShareEdge {
			ps.Addf(path, RulePartsShareEdge,
				"polygon %d shares a boundary segment with polygon %d; the polygons of a MultiPolygon may touch only at points, so merge the two into one polygon", pr[1], pr[0])
			continue
		}
		ps.Addf(path, RulePartsOverlap,
			"polygon %d overlaps polygon %d; want the interiors of a MultiPolygon's polygons disjoint", pr[1], pr[0])
	}
}

// segContact classifies how two edges of different parts meet: a proper
// crossing or a shared stretch is a conflict; otherwise it returns the
// points where they touch (endpoints of one lying on the other).
func segContact(s, t *partSeg) (partConflict, []Point) {
	o1, o2 := Orientation(s.a, s.b, t.a), Orientation(s.a, s.b, t.b)
	o3, o4 := Orientation(t.a, t.b, s.a), Orientation(t.a, t.b, s.b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return partsOverlap, nil
	}
	if o1 == 0 && o2 == 0 && collinearOverlap(s.a, s.b, t.a, t.b) {
		return partsShareEdge, nil
	}
	var at []Point
	if o1 == 0 && OnSegment(t.a, s.a, s.b) {
		at = append(at, t.a)
	}
	if o2 == 0 && OnSegment(t.b, s.a, s.b) {
		at = append(at, t.b)
	}
	if o3 == 0 && OnSegment(s.a, t.a, t.b) {
		at = append(at, s.a)
	}
	if o4 == 0 && OnSegment(s.b, t.a, t.b) {
		at = append(at, s.b)
	}
	return 0, at
}

// collinearOverlap reports whether collinear segments ab and cd share a
// stretch of positive length, comparing them along the axis ab spans most.
func collinearOverlap(a, b, c, d Point) bool {
	if math.Abs(b.Lng-a.Lng) >= math.Abs(b.Lat-a.Lat) {
		return max(min(a.Lng, b.Lng), min(c.Lng, d.Lng)) < min(max(a.Lng, b.Lng), max(c.Lng, d.Lng))
	}
	return max(min(a.Lat, b.Lat), min(c.Lat, d.Lat)) < min(max(a.Lat, b.Lat), max(c.Lat, d.Lat))
}

// sectorAt returns the open sector the interior of s's polygon fills
// next to p, a point of edge s: it runs counter-clockwise from the ray
// towards the first returned point to the ray towards the second. The
// ring is followed through p with the polygon's interior on its left.
func sectorAt(p Point, s *partSeg, ring Ring) (from, to Point) {
	prev, next := s.a, s.b
	switch p {
	case s.a:
		prev = ring[(s.pos-1+s.n)%s.n]
	case s.b:
		next = ring[(s.pos+2)%s.n] // ring[0] is ring[n], the closing position
	}
	if (s.ring == 0) != ring.IsCCW() {
		prev, next = next, prev
	}
	return next, prev
}

// inSector reports whether the ray from p towards d lies strictly inside
// the sector swept counter-clockwise from the ray towards a to the ray
// towards b.
func inSector(p, a, b, d Point) bool {
	ad, db := Orientation(p, a, d), Orientation(p, d, b)
	switch Orientation(p, a, b) {
	case 1:
		return ad > 0 && db > 0
	case -1:
		return ad > 0 || db > 0
	}
	return ad > 0 // a and b opposite: the half-plane left of the ray to a
}

// sameDirection reports whether the rays from p towards a and towards b
// coincide.
func sameDirection(p, a, b Point) bool {
	return Orientation(p, a, b) == 0 && float64((a.Lng-p.Lng)*(b.Lng-p.Lng))+float64((a.Lat-p.Lat)*(b.Lat-p.Lat)) > 0
}
