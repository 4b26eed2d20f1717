package provider

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/enumfield"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Comparator says which side of an SLA target is compliant.
type Comparator uint8

// The comparators of an SLA term.
const (
	// AtLeast: a measured value of at least the target complies
	// (availability, on-time rate).
	AtLeast Comparator = iota + 1
	// AtMost: a measured value of at most the target complies (response
	// time, complaints).
	AtMost
)

var comparatorNames = enum.New[Comparator]("provider.Comparator", "at_least", "at_most")

// IsValid reports whether c is one of the Comparator values.
func (c Comparator) IsValid() bool { return comparatorNames.Valid(c) }

// String returns the wire name of c, or "Comparator(N)" for an invalid value.
func (c Comparator) String() string { return comparatorNames.String(c) }

// AppendText appends the wire name of c to b; an invalid value is an error.
func (c Comparator) AppendText(b []byte) ([]byte, error) { return comparatorNames.Append(b, c) }

// MarshalText returns the wire name of c; an invalid value is an error.
func (c Comparator) MarshalText() ([]byte, error) { return comparatorNames.Marshal(c) }

// UnmarshalText sets *c to the value named by b; on error *c is unchanged.
func (c *Comparator) UnmarshalText(b []byte) error { return comparatorNames.Unmarshal(c, b) }

// ParseComparator returns the Comparator named s; an unknown name is a *grassroots.UnknownNameError.
func ParseComparator(s string) (Comparator, error) { return comparatorNames.Parse(s) }

// Complies reports whether measured satisfies the comparison with target.
// It compares exactly whatever the exponents of the two values.
func (c Comparator) Complies(measured, target decimal.Decimal) bool {
	switch c {
	case AtLeast:
		return exact.Compare(measured, target) >= 0
	case AtMost:
		return exact.Compare(measured, target) <= 0
	}
	return false
}

// SLATerm is one service-level term of a contract: Metric measured per
// Window (a label such as "day" or "month"; one Measurement per window)
// must satisfy Comparator against Target, in Unit. Each window that fails
// is a breach and costs Penalty (a share of the period's base fee, 0.02 for
// 2 %); the deductions of one term in one period never exceed Cap (a share
// of the base fee).
type SLATerm struct {
	Metric     string          `json:"metric" validate:"required"`
	Comparator Comparator      `json:"comparator" validate:"-"`
	Target     decimal.Decimal `json:"target" validate:"-"`
	Unit       string          `json:"unit" validate:"required"`
	Window     string          `json:"window" validate:"required"`
	Penalty    decimal.Decimal `json:"penalty" validate:"-"`
	Cap        decimal.Decimal `json:"cap" validate:"-"`
}

var one = decimal.NewFromInt(1)

// Validate reports a missing metric, unit or window, an undefined
// comparator, a penalty or cap outside [0, 1], and a target, penalty or
// cap written with an exponent beyond ±10,000, which no JSON carries
// (grassroots.RuleMax, or RuleFormat for a negative exponent).
func (t SLATerm) Validate() error {
	var p validate.Problems
	if t.Metric == "" || t.Unit == "" || t.Window == "" { // the tags; see Contract.tagsHold
		p.Tags("", t)
	}
	enumfield.Check(&p, "comparator", comparatorNames, t.Comparator)
	p.Tame("target", t.Target)
	checkShare(&p, "penalty", t.Penalty, "the penalty per breach")
	checkShare(&p, "cap", t.Cap, "the penalty cap")
	return p.Err()
}

// checkShare reports a share of the base fee outside [0, 1], and only
// that its exponent is out of bounds when it is (see
// validate.Problems.Tame).
func checkShare(p *validate.Problems, path string, v decimal.Decimal, what string) {
	switch {
	case !p.Tame(path, v):
	case v.Sign() < 0:
		p.Addf(path, grassroots.RuleMin, "%s is a share of the base fee from 0 to 1, not %s", what, v)
	case !atMostOne(v):
		p.Addf(path, grassroots.RuleMax, "%s is a share of the base fee from 0 to 1, not %s", what, v)
	}
}

