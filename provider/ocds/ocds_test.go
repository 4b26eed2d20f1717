package ocds_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/provider/ocds"
)

var cst = time.FixedZone("CST", 8*3600)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, cst) }

func uscc(t testing.TB, s string) provider.USCC {
	t.Helper()
	u, err := provider.ParseUSCC(s)
	require.NoError(t, err)
	return u
}

func money(s, cur string) provider.Money {
	return provider.Money{Amount: decimal.RequireFromString(s), Currency: provider.Currency(cur)}
}

func sample(t testing.TB) []provider.Contract {
	v := money("30000.005", "CNY")
	return []provider.Contract{
		{
			ID:       "ct-2026-001",
			Buyer:    provider.Organization{ID: "gov-lucheng", Name: "Lucheng District Civil Affairs Bureau", USCC: uscc(t, "12100000000013338R")},
			Supplier: provider.Organization{ID: "prov-1", Name: "Lucheng Elderly Care Services Co.", USCC: uscc(t, "91350100M000100Y43")},
			Period:   grassroots.Period{Start: day(2026, 1, 1), End: day(2027, 1, 1)},
			Value:    money("120000.00", "CNY"),
			Scope: []provider.ScopeItem{
				{Function: provider.ElderlyCare, Area: "330302001001"},
				{Function: provider.GridPatrol, Area: "330302001002"},
			},
			Milestones: []provider.Milestone{
				{ID: "m1", Title: "first instalment", Type: provider.PaymentMilestone, Status: provider.MilestoneMet, DueDate: day(2026, 4, 10), DateMet: time.Date(2026, 4, 8, 9, 15, 0, 0, cst), Value: &v},
				{ID: "m2", Type: provider.DeliveryMilestone, Status: provider.MilestonePartiallyMet, DueDate: day(2026, 6, 30), DateMet: day(2026, 7, 2)},
				{ID: "m3", Type: provider.ReportingMilestone, Status: provider.MilestoneNotMet, DueDate: day(2026, 7, 10)},
				{ID: "m4", Type: provider.PreProcurementMilestone, Status: provider.MilestoneScheduled},
			},
			Transactions: []provider.Transaction{
				{ID: "tx1", Date: time.Date(2026, 4, 8, 9, 15, 0, 0, cst), Value: v, Milestone: "m1"},
				{ID: "tx2", Date: day(2026, 5, 1), Value: money("1.10", "CNY")},
			},
		},
		{
			ID:       "ct-2026-002",
			Buyer:    provider.Organization{ID: "gov-lucheng", Name: "Lucheng District Civil Affairs Bureau"},
			Supplier: provider.Organization{ID: "prov-2", Name: "Ouhai Digital Co."},
			Period:   grassroots.Period{Start: day(2026, 2, 1), End: day(2026, 8, 1)},
			Value:    money("98765432109876543210.12", "USD"),
			Scope:    []provider.ScopeItem{{Function: provider.SystemMaintenance, Area: "330304"}},
		},
	}
}

func opts() ocds.Options {
	return ocds.Options{OCIDPrefix: "ocds-test01", URI: "https://example.org/ocds/2026.json", Publisher: ocds.Publisher{Name: "Lucheng District"}, PublishedDate: day(2026, 11, 27)}
}

