package mechanism

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var june2021 = grassroots.Period{
	Start: time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC),
	End:   time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC),
}

// handInputs is a small community whose every metric is computed by hand
// in metric_test.go.
func handInputs() Inputs {
	return Inputs{
		Community: "330302001001",
		Period:    june2021,
		Grids:     []string{"330302001001001", "330302001001002", "330302001001003", "330302001002001"},
		Tasks: Tasks{
			{Function: "grid_patrol", Performer: ByProvider, Count: 30, StandardHours: dec("0.5")},
			{Function: "grid_patrol", Performer: ByGovernment, Count: 10, StandardHours: dec("0.5")},
			{Function: "sanitation", Performer: ByProvider, Count: 5, StandardHours: dec("2")},
			{Function: "sanitation", Performer: ByGovernment, Count: 15, StandardHours: dec("2")},
			{Function: "elderly_care", Performer: ByGovernment, Count: 4, StandardHours: dec("3")},
		},
		Contracts: []Contract{
			{ID: "c1", Provider: "p1", Scope: []ScopeItem{{Function: "grid_patrol", Area: "330302001001"}},
				Period: grassroots.Period{Start: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)}},
			{ID: "c2", Provider: "p2", Scope: []ScopeItem{{Function: "sanitation", Area: "330302001002001"}},
				Period: grassroots.Period{Start: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), End: june2021.Start}},
		},
		Catalogue: Catalogue{
			DepartmentsInScope: 72, DepartmentsConnected: 58,
			CategoriesInScope: 300, Categories: ClassCounts{Unconditional: 150, Conditional: 100, NotShared: 32},
			SystemsInScope: 4, Hub: "hub", Systems: []string{"a", "b", "c"},
			Links: []Link{
				{From: "hub", To: "a", Latency: RealTime, Level: 6},
				{From: "hub", To: "b", Latency: RealTime, Level: 4},
				{From: "a", To: "hub", Latency: Batch, Level: 3},
				{From: "b", To: "c", Latency: RealTime, Level: 2},
				{From: "hub", To: "a", Latency: Batch, Level: 0},
			},
			Datasets: []Dataset{{ID: "d1", Stars: 5}, {ID: "d2", Stars: 3}, {ID: "d3", Stars: 1}},
		},
		Resources: Resources{
			Technology: Contribution{Provider: dec("3"), Total: dec("4")},
			People:     Contribution{Provider: dec("10"), Total: dec("40")},
			Money:      Contribution{Provider: dec("0"), Total: dec("0")},
		},
		Participation: Participation{
			RegisteredUsers: 10, Posts: 5, Comments: 7, Proposals: 8, ProposalsAccepted: 3, SurveyAnswers: 2,
			Meetings: []Meeting{{ID: "m1", Invited: 30, Attended: 20}, {ID: "m2", Invited: 20, Attended: 15}},
			JointActions: []JointAction{
				{ID: "j1", Progress: dec("0.5")}, {ID: "j2", Progress: dec("1")}, {ID: "j3", Progress: dec("0.2")},
			},
			Participants: []Participants{
				{Action: Post, IDs: []string{"u1", "u2"}},
				{Action: Vote, IDs: []string{"u2", "u3"}},
				{Action: Attend, IDs: []string{"u4"}},
			},
		},
		Incidents: IncidentStats{
			Received: 919, Closed: 919, ClosedOnTime: 870,
			MedianHoursToClose: dec("26.5"), P90HoursToClose: dec("71.25"),
			Rated: 420, Satisfied: 400, Negative: 20, Rectified: 15, Reopened: 9,
			DiscoveredByProvider: 276,
		},
		Scorecards: []Scorecard{{Subject: "p1", Total: dec("86.5"), Grade: "good"}},
		Risks: []Risk{
			{ID: "r3", Mechanism: ResourceCoordination, Level: 0, Open: true},
			{ID: "r2", Mechanism: ResourceCoordination, Level: 2, Open: true},
			{ID: "r1", Mechanism: ResourceCoordination, Level: 1, Open: true},
			{ID: "r4", Mechanism: FunctionalSubstitution, Level: 1, Open: false},
		},
	}
}

