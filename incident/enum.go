package incident

import (
	"fmt"
	"strconv"
)

// names holds the wire names of LimitUnit, indexed by value; index 0 is
// unused because the enumeration starts at 1. The other enumerations of
// the package use internal/enum tables.
type names struct {
	typ  string
	list []string
	err  error
}

func (n names) valid(v uint8) bool { return v >= 1 && int(v) < len(n.list) }

func (n names) str(v uint8) string {
	if n.valid(v) {
		return n.list[v]
	}
	return n.typ + "(" + strconv.Itoa(int(v)) + ")"
}

func (n names) parse(s string) (uint8, error) {
	for i := 1; i < len(n.list); i++ {
		if n.list[i] == s {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("%w: %q", n.err, s)
}

func (n names) appendText(b []byte, v uint8) ([]byte, error) {
	if !n.valid(v) {
		return b, fmt.Errorf("%w: %d", n.err, v)
	}
	return append(b, n.list[v]...), nil
}
