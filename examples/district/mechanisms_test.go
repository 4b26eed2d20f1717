package main

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/mechanism"
)

// TestEveryModelWhereTheDataCallForIt checks the advice of the small run
// and of the small runs at the next two seeds (four communities each,
// whose profiles are drawn at random, so one seed may leave a model's
// rule unfired everywhere): each of the three models is recommended to
// some community of the three runs, each community gets exactly the
// models whose rules its data fire, and the government–enterprise
// collaboration model goes only where both the governance load and the
// collaboration demand reach the threshold.
func TestEveryModelWhereTheDataCallForIt(t *testing.T) {
	if testing.Short() {
		t.Skip("three small runs")
	}
	advice := small(t).res.report.Advice
	require.NotEmpty(t, advice, "the small run assesses its communities")
	for _, seed := range []uint64{20250102, 20250103} {
		o := options{seed: seed, scale: "small", out: filepath.Join(t.TempDir(), "report.html"), quiet: true}
		res, err := execute(o, io.Discard, io.Discard)
		require.NoError(t, err, "small run at seed %d", seed)
		advice = append(advice, res.report.Advice...)
	}
	high := mechanism.DefaultOptions().High
	seen := map[mechanism.Model]bool{}
	for _, a := range advice {
		var fired []mechanism.Model
		for _, r := range a.Rules {
			if r.Fired {
				fired = append(fired, r.Model)
				seen[r.Model] = true
			}
			if r.Model != mechanism.GovernmentEnterpriseCollaboration {
				continue
			}
			heavy := true
			for _, c := range r.Conditions {
				heavy = heavy && !c.Score.LessThan(high)
			}
			assert.Equal(t, heavy, r.Fired, "community %s: collaboration fires exactly when load and demand reach %s", a.Community, high)
		}
		if !a.Weak {
			assert.Equal(t, fired, a.Models, "community %s: the models are the fired rules", a.Community)
		}
	}
	for _, m := range mechanism.Models() {
		assert.True(t, seen[m], "%s is recommended to some community of the three small runs", m)
	}
}