// assertSameOCDSFields compares the fields OCDS carries.
func assertSameOCDSFields(t *testing.T, want, got provider.Contract) {
	t.Helper()
	assert.Equal(t, want.ID, got.ID)
	assert.Equal(t, want.Buyer, got.Buyer)
	assert.Equal(t, want.Supplier, got.Supplier)
	assert.True(t, want.Period.Equal(got.Period), "period %v, want %v", got.Period, want.Period)
	assert.True(t, want.Value.Equal(got.Value), "value %v, want %v", got.Value, want.Value)
	assert.Equal(t, want.Scope, got.Scope)
	require.Len(t, got.Milestones, len(want.Milestones))
	for i, w := range want.Milestones {
		g := got.Milestones[i]
		assert.Equal(t, []any{w.ID, w.Title, w.Type, w.Status}, []any{g.ID, g.Title, g.Type, g.Status}, "milestone %s", w.ID)
		assert.True(t, w.DueDate.Equal(g.DueDate) && w.DateMet.Equal(g.DateMet), "milestone %s dates", w.ID)
		assert.Equal(t, w.Value == nil, g.Value == nil, "milestone %s value presence", w.ID)
		if w.Value != nil && g.Value != nil {
			assert.True(t, w.Value.Equal(*g.Value), "milestone %s value", w.ID)
		}
	}
	require.Len(t, got.Transactions, len(want.Transactions))
	for i, w := range want.Transactions {
		g := got.Transactions[i]
		assert.Equal(t, w.ID, g.ID)
		assert.Equal(t, w.Milestone, g.Milestone)
		assert.True(t, w.Date.Equal(g.Date), "transaction %s date", w.ID)
		assert.True(t, w.Value.Equal(g.Value), "transaction %s value %v", w.ID, g.Value)
	}
}

func TestRoundTripThroughJSON(t *testing.T) {
	contracts := sample(t)
	pkg, err := ocds.Export(contracts, opts())
	require.NoError(t, err)
	b, err := json.Marshal(pkg)
	require.NoError(t, err)

	var back ocds.Package
	require.NoError(t, json.Unmarshal(b, &back))
	got, err := ocds.Import(back)
	require.NoError(t, err)
	require.Len(t, got, len(contracts))
	for i := range contracts {
		assertSameOCDSFields(t, contracts[i], got[i])
	}

	// Exporting the imported contracts gives the same JSON.
	again, err := ocds.Export(got, opts())
	require.NoError(t, err)
	b2, err := json.Marshal(again)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
}

func TestExportShape(t *testing.T) {
	pkg, err := ocds.Export(sample(t)[:1], opts())
	require.NoError(t, err)
	b, err := json.Marshal(pkg)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b, &doc))
	assert.Equal(t, "1.1", doc["version"])
	rel := doc["releases"].([]any)[0].(map[string]any)
	assert.Equal(t, "ocds-test01-ct-2026-001", rel["ocid"])
	assert.Equal(t, map[string]any{"id": "gov-lucheng", "name": "Lucheng District Civil Affairs Bureau"}, rel["buyer"])
	supplier := rel["parties"].([]any)[1].(map[string]any)
	assert.Equal(t, []any{"supplier", "payee"}, supplier["roles"])
	assert.Equal(t, map[string]any{"scheme": ocds.DefaultScheme, "id": "91350100M000100Y43", "legalName": "Lucheng Elderly Care Services Co."}, supplier["identifier"])
	ct := rel["contracts"].([]any)[0].(map[string]any)
	assert.Equal(t, "ct-2026-001-award", ct["awardID"])
	assert.Equal(t, "2026-01-01T00:00:00+08:00", ct["period"].(map[string]any)["startDate"])
	impl := ct["implementation"].(map[string]any)
	ms := impl["milestones"].([]any)
	assert.Equal(t, "partiallyMet", ms[1].(map[string]any)["status"])
	assert.Equal(t, "notMet", ms[2].(map[string]any)["status"])
	assert.Equal(t, "preProcurement", ms[3].(map[string]any)["type"])
	tx := impl["transactions"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"id": "m1"}, tx["relatedImplementationMilestone"])
	assert.Equal(t, "gov-lucheng", tx["payer"].(map[string]any)["id"])
	assert.Contains(t, string(b), `"amount":30000.005`, "amounts are bare numbers with every digit")
}

func hasProblem(t *testing.T, err error, path, rule string) {
	t.Helper()
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, "want a validation error")
	for _, f := range ve.Fields {
		if f.Path == path && f.Rule == rule {
			return
		}
	}
	t.Errorf("no problem %s/%s in %v", path, rule, err)
}

