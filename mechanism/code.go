package mechanism

import "github.com/grassrootsgov/grassroots/internal/enum"

// Code identifies a metric. Each code has one fixed definition (name,
// unit, layer, mechanism, direction) listed by Definitions; a metric
// reported per function or per resource kind repeats its code with a
// different Metric.Subject. The zero value is invalid.
type Code uint8

// The metric codes, grouped by mechanism.
const (
	// Functional substitution.
	ProviderTaskShare      Code = iota + 1 // provider tasks / all tasks of one function
	SubstitutionIndex                      // weighted mean of provider task shares
	FTERelieved                            // provider tasks × standard hours / hours per FTE
	ProviderDiscoveryShare                 // incidents discovered by providers / incidents received
	ProviderGridCoverage                   // grids served by a provider contract / grids

	// Resource coordination.
	DepartmentsConnected  // raw count of departments connected to the sharing platform
	DepartmentIntegration // departments connected / departments in scope
	CategoriesCatalogued  // raw count of data categories catalogued
	CategoryCoverage      // categories catalogued / categories in scope
	SystemsConnected      // raw count of systems with at least one exchange link
	SystemInterconnection // systems connected / systems in scope
	SharingOpenness       // (unconditional + w × conditional) / categories catalogued
	RealTimeShare         // real-time links / links
	OpenDataStars         // mean open-data stars / 5
	Interoperability      // mean interoperability level / 6
	DataSilo              // 1 − directed density of the exchange graph
	HubSilo               // 1 − systems linked with the hub / systems
	ProviderResourceShare // provider-contributed share of one resource kind
	IntegratedResources   // mean of the provider resource shares

	// Multi-stakeholder interaction.
	ParticipationRate       // unique participants / registered users
	ActivityIntensity       // posts per 1,000 registered users
	InteractionFormCoverage // interaction forms present / 4
	ProposalUptake          // proposals accepted / proposals
	MeetingTurnout          // attendees / invitees
	ClosureRate             // incidents closed / received
	OnTimeClosure           // closed on time / closed
	MedianTimeToClose       // median hours from filing to closing
	P90TimeToClose          // 90th percentile hours from filing to closing
	SatisfactionRate        // satisfied ratings / ratings
	RectificationRate       // negative ratings rectified / negative ratings
	JointActionProgress     // weighted or plain mean progress of joint actions
	ReopenRate              // incidents reopened / closed

	// Governance load: what the community's matters ask of it.
	MatterRate     // matters received per 1,000 residents a year
	PlatformSpread // spread of matters over the four platforms
)

// Definition is the fixed description of a metric code.
type Definition struct {
	Code      Code      `json:"code"`
	Name      string    `json:"name"`
	Unit      Unit      `json:"unit"`
	Layer     Layer     `json:"layer"`
	Mechanism Mechanism `json:"mechanism"`
	Direction Direction `json:"direction"`
}

type def struct {
	wire, name string
	unit       Unit
	layer      Layer
	mech       Mechanism
	dir        Direction
}

const (
	fs = FunctionalSubstitution
	rc = ResourceCoordination
	mi = MultiStakeholderInteraction
)

