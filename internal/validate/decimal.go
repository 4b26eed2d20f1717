package validate

import (
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
)

// Tame records a problem at path when d's exponent is beyond
// ±exact.MaxExponent, which no quantity of the domain needs and which
// arithmetic on d could not afford (see exact.MaxExponent): a
// grassroots.RuleMax problem for a larger exponent, RuleFormat (too many
// decimal places) for a smaller one. It reports whether d is tame; a
// caller checks nothing else of a value that is not, since comparing it
// would already cost what the check prevents.
func (p *Problems) Tame(path string, d decimal.Decimal) bool {
	if exact.Tame(d) {
		return true
	}
	rule := grassroots.RuleMax
	if d.Exponent() < 0 {
		rule = grassroots.RuleFormat
	}
	p.Add(path, rule, "the number "+exact.Text(d)+" has exponent "+strconv.Itoa(int(d.Exponent()))+
		"; want one from -"+strconv.Itoa(exact.MaxExponent)+" to "+strconv.Itoa(exact.MaxExponent))
	return false
}

// CheckTame returns the *grassroots.ValidationError that Problems.Tame
// records for d at path, or nil when d is tame: for a function that
// checks one decimal and returns at once.
func CheckTame(path string, d decimal.Decimal) error {
	if exact.Tame(d) {
		return nil
	}
	var p Problems
	p.Tame(path, d)
	return p.Err()
}
