package main

import (
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/incident/open311"
)

func server(t *testing.T) *httptest.Server {
	t.Helper()
	srv, _ := serverAt(t, filepath.Join(t.TempDir(), "open311.db"), "https://311.example.gov"+basePath)
	return srv
}

// serverAt starts the server over the store db, with the base URL given,
// and returns it with its access log.
func serverAt(t *testing.T, db, baseURL string) (*httptest.Server, *strings.Builder) {
	t.Helper()
	now := time.Date(2025, 6, 9, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	log := &strings.Builder{}
	h, closeStore, err := newServer(context.Background(), config{appKey: "app", staffKey: "staff", baseURL: baseURL, db: db,
		now: func() time.Time { return now }, random: rand.NewChaCha8([32]byte{1}), log: log})
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		assert.NoError(t, closeStore())
	})
	return srv, log
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

// curl posts its -d arguments joined by "&", as typed: a "+" is not
// encoded, and arrives as a space.
func curl(t *testing.T, url string, data ...string) (int, string) {
	t.Helper()
	res, err := http.Post(url, "application/x-www-form-urlencoded", strings.NewReader(strings.Join(data, "&")))
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

func post(t *testing.T, url string, form url.Values) (int, string) {
	t.Helper()
	res, err := http.PostForm(url, form)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

// Every endpoint the README shows a curl call for answers as described.
func TestEndpoints(t *testing.T) {
	srv := server(t)
	base := srv.URL + basePath

	code, body := get(t, base+"/discovery.json")
	assert.Equal(t, http.StatusOK, code, "discovery")
	assert.Contains(t, body, "open311@lucheng.wenzhou.example")

	code, body = get(t, base+"/services.json")
	require.Equal(t, http.StatusOK, code, "services")
	var services []open311.Service
	require.NoError(t, json.Unmarshal([]byte(body), &services))
	assert.Len(t, services, 20, "the example catalogue")
	assert.Equal(t, open311.ID("001"), services[0].ServiceCode, "codes keep their leading zeros")

	code, body = get(t, base+"/services.xml")
	assert.Equal(t, http.StatusOK, code)
	assert.True(t, strings.HasPrefix(strings.TrimSpace(body), "<?xml"), "XML services: %.60s", body)

	code, _ = get(t, base+"/services/002.json")
	assert.Equal(t, http.StatusOK, code, "service definition")
	code, _ = get(t, base+"/services/999.json")
	assert.Equal(t, http.StatusNotFound, code, "unknown service")

	code, body = get(t, base+"/requests.json")
	require.Equal(t, http.StatusOK, code, "requests")
	list, err := open311.DecodeRequests(strings.NewReader(body))
	require.NoError(t, err)
	assert.Len(t, list, 3, "the sample requests")

	code, body = curl(t, base+"/requests.json", "api_key=app", "service_code=004", "lat=28.0020", "long=120.6550",
		"description=mud on the road")
	require.Equal(t, http.StatusOK, code, "POST request: %s", body)
	var receipts []open311.Receipt
	require.NoError(t, json.Unmarshal([]byte(body), &receipts))
	require.Len(t, receipts, 1)
	id := string(receipts[0].ServiceRequestID)

	code, body = get(t, base+"/requests/"+id+".xml")
	require.Equal(t, http.StatusOK, code, "one request as XML")
	one, err := open311.DecodeRequests(strings.NewReader(body))
	require.NoError(t, err)
	require.Len(t, one, 1)
	assert.Equal(t, "open", one[0].Status)

	assert.Empty(t, receipts[0].Token, "the ID, and no token beside it")

	code, body = curl(t, base+"/requests.json", "api_key=app", "service_code=002", "address_string=8 Wuma Street",
		"attribute[fixmystreet_id]=1234")
	require.Equal(t, http.StatusOK, code, "an address and no description are enough: %s", body)
	var more []open311.Receipt
	require.NoError(t, json.Unmarshal([]byte(body), &more))
	require.Len(t, more, 1)
	code, body = get(t, base+"/requests/"+string(more[0].ServiceRequestID)+".json?extensions=true")
	require.Equal(t, http.StatusOK, code, "with extensions")
	assert.Contains(t, body, `"lat":null`, "no point yet")
	assert.Contains(t, body, `{"label":"","name":"fixmystreet_id","value":"1234","code":"1234"}`, "the attribute it was sent with")

	code, _ = post(t, base+"/requests.json", url.Values{"api_key": {"wrong"}, "service_code": {"004"}, "lat": {"28"}, "long": {"120.6"}, "description": {"x"}})
	assert.Equal(t, http.StatusForbidden, code, "bad api_key")
	code, _ = post(t, base+"/requests.json", url.Values{"api_key": {"app"}, "service_code": {"004"}, "lat": {"28"}, "description": {"x"}})
	assert.Equal(t, http.StatusBadRequest, code, "lat without long")

	update := []string{"api_key=staff", "update_id=u-1", "service_request_id=" + id, "status=in_progress",
		"updated_datetime=2025-06-09T10:00:00+08:00", "description=crew on site"}
	code, body = curl(t, base+"/servicerequestupdates.json", update...)
	require.Equal(t, http.StatusOK, code, "POST update as curl sends it, its + unencoded: %s", body)
	code, _ = curl(t, base+"/servicerequestupdates.json", update...)
	assert.Equal(t, http.StatusOK, code, "a repeated update_id is answered again and changes nothing")
	code, body = post(t, base+"/servicerequestupdates.json", url.Values{"api_key": {"staff"}, "update_id": {"u-2"}, "service_request_id": {id},
		"status": {"FIXED"}, "updated_datetime": {"2025-06-09T11:00+08:00"}, "description": {"road swept"}})
	require.Equal(t, http.StatusOK, code, "FIXED, minutes without seconds: %s", body)

	code, body = get(t, base+"/servicerequestupdates.json?start_date=2025-06-01T00:00:00Z&end_date=2025-06-30T00:00+08:00")
	require.Equal(t, http.StatusOK, code, "GET updates")
	updates, err := open311.DecodeUpdates(strings.NewReader(body))
	require.NoError(t, err)
	require.Len(t, updates, 2, "the two updates received")
	assert.Equal(t, open311.StatusFixed, updates[1].Status, "the latest")

	code, body = get(t, base+"/requests/"+id+".json")
	require.Equal(t, http.StatusOK, code)
	after, err := open311.DecodeRequests(strings.NewReader(body))
	require.NoError(t, err)
	assert.Equal(t, "closed", after[0].Status, "FIXED closes the request as GeoReport sees it")
}

func TestKeysMustDiffer(t *testing.T) {
	_, _, err := newServer(context.Background(), config{appKey: "same", staffKey: "same", db: filepath.Join(t.TempDir(), "x.db"),
		now: time.Now, random: rand.NewChaCha8([32]byte{}), log: io.Discard})
	assert.Error(t, err)
}

// The samples are filed into an empty store only: after a restart the
// same requests, with the same IDs, and no new ones.
func TestRestartKeepsSamples(t *testing.T) {
	db := filepath.Join(t.TempDir(), "open311.db")
	srv, _ := serverAt(t, db, "http://127.0.0.1:8311"+basePath)
	_, before := get(t, srv.URL+basePath+"/requests.xml?extensions=true")
	srv.Close()
	srv2, _ := serverAt(t, db, "http://127.0.0.1:8311"+basePath)
	_, after := get(t, srv2.URL+basePath+"/requests.xml?extensions=true")
	assert.Equal(t, before, after, "the samples after a restart")
	list, err := open311.DecodeRequests(strings.NewReader(after))
	require.NoError(t, err)
	assert.Len(t, list, 3, "filed once")
}

// Discovery names -base-url, whatever Host the client sends; every request
// is logged without its api_key.
func TestDiscoveryAndLog(t *testing.T) {
	srv, log := serverAt(t, filepath.Join(t.TempDir(), "open311.db"), "https://311.example.gov/open311/v2")
	req, err := http.NewRequest(http.MethodGet, srv.URL+basePath+"/discovery.json?api_key=staff", nil)
	require.NoError(t, err)
	req.Host = "attacker.example"
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	var d open311.Discovery
	require.NoError(t, json.NewDecoder(res.Body).Decode(&d))
	res.Body.Close()
	require.Len(t, d.Endpoints, 1)
	assert.Equal(t, "https://311.example.gov/open311/v2", d.Endpoints[0].URL)
	assert.Regexp(t, `^2025-06-09T01:30:00Z GET /open311/v2/discovery\.json 200 \d+B 0s\n$`, log.String(), "one line, the clock fixed")
}
