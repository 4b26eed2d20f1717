package mechanism

import (
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

const conformanceDir = "../testdata/conformance/v2/mechanism"

type vector struct {
	Description string          `json:"description"`
	Input       json.RawMessage `json:"input"`
	Want        json.RawMessage `json:"want"`
	WantError   string          `json:"want_error"`
	// WantFields, with want_error "invalid", lists the path and rule of
	// every problem, in any order.
	WantFields []fieldRule `json:"want_fields"`
}

// fieldRule is what a vector fixes of a field problem: its path and rule.
// Messages are for people and differ between implementations.
type fieldRule struct {
	Path string `json:"path"`
	Rule string `json:"rule"`
}

func sortedRules(rs []fieldRule) []fieldRule {
	out := slices.Clone(rs)
	slices.SortFunc(out, func(a, b fieldRule) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), strings.Compare(a.Rule, b.Rule))
	})
	return out
}

// TestConformance walks the language-neutral vectors. Each file names the
// entry point it exercises: metrics.json (Assess, checking the listed
// metrics), assess.json (Assess, checking indices, highlights, risks,
// profile and recommendation), recommend.json (Recommend), peers.json
// (AssessAll). A config
// in an input is decoded over DefaultConfig. want_error is "invalid" for
// a validation error (or a rejected enum name) and "duplicate_community".
func TestConformance(t *testing.T) {
	runners := map[string]func(t *testing.T, v vector){
		"metrics.json":   runMetricsVector,
		"recommend.json": runRecommendVector,
		"peers.json":     runPeersVector,
		"assess.json":    runAssessVector,
	}
	files, err := filepath.Glob(filepath.Join(conformanceDir, "*.json"))
	require.NoError(t, err)
	require.Len(t, files, len(runners), "one runner per vector file")
	for _, f := range files {
		run, ok := runners[filepath.Base(f)]
		require.True(t, ok, "runner for %s", f)
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		var vs []vector
		require.NoError(t, json.Unmarshal(b, &vs), f)
		require.NotEmpty(t, vs, f)
		for _, v := range vs {
			t.Run(filepath.Base(f)+"/"+v.Description, func(t *testing.T) { run(t, v) })
		}
	}
}

// checkError asserts that err is the error the vector names.
func checkError(t *testing.T, v vector, err error) {
	t.Helper()
	switch v.WantError {
	case "invalid":
		assert.ErrorIs(t, err, grassroots.ErrInvalid, v.Description)
		if v.WantFields == nil {
			return
		}
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, "%s: a validation error", v.Description)
		got := make([]fieldRule, 0, len(ve.Fields))
		for _, f := range ve.Fields {
			got = append(got, fieldRule{Path: f.Path, Rule: f.Rule})
		}
		assert.Equal(t, sortedRules(v.WantFields), sortedRules(got), "%s: problems of %v", v.Description, err)
	case "duplicate_community":
		assert.ErrorIs(t, err, ErrDuplicateCommunity, v.Description)
	default:
		t.Fatalf("%s: unknown want_error %q", v.Description, v.WantError)
	}
}

func decodeConfig(raw json.RawMessage) (Config, error) {
	cfg := DefaultConfig()
	if len(raw) == 0 {
		return cfg, nil
	}
	return cfg, json.Unmarshal(raw, &cfg)
}

func runMetricsVector(t *testing.T, v vector) {
	var input struct {
		Inputs json.RawMessage `json:"inputs"`
		Config json.RawMessage `json:"config"`
	}
	require.NoError(t, json.Unmarshal(v.Input, &input))
	a, err := func() (Assessment, error) {
		var in Inputs
		if err := json.Unmarshal(input.Inputs, &in); err != nil {
			return Assessment{}, err
		}
		cfg, err := decodeConfig(input.Config)
		if err != nil {
			return Assessment{}, err
		}
		return Assess(in, cfg)
	}()
	if v.WantError != "" {
		checkError(t, v, err)
		return
	}
	require.NoError(t, err, v.Description)
	var want struct {
		Metrics []struct {
			Code        Code            `json:"code"`
			Subject     string          `json:"subject"`
			Value       decimal.Decimal `json:"value"`
			Numerator   decimal.Decimal `json:"numerator"`
			Denominator decimal.Decimal `json:"denominator"`
			OK          bool            `json:"ok"`
		} `json:"metrics"`
	}
	require.NoError(t, json.Unmarshal(v.Want, &want))
	got := map[memberKey]Metric{}
	for _, g := range a.Groups {
		for _, m := range g.Metrics {
			got[memberKey{m.Code, m.Subject}] = m
		}
	}
	for _, w := range want.Metrics {
		m, ok := got[memberKey{w.Code, w.Subject}]
		require.True(t, ok, "%s: metric %s/%s present", v.Description, w.Code, w.Subject)
		assert.Equal(t, w.OK, m.OK, "%s: %s ok", v.Description, w.Code)
		assert.True(t, w.Value.Equal(m.Value), "%s: %s value %s, want %s", v.Description, w.Code, m.Value, w.Value)
		assert.True(t, w.Numerator.Equal(m.Numerator), "%s: %s numerator %s, want %s", v.Description, w.Code, m.Numerator, w.Numerator)
		assert.True(t, w.Denominator.Equal(m.Denominator), "%s: %s denominator %s, want %s", v.Description, w.Code, m.Denominator, w.Denominator)
	}
}

