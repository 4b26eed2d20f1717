package incident

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots/grid"
)

// EarthRadius is the radius of the sphere on which distances are measured:
// the IUGG mean Earth radius R₁ = 6,371,008.8 m (Moritz, "Geodetic
// Reference System 1980", Bulletin Géodésique 54, 1980). On this sphere,
// haversine distances differ from ellipsoidal ones by at most about 0.5 %,
// far below the spread of reported positions.
const EarthRadius = 6371008.8

// MaxDuplicateRadius bounds DuplicateOptions.Radius.
const MaxDuplicateRadius = 10000

// DuplicateOptions say what counts as a duplicate of a new report: an
// open incident of the same category, reported within Window of it
// (before or after) and within Radius metres of it.
type DuplicateOptions struct {
	// Radius in metres, 0 < Radius ≤ MaxDuplicateRadius.
	Radius float64
	// Window is the largest difference of report times; positive.
	Window time.Duration
	// CRS is the system in which positions are compared; zero means WGS84.
	// Locations in another system are converted first.
	CRS grid.CRS
}

func (o DuplicateOptions) validate() (DuplicateOptions, error) {
	if o.CRS == 0 {
		o.CRS = grid.WGS84
	}
	switch {
	case !(o.Radius > 0 && o.Radius <= MaxDuplicateRadius):
		return o, fmt.Errorf("%w: radius %v m outside (0, %d]", ErrBadOptions, o.Radius, MaxDuplicateRadius)
	case o.Window <= 0:
		return o, fmt.Errorf("%w: window %v must be positive", ErrBadOptions, o.Window)
	case !o.CRS.IsValid():
		_, err := o.CRS.MarshalText()
		return o, fmt.Errorf("%w: %w", ErrBadOptions, err)
	}
	return o, nil
}

// Match is a likely duplicate: the open incident's ID and its distance
// from the candidate in metres.
type Match struct {
	ID       string  `json:"id"`
	Distance float64 `json:"distance"`
}

// FindDuplicates scans open for duplicates of candidate, nearest first
// (ties by ID). Incidents that are not open (closed, rejected), that
// share the candidate's ID, whose category differs, or that have no point
// yet are never matches; a candidate without a point has none (nil, no
// error), since the search compares positions. It is linear in
// len(open); for many candidates against one set, build a
// DuplicateIndex.
func FindDuplicates(candidate Incident, open []Incident, opts DuplicateOptions) ([]Match, error) {
	opts, err := opts.validate()
	if err != nil {
		return nil, err
	}
	if !candidate.Located() {
		return nil, nil
	}
	c, err := newSite(candidate, opts.CRS)
	if err != nil {
		return nil, err
	}
	var out []Match
	for i := range open {
		o := &open[i]
		if o.Category != candidate.Category || o.ID == candidate.ID || !o.Status.Open() || !o.Located() {
			continue
		}
		s, err := newSite(*o, opts.CRS)
		if err != nil {
			return nil, err
		}
		if m, ok := c.match(&s, o.ID, opts); ok {
			out = append(out, m)
		}
	}
	sortMatches(out)
	return out, nil
}

// site is a position prepared for haversine: radians and the cosine of
// the latitude, and the report time.
type site struct {
	lat, lng, cosLat float64
	at               int64
}

func newSite(in Incident, crs grid.CRS) (site, error) {
	l := in.Location
	if err := l.Validate(); err != nil {
		return site{}, fmt.Errorf("incident %q: %w", in.ID, err)
	}
	p, err := grid.Convert(l.Point, l.CRS, crs)
	if err != nil {
		return site{}, fmt.Errorf("incident %q: %w", in.ID, err)
	}
	lat := p.Lat * (math.Pi / 180)
	return site{lat: lat, lng: p.Lng * (math.Pi / 180), cosLat: math.Cos(lat), at: in.ReportedAt.UnixNano()}, nil
}

func (c *site) match(s *site, id string, opts DuplicateOptions) (Match, bool) {
	dt := c.at - s.at
	if dt < 0 {
		dt = -dt
	}
	if dt > int64(opts.Window) {
		return Match{}, false
	}
	d := haversine(c, s)
	if d > opts.Radius {
		return Match{}, false
	}
	return Match{ID: id, Distance: d}, true
}

// haversine returns the great-circle distance in metres. Products are
// converted explicitly so that no platform fuses them into FMA and every
// platform gets the same bits.
func haversine(a, b *site) float64 {
	sLat := math.Sin((b.lat - a.lat) / 2)
	sLng := math.Sin((b.lng - a.lng) / 2)
	h := float64(sLat*sLat) + float64(float64(a.cosLat*b.cosLat)*float64(sLng*sLng))
	h = min(h, 1)
	return float64(2*EarthRadius) * math.Asin(math.Sqrt(h))
}

