package ocds_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/provider/ocds"
)

// hostile are amounts built in Go with exponents no JSON carries, whose
// digits no memory holds.
var hostile = []struct {
	name string
	d    decimal.Decimal
	rule string
}{
	{"1e2147483647", decimal.New(1, math.MaxInt32), grassroots.RuleMax},
	{"-1e2147483647", decimal.New(-1, math.MaxInt32), grassroots.RuleMax},
	{"1e-2147483648", decimal.New(1, math.MinInt32), grassroots.RuleFormat},
	{"0e2147483647", decimal.New(0, math.MaxInt32), grassroots.RuleMax},
}

// returns runs f and stops the test binary when f has not returned within
// ten seconds, so that a regression fails rather than hangs the suite.
func returns(t *testing.T, what string, f func()) {
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

// amountEdits set one amount of sample(t)[0], naming its path in a
// contract and in an OCDS contract.
var amountEdits = []struct {
	path, ocdsPath string
	set            func(*provider.Contract, decimal.Decimal)
}{
	{"value.amount", "value.amount", func(c *provider.Contract, d decimal.Decimal) { c.Value.Amount = d }},
	{"milestones[0].value.amount", "implementation.milestones[0].value.amount", func(c *provider.Contract, d decimal.Decimal) {
		c.Milestones[0].Value = &provider.Money{Amount: d, Currency: "CNY"}
	}},
	{"transactions[1].value.amount", "implementation.transactions[1].value.amount", func(c *provider.Contract, d decimal.Decimal) {
		c.Transactions[1].Value.Amount = d
	}},
}

func hostileSample(t *testing.T, set func(*provider.Contract, decimal.Decimal), d decimal.Decimal) []provider.Contract {
	cs := sample(t)
	cs[0].Milestones, cs[0].Transactions = slices.Clone(cs[0].Milestones), slices.Clone(cs[0].Transactions)
	set(&cs[0], d)
	return cs
}

func TestExportRefusesHostileAmounts(t *testing.T) {
	for _, e := range amountEdits {
		for _, h := range hostile {
			cs := hostileSample(t, e.set, h.d)
			var p ocds.Package
			var err error
			returns(t, "Export", func() { p, err = ocds.Export(cs, opts()) })
			assert.Empty(t, p.Releases, "%s=%s: nothing written", e.path, h.name)
			var ve *grassroots.ValidationError
			require.ErrorAs(t, err, &ve, "%s=%s", e.path, h.name)
			require.Len(t, ve.Fields, 1, "%s=%s: %v", e.path, h.name, err)
			f := ve.Fields[0]
			assert.Equal(t, "contracts[0]."+e.path, f.Path)
			assert.Equal(t, h.rule, f.Rule, f.Path)
			assert.Less(t, len(f.Message), 200, "a short message: %s", f.Message)
		}
	}
}

func TestAmountMarshalJSONRefusesHostileAmounts(t *testing.T) {
	for _, h := range hostile {
		var b []byte
		var err error
		returns(t, "json.Marshal", func() { b, err = json.Marshal(ocds.Amount{Decimal: h.d}) })
		assert.Nil(t, b, h.name)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, h.name)
		require.Len(t, ve.Fields, 1)
		assert.Equal(t, h.rule, ve.Fields[0].Rule, h.name)
		assert.Less(t, len(err.Error()), 300, "a short message: %v", err)
	}
	b, err := json.Marshal(ocds.Amount{Decimal: decimal.New(1, 10000)})
	require.NoError(t, err, "the largest exponent JSON carries is written")
	assert.Len(t, b, 10001)
}

func TestImportRefusesHostileAmounts(t *testing.T) {
	for _, e := range amountEdits {
		for _, h := range hostile {
			p, err := ocds.Export(sample(t)[:1], opts())
			require.NoError(t, err)
			// Edit the package, as a caller building one in Go could.
			oc := &p.Releases[0].Contracts[0]
			switch e.path {
			case "value.amount":
				oc.Value = &ocds.Value{Amount: ocds.Amount{Decimal: h.d}, Currency: "CNY"}
			case "milestones[0].value.amount":
				oc.Implementation.Milestones[0].Value = &ocds.Value{Amount: ocds.Amount{Decimal: h.d}, Currency: "CNY"}
			default:
				oc.Implementation.Transactions[1].Value = &ocds.Value{Amount: ocds.Amount{Decimal: h.d}, Currency: "CNY"}
			}
			var got []provider.Contract
			returns(t, "Import", func() { got, err = ocds.Import(p) })
			assert.Nil(t, got, "%s=%s: nothing returned", e.path, h.name)
			var ie *ocds.ImportError
			require.True(t, errors.As(err, &ie), "%s=%s: want an *ImportError, got %v", e.path, h.name, err)
			assert.ErrorIs(t, err, grassroots.ErrInvalid)
			assert.Equal(t, "releases[0].contracts[0]."+e.ocdsPath, ie.Path)
			assert.Equal(t, h.rule, ie.Rule, ie.Path)
			assert.Less(t, len(ie.Message), 200, "a short message: %s", ie.Message)
		}
	}
}
