package risk

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// seriesKey names one series: an indicator's observations for one subject
// and scope.
type seriesKey struct {
	indicator string
	kind      SubjectKind
	code      string
	scope     string
}

// series is one series: positions [start, end) of the index's obs and
// times, in time order.
type series struct {
	key        seriesKey
	start, end int32
	// last is the latest value as an exact.Fixed (lastOK when it fits);
	// every window ends at the evaluation time, so every rule reading the
	// series reads this value, and caching it saves a pointer chase per
	// rule.
	last   exact.Fixed
	lastOK bool
}

// instant is a time reduced to what ordering needs, kept in one dense
// array so that window searches stay in cache.
type instant struct {
	sec  int64
	nsec int32
}

func instantOf(t time.Time) instant { return instant{t.Unix(), int32(t.Nanosecond())} }

func (a instant) compare(b instant) int {
	if c := cmp.Compare(a.sec, b.sec); c != 0 {
		return c
	}
	return cmp.Compare(a.nsec, b.nsec)
}

// index holds observations grouped into series once, so each rule reads
// only the series it selects.
type index struct {
	observations []Observation
	// obs holds observation positions series by series; times their
	// instants, aligned with obs.
	obs    []int32
	times  []instant
	series []series
	// byIndicator lists the series of each indicator sorted by kind, code
	// and scope, so a selector is a binary search.
	byIndicator map[string][]int32
}

func buildIndex(observations []Observation, at time.Time) index {
	ids := make(map[seriesKey]int32)
	seriesOf := make([]int32, len(observations))
	var counts []int32
	var keys []seriesKey
	prev, prevID := seriesKey{}, int32(-1)
	for i := range observations {
		o := &observations[i]
		if o.At.After(at) {
			seriesOf[i] = -1
			continue
		}
		k := seriesKey{o.Indicator, o.Subject.Kind, o.Subject.Code, o.Scope}
		// Observations usually arrive series by series: skip the map
		// for a run of the same key.
		if prevID >= 0 && k == prev {
			seriesOf[i] = prevID
			counts[prevID]++
			continue
		}
		id, ok := ids[k]
		if !ok {
			id = int32(len(counts))
			ids[k] = id
			counts = append(counts, 0)
			keys = append(keys, k)
		}
		seriesOf[i] = id
		counts[id]++
		prev, prevID = k, id
	}
	// Counting sort: one backing array, each series a window into it, in
	// input order (stable).
	starts := make([]int32, len(counts)+1)
	for i, c := range counts {
		starts[i+1] = starts[i] + c
	}
	ix := index{
		observations: observations,
		obs:          make([]int32, starts[len(counts)]),
		times:        make([]instant, starts[len(counts)]),
		series:       make([]series, len(counts)),
		byIndicator:  make(map[string][]int32),
	}
	fill := slices.Clone(starts[:len(counts)])
	for i, s := range seriesOf {
		if s >= 0 {
			ix.obs[fill[s]] = int32(i)
			ix.times[fill[s]] = instantOf(observations[i].At)
			fill[s]++
		}
	}
	for id, k := range keys {
		s := series{key: k, start: starts[id], end: starts[id+1]}
		ix.sortSeries(s)
		s.last, s.lastOK = exact.FixedOf(observations[ix.obs[s.end-1]].Value)
		ix.series[id] = s
		ix.byIndicator[k.indicator] = append(ix.byIndicator[k.indicator], int32(id))
	}
	for _, list := range ix.byIndicator {
		slices.SortFunc(list, func(a, b int32) int { return compareKeys(ix.series[a].key, ix.series[b].key) })
	}
	return ix
}

// sortSeries puts one series in time order, observations at the same
// instant ordered by sameInstant, unless it already is.
func (ix index) sortSeries(s series) {
	times := ix.times[s.start:s.end]
	type entry struct {
		t   instant
		pos int32
	}
	order := func(a, b entry) int {
		if c := a.t.compare(b.t); c != 0 {
			return c
		}
		return sameInstant(&ix.observations[a.pos], &ix.observations[b.pos])
	}
	sorted := true
	for i := 1; i < len(times) && sorted; i++ {
		switch c := times[i-1].compare(times[i]); {
		case c > 0:
			sorted = false
		case c == 0:
			sorted = sameInstant(&ix.observations[ix.obs[int(s.start)+i-1]], &ix.observations[ix.obs[int(s.start)+i]]) <= 0
		}
	}
	if sorted {
		return
	}
	entries := make([]entry, len(times))
	for i := range entries {
		entries[i] = entry{times[i], ix.obs[int(s.start)+i]}
	}
	slices.SortStableFunc(entries, order)
	for i, e := range entries {
		times[i], ix.obs[int(s.start)+i] = e.t, e.pos
	}
}

