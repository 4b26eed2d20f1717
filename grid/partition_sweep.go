package grid

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// partSweep sweeps the areas bounded by the defect edges: it measures the
// gaps and notes which children may overlap or reach outside the parent.
type partSweep struct {
	parent  MultiPolygon
	kids    []partKid
	edges   []partEdge
	kidGrid *cellGrid

	uf       []int32           // union-find over edges: a gap is a connected area
	pairs    map[[2]int32]bool // children that may overlap
	partners []int32           // per child, how many pairs it is in
	outside  []bool            // per child, whether it may reach outside the parent
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
		pairs:    map[[2]int32]bool{},
		partners: make([]int32, len(kids)),
		outside:  make([]bool, len(kids)),
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
				s.classify(xs[j], xs[j+1], diff, y0, y1, ym)
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

// classify handles the defect stretch between crossings l and r on the
// sweep line at latitude ym, where the coverage difference is diff. The
// stretch stands for a trapezoid from y0 to y1 that no defect edge
// crosses. Where children cover too much (diff > 0) the children meeting
// the trapezoid are noted for the exact overlap and outside measures;
// where they cover too little the stretch is a gap, split where children
// or the parent begin and end and checked piece by piece.
func (s *partSweep) classify(l, r crossing, diff int32, y0, y1, ym float64) {
	el, er := s.edges[l.edge], s.edges[r.edge]
	box := BBox{
		MinLng: min(lineX(el.a, el.b, y0), lineX(el.a, el.b, y1), l.x), MinLat: y0,
		MaxLng: max(lineX(er.a, er.b, y0), lineX(er.a, er.b, y1), r.x), MaxLat: y1,
	}
	s.candidates(box, ym)
	if diff > 0 {
		s.notePairs(box)
		return
	}
	x0, x1 := l.x, r.x
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

	gapHere := false
	for i := 0; i+1 < len(s.breaks); i++ {
		u, v := s.breaks[i], s.breaks[i+1]
		p := Point{Lng: u + (v-u)/2, Lat: ym}
		if p.Lng <= u || p.Lng >= v {
			continue
		}
		covered := false
		for j, k := range s.cands {
			if insideAt(s.candXs[j], p.Lng, func() bool { return s.kids[k].boundary.ContainsHalfOpen(p) }) {
				covered = true
				break
			}
		}
		if covered || !insideAt(pxs, p.Lng, func() bool { return s.parent.ContainsHalfOpen(p) }) {
			continue
		}
		gp := gapPiece{edge: l.edge}
		gp.acc.area = stripArea(v-u, y0, y1)
		if s.strictGap(p) {
			gp.acc.witness, gp.acc.score, gp.acc.found = p, witnessScore(v-u, y1-y0, ym), true
		}
		s.gaps = append(s.gaps, gp)
		gapHere = true
	}
	if gapHere {
		s.union(l.edge, r.edge)
	}
}

// notePairs records the candidate children meeting box as possibly
// reaching outside the parent, and every two of them whose boxes meet as
// possibly overlapping. A child already paired with maxCover others gets
// no more partners and the report is marked truncated.
func (s *partSweep) notePairs(box BBox) {
	for i, a := range s.cands {
		ba := s.kids[a].box
		s.outside[a] = true
		for _, b := range s.cands[i+1:] {
			if !s.kids[b].box.Intersects(ba) {
				continue
			}
			key := [2]int32{a, b}
			if s.pairs[key] {
				continue
			}
			if s.partners[a] >= maxCover || s.partners[b] >= maxCover {
				s.capped = true
				continue
			}
			s.pairs[key] = true
			s.partners[a]++
			s.partners[b]++
		}
	}
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

// candidates collects the children whose boxes meet box, sorted, with
// their sorted crossings of latitude y.
func (s *partSweep) candidates(box BBox, y float64) {
	s.stampNow++
	s.cands = s.cands[:0]
	s.kidGrid.visitBox(box, func(cell int) {
		for _, k := range s.kidGrid.at(cell) {
			if s.stamp[k] == s.stampNow {
				continue
			}
			s.stamp[k] = s.stampNow
			if s.kids[k].box.Intersects(box) {
				s.cands = append(s.cands, k)
			}
		}
	})
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

// report measures the noted pairs and children exactly and turns them
// and the gap pieces into findings.
func (s *partSweep) report(rep *PartitionReport) {
	rep.Truncated = s.capped
	keys := make([][2]int32, 0, len(s.pairs))
	for k := range s.pairs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y [2]int32) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	for _, k := range keys {
		a, b := s.kids[k[0]], s.kids[k[1]]
		if area, w, ok := overlapOf(a.boundary, b.boundary, a.box, b.box); ok {
			rep.Overlaps = append(rep.Overlaps, Finding{Defect: DefectOverlap, Codes: []Code{a.code, b.code}, Witness: w, Area: area})
		}
	}
	for i, noted := range s.outside {
		if !noted {
			continue
		}
		k := s.kids[i]
		if area, w, ok := outsideOf(k.boundary, s.parent, k.box); ok {
			rep.Outside = append(rep.Outside, Finding{Defect: DefectOutside, Codes: []Code{k.code}, Witness: w, Area: area})
		}
	}
	gaps := map[int32]*partAcc{}
	var roots []int32
	for _, gp := range s.gaps {
		root := s.find(gp.edge)
		acc := gaps[root]
		if acc == nil {
			acc = &partAcc{}
			gaps[root] = acc
			roots = append(roots, root)
		}
		acc.area += gp.acc.area
		if gp.acc.found && (!acc.found || gp.acc.score > acc.score) {
			acc.witness, acc.score, acc.found = gp.acc.witness, gp.acc.score, true
		}
	}
	for _, root := range roots {
		if acc := gaps[root]; acc.found {
			rep.Gaps = append(rep.Gaps, Finding{Defect: DefectGap, Witness: acc.witness, Area: acc.area})
		}
	}
}
