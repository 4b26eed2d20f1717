package incident

// Status is the lifecycle status of an incident; see the package doc for the
// table that maps it to the 12345 loop, digital city management and Open311.
// The zero value is invalid and prints "Status(0)".
type Status uint8

// The status values.
const (
	// StatusReported means a matter has been reported and awaits acceptance.
	StatusReported Status = iota + 1
	// StatusAccepted means the matter is accepted (filed) and awaits dispatch.
	StatusAccepted
	// StatusRejected means the matter was not accepted: invalid, a duplicate
	// or outside scope; final.
	StatusRejected
	// StatusDispatched means the matter is assigned to a platform and a
	// responsible unit; the handling clock runs.
	StatusDispatched
	// StatusReturned means the unit returned a misrouted matter; it awaits dispatch again.
	StatusReturned
	// StatusInProgress means the responsible unit is handling the matter.
	StatusInProgress
	// StatusResolved means the unit reports the matter handled; it awaits verification.
	StatusResolved
	// StatusClosed means the resolution was verified and the matter closed; only reopen leaves it.
	StatusClosed
	// StatusReopened means a closed matter was reopened and awaits dispatch.
	StatusReopened
)

var statusNames = names{typ: "Status", list: []string{"", "reported", "accepted", "rejected", "dispatched", "returned", "in_progress", "resolved", "closed", "reopened"}, err: ErrUnknownStatus}

// IsValid reports whether v is a defined status.
func (v Status) IsValid() bool { return statusNames.valid(uint8(v)) }

// String returns the wire name, or "Status(N)" for an undefined value.
func (v Status) String() string { return statusNames.str(uint8(v)) }

// ParseStatus parses a wire name; unknown text matches ErrUnknownStatus.
func ParseStatus(s string) (Status, error) {
	v, err := statusNames.parse(s)
	return Status(v), err
}

// AppendText appends the wire name to b; an undefined value is an error.
func (v Status) AppendText(b []byte) ([]byte, error) { return statusNames.appendText(b, uint8(v)) }

// MarshalText writes the wire name; an undefined value is an error.
func (v Status) MarshalText() ([]byte, error) { return statusNames.appendText(nil, uint8(v)) }

// UnmarshalText parses the wire name; on error *v is unchanged.
func (v *Status) UnmarshalText(b []byte) error {
	p, err := ParseStatus(string(b))
	if err == nil {
		*v = p
	}
	return err
}

// Platform is one of the four platforms for grassroots governance to which
// every matter is routed. The zero value is invalid and prints "Platform(0)".
type Platform uint8

// The platform values.
const (
	// PlatformGovernance means the comprehensive governance platform (综合治理):
	// disputes, public safety, hazards.
	PlatformGovernance Platform = iota + 1
	// PlatformLawEnforcement means the integrated law enforcement platform
	// (综合执法): city appearance, illegal construction, environment.
	PlatformLawEnforcement
	// PlatformMarketSupervision means the market supervision platform (市场监管):
	// food safety, licences, prices.
	PlatformMarketSupervision
	// PlatformPublicServices means the convenient public services platform
	// (便民服务): utilities, facilities, care.
	PlatformPublicServices
)

var platformNames = names{typ: "Platform", list: []string{"", "comprehensive_governance", "law_enforcement", "market_supervision", "public_services"}, err: ErrUnknownPlatform}

// IsValid reports whether v is a defined platform.
func (v Platform) IsValid() bool { return platformNames.valid(uint8(v)) }

// String returns the wire name, or "Platform(N)" for an undefined value.
func (v Platform) String() string { return platformNames.str(uint8(v)) }

// ParsePlatform parses a wire name; unknown text matches ErrUnknownPlatform.
func ParsePlatform(s string) (Platform, error) {
	v, err := platformNames.parse(s)
	return Platform(v), err
}

// AppendText appends the wire name to b; an undefined value is an error.
func (v Platform) AppendText(b []byte) ([]byte, error) { return platformNames.appendText(b, uint8(v)) }

// MarshalText writes the wire name; an undefined value is an error.
func (v Platform) MarshalText() ([]byte, error) { return platformNames.appendText(nil, uint8(v)) }

// UnmarshalText parses the wire name; on error *v is unchanged.
func (v *Platform) UnmarshalText(b []byte) error {
	p, err := ParsePlatform(string(b))
	if err == nil {
		*v = p
	}
	return err
}

// Channel is the channel through which a matter was reported. The zero value
// is invalid and prints "Channel(0)".
type Channel uint8

// The channel values.
const (
	// ChannelApp means a resident app or mini-program.
	ChannelApp Channel = iota + 1
	// ChannelHotline means the 12345 government service hotline.
	ChannelHotline
	// ChannelPatrol means a grid worker's patrol.
	ChannelPatrol
	// ChannelSensor means a sensor or video analytics.
	ChannelSensor
	// ChannelProvider means a service provider's staff.
	ChannelProvider
)

var channelNames = names{typ: "Channel", list: []string{"", "app", "hotline", "patrol", "sensor", "provider"}, err: ErrUnknownChannel}

