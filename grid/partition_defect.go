package grid

import (
	"github.com/grassrootsgov/grassroots/internal/enum"
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

var defectNames = enum.New[Defect]("grid.Defect", "overlap", "gap", "outside")

// IsValid reports whether d is one of the Defect values.
func (d Defect) IsValid() bool { return defectNames.Valid(d) }

// String returns the wire name of d, or "Defect(N)" for an invalid value.
func (d Defect) String() string { return defectNames.String(d) }

// AppendText appends the wire name of d to b; an invalid value is an error.
func (d Defect) AppendText(b []byte) ([]byte, error) { return defectNames.Append(b, d) }

// MarshalText returns the wire name of d; an invalid value is an error.
func (d Defect) MarshalText() ([]byte, error) { return defectNames.Marshal(d) }

// UnmarshalText sets *d to the value named by b; on error *d is unchanged.
func (d *Defect) UnmarshalText(b []byte) error { return defectNames.Unmarshal(d, b) }

// ParseDefect returns the Defect named s; an unknown name is a *grassroots.UnknownNameError.
func ParseDefect(s string) (Defect, error) { return defectNames.Parse(s) }
