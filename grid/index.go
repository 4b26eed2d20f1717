package grid

import (
	"fmt"
	"math"
	"slices"

	"github.com/grassrootsgov/grassroots"
)

// IndexOptions configures NewIndex.
type IndexOptions struct {
	// CRS is the coordinate reference system the index works in. Grids
	// whose boundaries are in another system are converted vertex by vertex
	// (identical input vertices convert identically, so shared edges stay
	// shared). The zero value means the system all indexed grids share;
	// grids in different systems are then an error matching ErrMixedCRS.
	CRS CRS
}

// Index locates points in the leaf grids of a set: for every point of the
// covered area it returns exactly one grid, and for every other point
// none.
//
// # Ownership rule
//
// The rule is defined on the exact real-number geometry of the float64
// vertices, so every correct implementation, on every platform, returns
// the same code:
//
//  1. A grid contains a point by the half-open even-odd rule over all
//     rings of all its parts (see MultiPolygon.ContainsHalfOpen): a point
//     on an edge belongs to the side east of it, or, on an edge running
//     exactly east-west, to the side north of it. Grids
//     that tile an area and share their common edges vertex for vertex
//     thus give every point of the area except its outer border exactly
//     one owner, including points on shared edges and on vertices shared
//     by three or more grids.
//  2. If several grids contain the point (overlapping grids), the one with
//     the smallest code wins.
//  3. If no grid contains the point but the point lies exactly on an edge
//     of some grid (the outer border of the covered area, or the border of
//     a gap), the grid with the smallest code among those edges' grids
//     wins.
//  4. Otherwise the point is outside: Locate returns false. NaN and
//     infinite coordinates are outside.
//
// # Implementation
//
// A uniform lattice of cells covers the bounding box. Each cell stores the
// edges that touch it and, along its right-hand side, the set of grids
// containing each stretch between the points where edges meet that side,
// computed exactly when the index is built. A query looks up the stretch
// at its own latitude and flips the grids whose edges cross the short
// horizontal segment to the cell side, using exact orientation predicates,
// so a lookup reads one cell and a handful of edges whatever the number of
// grids. Queries within a tiny margin of a stretch end take an exact slow
// path instead.
//
// An Index is immutable and safe for concurrent use. Locate does not
// allocate.
type Index struct {
	crs   CRS
	codes []Code // by polygon id; ids follow code order

	minX, minY, maxX, maxY float64 // bounding box of all vertices
	x0, y0, invW, invH     float64
	nx, ny                 int
	colX, rowY             []float64 // lattice lines, nx+1 and ny+1 of them
	margin                 float64   // latitude distance to a stretch end that forces the slow path

	cells    []cell   // nx*ny cells, row by row
	blk      []uint64 // cell blocks: stretches, then edges
	setStart []int32  // state sets with two or more members: sets[setStart[k]:setStart[k+1]]
	sets     []int32

	// Boundaries for the exact slow path: polygon id's rings are
	// ringStart[polyRing[id]:polyRing[id+1]+1], indexes into pts.
	pts       []Point
	ringStart []int32
	polyRing  []int32
}

// cell is one lattice cell. A cell that no edge touches has nEdge == 0 and
// its state in start. Otherwise blk[start:] holds nStretch stretches of two
// words each (the stretch's upper end as float64 bits, +Inf for the last,
// and its state), then nEdge edges of five words each (ax, ay, bx, by as
// float64 bits, then l and r). Keeping a cell's data contiguous makes a
// lookup touch one or two cache lines after the cell itself.
type cell struct {
	start, nStretch, nEdge int32
}

// edge is a segment stored with its lower endpoint first (for an east-west
// edge, its western one) so the predicates see shared edges identically.
// l and r are the polygons it bounds; r is -1 when only one does.
type edge struct {
	ax, ay, bx, by float64
	l, r           int32
}

const (
	stretchWords = 2
	edgeWords    = 5
)

// State codes: a polygon id, stateNone, or -2-k for the k-th set.
const stateNone int32 = -1

// maxToggles bounds the polygons a fast lookup tracks; more sends the
// query to the slow path.
const maxToggles = 16

// cellsPerEdge sets the lattice density: cells per stored edge. Denser
// lattices leave more cells without edges (answered from one load) at the
// cost of memory.
const cellsPerEdge = 1.0

// NewIndex builds an index over the leaf grids of grids: those that are
// not the parent of another grid in the slice. Every leaf needs a valid
// code (unique among leaves), a valid CRS and a boundary whose rings are
// closed, have at least four positions and have coordinates in range.
// Self-intersections and overlaps are not rejected: the ownership rule
// still gives one deterministic answer for them (see Index).
//
// Problems with the grids are reported at once as a
// *grassroots.ValidationError with paths such as "[3].boundary[0][0]";
// an empty set is ErrNoGrids and disagreeing systems ErrMixedCRS.
func NewIndex(grids []Grid, opts IndexOptions) (*Index, error) {
	leaves, crs, err := indexLeaves(grids, opts)
	if err != nil {
		return nil, err
	}
	b := newIndexBuilder(leaves, crs)
	return b.build()
}

