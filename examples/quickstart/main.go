// Command quickstart is a short tour of the grassroots SDK: it locates a
// resident's report in a grid, takes the matter from report to rating
// through the incident decider, scores a provider from several parties'
// ratings, and raises and closes a risk. Each step prints what it did.
//
//	go run ./examples/quickstart
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func square(code grid.Code, lng, lat float64) grid.Grid {
	const d = 0.003 // about 300 m
	ring := grid.Ring{{Lng: lng, Lat: lat}, {Lng: lng + d, Lat: lat}, {Lng: lng + d, Lat: lat + d}, {Lng: lng, Lat: lat + d}, {Lng: lng, Lat: lat}}
	return grid.Grid{Code: code, Level: grid.LevelGrid, Kind: grid.KindGeneral, Parent: "330302001001", CRS: grid.GCJ02,
		Boundary: grid.MultiPolygon{{ring}}, Households: 420, Residents: 1100}
}

func run(out io.Writer) error {
	cst := time.FixedZone("CST", 8*3600)

	// 1. Grids. Two neighbouring grids of one community, in GCJ-02 as
	// Chinese web maps publish them. The index gives every point exactly
	// one grid, even on the shared edge.
	grids := []grid.Grid{
		{Code: "330302", Level: grid.LevelDistrict, Kind: grid.KindGeneral, CRS: grid.GCJ02},
		{Code: "330302001", Level: grid.LevelStreet, Kind: grid.KindGeneral, Parent: "330302", CRS: grid.GCJ02},
		{Code: "330302001001", Level: grid.LevelCommunity, Kind: grid.KindGeneral, Parent: "330302001", CRS: grid.GCJ02},
		square("33030200100101", 120.650, 28.010),
		square("33030200100102", 120.653, 28.010),
	}
	tree, err := grid.NewTree(grids)
	if err != nil {
		return err
	}
	index, err := grid.NewIndex(grids, grid.IndexOptions{CRS: grid.GCJ02})
	if err != nil {
		return err
	}
	// A resident's phone reports GPS (WGS84); the index converts.
	gps, err := grid.Convert(grid.Point{Lng: 120.6515, Lat: 28.0115}, grid.GCJ02, grid.WGS84)
	if err != nil {
		return err
	}
	code, ok := index.LocateIn(gps, grid.WGS84)
	fmt.Fprintf(out, "1. located %.5f,%.5f (WGS84) in grid %s: %t\n", gps.Lng, gps.Lat, code, ok)
	edge, _ := index.Locate(grid.Point{Lng: 120.653, Lat: 28.0115})
	fmt.Fprintf(out, "   a point on the shared edge belongs to exactly one grid: %s\n", edge)

	// 2. An incident from report to rating. The decider checks every
	// command against the state, the permission table and the working
	// calendar; Evolve applies the events it returns.
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	if err != nil {
		return err
	}
	decider, err := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
	if err != nil {
		return err
	}
	router, err := incident.NewRouter(tree, []incident.Assignment{{Grid: "330302001", Platform: incident.PlatformLawEnforcement, Unit: "street-law-team"}})
	if err != nil {
		return err
	}
	resident := grassroots.Actor{ID: "resident-118", Party: grassroots.Resident}
	dispatcher := grassroots.Actor{ID: "d-1", Party: grassroots.Community, Organization: "330302001001", Roles: []string{incident.RoleDispatcher}}
	handler := grassroots.Actor{ID: "h-1", Party: grassroots.Government, Organization: "street-law-team", Roles: []string{incident.RoleHandler}}
	at := time.Date(2025, 6, 6, 17, 40, 0, 0, cst) // a Friday, 20 minutes before the offices close
	var state incident.Incident
	var events []incident.Event
	n := 0
	step := func(actor grassroots.Actor, when time.Time, cmd func(grassroots.Meta) incident.Command) error {
		n++
		meta := grassroots.Meta{AggregateID: "inc-1", CommandID: fmt.Sprintf("c-%d", n), Actor: actor, At: when}
		evs, err := decider.Decide(state, cmd(meta))
		if err != nil {
			return err
		}
		for _, e := range evs {
			if state, err = decider.Evolve(state, e); err != nil {
				return err
			}
		}
		events = append(events, evs...)
		return nil
	}
	cat, _ := decider.Catalog().Lookup("002") // exposed garbage: 1 working day
	route, err := router.Route(cat, code)
	if err != nil {
		return err
	}
	monday := time.Date(2025, 6, 9, 9, 0, 0, 0, cst)
	if err := step(resident, at, func(m grassroots.Meta) incident.Command {
		return incident.Report{Meta: m, Category: "002", Channel: incident.ChannelApp,
			Location: incident.Location{Point: gps, CRS: grid.WGS84}, Grid: code, Description: "bags of rubbish by the gate",
			Contact: incident.NewContact("Li Hua", "13800001234")}
	}); err != nil {
		return err
	}
	if err := step(dispatcher, at.Add(10*time.Minute), func(m grassroots.Meta) incident.Command { return incident.Accept{Meta: m} }); err != nil {
		return err
	}
	if err := step(dispatcher, at.Add(15*time.Minute), func(m grassroots.Meta) incident.Command {
		return incident.Dispatch{Meta: m, Platform: route.Platform, Unit: route.Unit}
	}); err != nil {
		return err
	}
	fmt.Fprintf(out, "2. %s reported, dispatched to %s / %s; handling deadline %s (1 working day from Friday evening)\n",
		state.ID, state.Platform, state.Unit, state.HandleTerm.End.Format("Mon 2006-01-02 15:04"))
	for _, s := range []struct {
		actor grassroots.Actor
		when  time.Time
		cmd   func(grassroots.Meta) incident.Command
	}{
		{handler, monday, func(m grassroots.Meta) incident.Command { return incident.Start{Meta: m} }},
		{handler, monday.Add(50 * time.Minute), func(m grassroots.Meta) incident.Command {
			return incident.Resolve{Meta: m, Result: "removed", Evidence: []string{"https://evidence.example.org/inc-1.jpg"}}
		}},
		{dispatcher, monday.Add(2 * time.Hour), func(m grassroots.Meta) incident.Command { return incident.Close{Meta: m, Note: "checked on site"} }},
		{resident, monday.Add(6 * time.Hour), func(m grassroots.Meta) incident.Command {
			return incident.Rate{Meta: m, Grade: incident.VerySatisfied, Comment: "quick"}
		}},
	} {
		if err := step(s.actor, s.when, s.cmd); err != nil {
			return err
		}
	}
	onTime := !state.ClosedAt.After(state.HandleTerm.End)
	fmt.Fprintf(out, "   closed %s (on time: %t), rated %s; reporter contact shown as %s\n", state.ClosedAt.Format("Mon 2006-01-02 15:04"), onTime, state.Grade, state.Contact)
	envs, err := incident.Codec.Seal(nil, "/districts/330302/incident", events)
	if err != nil {
		return err
	}
	replayed, err := grassroots.ReplayEnvelopes(decider, incident.Codec, envs)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "   %d events sealed as CloudEvents (%s … %s); replayed to status %s\n", len(envs), envs[0].Type, envs[len(envs)-1].Type, replayed.Status)

	// 3. Score a provider: government, a third-party assessor and
	// residents rate it; Aggregate weighs them exactly.
	likert := evaluation.Likert(5)
	system := evaluation.System{Code: "provider", Name: "Provider performance", Indicators: []evaluation.Indicator{
		{Code: "quality", Name: "Quality", Weight: decimal.RequireFromString("0.6"), Direction: evaluation.Benefit, Scale: &likert,
			Parties: []grassroots.Party{grassroots.Government, grassroots.ThirdParty}},
		{Code: "satisfaction", Name: "Satisfaction", Weight: decimal.RequireFromString("0.4"), Direction: evaluation.Benefit, Scale: &likert,
			Parties: []grassroots.Party{grassroots.Resident}},
	}}
	var ratings []evaluation.Rating
	add := func(party grassroots.Party, indicator string, values ...int64) {
		for i, v := range values {
			ratings = append(ratings, evaluation.Rating{Subject: "P001", Indicator: indicator, Rater: fmt.Sprintf("%s-%d", party, i),
				Party: party, Value: decimal.NewFromInt(v), At: at})
		}
	}
	add(grassroots.Government, "quality", 4, 5)
	add(grassroots.ThirdParty, "quality", 4)
	add(grassroots.Resident, "satisfaction", 5, 4, 5, 5, 3)
	cards, err := evaluation.Aggregate(system, ratings, evaluation.AggregateOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "3. provider P001 scores %s (%s) from %d ratings of three parties\n", cards[0].Total, cards[0].Grade, len(ratings))

	// 4. A risk, from identification to closure with accountability.
	owner := grassroots.Actor{ID: "risk-office", Party: grassroots.Government, Organization: "gov-330302"}
	h := func(hours int) grassroots.Meta {
		return grassroots.Meta{AggregateID: "R-1", CommandID: fmt.Sprintf("R-1-%d", hours), Actor: owner, At: at.Add(time.Duration(hours) * time.Hour)}
	}
	assessment, err := risk.NIST80030().Assess(3, 4, 2, 3)
	if err != nil {
		return err
	}
	alert, _ := risk.DefaultAlertMapping().For(assessment.Current.Level)
	plan, err := risk.PlanTemplate{ID: "privacy", Category: risk.CategoryPrivacy, Alert: alert, Steps: []risk.StepTemplate{
		{ID: "remove_copies", Role: "data_protection_officer", Within: workday.Limit{Amount: 24, Unit: workday.CalendarHours}},
	}}.Instantiate(at.Add(3*time.Hour), nil)
	if err != nil {
		return err
	}
	var r risk.Risk
	var d risk.Decider
	for _, c := range []risk.Command{
		risk.Identify{Meta: h(0), Category: risk.CategoryPrivacy, Title: "resident phone numbers in a shared spreadsheet",
			Subject: risk.Subject{Kind: risk.SubjectProvider, Code: "P001"}, Source: risk.SourceAudit, Owner: owner},
		risk.Assess{Meta: h(1), Assessment: assessment},
		risk.IssueAlert{Meta: h(2), Level: alert},
		risk.ActivatePlan{Meta: h(3), Plan: plan},
		risk.CompleteStep{Meta: h(20), Step: "remove_copies"},
		risk.Remediate{Meta: h(30), Impact: risk.ImpactAssessment{ResidentsAffected: 40, RecordsAffected: 40, FinancialLoss: decimal.Zero, Grade: risk.GradeCommon},
			Accountability: []risk.AccountabilityRecord{{Party: grassroots.Provider, Organization: "P001", Finding: "copied data outside the system", Measure: "training and a contract warning"}}},
		risk.Close{Meta: h(31), Reason: risk.CloseMitigated},
	} {
		evs, err := d.Decide(r, c)
		if err != nil {
			return err
		}
		for _, e := range evs {
			if r, err = d.Evolve(r, e); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(out, "4. risk %s assessed %s, alert %s (%s), now %s: %s\n", r.ID, assessment.Current.Level, alert.Roman(), alert.Colour(), r.Stage, r.Accountability[0].Measure)
	return nil
}
