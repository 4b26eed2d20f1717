package grid

import (
	"cmp"
	"math"
	"slices"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Validate checks m and reports every problem at once as a
// *grassroots.ValidationError whose paths locate the offending part,
// ring or position ("[0][1]" is ring 1 of polygon 0, "[0][1][5]" its
// sixth position).
//
// The rules come from two standards. RFC 7946 (§3.1.6) requires every
// ring to be closed with at least four positions and wants antimeridian
// crossings cut into parts (§3.1.9; here: no edge spans more than 180° of
// longitude); coordinates must be finite and in range. The OGC Simple
// Feature Access model (OGC 06-103r4, version 1.2.1, also ISO 19125-1)
// supplies the rest, which RFC 7946 does not state: a polygon's rings are
// simple, and its holes lie inside its exterior ring (§6.1.11); here,
// more strictly than OGC, rings of one polygon may not touch at all, nor
// may a hole lie inside another hole; and the interiors of the polygons
// of a MultiPolygon may not intersect, while their boundaries may touch
// only at finitely many points (§6.1.14). Overlapping parts are refused
// because their shared area would otherwise count twice, or, under the
// even-odd rule of ContainsHalfOpen, silently become a hole. Every ring
// must also have at least three distinct positions.
//
// Winding is not checked: either orientation is accepted, and Normalize
// rewinds rings to the RFC 7946 order.
//
// A missing polygon or ring is grassroots.RuleRequired, a ring with fewer
// than four positions, or fewer than three distinct ones,
// grassroots.RuleMin, and a ring that does not end where it starts
// grassroots.RuleMismatch; the other rules are this package's RuleRange,
// RuleAntimeridian, RuleSelfIntersection, RuleRingsIntersect,
// RuleHoleOutside, RuleHoleInHole, RulePartsOverlap and
// RulePartsShareEdge.
func (m MultiPolygon) Validate() error {
	var p validate.Problems
	if len(m) == 0 {
		p.Add("", grassroots.RuleRequired, "no polygon; want at least one")
		return p.Err()
	}
	for i, pg := range m {
		if err := pg.Validate(); err != nil {
			p.Nest(grassroots.ElementPath("", i), err)
		}
	}
	if p.Len() == 0 {
		partProblems(&p, m)
	}
	return p.Err()
}

// noRingMessage is the message for a polygon without rings.
const noRingMessage = "no exterior ring; want at least one ring"

// Validate checks one polygon by the rules of MultiPolygon.Validate; paths
// start at the ring ("[1][5]").
func (p Polygon) Validate() error {
	var ps validate.Problems
	if len(p) == 0 {
		ps.Add("", grassroots.RuleRequired, noRingMessage)
		return ps.Err()
	}
	for i, r := range p {
		if err := r.Validate(); err != nil {
			ps.Nest(grassroots.ElementPath("", i), err)
		}
	}
	if ps.Len() > 0 {
		return ps.Err()
	}
	for _, pair := range ringContacts(p) {
		if pair[0] == pair[1] {
			ps.Add(grassroots.ElementPath("", pair[0]), RuleSelfIntersection,
				"ring touches or crosses itself; want a simple ring, which meets itself only where it closes")
			continue
		}
		ps.Addf(grassroots.ElementPath("", pair[1]), RuleRingsIntersect,
			"ring %d touches or crosses ring %d; want the rings of a polygon apart from each other", pair[1], pair[0])
	}
	if ps.Len() > 0 {
		return ps.Err()
	}
	for h := 1; h < len(p); h++ {
		probe := p[h][0]
		if !p[0].contains(probe) {
			ps.Add(grassroots.ElementPath("", h), RuleHoleOutside,
				"hole is not inside the exterior ring; want every hole inside ring 0")
			continue
		}
		for o := 1; o < len(p); o++ {
			if o != h && p[o].contains(probe) {
				ps.Addf(grassroots.ElementPath("", h), RuleHoleInHole,
					"hole lies inside hole %d; want holes side by side, and an island within a hole as a polygon of its own", o)
			}
		}
	}
	return ps.Err()
}

// Validate checks one ring on its own: closed, at least four positions and
// three distinct ones, coordinates in range, no antimeridian-spanning edge.
// Intersections are checked by Polygon.Validate, which sees all rings.
func (r Ring) Validate() error {
	var p validate.Problems
	checkRingLength(&p, "", r)
	checkPositions(&p, "", r)
	if p.Len() > 0 {
		return p.Err()
	}
	checkClosed(&p, "", r)
	for i := 1; i < len(r); i++ {
		if math.Abs(r[i].Lng-r[i-1].Lng) > 180 {
			p.Add(grassroots.ElementPath("", i), RuleAntimeridian,
				"edge spans more than 180° of longitude; split the ring at the antimeridian")
		}
	}
	if len(dedupe(r)) < 4 {
		p.Add("", grassroots.RuleMin, "fewer than 3 distinct positions; want at least 3, so that the ring bounds an area")
	}
	return p.Err()
}

// checkRingLength records a grassroots.RuleMin problem at path unless r
// has the four positions RFC 7946 §3.1.6 asks of a ring, and reports
// whether it has.
func checkRingLength(p *validate.Problems, path string, r Ring) bool {
	if len(r) < 4 {
		p.Addf(path, grassroots.RuleMin, "%d positions; want at least 4, the last repeating the first", len(r))
		return false
	}
	return true
}

// checkPositions records a RuleRange problem for each position of r (the
// ring at path) that is not a valid point.
func checkPositions(p *validate.Problems, path string, r Ring) {
	for i, q := range r {
		if err := q.Validate(); err != nil {
			p.Add(grassroots.ElementPath(path, i), RuleRange, causeText(err))
		}
	}
}

// checkClosed records a grassroots.RuleMismatch problem at path unless the
// ring r, of at least one position, ends where it starts.
func checkClosed(p *validate.Problems, path string, r Ring) {
	if first, last := r[0], r[len(r)-1]; first != last {
		p.Addf(path, grassroots.RuleMismatch, "first position %s and last %s differ; want a closed ring, whose last position repeats its first", first, last)
	}
}

// dedupe returns r without consecutive repeated positions.
func dedupe(r Ring) Ring {
	out := make(Ring, 0, len(r))
	for i, q := range r {
		if i == 0 || q != r[i-1] {
			out = append(out, q)
		}
	}
	return out
}

type sweepSeg struct {
	a, b       Point
	minX, maxX float64
	ring, pos  int // ring index, edge index within the deduplicated ring
	n          int // number of edges of the ring
}

// ringContacts returns the pairs of rings (i <= j) that touch or cross,
// with i == j for a ring that touches itself, each pair once, sorted. It
// sweeps edges in order of their smallest longitude so only edges whose
// longitude ranges overlap are compared.
func ringContacts(p Polygon) [][2]int {
	var segs []sweepSeg
	for i, r := range p {
		d := dedupe(r)
		n := len(d) - 1
		for k := range n {
			a, b := d[k], d[k+1]
			segs = append(segs, sweepSeg{a: a, b: b, minX: min(a.Lng, b.Lng), maxX: max(a.Lng, b.Lng), ring: i, pos: k, n: n})
		}
	}
	slices.SortFunc(segs, func(s, t sweepSeg) int { return cmp.Compare(s.minX, t.minX) })
	found := map[[2]int]bool{}
	for i := range segs {
		s := &segs[i]
		for j := i + 1; j < len(segs) && segs[j].minX <= s.maxX; j++ {
			t := &segs[j]
			pair := [2]int{min(s.ring, t.ring), max(s.ring, t.ring)}
			if found[pair] {
				continue
			}
			if segsConflict(s, t) {
				found[pair] = true
			}
		}
	}
	out := make([][2]int, 0, len(found))
	for k := range found {
		out = append(out, k)
	}
	slices.SortFunc(out, func(x, y [2]int) int {
		return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1]))
	})
	return out
}

// segsConflict reports whether two ring edges meet where they should not:
// edges of different rings must not meet at all; consecutive edges of one
// ring share their common vertex and must not fold back over each other;
// other edges of one ring must not meet.
func segsConflict(s, t *sweepSeg) bool {
	if s.ring != t.ring {
		return SegmentsIntersect(s.a, s.b, t.a, t.b)
	}
	first, second := s, t
	switch {
	case (s.pos+1)%s.n == t.pos:
	case (t.pos+1)%t.n == s.pos:
		first, second = t, s
	default:
		return SegmentsIntersect(s.a, s.b, t.a, t.b)
	}
	if s.n == 2 {
		return true
	}
	// first ends where second starts; they overlap only when collinear and
	// second turns back along first.
	if Orientation(first.a, first.b, second.b) != 0 {
		return false
	}
	dx1, dy1 := first.b.Lng-first.a.Lng, first.b.Lat-first.a.Lat
	dx2, dy2 := second.b.Lng-second.a.Lng, second.b.Lat-second.a.Lat
	return float64(dx1*dx2)+float64(dy1*dy2) < 0
}
