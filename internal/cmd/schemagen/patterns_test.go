package main

import (
	"encoding/json"
	"errors"
	"flag"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/internal/schemagen"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

var patternSeed = flag.Uint64("patterns.seed", 20250601, "seed of the random strings the pattern tests try")

// calendarDate reports whether s, of the form YYYY-MM-DD, names a day that
// exists: what format "date" adds to a pattern.
func calendarDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// patternCase ties a pattern to the Go parser of its text form: for every
// string tried, accepts(s) must equal the pattern's match, further
// narrowed by also where the schema adds what a pattern cannot say (the
// calendar of format date). beyond, when set, is a condition no pattern
// can check: the parser may refuse a string the pattern matches exactly
// when beyond refuses it too (a credit code's check character). subset
// says the parser is more lenient than the wire form the schema describes:
// the schema must accept only what the parser accepts.
type patternCase struct {
	name     string
	pattern  string
	accepts  func(string) bool
	also     func(string) bool
	beyond   func(string) bool
	subset   bool
	alphabet string
	maxLen   int
	samples  []string
}

func patternCases() []patternCase {
	return []patternCase{
		{
			name: "grid.Code", pattern: gridCodePattern,
			accepts:  func(s string) bool { _, err := grid.ParseCode(s); return err == nil },
			alphabet: "09AZaz._-/ 网", maxLen: 34,
			samples: []string{"", "a", "330302001001-07", "Grid_7.b-2", strings.Repeat("x", 32), strings.Repeat("x", 33), "has space", "网格", "a/b"},
		},
		{
			name: "workday.Date", pattern: datePattern, also: calendarDate,
			accepts: func(s string) bool {
				d, err := workday.ParseDate(s)
				return err == nil && d.IsValid()
			},
			alphabet: "0123912-", maxLen: 11,
			samples: []string{"2025-01-01", "0000-01-01", "0001-01-01", "9999-12-31", "2024-02-29", "2025-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "+2025-01-01", "2025-01-01T00:00:00Z"},
		},
		{
			name: "workday.Clock", pattern: clockPattern,
			accepts:  func(s string) bool { _, err := workday.ParseClock(s); return err == nil },
			alphabet: "0123456789:", maxLen: 6,
			samples: []string{"00:00", "08:30", "23:59", "24:00", "24:01", "25:00", "12:60", "8:30", "08:3", "0830"},
		},
		{
			name: "provider.PartialDate", pattern: partialDatePattern,
			accepts:  func(s string) bool { _, err := provider.ParsePartialDate(s); return err == nil },
			beyond:   func(s string) bool { return len(s) != 10 || calendarDate(s) },
			alphabet: "0123912-", maxLen: 11,
			samples: []string{"", "2020", "0000", "0001", "2020-02", "2020-13", "2020-00", "2020-02-29", "2021-02-29", "2020-2", "20200", "2020-02-"},
		},
		{
			name: "provider.USCC", pattern: usccPattern,
			accepts: func(s string) bool { _, err := provider.ParseUSCC(s); return err == nil },
			beyond: func(s string) bool {
				_, err := provider.ParseUSCC(s)
				var ue *provider.USCCError
				return !errors.As(err, &ue) || ue.Reason != provider.USCCCheckCharacter
			},
			alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZab-", maxLen: 19,
			samples: []string{"91350100M000100Y43", "91350100m000100y43", "91350100M000100Y44", "91350100M000100Y4", "91350100O000100Y43", "91350100I000100Y43", ""},
		},
		{
			name: "risk.Category", pattern: riskCategoryPattern,
			accepts:  func(s string) bool { _, err := risk.ParseCategory(s); return err == nil },
			also:     func(s string) bool { return len(s) <= 64 },
			alphabet: "az09_A-", maxLen: 66,
			samples: []string{"data_security", "a", "a1", "a_1", "_a", "a_", "a__b", "1a", "A", strings.Repeat("a", 64), strings.Repeat("a", 65)},
		},
		{
			name: "workday weekday", pattern: weekdaySchema()["pattern"].(string),
			accepts: func(s string) bool {
				b, _ := json.Marshal(map[string]any{"from": "2025-01-01", "to": "2025-12-31", "rest_days": []string{s}})
				_, err := workday.ParseSpec(b)
				return err == nil
			},
			alphabet: "sundaySUNDAYmotrfi ", maxLen: 10,
			samples: []string{"sunday", "Sunday", "SATURDAY", "wEdNeSdAy", "sun", "sundays", " sunday", "funday"},
		},
		{
			// encoding/json's time reader also takes a one-digit hour and
			// an offset of 24 hours, which RFC 3339 does not allow and the
			// SDK never writes.
			name: "time.Time in data", pattern: schemagen.DateTimePattern, also: func(s string) bool { return len(s) >= 10 && calendarDate(s[:10]) },
			subset: true,
			accepts: func(s string) bool {
				b, _ := json.Marshal(s)
				var v time.Time
				return json.Unmarshal(b, &v) == nil
			},
			alphabet: "0123459-:TtZz+.", maxLen: 32,
			samples: []string{"2025-06-09T10:00:00+08:00", "2025-06-09T10:00:00Z", "2025-06-09T10:00:00.123456789Z", "2025-06-09t10:00:00z",
				"2025-06-09T10:00:00", "2025-06-09T24:00:00Z", "2025-06-09T10:00:60Z", "2025-02-30T10:00:00Z", "2025-06-09T10:00:00+24:00", "2025-06-09 10:00:00Z", "9 June"},
		},
		{
			name: "envelope time", pattern: timestampPattern, also: func(s string) bool { return len(s) >= 10 && calendarDate(s[:10]) },
			accepts: func(s string) bool {
				b, _ := json.Marshal(map[string]string{"id": "e", "source": "/s", "specversion": "1.0", "type": "t", "time": s})
				_, err := grassroots.ParseEvent(b)
				return err == nil
			},
			alphabet: "0123459-:TtZz+.", maxLen: 32,
			samples: []string{"2025-06-09T10:00:00+08:00", "2025-06-09t10:00:00z", "2025-06-09T10:00:00.123456789-00:00", "2025-06-09T10:00:00.1234567890Z",
				"2025-06-09T10:00:60Z", "2025-02-30T10:00:00Z", "2025-06-09T10:00:00+24:00", "2025-06-09T10:00:00,5Z", "12025-06-09T10:00:00Z"},
		},
	}
}

func TestPatternsAgreeWithTheParsers(t *testing.T) {
	t.Logf("seed %d (-patterns.seed)", *patternSeed)
	rng := rand.New(rand.NewPCG(*patternSeed, 0))
	for _, c := range patternCases() {
		re, err := regexp.Compile(c.pattern)
		require.NoError(t, err, "%s: the pattern compiles", c.name)
		tries := append([]string(nil), c.samples...)
		for range 3000 {
			tries = append(tries, randomLike(rng, c))
		}
		matched, parsed := 0, 0
		for _, s := range tries {
			schemaOK := re.MatchString(s) && (c.also == nil || c.also(s))
			parserOK := c.accepts(s)
			if schemaOK {
				matched++
			}
			if parserOK {
				parsed++
			}
			if schemaOK && !parserOK && c.beyond != nil && !c.beyond(s) {
				continue // refused for what no pattern checks
			}
			if c.subset && parserOK && !schemaOK {
				continue // read leniently, never written
			}
			assert.Equal(t, parserOK, schemaOK, "%s: %q: the parser accepts it %v, the schema %v", c.name, s, parserOK, schemaOK)
		}
		assert.NotZero(t, matched, "%s: some strings tried match", c.name)
		assert.Less(t, matched, len(tries), "%s: some strings tried do not match", c.name)
	}
}

// The pairwise pattern accepts everything ParsePairwise reads; it does
// not check the matrix is square and reciprocal.
func TestPairwisePatternAcceptsWhatParsePairwiseReads(t *testing.T) {
	re := regexp.MustCompile(pairwisePattern)
	for _, s := range []string{"1 3 5; 1/3 1 2; 1/5 1/2 1", "1,2;0.5,1", "1\t2;\n.5 1", "1 2.; 0.5 1", "1", " 1 2 ; 1/2 1 "} {
		_, err := evaluation.ParsePairwise(s)
		require.NoError(t, err, "ParsePairwise(%q)", s)
		assert.True(t, re.MatchString(s), "the pattern accepts %q", s)
	}
	for _, s := range []string{"", "a", "1 -2; 1 1", "1 2;; 1", "1/ 2", "1e3"} {
		_, err := evaluation.ParsePairwise(s)
		require.Error(t, err, "ParsePairwise(%q)", s)
		assert.False(t, re.MatchString(s), "the pattern refuses %q", s)
	}
	// Sample a pairwise matrix's own text: it matches.
	m, err := evaluation.ParsePairwise("1 3 5; 1/3 1 2; 1/5 1/2 1")
	require.NoError(t, err)
	text, err := m.MarshalText()
	require.NoError(t, err)
	assert.True(t, re.MatchString(string(text)), "MarshalText's %q matches", text)
}

// randomLike builds a string near c's language: a mutation of a sample or
// random characters of its alphabet.
func randomLike(rng *rand.Rand, c patternCase) string {
	alphabet := []rune(c.alphabet)
	if len(c.samples) > 0 && rng.IntN(2) == 0 {
		s := []rune(c.samples[rng.IntN(len(c.samples))])
		for range 1 + rng.IntN(2) {
			switch op := rng.IntN(3); {
			case op == 0 && len(s) > 0:
				s[rng.IntN(len(s))] = alphabet[rng.IntN(len(alphabet))]
			case op == 1 && len(s) > 0:
				i := rng.IntN(len(s))
				s = append(s[:i], s[i+1:]...)
			default:
				i := rng.IntN(len(s) + 1)
				s = append(s[:i], append([]rune{alphabet[rng.IntN(len(alphabet))]}, s[i:]...)...)
			}
		}
		return string(s)
	}
	n := rng.IntN(c.maxLen + 1)
	s := make([]rune, n)
	for i := range s {
		s[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(s)
}
