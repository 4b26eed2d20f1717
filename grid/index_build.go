package grid

import (
	"encoding/binary"
	"math"
	"slices"
)

// indexBuilder fills an Index from validated leaves sorted by code.
type indexBuilder struct {
	ix        *Index
	leaves    []Grid
	edges     []edge
	cellStart []int32 // edges of cell ci: cellEdges[cellStart[ci]:cellStart[ci+1]]
	cellEdges []int32
	setIDs    map[string]int32
	slack     float64
}

func newIndexBuilder(leaves []Grid, crs CRS) *indexBuilder {
	ix := &Index{crs: crs, codes: make([]Code, len(leaves))}
	for i, g := range leaves {
		ix.codes[i] = g.Code
	}
	ix.setStart = []int32{0}
	return &indexBuilder{ix: ix, leaves: leaves, setIDs: map[string]int32{}}
}

func (b *indexBuilder) build() (*Index, error) {
	b.collectEdges()
	if err := b.layLattice(); err != nil {
		return nil, err
	}
	b.assignEdges()
	if err := b.buildStates(); err != nil {
		return nil, err
	}
	return b.ix, nil
}

// collectEdges stores every edge once per pair of polygons sharing it,
// with its lower endpoint first, and the bounding box of all vertices.
func (b *indexBuilder) collectEdges() {
	ix := b.ix
	n := 0
	for _, g := range b.leaves {
		n += g.Boundary.NumVertices()
	}
	b.edges = make([]edge, 0, n/2+16)
	byKey := make(map[[4]float64]int32, n/2+16)
	box := EmptyBBox()
	for id, g := range b.leaves {
		for _, poly := range g.Boundary {
			for _, r := range poly {
				for k := 1; k < len(r); k++ {
					p, q := r[k-1], r[k]
					box = box.Extend(q)
					if p == q {
						continue
					}
					if q.Lat < p.Lat || (q.Lat == p.Lat && q.Lng < p.Lng) {
						p, q = q, p
					}
					key := [4]float64{p.Lng, p.Lat, q.Lng, q.Lat}
					if ei, ok := byKey[key]; ok && b.edges[ei].r < 0 {
						b.edges[ei].r = int32(id)
						continue
					}
					byKey[key] = int32(len(b.edges))
					b.edges = append(b.edges, edge{ax: p.Lng, ay: p.Lat, bx: q.Lng, by: q.Lat, l: int32(id), r: -1})
				}
			}
		}
	}
	ix.minX, ix.minY, ix.maxX, ix.maxY = box.MinLng, box.MinLat, box.MaxLng, box.MaxLat
}

// layLattice chooses square cells, about cellsPerEdge per edge, over the
// bounding box with half a cell to spare on every side, so the rightmost
// lattice line touches no edge.
func (b *indexBuilder) layLattice() error {
	ix := b.ix
	w, h := ix.maxX-ix.minX, ix.maxY-ix.minY
	k := math.Max(1, cellsPerEdge*float64(len(b.edges)))
	var s float64
	switch {
	case w > 0 && h > 0:
		s = math.Sqrt(w * h / k)
	default:
		s = math.Max(w, h) / k
	}
	s = max(s, w/65536, h/65536, 1e-9)
	nx, ny := int(w/s)+2, int(h/s)+2
	if float64(nx)*float64(ny) > 1<<30 {
		return ErrIndexTooLarge
	}
	ix.nx, ix.ny = nx, ny
	ix.x0, ix.y0 = ix.minX-s/2, ix.minY-s/2
	ix.invW, ix.invH = 1/s, 1/s
	ix.colX = make([]float64, nx+1)
	for i := range ix.colX {
		ix.colX[i] = ix.x0 + float64(i)*s
	}
	ix.rowY = make([]float64, ny+1)
	for j := range ix.rowY {
		ix.rowY[j] = ix.y0 + float64(j)*s
	}
	// Breakpoint heights are computed in float64 with an error far below
	// 1e-12° for geographic coordinates; the margin stays well above it.
	ix.margin = 1e-7*s + 1e-11
	b.slack = 1e-6*s + 1e-12
	return nil
}