// indexLeaves validates and returns the leaf grids sorted by code, with
// their boundaries in the index CRS.
func indexLeaves(grids []Grid, opts IndexOptions) ([]Grid, CRS, error) {
	if opts.CRS != 0 && !opts.CRS.IsValid() {
		return nil, 0, fmt.Errorf("%w: index %s", ErrUnknownCRS, opts.CRS)
	}
	parents := make(map[Code]bool, len(grids))
	for _, g := range grids {
		if g.Parent != "" {
			parents[g.Parent] = true
		}
	}
	var fs []grassroots.FieldError
	seen := make(map[Code]int, len(grids))
	var leaves []Grid
	var pos []int
	for i, g := range grids {
		if parents[g.Code] {
			continue
		}
		at := grassroots.Index("", i)
		if err := g.Code.Validate(); err != nil {
			fs = append(fs, grassroots.FieldError{Path: at + ".code", Rule: "code", Message: err.Error()})
		} else if j, dup := seen[g.Code]; dup {
			fs = append(fs, grassroots.FieldError{Path: at + ".code", Rule: "unique", Message: fmt.Sprintf("code also used by grid %d", j)})
		} else {
			seen[g.Code] = i
		}
		if !g.CRS.IsValid() {
			fs = append(fs, grassroots.FieldError{Path: at + ".crs", Rule: "oneof", Message: "unknown coordinate reference system " + g.CRS.String()})
		}
		fs = append(fs, grassroots.FieldErrors(at+".boundary", indexableBoundary(g.Boundary))...)
		leaves = append(leaves, g)
		pos = append(pos, i)
	}
	if len(fs) > 0 {
		return nil, 0, grassroots.NewValidationError(fs...)
	}
	if len(leaves) == 0 {
		return nil, 0, ErrNoGrids
	}
	crs := opts.CRS
	if crs == 0 {
		crs = leaves[0].CRS
		for k, g := range leaves {
			if g.CRS != crs {
				return nil, 0, fmt.Errorf("%w: grid %d is %s, grid %d is %s", ErrMixedCRS, pos[0], crs, pos[k], g.CRS)
			}
		}
	}
	for k := range leaves {
		if leaves[k].CRS != crs {
			leaves[k].Boundary = convertBoundary(leaves[k].Boundary, leaves[k].CRS, crs)
			leaves[k].CRS = crs
		}
	}
	slices.SortFunc(leaves, func(a, b Grid) int {
		switch {
		case a.Code < b.Code:
			return -1
		case a.Code > b.Code:
			return 1
		}
		return 0
	})
	return leaves, crs, nil
}

// indexableBoundary checks what the index needs: at least one ring, every
// ring closed with four or more positions in range.
func indexableBoundary(m MultiPolygon) error {
	if len(m) == 0 {
		return grassroots.NewValidationError(grassroots.FieldError{Rule: "required", Message: "an indexed grid needs a boundary"})
	}
	var fs []grassroots.FieldError
	for i, p := range m {
		if len(p) == 0 {
			fs = append(fs, grassroots.FieldError{Path: grassroots.Index("", i), Rule: "required", Message: "no exterior ring"})
		}
		for j, r := range p {
			at := grassroots.Index(grassroots.Index("", i), j)
			if len(r) < 4 {
				fs = append(fs, grassroots.FieldError{Path: at, Rule: "min_positions", Message: fmt.Sprintf("%d positions, at least 4 required", len(r))})
				continue
			}
			for k, q := range r {
				if err := q.Validate(); err != nil {
					fs = append(fs, grassroots.FieldError{Path: grassroots.Index(at, k), Rule: "range", Message: err.Error()})
				}
			}
			if r[0] != r[len(r)-1] {
				fs = append(fs, grassroots.FieldError{Path: at, Rule: "closed", Message: "first and last positions differ"})
			}
		}
	}
	return grassroots.NewValidationError(fs...)
}

// convertBoundary converts every vertex; the inputs were validated, so
// Convert cannot fail.
func convertBoundary(m MultiPolygon, from, to CRS) MultiPolygon {
	out := make(MultiPolygon, len(m))
	for i, p := range m {
		out[i] = make(Polygon, len(p))
		for j, r := range p {
			c := make(Ring, len(r))
			for k, q := range r {
				c[k], _ = Convert(q, from, to)
			}
			out[i][j] = c
		}
	}
	return out
}

// CRS returns the coordinate reference system of the index.
func (ix *Index) CRS() CRS { return ix.crs }

