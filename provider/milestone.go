package provider

import (
	"time"

	"github.com/grassrootsgov/grassroots/internal/enum"
)

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

var milestoneStatusNames = enum.New[MilestoneStatus]("provider.MilestoneStatus",
	"scheduled", "met", "not_met", "partially_met",
)

// IsValid reports whether m is one of the MilestoneStatus values.
func (m MilestoneStatus) IsValid() bool { return milestoneStatusNames.Valid(m) }

// String returns the wire name of m, or "MilestoneStatus(N)" for an invalid value.
func (m MilestoneStatus) String() string { return milestoneStatusNames.String(m) }

// AppendText appends the wire name of m to b; an invalid value is an error.
func (m MilestoneStatus) AppendText(b []byte) ([]byte, error) {
	return milestoneStatusNames.Append(b, m)
}

// MarshalText returns the wire name of m; an invalid value is an error.
func (m MilestoneStatus) MarshalText() ([]byte, error) { return milestoneStatusNames.Marshal(m) }

// UnmarshalText sets *m to the value named by b; on error *m is unchanged.
func (m *MilestoneStatus) UnmarshalText(b []byte) error { return milestoneStatusNames.Unmarshal(m, b) }

// ParseMilestoneStatus returns the MilestoneStatus named s; an unknown name is a *grassroots.UnknownNameError.
func ParseMilestoneStatus(s string) (MilestoneStatus, error) { return milestoneStatusNames.Parse(s) }

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

var milestoneTypeNames = enum.New[MilestoneType]("provider.MilestoneType",
	"pre_procurement", "approval", "engagement", "assessment", "delivery", "reporting",
	"financing", "payment",
)

// IsValid reports whether m is one of the MilestoneType values.
func (m MilestoneType) IsValid() bool { return milestoneTypeNames.Valid(m) }

// String returns the wire name of m, or "MilestoneType(N)" for an invalid value.
func (m MilestoneType) String() string { return milestoneTypeNames.String(m) }

// AppendText appends the wire name of m to b; an invalid value is an error.
func (m MilestoneType) AppendText(b []byte) ([]byte, error) { return milestoneTypeNames.Append(b, m) }

// MarshalText returns the wire name of m; an invalid value is an error.
func (m MilestoneType) MarshalText() ([]byte, error) { return milestoneTypeNames.Marshal(m) }

// UnmarshalText sets *m to the value named by b; on error *m is unchanged.
func (m *MilestoneType) UnmarshalText(b []byte) error { return milestoneTypeNames.Unmarshal(m, b) }

// ParseMilestoneType returns the MilestoneType named s; an unknown name is a *grassroots.UnknownNameError.
func ParseMilestoneType(s string) (MilestoneType, error) { return milestoneTypeNames.Parse(s) }

// Milestone is a dated event a contract expects: a delivery, a report, a
// payment. DateMet is set for met (required) and partially met (optional)
// milestones. Value, when set, must be in the contract's currency.
type Milestone struct {
	ID      string          `json:"id" validate:"required"`
	Title   string          `json:"title,omitempty" validate:"-"`
	Type    MilestoneType   `json:"type" validate:"-"`
	Status  MilestoneStatus `json:"status" validate:"-"`
	DueDate time.Time       `json:"due_date,omitzero" validate:"-"`
	DateMet time.Time       `json:"date_met,omitzero" validate:"-"`
	Value   *Money          `json:"value,omitempty" validate:"-"`
}

// Transaction is a payment from the buyer to the supplier under the
// contract, in the contract's currency. Milestone names the payment
// milestone it settles, if any.
type Transaction struct {
	ID        string    `json:"id" validate:"required"`
	Date      time.Time `json:"date" validate:"required"`
	Value     Money     `json:"value" validate:"-"`
	Milestone string    `json:"milestone,omitempty" validate:"-"`
}
