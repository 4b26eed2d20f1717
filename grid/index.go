package grid

import (
	"fmt"
	"math"
	"slices"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/errtext"
	"github.com/grassrootsgov/grassroots/internal/validate"
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
// A uniform lattice of square cells, about one per edge, covers the
// bounding box. A cell that no edge touches stores the grids containing
// it. Any other cell stores its edges and, along its east side, the grids
// containing each stretch between the points where edges meet that side,
// evaluated exactly when the index is built. A query reads the stretch at
// its own latitude and flips the grids whose edges cross the short
// horizontal segment to the east side, deciding each crossing with exact
// orientation predicates; a query within a tiny margin of a stretch end
// continues the same way from the next cell east. A lookup thus reads one
// cell and a handful of edges whatever the number of grids.
//
// An Index is immutable and safe for concurrent use. Locate does not
// allocate (unless more than a handful of grids overlap at the point).
// The zero Index, and a nil *Index, locate nothing and hold no grids;
// build one with NewIndex.
type Index struct {
	crs   CRS
	codes []Code // by polygon id; ids follow code order

	minX, minY, maxX, maxY float64 // bounding box of all vertices
	x0, y0, invW, invH     float64
	nx, ny                 int
	colX, rowY             []float64 // lattice lines, nx+1 and ny+1 of them
	margin                 float64   // latitude distance to a stretch end within which a query walks on east

	cells    []uint32 // nx*ny cells, row by row; see cellAt
	blk      []uint64 // cell blocks: a header, stretches, then edges
	setStart []int32  // state sets with two or more members: sets[setStart[k]:setStart[k+1]]
	sets     []int32
}

// cell is one lattice cell, decoded by cellAt. A cell that no edge touches
// has nEdge == 0 and its state in start. Otherwise blk[start:] holds
// nStretch stretches of two words each (the stretch's upper end as float64
// bits, +Inf for the last, and its state), then nEdge edges of five words
// each (ax, ay, bx, by as float64 bits, then l and r). Keeping a cell's
// data contiguous, and the cell table at four bytes a cell, makes a lookup
// touch the table and one or two cache lines of its block.
type cell struct {
	start, nStretch, nEdge int32
}

// emptyCell flags a cells entry that holds a state (in its low 31 bits,
// sign-extended) rather than the offset of a block header.
const emptyCell = 1 << 31

// cellAt decodes cells[ci]. A block header word holds nStretch in its low
// and nEdge in its high half.
func (ix *Index) cellAt(ci int) cell {
	v := ix.cells[ci]
	if v&emptyCell != 0 {
		return cell{start: int32(v<<1) >> 1}
	}
	h := ix.blk[v]
	return cell{start: int32(v) + 1, nStretch: int32(uint32(h)), nEdge: int32(h >> 32)}
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

// cellsPerEdge sets the lattice density: cells per stored edge. Denser
// lattices leave more cells without edges (answered from one load) at the
// cost of memory.
const cellsPerEdge = 1.0

// NewIndex builds an index over the leaf grids of grids: those that are
// not the parent of another grid in the slice. Every leaf needs a valid
// code (unique among leaves), a valid CRS and a boundary whose rings are
// closed, have at least four positions and have coordinates in range.
// Self-intersections and overlaps are not rejected: the ownership rule
// still gives one deterministic answer for them (see Index). Edges are
// straight lines in longitude/latitude, as in GeoJSON, so a ring must not
// span the antimeridian (MultiPolygon.Validate checks that).
//
// Problems with the grids are reported at once as a
// *grassroots.ValidationError with paths such as "[3].boundary[0][0]":
// a malformed code (grassroots.RuleFormat), a code repeated among the
// leaves (RuleUnique), an invalid CRS (RuleEnum), a missing boundary or
// ring (RuleRequired), a ring with fewer than four positions (RuleMin) or
// not closed (RuleMismatch), a position out of range (RuleRange), and a
// vertex that has no unique position in the index's system
// (grassroots.RuleInvalid: a GCJ-02 vertex within 0.011° of the edge of
// China's box, see Convert). An empty set is ErrNoGrids and disagreeing
// systems ErrMixedCRS.
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
		_, err := opts.CRS.MarshalText()
		return nil, 0, errtext.Wrap(errIndexCRS, err, causePrefixes...)
	}
	parents := make(map[Code]bool, len(grids))
	for _, g := range grids {
		if g.Parent != "" {
			parents[g.Parent] = true
		}
	}
	var p validate.Problems
	seen := make(map[Code]int, len(grids))
	var leaves []Grid
	var pos []int
	for i, g := range grids {
		if parents[g.Code] {
			continue
		}
		at := grassroots.ElementPath("", i)
		if err := g.Code.Validate(); err != nil {
			codeProblem(&p, at+".code", err)
		} else if j, dup := seen[g.Code]; dup {
			p.Addf(at+".code", grassroots.RuleUnique, "code %s repeats grid [%d]; want each leaf grid once", g.Code, j)
		} else {
			seen[g.Code] = i
		}
		if !g.CRS.IsValid() {
			p.Add(at+".crs", grassroots.RuleEnum, crsNames.Problem(g.CRS))
		}
		if err := indexableBoundary(g.Boundary); err != nil {
			p.Nest(at+".boundary", err)
		}
		leaves = append(leaves, g)
		pos = append(pos, i)
	}
	if p.Len() > 0 {
		return nil, 0, p.Err()
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
			var err error
			leaves[k].Boundary, err = convertBoundary(leaves[k].Boundary, leaves[k].CRS, crs)
			if err != nil {
				p.Nest(grassroots.ElementPath("", pos[k])+".boundary", err)
			}
			leaves[k].CRS = crs
		}
	}
	if p.Len() > 0 {
		return nil, 0, p.Err()
	}
	slices.SortFunc(leaves, byCode)
	return leaves, crs, nil
}

