package main

import (
	"cmp"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/grid/geojson"
)

var checkCommand = &command{
	name:  "check",
	args:  "[-code-prop P] [-parent-prop P] [-crs C] [-siblings] [-sliver M2] [-format text|json|csv|geojson] F.geojson",
	short: "check that grids partition their parent: overlaps, gaps, slivers",
	long: `
Check reads a GeoJSON FeatureCollection of grids (see "grassroots help
locate" for how features become grids, and -code-prop and -crs, which
names the file's coordinate system) and checks that they partition the
area they should, with the exact methods of package grid.

A partition is a parent and its children. A feature whose "parent"
property (or the property -parent-prop names, such as parent.adcode in
DataV files) is the code of another feature is that feature's child, and
each feature with children in the file is checked against them
(grid.CheckPartition): overlaps between children, gaps the children
leave inside the parent, children reaching outside it, and slivers
(defects below -sliver square metres, default 1). A file may hold a
whole hierarchy; every parent is checked.

When the file has no parent outline, as a city's file of districts, use
-siblings: the features with the same parent (or none) are checked as
siblings (grid.CheckSiblings), for overlaps and for the gaps they
enclose; nothing along their outer border counts as a gap, and nothing
is outside.

Every finding has the codes involved, a witness point strictly inside
the defect (in the file's coordinates) and its area in square metres on
the WGS84 ellipsoid. A feature that is not a valid grid (a ring that
crosses itself, parts that overlap) is refused and reported.

Output: text (default) writes each partition's findings and a summary;
json writes {"ok", "partitions": [{"parent", "siblings", "children",
"report"}], "refused"}, the report in the SDK's JSON (schema
grid/partition_report); csv writes the findings with the header
parent,defect,codes,witness_lng,witness_lat,area_m2,sliver,message;
geojson writes the findings as a FeatureCollection of Points at their
witnesses, with properties parent, defect, codes, area_m2 and sliver, to
lay over the grids on a map.

Exit status: 0 when every partition is exact, 1 when there are defects
or refused features, 2 when the file cannot be read, has no partition to
check, or a flag is wrong.
`,
	examples: []example{
		{about: "the Wenzhou districts, which have no city outline, as siblings",
			cmd: "grassroots check -code-prop adcode -crs gcj02 -siblings districts.geojson"},
		{about: "a community and its grids; the defects as points for a map",
			cmd: "grassroots check -format geojson community.geojson > defects.geojson", exit: exitFail},
	},
	newFlags: func() commandFlags { return &checkFlags{} },
}

type checkFlags struct {
	codeProp, parentProp string
	crs                  crsFlag
	siblings             bool
	sliver               float64
	format               *choice
}

func (f *checkFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.codeProp, "code-prop", "", "`property` holding the grid code (default: the feature id, or \"code\")")
	fs.StringVar(&f.parentProp, "parent-prop", "", "`property` holding the parent code (default \"parent\"; parent.adcode for DataV)")
	fs.Var(&f.crs, "crs", "coordinate `system` of the file: wgs84, gcj02, bd09 (default wgs84)")
	fs.BoolVar(&f.siblings, "siblings", false, "check the features of each parent as siblings, without the parent's outline")
	fs.Float64Var(&f.sliver, "sliver", 0, "`area` in m² below which a defect is a sliver (default 1; negative: no slivers)")
	f.format = formatFlag(fs, "text", "text", "json", "csv", "geojson")
}

// partitionResult is the check of one parent's children.
type partitionResult struct {
	Parent   grid.Code            `json:"parent,omitempty"`
	Siblings bool                 `json:"siblings"`
	Children int                  `json:"children"`
	Report   grid.PartitionReport `json:"report"`
}

// refusedFeature is a feature the decoder refused.
type refusedFeature struct {
	Index int    `json:"index"`
	Code  string `json:"code,omitempty"`
	Error string `json:"error"`
}

type checkResult struct {
	OK         bool              `json:"ok"`
	Partitions []partitionResult `json:"partitions"`
	Refused    []refusedFeature  `json:"refused,omitempty"`
}

