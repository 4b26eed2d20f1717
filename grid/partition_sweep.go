package grid

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// partSweep attributes the areas bounded by the defect edges to
// overlaps, gaps and children outside the parent.
type partSweep struct {
	parent  MultiPolygon
	kids    []partKid
	edges   []partEdge
	kidGrid *cellGrid

	uf       []int32 // union-find over edges: a gap is a connected area
	overlaps map[[2]int32]*partAcc
	outside  map[int32]*partAcc
	gaps     []gapPiece
	capped   bool

	// scratch
	stamp      []int32
	stampNow   int32
	cands      []int32
	candXs     [][]float64
	breaks     []float64
	parentXs   []float64
	parentLine float64
	parentOK   bool
}

// partAcc accumulates one finding: its area and its best witness so far.
type partAcc struct {
	area    float64
	witness Point
	score   float64
	found   bool
}

// gapPiece is a gap's share of one sweep strip, keyed by the defect edge
// bounding it on the left.
type gapPiece struct {
	edge int32
	acc  partAcc
}

func newPartSweep(parent MultiPolygon, kids []partKid, edges []partEdge) *partSweep {
	box := EmptyBBox()
	for _, k := range kids {
		box = box.Union(k.box)
	}
	g := newCellGrid(box, 2*len(kids))
	g.build(len(kids), func(i int, emit func(int)) { g.visitBox(kids[i].box, emit) })
	s := &partSweep{
		parent: parent, kids: kids, edges: edges, kidGrid: g,
		uf:       make([]int32, len(edges)),
		overlaps: map[[2]int32]*partAcc{},
		outside:  map[int32]*partAcc{},
		stamp:    make([]int32, len(kids)),
	}
	for i := range s.uf {
		s.uf[i] = int32(i)
	}
	return s
}

func (s *partSweep) find(i int32) int32 {
	for s.uf[i] != i {
		s.uf[i] = s.uf[s.uf[i]]
		i = s.uf[i]
	}
	return i
}

func (s *partSweep) union(i, j int32) {
	a, b := s.find(i), s.find(j)
	if a != b {
		s.uf[max(a, b)] = min(a, b)
	}
}

// run sweeps the strips between consecutive event latitudes.
func (s *partSweep) run() {
	// Edges that share an endpoint bound the same connected area.
	first := make(map[Point]int32, 2*len(s.edges))
	for i, e := range s.edges {
		for _, p := range [2]Point{e.a, e.b} {
			if j, ok := first[p]; ok {
				s.union(int32(i), j)
			} else {
				first[p] = int32(i)
			}
		}
	}
	ys := s.events()
	order := make([]int32, 0, len(s.edges))
	for i, e := range s.edges {
		if e.a.Lat != e.b.Lat {
			order = append(order, int32(i))
		}
	}
	lowLat := func(i int32) float64 { return min(s.edges[i].a.Lat, s.edges[i].b.Lat) }
	highLat := func(i int32) float64 { return max(s.edges[i].a.Lat, s.edges[i].b.Lat) }
	slices.SortFunc(order, func(i, j int32) int { return cmp.Or(cmp.Compare(lowLat(i), lowLat(j)), cmp.Compare(i, j)) })

	var active []int32
	var xs []crossing
	next := 0
	for k := 0; k+1 < len(ys); k++ {
		y0, y1 := ys[k], ys[k+1]
		for next < len(order) && lowLat(order[next]) <= y0 {
			active = append(active, order[next])
			next++
		}
		active = slices.DeleteFunc(active, func(i int32) bool { return highLat(i) <= y0 })
		ym := y0 + (y1-y0)/2
		if ym <= y0 || ym >= y1 || len(active) == 0 {
			continue
		}
		xs = xs[:0]
		for _, i := range active {
			e := s.edges[i]
			d := e.w
			if e.a.Lat < e.b.Lat {
				d = -d // upward along a→b: leaving, seen from the west
			}
			xs = append(xs, crossing{x: lineX(e.a, e.b, ym), d: d, edge: i})
		}
		slices.SortFunc(xs, func(p, q crossing) int { return cmp.Or(cmp.Compare(p.x, q.x), cmp.Compare(p.edge, q.edge)) })
		s.parentOK = false
		diff := int32(0)
		for j := 0; j+1 < len(xs); j++ {
			diff += xs[j].d
			if diff != 0 && xs[j+1].x > xs[j].x {
				s.classify(xs[j], xs[j+1], y0, y1, ym)
			}
		}
	}
}