func TestExportRejects(t *testing.T) {
	_, err := ocds.Export(sample(t), ocds.Options{PublishedDate: day(2026, 1, 1)})
	hasProblem(t, err, "options.ocid_prefix", grassroots.RuleRequired)
	c := sample(t)
	c[1].Milestones = []provider.Milestone{{ID: "m", Type: 0, Status: provider.MilestoneMet}}
	c[0].Supplier.ID = ""
	c[0].Scope[1].Function = 99
	_, err = ocds.Export(c, opts())
	hasProblem(t, err, "contracts[1].milestones[0].type", grassroots.RuleEnum)
	hasProblem(t, err, "contracts[0].supplier.id", grassroots.RuleRequired)
	hasProblem(t, err, "contracts[0].scope[1].function", grassroots.RuleEnum)
}

func TestImportForeignRelease(t *testing.T) {
	// Shaped like a publisher's implementation release: numeric amounts,
	// an unknown top-level field, an item without our classification.
	doc := `{"uri":"u","version":"1.1","publishedDate":"2026-11-27T00:00:00Z","publisher":{"name":"p"},"x_vendor":1,
	"releases":[{"ocid":"ocds-x-1","id":"r1","date":"2026-11-27T00:00:00Z","tag":["implementation"],"initiationType":"tender",
	 "parties":[{"id":"CN-SAIC-91350100M000100Y43","name":"Supplier Co.","identifier":{"scheme":"CN-SAIC","id":"91350100M000100Y43"},"roles":["supplier"]},
	            {"id":"gov","name":"Bureau","roles":["buyer"]}],
	 "buyer":{"id":"gov"},
	 "awards":[{"id":"a1","suppliers":[{"id":"CN-SAIC-91350100M000100Y43"}]}],
	 "contracts":[{"id":"c1","awardID":"a1","value":{"amount":230865,"currency":"CNY"},
	  "items":[{"id":"1","description":"cleaning"}],
	  "implementation":{"milestones":[{"id":"p1","type":"payment","status":"met","dateMet":"2026-10-09T09:15:00+08:00","value":{"amount":76955.5,"currency":"CNY"}}],
	   "transactions":[{"id":"t1","date":"2026-10-09T09:15:00+08:00","value":{"amount":76955.5,"currency":"CNY"},"relatedImplementationMilestone":{"id":"p1"}}]}}]}]}`
	var p ocds.Package
	require.NoError(t, json.Unmarshal([]byte(doc), &p))
	got, err := ocds.Import(p)
	require.NoError(t, err)
	require.Len(t, got, 1)
	c := got[0]
	assert.Equal(t, "Bureau", c.Buyer.Name)
	assert.Equal(t, "91350100M000100Y43", c.Supplier.USCC.String())
	assert.Empty(t, c.Scope, "items without a function classification are skipped")
	assert.True(t, decimal.RequireFromString("230865").Equal(c.Value.Amount))
	require.Len(t, c.Transactions, 1)
	assert.Equal(t, "p1", c.Transactions[0].Milestone)
	assert.True(t, decimal.RequireFromString("76955.5").Equal(c.Transactions[0].Value.Amount))
}

