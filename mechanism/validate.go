package mechanism

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
)

// Bounds on decimal inputs. The exponent bound keeps arithmetic on hostile
// input (such as "1e9999") from exhausting memory before the value range
// is even checked.
const (
	minExponent = -18
	maxExponent = 15
)

var maxAmount = decimal.New(1, 15)

// maxCount bounds every count. No community comes near it, and sums of
// counts over any input that fits in memory stay far from int64 overflow.
const maxCount = 1_000_000_000_000

// loc is a field path built only when a problem is reported, so that
// validating a large valid input allocates no path strings.
type loc struct {
	base  string // "tasks", "catalogue.links", "community"
	index int    // element of base, or -1
	field string // field of the element, may be empty
}

func field(name string) loc { return loc{base: name, index: -1} }

func elem(base string, i int) loc { return loc{base: base, index: i} }

// at returns the path of a field of l.
func (l loc) at(name string) loc {
	if l.field != "" {
		name = l.field + "." + name
	}
	l.field = name
	return l
}

func (l loc) String() string {
	s := l.base
	if l.index >= 0 {
		s = grassroots.ElementPath(s, l.index)
	}
	return grassroots.JoinFieldPath(s, l.field)
}

// problems collects field errors so that Validate reports all at once.
type problems []grassroots.FieldError

func (p *problems) add(l loc, rule, msg string) {
	path := l.String()
	*p = append(*p, grassroots.FieldError{Path: path, Rule: rule, Message: path + " " + msg})
}

// invalid records a field holding a value outside its enumeration; msg is
// the table's Problem, which lists the valid names.
func (p *problems) invalid(l loc, msg string) {
	*p = append(*p, grassroots.FieldError{Path: l.String(), Rule: grassroots.RuleEnum, Message: msg})
}

func (p *problems) required(l loc, s string) {
	if s == "" {
		p.add(l, "required", "is required")
	}
}

// checkCount checks that n is a count: 0 ≤ n ≤ maxCount.
func (p *problems) checkCount(l loc, n int64) {
	switch {
	case n < 0:
		p.add(l, "min", "must not be negative")
	case n > maxCount:
		p.add(l, "max", "must not exceed "+strconv.FormatInt(maxCount, 10))
	}
}

func (p *problems) between(l loc, n, lo, hi int64) {
	if n < lo || n > hi {
		p.add(l, "range", "must be between "+strconv.FormatInt(lo, 10)+" and "+strconv.FormatInt(hi, 10))
	}
}

// notAbove reports n > limit, naming the limiting field.
func (p *problems) notAbove(l loc, n int64, limit loc, max int64) {
	if n > max {
		p.add(l, "lte", "must not exceed "+limit.String()+" ("+strconv.FormatInt(max, 10)+")")
	}
}

// amount checks that d lies in [lo, hi] and has a sane exponent.
func (p *problems) amount(l loc, d, lo, hi decimal.Decimal) bool {
	if e := d.Exponent(); e < minExponent || e > maxExponent {
		p.add(l, "range", "has too many digits")
		return false
	}
	if !within(d, lo, hi) {
		p.add(l, "range", "must be between "+lo.String()+" and "+hi.String())
		return false
	}
	return true
}

// within reports lo ≤ d ≤ hi, answering the common bounds (0 and
// maxAmount) from sign and digit count, which, unlike Cmp across
// exponents, allocates nothing.
func within(d, lo, hi decimal.Decimal) bool {
	if lo.IsZero() {
		if d.Sign() < 0 {
			return false
		}
	} else if d.LessThan(lo) {
		return false
	}
	if hi.Exponent() == maxExponent && hi.Equal(maxAmount) && (d.Sign() == 0 || int(d.Exponent())+d.NumDigits() <= maxExponent) {
		return true // fewer than 16 integer digits: below 10^15
	}
	return !d.GreaterThan(hi)
}

func (p *problems) unique(l loc, seen map[string]bool, id string) {
	if id == "" {
		p.add(l, "required", "is required")
		return
	}
	if seen[id] {
		p.add(l, "unique", "repeats "+strconv.Quote(id))
	}
	seen[id] = true
}

func (p *problems) period(l loc, per grassroots.Period) {
	if err := per.Validate(); err != nil {
		*p = append(*p, grassroots.FieldErrors(l.String(), err)...)
	}
}