// crossing is where a defect edge meets a sweep line; d is the change in
// coverage difference (children minus parent) when passing it eastwards.
type crossing struct {
	x    float64
	d    int32
	edge int32
}

// lineX returns the longitude where the segment pq meets latitude y. The
// endpoints are put in a fixed order first so that the same segment gives
// the same answer whichever way it is traversed.
func lineX(p, q Point, y float64) float64 {
	if comparePoints(p, q) > 0 {
		p, q = q, p
	}
	return p.Lng + float64((y-p.Lat)*(q.Lng-p.Lng))/(q.Lat-p.Lat)
}

// events returns the sorted distinct latitudes of the defect edges'
// endpoints and of their proper crossings: between two consecutive ones
// the width of every defect area changes linearly.
func (s *partSweep) events() []float64 {
	ys := make([]float64, 0, 2*len(s.edges))
	for _, e := range s.edges {
		ys = append(ys, e.a.Lat, e.b.Lat)
	}
	// Edges are sorted by their western endpoint; each is compared with
	// those that start before it ends.
	for i, e := range s.edges {
		lo, hi := min(e.a.Lat, e.b.Lat), max(e.a.Lat, e.b.Lat)
		for j := i + 1; j < len(s.edges) && s.edges[j].a.Lng <= e.b.Lng; j++ {
			f := s.edges[j]
			if max(f.a.Lat, f.b.Lat) < lo || min(f.a.Lat, f.b.Lat) > hi {
				continue
			}
			if y, ok := properCrossingLat(e.a, e.b, f.a, f.b); ok {
				ys = append(ys, y)
			}
		}
	}
	slices.Sort(ys)
	return slices.Compact(ys)
}

// properCrossingLat returns the latitude where segments ab and cd cross at
// a point interior to both.
func properCrossingLat(a, b, c, d Point) (float64, bool) {
	o1, o2 := Orientation(a, b, c), Orientation(a, b, d)
	o3, o4 := Orientation(c, d, a), Orientation(c, d, b)
	if o1*o2 >= 0 || o3*o4 >= 0 {
		return 0, false
	}
	rx, ry := b.Lng-a.Lng, b.Lat-a.Lat
	sx, sy := d.Lng-c.Lng, d.Lat-c.Lat
	den := float64(rx*sy) - float64(ry*sx)
	t := (float64((c.Lng-a.Lng)*sy) - float64((c.Lat-a.Lat)*sx)) / den
	y := a.Lat + float64(t*ry)
	return min(max(y, min(a.Lat, b.Lat)), max(a.Lat, b.Lat)), true
}

// stripArea converts a width in degrees on the strip between latitudes y0
// and y1 into m² in the cylindrical equal-area projection.
func stripArea(width, y0, y1 float64) float64 {
	dq := math.Abs(authalicQ(y1) - authalicQ(y0))
	return float64(width*math.Pi/180) * dq * wgsA * wgsA / 2
}

// witnessScore rates a candidate witness by the smaller of the width and
// the height of its piece, in degrees of arc, so witnesses sit deep in
// their areas.
func witnessScore(width, height, lat float64) float64 {
	return min(width*math.Cos(lat*math.Pi/180), height)
}