func TestImportRejects(t *testing.T) {
	base := func() ocds.Package {
		p, err := ocds.Export(sample(t)[:1], opts())
		require.NoError(t, err)
		return p
	}
	cases := []struct {
		name  string
		edit  func(*ocds.Package)
		path  string
		rule  string
		cause error // matched with errors.Is when set
	}{
		{"unknown milestone status", func(p *ocds.Package) { p.Releases[0].Contracts[0].Implementation.Milestones[0].Status = "done" },
			"releases[0].contracts[0].implementation.milestones[0].status", grassroots.RuleEnum, nil},
		{"unknown milestone type", func(p *ocds.Package) { p.Releases[0].Contracts[0].Implementation.Milestones[1].Type = "party" },
			"releases[0].contracts[0].implementation.milestones[1].type", grassroots.RuleEnum, nil},
		{"unknown function", func(p *ocds.Package) { p.Releases[0].Contracts[0].Items[1].Classification.ID = "juggling" },
			"releases[0].contracts[0].items[1].classification.id", grassroots.RuleEnum, grassroots.ErrUnknownName},
		{"missing award", func(p *ocds.Package) { p.Releases[0].Contracts[0].AwardID = "nope" },
			"releases[0].contracts[0].awardID", grassroots.RuleReference, nil},
		{"award with two suppliers", func(p *ocds.Package) {
			a := &p.Releases[0].Awards[0]
			a.Suppliers = append(a.Suppliers, a.Suppliers[0])
		}, "releases[0].awards[0].suppliers", grassroots.RuleMax, nil},
		{"missing buyer", func(p *ocds.Package) { p.Releases[0].Buyer = nil }, "releases[0].buyer", grassroots.RuleRequired, nil},
		{"contract without id", func(p *ocds.Package) { p.Releases[0].Contracts[0].ID = "" }, "releases[0].contracts[0].id", grassroots.RuleRequired, nil},
		{"bad credit code under the default scheme", func(p *ocds.Package) { p.Releases[0].Parties[1].Identifier.ID = "91350100M000100Y44" },
			"releases[0].parties[1].identifier.id", grassroots.RuleFormat, provider.ErrUSCCCheckCharacter},
		{"unknown supplier party", func(p *ocds.Package) { p.Releases[0].Parties = p.Releases[0].Parties[:1] },
			"releases[0].awards[0].suppliers[0].id", grassroots.RuleReference, nil},
		{"unknown buyer party", func(p *ocds.Package) { p.Releases[0].Parties = p.Releases[0].Parties[1:] },
			"releases[0].buyer.id", grassroots.RuleReference, nil},
	}
	for _, tc := range cases {
		p := base()
		tc.edit(&p)
		got, err := ocds.Import(p)
		assert.Nil(t, got, "%s: nothing returned", tc.name)
		assert.ErrorIs(t, err, ocds.ErrInvalid, tc.name)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, tc.name)
		var ie *ocds.ImportError
		if !assert.ErrorAs(t, err, &ie, tc.name) {
			continue
		}
		assert.Equal(t, tc.path, ie.Path, tc.name)
		assert.Equal(t, tc.rule, ie.Rule, tc.name)
		assert.Equal(t, []any{0, "ocds-test01-ct-2026-001", 0, p.Releases[0].Contracts[0].ID}, []any{ie.Release, ie.OCID, ie.Contract, ie.ID}, tc.name)
		if tc.cause != nil {
			assert.ErrorIs(t, err, tc.cause, "%s: the cause is wrapped", tc.name)
		}
		assert.NotContains(t, strings.TrimPrefix(err.Error(), "ocds: "), ": provider:", "%s: one prefix", tc.name)
	}
	var a ocds.Amount
	err := json.Unmarshal([]byte(`"12x"`), &a)
	assert.ErrorIs(t, err, ocds.ErrInvalid)
	wrapped, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "the amount error wraps")
	assert.Len(t, wrapped.Unwrap(), 2, "ErrInvalid and the decimal package's error")
}

func TestImportErrorNamesTheContract(t *testing.T) {
	p, err := ocds.Export(sample(t), opts())
	require.NoError(t, err)
	p.Releases[1].Contracts[0].Items[0].Classification.ID = "juggling"
	_, err = ocds.Import(p)
	var ie *ocds.ImportError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, 1, ie.Release)
	assert.Equal(t, "ct-2026-002", ie.ID)
	var ue *grassroots.UnknownNameError
	require.ErrorAs(t, err, &ue, "the enumeration's error is the cause")
	assert.Equal(t, "juggling", ue.Name)
	assert.Equal(t, `ocds: releases[1].contracts[0].items[0].classification.id: "juggling" is not a function of scheme x_grassroots_function; `+
		"valid names: "+strings.Join(ue.Valid, ", ")+` (release 1, ocid "ocds-test01-ct-2026-002", contract "ct-2026-002")`, err.Error())
}

