package grid

import (
	"fmt"
	"strconv"
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

var levelNames = [...]string{
	LevelCity:      "city",
	LevelDistrict:  "district",
	LevelStreet:    "street",
	LevelCommunity: "community",
	LevelGrid:      "grid",
	LevelMicroGrid: "micro_grid",
}

// IsValid reports whether l is one of the defined levels.
func (l Level) IsValid() bool { return l >= LevelCity && l <= LevelMicroGrid }

// String returns the wire name ("city", "micro_grid", …) or "Level(N)" for
// an invalid value. It never fails.
func (l Level) String() string {
	if l.IsValid() {
		return levelNames[l]
	}
	return "Level(" + strconv.Itoa(int(l)) + ")"
}

// ParseLevel parses a wire name exactly; anything else is an error
// matching ErrUnknownLevel.
func ParseLevel(s string) (Level, error) {
	for l := LevelCity; l <= LevelMicroGrid; l++ {
		if levelNames[l] == s {
			return l, nil
		}
	}
	return 0, fmt.Errorf("%w: %q", ErrUnknownLevel, s)
}

// MarshalText returns the wire name; an invalid level is an error.
func (l Level) MarshalText() ([]byte, error) {
	if !l.IsValid() {
		return nil, fmt.Errorf("%w: %d", ErrUnknownLevel, uint8(l))
	}
	return []byte(levelNames[l]), nil
}

// UnmarshalText parses a wire name; on error l is unchanged.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}
