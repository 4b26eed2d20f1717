package open311_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

// internals are fragments of text that only an internal error carries:
// package prefixes of the SDK and of the standard library, Go's error and
// formatting vocabulary, and the SDK's own field names, none of which a
// client sent or could act on.
var internals = []string{
	"open311:", "incident:", "grassroots:", "workday:", "grid:", "validate", "validator",
	"strconv.", "multipart:", "http:", "json:", "xml:", "EOF", "<nil>", "%!", "runtime",
	"invalid value:", "Status(", "Op(", "Party(",
	"aggregate_id", "command_id", "meta.", "actor.", "upd:", "media[", "evidence[", "location.",
	"database", "down", "\n",
}

// leakCase is one failing request.
type leakCase struct {
	name   string
	method string
	path   string
	ctype  string
	body   string
	code   int
}

func TestErrorsLeakNoInternals(t *testing.T) {
	s := newServer(t, open311.WithRequiredDescription("006"))
	id := s.report(t, "002")
	self := s.report(t, "002")
	unlocated := postOK(t, s, form("api_key", residentKey, "service_code", "002", "address_string", "1 Wuma Street"))
	at := start.Add(time.Minute).Format(time.RFC3339)
	upd := func(kv ...string) string {
		return form(append([]string{"api_key", staffKey, "service_request_id", id, "update_id", "x", "status", "fixed", "updated_datetime", at}, kv...)...).Encode()
	}
	formType := "application/x-www-form-urlencoded"
	cases := []leakCase{
		{"unknown path", http.MethodGet, "/nothing.json", "", "", http.StatusNotFound},
		{"wrong method", http.MethodPut, "/requests.json", "", "", http.StatusMethodNotAllowed},
		{"JSON body", http.MethodPost, "/requests.json", "application/json", `{"api_key":"x"}`, http.StatusUnsupportedMediaType},
		{"broken form", http.MethodPost, "/requests.json", formType, "a=%zz", http.StatusBadRequest},
		{"broken multipart", http.MethodPost, "/requests.json", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", http.StatusBadRequest},
		{"body too large", http.MethodPost, "/requests.json", formType, "x=" + strings.Repeat("a", 300<<10), http.StatusRequestEntityTooLarge},
		{"no api_key", http.MethodPost, "/requests.json", formType, "service_code=002", http.StatusForbidden},
		{"other jurisdiction", http.MethodPost, "/requests.json", formType, form("api_key", residentKey, "jurisdiction_id", "x").Encode(), http.StatusNotFound},
		{"every form problem", http.MethodPost, "/requests.json", formType, form("api_key", residentKey, "lat", "x", "long", "NaN",
			"description", "<b>x</b>\x07", "media_url", "ftp://x", "address_id", "a b", "attribute[a b]", "1", "first_name", "\xff").Encode(), http.StatusBadRequest},
		{"unknown service", http.MethodPost, "/requests.json", formType, form("api_key", residentKey, "service_code", "999", "lat", "1", "long", "2").Encode(), http.StatusNotFound},
		{"attributes", http.MethodPost, "/requests.json", formType, form("api_key", residentKey, "service_code", "001", "lat", "1", "long", "2", "attribute[KIND]", "9").Encode(), http.StatusBadRequest},
		{"required description", http.MethodPost, "/requests.json", formType, form("api_key", residentKey, "service_code", "006", "lat", "1", "long", "2").Encode(), http.StatusBadRequest},
		{"every update problem", http.MethodPost, "/servicerequestupdates.json", formType, form("api_key", staffKey, "status", "maybe", "updated_datetime", "soon",
			"media_url", "x", "external_status_code", "a b", "duplicate_of", "a b", "description", strings.Repeat("x", 5000)).Encode(), http.StatusBadRequest},
		{"unknown request", http.MethodPost, "/servicerequestupdates.json", formType, form("api_key", staffKey, "service_request_id", "nope", "update_id", "x", "status", "fixed", "updated_datetime", at).Encode(), http.StatusNotFound},
		{"permission", http.MethodPost, "/servicerequestupdates.json", formType, strings.Replace(upd(), staffKey, residentKey, 1), http.StatusForbidden},
		{"a duplicate of itself", http.MethodPost, "/servicerequestupdates.json", formType,
			form("api_key", staffKey, "service_request_id", self, "update_id", "d", "status", "duplicate", "updated_datetime", at, "duplicate_of", self).Encode(), http.StatusBadRequest},
		{"dispatch without a point", http.MethodPost, "/servicerequestupdates.json", formType,
			form("api_key", staffKey, "service_request_id", unlocated, "update_id", "p", "status", "action_scheduled", "updated_datetime", at).Encode(), http.StatusBadRequest},
		{"bad search", http.MethodGet, "/requests.json?status=x&page=0&page_size=x&start_date=x&extensions=maybe", "", "", http.StatusBadRequest},
		{"bad window", http.MethodGet, "/requests.json?start_date=2026-01-01T00:00Z&end_date=2026-06-01T00:00Z", "", "", http.StatusBadRequest},
		{"bad update window", http.MethodGet, "/servicerequestupdates.json?start_date=x&end_date=y", "", "", http.StatusBadRequest},
		{"unknown request id", http.MethodGet, "/requests/nope.json", "", "", http.StatusNotFound},
		{"unknown token", http.MethodGet, "/tokens/nope.json", "", "", http.StatusNotFound},
		{"unknown service code", http.MethodGet, "/services/999.json", "", "", http.StatusNotFound},
	}
	for _, c := range cases {
		for _, ext := range []string{".json", ".xml"} {
			path := strings.Replace(c.path, ".json", ext, 1)
			t.Run(c.name+ext, func(t *testing.T) {
				res := s.do(t, c.method, path, c.ctype, strings.NewReader(c.body))
				assert.Equal(t, c.code, res.status, "status of %s: %s", c.name, res.body)
				assertClientErrors(t, res, ext, c.code)
			})
		}
	}
	rec := load(t, s, id)
	assert.Empty(t, rec.Updates, "no failed update was recorded")
}

// A Store that fails with an error of its own answers 500, with no word
// of that error.
func TestStoreErrorsLeakNoInternals(t *testing.T) {
	h, err := open311.NewHandler(failingStore{}, newDecider(t), open311.WithAPIKey(staffKey, staff),
		open311.WithClock(func() time.Time { return start }), open311.WithRand(seeded(4)))
	require.NoError(t, err, "handler")
	s := &server{clock: newClock(start)}
	s.Server = httptestServer(t, h)
	for _, r := range []struct{ method, path, body string }{
		{http.MethodGet, "/requests.xml", ""},
		{http.MethodGet, "/requests/1.json", ""},
		{http.MethodGet, "/servicerequestupdates.xml", ""},
		{http.MethodPost, "/requests.json", form("api_key", staffKey, "service_code", "002", "lat", "1", "long", "2").Encode()},
		{http.MethodPost, "/servicerequestupdates.xml", form("api_key", staffKey, "service_request_id", "1", "update_id", "u", "status", "fixed", "updated_datetime", "2026-03-10T09:00Z").Encode()},
	} {
		req, err := http.NewRequest(r.method, s.URL+r.path, strings.NewReader(r.body))
		require.NoError(t, err, "request")
		if r.body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		res, err := s.Client().Do(req)
		require.NoError(t, err, "%s %s", r.method, r.path)
		got := read(t, res)
		assert.Equal(t, http.StatusInternalServerError, got.status, "%s %s", r.method, r.path)
		ext := ".json"
		if strings.Contains(r.path, ".xml") {
			ext = ".xml"
		}
		assertClientErrors(t, got, ext, http.StatusInternalServerError)
	}
}

// The Geocoder's errors never reach the client: a request it cannot
// locate is accepted without a point.
func TestGeocoderErrorsLeakNoInternals(t *testing.T) {
	s := newServer(t, open311.WithGeocoder(failingGeocoder{}))
	id := postOK(t, s, form("api_key", residentKey, "service_code", "002", "address_string", "nowhere"))
	rec := load(t, s, id)
	assert.False(t, rec.State.Located(), "no point")
}

type failingGeocoder struct{}

func (failingGeocoder) Geocode(context.Context, string, string) (incident.Location, error) {
	return incident.Location{}, errors.New("geocoder: quota exceeded")
}

// assertClientErrors checks an error answer: a list of errors in the
// format asked for, each with the status as code and a description for
// the client, free of internal text.
func assertClientErrors(t *testing.T, res response, ext string, code int) {
	t.Helper()
	var list []open311.Error
	if ext == ".xml" {
		var x struct {
			XMLName xml.Name        `xml:"errors"`
			Items   []open311.Error `xml:"error"`
		}
		require.NoError(t, xml.Unmarshal([]byte(res.body), &x), "XML errors: %s", res.body)
		list = x.Items
		assert.Contains(t, res.ctype, "text/xml", "content type")
	} else {
		require.NoError(t, json.Unmarshal([]byte(res.body), &list), "JSON errors: %s", res.body)
		assert.Contains(t, res.ctype, "application/json", "content type")
	}
	require.NotEmpty(t, list, "errors listed")
	for _, e := range list {
		assert.Equal(t, code, e.Code, "code of %q", e.Description)
		assert.GreaterOrEqual(t, len(e.Description), 12, "a description a client can act on: %q", e.Description)
		for _, bad := range internals {
			assert.NotContains(t, e.Description, bad, "no internal text in %q", e.Description)
		}
	}
}

// postOK posts a request and returns its ID.
func postOK(t *testing.T, s *server, v url.Values) string {
	t.Helper()
	res := s.post(t, "/requests.json", v)
	require.Equal(t, http.StatusOK, res.status, res.body)
	var rs []open311.Receipt
	require.NoError(t, json.Unmarshal([]byte(res.body), &rs), res.body)
	require.Len(t, rs, 1, "one receipt")
	return string(rs[0].ServiceRequestID)
}

// The descriptions of the package's own decoders are what a client reads:
// each names its parameter first.
func TestProblemMessagesNameTheirParameter(t *testing.T) {
	forms := []url.Values{
		form("lat", "x", "long", "NaN", "description", "<b>x</b>\x07", "media_url", "ftp://x", "address_id", "a b", "attribute[a b]", "1", "zipcode", strings.Repeat("9", 70)),
		form("lat", "91", "long", "-181"),
		form("service_code", "a b", "lat", "1"),
	}
	for _, f := range forms {
		_, err := open311.DecodeForm(f)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, "form %v", f)
		for _, p := range ve.Fields {
			assert.True(t, strings.HasPrefix(p.Message, p.Path), "%q starts with %q", p.Message, p.Path)
		}
	}
}
