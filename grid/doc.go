// Package grid models the grids of grassroots governance and answers the
// question every household, report and sensor reading raises: which grid
// is this in? Matters are "handled within the grids", so two systems that
// locate the same point must name the same grid, including points on the
// line between two grids.
//
// # Main types
//
//   - Code, Level, Kind and Grid describe the hierarchy from city down to
//     micro-grid; Tree checks and navigates it; ParseDivision reads
//     China's 6-, 9- and 12-digit statistical division codes.
//   - Point, Ring, Polygon and MultiPolygon hold boundaries as GeoJSON
//     (RFC 7946) does; MultiPolygon.Validate checks them and
//     MultiPolygon.Area measures them on the WGS84 ellipsoid.
//   - CRS and Convert move points between WGS84 (GPS), GCJ-02 (AMap,
//     Tencent) and BD-09 (Baidu), which differ by hundreds of metres in
//     China.
//   - Index locates points in the leaf grids, giving every point of the
//     covered area exactly one grid.
//   - CheckPartition checks that a parent's children tile it: overlaps,
//     gaps, children reaching outside and slivers, each with a witness
//     point and an area, and no false overlap where neighbours share
//     edges and vertices exactly. CheckSiblings checks grids whose parent
//     outline is not at hand: overlaps and the gaps they enclose, nothing
//     along their outer border.
//   - CheckSizing flags grids outside the household and resident norms.
//   - AssignWorkers gives every grid one worker within capacity,
//     balancing households and expected matters across workers.
//   - The sub-package geojson reads and writes grids as RFC 7946
//     FeatureCollections, including Aliyun DataV boundary files.
//
// # Example
//
//	ix, err := grid.NewIndex(grids, grid.IndexOptions{CRS: grid.WGS84})
//	if err != nil {
//		return err
//	}
//	code, ok := ix.LocateIn(gpsFix, grid.WGS84) // or grid.GCJ02 for an AMap pick
//
// # Geometry rules
//
// Boundaries follow two standards, each for its own part (see
// MultiPolygon.Validate): RFC 7946 for the form of rings (closed, four
// positions or more, no edge across the antimeridian) and for the
// reading of edges as straight lines in longitude and latitude; the OGC
// Simple Feature Access model (OGC 06-103r4, ISO 19125-1) for what a
// valid area is: simple rings, holes inside their polygon (§6.1.11), and
// the polygons of a MultiPolygon with disjoint interiors, touching at
// most at points (§6.1.14). Winding is not checked; either orientation is
// read.
//
// # Guarantees
//
// Point location follows a rule stated on exact real-number geometry (see
// Index) and is computed with exact predicates, so for the same float64
// coordinates the owner of a point is the same on every platform and in
// every conforming implementation; ../testdata/conformance/v2/grid holds
// vectors for other languages. Convert is deterministic on a platform,
// but it uses math.Sin, math.Cos and math.Atan2, whose last bits may
// differ between architectures (a compiler may fuse their multiply-adds);
// the difference is around 1e-15°, a few nanometres. Where answers must
// match across systems bit for bit, exchange coordinates in the index's
// own system rather than converting on each side. A conversion back to
// WGS84 returns a point only when the forward formula confirms it; near
// the edges of the area GCJ-02 shifts, where a position has no WGS84
// point or two, it is an error (ErrNoInverse), so a round trip either
// returns to within 1e-8° or says it cannot.
//
// Areas (MultiPolygon.Area and the findings of CheckPartition and
// CheckSiblings) are integrated exactly in the cylindrical equal-area
// projection of the WGS84 ellipsoid; what remains is float64 rounding,
// at most 1e-12 of the area plus 1e-8 m² per metre of the boundaries
// measured.
//
// Errors wrap their causes with %w and carry one package prefix; an
// unknown name is reported with the valid ones, a refused value with
// what was expected. Invalid values (a Grid, a Worker, a SizingNorm, the
// input of NewIndex or AssignWorkers) are a *grassroots.ValidationError
// listing every problem at once with its JSON path and a rule name: one
// of the grassroots.Rule constants, or, for the geometry defects no
// shared rule names, one of this package's (RuleSelfIntersection,
// RulePartsOverlap, …).
//
// Values are plain data; built structures (Tree, Index) are immutable and
// safe for concurrent use. Nothing in the package reads the clock, uses
// global randomness or depends on map iteration order. No exported
// function panics on any input: bad input is a typed error.
package grid