func (f *checkFlags) run(e *env, args []string) int {
	name, ok := e.oneArg(args, "F.geojson")
	if !ok {
		return exitUsage
	}
	in, err := e.open(name)
	if err != nil {
		return e.unreadable(err)
	}
	grids, err := geojson.Decode(in, geojson.Options{CodeProperty: f.codeProp, ParentProperty: f.parentProp, CRS: f.crs.v})
	in.Close()
	res := checkResult{Partitions: []partitionResult{}}
	if err != nil {
		fes := featureErrors(err)
		if fes == nil || errors.Is(err, geojson.ErrProperty) {
			// Not a file of features, or one read with the wrong flags.
			return e.unreadable(gridsError(name, err))
		}
		for _, fe := range fes {
			res.Refused = append(res.Refused, refusedFeature{Index: fe.Index, Code: fe.ID, Error: fe.Error()})
		}
	} else {
		groups := partitions(grids, f.siblings)
		if len(groups) == 0 {
			if missing := absentParents(grids); len(missing) > 0 {
				return e.usage("the parents the features of %s name (%s) are not features of the file; check the features as siblings with -siblings", name, strings.Join(missing, ", "))
			}
			return e.usage("no feature of %s is the parent of another (by its %q property); name the parent property with -parent-prop, or check the features as siblings with -siblings", name, cmp.Or(f.parentProp, "parent"))
		}
		bar := e.progress("checking", "partitions", int64(len(groups)))
		opts := grid.PartitionOptions{SliverArea: f.sliver}
		for _, g := range groups {
			r := partitionResult{Parent: g.parent.Code, Siblings: f.siblings, Children: len(g.children)}
			if f.siblings {
				r.Parent = g.children[0].Parent
				r.Report = grid.CheckSiblings(g.children, opts)
			} else {
				r.Report = grid.CheckPartition(g.parent, g.children, opts)
			}
			res.Partitions = append(res.Partitions, r)
			bar.add(1)
		}
		bar.finish()
	}
	res.OK = len(res.Refused) == 0
	for _, p := range res.Partitions {
		res.OK = res.OK && p.Report.OK()
	}
	if err := res.write(e, name, f.format.value); err != nil {
		return e.unreadable(err)
	}
	if !res.OK {
		return exitFail
	}
	return exitOK
}

type partitionGroup struct {
	parent   grid.Grid
	children []grid.Grid
}

// partitions groups grids into the partitions to check, sorted by
// parent code: each grid of the file with children in it, or with
// siblings every set of grids sharing a parent code (empty included).
func partitions(grids []grid.Grid, siblings bool) []partitionGroup {
	byCode := map[grid.Code]int{}
	for i, g := range grids {
		byCode[g.Code] = i
	}
	kids := map[grid.Code][]grid.Grid{}
	for _, g := range grids {
		if _, inFile := byCode[g.Parent]; siblings || (g.Parent != "" && inFile) {
			kids[g.Parent] = append(kids[g.Parent], g)
		}
	}
	var out []partitionGroup
	for code, children := range kids {
		g := partitionGroup{children: children}
		if !siblings {
			g.parent = grids[byCode[code]]
		}
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b partitionGroup) int { return cmp.Compare(a.children[0].Parent, b.children[0].Parent) })
	return out
}

// absentParents returns the parent codes grids name that none of them
// has, sorted.
func absentParents(grids []grid.Grid) []string {
	have := map[grid.Code]bool{}
	for _, g := range grids {
		have[g.Code] = true
	}
	var out []string
	for _, g := range grids {
		if g.Parent != "" && !have[g.Parent] && !slices.Contains(out, string(g.Parent)) {
			out = append(out, string(g.Parent))
		}
	}
	slices.Sort(out)
	return out
}

// finding is one row of the output: a finding of a partition, or an
// invalid grid.
type finding struct {
	parent  grid.Code
	defect  string
	codes   []string
	witness *grid.Point
	area    float64
	sliver  bool
	message string
}

func (r *checkResult) findings() []finding {
	var out []finding
	for _, p := range r.Partitions {
		add := func(fs []grid.Finding, sliver bool) {
			for _, f := range fs {
				codes := make([]string, len(f.Codes))
				for i, c := range f.Codes {
					codes[i] = string(c)
				}
				w := f.Witness
				out = append(out, finding{parent: p.Parent, defect: f.Defect.String(), codes: codes, witness: &w, area: f.Area, sliver: sliver})
			}
		}
		add(p.Report.Overlaps, false)
		add(p.Report.Gaps, false)
		add(p.Report.Outside, false)
		add(p.Report.Slivers, true)
		for _, g := range p.Report.Invalid {
			msg := ""
			if g.Err != nil {
				msg = g.Err.Error()
			}
			out = append(out, finding{parent: p.Parent, defect: "invalid", codes: []string{string(g.Code)}, message: msg})
		}
	}
	for _, rf := range r.Refused {
		out = append(out, finding{defect: "refused", codes: []string{rf.Code}, message: rf.Error})
	}
	return out
}

