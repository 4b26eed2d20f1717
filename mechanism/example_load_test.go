package mechanism_test

import (
	"fmt"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/mechanism"
	"github.com/grassrootsgov/grassroots/workday"
)

func ExampleFromIncidentSummary() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	loc := time.FixedZone("CST", 8*3600)
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, loc)
	closed := func(id string, p incident.Platform) incident.Incident {
		return incident.Incident{ID: id, Status: incident.StatusClosed, Category: "002", Platform: p,
			ReportedAt: at, ClosedAt: at.Add(4 * time.Hour)}
	}
	matters := []incident.Incident{
		closed("a", incident.PlatformLawEnforcement), closed("b", incident.PlatformLawEnforcement),
		closed("c", incident.PlatformGovernance), closed("d", incident.PlatformPublicServices),
	}
	year := grassroots.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, loc), End: time.Date(2026, 1, 1, 0, 0, 0, 0, loc)}
	summary, err := incident.Statistics(matters, year, incident.ByPlatform, cal)
	if err != nil {
		fmt.Println(err)
		return
	}
	stats, err := mechanism.FromIncidentSummary(summary, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(stats.Received, stats.Closed, len(stats.Platforms), stats.PlatformSpread().Value)

	_, err = mechanism.FromIncidentSummary(incident.Summary{By: incident.ByCategory}, 0)
	fmt.Println(err)
	// Output:
	// 4 4 3 0.8333
	// mechanism: incident summary grouped by category; want one grouped by platform
}

func ExampleInputs_MatterRate() {
	year := grassroots.Period{Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	in := mechanism.Inputs{Community: "330302001001", Period: year, Residents: 5000,
		Incidents: mechanism.IncidentStats{Received: 690}}
	m := in.MatterRate()
	fmt.Println(m.Value, "per 1,000 residents a year; reference", mechanism.ReferenceMatterRate)
	// Output: 138 per 1,000 residents a year; reference 136
}

func ExampleIncidentStats_PlatformSpread() {
	s := mechanism.IncidentStats{Received: 100, Platforms: []mechanism.PlatformCount{
		{Platform: incident.PlatformLawEnforcement, Received: 50},
		{Platform: incident.PlatformPublicServices, Received: 50},
	}}
	fmt.Println(s.PlatformSpread().Value)
	// Output: 0.6667
}
