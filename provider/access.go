package provider

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/enumfield"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Purpose is why a provider processes personal information: the closed
// vocabulary a grant may name (PIPL Art. 6 purpose limitation).
type Purpose uint8

// The purposes.
const (
	PurposeServiceDelivery Purpose = iota + 1
	PurposeGridManagement
	PurposeIncidentHandling
	PurposePublicSecurity
	PurposeEmergencyResponse
	PurposeStatistics
	PurposeSystemMaintenance
)

var purposeNames = enum.New[Purpose]("provider.Purpose",
	"service_delivery", "grid_management", "incident_handling", "public_security",
	"emergency_response", "statistics", "system_maintenance",
)

// IsValid reports whether p is one of the Purpose values.
func (p Purpose) IsValid() bool { return purposeNames.Valid(p) }

// String returns the wire name of p, or "Purpose(N)" for an invalid value.
func (p Purpose) String() string { return purposeNames.String(p) }

// AppendText appends the wire name of p to b; an invalid value is an error.
func (p Purpose) AppendText(b []byte) ([]byte, error) { return purposeNames.Append(b, p) }

// MarshalText returns the wire name of p; an invalid value is an error.
func (p Purpose) MarshalText() ([]byte, error) { return purposeNames.Marshal(p) }

// UnmarshalText sets *p to the value named by b; on error *p is unchanged.
func (p *Purpose) UnmarshalText(b []byte) error { return purposeNames.Unmarshal(p, b) }

// ParsePurpose returns the Purpose named s; an unknown name is a *grassroots.UnknownNameError.
func ParsePurpose(s string) (Purpose, error) { return purposeNames.Parse(s) }

// LegalBasis is the ground for processing under PIPL Art. 13.
type LegalBasis uint8

// The legal bases of PIPL Art. 13, in the article's order.
const (
	// BasisConsent: the individual's consent (13(1)).
	BasisConsent LegalBasis = iota + 1
	// BasisContract: necessary to conclude or perform a contract with the
	// individual, or for human-resources management (13(2)).
	BasisContract
	// BasisStatutoryDuty: necessary for statutory duties or obligations (13(3)).
	BasisStatutoryDuty
	// BasisEmergency: public-health emergencies, or protecting life, health
	// and property in an emergency (13(4)).
	BasisEmergency
	// BasisNews: news reporting and public-opinion supervision in the
	// public interest, within a reasonable scope (13(5)).
	BasisNews
	// BasisPublicData: information the individual disclosed or that was
	// lawfully disclosed, within a reasonable scope (13(6)).
	BasisPublicData
	// BasisOtherLaw: other circumstances laws and regulations provide (13(7)).
	BasisOtherLaw
)

var legalBasisNames = enum.New[LegalBasis]("provider.LegalBasis",
	"consent", "contract", "statutory_duty", "emergency", "news", "public_data", "other_law",
)

// IsValid reports whether l is one of the LegalBasis values.
func (l LegalBasis) IsValid() bool { return legalBasisNames.Valid(l) }

// String returns the wire name of l, or "LegalBasis(N)" for an invalid value.
func (l LegalBasis) String() string { return legalBasisNames.String(l) }

// AppendText appends the wire name of l to b; an invalid value is an error.
func (l LegalBasis) AppendText(b []byte) ([]byte, error) { return legalBasisNames.Append(b, l) }

// MarshalText returns the wire name of l; an invalid value is an error.
func (l LegalBasis) MarshalText() ([]byte, error) { return legalBasisNames.Marshal(l) }

// UnmarshalText sets *l to the value named by b; on error *l is unchanged.
func (l *LegalBasis) UnmarshalText(b []byte) error { return legalBasisNames.Unmarshal(l, b) }

// ParseLegalBasis returns the LegalBasis named s; an unknown name is a *grassroots.UnknownNameError.
func ParseLegalBasis(s string) (LegalBasis, error) { return legalBasisNames.Parse(s) }

// Category is the kind of personal information a field holds.
type Category uint8