// classify splits the defect stretch between crossings l and r on the
// sweep line at latitude ym where children or the parent begin and end,
// and attributes each piece.
func (s *partSweep) classify(l, r crossing, y0, y1, ym float64) {
	x0, x1 := l.x, r.x
	s.candidates(x0, x1, ym)
	s.breaks = append(s.breaks[:0], x0, x1)
	for _, xs := range s.candXs {
		for _, x := range xs {
			if x > x0 && x < x1 {
				s.breaks = append(s.breaks, x)
			}
		}
	}
	pxs := s.parentCrossings(ym)
	for _, x := range pxs {
		if x > x0 && x < x1 {
			s.breaks = append(s.breaks, x)
		}
	}
	slices.Sort(s.breaks)
	s.breaks = slices.Compact(s.breaks)

	var cover []int32
	gapHere := false
	for i := 0; i+1 < len(s.breaks); i++ {
		u, v := s.breaks[i], s.breaks[i+1]
		p := Point{Lng: u + (v-u)/2, Lat: ym}
		if p.Lng <= u || p.Lng >= v {
			continue
		}
		cover = cover[:0]
		for j, k := range s.cands {
			if insideAt(s.candXs[j], p.Lng, func() bool { return s.kids[k].boundary.ContainsHalfOpen(p) }) {
				cover = append(cover, k)
			}
		}
		inParent := insideAt(pxs, p.Lng, func() bool { return s.parent.ContainsHalfOpen(p) })
		area := stripArea(v-u, y0, y1)
		score := witnessScore(v-u, y1-y0, ym)
		switch {
		case len(cover) == 0 && inParent:
			s.gaps = append(s.gaps, gapPiece{edge: l.edge})
			g := &s.gaps[len(s.gaps)-1].acc
			g.area = area
			if s.strictGap(p) {
				g.witness, g.score, g.found = p, score, true
			}
			gapHere = true
		case len(cover) >= 2 || (len(cover) == 1 && !inParent):
			s.attribute(cover, inParent, p, area, score)
		}
	}
	if gapHere {
		s.union(l.edge, r.edge)
	}
}

// attribute adds a piece covered by the children in cover to the overlap
// of each pair and, outside the parent, to each child's outside finding.
func (s *partSweep) attribute(cover []int32, inParent bool, p Point, area, score float64) {
	if len(cover) > maxCover {
		cover = cover[:maxCover]
		s.capped = true
	}
	for i, a := range cover {
		for _, b := range cover[i+1:] {
			key := [2]int32{min(a, b), max(a, b)}
			acc := s.overlaps[key]
			if acc == nil {
				acc = &partAcc{}
				s.overlaps[key] = acc
			}
			acc.area += area
			if score > acc.score || !acc.found {
				if s.strictlyIn(p, a) && s.strictlyIn(p, b) {
					acc.witness, acc.score, acc.found = p, score, true
				}
			}
		}
		if !inParent {
			acc := s.outside[a]
			if acc == nil {
				acc = &partAcc{}
				s.outside[a] = acc
			}
			acc.area += area
			if (score > acc.score || !acc.found) && s.strictlyIn(p, a) && !s.parent.Covers(p) {
				acc.witness, acc.score, acc.found = p, score, true
			}
		}
	}
}

func (s *partSweep) strictlyIn(p Point, k int32) bool {
	m := s.kids[k].boundary
	return m.ContainsHalfOpen(p) && !m.OnBoundary(p)
}

// strictGap reports whether p lies strictly inside the parent and in the
// closure of no candidate child.
func (s *partSweep) strictGap(p Point) bool {
	if !s.parent.ContainsHalfOpen(p) || s.parent.OnBoundary(p) {
		return false
	}
	for _, k := range s.cands {
		if s.kids[k].boundary.Covers(p) {
			return false
		}
	}
	return true
}