// atMostOne reports whether v <= 1. A share written with up to eighteen
// decimal places and digits compares as an int64 with 10^places, without
// the allocations of rescaling v and one to a common exponent; any other
// value is compared with one.
func atMostOne(v decimal.Decimal) bool {
	if exp := v.Exponent(); exp < 0 && exp >= -18 && v.NumDigits() <= 18 {
		scale := int64(1)
		for range -exp {
			scale *= 10
		}
		return v.CoefficientInt64() <= scale
	}
	return !v.GreaterThan(one)
}

// Grade is an evaluation grade ("excellent", "good", …) as the evaluation
// of a provider reports it. This package only looks grades up in a
// quality table; it does not compute them.
type Grade string

// QualityFactor maps an evaluation grade to the share of the fee (after
// SLA deductions) that is paid: 1 pays all, 0.9 withholds a tenth.
type QualityFactor struct {
	Grade  Grade           `json:"grade" validate:"required"`
	Factor decimal.Decimal `json:"factor"`
}

// DefaultQualityFactors returns the table Settle uses when a contract has
// none. It is this package's choice (no national table fixes one), on the
// four-band scale common in Chinese performance evaluation:
//
//	excellent 1.00   good 0.95   qualified 0.85   unqualified 0.70
func DefaultQualityFactors() []QualityFactor {
	return []QualityFactor{
		{Grade: "excellent", Factor: decimal.NewFromInt(1)},
		{Grade: "good", Factor: decimal.RequireFromString("0.95")},
		{Grade: "qualified", Factor: decimal.RequireFromString("0.85")},
		{Grade: "unqualified", Factor: decimal.RequireFromString("0.70")},
	}
}

func validateQualityFactors(qs []QualityFactor) error {
	var p validate.Problems
	for i, q := range qs {
		path := grassroots.ElementPath("", i)
		p.Tags(path, q)
		checkShare(&p, path+".factor", q.Factor, "a quality factor")
		if j := slices.IndexFunc(qs[:i], func(r QualityFactor) bool { return r.Grade == q.Grade }); q.Grade != "" && j >= 0 {
			p.Addf(path+".grade", grassroots.RuleUnique, "grade %q repeats %s", q.Grade, grassroots.ElementPath("", j))
		}
	}
	return p.Err()
}

// Measurement is the value of a metric over one measurement window.
type Measurement struct {
	Metric string            `json:"metric"`
	Window grassroots.Period `json:"window"`
	Value  decimal.Decimal   `json:"value"`
}

// LineKind says what a settlement line accounts for.
type LineKind uint8

// The kinds of settlement line, in the order they appear.
const (
	// BaseLine: the fee for the period, pro rata by days.
	BaseLine LineKind = iota + 1
	// BreachLine: the deduction for the breaches of one SLA term.
	BreachLine
	// QualityLine: the reduction by the quality factor of the grade.
	QualityLine
)

var lineKindNames = enum.New[LineKind]("provider.LineKind", "base", "breach", "quality")

// IsValid reports whether l is one of the LineKind values.
func (l LineKind) IsValid() bool { return lineKindNames.Valid(l) }

// String returns the wire name of l, or "LineKind(N)" for an invalid value.
func (l LineKind) String() string { return lineKindNames.String(l) }

// AppendText appends the wire name of l to b; an invalid value is an error.
func (l LineKind) AppendText(b []byte) ([]byte, error) { return lineKindNames.Append(b, l) }

// MarshalText returns the wire name of l; an invalid value is an error.
func (l LineKind) MarshalText() ([]byte, error) { return lineKindNames.Marshal(l) }

// UnmarshalText sets *l to the value named by b; on error *l is unchanged.
func (l *LineKind) UnmarshalText(b []byte) error { return lineKindNames.Unmarshal(l, b) }

// ParseLineKind returns the LineKind named s; an unknown name is a *grassroots.UnknownNameError.
func ParseLineKind(s string) (LineKind, error) { return lineKindNames.Parse(s) }

// Line is one step of a settlement, with the figures that produced it.
// Amount is positive for the base fee and negative or zero for deductions.
type Line struct {
	Kind LineKind `json:"kind"`
	// Description explains the line in words, with its figures.
	Description string `json:"description"`
	// Metric and Breaches are set for breach lines.
	Metric   string `json:"metric,omitempty"`
	Breaches int    `json:"breaches,omitempty"`
	// Rate is the share applied: days/term days (to 8 places, half-even) for the base, the capped
	// penalty share for a breach, 1 − factor for quality.
	Rate   decimal.Decimal `json:"rate"`
	Amount decimal.Decimal `json:"amount"`
}

