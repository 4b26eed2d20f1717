// Package errtext writes errors that put their own context in front of
// another error's message, so that the message carries one package
// prefix: "grid: cannot convert …: point out of range", not "grid: cannot
// convert …: grid: point out of range". Each package names the prefixes
// its causes may start with (its own, and those of the packages it calls).
package errtext

import "strings"

// Cause returns err's message without the first of prefixes that it
// starts with, or "<nil>" for a nil err.
func Cause(err error, prefixes ...string) string {
	if err == nil {
		return "<nil>"
	}
	msg := err.Error()
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(msg, p); ok {
			return rest
		}
	}
	return msg
}

// Wrap returns an error that wraps sentinel and cause, as
// fmt.Errorf("%w: %w", sentinel, cause) does (errors.Is and errors.As see
// both), but writes the cause without the first of prefixes it starts
// with. prefixes is kept, not copied.
func Wrap(sentinel, cause error, prefixes ...string) error {
	return &chain{sentinel: sentinel, cause: cause, prefixes: prefixes}
}

type chain struct {
	sentinel, cause error
	prefixes        []string
}

func (e *chain) Error() string   { return e.sentinel.Error() + ": " + Cause(e.cause, e.prefixes...) }
func (e *chain) Unwrap() []error { return []error{e.sentinel, e.cause} }
