package grid

import (
	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Level is a rung of the administrative and grid hierarchy, from the city
// down to the micro-grid. Lower values are higher up: a child's level is
// always greater than its parent's.
//
// The zero value is not a level: it is invalid, prints "Level(0)" and fails
// to marshal. Levels compare with == and order with <.
type Level uint8

// The levels, top down.
const (
	// LevelCity is a prefecture-level city (or a municipality's urban area).
	LevelCity Level = iota + 1
	// LevelDistrict is a district or county.
	LevelDistrict
	// LevelStreet is a street (subdistrict) or township.
	LevelStreet
	// LevelCommunity is a residents' community or a village.
	LevelCommunity
	// LevelGrid is a grid, the unit a grid worker looks after.
	LevelGrid
	// LevelMicroGrid is a micro-grid inside a grid (a building or a few).
	LevelMicroGrid
)

var levelNames = enum.New[Level]("grid.Level",
	"city", "district", "street", "community", "grid", "micro_grid",
)

// IsValid reports whether l is one of the Level values.
func (l Level) IsValid() bool { return levelNames.Valid(l) }

// String returns the wire name of l, or "Level(N)" for an invalid value.
func (l Level) String() string { return levelNames.String(l) }

// AppendText appends the wire name of l to b; an invalid value is an error.
func (l Level) AppendText(b []byte) ([]byte, error) { return levelNames.Append(b, l) }

// MarshalText returns the wire name of l; an invalid value is an error.
func (l Level) MarshalText() ([]byte, error) { return levelNames.Marshal(l) }

// UnmarshalText sets *l to the value named by b; on error *l is unchanged.
func (l *Level) UnmarshalText(b []byte) error { return levelNames.Unmarshal(l, b) }

// ParseLevel returns the Level named s; an unknown name is a *grassroots.UnknownNameError.
func ParseLevel(s string) (Level, error) { return levelNames.Parse(s) }
