package mechanism

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Bounds on decimal inputs. The exponent bound keeps arithmetic on hostile
// input (such as "1e9999") from exhausting memory before the value range
// is even checked.
const (
	minExponent = -18
	maxExponent = 15
)

var maxAmount = decimal.New(1, 15)

// maxCount bounds every count (the max of the count fields' struct tags).
// No community comes near it, and sums of counts over any input that fits
// in memory stay far from int64 overflow.
const maxCount = 1_000_000_000_000

// loc is a field path built only when a problem is reported, so that
// validating a large valid input allocates no path strings.
type loc struct {
	base  string // "tasks", "catalogue.links", "community"
	index int    // element of base, or -1
	field string // field of the element, may be empty
	sub   string // field of field, may be empty
}

func field(name string) loc { return loc{base: name, index: -1} }

func elem(base string, i int) loc { return loc{base: base, index: i} }

// at returns the path of a field of l.
func (l loc) at(name string) loc {
	switch {
	case l.field == "":
		l.field = name
	case l.sub == "":
		l.sub = name
	default:
		l.field, l.sub = l.field+"."+l.sub, name
	}
	return l
}

func (l loc) String() string {
	s := l.base
	if l.index >= 0 {
		s = grassroots.ElementPath(s, l.index)
	}
	return grassroots.JoinFieldPath(grassroots.JoinFieldPath(s, l.field), l.sub)
}

