package risk

import (
	"cmp"
	"strings"
)

// sameInstant orders two observations of one series taken at the same
// instant, so that detection never depends on the order of its input:
//
//   - by value, the smaller first: the latest value of an instant is its
//     largest, and a change that starts at an instant starts from its
//     smallest;
//   - equal numbers by how they are written, the one with fewer decimal
//     places first (1.0 before 1.00), since the value is reported as
//     written;
//   - then by the UTC offset of their time, smaller first, and its zone
//     name, since the time is reported as written too.
//
// Observations equal in all of these are indistinguishable in every hit.
func sameInstant(a, b *Observation) int {
	if c := a.Value.Cmp(b.Value); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Value.Exponent(), a.Value.Exponent()); c != 0 {
		return c
	}
	nameA, offA := a.At.Zone()
	nameB, offB := b.At.Zone()
	if c := cmp.Compare(offA, offB); c != 0 {
		return c
	}
	return strings.Compare(nameA, nameB)
}
