package grid

import (
	"fmt"
	"strconv"
)

// Defect is the kind of a partition finding. The zero value is invalid,
// prints "Defect(0)" and fails to marshal.
type Defect uint8

// The defects CheckPartition finds.
const (
	// DefectOverlap is an area inside two children.
	DefectOverlap Defect = iota + 1
	// DefectGap is an area of the parent inside no child.
	DefectGap
	// DefectOutside is an area of a child outside the parent.
	DefectOutside
)

var defectNames = [...]string{
	DefectOverlap: "overlap",
	DefectGap:     "gap",
	DefectOutside: "outside",
}

// IsValid reports whether d is one of the defined defects.
func (d Defect) IsValid() bool { return d >= DefectOverlap && d <= DefectOutside }

// String returns the wire name ("overlap", "gap", "outside") or
// "Defect(N)".
func (d Defect) String() string {
	if d.IsValid() {
		return defectNames[d]
	}
	return "Defect(" + strconv.Itoa(int(d)) + ")"
}

// ParseDefect parses a wire name exactly; anything else is an error
// matching ErrUnknownDefect.
func ParseDefect(s string) (Defect, error) {
	for d := DefectOverlap; d <= DefectOutside; d++ {
		if defectNames[d] == s {
			return d, nil
		}
	}
	return 0, fmt.Errorf("%w: %q", ErrUnknownDefect, s)
}

// MarshalText returns the wire name; an invalid defect is an error.
func (d Defect) MarshalText() ([]byte, error) {
	if !d.IsValid() {
		return nil, fmt.Errorf("%w: %d", ErrUnknownDefect, uint8(d))
	}
	return []byte(defectNames[d]), nil
}

// UnmarshalText parses a wire name; on error d is unchanged.
func (d *Defect) UnmarshalText(b []byte) error {
	v, err := ParseDefect(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
