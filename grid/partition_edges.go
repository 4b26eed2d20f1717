package grid

import (
	"cmp"
	"math"
	"slices"
)

// partEdge is an edge piece with canonical endpoints (a before b in
// longitude, then latitude order) and its net multiplicity w along a→b:
// the sum over every polygon that traverses it of ±1 for the direction
// times the polygon's sign (+1 for children, -1 for the parent) times the
// ring's sense (so that every ring counts +1 on the inside of its
// polygon, -1 inside its holes, whatever its winding).
type partEdge struct {
	a, b Point
	w    int32
}

func comparePoints(p, q Point) int {
	return cmp.Or(cmp.Compare(p.Lng, q.Lng), cmp.Compare(p.Lat, q.Lat))
}

func comparePartEdges(e, f partEdge) int {
	return cmp.Or(comparePoints(e.a, f.a), comparePoints(e.b, f.b))
}

// orientedEdges appends the edges of m, each with multiplicity sign on its
// polygon's inside.
func orientedEdges(dst []partEdge, m MultiPolygon, sign int32) []partEdge {
	for _, poly := range m {
		for j, r := range poly {
			f := sign
			if (j == 0) != r.IsCCW() {
				f = -f
			}
			for i := 1; i < len(r); i++ {
				p, q := r[i-1], r[i]
				switch comparePoints(p, q) {
				case -1:
					dst = append(dst, partEdge{a: p, b: q, w: f})
				case 1:
					dst = append(dst, partEdge{a: q, b: p, w: -f})
				}
			}
		}
	}
	return dst
}

// defectEdges returns the edge pieces of the children and the parent that
// do not cancel, sorted. Edges are first split at every vertex of any
// polygon lying exactly on them, so that a neighbour's T-junction does not
// leave a piece unmatched.
func defectEdges(parent MultiPolygon, kids []partKid) []partEdge {
	n := parent.NumVertices()
	for _, k := range kids {
		n += k.boundary.NumVertices()
	}
	edges := orientedEdges(make([]partEdge, 0, n), parent, -1)
	for _, k := range kids {
		edges = orientedEdges(edges, k.boundary, 1)
	}
	verts := make([]Point, 0, 2*len(edges))
	box := EmptyBBox()
	for _, e := range edges {
		verts = append(verts, e.a, e.b)
		box = box.Extend(e.a).Extend(e.b)
	}
	slices.SortFunc(verts, comparePoints)
	verts = slices.Compact(verts)
	g := newCellGrid(box, len(verts))
	g.build(len(verts), func(i int, emit func(int)) { emit(g.cell(g.col(verts[i].Lng), g.row(verts[i].Lat))) })

	pieces := make([]partEdge, 0, len(edges))
	var on []Point
	for _, e := range edges {
		on = on[:0]
		g.visitSegment(e.a, e.b, func(cell int) {
			for _, vi := range g.at(cell) {
				v := verts[vi]
				if v != e.a && v != e.b && OnSegment(v, e.a, e.b) {
					on = append(on, v)
				}
			}
		})
		if len(on) == 0 {
			pieces = append(pieces, e)
			continue
		}
		// Points on a segment sort along it in the same order as its
		// canonical endpoints.
		slices.SortFunc(on, comparePoints)
		on = slices.Compact(on)
		from := e.a
		for _, v := range on {
			pieces = append(pieces, partEdge{a: from, b: v, w: e.w})
			from = v
		}
		pieces = append(pieces, partEdge{a: from, b: e.b, w: e.w})
	}
	slices.SortFunc(pieces, comparePartEdges)
	out := pieces[:0]
	for i := 0; i < len(pieces); {
		e := pieces[i]
		j := i + 1
		for ; j < len(pieces) && pieces[j].a == e.a && pieces[j].b == e.b; j++ {
			e.w += pieces[j].w
		}
		if e.w != 0 {
			out = append(out, e)
		}
		i = j
	}
	return slices.Clip(out)
}

