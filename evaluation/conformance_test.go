package evaluation

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Conformance vectors live in testdata/conformance/v2/evaluation/<function>.json
// as [{description, input, want | want_error [, want_fields]}]. want is
// compared as a subset of the result's JSON: every key it names must
// match, strings that are decimals by value (so "0.50" matches "0.5").
// want_error names the sentinel the error must match; want_fields lists
// the path and rule of every problem of an "invalid" error, in order.

const conformanceDir = "../testdata/conformance/v2/evaluation"

type vector struct {
	Description string          `json:"description"`
	Input       json.RawMessage `json:"input"`
	Want        json.RawMessage `json:"want"`
	WantError   string          `json:"want_error"`
	WantFields  json.RawMessage `json:"want_fields"`
}

var sentinels = map[string]error{
	"invalid":           grassroots.ErrInvalid,
	"unknown_name":      grassroots.ErrUnknownName,
	"pairwise":          ErrPairwise,
	"ri_range":          ErrRIRange,
	"inconsistent":      ErrInconsistent,
	"shape":             ErrShape,
	"value":             ErrValue,
	"degenerate":        ErrDegenerate,
	"unknown_indicator": ErrUnknownIndicator,
	"party_not_allowed": ErrPartyNotAllowed,
	"missing":           ErrMissing,
	"option":            ErrOption,
}

func riTable(name string) (RITable, error) {
	if name == "" {
		return RITable{}, nil
	}
	return ParseRITable(name)
}

// nullableMatrix reads rows of numbers with null for a missing value.
type nullableMatrix [][]*float64

func (m nullableMatrix) floats() [][]float64 {
	out := make([][]float64, len(m))
	for i, row := range m {
		out[i] = make([]float64, len(row))
		for j, v := range row {
			out[i][j] = math.NaN()
			if v != nil {
				out[i][j] = *v
			}
		}
	}
	return out
}

