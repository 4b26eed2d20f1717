package risk

import "github.com/grassrootsgov/grassroots/internal/enum"

// Stage is where a risk stands in the five-stage chain. The zero value is
// "not yet identified": the state before the first event.
type Stage uint8

// The stages, in chain order.
const (
	// StageIdentified: the risk is recorded but not yet rated.
	StageIdentified Stage = iota + 1
	// StageAssessed: likelihood, impact and level are rated.
	StageAssessed
	// StageAlerted: an alert level has been issued.
	StageAlerted
	// StageUnderManagement: a contingency plan is active.
	StageUnderManagement
	// StageRemediated: impact is assessed and accountability recorded.
	StageRemediated
	// StageClosed: the risk is closed with a reason.
	StageClosed
)

var stageNames = enum.New[Stage]("risk.Stage",
	"identified", "assessed", "alerted", "under_management", "remediated", "closed",
)

// IsValid reports whether s is one of the Stage values.
func (s Stage) IsValid() bool { return stageNames.Valid(s) }

// String returns the wire name of s, or "Stage(N)" for an invalid value.
func (s Stage) String() string { return stageNames.String(s) }

// AppendText appends the wire name of s to b; an invalid value is an error.
func (s Stage) AppendText(b []byte) ([]byte, error) { return stageNames.Append(b, s) }

// MarshalText returns the wire name of s; an invalid value is an error.
func (s Stage) MarshalText() ([]byte, error) { return stageNames.Marshal(s) }

// UnmarshalText sets *s to the value named by b; on error *s is unchanged.
func (s *Stage) UnmarshalText(b []byte) error { return stageNames.Unmarshal(s, b) }

// ParseStage returns the Stage named s; an unknown name is a *grassroots.UnknownNameError.
func ParseStage(s string) (Stage, error) { return stageNames.Parse(s) }

// Stages returns every stage in chain order.
func Stages() []Stage { return stageNames.Values() }

// SubjectKind is the kind of thing a risk is about. Subjects are named by
// kind and code so this package needs none of the packages that own them.
type SubjectKind uint8

// The subject kinds.
const (
	SubjectGrid SubjectKind = iota + 1
	SubjectProvider
	SubjectContract
	SubjectSystem
	SubjectPlatform
)

var subjectKindNames = enum.New[SubjectKind]("risk.SubjectKind",
	"grid", "provider", "contract", "system", "platform",
)

// IsValid reports whether k is one of the SubjectKind values.
func (k SubjectKind) IsValid() bool { return subjectKindNames.Valid(k) }

// String returns the wire name of k, or "SubjectKind(N)" for an invalid value.
func (k SubjectKind) String() string { return subjectKindNames.String(k) }

// AppendText appends the wire name of k to b; an invalid value is an error.
func (k SubjectKind) AppendText(b []byte) ([]byte, error) { return subjectKindNames.Append(b, k) }

// MarshalText returns the wire name of k; an invalid value is an error.
func (k SubjectKind) MarshalText() ([]byte, error) { return subjectKindNames.Marshal(k) }

// UnmarshalText sets *k to the value named by b; on error *k is unchanged.
func (k *SubjectKind) UnmarshalText(b []byte) error { return subjectKindNames.Unmarshal(k, b) }

// ParseSubjectKind returns the SubjectKind named s; an unknown name is a *grassroots.UnknownNameError.
func ParseSubjectKind(s string) (SubjectKind, error) { return subjectKindNames.Parse(s) }

// Source is how a risk came to be known.
type Source uint8

// The sources.
const (
	SourceRuleHit Source = iota + 1
	SourceManualReport
	SourceAudit
	SourceResidentComplaint
)

var sourceNames = enum.New[Source]("risk.Source",
	"rule_hit", "manual_report", "audit", "resident_complaint",
)

// IsValid reports whether s is one of the Source values.
func (s Source) IsValid() bool { return sourceNames.Valid(s) }

// String returns the wire name of s, or "Source(N)" for an invalid value.
func (s Source) String() string { return sourceNames.String(s) }

// AppendText appends the wire name of s to b; an invalid value is an error.
func (s Source) AppendText(b []byte) ([]byte, error) { return sourceNames.Append(b, s) }

// MarshalText returns the wire name of s; an invalid value is an error.
func (s Source) MarshalText() ([]byte, error) { return sourceNames.Marshal(s) }