func runRecommendVector(t *testing.T, v vector) {
	var input struct {
		Profile Profile `json:"profile"`
		Options Options `json:"options"`
	}
	require.NoError(t, json.Unmarshal(v.Input, &input))
	r, err := Recommend(input.Profile, input.Options)
	if v.WantError != "" {
		checkError(t, v, err)
		return
	}
	require.NoError(t, err, v.Description)
	var want struct {
		Models  []Model                   `json:"models"`
		Weak    bool                      `json:"weak"`
		Margins map[Model]decimal.Decimal `json:"margins"`
	}
	require.NoError(t, json.Unmarshal(v.Want, &want))
	assert.Equal(t, want.Models, r.Models, v.Description)
	assert.Equal(t, want.Weak, r.Weak, v.Description)
	for _, rule := range r.Rules {
		if m, ok := want.Margins[rule.Model]; ok {
			assert.True(t, m.Equal(rule.Margin), "%s: %s margin %s, want %s", v.Description, rule.Model, rule.Margin, m)
		}
	}
}

func runPeersVector(t *testing.T, v vector) {
	var input struct {
		Inputs []Inputs        `json:"inputs"`
		Config json.RawMessage `json:"config"`
	}
	require.NoError(t, json.Unmarshal(v.Input, &input))
	cfg, err := decodeConfig(input.Config)
	require.NoError(t, err)
	out, err := AssessAll(input.Inputs, cfg)
	if v.WantError != "" {
		checkError(t, v, err)
		return
	}
	require.NoError(t, err, v.Description)
	type want struct {
		Value  decimal.Decimal `json:"value"`
		OK     bool            `json:"ok"`
		Peer   decimal.Decimal `json:"peer"`
		PeerOK bool            `json:"peer_ok"`
	}
	var w struct {
		Indices map[string]map[Mechanism]want `json:"indices"`
	}
	require.NoError(t, json.Unmarshal(v.Want, &w))
	for _, a := range out {
		for _, ix := range a.Indices {
			x, ok := w.Indices[a.Community][ix.Mechanism]
			if !ok {
				continue
			}
			assert.Equal(t, x.OK, ix.OK, "%s: %s %s ok", v.Description, a.Community, ix.Mechanism)
			assert.True(t, x.Value.Equal(ix.Value), "%s: %s %s value %s, want %s", v.Description, a.Community, ix.Mechanism, ix.Value, x.Value)
			assert.Equal(t, x.PeerOK, ix.PeerOK, "%s: %s %s peer ok", v.Description, a.Community, ix.Mechanism)
			assert.True(t, x.Peer.Equal(ix.Peer), "%s: %s %s peer %s, want %s", v.Description, a.Community, ix.Mechanism, ix.Peer, x.Peer)
		}
	}
}

func runAssessVector(t *testing.T, v vector) {
	var input struct {
		Inputs Inputs          `json:"inputs"`
		Config json.RawMessage `json:"config"`
	}
	require.NoError(t, json.Unmarshal(v.Input, &input))
	cfg, err := decodeConfig(input.Config)
	require.NoError(t, err)
	a, err := Assess(input.Inputs, cfg)
	if v.WantError != "" {
		checkError(t, v, err)
		return
	}
	require.NoError(t, err, v.Description)
	var want struct {
		Indices   map[Mechanism]decimal.Decimal `json:"indices"`
		Gaps      []Code                        `json:"gaps"`
		Strengths []Code                        `json:"strengths"`
		OpenRisks map[Mechanism][]string        `json:"open_risks"`
		Profile   *Profile                      `json:"profile"`
		Models    []Model                       `json:"models"`
		Weak      *bool                         `json:"weak"`
		Members   map[Code]decimal.Decimal      `json:"members"`
	}
	require.NoError(t, json.Unmarshal(v.Want, &want))
	for _, ix := range a.Indices {
		if w, ok := want.Indices[ix.Mechanism]; ok {
			assert.True(t, w.Equal(ix.Value), "%s: %s index %s, want %s", v.Description, ix.Mechanism, ix.Value, w)
		}
		for _, m := range ix.Members {
			if w, ok := want.Members[m.Code]; ok {
				assert.True(t, w.Equal(m.Normalised), "%s: %s normalised %s, want %s", v.Description, m.Code, m.Normalised, w)
			}
		}
	}
	codes := func(hs []Highlight) []Code {
		out := []Code{}
		for _, h := range hs {
			out = append(out, h.Code)
		}
		return out
	}
	if want.Gaps != nil {
		assert.Equal(t, want.Gaps, codes(a.Gaps), v.Description)
	}
	if want.Strengths != nil {
		assert.Equal(t, want.Strengths, codes(a.Strengths), v.Description)
	}
	for _, g := range a.Risks {
		if w, ok := want.OpenRisks[g.Mechanism]; ok {
			ids := []string{}
			for _, r := range g.Open {
				ids = append(ids, r.ID)
			}
			assert.Equal(t, w, ids, "%s: open risks of %s", v.Description, g.Mechanism)
		}
	}
	if want.Profile != nil {
		for _, tr := range Traits() {
			assert.True(t, want.Profile.Score(tr).Equal(a.Recommendation.Profile.Score(tr)), "%s: %s %s, want %s", v.Description, tr, a.Recommendation.Profile.Score(tr), want.Profile.Score(tr))
		}
	}
	if want.Models != nil {
		assert.Equal(t, want.Models, a.Recommendation.Models, v.Description)
	}
	if want.Weak != nil {
		assert.Equal(t, *want.Weak, a.Recommendation.Weak, v.Description)
	}
}