// Settlement is what is payable for one period of a contract, line by line.
// Payable is exactly the sum of the line amounts; 0 ≤ Payable ≤ Base.
type Settlement struct {
	Contract string            `json:"contract"`
	Period   grassroots.Period `json:"period"`
	Currency Currency          `json:"currency"`
	Base     decimal.Decimal   `json:"base"`
	Payable  decimal.Decimal   `json:"payable"`
	Lines    []Line            `json:"lines"`
}

// Settle computes the fee payable for period under contract c, given the
// SLA measurements and the evaluation grade of the period:
//
//  1. base = value × (days in period) / (days in the contract term). Days
//     are calendar days in the time zone of c.Period.Start, and every
//     boundary of both periods must be a midnight there (ErrNotWholeDays);
//     period must lie within the term (ErrOutsideContract).
//  2. For each SLA term in order, the measurements of its metric whose
//     window starts within period and that do not comply are breaches;
//     the deduction is base × min(breaches × penalty, cap), and never more
//     than what is left of the base after earlier deductions. Measurements
//     of metrics without a term are ignored.
//  3. The quality reduction is (base − deductions) × (1 − factor), the
//     factor looked up for grade in c.QualityFactors, or in
//     DefaultQualityFactors when the contract has none (ErrUnknownGrade).
//
// Every amount is rounded to the currency's minor unit (see Currency)
// with round-half-to-even before it enters a line, and Payable is the
// exact sum of the rounded lines, so 0 ≤ Payable ≤ Base always holds.
// Invalid input returns an error and no settlement: a negative value,
// invalid SLA terms or quality factors, a term or period without start or
// end, a period that does not end after it starts, and a value or
// measurement written with an exponent beyond ±10,000 (see
// SLATerm.Validate), are a *grassroots.ValidationError with paths under
// "contract.", "period." and "measured[i].".
func Settle(c Contract, period grassroots.Period, measured []Measurement, grade Grade) (Settlement, error) {
	scale, ok := c.Value.Currency.MinorUnits()
	if !ok {
		return Settlement{}, c.Value.Currency.Validate()
	}
	var p validate.Problems
	if p.Tame("contract.value.amount", c.Value.Amount) && c.Value.Amount.Sign() < 0 {
		p.Addf("contract.value.amount", grassroots.RuleMin, "the contract value must not be negative, not %s", c.Value.Amount)
	}
	for i, t := range c.SLA {
		p.Nest(grassroots.ElementPath("contract.sla", i), t.Validate())
	}
	for i := range measured {
		if !exact.Tame(measured[i].Value) {
			p.Tame(grassroots.ElementPath("measured", i)+".value", measured[i].Value)
		}
	}
	if err := p.Err(); err != nil {
		return Settlement{}, err
	}
	factor, err := qualityFactor(c.QualityFactors, grade)
	if err != nil {
		return Settlement{}, err
	}
	days, termDays, err := countDays(c.Period, period)
	if err != nil {
		return Settlement{}, err
	}
	s := Settlement{Contract: c.ID, Period: period, Currency: c.Value.Currency}
	s.Base = divRoundHalfEven(c.Value.Amount.Mul(decimal.NewFromInt(days)), decimal.NewFromInt(termDays), scale)
	s.Lines = append(s.Lines, Line{
		Kind:        BaseLine,
		Description: fmt.Sprintf("base fee: %d of %d days of %s", days, termDays, c.Value),
		Rate:        divRoundHalfEven(decimal.NewFromInt(days), decimal.NewFromInt(termDays), 8),
		Amount:      s.Base,
	})
	left := s.Base
	for _, t := range c.SLA {
		n := countBreaches(t, period, measured)
		if n == 0 {
			continue
		}
		rate := decimal.Min(t.Penalty.Mul(decimal.NewFromInt(int64(n))), t.Cap)
		amount := s.Base.Mul(rate).RoundBank(scale)
		desc := fmt.Sprintf("%s: %d × %s of base for missing %s %s %s per %s, capped at %s",
			t.Metric, n, t.Penalty, t.Comparator, t.Target, t.Unit, t.Window, t.Cap)
		if amount.GreaterThan(left) {
			amount = left
			desc += ", limited to the base left after earlier deductions"
		}
		left = left.Sub(amount)
		s.Lines = append(s.Lines, Line{Kind: BreachLine, Description: desc, Metric: t.Metric, Breaches: n, Rate: rate, Amount: amount.Neg()})
	}
	reduction := left.Mul(one.Sub(factor)).RoundBank(scale)
	s.Lines = append(s.Lines, Line{
		Kind:        QualityLine,
		Description: fmt.Sprintf("quality grade %s: factor %s on %s after deductions", grade, factor, left),
		Rate:        one.Sub(factor),
		Amount:      reduction.Neg(),
	})
	s.Payable = decimal.Zero
	for _, l := range s.Lines {
		s.Payable = s.Payable.Add(l.Amount)
	}
	return s, nil
}

