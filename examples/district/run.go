package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/mechanism"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

const simYear = 2025

// result is what a run leaves behind for the tests: the report, the
// figures folded as the matters settled and the final incident states.
type result struct {
	report *report
	states []incident.Incident // with options.keepStates
	fold   *yearFold
}

func run(o options, stdout, stderr io.Writer) error {
	_, err := execute(o, stdout, stderr)
	return err
}

func execute(o options, stdout, stderr io.Writer) (*result, error) {
	pr := &progress{w: stderr, quiet: o.quiet, start: time.Now()}
	lang, ok := languages[o.lang]
	if o.lang == "" {
		lang, ok = languages[defaultLang], true
	}
	if !ok {
		return nil, &usageError{msg: fmt.Sprintf("-lang must be %s, not %q", strings.Join(languageCodes(), " or "), o.lang)}
	}
	sc, ok := scaleOf(o.scale)
	if !ok {
		return nil, &usageError{msg: fmt.Sprintf("-scale must be small, district, city or a number of grids, not %q", o.scale)}
	}
	rng := rand.New(rand.NewPCG(o.seed, 0x6772617373726f6f)) // "grassroo"

	var h hierarchy
	var err error
	if o.gridFile != "" {
		h, err = loadGrids(o)
		if err != nil {
			return nil, err
		}
	} else {
		h = generateGrids(sc, rng)
	}
	pr.phase("%d grids in %d communities and %d streets", len(h.leaves), len(h.communities), len(h.streets))

	tree, err := grid.NewTree(h.all)
	if err != nil {
		return nil, fmt.Errorf("building the grid tree: %w", err)
	}
	index, err := grid.NewIndex(h.leaves, grid.IndexOptions{CRS: grid.GCJ02})
	if err != nil {
		return nil, fmt.Errorf("indexing grids: %w", err)
	}
	sizing, err := grid.CheckSizing(h.leaves, grid.UrbanNorm())
	if err != nil {
		return nil, err
	}

	w := &world{rng: rng, seed: o.seed, h: h, tree: tree, index: index, year: simYear, keepStates: o.keepStates, refusals: map[string]int{}}
	w.actors = newActors(len(h.leaves))
	if err := w.setUpDeciding(sc); err != nil {
		return nil, err
	}
	if w.router, err = incident.NewRouter(tree, unitAssignments(h, w.providers)); err != nil {
		return nil, fmt.Errorf("registering units: %w", err)
	}
	if w.fold, err = newYearFold(w); err != nil {
		return nil, err
	}
	w.due.policy = incident.DuePolicy{Calendar: w.calendar, Actor: supervisor(h.root), ReminderPercent: 80, ReportAfter: 2}
	w.dupOpts = incident.DuplicateOptions{Radius: 100, Window: 24 * time.Hour, CRS: grid.GCJ02}

	perGrid := decimal.NewFromInt(int64(sc.incidents)).Div(decimal.NewFromInt(int64(sc.cols * sc.rows)))
	expected := make(map[grid.Code]decimal.Decimal, len(h.leaves))
	for _, g := range h.leaves {
		expected[g.Code] = perGrid
	}
	assignment, err := grid.AssignWorkers(h.leaves, gridWorkers(h, rng), grid.AssignOptions{IncidentWeight: decimal.RequireFromString("0.5"), Incidents: expected})
	if err != nil {
		return nil, fmt.Errorf("assigning grid workers: %w", err)
	}

	// A grid sees about the same number of matters a year whatever the
	// district's size: a file of grids gets the preset's rate per grid.
	incidents := sc.incidents
	if o.gridFile != "" {
		incidents = max(100, sc.incidents*len(h.leaves)/(sc.cols*sc.rows))
	}
	w.generateIncidents(incidents)
	if w.sink, err = openSink(o, w); err != nil {
		return nil, err
	}
	pr.phase("simulating %d matters through %d working days", incidents, workingDays(w.calendar))
	w.run(func(done, total int) { pr.phase("reported %d of %d matters", done, total) })
	if w.sink != nil {
		if err := w.sink.close(); err != nil {
			return nil, fmt.Errorf("writing events: %w", err)
		}
		pr.phase("wrote %d events", w.eventCount)
	}
	if w.foldErr != nil {
		return nil, w.foldErr
	}
	pr.phase("%d commands decided (%d refused)", w.commands, w.refused)
	// The scripts have been played; at city scale they hold a gigabyte.
	w.scripts, w.agenda, w.batch, w.dupIndex, w.views = nil, nil, nil, nil, nil
	for _, k := range sortedKeysByCount(w.refusals) {
		pr.phase("refused %s: %d", k, w.refusals[k])
	}

	r := &report{Seed: o.seed, Scale: sc.name, Year: simYear, GridFile: o.gridFile, Grids: len(h.leaves), Communities: len(h.communities), Streets: len(h.streets),
		Workers: len(assignment.Workers), MaxMeanLoad: assignment.Ratio, Bounds: index.Bounds(), Commands: w.commands, Rejected: w.refused}
	for _, g := range h.leaves {
		r.Households += g.Households
		r.Residents += g.Residents
	}
	r.Places = places(h, o.gridFile == "")
	r.SizingIssues = len(sizing)
	if err := fillIncidentFigures(r, w); err != nil {
		return nil, err
	}
	if err := governDistrict(r, w, sc, rng, pr); err != nil {
		return nil, err
	}
	r.Events = w.eventCount

	r.writeText(stdout)
	f, err := os.Create(o.out)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("cannot write the report: %v", err)}
	}
	if err := r.writeHTML(f, lang); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "\nHTML report: %s\n", o.out)
	return &result{report: r, states: w.final, fold: w.fold}, nil
}

