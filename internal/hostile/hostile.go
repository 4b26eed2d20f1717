// Package hostile holds what the SDK's tests hand to every function that
// takes a decimal to check that it neither hangs nor panics: decimals
// built in Go with exponents no JSON carries, a watchdog to run each call
// under, and the check of the validation problem such a value must get.
// Tests import it; the library does not.
package hostile

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// Decimal is a hostile decimal, its name for test names, and the rule a
// validator reports it with (validate.Problems.Tame).
type Decimal struct {
	Name string
	D    decimal.Decimal
	Rule string
}

// Decimals are decimals whose exponents lie beyond ±exact.MaxExponent:
// decimal aligns each with another operand through a power of ten of two
// billion digits, and prints as many.
var Decimals = []Decimal{
	{"1e2147483647", decimal.New(1, math.MaxInt32), grassroots.RuleMax},
	{"-1e2147483647", decimal.New(-1, math.MaxInt32), grassroots.RuleMax},
	{"1e-2147483648", decimal.New(1, math.MinInt32), grassroots.RuleFormat},
	{"0e2147483647", decimal.New(0, math.MaxInt32), grassroots.RuleMax},
}

// Returns runs f and stops the test binary when f has not returned
// within ten seconds: a regression fails the suite instead of hanging it
// while the runaway computation takes the machine's memory.
func Returns(t testing.TB, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		panic(fmt.Sprintf("%s: %s did not return within 10 seconds", t.Name(), what))
	}
}

// RequireProblem checks that err holds a *grassroots.ValidationError with
// a problem of rule at path whose message is short (under 200 bytes), and
// that err matches sentinel when it is not nil.
func RequireProblem(t testing.TB, err error, sentinel error, path, rule string) {
	t.Helper()
	if sentinel != nil {
		assert.ErrorIs(t, err, sentinel, path)
	}
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve), "%s: want a validation error, got %v", path, err)
	for _, f := range ve.Fields {
		if f.Path == path {
			assert.Equal(t, rule, f.Rule, path)
			assert.Less(t, len(f.Message), 200, "a short message: %s", f.Message)
			return
		}
	}
	t.Errorf("no problem at %s in %v", path, ve.Fields)
}
