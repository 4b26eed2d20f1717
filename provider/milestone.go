package provider

import "time"

// MilestoneStatus is the OCDS milestone status.
type MilestoneStatus uint8

// The OCDS milestone statuses (OCDS writes them scheduled, met, notMet,
// partiallyMet).
const (
	MilestoneScheduled MilestoneStatus = iota + 1
	MilestoneMet
	MilestoneNotMet
	MilestonePartiallyMet
)

var milestoneStatusNames = [...]string{"", "scheduled", "met", "not_met", "partially_met"}

// MilestoneType is the OCDS milestone type.
type MilestoneType uint8

// The OCDS 1.1 milestone types (OCDS writes them in camelCase).
const (
	PreProcurementMilestone MilestoneType = iota + 1
	ApprovalMilestone
	EngagementMilestone
	AssessmentMilestone
	DeliveryMilestone
	ReportingMilestone
	FinancingMilestone
	PaymentMilestone
)

var milestoneTypeNames = [...]string{"", "pre_procurement", "approval", "engagement", "assessment", "delivery", "reporting", "financing", "payment"}

// Milestone is a dated event a contract expects: a delivery, a report, a
// payment. DateMet is set for met (required) and partially met (optional)
// milestones. Value, when set, must be in the contract's currency.
type Milestone struct {
	ID      string          `json:"id"`
	Title   string          `json:"title,omitempty"`
	Type    MilestoneType   `json:"type"`
	Status  MilestoneStatus `json:"status"`
	DueDate time.Time       `json:"due_date,omitzero"`
	DateMet time.Time       `json:"date_met,omitzero"`
	Value   *Money          `json:"value,omitempty"`
}

// Transaction is a payment from the buyer to the supplier under the
// contract, in the contract's currency. Milestone names the payment
// milestone it settles, if any.
type Transaction struct {
	ID        string    `json:"id"`
	Date      time.Time `json:"date"`
	Value     Money     `json:"value"`
	Milestone string    `json:"milestone,omitempty"`
}
