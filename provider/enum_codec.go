package provider

// Text codec methods of the package's enums; each delegates to enum.go.

// IsValid reports whether s is one of the defined status values.
func (s Status) IsValid() bool { return enumValid(statusNames[:], s) }

// String returns the wire name of s, or "Status(N)" for an undefined value.
func (s Status) String() string { return enumString(statusNames[:], "Status", s) }

// ParseStatus parses a wire name; an unknown name is an *UnknownNameError.
func ParseStatus(s string) (Status, error) { return enumParse[Status](statusNames[:], "Status", s) }

// AppendText appends the wire name of s to b; an undefined value is an error.
func (s Status) AppendText(b []byte) ([]byte, error) {
	return enumAppend(statusNames[:], "Status", b, s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Status) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (s *Status) UnmarshalText(b []byte) error { return enumUnmarshal(statusNames[:], "Status", s, b) }

// IsValid reports whether l is one of the defined legal form values.
func (l LegalForm) IsValid() bool { return enumValid(legalFormNames[:], l) }

// String returns the wire name of l, or "LegalForm(N)" for an undefined value.
func (l LegalForm) String() string { return enumString(legalFormNames[:], "LegalForm", l) }

// ParseLegalForm parses a wire name; an unknown name is an *UnknownNameError.
func ParseLegalForm(s string) (LegalForm, error) {
	return enumParse[LegalForm](legalFormNames[:], "LegalForm", s)
}

// AppendText appends the wire name of l to b; an undefined value is an error.
func (l LegalForm) AppendText(b []byte) ([]byte, error) {
	return enumAppend(legalFormNames[:], "LegalForm", b, l)
}

// MarshalText implements encoding.TextMarshaler.
func (l LegalForm) MarshalText() ([]byte, error) { return l.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (l *LegalForm) UnmarshalText(b []byte) error {
	return enumUnmarshal(legalFormNames[:], "LegalForm", l, b)
}

// IsValid reports whether r is one of the defined role values.
func (r Role) IsValid() bool { return enumValid(roleNames[:], r) }

// String returns the wire name of r, or "Role(N)" for an undefined value.
func (r Role) String() string { return enumString(roleNames[:], "Role", r) }

// ParseRole parses a wire name; an unknown name is an *UnknownNameError.
func ParseRole(s string) (Role, error) { return enumParse[Role](roleNames[:], "Role", s) }

// AppendText appends the wire name of r to b; an undefined value is an error.
func (r Role) AppendText(b []byte) ([]byte, error) { return enumAppend(roleNames[:], "Role", b, r) }

// MarshalText implements encoding.TextMarshaler.
func (r Role) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (r *Role) UnmarshalText(b []byte) error { return enumUnmarshal(roleNames[:], "Role", r, b) }

// IsValid reports whether m is one of the defined participation model values.
func (m Model) IsValid() bool { return enumValid(modelNames[:], m) }

// String returns the wire name of m, or "Model(N)" for an undefined value.
func (m Model) String() string { return enumString(modelNames[:], "Model", m) }

// ParseModel parses a wire name; an unknown name is an *UnknownNameError.
func ParseModel(s string) (Model, error) { return enumParse[Model](modelNames[:], "Model", s) }

// AppendText appends the wire name of m to b; an undefined value is an error.
func (m Model) AppendText(b []byte) ([]byte, error) { return enumAppend(modelNames[:], "Model", b, m) }

// MarshalText implements encoding.TextMarshaler.
func (m Model) MarshalText() ([]byte, error) { return m.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (m *Model) UnmarshalText(b []byte) error { return enumUnmarshal(modelNames[:], "Model", m, b) }

// IsValid reports whether s is one of the defined service status values.
func (s ServiceStatus) IsValid() bool { return enumValid(serviceStatusNames[:], s) }

// String returns the wire name of s, or "ServiceStatus(N)" for an undefined value.
func (s ServiceStatus) String() string { return enumString(serviceStatusNames[:], "ServiceStatus", s) }

// ParseServiceStatus parses a wire name; an unknown name is an *UnknownNameError.
func ParseServiceStatus(s string) (ServiceStatus, error) {
	return enumParse[ServiceStatus](serviceStatusNames[:], "ServiceStatus", s)
}

// AppendText appends the wire name of s to b; an undefined value is an error.
func (s ServiceStatus) AppendText(b []byte) ([]byte, error) {
	return enumAppend(serviceStatusNames[:], "ServiceStatus", b, s)
}

// MarshalText implements encoding.TextMarshaler.
func (s ServiceStatus) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (s *ServiceStatus) UnmarshalText(b []byte) error {
	return enumUnmarshal(serviceStatusNames[:], "ServiceStatus", s, b)
}

// IsValid reports whether f is one of the defined function family values.
func (f Family) IsValid() bool { return enumValid(familyNames[:], f) }

// String returns the wire name of f, or "Family(N)" for an undefined value.
func (f Family) String() string { return enumString(familyNames[:], "Family", f) }

// ParseFamily parses a wire name; an unknown name is an *UnknownNameError.
func ParseFamily(s string) (Family, error) { return enumParse[Family](familyNames[:], "Family", s) }

// AppendText appends the wire name of f to b; an undefined value is an error.
func (f Family) AppendText(b []byte) ([]byte, error) {
	return enumAppend(familyNames[:], "Family", b, f)
}

// MarshalText implements encoding.TextMarshaler.
func (f Family) MarshalText() ([]byte, error) { return f.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (f *Family) UnmarshalText(b []byte) error { return enumUnmarshal(familyNames[:], "Family", f, b) }

// IsValid reports whether f is one of the defined function values.
func (f Function) IsValid() bool { return enumValid(functionNames[:], f) }

// String returns the wire name of f, or "Function(N)" for an undefined value.
func (f Function) String() string { return enumString(functionNames[:], "Function", f) }

// ParseFunction parses a wire name; an unknown name is an *UnknownNameError.
func ParseFunction(s string) (Function, error) {
	return enumParse[Function](functionNames[:], "Function", s)
}

// AppendText appends the wire name of f to b; an undefined value is an error.
func (f Function) AppendText(b []byte) ([]byte, error) {
	return enumAppend(functionNames[:], "Function", b, f)
}

// MarshalText implements encoding.TextMarshaler.
func (f Function) MarshalText() ([]byte, error) { return f.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (f *Function) UnmarshalText(b []byte) error {
	return enumUnmarshal(functionNames[:], "Function", f, b)
}

// IsValid reports whether s is one of the defined settlement method values.
func (s SettlementMethod) IsValid() bool { return enumValid(settlementMethodNames[:], s) }

// String returns the wire name of s, or "SettlementMethod(N)" for an undefined value.
func (s SettlementMethod) String() string {
	return enumString(settlementMethodNames[:], "SettlementMethod", s)
}

// ParseSettlementMethod parses a wire name; an unknown name is an *UnknownNameError.
func ParseSettlementMethod(s string) (SettlementMethod, error) {
	return enumParse[SettlementMethod](settlementMethodNames[:], "SettlementMethod", s)
}

// AppendText appends the wire name of s to b; an undefined value is an error.
func (s SettlementMethod) AppendText(b []byte) ([]byte, error) {
	return enumAppend(settlementMethodNames[:], "SettlementMethod", b, s)
}

// MarshalText implements encoding.TextMarshaler.
func (s SettlementMethod) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (s *SettlementMethod) UnmarshalText(b []byte) error {
	return enumUnmarshal(settlementMethodNames[:], "SettlementMethod", s, b)
}

// IsValid reports whether m is one of the defined milestone status values.
func (m MilestoneStatus) IsValid() bool { return enumValid(milestoneStatusNames[:], m) }

// String returns the wire name of m, or "MilestoneStatus(N)" for an undefined value.
func (m MilestoneStatus) String() string {
	return enumString(milestoneStatusNames[:], "MilestoneStatus", m)
}

// ParseMilestoneStatus parses a wire name; an unknown name is an *UnknownNameError.
func ParseMilestoneStatus(s string) (MilestoneStatus, error) {
	return enumParse[MilestoneStatus](milestoneStatusNames[:], "MilestoneStatus", s)
}

// AppendText appends the wire name of m to b; an undefined value is an error.
func (m MilestoneStatus) AppendText(b []byte) ([]byte, error) {
	return enumAppend(milestoneStatusNames[:], "MilestoneStatus", b, m)
}

// MarshalText implements encoding.TextMarshaler.
func (m MilestoneStatus) MarshalText() ([]byte, error) { return m.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (m *MilestoneStatus) UnmarshalText(b []byte) error {
	return enumUnmarshal(milestoneStatusNames[:], "MilestoneStatus", m, b)
}

// IsValid reports whether m is one of the defined milestone type values.
func (m MilestoneType) IsValid() bool { return enumValid(milestoneTypeNames[:], m) }

// String returns the wire name of m, or "MilestoneType(N)" for an undefined value.
func (m MilestoneType) String() string { return enumString(milestoneTypeNames[:], "MilestoneType", m) }

// ParseMilestoneType parses a wire name; an unknown name is an *UnknownNameError.
func ParseMilestoneType(s string) (MilestoneType, error) {
	return enumParse[MilestoneType](milestoneTypeNames[:], "MilestoneType", s)
}

// AppendText appends the wire name of m to b; an undefined value is an error.
func (m MilestoneType) AppendText(b []byte) ([]byte, error) {
	return enumAppend(milestoneTypeNames[:], "MilestoneType", b, m)
}

// MarshalText implements encoding.TextMarshaler.
func (m MilestoneType) MarshalText() ([]byte, error) { return m.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (m *MilestoneType) UnmarshalText(b []byte) error {
	return enumUnmarshal(milestoneTypeNames[:], "MilestoneType", m, b)
}

// IsValid reports whether c is one of the defined contract status values.
func (c ContractStatus) IsValid() bool { return enumValid(contractStatusNames[:], c) }

// String returns the wire name of c, or "ContractStatus(N)" for an undefined value.
func (c ContractStatus) String() string {
	return enumString(contractStatusNames[:], "ContractStatus", c)
}

// ParseContractStatus parses a wire name; an unknown name is an *UnknownNameError.
func ParseContractStatus(s string) (ContractStatus, error) {
	return enumParse[ContractStatus](contractStatusNames[:], "ContractStatus", s)
}

// AppendText appends the wire name of c to b; an undefined value is an error.
func (c ContractStatus) AppendText(b []byte) ([]byte, error) {
	return enumAppend(contractStatusNames[:], "ContractStatus", b, c)
}

// MarshalText implements encoding.TextMarshaler.
func (c ContractStatus) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (c *ContractStatus) UnmarshalText(b []byte) error {
	return enumUnmarshal(contractStatusNames[:], "ContractStatus", c, b)
}

// IsValid reports whether r is one of the defined RACI letter values.
func (r RACI) IsValid() bool { return enumValid(raciNames[:], r) }

// String returns the wire name of r, or "RACI(N)" for an undefined value.
func (r RACI) String() string { return enumString(raciNames[:], "RACI", r) }

// ParseRACI parses a wire name; an unknown name is an *UnknownNameError.
func ParseRACI(s string) (RACI, error) { return enumParse[RACI](raciNames[:], "RACI", s) }

// AppendText appends the wire name of r to b; an undefined value is an error.
func (r RACI) AppendText(b []byte) ([]byte, error) { return enumAppend(raciNames[:], "RACI", b, r) }

// MarshalText implements encoding.TextMarshaler.
func (r RACI) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (r *RACI) UnmarshalText(b []byte) error { return enumUnmarshal(raciNames[:], "RACI", r, b) }

// IsValid reports whether c is one of the defined comparator values.
func (c Comparator) IsValid() bool { return enumValid(comparatorNames[:], c) }

// String returns the wire name of c, or "Comparator(N)" for an undefined value.
func (c Comparator) String() string { return enumString(comparatorNames[:], "Comparator", c) }

// ParseComparator parses a wire name; an unknown name is an *UnknownNameError.
func ParseComparator(s string) (Comparator, error) {
	return enumParse[Comparator](comparatorNames[:], "Comparator", s)
}

// AppendText appends the wire name of c to b; an undefined value is an error.
func (c Comparator) AppendText(b []byte) ([]byte, error) {
	return enumAppend(comparatorNames[:], "Comparator", b, c)
}

// MarshalText implements encoding.TextMarshaler.
func (c Comparator) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (c *Comparator) UnmarshalText(b []byte) error {
	return enumUnmarshal(comparatorNames[:], "Comparator", c, b)
}

// IsValid reports whether l is one of the defined line kind values.
func (l LineKind) IsValid() bool { return enumValid(lineKindNames[:], l) }

// String returns the wire name of l, or "LineKind(N)" for an undefined value.
func (l LineKind) String() string { return enumString(lineKindNames[:], "LineKind", l) }

// ParseLineKind parses a wire name; an unknown name is an *UnknownNameError.
func ParseLineKind(s string) (LineKind, error) {
	return enumParse[LineKind](lineKindNames[:], "LineKind", s)
}

// AppendText appends the wire name of l to b; an undefined value is an error.
func (l LineKind) AppendText(b []byte) ([]byte, error) {
	return enumAppend(lineKindNames[:], "LineKind", b, l)
}

// MarshalText implements encoding.TextMarshaler.
func (l LineKind) MarshalText() ([]byte, error) { return l.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (l *LineKind) UnmarshalText(b []byte) error {
	return enumUnmarshal(lineKindNames[:], "LineKind", l, b)
}

// IsValid reports whether p is one of the defined purpose values.
func (p Purpose) IsValid() bool { return enumValid(purposeNames[:], p) }

// String returns the wire name of p, or "Purpose(N)" for an undefined value.
func (p Purpose) String() string { return enumString(purposeNames[:], "Purpose", p) }

// ParsePurpose parses a wire name; an unknown name is an *UnknownNameError.
func ParsePurpose(s string) (Purpose, error) {
	return enumParse[Purpose](purposeNames[:], "Purpose", s)
}

// AppendText appends the wire name of p to b; an undefined value is an error.
func (p Purpose) AppendText(b []byte) ([]byte, error) {
	return enumAppend(purposeNames[:], "Purpose", b, p)
}

// MarshalText implements encoding.TextMarshaler.
func (p Purpose) MarshalText() ([]byte, error) { return p.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (p *Purpose) UnmarshalText(b []byte) error {
	return enumUnmarshal(purposeNames[:], "Purpose", p, b)
}

// IsValid reports whether l is one of the defined legal basis values.
func (l LegalBasis) IsValid() bool { return enumValid(legalBasisNames[:], l) }

// String returns the wire name of l, or "LegalBasis(N)" for an undefined value.
func (l LegalBasis) String() string { return enumString(legalBasisNames[:], "LegalBasis", l) }

// ParseLegalBasis parses a wire name; an unknown name is an *UnknownNameError.
func ParseLegalBasis(s string) (LegalBasis, error) {
	return enumParse[LegalBasis](legalBasisNames[:], "LegalBasis", s)
}

// AppendText appends the wire name of l to b; an undefined value is an error.
func (l LegalBasis) AppendText(b []byte) ([]byte, error) {
	return enumAppend(legalBasisNames[:], "LegalBasis", b, l)
}

// MarshalText implements encoding.TextMarshaler.
func (l LegalBasis) MarshalText() ([]byte, error) { return l.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (l *LegalBasis) UnmarshalText(b []byte) error {
	return enumUnmarshal(legalBasisNames[:], "LegalBasis", l, b)
}

// IsValid reports whether c is one of the defined category values.
func (c Category) IsValid() bool { return enumValid(categoryNames[:], c) }

// String returns the wire name of c, or "Category(N)" for an undefined value.
func (c Category) String() string { return enumString(categoryNames[:], "Category", c) }

// ParseCategory parses a wire name; an unknown name is an *UnknownNameError.
func ParseCategory(s string) (Category, error) {
	return enumParse[Category](categoryNames[:], "Category", s)
}

// AppendText appends the wire name of c to b; an undefined value is an error.
func (c Category) AppendText(b []byte) ([]byte, error) {
	return enumAppend(categoryNames[:], "Category", b, c)
}

// MarshalText implements encoding.TextMarshaler.
func (c Category) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (c *Category) UnmarshalText(b []byte) error {
	return enumUnmarshal(categoryNames[:], "Category", c, b)
}

// IsValid reports whether a is one of the defined action values.
func (a Action) IsValid() bool { return enumValid(actionNames[:], a) }

// String returns the wire name of a, or "Action(N)" for an undefined value.
func (a Action) String() string { return enumString(actionNames[:], "Action", a) }

// ParseAction parses a wire name; an unknown name is an *UnknownNameError.
func ParseAction(s string) (Action, error) { return enumParse[Action](actionNames[:], "Action", s) }

// AppendText appends the wire name of a to b; an undefined value is an error.
func (a Action) AppendText(b []byte) ([]byte, error) {
	return enumAppend(actionNames[:], "Action", b, a)
}

// MarshalText implements encoding.TextMarshaler.
func (a Action) MarshalText() ([]byte, error) { return a.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (a *Action) UnmarshalText(b []byte) error { return enumUnmarshal(actionNames[:], "Action", a, b) }

// IsValid reports whether d is one of the defined de-identification level values.
func (d DeIdentification) IsValid() bool { return enumValid(deIdentificationNames[:], d) }

// String returns the wire name of d, or "DeIdentification(N)" for an undefined value.
func (d DeIdentification) String() string {
	return enumString(deIdentificationNames[:], "DeIdentification", d)
}

// ParseDeIdentification parses a wire name; an unknown name is an *UnknownNameError.
func ParseDeIdentification(s string) (DeIdentification, error) {
	return enumParse[DeIdentification](deIdentificationNames[:], "DeIdentification", s)
}

// AppendText appends the wire name of d to b; an undefined value is an error.
func (d DeIdentification) AppendText(b []byte) ([]byte, error) {
	return enumAppend(deIdentificationNames[:], "DeIdentification", b, d)
}

// MarshalText implements encoding.TextMarshaler.
func (d DeIdentification) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (d *DeIdentification) UnmarshalText(b []byte) error {
	return enumUnmarshal(deIdentificationNames[:], "DeIdentification", d, b)
}

// IsValid reports whether d is one of the defined disposition values.
func (d Disposition) IsValid() bool { return enumValid(dispositionNames[:], d) }

// String returns the wire name of d, or "Disposition(N)" for an undefined value.
func (d Disposition) String() string { return enumString(dispositionNames[:], "Disposition", d) }

// ParseDisposition parses a wire name; an unknown name is an *UnknownNameError.
func ParseDisposition(s string) (Disposition, error) {
	return enumParse[Disposition](dispositionNames[:], "Disposition", s)
}

// AppendText appends the wire name of d to b; an undefined value is an error.
func (d Disposition) AppendText(b []byte) ([]byte, error) {
	return enumAppend(dispositionNames[:], "Disposition", b, d)
}

// MarshalText implements encoding.TextMarshaler.
func (d Disposition) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (d *Disposition) UnmarshalText(b []byte) error {
	return enumUnmarshal(dispositionNames[:], "Disposition", d, b)
}

// IsValid reports whether r is one of the defined reason values.
func (r Reason) IsValid() bool { return enumValid(reasonNames[:], r) }

// String returns the wire name of r, or "Reason(N)" for an undefined value.
func (r Reason) String() string { return enumString(reasonNames[:], "Reason", r) }

// ParseReason parses a wire name; an unknown name is an *UnknownNameError.
func ParseReason(s string) (Reason, error) { return enumParse[Reason](reasonNames[:], "Reason", s) }

// AppendText appends the wire name of r to b; an undefined value is an error.
func (r Reason) AppendText(b []byte) ([]byte, error) {
	return enumAppend(reasonNames[:], "Reason", b, r)
}

// MarshalText implements encoding.TextMarshaler.
func (r Reason) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (r *Reason) UnmarshalText(b []byte) error { return enumUnmarshal(reasonNames[:], "Reason", r, b) }

// IsValid reports whether c is one of the defined conflict kind values.
func (c ConflictKind) IsValid() bool { return enumValid(conflictKindNames[:], c) }

// String returns the wire name of c, or "ConflictKind(N)" for an undefined value.
func (c ConflictKind) String() string { return enumString(conflictKindNames[:], "ConflictKind", c) }

// ParseConflictKind parses a wire name; an unknown name is an *UnknownNameError.
func ParseConflictKind(s string) (ConflictKind, error) {
	return enumParse[ConflictKind](conflictKindNames[:], "ConflictKind", s)
}

// AppendText appends the wire name of c to b; an undefined value is an error.
func (c ConflictKind) AppendText(b []byte) ([]byte, error) {
	return enumAppend(conflictKindNames[:], "ConflictKind", b, c)
}

// MarshalText implements encoding.TextMarshaler.
func (c ConflictKind) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (c *ConflictKind) UnmarshalText(b []byte) error {
	return enumUnmarshal(conflictKindNames[:], "ConflictKind", c, b)
}

// IsValid reports whether a is one of the defined ambiguity kind values.
func (a AmbiguityKind) IsValid() bool { return enumValid(ambiguityKindNames[:], a) }

// String returns the wire name of a, or "AmbiguityKind(N)" for an undefined value.
func (a AmbiguityKind) String() string { return enumString(ambiguityKindNames[:], "AmbiguityKind", a) }

// ParseAmbiguityKind parses a wire name; an unknown name is an *UnknownNameError.
func ParseAmbiguityKind(s string) (AmbiguityKind, error) {
	return enumParse[AmbiguityKind](ambiguityKindNames[:], "AmbiguityKind", s)
}

// AppendText appends the wire name of a to b; an undefined value is an error.
func (a AmbiguityKind) AppendText(b []byte) ([]byte, error) {
	return enumAppend(ambiguityKindNames[:], "AmbiguityKind", b, a)
}

// MarshalText implements encoding.TextMarshaler.
func (a AmbiguityKind) MarshalText() ([]byte, error) { return a.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler; on error the value is unchanged.
func (a *AmbiguityKind) UnmarshalText(b []byte) error {
	return enumUnmarshal(ambiguityKindNames[:], "AmbiguityKind", a, b)
}
