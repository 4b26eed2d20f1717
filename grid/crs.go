package grid

import "github.com/grassrootsgov/grassroots/internal/enum"

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

var crsNames = enum.New[CRS]("grid.CRS", "wgs84", "gcj02", "bd09")

// IsValid reports whether c is one of the CRS values.
func (c CRS) IsValid() bool { return crsNames.Valid(c) }

// String returns the wire name of c, or "CRS(N)" for an invalid value.
func (c CRS) String() string { return crsNames.String(c) }

// AppendText appends the wire name of c to b; an invalid value is an error.
func (c CRS) AppendText(b []byte) ([]byte, error) { return crsNames.Append(b, c) }

// MarshalText returns the wire name of c; an invalid value is an error.
func (c CRS) MarshalText() ([]byte, error) { return crsNames.Marshal(c) }

// UnmarshalText sets *c to the value named by b; on error *c is unchanged.
func (c *CRS) UnmarshalText(b []byte) error { return crsNames.Unmarshal(c, b) }

// ParseCRS returns the CRS named s; an unknown name is a *grassroots.UnknownNameError.
func ParseCRS(s string) (CRS, error) { return crsNames.Parse(s) }