// UnmarshalText sets *s to the value named by b; on error *s is unchanged.
func (s *Source) UnmarshalText(b []byte) error { return sourceNames.Unmarshal(s, b) }

// ParseSource returns the Source named s; an unknown name is a *grassroots.UnknownNameError.
func ParseSource(s string) (Source, error) { return sourceNames.Parse(s) }

// CloseReason says why a risk was closed.
type CloseReason uint8

// The close reasons. Close takes every reason except CloseFalsePositive and
// needs the risk remediated; Dismiss closes a false positive from any open
// stage.
const (
	// CloseMitigated: treatment brought the risk within appetite.
	CloseMitigated CloseReason = iota + 1
	// CloseAccepted: the risk is retained under an acceptance in effect.
	CloseAccepted
	// CloseTransferred: the risk is shared away (contract, insurance).
	CloseTransferred
	// CloseFalsePositive: the risk never existed. It is the reason of a
	// risk dismissed (see Dismiss), from any open stage; Close does not
	// take it.
	CloseFalsePositive
	// CloseRetired: the subject no longer exists.
	CloseRetired
	// CloseCancelled: the record was opened in error after work began.
	CloseCancelled
)

var closeReasonNames = enum.New[CloseReason]("risk.CloseReason",
	"mitigated", "accepted", "transferred", "false_positive", "retired", "cancelled",
)

// IsValid reports whether r is one of the CloseReason values.
func (r CloseReason) IsValid() bool { return closeReasonNames.Valid(r) }

// String returns the wire name of r, or "CloseReason(N)" for an invalid value.
func (r CloseReason) String() string { return closeReasonNames.String(r) }

// AppendText appends the wire name of r to b; an invalid value is an error.
func (r CloseReason) AppendText(b []byte) ([]byte, error) { return closeReasonNames.Append(b, r) }

// MarshalText returns the wire name of r; an invalid value is an error.
func (r CloseReason) MarshalText() ([]byte, error) { return closeReasonNames.Marshal(r) }

// UnmarshalText sets *r to the value named by b; on error *r is unchanged.
func (r *CloseReason) UnmarshalText(b []byte) error { return closeReasonNames.Unmarshal(r, b) }

// ParseCloseReason returns the CloseReason named s; an unknown name is a *grassroots.UnknownNameError.
func ParseCloseReason(s string) (CloseReason, error) { return closeReasonNames.Parse(s) }

// Level is an assessed risk level on the five-level qualitative scale of
// NIST SP 800-30 Rev. 1 (Appendix I). Matrices with fewer bands use a
// subset. Levels compare with < and >: VeryLow < Low < … < VeryHigh.
type Level uint8

// The levels, lowest first.
const (
	VeryLow Level = iota + 1
	Low
	Moderate
	High
	VeryHigh
)

var levelNames = enum.New[Level]("risk.Level", "very_low", "low", "moderate", "high", "very_high")

// IsValid reports whether l is one of the Level values.
func (l Level) IsValid() bool { return levelNames.Valid(l) }

// String returns the wire name of l, or "Level(N)" for an invalid value.
func (l Level) String() string { return levelNames.String(l) }

// AppendText appends the wire name of l to b; an invalid value is an error.
func (l Level) AppendText(b []byte) ([]byte, error) { return levelNames.Append(b, l) }

// MarshalText returns the wire name of l; an invalid value is an error.
func (l Level) MarshalText() ([]byte, error) { return levelNames.Marshal(l) }

// UnmarshalText sets *l to the value named by b; on error *l is unchanged.
func (l *Level) UnmarshalText(b []byte) error { return levelNames.Unmarshal(l, b) }

// ParseLevel returns the Level named s; an unknown name is a *grassroots.UnknownNameError.
func ParseLevel(s string) (Level, error) { return levelNames.Parse(s) }

// Levels returns every level, lowest first.
func Levels() []Level { return levelNames.Values() }

// EventGrade grades an emergency that has happened: especially serious,
// serious, less serious, common (Emergency Response Law of the PRC, as
// revised in 2024, Art. 3). It is a different scale from AlertLevel, which
// warns of what may happen (the same law, Chapter IV), so the two are
// separate types and never convert.
type EventGrade uint8

// The grades, most serious first.
const (
	GradeEspeciallySerious EventGrade = iota + 1
	GradeSerious
	GradeLessSerious
	GradeCommon
)

