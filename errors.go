package grassroots

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrInvalid is matched (with errors.Is) by every *ValidationError and
// every *UnknownNameError, so a caller can tell "the input was wrong" from
// other failures without a type assertion.
var ErrInvalid = errors.New("grassroots: invalid value")

// ErrUnknownName is matched by every *UnknownNameError: a name that is
// not one of an enumeration's values.
var ErrUnknownName = errors.New("grassroots: unknown name")

// The rule names a FieldError carries, one per kind of problem. Packages
// use these for every problem of the kind they name and add constants of
// their own only for problems specific to their domain (a grid's ring that
// crosses itself, say), documented beside the check.
const (
	// RuleRequired: a value that must be present is missing or empty.
	RuleRequired = "required"
	// RuleExcluded: a value is present where it must be absent.
	RuleExcluded = "excluded"
	// RuleEnum: a name or value is not one of an enumeration's.
	RuleEnum = "enum"
	// RuleFormat: text does not have the required syntax (an ID, a code,
	// a URI, a timestamp, UTF-8, JSON).
	RuleFormat = "format"
	// RuleType: a JSON value has the wrong type (a string where an integer
	// belongs).
	RuleType = "type"
	// RuleMin: a number, length or count is below its lower bound.
	RuleMin = "min"
	// RuleMax: a number, length or count is above its upper bound.
	RuleMax = "max"
	// RuleUnique: a value is repeated where each must be distinct.
	RuleUnique = "unique"
	// RuleOrder: values are out of order (an end before its start, a time
	// before an earlier event's).
	RuleOrder = "order"
	// RuleMismatch: two values that must agree do not (an envelope's
	// subject and its data's aggregate ID).
	RuleMismatch = "mismatch"
	// RuleReference: a value names something that does not exist where it
	// must (an unknown category, indicator or grid).
	RuleReference = "reference"
	// RuleInvalid: a nested value failed with an error that is not a
	// *ValidationError; Message holds that error's text.
	RuleInvalid = "invalid"
)

// FieldError is one problem with one field of a value.
//
// Path names the field in its JSON spelling, with dots for nesting and
// brackets for list positions ("roles[2]", "boundary.rings[0]"). Rule is
// one of the Rule constants (or a package's own documented rule name).
// Message says what is wrong and what was expected, in words. A nil
// *FieldError reports itself as such rather than panicking.
type FieldError struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// Error returns "path: message".
func (e *FieldError) Error() string {
	if e == nil {
		return "grassroots: invalid value (a nil *FieldError)"
	}
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// ValidationError lists every problem found in a value at once. All
// packages of the SDK return it (wrapped or not) for invalid input, so
// callers handle validation the same way everywhere and third-party
// validator types never appear in the API.
//
// It matches ErrInvalid with errors.Is, and errors.As finds each
// *FieldError through Unwrap.
type ValidationError struct {
	Fields []FieldError `json:"fields"`
}

// NewValidationError returns a *ValidationError holding fields, or nil when
// fields is empty, so it can end a Validate method directly:
//
//	return grassroots.NewValidationError(problems...)
func NewValidationError(fields ...FieldError) error {
	if len(fields) == 0 {
		return nil
	}
	return &ValidationError{Fields: fields}
}

// Error joins the field problems with "; ".
func (e *ValidationError) Error() string {
	if e == nil {
		return "grassroots: invalid value (a nil *ValidationError)"
	}
	var b strings.Builder
	b.WriteString("grassroots: invalid value: ")
	for i := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Fields[i].Error())
	}
	return b.String()
}

// Is reports whether target is ErrInvalid.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// Unwrap returns each field problem as an error.
func (e *ValidationError) Unwrap() []error {
	if e == nil {
		return nil
	}
	errs := make([]error, len(e.Fields))
	for i := range e.Fields {
		errs[i] = &e.Fields[i]
	}
	return errs
}

// Has reports whether some problem concerns the field at path.
func (e *ValidationError) Has(path string) bool {
	if e == nil {
		return false
	}
	for _, f := range e.Fields {
		if f.Path == path {
			return true
		}
	}
	return false
}

