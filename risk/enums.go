package risk

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

var stageNames = []string{"", "identified", "assessed", "alerted", "under_management", "remediated", "closed"}

// Stages returns every stage in chain order.
func Stages() []Stage {
	return []Stage{StageIdentified, StageAssessed, StageAlerted, StageUnderManagement, StageRemediated, StageClosed}
}

// String returns the wire name, or "Stage(N)".
func (s Stage) String() string { return enumName(stageNames, "Stage", uint8(s)) }

// IsValid reports whether s is a defined stage.
func (s Stage) IsValid() bool { return s >= StageIdentified && s <= StageClosed }

// MarshalText writes the wire name; the zero value is an error.
func (s Stage) MarshalText() ([]byte, error) { return enumMarshal(stageNames, "stage", uint8(s)) }

// UnmarshalText reads a wire name; unknown names match ErrUnknownName.
func (s *Stage) UnmarshalText(b []byte) error {
	v, err := ParseStage(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseStage parses a wire name such as "under_management".
func ParseStage(text string) (Stage, error) {
	v, err := enumParse(stageNames, "stage", text)
	return Stage(v), err
}

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

var subjectKindNames = []string{"", "grid", "provider", "contract", "system", "platform"}

// String returns the wire name, or "SubjectKind(N)".
func (k SubjectKind) String() string { return enumName(subjectKindNames, "SubjectKind", uint8(k)) }

// IsValid reports whether k is a defined subject kind.
func (k SubjectKind) IsValid() bool { return k >= SubjectGrid && k <= SubjectPlatform }

// MarshalText writes the wire name; the zero value is an error.
func (k SubjectKind) MarshalText() ([]byte, error) {
	return enumMarshal(subjectKindNames, "subject kind", uint8(k))
}

// UnmarshalText reads a wire name; unknown names match ErrUnknownName.
func (k *SubjectKind) UnmarshalText(b []byte) error {
	v, err := ParseSubjectKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseSubjectKind parses a wire name such as "provider".
func ParseSubjectKind(text string) (SubjectKind, error) {
	v, err := enumParse(subjectKindNames, "subject kind", text)
	return SubjectKind(v), err
}

// Source is how a risk came to be known.
type Source uint8

// The sources.
const (
	SourceRuleHit Source = iota + 1
	SourceManualReport
	SourceAudit
	SourceResidentComplaint
)

var sourceNames = []string{"", "rule_hit", "manual_report", "audit", "resident_complaint"}

// String returns the wire name, or "Source(N)".
func (s Source) String() string { return enumName(sourceNames, "Source", uint8(s)) }

// IsValid reports whether s is a defined source.
func (s Source) IsValid() bool { return s >= SourceRuleHit && s <= SourceResidentComplaint }

// MarshalText writes the wire name; the zero value is an error.
func (s Source) MarshalText() ([]byte, error) { return enumMarshal(sourceNames, "source", uint8(s)) }

// UnmarshalText reads a wire name; unknown names match ErrUnknownName.
func (s *Source) UnmarshalText(b []byte) error {
	v, err := ParseSource(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// ParseSource parses a wire name such as "resident_complaint".
func ParseSource(text string) (Source, error) {
	v, err := enumParse(sourceNames, "source", text)
	return Source(v), err
}

// CloseReason says why a risk was closed.
type CloseReason uint8

// The close reasons. Every reason except CloseFalsePositive needs the risk
// to be remediated first.
const (
	// CloseMitigated: treatment brought the risk within appetite.
	CloseMitigated CloseReason = iota + 1
	// CloseAccepted: the risk is retained under an acceptance in effect.
	CloseAccepted
	// CloseTransferred: the risk is shared away (contract, insurance).
	CloseTransferred
	// CloseFalsePositive: the risk never existed; allowed in any open stage.
	CloseFalsePositive
	// CloseRetired: the subject no longer exists.
	CloseRetired
	// CloseCancelled: the record was opened in error after work began.
	CloseCancelled
)

var closeReasonNames = []string{"", "mitigated", "accepted", "transferred", "false_positive", "retired", "cancelled"}

// String returns the wire name, or "CloseReason(N)".
func (r CloseReason) String() string { return enumName(closeReasonNames, "CloseReason", uint8(r)) }

// IsValid reports whether r is a defined reason.
func (r CloseReason) IsValid() bool { return r >= CloseMitigated && r <= CloseCancelled }

// MarshalText writes the wire name; the zero value is an error.
func (r CloseReason) MarshalText() ([]byte, error) {
	return enumMarshal(closeReasonNames, "close reason", uint8(r))
}

// UnmarshalText reads a wire name; unknown names match ErrUnknownName.
func (r *CloseReason) UnmarshalText(b []byte) error {
	v, err := ParseCloseReason(string(b))
	if err == nil {
		*r = v
	}
	return err
}

// ParseCloseReason parses a wire name such as "false_positive".
func ParseCloseReason(text string) (CloseReason, error) {
	v, err := enumParse(closeReasonNames, "close reason", text)
	return CloseReason(v), err
}

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

var levelNames = []string{"", "very_low", "low", "moderate", "high", "very_high"}

// Levels returns every level, lowest first.
func Levels() []Level { return []Level{VeryLow, Low, Moderate, High, VeryHigh} }

// String returns the wire name, or "Level(N)".
func (l Level) String() string { return enumName(levelNames, "Level", uint8(l)) }

// IsValid reports whether l is a defined level.
func (l Level) IsValid() bool { return l >= VeryLow && l <= VeryHigh }

// MarshalText writes the wire name; the zero value is an error.
func (l Level) MarshalText() ([]byte, error) { return enumMarshal(levelNames, "level", uint8(l)) }

// UnmarshalText reads a wire name; unknown names match ErrUnknownName.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err == nil {
		*l = v
	}
	return err
}

// ParseLevel parses a wire name such as "very_high".
func ParseLevel(text string) (Level, error) {
	v, err := enumParse(levelNames, "level", text)
	return Level(v), err
}

// EventGrade grades an emergency that has happened: especially serious,
// serious, less serious, common. It is a different scale from AlertLevel,
// which warns of what may happen (Emergency Response Law of the PRC, 2007,
// Art. 3 and Art. 42), so the two are separate types and never convert.
type EventGrade uint8

// The grades, most serious first.
const (
	GradeEspeciallySerious EventGrade = iota + 1
	GradeSerious
	GradeLessSerious
	GradeCommon
)

var eventGradeNames = []string{"", "especially_serious", "serious", "less_serious", "common"}

// String returns the wire name, or "EventGrade(N)".
func (g EventGrade) String() string { return enumName(eventGradeNames, "EventGrade", uint8(g)) }

// IsValid reports whether g is a defined grade.
func (g EventGrade) IsValid() bool { return g >= GradeEspeciallySerious && g <= GradeCommon }

// MarshalText writes the wire name; the zero value is an error.
func (g EventGrade) MarshalText() ([]byte, error) {
	return enumMarshal(eventGradeNames, "event grade", uint8(g))
}

// UnmarshalText reads a wire name; unknown names match ErrUnknownName.
func (g *EventGrade) UnmarshalText(b []byte) error {
	v, err := ParseEventGrade(string(b))
	if err == nil {
		*g = v
	}
	return err
}

// ParseEventGrade parses a wire name such as "less_serious".
func ParseEventGrade(text string) (EventGrade, error) {
	v, err := enumParse(eventGradeNames, "event grade", text)
	return EventGrade(v), err
}

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

var treatmentNames = []string{"", "open", "accepted", "closed"}

// String returns the wire name, or "Treatment(N)".
func (t Treatment) String() string { return enumName(treatmentNames, "Treatment", uint8(t)) }

// IsValid reports whether t is a defined treatment.
func (t Treatment) IsValid() bool { return t >= TreatmentOpen && t <= TreatmentClosed }

// MarshalText writes the wire name; the zero value is an error.
func (t Treatment) MarshalText() ([]byte, error) {
	return enumMarshal(treatmentNames, "treatment", uint8(t))
}

// UnmarshalText reads a wire name; unknown names match ErrUnknownName.
func (t *Treatment) UnmarshalText(b []byte) error {
	v, err := ParseTreatment(string(b))
	if err == nil {
		*t = v
	}
	return err
}

// ParseTreatment parses a wire name; unknown names match ErrUnknownName.
func ParseTreatment(text string) (Treatment, error) {
	v, err := enumParse(treatmentNames, "treatment", text)
	return Treatment(v), err
}

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

var escalationKindNames = []string{"", "step", "review", "acceptance"}

// String returns the wire name, or "EscalationKind(N)".
func (k EscalationKind) String() string {
	return enumName(escalationKindNames, "EscalationKind", uint8(k))
}

// IsValid reports whether k is a defined kind.
func (k EscalationKind) IsValid() bool { return k >= EscalationStep && k <= EscalationAcceptance }

// MarshalText writes the wire name; the zero value is an error.
func (k EscalationKind) MarshalText() ([]byte, error) {
	return enumMarshal(escalationKindNames, "escalation kind", uint8(k))
}

// UnmarshalText reads a wire name; unknown names match ErrUnknownName.
func (k *EscalationKind) UnmarshalText(b []byte) error {
	v, err := ParseEscalationKind(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// ParseEscalationKind parses a wire name; unknown names match ErrUnknownName.
func ParseEscalationKind(text string) (EscalationKind, error) {
	v, err := enumParse(escalationKindNames, "escalation kind", text)
	return EscalationKind(v), err
}
