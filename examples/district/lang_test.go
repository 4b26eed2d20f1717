package main

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/mechanism"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
)

func decimalFromInt(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }

// enumKeys lists prefix.wire for every valid value from 1 up.
func enumKeys[T interface {
	~uint8
	fmt.Stringer
	IsValid() bool
}](prefix string) []string {
	var out []string
	for v := T(1); v.IsValid(); v++ {
		out = append(out, enumKey(prefix, v))
	}
	return out
}

// enumMessageKeys are the message IDs of every enum value the HTML
// report can show, taken from the packages' own enumerations.
func enumMessageKeys() []string {
	var keys []string
	keys = append(keys, enumKeys[incident.Platform]("platform")...)
	keys = append(keys, enumKeys[incident.Status]("status")...)
	keys = append(keys, enumKeys[incident.Channel]("channel")...)
	keys = append(keys, enumKeys[provider.Role]("role")...)
	keys = append(keys, enumKeys[provider.Model]("model")...)
	keys = append(keys, enumKeys[mechanism.Model]("model")...)
	keys = append(keys, enumKeys[provider.Reason]("reason")...)
	bands := evaluation.DefaultBands()
	for _, b := range bands.Bands {
		keys = append(keys, "grade."+b.Grade)
	}
	keys = append(keys, "grade."+bands.Default)
	for _, c := range risk.Categories() {
		keys = append(keys, "riskcat."+string(c))
	}
	keys = append(keys, enumKeys[risk.Stage]("stage")...)
	keys = append(keys, enumKeys[risk.Level]("level")...)
	keys = append(keys, enumKeys[risk.AlertLevel]("alert")...)
	keys = append(keys, enumKeys[risk.AlertLevel]("alert.short")...)
	keys = append(keys, enumKeys[risk.Treatment]("treatment")...)
	keys = append(keys, enumKeys[risk.SubjectKind]("subject")...)
	keys = append(keys, enumKeys[mechanism.Mechanism]("mech")...)
	keys = append(keys, enumKeys[mechanism.Code]("metric")...)
	keys = append(keys, enumKeys[mechanism.Trait]("trait")...)
	for _, u := range enumKeys[mechanism.Unit]("unit") {
		keys = append(keys, "fmt."+u)
	}
	for _, l := range []grid.Level{grid.LevelStreet, grid.LevelCommunity, grid.LevelGrid} {
		keys = append(keys, enumKey("place", l))
	}
	for name := range scales {
		keys = append(keys, "scale."+name)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

func TestLanguageTablesAgree(t *testing.T) {
	require.Contains(t, languages, defaultLang, "the default language has a table")
	zh, en := slices.Sorted(maps.Keys(zhMessages)), slices.Sorted(maps.Keys(enMessages))
	assert.Equal(t, zh, en, "the zh and en tables have the same keys")
	for id, f := range zhMessages {
		assert.Equal(t, strings.Count(f, "%s")+strings.Count(f, "%d"), strings.Count(enMessages[id], "%s")+strings.Count(enMessages[id], "%d"),
			"message %s takes the same arguments in both languages", id)
	}
}

func TestEveryEnumValueHasWording(t *testing.T) {
	keys := enumMessageKeys()
	require.Greater(t, len(keys), 100, "the enumerations were read")
	for _, lang := range languageCodes() {
		for _, k := range keys {
			f, ok := languages[lang].msgs[k]
			if assert.True(t, ok, "%s has wording for %s", lang, k) {
				assert.NotEmpty(t, strings.TrimSpace(f), "%s: %s", lang, k)
			}
		}
	}
}

func TestMissingMessageShows(t *testing.T) {
	got := languages["zh"].t("no.such.message")
	assert.Contains(t, got, missingMark, "a missing message is marked, not dropped")
	assert.Contains(t, got, "no.such.message", "and names its ID")
}

// reasonsFor renders the grounds of a recommendation computed by the
// mechanism package from profile, with the default thresholds.
func reasonsFor(t *testing.T, lang string, profile mechanism.Profile) []string {
	t.Helper()
	rec, err := mechanism.Recommend(profile, mechanism.DefaultOptions())
	require.NoError(t, err, "recommending for %+v", profile)
	p := newPage(&report{}, languages[lang])
	var out []string
	for _, h := range p.Reasons(adviceRow{Models: rec.Models, Weak: rec.Weak, Rules: rec.Rules}) {
		out = append(out, htmlText(h))
	}
	return out
}

// htmlText strips the tags of a rendered fragment.
func htmlText(h template.HTML) string {
	s := string(h)
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func profile(df, gl, cd, pn string) mechanism.Profile {
	d := decimal.RequireFromString
	return mechanism.Profile{DigitalFoundation: d(df), GovernanceLoad: d(gl), CollaborationDemand: d(cd), PlatformNeed: d(pn)}
}

// Each fired rule is worded from its actual comparison: a score is said
// to be below a threshold only when it is.
func TestAdviceReadsTrue(t *testing.T) {
	// A solid foundation with a platform need: platform operation fires;
	// the foundation is at or above the high threshold, not "below" the
	// low one.
	got := reasonsFor(t, "zh", profile("0.69", "0.2", "0.3", "0.9"))
	require.Len(t, got, 1, "one rule fired")
	assert.Equal(t, "平台运营型：数字基础 0.69，达到阈值 0.60；平台需求 0.90，达到阈值 0.60（余量 0.09）", got[0])
	assert.NotContains(t, got[0], "低于", "0.69 is not below anything here")

	got = reasonsFor(t, "zh", profile("0.31", "0.2", "0.3", "0.9"))
	require.Len(t, got, 1, "technology empowerment fires")
	assert.Equal(t, "技术赋能型：数字基础 0.31，低于阈值 0.40（余量 0.09）", got[0])

	got = reasonsFor(t, "en", profile("0.9", "0.7", "0.65", "0.95"))
	assert.Equal(t, []string{
		"Government–enterprise collaboration: Governance load 0.70, at or above the threshold 0.60; Collaboration demand 0.65, at or above the threshold 0.60 (margin 0.05)",
		"Platform operation: Digital foundation 0.90, at or above the threshold 0.60; Platform need 0.95, at or above the threshold 0.60 (margin 0.30)",
	}, got, "two rules fire: a combination, each with its own margin")

	// Nothing fires: the nearest rule is given with what it lacks, and a
	// score a hair under the threshold is printed precisely enough not to
	// read as equal to it.
	got = reasonsFor(t, "zh", profile("0.5996", "0.2", "0.3", "0.87"))
	require.Len(t, got, 1, "only the nearest rule")
	assert.Equal(t, "没有规则成立，最接近的是平台运营型：数字基础 0.5996，未达到阈值 0.6000；平台需求 0.87，达到阈值 0.60（还差 0.0004）", got[0])

	got = reasonsFor(t, "en", profile("0.4", "0.2", "0.3", "0.1"))
	require.Len(t, got, 1, "only the nearest rule")
	assert.Equal(t, "No rule holds; the nearest is Technology empowerment: Digital foundation 0.40, not below the threshold 0.40 (short by 0.00)", got[0],
		"a score equal to the Below threshold is not below it")
}

// Every community of the run gets a ground for each fired rule, or one
// for the nearest rule when it is weak.
func TestRunAdviceHasGrounds(t *testing.T) {
	r := small(t).res.report
	require.NotEmpty(t, r.Advice)
	p := newPage(r, languages["zh"])
	for _, a := range r.Advice {
		fired := 0
		for _, rule := range a.Rules {
			if rule.Fired {
				fired++
			}
		}
		want := fired
		if fired == 0 {
			want = 1
		}
		assert.Equal(t, fired == 0, a.Weak, "community %s: weak exactly when nothing fired", a.Community)
		assert.Len(t, p.Reasons(a), want, "community %s", a.Community)
	}
}

// The English names the page gives a generated district's places are the
// names the generator gave them: the serials are read right.
func TestGeneratedPlaceNames(t *testing.T) {
	r := small(t).res.report
	require.NotEmpty(t, r.Places)
	levels := map[grid.Level]int{}
	for _, pl := range r.Places {
		require.NotEmpty(t, pl.Serial, "place %s has a serial", pl.Code)
		assert.Equal(t, pl.Name, languages["en"].t(enumKey("place", pl.Level), pl.Serial), "place %s", pl.Code)
		levels[pl.Level]++
	}
	assert.Equal(t, map[grid.Level]int{grid.LevelStreet: r.Streets, grid.LevelCommunity: r.Communities, grid.LevelGrid: r.Grids}, levels,
		"every street, community and grid is a place")
}
