package provider

import (
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

var seedFlag = flag.Uint64("provider.seed", 20261127, "seed of the randomised property tests")

func march() grassroots.Period {
	return grassroots.Period{Start: day(2026, 3, 1), End: day(2026, 4, 1)}
}

func weekly(metric string, values ...string) []Measurement {
	var ms []Measurement
	for i, v := range values {
		start := day(2026, 3, 1+7*i)
		ms = append(ms, Measurement{Metric: metric, Window: grassroots.Period{Start: start, End: start.AddDate(0, 0, 7)}, Value: dec(v)})
	}
	return ms
}

func TestSettleWorkedMonth(t *testing.T) {
	c := testContract(t)
	measured := weekly("on_time_visits", "0.96", "0.90", "0.93", "0.97")
	measured = append(measured, weekly("response_minutes", "31", "45", "29", "35", "60")...)
	measured = append(measured, weekly("response_minutes", "50", "40", "33")...) // more daily breaches
	measured = append(measured, Measurement{Metric: "on_time_visits", Window: grassroots.Period{Start: day(2026, 4, 1), End: day(2026, 4, 8)}, Value: dec("0")})
	s, err := Settle(c, march(), measured, "good")
	require.NoError(t, err)

	// base: 120000 × 31/365 = 10191.780821… → 10191.78
	// on_time_visits: 2 breaches × 0.02 = 0.04 → 10191.78 × 0.04 = 407.6712 → 407.67
	// response_minutes: 7 breaches × 0.01 = 0.07, capped at 0.05 → 509.589 → 509.59
	// quality "good" 0.95: (10191.78 − 407.67 − 509.59) × 0.05 = 9274.52 × 0.05 = 463.726 → 463.73
	// payable: 9274.52 − 463.73 = 8810.79 (the April window is outside March)
	want := []string{"10191.78", "-407.67", "-509.59", "-463.73"}
	require.Len(t, s.Lines, len(want))
	for i, w := range want {
		assert.True(t, dec(w).Equal(s.Lines[i].Amount), "line %d: got %s want %s (%s)", i, s.Lines[i].Amount, w, s.Lines[i].Description)
	}
	assert.Equal(t, 2, s.Lines[1].Breaches)
	assert.Equal(t, 7, s.Lines[2].Breaches)
	assert.True(t, dec("0.05").Equal(s.Lines[2].Rate), "capped rate")
	assert.True(t, dec("8810.79").Equal(s.Payable), "payable %s", s.Payable)
	assert.True(t, dec("10191.78").Equal(s.Base))
	assert.Contains(t, s.Lines[0].Description, "31 of 365 days")
}

func TestSettleRoundsHalfEvenToMinorUnit(t *testing.T) {
	c := testContract(t)
	c.SLA = nil
	c.Value = Money{Amount: dec("5"), Currency: "JPY"}
	c.Period = grassroots.Period{Start: day(2026, 3, 1), End: day(2026, 3, 3)}
	s, err := Settle(c, grassroots.Period{Start: day(2026, 3, 1), End: day(2026, 3, 2)}, nil, "excellent")
	require.NoError(t, err)
	assert.True(t, dec("2").Equal(s.Base), "5 × 1/2 = 2.5 rounds to even 2 yen, got %s", s.Base)

	cases := []struct{ num, den, want string }{
		{"5", "2", "2"}, {"7", "2", "4"}, {"-5", "2", "-2"}, {"-7", "2", "-4"},
		{"1", "3", "0"}, {"2", "3", "1"}, {"0.125", "1", "0"},
	}
	for _, tc := range cases {
		got := divRoundHalfEven(dec(tc.num), dec(tc.den), 0)
		assert.True(t, dec(tc.want).Equal(got), "%s/%s → %s", tc.num, tc.den, got)
	}
	assert.True(t, dec("0.12").Equal(divRoundHalfEven(dec("0.125"), dec("1"), 2)))
	assert.True(t, dec("0.14").Equal(divRoundHalfEven(dec("0.135"), dec("1"), 2)), "tie goes to the even digit 4")
	assert.True(t, dec("0.33").Equal(divRoundHalfEven(dec("1"), dec("3"), 2)))
}

func TestSettleDeductionsNeverExceedBase(t *testing.T) {
	c := testContract(t)
	c.SLA = []SLATerm{
		{Metric: "a", Comparator: AtLeast, Target: dec("1"), Unit: "x", Window: "week", Penalty: dec("0.6"), Cap: dec("1")},
		{Metric: "b", Comparator: AtLeast, Target: dec("1"), Unit: "x", Window: "week", Penalty: dec("0.6"), Cap: dec("1")},
	}
	measured := append(weekly("a", "0"), weekly("b", "0")...)
	s, err := Settle(c, march(), measured, "excellent")
	require.NoError(t, err)
	assert.True(t, s.Payable.IsZero(), "payable %s", s.Payable)
	assert.Contains(t, s.Lines[2].Description, "limited")
}

func TestSettleRejects(t *testing.T) {
	c := testContract(t)
	_, err := Settle(c, march(), nil, "outstanding")
	assert.ErrorIs(t, err, ErrUnknownGrade)
	_, err = Settle(c, grassroots.Period{Start: day(2026, 3, 1).Add(1), End: day(2026, 4, 1)}, nil, "good")
	assert.ErrorIs(t, err, ErrNotWholeDays)
	_, err = Settle(c, grassroots.Period{Start: day(2026, 12, 1), End: day(2027, 1, 2)}, nil, "good")
	assert.ErrorIs(t, err, ErrOutsideContract)
	_, err = Settle(c, grassroots.Period{Start: day(2026, 3, 1), End: day(2026, 3, 1)}, nil, "good")
	requireProblem(t, err, "period.end", grassroots.RuleOrder)
	_, err = Settle(c, grassroots.Period{Start: day(2026, 3, 1)}, nil, "good")
	requireProblem(t, err, "period.end", grassroots.RuleRequired)
	open := c
	open.Period.End = time.Time{}
	_, err = Settle(open, march(), nil, "good")
	requireProblem(t, err, "contract.period.end", grassroots.RuleRequired)
	bad := c
	bad.Value.Currency = "XAU"
	_, err = Settle(bad, march(), nil, "good")
	assert.ErrorIs(t, err, ErrUnsupportedCurrency)
	bad = c
	bad.QualityFactors = []QualityFactor{{Grade: "good", Factor: dec("1.1")}}
	_, err = Settle(bad, march(), nil, "good")
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "a factor above 1 would pay more than the base")
}

