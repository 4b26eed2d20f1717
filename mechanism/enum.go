package mechanism

import "strconv"

// The enums of this package share one codec: names[0] is the unused zero
// value, names[i] the wire name of value i.

func enumString(v uint8, names []string, typ string) string {
	if v == 0 || int(v) >= len(names) {
		return typ + "(" + strconv.Itoa(int(v)) + ")"
	}
	return names[v]
}

func enumParse(s string, names []string, typ string) (uint8, error) {
	for i := 1; i < len(names); i++ {
		if names[i] == s {
			return uint8(i), nil
		}
	}
	return 0, &NameError{Type: typ, Name: s}
}

func enumMarshal(v uint8, names []string, typ string) ([]byte, error) {
	if v == 0 || int(v) >= len(names) {
		return nil, &NameError{Type: typ, Name: enumString(v, names, typ)}
	}
	return []byte(names[v]), nil
}

func enumValid(v uint8, names []string) bool { return v != 0 && int(v) < len(names) }

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

var layerNames = []string{"", "structure", "process", "function"}

// Layers returns every layer in order.
func Layers() []Layer { return []Layer{Structure, Process, Function} }

// ParseLayer returns the layer with wire name s.
func ParseLayer(s string) (Layer, error) {
	v, err := enumParse(s, layerNames, "layer")
	return Layer(v), err
}

// String returns the wire name, or "Layer(n)" for an invalid value.
func (l Layer) String() string { return enumString(uint8(l), layerNames, "Layer") }

// IsValid reports whether l is one of the layers.
func (l Layer) IsValid() bool { return enumValid(uint8(l), layerNames) }

// MarshalText returns the wire name; an invalid value is an error.
func (l Layer) MarshalText() ([]byte, error) { return enumMarshal(uint8(l), layerNames, "layer") }

// UnmarshalText parses a wire name.
func (l *Layer) UnmarshalText(b []byte) error {
	v, err := ParseLayer(string(b))
	if err == nil {
		*l = v
	}
	return err
}

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

var mechanismNames = []string{"", "functional_substitution", "resource_coordination", "multi_stakeholder_interaction"}

// Mechanisms returns every mechanism in order.
func Mechanisms() []Mechanism {
	return []Mechanism{FunctionalSubstitution, ResourceCoordination, MultiStakeholderInteraction}
}

// ParseMechanism returns the mechanism with wire name s.
func ParseMechanism(s string) (Mechanism, error) {
	v, err := enumParse(s, mechanismNames, "mechanism")
	return Mechanism(v), err
}

// String returns the wire name, or "Mechanism(n)" for an invalid value.
func (m Mechanism) String() string { return enumString(uint8(m), mechanismNames, "Mechanism") }

// IsValid reports whether m is one of the mechanisms.
func (m Mechanism) IsValid() bool { return enumValid(uint8(m), mechanismNames) }

// MarshalText returns the wire name; an invalid value is an error.
func (m Mechanism) MarshalText() ([]byte, error) {
	return enumMarshal(uint8(m), mechanismNames, "mechanism")
}

// UnmarshalText parses a wire name.
func (m *Mechanism) UnmarshalText(b []byte) error {
	v, err := ParseMechanism(string(b))
	if err == nil {
		*m = v
	}
	return err
}

// Performer says who carried out a task: a service provider or the
// government (its departments, community and grid workers). The zero
// value is invalid.
type Performer uint8

// The performers.
const (
	ByProvider Performer = iota + 1
	ByGovernment
)

var performerNames = []string{"", "provider", "government"}

// ParsePerformer returns the performer with wire name s.
func ParsePerformer(s string) (Performer, error) {
	v, err := enumParse(s, performerNames, "performer")
	return Performer(v), err
}

// String returns the wire name, or "Performer(n)" for an invalid value.
func (p Performer) String() string { return enumString(uint8(p), performerNames, "Performer") }

// IsValid reports whether p is a performer.
func (p Performer) IsValid() bool { return enumValid(uint8(p), performerNames) }

// MarshalText returns the wire name; an invalid value is an error.
func (p Performer) MarshalText() ([]byte, error) {
	return enumMarshal(uint8(p), performerNames, "performer")
}

// UnmarshalText parses a wire name.
func (p *Performer) UnmarshalText(b []byte) error {
	v, err := ParsePerformer(string(b))
	if err == nil {
		*p = v
	}
	return err
}

// Latency is how an exchange link delivers data: in real time (push or
// streaming) or in batches. The zero value is invalid.
type Latency uint8

// The latency classes.
const (
	RealTime Latency = iota + 1
	Batch
)

var latencyNames = []string{"", "real_time", "batch"}

// ParseLatency returns the latency class with wire name s.
func ParseLatency(s string) (Latency, error) {
	v, err := enumParse(s, latencyNames, "latency")
	return Latency(v), err
}

