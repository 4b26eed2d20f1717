package provider

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func requireProblem(t *testing.T, err error, path, rule string) {
	t.Helper()
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve), "want a validation error, got %v", err)
	for _, f := range ve.Fields {
		if f.Path == path && f.Rule == rule {
			return
		}
	}
	t.Errorf("no problem %s/%s in %v", path, rule, ve.Fields)
}

func TestContractFixtureIsValid(t *testing.T) {
	require.NoError(t, testContract(t).Validate())
	require.NoError(t, testProvider(t).Validate())
	require.NoError(t, CheckSupplier(testContract(t), testProvider(t), DefaultRules()))
}

func TestContractEachMissingClause(t *testing.T) {
	cases := []struct {
		path  string
		clear func(*Contract)
	}{
		{"id", func(c *Contract) { c.ID = "" }},
		{"buyer.id", func(c *Contract) { c.Buyer.ID = "" }},
		{"supplier.name", func(c *Contract) { c.Supplier.Name = "" }},
		{"period.start", func(c *Contract) { c.Period.Start = time.Time{} }},
		{"scope", func(c *Contract) { c.Scope, c.Responsibilities = nil, nil }},
		{"quantity", func(c *Contract) { c.Quantity = "" }},
		{"quality", func(c *Contract) { c.Quality = "" }},
		{"price", func(c *Contract) { c.Price = "" }},
		{"settlement_method", func(c *Contract) { c.SettlementMethod = 0 }},
		{"rights", func(c *Contract) { c.Rights = "" }},
		{"liability", func(c *Contract) { c.Liability = "" }},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			c := testContract(t)
			tc.clear(&c)
			err := c.Validate()
			assert.ErrorIs(t, err, grassroots.ErrInvalid)
			requireProblem(t, err, tc.path, "required")
		})
	}
}

func TestContractAllClausesMissingReportedAtOnce(t *testing.T) {
	err := Contract{}.Validate()
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, p := range []string{"id", "buyer.id", "supplier.id", "period.start", "value.amount", "scope", "quantity", "quality", "price", "settlement_method", "rights", "liability"} {
		assert.True(t, ve.Has(p), "missing %s not reported", p)
	}
}

func TestContractTermBoundaries(t *testing.T) {
	start := day(2026, 3, 15)
	cases := []struct {
		name      string
		end       string
		justified bool
		wantPath  string
		wantRule  string
	}{
		{"exactly one year", "2027-03-15", false, "", ""},
		{"one year and a day without justification", "2027-03-16", false, "multi_year_justification", "required"},
		{"one year and a day with justification", "2027-03-16", true, "", ""},
		{"exactly three years with justification", "2029-03-15", true, "", ""},
		{"three years and a day with justification", "2029-03-16", true, "period.end", grassroots.RuleMax},
		{"three years and a day without justification", "2029-03-16", false, "period.end", grassroots.RuleMax},
		{"no end", "", false, "period.end", "required"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := testContract(t)
			c.Period.Start = start
			c.Period.End = pdate(t, tc.end).Start(ChinaStandardTime())
			if tc.justified {
				c.MultiYearJustification = "stable, budget-secured elderly care"
			}
			err := c.Validate()
			if tc.wantPath == "" {
				assert.NoError(t, err, tc.name)
				return
			}
			requireProblem(t, err, tc.wantPath, tc.wantRule)
		})
	}
}

func TestContractTermYearIsCalendarYearFromStart(t *testing.T) {
	// 29 February + 1 calendar year normalises to 1 March (time.AddDate).
	assert.True(t, TermLimit(day(2024, 2, 29), 1).Equal(day(2025, 3, 1)))
	// A term from 1 January of a leap year runs 366 days.
	assert.Equal(t, 366*24, int(TermLimit(day(2024, 1, 1), 1).Sub(day(2024, 1, 1)).Hours()))
}

