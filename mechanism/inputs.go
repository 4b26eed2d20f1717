package mechanism

import (
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
)

// Inputs are the prepared statistics of one community for one assessment
// period: plain values a caller assembles from its grid, incident,
// provider, evaluation and risk records (or from any other source). Every
// slice may be given in any order; results do not depend on it.
//
// The zero value is not valid: Community and Period are required. A nil
// *Inputs answers as the zero Inputs does.
//
// The plain rules of the community's own fields (required text, count
// bounds) are struct tags; Validate checks the elements of the lists and
// the rules between fields (see Validate).
type Inputs struct {
	// Community identifies the community (its 12-digit division code or
	// any unique string); AssessAll uses it to tell peers apart.
	Community string `json:"community" validate:"required"`
	// Period is the assessment period; a contract counts towards grid
	// coverage when its period overlaps this one.
	Period grassroots.Period `json:"period" validate:"-"`
	// Residents is the community's resident population (常住人口) in the
	// period; 0 means not known, and the matter rate, which needs it, is
	// then not OK. A city that counts residents per grid adds up its
	// grid.Grid.Residents.
	Residents int64 `json:"residents" validate:"min=0,max=1000000000000"`
	// Grids are the codes of the community's grids.
	Grids         []string      `json:"grids,omitempty" validate:"-"`
	Tasks         Tasks         `json:"tasks,omitempty" validate:"-"`
	Contracts     []Contract    `json:"contracts,omitempty" validate:"-"`
	Catalogue     Catalogue     `json:"catalogue"`
	Resources     Resources     `json:"resources" validate:"-"`
	Participation Participation `json:"participation"`
	Incidents     IncidentStats `json:"incidents"`
	Scorecards    []Scorecard   `json:"scorecards,omitempty" validate:"-"`
	Risks         []Risk        `json:"risks,omitempty" validate:"-"`
}

// Tasks are the task records of a community; its methods compute the
// functional-substitution metrics that depend on tasks alone.
type Tasks []Task

// Task is a number of tasks of one governance function carried out by one
// kind of performer in the period, with the standard hours one task takes
// (the Standard Cost Model's quantity × standard time). Several records
// for the same function and performer add up. Function is a free code;
// provider.Function wire names are the convention.
type Task struct {
	Function      string          `json:"function"`
	Performer     Performer       `json:"performer"`
	Count         int64           `json:"count"`
	StandardHours decimal.Decimal `json:"standard_hours"`
}

// Contract summarises a provider's service contract: who serves which
// functions where and when, as provider.Contract states it (supplier ID,
// term, scope).
type Contract struct {
	ID       string            `json:"id"`
	Provider string            `json:"provider"`
	Period   grassroots.Period `json:"period"`
	Scope    []ScopeItem       `json:"scope"`
}

// ScopeItem is one function a contract hands to its provider in one area.
// Area is a grid code or the code of a larger area (a community): it
// covers every grid whose code it prefixes, since grid codes extend the
// community code. Function is a free code; provider.Function wire names
// ("grid_patrol", "elderly_care") are the convention, as for Task.
type ScopeItem struct {
	Function string `json:"function"`
	Area     string `json:"area"`
}

// Catalogue describes the data-sharing platform the community's data flows
// through. An "in scope" total of zero means the total is not known: the
// matching ratio is then reported as not OK and the raw count stays raw.
// A nil *Catalogue answers as the zero Catalogue does.
type Catalogue struct {
	DepartmentsInScope   int64 `json:"departments_in_scope" validate:"min=0,max=1000000000000"`
	DepartmentsConnected int64 `json:"departments_connected" validate:"min=0,max=1000000000000"`
	CategoriesInScope    int64 `json:"categories_in_scope" validate:"min=0,max=1000000000000"`
	// Categories counts the catalogued data categories by sharing class.
	Categories ClassCounts `json:"categories"`
	// SystemsInScope is the number of systems (other than the hub) that
	// ought to be connected.
	SystemsInScope int64 `json:"systems_in_scope" validate:"min=0,max=1000000000000"`
	// Hub is the ID of the sharing platform itself, if there is one; it is
	// a node of the exchange graph but not one of Systems.
	Hub string `json:"hub,omitempty" validate:"-"`
	// Systems are the IDs of the systems known to the platform, hub
	// excluded.
	Systems  []string  `json:"systems,omitempty" validate:"-"`
	Links    []Link    `json:"links,omitempty" validate:"-"`
	Datasets []Dataset `json:"datasets,omitempty" validate:"-"`
}

