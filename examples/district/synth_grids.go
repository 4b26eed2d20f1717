package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/grassrootsgov/grassroots/grid"
)

// The synthetic district is a jittered lattice of quadrilateral grids laid
// over the Lucheng area of Wenzhou in GCJ-02, the system Chinese web maps
// publish. Each lattice corner is moved by up to a fifth of a cell, and each
// cell edge carries edgePoints intermediate vertices with a small sideways
// wiggle, so grids have 4 + 4×edgePoints vertices and neighbours share every
// vertex bit for bit, as surveyed boundaries do.
//
// Cells are grouped into communities of communityCols × communityRows
// cells, communities into streets of streetCols × streetRows communities,
// and all streets into one district. Codes follow China's statistical
// division codes: the district 330302, streets of 9 digits, communities of
// 12 and grids of 14 (the community code and a two-digit serial).
const (
	districtCode    = "330302"
	originLng       = 120.610 // south-west corner, degrees east (GCJ-02)
	originLat       = 27.975  // degrees north
	cellLng         = 0.0026  // about 255 m at this latitude
	cellLat         = 0.0023  // about 255 m
	edgePoints      = 3
	communityCols   = 4
	communityRows   = 5
	streetCols      = 2
	streetRows      = 2
	cornerJitter    = 0.2
	edgeWiggle      = 0.04
	householdsMin   = 300
	householdsRange = 201 // 300–500 inclusive
)

// scale is the size of a generated district.
type scale struct {
	name       string
	cols, rows int
	incidents  int // per year
	ratings    int
	providers  int
	contracts  int
}

// maxScaleGrids bounds a scale given as a number of grids.
const maxScaleGrids = 100_000

// scaleOf returns the preset named name, or, for a number of grids from
// 1 to maxScaleGrids, a district of about that many grids laid out 8 by
// 5 as the presets are, with the city's rates per grid: 170 matters and
// 100 ratings a year, a provider per 62.5 grids (at least 12) and two
// contracts per provider.
func scaleOf(name string) (scale, bool) {
	if sc, ok := scales[name]; ok {
		return sc, true
	}
	n, err := strconv.Atoi(name)
	if err != nil || n < 1 || n > maxScaleGrids || strconv.Itoa(n) != name {
		return scale{}, false
	}
	rows := max(1, int(math.Round(math.Sqrt(float64(n)*5/8))))
	cols := max(1, int(math.Round(float64(n)/float64(rows))))
	grids := cols * rows
	providers := max(12, grids*16/1000)
	return scale{name: name, cols: cols, rows: rows, incidents: 170 * grids, ratings: 100 * grids, providers: providers, contracts: 2 * providers}, true
}

var scales = map[string]scale{
	"small":    {name: "small", cols: 8, rows: 6, incidents: 6_000, ratings: 4_000, providers: 12, contracts: 20},
	"district": {name: "district", cols: 40, rows: 25, incidents: 150_000, ratings: 100_000, providers: 40, contracts: 80},
	"city":     {name: "city", cols: 125, rows: 80, incidents: 1_700_000, ratings: 1_000_000, providers: 160, contracts: 320},
}

// lattice holds the shared corners and edge vertices of the tiling.
type lattice struct {
	cols, rows int
	corners    [][]grid.Point   // [row][col], rows+1 × cols+1
	hEdges     [][][]grid.Point // [row][col]: intermediate points from corner (row,col) eastwards
	vEdges     [][][]grid.Point // [row][col]: intermediate points from corner (row,col) northwards
}

func newLattice(cols, rows int, rng *rand.Rand) *lattice {
	l := &lattice{cols: cols, rows: rows}
	l.corners = make([][]grid.Point, rows+1)
	for r := range rows + 1 {
		l.corners[r] = make([]grid.Point, cols+1)
		for c := range cols + 1 {
			jx, jy := 0.0, 0.0
			// The outer border stays straight so the district is a clean
			// rectangle; only inner corners move.
			if r > 0 && r < rows && c > 0 && c < cols {
				jx = (rng.Float64()*2 - 1) * cornerJitter * cellLng
				jy = (rng.Float64()*2 - 1) * cornerJitter * cellLat
			}
			l.corners[r][c] = grid.Point{
				Lng: originLng + float64(c)*cellLng + jx,
				Lat: originLat + float64(r)*cellLat + jy,
			}
		}
	}
	edge := func(a, b grid.Point, inner bool) []grid.Point {
		pts := make([]grid.Point, edgePoints)
		for k := range edgePoints {
			t := float64(k+1) / float64(edgePoints+1)
			w := 0.0
			if inner {
				w = (rng.Float64()*2 - 1) * edgeWiggle
			}
			// Perpendicular wiggle relative to the edge direction.
			dx, dy := b.Lng-a.Lng, b.Lat-a.Lat
			pts[k] = grid.Point{Lng: a.Lng + t*dx - w*dy, Lat: a.Lat + t*dy + w*dx}
		}
		return pts
	}
	l.hEdges = make([][][]grid.Point, rows+1)
	for r := range rows + 1 {
		l.hEdges[r] = make([][]grid.Point, cols)
		for c := range cols {
			l.hEdges[r][c] = edge(l.corners[r][c], l.corners[r][c+1], r > 0 && r < rows)
		}
	}
	l.vEdges = make([][][]grid.Point, rows)
	for r := range rows {
		l.vEdges[r] = make([][]grid.Point, cols+1)
		for c := range cols + 1 {
			l.vEdges[r][c] = edge(l.corners[r][c], l.corners[r+1][c], c > 0 && c < cols)
		}
	}
	return l
}

