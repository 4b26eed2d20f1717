package main

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/mechanism"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
)

// The mechanism assessment reads each community's year from the records
// the other packages produced: task counts from the incident log and the
// provider contracts, the district's data-sharing catalogue, resources,
// participation on the community's platform, the residents and the
// incident statistics by platform (the volume and mix of the governance
// load), provider scorecards and the risk register. Participation and the
// catalogue are synthetic; everything else is the run's own output.

// communityCatalogue is what a community reaches of the district's
// data-sharing platform, shaped like the Deqing "one map" case the study
// describes (58 departments, 282 categories, 15 systems shared in real
// time) at full maturity. maturity in (0, 1] scales how many departments,
// categories and systems the community is connected to and how well.
func communityCatalogue(rng *rand.Rand, maturity float64) mechanism.Catalogue {
	scale := func(n int64) int64 { return max(1, int64(float64(n)*maturity+0.5)) }
	c := mechanism.Catalogue{
		DepartmentsInScope: 64, DepartmentsConnected: scale(58), CategoriesInScope: 310,
		Categories:     mechanism.ClassCounts{Unconditional: scale(148), Conditional: scale(103), NotShared: 31 + (282-scale(282))/4},
		SystemsInScope: 18, Hub: "data-hub",
	}
	systems := int(scale(15))
	for i := range systems {
		id := fmt.Sprintf("sys-%02d", i+1)
		c.Systems = append(c.Systems, id)
		lat := mechanism.RealTime
		if rng.Float64() > maturity {
			lat = mechanism.Batch
		}
		level := int64(1 + min(5, int(maturity*5+rng.Float64())))
		c.Links = append(c.Links, mechanism.Link{From: id, To: c.Hub, Latency: lat, Level: level})
		if i%4 == 0 {
			c.Links = append(c.Links, mechanism.Link{From: c.Hub, To: id, Latency: lat, Level: level})
		}
	}
	for i := range scale(40) {
		c.Datasets = append(c.Datasets, mechanism.Dataset{ID: fmt.Sprintf("ds-%02d", i+1), Stars: int64(1 + min(4, int(maturity*4+rng.Float64())))})
	}
	return c
}