func workingDays(cal *workday.Calendar) int {
	n := 0
	for d := time.Date(simYear, 1, 1, 12, 0, 0, 0, cal.Location()); d.Year() == simYear; d = d.AddDate(0, 0, 1) {
		if ok, _ := cal.IsWorkingDay(workday.DateOf(d)); ok {
			n++
		}
	}
	return n
}

// gridWorkers are one full-time worker per grid, living in it, and a
// part-time reserve of one per ten grids.
func gridWorkers(h hierarchy, rng *rand.Rand) []grid.Worker {
	ws := make([]grid.Worker, 0, len(h.leaves)*11/10)
	for _, g := range h.leaves {
		ws = append(ws, grid.Worker{ID: "worker-" + string(g.Code), Kind: grid.WorkerFullTime, Capacity: 700, Home: g.Code})
	}
	for i := range len(h.leaves) / 10 {
		ws = append(ws, grid.Worker{ID: fmt.Sprintf("reserve-%04d", i+1), Kind: grid.WorkerPartTime, Capacity: 400 + rng.IntN(200)})
	}
	return ws
}

var platformUnitNames = map[incident.Platform]string{
	incident.PlatformGovernance:        "gov",
	incident.PlatformLawEnforcement:    "law",
	incident.PlatformMarketSupervision: "mkt",
	incident.PlatformPublicServices:    "svc",
}

// providerUnits are the providers of the district; every third street has
// contracted its public-services work to one of them.
func providerUnits(h hierarchy, n int) []providerUnit {
	out := make([]providerUnit, n)
	for i := range out {
		out[i] = providerUnit{ID: fmt.Sprintf("P%03d", i+1)}
		if len(h.streets) > 0 && i < len(h.streets) && i%3 == 0 {
			out[i].Street = h.streets[i]
		}
	}
	return out
}

// unitAssignments registers a unit per platform on every street and on the
// district (where overdue matters escalate to).
func unitAssignments(h hierarchy, providers []providerUnit) []incident.Assignment {
	contracted := map[grid.Code]string{}
	for _, p := range providers {
		if p.Street != "" {
			contracted[p.Street] = p.ID
		}
	}
	var out []incident.Assignment
	for _, p := range []incident.Platform{incident.PlatformGovernance, incident.PlatformLawEnforcement, incident.PlatformMarketSupervision, incident.PlatformPublicServices} {
		out = append(out, incident.Assignment{Grid: h.root, Platform: p, Unit: "D" + string(h.root) + "-" + platformUnitNames[p]})
		for _, s := range h.streets {
			unit := "S" + string(s) + "-" + platformUnitNames[p]
			if id, ok := contracted[s]; ok && p == incident.PlatformPublicServices {
				unit = id
			}
			out = append(out, incident.Assignment{Grid: s, Platform: p, Unit: unit})
		}
	}
	return out
}