// FieldErrors returns the field problems carried by err, with prefix and a
// dot put before each path (no dot when prefix is empty or the path starts
// with a bracket). Errors that are not a *ValidationError become a single
// problem at prefix: an *UnknownNameError with rule RuleEnum, any other
// with rule RuleInvalid. A nil err gives nil.
//
// It lets a Validate method of a composite value report the problems of
// its parts under their field names:
//
//	problems = append(problems, grassroots.FieldErrors("owner", r.Owner.Validate())...)
func FieldErrors(prefix string, err error) []FieldError {
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) || ve == nil {
		rule := RuleInvalid
		var ue *UnknownNameError
		if errors.As(err, &ue) {
			rule = RuleEnum
		}
		return []FieldError{{Path: prefix, Rule: rule, Message: err.Error()}}
	}
	out := make([]FieldError, len(ve.Fields))
	for i, f := range ve.Fields {
		out[i] = FieldError{Path: JoinFieldPath(prefix, f.Path), Rule: f.Rule, Message: f.Message}
	}
	return out
}

// JoinFieldPath joins two field paths: "a" and "b" give "a.b", "a" and
// "[1]" give "a[1]", and an empty side gives the other.
func JoinFieldPath(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case strings.HasPrefix(path, "["):
		return prefix + path
	default:
		return prefix + "." + path
	}
}

