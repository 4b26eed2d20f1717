package grid_test

import (
	"errors"
	"fmt"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
)

// rect returns the counter-clockwise ring of a longitude/latitude box.
// Neighbours must share edge coordinates exactly (120.65+0.01 is not the
// float64 120.66), so the corners are given, not computed.
func rect(west, south, east, north float64) grid.Ring {
	return grid.Ring{{Lng: west, Lat: south}, {Lng: east, Lat: south}, {Lng: east, Lat: north}, {Lng: west, Lat: north}, {Lng: west, Lat: south}}
}

func ExampleNewIndex() {
	// Two grids side by side near Wenzhou, sharing the edge at 120.66°E.
	grids := []grid.Grid{
		{Code: "330302001001-01", Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84,
			Boundary: grid.MultiPolygon{{rect(120.65, 28.0, 120.66, 28.01)}}},
		{Code: "330302001001-02", Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84,
			Boundary: grid.MultiPolygon{{rect(120.66, 28.0, 120.67, 28.01)}}},
	}
	ix, err := grid.NewIndex(grids, grid.IndexOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range []grid.Point{
		{Lng: 120.655, Lat: 28.005}, // inside the first
		{Lng: 120.66, Lat: 28.005},  // on the shared edge: the grid east of it
		{Lng: 120.67, Lat: 28.005},  // on the outer border: still owned
		{Lng: 120.68, Lat: 28.005},  // outside
	} {
		code, ok := ix.Locate(p)
		fmt.Println(p, code, ok)
	}
	// Output:
	// [120.655, 28.005] 330302001001-01 true
	// [120.66, 28.005] 330302001001-02 true
	// [120.67, 28.005] 330302001001-02 true
	// [120.68, 28.005]  false
}

func ExampleIndex_LocateIn() {
	// A grid drawn on an AMap basemap (GCJ-02), indexed in WGS84 for GPS.
	g := grid.Grid{Code: "g1", Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.GCJ02,
		Boundary: grid.MultiPolygon{{rect(120.65, 28.0, 120.66, 28.01)}}}
	ix, err := grid.NewIndex([]grid.Grid{g}, grid.IndexOptions{CRS: grid.WGS84})
	if err != nil {
		fmt.Println(err)
		return
	}
	picked := grid.Point{Lng: 120.6599, Lat: 28.005} // clicked on the AMap basemap
	fmt.Println(ix.LocateIn(picked, grid.GCJ02))
	fmt.Println(ix.Locate(picked)) // wrongly taken as WGS84: about 540 m off
	// Output:
	// g1 true
	//  false
}

func ExampleConvert() {
	gps := grid.Point{Lng: 120.65, Lat: 28.0}
	amap, _ := grid.Convert(gps, grid.WGS84, grid.GCJ02)
	back, _ := grid.Convert(amap, grid.GCJ02, grid.WGS84)
	fmt.Printf("GCJ-02 %.6f, %.6f\n", amap.Lng, amap.Lat)
	fmt.Printf("back   %.6f, %.6f\n", back.Lng, back.Lat)
	// Output:
	// GCJ-02 120.653964, 27.996627
	// back   120.650000, 28.000000
}

func ExampleParseCode() {
	c, err := grid.ParseCode("330302001001-07")
	fmt.Println(c, err)
	_, err = grid.ParseCode("330302 001")
	fmt.Println(err != nil)
	// Output:
	// 330302001001-07 <nil>
	// true
}

func ExampleParseDivision() {
	d, _ := grid.ParseDivision("330302001001")
	fmt.Println(d.Code, d.Level, d.Parent)
	d, _ = grid.ParseDivision("330302")
	fmt.Println(d.Code, d.Level, d.Parent)
	// Output:
	// 330302001001 community 330302001
	// 330302 district 330300
}

func ExampleNewTree() {
	t, err := grid.NewTree([]grid.Grid{
		{Code: "330302001001", Level: grid.LevelCommunity, Kind: grid.KindGeneral, CRS: grid.WGS84},
		{Code: "330302001001-02", Parent: "330302001001", Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84},
		{Code: "330302001001-01", Parent: "330302001001", Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84},
		{Code: "330302001001-01.a", Parent: "330302001001-01", Level: grid.LevelMicroGrid, Kind: grid.KindGeneral, CRS: grid.WGS84},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Children("330302001001"))
	fmt.Println(t.Ancestors("330302001001-01.a"))
	fmt.Println(t.Leaves())
	// Output:
	// [330302001001-01 330302001001-02]
	// [330302001001-01 330302001001]
	// [330302001001-01.a 330302001001-02]
}

func ExampleMultiPolygon_Validate() {
	bowTie := grid.MultiPolygon{{grid.Ring{{Lng: 0, Lat: 0}, {Lng: 1, Lat: 1}, {Lng: 1, Lat: 0}, {Lng: 0, Lat: 1}, {Lng: 0, Lat: 0}}}}
	fmt.Println(bowTie.Validate())
	// Output:
	// grassroots: invalid value: [0][0]: ring touches or crosses itself; want a simple ring, which meets itself only where it closes
}

func ExampleMultiPolygon_Area() {
	// One hundredth of a degree square near Wenzhou: about 1.09 km².
	m := grid.MultiPolygon{{rect(120.65, 28.0, 120.66, 28.01)}}
	fmt.Printf("%.0f m²\n", m.Area())
	// Output:
	// 1089991 m²
}

func ExampleCheckSizing() {
	issues, _ := grid.CheckSizing([]grid.Grid{
		{Code: "g1", Level: grid.LevelGrid, Kind: grid.KindGeneral, Households: 420, Residents: 1300},
		{Code: "g2", Level: grid.LevelGrid, Kind: grid.KindGeneral, Households: 610, Residents: 2700},
	}, grid.UrbanNorm())
	for _, i := range issues {
		fmt.Println(i.Code, i.Problem, i.Value, i.Limit)
	}
	// Output:
	// g2 too_many_households 610 500
	// g2 too_many_residents 2700 2500
}

func ExampleParseSizingProblem() {
	p, err := grid.ParseSizingProblem("too_many_residents")
	fmt.Println(p == grid.TooManyResidents, err)

	_, err = grid.ParseSizingProblem("too_big")
	var ue *grassroots.UnknownNameError
	if errors.As(err, &ue) {
		fmt.Println(ue.Type, ue.Valid)
	}
	// Output:
	// true <nil>
	// grid.SizingProblem [too_few_households too_many_households too_many_residents]
}

func ExampleMultiPolygon_Validate_parts() {
	// Two islands may touch at a point, but not overlap (OGC Simple
	// Feature Access, §6.1.14).
	touching := grid.MultiPolygon{{rect(0, 0, 1, 1)}, {rect(1, 1, 2, 2)}}
	overlapping := grid.MultiPolygon{{rect(0, 0, 2, 2)}, {rect(1, 1, 3, 3)}}
	fmt.Println(touching.Validate())
	err := overlapping.Validate()
	var ve *grassroots.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Fields[0].Path, ve.Fields[0].Rule)
	}
	// Output:
	// <nil>
	// [1] parts_overlap
}
