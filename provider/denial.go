package provider

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// DenialError explains a denied data-access request item by item, for an
// audit log and for the caller: which grant came closest, every reason it
// denies the request for, and for each reason the values at fault and
// what the grant allows instead. Only the members a reason concerns are
// set. It is the Denial of a Decision and what Decision.Err returns; it
// matches ErrDenied, as does a nil *DenialError, whose Error says it is
// nil.
type DenialError struct {
	// Grantee is the request's grantee.
	Grantee string `json:"grantee,omitempty"`
	// Grant is the grant that came closest; empty when the grantee holds
	// none or the request or grants are invalid.
	Grant string `json:"grant,omitempty"`
	// Reasons lists every reason of the denial.
	Reasons Reasons `json:"reasons"`
	// Problems says what is wrong with the request (ReasonInvalidRequest)
	// or with the grants (ReasonInvalidGrants), field by field.
	Problems []grassroots.FieldError `json:"problems,omitempty"`
	// Contract is the contract the request names and GrantContract the
	// grant's (ReasonOtherContract).
	Contract      string `json:"contract,omitempty"`
	GrantContract string `json:"grant_contract,omitempty"`
	// At is the request's time, set with Valid for ReasonNotYetValid and
	// ReasonExpired, with Revoked for ReasonRevoked.
	At time.Time `json:"at,omitzero"`
	// Valid is the grant's validity (ReasonNotYetValid, ReasonExpired).
	Valid grassroots.Period `json:"valid,omitzero"`
	// Revoked is when the grant was revoked (ReasonRevoked).
	Revoked time.Time `json:"revoked,omitzero"`
	// Purpose is the requested purpose when the grant refuses it
	// (ReasonPurpose, ReasonPublicImage); Purposes are the grant's
	// purposes (ReasonPurpose).
	Purpose  Purpose   `json:"purpose,omitzero"`
	Purposes []Purpose `json:"purposes,omitempty"`
	// Action is the requested action and Actions the grant's
	// (ReasonAction).
	Action  Action   `json:"action,omitzero"`
	Actions []Action `json:"actions,omitempty"`
	// Fields are the requested fields at fault, in request order, each
	// with its reasons: ReasonField, ReasonSensitive,
	// ReasonSensitiveBasis, ReasonPublicImage.
	Fields []FieldDenial `json:"fields,omitempty"`
	// DeIdentification is the requested level and MinDeIdentification the
	// grant's minimum (ReasonDeIdentification).
	DeIdentification    DeIdentification `json:"de_identification,omitzero"`
	MinDeIdentification DeIdentification `json:"min_de_identification,omitzero"`
	// Processor is the processor the grant does not allow to process
	// (ReasonSubEntrustment).
	Processor string `json:"processor,omitempty"`
}

// FieldDenial names one requested field at fault and why.
type FieldDenial struct {
	Name    string  `json:"name"`
	Reasons Reasons `json:"reasons"`
}

// Is reports whether target is ErrDenied.
func (e *DenialError) Is(target error) bool { return target == ErrDenied }

// Error returns, for example, `provider: access denied to grantee "prov-1"
// by grant "g-1": action export is not granted (granted: read, display);
// field "health_record" is sensitive and the grant does not allow
// sensitive information`.
func (e *DenialError) Error() string {
	if e == nil {
		return "provider: data access denied (a nil *DenialError)"
	}
	var b strings.Builder
	b.WriteString("provider: access denied")
	if e.Grantee != "" {
		fmt.Fprintf(&b, " to grantee %q", e.Grantee)
	}
	if e.Grant != "" {
		fmt.Fprintf(&b, " by grant %q", e.Grant)
	}
	for i, r := range e.Reasons.List() {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(e.explain(r))
	}
	return b.String()
}

func (e *DenialError) explain(r Reason) string {
	switch r {
	case ReasonInvalidRequest:
		return "invalid request: " + problemList(e.Problems)
	case ReasonInvalidGrants:
		return "the grants do not compile: " + problemList(e.Problems)
	case ReasonNoGrant:
		return "the grantee holds no grant"
	case ReasonOtherContract:
		return fmt.Sprintf("the request is for contract %q, the grant for %q", e.Contract, e.GrantContract)
	case ReasonNotYetValid:
		return fmt.Sprintf("the request at %s is before the grant starts at %s", formatTime(e.At), formatTime(e.Valid.Start))
	case ReasonExpired:
		return fmt.Sprintf("the request at %s is at or after the grant's end at %s", formatTime(e.At), formatTime(e.Valid.End))
	case ReasonRevoked:
		return fmt.Sprintf("the grant was revoked at %s, not after the request at %s", formatTime(e.Revoked), formatTime(e.At))
	case ReasonPurpose:
		return fmt.Sprintf("purpose %s is not granted (granted: %s)", e.Purpose, joinNames(e.Purposes))
	case ReasonAction:
		return fmt.Sprintf("action %s is not granted (granted: %s)", e.Action, joinNames(e.Actions))
	case ReasonField:
		return "not granted: " + e.fieldsFor(r)
	case ReasonSensitive:
		return "sensitive information, which the grant does not allow: " + e.fieldsFor(r)
	case ReasonSensitiveBasis:
		return "sensitive information needs separate consent or a legal basis other than consent: " + e.fieldsFor(r)
	case ReasonPublicImage:
		return fmt.Sprintf("images from public places, for purpose %s without separate consent (only public_security may use them): %s", e.Purpose, e.fieldsFor(r))
	case ReasonDeIdentification:
		return fmt.Sprintf("data de-identified to %s, the grant requires at least %s", e.DeIdentification, e.MinDeIdentification)
	case ReasonSubEntrustment:
		return fmt.Sprintf("processor %q may not process: the grant does not allow sub-entrustment", e.Processor)
	}
	return r.String()
}

