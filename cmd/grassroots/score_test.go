package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
)

type aggregateVector struct {
	Description string `json:"description"`
	Input       struct {
		System  json.RawMessage     `json:"system"`
		Ratings []evaluation.Rating `json:"ratings"`
		Options struct {
			Central    string         `json:"central"`
			Missing    string         `json:"missing"`
			MinSamples map[string]int `json:"min_samples"`
		} `json:"options"`
	} `json:"input"`
	Want      json.RawMessage `json:"want"`
	WantError string          `json:"want_error"`
}

func aggregateVectors(t *testing.T) []aggregateVector {
	t.Helper()
	data, err := os.ReadFile(conformance("evaluation/aggregate.json"))
	require.NoError(t, err)
	var vs []aggregateVector
	require.NoError(t, json.Unmarshal(data, &vs))
	require.NotEmpty(t, vs)
	return vs
}

// ratingsCSV writes ratings with the columns in an order of its own, to
// show that the header decides.
func ratingsCSV(t *testing.T, rs []evaluation.Rating) string {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"party", "subject", "value", "indicator", "rater", "at"})
	for _, r := range rs {
		w.Write([]string{r.Party.String(), r.Subject, r.Value.String(), r.Indicator, r.Rater, r.At.Format(time.RFC3339)})
	}
	w.Flush()
	require.NoError(t, w.Error())
	return b.String()
}

// scoreArgs returns the flags for a vector's options.
func (v aggregateVector) scoreArgs() []string {
	var args []string
	if v.Input.Options.Central != "" {
		args = append(args, "-central", v.Input.Options.Central)
	}
	if v.Input.Options.Missing != "" {
		args = append(args, "-missing", v.Input.Options.Missing)
	}
	if len(v.Input.Options.MinSamples) > 0 {
		var kv []string
		for p, n := range v.Input.Options.MinSamples {
			kv = append(kv, fmt.Sprintf("%s=%d", p, n))
		}
		sort.Strings(kv)
		args = append(args, "-min-samples", strings.Join(kv, ","))
	}
	return args
}

func TestScoreConformance(t *testing.T) {
	dir := t.TempDir()
	for i, v := range aggregateVectors(t) {
		sys := write(t, dir, fmt.Sprintf("system-%d.json", i), v.Input.System)
		ratings := write(t, dir, fmt.Sprintf("ratings-%d.csv", i), []byte(ratingsCSV(t, v.Input.Ratings)))
		r := cli("", append(append([]string{"score", "-system", sys, "-format", "json"}, v.scoreArgs()...), ratings)...)
		if v.WantError != "" {
			assert.Equal(t, exitFail, r.code, "%s: %s", v.Description, r)
			s, err := evaluation.ParseSystem(v.Input.System)
			require.NoError(t, err)
			_, err = evaluation.Aggregate(s, v.Input.Ratings, evaluation.AggregateOptions{})
			var re *evaluation.RatingError
			if errors.As(err, &re) {
				assert.Contains(t, r.stderr, fmt.Sprintf("line %d:", re.Index+2), "%s: the refused rating's line", v.Description)
			}
			continue
		}
		require.Contains(t, []int{exitOK, exitFail}, r.code, "%s: %s", v.Description, r)
		var got, want any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), "%s: %s", v.Description, r)
		require.NoError(t, json.Unmarshal(v.Want, &want))
		assert.Empty(t, subsetMismatches("", want, got), "%s", v.Description)
	}
}

// subsetMismatches lists where got differs from want, looking only at
// what want names; decimal strings compare by value.
func subsetMismatches(path string, want, got any) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{path + ": not an object"}
		}
		var out []string
		for k := range w {
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
		g, ok := got.(string)
		if ok && g == w {
			return nil
		}
		dw, err1 := decimal.NewFromString(w)
		dg, err2 := decimal.NewFromString(g)
		if ok && err1 == nil && err2 == nil && dw.Equal(dg) {
			return nil
		}
	default:
		if fmt.Sprint(want) == fmt.Sprint(got) {
			return nil
		}
	}
	return []string{fmt.Sprintf("%s: want %v, got %v", path, want, got)}
}

