package provider

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// Credit-code errors. Every *USCCError matches ErrInvalidUSCC and exactly
// one of the four reason sentinels.
var (
	ErrInvalidUSCC         = errors.New("provider: invalid credit code")
	ErrUSCCLength          = errors.New("provider: credit code is not 18 characters")
	ErrUSCCForbiddenLetter = errors.New("provider: credit code contains I, O, S, V or Z")
	ErrUSCCCharacter       = errors.New("provider: credit code contains a character outside its alphabet")
	ErrUSCCCheckCharacter  = errors.New("provider: credit code check character is wrong")
)

// ErrPartialDate is matched by errors for text that is not YYYY, YYYY-MM
// or YYYY-MM-DD.
var ErrPartialDate = errors.New("provider: invalid partial date")

// ErrUnsupportedCurrency is matched by errors for a currency code that is
// not in the minor-unit table (see Currency).
var ErrUnsupportedCurrency = errors.New("provider: unsupported currency")

// ErrRoleTable is returned by NewRoleTable for an invalid role or function.
var ErrRoleTable = errors.New("provider: invalid role table")

// The rule names of problems specific to this package, beside the
// grassroots.Rule constants every package uses.
const (
	// RuleTransition: a provider's status history makes a change that
	// Status.CanChange forbids, or does not start pending or active.
	RuleTransition = "transition"
	// RuleOverlap: two participations of one model overlap in time.
	RuleOverlap = "overlap"
	// RuleNotActive: the supplier is not active in the registry when the
	// contract starts (CheckSupplier).
	RuleNotActive = "not_active"
	// RuleNotCovered: no membership of the supplier covers a scope item
	// for the whole term (CheckSupplier).
	RuleNotCovered = "not_covered"
)

// Contract lifecycle errors. Commands the transition table does not allow
// are a *grassroots.TransitionError; reused command IDs a
// *grassroots.CommandConflictError; invalid commands a
// *grassroots.ValidationError.
var (
	// ErrForbidden is matched by every *ForbiddenError.
	ErrForbidden = errors.New("provider: actor may not issue this command")
	// ErrNotPublished: a contract must be published before it is activated.
	ErrNotPublished = errors.New("provider: contract is not published")
	// ErrAlreadyPublished: a contract is published once.
	ErrAlreadyPublished = errors.New("provider: contract is already published")
	// ErrTooEarly: a contract cannot be completed before its term ends.
	ErrTooEarly = errors.New("provider: contract term has not ended")
)

// Issuer describes one party that may issue a lifecycle command: the
// contract's buyer (a grassroots.Government actor of the buyer
// organisation) or its supplier (a grassroots.Provider actor of the
// supplier organisation).
type Issuer struct {
	Side         Side             `json:"side"`
	Party        grassroots.Party `json:"party"`
	Organization string           `json:"organization"`
}

func (i Issuer) String() string {
	return fmt.Sprintf("the %s (a %s actor of organisation %q)", i.Side, i.Party, i.Organization)
}

// ForbiddenError reports a lifecycle command (or an event of one) whose
// actor is neither of the parties allowed to issue it on the contract. It
// names the actor and what was expected, and matches ErrForbidden, as does
// a nil *ForbiddenError, whose Error says it is nil.
type ForbiddenError struct {
	// Contract is the contract's ID.
	Contract string
	// Command is the command's name as the transition table writes it.
	Command string
	// Actor is who issued it.
	Actor grassroots.Actor
	// Allowed lists who may issue it, the buyer first.
	Allowed []Issuer
}

// Error returns, for example, `provider: actor "u-9" (government,
// organisation "gov-x") may not sign contract "ct-1"; expected the buyer
// (a government actor of organisation "gov-lucheng") or the supplier (a
// provider actor of organisation "prov-1")`.
func (e *ForbiddenError) Error() string {
	if e == nil {
		return "provider: not permitted (a nil *ForbiddenError)"
	}
	org := "no organisation"
	if e.Actor.Organization != "" {
		org = "organisation " + strconv.Quote(e.Actor.Organization)
	}
	want := make([]string, len(e.Allowed))
	for i, a := range e.Allowed {
		want[i] = a.String()
	}
	return fmt.Sprintf("provider: actor %q (%s, %s) may not %s contract %q; expected %s",
		e.Actor.ID, e.Actor.Party, org, e.Command, e.Contract, strings.Join(want, " or "))
}

// Is reports whether target is ErrForbidden.
func (e *ForbiddenError) Is(target error) bool { return target == ErrForbidden }

// Settlement errors.
var (
	// ErrNotWholeDays: a period boundary is not a midnight in the
	// contract's time zone, so days cannot be counted exactly.
	ErrNotWholeDays = errors.New("provider: period boundary is not at midnight")
	// ErrOutsideContract: the settlement period does not lie within the
	// contract period.
	ErrOutsideContract = errors.New("provider: settlement period outside contract period")
	// ErrUnknownGrade: the quality grade is not in the quality table.
	ErrUnknownGrade = errors.New("provider: unknown quality grade")
)

// Data-access errors.
var (
	// ErrGrantOutlivesContract: a grant is valid beyond its contract's end
	// (or has no end while the contract has one).
	ErrGrantOutlivesContract = errors.New("provider: grant outlives its contract")
	// ErrTooManyFields is matched by every *TooManyFieldsError.
	ErrTooManyFields = errors.New("provider: too many distinct fields in grants")
	// ErrDenied is matched by every *DenialError.
	ErrDenied = errors.New("provider: data access denied")
)

// TooManyFieldsError reports a grantee whose grants name more distinct
// fields than CompileGrants can hold. It matches ErrTooManyFields, as does
// a nil *TooManyFieldsError, whose Error says it is nil.
type TooManyFieldsError struct {
	// Grantee is the grantee whose grants are too wide.
	Grantee string
	// Grant and Index name the grant, and its position in the slice
	// given to CompileGrants, at which the limit was passed.
	Grant string
	Index int
	// Field is the first field name beyond the limit.
	Field string
	// Limit is the most distinct field names one grantee may use.
	Limit int
}

func (e *TooManyFieldsError) Error() string {
	if e == nil {
		return "provider: too many distinct fields in grants (a nil *TooManyFieldsError)"
	}
	return fmt.Sprintf("provider: grant %q (grants[%d]) names field %q, the %dth distinct field of grantee %q; at most %d are supported per grantee",
		e.Grant, e.Index, e.Field, e.Limit+1, e.Grantee, e.Limit)
}

// Is reports whether target is ErrTooManyFields.
func (e *TooManyFieldsError) Is(target error) bool { return target == ErrTooManyFields }

// formatTime writes t for error messages.
func formatTime(t time.Time) string { return t.Format(time.RFC3339Nano) }
