package grid

import (
	"fmt"
	"strconv"
)

// CRS is a coordinate reference system for longitude/latitude points.
// Chinese web maps publish GCJ-02 (AMap, Tencent) or BD-09 (Baidu), while
// GPS receivers report WGS84; the systems differ by hundreds of metres in
// China, more than a grid is wide, so every boundary and point names its
// system and Convert moves between them.
//
// The zero value is not a system: it is invalid, prints "CRS(0)" and fails
// to marshal.
type CRS uint8

// The coordinate reference systems.
const (
	// WGS84 is the World Geodetic System 1984 (EPSG:4326 axis order
	// swapped to lng, lat as in GeoJSON).
	WGS84 CRS = iota + 1
	// GCJ02 is China's obfuscated "Mars" system used by AMap and Tencent
	// maps.
	GCJ02
	// BD09 is Baidu's system, a further transformation of GCJ-02.
	BD09
)

var crsNames = [...]string{WGS84: "wgs84", GCJ02: "gcj02", BD09: "bd09"}

// IsValid reports whether c is one of the defined systems.
func (c CRS) IsValid() bool { return c >= WGS84 && c <= BD09 }

// String returns the wire name ("wgs84", "gcj02", "bd09") or "CRS(N)".
func (c CRS) String() string {
	if c.IsValid() {
		return crsNames[c]
	}
	return "CRS(" + strconv.Itoa(int(c)) + ")"
}

// ParseCRS parses a wire name exactly; anything else is an error matching
// ErrUnknownCRS.
func ParseCRS(s string) (CRS, error) {
	for c := WGS84; c <= BD09; c++ {
		if crsNames[c] == s {
			return c, nil
		}
	}
	return 0, fmt.Errorf("%w: %q", ErrUnknownCRS, s)
}

// MarshalText returns the wire name; an invalid system is an error.
func (c CRS) MarshalText() ([]byte, error) {
	if !c.IsValid() {
		return nil, fmt.Errorf("%w: %d", ErrUnknownCRS, uint8(c))
	}
	return []byte(crsNames[c]), nil
}

// UnmarshalText parses a wire name; on error c is unchanged.
func (c *CRS) UnmarshalText(b []byte) error {
	v, err := ParseCRS(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
