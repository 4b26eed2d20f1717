package grid

import (
	"strconv"
	"strings"
)

// ring parses "lng lat, lng lat, …" into a Ring, closing it if the text
// does not repeat the first position; a compact fixture format for tests.
func ring(s string) Ring {
	var r Ring
	for _, pair := range strings.Split(s, ",") {
		f := strings.Fields(pair)
		x, err1 := strconv.ParseFloat(f[0], 64)
		y, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			panic("bad test ring " + s)
		}
		r = append(r, Point{Lng: x, Lat: y})
	}
	if r[0] != r[len(r)-1] {
		r = append(r, r[0])
	}
	return r
}

// square returns the counter-clockwise ring of the axis-aligned square
// with lower-left corner (x, y) and side d.
func square(x, y, d float64) Ring {
	return Ring{{x, y}, {x + d, y}, {x + d, y + d}, {x, y + d}, {x, y}}
}

// grid1 returns a leaf grid with the given code and boundary in WGS84.
func grid1(code string, parts ...Polygon) Grid {
	return Grid{Code: Code(code), Level: LevelGrid, Kind: KindGeneral, CRS: WGS84, Boundary: MultiPolygon(parts)}
}
