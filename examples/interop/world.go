package main

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/workday"
)

// The district, its grids and the provider's two teams. The provider
// holds the sanitation and public-lighting contract for one community:
// matters of the law-enforcement platform (garbage, dirty roads, litter)
// go to its cleaning team, those of the public-services platform (green
// space, street lights) to its maintenance team.
const (
	districtCode = "330302"
	hotlineSrc   = "/districts/330302/hotline"
	providerSrc  = "/providers/P001/app"
	cleaning     = "P001-cleaning"
	maintenance  = "P001-maintenance"
)

var (
	cst        = time.FixedZone("CST", 8*3600)
	start      = time.Date(2025, 6, 9, 8, 30, 0, 0, cst) // a Monday
	categories = []string{"002", "004", "007", "009", "018"}
)

// world is what both vendors share: the catalogue, the calendar, the
// decider and, for the hotline, the grids and the router. Both build it
// from the same published data, so both compute the same deadlines.
type world struct {
	decider *incident.Decider
	cal     *workday.Calendar
	index   *grid.Index
	router  *incident.Router
	seed    uint64
}

func square(code grid.Code, lng, lat float64) grid.Grid {
	const d = 0.003 // about 300 m
	ring := grid.Ring{{Lng: lng, Lat: lat}, {Lng: lng + d, Lat: lat}, {Lng: lng + d, Lat: lat + d}, {Lng: lng, Lat: lat + d}, {Lng: lng, Lat: lat}}
	return grid.Grid{Code: code, Level: grid.LevelGrid, Kind: grid.KindGeneral, Parent: "330302001001", CRS: grid.GCJ02,
		Boundary: grid.MultiPolygon{{ring}}, Households: 420, Residents: 1100}
}

func newWorld(seed uint64) (*world, error) {
	grids := []grid.Grid{
		{Code: districtCode, Level: grid.LevelDistrict, Kind: grid.KindGeneral, CRS: grid.GCJ02},
		{Code: "330302001", Level: grid.LevelStreet, Kind: grid.KindGeneral, Parent: districtCode, CRS: grid.GCJ02},
		{Code: "330302001001", Level: grid.LevelCommunity, Kind: grid.KindGeneral, Parent: "330302001", CRS: grid.GCJ02},
		square("33030200100101", 120.650, 28.010),
		square("33030200100102", 120.653, 28.010),
	}
	tree, err := grid.NewTree(grids)
	if err != nil {
		return nil, err
	}
	index, err := grid.NewIndex(grids, grid.IndexOptions{CRS: grid.GCJ02})
	if err != nil {
		return nil, err
	}
	router, err := incident.NewRouter(tree, []incident.Assignment{
		{Grid: "330302001001", Platform: incident.PlatformLawEnforcement, Unit: cleaning},
		{Grid: "330302001001", Platform: incident.PlatformPublicServices, Unit: maintenance},
	})
	if err != nil {
		return nil, err
	}
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	if err != nil {
		return nil, err
	}
	d, err := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
	if err != nil {
		return nil, err
	}
	return &world{decider: d, cal: cal, index: index, router: router, seed: seed}, nil
}

// rng returns the random source of one decision: a function of the seed,
// the matter and the step, so that every run with the same seed makes the
// same decisions whatever order the goroutines run in.
func (w *world) rng(id string, step int, salt uint64) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%d", id, step)
	return rand.New(rand.NewPCG(w.seed^salt, h.Sum64()))
}

// after returns a time between lo and hi minutes after t.
func after(r *rand.Rand, t time.Time, lo, hi int) time.Time {
	return t.Add(time.Duration(lo+r.IntN(hi-lo+1)) * time.Minute)
}

func matterID(i int) string { return fmt.Sprintf("INC-%04d", i+1) }

func reporter(i int) grassroots.Actor {
	return grassroots.Actor{ID: fmt.Sprintf("resident-%04d", i+1), Party: grassroots.Resident}
}

// report is the i-th resident's report: a point in one of the two grids
// (GPS coordinates, which the index converts), a category the provider
// handles, and the resident's name and phone number.
func (w *world) report(i int) (incident.Report, error) {
	r := w.rng(matterID(i), 0, 0)
	at := start.Add(time.Duration(i*20+r.IntN(20)) * time.Minute)
	gcj := grid.Point{Lng: 120.6505 + r.Float64()*0.0055, Lat: 28.0105 + r.Float64()*0.002}
	gps, err := grid.Convert(gcj, grid.GCJ02, grid.WGS84)
	if err != nil {
		return incident.Report{}, err
	}
	code, ok := w.index.LocateIn(gps, grid.WGS84)
	if !ok {
		return incident.Report{}, fmt.Errorf("report %d: %.5f,%.5f lies in no grid", i+1, gps.Lng, gps.Lat)
	}
	return incident.Report{
		Meta:     grassroots.Meta{AggregateID: matterID(i), CommandID: matterID(i) + "/report", Actor: reporter(i), At: at},
		Category: categories[r.IntN(len(categories))], Channel: incident.ChannelApp,
		Location: incident.Location{Point: gps, CRS: grid.WGS84}, Grid: code,
		Description: fmt.Sprintf("reported by resident %d", i+1),
		Contact:     incident.NewContact(fmt.Sprintf("Resident %d", i+1), fmt.Sprintf("138%08d", r.IntN(100_000_000))),
	}, nil
}