// The categories. Those from CategoryBiometric on are sensitive personal
// information under PIPL Art. 28.
const (
	// CategoryBasic: name, gender, date of birth and the like.
	CategoryBasic Category = iota + 1
	// CategoryContact: telephone, address, e-mail.
	CategoryContact
	// CategoryIdentityNumber: resident identity card and other document numbers.
	CategoryIdentityNumber
	// CategoryPublicImage: images and identifying signals captured by
	// devices in public places (PIPL Art. 26).
	CategoryPublicImage
	// CategoryBiometric: faces, fingerprints and other biometrics.
	CategoryBiometric
	// CategoryReligion: religious belief.
	CategoryReligion
	// CategorySpecificIdentity: specific identities (for example disability,
	// subsistence allowance, released prisoner).
	CategorySpecificIdentity
	// CategoryHealth: medical and health information.
	CategoryHealth
	// CategoryFinancialAccount: financial accounts.
	CategoryFinancialAccount
	// CategoryWhereabouts: whereabouts and location tracks.
	CategoryWhereabouts
	// CategoryMinor: any personal information of a minor under 14.
	CategoryMinor
)

var categoryNames = enum.New[Category]("provider.Category",
	"basic", "contact", "identity_number", "public_image", "biometric", "religion",
	"specific_identity", "health", "financial_account", "whereabouts", "minor",
)

// IsValid reports whether c is one of the Category values.
func (c Category) IsValid() bool { return categoryNames.Valid(c) }

// String returns the wire name of c, or "Category(N)" for an invalid value.
func (c Category) String() string { return categoryNames.String(c) }

// AppendText appends the wire name of c to b; an invalid value is an error.
func (c Category) AppendText(b []byte) ([]byte, error) { return categoryNames.Append(b, c) }

// MarshalText returns the wire name of c; an invalid value is an error.
func (c Category) MarshalText() ([]byte, error) { return categoryNames.Marshal(c) }

// UnmarshalText sets *c to the value named by b; on error *c is unchanged.
func (c *Category) UnmarshalText(b []byte) error { return categoryNames.Unmarshal(c, b) }

// ParseCategory returns the Category named s; an unknown name is a *grassroots.UnknownNameError.
func ParseCategory(s string) (Category, error) { return categoryNames.Parse(s) }

// IsSensitive reports whether c is sensitive personal information (PIPL
// Art. 28).
func (c Category) IsSensitive() bool { return c >= CategoryBiometric && c.IsValid() }

// Action is what the provider does with the data.
type Action uint8

// The actions a grant may allow.
const (
	ActionRead Action = iota + 1
	ActionDerive
	ActionDisplay
	ActionExport
	ActionShare
)