// generated returns a random valid community from rng, sized like a
// city community: a dozen grids, a few hundred task records and links,
// thousands of registered users.
func generated(rng *rand.Rand, id int) Inputs {
	in := Inputs{Community: fmt.Sprintf("3303020%05d", id), Period: june2021, Residents: int64(3000 + rng.IntN(20000))}
	for g := range 8 + rng.IntN(8) {
		in.Grids = append(in.Grids, fmt.Sprintf("%s%03d", in.Community, g+1))
	}
	functions := []string{"elderly_care", "childcare", "sanitation", "grid_patrol", "data_collection", "platform_operation"}
	for range 30 {
		p := ByGovernment
		if rng.IntN(2) == 0 {
			p = ByProvider
		}
		in.Tasks = append(in.Tasks, Task{
			Function: functions[rng.IntN(len(functions))], Performer: p,
			Count: int64(rng.IntN(200)), StandardHours: decimal.New(int64(1+rng.IntN(40)), -1),
		})
	}
	for c := range 3 {
		in.Contracts = append(in.Contracts, Contract{
			ID: fmt.Sprintf("c%d", c), Provider: fmt.Sprintf("p%d", c),
			Scope:  []ScopeItem{{Function: functions[c], Area: in.Grids[rng.IntN(len(in.Grids))]}},
			Period: grassroots.Period{Start: june2021.Start.AddDate(0, -rng.IntN(12), 0)},
		})
	}
	cat := &in.Catalogue
	cat.DepartmentsInScope = int64(40 + rng.IntN(40))
	cat.DepartmentsConnected = int64(rng.IntN(int(cat.DepartmentsInScope) + 1))
	cat.Categories = ClassCounts{Unconditional: int64(rng.IntN(150)), Conditional: int64(rng.IntN(100)), NotShared: int64(rng.IntN(50))}
	cat.CategoriesInScope = cat.Categories.Total() + int64(rng.IntN(50))
	cat.Hub = "hub"
	for s := range 15 {
		cat.Systems = append(cat.Systems, fmt.Sprintf("s%02d", s))
	}
	cat.SystemsInScope = int64(len(cat.Systems) + rng.IntN(5))
	nodes := append([]string{"hub"}, cat.Systems...)
	for range 40 {
		from, to := nodes[rng.IntN(len(nodes))], nodes[rng.IntN(len(nodes))]
		if from == to {
			continue
		}
		cat.Links = append(cat.Links, Link{From: from, To: to, Latency: Latency(1 + rng.IntN(2)), Level: int64(rng.IntN(7))})
	}
	for d := range 20 {
		cat.Datasets = append(cat.Datasets, Dataset{ID: fmt.Sprintf("d%d", d), Stars: int64(rng.IntN(6))})
	}
	contribution := func() Contribution {
		total := int64(rng.IntN(1000))
		return Contribution{Provider: decimal.NewFromInt(int64(rng.IntN(int(total) + 1))), Total: decimal.NewFromInt(total)}
	}
	in.Resources = Resources{Technology: contribution(), People: contribution(), Money: contribution()}
	p := &in.Participation
	p.RegisteredUsers = int64(1000 + rng.IntN(15000))
	p.Posts, p.Comments, p.Votes, p.SurveyAnswers = int64(rng.IntN(800)), int64(rng.IntN(500)), int64(rng.IntN(300)), int64(rng.IntN(200))
	p.Proposals = int64(rng.IntN(40))
	p.ProposalsAccepted = int64(rng.IntN(int(p.Proposals) + 1))
	for m := range 4 {
		inv := int64(10 + rng.IntN(50))
		p.Meetings = append(p.Meetings, Meeting{ID: fmt.Sprintf("m%d", m), Invited: inv, Attended: int64(rng.IntN(int(inv) + 1))})
	}
	for j := range 3 {
		p.JointActions = append(p.JointActions, JointAction{
			ID: fmt.Sprintf("j%d", j), Progress: decimal.New(int64(rng.IntN(101)), -2), Weight: decimal.NewFromInt(int64(rng.IntN(3))),
		})
	}
	for _, a := range []Action{Post, Comment, Vote, Attend} {
		g := Participants{Action: a}
		for range 50 {
			g.IDs = append(g.IDs, fmt.Sprintf("u%d", rng.IntN(400)))
		}
		p.Participants = append(p.Participants, g)
	}
	s := &in.Incidents
	s.Received = int64(100 + rng.IntN(1000))
	s.Closed = int64(rng.IntN(int(s.Received) + 1))
	s.ClosedOnTime = int64(rng.IntN(int(s.Closed) + 1))
	s.MedianHoursToClose = decimal.New(int64(rng.IntN(1000)), -1)
	s.P90HoursToClose = s.MedianHoursToClose.Add(decimal.New(int64(rng.IntN(1000)), -1))
	s.Rated = int64(rng.IntN(int(s.Closed) + 1))
	s.Satisfied = int64(rng.IntN(int(s.Rated) + 1))
	s.Negative = s.Rated - s.Satisfied
	s.Rectified = int64(rng.IntN(int(s.Negative) + 1))
	s.EverClosed = s.Closed + int64(rng.IntN(int(s.Received-s.Closed)+1))
	s.Reopened = int64(rng.IntN(int(s.EverClosed)/10 + 1))
	s.DiscoveredByProvider = int64(rng.IntN(int(s.Received) + 1))
	left := s.Received
	for _, pl := range rng.Perm(4) {
		n := int64(rng.IntN(int(left) + 1))
		s.Platforms = append(s.Platforms, PlatformCount{Platform: incident.Platform(pl + 1), Received: n})
		left -= n
	}
	for r := range 4 {
		in.Risks = append(in.Risks, Risk{ID: fmt.Sprintf("r%d", r), Mechanism: Mechanism(1 + rng.IntN(3)), Level: int64(rng.IntN(5)), Open: rng.IntN(3) > 0})
	}
	return in
}

// shuffled returns a copy of in with every slice in a random order.
func shuffled(rng *rand.Rand, in Inputs) Inputs {
	out := in
	out.Grids = shuffle(rng, in.Grids)
	out.Tasks = shuffle(rng, in.Tasks)
	out.Contracts = shuffle(rng, in.Contracts)
	out.Catalogue.Systems = shuffle(rng, in.Catalogue.Systems)
	out.Catalogue.Links = shuffle(rng, in.Catalogue.Links)
	out.Catalogue.Datasets = shuffle(rng, in.Catalogue.Datasets)
	out.Participation.Meetings = shuffle(rng, in.Participation.Meetings)
	out.Participation.JointActions = shuffle(rng, in.Participation.JointActions)
	groups := shuffle(rng, in.Participation.Participants)
	for i := range groups {
		groups[i].IDs = shuffle(rng, groups[i].IDs)
	}
	out.Participation.Participants = groups
	out.Scorecards = shuffle(rng, in.Scorecards)
	out.Risks = shuffle(rng, in.Risks)
	out.Incidents.Platforms = shuffle(rng, in.Incidents.Platforms)
	return out
}

func shuffle[T any](rng *rand.Rand, s []T) []T {
	if s == nil {
		return nil
	}
	out := append([]T(nil), s...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