// ElementPath returns the field path of element i of the list at path:
// ElementPath("roles", 2) is "roles[2]".
func ElementPath(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// UnknownNameError reports a name that is not one of an enumeration's
// values, and lists the valid ones. Every enumeration of the SDK returns
// it from ParseX and UnmarshalText. It matches ErrUnknownName and
// ErrInvalid with errors.Is.
type UnknownNameError struct {
	// Type is the enumeration, qualified by its package ("incident.Status").
	Type string
	// Name is the text that was given.
	Name string
	// Valid lists the enumeration's names in value order.
	Valid []string
}

// Error returns, for example, `incident: unknown Status "open"; valid
// names: reported, accepted, …`.
func (e *UnknownNameError) Error() string {
	if e == nil {
		return "grassroots: unknown name (a nil *UnknownNameError)"
	}
	return enumMessage(e.Type, func(typ string) string { return fmt.Sprintf("unknown %s %q", typ, e.Name) }, e.Valid)
}

// enumMessage writes an enumeration error: the package of the qualified
// type name typ, what is wrong (given the bare type name) and the valid
// names.
func enumMessage(typ string, what func(typ string) string, valid []string) string {
	pkg, short, ok := strings.Cut(typ, ".")
	if !ok {
		pkg, short = "grassroots", typ
	}
	return pkg + ": " + what(short) + "; valid names: " + strings.Join(valid, ", ")
}

// InvalidValueError reports a value outside an enumeration that was to be
// written (AppendText, MarshalText), and lists the valid names. It
// matches ErrInvalid, and so does a nil *InvalidValueError, whose Error
// says it is nil.
type InvalidValueError struct {
	// Type is the enumeration, qualified by its package ("incident.Status").
	Type string
	// Value is the integer that names no value.
	Value int
	// Valid lists the enumeration's names in value order.
	Valid []string
}

// Error returns, for example, `incident: Status(0) is not a valid value;
// valid names: reported, accepted, …`.
func (e *InvalidValueError) Error() string {
	if e == nil {
		return "grassroots: invalid value (a nil *InvalidValueError)"
	}
	return enumMessage(e.Type, func(typ string) string { return fmt.Sprintf("%s(%d) is not a valid value", typ, e.Value) }, e.Valid)
}

// Is reports whether target is ErrInvalid.
func (e *InvalidValueError) Is(target error) bool { return target == ErrInvalid }

// Is reports whether target is ErrUnknownName or ErrInvalid.
func (e *UnknownNameError) Is(target error) bool {
	return target == ErrUnknownName || target == ErrInvalid
}

// ErrChainBroken is matched by every *ChainError.
var ErrChainBroken = errors.New("grassroots: event chain broken")

// ErrNotSealed is returned by Seal when prev has no hash to link to.
var ErrNotSealed = errors.New("grassroots: previous event is not sealed")

// ErrSubjectMismatch is returned by Seal when prev and next belong to
// different subjects, or next has no subject.
var ErrSubjectMismatch = errors.New("grassroots: events of a chain must share one non-empty subject")

// ChainError reports the first place a chain of events fails to verify.
// Index is the position in the slice given to VerifyChain. It matches
// ErrChainBroken with errors.Is.
type ChainError struct {
	Index  int
	Reason ChainReason
	// Err holds the validation error when Reason is ChainInvalid.
	Err error
}

func (e *ChainError) Error() string {
	if e == nil {
		return "grassroots: event chain broken (a nil *ChainError)"
	}
	msg := fmt.Sprintf("grassroots: event chain broken at index %d: %s", e.Index, e.Reason)
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Is reports whether target is ErrChainBroken.
func (e *ChainError) Is(target error) bool { return target == ErrChainBroken }

// Unwrap returns the underlying validation error, if any.
func (e *ChainError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// ErrTransition is matched by every *TransitionError.
var ErrTransition = errors.New("grassroots: transition not allowed")

// ErrCommandConflict is matched by every *CommandConflictError.
var ErrCommandConflict = errors.New("grassroots: command ID already used by another command")

// ErrCommandLogFull is returned by a lifecycle's Decide once an aggregate
// has applied MaxCommands commands: its history is closed to new ones.
var ErrCommandLogFull = errors.New("grassroots: aggregate has applied the maximum number of commands")

// ErrDuplicateEvent is returned by a lifecycle's Evolve for an event whose
// command the state has already applied in full: a repeated or replayed
// copy.
var ErrDuplicateEvent = errors.New("grassroots: event of a command already applied")

// TransitionError reports a command that a state does not allow (Command
// set) or an event that cannot follow a state (Event set), with what the
// state does allow. Every lifecycle returns it; it matches ErrTransition,
// as does a nil *TransitionError, whose Error says it is nil.
type TransitionError struct {
	// Lifecycle is the package whose table refused it: "incident", "risk",
	// "provider".
	Lifecycle string
	// From is the state's name; empty before the aggregate exists.
	From string
	// Command is the refused command's name, or empty.
	Command string
	// Event is the refused event's name, or empty.
	Event string
	// Allowed lists the commands (or events) the state allows.
	Allowed []string
}

// Error returns, for example, `incident: command "dispatch" is not allowed
// in state "closed"; allowed: reopen, rate`.
func (e *TransitionError) Error() string {
	if e == nil {
		return "grassroots: transition not allowed (a nil *TransitionError)"
	}
	what, name := "command", e.Command
	if e.Command == "" {
		what, name = "event", e.Event
	}
	state := "before the aggregate exists"
	if e.From != "" {
		state = "in state " + strconv.Quote(e.From)
	}
	allowed := "nothing"
	if len(e.Allowed) > 0 {
		allowed = strings.Join(e.Allowed, ", ")
	}
	return fmt.Sprintf("%s: %s %q is not allowed %s; allowed: %s", e.Lifecycle, what, name, state, allowed)
}

// Is reports whether target is ErrTransition.
func (e *TransitionError) Is(target error) bool { return target == ErrTransition }

// ReplayError reports the event at which a replay stopped. A nil
// *ReplayError says so in Error and unwraps to nil.
type ReplayError struct {
	// Index is the event's position in the slice replayed.
	Index int
	// Err is why the event was refused.
	Err error
}

// Error returns the cause's message, which starts with its package's
// name, followed by the index: `incident: event "closed" is not allowed in
// state "reported"; allowed: … (replaying event 3)`.
func (e *ReplayError) Error() string {
	if e == nil {
		return "grassroots: replay stopped (a nil *ReplayError)"
	}
	return fmt.Sprintf("%v (replaying event %d)", e.Err, e.Index)
}

// Unwrap returns Err.
func (e *ReplayError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// CommandConflictError reports a command whose ID the aggregate has
// already applied for a different command. It matches ErrCommandConflict,
// as does a nil *CommandConflictError, whose Error says it is nil.
type CommandConflictError struct {
	// CommandID is the reused ID.
	CommandID string
	// Applied describes the command that used it first: its name, actor
	// and time.
	Applied string
	// Given describes the command that came with it now.
	Given string
}

func (e *CommandConflictError) Error() string {
	if e == nil {
		return "grassroots: command ID already used by another command (a nil *CommandConflictError)"
	}
	return fmt.Sprintf("grassroots: command ID %q was used by %s; this command is %s", e.CommandID, e.Applied, e.Given)
}

// Is reports whether target is ErrCommandConflict.
func (e *CommandConflictError) Is(target error) bool { return target == ErrCommandConflict }

// ErrUnknownEvent is matched by errors for an envelope whose type is not
// one of a codec's event types.
var ErrUnknownEvent = errors.New("grassroots: unknown event type")

// errNilCodec answers a conversion asked of a nil *Codec.
var errNilCodec = fmt.Errorf("%w: the codec is nil; use the package's Codec or one from NewCodec", ErrUnknownEvent)