func TestSettleCustomQualityTable(t *testing.T) {
	c := testContract(t)
	c.SLA = nil
	c.QualityFactors = []QualityFactor{{Grade: "A", Factor: dec("1")}, {Grade: "B", Factor: dec("0.5")}}
	s, err := Settle(c, march(), nil, "B")
	require.NoError(t, err)
	assert.True(t, dec("5095.89").Equal(s.Payable), "10191.78 × 0.5 = 5095.89, got %s", s.Payable)
	_, err = Settle(c, march(), nil, "good")
	assert.ErrorIs(t, err, ErrUnknownGrade, "the default table is not consulted when the contract has one")
}

func TestSettleProperties(t *testing.T) {
	seed := *seedFlag
	t.Logf("seed %d (rerun with -provider.seed=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	currencies := []Currency{"CNY", "USD", "EUR", "JPY", "HKD"}
	grades := []Grade{"excellent", "good", "qualified", "unqualified"}
	n := 2000
	if testing.Short() {
		n = 300
	}
	for i := range n {
		cur := currencies[rng.IntN(len(currencies))]
		scale, _ := cur.MinorUnits()
		c := testContract(t)
		c.Value = Money{Amount: decimal.New(rng.Int64N(1_000_000_000)+1, -scale), Currency: cur}
		termDays := 1 + rng.IntN(366)
		c.Period = grassroots.Period{Start: day(2026, 1, 1), End: day(2026, 1, 1+termDays)}
		from := rng.IntN(termDays)
		to := from + 1 + rng.IntN(termDays-from)
		period := grassroots.Period{Start: day(2026, 1, 1+from), End: day(2026, 1, 1+to)}
		c.SLA = nil
		var measured []Measurement
		for k := range rng.IntN(4) {
			metric := fmt.Sprintf("m%d", k)
			c.SLA = append(c.SLA, SLATerm{Metric: metric, Comparator: Comparator(1 + rng.IntN(2)), Target: decimal.New(rng.Int64N(100), -2),
				Unit: "u", Window: "day", Penalty: decimal.New(rng.Int64N(1001), -3), Cap: decimal.New(rng.Int64N(1001), -3)})
			for d := from; d < to; d++ {
				measured = append(measured, Measurement{Metric: metric, Window: grassroots.Period{Start: day(2026, 1, 1+d), End: day(2026, 1, 2+d)}, Value: decimal.New(rng.Int64N(100), -2)})
			}
		}
		s, err := Settle(c, period, measured, grades[rng.IntN(len(grades))])
		require.NoError(t, err, "case %d", i)
		sum := decimal.Zero
		for _, l := range s.Lines {
			sum = sum.Add(l.Amount)
			assert.True(t, l.Amount.Equal(l.Amount.Round(scale)), "case %d: line %s has more than %d places", i, l.Amount, scale)
		}
		assert.True(t, sum.Equal(s.Payable), "case %d: lines sum %s, payable %s", i, sum, s.Payable)
		assert.True(t, s.Payable.Sign() >= 0, "case %d: payable %s negative", i, s.Payable)
		assert.True(t, s.Payable.LessThanOrEqual(s.Base), "case %d: payable %s above base %s", i, s.Payable, s.Base)
		assert.True(t, s.Base.LessThanOrEqual(c.Value.Amount), "case %d: base %s above value %s", i, s.Base, c.Value.Amount)
		if from == 0 && to == termDays {
			assert.True(t, s.Base.Equal(c.Value.Amount), "case %d: the whole term earns the whole value", i)
		}
	}
}

// TestAtMostOneAgreesWithCmp holds atMostOne to Decimal.Cmp with one on
// shares around 1 at every scale it takes a shortcut for and beyond, and
// on coefficients too long for an int64.
func TestAtMostOneAgreesWithCmp(t *testing.T) {
	r := rand.New(rand.NewPCG(*seedFlag, 7))
	check := func(v decimal.Decimal) {
		assert.Equal(t, v.Cmp(one) <= 0, atMostOne(v), "%s (coefficient %s, exponent %d)", v, v.Coefficient(), v.Exponent())
	}
	for exp := int32(-22); exp <= 2; exp++ {
		for _, c := range []int64{0, 1, 9, 10, 11, 99, 100, 101, -1, -10} {
			check(decimal.New(c, exp))
		}
		if exp < 0 {
			p := decimal.New(1, -exp).Coefficient() // 10^-exp
			for _, d := range []int64{-1, 0, 1} {
				check(decimal.NewFromBigInt(p.Add(p, big.NewInt(d)), exp))
				p = decimal.New(1, -exp).Coefficient()
			}
		}
		for range 200 {
			check(decimal.New(r.Int64N(1_000_000_000_000_000_000)-1, exp))
		}
	}
	check(decimal.RequireFromString("0.99999999999999999999999"))
	check(decimal.RequireFromString("1.00000000000000000000001"))
	check(decimal.RequireFromString("1.000000000000000000"))
}