// insideAt decides whether x lies inside a region whose boundary crosses
// the sweep line at the sorted xs, by parity. Crossings are computed in
// floating point, so within a hair of one the exact test decides.
func insideAt(xs []float64, x float64, exact func() bool) bool {
	const hair = 1e-9 // degrees; crossing errors are below 1e-12
	i := sort.SearchFloat64s(xs, x)
	if (i < len(xs) && xs[i]-x < hair) || (i > 0 && x-xs[i-1] < hair) {
		return exact()
	}
	return i%2 == 1
}

// candidates collects the children whose boxes meet the stretch from x0
// to x1 at latitude y, with their sorted crossings of that line.
func (s *partSweep) candidates(x0, x1, y float64) {
	s.stampNow++
	s.cands = s.cands[:0]
	g := s.kidGrid
	r := g.row(y)
	for c := g.col(x0); c <= g.col(x1); c++ {
		for _, k := range g.at(g.cell(c, r)) {
			if s.stamp[k] == s.stampNow {
				continue
			}
			s.stamp[k] = s.stampNow
			b := s.kids[k].box
			if b.MinLng <= x1 && b.MaxLng >= x0 && b.MinLat <= y && b.MaxLat >= y {
				s.cands = append(s.cands, k)
			}
		}
	}
	slices.Sort(s.cands)
	for len(s.candXs) < len(s.cands) {
		s.candXs = append(s.candXs, nil)
	}
	s.candXs = s.candXs[:len(s.cands)]
	for j, k := range s.cands {
		s.candXs[j] = lineCrossings(s.candXs[j][:0], s.kids[k].boundary, y)
	}
}

// parentCrossings returns the parent's sorted crossings of latitude y,
// computed once per sweep line.
func (s *partSweep) parentCrossings(y float64) []float64 {
	if !s.parentOK || s.parentLine != y {
		s.parentXs = lineCrossings(s.parentXs[:0], s.parent, y)
		s.parentLine, s.parentOK = y, true
	}
	return s.parentXs
}

// lineCrossings appends the sorted longitudes where the edges of m cross
// latitude y, by the half-open rule of ContainsHalfOpen.
func lineCrossings(dst []float64, m MultiPolygon, y float64) []float64 {
	for _, poly := range m {
		for _, r := range poly {
			for i := 1; i < len(r); i++ {
				p, q := r[i-1], r[i]
				if (p.Lat <= y) != (q.Lat <= y) {
					dst = append(dst, lineX(p, q, y))
				}
			}
		}
	}
	slices.Sort(dst)
	return dst
}

// report turns the accumulated pieces into findings.
func (s *partSweep) report(rep *PartitionReport) {
	rep.Truncated = s.capped
	for key, acc := range s.overlaps {
		if acc.found {
			rep.Overlaps = append(rep.Overlaps, Finding{Defect: DefectOverlap,
				Codes: []Code{s.kids[key[0]].code, s.kids[key[1]].code}, Witness: acc.witness, Area: acc.area})
		}
	}
	for k, acc := range s.outside {
		if acc.found {
			rep.Outside = append(rep.Outside, Finding{Defect: DefectOutside,
				Codes: []Code{s.kids[k].code}, Witness: acc.witness, Area: acc.area})
		}
	}
	gaps := map[int32]*partAcc{}
	for _, gp := range s.gaps {
		root := s.find(gp.edge)
		acc := gaps[root]
		if acc == nil {
			acc = &partAcc{}
			gaps[root] = acc
		}
		acc.area += gp.acc.area
		if gp.acc.found && (!acc.found || gp.acc.score > acc.score ||
			(gp.acc.score == acc.score && comparePoints(gp.acc.witness, acc.witness) < 0)) {
			acc.witness, acc.score, acc.found = gp.acc.witness, gp.acc.score, true
		}
	}
	for _, acc := range gaps {
		if acc.found {
			rep.Gaps = append(rep.Gaps, Finding{Defect: DefectGap, Witness: acc.witness, Area: acc.area})
		}
	}
}
