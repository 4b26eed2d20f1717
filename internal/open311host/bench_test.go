package open311host_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/sqlite"
	"github.com/grassrootsgov/grassroots/incident/open311"
	"github.com/grassrootsgov/grassroots/internal/open311host"
)

// BenchmarkPostRequest measures POST requests through the handler over
// the in-memory store (the baseline) and over the SQLite store.
func BenchmarkPostRequest(b *testing.B) {
	body := url.Values{"api_key": {appKey}, "service_code": {"004"}, "lat": {"28.0020"}, "long": {"120.6550"},
		"description": {"mud on the road"}, "attribute[fixmystreet_id]": {"1234"}}.Encode()
	run := func(b *testing.B, store open311.Store) {
		c := &clock{}
		h, err := open311.NewHandler(store, decider(b), open311.WithBasePath("/v2"),
			open311.WithAPIKey(appKey, grassroots.Actor{ID: "resident-app", Party: grassroots.Resident}),
			open311.WithClock(c.now), open311.WithRand(rand.NewChaCha8([32]byte{1})))
		require.NoError(b, err)
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest(http.MethodPost, "/v2/requests.json", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("POST: %d %s", rec.Code, rec.Body)
			}
		}
	}
	b.Run("store=memory", func(b *testing.B) { run(b, &open311.MemoryStore{}) })
	b.Run("store=sqlite", func(b *testing.B) {
		es, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "open311.db"), sqlite.Options{})
		require.NoError(b, err)
		defer es.Close()
		s, err := open311host.Open(context.Background(), es, decider(b), open311host.Options{})
		require.NoError(b, err)
		run(b, s)
	})
}
