package grid

import (
	"cmp"
	"math"
	"slices"
)

// partSweep sweeps the areas bounded by the defect edges: it measures the
// gaps and notes which children may overlap or reach outside the parent.
type partSweep struct {
	parent  MultiPolygon
	kids    []partKid
	edges   []partEdge
	kidGrid *cellGrid

	// siblings is set when there is no parent (CheckSiblings): coverage
	// above one is an overlap, an uncovered stretch a gap only when it is
	// not connected to the area around the children, which the union-find
	// node exterior stands for.
	siblings bool
	exterior int32

	uf       []int32           // union-find over edges (and exterior): a gap is a connected area
	gapAcc   []partAcc         // per edge, the gap stretches it bounds on the west
	pairs    map[[2]int32]bool // children that may overlap
	partners []int32           // per child, how many pairs it is in
	outside  []bool            // per child, whether it may reach outside the parent
	capped   bool

	stamp    []int32 // per child, the query that last saw it
	stampNow int32
	cands    []int32
}

// partAcc accumulates a gap's share: its area and its best witness
// candidate, verified only when the gap is reported.
type partAcc struct {
	area    float64
	witness Point
	score   float64
	found   bool
}

func newPartSweep(parent MultiPolygon, kids []partKid, edges []partEdge, siblings bool) *partSweep {
	box := EmptyBBox()
	for _, k := range kids {
		box = box.Union(k.box)
	}
	g := newCellGrid(box, 2*len(kids))
	g.build(len(kids), func(i int, emit func(int)) { g.visitBox(kids[i].box, emit) })
	s := &partSweep{
		parent: parent, kids: kids, edges: edges, kidGrid: g,
		siblings: siblings, exterior: int32(len(edges)),
		uf:       make([]int32, len(edges)+1),
		gapAcc:   make([]partAcc, len(edges)),
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

	// xs holds the crossings of the active edges, kept in order from one
	// line to the next: between lines the order changes only where edges
	// start or cross, so insertion sort restores it in time linear in the
	// number of edges plus the number of such changes.
	var xs []crossing
	next := 0
	for k := 0; k+1 < len(ys); k++ {
		y0, y1 := ys[k], ys[k+1]
		xs = slices.DeleteFunc(xs, func(c crossing) bool { return highLat(c.edge) <= y0 })
		for next < len(order) && lowLat(order[next]) <= y0 {
			i := order[next]
			e := s.edges[i]
			d := e.w
			if e.a.Lat < e.b.Lat {
				d = -d // upward along a→b: leaving, seen from the west
			}
			xs = append(xs, crossing{d: d, edge: i})
			next++
		}
		ym := y0 + (y1-y0)/2
		if ym <= y0 || ym >= y1 || len(xs) == 0 {
			continue
		}
		for j := range xs {
			e := s.edges[xs[j].edge]
			xs[j].x = lineX(e.a, e.b, ym)
		}
		insertionSort(xs)
		band := strip{y0: y0, y1: y1, ym: ym}
		diff := int32(0)
		for j := 0; j+1 < len(xs); j++ {
			diff += xs[j].d
			if xs[j+1].x > xs[j].x {
				s.classify(xs[j], xs[j+1], diff, &band)
			}
		}
		if s.siblings {
			// The outermost crossings border the area around the children.
			s.union(xs[0].edge, s.exterior)
			s.union(xs[len(xs)-1].edge, s.exterior)
		}
	}
}

// insertionSort orders crossings by longitude, then edge.
func insertionSort(xs []crossing) {
	for i := 1; i < len(xs); i++ {
		c := xs[i]
		j := i
		for ; j > 0 && (xs[j-1].x > c.x || (xs[j-1].x == c.x && xs[j-1].edge > c.edge)); j-- {
			xs[j] = xs[j-1]
		}
		xs[j] = c
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

// strip is the band between consecutive event latitudes y0 and y1, with
// its middle ym; no defect edge starts, ends or crosses another inside
// it, so every width across it changes linearly with latitude. Its
// authalic measures (see authalicStrip) are computed when first needed.
type strip struct {
	y0, y1, ym float64
	dq, k      float64
	measured   bool
}

// area returns the area in m² of a stretch across the strip that is
// width degrees wide at ym and widens by slope degrees of longitude per
// degree of latitude, in the cylindrical equal-area projection: exactly
// (a²/2)·∫ w dq for the linear width w.
func (b *strip) area(width, slope float64) float64 {
	if !b.measured {
		b.dq, b.k = authalicStrip(b.y0, b.y1)
		b.measured = true
	}
	return (float64(width*math.Pi/180)*b.dq + float64(slope*b.k)) * wgsA * wgsA / 2
}

// slope returns how many degrees of longitude the segment pq moves per
// degree of latitude; pq must not be horizontal. Like lineX it puts the
// endpoints in a fixed order first.
func slope(p, q Point) float64 {
	if comparePoints(p, q) > 0 {
		p, q = q, p
	}
	return (q.Lng - p.Lng) / (q.Lat - p.Lat)
}

// witnessScore rates a candidate witness by the smaller of the width and
// the height of its piece, in degrees of arc, so witnesses sit deep in
// their areas.
func witnessScore(width, height, lat float64) float64 {
	return min(width*math.Cos(lat*math.Pi/180), height)
}

// classify handles the stretch between crossings l and r on the sweep
// line at latitude ym, where the coverage difference (children minus
// parent) is diff. The stretch stands for a trapezoid from y0 to y1 that
// no defect edge crosses, so diff holds throughout it. Below zero no
// child covers it and the parent does: it is a gap, measured here. Above
// zero the children meeting the trapezoid are noted for the exact
// overlap and outside measures. Without a parent diff is the number of
// children covering the stretch: two or more may overlap, none is a gap
// candidate.
func (s *partSweep) classify(l, r crossing, diff int32, band *strip) {
	gap, cover := diff < 0, diff > 0
	if s.siblings {
		gap, cover = diff == 0, diff > 1
	}
	if !gap && !cover {
		return
	}
	y0, y1, ym := band.y0, band.y1, band.ym
	el, er := s.edges[l.edge], s.edges[r.edge]
	if gap {
		acc := &s.gapAcc[l.edge]
		acc.area += band.area(r.x-l.x, slope(er.a, er.b)-slope(el.a, el.b))
		p := Point{Lng: l.x + (r.x-l.x)/2, Lat: ym}
		if score := witnessScore(r.x-l.x, y1-y0, ym); p.Lng > l.x && p.Lng < r.x && (!acc.found || score > acc.score) {
			acc.witness, acc.score, acc.found = p, score, true
		}
		s.union(l.edge, r.edge)
		return
	}
	box := BBox{
		MinLng: min(lineX(el.a, el.b, y0), lineX(el.a, el.b, y1), l.x), MinLat: y0,
		MaxLng: max(lineX(er.a, er.b, y0), lineX(er.a, er.b, y1), r.x), MaxLat: y1,
	}
	s.candidates(box)
	s.notePairs()
}

// candidates collects the children whose boxes meet box, sorted.
func (s *partSweep) candidates(box BBox) {
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
}

// notePairs records the candidates as possibly reaching outside the
// parent, and every two of them whose boxes meet as possibly overlapping.
// A child already paired with maxCover others gets no more partners and
// the report is marked truncated.
func (s *partSweep) notePairs() {
	for i, a := range s.cands {
		ba := s.kids[a].box
		s.outside[a] = !s.siblings
		for _, b := range s.cands[i+1:] {
			if !s.kids[b].box.Intersects(ba) {
				continue
			}
			full := s.partners[a] >= maxCover || s.partners[b] >= maxCover
			if full && s.capped {
				continue // nothing more to note for this pair
			}
			key := [2]int32{a, b}
			if s.pairs[key] {
				continue
			}
			if full {
				s.capped = true
				continue
			}
			s.pairs[key] = true
			s.partners[a]++
			s.partners[b]++
		}
	}
}

// strictGap reports whether p lies strictly inside the parent (if there
// is one) and in the closure of no child.
func (s *partSweep) strictGap(p Point) bool {
	if !s.siblings && !strictlyInside(s.parent, p) {
		return false
	}
	s.candidates(BBox{MinLng: p.Lng, MinLat: p.Lat, MaxLng: p.Lng, MaxLat: p.Lat})
	for _, k := range s.cands {
		if s.kids[k].boundary.Covers(p) {
			return false
		}
	}
	return true
}

// report measures the noted pairs and children exactly and turns them
// and the gaps into findings.
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
	rep.Gaps = append(rep.Gaps, s.gapFindings()...)
}

// gapFindings sums the gap stretches of each connected gap and picks as
// witness the best-placed candidate that exact predicates confirm.
func (s *partSweep) gapFindings() []Finding {
	byRoot := map[int32][]int32{}
	var roots []int32
	for i := range s.gapAcc {
		if !s.gapAcc[i].found {
			continue
		}
		root := s.find(int32(i))
		if _, ok := byRoot[root]; !ok {
			roots = append(roots, root)
		}
		byRoot[root] = append(byRoot[root], int32(i))
	}
	var out []Finding
	for _, root := range roots {
		if s.siblings && root == s.find(s.exterior) {
			continue // around the children, not between them
		}
		edges := byRoot[root]
		area := 0.0
		for _, e := range edges {
			area += s.gapAcc[e].area
		}
		slices.SortStableFunc(edges, func(a, b int32) int { return cmp.Compare(s.gapAcc[b].score, s.gapAcc[a].score) })
		for _, e := range edges {
			if w := s.gapAcc[e].witness; s.strictGap(w) {
				out = append(out, Finding{Defect: DefectGap, Witness: w, Area: area})
				break
			}
		}
	}
	return out
}