var actionNames = enum.New[Action]("provider.Action",
	"read", "derive", "display", "export", "share",
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

// DeIdentification is how far data is stripped of identity (PIPL Art. 73:
// de-identified data can still be linked back with extra information;
// anonymised data cannot). Levels are ordered: none < de_identified <
// anonymised.
type DeIdentification uint8

// The de-identification levels, weakest first.
const (
	// Identified: no de-identification (wire name "none").
	Identified DeIdentification = iota + 1
	// DeIdentified: direct identifiers removed or replaced; the data can
	// still be linked to a person with additional information.
	DeIdentified
	// Anonymised: no person can be identified and the data cannot be
	// restored; it is no longer personal information.
	Anonymised
)

var deIdentificationNames = enum.New[DeIdentification]("provider.DeIdentification",
	"none", "de_identified", "anonymised",
)

// IsValid reports whether d is one of the DeIdentification values.
func (d DeIdentification) IsValid() bool { return deIdentificationNames.Valid(d) }

// String returns the wire name of d, or "DeIdentification(N)" for an invalid value.
func (d DeIdentification) String() string { return deIdentificationNames.String(d) }

// AppendText appends the wire name of d to b; an invalid value is an error.
func (d DeIdentification) AppendText(b []byte) ([]byte, error) {
	return deIdentificationNames.Append(b, d)
}

// MarshalText returns the wire name of d; an invalid value is an error.
func (d DeIdentification) MarshalText() ([]byte, error) { return deIdentificationNames.Marshal(d) }

// UnmarshalText sets *d to the value named by b; on error *d is unchanged.
func (d *DeIdentification) UnmarshalText(b []byte) error {
	return deIdentificationNames.Unmarshal(d, b)
}

// ParseDeIdentification returns the DeIdentification named s; an unknown name is a *grassroots.UnknownNameError.
func ParseDeIdentification(s string) (DeIdentification, error) { return deIdentificationNames.Parse(s) }

// Disposition is what happens to the data when a grant ends (PIPL Art. 21:
// return or delete).
type Disposition uint8

// The dispositions.
const (
	DispositionReturn Disposition = iota + 1
	DispositionDelete
)

var dispositionNames = enum.New[Disposition]("provider.Disposition", "return", "delete")

// IsValid reports whether d is one of the Disposition values.
func (d Disposition) IsValid() bool { return dispositionNames.Valid(d) }

// String returns the wire name of d, or "Disposition(N)" for an invalid value.
func (d Disposition) String() string { return dispositionNames.String(d) }

// AppendText appends the wire name of d to b; an invalid value is an error.
func (d Disposition) AppendText(b []byte) ([]byte, error) { return dispositionNames.Append(b, d) }

// MarshalText returns the wire name of d; an invalid value is an error.
func (d Disposition) MarshalText() ([]byte, error) { return dispositionNames.Marshal(d) }

// UnmarshalText sets *d to the value named by b; on error *d is unchanged.
func (d *Disposition) UnmarshalText(b []byte) error { return dispositionNames.Unmarshal(d, b) }

// ParseDisposition returns the Disposition named s; an unknown name is a *grassroots.UnknownNameError.
func ParseDisposition(s string) (Disposition, error) { return dispositionNames.Parse(s) }

// Field is a personal-information field a grant covers, with its category.
type Field struct {
	Name     string   `json:"name" validate:"required"`
	Category Category `json:"category"`
}

// Grant entrusts a provider with personal information under a contract
// (PIPL Art. 21): the grantor is the purchasing organ, the
// personal-information handler; the grantee the provider.
//
// Valid is half-open: the grant is in force from Valid.Start up to, but
// not at, Valid.End. A grant must end, and must not outlive its contract
// (CheckGrant). Revoked is set by Revoke when the contract is terminated.
type Grant struct {
	ID         string     `json:"id" validate:"required"`
	Grantor    string     `json:"grantor" validate:"required"`
	Grantee    string     `json:"grantee" validate:"required"`
	Contract   string     `json:"contract" validate:"required"`
	Purposes   []Purpose  `json:"purposes"`
	LegalBasis LegalBasis `json:"legal_basis"`
	Fields     []Field    `json:"fields" validate:"dive"`
	// Sensitive allows sensitive fields (PIPL Art. 28) at all.
	Sensitive bool `json:"sensitive"`
	// SeparateConsent references the record of the individuals' separate
	// consent (Arts. 26, 29); empty when there is none.
	SeparateConsent string   `json:"separate_consent,omitempty"`
	Actions         []Action `json:"actions"`
	// DeIdentification is the minimum level data must have when used.
	DeIdentification DeIdentification  `json:"de_identification"`
	Valid            grassroots.Period `json:"valid"`
	// Retention is how long the grantee may keep a copy after using it
	// (JSON: integer nanoseconds, as encoding/json writes a Duration).
	Retention   time.Duration `json:"retention" validate:"min=0"`
	Disposition Disposition   `json:"disposition"`
	// DisposalDelay is the time allowed, after the grant ends, to return or
	// delete the data (JSON: integer nanoseconds).
	DisposalDelay time.Duration `json:"disposal_delay" validate:"min=0"`
	// SubEntrustment allows the grantee to entrust the processing to
	// another processor (PIPL Art. 21 forbids it without consent).
	SubEntrustment bool      `json:"sub_entrustment"`
	Revoked        time.Time `json:"revoked,omitzero"`
}

// Validate reports every problem with g's own fields.
func (g Grant) Validate() error {
	var p validate.Problems
	p.Tags("", g)
	p.Require(len(g.Purposes) > 0, "purposes", "purposes is required: at least one; valid names: "+strings.Join(purposeNames.Names(), ", "))
	enumfield.Each(&p, "purposes", purposeNames, g.Purposes)
	enumfield.Check(&p, "legal_basis", legalBasisNames, g.LegalBasis)
	p.Require(len(g.Fields) > 0, "fields", "fields is required: at least one personal-information field")
	for i, f := range g.Fields {
		enumfield.CheckElem(&p, "fields", i, ".category", categoryNames, f.Category)
		if j := slices.IndexFunc(g.Fields[:i], func(e Field) bool { return e.Name == f.Name }); f.Name != "" && j >= 0 {
			p.Addf(grassroots.ElementPath("fields", i)+".name", grassroots.RuleUnique, "field %q repeats %s", f.Name, grassroots.ElementPath("fields", j))
		}
	}
	p.Require(len(g.Actions) > 0, "actions", "actions is required: at least one; valid names: "+strings.Join(actionNames.Names(), ", "))
	enumfield.Each(&p, "actions", actionNames, g.Actions)
	enumfield.Check(&p, "de_identification", deIdentificationNames, g.DeIdentification)
	p.Nest("valid", g.Valid.Validate())
	p.Require(!g.Valid.IsOpen(), "valid.end", "valid.end is required: a grant must end")
	enumfield.Check(&p, "disposition", dispositionNames, g.Disposition)
	return p.Err()
}

// CheckGrant reports whether g fits contract c: it validates, names c,
// its grantor is c's buyer, its grantee c's supplier, and it starts no
// earlier and ends no later than c's period (ErrGrantOutlivesContract).
func CheckGrant(g Grant, c Contract) error {
	if err := g.Validate(); err != nil {
		return err
	}
	var p validate.Problems
	if g.Contract != c.ID {
		p.Addf("contract", grassroots.RuleMismatch, "grant %q is for contract %q, not %q", g.ID, g.Contract, c.ID)
	}
	if g.Grantor != c.Buyer.ID {
		p.Addf("grantor", grassroots.RuleMismatch, "grantor %q is not the contract's buyer %q", g.Grantor, c.Buyer.ID)
	}
	if g.Grantee != c.Supplier.ID {
		p.Addf("grantee", grassroots.RuleMismatch, "grantee %q is not the contract's supplier %q", g.Grantee, c.Supplier.ID)
	}
	if g.Valid.Start.Before(c.Period.Start) {
		p.Addf("valid.start", grassroots.RuleOrder, "the grant starts at %s, before its contract starts at %s", formatTime(g.Valid.Start), formatTime(c.Period.Start))
	}
	if err := p.Err(); err != nil {
		return err
	}
	if !c.Period.IsOpen() && g.Valid.End.After(c.Period.End) {
		return fmt.Errorf("%w: grant %q ends at %s, after contract %q ends at %s", ErrGrantOutlivesContract,
			g.ID, formatTime(g.Valid.End), c.ID, formatTime(c.Period.End))
	}
	return nil
}

// Disposal obliges a grantee to return or delete the data of a grant by Due.
type Disposal struct {
	Grant       string      `json:"grant"`
	Grantee     string      `json:"grantee"`
	Contract    string      `json:"contract"`
	Disposition Disposition `json:"disposition"`
	Due         time.Time   `json:"due"`
}

// Disposal returns the obligation that follows the end of g: due
// DisposalDelay after the grant ends, by revocation or by expiry,
// whichever comes first.
func (g Grant) Disposal() Disposal {
	end := g.Valid.End
	if !g.Revoked.IsZero() && (end.IsZero() || g.Revoked.Before(end)) {
		end = g.Revoked
	}
	return Disposal{Grant: g.ID, Grantee: g.Grantee, Contract: g.Contract, Disposition: g.Disposition, Due: end.Add(g.DisposalDelay)}
}

// Revoke applies a contract's termination to grants: it returns a copy of
// grants in which each grant of the terminated contract that is not
// already revoked earlier and has not ended before the termination is
// revoked at t.At, and the disposal obligation of each grant so revoked.
// grants itself is not changed.
func Revoke(grants []Grant, t Terminated) ([]Grant, []Disposal) {
	out := slices.Clone(grants)
	var ds []Disposal
	for i := range out {
		g := &out[i]
		if g.Contract != t.AggregateID || (!g.Revoked.IsZero() && !g.Revoked.After(t.At)) || !g.Valid.End.After(t.At) {
			continue
		}
		g.Revoked = t.At
		ds = append(ds, g.Disposal())
	}
	return out, ds
}

// Request asks whether a provider may process personal information now.
type Request struct {
	Grantee  string `json:"grantee" validate:"required"`
	Contract string `json:"contract"`
	// Processor is who does the processing when the grantee has entrusted
	// it onward; empty (or the grantee) when the grantee does it itself.
	Processor        string           `json:"processor,omitempty"`
	Purpose          Purpose          `json:"purpose"`
	Action           Action           `json:"action"`
	Fields           []string         `json:"fields"`
	DeIdentification DeIdentification `json:"de_identification"`
	At               time.Time        `json:"at" validate:"required"`
}

// Validate reports every problem that makes Authorize deny r with
// ReasonInvalidRequest: no grantee, no time, no fields, an undefined
// purpose, action or de-identification level.
func (r Request) Validate() error {
	var p validate.Problems
	p.Tags("", r)
	p.Require(len(r.Fields) > 0, "fields", "fields is required: the personal-information fields to process")
	enumfield.Check(&p, "purpose", purposeNames, r.Purpose)
	enumfield.Check(&p, "action", actionNames, r.Action)
	enumfield.Check(&p, "de_identification", deIdentificationNames, r.DeIdentification)
	return p.Err()
}

// valid reports what Validate checks, without allocating.
func (r *Request) valid() bool {
	return r.Purpose.IsValid() && r.Action.IsValid() && r.DeIdentification.IsValid() &&
		len(r.Fields) > 0 && r.Grantee != "" && !r.At.IsZero()
}

// Reason is one reason a request is denied.
type Reason uint8

// The deny reasons.
const (
	// ReasonInvalidRequest: the request has an undefined purpose, action or
	// de-identification level, no fields, no grantee or no time; no other
	// reason is checked.
	ReasonInvalidRequest Reason = iota + 1
	// ReasonInvalidGrants: Authorize was given grants that do not compile.
	ReasonInvalidGrants
	// ReasonNoGrant: the grantee holds no grant at all.
	ReasonNoGrant
	// ReasonOtherContract: the grant is for another contract.
	ReasonOtherContract
	// ReasonNotYetValid: the request comes before the grant starts.
	ReasonNotYetValid
	// ReasonExpired: the request comes at or after the grant's end.
	ReasonExpired
	// ReasonRevoked: the grant was revoked at or before the request.
	ReasonRevoked
	// ReasonPurpose: the grant does not allow the purpose.
	ReasonPurpose
	// ReasonAction: the grant does not allow the action.
	ReasonAction
	// ReasonField: a requested field is not in the grant.
	ReasonField
	// ReasonSensitive: a requested field is sensitive and the grant does
	// not allow sensitive information.
	ReasonSensitive
	// ReasonSensitiveBasis: a requested field is sensitive and the grant
	// has neither separate consent nor a legal basis other than consent.
	ReasonSensitiveBasis
	// ReasonPublicImage: images from public places requested for a purpose
	// other than public security without separate consent (PIPL Art. 26).
	ReasonPublicImage
	// ReasonDeIdentification: the data would be less de-identified than
	// the grant requires.
	ReasonDeIdentification
	// ReasonSubEntrustment: another processor would process the data and
	// the grant does not allow sub-entrustment.
	ReasonSubEntrustment
)

var reasonNames = enum.New[Reason]("provider.Reason",
	"invalid_request", "invalid_grants", "no_grant", "other_contract", "not_yet_valid",
	"expired", "revoked", "purpose", "action", "field", "sensitive", "sensitive_basis",
	"public_image", "de_identification", "sub_entrustment",
)

// IsValid reports whether r is one of the Reason values.
func (r Reason) IsValid() bool { return reasonNames.Valid(r) }

// String returns the wire name of r, or "Reason(N)" for an invalid value.
func (r Reason) String() string { return reasonNames.String(r) }

// AppendText appends the wire name of r to b; an invalid value is an error.
func (r Reason) AppendText(b []byte) ([]byte, error) { return reasonNames.Append(b, r) }

// MarshalText returns the wire name of r; an invalid value is an error.
func (r Reason) MarshalText() ([]byte, error) { return reasonNames.Marshal(r) }

// UnmarshalText sets *r to the value named by b; on error *r is unchanged.
func (r *Reason) UnmarshalText(b []byte) error { return reasonNames.Unmarshal(r, b) }

// ParseReason returns the Reason named s; an unknown name is a *grassroots.UnknownNameError.
func ParseReason(s string) (Reason, error) { return reasonNames.Parse(s) }

// Reasons is a set of deny reasons. It is a bit set so that deciding never
// allocates; List expands it. Decoding into a nil *Reasons is an error
// matching grassroots.ErrInvalid.
type Reasons uint32

// Has reports whether r is in s.
func (s Reasons) Has(r Reason) bool { return r.IsValid() && s&(1<<r) != 0 }

// With returns s with r added.
func (s Reasons) With(r Reason) Reasons {
	if !r.IsValid() {
		return s
	}
	return s | 1<<r
}

// Len returns the number of reasons in s.
func (s Reasons) Len() int { return bits.OnesCount32(uint32(s &^ 1)) }

// List returns the reasons in s in their defined order.
func (s Reasons) List() []Reason {
	var out []Reason
	for _, r := range reasonNames.Values() {
		if s.Has(r) {
			out = append(out, r)
		}
	}
	return out
}

// String returns the reason names joined by ",", "" for none.
func (s Reasons) String() string {
	var b strings.Builder
	for i, r := range s.List() {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(r.String())
	}
	return b.String()
}

// Decision is the answer to a Request. Allowed is false unless a grant
// allows the whole request (deny by default). Grant names the grant that
// allows it (the first in grant-ID order), or, on a denial, the grant that
// came closest: fewest reasons, the first in grant-ID order among equals;
// Reasons then lists every reason that grant denies the request for, and
// Denial says what in the request each reason concerns. An allowing
// decision is made without allocating; a denial allocates its Denial.
type Decision struct {
	Allowed bool    `json:"allowed"`
	Grant   string  `json:"grant,omitempty"`
	Reasons Reasons `json:"reasons"`
	// Denial explains a denial; nil when the request is allowed.
	Denial *DenialError `json:"denial,omitempty"`
}

// Err returns nil when d allows, and otherwise the *DenialError that
// explains it, which matches ErrDenied.
func (d Decision) Err() error {
	switch {
	case d.Allowed:
		return nil
	case d.Denial != nil:
		return d.Denial
	}
	return &DenialError{Grant: d.Grant, Reasons: d.Reasons}
}

// String returns "allow g-1" or "deny g-1: action,sensitive" (the grant
// omitted when there is none).
func (d Decision) String() string {
	verdict := "deny"
	if d.Allowed {
		verdict = "allow"
	}
	if d.Grant != "" {
		verdict += " " + d.Grant
	}
	if d.Reasons != 0 {
		verdict += ": " + d.Reasons.String()
	}
	return verdict
}
