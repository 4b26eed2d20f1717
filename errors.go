package grassroots

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is matched (with errors.Is) by every *ValidationError, so a
// caller can tell "the input was wrong" from other failures without a type
// assertion.
var ErrInvalid = errors.New("grassroots: invalid value")

// ErrUnknownParty is matched by errors from ParseParty and
// Party.UnmarshalText for a name that is not a party.
var ErrUnknownParty = errors.New("grassroots: unknown party")

// FieldError is one problem with one field of a value.
//
// Path names the field in its JSON spelling, with dots for nesting and
// brackets for list positions ("roles[2]", "boundary.rings[0]"). Rule is a
// short machine-readable name of the rule that failed ("required", "max",
// "oneof", "format", …). Message says what is wrong in words.
type FieldError struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// Error returns "path: message".
func (e *FieldError) Error() string {
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
	errs := make([]error, len(e.Fields))
	for i := range e.Fields {
		errs[i] = &e.Fields[i]
	}
	return errs
}

// Has reports whether some problem concerns the field at path.
func (e *ValidationError) Has(path string) bool {
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
// problem at prefix with rule "invalid". A nil err gives nil.
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
	if !errors.As(err, &ve) {
		return []FieldError{{Path: prefix, Rule: "invalid", Message: err.Error()}}
	}
	out := make([]FieldError, len(ve.Fields))
	for i, f := range ve.Fields {
		out[i] = FieldError{Path: JoinPath(prefix, f.Path), Rule: f.Rule, Message: f.Message}
	}
	return out
}

// JoinPath joins two field paths: "a" and "b" give "a.b", "a" and "[1]"
// give "a[1]", and an empty side gives the other.
func JoinPath(prefix, path string) string {
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

// Index returns the path of element i of the list at path: "roles[2]".
func Index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }
