package grid

import (
	"fmt"
	"math/rand/v2"
)

// tiling is a test city: a jittered lattice of quadrilateral grids whose
// sides are polylines generated once and shared, so neighbours have
// identical edges vertex for vertex (as in real cadastral data).
type tiling struct {
	grids    []Grid
	vertices []Point // every distinct vertex
	mids     []Point // midpoint of every distinct edge, computed once
	box      BBox
}

// newTiling lays nx × ny grids of about d degrees around (x0, y0). Each
// side gets k intermediate vertices, so a grid has 4+4k distinct vertices.
func newTiling(seed uint64, nx, ny, k int, x0, y0, d float64) tiling {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	jit := func(s float64) float64 { return (rng.Float64()*2 - 1) * s }
	node := make([][]Point, nx+1)
	for i := range node {
		node[i] = make([]Point, ny+1)
		for j := range node[i] {
			p := Point{Lng: x0 + float64(i)*d, Lat: y0 + float64(j)*d}
			if i > 0 && i < nx && j > 0 && j < ny {
				p.Lng += jit(0.25 * d)
				p.Lat += jit(0.25 * d)
			}
			node[i][j] = p
		}
	}
	side := func(a, b Point, outer bool) []Point {
		pts := []Point{a}
		nxv, nyv := -(b.Lat - a.Lat), b.Lng-a.Lng
		for m := 1; m <= k; m++ {
			t := float64(m) / float64(k+1)
			off := 0.0
			if !outer {
				off = jit(0.04)
			}
			pts = append(pts, Point{Lng: a.Lng + t*(b.Lng-a.Lng) + off*nxv, Lat: a.Lat + t*(b.Lat-a.Lat) + off*nyv})
		}
		return append(pts, b)
	}
	horiz := make([][][]Point, nx)
	for i := range nx {
		horiz[i] = make([][]Point, ny+1)
		for j := range ny + 1 {
			horiz[i][j] = side(node[i][j], node[i+1][j], j == 0 || j == ny)
		}
	}
	vert := make([][][]Point, nx+1)
	for i := range nx + 1 {
		vert[i] = make([][]Point, ny)
		for j := range ny {
			vert[i][j] = side(node[i][j], node[i][j+1], i == 0 || i == nx)
		}
	}
	var t tiling
	t.box = EmptyBBox()
	addSide := func(s []Point) {
		for m, p := range s {
			if m > 0 && m < len(s)-1 {
				t.vertices = append(t.vertices, p)
			}
			if m > 0 {
				q := s[m-1]
				t.mids = append(t.mids, Point{Lng: (p.Lng + q.Lng) / 2, Lat: (p.Lat + q.Lat) / 2})
			}
			t.box = t.box.Extend(p)
		}
	}
	for i := range nx {
		for j := range ny + 1 {
			addSide(horiz[i][j])
		}
	}
	for i := range nx + 1 {
		for j := range ny {
			addSide(vert[i][j])
		}
		for j := range ny + 1 {
			t.vertices = append(t.vertices, node[i][j])
		}
	}
	rev := func(s []Point) []Point {
		out := make([]Point, len(s))
		for m := range s {
			out[m] = s[len(s)-1-m]
		}
		return out
	}
	for i := range nx {
		for j := range ny {
			var r Ring
			r = append(r, horiz[i][j]...)
			r = append(r, vert[i+1][j][1:]...)
			r = append(r, rev(horiz[i][j+1])[1:]...)
			r = append(r, rev(vert[i][j])[1:]...)
			t.grids = append(t.grids, Grid{
				Code:  Code(fmt.Sprintf("G%03d-%03d", i, j)),
				Level: LevelGrid, Kind: KindGeneral, CRS: WGS84,
				Boundary: MultiPolygon{{r}},
			})
		}
	}
	return t
}

// randomPoints returns n points uniform over box.
func randomPoints(seed uint64, n int, box BBox) []Point {
	rng := rand.New(rand.NewPCG(seed, 1))
	pts := make([]Point, n)
	for i := range pts {
		pts[i] = Point{
			Lng: box.MinLng + rng.Float64()*(box.MaxLng-box.MinLng),
			Lat: box.MinLat + rng.Float64()*(box.MaxLat-box.MinLat),
		}
	}
	return pts
}

// reference is the ownership rule written as plainly as possible:
// half-open even-odd containment over every grid (smallest code first),
// then, for points no grid contains, an exact on-edge test. Bounding boxes
// only skip grids that cannot hold the point.
type reference struct {
	grids []Grid
	boxes []BBox
}

func newReference(grids []Grid) reference {
	r := reference{grids: grids}
	for _, g := range grids {
		r.boxes = append(r.boxes, g.Boundary.BBox())
	}
	return r
}

func (r reference) locate(p Point) (Code, bool) {
	best := Code("")
	for i, g := range r.grids {
		if r.boxes[i].Contains(p) && g.Boundary.ContainsHalfOpen(p) && (best == "" || g.Code < best) {
			best = g.Code
		}
	}
	if best != "" {
		return best, true
	}
	for i, g := range r.grids {
		if r.boxes[i].Contains(p) && g.Boundary.OnBoundary(p) && (best == "" || g.Code < best) {
			best = g.Code
		}
	}
	return best, best != ""
}

// halfOpenOwners counts the grids containing p by the half-open rule alone.
func halfOpenOwners(grids []Grid, p Point) int {
	n := 0
	for _, g := range grids {
		if g.Boundary.BBox().Contains(p) && g.Boundary.ContainsHalfOpen(p) {
			n++
		}
	}
	return n
}