// name is the last step of the path, the field's own name ("closed",
// "systems[2]"), which messages use so that a path is never repeated.
func (l loc) name() string {
	s := l.String()
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// add records a problem at l with rule (a grassroots.Rule constant); the
// message is the field's name followed by what is wrong and what was
// expected.
func add(p *validate.Problems, l loc, rule, msg string) {
	p.Add(l.String(), rule, l.name()+" "+msg)
}

// notAbove reports n > limit (the value of the field at limitAt) as a
// grassroots.RuleOrder problem that names both fields.
func notAbove(p *validate.Problems, l loc, n int64, limitAt loc, limit int64) {
	if n > limit {
		add(p, l, grassroots.RuleOrder, "is "+strconv.FormatInt(n, 10)+", above "+limitAt.name()+
			" ("+strconv.FormatInt(limit, 10)+"); want at most "+limitAt.name())
	}
}

// amount checks that d lies in [lo, hi] and has a sane exponent: more
// than 18 decimal places is a grassroots.RuleFormat problem, a value
// outside the range RuleMin or RuleMax. It reports whether d is usable.
func amount(p *validate.Problems, l loc, d, lo, hi decimal.Decimal) bool {
	switch e := d.Exponent(); {
	case e < minExponent:
		add(p, l, grassroots.RuleFormat, "has more than "+strconv.Itoa(-minExponent)+" decimal places; want at most "+strconv.Itoa(-minExponent))
		return false
	case e > maxExponent:
		// Printed short: the exponent, not the value, is what is wrong
		// (0e16 is zero, and -1e16 below any bound).
		add(p, l, grassroots.RuleMax, "is "+exact.Text(d)+" written with exponent "+strconv.Itoa(int(e))+
			"; want an exponent of at most "+strconv.Itoa(maxExponent)+" and a value between "+lo.String()+" and "+hi.String())
		return false
	}
	if !within(d, lo, hi) {
		rule := grassroots.RuleMax
		if d.LessThan(lo) {
			rule = grassroots.RuleMin
		}
		add(p, l, rule, "is "+d.String()+"; want between "+lo.String()+" and "+hi.String())
		return false
	}
	return true
}

// required reports empty text (grassroots.RuleRequired).
func required(p *validate.Problems, l loc, s, want string) {
	if s == "" {
		add(p, l, grassroots.RuleRequired, "is empty; want "+want)
	}
}

// between reports n outside [lo, hi] (grassroots.RuleMin, RuleMax).
func between(p *validate.Problems, l loc, n, lo, hi int64) {
	switch {
	case n < lo:
		add(p, l, grassroots.RuleMin, "is "+strconv.FormatInt(n, 10)+"; want at least "+strconv.FormatInt(lo, 10))
	case n > hi:
		add(p, l, grassroots.RuleMax, "is "+strconv.FormatInt(n, 10)+"; want at most "+strconv.FormatInt(hi, 10))
	}
}

// checkCount reports n outside the range of a count, 0 to maxCount, as the
// count fields' struct tags do.
func checkCount(p *validate.Problems, l loc, n int64) { between(p, l, n, 0, maxCount) }

// enumProblem reports a value outside its enumeration (grassroots.RuleEnum)
// with the table's message, which lists the valid names.
func enumProblem(p *validate.Problems, l loc, problem string) {
	p.Add(l.String(), grassroots.RuleEnum, problem)
}

// positive checks that d is a usable amount in (0, maxAmount].
func positive(p *validate.Problems, l loc, d decimal.Decimal) {
	if amount(p, l, d, zero, maxAmount) && !d.IsPositive() {
		add(p, l, grassroots.RuleMin, "is 0; want a positive value")
	}
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

// listed reports an empty id (grassroots.RuleRequired) or one that
// repeats an earlier element's (RuleUnique); seen maps each id to the
// position of its first use.
func listed(p *validate.Problems, l loc, seen map[string]int, id string, i int) {
	if id == "" {
		add(p, l, grassroots.RuleRequired, "is empty; want an ID")
		return
	}
	uniqueID(p, l, seen, id, i)
}

func uniqueID(p *validate.Problems, l loc, seen map[string]int, id string, i int) {
	if j, dup := seen[id]; dup {
		add(p, l, grassroots.RuleUnique, "repeats "+strconv.Quote(id)+" of ["+strconv.Itoa(j)+"]; want each once")
		return
	}
	seen[id] = i
}

// Validate reports every problem of in at once as a
// *grassroots.ValidationError with JSON field paths, or nil. The
// community's own fields carry their plain rules as struct tags (a
// required community, counts from 0 to 10^12: grassroots.RuleRequired,
// RuleMin, RuleMax). The elements of the lists are checked in the loops
// that also look for repeats, with the same rule names: tags would make
// the validator box every field of every element, several allocations
// per task, link or resident, where these loops allocate nothing for
// valid input. Validate reports empty IDs and codes (RuleRequired),
// counts, levels and stars out of range and decimals outside their range
// (RuleMin, RuleMax) or with more than 18 places (RuleFormat), values
// outside their enumeration (RuleEnum, listing the valid names), a count
// above the count it is part of, such as closed above received
// (RuleOrder), repeated IDs, grids, systems, actions and platforms
// (RuleUnique), links to systems that are not listed (RuleReference), a
// link from a system to itself (RuleMismatch), the hub listed among
// systems (RuleExcluded), and the periods.
func (in *Inputs) Validate() error {
	in = in.zeroIfNil()
	var p validate.Problems
	p.Tags("", in)
	p.Nest("period", in.Period.Validate())
	seen := make(map[string]int, len(in.Grids))
	for i, g := range in.Grids {
		listed(&p, elem("grids", i), seen, g, i)
	}
	for i, t := range in.Tasks {
		l := elem("tasks", i)
		required(&p, l.at("function"), t.Function, "a function code")
		if !t.Performer.IsValid() {
			enumProblem(&p, l.at("performer"), performerNames.Problem(t.Performer))
		}
		checkCount(&p, l.at("count"), t.Count)
		amount(&p, l.at("standard_hours"), t.StandardHours, zero, maxAmount)
	}
	clear(seen)
	for i, c := range in.Contracts {
		l := elem("contracts", i)
		listed(&p, l.at("id"), seen, c.ID, i)
		required(&p, l.at("provider"), c.Provider, "the provider's ID")
		if err := c.Period.Validate(); err != nil {
			p.Nest(l.at("period").String(), err)
		}
		for j, item := range c.Scope {
			if item.Function == "" || item.Area == "" {
				at := loc{base: l.at("scope").String(), index: j}
				required(&p, at.at("function"), item.Function, "a function code")
				required(&p, at.at("area"), item.Area, "a grid or area code")
			}
		}
	}
	in.Catalogue.validate(&p)
	in.Resources.validate(&p)
	in.Participation.validate(&p)
	in.Incidents.validate(&p)
	for i, s := range in.Scorecards {
		amount(&p, elem("scorecards", i).at("total"), s.Total, maxAmount.Neg(), maxAmount)
	}
	clear(seen)
	for i, r := range in.Risks {
		l := elem("risks", i)
		listed(&p, l.at("id"), seen, r.ID, i)
		if !r.Mechanism.IsValid() {
			enumProblem(&p, l.at("mechanism"), mechanismNames.Problem(r.Mechanism))
		}
		between(&p, l.at("level"), r.Level, 0, 4)
	}
	return p.Err()
}

func (c *Catalogue) validate(p *validate.Problems) {
	const base = "catalogue"
	f := func(name string) loc { return loc{base: base, index: -1, field: name} }
	if c.DepartmentsInScope > 0 {
		notAbove(p, f("departments_connected"), c.DepartmentsConnected, f("departments_in_scope"), c.DepartmentsInScope)
	}
	if c.CategoriesInScope > 0 {
		notAbove(p, f("categories"), c.Categories.Total(), f("categories_in_scope"), c.CategoriesInScope)
	}
	nodes := make(map[string]int, len(c.Systems)+1)
	for i, s := range c.Systems {
		l := elem(base+".systems", i)
		listed(p, l, nodes, s, i)
		if s != "" && s == c.Hub {
			add(p, l, grassroots.RuleExcluded, "is the hub "+strconv.Quote(c.Hub)+"; want the hub in hub only, not among systems")
		}
	}
	if c.Hub != "" {
		nodes[c.Hub] = -1
	}
	for i, k := range c.Links {
		l := elem(base+".links", i)
		if _, ok := nodes[k.From]; !ok {
			add(p, l.at("from"), grassroots.RuleReference, "is "+strconv.Quote(k.From)+"; want the hub or a listed system")
		}
		if _, ok := nodes[k.To]; !ok {
			add(p, l.at("to"), grassroots.RuleReference, "is "+strconv.Quote(k.To)+"; want the hub or a listed system")
		}
		if k.From == k.To {
			add(p, l.at("to"), grassroots.RuleMismatch, "equals from; want another system: a link joins two systems")
		}
		if !k.Latency.IsValid() {
			enumProblem(p, l.at("latency"), latencyNames.Problem(k.Latency))
		}
		between(p, l.at("level"), k.Level, 0, 6)
	}
	if c.SystemsInScope > 0 {
		notAbove(p, f("systems"), int64(len(c.Systems)), f("systems_in_scope"), c.SystemsInScope)
	}
	seen := make(map[string]int, len(c.Datasets))
	for i, d := range c.Datasets {
		l := elem(base+".datasets", i)
		listed(p, l.at("id"), seen, d.ID, i)
		between(p, l.at("stars"), d.Stars, 0, 5)
	}
}

func (r Resources) validate(p *validate.Problems) {
	for _, k := range []struct {
		name string
		c    Contribution
	}{{"technology", r.Technology}, {"people", r.People}, {"money", r.Money}} {
		l := loc{base: "resources", index: -1, field: k.name}
		okP := amount(p, l.at("provider"), k.c.Provider, zero, maxAmount)
		okT := amount(p, l.at("total"), k.c.Total, zero, maxAmount)
		if okP && okT && k.c.Provider.GreaterThan(k.c.Total) {
			add(p, l.at("provider"), grassroots.RuleOrder, "is "+k.c.Provider.String()+", above the total "+
				k.c.Total.String()+"; want at most the total")
		}
	}
}

func (pt *Participation) validate(p *validate.Problems) {
	const base = "participation"
	f := func(name string) loc { return loc{base: base, index: -1, field: name} }
	notAbove(p, f("proposals_accepted"), pt.ProposalsAccepted, f("proposals"), pt.Proposals)
	seen := make(map[string]int, len(pt.Meetings))
	for i, m := range pt.Meetings {
		l := elem(base+".meetings", i)
		listed(p, l.at("id"), seen, m.ID, i)
		checkCount(p, l.at("invited"), m.Invited)
		checkCount(p, l.at("attended"), m.Attended)
	}
	clear(seen)
	for i, j := range pt.JointActions {
		l := elem(base+".joint_actions", i)
		listed(p, l.at("id"), seen, j.ID, i)
		amount(p, l.at("progress"), j.Progress, zero, one)
		amount(p, l.at("weight"), j.Weight, zero, maxAmount)
	}
	var actions [JoinAction + 1]int
	for i, g := range pt.Participants {
		for k, id := range g.IDs {
			if id == "" {
				add(p, loc{base: elem(base+".participants", i).at("ids").String(), index: k}, grassroots.RuleRequired, "is empty; want a resident's ID")
			}
		}
		if !g.Action.IsValid() {
			enumProblem(p, elem(base+".participants", i).at("action"), actionNames.Problem(g.Action))
			continue
		}
		if j := actions[g.Action]; j > 0 {
			add(p, elem(base+".participants", i).at("action"), grassroots.RuleUnique,
				"repeats "+g.Action.String()+" of ["+strconv.Itoa(j-1)+"]; want one entry per action")
			continue
		}
		actions[g.Action] = i + 1
	}
}

func (s IncidentStats) validate(p *validate.Problems) {
	f := func(name string) loc { return loc{base: "incidents", index: -1, field: name} }
	notAbove(p, f("closed"), s.Closed, f("received"), s.Received)
	notAbove(p, f("closed_on_time"), s.ClosedOnTime, f("closed"), s.Closed)
	notAbove(p, f("satisfied"), s.Satisfied, f("rated"), s.Rated)
	notAbove(p, f("negative"), s.Negative, f("rated"), s.Rated)
	notAbove(p, f("rectified"), s.Rectified, f("negative"), s.Negative)
	if s.EverClosed > 0 {
		notAbove(p, f("closed"), s.Closed, f("ever_closed"), s.EverClosed)
		notAbove(p, f("ever_closed"), s.EverClosed, f("received"), s.Received)
	}
	notAbove(p, f("reopened"), s.Reopened, f("ever_closed"), s.reopenBase())
	notAbove(p, f("discovered_by_provider"), s.DiscoveredByProvider, f("received"), s.Received)
	okM := amount(p, f("median_hours_to_close"), s.MedianHoursToClose, zero, maxAmount)
	okP := amount(p, f("p90_hours_to_close"), s.P90HoursToClose, zero, maxAmount)
	if okM && okP && s.P90HoursToClose.LessThan(s.MedianHoursToClose) {
		add(p, f("p90_hours_to_close"), grassroots.RuleOrder, "is "+s.P90HoursToClose.String()+
			", below the median "+s.MedianHoursToClose.String()+"; want at least the median")
	}
	var first [256]int32 // position + 1 of each platform's entry
	routed := int64(0)
	for i, c := range s.Platforms {
		l := elem("incidents.platforms", i)
		checkCount(p, l.at("received"), c.Received)
		if !c.Platform.IsValid() {
			enumProblem(p, l.at("platform"), "platform "+c.Platform.String()+" is not one of the platforms; valid names: "+platformNames())
			continue
		}
		if j := first[c.Platform]; j > 0 {
			add(p, l.at("platform"), grassroots.RuleUnique,
				"repeats "+c.Platform.String()+" of ["+strconv.Itoa(int(j)-1)+"]; want one entry per platform")
			continue
		}
		first[c.Platform] = int32(i + 1)
		if c.Received >= 0 && c.Received <= maxCount {
			routed += c.Received
		}
	}
	if routed > s.Received {
		add(p, f("platforms"), grassroots.RuleOrder, "add up to "+strconv.FormatInt(routed, 10)+
			" incidents, above received ("+strconv.FormatInt(s.Received, 10)+"); want at most received")
	}
}
