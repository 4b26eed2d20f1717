package provider

import (
	"math"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/hostile"
)

// contractEdits set one decimal of a contract, naming its path.
var contractEdits = []struct {
	path string
	set  func(*Contract, decimal.Decimal)
}{
	{"value.amount", func(c *Contract, d decimal.Decimal) { c.Value.Amount = d }},
	{"sla[1].target", func(c *Contract, d decimal.Decimal) { c.SLA[1].Target = d }},
	{"sla[0].penalty", func(c *Contract, d decimal.Decimal) { c.SLA[0].Penalty = d }},
	{"sla[1].cap", func(c *Contract, d decimal.Decimal) { c.SLA[1].Cap = d }},
	{"quality_factors[1].factor", func(c *Contract, d decimal.Decimal) { c.QualityFactors[1].Factor = d }},
	{"milestones[0].value.amount", func(c *Contract, d decimal.Decimal) { c.Milestones[0].Value = &Money{Amount: d, Currency: "CNY"} }},
	{"transactions[0].value.amount", func(c *Contract, d decimal.Decimal) { c.Transactions[0].Value.Amount = d }},
}

// hostileContract returns testContract, with the default quality table
// and its own slices, with the decimal at edit set to d.
func hostileContract(t *testing.T, edit func(*Contract, decimal.Decimal), d decimal.Decimal) Contract {
	c := testContract(t)
	c.SLA, c.Milestones, c.Transactions = slices.Clone(c.SLA), slices.Clone(c.Milestones), slices.Clone(c.Transactions)
	c.QualityFactors = DefaultQualityFactors()
	edit(&c, d)
	return c
}

func TestContractValidateRefusesHostileDecimals(t *testing.T) {
	for _, e := range contractEdits {
		for _, h := range hostile.Decimals {
			t.Run(e.path+"="+h.Name, func(t *testing.T) {
				c := hostileContract(t, e.set, h.D)
				var err error
				hostile.Returns(t, "Validate", func() { err = c.Validate() })
				hostile.RequireProblem(t, err, nil, e.path, h.Rule)
			})
		}
	}
	// Several at once: each is named, and nothing is computed with them.
	c := hostileContract(t, contractEdits[0].set, hostile.Decimals[0].D)
	c.Transactions = append(c.Transactions, Transaction{ID: "tx2", Date: day(2026, 5, 1), Value: Money{Amount: hostile.Decimals[2].D, Currency: "CNY"}})
	var err error
	hostile.Returns(t, "Validate", func() { err = c.Validate() })
	hostile.RequireProblem(t, err, nil, "value.amount", grassroots.RuleMax)
	hostile.RequireProblem(t, err, nil, "transactions[1].value.amount", grassroots.RuleFormat)
}

func TestSLATermValidateRefusesHostileDecimals(t *testing.T) {
	edits := []struct {
		path string
		set  func(*SLATerm, decimal.Decimal)
	}{
		{"target", func(s *SLATerm, d decimal.Decimal) { s.Target = d }},
		{"penalty", func(s *SLATerm, d decimal.Decimal) { s.Penalty = d }},
		{"cap", func(s *SLATerm, d decimal.Decimal) { s.Cap = d }},
	}
	for _, e := range edits {
		for _, h := range hostile.Decimals {
			term := testContract(t).SLA[0]
			e.set(&term, h.D)
			var err error
			hostile.Returns(t, e.path+"="+h.Name, func() { err = term.Validate() })
			hostile.RequireProblem(t, err, nil, e.path, h.Rule)
			var ve *grassroots.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Len(t, ve.Fields, 1, "%s=%s: only the exponent is reported", e.path, h.Name)
		}
	}
}

func TestSettleRefusesHostileDecimals(t *testing.T) {
	measured := append(weekly("on_time_visits", "0.96", "0.90"), weekly("response_minutes", "45")...)
	for _, e := range contractEdits[:5] { // Settle reads no milestone or transaction
		for _, h := range hostile.Decimals {
			t.Run(e.path+"="+h.Name, func(t *testing.T) {
				c := hostileContract(t, e.set, h.D)
				var err error
				hostile.Returns(t, "Settle", func() { _, err = Settle(c, march(), measured, "good") })
				hostile.RequireProblem(t, err, nil, "contract."+e.path, h.Rule)
			})
		}
	}
	for _, h := range hostile.Decimals {
		t.Run("measured[2].value="+h.Name, func(t *testing.T) {
			ms := slices.Clone(measured)
			ms[2].Value = h.D
			var err error
			hostile.Returns(t, "Settle", func() { _, err = Settle(testContract(t), march(), ms, "good") })
			hostile.RequireProblem(t, err, nil, "measured[2].value", h.Rule)
		})
	}
}

