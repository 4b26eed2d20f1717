package grassroots_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// vector is the language-neutral form of every conformance case: a vendor
// writing in another language runs the same files against its own code.
type vector struct {
	Description string          `json:"description"`
	Input       json.RawMessage `json:"input"`
	Want        json.RawMessage `json:"want"`
	WantError   string          `json:"want_error"`
}

func loadVectors(t *testing.T, name string) []vector {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "conformance", "v1", "grassroots", name))
	require.NoError(t, err)
	var vs []vector
	require.NoError(t, json.Unmarshal(b, &vs), name)
	require.NotEmpty(t, vs, name)
	return vs
}

func TestConformance(t *testing.T) {
	t.Run("canonical_json", func(t *testing.T) {
		for _, v := range loadVectors(t, "canonical_json.json") {
			var in string
			require.NoError(t, json.Unmarshal(v.Input, &in), v.Description)
			got, err := canonjson.Transform([]byte(in))
			if v.WantError != "" {
				assert.Error(t, err, v.Description)
				if v.WantError == "number_range" {
					assert.True(t, errors.Is(err, canonjson.ErrNumber), v.Description)
				}
				continue
			}
			var want string
			require.NoError(t, json.Unmarshal(v.Want, &want), v.Description)
			require.NoError(t, err, v.Description)
			assert.Equal(t, want, string(got), v.Description)
		}
	})
	t.Run("party", func(t *testing.T) {
		for _, v := range loadVectors(t, "party.json") {
			var in string
			require.NoError(t, json.Unmarshal(v.Input, &in), v.Description)
			p, err := grassroots.ParseParty(in)
			if v.WantError != "" {
				assert.ErrorIs(t, err, grassroots.ErrUnknownName, v.Description)
				continue
			}
			var want int
			require.NoError(t, json.Unmarshal(v.Want, &want), v.Description)
			require.NoError(t, err, v.Description)
			assert.Equal(t, want, int(p), v.Description)
		}
	})
	t.Run("chain", func(t *testing.T) {
		vs := loadVectors(t, "chain.json")
		var chain []grassroots.Event
		for _, v := range vs {
			var e grassroots.Event
			require.NoError(t, json.Unmarshal(v.Input, &e), v.Description)
			var want string
			require.NoError(t, json.Unmarshal(v.Want, &want), v.Description)
			got, err := grassroots.ComputeHash(&e)
			require.NoError(t, err, v.Description)
			assert.Equal(t, want, got, v.Description)
			e.Hash = want
			chain = append(chain, e)
		}
		assert.NoError(t, grassroots.VerifyChain(chain), "the vectors form one chain")
	})
}
