package incident_test

import (
	"fmt"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/workday"
)

// One matter's whole story: a resident reports garbage heaped at a lane
// entrance, the community dispatcher files it and sends it to the
// sanitation unit, which clears it; the dispatcher verifies and closes it
// and the resident rates the result.
func Example() {
	cst := time.FixedZone("CST", 8*3600)
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	d, _ := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())

	resident := grassroots.Actor{ID: "resident-7", Party: grassroots.Resident}
	dispatcher := grassroots.Actor{ID: "li", Party: grassroots.Community, Organization: "wuma-community", Roles: []string{incident.RoleDispatcher}}
	worker := grassroots.Actor{ID: "chen", Party: grassroots.Provider, Organization: "sanitation-co", Roles: []string{incident.RoleHandler}}
	at := func(day, hour, minute int) time.Time { return time.Date(2025, 11, day, hour, minute, 0, 0, cst) }
	meta := func(cmd string, a grassroots.Actor, t time.Time) incident.Meta {
		return incident.Meta{Incident: "wz-0001", Command: cmd, Actor: a, At: t}
	}

	story := []incident.Command{
		incident.Report{Meta: meta("c1", resident, at(21, 17, 59)), Category: "002", Channel: incident.ChannelApp,
			Location:    incident.Location{Point: grid.Point{Lng: 120.6994, Lat: 27.9943}, CRS: grid.GCJ02},
			Description: "garbage heaped at the lane entrance", Contact: incident.NewContact("王小明", "13900001234")},
		incident.Accept{Meta: meta("c2", dispatcher, at(24, 8, 40))},
		incident.Dispatch{Meta: meta("c3", dispatcher, at(24, 8, 45)), Unit: "sanitation-co"},
		incident.Start{Meta: meta("c4", worker, at(24, 9, 30))},
		incident.Resolve{Meta: meta("c5", worker, at(24, 11, 0)), Result: "cleared and disinfected"},
		incident.Close{Meta: meta("c6", dispatcher, at(24, 14, 0)), Note: "checked on site"},
		incident.Rate{Meta: meta("c7", resident, at(25, 20, 0)), Grade: incident.VerySatisfied, Comment: "fast"},
	}
	var state incident.Incident
	for _, cmd := range story {
		events, err := d.Decide(state, cmd)
		if err != nil {
			fmt.Println("refused:", err)
			return
		}
		for _, e := range events {
			state = incident.Evolve(state, e)
			fmt.Printf("%-10s -> %s\n", e.Name(), state.Status)
		}
	}
	fmt.Println("accept by:", state.AcceptTerm.End.Format("Mon 15:04"))
	fmt.Println("handle by:", state.HandleTerm.End.Format("Mon 15:04"))
	fmt.Println("contact:", state.Contact)
	fmt.Println("grade:", state.Grade, "open:", state.Status.Open())
	// Output:
	// reported   -> reported
	// accepted   -> accepted
	// dispatched -> dispatched
	// started    -> in_progress
	// resolved   -> resolved
	// closed     -> closed
	// rated      -> closed
	// accept by: Mon 10:30
	// handle by: Tue 17:30
	// contact: 王** 139****1234
	// grade: very_satisfied open: false
}

func ExampleParseCatalog() {
	cat, err := incident.ParseCatalog([]byte(`{"categories":[{"code":"006","name":"danger to life",
		"platform":"comprehensive_governance","priority":"urgent",
		"accept_limit":{"amount":15,"unit":"calendar_minutes"},
		"handle_limit":{"amount":2,"unit":"calendar_hours"}}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := cat.Lookup("006")
	fmt.Println(c.Code, c.Platform, c.AcceptLimit)
	// Output: 006 comprehensive_governance 15 calendar_minutes
}

func ExampleDefaultCatalog() {
	c, _ := incident.DefaultCatalog().Lookup("003")
	fmt.Println(c.Name, "|", c.HandleLimit)
	// Output: 积存垃圾渣土 accumulated waste and muck | 4 working_days
}

func ExampleRouter_Route() {
	tree, _ := grid.NewTree([]grid.Grid{
		{Code: "330302", Level: grid.LevelDistrict, Kind: grid.KindGeneral, CRS: grid.GCJ02},
		{Code: "330302001", Level: grid.LevelStreet, Kind: grid.KindGeneral, Parent: "330302", CRS: grid.GCJ02},
		{Code: "330302001001", Level: grid.LevelCommunity, Kind: grid.KindGeneral, Parent: "330302001", CRS: grid.GCJ02},
	})
	r, _ := incident.NewRouter(tree, []incident.Assignment{
		{Grid: "330302001", Platform: incident.PlatformLawEnforcement, Unit: "street-squad"},
		{Grid: "330302", Platform: incident.PlatformLawEnforcement, Unit: "district-bureau"},
	})
	garbage, _ := incident.DefaultCatalog().Lookup("002")
	a, _ := r.Route(garbage, "330302001001")
	fmt.Println(a.Unit, "at", a.Grid)
	for _, up := range r.Escalation(a) {
		fmt.Println("escalates to", up.Unit)
	}
	// Output:
	// street-squad at 330302001
	// escalates to district-bureau
}
