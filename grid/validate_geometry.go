package grid

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/grassrootsgov/grassroots"
)

// The rule names of geometry problems, besides grassroots.RuleRequired.
const (
	// RuleMinPositions: a ring has fewer than four positions (RFC 7946
	// §3.1.6).
	RuleMinPositions = "min_positions"
	// RuleRange: a coordinate is not finite or outside the range of
	// longitude or latitude.
	RuleRange = "range"
	// RuleClosed: a ring's first and last positions differ (RFC 7946
	// §3.1.6).
	RuleClosed = "closed"
	// RuleAntimeridian: an edge spans more than 180° of longitude; RFC
	// 7946 §3.1.9 has such geometry cut at the antimeridian.
	RuleAntimeridian = "antimeridian"
	// RuleDegenerate: a ring has fewer than three distinct positions and
	// so bounds no area.
	RuleDegenerate = "degenerate"
	// RuleSelfIntersection: a ring touches or crosses itself; OGC rings
	// are simple.
	RuleSelfIntersection = "self_intersection"
	// RuleRingsIntersect: two rings of one polygon touch or cross.
	RuleRingsIntersect = "rings_intersect"
	// RuleHoleOutside: a hole does not lie inside its polygon's exterior
	// ring.
	RuleHoleOutside = "hole_outside"
	// RuleHoleInHole: a hole lies inside another hole of its polygon.
	RuleHoleInHole = "hole_in_hole"
	// RulePartsOverlap: the interiors of two polygons of a MultiPolygon
	// intersect.
	RulePartsOverlap = "parts_overlap"
	// RulePartsShareEdge: the boundaries of two polygons of a MultiPolygon
	// share a segment rather than touching at points only.
	RulePartsShareEdge = "parts_share_edge"
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
// rewinds rings to the RFC 7946 order. Rule names are the Rule constants
// of this package and grassroots.RuleRequired.
func (m MultiPolygon) Validate() error {
	if len(m) == 0 {
		return grassroots.NewValidationError(grassroots.FieldError{Rule: grassroots.RuleRequired, Message: "no polygon"})
	}
	var fs []grassroots.FieldError
	for i, p := range m {
		fs = append(fs, grassroots.FieldErrors(grassroots.ElementPath("", i), p.Validate())...)
	}
	if len(fs) > 0 {
		return grassroots.NewValidationError(fs...)
	}
	return grassroots.NewValidationError(partProblems(m)...)
}

// Validate checks one polygon by the rules of MultiPolygon.Validate; paths
// start at the ring ("[1][5]").
func (p Polygon) Validate() error {
	if len(p) == 0 {
		return grassroots.NewValidationError(grassroots.FieldError{Rule: grassroots.RuleRequired, Message: "no exterior ring"})
	}
	var fs []grassroots.FieldError
	ringsOK := true
	for i, r := range p {
		errs := r.Validate()
		fs = append(fs, grassroots.FieldErrors(grassroots.ElementPath("", i), errs)...)
		ringsOK = ringsOK && errs == nil
	}
	if !ringsOK {
		return grassroots.NewValidationError(fs...)
	}
	for _, pair := range ringContacts(p) {
		path := grassroots.ElementPath("", pair[0])
		if pair[0] == pair[1] {
			fs = append(fs, grassroots.FieldError{Path: path, Rule: RuleSelfIntersection, Message: "ring touches or crosses itself"})
			continue
		}
		fs = append(fs, grassroots.FieldError{Path: grassroots.ElementPath("", pair[1]), Rule: RuleRingsIntersect,
			Message: fmt.Sprintf("ring %d touches or crosses ring %d", pair[1], pair[0])})
	}
	if len(fs) > 0 {
		return grassroots.NewValidationError(fs...)
	}
	for h := 1; h < len(p); h++ {
		probe := p[h][0]
		if !p[0].contains(probe) {
			fs = append(fs, grassroots.FieldError{Path: grassroots.ElementPath("", h), Rule: RuleHoleOutside, Message: "hole is not inside the exterior ring"})
			continue
		}
		for o := 1; o < len(p); o++ {
			if o != h && p[o].contains(probe) {
				fs = append(fs, grassroots.FieldError{Path: grassroots.ElementPath("", h), Rule: RuleHoleInHole,
					Message: fmt.Sprintf("hole lies inside hole %d", o)})
			}
		}
	}
	return grassroots.NewValidationError(fs...)
}

// Validate checks one ring on its own: closed, at least four positions and
// three distinct ones, coordinates in range, no antimeridian-spanning edge.
// Intersections are checked by Polygon.Validate, which sees all rings.
func (r Ring) Validate() error {
	var fs []grassroots.FieldError
	if len(r) < 4 {
		fs = append(fs, grassroots.FieldError{Rule: RuleMinPositions, Message: fmt.Sprintf("%d positions, at least 4 required", len(r))})
	}
	for i, q := range r {
		if err := q.Validate(); err != nil {
			fs = append(fs, grassroots.FieldError{Path: grassroots.ElementPath("", i), Rule: RuleRange, Message: causeText(err)})
		}
	}
	if len(fs) > 0 {
		return grassroots.NewValidationError(fs...)
	}
	if r[0] != r[len(r)-1] {
		fs = append(fs, grassroots.FieldError{Rule: RuleClosed, Message: "first and last positions differ"})
	}
	for i := 1; i < len(r); i++ {
		if math.Abs(r[i].Lng-r[i-1].Lng) > 180 {
			fs = append(fs, grassroots.FieldError{Path: grassroots.ElementPath("", i), Rule: RuleAntimeridian,
				Message: "edge spans more than 180° of longitude; split the ring at the antimeridian"})
		}
	}
	if len(dedupe(r)) < 4 {
		fs = append(fs, grassroots.FieldError{Rule: RuleDegenerate, Message: "fewer than 3 distinct positions"})
	}
	return grassroots.NewValidationError(fs...)
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