// Validate reports every problem of in at once as a
// *grassroots.ValidationError with JSON field paths, or nil.
func (in *Inputs) Validate() error {
	var p problems
	p.required(field("community"), in.Community)
	p.period(field("period"), in.Period)
	seen := make(map[string]bool, len(in.Grids))
	for i, g := range in.Grids {
		p.unique(elem("grids", i), seen, g)
	}
	for i, t := range in.Tasks {
		t.validate(&p, elem("tasks", i))
	}
	seen = make(map[string]bool, len(in.Contracts))
	for i, c := range in.Contracts {
		c.validate(&p, elem("contracts", i), seen)
	}
	in.Catalogue.validate(&p)
	in.Resources.validate(&p)
	in.Participation.validate(&p)
	in.Incidents.validate(&p)
	for i, s := range in.Scorecards {
		p.amount(elem("scorecards", i).at("total"), s.Total, maxAmount.Neg(), maxAmount)
	}
	seen = make(map[string]bool, len(in.Risks))
	for i, r := range in.Risks {
		l := elem("risks", i)
		p.unique(l.at("id"), seen, r.ID)
		if !r.Mechanism.IsValid() {
			p.invalid(l.at("mechanism"), mechanismNames.Problem(r.Mechanism))
		}
		p.between(l.at("level"), r.Level, 0, 4)
	}
	return grassroots.NewValidationError(p...)
}

func (t Task) validate(p *problems, l loc) {
	p.required(l.at("function"), t.Function)
	if !t.Performer.IsValid() {
		p.invalid(l.at("performer"), performerNames.Problem(t.Performer))
	}
	p.checkCount(l.at("count"), t.Count)
	p.amount(l.at("standard_hours"), t.StandardHours, zero, maxAmount)
}

func (c Contract) validate(p *problems, l loc, seen map[string]bool) {
	p.unique(l.at("id"), seen, c.ID)
	p.required(l.at("provider"), c.Provider)
	p.period(l.at("period"), c.Period)
	for j, s := range c.Scope {
		if s.Function == "" || s.Area == "" {
			item := loc{base: grassroots.ElementPath(l.String()+".scope", j), index: -1}
			p.required(item.at("function"), s.Function)
			p.required(item.at("area"), s.Area)
		}
	}
}

func (c *Catalogue) validate(p *problems) {
	const base = "catalogue"
	f := func(name string) loc { return loc{base: base, index: -1, field: name} }
	p.checkCount(f("departments_in_scope"), c.DepartmentsInScope)
	p.checkCount(f("departments_connected"), c.DepartmentsConnected)
	if c.DepartmentsInScope > 0 {
		p.notAbove(f("departments_connected"), c.DepartmentsConnected, f("departments_in_scope"), c.DepartmentsInScope)
	}
	p.checkCount(f("categories_in_scope"), c.CategoriesInScope)
	p.checkCount(f("categories.unconditional"), c.Categories.Unconditional)
	p.checkCount(f("categories.conditional"), c.Categories.Conditional)
	p.checkCount(f("categories.not_shared"), c.Categories.NotShared)
	if c.CategoriesInScope > 0 {
		p.notAbove(f("categories"), c.Categories.Total(), f("categories_in_scope"), c.CategoriesInScope)
	}
	p.checkCount(f("systems_in_scope"), c.SystemsInScope)
	nodes := make(map[string]bool, len(c.Systems)+1)
	for i, s := range c.Systems {
		l := elem(base+".systems", i)
		p.unique(l, nodes, s)
		if s != "" && s == c.Hub {
			p.add(l, "excluded", "is the hub, which is not listed among systems")
		}
	}
	if c.Hub != "" {
		nodes[c.Hub] = true
	}
	for i, k := range c.Links {
		l := elem(base+".links", i)
		if !nodes[k.From] {
			p.add(l.at("from"), "exists", "must be the hub or a listed system")
		}
		if !nodes[k.To] {
			p.add(l.at("to"), "exists", "must be the hub or a listed system")
		}
		if k.From == k.To {
			p.add(l.at("to"), "nefield", "must differ from from: a link joins two systems")
		}
		if !k.Latency.IsValid() {
			p.invalid(l.at("latency"), latencyNames.Problem(k.Latency))
		}
		p.between(l.at("level"), k.Level, 0, 6)
	}
	if c.SystemsInScope > 0 {
		p.notAbove(f("systems"), int64(len(c.Systems)), f("systems_in_scope"), c.SystemsInScope)
	}
	seen := make(map[string]bool, len(c.Datasets))
	for i, d := range c.Datasets {
		l := elem(base+".datasets", i)
		p.unique(l.at("id"), seen, d.ID)
		p.between(l.at("stars"), d.Stars, 0, 5)
	}
}

