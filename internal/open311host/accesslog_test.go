package open311host_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots/internal/open311host"
)

func TestAccessLog(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	ticks := 0
	now := func() time.Time { ticks++; return at.Add(time.Duration(ticks-1) * 1500 * time.Microsecond) }
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("hello"))
	})
	var log strings.Builder
	srv := open311host.AccessLog(h, &log, now)
	for _, target := range []string{"/v2/requests.json?api_key=secret&page=2", "/missing"} {
		srv.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, target, nil))
		ticks = 0
	}
	assert.Equal(t, "2025-06-09T01:30:00Z GET /v2/requests.json?page=2 200 5B 1.5ms\n"+
		"2025-06-09T01:30:00Z GET /missing 404 19B 1.5ms\n", log.String())
	assert.NotContains(t, log.String(), "secret", "the api_key stays out of the log")
}
