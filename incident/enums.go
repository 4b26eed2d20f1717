package incident

import "github.com/grassrootsgov/grassroots/internal/enum"

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
	// StatusClosed means the resolution was verified and the matter closed; only a
	// reopening or a redo ordered by a rating leaves it.
	StatusClosed
	// StatusReopened means a closed matter was reopened and awaits dispatch.
	StatusReopened
)

var statusNames = enum.New[Status]("incident.Status",
	"reported", "accepted", "rejected", "dispatched", "returned", "in_progress", "resolved",
	"closed", "reopened",
)

// IsValid reports whether v is one of the Status values.
func (v Status) IsValid() bool { return statusNames.Valid(v) }

// String returns the wire name of v, or "Status(N)" for an invalid value.
func (v Status) String() string { return statusNames.String(v) }

// AppendText appends the wire name of v to b; an invalid value is an error.
func (v Status) AppendText(b []byte) ([]byte, error) { return statusNames.Append(b, v) }

// MarshalText returns the wire name of v; an invalid value is an error.
func (v Status) MarshalText() ([]byte, error) { return statusNames.Marshal(v) }

// UnmarshalText sets *v to the value named by b; on error *v is unchanged.
func (v *Status) UnmarshalText(b []byte) error { return statusNames.Unmarshal(v, b) }

// ParseStatus returns the Status named s; an unknown name is a *grassroots.UnknownNameError.
func ParseStatus(s string) (Status, error) { return statusNames.Parse(s) }

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

var platformNames = enum.New[Platform]("incident.Platform",
	"comprehensive_governance", "law_enforcement", "market_supervision", "public_services",
)

// IsValid reports whether v is one of the Platform values.
func (v Platform) IsValid() bool { return platformNames.Valid(v) }

// String returns the wire name of v, or "Platform(N)" for an invalid value.
func (v Platform) String() string { return platformNames.String(v) }

// AppendText appends the wire name of v to b; an invalid value is an error.
func (v Platform) AppendText(b []byte) ([]byte, error) { return platformNames.Append(b, v) }

// MarshalText returns the wire name of v; an invalid value is an error.
func (v Platform) MarshalText() ([]byte, error) { return platformNames.Marshal(v) }

// UnmarshalText sets *v to the value named by b; on error *v is unchanged.
func (v *Platform) UnmarshalText(b []byte) error { return platformNames.Unmarshal(v, b) }

// ParsePlatform returns the Platform named s; an unknown name is a *grassroots.UnknownNameError.
func ParsePlatform(s string) (Platform, error) { return platformNames.Parse(s) }

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

var channelNames = enum.New[Channel]("incident.Channel",
	"app", "hotline", "patrol", "sensor", "provider",
)

// IsValid reports whether v is one of the Channel values.
func (v Channel) IsValid() bool { return channelNames.Valid(v) }

// String returns the wire name of v, or "Channel(N)" for an invalid value.
func (v Channel) String() string { return channelNames.String(v) }

// AppendText appends the wire name of v to b; an invalid value is an error.
func (v Channel) AppendText(b []byte) ([]byte, error) { return channelNames.Append(b, v) }

// MarshalText returns the wire name of v; an invalid value is an error.
func (v Channel) MarshalText() ([]byte, error) { return channelNames.Marshal(v) }

// UnmarshalText sets *v to the value named by b; on error *v is unchanged.
func (v *Channel) UnmarshalText(b []byte) error { return channelNames.Unmarshal(v, b) }

// ParseChannel returns the Channel named s; an unknown name is a *grassroots.UnknownNameError.
func ParseChannel(s string) (Channel, error) { return channelNames.Parse(s) }

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

var priorityNames = enum.New[Priority]("incident.Priority", "low", "normal", "high", "urgent")

// IsValid reports whether v is one of the Priority values.
func (v Priority) IsValid() bool { return priorityNames.Valid(v) }

// String returns the wire name of v, or "Priority(N)" for an invalid value.
func (v Priority) String() string { return priorityNames.String(v) }

// AppendText appends the wire name of v to b; an invalid value is an error.
func (v Priority) AppendText(b []byte) ([]byte, error) { return priorityNames.Append(b, v) }

// MarshalText returns the wire name of v; an invalid value is an error.
func (v Priority) MarshalText() ([]byte, error) { return priorityNames.Marshal(v) }

// UnmarshalText sets *v to the value named by b; on error *v is unchanged.
func (v *Priority) UnmarshalText(b []byte) error { return priorityNames.Unmarshal(v, b) }

// ParsePriority returns the Priority named s; an unknown name is a *grassroots.UnknownNameError.
func ParsePriority(s string) (Priority, error) { return priorityNames.Parse(s) }

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

