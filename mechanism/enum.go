package mechanism

import (
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Layer is a dimension of the structure–process–function frame: structure
// (positions, rights and responsibilities), process (collaboration,
// resource integration, service delivery, evaluation) or function
// (outcomes). The zero value is invalid.
type Layer uint8

// The layers, in the order the frame names them.
const (
	Structure Layer = iota + 1
	Process
	Function
)

var layerNames = enum.New[Layer]("mechanism.Layer", "structure", "process", "function")

// IsValid reports whether l is one of the Layer values.
func (l Layer) IsValid() bool { return layerNames.Valid(l) }

// String returns the wire name of l, or "Layer(N)" for an invalid value.
func (l Layer) String() string { return layerNames.String(l) }

// AppendText appends the wire name of l to b; an invalid value is an error.
func (l Layer) AppendText(b []byte) ([]byte, error) { return layerNames.Append(b, l) }

// MarshalText returns the wire name of l; an invalid value is an error.
func (l Layer) MarshalText() ([]byte, error) { return layerNames.Marshal(l) }

// UnmarshalText sets *l to the value named by b; on error *l is unchanged.
func (l *Layer) UnmarshalText(b []byte) error { return layerNames.Unmarshal(l, b) }

// ParseLayer returns the Layer named s; an unknown name is a *grassroots.UnknownNameError.
func ParseLayer(s string) (Layer, error) { return layerNames.Parse(s) }

// Layers returns every layer in order.
func Layers() []Layer { return layerNames.Values() }

// Mechanism is one of the three operational mechanisms through which
// service providers take part in grassroots governance. The zero value is
// invalid.
type Mechanism uint8

// The mechanisms.
const (
	FunctionalSubstitution Mechanism = iota + 1
	ResourceCoordination
	MultiStakeholderInteraction
)

var mechanismNames = enum.New[Mechanism]("mechanism.Mechanism",
	"functional_substitution", "resource_coordination", "multi_stakeholder_interaction",
)

// IsValid reports whether m is one of the Mechanism values.
func (m Mechanism) IsValid() bool { return mechanismNames.Valid(m) }

// String returns the wire name of m, or "Mechanism(N)" for an invalid value.
func (m Mechanism) String() string { return mechanismNames.String(m) }

// AppendText appends the wire name of m to b; an invalid value is an error.
func (m Mechanism) AppendText(b []byte) ([]byte, error) { return mechanismNames.Append(b, m) }

// MarshalText returns the wire name of m; an invalid value is an error.
func (m Mechanism) MarshalText() ([]byte, error) { return mechanismNames.Marshal(m) }

// UnmarshalText sets *m to the value named by b; on error *m is unchanged.
func (m *Mechanism) UnmarshalText(b []byte) error { return mechanismNames.Unmarshal(m, b) }

// ParseMechanism returns the Mechanism named s; an unknown name is a *grassroots.UnknownNameError.
func ParseMechanism(s string) (Mechanism, error) { return mechanismNames.Parse(s) }

// Mechanisms returns every mechanism in order.
func Mechanisms() []Mechanism { return mechanismNames.Values() }

// Performer says who carried out a task: a service provider or the
// government (its departments, community and grid workers). The zero
// value is invalid.
type Performer uint8

// The performers.
const (
	ByProvider Performer = iota + 1
	ByGovernment
)

var performerNames = enum.New[Performer]("mechanism.Performer", "provider", "government")

// IsValid reports whether p is one of the Performer values.
func (p Performer) IsValid() bool { return performerNames.Valid(p) }

// String returns the wire name of p, or "Performer(N)" for an invalid value.
func (p Performer) String() string { return performerNames.String(p) }

// AppendText appends the wire name of p to b; an invalid value is an error.
func (p Performer) AppendText(b []byte) ([]byte, error) { return performerNames.Append(b, p) }

// MarshalText returns the wire name of p; an invalid value is an error.
func (p Performer) MarshalText() ([]byte, error) { return performerNames.Marshal(p) }

// UnmarshalText sets *p to the value named by b; on error *p is unchanged.
func (p *Performer) UnmarshalText(b []byte) error { return performerNames.Unmarshal(p, b) }

// ParsePerformer returns the Performer named s; an unknown name is a *grassroots.UnknownNameError.
func ParsePerformer(s string) (Performer, error) { return performerNames.Parse(s) }

// Latency is how an exchange link delivers data: in real time (push or
// streaming) or in batches. The zero value is invalid.
type Latency uint8

// The latency classes.
const (
	RealTime Latency = iota + 1
	Batch
)

var latencyNames = enum.New[Latency]("mechanism.Latency", "real_time", "batch")

// IsValid reports whether l is one of the Latency values.
func (l Latency) IsValid() bool { return latencyNames.Valid(l) }

// String returns the wire name of l, or "Latency(N)" for an invalid value.
func (l Latency) String() string { return latencyNames.String(l) }

// AppendText appends the wire name of l to b; an invalid value is an error.
func (l Latency) AppendText(b []byte) ([]byte, error) { return latencyNames.Append(b, l) }

// MarshalText returns the wire name of l; an invalid value is an error.
func (l Latency) MarshalText() ([]byte, error) { return latencyNames.Marshal(l) }

// UnmarshalText sets *l to the value named by b; on error *l is unchanged.
func (l *Latency) UnmarshalText(b []byte) error { return latencyNames.Unmarshal(l, b) }

// ParseLatency returns the Latency named s; an unknown name is a *grassroots.UnknownNameError.
func ParseLatency(s string) (Latency, error) { return latencyNames.Parse(s) }

// Action is a kind of resident action counted towards participation, after
// Decidim's notion of a participant as a unique user across actions. The
// zero value is invalid.
type Action uint8

// The kinds of action.
const (
	Post Action = iota + 1
	Comment
	Propose
	Vote
	Attend
	AnswerSurvey
	JoinAction
)

var actionNames = enum.New[Action]("mechanism.Action",
	"post", "comment", "propose", "vote", "attend", "answer_survey", "join_action",
)

// IsValid reports whether a is one of the Action values.
func (a Action) IsValid() bool { return actionNames.Valid(a) }

// String returns the wire name of a, or "Action(N)" for an invalid value.
func (a Action) String() string { return actionNames.String(a) }

// AppendText appends the wire name of a to b; an invalid value is an error.
func (a Action) AppendText(b []byte) ([]byte, error) { return actionNames.Append(b, a) }

// MarshalText returns the wire name of a; an invalid value is an error.
func (a Action) MarshalText() ([]byte, error) { return actionNames.Marshal(a) }

// UnmarshalText sets *a to the value named by b; on error *a is unchanged.
func (a *Action) UnmarshalText(b []byte) error { return actionNames.Unmarshal(a, b) }

// ParseAction returns the Action named s; an unknown name is a *grassroots.UnknownNameError.
func ParseAction(s string) (Action, error) { return actionNames.Parse(s) }

// Unit is the unit of a metric's value. The zero value is invalid.
type Unit uint8

// The units.
const (
	Ratio       Unit = iota + 1 // a fraction, normally in [0, 1]
	PerThousand                 // occurrences per 1,000
	Hours                       // elapsed hours
	FTE                         // full-time equivalents
	Count                       // a raw count
)

var unitNames = enum.New[Unit]("mechanism.Unit", "ratio", "per_thousand", "hours", "fte", "count")

// IsValid reports whether u is one of the Unit values.
func (u Unit) IsValid() bool { return unitNames.Valid(u) }

// String returns the wire name of u, or "Unit(N)" for an invalid value.
func (u Unit) String() string { return unitNames.String(u) }

// AppendText appends the wire name of u to b; an invalid value is an error.
func (u Unit) AppendText(b []byte) ([]byte, error) { return unitNames.Append(b, u) }

// MarshalText returns the wire name of u; an invalid value is an error.
func (u Unit) MarshalText() ([]byte, error) { return unitNames.Marshal(u) }

// UnmarshalText sets *u to the value named by b; on error *u is unchanged.
func (u *Unit) UnmarshalText(b []byte) error { return unitNames.Unmarshal(u, b) }

// ParseUnit returns the Unit named s; an unknown name is a *grassroots.UnknownNameError.
func ParseUnit(s string) (Unit, error) { return unitNames.Parse(s) }

// Direction says whether more of a metric is better (benefit) or worse
// (cost). Normalisation turns cost metrics around so that 1 is always
// good. It is the direction of an evaluation indicator, so a metric's
// direction is passed to evaluation's methods as it is. The zero value is
// invalid.
type Direction = evaluation.Direction

// The directions.
const (
	Benefit = evaluation.Benefit
	Cost    = evaluation.Cost
)

// ParseDirection returns the Direction named s; an unknown name is a *grassroots.UnknownNameError.
func ParseDirection(s string) (Direction, error) { return evaluation.ParseDirection(s) }

// Weighting selects how the substitution index weighs functions: equally,
// or by the standard hours their tasks take. The zero value is invalid.
type Weighting uint8

// The weightings.
const (
	EqualWeights Weighting = iota + 1
	StandardHourWeights
)

var weightingNames = enum.New[Weighting]("mechanism.Weighting", "equal", "standard_hours")

// IsValid reports whether w is one of the Weighting values.
func (w Weighting) IsValid() bool { return weightingNames.Valid(w) }

// String returns the wire name of w, or "Weighting(N)" for an invalid value.
func (w Weighting) String() string { return weightingNames.String(w) }

// AppendText appends the wire name of w to b; an invalid value is an error.
func (w Weighting) AppendText(b []byte) ([]byte, error) { return weightingNames.Append(b, w) }

// MarshalText returns the wire name of w; an invalid value is an error.
func (w Weighting) MarshalText() ([]byte, error) { return weightingNames.Marshal(w) }

// UnmarshalText sets *w to the value named by b; on error *w is unchanged.
func (w *Weighting) UnmarshalText(b []byte) error { return weightingNames.Unmarshal(w, b) }

// ParseWeighting returns the Weighting named s; an unknown name is a *grassroots.UnknownNameError.
func ParseWeighting(s string) (Weighting, error) { return weightingNames.Parse(s) }
