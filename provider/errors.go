package provider

import (
	"errors"
	"fmt"
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

// Contract lifecycle errors.
var (
	// ErrTransition is matched by every *TransitionError.
	ErrTransition = errors.New("provider: command not allowed in this state")
	// ErrForbidden: the actor may not issue the command on this contract.
	ErrForbidden = errors.New("provider: actor may not issue this command")
	// ErrUnknownEvent: an envelope whose type is not a contract event.
	ErrUnknownEvent = errors.New("provider: unknown event type")
	// ErrNotPublished: a contract must be published before it is activated.
	ErrNotPublished = errors.New("provider: contract is not published")
	// ErrTooEarly: a contract cannot be completed before its term ends.
	ErrTooEarly = errors.New("provider: contract term has not ended")
)

// TransitionError reports a command that the contract's state does not
// allow. It matches ErrTransition.
type TransitionError struct {
	From    ContractStatus // 0 when the contract does not exist yet
	Command string
}

func (e *TransitionError) Error() string {
	from := "no contract"
	if e.From != 0 {
		from = e.From.String()
	}
	return fmt.Sprintf("provider: command %s not allowed from %s", e.Command, from)
}

// Is reports whether target is ErrTransition.
func (e *TransitionError) Is(target error) bool { return target == ErrTransition }

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
	// ErrTooManyFields: more distinct field names across compiled grants
	// than CompileGrants supports.
	ErrTooManyFields = errors.New("provider: too many distinct fields in grants")
)