func TestDecideRefusesHostileDecimals(t *testing.T) {
	drafted, _, _, _ := stages(t)
	for _, e := range contractEdits {
		for _, h := range hostile.Decimals {
			t.Run(e.path+"="+h.Name, func(t *testing.T) {
				c := hostileContract(t, e.set, h.D)
				cmds := []struct {
					state State
					cmd   Command
				}{
					{State{}, Draft{fresh(buyerActor, day(2025, 11, 1)), c}},
					{drafted, Amend{fresh(buyerActor, day(2025, 11, 2)), c, "reprice"}},
				}
				for _, tc := range cmds {
					var es []Event
					var err error
					hostile.Returns(t, tc.cmd.CommandName(), func() { es, err = Decider{}.Decide(tc.state, tc.cmd) })
					assert.Empty(t, es, "%s: a refused command emits nothing", tc.cmd.CommandName())
					hostile.RequireProblem(t, err, nil, "terms."+e.path, h.Rule)
				}
			})
		}
	}
	// A draft whose terms a hand edit made hostile cannot be signed.
	bad := drafted
	bad.Contract = hostileContract(t, contractEdits[0].set, hostile.Decimals[0].D)
	var err error
	hostile.Returns(t, "Sign", func() { _, err = Decider{}.Decide(bad, Sign{fresh(buyerActor, day(2025, 12, 1))}) })
	hostile.RequireProblem(t, err, nil, "contract.value.amount", grassroots.RuleMax)
}

func TestCodecRefusesHostileDecimals(t *testing.T) {
	// An event built by hand, not by Decide, is validated before it is
	// written: decimal would otherwise print every digit of the amount.
	for _, h := range hostile.Decimals {
		c := hostileContract(t, contractEdits[0].set, h.D)
		e := Drafted{fresh(buyerActor, day(2025, 11, 1)), c}
		e.AggregateID = c.ID
		var err error
		hostile.Returns(t, "Envelope", func() { _, err = Codec.Envelope("/test", e, 0) })
		hostile.RequireProblem(t, err, nil, "terms.value.amount", h.Rule)
		hostile.Returns(t, "Seal", func() { _, err = Codec.Seal(nil, "/test", []Event{e}) })
		hostile.RequireProblem(t, err, nil, "events[0].terms.value.amount", h.Rule)
	}
}

func TestCheckSupplierIgnoresHostileDecimals(t *testing.T) {
	// CheckSupplier reads no amount: a hostile one changes nothing.
	for _, e := range contractEdits {
		c := hostileContract(t, e.set, hostile.Decimals[0].D)
		var err error
		hostile.Returns(t, "CheckSupplier", func() { err = CheckSupplier(c, testProvider(t), DefaultRules()) })
		assert.NoError(t, err, e.path)
	}
}

func TestHostileDecimalsCompareAndPrint(t *testing.T) {
	big, small := decimal.New(1, math.MaxInt32), decimal.New(1, math.MinInt32)
	hostile.Returns(t, "Complies", func() {
		assert.True(t, AtLeast.Complies(big, dec("0.95")))
		assert.False(t, AtMost.Complies(big, dec("30")))
		assert.False(t, AtLeast.Complies(small, dec("0.95")))
		assert.True(t, AtLeast.Complies(small, decimal.Zero))
		assert.True(t, AtMost.Complies(decimal.New(-1, math.MaxInt32), decimal.New(-1, math.MinInt32)))
		assert.True(t, AtLeast.Complies(decimal.New(0, math.MaxInt32), decimal.New(0, math.MinInt32)))
		assert.True(t, AtMost.Complies(decimal.New(10, math.MaxInt32-1), big), "equal values comply both ways")
		assert.True(t, AtLeast.Complies(decimal.New(10, math.MaxInt32-1), big))
	})
	hostile.Returns(t, "Equal", func() {
		assert.True(t, Money{Amount: big, Currency: "CNY"}.Equal(Money{Amount: decimal.New(100, math.MaxInt32-2), Currency: "CNY"}))
		assert.False(t, Money{Amount: big, Currency: "CNY"}.Equal(cny("1")))
		assert.False(t, cny("0").Equal(Money{Amount: small, Currency: "CNY"}))
		assert.True(t, cny("0").Equal(Money{Amount: decimal.New(0, math.MinInt32), Currency: "CNY"}))
	})
	hostile.Returns(t, "String", func() {
		assert.Equal(t, "1e2147483647 CNY", Money{Amount: big, Currency: "CNY"}.String())
		assert.Equal(t, dec("1234.50").String()+" CNY", cny("1234.50").String(), "a tame amount prints as before")
	})
}
