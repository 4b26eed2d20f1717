package provider

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

const (
	area1 = "330302001001"
	area2 = "330302001002"
)

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, ChinaStandardTime())
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func cny(s string) Money { return Money{Amount: dec(s), Currency: "CNY"} }

func pdate(t testing.TB, s string) PartialDate {
	t.Helper()
	d, err := ParsePartialDate(s)
	require.NoError(t, err, s)
	return d
}

// testProvider is an active service provider in area1 since 2025.
func testProvider(t testing.TB) Provider {
	return Provider{
		ID: "prov-1", Name: "Lucheng Elderly Care Services Co.", USCC: MustUSCC(t, "91350100M000100Y43"),
		LegalForm: Company,
		Statuses: []StatusChange{
			{Status: StatusPending, At: day(2024, 11, 1)},
			{Status: StatusActive, At: day(2024, 12, 1)},
		},
		Memberships: []Membership{
			{Role: ServiceProvider, StartDate: pdate(t, "2025"), Scope: Scope{Areas: []string{area1, area2}}},
		},
		Participation: []Participation{
			{Model: GovernmentEnterpriseCollaboration, StartDate: pdate(t, "2025-01")},
		},
		Services: []Service{{ID: "svc-1", Name: "Home elderly care", Status: ServiceActive, Functions: []Function{ElderlyCare}, Areas: []string{area1}}},
	}
}

// testContract is a valid one-year contract of 120000 CNY for elderly care
// and grid patrol in area1, supplied by testProvider.
func testContract(t testing.TB) Contract {
	return Contract{
		ID:       "ct-2026-001",
		Buyer:    Organization{ID: "gov-lucheng", Name: "Lucheng District Civil Affairs Bureau", USCC: MustUSCC(t, "12100000000013338R")},
		Supplier: Organization{ID: "prov-1", Name: "Lucheng Elderly Care Services Co.", USCC: MustUSCC(t, "91350100M000100Y43")},
		Period:   grassroots.Period{Start: day(2026, 1, 1), End: day(2027, 1, 1)},
		Value:    cny("120000.00"),
		Scope: []ScopeItem{
			{Function: ElderlyCare, Area: area1},
			{Function: GridPatrol, Area: area1},
		},
		Quantity:         "2400 home visits",
		Quality:          "per the service standard annexed",
		Price:            "120000 CNY for the year",
		SettlementMethod: Periodic,
		Rights:           "the bureau supervises; the provider reports monthly",
		Liability:        "deductions per the SLA; termination for repeated breach",
		Responsibilities: []Assignment{
			{Function: ElderlyCare, Area: area1, Party: "prov-1", RACI: Responsible},
			{Function: ElderlyCare, Area: area1, Party: "gov-lucheng", RACI: Accountable},
			{Function: GridPatrol, Area: area1, Party: "prov-1", RACI: Responsible},
			{Function: GridPatrol, Area: area1, Party: "prov-1", RACI: Accountable},
			{Function: GridPatrol, Area: area1, Party: "gov-lucheng", RACI: Informed},
		},
		SLA: []SLATerm{
			{Metric: "on_time_visits", Comparator: AtLeast, Target: dec("0.95"), Unit: "share", Window: "week", Penalty: dec("0.02"), Cap: dec("0.10")},
			{Metric: "response_minutes", Comparator: AtMost, Target: dec("30"), Unit: "minute", Window: "day", Penalty: dec("0.01"), Cap: dec("0.05")},
		},
		Milestones: []Milestone{
			{ID: "m1", Type: PaymentMilestone, Status: MilestoneMet, DueDate: day(2026, 4, 10), DateMet: day(2026, 4, 8), Value: &Money{Amount: dec("30000"), Currency: "CNY"}},
			{ID: "m2", Type: ReportingMilestone, Status: MilestoneScheduled, DueDate: day(2026, 7, 10)},
		},
		Transactions: []Transaction{
			{ID: "tx1", Date: day(2026, 4, 8), Value: cny("30000.00"), Milestone: "m1"},
		},
	}
}