var gradeNames = enum.New[Grade]("incident.Grade",
	"very_satisfied", "satisfied", "neutral", "dissatisfied", "very_dissatisfied",
)

// IsValid reports whether v is one of the Grade values.
func (v Grade) IsValid() bool { return gradeNames.Valid(v) }

// String returns the wire name of v, or "Grade(N)" for an invalid value.
func (v Grade) String() string { return gradeNames.String(v) }

// AppendText appends the wire name of v to b; an invalid value is an error.
func (v Grade) AppendText(b []byte) ([]byte, error) { return gradeNames.Append(b, v) }

// MarshalText returns the wire name of v; an invalid value is an error.
func (v Grade) MarshalText() ([]byte, error) { return gradeNames.Marshal(v) }

// UnmarshalText sets *v to the value named by b; on error *v is unchanged.
func (v *Grade) UnmarshalText(b []byte) error { return gradeNames.Unmarshal(v, b) }

// ParseGrade returns the Grade named s; an unknown name is a *grassroots.UnknownNameError.
func ParseGrade(s string) (Grade, error) { return gradeNames.Parse(s) }

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

var rejectReasonNames = enum.New[RejectReason]("incident.RejectReason",
	"invalid", "duplicate", "out_of_scope",
)

// IsValid reports whether v is one of the RejectReason values.
func (v RejectReason) IsValid() bool { return rejectReasonNames.Valid(v) }

// String returns the wire name of v, or "RejectReason(N)" for an invalid value.
func (v RejectReason) String() string { return rejectReasonNames.String(v) }

// AppendText appends the wire name of v to b; an invalid value is an error.
func (v RejectReason) AppendText(b []byte) ([]byte, error) { return rejectReasonNames.Append(b, v) }

// MarshalText returns the wire name of v; an invalid value is an error.
func (v RejectReason) MarshalText() ([]byte, error) { return rejectReasonNames.Marshal(v) }

// UnmarshalText sets *v to the value named by b; on error *v is unchanged.
func (v *RejectReason) UnmarshalText(b []byte) error { return rejectReasonNames.Unmarshal(v, b) }

// ParseRejectReason returns the RejectReason named s; an unknown name is a *grassroots.UnknownNameError.
func ParseRejectReason(s string) (RejectReason, error) { return rejectReasonNames.Parse(s) }

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

var levelNames = enum.New[Level]("incident.Level", "reminder", "urge", "report")

// IsValid reports whether v is one of the Level values.
func (v Level) IsValid() bool { return levelNames.Valid(v) }

// String returns the wire name of v, or "Level(N)" for an invalid value.
func (v Level) String() string { return levelNames.String(v) }

// AppendText appends the wire name of v to b; an invalid value is an error.
func (v Level) AppendText(b []byte) ([]byte, error) { return levelNames.Append(b, v) }

// MarshalText returns the wire name of v; an invalid value is an error.
func (v Level) MarshalText() ([]byte, error) { return levelNames.Marshal(v) }

// UnmarshalText sets *v to the value named by b; on error *v is unchanged.
func (v *Level) UnmarshalText(b []byte) error { return levelNames.Unmarshal(v, b) }

// ParseLevel returns the Level named s; an unknown name is a *grassroots.UnknownNameError.
func ParseLevel(s string) (Level, error) { return levelNames.Parse(s) }

// Op is the kind of a command; its wire name is the command's name in the
// transition table (Command.CommandName). The zero value is invalid.
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
	// OpLocate sets or corrects the matter's location.
	OpLocate
)

var opNames = enum.New[Op]("incident.Op",
	"report", "accept", "reject", "dispatch", "return", "start", "resolve", "close", "reopen",
	"escalate", "extend", "rate", "locate",
)

// IsValid reports whether v is one of the Op values.
func (v Op) IsValid() bool { return opNames.Valid(v) }

// String returns the wire name of v, or "Op(N)" for an invalid value.
func (v Op) String() string { return opNames.String(v) }

// AppendText appends the wire name of v to b; an invalid value is an error.
func (v Op) AppendText(b []byte) ([]byte, error) { return opNames.Append(b, v) }

// MarshalText returns the wire name of v; an invalid value is an error.
func (v Op) MarshalText() ([]byte, error) { return opNames.Marshal(v) }

// UnmarshalText sets *v to the value named by b; on error *v is unchanged.
func (v *Op) UnmarshalText(b []byte) error { return opNames.Unmarshal(v, b) }

// ParseOp returns the Op named s; an unknown name is a *grassroots.UnknownNameError.
func ParseOp(s string) (Op, error) { return opNames.Parse(s) }

// Ops returns every command kind in value order.
func Ops() []Op { return opNames.Values() }
