// Package niltest checks what the SDK's types answer when their methods
// are called on a nil pointer: the error types, which must describe
// themselves, unwrap to nothing and match only what their type matches,
// and the decoders, which must refuse to decode into nothing. Tests import
// it; the library does not.
package niltest

import (
	"encoding"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Error is a nil pointer of an error type, a sentinel, and whether the
// nil pointer matches it: the sentinel every value of the type matches
// (Want true), or, for a type whose sentinel depends on a field or that
// has none, one it must not match (Want false).
type Error struct {
	Err   error
	Match error
	Want  bool
}

// Errors checks each nil error pointer of cases, named by its key: Error
// returns a text without panicking, errors.Is(Err, Match) is Want, Unwrap
// gives nil, and, when other is not nil, none matches other, a sentinel
// of the package that no nil pointer stands for.
func Errors(t *testing.T, other error, cases map[string]Error) {
	t.Helper()
	for name, c := range cases {
		require.NotPanics(t, func() { assert.NotEmpty(t, c.Err.Error(), "%s: Error", name) }, "%s: Error", name)
		require.NotPanics(t, func() { assert.Equal(t, c.Want, errors.Is(c.Err, c.Match), "%s: Is %v", name, c.Match) }, "%s: Is", name)
		require.NotPanics(t, func() { assert.NoError(t, errors.Unwrap(c.Err), "%s: Unwrap", name) }, "%s: Unwrap", name)
		if other != nil {
			assert.False(t, errors.Is(c.Err, other), "%s matches no other sentinel (%v)", name, other)
		}
	}
}

// Decoder is a nil pointer of a type that decodes text, and a text that
// is valid for the type.
type Decoder struct {
	Dst  encoding.TextUnmarshaler
	Text string
}

// Decoders checks that UnmarshalText of each nil pointer of cases, named
// by its key, returns an error matching want instead of panicking.
func Decoders(t *testing.T, want error, cases map[string]Decoder) {
	t.Helper()
	for name, c := range cases {
		var err error
		require.NotPanics(t, func() { err = c.Dst.UnmarshalText([]byte(c.Text)) }, "%s: UnmarshalText", name)
		assert.ErrorIs(t, err, want, "%s: UnmarshalText", name)
	}
}
