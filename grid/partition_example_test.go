package grid_test

import (
	"fmt"

	"github.com/grassrootsgov/grassroots/grid"
)

func ExampleCheckPartition() {
	rect := func(code grid.Code, x0, y0, x1, y1 float64) grid.Grid {
		return grid.Grid{Code: code, Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.GCJ02,
			Boundary: grid.MultiPolygon{{{{Lng: x0, Lat: y0}, {Lng: x1, Lat: y0}, {Lng: x1, Lat: y1}, {Lng: x0, Lat: y1}, {Lng: x0, Lat: y0}}}}}
	}
	community := rect("330302001001", 120.60, 28.00, 120.63, 28.01)
	community.Level = grid.LevelCommunity
	children := []grid.Grid{
		rect("330302001001001", 120.60, 28.00, 120.612, 28.01), // reaches 0.002° into the next grid
		rect("330302001001002", 120.61, 28.00, 120.62, 28.01),
		rect("330302001001003", 120.62, 28.00, 120.63, 28.009), // leaves a strip along the north border
	}
	rep := grid.CheckPartition(community, children, grid.PartitionOptions{})
	for _, f := range rep.Overlaps {
		fmt.Printf("%s %v %.0f m²\n", f.Defect, f.Codes, f.Area)
	}
	for _, f := range rep.Gaps {
		fmt.Printf("%s %.0f m²\n", f.Defect, f.Area)
	}
	fmt.Println("partition ok:", rep.OK())
	// Output:
	// overlap [330302001001001 330302001001002] 217998 m²
	// gap 108995 m²
	// partition ok: false
}

func ExampleCheckSiblings() {
	// Three grids of a community whose outline is not at hand.
	rect := func(code grid.Code, x0, y0, x1, y1 float64) grid.Grid {
		return grid.Grid{Code: code, Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.GCJ02,
			Boundary: grid.MultiPolygon{{{{Lng: x0, Lat: y0}, {Lng: x1, Lat: y0}, {Lng: x1, Lat: y1}, {Lng: x0, Lat: y1}, {Lng: x0, Lat: y0}}}}}
	}
	grids := []grid.Grid{
		rect("330302001001001", 120.60, 28.00, 120.612, 28.01), // reaches 0.002° into the next grid
		rect("330302001001002", 120.61, 28.00, 120.62, 28.01),
		rect("330302001001003", 120.62, 28.00, 120.63, 28.009), // its north side is the edge of the set
	}
	rep := grid.CheckSiblings(grids, grid.PartitionOptions{})
	for _, f := range rep.Overlaps {
		fmt.Printf("%s %v %.0f m²\n", f.Defect, f.Codes, f.Area)
	}
	fmt.Println("gaps:", len(rep.Gaps), "outside:", len(rep.Outside))
	// Output:
	// overlap [330302001001001 330302001001002] 217998 m²
	// gaps: 0 outside: 0
}
