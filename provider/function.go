package provider

import (
	"fmt"
	"slices"
)

// Family groups governance functions.
type Family uint8

// The three families of governance functions a provider may take over.
const (
	FamilyTechnical Family = iota + 1
	FamilyService
	FamilyManagement
)

var familyNames = [...]string{"", "technical", "service", "management"}

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

	functionCount = iota
)

var functionNames = [...]string{"",
	"technical_support", "system_maintenance", "platform_operation",
	"elderly_care", "childcare", "sanitation", "community_health",
	"grid_patrol", "incident_reporting", "data_collection",
}

var functionFamily = [...]Family{0,
	FamilyTechnical, FamilyTechnical, FamilyTechnical,
	FamilyService, FamilyService, FamilyService, FamilyService,
	FamilyManagement, FamilyManagement, FamilyManagement,
}

// Functions returns every function in order.
func Functions() []Function {
	out := make([]Function, functionCount)
	for i := range out {
		out[i] = Function(i + 1)
	}
	return out
}

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
	allowed [len(roleNames)]uint32 // bit f set: the role may take function f
}

// NewRoleTable builds a table from a role → functions map. Undefined roles
// or functions are an error matching ErrRoleTable.
func NewRoleTable(m map[Role][]Function) (RoleTable, error) {
	var t RoleTable
	for r, fs := range m {
		if !r.IsValid() {
			return RoleTable{}, fmt.Errorf("%w: role %s", ErrRoleTable, r)
		}
		for _, f := range fs {
			if !f.IsValid() {
				return RoleTable{}, fmt.Errorf("%w: function %s for role %s", ErrRoleTable, f, r)
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