// indexableBoundary checks what the index needs: at least one ring, every
// ring closed with four or more positions in range.
func indexableBoundary(m MultiPolygon) error {
	var p validate.Problems
	if len(m) == 0 {
		p.Add("", grassroots.RuleRequired, "an indexed grid needs a boundary; want at least one polygon")
		return p.Err()
	}
	for i, pg := range m {
		if len(pg) == 0 {
			p.Add(grassroots.ElementPath("", i), grassroots.RuleRequired, noRingMessage)
		}
		for j, r := range pg {
			at := grassroots.ElementPath(grassroots.ElementPath("", i), j)
			if !checkRingLength(&p, at, r) {
				continue
			}
			checkPositions(&p, at, r)
			checkClosed(&p, at, r)
		}
	}
	return p.Err()
}

// convertBoundary converts every vertex. The inputs were validated, so
// Convert fails only for a vertex with no unique position in the target
// system (see ErrNoInverse); each such vertex is a grassroots.RuleInvalid
// problem at its path whose message is Convert's error.
func convertBoundary(m MultiPolygon, from, to CRS) (MultiPolygon, error) {
	var p validate.Problems
	out := make(MultiPolygon, len(m))
	for i, pg := range m {
		out[i] = make(Polygon, len(pg))
		for j, r := range pg {
			c := make(Ring, len(r))
			for k, q := range r {
				var err error
				if c[k], err = Convert(q, from, to); err != nil {
					at := grassroots.ElementPath(grassroots.ElementPath(grassroots.ElementPath("", i), j), k)
					p.Add(at, grassroots.RuleInvalid, causeText(err))
				}
			}
			out[i][j] = c
		}
	}
	return out, p.Err()
}

// CRS returns the coordinate reference system of the index.
func (ix *Index) CRS() CRS {
	if ix == nil {
		return 0
	}
	return ix.crs
}

// Len returns the number of grids indexed.
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	return len(ix.codes)
}

// Codes returns the codes of the indexed grids, sorted.
func (ix *Index) Codes() []Code {
	if ix == nil {
		return nil
	}
	return slices.Clone(ix.codes)
}

// Bounds returns the bounding box of the indexed boundaries.
func (ix *Index) Bounds() BBox {
	if ix == nil {
		return BBox{}
	}
	return BBox{MinLng: ix.minX, MinLat: ix.minY, MaxLng: ix.maxX, MaxLat: ix.maxY}
}

// SizeBytes returns the memory held by the index's tables, in bytes.
func (ix *Index) SizeBytes() int {
	if ix == nil {
		return 0
	}
	n := cap(ix.codes) * 16
	for _, c := range ix.codes {
		n += len(c)
	}
	n += (cap(ix.colX) + cap(ix.rowY) + cap(ix.blk)) * 8
	n += cap(ix.cells) * 4
	n += (cap(ix.setStart) + cap(ix.sets)) * 4
	return n
}

// Locate returns the grid that owns p, a point in the index's CRS, by the
// rule documented on Index; false when p is outside the covered area.
func (ix *Index) Locate(p Point) (Code, bool) {
	if ix == nil {
		return "", false
	}
	id := ix.locate(p.Lng, p.Lat)
	if id < 0 {
		return "", false
	}
	return ix.codes[id], true
}

// LocateIn converts p from crs to the index's CRS and locates it. An
// invalid crs or point, or a point Convert cannot convert (see
// ErrNoInverse), is reported as not found; call Convert first to learn
// why.
func (ix *Index) LocateIn(p Point, crs CRS) (Code, bool) {
	if ix == nil {
		return "", false
	}
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
	if len(ix.cells) == 0 || !(x >= ix.minX && x <= ix.maxX && y >= ix.minY && y <= ix.maxY) {
		return -1
	}
	ci, col := ix.cellOf(x, y)
	if v := ix.cells[ci]; v&emptyCell != 0 {
		return ix.minMember(int32(v<<1) >> 1)
	}
	return ix.locateInCell(ci, col, x, y)
}