func compareKeys(a, b seriesKey) int {
	if c := cmp.Compare(a.kind, b.kind); c != 0 {
		return c
	}
	if c := strings.Compare(a.code, b.code); c != 0 {
		return c
	}
	return strings.Compare(a.scope, b.scope)
}

// selected returns the series of r's indicator that r's selector picks, in
// key order.
func (ix index) selected(r Rule, visit func(int32)) {
	list := ix.byIndicator[r.Indicator]
	kind := r.Subjects.Kind
	// lower returns the first position whose key is not below (kind, code).
	lower := func(code string) int {
		i, _ := slices.BinarySearchFunc(list, code, func(id int32, code string) int {
			k := ix.series[id].key
			if c := cmp.Compare(k.kind, kind); c != 0 {
				return c
			}
			return strings.Compare(k.code, code)
		})
		return i
	}
	match := func(start int, ok func(seriesKey) bool) {
		for i := start; i < len(list) && ok(ix.series[list[i]].key); i++ {
			visit(list[i])
		}
	}
	switch {
	case len(r.Subjects.Codes) > 0:
		codes := slices.Clone(r.Subjects.Codes)
		slices.Sort(codes)
		for _, code := range slices.Compact(codes) {
			match(lower(code), func(k seriesKey) bool { return k.kind == kind && k.code == code })
		}
	default:
		prefix := r.Subjects.Prefix
		match(lower(prefix), func(k seriesKey) bool { return k.kind == kind && strings.HasPrefix(k.code, prefix) })
	}
}

// compiledRule is a rule with what evaluation needs precomputed once per
// Detect call.
type compiledRule struct {
	Rule
	window time.Duration
	// countBound is the integer bound equivalent to the threshold for a
	// count condition: count > T ⟺ count > ⌊T⌋, count ≥ T ⟺ count ≥ ⌈T⌉,
	// and so on, so counts compare without decimal arithmetic.
	countBound int64
}

func compile(r Rule) compiledRule {
	c := compiledRule{Rule: r, window: r.Condition.Window()}
	if r.Condition.Kind == ConditionCount {
		t := r.Condition.Threshold
		switch r.Condition.Compare {
		case Above, AtMost:
			c.countBound = clampInt64(t.Floor())
		case AtLeast, Below:
			c.countBound = clampInt64(t.Ceil())
		}
	}
	return c
}

// clampInt64 returns an integral decimal as int64, saturating at the
// int64 range (counts never reach it).
func clampInt64(d decimal.Decimal) int64 {
	switch {
	case d.GreaterThan(decimal.NewFromInt(1 << 62)):
		return 1 << 62
	case d.LessThan(decimal.NewFromInt(-(1 << 62))):
		return -(1 << 62)
	}
	return d.IntPart()
}

func (c compiledRule) countHolds(n int64) bool {
	switch c.Condition.Compare {
	case Above:
		return n > c.countBound
	case AtLeast:
		return n >= c.countBound
	case Below:
		return n < c.countBound
	case AtMost:
		return n <= c.countBound
	}
	return false
}

// evaluate applies r's condition to one series at time at.
func (ix index) evaluate(r compiledRule, s series, at time.Time) (Evidence, bool) {
	c := r.Condition
	lo, hi := int(s.start), int(s.end)
	if c.WindowSeconds > 0 {
		// First instant after the window start: the window is
		// (at − window, at]. Plain binary search, no closure: this runs
		// once per rule and selected series.
		start := instantOf(at.Add(-r.window))
		for i, j := lo, hi; i < j; {
			m := int(uint(i+j) >> 1)
			if ix.times[m].compare(start) > 0 {
				j = m
			} else {
				i = m + 1
			}
			lo = i
		}
	}
	if lo >= hi {
		return Evidence{}, false
	}
	first, last := &ix.observations[ix.obs[lo]], &ix.observations[ix.obs[hi-1]]
	ev := Evidence{Condition: c.Kind, Compare: c.Compare, Threshold: c.Threshold, Observations: hi - lo, From: first.At, To: last.At}
	switch c.Kind {
	case ConditionThreshold:
		order, ok := 0, false
		if s.lastOK {
			if t, fits := exact.FixedOf(c.Threshold); fits {
				order, ok = s.last.Cmp(t)
			}
		}
		if !ok {
			order = exact.Compare(last.Value, c.Threshold)
		}
		if !c.Compare.holdsOrder(order) {
			return Evidence{}, false
		}
		ev.Value, ev.Observations, ev.From = last.Value, 1, last.At
	case ConditionChange:
		if hi-lo < 2 {
			return Evidence{}, false
		}
		v, ok := change(c.Compare, last.Value, first.Value, c.Threshold)
		if !ok {
			return Evidence{}, false
		}
		ev.Value = v
	case ConditionCount:
		if !r.countHolds(int64(hi - lo)) {
			return Evidence{}, false
		}
		ev.Value = decimal.NewFromInt(int64(hi - lo))
	default:
		return Evidence{}, false
	}
	return ev, true
}