// cell returns the counter-clockwise closed ring of cell (row, col).
func (l *lattice) cell(r, c int) grid.Ring {
	ring := make(grid.Ring, 0, 5+4*edgePoints)
	ring = append(ring, l.corners[r][c])
	ring = append(ring, l.hEdges[r][c]...) // south edge, eastwards
	ring = append(ring, l.corners[r][c+1])
	ring = append(ring, l.vEdges[r][c+1]...) // east edge, northwards
	ring = append(ring, l.corners[r+1][c+1])
	ring = appendReversed(ring, l.hEdges[r+1][c]) // north edge, westwards
	ring = append(ring, l.corners[r+1][c])
	ring = appendReversed(ring, l.vEdges[r][c]) // west edge, southwards
	return append(ring, l.corners[r][c])
}

func appendReversed(dst, pts []grid.Point) []grid.Point {
	for i := len(pts) - 1; i >= 0; i-- {
		dst = append(dst, pts[i])
	}
	return dst
}

// hierarchy is the district: the grids of every level.
type hierarchy struct {
	root        grid.Code   // the district
	all         []grid.Grid // district, streets, communities, grids
	leaves      []grid.Grid
	communities []grid.Code
	streets     []grid.Code
}

func generateGrids(sc scale, rng *rand.Rand) hierarchy {
	l := newLattice(sc.cols, sc.rows, rng)
	h := hierarchy{root: districtCode}
	h.all = append(h.all, grid.Grid{Code: districtCode, Name: "Lucheng (synthetic)", Level: grid.LevelDistrict, Kind: grid.KindGeneral, CRS: grid.GCJ02})
	commCols := (sc.cols + communityCols - 1) / communityCols
	commRows := (sc.rows + communityRows - 1) / communityRows
	streetOf := func(cc, cr int) int {
		perRow := (commCols + streetCols - 1) / streetCols
		return (cr/streetRows)*perRow + cc/streetCols + 1
	}
	seenStreet := map[int]bool{}
	for cr := range commRows {
		for cc := range commCols {
			s := streetOf(cc, cr)
			street := grid.Code(fmt.Sprintf("%s%03d", districtCode, s))
			if !seenStreet[s] {
				seenStreet[s] = true
				h.streets = append(h.streets, street)
				h.all = append(h.all, grid.Grid{Code: street, Name: fmt.Sprintf("Street %d", s), Level: grid.LevelStreet, Kind: grid.KindGeneral, Parent: districtCode, CRS: grid.GCJ02})
			}
			community := grid.Code(fmt.Sprintf("%s%03d", street, cr*commCols+cc+1))
			h.communities = append(h.communities, community)
			h.all = append(h.all, grid.Grid{Code: community, Name: fmt.Sprintf("Community %d-%d", s, cr*commCols+cc+1), Level: grid.LevelCommunity, Kind: grid.KindGeneral, Parent: street, CRS: grid.GCJ02})
			serial := 0
			for r := cr * communityRows; r < min((cr+1)*communityRows, sc.rows); r++ {
				for c := cc * communityCols; c < min((cc+1)*communityCols, sc.cols); c++ {
					serial++
					code := grid.Code(fmt.Sprintf("%s%02d", community, serial))
					households := householdsMin + rng.IntN(householdsRange)
					residents := min(2500, households*(23+rng.IntN(8))/10)
					ring := l.cell(r, c)
					g := grid.Grid{
						Code: code, Name: fmt.Sprintf("Grid %s", code[len(code)-5:]),
						Level: grid.LevelGrid, Kind: grid.KindGeneral, Parent: community,
						Boundary: grid.MultiPolygon{{ring}}, CRS: grid.GCJ02,
						Households: households, Residents: residents,
					}
					h.all = append(h.all, g)
					h.leaves = append(h.leaves, g)
				}
			}
		}
	}
	return h
}
