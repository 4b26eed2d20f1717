package risk

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
)

// seriesKey names one series: an indicator's observations for one subject
// and scope.
type seriesKey struct {
	indicator string
	kind      SubjectKind
	code      string
	scope     string
}

// series is one series, its observations in time order.
type series struct {
	key seriesKey
	obs []int32
}

// index holds observations grouped into series once, so each rule reads
// only the series it selects.
type index struct {
	observations []Observation
	series       []series
	// byIndicator lists the series of each indicator sorted by kind, code
	// and scope, so a selector is a binary search.
	byIndicator map[string][]int32
}

func buildIndex(observations []Observation, at time.Time) index {
	ids := make(map[seriesKey]int32)
	seriesOf := make([]int32, len(observations))
	var counts []int32
	for i := range observations {
		o := &observations[i]
		if o.At.After(at) {
			seriesOf[i] = -1
			continue
		}
		k := seriesKey{o.Indicator, o.Subject.Kind, o.Subject.Code, o.Scope}
		id, ok := ids[k]
		if !ok {
			id = int32(len(counts))
			ids[k] = id
			counts = append(counts, 0)
		}
		seriesOf[i] = id
		counts[id]++
	}
	// Counting sort: one backing array, each series a window into it, in
	// input order (stable).
	starts := make([]int32, len(counts)+1)
	for i, c := range counts {
		starts[i+1] = starts[i] + c
	}
	backing := make([]int32, starts[len(counts)])
	fill := slices.Clone(starts[:len(counts)])
	for i, s := range seriesOf {
		if s >= 0 {
			backing[fill[s]] = int32(i)
			fill[s]++
		}
	}
	ix := index{observations: observations, series: make([]series, len(counts)), byIndicator: make(map[string][]int32)}
	for k, id := range ids {
		obs := backing[starts[id]:starts[id+1]:starts[id+1]]
		byTime := func(a, b int32) int { return observations[a].At.Compare(observations[b].At) }
		if !slices.IsSortedFunc(obs, byTime) {
			slices.SortStableFunc(obs, byTime)
		}
		ix.series[id] = series{key: k, obs: obs}
		ix.byIndicator[k.indicator] = append(ix.byIndicator[k.indicator], id)
	}
	for _, list := range ix.byIndicator {
		slices.SortFunc(list, func(a, b int32) int { return compareKeys(ix.series[a].key, ix.series[b].key) })
	}
	return ix
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

// evaluate applies r's condition to one series at time at.
func (ix index) evaluate(r Rule, s series, at time.Time) (Evidence, bool) {
	c := r.Condition
	obs := s.obs
	if c.WindowSeconds > 0 {
		start := at.Add(-c.Window())
		i, _ := slices.BinarySearchFunc(obs, start, func(id int32, t time.Time) int {
			if ix.observations[id].At.After(t) {
				return 1
			}
			return -1
		})
		obs = obs[i:]
	}
	if len(obs) == 0 {
		return Evidence{}, false
	}
	first, last := ix.observations[obs[0]], ix.observations[obs[len(obs)-1]]
	ev := Evidence{Condition: c.Kind, Compare: c.Compare, Threshold: c.Threshold, Observations: len(obs), From: first.At, To: last.At}
	switch c.Kind {
	case ConditionThreshold:
		ev.Value, ev.Observations, ev.From = last.Value, 1, last.At
	case ConditionChange:
		if len(obs) < 2 {
			return Evidence{}, false
		}
		ev.Value = last.Value.Sub(first.Value)
	case ConditionCount:
		ev.Value = decimal.NewFromInt(int64(len(obs)))
	}
	return ev, c.Compare.Holds(ev.Value, c.Threshold)
}

// Detect evaluates rules over observations at time at and returns the new
// hits: one per rule, subject and scope whose condition holds and that is
// not already among active (compared by Hit.Key, so a new version of a
// rule does not raise a matter again while it is active). Observations
// after at are ignored. Running Detect again with its own hits added to
// active returns nothing new.
//
// Hits are sorted by rule ID, then subject kind, code and scope. Invalid
// rules, repeated rule IDs or invalid observations give a
// *grassroots.ValidationError listing every problem, and no hits.
//
// Observations are indexed by indicator, subject and scope once per call;
// each rule then reads only the series it selects.
func Detect(rules []Rule, observations []Observation, active []Hit, at time.Time) ([]Hit, error) {
	if err := validateDetect(rules, observations); err != nil {
		return nil, err
	}
	ix := buildIndex(observations, at)
	seen := make(map[string]bool, len(active))
	for _, h := range active {
		seen[h.Key()] = true
	}
	var hits []Hit
	for _, r := range rules {
		ix.selected(r, func(id int32) {
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
			if !seen[h.Key()] {
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
		path := grassroots.Index("rules", i)
		p = append(p, grassroots.FieldErrors(path, r.Validate())...)
		if j, dup := ids[r.ID]; dup && r.ID != "" {
			p = append(p, grassroots.FieldError{Path: path + ".id", Rule: "unique", Message: fmt.Sprintf("rule ID repeats rules[%d]", j)})
		}
		ids[r.ID] = i
	}
	bad := 0
	for i := range observations {
		o := &observations[i]
		if o.Indicator != "" && o.Subject.Kind.IsValid() && o.Subject.Code != "" && !o.At.IsZero() {
			continue
		}
		if bad++; bad > maxReported {
			break
		}
		path := grassroots.Index("observations", i)
		p = append(p, required(path+".indicator", o.Indicator)...)
		p = append(p, o.Subject.problems(path+".subject")...)
		if o.At.IsZero() {
			p = append(p, required(path+".at", "")...)
		}
	}
	return grassroots.NewValidationError(p...)
}
