// Package enum is the one mechanism behind every enumeration of the SDK: a
// table of wire names indexed by value, from which each enumeration's
// String, AppendText, MarshalText, UnmarshalText, ParseX and IsValid are
// one-line methods.
//
// Values run from 1 to the number of names; 0 is never valid, so the zero
// value of every enumeration is invalid. No bound is written by hand: the
// table's length is the bound.
package enum

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Table holds the wire names of the enumeration T. It is immutable once
// built and safe for concurrent use.
type Table[T ~uint8] struct {
	typ   string   // "incident.Status"
	short string   // "Status"
	names []string // names[v-1] is the name of value v
}

// New returns the table of T, whose values 1, 2, … are named by names in
// order. typ is the enumeration's package-qualified name
// ("incident.Status"), used in errors and in String for invalid values.
//
// New panics on an empty or repeated name or more than 255 names: tables
// are package-level values built from literals, so such a mistake is a
// programming error found by any test that loads the package.
func New[T ~uint8](typ string, names ...string) *Table[T] {
	if len(names) == 0 || len(names) > 255 {
		panic("enum: " + typ + " needs 1 to 255 names")
	}
	for i, n := range names {
		if n == "" || slices.Contains(names[:i], n) {
			panic(fmt.Sprintf("enum: %s has an empty or repeated name %q", typ, n))
		}
	}
	short := typ
	if _, s, ok := strings.Cut(typ, "."); ok {
		short = s
	}
	return &Table[T]{typ: typ, short: short, names: slices.Clip(names)}
}

// Valid reports whether v is one of the enumeration's values.
func (t *Table[T]) Valid(v T) bool { return v >= 1 && int(v) <= len(t.names) }

// String returns the wire name of v, or "Type(N)" for an invalid value.
func (t *Table[T]) String(v T) string {
	if t.Valid(v) {
		return t.names[v-1]
	}
	return t.short + "(" + strconv.Itoa(int(v)) + ")"
}

// Append appends the wire name of v to b. An invalid value is an error
// matching grassroots.ErrInvalid that lists the valid names.
func (t *Table[T]) Append(b []byte, v T) ([]byte, error) {
	if !t.Valid(v) {
		return b, &grassroots.InvalidValueError{Type: t.typ, Value: int(v), Valid: slices.Clone(t.names)}
	}
	return append(b, t.names[v-1]...), nil
}

// Marshal returns the wire name of v, as Append does.
func (t *Table[T]) Marshal(v T) ([]byte, error) { return t.Append(nil, v) }

// Parse returns the value named s. Matching is exact; any other text is
// a *grassroots.UnknownNameError listing the valid names.
func (t *Table[T]) Parse(s string) (T, error) {
	for i, n := range t.names {
		if n == s {
			return T(i + 1), nil
		}
	}
	return 0, &grassroots.UnknownNameError{Type: t.typ, Name: s, Valid: slices.Clone(t.names)}
}

// Unmarshal parses b into *dst; on error *dst is unchanged. A nil dst
// (UnmarshalText called on a nil pointer) is an error matching
// grassroots.ErrInvalid.
func (t *Table[T]) Unmarshal(dst *T, b []byte) error {
	if dst == nil {
		return validate.NilTarget(t.typ)
	}
	v, err := t.Parse(string(b))
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// Problem returns the message a Validate method gives for a field that
// holds v, which is not one of the enumeration's values: "Level(0) is not
// a valid value; valid names: city, district, …". Use it with rule
// grassroots.RuleEnum.
func (t *Table[T]) Problem(v T) string {
	return t.String(v) + " is not a valid value; valid names: " + strings.Join(t.names, ", ")
}

// Values returns every value in order.
func (t *Table[T]) Values() []T {
	out := make([]T, len(t.names))
	for i := range out {
		out[i] = T(i + 1)
	}
	return out
}

// Names returns every wire name in value order.
func (t *Table[T]) Names() []string { return slices.Clone(t.names) }