// String returns the wire name, or "Latency(n)" for an invalid value.
func (l Latency) String() string { return enumString(uint8(l), latencyNames, "Latency") }

// IsValid reports whether l is a latency class.
func (l Latency) IsValid() bool { return enumValid(uint8(l), latencyNames) }

// MarshalText returns the wire name; an invalid value is an error.
func (l Latency) MarshalText() ([]byte, error) { return enumMarshal(uint8(l), latencyNames, "latency") }

// UnmarshalText parses a wire name.
func (l *Latency) UnmarshalText(b []byte) error {
	v, err := ParseLatency(string(b))
	if err == nil {
		*l = v
	}
	return err
}

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

var actionNames = []string{"", "post", "comment", "propose", "vote", "attend", "answer_survey", "join_action"}

// ParseAction returns the action with wire name s.
func ParseAction(s string) (Action, error) {
	v, err := enumParse(s, actionNames, "action")
	return Action(v), err
}

// String returns the wire name, or "Action(n)" for an invalid value.
func (a Action) String() string { return enumString(uint8(a), actionNames, "Action") }

// IsValid reports whether a is a kind of action.
func (a Action) IsValid() bool { return enumValid(uint8(a), actionNames) }

// MarshalText returns the wire name; an invalid value is an error.
func (a Action) MarshalText() ([]byte, error) { return enumMarshal(uint8(a), actionNames, "action") }

// UnmarshalText parses a wire name.
func (a *Action) UnmarshalText(b []byte) error {
	v, err := ParseAction(string(b))
	if err == nil {
		*a = v
	}
	return err
}

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

var unitNames = []string{"", "ratio", "per_thousand", "hours", "fte", "count"}

// ParseUnit returns the unit with wire name s.
func ParseUnit(s string) (Unit, error) {
	v, err := enumParse(s, unitNames, "unit")
	return Unit(v), err
}

// String returns the wire name, or "Unit(n)" for an invalid value.
func (u Unit) String() string { return enumString(uint8(u), unitNames, "Unit") }

// IsValid reports whether u is a unit.
func (u Unit) IsValid() bool { return enumValid(uint8(u), unitNames) }

// MarshalText returns the wire name; an invalid value is an error.
func (u Unit) MarshalText() ([]byte, error) { return enumMarshal(uint8(u), unitNames, "unit") }

// UnmarshalText parses a wire name.
func (u *Unit) UnmarshalText(b []byte) error {
	v, err := ParseUnit(string(b))
	if err == nil {
		*u = v
	}
	return err
}

// Direction says whether more of a metric is better (benefit) or worse
// (cost). Normalisation turns cost metrics around so that 1 is always
// good. The zero value is invalid.
type Direction uint8

// The directions.
const (
	Benefit Direction = iota + 1
	Cost
)

var directionNames = []string{"", "benefit", "cost"}

// ParseDirection returns the direction with wire name s.
func ParseDirection(s string) (Direction, error) {
	v, err := enumParse(s, directionNames, "direction")
	return Direction(v), err
}

// String returns the wire name, or "Direction(n)" for an invalid value.
func (d Direction) String() string { return enumString(uint8(d), directionNames, "Direction") }

// IsValid reports whether d is a direction.
func (d Direction) IsValid() bool { return enumValid(uint8(d), directionNames) }

// MarshalText returns the wire name; an invalid value is an error.
func (d Direction) MarshalText() ([]byte, error) {
	return enumMarshal(uint8(d), directionNames, "direction")
}

// UnmarshalText parses a wire name.
func (d *Direction) UnmarshalText(b []byte) error {
	v, err := ParseDirection(string(b))
	if err == nil {
		*d = v
	}
	return err
}

// Weighting selects how the substitution index weighs functions: equally,
// or by the standard hours their tasks take. The zero value is invalid.
type Weighting uint8

// The weightings.
const (
	EqualWeights Weighting = iota + 1
	StandardHourWeights
)

var weightingNames = []string{"", "equal", "standard_hours"}

// ParseWeighting returns the weighting with wire name s.
func ParseWeighting(s string) (Weighting, error) {
	v, err := enumParse(s, weightingNames, "weighting")
	return Weighting(v), err
}

// String returns the wire name, or "Weighting(n)" for an invalid value.
func (w Weighting) String() string { return enumString(uint8(w), weightingNames, "Weighting") }

// IsValid reports whether w is a weighting.
func (w Weighting) IsValid() bool { return enumValid(uint8(w), weightingNames) }

// MarshalText returns the wire name; an invalid value is an error.
func (w Weighting) MarshalText() ([]byte, error) {
	return enumMarshal(uint8(w), weightingNames, "weighting")
}

// UnmarshalText parses a wire name.
func (w *Weighting) UnmarshalText(b []byte) error {
	v, err := ParseWeighting(string(b))
	if err == nil {
		*w = v
	}
	return err
}