func sortMatches(ms []Match) {
	slices.SortFunc(ms, func(a, b Match) int {
		if c := cmp.Compare(a.Distance, b.Distance); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// DuplicateIndex answers FindDuplicates for many candidates against one
// set of open incidents. It buckets the incidents by category and by a
// cell of a latitude–longitude grid at least Radius wide, so a query reads
// nine buckets. It is immutable and safe for concurrent use. A nil
// *DuplicateIndex indexes no incidents and finds no duplicates.
type DuplicateIndex struct {
	opts    DuplicateOptions
	cellLat float64 // cell height in radians
	cats    map[string]int32
	buckets map[cellKey][]int32
	sites   []site
	ids     []string
}

type cellKey struct{ cat, row, col int32 }

// NewDuplicateIndex indexes the open incidents among open that have a
// point (closed and rejected ones, and those not yet located, are left
// out).
func NewDuplicateIndex(open []Incident, opts DuplicateOptions) (*DuplicateIndex, error) {
	opts, err := opts.validate()
	if err != nil {
		return nil, err
	}
	x := &DuplicateIndex{
		opts:    opts,
		cellLat: opts.Radius / EarthRadius,
		cats:    map[string]int32{},
		buckets: map[cellKey][]int32{},
	}
	for i := range open {
		o := &open[i]
		if !o.Status.Open() || !o.Located() {
			continue
		}
		s, err := newSite(*o, opts.CRS)
		if err != nil {
			return nil, err
		}
		cat, ok := x.cats[o.Category]
		if !ok {
			cat = int32(len(x.cats))
			x.cats[o.Category] = cat
		}
		row := x.row(s.lat)
		k := cellKey{cat, row, x.col(row, s.lng)}
		x.buckets[k] = append(x.buckets[k], int32(len(x.sites)))
		x.sites = append(x.sites, s)
		x.ids = append(x.ids, o.ID)
	}
	return x, nil
}

// Len returns the number of indexed incidents.
func (x *DuplicateIndex) Len() int {
	if x == nil {
		return 0
	}
	return len(x.sites)
}

func (x *DuplicateIndex) row(lat float64) int32 { return int32(math.Floor(lat / x.cellLat)) }

// columns returns the number of equal longitude cells of a row, chosen so
// that each is at least Radius wide at every latitude the row and its
// neighbours span; rows near a pole get a single cell.
func (x *DuplicateIndex) columns(row int32) int32 {
	top := math.Max(math.Abs(float64(row)*x.cellLat), math.Abs(float64(row+1)*x.cellLat)) + x.cellLat
	if top >= 89*math.Pi/180 {
		return 1
	}
	width := x.cellLat / math.Cos(top)
	return max(1, int32(2*math.Pi/width))
}

func (x *DuplicateIndex) col(row int32, lng float64) int32 {
	n := x.columns(row)
	c := int32(math.Floor((lng + math.Pi) / (2 * math.Pi) * float64(n)))
	return ((c % n) + n) % n
}

// Find returns the duplicates of candidate, nearest first, exactly as
// FindDuplicates over the indexed incidents would.
func (x *DuplicateIndex) Find(candidate Incident) ([]Match, error) {
	return x.AppendFind(nil, candidate)
}

// AppendFind appends the duplicates of candidate to dst, sorted among
// themselves, so a caller that reuses dst allocates nothing. A candidate
// without a point appends nothing.
func (x *DuplicateIndex) AppendFind(dst []Match, candidate Incident) ([]Match, error) {
	if x == nil || !candidate.Located() {
		return dst, nil
	}
	c, err := newSite(candidate, x.opts.CRS)
	if err != nil {
		return dst, err
	}
	cat, ok := x.cats[candidate.Category]
	if !ok {
		return dst, nil
	}
	start := len(dst)
	row := x.row(c.lat)
	for r := row - 1; r <= row+1; r++ {
		n := x.columns(r)
		first, last := x.col(r, c.lng)-1, x.col(r, c.lng)+1
		if n <= 3 {
			first, last = 0, n-1 // every column once
		}
		for cc := first; cc <= last; cc++ {
			for _, i := range x.buckets[cellKey{cat, r, (cc + n) % n}] {
				if x.ids[i] == candidate.ID {
					continue
				}
				if m, ok := c.match(&x.sites[i], x.ids[i], x.opts); ok {
					dst = append(dst, m)
				}
			}
		}
	}
	sortMatches(dst[start:])
	return dst, nil
}
