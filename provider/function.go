package provider

import (
	"fmt"
	"slices"

	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Family groups governance functions.
type Family uint8

// The three families of governance functions a provider may take over.
const (
	FamilyTechnical Family = iota + 1
	FamilyService
	FamilyManagement
)

var familyNames = enum.New[Family]("provider.Family", "technical", "service", "management")

// IsValid reports whether f is one of the Family values.
func (f Family) IsValid() bool { return familyNames.Valid(f) }

// String returns the wire name of f, or "Family(N)" for an invalid value.
func (f Family) String() string { return familyNames.String(f) }

// AppendText appends the wire name of f to b; an invalid value is an error.
func (f Family) AppendText(b []byte) ([]byte, error) { return familyNames.Append(b, f) }

// MarshalText returns the wire name of f; an invalid value is an error.
func (f Family) MarshalText() ([]byte, error) { return familyNames.Marshal(f) }

// UnmarshalText sets *f to the value named by b; on error *f is unchanged.
func (f *Family) UnmarshalText(b []byte) error { return familyNames.Unmarshal(f, b) }

// ParseFamily returns the Family named s; an unknown name is a *grassroots.UnknownNameError.
func ParseFamily(s string) (Family, error) { return familyNames.Parse(s) }

// Function is a governance function a contract hands to a provider.
type Function uint8

// The functions, grouped by family.
const (
	// Technical family.
	TechnicalSupport Function = iota + 1
	SystemMaintenance
	PlatformOperations
	// Service family.
	ElderlyCare
	Childcare
	Sanitation
	CommunityHealth
	// Management family.
	GridPatrol
	IncidentReporting
	DataCollection
)

var functionNames = enum.New[Function]("provider.Function",
	"technical_support", "system_maintenance", "platform_operation", "elderly_care",
	"childcare", "sanitation", "community_health", "grid_patrol", "incident_reporting",
	"data_collection",
)

// IsValid reports whether f is one of the Function values.
func (f Function) IsValid() bool { return functionNames.Valid(f) }

// String returns the wire name of f, or "Function(N)" for an invalid value.
func (f Function) String() string { return functionNames.String(f) }

// AppendText appends the wire name of f to b; an invalid value is an error.
func (f Function) AppendText(b []byte) ([]byte, error) { return functionNames.Append(b, f) }

// MarshalText returns the wire name of f; an invalid value is an error.
func (f Function) MarshalText() ([]byte, error) { return functionNames.Marshal(f) }

// UnmarshalText sets *f to the value named by b; on error *f is unchanged.
func (f *Function) UnmarshalText(b []byte) error { return functionNames.Unmarshal(f, b) }

// ParseFunction returns the Function named s; an unknown name is a *grassroots.UnknownNameError.
func ParseFunction(s string) (Function, error) { return functionNames.Parse(s) }

var functionFamily = [...]Family{0,
	FamilyTechnical, FamilyTechnical, FamilyTechnical,
	FamilyService, FamilyService, FamilyService, FamilyService,
	FamilyManagement, FamilyManagement, FamilyManagement,
}

// Functions returns every function in order.
func Functions() []Function { return functionNames.Values() }

// Family returns the family of f, or 0 for an undefined function.
func (f Function) Family() Family {
	if !f.IsValid() {
		return 0
	}
	return functionFamily[f]
}

// RoleTable says which roles may take which functions. It is a small
// immutable value, safe to share and compare with ==. The zero value
// allows nothing; use DefaultRoleTable or NewRoleTable.
type RoleTable struct {
	allowed [len(roleWireNames) + 1]uint32 // bit f of allowed[r] set: role r may take function f
}

// NewRoleTable builds a table from a role → functions map. Undefined roles
// or functions are an error matching ErrRoleTable.
func NewRoleTable(m map[Role][]Function) (RoleTable, error) {
	var t RoleTable
	for r, fs := range m {
		if !r.IsValid() {
			return RoleTable{}, fmt.Errorf("%w: role %s", ErrRoleTable, roleNames.Problem(r))
		}
		for _, f := range fs {
			if !f.IsValid() {
				return RoleTable{}, fmt.Errorf("%w: function of role %s: %s", ErrRoleTable, r, functionNames.Problem(f))
			}
			t.allowed[r] |= 1 << f
		}
	}
	return t, nil
}

// DefaultRoleTable returns the table this package uses unless told
// otherwise. It follows the paper's description of the four roles:
//
//	technology_enabler   technical_support, system_maintenance, platform_operation, data_collection
//	service_provider     elderly_care, childcare, sanitation, community_health, grid_patrol, incident_reporting
//	resource_integrator  platform_operation, data_collection, incident_reporting
//	innovation_driver    technical_support, platform_operation
func DefaultRoleTable() RoleTable {
	t, _ := NewRoleTable(map[Role][]Function{
		TechnologyEnabler:  {TechnicalSupport, SystemMaintenance, PlatformOperations, DataCollection},
		ServiceProvider:    {ElderlyCare, Childcare, Sanitation, CommunityHealth, GridPatrol, IncidentReporting},
		ResourceIntegrator: {PlatformOperations, DataCollection, IncidentReporting},
		InnovationDriver:   {TechnicalSupport, PlatformOperations},
	})
	return t
}

// Allows reports whether role r may take function f.
func (t RoleTable) Allows(r Role, f Function) bool {
	return r.IsValid() && f.IsValid() && t.allowed[r]&(1<<f) != 0
}

// Functions returns the functions role r may take, in order.
func (t RoleTable) Functions(r Role) []Function {
	var out []Function
	for _, f := range Functions() {
		if t.Allows(r, f) {
			out = append(out, f)
		}
	}
	return out
}

// RolesFor returns the roles that may take f, in order.
func (t RoleTable) RolesFor(f Function) []Role {
	return slices.DeleteFunc(Roles(), func(r Role) bool { return !t.Allows(r, f) })
}
