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
// entrance, giving only the address; the community dispatcher files it,
// places it on the map and sends it to the sanitation company, which
// clears it; the dispatcher verifies and closes it. The resident finds it
// back the next day and rates the work dissatisfied, which orders a redo
// (重办) by the same company; after the second closure the resident is
// satisfied. The events leave as a sealed chain of CloudEvents, with the
// resident's phone masked, and replay to the same status.
func Example() {
	cst := time.FixedZone("CST", 8*3600)
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	d, _ := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())

	resident := grassroots.Actor{ID: "resident-7", Party: grassroots.Resident}
	dispatcher := grassroots.Actor{ID: "li", Party: grassroots.Community, Organization: "wuma-community", Roles: []string{incident.RoleDispatcher}}
	worker := grassroots.Actor{ID: "chen", Party: grassroots.Provider, Organization: "sanitation-co", Roles: []string{incident.RoleHandler}}
	at := func(day, hour, minute int) time.Time { return time.Date(2025, 11, day, hour, minute, 0, 0, cst) }
	n := 0
	meta := func(a grassroots.Actor, t time.Time) grassroots.Meta {
		n++
		return grassroots.Meta{AggregateID: "wz-0001", CommandID: fmt.Sprintf("c%d", n), Actor: a, At: t}
	}

	story := []incident.Command{
		incident.Report{Meta: meta(resident, at(21, 17, 59)), Category: "002", Channel: incident.ChannelApp,
			Address: "五马街 12 号", Description: "garbage heaped at the lane entrance", Contact: incident.NewContact("王小明", "13900001234")},
		incident.Accept{Meta: meta(dispatcher, at(24, 8, 40))},
		incident.Locate{Meta: meta(dispatcher, at(24, 8, 42)), Location: incident.Location{Point: grid.Point{Lng: 120.6994, Lat: 27.9943}, CRS: grid.GCJ02}},
		incident.Dispatch{Meta: meta(dispatcher, at(24, 8, 45)), Unit: "sanitation-co"},
		incident.Start{Meta: meta(worker, at(24, 9, 30))},
		incident.Resolve{Meta: meta(worker, at(24, 11, 0)), Result: "cleared"},
		incident.Close{Meta: meta(dispatcher, at(24, 14, 0)), Note: "checked on site"},
		incident.Rate{Meta: meta(resident, at(25, 8, 0)), Grade: incident.Dissatisfied, Comment: "back again", Substantive: true},
		incident.Start{Meta: meta(worker, at(25, 9, 0))},
		incident.Resolve{Meta: meta(worker, at(25, 10, 0)), Result: "cleared, bins added"},
		incident.Close{Meta: meta(dispatcher, at(25, 15, 0))},
		incident.Rate{Meta: meta(resident, at(26, 20, 0)), Grade: incident.VerySatisfied},
	}
	var state incident.Incident
	var events []incident.Event
	for _, cmd := range story {
		evs, err := d.Decide(state, cmd)
		if err != nil {
			fmt.Println("refused:", err)
			return
		}
		for _, e := range evs {
			if state, err = d.Evolve(state, e); err != nil {
				fmt.Println("refused:", err)
				return
			}
			fmt.Printf("%-8s -> %-12s -> %s\n", cmd.CommandName(), e.EventName(), state.Status)
		}
		events = append(events, evs...)
	}
	fmt.Println("accept by:", state.AcceptTerm.End.Format("Mon 15:04"), "| redo by:", state.HandleTerm.End.Format("Mon 15:04"))
	fmt.Println("grades:", state.FirstGrade, "then", state.Grade, "| redos:", state.Redos)

	envs, err := incident.Codec.Seal(nil, "/districts/330302/incident", events)
	if err != nil {
		fmt.Println(err)
		return
	}
	replayed, err := grassroots.ReplayEnvelopes(d, incident.Codec, envs)
	fmt.Println(len(envs), "envelopes, last", envs[len(envs)-1].Type, "| replayed:", replayed.Status, err)
	fmt.Println("contact on the wire:", replayed.Contact)
	// Output:
	// report   -> reported     -> reported
	// accept   -> accepted     -> accepted
	// locate   -> located      -> accepted
	// dispatch -> dispatched   -> dispatched
	// start    -> started      -> in_progress
	// resolve  -> resolved     -> resolved
	// close    -> closed       -> closed
	// rate     -> rated        -> closed
	// rate     -> redo_ordered -> dispatched
	// start    -> started      -> in_progress
	// resolve  -> resolved     -> resolved
	// close    -> closed       -> closed
	// rate     -> rated        -> closed
	// accept by: Mon 10:30 | redo by: Wed 17:30
	// grades: dissatisfied then very_satisfied | redos: 1
	// 13 envelopes, last grassroots.incident.rated.v1 | replayed: closed <nil>
	// contact on the wire: 王** 139****1234
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
