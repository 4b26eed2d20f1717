package grid

// Ring is a closed line of positions: the first and last positions are
// equal and a valid ring has at least four. In JSON it is a GeoJSON linear
// ring ([[lng, lat], …]).
type Ring []Point

// Polygon is an area: the first ring is the exterior, any further rings are
// holes in it. In JSON it is GeoJSON Polygon coordinates.
type Polygon []Ring

// MultiPolygon is an area made of polygons (islands) whose interiors are
// disjoint and whose boundaries touch at most at points, as the OGC Simple
// Feature Access model requires (Validate checks it). It is the boundary
// type of a Grid; a simple area is a MultiPolygon of one Polygon. In JSON
// it is GeoJSON MultiPolygon coordinates.
type MultiPolygon []Polygon

// BBox is an axis-aligned box in degrees. The zero value is the box that
// holds only 0°E 0°N; use EmptyBBox to start accumulating.
type BBox struct {
	MinLng, MinLat, MaxLng, MaxLat float64
}

// EmptyBBox returns a box that contains nothing and grows to the first
// point added.
func EmptyBBox() BBox {
	return BBox{MinLng: inf, MinLat: inf, MaxLng: -inf, MaxLat: -inf}
}

// IsEmpty reports whether b contains no point.
func (b BBox) IsEmpty() bool { return !(b.MinLng <= b.MaxLng && b.MinLat <= b.MaxLat) }

// Extend returns b grown to contain p.
func (b BBox) Extend(p Point) BBox {
	b.MinLng = min(b.MinLng, p.Lng)
	b.MaxLng = max(b.MaxLng, p.Lng)
	b.MinLat = min(b.MinLat, p.Lat)
	b.MaxLat = max(b.MaxLat, p.Lat)
	return b
}

// Union returns the smallest box containing b and o.
func (b BBox) Union(o BBox) BBox {
	if o.IsEmpty() {
		return b
	}
	if b.IsEmpty() {
		return o
	}
	return BBox{MinLng: min(b.MinLng, o.MinLng), MinLat: min(b.MinLat, o.MinLat), MaxLng: max(b.MaxLng, o.MaxLng), MaxLat: max(b.MaxLat, o.MaxLat)}
}

// Contains reports whether p lies in b, borders included.
func (b BBox) Contains(p Point) bool {
	return p.Lng >= b.MinLng && p.Lng <= b.MaxLng && p.Lat >= b.MinLat && p.Lat <= b.MaxLat
}

// Intersects reports whether b and o share at least one point.
func (b BBox) Intersects(o BBox) bool {
	return b.MinLng <= o.MaxLng && o.MinLng <= b.MaxLng && b.MinLat <= o.MaxLat && o.MinLat <= b.MaxLat
}

// BBox returns the bounding box of the ring's positions.
func (r Ring) BBox() BBox {
	b := EmptyBBox()
	for _, p := range r {
		b = b.Extend(p)
	}
	return b
}

// BBox returns the bounding box of the polygon's exterior ring.
func (p Polygon) BBox() BBox {
	if len(p) == 0 {
		return EmptyBBox()
	}
	return p[0].BBox()
}

// BBox returns the bounding box of all parts.
func (m MultiPolygon) BBox() BBox {
	b := EmptyBBox()
	for _, p := range m {
		b = b.Union(p.BBox())
	}
	return b
}

// NumVertices returns the number of positions in all rings, closing
// positions included.
func (m MultiPolygon) NumVertices() int {
	n := 0
	for _, p := range m {
		for _, r := range p {
			n += len(r)
		}
	}
	return n
}