// span returns the first and last lattice intervals of lines that meet
// [lo, hi]: every i with lines[i] <= hi and lines[i+1] >= lo.
func span(lines []float64, origin, inv, lo, hi float64) (int, int) {
	n := len(lines) - 1
	i := min(max(int((lo-origin)*inv), 0), n-1)
	for i > 0 && lines[i] >= lo {
		i--
	}
	for i < n-1 && lines[i+1] < lo {
		i++
	}
	j := min(max(int((hi-origin)*inv), i), n-1)
	for j < n-1 && lines[j+1] <= hi {
		j++
	}
	for j > i && lines[j] > hi {
		j--
	}
	return i, j
}

// edgeCells calls fn with every cell whose closed rectangle the edge may
// touch; it errs on the side of too many, never too few.
func (b *indexBuilder) edgeCells(e *edge, fn func(ci int)) {
	ix := b.ix
	sl := b.slack
	j0, j1 := span(ix.rowY, ix.y0, ix.invH, e.ay-sl, e.by+sl)
	for j := j0; j <= j1; j++ {
		xlo, xhi := min(e.ax, e.bx), max(e.ax, e.bx)
		if e.by > e.ay {
			ylo, yhi := max(e.ay, ix.rowY[j]-sl), min(e.by, ix.rowY[j+1]+sl)
			if ylo > yhi {
				continue
			}
			dx := e.bx - e.ax
			dy := e.by - e.ay
			x1 := e.ax + (ylo-e.ay)*dx/dy
			x2 := e.ax + (yhi-e.ay)*dx/dy
			xlo, xhi = max(xlo, min(x1, x2)), min(xhi, max(x1, x2))
		}
		i0, i1 := span(ix.colX, ix.x0, ix.invW, xlo-sl, xhi+sl)
		for i := i0; i <= i1; i++ {
			fn(j*ix.nx + i)
		}
	}
}

// assignEdges fills cellStart and cellEdges in two passes.
func (b *indexBuilder) assignEdges() {
	ix := b.ix
	nc := ix.nx * ix.ny
	counts := make([]int32, nc+1)
	for k := range b.edges {
		b.edgeCells(&b.edges[k], func(ci int) { counts[ci+1]++ })
	}
	for ci := 1; ci <= nc; ci++ {
		counts[ci] += counts[ci-1]
	}
	b.cellStart = slices.Clone(counts)
	b.cellEdges = make([]int32, counts[nc])
	for k := range b.edges {
		b.edgeCells(&b.edges[k], func(ci int) {
			b.cellEdges[counts[ci]] = int32(k)
			counts[ci]++
		})
	}
}

