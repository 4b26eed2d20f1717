package open311_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
	"github.com/grassrootsgov/grassroots/workday"
)

const (
	residentKey = "resident-app-key"
	staffKey    = "street-office-key"
	base        = "/open311/v2"
)

var (
	shanghai = time.FixedZone("CST", 8*3600)
	// start is a Tuesday, a working day in the embedded 2026 calendar.
	start    = time.Date(2026, 3, 10, 9, 0, 0, 0, shanghai)
	resident = grassroots.Actor{ID: "app-1", Party: grassroots.Resident}
	staff    = grassroots.Actor{
		ID: "staff-1", Party: grassroots.Government, Organization: "street-office",
		Roles: []string{incident.RoleDispatcher, incident.RoleHandler, incident.RoleSupervisor},
	}
)

// clock is a settable time source for the Handler.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }
func (c *clock) set(t time.Time)         { c.t = t }
func newClock(t time.Time) *clock        { return &clock{t: t} }
func seeded(seed uint64) *rand.ChaCha8   { return rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8)}) }
func form(kv ...string) url.Values       { return pairs(kv) }
func pairs(kv []string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

func newDecider(t testing.TB) *incident.Decider {
	t.Helper()
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	require.NoError(t, err, "default calendar")
	d, err := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
	require.NoError(t, err, "decider")
	return d
}

// server is a Handler over a MemoryStore behind httptest.
type server struct {
	*httptest.Server
	store *open311.MemoryStore
	clock *clock
}

func newServer(t testing.TB, opts ...open311.Option) *server {
	t.Helper()
	s := &server{store: &open311.MemoryStore{}, clock: newClock(start)}
	all := append([]open311.Option{
		open311.WithBasePath(base),
		open311.WithAPIKey(residentKey, resident),
		open311.WithAPIKey(staffKey, staff),
		open311.WithClock(s.clock.now),
		open311.WithRand(seeded(1)),
		open311.WithJurisdiction("lucheng.wenzhou.gov.cn"),
		open311.WithAttributes("001",
			open311.Attribute{Variable: true, Code: "FLOORS", Datatype: open311.DatatypeNumber, Required: true, Order: 1, Description: "How many floors?"},
			open311.Attribute{Variable: true, Code: "KIND", Datatype: open311.DatatypeSingleValueList, Order: 2, Description: "Kind",
				Values: []open311.AttributeValue{{Key: "1", Name: "rooftop"}, {Key: "2", Name: "yard"}}},
		),
	}, opts...)
	h, err := open311.NewHandler(s.store, newDecider(t), all...)
	require.NoError(t, err, "NewHandler")
	s.Server = httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

// response is a decoded HTTP answer.
type response struct {
	status int
	ctype  string
	body   string
}

func (s *server) get(t testing.TB, path string) response {
	t.Helper()
	res, err := s.Client().Get(s.URL + base + path)
	require.NoError(t, err, "GET %s", path)
	return read(t, res)
}

func (s *server) post(t testing.TB, path string, v url.Values) response {
	t.Helper()
	res, err := s.Client().PostForm(s.URL+base+path, v)
	require.NoError(t, err, "POST %s", path)
	return read(t, res)
}

// do sends a request with any method, content type and body.
func (s *server) do(t testing.TB, method, path, ctype string, body io.Reader) response {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+base+path, body)
	require.NoError(t, err, "%s %s", method, path)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := s.Client().Do(req)
	require.NoError(t, err, "%s %s", method, path)
	return read(t, res)
}

// part is one field or file of a multipart body.
type part struct {
	name, value string
	file        string // a file name makes the part a file upload
}

// multipartBody encodes parts as multipart/form-data, as Perl's
// HTTP::Request::Common does for FixMyStreet's uploads.
func multipartBody(t testing.TB, parts []part) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.file != "" {
			w, err = mw.CreateFormFile(p.name, p.file)
		} else {
			w, err = mw.CreateFormField(p.name)
		}
		require.NoError(t, err, "part %s", p.name)
		_, err = io.WriteString(w, p.value)
		require.NoError(t, err, "part %s", p.name)
	}
	require.NoError(t, mw.Close(), "close multipart")
	return mw.FormDataContentType(), &buf
}

func (s *server) postMultipart(t testing.TB, path string, parts []part) response {
	t.Helper()
	ctype, body := multipartBody(t, parts)
	return s.do(t, http.MethodPost, path, ctype, body)
}

func read(t testing.TB, res *http.Response) response {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err, "read body")
	return response{status: res.StatusCode, ctype: res.Header.Get("Content-Type"), body: string(b)}
}

// report posts a valid request of a service at a WGS84 point and returns
// its ID.
func (s *server) report(t testing.TB, code string, extra ...string) string {
	t.Helper()
	v := form("api_key", residentKey, "service_code", code, "lat", "27.9938", "long", "120.6994",
		"description", "rubbish heaped by the gate", "address_string", "1 Wuma Street")
	for k, vals := range pairs(extra) {
		v[k] = vals
	}
	res := s.post(t, "/requests.json", v)
	require.Equal(t, http.StatusOK, res.status, "POST requests: %s", res.body)
	var rs []open311.Receipt
	require.NoError(t, json.Unmarshal([]byte(res.body), &rs), "receipt %s", res.body)
	require.Len(t, rs, 1, "one receipt")
	return string(rs[0].ServiceRequestID)
}

// request fetches one request as JSON.
func (s *server) request(t testing.TB, id string) open311.Request {
	t.Helper()
	res := s.get(t, "/requests/"+id+".json")
	require.Equal(t, http.StatusOK, res.status, "GET request %s: %s", id, res.body)
	rs, err := open311.DecodeRequests(strings.NewReader(res.body))
	require.NoError(t, err, "decode request %s", id)
	require.Len(t, rs, 1, "one request")
	return rs[0]
}

// update posts an update as staff and returns the response.
func (s *server) update(t testing.TB, id, updateID, status string, at time.Time, extra ...string) response {
	t.Helper()
	v := form("api_key", staffKey, "service_request_id", id, "update_id", updateID, "status", status,
		"updated_datetime", at.Format(time.RFC3339), "description", "note for "+status)
	for k, vals := range pairs(extra) {
		v[k] = vals
	}
	return s.post(t, "/servicerequestupdates.json", v)
}

// errorsOf decodes an error list.
func errorsOf(t testing.TB, body string) []open311.Error {
	t.Helper()
	var es []open311.Error
	require.NoError(t, json.Unmarshal([]byte(body), &es), "error body %s", body)
	return es
}

func load(t testing.TB, s *server, id string) open311.Record {
	t.Helper()
	rec, err := s.store.Load(context.Background(), id)
	require.NoError(t, err, "load %s", id)
	return rec
}

func jsonDecode(res *http.Response, v any) error {
	defer res.Body.Close()
	return json.NewDecoder(res.Body).Decode(v)
}

func gridPoint() grid.Point { return grid.Point{Lng: 120.6994, Lat: 27.9938} }

func httptestServer(t testing.TB, h http.Handler) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// getRaw and postRaw address a Handler served at the root.
func (s *server) getRaw(t testing.TB, path string) response {
	t.Helper()
	res, err := s.Client().Get(s.URL + path)
	require.NoError(t, err, "GET %s", path)
	return read(t, res)
}

func (s *server) postRaw(t testing.TB, path string, v url.Values) response {
	t.Helper()
	res, err := s.Client().PostForm(s.URL+path, v)
	require.NoError(t, err, "POST %s", path)
	return read(t, res)
}
