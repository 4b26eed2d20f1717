package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/grid/geojson"
)

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	require.NoError(t, err, "csv output: %s", s)
	return rows
}

// The locate vectors run through the command: grids written as GeoJSON,
// the point as CSV.
func TestLocateConformance(t *testing.T) {
	data, err := os.ReadFile(conformance("grid/locate.json"))
	require.NoError(t, err)
	var vectors []struct {
		Description string `json:"description"`
		Input       struct {
			Grids    []grid.Grid `json:"grids"`
			Point    grid.Point  `json:"point"`
			IndexCRS string      `json:"index_crs"`
			PointCRS string      `json:"point_crs"`
		} `json:"input"`
		Want *struct {
			Found bool   `json:"found"`
			Code  string `json:"code"`
		} `json:"want"`
	}
	require.NoError(t, json.Unmarshal(data, &vectors))
	dir := t.TempDir()
	ran := 0
	for i, v := range vectors {
		if v.Want == nil || v.Input.IndexCRS != "" {
			continue // refused grids are geojson's business; the command indexes in the grids' system
		}
		var b bytes.Buffer
		require.NoError(t, geojson.Encode(&b, v.Input.Grids, geojson.EncodeOptions{}), v.Description)
		path := write(t, dir, fmt.Sprintf("grids-%d.geojson", i), b.Bytes())
		args := []string{"locate", "-grids", path, "-grid-crs", v.Input.Grids[0].CRS.String()}
		if v.Input.PointCRS != "" {
			args = append(args, "-crs", v.Input.PointCRS)
		}
		p := v.Input.Point
		r := cli(fmt.Sprintf("id,lng,lat\np,%s,%s\n", fmtFloat(p.Lng), fmtFloat(p.Lat)), args...)
		rows := readCSV(t, r.stdout)
		require.Len(t, rows, 2, "%s: %s", v.Description, r)
		assert.Equal(t, []string{"id", "lng", "lat", "code"}, rows[0], v.Description)
		assert.Equal(t, v.Want.Code, rows[1][3], v.Description)
		want := exitOK
		if !v.Want.Found {
			want = exitFail
		}
		assert.Equal(t, want, r.code, "%s: %s", v.Description, r)
		ran++
	}
	assert.Greater(t, ran, 20, "vectors run")
}

// The Wenzhou districts locate each district's centroid, given in
// WGS84, as the SDK's index does, and nearly every centroid lies in its
// own district.
func TestLocateWenzhou(t *testing.T) {
	path := wenzhou(t)
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	grids, err := geojson.Decode(f, geojson.Options{CodeProperty: "adcode", CRS: grid.GCJ02})
	require.NoError(t, err)
	ix, err := grid.NewIndex(grids, grid.IndexOptions{})
	require.NoError(t, err)

	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var fc struct {
		Features []struct {
			Properties struct {
				Adcode   int        `json:"adcode"`
				Centroid grid.Point `json:"centroid"`
			} `json:"properties"`
		} `json:"features"`
	}
	require.NoError(t, json.Unmarshal(raw, &fc))
	var in strings.Builder
	in.WriteString("id,lng,lat\n")
	want := map[string]string{}
	own := map[string]bool{}
	for _, ft := range fc.Features {
		id := strconv.Itoa(ft.Properties.Adcode)
		gps, err := grid.Convert(ft.Properties.Centroid, grid.GCJ02, grid.WGS84)
		require.NoError(t, err, "centroid of %s", id)
		fmt.Fprintf(&in, "%s,%s,%s\n", id, fmtFloat(gps.Lng), fmtFloat(gps.Lat))
		code, _ := ix.LocateIn(gps, grid.WGS84)
		want[id] = string(code)
	}
	r := cli(in.String(), "locate", "-grids", path, "-code-prop", "adcode", "-grid-crs", "gcj02", "-crs", "wgs84")
	rows := readCSV(t, r.stdout)
	require.Len(t, rows, len(fc.Features)+1, "%s", r)
	for _, row := range rows[1:] {
		assert.Equal(t, want[row[0]], row[3], "centroid of %s", row[0])
		own[row[0]] = row[3] == row[0]
	}
	n := 0
	for _, ok := range own {
		if ok {
			n++
		}
	}
	assert.GreaterOrEqual(t, n, 10, "centroids in their own district: %v", own)

	// Taken as GCJ-02 (no conversion), the same numbers are about 540 m
	// off: a point near a border changes hands, so the flag matters.
	r = cli("id,lng,lat\nx,120.6994,27.9943\n", "locate", "-grids", path, "-code-prop", "adcode", "-grid-crs", "gcj02", "-format", "json")
	assert.Equal(t, exitOK, r.code, "%s", r)
	var out []map[string]string
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out), r.stdout)
	code, _ := ix.Locate(grid.Point{Lng: 120.6994, Lat: 27.9943})
	assert.Equal(t, []map[string]string{{"id": "x", "lng": "120.6994", "lat": "27.9943", "code": string(code)}}, out, "json output")
}