var definitions = [...]def{
	ProviderTaskShare:       {"provider_task_share", "provider share of a function's tasks", Ratio, Structure, fs, Benefit},
	SubstitutionIndex:       {"substitution_index", "weighted substitution index", Ratio, Structure, fs, Benefit},
	FTERelieved:             {"fte_relieved", "full-time equivalents relieved", FTE, Function, fs, Benefit},
	ProviderDiscoveryShare:  {"provider_discovery_share", "provider share of incident discovery", Ratio, Process, fs, Benefit},
	ProviderGridCoverage:    {"provider_grid_coverage", "provider service coverage of grids", Ratio, Structure, fs, Benefit},
	DepartmentsConnected:    {"departments_connected", "departments connected", Count, Structure, rc, Benefit},
	DepartmentIntegration:   {"department_integration", "department integration ratio", Ratio, Structure, rc, Benefit},
	CategoriesCatalogued:    {"categories_catalogued", "data categories catalogued", Count, Structure, rc, Benefit},
	CategoryCoverage:        {"category_coverage", "data-category coverage", Ratio, Structure, rc, Benefit},
	SystemsConnected:        {"systems_connected", "systems connected", Count, Structure, rc, Benefit},
	SystemInterconnection:   {"system_interconnection", "system interconnection ratio", Ratio, Structure, rc, Benefit},
	SharingOpenness:         {"sharing_openness", "sharing openness", Ratio, Process, rc, Benefit},
	RealTimeShare:           {"real_time_share", "real-time exchange share", Ratio, Process, rc, Benefit},
	OpenDataStars:           {"open_data_stars", "mean open-data stars / 5", Ratio, Function, rc, Benefit},
	Interoperability:        {"interoperability", "mean interoperability level / 6", Ratio, Process, rc, Benefit},
	DataSilo:                {"data_silo", "data-silo index (directed density)", Ratio, Structure, rc, Cost},
	HubSilo:                 {"hub_silo", "data-silo index (hub)", Ratio, Structure, rc, Cost},
	ProviderResourceShare:   {"provider_resource_share", "provider-contributed share of a resource", Ratio, Process, rc, Benefit},
	IntegratedResources:     {"integrated_resources", "integrated-resource index", Ratio, Function, rc, Benefit},
	ParticipationRate:       {"participation_rate", "participation rate", Ratio, Function, mi, Benefit},
	ActivityIntensity:       {"activity_intensity", "posts per 1,000 registered users", PerThousand, Function, mi, Benefit},
	InteractionFormCoverage: {"interaction_form_coverage", "interaction-form coverage", Ratio, Structure, mi, Benefit},
	ProposalUptake:          {"proposal_uptake", "proposal uptake", Ratio, Process, mi, Benefit},
	MeetingTurnout:          {"meeting_turnout", "meeting turnout", Ratio, Process, mi, Benefit},
	ClosureRate:             {"closure_rate", "incident closure rate", Ratio, Process, mi, Benefit},
	OnTimeClosure:           {"on_time_closure", "on-time closure rate", Ratio, Process, mi, Benefit},
	MedianTimeToClose:       {"median_time_to_close", "median time to close", Hours, Process, mi, Cost},
	P90TimeToClose:          {"p90_time_to_close", "90th percentile time to close", Hours, Process, mi, Cost},
	SatisfactionRate:        {"satisfaction_rate", "satisfaction rate", Ratio, Function, mi, Benefit},
	RectificationRate:       {"rectification_rate", "rectification rate", Ratio, Process, mi, Benefit},
	JointActionProgress:     {"joint_action_progress", "joint-action progress", Ratio, Process, mi, Benefit},
	ReopenRate:              {"reopen_rate", "reopen rate", Ratio, Process, mi, Cost},
	MatterRate:              {"matter_rate", "matters per 1,000 residents a year", PerThousand, Function, mi, Cost},
	PlatformSpread:          {"platform_spread", "spread of matters over the four platforms", Ratio, Process, mi, Cost},
}

var codeNames = enum.New[Code]("mechanism.Code", codeWireNames()...)

// codeWireNames returns the wire names of the codes, in code order, from
// their definitions.
func codeWireNames() []string {
	names := make([]string, 0, len(definitions)-1)
	for _, d := range definitions[1:] {
		names = append(names, d.wire)
	}
	return names
}

// Codes returns every metric code in definition order.
func Codes() []Code { return codeNames.Values() }

// Definitions returns the definition of every metric code, in code order.
func Definitions() []Definition {
	out := make([]Definition, 0, len(definitions)-1)
	for _, c := range Codes() {
		d, _ := c.Definition()
		out = append(out, d)
	}
	return out
}

// Definition returns the fixed description of c; ok is false for an
// invalid code.
func (c Code) Definition() (d Definition, ok bool) {
	if !c.IsValid() {
		return Definition{}, false
	}
	x := definitions[c]
	return Definition{Code: c, Name: x.name, Unit: x.unit, Layer: x.layer, Mechanism: x.mech, Direction: x.dir}, true
}

// IsValid reports whether c is one of the Code values.
func (c Code) IsValid() bool { return codeNames.Valid(c) }

// String returns the wire name of c, or "Code(N)" for an invalid value.
func (c Code) String() string { return codeNames.String(c) }

// AppendText appends the wire name of c to b; an invalid value is an error.
func (c Code) AppendText(b []byte) ([]byte, error) { return codeNames.Append(b, c) }

// MarshalText returns the wire name of c; an invalid value is an error.
func (c Code) MarshalText() ([]byte, error) { return codeNames.Marshal(c) }

// UnmarshalText sets *c to the value named by b; on error *c is unchanged.
func (c *Code) UnmarshalText(b []byte) error { return codeNames.Unmarshal(c, b) }

// ParseCode returns the Code named s; an unknown name is a *grassroots.UnknownNameError.
func ParseCode(s string) (Code, error) { return codeNames.Parse(s) }
