package main

import (
	"fmt"
	"os"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/grid/geojson"
)

// Real boundaries from -grids become the leaf grids of one synthetic
// district, street and community (the file says nothing about the
// hierarchy above them), so the dispatchers, units and escalation of the
// run work as on generated grids. Grids without household counts get 400,
// the middle of the urban norm; each grid is re-levelled as a grid.
const defaultHouseholds = 400

// fileRoot is the code of the district above a file's grids; a dot keeps
// it apart from any statistical division code.
const fileRoot = "file.district"

func loadGrids(o options) (hierarchy, error) {
	crs, err := grid.ParseCRS(o.crs)
	if err != nil {
		return hierarchy{}, &usageError{msg: fmt.Sprintf("-crs: %v", err)}
	}
	f, err := os.Open(o.gridFile)
	if err != nil {
		return hierarchy{}, &usageError{msg: fmt.Sprintf("-grids: %v", err)}
	}
	defer f.Close()
	// The file's own parent and level are ignored: the run re-parents
	// every feature as a grid of its synthetic community.
	grids, err := geojson.Decode(f, geojson.Options{CodeProperty: o.codeProp, ParentProperty: "-", LevelProperty: "-", CRS: crs})
	if err != nil {
		return hierarchy{}, &usageError{msg: fmt.Sprintf("-grids %s: %v", o.gridFile, err)}
	}
	if len(grids) == 0 {
		return hierarchy{}, &usageError{msg: fmt.Sprintf("-grids %s: no features", o.gridFile)}
	}
	const root = grid.Code(fileRoot)
	street := root + ".street"
	community := street + ".community"
	h := hierarchy{root: root, streets: []grid.Code{street}, communities: []grid.Code{community}}
	h.all = []grid.Grid{
		{Code: root, Name: "District of " + o.gridFile, Level: grid.LevelDistrict, Kind: grid.KindGeneral, CRS: crs},
		{Code: street, Name: "Street", Level: grid.LevelStreet, Kind: grid.KindGeneral, Parent: root, CRS: crs},
		{Code: community, Name: "Community", Level: grid.LevelCommunity, Kind: grid.KindGeneral, Parent: street, CRS: crs},
	}
	for _, g := range grids {
		if g.Code == root || g.Code == street || g.Code == community {
			return hierarchy{}, &usageError{msg: fmt.Sprintf("-grids %s: grid code %s is reserved for the run's hierarchy", o.gridFile, g.Code)}
		}
		g.Level, g.Parent = grid.LevelGrid, community
		if g.Households == 0 {
			g.Households = defaultHouseholds
		}
		if g.Residents == 0 {
			g.Residents = g.Households * 26 / 10
		}
		h.all = append(h.all, g)
		h.leaves = append(h.leaves, g)
	}
	return h, nil
}
