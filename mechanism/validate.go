package mechanism

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
)

// Bounds on decimal inputs. The exponent bound keeps arithmetic on hostile
// input (such as "1e999999999") from exhausting memory before the value
// range is even checked.
const (
	minExponent = -18
	maxExponent = 15
)

var maxAmount = decimal.New(1, 15)

// problems collects field errors so that Validate reports all at once.
type problems []grassroots.FieldError

func (p *problems) add(path, rule, msg string) {
	*p = append(*p, grassroots.FieldError{Path: path, Rule: rule, Message: msg})
}

func (p *problems) required(path, s string) {
	if s == "" {
		p.add(path, "required", path+" is required")
	}
}

func (p *problems) nonNegative(path string, n int64) {
	if n < 0 {
		p.add(path, "min", path+" must not be negative")
	}
}

// notAbove reports n > limit, naming the limiting field.
func (p *problems) notAbove(path string, n int64, limitPath string, limit int64) {
	if n > limit {
		p.add(path, "lte", path+" must not exceed "+limitPath+" ("+strconv.FormatInt(limit, 10)+")")
	}
}

// amount checks that d lies in [lo, hi] and has a sane exponent.
func (p *problems) amount(path string, d, lo, hi decimal.Decimal) bool {
	if e := d.Exponent(); e < minExponent || e > maxExponent {
		p.add(path, "range", path+" has too many digits")
		return false
	}
	if d.LessThan(lo) || d.GreaterThan(hi) {
		p.add(path, "range", path+" must be between "+lo.String()+" and "+hi.String())
		return false
	}
	return true
}

func (p *problems) unique(path string, seen map[string]bool, id string) {
	if id == "" {
		p.add(path, "required", path+" is required")
		return
	}
	if seen[id] {
		p.add(path, "unique", path+" repeats "+strconv.Quote(id))
	}
	seen[id] = true
}

func (p *problems) period(path string, per grassroots.Period) {
	*p = append(*p, grassroots.FieldErrors(path, per.Validate())...)
}

// Validate reports every problem of in at once as a
// *grassroots.ValidationError with JSON field paths, or nil.
func (in *Inputs) Validate() error {
	var p problems
	p.required("community", in.Community)
	p.period("period", in.Period)
	seen := map[string]bool{}
	for i, g := range in.Grids {
		p.unique(grassroots.Index("grids", i), seen, g)
	}
	for i, t := range in.Tasks {
		t.validate(&p, grassroots.Index("tasks", i))
	}
	seen = map[string]bool{}
	for i, c := range in.Contracts {
		c.validate(&p, grassroots.Index("contracts", i), seen)
	}
	in.Catalogue.validate(&p, "catalogue")
	in.Resources.validate(&p, "resources")
	in.Participation.validate(&p, "participation")
	in.Incidents.validate(&p, "incidents")
	for i, s := range in.Scorecards {
		path := grassroots.Index("scorecards", i)
		p.required(path+".subject", s.Subject)
		p.amount(path+".total", s.Total, maxAmount.Neg(), maxAmount)
	}
	seen = map[string]bool{}
	for i, r := range in.Risks {
		path := grassroots.Index("risks", i)
		p.unique(path+".id", seen, r.ID)
		if !r.Mechanism.IsValid() {
			p.add(path+".mechanism", "oneof", path+".mechanism must be a mechanism")
		}
		if r.Level < 0 || r.Level > 4 {
			p.add(path+".level", "range", path+".level must be 0 (not alerted) or 1 to 4")
		}
	}
	return grassroots.NewValidationError(p...)
}

func (t Task) validate(p *problems, path string) {
	p.required(path+".function", t.Function)
	if !t.Performer.IsValid() {
		p.add(path+".performer", "oneof", path+".performer must be provider or government")
	}
	p.nonNegative(path+".count", t.Count)
	p.amount(path+".standard_hours", t.StandardHours, zero, maxAmount)
}

func (c Contract) validate(p *problems, path string, seen map[string]bool) {
	p.unique(path+".id", seen, c.ID)
	p.required(path+".provider", c.Provider)
	p.required(path+".function", c.Function)
	for j, a := range c.AreaCodes {
		p.required(grassroots.Index(path+".area_codes", j), a)
	}
	p.period(path+".period", c.Period)
}

