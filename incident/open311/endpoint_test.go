package open311_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

// With WithEndpointURL, discovery names the configured URL whatever Host
// the request carries.
func TestHandlerEndpointURLIgnoresHost(t *testing.T) {
	s := newServer(t, open311.WithEndpointURL("https://311.example.gov/open311/v2/"))
	req, err := http.NewRequest(http.MethodGet, s.URL+base+"/discovery.json", nil)
	require.NoError(t, err)
	req.Host = "attacker.example"
	res, err := s.Client().Do(req)
	require.NoError(t, err)
	r := read(t, res)
	require.Equal(t, http.StatusOK, r.status, r.body)
	var d open311.Discovery
	require.NoError(t, json.Unmarshal([]byte(r.body), &d), r.body)
	require.Len(t, d.Endpoints, 1)
	assert.Equal(t, "https://311.example.gov/open311/v2", d.Endpoints[0].URL, "the configured URL, not the Host header")
	assert.NotContains(t, r.body, "attacker.example", "the Host header is not echoed")
}

func TestHandlerEndpointURLRefused(t *testing.T) {
	for _, u := range []string{"/open311/v2", "ftp://311.example.gov/v2", "https://311.example.gov/v2?x=1", "https:///v2", "https://311.example.gov/v2#top"} {
		_, err := open311.NewHandler(&open311.MemoryStore{}, newDecider(t), open311.WithEndpointURL(u))
		var ve *grassroots.ValidationError
		require.True(t, errors.As(err, &ve), "%q: want a ValidationError, got %v", u, err)
		assert.Equal(t, "endpoint_url", ve.Fields[0].Path, "%q: the option named", u)
	}
}