func TestContractMoneyRules(t *testing.T) {
	t.Run("transaction in another currency", func(t *testing.T) {
		c := testContract(t)
		c.Transactions[0].Value.Currency = "USD"
		requireProblem(t, c.Validate(), "transactions[0].value.currency", grassroots.RuleMismatch)
	})
	t.Run("milestone value in another currency", func(t *testing.T) {
		c := testContract(t)
		c.Milestones[0].Value = &Money{Amount: dec("1"), Currency: "HKD"}
		requireProblem(t, c.Validate(), "milestones[0].value.currency", grassroots.RuleMismatch)
	})
	t.Run("unsupported contract currency", func(t *testing.T) {
		c := testContract(t)
		c.Value.Currency = "XYZ"
		requireProblem(t, c.Validate(), "value.currency", grassroots.RuleEnum)
	})
	t.Run("overpayment by one fen", func(t *testing.T) {
		c := testContract(t)
		c.Transactions = append(c.Transactions, Transaction{ID: "tx2", Date: day(2026, 12, 1), Value: cny("90000.01")})
		requireProblem(t, c.Validate(), "transactions", "max")
	})
	t.Run("payment of exactly the value", func(t *testing.T) {
		c := testContract(t)
		c.Transactions = append(c.Transactions, Transaction{ID: "tx2", Date: day(2026, 12, 1), Value: cny("90000")})
		assert.NoError(t, c.Validate())
	})
	t.Run("met payment milestone without transaction", func(t *testing.T) {
		c := testContract(t)
		c.Transactions = nil
		requireProblem(t, c.Validate(), "milestones[0]", grassroots.RuleRequired)
	})
	t.Run("met milestone without date_met", func(t *testing.T) {
		c := testContract(t)
		c.Milestones[0].DateMet = time.Time{}
		requireProblem(t, c.Validate(), "milestones[0].date_met", "required")
	})
	t.Run("transaction for an unknown milestone", func(t *testing.T) {
		c := testContract(t)
		c.Transactions[0].Milestone = "m9"
		requireProblem(t, c.Validate(), "transactions[0].milestone", grassroots.RuleReference)
	})
}

func TestContractResponsibilityMatrix(t *testing.T) {
	t.Run("two accountable parties", func(t *testing.T) {
		c := testContract(t)
		c.Responsibilities = append(c.Responsibilities, Assignment{Function: ElderlyCare, Area: area1, Party: "prov-1", RACI: Accountable})
		requireProblem(t, c.Validate(), "scope[0]", grassroots.RuleMax)
	})
	t.Run("no responsible party", func(t *testing.T) {
		c := testContract(t)
		c.Responsibilities = c.Responsibilities[1:]
		requireProblem(t, c.Validate(), "scope[0]", grassroots.RuleRequired)
	})
	t.Run("assignment outside the scope", func(t *testing.T) {
		c := testContract(t)
		c.Responsibilities = append(c.Responsibilities, Assignment{Function: Sanitation, Area: area1, Party: "prov-1", RACI: Consulted})
		requireProblem(t, c.Validate(), "responsibilities[5]", grassroots.RuleReference)
	})
}

func TestCheckSupplierRoleCoverage(t *testing.T) {
	rules := DefaultRules()
	t.Run("function the roles do not cover", func(t *testing.T) {
		c := testContract(t)
		c.Scope = append(c.Scope, ScopeItem{Function: SystemMaintenance, Area: area1})
		requireProblem(t, CheckSupplier(c, testProvider(t), rules), "scope[2]", RuleNotCovered)
	})
	t.Run("area outside the membership scope", func(t *testing.T) {
		c := testContract(t)
		c.Scope[1].Area = "330302009009"
		requireProblem(t, CheckSupplier(c, testProvider(t), rules), "scope[1]", RuleNotCovered)
	})
	t.Run("membership ends before the contract", func(t *testing.T) {
		p := testProvider(t)
		p.Memberships[0].EndDate = pdate(t, "2026-06")
		requireProblem(t, CheckSupplier(testContract(t), p, rules), "scope[0]", RuleNotCovered)
	})
	t.Run("membership ending on the contract's last day covers it", func(t *testing.T) {
		p := testProvider(t)
		p.Memberships[0].EndDate = pdate(t, "2026-12-31")
		assert.NoError(t, CheckSupplier(testContract(t), p, rules))
	})
	t.Run("a table that allows it", func(t *testing.T) {
		table, err := NewRoleTable(map[Role][]Function{ServiceProvider: {ElderlyCare, GridPatrol, SystemMaintenance}})
		require.NoError(t, err)
		c := testContract(t)
		c.Scope = append(c.Scope, ScopeItem{Function: SystemMaintenance, Area: area1})
		assert.NoError(t, CheckSupplier(c, testProvider(t), Rules{Roles: table, Location: ChinaStandardTime()}))
	})
	t.Run("suspended provider", func(t *testing.T) {
		p := testProvider(t)
		p.Statuses = append(p.Statuses, StatusChange{Status: StatusSuspended, At: day(2025, 6, 1)})
		requireProblem(t, CheckSupplier(testContract(t), p, rules), "supplier", RuleNotActive)
	})
}