func qualityFactor(table []QualityFactor, g Grade) (decimal.Decimal, error) {
	which := "the contract's quality table"
	if len(table) == 0 {
		table, which = DefaultQualityFactors(), "the default quality table"
	} else if err := validateQualityFactors(table); err != nil {
		var p validate.Problems
		p.Nest("contract.quality_factors", err)
		return decimal.Decimal{}, p.Err()
	}
	grades := make([]string, len(table))
	for i, q := range table {
		if q.Grade == g {
			return q.Factor, nil
		}
		grades[i] = string(q.Grade)
	}
	return decimal.Decimal{}, fmt.Errorf("%w: %q is not in %s; its grades: %s", ErrUnknownGrade, string(g), which, strings.Join(grades, ", "))
}

func countBreaches(t SLATerm, period grassroots.Period, measured []Measurement) int {
	n := 0
	for _, m := range measured {
		if m.Metric == t.Metric && period.Contains(m.Window.Start) && !t.Comparator.Complies(m.Value, t.Target) {
			n++
		}
	}
	return n
}

// countDays returns the days of period and of term, both counted in the
// time zone of term.Start.
func countDays(term, period grassroots.Period) (days, termDays int64, err error) {
	var p validate.Problems
	p.Require(!term.Start.IsZero(), "contract.period.start", "the contract term needs a start to count days")
	p.Require(!term.End.IsZero(), "contract.period.end", "the contract term needs an end to count days")
	p.Require(!period.Start.IsZero(), "period.start", "the settlement period needs a start")
	p.Require(!period.End.IsZero(), "period.end", "the settlement period needs an end")
	if p.Len() == 0 && !period.End.After(period.Start) {
		p.Addf("period.end", grassroots.RuleOrder, "the settlement period ends at %s, not after its start %s", formatTime(period.End), formatTime(period.Start))
	}
	if err := p.Err(); err != nil {
		return 0, 0, err
	}
	loc := term.Start.Location()
	for _, b := range [...]struct {
		name string
		t    time.Time
	}{{"contract.period.start", term.Start}, {"contract.period.end", term.End}, {"period.start", period.Start}, {"period.end", period.End}} {
		if l := b.t.In(loc); l.Hour() != 0 || l.Minute() != 0 || l.Second() != 0 || l.Nanosecond() != 0 {
			return 0, 0, fmt.Errorf("%w: %s %s is not a midnight in %s, the zone of the contract's start", ErrNotWholeDays, b.name, formatTime(b.t), loc)
		}
	}
	if period.Start.Before(term.Start) || period.End.After(term.End) {
		return 0, 0, fmt.Errorf("%w: the period %s to %s is not within the term %s to %s",
			ErrOutsideContract, formatTime(period.Start), formatTime(period.End), formatTime(term.Start), formatTime(term.End))
	}
	return civilDays(period.Start.In(loc), period.End.In(loc)), civilDays(term.Start.In(loc), term.End.In(loc)), nil
}

// civilDays counts calendar days from a to b by their dates, so a day
// lost or gained to a clock change still counts as one day.
func civilDays(a, b time.Time) int64 {
	day := func(t time.Time) time.Time {
		y, m, d := t.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return int64(day(b).Sub(day(a)) / (24 * time.Hour))
}