// fieldsFor lists the fields denied for r: `field "a", field "b"`.
func (e *DenialError) fieldsFor(r Reason) string {
	var names []string
	for _, f := range e.Fields {
		if f.Reasons.Has(r) {
			names = append(names, fmt.Sprintf("field %q", f.Name))
		}
	}
	return strings.Join(names, ", ")
}

func problemList(fs []grassroots.FieldError) string {
	parts := make([]string, len(fs))
	for i := range fs {
		parts[i] = fs[i].Error()
	}
	return strings.Join(parts, "; ")
}

func joinNames[T fmt.Stringer](vs []T) string {
	if len(vs) == 0 {
		return "none"
	}
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.String()
	}
	return strings.Join(names, ", ")
}

// invalidRequest is the denial of a request that fails Validate.
func invalidRequest(req *Request) Decision {
	reasons := Reasons(0).With(ReasonInvalidRequest)
	return Decision{Reasons: reasons, Denial: &DenialError{
		Grantee: req.Grantee, Reasons: reasons, Problems: grassroots.FieldErrors("", req.Validate()),
	}}
}

// invalidGrants is the denial of every request when the grants do not
// compile; err is CompileGrants' error.
func invalidGrants(req *Request, err error) Decision {
	reasons := Reasons(0).With(ReasonInvalidGrants)
	var tm *TooManyFieldsError
	if errors.As(err, &tm) {
		var p validate.Problems
		p.Add(grassroots.ElementPath("grants", tm.Index)+".fields", grassroots.RuleMax, tm.Error())
		err = p.Err()
	}
	return Decision{Reasons: reasons, Denial: &DenialError{Grantee: req.Grantee, Reasons: reasons, Problems: grassroots.FieldErrors("", err)}}
}

// noGrant is the denial of a request whose grantee holds no grant.
func noGrant(req *Request) Decision {
	reasons := Reasons(0).With(ReasonNoGrant)
	return Decision{Reasons: reasons, Denial: &DenialError{Grantee: req.Grantee, Reasons: reasons}}
}

// deny builds the denial of q by grant i, the closest, for reasons.
func (gg *granteeGrants) deny(i int, q *query, reasons Reasons) Decision {
	g, source := &gg.grants[i], gg.sources[i]
	req := q.req
	d := &DenialError{Grantee: req.Grantee, Grant: g.id, Reasons: reasons}
	if reasons.Has(ReasonOtherContract) {
		d.Contract, d.GrantContract = req.Contract, g.contract
	}
	if reasons.Has(ReasonNotYetValid) || reasons.Has(ReasonExpired) {
		d.At, d.Valid = req.At, source.Valid
	}
	if reasons.Has(ReasonRevoked) {
		d.At, d.Revoked = req.At, source.Revoked
	}
	if reasons.Has(ReasonPurpose) || reasons.Has(ReasonPublicImage) {
		d.Purpose = req.Purpose
	}
	if reasons.Has(ReasonPurpose) {
		d.Purposes = slices.Clone(source.Purposes)
	}
	if reasons.Has(ReasonAction) {
		d.Action, d.Actions = req.Action, slices.Clone(source.Actions)
	}
	if reasons.Has(ReasonDeIdentification) {
		d.DeIdentification, d.MinDeIdentification = req.DeIdentification, g.minLevel
	}
	if reasons.Has(ReasonSubEntrustment) {
		d.Processor = req.Processor
	}
	d.Fields = gg.fieldDenials(g, q, reasons)
	return Decision{Grant: g.id, Reasons: reasons, Denial: d}
}

// fieldDenials attributes the field reasons of a denial to the requested
// fields, in request order.
func (gg *granteeGrants) fieldDenials(g *compiledGrant, q *query, reasons Reasons) []FieldDenial {
	var out []FieldDenial
	for _, name := range q.req.Fields {
		var r Reasons
		bit, known := gg.fields[name]
		m := uint64(1) << bit
		switch {
		case !known || g.fields&m == 0:
			r = r.With(ReasonField)
		case g.sensitive&m != 0:
			if reasons.Has(ReasonSensitive) {
				r = r.With(ReasonSensitive)
			}
			if reasons.Has(ReasonSensitiveBasis) {
				r = r.With(ReasonSensitiveBasis)
			}
		}
		if known && g.images&m != 0 && reasons.Has(ReasonPublicImage) {
			r = r.With(ReasonPublicImage)
		}
		if r != 0 && !containsField(out, name) {
			out = append(out, FieldDenial{Name: name, Reasons: r})
		}
	}
	return out
}

func containsField(fs []FieldDenial, name string) bool {
	for _, f := range fs {
		if f.Name == name {
			return true
		}
	}
	return false
}