func (r *checkResult) write(e *env, name, format string) error {
	switch format {
	case "json":
		return writeJSON(e.stdout, r)
	case "csv":
		cw := csv.NewWriter(e.stdout)
		cw.Write([]string{"parent", "defect", "codes", "witness_lng", "witness_lat", "area_m2", "sliver", "message"})
		for _, f := range r.findings() {
			lng, lat, area := "", "", ""
			if f.witness != nil {
				lng, lat, area = fmtFloat(f.witness.Lng), fmtFloat(f.witness.Lat), fmtFloat(f.area)
			}
			cw.Write([]string{string(f.parent), f.defect, strings.Join(f.codes, " "), lng, lat, area, strconv.FormatBool(f.sliver), f.message})
		}
		cw.Flush()
		return cw.Error()
	case "geojson":
		return r.writeGeoJSON(e)
	}
	w := e.stdout
	for _, p := range r.Partitions {
		what := "partition of " + string(p.Parent)
		if p.Siblings {
			what = "siblings under " + cmp.Or(string(p.Parent), "no parent")
		}
		n := len(p.Report.Overlaps) + len(p.Report.Gaps) + len(p.Report.Outside) + len(p.Report.Slivers) + len(p.Report.Invalid)
		status := "ok"
		if n > 0 {
			status = strconv.Itoa(n) + " defects"
		}
		fmt.Fprintf(w, "%s (%d grids): %s\n", what, p.Children, status)
		if p.Report.Truncated {
			fmt.Fprintln(w, "\ta grid overlaps more than 64 others: only the first 64 pairs were examined")
		}
	}
	for _, f := range r.findings() {
		fmt.Fprintf(w, "\t%s\n", f.text())
	}
	if r.OK {
		_, err := fmt.Fprintf(w, "%s: ok\n", name)
		return err
	}
	_, err := fmt.Fprintf(w, "%s: defects found\n", name)
	return err
}

func (f finding) text() string {
	var b strings.Builder
	if f.sliver {
		b.WriteString("sliver ")
	}
	b.WriteString(f.defect)
	if len(f.codes) > 0 && f.codes[0] != "" {
		b.WriteString(" " + strings.Join(f.codes, " "))
	}
	if f.parent != "" {
		fmt.Fprintf(&b, " (under %s)", f.parent)
	}
	if f.witness != nil {
		fmt.Fprintf(&b, ": %s m² at %s", strconv.FormatFloat(f.area, 'f', 1, 64), f.witness)
	}
	if f.message != "" {
		b.WriteString(": " + f.message)
	}
	return b.String()
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// writeGeoJSON writes the findings with a witness as Point features;
// invalid and refused grids, which have none, go to standard error.
func (r *checkResult) writeGeoJSON(e *env) error {
	type props struct {
		Parent string   `json:"parent,omitempty"`
		Defect string   `json:"defect"`
		Codes  []string `json:"codes"`
		Area   float64  `json:"area_m2"`
		Sliver bool     `json:"sliver"`
	}
	type geometry struct {
		Type        string     `json:"type"`
		Coordinates grid.Point `json:"coordinates"`
	}
	type feature struct {
		Type       string   `json:"type"`
		Geometry   geometry `json:"geometry"`
		Properties props    `json:"properties"`
	}
	features := []feature{}
	for _, f := range r.findings() {
		if f.witness == nil {
			e.warn("%s", f.text())
			continue
		}
		codes := f.codes
		if codes == nil {
			codes = []string{}
		}
		features = append(features, feature{Type: "Feature", Geometry: geometry{Type: "Point", Coordinates: *f.witness},
			Properties: props{Parent: string(f.parent), Defect: f.defect, Codes: codes, Area: f.area, Sliver: f.sliver}})
	}
	return writeJSON(e.stdout, struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{"FeatureCollection", features})
}
