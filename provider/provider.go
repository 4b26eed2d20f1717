package provider

import (
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/enumfield"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Status is where a provider stands in the registry.
type Status uint8

// The registry statuses of a provider.
const (
	// StatusPending: registered, not yet admitted to take contracts.
	StatusPending Status = iota + 1
	// StatusActive: admitted; may take contracts.
	StatusActive
	// StatusSuspended: temporarily barred (for example after a serious breach).
	StatusSuspended
	// StatusTerminated: removed from the registry for good.
	StatusTerminated
)

var statusNames = enum.New[Status]("provider.Status",
	"pending", "active", "suspended", "terminated",
)

// IsValid reports whether s is one of the Status values.
func (s Status) IsValid() bool { return statusNames.Valid(s) }

// String returns the wire name of s, or "Status(N)" for an invalid value.
func (s Status) String() string { return statusNames.String(s) }

// AppendText appends the wire name of s to b; an invalid value is an error.
func (s Status) AppendText(b []byte) ([]byte, error) { return statusNames.Append(b, s) }

// MarshalText returns the wire name of s; an invalid value is an error.
func (s Status) MarshalText() ([]byte, error) { return statusNames.Marshal(s) }

// UnmarshalText sets *s to the value named by b; on error *s is unchanged.
func (s *Status) UnmarshalText(b []byte) error { return statusNames.Unmarshal(s, b) }

// ParseStatus returns the Status named s; an unknown name is a *grassroots.UnknownNameError.
func ParseStatus(s string) (Status, error) { return statusNames.Parse(s) }

// statusNext lists the statuses each status may change to. Terminated is
// final; a suspended provider returns to active or is terminated.
var statusNext = [...][]Status{
	StatusPending:    {StatusActive, StatusTerminated},
	StatusActive:     {StatusSuspended, StatusTerminated},
	StatusSuspended:  {StatusActive, StatusTerminated},
	StatusTerminated: nil,
}

// CanChange reports whether a provider may move from s to next.
func (s Status) CanChange(next Status) bool {
	return s.IsValid() && slices.Contains(statusNext[s], next)
}

// StatusChange records that a provider entered Status at instant At.
type StatusChange struct {
	Status Status    `json:"status"`
	At     time.Time `json:"at" validate:"required"`
}

// LegalForm is the kind of organisation a provider is registered as.
type LegalForm uint8

// The legal forms a provider may take.
const (
	// Company: an enterprise (企业), including limited liability companies.
	Company LegalForm = iota + 1
	// SocialOrganization: a social organisation (社会组织): social group,
	// private non-enterprise unit or foundation.
	SocialOrganization
	// PublicInstitution: a public service unit (事业单位).
	PublicInstitution
	// IndividualBusiness: an individually owned business (个体工商户).
	IndividualBusiness
	// Cooperative: a farmers' specialised cooperative (农民专业合作社).
	Cooperative
	// OtherForm: any other registered form.
	OtherForm
)

var legalFormNames = enum.New[LegalForm]("provider.LegalForm",
	"company", "social_organization", "public_institution", "individual_business",
	"cooperative", "other",
)

// IsValid reports whether l is one of the LegalForm values.
func (l LegalForm) IsValid() bool { return legalFormNames.Valid(l) }

// String returns the wire name of l, or "LegalForm(N)" for an invalid value.
func (l LegalForm) String() string { return legalFormNames.String(l) }

// AppendText appends the wire name of l to b; an invalid value is an error.
func (l LegalForm) AppendText(b []byte) ([]byte, error) { return legalFormNames.Append(b, l) }

// MarshalText returns the wire name of l; an invalid value is an error.
func (l LegalForm) MarshalText() ([]byte, error) { return legalFormNames.Marshal(l) }

// UnmarshalText sets *l to the value named by b; on error *l is unchanged.
func (l *LegalForm) UnmarshalText(b []byte) error { return legalFormNames.Unmarshal(l, b) }

// ParseLegalForm returns the LegalForm named s; an unknown name is a *grassroots.UnknownNameError.
func ParseLegalForm(s string) (LegalForm, error) { return legalFormNames.Parse(s) }

// Role is one of the four ways a provider takes part in grassroots
// governance.
type Role uint8

// The provider roles.
const (
	// TechnologyEnabler supplies and runs digital technology.
	TechnologyEnabler Role = iota + 1
	// ServiceProvider delivers public services directly (elderly care,
	// childcare, sanitation).
	ServiceProvider
	// ResourceIntegrator runs platforms that pool government, market and
	// social resources.
	ResourceIntegrator
	// InnovationDriver builds new service models (mini-programs and the like).
	InnovationDriver
)

// roleWireNames are the wire names of the roles in value order; RoleTable
// sizes its array by their number.
var roleWireNames = [...]string{"technology_enabler", "service_provider", "resource_integrator", "innovation_driver"}

var roleNames = enum.New[Role]("provider.Role", roleWireNames[:]...)

// IsValid reports whether r is one of the Role values.
func (r Role) IsValid() bool { return roleNames.Valid(r) }

// String returns the wire name of r, or "Role(N)" for an invalid value.
func (r Role) String() string { return roleNames.String(r) }

// AppendText appends the wire name of r to b; an invalid value is an error.
func (r Role) AppendText(b []byte) ([]byte, error) { return roleNames.Append(b, r) }

// MarshalText returns the wire name of r; an invalid value is an error.
func (r Role) MarshalText() ([]byte, error) { return roleNames.Marshal(r) }

// UnmarshalText sets *r to the value named by b; on error *r is unchanged.
func (r *Role) UnmarshalText(b []byte) error { return roleNames.Unmarshal(r, b) }

// ParseRole returns the Role named s; an unknown name is a *grassroots.UnknownNameError.
func ParseRole(s string) (Role, error) { return roleNames.Parse(s) }

// Roles returns every role in order.
func Roles() []Role { return roleNames.Values() }

// Scope is where a membership or participation applies: grid or area codes
// and, optionally, one of the governance platforms.
//
// Areas are plain strings (grid codes as the grid package writes them, or
// administrative division codes); this package compares them for equality
// only and never interprets them. An empty Areas means "every area". The
// platform is a free code such as "comprehensive_governance",
// "integrated_law_enforcement", "market_supervision" or
// "convenient_public_services"; empty means none in particular.
type Scope struct {
	Areas    []string `json:"areas,omitempty"`
	Platform string   `json:"platform,omitempty"`
}

// Includes reports whether area lies in s (every area does when s has none).
func (s Scope) Includes(area string) bool {
	return len(s.Areas) == 0 || slices.Contains(s.Areas, area)
}

// Membership is a provider's dated role, in the manner of a Popolo
// membership: StartDate and EndDate are partial dates, EndDate inclusive
// (see PartialDate). A zero StartDate is required to be set; a zero EndDate
// means the membership continues.
type Membership struct {
	Role      Role        `json:"role"`
	StartDate PartialDate `json:"start_date" validate:"required"`
	EndDate   PartialDate `json:"end_date,omitzero"`
	Scope     Scope       `json:"scope,omitzero"`
}

// Period returns the membership as a half-open period in loc (UTC when nil).
func (m Membership) Period(loc *time.Location) grassroots.Period {
	return partialPeriod(m.StartDate, m.EndDate, loc)
}

// Model is a participation model: how a provider works with a community.
type Model uint8

// The participation models. A provider may follow several at once.
const (
	// TechnologyEmpowerment suits communities with weak technical
	// foundations: the provider brings the technology.
	TechnologyEmpowerment Model = iota + 1
	// GovernmentEnterpriseCollaboration suits heavy governance tasks that
	// need many parties working together.
	GovernmentEnterpriseCollaboration
	// PlatformOperation suits communities with a solid digital foundation
	// that need their platform run.
	PlatformOperation
)

var modelNames = enum.New[Model]("provider.Model",
	"technology_empowerment", "government_enterprise_collaboration", "platform_operation",
)

// IsValid reports whether m is one of the Model values.
func (m Model) IsValid() bool { return modelNames.Valid(m) }

// String returns the wire name of m, or "Model(N)" for an invalid value.
func (m Model) String() string { return modelNames.String(m) }

// AppendText appends the wire name of m to b; an invalid value is an error.
func (m Model) AppendText(b []byte) ([]byte, error) { return modelNames.Append(b, m) }

// MarshalText returns the wire name of m; an invalid value is an error.
func (m Model) MarshalText() ([]byte, error) { return modelNames.Marshal(m) }

// UnmarshalText sets *m to the value named by b; on error *m is unchanged.
func (m *Model) UnmarshalText(b []byte) error { return modelNames.Unmarshal(m, b) }

// ParseModel returns the Model named s; an unknown name is a *grassroots.UnknownNameError.
func ParseModel(s string) (Model, error) { return modelNames.Parse(s) }

// Models returns every participation model in order.
func Models() []Model { return modelNames.Values() }

// Participation is a dated participation model, with the same date rules
// as Membership. Participations of different models may overlap (models
// combine); two of the same model may not.
type Participation struct {
	Model     Model       `json:"model"`
	StartDate PartialDate `json:"start_date" validate:"required"`
	EndDate   PartialDate `json:"end_date,omitzero"`
	Scope     Scope       `json:"scope,omitzero"`
}

// Period returns the participation as a half-open period in loc.
func (p Participation) Period(loc *time.Location) grassroots.Period {
	return partialPeriod(p.StartDate, p.EndDate, loc)
}

// ServiceStatus is the status of an offered service, as in Open Referral
// HSDS 3.0.
type ServiceStatus uint8

// The service statuses of HSDS.
const (
	ServiceActive ServiceStatus = iota + 1
	ServiceInactive
	ServiceDefunct
	ServiceTemporarilyClosed
)

var serviceStatusNames = enum.New[ServiceStatus]("provider.ServiceStatus",
	"active", "inactive", "defunct", "temporarily_closed",
)

// IsValid reports whether s is one of the ServiceStatus values.
func (s ServiceStatus) IsValid() bool { return serviceStatusNames.Valid(s) }

// String returns the wire name of s, or "ServiceStatus(N)" for an invalid value.
func (s ServiceStatus) String() string { return serviceStatusNames.String(s) }

// AppendText appends the wire name of s to b; an invalid value is an error.
func (s ServiceStatus) AppendText(b []byte) ([]byte, error) { return serviceStatusNames.Append(b, s) }

// MarshalText returns the wire name of s; an invalid value is an error.
func (s ServiceStatus) MarshalText() ([]byte, error) { return serviceStatusNames.Marshal(s) }

// UnmarshalText sets *s to the value named by b; on error *s is unchanged.
func (s *ServiceStatus) UnmarshalText(b []byte) error { return serviceStatusNames.Unmarshal(s, b) }

// ParseServiceStatus returns the ServiceStatus named s; an unknown name is a *grassroots.UnknownNameError.
func ParseServiceStatus(s string) (ServiceStatus, error) { return serviceStatusNames.Parse(s) }

// Service is a service a provider offers, after the HSDS service object:
// what it is, whether it runs, which governance functions it performs and
// in which areas (HSDS service_area).
type Service struct {
	ID          string        `json:"id" validate:"required"`
	Name        string        `json:"name" validate:"required"`
	Description string        `json:"description,omitempty"`
	Status      ServiceStatus `json:"status"`
	Functions   []Function    `json:"functions,omitempty"`
	Areas       []string      `json:"service_areas,omitempty"`
}

// Provider is a registered service provider: a company or social
// organisation that takes on governance functions under contract.
//
// The zero value is invalid. Slices are shared when a Provider is copied;
// treat them as read-only.
type Provider struct {
	ID        string    `json:"id" validate:"required"`
	Name      string    `json:"name" validate:"required"`
	USCC      USCC      `json:"uscc" validate:"required"`
	LegalForm LegalForm `json:"legal_form"`
	// Parent is the ID of the parent organisation in the corporate group,
	// empty for none. CheckIndependence follows it.
	Parent string `json:"parent,omitempty"`
	// Statuses is the status history, oldest first. The first entry is
	// pending or active; each later one is a change CanChange allows,
	// strictly later than the one before.
	Statuses      []StatusChange  `json:"statuses" validate:"dive"`
	Memberships   []Membership    `json:"memberships,omitempty" validate:"dive"`
	Participation []Participation `json:"participation,omitempty" validate:"dive"`
	Services      []Service       `json:"services,omitempty" validate:"dive"`
}

// StatusAt returns the provider's status at t, or 0 before the first entry.
func (p Provider) StatusAt(t time.Time) Status {
	var s Status
	for _, c := range p.Statuses {
		if c.At.After(t) {
			break
		}
		s = c.Status
	}
	return s
}

// RolesAt returns the roles whose memberships contain t (dates read in
// loc), in role order without repeats.
func (p Provider) RolesAt(t time.Time, loc *time.Location) []Role {
	return heldAt(Roles(), p.Memberships, func(m Membership, r Role) bool {
		return m.Role == r && m.Period(loc).Contains(t)
	})
}

// ModelsAt returns the participation models in effect at t (dates read in
// loc), in model order without repeats.
func (p Provider) ModelsAt(t time.Time, loc *time.Location) []Model {
	return heldAt(Models(), p.Participation, func(q Participation, m Model) bool {
		return q.Model == m && q.Period(loc).Contains(t)
	})
}

// heldAt returns, in the order of values, the values that some record
// holds, without repeats.
func heldAt[V any, R any](values []V, records []R, holds func(R, V) bool) []V {
	var out []V
	for _, v := range values {
		if slices.ContainsFunc(records, func(r R) bool { return holds(r, v) }) {
			out = append(out, v)
		}
	}
	return out
}

// Validate reports every problem with p: missing ID, name or credit code,
// an undefined legal form, a status history that is empty, unordered or
// makes a change CanChange forbids (rule RuleTransition), memberships and
// participations with undefined values, missing start dates or ends before
// starts, two participations of one model that overlap (rule
// RuleOverlap), and services without ID, name or a valid status. Dates are
// compared as UTC calendar dates.
func (p Provider) Validate() error {
	var v validate.Problems
	v.Tags("", p)
	enumfield.Check(&v, "legal_form", legalFormNames, p.LegalForm)
	if p.Parent != "" && p.Parent == p.ID {
		v.Addf("parent", grassroots.RuleUnique, "parent %q is the provider itself: a provider cannot be its own parent", p.Parent)
	}
	validateStatuses(&v, p.Statuses)
	for i, m := range p.Memberships {
		path := grassroots.ElementPath("memberships", i)
		enumfield.CheckElem(&v, "memberships", i, ".role", roleNames, m.Role)
		validateDates(&v, path, m.StartDate, m.EndDate)
	}
	for i, q := range p.Participation {
		path := grassroots.ElementPath("participation", i)
		enumfield.CheckElem(&v, "participation", i, ".model", modelNames, q.Model)
		validateDates(&v, path, q.StartDate, q.EndDate)
		for j, r := range p.Participation[:i] {
			if r.Model == q.Model && q.Model.IsValid() && r.Period(nil).Overlaps(q.Period(nil)) {
				v.Addf(path, RuleOverlap, "%s from %s overlaps %s of the same model", q.Model, q.StartDate, grassroots.ElementPath("participation", j))
			}
		}
	}
	for i, s := range p.Services {
		enumfield.CheckElem(&v, "services", i, ".status", serviceStatusNames, s.Status)
		if slices.ContainsFunc(s.Functions, func(f Function) bool { return !f.IsValid() }) {
			enumfield.Each(&v, grassroots.ElementPath("services", i)+".functions", functionNames, s.Functions)
		}
	}
	return v.Err()
}

func validateStatuses(v *validate.Problems, h []StatusChange) {
	if len(h) == 0 {
		v.Add("statuses", grassroots.RuleRequired, "statuses is required: the history starts pending or active")
		return
	}
	for i, c := range h {
		path := grassroots.ElementPath("statuses", i)
		switch {
		case !c.Status.IsValid():
			v.Add(path+".status", grassroots.RuleEnum, statusNames.Problem(c.Status))
		case i == 0 && c.Status != StatusPending && c.Status != StatusActive:
			v.Addf(path+".status", RuleTransition, "the history starts pending or active, not %s", c.Status)
		case i > 0 && !h[i-1].Status.CanChange(c.Status):
			v.Addf(path+".status", RuleTransition, "a provider cannot change from %s to %s; from %s it may change to %s",
				h[i-1].Status, c.Status, h[i-1].Status, statusList(statusNext[h[i-1].Status]))
		}
		if !c.At.IsZero() && i > 0 && !c.At.After(h[i-1].At) {
			v.Addf(path+".at", grassroots.RuleOrder, "at %s is not later than the change before, at %s", formatTime(c.At), formatTime(h[i-1].At))
		}
	}
}

func statusList(ss []Status) string {
	if len(ss) == 0 {
		return "nothing"
	}
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = s.String()
	}
	return strings.Join(names, ", ")
}

func validateDates(v *validate.Problems, path string, start, end PartialDate) {
	if !start.IsZero() && !end.IsZero() && !end.End(nil).After(start.Start(nil)) {
		v.Addf(path+".end_date", grassroots.RuleOrder, "end_date %s is before start_date %s", end, start)
	}
}
