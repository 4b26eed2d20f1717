package grid

import (
	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Kind tells a general grid, drawn over where people live, from a
// dedicated grid drawn around one institution (a school, a park, a firm).
//
// The zero value is invalid, prints "Kind(0)" and fails to marshal.
type Kind uint8

// The kinds.
const (
	// KindGeneral is a general (comprehensive) grid covering residents.
	KindGeneral Kind = iota + 1
	// KindDedicated is a dedicated grid around a school, park, firm or
	// similar unit.
	KindDedicated
)

var kindNames = enum.New[Kind]("grid.Kind", "general", "dedicated")

// IsValid reports whether k is one of the Kind values.
func (k Kind) IsValid() bool { return kindNames.Valid(k) }

// String returns the wire name of k, or "Kind(N)" for an invalid value.
func (k Kind) String() string { return kindNames.String(k) }

// AppendText appends the wire name of k to b; an invalid value is an error.
func (k Kind) AppendText(b []byte) ([]byte, error) { return kindNames.Append(b, k) }

// MarshalText returns the wire name of k; an invalid value is an error.
func (k Kind) MarshalText() ([]byte, error) { return kindNames.Marshal(k) }

// UnmarshalText sets *k to the value named by b; on error *k is unchanged.
func (k *Kind) UnmarshalText(b []byte) error { return kindNames.Unmarshal(k, b) }

// ParseKind returns the Kind named s; an unknown name is a *grassroots.UnknownNameError.
func ParseKind(s string) (Kind, error) { return kindNames.Parse(s) }