// Len returns the number of grids indexed.
func (ix *Index) Len() int { return len(ix.codes) }

// Codes returns the codes of the indexed grids, sorted.
func (ix *Index) Codes() []Code { return slices.Clone(ix.codes) }

// Bounds returns the bounding box of the indexed boundaries.
func (ix *Index) Bounds() BBox {
	return BBox{MinLng: ix.minX, MinLat: ix.minY, MaxLng: ix.maxX, MaxLat: ix.maxY}
}

// SizeBytes returns the memory held by the index's tables, in bytes.
func (ix *Index) SizeBytes() int {
	n := cap(ix.codes) * 16
	for _, c := range ix.codes {
		n += len(c)
	}
	n += (cap(ix.colX) + cap(ix.rowY) + cap(ix.blk)) * 8
	n += cap(ix.cells) * 12
	n += cap(ix.pts) * 16
	n += (cap(ix.setStart) + cap(ix.sets) + cap(ix.ringStart) + cap(ix.polyRing)) * 4
	return n
}

// Locate returns the grid that owns p, a point in the index's CRS, by the
// rule documented on Index; false when p is outside the covered area.
func (ix *Index) Locate(p Point) (Code, bool) {
	id := ix.locate(p.Lng, p.Lat)
	if id < 0 {
		return "", false
	}
	return ix.codes[id], true
}

// LocateIn converts p from crs to the index's CRS and locates it. An
// invalid crs or point is reported as not found.
func (ix *Index) LocateIn(p Point, crs CRS) (Code, bool) {
	if crs != ix.crs {
		q, err := Convert(p, crs, ix.crs)
		if err != nil {
			return "", false
		}
		p = q
	}
	return ix.Locate(p)
}

func (ix *Index) locate(x, y float64) int32 {
	// The negated form also rejects NaN.
	if !(x >= ix.minX && x <= ix.maxX && y >= ix.minY && y <= ix.maxY) {
		return -1
	}
	ci := ix.cellOf(x, y)
	if c := ix.cells[ci]; c.nEdge == 0 {
		return ix.minMember(c.start)
	}
	return ix.locateInCell(ci, x, y)
}

// cellOf returns the cell holding (x, y), a point inside the bounding box.
// The division only estimates the column and row; comparing with the
// stored lattice lines makes colX[i] <= x < colX[i+1] and likewise for the
// row hold exactly, which the cell tables rely on.
func (ix *Index) cellOf(x, y float64) int {
	i := int((x - ix.x0) * ix.invW)
	i = min(max(i, 0), ix.nx-1)
	if x < ix.colX[i] {
		i--
	} else if x >= ix.colX[i+1] {
		i++
	}
	j := int((y - ix.y0) * ix.invH)
	j = min(max(j, 0), ix.ny-1)
	if y < ix.rowY[j] {
		j--
	} else if y >= ix.rowY[j+1] {
		j++
	}
	return j*ix.nx + i
}

// minMember returns the smallest polygon id of a state, or -1.
func (ix *Index) minMember(s int32) int32 {
	if s >= stateNone {
		return s
	}
	return ix.sets[ix.setStart[-2-s]]
}

// toggles is the set of polygons whose containment flips between the
// query point and the cell side.
type toggles struct {
	n   int
	ids [maxToggles]int32
}

// flip adds id to the set or removes it; false when the set is full.
func (t *toggles) flip(id int32) bool {
	for k := 0; k < t.n; k++ {
		if t.ids[k] == id {
			t.n--
			t.ids[k] = t.ids[t.n]
			return true
		}
	}
	if t.n == maxToggles {
		return false
	}
	t.ids[t.n] = id
	t.n++
	return true
}

func (t *toggles) has(id int32) bool {
	for k := 0; k < t.n; k++ {
		if t.ids[k] == id {
			return true
		}
	}
	return false
}

func f64(w uint64) float64 { return math.Float64frombits(w) }

// unpackIDs splits an edge's id word into l and r.
func unpackIDs(w uint64) (l, r int32) { return int32(uint32(w)), int32(uint32(w >> 32)) }

// fastState computes, for a point (x, y) in cell ci, the state at the
// cell's right side at latitude y and the polygons to flip. It reports
// false when y is too close to a stretch end or too many polygons flip;
// the caller then takes the exact slow path.
func (ix *Index) fastState(ci int, x, y float64, t *toggles) (int32, bool) {
	c := ix.cells[ci]
	if c.nEdge == 0 {
		return c.start, true
	}
	b := ix.blk[c.start : int(c.start)+int(c.nStretch)*stretchWords+int(c.nEdge)*edgeWords]
	var base int32
	k := 0
	for {
		h := f64(b[k])
		if y < h-ix.margin {
			base = int32(int64(b[k+1]))
			break
		}
		if y <= h+ix.margin {
			return 0, false
		}
		k += stretchWords
	}
	qx := ix.colX[ci%ix.nx+1]
	for k := int(c.nStretch) * stretchWords; k+edgeWords <= len(b); k += edgeWords {
		ay, by := f64(b[k+1]), f64(b[k+3])
		if !(ay <= y && y < by) {
			continue
		}
		ax, bx := f64(b[k]), f64(b[k+2])
		if (orient(ax, ay, bx, by, x, y) > 0) == (orient(ax, ay, bx, by, qx, y) > 0) {
			continue
		}
		l, r := unpackIDs(b[k+4])
		if !t.flip(l) || (r >= 0 && !t.flip(r)) {
			return 0, false
		}
	}
	return base, true
}

