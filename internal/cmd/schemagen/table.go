package main

import (
	"github.com/grassrootsgov/grassroots/internal/open311host"
	"reflect"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/internal/schemagen"
	"github.com/grassrootsgov/grassroots/mechanism"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

// codecs lists the lifecycle codecs whose events get a data schema each.
// A new lifecycle is one line here.
func codecs() []eventSource {
	return []eventSource{
		events(incident.Codec),
		events(risk.Codec),
		events(provider.Codec),
		events(open311host.RecordCodec()),
	}
}

// catalogDocument is the form incident.(*Catalog).MarshalJSON writes and
// incident.ParseCatalog reads.
type catalogDocument struct {
	Categories []incident.Category `json:"categories"`
}

// wireTypes lists the JSON wire types: every document a vendor hands the
// SDK or receives from it as JSON (specs, inputs, results, states, the
// envelope). A new type is one line here; a type that writes its own
// JSON needs an override as well (overrides.go).
func wireTypes() []wire {
	return []wire{
		{pkg: "grassroots", name: "event", typ: reflect.TypeFor[grassroots.Event](),
			title: "grassroots.Event", description: "A CloudEvents 1.0 envelope in structured-mode JSON as this SDK writes and reads it, with the hash-chain extensions sequence, prevhash and hash."},

		{pkg: "workday", name: "spec", typ: reflect.TypeFor[workday.Spec](),
			title: "workday.Spec", description: "A working-time calendar as data (workday.ParseSpec reads it, NewCalendar compiles it): time zone, the dates it covers, working hours, weekly rest days, holidays, adjusted working days and provisional spans.",
			patch: restDays},
		{pkg: "workday", name: "notice", typ: reflect.TypeFor[workday.Notice](),
			title: "workday.Notice", description: "One year's holiday arrangement as the State Council General Office's notice gives it, transcribed (workday.ParseNotice reads it): holidays and adjusted working days."},
		{pkg: "workday", name: "limit", typ: reflect.TypeFor[workday.Limit](),
			title: "workday.Limit", description: "A time limit: an amount of calendar minutes, hours or days, or of working hours or days."},
		{pkg: "workday", name: "deadline", typ: reflect.TypeFor[workday.Deadline](),
			title: "workday.Deadline", description: "The instant a time limit expires, and whether it rests on a provisional day, one whose holidays no published notice fixes yet."},

		{pkg: "grid", name: "grid", typ: reflect.TypeFor[grid.Grid](),
			title: "grid.Grid", description: "A grid or administrative unit: its code, level, kind, parent, boundary (GeoJSON MultiPolygon coordinates in its CRS) and population."},
		{pkg: "grid", name: "division", typ: reflect.TypeFor[grid.Division](),
			title: "grid.Division", description: "A statistical division code with its level and parent, as grid.ParseDivision returns it."},
		{pkg: "grid", name: "worker", typ: reflect.TypeFor[grid.Worker](),
			title: "grid.Worker", description: "A grid worker to assign: ID, kind, capacity in household equivalents and home grid."},
		{pkg: "grid", name: "assignment", typ: reflect.TypeFor[grid.Assignment](),
			title: "grid.Assignment", description: "The result of grid.AssignWorkers: one duty per grid, each worker's load, and the balance of the loads."},
		{pkg: "grid", name: "partition_report", typ: reflect.TypeFor[grid.PartitionReport](),
			title: "grid.PartitionReport", description: "The result of grid.CheckPartition and CheckSiblings: overlaps, gaps, children outside their parent, slivers and the grids that could not be checked."},
		{pkg: "grid", name: "sizing_norm", typ: reflect.TypeFor[grid.SizingNorm](),
			title: "grid.SizingNorm", description: "A sizing norm for grids: the household and resident limits grid.CheckSizing holds grids to."},
		{pkg: "grid", name: "sizing_issue", typ: reflect.TypeFor[grid.SizingIssue](),
			title: "grid.SizingIssue", description: "One finding of grid.CheckSizing: a grid whose households or residents break the norm."},

		{pkg: "incident", name: "incident", typ: reflect.TypeFor[incident.Incident](),
			title: "incident.Incident", description: "The state of one incident, folded from its events: the read model a system keeps and shows."},
		{pkg: "incident", name: "catalog", typ: reflect.TypeFor[catalogDocument](),
			title: "incident.Catalog", description: "A catalogue of incident categories with their platform, acceptance and handling limits, close condition and priority, as incident.ParseCatalog reads it."},
		{pkg: "incident", name: "summary", typ: reflect.TypeFor[incident.Summary](),
			title: "incident.Summary", description: "The result of incident.Statistics: the statistics of a period in total, by group and for the incidents without a key."},
		{pkg: "incident", name: "assignment", typ: reflect.TypeFor[incident.Assignment](),
			title: "incident.Assignment", description: "A routing entry: the unit that handles a platform's incidents in a grid, as incident.NewRouter takes it."},
		{pkg: "incident", name: "match", typ: reflect.TypeFor[incident.Match](),
			title: "incident.Match", description: "One likely duplicate found by incident.FindDuplicates: the open incident's ID and its distance in metres."},

		{pkg: "risk", name: "risk", typ: reflect.TypeFor[risk.Risk](),
			title: "risk.Risk", description: "The state of one risk, folded from its events: identification, assessment, alert, plan, actions, acceptance, review, impact, accountability and escalations."},
		{pkg: "risk", name: "rule", typ: reflect.TypeFor[risk.Rule](),
			title: "risk.Rule", description: "A detection rule: the indicator of the selected subjects and the condition on it that raises a hit."},
		{pkg: "risk", name: "observation", typ: reflect.TypeFor[risk.Observation](),
			title: "risk.Observation", description: "One value of an indicator for a subject at a time, as risk.Detect reads observations."},
		{pkg: "risk", name: "hit", typ: reflect.TypeFor[risk.Hit](),
			title: "risk.Hit", description: "A rule's condition holding for a subject, with its evidence: what risk.Detect returns."},
		{pkg: "risk", name: "matrix", typ: reflect.TypeFor[risk.Matrix](),
			title: "risk.Matrix", description: "A risk matrix: a level for each likelihood and impact, by lookup cells or by bands of the product."},
		{pkg: "risk", name: "scale", typ: reflect.TypeFor[risk.Scale](),
			title: "risk.Scale", description: "A quantitative risk scale: bins of a score from 0 to its maximum, each with a level."},
		{pkg: "risk", name: "assessment", typ: reflect.TypeFor[risk.Assessment](),
			title: "risk.Assessment", description: "A risk assessment: the matrix or scale used, the rating (likelihood, impact, level) before and after controls, and the share of a score that controls remove."},
		{pkg: "risk", name: "plan_template", typ: reflect.TypeFor[risk.PlanTemplate](),
			title: "risk.PlanTemplate", description: "A response plan template: the category and alert level it serves and the steps, each with its role and time limit, that it instantiates."},
		{pkg: "risk", name: "alert_mapping", typ: reflect.TypeFor[risk.AlertMapping](),
			title: "risk.AlertMapping", description: "The alert level issued for each risk level."},
		{pkg: "risk", name: "focus_entry", typ: reflect.TypeFor[risk.FocusEntry](),
			title: "risk.FocusEntry", description: "One subject on the focus list of risk.Focus: the most severe alert in force among its risks, how many have one, and since when."},
		{pkg: "risk", name: "sample", typ: reflect.TypeFor[risk.Sample](),
			title: "risk.Sample", description: "One case of a fairness check, as risk.Fairness reads samples: its group, the actual and the predicted outcome, and an optional weight."},
		{pkg: "risk", name: "fairness_report", typ: reflect.TypeFor[risk.FairnessReport](),
			title: "risk.FairnessReport", description: "The result of risk.Fairness: rates per group and the disparate impact and equal opportunity measures between groups."},

		{pkg: "evaluation", name: "system", typ: reflect.TypeFor[evaluation.System](),
			title: "evaluation.System", description: "An indicator system (evaluation.ParseSystem reads it): a tree of weighted indicators with direction, scale and the parties that may rate each leaf."},
		{pkg: "evaluation", name: "rating", typ: reflect.TypeFor[evaluation.Rating](),
			title: "evaluation.Rating", description: "One rater's value for one indicator of one subject, as evaluation.Aggregate reads ratings."},
		{pkg: "evaluation", name: "scorecard", typ: reflect.TypeFor[evaluation.Scorecard](),
			title: "evaluation.Scorecard", description: "The explained score of one subject: total, grade, every indicator's line and the warnings, with the scale and rounding of its numbers."},
		{pkg: "evaluation", name: "bands", typ: reflect.TypeFor[evaluation.Bands](),
			title: "evaluation.Bands", description: "A grading scheme: bands in decreasing order of their minimum score, and the grade below every band."},
		{pkg: "evaluation", name: "node", typ: reflect.TypeFor[evaluation.Node](),
			title: "evaluation.Node", description: "A node of an AHP hierarchy: its code, the pairwise comparison of its children and the children, as evaluation.Synthesize reads it."},
		{pkg: "evaluation", name: "ahp_result", typ: reflect.TypeFor[evaluation.AHPResult](),
			title: "evaluation.AHPResult", description: "The result of evaluation.AHP: weights, principal eigenvalue and consistency."},
		{pkg: "evaluation", name: "synthesis", typ: reflect.TypeFor[evaluation.Synthesis](),
			title: "evaluation.Synthesis", description: "The result of evaluation.Synthesize: global leaf weights, each node's local result and the hierarchy's consistency."},
		{pkg: "evaluation", name: "group_result", typ: reflect.TypeFor[evaluation.GroupResult](),
			title: "evaluation.GroupResult", description: "The result of evaluation.GroupAHP: the group's weights, each expert's result and the combined matrix's result."},
		{pkg: "evaluation", name: "entropy_result", typ: reflect.TypeFor[evaluation.EntropyResult](),
			title: "evaluation.EntropyResult", description: "The result of evaluation.EntropyWeights: weights and each criterion's entropy."},
		{pkg: "evaluation", name: "critic_result", typ: reflect.TypeFor[evaluation.CRITICResult](),
			title: "evaluation.CRITICResult", description: "The result of evaluation.CRITIC: weights, standard deviations and information content."},
		{pkg: "evaluation", name: "topsis_result", typ: reflect.TypeFor[evaluation.TOPSISResult](),
			title: "evaluation.TOPSISResult", description: "The result of evaluation.TOPSIS: distances to the ideal and anti-ideal, closeness and rank of each alternative."},
		{pkg: "evaluation", name: "fuzzy_result", typ: reflect.TypeFor[evaluation.FuzzyResult](),
			title: "evaluation.FuzzyResult", description: "The result of evaluation.FuzzyEvaluate: the evaluation vector and the grade it selects."},
		{pkg: "evaluation", name: "two_level_result", typ: reflect.TypeFor[evaluation.TwoLevelResult](),
			title: "evaluation.TwoLevelResult", description: "The result of evaluation.FuzzyEvaluateTwoLevel: each group's result and the overall one."},
		{pkg: "evaluation", name: "alpha", typ: reflect.TypeFor[evaluation.Alpha](),
			title: "evaluation.Alpha", description: "The result of evaluation.KrippendorffAlpha: the coefficient, the observed and expected disagreement, and the units and pairable values it rests on."},
		{pkg: "evaluation", name: "kendall_result", typ: reflect.TypeFor[evaluation.KendallResult](),
			title: "evaluation.KendallResult", description: "The result of evaluation.KendallW: the coefficient of concordance and its chi-square test."},
		{pkg: "evaluation", name: "share", typ: reflect.TypeFor[evaluation.Share](),
			title: "evaluation.Share", description: "A count out of a total with its percentage, as evaluation.CSAT returns it."},
		{pkg: "evaluation", name: "nps_result", typ: reflect.TypeFor[evaluation.NPSResult](),
			title: "evaluation.NPSResult", description: "The result of evaluation.NPS: promoters, passives, detractors and the net promoter score."},
		{pkg: "evaluation", name: "service_tally", typ: reflect.TypeFor[evaluation.ServiceTally](),
			title: "evaluation.ServiceTally", description: "The counts of a government service rating (好差评) by grade, as evaluation.ServiceRating reads them."},
		{pkg: "evaluation", name: "service_rating_result", typ: reflect.TypeFor[evaluation.ServiceRatingResult](),
			title: "evaluation.ServiceRatingResult", description: "The result of evaluation.ServiceRating: satisfaction and rectification rates."},

		{pkg: "mechanism", name: "inputs", typ: reflect.TypeFor[mechanism.Inputs](),
			title: "mechanism.Inputs", description: "The prepared statistics of one community for one period that the mechanism metrics are computed from."},
		{pkg: "mechanism", name: "config", typ: reflect.TypeFor[mechanism.Config](),
			title: "mechanism.Config", description: "The configuration of mechanism.Assess: hours per full-time equivalent, the weight of conditional sharing, the functions' weighting, index targets and weights, profile targets, the recommendation's thresholds and how many highlights to list."},
		{pkg: "mechanism", name: "assessment", typ: reflect.TypeFor[mechanism.Assessment](),
			title: "mechanism.Assessment", description: "The result of mechanism.Assess for one community: metrics by group, mechanism indices, strengths, gaps, risks, profile and recommendation."},
		{pkg: "mechanism", name: "profile", typ: reflect.TypeFor[mechanism.Profile](),
			title: "mechanism.Profile", description: "A community's trait scores in [0, 1], as mechanism.Recommend reads them."},
		{pkg: "mechanism", name: "recommendation", typ: reflect.TypeFor[mechanism.Recommendation](),
			title: "mechanism.Recommendation", description: "The result of mechanism.Recommend: the participation models the rules select, and the rules with their conditions."},

		{pkg: "provider", name: "provider", typ: reflect.TypeFor[provider.Provider](),
			title: "provider.Provider", description: "A service provider: identity, unified social credit code, legal form, status history, memberships, participation and services."},
		{pkg: "provider", name: "contract", typ: reflect.TypeFor[provider.Contract](),
			title: "provider.Contract", description: "A service contract between a buyer and a supplier: period, value, scope, terms, responsibilities, service levels, quality factors, milestones and transactions."},
		{pkg: "provider", name: "state", typ: reflect.TypeFor[provider.State](),
			title: "provider.State", description: "The state of one contract's lifecycle, folded from its events."},
		{pkg: "provider", name: "grant", typ: reflect.TypeFor[provider.Grant](),
			title: "provider.Grant", description: "A data-access grant: who may process which fields for which purposes on what legal basis, for how long and how the data is disposed of."},
		{pkg: "provider", name: "request", typ: reflect.TypeFor[provider.Request](),
			title: "provider.Request", description: "A data-access request to decide against the compiled grants."},
		{pkg: "provider", name: "decision", typ: reflect.TypeFor[provider.Decision](),
			title: "provider.Decision", description: "The decision on a data-access request: allowed or not, the grant that allows it and the reasons for a refusal."},
		{pkg: "provider", name: "measurement", typ: reflect.TypeFor[provider.Measurement](),
			title: "provider.Measurement", description: "One measured value of a service-level metric over a window, as provider.Settle reads measurements."},
		{pkg: "provider", name: "settlement", typ: reflect.TypeFor[provider.Settlement](),
			title: "provider.Settlement", description: "The result of provider.Settle: the base amount, the payable amount and the lines that lead from one to the other."},
	}
}

// restDays narrows workday.Spec's rest_days to weekday names, which
// ParseSpec reads in any case.
func restDays(doc schemagen.Schema) {
	props := doc["properties"].(schemagen.Schema)
	props["rest_days"] = schemagen.Schema{"type": "array", "items": weekdaySchema()}
}