// IsValid reports whether v is a defined channel.
func (v Channel) IsValid() bool { return channelNames.valid(uint8(v)) }

// String returns the wire name, or "Channel(N)" for an undefined value.
func (v Channel) String() string { return channelNames.str(uint8(v)) }

// ParseChannel parses a wire name; unknown text matches ErrUnknownChannel.
func ParseChannel(s string) (Channel, error) {
	v, err := channelNames.parse(s)
	return Channel(v), err
}

// AppendText appends the wire name to b; an undefined value is an error.
func (v Channel) AppendText(b []byte) ([]byte, error) { return channelNames.appendText(b, uint8(v)) }

// MarshalText writes the wire name; an undefined value is an error.
func (v Channel) MarshalText() ([]byte, error) { return channelNames.appendText(nil, uint8(v)) }

// UnmarshalText parses the wire name; on error *v is unchanged.
func (v *Channel) UnmarshalText(b []byte) error {
	p, err := ParseChannel(string(b))
	if err == nil {
		*v = p
	}
	return err
}

// Priority is the urgency of a matter. The zero value is invalid and prints "Priority(0)".
type Priority uint8

// The priority values.
const (
	// PriorityLow means can wait for routine handling.
	PriorityLow Priority = iota + 1
	// PriorityNormal means routine handling within the time limit.
	PriorityNormal
	// PriorityHigh means handled ahead of routine matters.
	PriorityHigh
	// PriorityUrgent means danger to life or property; handled at once.
	PriorityUrgent
)

var priorityNames = names{typ: "Priority", list: []string{"", "low", "normal", "high", "urgent"}, err: ErrUnknownPriority}

// IsValid reports whether v is a defined priority.
func (v Priority) IsValid() bool { return priorityNames.valid(uint8(v)) }

// String returns the wire name, or "Priority(N)" for an undefined value.
func (v Priority) String() string { return priorityNames.str(uint8(v)) }

// ParsePriority parses a wire name; unknown text matches ErrUnknownPriority.
func ParsePriority(s string) (Priority, error) {
	v, err := priorityNames.parse(s)
	return Priority(v), err
}

// AppendText appends the wire name to b; an undefined value is an error.
func (v Priority) AppendText(b []byte) ([]byte, error) { return priorityNames.appendText(b, uint8(v)) }

// MarshalText writes the wire name; an undefined value is an error.
func (v Priority) MarshalText() ([]byte, error) { return priorityNames.appendText(nil, uint8(v)) }

// UnmarshalText parses the wire name; on error *v is unchanged.
func (v *Priority) UnmarshalText(b []byte) error {
	p, err := ParsePriority(string(b))
	if err == nil {
		*v = p
	}
	return err
}

// Grade is a reporter's five-grade rating of how a matter was handled; the top
// three grades count as satisfied. The zero value is invalid and prints
// "Grade(0)".
type Grade uint8

// The grade values.
const (
	// VerySatisfied means very satisfied.
	VerySatisfied Grade = iota + 1
	// Satisfied means satisfied.
	Satisfied
	// Neutral means basically satisfied.
	Neutral
	// Dissatisfied means dissatisfied.
	Dissatisfied
	// VeryDissatisfied means very dissatisfied.
	VeryDissatisfied
)

var gradeNames = names{typ: "Grade", list: []string{"", "very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied"}, err: ErrUnknownGrade}

// IsValid reports whether v is a defined grade.
func (v Grade) IsValid() bool { return gradeNames.valid(uint8(v)) }

// String returns the wire name, or "Grade(N)" for an undefined value.
func (v Grade) String() string { return gradeNames.str(uint8(v)) }

// ParseGrade parses a wire name; unknown text matches ErrUnknownGrade.
func ParseGrade(s string) (Grade, error) {
	v, err := gradeNames.parse(s)
	return Grade(v), err
}

// AppendText appends the wire name to b; an undefined value is an error.
func (v Grade) AppendText(b []byte) ([]byte, error) { return gradeNames.appendText(b, uint8(v)) }

// MarshalText writes the wire name; an undefined value is an error.
func (v Grade) MarshalText() ([]byte, error) { return gradeNames.appendText(nil, uint8(v)) }

// UnmarshalText parses the wire name; on error *v is unchanged.
func (v *Grade) UnmarshalText(b []byte) error {
	p, err := ParseGrade(string(b))
	if err == nil {
		*v = p
	}
	return err
}

// RejectReason is why a report was not accepted. The zero value is invalid and
// prints "RejectReason(0)".
type RejectReason uint8

// The reject reason values.
const (
	// RejectInvalid means the report is not a real or actionable matter.
	RejectInvalid RejectReason = iota + 1
	// RejectDuplicate means the matter is already reported; the rejection names the original.
	RejectDuplicate
	// RejectOutOfScope means the matter is outside the scope of grassroots governance.
	RejectOutOfScope
)

var rejectReasonNames = names{typ: "RejectReason", list: []string{"", "invalid", "duplicate", "out_of_scope"}, err: ErrUnknownRejectReason}

