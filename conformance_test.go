package grassroots_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

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
	InputBase64 string          `json:"input_base64"`
}

func loadVectors(t *testing.T, name string) []vector {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "conformance", "v2", "grassroots", name))
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

// envelopeInput returns a vector's envelope text: "input" as a JSON
// string, or "input_base64" for bytes a JSON string cannot hold.
func envelopeInput(t *testing.T, v vector) []byte {
	t.Helper()
	if v.InputBase64 != "" {
		b, err := base64.StdEncoding.DecodeString(v.InputBase64)
		require.NoError(t, err, v.Description)
		return b
	}
	var s string
	require.NoError(t, json.Unmarshal(v.Input, &s), v.Description)
	return []byte(s)
}

func TestConformanceEnvelopes(t *testing.T) {
	t.Run("envelope", func(t *testing.T) {
		for _, v := range loadVectors(t, "envelope.json") {
			_, err := grassroots.ParseEvent(envelopeInput(t, v))
			if v.WantError == "" && string(v.Want) == `"valid"` {
				assert.NoError(t, err, v.Description)
				continue
			}
			require.Error(t, err, v.Description)
			assert.ErrorIs(t, err, grassroots.ErrInvalid, v.Description)
			var ve *grassroots.ValidationError
			if assert.ErrorAs(t, err, &ve, v.Description) && v.WantError != "" {
				assert.True(t, ve.Has(v.WantError), "%s: want a problem at %q, got %v", v.Description, v.WantError, err)
			}
		}
	})
	t.Run("relay", func(t *testing.T) {
		for _, v := range loadVectors(t, "relay.json") {
			e, err := grassroots.ParseEvent(envelopeInput(t, v))
			require.NoError(t, err, v.Description)
			var want string
			require.NoError(t, json.Unmarshal(v.Want, &want), v.Description)
			got, err := grassroots.ComputeHash(&e)
			require.NoError(t, err, v.Description)
			assert.Equal(t, want, got, v.Description)
			assert.NoError(t, grassroots.VerifyChain([]grassroots.Event{e}), v.Description)
		}
	})
	t.Run("event_id", func(t *testing.T) {
		for _, v := range loadVectors(t, "event_id.json") {
			var in struct {
				Subject   string    `json:"subject"`
				CommandID string    `json:"command_id"`
				Index     int       `json:"index"`
				At        time.Time `json:"at"`
			}
			require.NoError(t, json.Unmarshal(v.Input, &in), v.Description)
			var want string
			require.NoError(t, json.Unmarshal(v.Want, &want), v.Description)
			assert.Equal(t, want, grassroots.EventID(in.Subject, in.CommandID, in.Index, in.At), v.Description)
		}
	})
}
