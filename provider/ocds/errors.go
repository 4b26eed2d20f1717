package ocds

import (
	"errors"
	"fmt"

	"github.com/grassrootsgov/grassroots"
)

// ErrInvalid is matched by every *ImportError and by the error for an
// amount that is not a number: data that does not map back to a
// contract. Export reports what it cannot write as a
// *grassroots.ValidationError.
var ErrInvalid = errors.New("ocds: invalid data")

// ImportError reports the first part of a release package that Import
// cannot map back to a contract: which release and contract, the field at
// fault as a JSON path from the package ("releases[0].contracts[1].items[2].classification.id"),
// the kind of problem (a grassroots.Rule constant) and what was expected.
// Err is the cause when another parser refused the value (a
// *grassroots.UnknownNameError for an unknown function, a
// *provider.USCCError for a credit code), and nil otherwise. It matches
// ErrInvalid and grassroots.ErrInvalid, as does a nil *ImportError, whose
// Error says it is nil and which unwraps to nil.
type ImportError struct {
	// Release is the release's index in the package and OCID its ocid.
	Release int
	OCID    string
	// Contract is the contract's index in the release and ID its id.
	Contract int
	ID       string
	// Path names the field at fault.
	Path string
	// Rule is the kind of problem: grassroots.RuleRequired,
	// RuleReference, RuleEnum, RuleFormat, RuleMax.
	Rule string
	// Message says what is wrong and what was expected.
	Message string
	// Err is the cause, or nil.
	Err error
}

// Error returns, for example, `ocds: releases[0].contracts[0].awardID:
// award "a9" is not among the release's awards (a1) (release 0, ocid
// "ocds-x-1", contract "c1")`.
func (e *ImportError) Error() string {
	if e == nil {
		return "ocds: invalid data (a nil *ImportError)"
	}
	return fmt.Sprintf("ocds: %s: %s (release %d, ocid %q, contract %q)", e.Path, e.Message, e.Release, e.OCID, e.ID)
}

// Is reports whether target is ErrInvalid or grassroots.ErrInvalid.
func (e *ImportError) Is(target error) bool {
	return target == ErrInvalid || target == grassroots.ErrInvalid
}

// Unwrap returns the cause.
func (e *ImportError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}