// cellGrid buckets items into a regular grid of cells over a box, in
// compressed rows: the items of cell c are items[start[c]:start[c+1]].
type cellGrid struct {
	x0, y0 float64
	sx, sy float64 // cells per degree
	nx, ny int
	start  []int32
	items  []int32
}

// maxCells bounds each side of a cellGrid.
const maxCells = 2048

// newCellGrid covers box with about n/2 cells shaped like the box.
func newCellGrid(box BBox, n int) *cellGrid {
	g := &cellGrid{x0: box.MinLng, y0: box.MinLat, nx: 1, ny: 1}
	if box.IsEmpty() {
		g.x0, g.y0 = 0, 0
		return g
	}
	w, h := box.MaxLng-box.MinLng, box.MaxLat-box.MinLat
	cells := float64(max(1, n/2))
	switch {
	case w > 0 && h > 0:
		g.nx = int(math.Ceil(math.Sqrt(cells * w / h)))
		g.ny = int(math.Ceil(cells / float64(g.nx)))
	case w > 0:
		g.nx = int(cells)
	case h > 0:
		g.ny = int(cells)
	}
	g.nx = min(max(g.nx, 1), maxCells)
	g.ny = min(max(g.ny, 1), maxCells)
	if w > 0 {
		g.sx = float64(g.nx) / w
	}
	if h > 0 {
		g.sy = float64(g.ny) / h
	}
	return g
}

// build fills the grid with n items; cellsOf emits the cells of item i.
// It runs cellsOf twice, to count and to fill.
func (g *cellGrid) build(n int, cellsOf func(i int, emit func(cell int))) {
	g.start = make([]int32, g.nx*g.ny+1)
	for i := range n {
		cellsOf(i, func(c int) { g.start[c+1]++ })
	}
	for c := 1; c < len(g.start); c++ {
		g.start[c] += g.start[c-1]
	}
	g.items = make([]int32, g.start[len(g.start)-1])
	fill := slices.Clone(g.start[:len(g.start)-1])
	for i := range n {
		cellsOf(i, func(c int) {
			g.items[fill[c]] = int32(i)
			fill[c]++
		})
	}
}

func (g *cellGrid) col(x float64) int { return min(max(int(float64((x-g.x0)*g.sx)), 0), g.nx-1) }
func (g *cellGrid) row(y float64) int { return min(max(int(float64((y-g.y0)*g.sy)), 0), g.ny-1) }
func (g *cellGrid) cell(c, r int) int { return r*g.nx + c }
func (g *cellGrid) at(cell int) []int32 {
	return g.items[g.start[cell]:g.start[cell+1]]
}

// visitBox calls fn for every cell meeting box.
func (g *cellGrid) visitBox(box BBox, fn func(cell int)) {
	c0, c1 := g.col(box.MinLng), g.col(box.MaxLng)
	r0, r1 := g.row(box.MinLat), g.row(box.MaxLat)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			fn(g.cell(c, r))
		}
	}
}

// visitSegment calls fn, once each, for every cell the segment from a to
// b passes through, and for their neighbours above and below, which
// absorbs rounding in the interpolation.
func (g *cellGrid) visitSegment(a, b Point, fn func(cell int)) {
	if a.Lng > b.Lng {
		a, b = b, a
	}
	c0, c1 := g.col(a.Lng), g.col(b.Lng)
	for c := c0; c <= c1; c++ {
		lo, hi := a.Lng, b.Lng
		if g.sx > 0 {
			lo = max(lo, g.x0+float64(c)/g.sx)
			hi = min(hi, g.x0+float64(c+1)/g.sx)
		}
		ylo, yhi := a.Lat, b.Lat
		if b.Lng > a.Lng {
			t := (b.Lat - a.Lat) / (b.Lng - a.Lng)
			ylo = a.Lat + float64((lo-a.Lng)*t)
			yhi = a.Lat + float64((hi-a.Lng)*t)
		}
		if ylo > yhi {
			ylo, yhi = yhi, ylo
		}
		r0, r1 := max(g.row(ylo)-1, 0), min(g.row(yhi)+1, g.ny-1)
		for r := r0; r <= r1; r++ {
			fn(g.cell(c, r))
		}
	}
}
