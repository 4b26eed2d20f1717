package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/internal/errtext"
)

// Decimals is the number of decimal places Encode writes: 1e-7° is about
// 1 cm on the ground. RFC 7946 §11.2 notes that 6 decimals, about 10 cm,
// are already well within the precision of GPS; Encode keeps one more.
const Decimals = 7

// EncodeOptions configures Encode.
type EncodeOptions struct {
	// CRS, when set, converts every coordinate to this system before
	// writing (RFC 7946 readers expect grid.WGS84). Zero writes each grid's
	// coordinates as they are, which requires every grid to use the same
	// system: GeoJSON has no member to say which.
	CRS grid.CRS
}

// Encode writes grids as a GeoJSON FeatureCollection (RFC 7946), one
// feature per grid in the order given, each with the grid's code as "id"
// and the properties "code", "name" and "parent" (omitted when empty),
// "level", "kind", "households" and "residents", which Decode reads back.
// A grid of one part is written as a Polygon, of several as a
// MultiPolygon, with exterior rings counter-clockwise and holes clockwise.
//
// Coordinates are rounded to Decimals (7) places: strconv's correctly
// rounded 'f' format of the float64 value (the nearest 7-decimal number;
// an exact tie, which a binary fraction can only be at fewer digits, goes
// to even), with trailing zeros trimmed and -0 written as 0. Rounding is
// idempotent, so decoding and encoding again reproduces the output byte
// for byte. Positions that rounding makes equal to their predecessor are
// dropped; a boundary that rounding leaves invalid (a ring collapsing or
// touching itself) is an error matching ErrPrecision.
//
// Every grid must pass grid.Grid.Validate and have a boundary; a grid that
// does not is a *FeatureError with its index. Nothing is written unless
// every grid encodes.
func Encode(w io.Writer, grids []grid.Grid, opts EncodeOptions) error {
	if w == nil {
		return errors.New("geojson: nowhere to encode to (a nil io.Writer)")
	}
	if opts.CRS != 0 && !opts.CRS.IsValid() {
		return unknownCRSOption(opts.CRS)
	}
	var buf bytes.Buffer
	buf.WriteString(`{"type":"FeatureCollection","features":[`)
	var errs []error
	for i, g := range grids {
		b, err := appendFeature(nil, g, grids[0].CRS, opts)
		if err != nil {
			errs = append(errs, &FeatureError{Index: i, ID: string(g.Code), Err: err})
			continue
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n")
		buf.Write(b)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	buf.WriteString("\n]}\n")
	_, err := w.Write(buf.Bytes())
	return err
}

func appendFeature(b []byte, g grid.Grid, first grid.CRS, opts EncodeOptions) ([]byte, error) {
	if err := g.Validate(); err != nil {
		return nil, err
	}
	if len(g.Boundary) == 0 {
		return nil, fmt.Errorf("%w: grid has no boundary", ErrGeometryType)
	}
	if opts.CRS == 0 && g.CRS != first {
		return nil, fmt.Errorf("%w: %s after %s; GeoJSON cannot say which, so set EncodeOptions.CRS to write them all in one", grid.ErrMixedCRS, g.CRS, first)
	}
	m, err := writable(g.Boundary, g.CRS, opts.CRS)
	if err != nil {
		return nil, err
	}
	b = append(b, `{"type":"Feature","id":`...)
	b = appendString(b, string(g.Code))
	b = append(b, `,"properties":{"code":`...)
	b = appendString(b, string(g.Code))
	if g.Name != "" {
		b = append(b, `,"name":`...)
		b = appendString(b, g.Name)
	}
	if g.Parent != "" {
		b = append(b, `,"parent":`...)
		b = appendString(b, string(g.Parent))
	}
	b = append(b, `,"level":"`...)
	b = append(b, g.Level.String()...)
	b = append(b, `","kind":"`...)
	b = append(b, g.Kind.String()...)
	b = append(b, `","households":`...)
	b = strconv.AppendInt(b, int64(g.Households), 10)
	b = append(b, `,"residents":`...)
	b = strconv.AppendInt(b, int64(g.Residents), 10)
	b = append(b, `},"geometry":{"type":`...)
	if len(m) == 1 {
		b = append(b, `"Polygon","coordinates":`...)
		b = appendPolygon(b, m[0])
	} else {
		b = append(b, `"MultiPolygon","coordinates":[`...)
		for i, p := range m {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPolygon(b, p)
		}
		b = append(b, ']')
	}
	return append(b, "}}"...), nil
}

// writable converts m to the output system, rounds it to Decimals places,
// drops positions rounding merged, checks the result and rewinds it.
func writable(m grid.MultiPolygon, from, to grid.CRS) (grid.MultiPolygon, error) {
	out := make(grid.MultiPolygon, len(m))
	for i, poly := range m {
		out[i] = make(grid.Polygon, len(poly))
		for j, ring := range poly {
			r := make(grid.Ring, 0, len(ring))
			for _, p := range ring {
				if to != 0 && to != from {
					q, err := grid.Convert(p, from, to)
					if err != nil {
						return nil, err
					}
					p = q
				}
				p = grid.Point{Lng: round(p.Lng), Lat: round(p.Lat)}
				if len(r) == 0 || r[len(r)-1] != p {
					r = append(r, p)
				}
			}
			out[i][j] = r
		}
	}
	if err := out.Validate(); err != nil {
		return nil, errtext.Wrap(ErrPrecision, err, causePrefixes...)
	}
	out, _ = out.Normalize()
	return out, nil
}

// round returns the float64 nearest to v rounded to Decimals places.
func round(v float64) float64 {
	var buf [32]byte
	r, _ := strconv.ParseFloat(string(strconv.AppendFloat(buf[:0], v, 'f', Decimals, 64)), 64)
	return r
}

func appendPolygon(b []byte, p grid.Polygon) []byte {
	b = append(b, '[')
	for j, r := range p {
		if j > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for k, q := range r {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendCoord(b, q.Lng)
			b = append(b, ',')
			b = appendCoord(b, q.Lat)
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// appendCoord writes v with at most Decimals places, trailing zeros
// trimmed.
func appendCoord(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', Decimals, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

func appendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}