func (r Resources) validate(p *problems) {
	for _, k := range []struct {
		name string
		c    Contribution
	}{{"technology", r.Technology}, {"people", r.People}, {"money", r.Money}} {
		l := loc{base: "resources", index: -1, field: k.name}
		okP := p.amount(l.at("provider"), k.c.Provider, zero, maxAmount)
		okT := p.amount(l.at("total"), k.c.Total, zero, maxAmount)
		if okP && okT && k.c.Provider.GreaterThan(k.c.Total) {
			p.add(l.at("provider"), "lte", "must not exceed the total")
		}
	}
}

func (pt *Participation) validate(p *problems) {
	const base = "participation"
	f := func(name string) loc { return loc{base: base, index: -1, field: name} }
	for _, x := range []struct {
		name string
		n    int64
	}{
		{"registered_users", pt.RegisteredUsers}, {"posts", pt.Posts}, {"comments", pt.Comments},
		{"proposals", pt.Proposals}, {"proposals_accepted", pt.ProposalsAccepted},
		{"votes", pt.Votes}, {"survey_answers", pt.SurveyAnswers},
	} {
		p.checkCount(f(x.name), x.n)
	}
	p.notAbove(f("proposals_accepted"), pt.ProposalsAccepted, f("proposals"), pt.Proposals)
	seen := make(map[string]bool, len(pt.Meetings))
	for i, m := range pt.Meetings {
		l := elem(base+".meetings", i)
		p.unique(l.at("id"), seen, m.ID)
		p.checkCount(l.at("invited"), m.Invited)
		p.checkCount(l.at("attended"), m.Attended)
	}
	seen = make(map[string]bool, len(pt.JointActions))
	for i, j := range pt.JointActions {
		l := elem(base+".joint_actions", i)
		p.unique(l.at("id"), seen, j.ID)
		p.amount(l.at("progress"), j.Progress, zero, one)
		p.amount(l.at("weight"), j.Weight, zero, maxAmount)
	}
	var actions [JoinAction + 1]bool
	for i, g := range pt.Participants {
		l := elem(base+".participants", i)
		switch {
		case !g.Action.IsValid():
			p.invalid(l.at("action"), actionNames.Problem(g.Action))
		case actions[g.Action]:
			p.add(l.at("action"), "unique", "repeats "+g.Action.String())
		default:
			actions[g.Action] = true
		}
		for k, id := range g.IDs {
			if id == "" {
				p.add(loc{base: grassroots.ElementPath(l.String()+".ids", k), index: -1}, "required", "is required")
			}
		}
	}
}

func (s IncidentStats) validate(p *problems) {
	f := func(name string) loc { return loc{base: "incidents", index: -1, field: name} }
	for _, x := range []struct {
		name string
		n    int64
	}{
		{"received", s.Received}, {"closed", s.Closed}, {"closed_on_time", s.ClosedOnTime},
		{"rated", s.Rated}, {"satisfied", s.Satisfied}, {"negative", s.Negative},
		{"rectified", s.Rectified}, {"reopened", s.Reopened},
		{"discovered_by_provider", s.DiscoveredByProvider},
	} {
		p.checkCount(f(x.name), x.n)
	}
	p.notAbove(f("closed"), s.Closed, f("received"), s.Received)
	p.notAbove(f("closed_on_time"), s.ClosedOnTime, f("closed"), s.Closed)
	p.notAbove(f("satisfied"), s.Satisfied, f("rated"), s.Rated)
	p.notAbove(f("negative"), s.Negative, f("rated"), s.Rated)
	p.notAbove(f("rectified"), s.Rectified, f("negative"), s.Negative)
	if s.EverClosed > 0 {
		p.notAbove(f("closed"), s.Closed, f("ever_closed"), s.EverClosed)
		p.notAbove(f("ever_closed"), s.EverClosed, f("received"), s.Received)
	}
	p.checkCount(f("ever_closed"), s.EverClosed)
	p.notAbove(f("reopened"), s.Reopened, f("ever_closed"), s.reopenBase())
	p.notAbove(f("discovered_by_provider"), s.DiscoveredByProvider, f("received"), s.Received)
	okM := p.amount(f("median_hours_to_close"), s.MedianHoursToClose, zero, maxAmount)
	okP := p.amount(f("p90_hours_to_close"), s.P90HoursToClose, zero, maxAmount)
	if okM && okP && s.P90HoursToClose.LessThan(s.MedianHoursToClose) {
		p.add(f("p90_hours_to_close"), "gtefield", "must not be below the median")
	}
}
