package risk

import "github.com/shopspring/decimal"

// Indicator names the built-in rule templates read. Observations carry
// them; the packages that own the data (incident, evaluation, provider)
// or the vendor's pipeline produce the observations.
const (
	// IndicatorOverdueShare is the share (0–1) of a grid's open incidents
	// that are past their deadline. Subject: grid.
	IndicatorOverdueShare = "incident.overdue_share"
	// IndicatorSatisfactionRate is a provider's satisfaction rate (0–1):
	// the share of ratings in the top three grades. Subject: provider.
	IndicatorSatisfactionRate = "evaluation.satisfaction_rate"
	// IndicatorDataAccessDenied is one denied data-access request, one
	// observation per request (value 1). Subject: provider.
	IndicatorDataAccessDenied = "provider.data_access_denied"
	// IndicatorDisparateImpact is the disparate-impact ratio of a service
	// allocation (see Fairness). Subject: the allocating system; scope:
	// the allocation.
	IndicatorDisparateImpact = "allocation.disparate_impact_ratio"
	// IndicatorContractShare is a provider's share in percent (0–100) of
	// the contracts for one function in one area. Subject: provider;
	// scope: "<function>@<area code>".
	IndicatorContractShare = "provider.contract_share_percent"
)

const day = 24 * 3600

// OverdueShareRule fires when the overdue share of a grid's incidents is
// above x (a fraction, 0.2 for 20 %). Version 1; change ID and Version
// when you adapt it.
func OverdueShareRule(x decimal.Decimal) Rule {
	return Rule{
		ID: "overdue_share_above", Version: 1, Title: "Share of overdue incidents in a grid",
		Category: CategoryServiceFailure, Subjects: Selector{Kind: SubjectGrid},
		Indicator: IndicatorOverdueShare,
		Condition: Condition{Kind: ConditionThreshold, Compare: Above, Threshold: x},
		Severity:  Moderate,
	}
}

// SatisfactionBelowRule fires when a provider's satisfaction rate is below
// y (a fraction).
func SatisfactionBelowRule(y decimal.Decimal) Rule {
	return Rule{
		ID: "satisfaction_below", Version: 1, Title: "Provider satisfaction rate",
		Category: CategoryServiceFailure, Subjects: Selector{Kind: SubjectProvider},
		Indicator: IndicatorSatisfactionRate,
		Condition: Condition{Kind: ConditionThreshold, Compare: Below, Threshold: y},
		Severity:  Moderate,
	}
}

// DeniedAccessRule fires when a provider had more than z data-access
// requests denied within the last 24 hours.
func DeniedAccessRule(z int64) Rule {
	return Rule{
		ID: "data_access_denied_per_day", Version: 1, Title: "Denied data-access requests of a provider",
		Category: CategoryDataSecurity, Subjects: Selector{Kind: SubjectProvider},
		Indicator: IndicatorDataAccessDenied,
		Condition: Condition{Kind: ConditionCount, Compare: Above, Threshold: decimal.NewFromInt(z), WindowSeconds: day},
		Severity:  High,
	}
}

// DisparateImpactRule fires when a service allocation's disparate-impact
// ratio is below 0.8, the four-fifths rule (exactly 0.8 does not fire).
func DisparateImpactRule() Rule {
	return Rule{
		ID: "disparate_impact_below_four_fifths", Version: 1, Title: "Disparate impact in a service allocation",
		Category: CategoryAlgorithmicDiscrimination, Subjects: Selector{Kind: SubjectSystem},
		Indicator: IndicatorDisparateImpact,
		Condition: Condition{Kind: ConditionThreshold, Compare: Below, Threshold: decimal.New(8, -1)},
		Severity:  High,
	}
}

// ContractConcentrationRule fires when one provider holds more than n
// percent of a function's contracts in an area.
func ContractConcentrationRule(n decimal.Decimal) Rule {
	return Rule{
		ID: "contract_concentration_above", Version: 1, Title: "One provider holding a function's contracts in an area",
		Category: CategoryRoleConflict, Subjects: Selector{Kind: SubjectProvider},
		Indicator: IndicatorContractShare,
		Condition: Condition{Kind: ConditionThreshold, Compare: Above, Threshold: n},
		Severity:  Moderate,
	}
}