var eventGradeNames = enum.New[EventGrade]("risk.EventGrade",
	"especially_serious", "serious", "less_serious", "common",
)

// IsValid reports whether g is one of the EventGrade values.
func (g EventGrade) IsValid() bool { return eventGradeNames.Valid(g) }

// String returns the wire name of g, or "EventGrade(N)" for an invalid value.
func (g EventGrade) String() string { return eventGradeNames.String(g) }

// AppendText appends the wire name of g to b; an invalid value is an error.
func (g EventGrade) AppendText(b []byte) ([]byte, error) { return eventGradeNames.Append(b, g) }

// MarshalText returns the wire name of g; an invalid value is an error.
func (g EventGrade) MarshalText() ([]byte, error) { return eventGradeNames.Marshal(g) }

// UnmarshalText sets *g to the value named by b; on error *g is unchanged.
func (g *EventGrade) UnmarshalText(b []byte) error { return eventGradeNames.Unmarshal(g, b) }

// ParseEventGrade returns the EventGrade named s; an unknown name is a *grassroots.UnknownNameError.
func ParseEventGrade(s string) (EventGrade, error) { return eventGradeNames.Parse(s) }

// Treatment is the effective treatment of a risk at a moment: what
// EffectiveTreatment derives from the recorded events.
type Treatment uint8

// The treatments.
const (
	// TreatmentOpen: the risk needs handling; no acceptance is in effect.
	TreatmentOpen Treatment = iota + 1
	// TreatmentAccepted: an acceptance is in effect (given, not revoked,
	// not expired).
	TreatmentAccepted
	// TreatmentClosed: the risk is closed.
	TreatmentClosed
)

var treatmentNames = enum.New[Treatment]("risk.Treatment", "open", "accepted", "closed")

// IsValid reports whether t is one of the Treatment values.
func (t Treatment) IsValid() bool { return treatmentNames.Valid(t) }

// String returns the wire name of t, or "Treatment(N)" for an invalid value.
func (t Treatment) String() string { return treatmentNames.String(t) }

// AppendText appends the wire name of t to b; an invalid value is an error.
func (t Treatment) AppendText(b []byte) ([]byte, error) { return treatmentNames.Append(b, t) }

// MarshalText returns the wire name of t; an invalid value is an error.
func (t Treatment) MarshalText() ([]byte, error) { return treatmentNames.Marshal(t) }

// UnmarshalText sets *t to the value named by b; on error *t is unchanged.
func (t *Treatment) UnmarshalText(b []byte) error { return treatmentNames.Unmarshal(t, b) }

// ParseTreatment returns the Treatment named s; an unknown name is a *grassroots.UnknownNameError.
func ParseTreatment(s string) (Treatment, error) { return treatmentNames.Parse(s) }

// EscalationKind says what an escalation is about.
type EscalationKind uint8

// The escalation kinds.
const (
	// EscalationStep: a plan step passed its deadline uncompleted.
	EscalationStep EscalationKind = iota + 1
	// EscalationReview: the scheduled review date passed.
	EscalationReview
	// EscalationAcceptance: an acceptance expired, so the risk is open
	// again and needs a new decision.
	EscalationAcceptance
)

var escalationKindNames = enum.New[EscalationKind]("risk.EscalationKind",
	"step", "review", "acceptance",
)

// IsValid reports whether k is one of the EscalationKind values.
func (k EscalationKind) IsValid() bool { return escalationKindNames.Valid(k) }

// String returns the wire name of k, or "EscalationKind(N)" for an invalid value.
func (k EscalationKind) String() string { return escalationKindNames.String(k) }

// AppendText appends the wire name of k to b; an invalid value is an error.
func (k EscalationKind) AppendText(b []byte) ([]byte, error) { return escalationKindNames.Append(b, k) }

// MarshalText returns the wire name of k; an invalid value is an error.
func (k EscalationKind) MarshalText() ([]byte, error) { return escalationKindNames.Marshal(k) }

// UnmarshalText sets *k to the value named by b; on error *k is unchanged.
func (k *EscalationKind) UnmarshalText(b []byte) error { return escalationKindNames.Unmarshal(k, b) }

// ParseEscalationKind returns the EscalationKind named s; an unknown name is a *grassroots.UnknownNameError.
func ParseEscalationKind(s string) (EscalationKind, error) { return escalationKindNames.Parse(s) }