// tagStep navigates from a struct to one of its fields, or from a slice
// to its first element.
type tagStep struct {
	field int
	elem  bool
}

// requiredFields walks the validate tags of typ and the types its fields
// hold (structs, and slices of structs under dive) and returns, for each
// rule a tag states, the way to the field, its JSON path and the rule. A
// tag other than required, id, dive or - fails the test, since the fast
// paths that mirror the tags know only those.
func requiredFields(t *testing.T, typ reflect.Type, steps []tagStep, prefix string) (out []taggedField) {
	t.Helper()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		path := grassroots.JoinFieldPath(prefix, name)
		at := append(slices.Clone(steps), tagStep{field: i})
		switch tag := f.Tag.Get("validate"); tag {
		case "-":
		case "":
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[time.Time]() && !f.Anonymous {
				out = append(out, requiredFields(t, f.Type, at, path)...)
			}
		case "dive":
			require.Equal(t, reflect.Slice, f.Type.Kind(), "dive on %s", path)
			out = append(out, requiredFields(t, f.Type.Elem(), append(at, tagStep{elem: true}), grassroots.ElementPath(path, 0))...)
		default:
			for _, rule := range strings.Split(tag, ",") {
				require.Contains(t, []string{"required", "id"}, rule, "tag %q of %s: teach the fast path and this test", tag, path)
				out = append(out, taggedField{steps: at, path: path, rule: rule})
			}
		}
	}
	return out
}

type taggedField struct {
	steps []tagStep
	path  string
	rule  string
}

// breakField makes the field at steps in v fail rule.
func breakField(v reflect.Value, f taggedField) {
	for _, s := range f.steps {
		if s.elem {
			v = v.Index(0)
		} else {
			v = v.Field(s.field)
		}
	}
	if f.rule == "id" {
		v.SetString("has space")
		return
	}
	v.Set(reflect.Zero(v.Type()))
}

// TestValidateFastPathsFollowTheTags breaks, one at a time, every field a
// validate tag of Contract (or SLATerm) constrains: the fast path that
// spares the validator must then give way to it, and the validator must
// name the field.
func TestValidateFastPathsFollowTheTags(t *testing.T) {
	fields := requiredFields(t, reflect.TypeFor[Contract](), nil, "")
	require.NotEmpty(t, fields)
	base := testContract(t)
	require.True(t, base.tagsHold(), "the fixture passes")
	for _, f := range fields {
		c := testContract(t)
		breakField(reflect.ValueOf(&c).Elem(), f)
		assert.False(t, c.tagsHold(), "tagsHold misses %s (%s)", f.path, f.rule)
		requireProblem(t, c.Validate(), f.path, map[string]string{"required": grassroots.RuleRequired, "id": grassroots.RuleFormat}[f.rule])
	}
	for _, f := range requiredFields(t, reflect.TypeFor[SLATerm](), nil, "") {
		term := testContract(t).SLA[0]
		breakField(reflect.ValueOf(&term).Elem(), f)
		requireProblem(t, term.Validate(), f.path, grassroots.RuleRequired)
	}
}