// Detect evaluates rules over observations at time at and returns the new
// hits: one per rule, subject and scope whose condition holds and that is
// not already among active (compared by rule ID, subject and scope, so a
// new version of a rule does not raise a matter again while it is
// active). Observations
// after at are ignored. Running Detect again with its own hits added to
// active returns nothing new. Observations of one series at the same
// instant are ordered by value, the smaller first, then as written (fewer
// decimal places first, then by the time's UTC offset and zone name), so
// the hits never depend on the order of the input.
//
// Hits are sorted by rule ID, then subject kind, code and scope. Invalid
// rules, repeated rule IDs or invalid observations (among them a value
// written with an exponent beyond ±10,000, RuleMax or RuleFormat at
// "observations[i].value") give a *grassroots.ValidationError listing
// every problem, and no hits.
//
// Observations are indexed by indicator, subject and scope once per call;
// each rule then reads only the series it selects.
func Detect(rules []Rule, observations []Observation, active []Hit, at time.Time) ([]Hit, error) {
	if err := validateDetect(rules, observations); err != nil {
		return nil, err
	}
	ix := buildIndex(observations, at)
	type matter struct {
		rule    string
		subject Subject
		scope   string
	}
	seen := make(map[matter]bool, len(active))
	for _, h := range active {
		seen[matter{h.Rule, h.Subject, h.Scope}] = true
	}
	var hits []Hit
	for _, rule := range rules {
		r := compile(rule)
		ix.selected(rule, func(id int32) {
			s := ix.series[id]
			ev, ok := ix.evaluate(r, s, at)
			if !ok {
				return
			}
			h := Hit{
				Rule: r.ID, RuleVersion: r.Version, Category: r.Category,
				Subject: Subject{Kind: s.key.kind, Code: s.key.code}, Scope: s.key.scope,
				Indicator: r.Indicator, Severity: r.Severity, At: at, Evidence: ev,
			}
			if !seen[matter{h.Rule, h.Subject, h.Scope}] {
				hits = append(hits, h)
			}
		})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := strings.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		return compareKeys(seriesKey{kind: a.Subject.Kind, code: a.Subject.Code, scope: a.Scope},
			seriesKey{kind: b.Subject.Kind, code: b.Subject.Code, scope: b.Scope})
	})
	return hits, nil
}

// maxReported bounds the problems listed for a bad observation set.
const maxReported = 100

func validateDetect(rules []Rule, observations []Observation) error {
	var p []grassroots.FieldError
	ids := make(map[string]int, len(rules))
	for i, r := range rules {
		path := grassroots.ElementPath("rules", i)
		p = append(p, grassroots.FieldErrors(path, r.Validate())...)
		if j, dup := ids[r.ID]; dup && r.ID != "" {
			p = append(p, grassroots.FieldError{Path: path + ".id", Rule: grassroots.RuleUnique, Message: fmt.Sprintf("rule ID repeats rules[%d]", j)})
		}
		ids[r.ID] = i
	}
	bad := 0
	for i := range observations {
		o := &observations[i]
		if o.Indicator != "" && o.Subject.Kind.IsValid() && o.Subject.Code != "" && !o.At.IsZero() && exact.Tame(o.Value) {
			continue
		}
		if bad++; bad > maxReported {
			break
		}
		path := grassroots.ElementPath("observations", i)
		p = append(p, required(path+".indicator", o.Indicator)...)
		p = append(p, o.Subject.problems(path+".subject")...)
		if o.At.IsZero() {
			p = append(p, required(path+".at", "")...)
		}
		if !exact.Tame(o.Value) {
			var v validate.Problems
			v.Tame(path+".value", o.Value)
			p = append(p, grassroots.FieldErrors("", v.Err())...)
		}
	}
	return grassroots.NewValidationError(p...)
}

// change returns last − first and whether "change c threshold" holds,
// exactly. It works on int64 coefficients (exact.Fixed) when the operands
// fit, allocating the difference only when the condition holds, and on
// decimals otherwise.
func change(c Comparison, last, first, threshold decimal.Decimal) (decimal.Decimal, bool) {
	l, okL := exact.FixedOf(last)
	f, okF := exact.FixedOf(first)
	t, okT := exact.FixedOf(threshold)
	if okL && okF && okT {
		if diff, ok := l.Sub(f); ok {
			if order, ok := diff.Cmp(t); ok {
				if !c.holdsOrder(order) {
					return decimal.Decimal{}, false
				}
				return diff.Decimal(), true
			}
		}
	}
	v := last.Sub(first)
	return v, c.Holds(v, threshold)
}