// The text and CSV forms give the numbers of the scorecards; a subject
// with nothing to score fails the run.
func TestScoreFormats(t *testing.T) {
	v := aggregateVectors(t)[0]
	dir := t.TempDir()
	sys := write(t, dir, "system.json", v.Input.System)
	ratings := write(t, dir, "ratings.csv", []byte(ratingsCSV(t, v.Input.Ratings)))
	s, err := evaluation.ParseSystem(v.Input.System)
	require.NoError(t, err)
	cards, err := evaluation.Aggregate(s, v.Input.Ratings, evaluation.AggregateOptions{})
	require.NoError(t, err)

	r := cli("", "score", "-system", sys, "-format", "csv", ratings)
	require.Equal(t, exitOK, r.code, "%s", r)
	rows := readCSV(t, r.stdout)
	assert.Equal(t, []string{"subject", "total", "grade", "indicator", "value", "score", "weight", "effective_weight", "contribution", "count", "missing"}, rows[0])
	n := 1
	for _, c := range cards {
		for _, in := range c.Indicators {
			assert.Equal(t, []string{c.Subject, c.Total.String(), c.Grade, in.Code, in.Value.String(), in.Score.String()}, rows[n][:6], "row %d", n)
			n++
		}
	}
	assert.Len(t, rows, n, "one row per subject and indicator")

	r = cli("", "score", "-system", sys, ratings)
	require.Equal(t, exitOK, r.code, "%s", r)
	for _, c := range cards {
		assert.Contains(t, r.stdout, c.Subject+"  total "+c.Total.String(), "text names %s's total", c.Subject)
	}
	assert.Contains(t, r.stdout, "warning: party_missing Q1 government", "warnings")

	// Weights that leave out the residents leave subject p2, rated only by
	// residents on Q1, with less to score; every number follows from the
	// flags.
	r = cli("", "score", "-system", sys, "-party-weights", "government=1,third_party=1", "-format", "json", ratings)
	var got []evaluation.Scorecard
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), "%s", r)
	want, err := evaluation.Aggregate(s, v.Input.Ratings, evaluation.AggregateOptions{PartyWeights: map[grassroots.Party]decimal.Decimal{
		grassroots.Government: decimal.NewFromInt(1), grassroots.ThirdParty: decimal.NewFromInt(1)}})
	require.NoError(t, err)
	wb, _ := json.Marshal(want)
	gb, _ := json.Marshal(got)
	assert.JSONEq(t, string(wb), string(gb), "party weights reach Aggregate")
	wantCode := exitOK
	for _, c := range want {
		if c.Grade == "" {
			wantCode = exitFail
		}
	}
	assert.Equal(t, wantCode, r.code, "a subject without a grade fails: %s", r)
}

func TestScoreUsage(t *testing.T) {
	v := aggregateVectors(t)[0]
	dir := t.TempDir()
	sys := write(t, dir, "system.json", v.Input.System)
	ratings := write(t, dir, "ratings.csv", []byte(ratingsCSV(t, v.Input.Ratings)))
	bad := write(t, dir, "bad.json", []byte(`{"code":"x","indicators":[{"code":"a","weight":"0.5"}]}`))
	noParty := write(t, dir, "noparty.csv", []byte("subject,indicator,value\np1,Q1,3\n"))
	badValue := write(t, dir, "badvalue.csv", []byte("subject,indicator,party,value\np1,Q1,resident,three\n"))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"score", ratings}, "-system is required"},
		{[]string{"score", "-system", sys}, "missing RATINGS.csv"},
		{[]string{"score", "-system", sys, "-central", "mode", ratings}, "-central"},
		{[]string{"score", "-system", sys, "-missing", "ignore", ratings}, "-missing"},
		{[]string{"score", "-system", sys, "-party-weights", "mayor=1", ratings}, "-party-weights"},
		{[]string{"score", "-system", sys, "-min-samples", "resident=many", ratings}, "-min-samples"},
		{[]string{"score", "-system", bad, ratings}, "weights"},
		{[]string{"score", "-system", sys, noParty}, "no party column"},
		{[]string{"score", "-system", sys, badValue}, `line 2: value "three"`},
	} {
		r := cli("", c.args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", c.args, r)
		assert.Contains(t, r.stderr, c.want, "%v: message", c.args)
	}
}
