package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/grid/geojson"
)

var locateCommand = &command{
	name:  "locate",
	args:  "-grids F.geojson [-code-prop P] [-grid-crs C] [-crs C] [-format csv|json] [POINTS.csv]",
	short: "name the grid that owns each point",
	long: `
Locate reads points and writes, for each, the code of the grid that owns
it, by the SDK's ownership rule: every point of the area the grids cover
has exactly one owner, including points on shared edges and vertices and
on the outer border (see the documentation of grid.Index).

The grids are the features of a GeoJSON FeatureCollection (RFC 7946) of
Polygons and MultiPolygons, decoded by grid/geojson. The code is the
feature's id, or the "code" property; -code-prop names another property
(adcode in Aliyun DataV files; dotted paths reach into objects). GeoJSON
cannot say its coordinate system: -grid-crs names it (wgs84, gcj02 or
bd09; default wgs84; DataV and most Chinese web maps publish gcj02). A
file from DataV decodes with only -code-prop and -grid-crs. Only the leaf
grids are indexed: a feature that is another's parent (by its "parent"
property) is not.

` + pointsFormat + ` They are read from POINTS.csv,
or standard input when it is absent or -. -crs names their system
(default: the grids'); each point is converted to the grids' system
(grid.Convert) before it is located.

Output: CSV id,lng,lat,code with a header, the coordinates as given and
an empty code for a point no grid owns; -format json writes the same as
an array of objects. A point that cannot be converted (a GCJ-02 position
with no WGS84 inverse, near the edge of China's box) gets an empty code
and a line on standard error.

Exit status: 0 when every point has an owner, 1 when some point has
none, 2 when a file cannot be read or a flag is wrong.
`,
	examples: []example{
		{about: "which Wenzhou district owns each GPS fix (DataV boundaries are GCJ-02)",
			cmd: "grassroots locate -grids districts.geojson -code-prop adcode -grid-crs gcj02 -crs wgs84 < points.csv"},
		{about: "the same from a file, as JSON", cmd: "grassroots locate -grids districts.geojson -code-prop adcode -grid-crs gcj02 -crs wgs84 -format json points.csv"},
	},
	newFlags: func() commandFlags { return &locateFlags{} },
}

type crsFlag = textFlag[grid.CRS, *grid.CRS]

type locateFlags struct {
	grids, codeProp string
	gridCRS, crs    crsFlag
	format          *choice
}

func (f *locateFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.grids, "grids", "", "GeoJSON FeatureCollection `file` of the grids (required)")
	fs.StringVar(&f.codeProp, "code-prop", "", "`property` holding the grid code (default: the feature id, or \"code\")")
	fs.Var(&f.gridCRS, "grid-crs", "coordinate `system` of the grids: wgs84, gcj02, bd09 (default wgs84)")
	fs.Var(&f.crs, "crs", "coordinate `system` of the points: wgs84, gcj02, bd09 (default: the grids')")
	f.format = formatFlag(fs, "csv", "csv", "json")
}

func (f *locateFlags) run(e *env, args []string) int {
	if f.grids == "" {
		return e.usage("-grids is required: the GeoJSON file of the grids")
	}
	name := "-"
	if len(args) > 1 {
		return e.usage("one POINTS.csv expected, got %d arguments", len(args))
	} else if len(args) == 1 {
		name = args[0]
	}
	grids, err := e.loadGrids(f.grids, geojson.Options{CodeProperty: f.codeProp, CRS: f.gridCRS.v})
	if err != nil {
		return e.unreadable(err)
	}
	ix, err := grid.NewIndex(grids, grid.IndexOptions{})
	if err != nil {
		return e.unreadable(fmt.Errorf("indexing %s: %w", f.grids, err))
	}
	from := ix.CRS()
	if f.crs.set {
		from = f.crs.v
	}
	in, err := e.open(name)
	if err != nil {
		return e.unreadable(err)
	}
	defer in.Close()
	bar := e.progress("locating", "bytes", in.size)
	out := newTable(e.stdout, f.format.value, "id", "lng", "lat", "code")
	outside := 0
	err = readPoints(bar.reader(in), func(r pointRow) error {
		p, err := grid.Convert(r.p, from, ix.CRS())
		code, ok := grid.Code(""), false
		if err != nil {
			e.warn("%s line %d: id %q: %v", in.name, r.line, r.id, err)
		} else {
			code, ok = ix.Locate(p)
		}
		if !ok {
			outside++
		}
		return out.row(r.id, r.lng, r.lat, string(code))
	})
	bar.finish()
	if cerr := out.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return e.unreadable(fmt.Errorf("%s: %w", in.name, err))
	}
	if outside > 0 {
		e.warn("%s no owner", count(outside, "point has", "points have"))
		return exitFail
	}
	return exitOK
}

// loadGrids decodes the GeoJSON file name with opts.
func (e *env) loadGrids(name string, opts geojson.Options) ([]grid.Grid, error) {
	in, err := e.open(name)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	grids, err := geojson.Decode(in, opts)
	if err != nil {
		return nil, gridsError(name, err)
	}
	return grids, nil
}

// gridsError lists the feature problems of a GeoJSON file one a line,
// and names the flag that sets a property the decoder could not use.
func gridsError(name string, err error) error {
	msg := fmt.Sprintf("%s: %v", name, err)
	if errs := featureErrors(err); len(errs) > 1 {
		msg = name + ": " + strconv.Itoa(len(errs)) + " features refused:"
		for _, fe := range errs {
			msg += "\n\t" + fe.Error()
		}
	}
	var pe *geojson.PropertyError
	if errors.As(err, &pe) && propertyFlags[pe.Option] != "" {
		msg += "\n(on the command line, " + propertyFlags[pe.Option] + " names the property)"
	}
	return errors.New(msg)
}

// propertyFlags are the flags that set the fields of geojson.Options.
var propertyFlags = map[string]string{"CodeProperty": "-code-prop", "ParentProperty": "-parent-prop"}

// featureErrors returns the feature errors Decode joined into err, or
// nil when err is something else.
func featureErrors(err error) []*geojson.FeatureError {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	out := make([]*geojson.FeatureError, 0, len(errs))
	for _, x := range errs {
		fe, ok := x.(*geojson.FeatureError)
		if !ok {
			return nil
		}
		out = append(out, fe)
	}
	return out
}
