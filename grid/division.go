package grid

import "fmt"

// Division is a Chinese statistical division code (GB/T 2260 for the
// first six digits, the National Bureau of Statistics' urban-rural
// division codes for the rest) with the level and parent its digits
// imply.
//
// Six digits name a county-level division (district, county, county-level
// city) as province (2) + city (2) + county (2); a county part of "00"
// names the city itself. Nine digits add a street or township (3), twelve
// digits a community or village (3).
type Division struct {
	Code   Code  `json:"code"`
	Level  Level `json:"level"`
	Parent Code  `json:"parent,omitempty"` // empty for a city
}

// ParseDivision reads a statistical division code and derives its level
// and parent:
//
//	"330302"       district   (Lucheng District, Wenzhou), parent "330300"
//	"330300"       city       (Wenzhou), no parent
//	"330302001"    street,    parent "330302"
//	"330302001001" community, parent "330302001"
//
// Twelve-digit codes padded with zeros, as the Bureau publishes them for
// the higher levels, are read as the code they pad: "330302001000" is the
// street "330302001" and "330302000000" the district "330302". Province
// codes ("330000") name no level of this package and, like any code whose
// length is not 6, 9 or 12, that holds a non-digit, or that has a zero
// part below a nonzero one, are errors matching ErrInvalidDivision.
func ParseDivision(s string) (Division, error) {
	if len(s) != 6 && len(s) != 9 && len(s) != 12 {
		return Division{}, fmt.Errorf("%w: %q has %d characters, want 6, 9 or 12", ErrInvalidDivision, s, len(s))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return Division{}, fmt.Errorf("%w: %q has a non-digit at %d", ErrInvalidDivision, s, i)
		}
	}
	if len(s) == 12 && s[9:] == "000" {
		s = s[:9]
		if s[6:] == "000" {
			s = s[:6]
		}
	}
	switch {
	case s[:2] == "00":
		return Division{}, fmt.Errorf("%w: %q has province part 00", ErrInvalidDivision, s)
	case s[2:6] == "0000":
		return Division{}, fmt.Errorf("%w: %q is a province", ErrInvalidDivision, s)
	case s[2:4] == "00":
		return Division{}, fmt.Errorf("%w: %q has city part 00 under a county part", ErrInvalidDivision, s)
	}
	if len(s) == 6 {
		if s[4:] == "00" {
			return Division{Code: Code(s), Level: LevelCity}, nil
		}
		return Division{Code: Code(s), Level: LevelDistrict, Parent: Code(s[:4] + "00")}, nil
	}
	if s[4:6] == "00" {
		return Division{}, fmt.Errorf("%w: %q has county part 00 under a street part", ErrInvalidDivision, s)
	}
	if s[6:9] == "000" {
		return Division{}, fmt.Errorf("%w: %q has street part 000 under a community part", ErrInvalidDivision, s)
	}
	if len(s) == 9 {
		return Division{Code: Code(s), Level: LevelStreet, Parent: Code(s[:6])}, nil
	}
	return Division{Code: Code(s), Level: LevelCommunity, Parent: Code(s[:9])}, nil
}

// String returns the code.
func (d Division) String() string { return string(d.Code) }