// cellOf returns the cell holding (x, y), a point inside the bounding box.
// The division only estimates the column and row; comparing with the
// stored lattice lines makes colX[i] <= x < colX[i+1] and likewise for the
// row hold exactly, which the cell tables rely on.
func (ix *Index) cellOf(x, y float64) (ci, col int) {
	i := latticeIndex(ix.colX, ix.x0, ix.invW, x)
	j := latticeIndex(ix.rowY, ix.y0, ix.invH, y)
	return j*ix.nx + i, i
}

// latticeIndex returns i with lines[i] <= v < lines[i+1], for v between
// the first and last of the lattice lines that start at origin and lie
// 1/inv apart.
func latticeIndex(lines []float64, origin, inv, v float64) int {
	i := min(max(int((v-origin)*inv), 0), len(lines)-2)
	if v < lines[i] {
		i--
	} else if v >= lines[i+1] {
		i++
	}
	return i
}

// minMember returns the smallest polygon id of a state, or -1.
func (ix *Index) minMember(s int32) int32 {
	if s >= stateNone {
		return s
	}
	return ix.sets[ix.setStart[-2-s]]
}

// members returns the polygon ids of a state as a subslice of sets, or
// one via the one-element scratch array.
func (ix *Index) members(s int32, one *[1]int32) []int32 {
	switch {
	case s >= 0:
		one[0] = s
		return one[:]
	case s == stateNone:
		return nil
	}
	k := -2 - s
	return ix.sets[ix.setStart[k]:ix.setStart[k+1]]
}

// flip adds id to the set or removes it.
func flip(set []int32, id int32) []int32 {
	for k, v := range set {
		if v == id {
			last := len(set) - 1
			set[k] = set[last]
			return set[:last]
		}
	}
	return append(set, id)
}

func f64(w uint64) float64 { return math.Float64frombits(w) }

// unpackIDs splits an edge's id word into l and r.
func unpackIDs(w uint64) (l, r int32) { return int32(uint32(w)), int32(uint32(w >> 32)) }

// state returns, appended to set (which must be empty), the ids of the
// polygons that contain (x, y), a point in cell ci of column col, by
// rule 1.
//
// Containment at the point differs from containment at the point q on the
// cell's east side at the same latitude exactly for the polygons whose
// edges cross the segment between them an odd number of times, which the
// exact predicates decide edge by edge. Containment at q is the state of
// q's stretch, unless q lies within the margin of a stretch end; then q is
// a point of the next cell east and the same step repeats from there. The
// walk ends at a stretch, at a cell without edges or at the east side of
// the lattice, where nothing is contained. Along the way set holds the
// polygons flipped an odd number of times, at most twice the overlap
// depth, so it stays within its capacity (and on the stack) unless more
// than a few grids overlap.
func (ix *Index) state(ci, col int, x, y float64, set []int32) []int32 {
	var one [1]int32
	for {
		c := ix.cellAt(ci)
		if c.nEdge == 0 {
			for _, id := range ix.members(c.start, &one) {
				set = flip(set, id)
			}
			return set
		}
		b := ix.blk[c.start : int(c.start)+int(c.nStretch)*stretchWords+int(c.nEdge)*edgeWords]
		qx := ix.colX[col+1]
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
			set = flip(set, l)
			if r >= 0 {
				set = flip(set, r)
			}
		}
		if col == ix.nx-1 {
			return set
		}
		for k := 0; ; k += stretchWords {
			h := f64(b[k])
			if y < h-ix.margin {
				for _, id := range ix.members(int32(int64(b[k+1])), &one) {
					set = flip(set, id)
				}
				return set
			}
			if y <= h+ix.margin {
				break
			}
		}
		ci, col, x = ci+1, col+1, qx
	}
}

// locateInCell applies rules 1 to 3 in a cell with edges.
func (ix *Index) locateInCell(ci, col int, x, y float64) int32 {
	var buf [16]int32
	best := int32(-1)
	for _, id := range ix.state(ci, col, x, y, buf[:0]) {
		if best < 0 || id < best {
			best = id
		}
	}
	if best >= 0 {
		return best
	}
	return ix.borderOwner(ci, x, y)
}

// borderOwner applies rule 3: the smallest polygon with an edge through
// the point, among the edges of its cell (any such edge touches the cell).
func (ix *Index) borderOwner(ci int, x, y float64) int32 {
	c := ix.cellAt(ci)
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