func (c *Catalogue) validate(p *problems, path string) {
	p.nonNegative(path+".departments_in_scope", c.DepartmentsInScope)
	p.nonNegative(path+".departments_connected", c.DepartmentsConnected)
	if c.DepartmentsInScope > 0 {
		p.notAbove(path+".departments_connected", c.DepartmentsConnected, path+".departments_in_scope", c.DepartmentsInScope)
	}
	p.nonNegative(path+".categories_in_scope", c.CategoriesInScope)
	p.nonNegative(path+".categories.unconditional", c.Categories.Unconditional)
	p.nonNegative(path+".categories.conditional", c.Categories.Conditional)
	p.nonNegative(path+".categories.not_shared", c.Categories.NotShared)
	if c.CategoriesInScope > 0 {
		p.notAbove(path+".categories", c.Categories.Total(), path+".categories_in_scope", c.CategoriesInScope)
	}
	p.nonNegative(path+".systems_in_scope", c.SystemsInScope)
	nodes := make(map[string]bool, len(c.Systems)+1)
	for i, s := range c.Systems {
		ip := grassroots.Index(path+".systems", i)
		p.unique(ip, nodes, s)
		if s != "" && s == c.Hub {
			p.add(ip, "excluded", ip+" is the hub, which is not listed among systems")
		}
	}
	if c.Hub != "" {
		nodes[c.Hub] = true
	}
	for i, l := range c.Links {
		ip := grassroots.Index(path+".links", i)
		if !nodes[l.From] {
			p.add(ip+".from", "exists", ip+".from must be the hub or a listed system")
		}
		if !nodes[l.To] {
			p.add(ip+".to", "exists", ip+".to must be the hub or a listed system")
		}
		if l.From == l.To {
			p.add(ip+".to", "nefield", ip+" must join two different systems")
		}
		if !l.Latency.IsValid() {
			p.add(ip+".latency", "oneof", ip+".latency must be real_time or batch")
		}
		if l.Level < 0 || l.Level > 6 {
			p.add(ip+".level", "range", ip+".level must be between 0 and 6")
		}
	}
	if c.SystemsInScope > 0 {
		p.notAbove(path+".systems", int64(len(c.Systems)), path+".systems_in_scope", c.SystemsInScope)
	}
	seen := map[string]bool{}
	for i, d := range c.Datasets {
		ip := grassroots.Index(path+".datasets", i)
		p.unique(ip+".id", seen, d.ID)
		if d.Stars < 0 || d.Stars > 5 {
			p.add(ip+".stars", "range", ip+".stars must be between 0 and 5")
		}
	}
}

func (r Resources) validate(p *problems, path string) {
	for _, k := range []struct {
		name string
		c    Contribution
	}{{"technology", r.Technology}, {"people", r.People}, {"money", r.Money}} {
		kp := path + "." + k.name
		okP := p.amount(kp+".provider", k.c.Provider, zero, maxAmount)
		okT := p.amount(kp+".total", k.c.Total, zero, maxAmount)
		if okP && okT && k.c.Provider.GreaterThan(k.c.Total) {
			p.add(kp+".provider", "lte", kp+".provider must not exceed "+kp+".total")
		}
	}
}

func (pt *Participation) validate(p *problems, path string) {
	for _, f := range []struct {
		name string
		n    int64
	}{
		{"registered_users", pt.RegisteredUsers}, {"posts", pt.Posts}, {"comments", pt.Comments},
		{"proposals", pt.Proposals}, {"proposals_accepted", pt.ProposalsAccepted},
		{"votes", pt.Votes}, {"survey_answers", pt.SurveyAnswers},
	} {
		p.nonNegative(path+"."+f.name, f.n)
	}
	p.notAbove(path+".proposals_accepted", pt.ProposalsAccepted, path+".proposals", pt.Proposals)
	seen := map[string]bool{}
	for i, m := range pt.Meetings {
		ip := grassroots.Index(path+".meetings", i)
		p.unique(ip+".id", seen, m.ID)
		p.nonNegative(ip+".invited", m.Invited)
		p.nonNegative(ip+".attended", m.Attended)
	}
	seen = map[string]bool{}
	for i, j := range pt.JointActions {
		ip := grassroots.Index(path+".joint_actions", i)
		p.unique(ip+".id", seen, j.ID)
		p.amount(ip+".progress", j.Progress, zero, one)
		p.amount(ip+".weight", j.Weight, zero, maxAmount)
	}
	actions := map[Action]bool{}
	for i, g := range pt.Participants {
		ip := grassroots.Index(path+".participants", i)
		switch {
		case !g.Action.IsValid():
			p.add(ip+".action", "oneof", ip+".action must be a kind of action")
		case actions[g.Action]:
			p.add(ip+".action", "unique", ip+".action repeats "+g.Action.String())
		}
		actions[g.Action] = true
		for k, id := range g.IDs {
			p.required(grassroots.Index(ip+".ids", k), id)
		}
	}
}

func (s IncidentStats) validate(p *problems, path string) {
	for _, f := range []struct {
		name string
		n    int64
	}{
		{"received", s.Received}, {"closed", s.Closed}, {"closed_on_time", s.ClosedOnTime},
		{"rated", s.Rated}, {"satisfied", s.Satisfied}, {"negative", s.Negative},
		{"rectified", s.Rectified}, {"reopened", s.Reopened},
		{"discovered_by_provider", s.DiscoveredByProvider},
	} {
		p.nonNegative(path+"."+f.name, f.n)
	}
	p.notAbove(path+".closed", s.Closed, path+".received", s.Received)
	p.notAbove(path+".closed_on_time", s.ClosedOnTime, path+".closed", s.Closed)
	p.notAbove(path+".satisfied", s.Satisfied, path+".rated", s.Rated)
	p.notAbove(path+".negative", s.Negative, path+".rated", s.Rated)
	p.notAbove(path+".rectified", s.Rectified, path+".negative", s.Negative)
	p.notAbove(path+".reopened", s.Reopened, path+".closed", s.Closed)
	p.notAbove(path+".discovered_by_provider", s.DiscoveredByProvider, path+".received", s.Received)
	okM := p.amount(path+".median_hours_to_close", s.MedianHoursToClose, zero, maxAmount)
	okP := p.amount(path+".p90_hours_to_close", s.P90HoursToClose, zero, maxAmount)
	if okM && okP && s.P90HoursToClose.LessThan(s.MedianHoursToClose) {
		p.add(path+".p90_hours_to_close", "gtefield", path+".p90_hours_to_close must not be below the median")
	}
}
