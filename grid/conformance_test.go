package grid

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// conformanceDir holds the language-neutral vectors: lists of
// {description, input, want | want_error [, want_fields]}. Error names map
// to sentinels; want_fields lists the path and rule of every problem of an
// "invalid" error, in order (see README.md there).
const conformanceDir = "../testdata/conformance/v2/grid"

type conformanceVector struct {
	Description string          `json:"description"`
	Input       json.RawMessage `json:"input"`
	Want        json.RawMessage `json:"want"`
	WantError   string          `json:"want_error"`
	WantFields  json.RawMessage `json:"want_fields"`
}

// fieldRule is the part of a field problem that vectors fix: its path and
// rule. Messages are for people and differ between implementations.
type fieldRule struct {
	Path string `json:"path"`
	Rule string `json:"rule"`
}

// fieldRules returns the path and rule of every problem err carries, in
// the order reported: an empty list for nil, nil for an error that is not
// a *grassroots.ValidationError.
func fieldRules(err error) []fieldRule {
	out := []fieldRule{}
	if err == nil {
		return out
	}
	var ve *grassroots.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	for _, f := range ve.Fields {
		out = append(out, fieldRule{Path: f.Path, Rule: f.Rule})
	}
	return out
}

// assertFieldRules checks that err carries exactly the problems of want, a
// vector's want_fields; a vector without want_fields checks nothing here.
func assertFieldRules(t *testing.T, want json.RawMessage, err error, what string) {
	t.Helper()
	if len(want) == 0 {
		return
	}
	got, jerr := json.Marshal(fieldRules(err))
	require.NoError(t, jerr, what)
	assert.JSONEq(t, string(want), string(got), "%s: field problems of %v", what, err)
}

var conformanceErrors = map[string]error{
	"invalid":          grassroots.ErrInvalid,
	"invalid_code":     ErrInvalidCode,
	"invalid_division": ErrInvalidDivision,
	"unknown_name":     grassroots.ErrUnknownName,
	"invalid_point":    ErrInvalidPoint,
	"no_inverse":       ErrNoInverse,
}

// conformanceRunners runs one vector of the file it is named after and
// returns the result (marshalled and compared with want) or an error.
var conformanceRunners = map[string]func(t *testing.T, input json.RawMessage) (any, error){
	"locate.json":   runLocateVector,
	"crs.json":      runCRSVector,
	"codes.json":    runCodeVector,
	"validate.json": runValidateVector,
}

func TestConformance(t *testing.T) {
	for name, run := range conformanceRunners {
		raw, err := os.ReadFile(filepath.Join(conformanceDir, name))
		require.NoError(t, err, name)
		var vectors []conformanceVector
		require.NoError(t, json.Unmarshal(raw, &vectors), name)
		require.NotEmpty(t, vectors, name)
		for _, v := range vectors {
			got, err := run(t, v.Input)
			if v.WantError != "" {
				want, ok := conformanceErrors[v.WantError]
				require.True(t, ok, "%s: %s: unknown error name %q", name, v.Description, v.WantError)
				assert.ErrorIs(t, err, want, "%s: %s", name, v.Description)
				assertFieldRules(t, v.WantFields, err, name+": "+v.Description)
				continue
			}
			if !assert.NoError(t, err, "%s: %s", name, v.Description) {
				continue
			}
			if cmp, ok := got.(func(want json.RawMessage) bool); ok {
				assert.True(t, cmp(v.Want), "%s: %s: want %s", name, v.Description, v.Want)
				continue
			}
			b, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, string(v.Want), string(b), "%s: %s", name, v.Description)
		}
	}
}

func runLocateVector(t *testing.T, input json.RawMessage) (any, error) {
	var in struct {
		Grids    []Grid `json:"grids"`
		Point    Point  `json:"point"`
		IndexCRS CRS    `json:"index_crs"`
		PointCRS CRS    `json:"point_crs"`
	}
	require.NoError(t, json.Unmarshal(input, &in))
	ix, err := NewIndex(in.Grids, IndexOptions{CRS: in.IndexCRS})
	if err != nil {
		return nil, err
	}
	if in.PointCRS == 0 {
		in.PointCRS = ix.CRS()
	}
	code, ok := ix.LocateIn(in.Point, in.PointCRS)
	return struct {
		Found bool `json:"found"`
		Code  Code `json:"code"`
	}{ok, code}, nil
}

func runCRSVector(t *testing.T, input json.RawMessage) (any, error) {
	// The point is read as plain numbers: an out-of-range point must reach
	// Convert, which reports it.
	var raw struct {
		Point []float64 `json:"point"`
		From  string    `json:"from"`
		To    string    `json:"to"`
	}
	require.NoError(t, json.Unmarshal(input, &raw))
	require.Len(t, raw.Point, 2)
	p := Point{Lng: raw.Point[0], Lat: raw.Point[1]}
	from, err := ParseCRS(raw.From)
	if err != nil {
		return nil, err
	}
	to, err := ParseCRS(raw.To)
	if err != nil {
		return nil, err
	}
	got, err := Convert(p, from, to)
	if err != nil {
		return nil, err
	}
	return func(want json.RawMessage) bool {
		var w struct {
			Point     []float64 `json:"point"`
			Tolerance float64   `json:"tolerance"`
		}
		if json.Unmarshal(want, &w) != nil || len(w.Point) != 2 {
			return false
		}
		return assert.InDelta(t, w.Point[0], got.Lng, w.Tolerance) && assert.InDelta(t, w.Point[1], got.Lat, w.Tolerance)
	}, nil
}

func runCodeVector(t *testing.T, input json.RawMessage) (any, error) {
	var in struct {
		Code     *string `json:"code"`
		Division *string `json:"division"`
	}
	require.NoError(t, json.Unmarshal(input, &in))
	switch {
	case in.Code != nil:
		c, err := ParseCode(*in.Code)
		if err != nil {
			return nil, err
		}
		return map[string]Code{"code": c}, nil
	case in.Division != nil:
		return ParseDivision(*in.Division)
	}
	return nil, errors.New("vector names neither code nor division")
}

// runValidateVector checks a grid and returns its problems, path and rule:
// an empty list for a valid grid.
func runValidateVector(t *testing.T, input json.RawMessage) (any, error) {
	var g Grid
	require.NoError(t, json.Unmarshal(input, &g))
	rules := fieldRules(g.Validate())
	require.NotNil(t, rules, "Validate returns nil or a *grassroots.ValidationError")
	return rules, nil
}