// mechanismInputs assembles one community's inputs.
func mechanismInputs(community grid.Code, w *world, g *governance, summary incident.Summary, tally communityTally, scorecards map[string]evaluation.Scorecard,
	rr *riskRun, rng *rand.Rand, period grassroots.Period) (mechanism.Inputs, error) {
	// Older inner-city communities are less connected than new
	// districts' ones: maturity spreads from a fifth to full.
	maturity := 0.2 + 0.8*rng.Float64()
	in := mechanism.Inputs{Community: string(community), Period: period, Catalogue: communityCatalogue(rng, maturity)}
	street, _ := w.tree.Parent(community)
	residents, households := 0, 0
	for _, c := range w.tree.Children(community) {
		in.Grids = append(in.Grids, string(c))
		if gr, ok := w.tree.Get(c); ok {
			residents += gr.Residents
			households += gr.Households
		}
	}
	// Tasks: who reported and who handled the community's matters, and
	// the contracted service work.
	reportedBy, handledBy, discovered := tally.reportedBy, tally.handledBy, tally.discovered
	hours := decimal.RequireFromString
	in.Tasks = mechanism.Tasks{
		{Function: "incident_reporting", Performer: mechanism.ByProvider, Count: reportedBy[0], StandardHours: hours("0.5")},
		{Function: "incident_reporting", Performer: mechanism.ByGovernment, Count: reportedBy[1], StandardHours: hours("0.5")},
		{Function: "incident_handling", Performer: mechanism.ByProvider, Count: handledBy[0], StandardHours: hours("2")},
		{Function: "incident_handling", Performer: mechanism.ByGovernment, Count: handledBy[1], StandardHours: hours("2")},
		{Function: "grid_patrol", Performer: mechanism.ByGovernment, Count: int64(len(in.Grids) * 248), StandardHours: hours("3")},
	}
	var providerPatrols int64
	for _, c := range g.contracts {
		if g.buyers[c.ID] != street {
			continue
		}
		in.Contracts = append(in.Contracts, mechanism.FromContract(c))
		for _, item := range c.Scope {
			if item.Function == provider.GridPatrol {
				providerPatrols += int64(len(in.Grids) * 124)
			}
		}
		if sc, ok := scorecards[c.Supplier.ID]; ok {
			in.Scorecards = append(in.Scorecards, mechanism.FromScorecard(sc))
		}
	}
	if providerPatrols > 0 {
		in.Tasks = append(in.Tasks, mechanism.Task{Function: "grid_patrol", Performer: mechanism.ByProvider, Count: providerPatrols, StandardHours: hours("3")})
	}
	// Resources: the providers' part of the technology, staff and money
	// the community's governance uses.
	share := func(lo, hi float64) mechanism.Contribution {
		total := decimal.NewFromInt(1000)
		return mechanism.Contribution{Provider: decimal.NewFromInt(int64(1000 * (lo + (hi-lo)*rng.Float64()))), Total: total}
	}
	in.Resources = mechanism.Resources{Technology: share(0.1, 0.3+0.5*maturity), People: share(0.05, 0.35), Money: share(0.05, 0.4)}
	// Participation on the community's platform.
	users := int64(float64(residents) * (0.05 + 0.55*rng.Float64()))
	p := mechanism.Participation{RegisteredUsers: users, Posts: users * int64(2+rng.IntN(6)) / 100, Comments: users * int64(5+rng.IntN(10)) / 100,
		Proposals: int64(5 + rng.IntN(30)), Votes: users * int64(10+rng.IntN(30)) / 100, SurveyAnswers: int64(households / 10)}
	p.ProposalsAccepted = p.Proposals * int64(20+rng.IntN(50)) / 100
	for m := range 12 {
		invited := int64(25 + rng.IntN(10))
		p.Meetings = append(p.Meetings, mechanism.Meeting{ID: fmt.Sprintf("%s-m%02d", community, m+1), Invited: invited, Attended: invited * int64(40+rng.IntN(55)) / 100})
	}
	for j := range 4 {
		p.JointActions = append(p.JointActions, mechanism.JointAction{ID: fmt.Sprintf("%s-ja%d", community, j+1), Progress: decimal.New(int64(30+rng.IntN(71)), -2), Weight: decimal.NewFromInt(1)})
	}
	active := users * int64(15+rng.IntN(30)) / 100
	for _, action := range []mechanism.Action{mechanism.Post, mechanism.Comment, mechanism.Vote, mechanism.AnswerSurvey} {
		ids := make([]string, 0, active/2)
		for k := int64(0); k < active/2; k++ {
			ids = append(ids, fmt.Sprintf("u%d", rng.Int64N(max(1, active))))
		}
		p.Participants = append(p.Participants, mechanism.Participants{Action: action, IDs: ids})
	}
	in.Participation = p
	in.Residents = int64(residents)
	stats, err := mechanism.FromIncidentSummary(summary, discovered)
	if err != nil {
		return mechanism.Inputs{}, fmt.Errorf("community %s: %w", community, err)
	}
	in.Incidents = stats
	for _, r := range rr.risks {
		if !riskConcerns(r, community, street, g) {
			continue
		}
		in.Risks = append(in.Risks, mechanism.FromRisk(r, mechanismOf(r.Category)))
	}
	return in, nil
}

func riskConcerns(r risk.Risk, community, street grid.Code, g *governance) bool {
	switch r.Subject.Kind {
	case risk.SubjectGrid:
		return strings.HasPrefix(r.Subject.Code, string(community))
	case risk.SubjectProvider:
		for _, c := range g.contracts {
			if c.Supplier.ID == r.Subject.Code && g.buyers[c.ID] == street {
				return true
			}
		}
	}
	return false
}

// mechanismOf files each risk category under the mechanism it threatens.
func mechanismOf(c risk.Category) mechanism.Mechanism {
	switch c {
	case risk.CategoryDataSecurity, risk.CategoryPrivacy:
		return mechanism.ResourceCoordination
	case risk.CategoryServiceFailure, risk.CategoryFinancial:
		return mechanism.FunctionalSubstitution
	default:
		return mechanism.MultiStakeholderInteraction
	}
}

// adviceOf keeps a community's recommendation as the mechanism package
// evaluated it: the models, and every rule with its conditions and
// margins, for the report to word.
func adviceOf(a mechanism.Assessment) adviceRow {
	return adviceRow{Community: grid.Code(a.Community), Models: a.Recommendation.Models, Weak: a.Recommendation.Weak, Rules: a.Recommendation.Rules}
}