// IsValid reports whether v is a defined reject reason.
func (v RejectReason) IsValid() bool { return rejectReasonNames.valid(uint8(v)) }

// String returns the wire name, or "RejectReason(N)" for an undefined value.
func (v RejectReason) String() string { return rejectReasonNames.str(uint8(v)) }

// ParseRejectReason parses a wire name; unknown text matches ErrUnknownRejectReason.
func ParseRejectReason(s string) (RejectReason, error) {
	v, err := rejectReasonNames.parse(s)
	return RejectReason(v), err
}

// AppendText appends the wire name to b; an undefined value is an error.
func (v RejectReason) AppendText(b []byte) ([]byte, error) {
	return rejectReasonNames.appendText(b, uint8(v))
}

// MarshalText writes the wire name; an undefined value is an error.
func (v RejectReason) MarshalText() ([]byte, error) {
	return rejectReasonNames.appendText(nil, uint8(v))
}

// UnmarshalText parses the wire name; on error *v is unchanged.
func (v *RejectReason) UnmarshalText(b []byte) error {
	p, err := ParseRejectReason(string(b))
	if err == nil {
		*v = p
	}
	return err
}

// Level is a step of escalation of an overdue matter; levels only go up for a
// given deadline. The zero value is invalid and prints "Level(0)".
type Level uint8

// The escalation level values.
const (
	// LevelReminder means a reminder before the deadline.
	LevelReminder Level = iota + 1
	// LevelUrge means an urging notice after the deadline.
	LevelUrge
	// LevelReport means a report of criticism when the matter stays overdue.
	LevelReport
)

var levelNames = names{typ: "Level", list: []string{"", "reminder", "urge", "report"}, err: ErrUnknownLevel}

// IsValid reports whether v is a defined escalation level.
func (v Level) IsValid() bool { return levelNames.valid(uint8(v)) }

// String returns the wire name, or "Level(N)" for an undefined value.
func (v Level) String() string { return levelNames.str(uint8(v)) }

// ParseLevel parses a wire name; unknown text matches ErrUnknownLevel.
func ParseLevel(s string) (Level, error) {
	v, err := levelNames.parse(s)
	return Level(v), err
}

// AppendText appends the wire name to b; an undefined value is an error.
func (v Level) AppendText(b []byte) ([]byte, error) { return levelNames.appendText(b, uint8(v)) }

// MarshalText writes the wire name; an undefined value is an error.
func (v Level) MarshalText() ([]byte, error) { return levelNames.appendText(nil, uint8(v)) }

// UnmarshalText parses the wire name; on error *v is unchanged.
func (v *Level) UnmarshalText(b []byte) error {
	p, err := ParseLevel(string(b))
	if err == nil {
		*v = p
	}
	return err
}

// Op is the kind of a command. The zero value is invalid.
type Op uint8

// The command kinds.
const (
	// OpReport opens an incident.
	OpReport Op = iota + 1
	// OpAccept files a reported matter.
	OpAccept
	// OpReject declines a matter.
	OpReject
	// OpDispatch assigns platform and unit.
	OpDispatch
	// OpReturn sends a misrouted matter back.
	OpReturn
	// OpStart begins handling.
	OpStart
	// OpResolve reports the matter handled.
	OpResolve
	// OpClose closes after verification.
	OpClose
	// OpReopen reopens a closed matter.
	OpReopen
	// OpEscalate reminds, urges or reports.
	OpEscalate
	// OpExtend extends the handling deadline.
	OpExtend
	// OpRate rates a closed matter.
	OpRate
)

var opNames = names{typ: "Op", list: []string{"", "report", "accept", "reject", "dispatch", "return", "start", "resolve", "close", "reopen", "escalate", "extend", "rate"}, err: ErrUnknownOp}

// Ops returns every command kind in value order.
func Ops() []Op {
	out := make([]Op, 0, len(opNames.list)-1)
	for i := 1; i < len(opNames.list); i++ {
		out = append(out, Op(i))
	}
	return out
}

// IsValid reports whether v is a defined command kind.
func (v Op) IsValid() bool { return opNames.valid(uint8(v)) }

// String returns the wire name, or "Op(N)" for an undefined value.
func (v Op) String() string { return opNames.str(uint8(v)) }

// ParseOp parses a wire name; unknown text matches ErrUnknownOp.
func ParseOp(s string) (Op, error) {
	v, err := opNames.parse(s)
	return Op(v), err
}

// AppendText appends the wire name to b; an undefined value is an error.
func (v Op) AppendText(b []byte) ([]byte, error) { return opNames.appendText(b, uint8(v)) }

// MarshalText writes the wire name; an undefined value is an error.
func (v Op) MarshalText() ([]byte, error) { return opNames.appendText(nil, uint8(v)) }

// UnmarshalText parses the wire name; on error *v is unchanged.
func (v *Op) UnmarshalText(b []byte) error {
	p, err := ParseOp(string(b))
	if err == nil {
		*v = p
	}
	return err
}