func ExampleExport() {
	c := provider.Contract{
		ID:       "ct-1",
		Buyer:    provider.Organization{ID: "gov-1", Name: "Bureau"},
		Supplier: provider.Organization{ID: "prov-1", Name: "Care Co."},
		Period:   grassroots.Period{Start: day(2026, 1, 1), End: day(2027, 1, 1)},
		Value:    money("120000.00", "CNY"),
		Scope:    []provider.ScopeItem{{Function: provider.ElderlyCare, Area: "330302001001"}},
	}
	pkg, err := ocds.Export([]provider.Contract{c}, ocds.Options{OCIDPrefix: "ocds-abc123", PublishedDate: day(2026, 11, 27)})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := json.Marshal(pkg.Releases[0].Contracts[0])
	fmt.Println(string(b))
	back, _ := ocds.Import(pkg)
	fmt.Println(back[0].ID, back[0].Supplier.Name, back[0].Value)
	// Output:
	// {"id":"ct-1","awardID":"ct-1-award","period":{"startDate":"2026-01-01T00:00:00+08:00","endDate":"2027-01-01T00:00:00+08:00"},"value":{"amount":120000,"currency":"CNY"},"items":[{"id":"1","classification":{"scheme":"x_grassroots_function","id":"elderly_care"},"additionalClassifications":[{"scheme":"x_grassroots_area","id":"330302001001"}]}]}
	// ct-1 Care Co. 120000 CNY
}

func FuzzImport(f *testing.F) {
	pkg, err := ocds.Export(sample(f), opts())
	if err != nil {
		f.Fatal(err)
	}
	seed, err := json.Marshal(pkg)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"releases":[{"buyer":{"id":"b"},"parties":[{"id":"b"},{"id":"s"}],"awards":[{"id":"a","suppliers":[{"id":"s"}]}],"contracts":[{"id":"c","awardID":"a"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p ocds.Package
		if json.Unmarshal(data, &p) != nil {
			return
		}
		got, err := ocds.Import(p)
		if err != nil {
			assert.Nil(t, got)
			return
		}
		// What Import accepts, Export writes and Import reads back the same.
		again, err := ocds.Export(got, opts())
		if err != nil {
			return // Export needs IDs and defined codes that Import may leave out
		}
		b, err := json.Marshal(again)
		require.NoError(t, err)
		var p2 ocds.Package
		require.NoError(t, json.Unmarshal(b, &p2))
		got2, err := ocds.Import(p2)
		require.NoError(t, err)
		require.Len(t, got2, len(got))
		for i := range got {
			assertSameOCDSFields(t, got[i], got2[i])
		}
	})
}

// ExampleImport reads a contract back and shows an import error: it names
// the release, the contract and the field at fault.
func ExampleImport() {
	c := provider.Contract{
		ID:       "ct-1",
		Buyer:    provider.Organization{ID: "gov-1", Name: "Bureau"},
		Supplier: provider.Organization{ID: "prov-1", Name: "Care Co."},
		Scope:    []provider.ScopeItem{{Function: provider.ElderlyCare, Area: "330302001001"}},
	}
	pkg, _ := ocds.Export([]provider.Contract{c}, ocds.Options{OCIDPrefix: "ocds-abc123", PublishedDate: day(2026, 11, 27)})
	back, err := ocds.Import(pkg)
	fmt.Println(back[0].ID, back[0].Scope, err)

	pkg.Releases[0].Contracts[0].AwardID = "ct-1-tender"
	_, err = ocds.Import(pkg)
	fmt.Println(err)
	// Output:
	// ct-1 [{elderly_care 330302001001}] <nil>
	// ocds: releases[0].contracts[0].awardID: award "ct-1-tender" is not among the release's awards (ct-1-award) (release 0, ocid "ocds-abc123-ct-1", contract "ct-1")
}