var runners = map[string]func(in json.RawMessage) (any, error){
	"ahp": func(in json.RawMessage) (any, error) {
		var v struct {
			Matrix     string          `json:"matrix"`
			Method     Method          `json:"method"`
			RITable    string          `json:"ri_table"`
			Threshold  decimal.Decimal `json:"threshold"`
			AllowEqual bool            `json:"allow_equal"`
			Strict     bool            `json:"strict"`
			Scale      int32           `json:"scale"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		m, err := ParsePairwise(v.Matrix)
		if err != nil {
			return nil, err
		}
		ri, err := riTable(v.RITable)
		if err != nil {
			return nil, err
		}
		return AHP(m, AHPOptions{Method: v.Method, RI: ri, Threshold: v.Threshold, AllowEqual: v.AllowEqual, Strict: v.Strict, Scale: v.Scale})
	},
	"entropy_weights": func(in json.RawMessage) (any, error) {
		var v struct {
			X     [][]decimal.Decimal `json:"x"`
			Scale int32               `json:"scale"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return EntropyWeights(v.X, WeightOptions{Scale: v.Scale})
	},
	"critic": func(in json.RawMessage) (any, error) {
		var v struct {
			X          [][]decimal.Decimal `json:"x"`
			Directions []Direction         `json:"directions"`
			Scale      int32               `json:"scale"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return CRITIC(v.X, v.Directions, WeightOptions{Scale: v.Scale})
	},
	"topsis": func(in json.RawMessage) (any, error) {
		var v struct {
			X             [][]decimal.Decimal `json:"x"`
			Weights       []decimal.Decimal   `json:"weights"`
			Directions    []Direction         `json:"directions"`
			Normalization Normalization       `json:"normalization"`
			Scale         int32               `json:"scale"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return TOPSIS(v.X, v.Weights, v.Directions, TOPSISOptions{Normalization: v.Normalization, Scale: v.Scale})
	},
	"fuzzy_evaluate": func(in json.RawMessage) (any, error) {
		var v struct {
			Weights    []decimal.Decimal   `json:"weights"`
			Membership [][]decimal.Decimal `json:"membership"`
			fuzzyVectorOptions
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return FuzzyEvaluate(v.Weights, v.Membership, v.options())
	},
	"fuzzy_two_level": func(in json.RawMessage) (any, error) {
		var v struct {
			Weights []decimal.Decimal `json:"weights"`
			Groups  []FuzzyGroup      `json:"groups"`
			fuzzyVectorOptions
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return FuzzyEvaluateTwoLevel(v.Weights, v.Groups, v.options())
	},
	"group_ahp": func(in json.RawMessage) (any, error) {
		var v struct {
			Matrices []Pairwise        `json:"matrices"`
			Experts  []decimal.Decimal `json:"experts"`
			Method   GroupMethod       `json:"method"`
			Scale    int32             `json:"scale"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return GroupAHP(v.Matrices, v.Experts, v.Method, AHPOptions{Scale: v.Scale})
	},
	"synthesize": func(in json.RawMessage) (any, error) {
		var v struct {
			Root  Node  `json:"root"`
			Scale int32 `json:"scale"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return Synthesize(v.Root, AHPOptions{Scale: v.Scale})
	},
	"with_weights": func(in json.RawMessage) (any, error) {
		var v struct {
			System  System                     `json:"system"`
			Group   string                     `json:"group"`
			Weights map[string]decimal.Decimal `json:"weights"`
			Scale   int32                      `json:"scale"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return v.System.WithWeights(v.Group, v.Weights, v.Scale)
	},
	"nps": func(in json.RawMessage) (any, error) {
		var v struct {
			Scores []int `json:"scores"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return NPS(v.Scores, SatisfactionOptions{})
	},
	"csat": func(in json.RawMessage) (any, error) {
		var v struct {
			Ratings []int `json:"ratings"`
			Points  int   `json:"points"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return CSAT(v.Ratings, v.Points, SatisfactionOptions{})
	},
	"likert_index": func(in json.RawMessage) (any, error) {
		var v struct {
			Ratings []int `json:"ratings"`
			Points  int   `json:"points"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return LikertIndex(v.Ratings, v.Points, SatisfactionOptions{})
	},
	"service_rating": func(in json.RawMessage) (any, error) {
		var v ServiceTally
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return ServiceRating(v, SatisfactionOptions{})
	},
	"krippendorff_alpha": func(in json.RawMessage) (any, error) {
		var v struct {
			Data  nullableMatrix `json:"data"`
			Level Level          `json:"level"`
			Scale int32          `json:"scale"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return KrippendorffAlpha(v.Data.floats(), v.Level, ReliabilityOptions{Scale: v.Scale})
	},
	"kendall_w": func(in json.RawMessage) (any, error) {
		var v struct {
			Scores [][]float64 `json:"scores"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return KendallW(v.Scores, ReliabilityOptions{})
	},
	"weighted_sum": func(in json.RawMessage) (any, error) {
		var v struct {
			System  System                     `json:"system"`
			Values  map[string]decimal.Decimal `json:"values"`
			Missing MissingPolicy              `json:"missing"`
			Scale   int32                      `json:"scale"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return WeightedSum(v.System, v.Values, ScoreOptions{Missing: v.Missing, Scale: v.Scale})
	},
	"aggregate": func(in json.RawMessage) (any, error) {
		var v struct {
			System  System   `json:"system"`
			Ratings []Rating `json:"ratings"`
			Options struct {
				Central      Central                                         `json:"central"`
				Trim         decimal.Decimal                                 `json:"trim"`
				PartyWeights map[grassroots.Party]decimal.Decimal            `json:"party_weights"`
				ByIndicator  map[string]map[grassroots.Party]decimal.Decimal `json:"indicator_party_weights"`
				Missing      MissingPolicy                                   `json:"missing"`
				MinSamples   map[grassroots.Party]int                        `json:"min_samples"`
			} `json:"options"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		o := v.Options
		return Aggregate(v.System, v.Ratings, AggregateOptions{
			Central: o.Central, Trim: o.Trim, PartyWeights: o.PartyWeights, IndicatorPartyWeights: o.ByIndicator,
			Missing: o.Missing, MinSamples: o.MinSamples,
		})
	},
	"normalize_weights": func(in json.RawMessage) (any, error) {
		var v struct {
			Weights []decimal.Decimal `json:"weights"`
			Scale   int32             `json:"scale"`
		}
		if err := json.Unmarshal(in, &v); err != nil {
			return nil, err
		}
		return NormalizeWeights(v.Weights, v.Scale)
	},
}

func TestConformance(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(conformanceDir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "conformance vectors in %s", conformanceDir)
	seen := map[string]bool{}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		run, ok := runners[name]
		require.True(t, ok, "no runner for %s", file)
		seen[name] = true
		raw, err := os.ReadFile(file)
		require.NoError(t, err)
		var vectors []vector
		require.NoError(t, json.Unmarshal(raw, &vectors), file)
		for _, v := range vectors {
			t.Run(name+"/"+v.Description, func(t *testing.T) {
				got, err := run(v.Input)
				if v.WantError != "" {
					want, ok := sentinels[v.WantError]
					require.True(t, ok, "unknown want_error %q", v.WantError)
					assert.ErrorIs(t, err, want)
					assertFieldRules(t, v.WantFields, err)
					return
				}
				require.NoError(t, err)
				out, err := json.Marshal(got)
				require.NoError(t, err)
				var gotAny, wantAny any
				require.NoError(t, json.Unmarshal(out, &gotAny))
				require.NoError(t, json.Unmarshal(v.Want, &wantAny))
				if bad := subsetMismatches("", wantAny, gotAny); len(bad) > 0 {
					t.Errorf("%s\ngot: %s", strings.Join(bad, "\n"), out)
				}
			})
		}
	}
	names := make([]string, 0, len(runners))
	for n := range runners {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		assert.True(t, seen[n], "no vector file for %s", n)
	}
}

// fuzzyVectorOptions are the options a fuzzy vector may set.
type fuzzyVectorOptions struct {
	Operator    Operator          `json:"operator"`
	Normalize   bool              `json:"normalize"`
	GradeScores []decimal.Decimal `json:"grade_scores"`
	Scale       int32             `json:"scale"`
}

func (o fuzzyVectorOptions) options() FuzzyOptions {
	return FuzzyOptions{Operator: o.Operator, Normalize: o.Normalize, GradeScores: o.GradeScores, Scale: o.Scale}
}

// assertFieldRules checks that err carries exactly the problems of want,
// a vector's want_fields, by path and rule; without want_fields it checks
// nothing.
func assertFieldRules(t *testing.T, want json.RawMessage, err error) {
	t.Helper()
	if len(want) == 0 {
		return
	}
	type fieldRule struct {
		Path string `json:"path"`
		Rule string `json:"rule"`
	}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, "want_fields needs a *grassroots.ValidationError")
	got := make([]fieldRule, len(ve.Fields))
	for i, f := range ve.Fields {
		got[i] = fieldRule{f.Path, f.Rule}
	}
	out, jerr := json.Marshal(got)
	require.NoError(t, jerr)
	assert.JSONEq(t, string(want), string(out), "field problems of %v", err)
}

// subsetMismatches lists where got differs from want, looking only at what
// want names.
func subsetMismatches(path string, want, got any) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an object, got %v", path, got)}
		}
		var out []string
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, subsetMismatches(path+"."+k, w[k], g[k])...)
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: want %d elements, got %v", path, len(w), got)}
		}
		var out []string
		for i := range w {
			out = append(out, subsetMismatches(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
		}
		return out
	case string:
		if g, ok := got.(string); ok {
			wd, err1 := decimal.NewFromString(w)
			gd, err2 := decimal.NewFromString(g)
			if err1 == nil && err2 == nil && wd.Equal(gd) || w == g {
				return nil
			}
		}
	default:
		if fmt.Sprint(want) == fmt.Sprint(got) {
			return nil
		}
	}
	return []string{fmt.Sprintf("%s: want %v, got %v", path, want, got)}
}