func TestLocateErrors(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	square := grid.Grid{Code: "g", Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84,
		Boundary: grid.MultiPolygon{{{{Lng: 72, Lat: 40}, {Lng: 72.1, Lat: 40}, {Lng: 72.1, Lat: 40.1}, {Lng: 72, Lat: 40.1}, {Lng: 72, Lat: 40}}}}}
	require.NoError(t, geojson.Encode(&b, []grid.Grid{square}, geojson.EncodeOptions{}))
	grids := write(t, dir, "g.geojson", b.Bytes())
	bad := write(t, dir, "bad.geojson", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}`))

	// A GCJ-02 position without a WGS84 inverse has no owner, and says why.
	r := cli("id,lng,lat\nedge,72.006,40.0\nin,72.05,40.05\n", "locate", "-grids", grids, "-crs", "gcj02")
	assert.Equal(t, exitFail, r.code, "%s", r)
	assert.Equal(t, [][]string{{"id", "lng", "lat", "code"}, {"edge", "72.006", "40.0", ""}, {"in", "72.05", "40.05", "g"}}, readCSV(t, r.stdout))
	assert.Contains(t, r.stderr, `line 2: id "edge"`, "the point without inverse is named")
	assert.Contains(t, r.stderr, "no unique inverse", "and why")

	for _, c := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"", []string{"locate"}, "-grids is required"},
		{"", []string{"locate", "-grids", grids, "-crs", "utm"}, "-crs"},
		{"", []string{"locate", "-grids", grids, "-grid-crs", "gps"}, "-grid-crs"},
		{"", []string{"locate", "-grids", bad}, "bad.geojson"},
		{"", []string{"locate", "-grids", "missing.geojson"}, "missing.geojson"},
		{"id,lng,lat\na,120,north\n", []string{"locate", "-grids", grids}, `line 2: latitude "north"`},
		{"a,120\n", []string{"locate", "-grids", grids}, "line 1: 2 columns"},
		{"a,200,28\n", []string{"locate", "-grids", grids}, "line 1: grid: invalid point"},
	} {
		r := cli(c.stdin, c.args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", c.args, r)
		assert.Contains(t, r.stderr, c.want, "%v: message", c.args)
	}
}

func TestConvertConformance(t *testing.T) {
	data, err := os.ReadFile(conformance("grid/crs.json"))
	require.NoError(t, err)
	var vectors []struct {
		Description string `json:"description"`
		Input       struct {
			Point    []float64 `json:"point"`
			From, To string
		} `json:"input"`
		Want *struct {
			Point     []float64 `json:"point"`
			Tolerance float64   `json:"tolerance"`
		} `json:"want"`
		WantError string `json:"want_error"`
	}
	require.NoError(t, json.Unmarshal(data, &vectors))
	for _, v := range vectors {
		in := fmt.Sprintf("id,lng,lat\np,%s,%s\n", fmtFloat(v.Input.Point[0]), fmtFloat(v.Input.Point[1]))
		r := cli(in, "convert", "-from", v.Input.From, "-to", v.Input.To)
		switch v.WantError {
		case "":
			require.Equal(t, exitOK, r.code, "%s: %s", v.Description, r)
			rows := readCSV(t, r.stdout)
			require.Len(t, rows, 2, v.Description)
			lng, err1 := strconv.ParseFloat(rows[1][1], 64)
			lat, err2 := strconv.ParseFloat(rows[1][2], 64)
			require.NoError(t, err1, v.Description)
			require.NoError(t, err2, v.Description)
			assert.InDelta(t, v.Want.Point[0], lng, v.Want.Tolerance, "%s: lng", v.Description)
			assert.InDelta(t, v.Want.Point[1], lat, v.Want.Tolerance, "%s: lat", v.Description)
		case "no_inverse":
			assert.Equal(t, exitFail, r.code, "%s: %s", v.Description, r)
			assert.Equal(t, [][]string{{"id", "lng", "lat"}}, readCSV(t, r.stdout), "%s: the row is left out", v.Description)
			assert.Contains(t, r.stderr, `line 2: id "p"`, "%s: the point is named", v.Description)
		case "unknown_name":
			assert.Equal(t, exitUsage, r.code, "%s: %s", v.Description, r)
			assert.Contains(t, r.stderr, "-from", "%s: the flag is named", v.Description)
		case "invalid_point":
			assert.Equal(t, exitUsage, r.code, "%s: %s", v.Description, r)
			assert.Contains(t, r.stderr, "line 2", "%s: the line is named", v.Description)
		default:
			require.Failf(t, "unknown want_error", "%q", v.WantError)
		}
	}
}

// Converting to GCJ-02 and back gives the points again, and the JSON
// form holds the same numbers as the CSV.
func TestConvertRoundTrip(t *testing.T) {
	in := "id,lng,lat\na,120.65,28\nb,116.3913,39.9072\nc,2.3522,48.8566\n"
	there := cli(in, "convert", "-from", "wgs84", "-to", "gcj02")
	require.Equal(t, exitOK, there.code, "%s", there)
	back := cli(there.stdout, "convert", "-from", "gcj02", "-to", "wgs84")
	require.Equal(t, exitOK, back.code, "%s", back)
	for i, row := range readCSV(t, back.stdout)[1:] {
		orig := readCSV(t, in)[i+1]
		for k := 1; k <= 2; k++ {
			a, _ := strconv.ParseFloat(orig[k], 64)
			b, _ := strconv.ParseFloat(row[k], 64)
			assert.InDelta(t, a, b, 1e-8, "round trip of %s", row[0])
		}
	}
	js := cli(in, "convert", "-from", "wgs84", "-to", "gcj02", "-format", "json")
	require.Equal(t, exitOK, js.code, "%s", js)
	var out []map[string]string
	require.NoError(t, json.Unmarshal([]byte(js.stdout), &out), js.stdout)
	rows := readCSV(t, there.stdout)
	require.Len(t, out, len(rows)-1)
	for i, o := range out {
		assert.Equal(t, map[string]string{"id": rows[i+1][0], "lng": rows[i+1][1], "lat": rows[i+1][2]}, o, "json row %d", i)
	}
	r := cli(in, "convert", "-to", "gcj02")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "-from is required")
}

// partitionFile writes the parent (when given) and children as GeoJSON
// features, the children naming the parent.
func partitionFile(t *testing.T, dir, name string, parent *grid.Grid, children []grid.Grid) string {
	t.Helper()
	type feature struct {
		Type       string            `json:"type"`
		ID         string            `json:"id"`
		Properties map[string]string `json:"properties"`
		Geometry   struct {
			Type        string            `json:"type"`
			Coordinates grid.MultiPolygon `json:"coordinates"`
		} `json:"geometry"`
	}
	var fs []feature
	add := func(g grid.Grid, parent string) {
		f := feature{Type: "Feature", ID: string(g.Code), Properties: map[string]string{}}
		if parent != "" {
			f.Properties["parent"] = parent
		}
		f.Geometry.Type, f.Geometry.Coordinates = "MultiPolygon", g.Boundary
		fs = append(fs, f)
	}
	parentCode := ""
	if parent != nil {
		parentCode = string(parent.Code)
		add(*parent, "")
	}
	for _, c := range children {
		add(c, parentCode)
	}
	b, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": fs})
	require.NoError(t, err)
	return write(t, dir, name, b)
}

type checkJSON struct {
	OK         bool `json:"ok"`
	Partitions []struct {
		Parent   string               `json:"parent"`
		Siblings bool                 `json:"siblings"`
		Children int                  `json:"children"`
		Report   grid.PartitionReport `json:"report"`
	} `json:"partitions"`
	Refused []struct {
		Index int `json:"index"`
	} `json:"refused"`
}

func TestCheckConformance(t *testing.T) {
	data, err := os.ReadFile(conformance("grid/partition.json"))
	require.NoError(t, err)
	type want struct {
		Area  float64     `json:"area_m2"`
		Codes []grid.Code `json:"codes"`
	}
	var vectors []struct {
		Description string `json:"description"`
		Input       struct {
			Parent     *grid.Grid  `json:"parent"`
			Children   []grid.Grid `json:"children"`
			Siblings   bool        `json:"siblings"`
			SliverArea float64     `json:"sliver_area"`
		} `json:"input"`
		Want struct {
			Overlaps, Gaps, Outside, Slivers []want
			Invalid                          []int
			AreaTolerance                    float64 `json:"area_tolerance"`
		} `json:"want"`
	}
	require.NoError(t, json.Unmarshal(data, &vectors))
	dir := t.TempDir()
	for i, v := range vectors {
		path := partitionFile(t, dir, fmt.Sprintf("p%d.geojson", i), v.Input.Parent, v.Input.Children)
		args := []string{"check", "-format", "json"}
		if v.Input.Siblings {
			args = append(args, "-siblings")
		}
		if v.Input.SliverArea != 0 {
			args = append(args, "-sliver", fmtFloat(v.Input.SliverArea))
		}
		r := cli("", append(args, path)...)
		var got checkJSON
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), "%s: %s", v.Description, r)
		if len(v.Want.Invalid) > 0 {
			// The command reads grids through grid/geojson, which
			// refuses an invalid grid before any check.
			assert.Equal(t, exitFail, r.code, "%s: %s", v.Description, r)
			require.Len(t, got.Refused, len(v.Want.Invalid), v.Description)
			assert.Equal(t, v.Want.Invalid[0]+1, got.Refused[0].Index, "%s: the feature after the parent", v.Description)
			continue
		}
		require.Len(t, got.Partitions, 1, "%s: %s", v.Description, r)
		rep := got.Partitions[0].Report
		total := len(v.Want.Overlaps) + len(v.Want.Gaps) + len(v.Want.Outside) + len(v.Want.Slivers)
		assert.Equal(t, total == 0, got.OK, v.Description)
		assert.Equal(t, map[bool]int{true: exitOK, false: exitFail}[total == 0], r.code, "%s: %s", v.Description, r)
		for _, k := range []struct {
			name string
			want []want
			got  []grid.Finding
		}{{"overlaps", v.Want.Overlaps, rep.Overlaps}, {"gaps", v.Want.Gaps, rep.Gaps}, {"outside", v.Want.Outside, rep.Outside}, {"slivers", v.Want.Slivers, rep.Slivers}} {
			require.Len(t, k.got, len(k.want), "%s: %s", v.Description, k.name)
			for j := range k.want {
				assert.InEpsilon(t, k.want[j].Area, k.got[j].Area, v.Want.AreaTolerance, "%s: %s[%d] area", v.Description, k.name, j)
				if k.want[j].Codes != nil {
					assert.Equal(t, k.want[j].Codes, k.got[j].Codes, "%s: %s[%d] codes", v.Description, k.name, j)
				}
			}
		}
	}
}

// The Wenzhou districts, which have no city outline in the file, are
// exact siblings; moved 0.002° east, Lucheng overlaps each of its four
// neighbours, every overlap reported with a witness inside both.
func TestCheckWenzhou(t *testing.T) {
	path := wenzhou(t)
	r := cli("", "check", "-code-prop", "adcode", "-crs", "gcj02", "-siblings", path)
	assert.Equal(t, exitOK, r.code, "%s", r)
	assert.Contains(t, r.stdout, "siblings under no parent (12 grids): ok")

	r = cli("", "check", "-code-prop", "adcode", "-parent-prop", "parent.adcode", "-crs", "gcj02", path)
	assert.Equal(t, exitUsage, r.code, "no parent outline: %s", r)
	assert.Contains(t, r.stderr, "(330300) are not features of the file")
	assert.Contains(t, r.stderr, "-siblings")

	for _, args := range [][]string{{"check", "-siblings", path}, {"locate", "-grids", path}} {
		r = cli("id,lng,lat\n", args...)
		assert.Equal(t, exitUsage, r.code, "%v without -code-prop: %s", args, r)
		assert.Contains(t, r.stderr, "-code-prop names the property", "%v: the flag to use", args)
	}

	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var fc map[string]any
	require.NoError(t, json.Unmarshal(raw, &fc))
	for _, f := range fc["features"].([]any) {
		ft := f.(map[string]any)
		if ft["properties"].(map[string]any)["adcode"].(float64) != 330302 {
			continue
		}
		var shift func(v any)
		shift = func(v any) {
			a := v.([]any)
			if _, isNum := a[0].(float64); isNum {
				a[0] = a[0].(float64) + 0.002
				return
			}
			for _, x := range a {
				shift(x)
			}
		}
		shift(ft["geometry"].(map[string]any)["coordinates"])
	}
	moved, err := json.Marshal(fc)
	require.NoError(t, err)
	dir := t.TempDir()
	movedPath := write(t, dir, "moved.geojson", moved)

	r = cli("", "check", "-code-prop", "adcode", "-crs", "gcj02", "-siblings", "-format", "json", movedPath)
	assert.Equal(t, exitFail, r.code, "%s", r)
	var got checkJSON
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
	require.Len(t, got.Partitions, 1)
	rep := got.Partitions[0].Report
	require.Len(t, rep.Overlaps, 4, "Lucheng moved onto its neighbours")
	assert.Empty(t, rep.Gaps, "what it uncovers meets the overlaps, so counts as outside the siblings")
	f, err := os.Open(movedPath)
	require.NoError(t, err)
	grids, err := geojson.Decode(f, geojson.Options{CodeProperty: "adcode", CRS: grid.GCJ02})
	f.Close()
	require.NoError(t, err)
	byCode := map[grid.Code]grid.Grid{}
	for _, g := range grids {
		byCode[g.Code] = g
	}
	for _, o := range rep.Overlaps {
		assert.Contains(t, o.Codes, grid.Code("330302"), "every overlap involves Lucheng: %v", o.Codes)
		for _, c := range o.Codes {
			assert.True(t, byCode[c].Boundary.ContainsHalfOpen(o.Witness), "witness %v of overlap %v inside %s", o.Witness, o.Codes, c)
		}
		assert.Greater(t, o.Area, 0.0, "area")
	}

	r = cli("", "check", "-code-prop", "adcode", "-crs", "gcj02", "-siblings", "-format", "geojson", movedPath)
	assert.Equal(t, exitFail, r.code, "%s", r)
	var out struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Type        string     `json:"type"`
				Coordinates grid.Point `json:"coordinates"`
			} `json:"geometry"`
			Properties struct {
				Defect string   `json:"defect"`
				Codes  []string `json:"codes"`
				Area   float64  `json:"area_m2"`
			} `json:"properties"`
		} `json:"features"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out), r.stdout)
	assert.Equal(t, "FeatureCollection", out.Type)
	require.Len(t, out.Features, len(rep.Overlaps)+len(rep.Gaps)+len(rep.Slivers), "one point per finding")
	for i, o := range rep.Overlaps {
		ft := out.Features[i]
		assert.Equal(t, "Point", ft.Geometry.Type)
		assert.Equal(t, o.Witness, ft.Geometry.Coordinates, "feature %d at the witness", i)
		assert.Equal(t, "overlap", ft.Properties.Defect)
		assert.True(t, math.Abs(ft.Properties.Area-o.Area) < 1e-6, "area")
	}

	r = cli("", "check", "-code-prop", "adcode", "-crs", "gcj02", "-siblings", "-format", "csv", movedPath)
	rows := readCSV(t, r.stdout)
	assert.Equal(t, []string{"parent", "defect", "codes", "witness_lng", "witness_lat", "area_m2", "sliver", "message"}, rows[0])
	assert.Len(t, rows, 1+len(rep.Overlaps)+len(rep.Gaps)+len(rep.Slivers), "one row per finding")
}
