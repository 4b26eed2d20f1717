package evaluation

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func FuzzParsePairwise(f *testing.F) {
	for _, s := range []string{
		"1 3 5; 1/3 1 2; 1/5 1/2 1", "1", "1 2.5; 0.4 1", "1, 4/3; 3/4, 1", "1 1/3 1/5; 3 1 1/4; 5 4 1",
		"1 3; 1/2 1", "", ";", "1 0; 0 1", "1 1e3; 1/1e3 1", "1 1/0; 0 1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParsePairwise(s)
		if err != nil {
			assert.ErrorIs(t, err, ErrPairwise)
			return
		}
		n := m.Size()
		require.Positive(t, n)
		for i := range n {
			assert.Equal(t, 1.0, m.At(i, i))
			for j := range n {
				assert.InDelta(t, 1, m.At(i, j)*m.At(j, i), reciprocityTolerance, "reciprocal (%d,%d)", i, j)
			}
		}
		text := m.String()
		again, err := ParsePairwise(text)
		require.NoError(t, err, "String() of a parsed matrix parses: %q", text)
		require.Equal(t, n, again.Size())
		for i := range n {
			for j := range n {
				assert.Equal(t, math.Float64bits(m.At(i, j)), math.Float64bits(again.At(i, j)), "entry (%d,%d) survives %q", i, j, text)
			}
		}
		assert.Equal(t, text, again.String(), "the text form is stable")
	})
}

func FuzzParseSystem(f *testing.F) {
	f.Add([]byte(serviceSystemJSON))
	f.Add([]byte(`{"indicators":[{"code":"a","weight":"1","direction":"cost","scale":{"min":"0","max":"1"},"parties":["third_party"]}]}`))
	f.Add([]byte(`{"indicators":[{"code":"a","weight":"0.5","children":[]}]}`))
	f.Add([]byte(`{"indicators":[`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSystem(data)
		if err != nil {
			return
		}
		out, err := json.Marshal(s)
		require.NoError(t, err)
		again, err := ParseSystem(out)
		require.NoError(t, err, "a saved system loads: %s", out)
		out2, err := json.Marshal(again)
		require.NoError(t, err)
		assert.Equal(t, string(out), string(out2), "save, load and save again give the same bytes")
		leaves, err := s.Leaves()
		require.NoError(t, err)
		total := decimal.Zero
		for _, l := range leaves {
			total = total.Add(l.Weight)
		}
		assert.True(t, total.Equal(one), "global weights of a valid system sum to exactly 1, got %s", total)
	})
}
