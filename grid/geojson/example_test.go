package geojson_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/grid/geojson"
)

func ExampleDecode() {
	// Aliyun DataV-style district data: the code is a numeric "adcode"
	// property, the parent a nested object, coordinates GCJ-02, rings
	// clockwise. The code property and the system are all Decode needs;
	// ParentProperty reads the nested parent code too.
	in := `{"type":"FeatureCollection","features":[
	  {"type":"Feature","properties":{"adcode":330302,"name":"鹿城区","level":"district","parent":{"adcode":330300}},
	   "geometry":{"type":"Polygon","coordinates":[[[120.6,28.0],[120.6,28.1],[120.7,28.1],[120.7,28.0],[120.6,28.0]]]}}
	]}`
	grids, err := geojson.Decode(strings.NewReader(in), geojson.Options{
		CodeProperty:   "adcode",
		ParentProperty: "parent.adcode",
		CRS:            grid.GCJ02,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	g := grids[0]
	fmt.Println(g.Code, g.Name, g.Level, "parent", g.Parent, g.CRS)
	fmt.Println("exterior counter-clockwise:", g.Boundary[0][0].IsCCW())
	// Output:
	// 330302 鹿城区 district parent 330300 gcj02
	// exterior counter-clockwise: true
}

func ExampleEncode() {
	grids := []grid.Grid{{
		Code: "330302001001001", Name: "Grid 1", Parent: "330302001001",
		Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84, Households: 420, Residents: 1300,
		Boundary: grid.MultiPolygon{{{
			{Lng: 120.65, Lat: 28.01}, {Lng: 120.65, Lat: 28.02}, {Lng: 120.6600000049, Lat: 28.02},
			{Lng: 120.6600000049, Lat: 28.01}, {Lng: 120.65, Lat: 28.01},
		}}},
	}}
	if err := geojson.Encode(os.Stdout, grids, geojson.EncodeOptions{}); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"type":"Feature","id":"330302001001001","properties":{"code":"330302001001001","name":"Grid 1","parent":"330302001001","level":"grid","kind":"general","households":420,"residents":1300},"geometry":{"type":"Polygon","coordinates":[[[120.65,28.01],[120.66,28.01],[120.66,28.02],[120.65,28.02],[120.65,28.01]]]}}
	// ]}
}
