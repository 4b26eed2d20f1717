package ocds_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/hostile"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/provider/ocds"
)

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
		for _, h := range hostile.Decimals {
			cs := hostileSample(t, e.set, h.D)
			var p ocds.Package
			var err error
			hostile.Returns(t, "Export", func() { p, err = ocds.Export(cs, opts()) })
			assert.Empty(t, p.Releases, "%s=%s: nothing written", e.path, h.Name)
			var ve *grassroots.ValidationError
			require.ErrorAs(t, err, &ve, "%s=%s", e.path, h.Name)
			require.Len(t, ve.Fields, 1, "%s=%s: %v", e.path, h.Name, err)
			f := ve.Fields[0]
			assert.Equal(t, "contracts[0]."+e.path, f.Path)
			assert.Equal(t, h.Rule, f.Rule, f.Path)
			assert.Less(t, len(f.Message), 200, "a short message: %s", f.Message)
		}
	}
}

func TestAmountMarshalJSONRefusesHostileAmounts(t *testing.T) {
	for _, h := range hostile.Decimals {
		var b []byte
		var err error
		hostile.Returns(t, "json.Marshal", func() { b, err = json.Marshal(ocds.Amount{Decimal: h.D}) })
		assert.Nil(t, b, h.Name)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, h.Name)
		require.Len(t, ve.Fields, 1)
		assert.Equal(t, h.Rule, ve.Fields[0].Rule, h.Name)
		assert.Less(t, len(err.Error()), 300, "a short message: %v", err)
	}
	b, err := json.Marshal(ocds.Amount{Decimal: decimal.New(1, 10000)})
	require.NoError(t, err, "the largest exponent JSON carries is written")
	assert.Len(t, b, 10001)
}

func TestImportRefusesHostileAmounts(t *testing.T) {
	for _, e := range amountEdits {
		for _, h := range hostile.Decimals {
			p, err := ocds.Export(sample(t)[:1], opts())
			require.NoError(t, err)
			// Edit the package, as a caller building one in Go could.
			oc := &p.Releases[0].Contracts[0]
			switch e.path {
			case "value.amount":
				oc.Value = &ocds.Value{Amount: ocds.Amount{Decimal: h.D}, Currency: "CNY"}
			case "milestones[0].value.amount":
				oc.Implementation.Milestones[0].Value = &ocds.Value{Amount: ocds.Amount{Decimal: h.D}, Currency: "CNY"}
			default:
				oc.Implementation.Transactions[1].Value = &ocds.Value{Amount: ocds.Amount{Decimal: h.D}, Currency: "CNY"}
			}
			var got []provider.Contract
			hostile.Returns(t, "Import", func() { got, err = ocds.Import(p) })
			assert.Nil(t, got, "%s=%s: nothing returned", e.path, h.Name)
			var ie *ocds.ImportError
			require.True(t, errors.As(err, &ie), "%s=%s: want an *ImportError, got %v", e.path, h.Name, err)
			assert.ErrorIs(t, err, grassroots.ErrInvalid)
			assert.Equal(t, "releases[0].contracts[0]."+e.ocdsPath, ie.Path)
			assert.Equal(t, h.Rule, ie.Rule, ie.Path)
			assert.Less(t, len(ie.Message), 200, "a short message: %s", ie.Message)
		}
	}
}
