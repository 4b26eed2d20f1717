package risk

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Observation is one measured value of an indicator for a subject: an
// overdue share of a grid, one denied data-access request of a provider, a
// disparate-impact ratio of an allocation. Scope narrows the series when a
// subject has several ("elderly_care@330302" for a provider's share of one
// function in one area); empty when not needed.
type Observation struct {
	Indicator string          `json:"indicator"`
	Subject   Subject         `json:"subject"`
	Scope     string          `json:"scope,omitempty"`
	At        time.Time       `json:"at"`
	Value     decimal.Decimal `json:"value"`
}

// Selector picks the subjects a rule watches: every subject of Kind, or
// those whose code is in Codes, or those whose code starts with Prefix (a
// grid code and every grid under it). Codes and Prefix are exclusive.
type Selector struct {
	Kind   SubjectKind `json:"kind"`
	Codes  []string    `json:"codes,omitempty"`
	Prefix string      `json:"prefix,omitempty"`
}

// ConditionKind is how a rule reads its series.
type ConditionKind uint8

// The condition kinds.
const (
	// ConditionThreshold compares the latest value at or before the
	// evaluation time (within the window, if one is set).
	ConditionThreshold ConditionKind = iota + 1
	// ConditionChange compares the last value in the window minus the
	// first (needs two observations in the window).
	ConditionChange
	// ConditionCount compares the number of observations in the window.
	ConditionCount
)

var conditionKindNames = enum.New[ConditionKind]("risk.ConditionKind",
	"threshold", "change", "count",
)

// IsValid reports whether k is one of the ConditionKind values.
func (k ConditionKind) IsValid() bool { return conditionKindNames.Valid(k) }

// String returns the wire name of k, or "ConditionKind(N)" for an invalid value.
func (k ConditionKind) String() string { return conditionKindNames.String(k) }

// AppendText appends the wire name of k to b; an invalid value is an error.
func (k ConditionKind) AppendText(b []byte) ([]byte, error) { return conditionKindNames.Append(b, k) }

// MarshalText returns the wire name of k; an invalid value is an error.
func (k ConditionKind) MarshalText() ([]byte, error) { return conditionKindNames.Marshal(k) }

// UnmarshalText sets *k to the value named by b; on error *k is unchanged.
func (k *ConditionKind) UnmarshalText(b []byte) error { return conditionKindNames.Unmarshal(k, b) }

// ParseConditionKind returns the ConditionKind named s; an unknown name is a *grassroots.UnknownNameError.
func ParseConditionKind(s string) (ConditionKind, error) { return conditionKindNames.Parse(s) }

// Comparison is how a measured value is compared with a threshold.
type Comparison uint8

// The comparisons; "above" and "below" are strict.
const (
	Above Comparison = iota + 1
	AtLeast
	Below
	AtMost
)

var comparisonNames = enum.New[Comparison]("risk.Comparison",
	"above", "at_least", "below", "at_most",
)

// IsValid reports whether c is one of the Comparison values.
func (c Comparison) IsValid() bool { return comparisonNames.Valid(c) }

// String returns the wire name of c, or "Comparison(N)" for an invalid value.
func (c Comparison) String() string { return comparisonNames.String(c) }

// AppendText appends the wire name of c to b; an invalid value is an error.
func (c Comparison) AppendText(b []byte) ([]byte, error) { return comparisonNames.Append(b, c) }

// MarshalText returns the wire name of c; an invalid value is an error.
func (c Comparison) MarshalText() ([]byte, error) { return comparisonNames.Marshal(c) }

// UnmarshalText sets *c to the value named by b; on error *c is unchanged.
func (c *Comparison) UnmarshalText(b []byte) error { return comparisonNames.Unmarshal(c, b) }

// ParseComparison returns the Comparison named s; an unknown name is a *grassroots.UnknownNameError.
func ParseComparison(s string) (Comparison, error) { return comparisonNames.Parse(s) }

// Holds reports whether "value c threshold" is true, exactly, whatever
// the exponents of the two values.
func (c Comparison) Holds(value, threshold decimal.Decimal) bool {
	return c.holdsOrder(exact.Compare(value, threshold))
}

// holdsOrder applies c to the result of comparing value with threshold.
func (c Comparison) holdsOrder(cmp int) bool {
	switch c {
	case Above:
		return cmp > 0
	case AtLeast:
		return cmp >= 0
	case Below:
		return cmp < 0
	case AtMost:
		return cmp <= 0
	}
	return false
}