// ClassCounts counts catalogued data categories by the sharing class of
// China's government data catalogues: shared unconditionally (无条件共享),
// on conditions (有条件共享), or not shared (不予共享).
type ClassCounts struct {
	Unconditional int64 `json:"unconditional" validate:"min=0,max=1000000000000"`
	Conditional   int64 `json:"conditional" validate:"min=0,max=1000000000000"`
	NotShared     int64 `json:"not_shared" validate:"min=0,max=1000000000000"`
}

// Total returns the number of categories counted.
func (c ClassCounts) Total() int64 { return c.Unconditional + c.Conditional + c.NotShared }

// Link is a directed data exchange from one system to another, with its
// latency and its level on the Levels of Conceptual Interoperability Model
// (0 none … 6 conceptual). Several links between the same pair are
// allowed (several data flows); the density counts the pair once.
type Link struct {
	From    string  `json:"from"`
	To      string  `json:"to"`
	Latency Latency `json:"latency"`
	Level   int64   `json:"level"`
}

// Dataset is an open dataset with its rating on the five-star open data
// scheme (0 = not openly licensed … 5 = linked data).
type Dataset struct {
	ID    string `json:"id"`
	Stars int64  `json:"stars"`
}

// Resources holds the technology, people and money put into the
// community's governance in the period and how much of each providers
// contributed, in any unit the caller keeps consistent per kind.
type Resources struct {
	Technology Contribution `json:"technology"`
	People     Contribution `json:"people"`
	Money      Contribution `json:"money"`
}

// Contribution is a provider-contributed amount out of a total. A zero
// total means the resource kind is not measured.
type Contribution struct {
	Provider decimal.Decimal `json:"provider" validate:"-"`
	Total    decimal.Decimal `json:"total" validate:"-"`
}

// Participation holds the community's resident activity in the period.
// A nil *Participation answers as the zero Participation does.
type Participation struct {
	RegisteredUsers   int64          `json:"registered_users" validate:"min=0,max=1000000000000"`
	Posts             int64          `json:"posts" validate:"min=0,max=1000000000000"`
	Comments          int64          `json:"comments" validate:"min=0,max=1000000000000"`
	Proposals         int64          `json:"proposals" validate:"min=0,max=1000000000000"`
	ProposalsAccepted int64          `json:"proposals_accepted" validate:"min=0,max=1000000000000"`
	Votes             int64          `json:"votes" validate:"min=0,max=1000000000000"`
	SurveyAnswers     int64          `json:"survey_answers" validate:"min=0,max=1000000000000"`
	Meetings          []Meeting      `json:"meetings,omitempty" validate:"-"`
	JointActions      []JointAction  `json:"joint_actions,omitempty" validate:"-"`
	Participants      []Participants `json:"participants,omitempty" validate:"-"`
}

// Meeting is one consultation meeting (a residents' deliberation council,
// a joint meeting) with the number invited and the number who attended.
type Meeting struct {
	ID       string `json:"id"`
	Invited  int64  `json:"invited"`
	Attended int64  `json:"attended"`
}

// JointAction is a joint inspection, coordinated response or cooperative
// project with its progress as a fraction in [0, 1]. Weight is optional:
// when every weight is zero the progress metric is a plain mean.
type JointAction struct {
	ID       string          `json:"id"`
	Progress decimal.Decimal `json:"progress"`
	Weight   decimal.Decimal `json:"weight"`
}