// buildStates computes each cell's state (cells without edges) or its
// stretches along the right-hand side, row by row from east to west: a
// state on the side shared with the next cell east is evaluated with that
// cell's finished tables, and the side of the last column touches nothing.
func (b *indexBuilder) buildStates() error {
	ix := b.ix
	ix.cells = make([]uint32, ix.nx*ix.ny)
	ix.blk = make([]uint64, 0, len(b.cellEdges)*edgeWords+len(b.edges)*stretchWords)
	var hs []float64
	var states []int32
	for j := range ix.ny {
		for i := ix.nx - 1; i >= 0; i-- {
			ci := j*ix.nx + i
			x := ix.colX[i+1]
			es := b.cellEdges[b.cellStart[ci]:b.cellStart[ci+1]]
			if len(es) == 0 {
				ix.cells[ci] = uint32(b.sideState(ci, x, float64((ix.rowY[j]+ix.rowY[j+1])/2)))&^emptyCell | emptyCell
				continue
			}
			hs = b.breakpoints(es, x, ix.rowY[j]-ix.margin, ix.rowY[j+1]+ix.margin, hs[:0])
			states = states[:0]
			for k := 0; k <= len(hs); k++ {
				states = append(states, b.sideState(ci, x, stretchSample(hs, k, ix.rowY[j], ix.rowY[j+1])))
			}
			if len(ix.blk) >= emptyCell {
				return ErrIndexTooLarge
			}
			ix.cells[ci] = uint32(len(ix.blk))
			ix.blk = append(ix.blk, uint64(uint32(len(states)))|uint64(uint32(len(es)))<<32)
			for k, s := range states {
				h := math.Inf(1)
				if k < len(hs) {
					h = hs[k]
				}
				ix.blk = append(ix.blk, math.Float64bits(h), uint64(int64(s)))
			}
			for _, ei := range es {
				e := &b.edges[ei]
				ix.blk = append(ix.blk, math.Float64bits(e.ax), math.Float64bits(e.ay), math.Float64bits(e.bx), math.Float64bits(e.by),
					uint64(uint32(e.l))|uint64(uint32(e.r))<<32)
			}
		}
	}
	ix.blk = slices.Clip(ix.blk)
	ix.sets = slices.Clip(ix.sets)
	ix.setStart = slices.Clip(ix.setStart)
	return nil
}

// stretchSample picks the latitude at which stretch k (between breakpoints
// k-1 and k) is evaluated: the cell's lower edge for the first stretch, its
// upper edge for the last, the middle otherwise. A query in the stretch
// farther than the margin from its ends has no true breakpoint between it
// and the sample.
func stretchSample(hs []float64, k int, lo, hi float64) float64 {
	switch {
	case len(hs) == 0:
		return float64((lo + hi) / 2)
	case k == 0:
		return lo
	case k == len(hs):
		return hi
	}
	return float64((hs[k-1] + hs[k]) / 2)
}

// breakpoints returns, sorted, the latitudes in [lo, hi] at which the
// edges es meet the lattice line at longitude x.
func (b *indexBuilder) breakpoints(es []int32, x, lo, hi float64, hs []float64) []float64 {
	for _, ei := range es {
		e := &b.edges[ei]
		switch {
		case e.ax == x && e.bx == x:
			hs = append(hs, e.ay, e.by)
		case e.ax == x:
			hs = append(hs, e.ay)
		case e.bx == x:
			hs = append(hs, e.by)
		case min(e.ax, e.bx) < x && x < max(e.ax, e.bx):
			t := float64((x-e.ax)*(e.by-e.ay)) / (e.bx - e.ax)
			hs = append(hs, e.ay+t)
		}
	}
	hs = slices.DeleteFunc(hs, func(h float64) bool { return h < lo || h > hi })
	slices.Sort(hs)
	return slices.Compact(hs)
}

// sideState returns the state code at (x, y) on the east side of cell ci,
// evaluated in the cell east of it; the east side of the last column lies
// outside every polygon.
func (b *indexBuilder) sideState(ci int, x, y float64) int32 {
	ix := b.ix
	col := ci % ix.nx
	if col == ix.nx-1 {
		return stateNone
	}
	return b.intern(ix.state(ci+1, col+1, x, y, nil))
}

// intern returns the state code of a set of polygon ids.
func (b *indexBuilder) intern(members []int32) int32 {
	switch len(members) {
	case 0:
		return stateNone
	case 1:
		return members[0]
	}
	slices.Sort(members)
	key := make([]byte, 0, 4*len(members))
	for _, id := range members {
		key = binary.LittleEndian.AppendUint32(key, uint32(id))
	}
	if s, ok := b.setIDs[string(key)]; ok {
		return s
	}
	ix := b.ix
	k := int32(len(ix.setStart) - 1)
	ix.sets = append(ix.sets, members...)
	ix.setStart = append(ix.setStart, int32(len(ix.sets)))
	s := -2 - k
	b.setIDs[string(key)] = s
	return s
}