func (ix *Index) locateInCell(ci int, x, y float64) int32 {
	var t toggles
	best := int32(-1)
	if base, ok := ix.fastState(ci, x, y, &t); ok {
		best = ix.minOfXor(base, &t)
	} else {
		best = ix.exactMin(ci, x, y)
	}
	if best >= 0 {
		return best
	}
	return ix.borderOwner(ci, x, y)
}

// minOfXor returns the smallest id in members(base) XOR t, or -1.
func (ix *Index) minOfXor(base int32, t *toggles) int32 {
	best := int32(-1)
	better := func(id int32) bool { return best < 0 || id < best }
	for k := 0; k < t.n; k++ {
		if id := t.ids[k]; better(id) && !ix.isMember(base, id) {
			best = id
		}
	}
	switch {
	case base >= 0:
		if better(base) && !t.has(base) {
			best = base
		}
	case base < stateNone:
		k := -2 - base
		for _, id := range ix.sets[ix.setStart[k]:ix.setStart[k+1]] {
			if better(id) && !t.has(id) {
				best = id
			}
		}
	}
	return best
}

func (ix *Index) isMember(s, id int32) bool {
	switch {
	case s >= 0:
		return s == id
	case s == stateNone:
		return false
	}
	k := -2 - s
	return slices.Contains(ix.sets[ix.setStart[k]:ix.setStart[k+1]], id)
}

// forCandidates calls fn with every polygon that may contain a point of
// cell ci: the polygons of its edges and the members of its states. A
// polygon with no edge in the cell contains all of the cell or none of it,
// and if all, it is a member of every state of the cell.
func (ix *Index) forCandidates(ci int, fn func(id int32)) {
	c := ix.cells[ci]
	members := func(s int32) {
		switch {
		case s >= 0:
			fn(s)
		case s < stateNone:
			k := -2 - s
			for _, id := range ix.sets[ix.setStart[k]:ix.setStart[k+1]] {
				fn(id)
			}
		}
	}
	if c.nEdge == 0 {
		members(c.start)
		return
	}
	b := ix.blk[c.start:]
	for k := range int(c.nStretch) {
		members(int32(int64(b[k*stretchWords+1])))
	}
	b = b[int(c.nStretch)*stretchWords:]
	for k := range int(c.nEdge) {
		l, r := unpackIDs(b[k*edgeWords+4])
		fn(l)
		if r >= 0 {
			fn(r)
		}
	}
}

// polyContains evaluates rule 1 for one polygon over all its rings.
func (ix *Index) polyContains(id int32, x, y float64) bool {
	p := Point{Lng: x, Lat: y}
	in := false
	for r := ix.polyRing[id]; r < ix.polyRing[id+1]; r++ {
		if Ring(ix.pts[ix.ringStart[r]:ix.ringStart[r+1]]).contains(p) {
			in = !in
		}
	}
	return in
}

// exactMin is the slow path: the smallest candidate containing the point.
func (ix *Index) exactMin(ci int, x, y float64) int32 {
	best := int32(-1)
	ix.forCandidates(ci, func(id int32) {
		if (best < 0 || id < best) && ix.polyContains(id, x, y) {
			best = id
		}
	})
	return best
}

// borderOwner applies rule 3: the smallest polygon with an edge through
// the point, among the edges of its cell (any such edge touches the cell).
func (ix *Index) borderOwner(ci int, x, y float64) int32 {
	c := ix.cells[ci]
	best := int32(-1)
	if c.nEdge == 0 {
		return best
	}
	p := Point{Lng: x, Lat: y}
	b := ix.blk[int(c.start)+int(c.nStretch)*stretchWords:]
	for k := range int(c.nEdge) {
		w := b[k*edgeWords:]
		a, e := Point{Lng: f64(w[0]), Lat: f64(w[1])}, Point{Lng: f64(w[2]), Lat: f64(w[3])}
		if !OnSegment(p, a, e) {
			continue
		}
		l, r := unpackIDs(w[4])
		for _, id := range [2]int32{l, r} {
			if id >= 0 && (best < 0 || id < best) {
				best = id
			}
		}
	}
	return best
}