// fillIncidentFigures reads the district's figures from the SDK's
// statistics, folded as the matters settled.
func fillIncidentFigures(r *report, w *world) error {
	f := w.fold
	byPlatform := f.byPlatform.Summary()
	r.Totals = rateRowOf(byPlatform.Total, "district")
	r.Totals.Escalated, r.Totals.Rated = f.escalated, f.rated
	for c := incident.Channel(1); c.IsValid(); c++ {
		if f.channels[c] > 0 {
			r.Channels = append(r.Channels, channelCount{Channel: c, Count: f.channels[c]})
		}
	}
	for st := incident.Status(1); st.IsValid(); st++ {
		if f.unrouted[st] > 0 {
			r.UnroutedBy = append(r.UnroutedBy, statusCount{Status: st, Count: f.unrouted[st]})
		}
	}
	if byPlatform.Unkeyed.Received > 0 {
		// Never dispatched: rejected at acceptance, or still waiting for
		// dispatch at the year's end.
		r.Unrouted = rateRowOf(byPlatform.Unkeyed, "")
	}
	for _, s := range byPlatform.Groups {
		r.Platforms = append(r.Platforms, rateRowOf(s, s.Key))
	}
	for _, s := range f.byCategory.Summary().Groups {
		name := s.Key
		if c, ok := w.catalog.Lookup(s.Key); ok {
			name = c.Name
		}
		r.Categories = append(r.Categories, rateRowOf(s, name))
	}
	escalated := f.gridEscalated
	gridStats := map[grid.Code]incident.Stats{}
	var rows []rateRow
	for _, s := range f.byGrid.Summary().Groups {
		row := rateRowOf(s, s.Key)
		row.Escalated = escalated[grid.Code(s.Key)]
		rows = append(rows, row)
		gridStats[grid.Code(s.Key)] = s
	}
	slices.SortStableFunc(rows, func(a, b rateRow) int {
		if c := a.onTime.Cmp(b.onTime); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	r.WorstGrids = rows[:min(5, len(rows))]
	for _, g := range w.h.leaves {
		community := w.communityOf(g.Code)
		r.Map = append(r.Map, mapCell{Code: g.Code, Community: community, Street: w.streetOf(g.Code), Boundary: g.Boundary,
			Stats: gridStats[g.Code], Escalated: escalated[g.Code]})
	}
	return nil
}

// places lists the district's streets, communities and grids. A generated
// district numbers its places by their codes (see generateGrids), and the
// serials let the HTML report name them in its own language. A file's
// grids keep their own names; the one street and community the run puts
// above them (see loadGrids) are numbered 1 and 1-1.
func places(h hierarchy, generated bool) []place {
	var out []place
	for _, g := range h.all {
		p := place{Code: g.Code, Level: g.Level, Parent: g.Parent, Name: g.Name}
		switch {
		case g.Level != grid.LevelStreet && g.Level != grid.LevelCommunity && g.Level != grid.LevelGrid:
			continue
		case generated:
			p.Serial = generatedSerial(g.Code, g.Level)
		case g.Level == grid.LevelStreet:
			p.Serial = "1"
		case g.Level == grid.LevelCommunity:
			p.Serial = "1-1"
		}
		out = append(out, p)
	}
	return out
}

// generatedSerial reads the serial a generated place is named by from its
// code: the district's six digits, then three for the street, three for
// the community and two for the grid.
func generatedSerial(code grid.Code, level grid.Level) string {
	c := string(code)
	num := func(from, to int) string {
		if len(c) < to {
			return c
		}
		n, err := strconv.Atoi(c[from:to])
		if err != nil {
			return c[from:to]
		}
		return strconv.Itoa(n)
	}
	switch level {
	case grid.LevelStreet:
		return num(6, 9)
	case grid.LevelCommunity:
		return num(6, 9) + "-" + num(9, 12)
	}
	return c[max(0, len(c)-5):]
}

func rateRowOf(s incident.Stats, name string) rateRow {
	return rateRow{Key: s.Key, Name: name, Stats: s, onTime: onTimeKey(s.OnTimeRate)}
}

// onTimeKey orders grids by on-time rate; grids that closed nothing sort
// last, as there is nothing to judge.
func onTimeKey(r incident.Ratio) decimal.Decimal {
	if !r.OK {
		return decimal.NewFromInt(2)
	}
	return r.Value
}

// governDistrict runs the provider, evaluation, risk and mechanism steps
// over the simulated year and adds their figures to the report.
func governDistrict(r *report, w *world, sc scale, rng *rand.Rand, pr *progress) error {
	loc := w.calendar.Location()
	year := grassroots.Period{Start: time.Date(simYear, 1, 1, 0, 0, 0, 0, loc), End: time.Date(simYear+1, 1, 1, 0, 0, 0, 0, loc)}
	gov, err := generateProviders(rng, w.h, w.providers, simYear)
	if err != nil {
		return err
	}
	ambiguities := provider.CheckResponsibility(gov.contracts)
	r.Ambiguities = len(ambiguities)

	access, deniedObs := gov.accessRequests(rng, simYear, 250)
	r.Access = access
	pr.phase("%d data-access requests decided, %d denied", access.Requests, access.Denied)

	ratings := gov.rateProviders(rng, sc.ratings, simYear)
	cards, err := evaluation.Aggregate(providerSystem(), ratings, evaluation.AggregateOptions{
		Central: evaluation.Mean, MinSamples: map[grassroots.Party]int{grassroots.Resident: 30},
	})
	if err != nil {
		return fmt.Errorf("aggregating provider ratings: %w", err)
	}
	scorecards := map[string]evaluation.Scorecard{}
	for _, c := range cards {
		scorecards[c.Subject] = c
	}
	pr.phase("%d ratings from four parties aggregated into %d scorecards", len(ratings), len(cards))

	december := grassroots.Period{Start: time.Date(simYear, 12, 1, 0, 0, 0, 0, loc), End: year.End}
	unitStats := w.fold.december.Summary()
	byUnit := map[string]incident.Stats{}
	for _, s := range unitStats.Groups {
		byUnit[s.Key] = s
	}
	settled, err := gov.settleDecember(simYear, byUnit, scorecards, rng)
	if err != nil {
		return err
	}
	contracts := map[string]int{}
	for _, c := range gov.contracts {
		contracts[c.Supplier.ID]++
	}
	for _, p := range gov.providers {
		row := providerRow{ID: p.ID, Name: p.Name, Contracts: contracts[p.ID],
			Roles: p.RolesAt(december.Start, loc), Models: p.ModelsAt(december.Start, loc)}
		if c, ok := scorecards[p.ID]; ok {
			row.Scored, row.Score, row.Grade, row.Warnings = true, c.Total, c.Grade, len(c.Warnings)
		}
		if s, ok := settled[p.ID]; ok {
			row.Settled, row.Base, row.Deduction, row.Payable = true, s[0], s[1], s[2]
		}
		r.Providers = append(r.Providers, row)
	}
	sortProviders(r.Providers)

	obs := deniedObs
	obs = append(obs, overdueObservations(w.fold, simYear, loc)...)
	obs = append(obs, satisfactionObservations(w.fold, w.providers, simYear, loc)...)
	alloc, err := allocationObservations(simYear, loc, rng)
	if err != nil {
		return err
	}
	obs = append(obs, alloc...)
	obs = append(obs, gov.concentrationObservations(simYear)...)
	rr, err := runRiskChain(simYear, obs, rng)
	if err != nil {
		return err
	}
	pr.phase("%d observations, %d risks through the chain", len(obs), len(rr.risks))
	endOfYear := year.End.Add(-time.Minute)
	for _, rk := range rr.risks {
		row := riskRow{ID: rk.ID, Category: rk.Category, Subject: rk.Subject, Stage: rk.Stage, Alert: rk.Alert,
			Effective: risk.EffectiveTreatment(rk, endOfYear)}
		if rk.Assessment != nil {
			row.Level = rk.Assessment.Current.Level
		}
		r.Risks = append(r.Risks, row)
	}
	sortRisks(r.Risks)
	for _, f := range risk.Focus(rr.risks) {
		r.Focus = append(r.Focus, focusRow{Subject: f.Subject, Alert: f.Highest, Count: f.Count, Since: f.Since.In(loc).Format(time.DateOnly)})
	}
	alerts := rr.gridAlerts()
	for i := range r.Map {
		r.Map[i].Alert = risk.AlertLevel(alerts[r.Map[i].Code])
	}

	// Mechanisms, per community, with peer normalisation across the
	// district's communities.
	tallies := w.fold.tallies
	var inputs []mechanism.Inputs
	for _, c := range w.h.communities {
		in, err := mechanismInputs(c, w, gov, w.fold.communities[c].Summary(), tallies[c], scorecards, rr, rng, year)
		if err != nil {
			return err
		}
		inputs = append(inputs, in)
	}
	assessments, err := mechanism.AssessAll(inputs, mechanism.DefaultConfig())
	if err != nil {
		return fmt.Errorf("assessing mechanisms: %w", err)
	}
	r.Indices = meanIndices(assessments)
	for _, a := range assessments {
		r.Advice = append(r.Advice, adviceOf(a))
	}
	pr.phase("%d communities assessed", len(assessments))
	return nil
}

// meanIndices averages each mechanism index over the communities that
// have it, and each member over the communities where it is OK, rounded
// to four places half away from zero.
func meanIndices(as []mechanism.Assessment) []indexRow {
	four := func(sum decimal.Decimal, n int) decimal.Decimal {
		return sum.DivRound(decimal.NewFromInt(int64(n)), 4)
	}
	type memberSum struct {
		row memberRow
		sum decimal.Decimal
	}
	var rows []indexRow
	for _, m := range mechanism.Mechanisms() {
		sum, n := decimal.Zero, 0
		members := map[string]*memberSum{}
		var order []string
		for _, a := range as {
			for _, ix := range a.Indices {
				if ix.Mechanism != m || !ix.OK {
					continue
				}
				sum = sum.Add(ix.Value)
				n++
				for _, mem := range ix.Members {
					key := mem.Code.String() + "|" + mem.Subject
					ms := members[key]
					if ms == nil {
						ms = &memberSum{row: memberRow{Code: mem.Code, Subject: mem.Subject, Target: mem.Target, Weight: mem.Weight}}
						members[key] = ms
						order = append(order, key)
					}
					if mem.OK {
						ms.sum = ms.sum.Add(mem.Value)
						ms.row.Communities++
					}
				}
			}
		}
		row := indexRow{Mechanism: m, OK: n > 0, Communities: n}
		if n > 0 {
			row.Value = four(sum, n)
		}
		for _, key := range order {
			ms := members[key]
			if ms.row.Communities > 0 {
				ms.row.Value = four(ms.sum, ms.row.Communities)
			}
			row.Members = append(row.Members, ms.row)
		}
		rows = append(rows, row)
	}
	return rows
}

// setUpDeciding gives the world the catalogue, working calendar, incident
// decider and provider units a year is decided with, the same for a run
// and for a replay of a stored one.
func (w *world) setUpDeciding(sc scale) error {
	w.catalog = incident.DefaultCatalog()
	var err error
	if w.calendar, err = workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{}); err != nil {
		return fmt.Errorf("compiling the working calendar: %w", err)
	}
	if w.decider, err = incident.NewDecider(w.catalog, w.calendar, incident.DefaultRedoPolicy()); err != nil {
		return err
	}
	w.providers = providerUnits(w.h, sc.providers)
	w.providerIDs = make(map[string]bool, len(w.providers))
	for _, p := range w.providers {
		w.providerIDs[p.ID] = true
	}
	return nil
}