// Participants lists the IDs of the distinct residents who took one kind
// of action. The same ID may appear under several actions; it counts once
// towards the participation rate.
type Participants struct {
	Action Action   `json:"action"`
	IDs    []string `json:"ids"`
}

// IncidentStats are the incident (matter) statistics of the period. Field
// names follow the unit metrics of the 12345 hotline and digital city
// management: received, closed, closed on time, ratings. Every field is a
// measured value: zero means none, not unknown. A city that does not
// measure one of them leaves the metric out of the indices with weight 0
// (Config.Weights); the same holds for the other inputs.
type IncidentStats struct {
	Received int64 `json:"received" validate:"min=0,max=1000000000000"`
	// Closed counts the received incidents closed now.
	Closed int64 `json:"closed" validate:"min=0,max=1000000000000"`
	// EverClosed counts the received incidents closed at least once:
	// those closed now plus those reopened and not closed again. It is
	// the denominator of the reopen rate; zero means not recorded, and
	// Closed is used instead.
	EverClosed   int64 `json:"ever_closed,omitempty" validate:"min=0,max=1000000000000"`
	ClosedOnTime int64 `json:"closed_on_time" validate:"min=0,max=1000000000000"`
	// MedianHoursToClose and P90HoursToClose are hours from filing to
	// closing over the closed incidents.
	MedianHoursToClose decimal.Decimal `json:"median_hours_to_close" validate:"-"`
	P90HoursToClose    decimal.Decimal `json:"p90_hours_to_close" validate:"-"`
	Rated              int64           `json:"rated" validate:"min=0,max=1000000000000"`
	Satisfied          int64           `json:"satisfied" validate:"min=0,max=1000000000000"`
	Negative           int64           `json:"negative" validate:"min=0,max=1000000000000"`
	Rectified          int64           `json:"rectified" validate:"min=0,max=1000000000000"`
	Reopened           int64           `json:"reopened" validate:"min=0,max=1000000000000"`
	// DiscoveredByProvider counts received incidents first reported by a
	// provider (its patrols, sensors or staff).
	DiscoveredByProvider int64 `json:"discovered_by_provider" validate:"min=0,max=1000000000000"`
	// Platforms counts the received incidents routed to each of the four
	// platforms for grassroots governance, at most one entry per
	// platform, in any order; a platform without an entry received none.
	// Matters not (yet) routed count in Received only. Empty means the
	// routing is not known, and the platform spread is then not OK.
	Platforms []PlatformCount `json:"platforms,omitempty" validate:"-"`
}

// PlatformCount is the number of received incidents routed to one
// platform (incident.Statistics grouped by incident.ByPlatform).
type PlatformCount struct {
	Platform incident.Platform `json:"platform"`
	Received int64             `json:"received"`
}

// Scorecard is an evaluation result: a subject (a provider, a grid, a
// department; may be empty, as in evaluation.Scorecard) with its total
// score and grade. A scorecard shows that interactive evaluation took
// place.
type Scorecard struct {
	Subject string          `json:"subject"`
	Total   decimal.Decimal `json:"total"`
	Grade   string          `json:"grade,omitempty"`
}

// Risk is an entry of the risk register as the assessment needs it: which
// mechanism it threatens, its alert level (1 = level I, the highest, … 4 =
// level IV; 0 = not alerted) and whether it is still open.
type Risk struct {
	ID        string    `json:"id"`
	Mechanism Mechanism `json:"mechanism"`
	Level     int64     `json:"level"`
	Open      bool      `json:"open"`
}

// zeroIfNil returns in, or a zero Inputs for a nil in, so that a nil
// *Inputs answers as the zero value does.
func (in *Inputs) zeroIfNil() *Inputs {
	if in == nil {
		return new(Inputs)
	}
	return in
}
