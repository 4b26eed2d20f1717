package main

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/grassrootsgov/grassroots/grid"
)

var convertCommand = &command{
	name:  "convert",
	args:  "-from C -to C [-format csv|json] [POINTS.csv]",
	short: "convert points between WGS84, GCJ-02 and BD-09",
	long: `
Convert reads points and writes them converted from one coordinate system
to another (grid.Convert): wgs84 (GPS), gcj02 (AMap, Tencent and most
Chinese web maps) or bd09 (Baidu). Near Wenzhou GCJ-02 lies about 540 m
from WGS84, more than a grid's width.

` + pointsFormat + ` They are read from POINTS.csv,
or standard input when it is absent or -.

Output: CSV id,lng,lat with a header, in the same shape as the input so
that it can feed locate; coordinates are the shortest decimals that read
back as the same float64. -format json writes an array of objects.

The conversions back to WGS84 have no closed form and are solved by
iteration; near the edges of China's box, where GCJ-02 shifts points out
of it, a position may have no WGS84 point or two (grid.ErrNoInverse).
Such a point is not guessed: its row is left out of the output, a line
on standard error names its line and id, and the exit status is 1.

Exit status: 0 when every point converts, 1 when some point has no
inverse, 2 when the input cannot be read or a flag is wrong.
`,
	examples: []example{
		{about: "GPS fixes to the GCJ-02 of a web map", cmd: "grassroots convert -from wgs84 -to gcj02 < points.csv"},
		{about: "convert, then locate in GCJ-02 grids", cmd: "grassroots convert -from wgs84 -to gcj02 points.csv | grassroots locate -grids districts.geojson -code-prop adcode -grid-crs gcj02"},
	},
	newFlags: func() commandFlags { return &convertFlags{} },
}

type convertFlags struct {
	from, to crsFlag
	format   *choice
}

func (f *convertFlags) define(fs *flag.FlagSet) {
	fs.Var(&f.from, "from", "coordinate `system` of the input: wgs84, gcj02, bd09 (required)")
	fs.Var(&f.to, "to", "coordinate `system` of the output: wgs84, gcj02, bd09 (required)")
	f.format = formatFlag(fs, "csv", "csv", "json")
}

func (f *convertFlags) run(e *env, args []string) int {
	switch {
	case !f.from.set:
		return e.usage("-from is required: wgs84, gcj02 or bd09")
	case !f.to.set:
		return e.usage("-to is required: wgs84, gcj02 or bd09")
	case len(args) > 1:
		return e.usage("one POINTS.csv expected, got %d arguments", len(args))
	}
	name := "-"
	if len(args) == 1 {
		name = args[0]
	}
	in, err := e.open(name)
	if err != nil {
		return e.unreadable(err)
	}
	defer in.Close()
	bar := e.progress("converting", "bytes", in.size)
	out := newTable(e.stdout, f.format.value, "id", "lng", "lat")
	failed := 0
	err = readPoints(bar.reader(in), func(r pointRow) error {
		q, err := grid.Convert(r.p, f.from.v, f.to.v)
		if err != nil {
			failed++
			e.warn("%s line %d: id %q: %v", in.name, r.line, r.id, err)
			return nil
		}
		return out.row(r.id, strconv.FormatFloat(q.Lng, 'g', -1, 64), strconv.FormatFloat(q.Lat, 'g', -1, 64))
	})
	bar.finish()
	if cerr := out.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return e.unreadable(fmt.Errorf("%s: %w", in.name, err))
	}
	if failed > 0 {
		e.warn("%s not converted", count(failed, "point", "points"))
		return exitFail
	}
	return exitOK
}