// Condition is the test a rule applies to one series.
type Condition struct {
	Kind      ConditionKind   `json:"kind"`
	Compare   Comparison      `json:"compare"`
	Threshold decimal.Decimal `json:"threshold"`
	// WindowSeconds is the window (at − window, at] in seconds. Required
	// for change and count; optional for threshold, where it bounds how old
	// the latest value may be.
	WindowSeconds int64 `json:"window_seconds,omitempty"`
}

// Window returns the window as a duration.
func (c Condition) Window() time.Duration { return time.Duration(c.WindowSeconds) * time.Second }

// Rule is an identification rule: when Condition holds on the series of
// Indicator for a selected subject, Detect reports a Hit. Rules are
// versioned; a hit keeps the version that produced it, so a later change
// of threshold does not rewrite why an old risk was raised.
type Rule struct {
	ID        string    `json:"id"`
	Version   int       `json:"version"`
	Title     string    `json:"title,omitempty"`
	Category  Category  `json:"category"`
	Subjects  Selector  `json:"subjects"`
	Indicator string    `json:"indicator"`
	Condition Condition `json:"condition"`
	// Severity is a hint for the assessor, not an assessment.
	Severity Level `json:"severity,omitempty"`
}

// maxWindowSeconds keeps windows far from time.Duration overflow (about
// 100 years).
const maxWindowSeconds = 100 * 366 * 24 * 3600

// Validate reports every problem with r, among them a threshold written
// with an exponent beyond ±10,000, which no JSON carries
// (grassroots.RuleMax, or RuleFormat for a negative exponent).
func (r Rule) Validate() error {
	var p validate.Problems
	p.Require(r.ID != "", "id", "id is required")
	if r.Version < 1 {
		p.Add("version", grassroots.RuleMin, "version must be at least 1")
	}
	p.Nest("category", r.Category.Validate())
	if !r.Subjects.Kind.IsValid() {
		p.Add("subjects.kind", grassroots.RuleEnum, subjectKindNames.Problem(r.Subjects.Kind))
	}
	if len(r.Subjects.Codes) > 0 && r.Subjects.Prefix != "" {
		p.Add("subjects.prefix", grassroots.RuleExcluded, "a rule names its subjects by codes or by a prefix, not both")
	}
	for i, c := range r.Subjects.Codes {
		p.Require(c != "", grassroots.ElementPath("subjects.codes", i), "code is required")
	}
	p.Require(r.Indicator != "", "indicator", "indicator is required")
	c := r.Condition
	if !c.Kind.IsValid() {
		p.Add("condition.kind", grassroots.RuleEnum, conditionKindNames.Problem(c.Kind))
	}
	if !c.Compare.IsValid() {
		p.Add("condition.compare", grassroots.RuleEnum, comparisonNames.Problem(c.Compare))
	}
	p.Tame("condition.threshold", c.Threshold)
	switch {
	case c.WindowSeconds < 0:
		p.Add("condition.window_seconds", grassroots.RuleMin, "window must not be negative")
	case c.WindowSeconds > maxWindowSeconds:
		p.Addf("condition.window_seconds", grassroots.RuleMax, "window must be at most %d seconds", maxWindowSeconds)
	case c.WindowSeconds == 0 && (c.Kind == ConditionChange || c.Kind == ConditionCount):
		p.Add("condition.window_seconds", grassroots.RuleRequired, "change and count need a window")
	}
	if r.Severity != 0 && !r.Severity.IsValid() {
		p.Add("severity", grassroots.RuleEnum, levelNames.Problem(r.Severity))
	}
	return p.Err()
}

// Hit is one rule firing for one subject (and scope). Evidence keeps what
// was measured, so the hit explains itself after the data moves on. The
// matter a hit is about is its rule ID, subject and scope: a new version
// of a rule firing on the same subject is the same matter.
type Hit struct {
	Rule        string   `json:"rule"`
	RuleVersion int      `json:"rule_version"`
	Category    Category `json:"category"`
	Subject     Subject  `json:"subject"`
	Scope       string   `json:"scope,omitempty"`
	Indicator   string   `json:"indicator"`
	Severity    Level    `json:"severity,omitempty"`
	// At is the evaluation time.
	At       time.Time `json:"at"`
	Evidence Evidence  `json:"evidence"`
}

// Evidence is what a rule measured when it fired.
type Evidence struct {
	Condition ConditionKind   `json:"condition"`
	Compare   Comparison      `json:"compare"`
	Threshold decimal.Decimal `json:"threshold"`
	// Value is what was compared: the latest value, the change, or the
	// count.
	Value decimal.Decimal `json:"value"`
	// Observations is how many observations the value rests on.
	Observations int `json:"observations"`
	// From and To are the times of the first and last observation used.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}
