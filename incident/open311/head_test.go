package open311_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// HEAD is served wherever GET is, with GET's status and headers and no
// body.
func TestHandlerHeadWhereverGet(t *testing.T) {
	s := newServer(t)
	id := s.report(t, "002")
	for _, path := range []string{
		"/discovery.json", "/services.xml", "/services/001.json", "/services/999.xml",
		"/requests.json", "/requests/" + id + ".xml", "/requests/nope.json", "/tokens/t.json",
		"/servicerequestupdates.xml", "/requests.json?page=0",
	} {
		get := s.do(t, http.MethodGet, path, "", nil)
		req, err := http.NewRequest(http.MethodHead, s.URL+base+path, nil)
		require.NoError(t, err, "HEAD %s", path)
		res, err := s.Client().Do(req)
		require.NoError(t, err, "HEAD %s", path)
		head := read(t, res)
		assert.Equal(t, get.status, head.status, "HEAD %s has GET's status", path)
		assert.Equal(t, get.ctype, head.ctype, "HEAD %s has GET's content type", path)
		assert.Equal(t, strconv.Itoa(len(get.body)), res.Header.Get("Content-Length"), "HEAD %s announces GET's length", path)
		assert.Empty(t, head.body, "HEAD %s has no body", path)
	}
	res := s.do(t, http.MethodOptions, "/services.json", "", nil)
	assert.Equal(t, http.StatusMethodNotAllowed, res.status, "OPTIONS is not served")
}
