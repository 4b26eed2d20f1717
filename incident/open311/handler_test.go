package open311_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

func TestHandlerServicesListEveryCategoryWithItsStringCode(t *testing.T) {
	s := newServer(t)
	res := s.get(t, "/services.json?jurisdiction_id=lucheng.wenzhou.gov.cn")
	require.Equal(t, http.StatusOK, res.status, res.body)
	assert.Contains(t, res.ctype, "application/json", "content type")
	var list []open311.Service
	require.NoError(t, json.Unmarshal([]byte(res.body), &list), res.body)
	assert.Len(t, list, incident.DefaultCatalog().Len(), "one service per category")
	assert.Contains(t, res.body, `"service_code":"006"`, "006 keeps its zero as a JSON string")
	byCode := map[string]open311.Service{}
	for _, sv := range list {
		byCode[string(sv.ServiceCode)] = sv
	}
	assert.True(t, byCode["001"].Metadata, "001 has attributes")
	assert.False(t, byCode["006"].Metadata, "006 has none")
	assert.Equal(t, "comprehensive_governance", byCode["006"].Group, "group is the platform")

	res = s.get(t, "/services.xml")
	require.Equal(t, http.StatusOK, res.status, res.body)
	assert.Contains(t, res.ctype, "text/xml", "content type")
	assert.True(t, strings.HasPrefix(res.body, xml.Header+"<services><service><service_code>001</service_code>"), res.body)
	assert.Contains(t, res.body, "<service_code>006</service_code>", "XML code")
}

func TestHandlerServiceDefinition(t *testing.T) {
	s := newServer(t)
	res := s.get(t, "/services/001.json")
	require.Equal(t, http.StatusOK, res.status, res.body)
	var def open311.ServiceDefinition
	require.NoError(t, json.Unmarshal([]byte(res.body), &def), res.body)
	assert.Equal(t, open311.ID("001"), def.ServiceCode, "code")
	require.Len(t, def.Attributes, 2, "attributes of 001")
	assert.Equal(t, "FLOORS", def.Attributes[0].Code, "ordered by order")

	res = s.get(t, "/services/006.json")
	require.Equal(t, http.StatusOK, res.status, res.body)
	assert.JSONEq(t, `{"service_code":"006","attributes":[]}`, res.body, "a service without attributes has an empty definition")

	res = s.get(t, "/services/001.xml")
	require.Equal(t, http.StatusOK, res.status, res.body)
	assert.Contains(t, res.body, "<service_definition><service_code>001</service_code><attributes><attribute><variable>true</variable><code>FLOORS</code>", res.body)
	assert.Contains(t, res.body, "<values><value><key>1</key><name>rooftop</name></value>", res.body)

	res = s.get(t, "/services/999.xml")
	assert.Equal(t, http.StatusNotFound, res.status, "unknown code")
	assert.Contains(t, res.body, "<errors><error><code>404</code>", res.body)
}

func TestHandlerDiscovery(t *testing.T) {
	s := newServer(t, open311.WithDiscovery("12345 hotline", "ask the district", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	res := s.get(t, "/discovery.json")
	require.Equal(t, http.StatusOK, res.status, res.body)
	var d open311.Discovery
	require.NoError(t, json.Unmarshal([]byte(res.body), &d), res.body)
	assert.Equal(t, "12345 hotline", d.Contact, "contact")
	require.Len(t, d.Endpoints, 1, "one endpoint")
	assert.Equal(t, s.URL+base, d.Endpoints[0].URL, "endpoint URL")
	assert.Equal(t, []string{"application/json", "text/xml"}, d.Endpoints[0].Formats, "formats")
	res = s.get(t, "/discovery.xml")
	require.Equal(t, http.StatusOK, res.status, res.body)
	assert.Contains(t, res.body, "<discovery><changeset>2026-01-01T00:00:00Z</changeset>", res.body)
	assert.Contains(t, res.body, "<formats><format>application/json</format><format>text/xml</format></formats>", res.body)
}

func TestHandlerPostRequestThenGetItBack(t *testing.T) {
	s := newServer(t)
	s.clock.set(start.Add(123456789 * time.Nanosecond))
	res := s.post(t, "/requests.xml", form("api_key", residentKey, "jurisdiction_id", "lucheng.wenzhou.gov.cn",
		"service_code", "001", "lat", "27.9938", "long", "120.6994", "address_string", "1 Wuma Street",
		"address_id", "545483", "zipcode", "325000", "account_id", "acc-9", "first_name", "Li", "last_name", "Lei", "phone", "13812345678",
		"description", "A shed is being built on the roof", "media_url", "https://img.example.cn/1.jpg",
		"attribute[FLOORS]", "2", "attribute[KIND]", "1"))
	require.Equal(t, http.StatusOK, res.status, res.body)
	var receipts struct {
		Items []open311.Receipt `xml:"request"`
	}
	require.NoError(t, xml.Unmarshal([]byte(res.body), &receipts), res.body)
	require.Len(t, receipts.Items, 1, "one receipt")
	rc := receipts.Items[0]
	require.NotEmpty(t, rc.ServiceRequestID, "an ID is issued")
	assert.Empty(t, rc.Token, "no token beside the ID")
	assert.NotContains(t, res.body, "<token>", "GeoReport v2 answers the ID or a token, not both")
	require.NotNil(t, rc.AccountID, "account_id echoed")
	assert.Equal(t, open311.ID("acc-9"), *rc.AccountID, "account_id")
	assert.Equal(t, "Handled within 15 working days; closed when the illegal building or structure is demolished.", rc.ServiceNotice, "notice")

	got := s.request(t, string(rc.ServiceRequestID))
	assert.Equal(t, "open", got.Status, "status")
	assert.Equal(t, open311.ID("001"), got.ServiceCode, "service_code")
	assert.Equal(t, "违法搭建 illegal construction", got.ServiceName, "service_name")
	assert.Equal(t, "A shed is being built on the roof", got.Description, "description")
	assert.Equal(t, "1 Wuma Street", got.Address, "address")
	assert.Equal(t, open311.ID("545483"), got.AddressID, "address_id")
	assert.Equal(t, open311.ID("325000"), got.Zipcode, "zipcode")
	assert.Equal(t, "https://img.example.cn/1.jpg", got.MediaURL, "media_url")
	assert.Equal(t, "2026-03-10T09:00:00+08:00", got.RequestedDatetime.String(), "whole seconds with offset")
	assert.True(t, got.ExpectedDatetime.IsZero(), "no handling deadline before dispatch")
	require.NotNil(t, got.Lat, "lat")
	assert.InDelta(t, 27.9938, *got.Lat, 1e-12, "lat unchanged from WGS84")
	assert.InDelta(t, 120.6994, *got.Long, 1e-12, "long unchanged from WGS84")

	raw := s.get(t, "/requests/"+string(rc.ServiceRequestID)+".json")
	assert.Contains(t, raw.body, `"requested_datetime":"2026-03-10T09:00:00+08:00"`, "no fraction on the wire")
	rec := load(t, s, string(rc.ServiceRequestID))
	assert.Equal(t, map[string][]string{"FLOORS": {"2"}, "KIND": {"1"}}, rec.Attributes, "attributes kept")
	name, phone := rec.State.Contact.Reveal()
	assert.Equal(t, [2]string{"Li Lei", "13812345678"}, [2]string{name, phone}, "contact kept")
	assert.Equal(t, incident.ChannelApp, rec.State.Channel, "channel")

	assert.Equal(t, http.StatusNotFound, s.get(t, "/tokens/"+string(rc.ServiceRequestID)+".xml").status, "no token is issued, so none is known")
	assert.Equal(t, http.StatusNotFound, s.get(t, "/requests/nope.json").status, "unknown request")
}

func TestHandlerPostRequestErrors(t *testing.T) {
	valid := []string{"api_key", residentKey, "service_code", "002", "lat", "27.99", "long", "120.69", "description", "rubbish"}
	with := func(kv ...string) []string {
		v := pairs(valid)
		for k, vals := range pairs(kv) {
			v[k] = vals
		}
		var out []string
		for k, vals := range v {
			for _, x := range vals {
				if x != "-" {
					out = append(out, k, x)
				}
			}
		}
		return out
	}
	cases := []struct {
		name  string
		form  []string
		code  int
		field string
	}{
		{"missing api_key is 403", with("api_key", "-"), http.StatusForbidden, ""},
		{"unknown api_key is 403", with("api_key", "guess"), http.StatusForbidden, ""},
		{"another jurisdiction is 404", with("jurisdiction_id", "elsewhere"), http.StatusNotFound, ""},
		{"unknown service code is 404", with("service_code", "999"), http.StatusNotFound, ""},
		{"service code 6 is not 006", with("service_code", "6"), http.StatusNotFound, ""},
		{"lat without long is 400", with("long", "-"), http.StatusBadRequest, "long"},
		{"lat out of range is 400", with("lat", "91"), http.StatusBadRequest, "lat"},
		{"long not a number is 400", with("long", "east"), http.StatusBadRequest, "long"},
		{"no location at all is 400", with("lat", "-", "long", "-"), http.StatusBadRequest, "lat"},
		{"a blank address_string is no location", with("lat", "-", "long", "-", "address_string", "  "), http.StatusBadRequest, "lat"},
		{"description over 4000 characters is 400", with("description", strings.Repeat("路", 4001)), http.StatusBadRequest, "description"},
		{"HTML in the description is 400", with("description", "<b>rubbish</b>"), http.StatusBadRequest, "description"},
		{"media_url not http is 400", with("media_url", "ftp://x/y.jpg"), http.StatusBadRequest, "media_url"},
		{"required attribute missing is 400", with("service_code", "001"), http.StatusBadRequest, "attribute[FLOORS]"},
		{"required attribute empty is 400", with("service_code", "001", "attribute[FLOORS]", ""), http.StatusBadRequest, "attribute[FLOORS]"},
		{"two values for a single-valued attribute is 400", with("service_code", "001", "attribute[FLOORS]", "2", "attribute[FLOORS][]", "3"), http.StatusBadRequest, "attribute[FLOORS]"},
		{"attribute not a number is 400", with("service_code", "001", "attribute[FLOORS]", "two"), http.StatusBadRequest, "attribute[FLOORS]"},
		{"attribute value not a key is 400", with("service_code", "001", "attribute[FLOORS]", "2", "attribute[KIND]", "9"), http.StatusBadRequest, "attribute[KIND]"},
		{"a description for a service that requires one", with("service_code", "006", "description", " "), http.StatusBadRequest, "description"},
	}
	s := newServer(t, open311.WithRequiredDescription("006"))
	for _, c := range cases {
		for _, ext := range []string{".json", ".xml"} {
			t.Run(c.name+ext, func(t *testing.T) {
				res := s.post(t, "/requests"+ext, pairs(c.form))
				assert.Equal(t, c.code, res.status, "status for %v: %s", c.form, res.body)
				var es []open311.Error
				if ext == ".json" {
					es = errorsOf(t, res.body)
				} else {
					var x struct {
						Items []open311.Error `xml:"error"`
					}
					require.NoError(t, xml.Unmarshal([]byte(res.body), &x), res.body)
					assert.True(t, strings.HasPrefix(res.body, xml.Header+"<errors><error>"), res.body)
					es = x.Items
				}
				require.NotEmpty(t, es, "errors listed")
				for _, e := range es {
					assert.Equal(t, c.code, e.Code, "each error carries the status")
					assert.NotEmpty(t, e.Description, "description")
				}
				if c.field != "" {
					assert.True(t, strings.HasPrefix(es[0].Description, c.field), "first error names %s: %v", c.field, es)
				}
			})
		}
	}
	recs, err := s.store.List(context.Background(), open311.Query{})
	require.NoError(t, err, "list")
	assert.Empty(t, recs, "no rejected request was stored")
}

func TestHandlerWrongContentTypeAndMethod(t *testing.T) {
	s := newServer(t)
	r := s.do(t, http.MethodPost, "/requests.json", "application/json", strings.NewReader(`{"api_key":"`+residentKey+`"}`))
	assert.Equal(t, http.StatusUnsupportedMediaType, r.status, "GeoReport v2 defines no JSON body: %s", r.body)
	assert.Equal(t, http.StatusUnsupportedMediaType, errorsOf(t, r.body)[0].Code, "the error carries the status")
	r = s.do(t, http.MethodPost, "/servicerequestupdates.xml", "", strings.NewReader("api_key="+staffKey))
	assert.Equal(t, http.StatusUnsupportedMediaType, r.status, "a body without a content type: %s", r.body)
	r = s.do(t, http.MethodPost, "/requests.json", "multipart/form-data", strings.NewReader("api_key="+staffKey))
	assert.Equal(t, http.StatusUnsupportedMediaType, r.status, "multipart without a boundary: %s", r.body)
	r = s.do(t, http.MethodPost, "/requests.json", "multipart/form-data; boundary=x", strings.NewReader("not multipart"))
	assert.Equal(t, http.StatusBadRequest, r.status, "a multipart body that does not parse: %s", r.body)
	r = s.do(t, http.MethodPost, "/requests.json", "application/x-www-form-urlencoded", strings.NewReader("description="+strings.Repeat("a", 300<<10)))
	assert.Equal(t, http.StatusRequestEntityTooLarge, r.status, "a form over the limit: %.80s", r.body)

	req, err := http.NewRequest(http.MethodDelete, s.URL+base+"/requests.json", nil)
	require.NoError(t, err, "request")
	res, err := s.Client().Do(req)
	require.NoError(t, err, "delete")
	r = read(t, res)
	assert.Equal(t, http.StatusMethodNotAllowed, r.status, "DELETE")
	assert.Equal(t, "GET, HEAD, POST", res.Header.Get("Allow"), "Allow header")
	r = s.do(t, http.MethodPost, "/services.json", "application/x-www-form-urlencoded", strings.NewReader("a=b"))
	assert.Equal(t, http.StatusMethodNotAllowed, r.status, "POST services")

	assert.Equal(t, http.StatusNotFound, s.get(t, "/nothing.json").status, "unknown path")
	res, err = s.Client().Get(s.URL + "/services.json")
	require.NoError(t, err, "outside the base path")
	assert.Equal(t, http.StatusNotFound, read(t, res).status, "outside the base path")
}

// geocoder locates every address at one GCJ-02 point, as Chinese map
// services answer.
type geocoder struct{ loc incident.Location }

func (g geocoder) Geocode(context.Context, string, string) (incident.Location, error) {
	return g.loc, nil
}

func TestHandlerConvertsTheIncidentCRSToWGS84(t *testing.T) {
	gcj := incident.Location{Point: grid.Point{Lng: 120.6994, Lat: 27.9938}, CRS: grid.GCJ02}
	s := newServer(t, open311.WithGeocoder(geocoder{gcj}))
	res := s.post(t, "/requests.json", form("api_key", residentKey, "service_code", "002", "address_id", "A-17", "description", "rubbish"))
	require.Equal(t, http.StatusOK, res.status, res.body)
	var rs []open311.Receipt
	require.NoError(t, json.Unmarshal([]byte(res.body), &rs), res.body)
	got := s.request(t, string(rs[0].ServiceRequestID))
	want, err := grid.Convert(gcj.Point, grid.GCJ02, grid.WGS84)
	require.NoError(t, err, "convert")
	require.NotNil(t, got.Lat, "lat")
	assert.Equal(t, want.Lat, *got.Lat, "lat in WGS84")
	assert.Equal(t, want.Lng, *got.Long, "long in WGS84")
	assert.Greater(t, gcj.Point.Lng-*got.Long, 1e-3, "the GCJ-02 offset is removed")
}

func TestHandlerUpdatesDriveTheIncident(t *testing.T) {
	s := newServer(t)
	id := s.report(t, "006")
	at := start.Add(10 * time.Minute)

	res := s.update(t, id, "u-1", "closed", at)
	require.Equal(t, http.StatusOK, res.status, res.body)
	assert.JSONEq(t, `[{"update_id":"u-1"}]`, res.body, "receipt")
	rec := load(t, s, id)
	assert.Equal(t, incident.StatusClosed, rec.State.Status, "closed chains accept, dispatch, start, resolve, close")

	got := s.request(t, id)
	assert.Equal(t, "closed", got.Status, "request status")
	assert.Equal(t, "street-office", got.AgencyResponsible, "agency_responsible is the unit")
	assert.Equal(t, "2026-03-10T09:10:00+08:00", got.UpdatedDatetime.String(), "updated_datetime is the close time")
	assert.Equal(t, "2026-03-10T11:10:00+08:00", got.ExpectedDatetime.String(), "expected_datetime is the handling deadline: 2 calendar hours")
	assert.Equal(t, "note for closed", got.StatusNotes, "status_notes")

	t.Run("a repeated update_id changes nothing", func(t *testing.T) {
		res := s.update(t, id, "u-1", "reopen", at.Add(time.Hour))
		require.Equal(t, http.StatusOK, res.status, res.body)
		after := load(t, s, id)
		assert.Equal(t, rec.Revision, after.Revision, "not saved again")
		assert.Equal(t, incident.StatusClosed, after.State.Status, "still closed")
	})
	t.Run("an older update is kept as a note and changes no state", func(t *testing.T) {
		res := s.update(t, id, "u-0", "reopen", at.Add(-time.Minute))
		require.Equal(t, http.StatusOK, res.status, res.body)
		after := load(t, s, id)
		assert.Equal(t, incident.StatusClosed, after.State.Status, "still closed")
		assert.Equal(t, rec.State.Version, after.State.Version, "no event")
		require.Len(t, after.Updates, 2, "recorded")
		assert.Equal(t, open311.StatusReopen, after.Updates[1].Status, "as received")
	})
	t.Run("an unknown status is refused and stored nowhere", func(t *testing.T) {
		res := s.update(t, id, "u-2", "awaiting_parts", at.Add(time.Minute), "description", "waiting for a crane")
		require.Equal(t, http.StatusBadRequest, res.status, res.body)
		assert.Contains(t, errorsOf(t, res.body)[0].Description, "status must be one of", "the error says what is expected")
		after := load(t, s, id)
		assert.Len(t, after.Updates, 2, "not recorded")
		assert.NotContains(t, s.get(t, "/servicerequestupdates.json").body, "awaiting_parts", "not published again")
	})
	t.Run("a note keeps a closed request's close time", func(t *testing.T) {
		res := s.update(t, id, "u-2b", "unchanged", at.Add(time.Minute), "description", "waiting for a crane")
		require.Equal(t, http.StatusOK, res.status, res.body)
		got := s.request(t, id)
		assert.Equal(t, "waiting for a crane", got.StatusNotes, "the note shows")
		assert.Equal(t, "closed", got.Status, "still closed")
		assert.Equal(t, "2026-03-10T09:10:00+08:00", got.UpdatedDatetime.String(), "a closed request keeps its close time")
	})
	t.Run("reopen needs a supervisor and reopens", func(t *testing.T) {
		res := s.update(t, id, "u-3", "reopen", at.Add(2*time.Minute))
		require.Equal(t, http.StatusOK, res.status, res.body)
		got := s.request(t, id)
		assert.Equal(t, "open", got.Status, "reopened")
	})
}

func TestHandlerUpdateErrors(t *testing.T) {
	s := newServer(t)
	id := s.report(t, "002")
	at := start.Add(time.Minute).Format(time.RFC3339)
	cases := []struct {
		name  string
		form  []string
		code  int
		field string
	}{
		{"missing api_key is 403", []string{"service_request_id", id, "update_id", "x1", "status", "fixed", "updated_datetime", at}, http.StatusForbidden, "api_key"},
		{"a resident may not move a matter along: 403", []string{"api_key", residentKey, "service_request_id", id, "update_id", "x2", "status", "fixed", "updated_datetime", at}, http.StatusForbidden, ""},
		{"unknown request is 404", []string{"api_key", staffKey, "service_request_id", "nope", "update_id", "x3", "status", "fixed", "updated_datetime", at}, http.StatusNotFound, "service_request_id"},
		{"missing update_id is 400", []string{"api_key", staffKey, "service_request_id", id, "status", "fixed", "updated_datetime", at}, http.StatusBadRequest, "update_id"},
		{"missing updated_datetime is 400", []string{"api_key", staffKey, "service_request_id", id, "update_id", "x4", "status", "fixed"}, http.StatusBadRequest, "updated_datetime"},
		{"datetime without offset is 400", []string{"api_key", staffKey, "service_request_id", id, "update_id", "x5", "status", "fixed", "updated_datetime", "2026-03-10T09:00:00"}, http.StatusBadRequest, "updated_datetime"},
		{"an unknown status is 400", []string{"api_key", staffKey, "service_request_id", id, "update_id", "x6", "status", "pending_budget", "updated_datetime", at}, http.StatusBadRequest, "status"},
		{"a status of another deployment is 400", []string{"api_key", staffKey, "service_request_id", id, "update_id", "x7", "status", "REFERRED_TO_VEOLIA_STREETS", "updated_datetime", at}, http.StatusBadRequest, "status"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := s.post(t, "/servicerequestupdates.xml", pairs(c.form))
			assert.Equal(t, c.code, res.status, "status: %s", res.body)
			assert.Contains(t, res.body, "<errors><error><code>", res.body)
			var x struct {
				Items []open311.Error `xml:"error"`
			}
			require.NoError(t, xml.Unmarshal([]byte(res.body), &x), res.body)
			require.NotEmpty(t, x.Items, "errors listed")
			assert.True(t, strings.HasPrefix(x.Items[0].Description, c.field), "the error names %q: %v", c.field, x.Items)
		})
	}
	rec := load(t, s, id)
	assert.Equal(t, incident.StatusReported, rec.State.Status, "no failed update changed the matter")
	assert.Empty(t, rec.Updates, "no failed update was recorded")
}

func TestHandlerDuplicateNeedsNoDuplicateOf(t *testing.T) {
	s := newServer(t)
	at := start.Add(time.Minute)

	plain := s.report(t, "002")
	res := s.update(t, plain, "d-1", "DUPLICATE", at)
	require.Equal(t, http.StatusOK, res.status, "DUPLICATE without duplicate_of: %s", res.body)
	rec := load(t, s, plain)
	assert.Equal(t, incident.StatusReported, rec.State.Status, "the incident names the original of a duplicate, so it waits")
	got := s.request(t, plain)
	assert.Equal(t, "closed", got.Status, "DUPLICATE closes the request as GeoReport sees it")
	assert.Equal(t, at.Format(time.RFC3339), got.UpdatedDatetime.Time.Format(time.RFC3339), "closed at the update")

	named := s.report(t, "002")
	res = s.update(t, named, "d-2", "duplicate", at, "duplicate_of", plain)
	require.Equal(t, http.StatusOK, res.status, res.body)
	rec = load(t, s, named)
	assert.Equal(t, incident.StatusRejected, rec.State.Status, "rejected as a duplicate")
	assert.Equal(t, plain, rec.State.DuplicateOf, "names the original")
	assert.Equal(t, "closed", s.request(t, named).Status, "a rejected request is closed")

	res = s.update(t, named, "d-3", "duplicate", at.Add(time.Minute), "duplicate_of", named)
	require.Equal(t, http.StatusOK, res.status, "no path from rejected, so a note: %s", res.body)
	self := s.report(t, "002")
	res = s.update(t, self, "d-4", "duplicate", at, "duplicate_of", self)
	require.Equal(t, http.StatusBadRequest, res.status, "a duplicate of itself: %s", res.body)
	assert.Contains(t, errorsOf(t, res.body)[0].Description, "duplicate_of", "names the parameter")
}

func TestHandlerGetUpdates(t *testing.T) {
	s := newServer(t)
	id := s.report(t, "002")
	require.Equal(t, http.StatusOK, s.update(t, id, "u-1", "in_progress", start.Add(time.Minute)).status, "in_progress")
	require.Equal(t, http.StatusOK, s.update(t, id, "u-2", "investigating", start.Add(2*time.Minute)).status, "a step back, kept as a note")
	s.clock.set(start.Add(time.Hour))

	res := s.get(t, "/servicerequestupdates.json?start_date=2026-03-10T00:00:00%2B08:00")
	require.Equal(t, http.StatusOK, res.status, res.body)
	assert.True(t, strings.HasPrefix(res.body, "[{"), "a JSON array, as open311-adapter writes it: %s", res.body)
	ups, err := open311.DecodeUpdates(strings.NewReader(res.body))
	require.NoError(t, err, res.body)
	require.Len(t, ups, 2, "received updates, and no derived duplicates of them: %s", res.body)
	assert.Equal(t, open311.ID("u-1"), ups[0].UpdateID, "first")
	assert.Equal(t, open311.StatusInProgress, ups[0].Status, "status as received")
	assert.Equal(t, open311.StatusInvestigating, ups[1].Status, "the note as received")

	res = s.get(t, "/servicerequestupdates.xml?start_date=2026-03-10T09:02+08:00")
	require.Equal(t, http.StatusOK, res.status, "a W3C datetime with minutes, its + sent unencoded: %s", res.body)
	assert.True(t, strings.HasPrefix(res.body, xml.Header+"<service_request_updates><request_update><update_id>u-2</update_id>"), res.body)
	ups, err = open311.DecodeUpdates(strings.NewReader(res.body))
	require.NoError(t, err, res.body)
	assert.Len(t, ups, 1, "start_date bounds updated_datetime")

	res = s.get(t, "/servicerequestupdates.json?end_date=yesterday")
	assert.Equal(t, http.StatusBadRequest, res.status, "bad end_date")
	res = s.get(t, "/servicerequestupdates.json?start_date=2026-03-10T10:00Z&end_date=2026-03-10T09:00Z")
	assert.Equal(t, http.StatusBadRequest, res.status, "end_date before start_date")
}

// The updates feed has one root element in GET and POST answers alike,
// the one the extension documents.
func TestHandlerUpdatesRootElement(t *testing.T) {
	s := newServer(t)
	id := s.report(t, "002")
	post := s.update(t, id, "r-1", "investigating", start.Add(time.Minute))
	require.Equal(t, http.StatusOK, post.status, post.body)
	res := s.post(t, "/servicerequestupdates.xml", form("api_key", staffKey, "service_request_id", id, "update_id", "r-2",
		"status", "IN_PROGRESS", "updated_datetime", start.Add(2*time.Minute).Format(time.RFC3339), "description", "crew on site"))
	require.Equal(t, http.StatusOK, res.status, res.body)
	assert.Equal(t, xml.Header+"<service_request_updates><request_update><update_id>r-2</update_id></request_update></service_request_updates>\n", res.body, "POST answer")
	s.clock.advance(time.Hour)
	got := s.get(t, "/servicerequestupdates.xml")
	require.Equal(t, http.StatusOK, got.status, got.body)
	assert.True(t, strings.HasPrefix(got.body, xml.Header+"<service_request_updates><request_update>"), "GET answer: %s", got.body)
	assert.NotContains(t, got.body, "service_requests_updates", "one spelling")
	js := s.post(t, "/servicerequestupdates.json", form("api_key", staffKey, "service_request_id", id, "update_id", "r-3",
		"status", "unchanged", "updated_datetime", start.Add(3*time.Minute).Format(time.RFC3339)))
	assert.JSONEq(t, `[{"update_id":"r-3"}]`, js.body, "the JSON form is an array")
}

func TestHandlerListsEventsOfOtherSystemsAsUpdates(t *testing.T) {
	s := newServer(t)
	id := s.report(t, "002")
	rec := load(t, s, id)
	d := newDecider(t)
	m := grassroots.Meta{AggregateID: id, CommandID: "desk-accept", Actor: staff, At: start.Add(5 * time.Minute)}
	evs, err := d.Decide(rec.State, incident.Accept{Meta: m})
	require.NoError(t, err, "accept")
	rec.State, err = d.Evolve(rec.State, evs[0])
	require.NoError(t, err, "evolve")
	rec.Events = append(rec.Events, evs...)
	rec.Revision++
	require.NoError(t, s.store.Save(context.Background(), rec), "save")
	s.clock.advance(time.Hour)

	res := s.get(t, "/servicerequestupdates.json")
	require.Equal(t, http.StatusOK, res.status, res.body)
	ups, err := open311.DecodeUpdates(strings.NewReader(res.body))
	require.NoError(t, err, res.body)
	require.Len(t, ups, 1, "the acceptance: %s", res.body)
	assert.Equal(t, open311.ID(id+"/desk-accept/accepted"), ups[0].UpdateID, "derived ID")
	assert.Equal(t, open311.StatusInvestigating, ups[0].Status, "accepted reads as investigating")
}

func TestHandlerSearch(t *testing.T) {
	s := newServer(t)
	old := s.report(t, "002") // 2026-03-10
	s.clock.advance(100 * 24 * time.Hour)
	a := s.report(t, "002")
	s.clock.advance(time.Hour)
	b := s.report(t, "006")
	s.clock.advance(time.Hour)
	c := s.report(t, "006")
	require.Equal(t, http.StatusOK, s.update(t, c, "c-1", "closed", s.clock.t).status, "close c")
	s.clock.advance(time.Hour)

	cases := []struct {
		name  string
		query string
		want  []string
	}{
		{"the default covers the last 90 days, newest first", "", []string{c, b, a}},
		{"service_request_id ignores the other filters", "?service_request_id=" + old + "," + a + "&service_code=006", []string{a, old}},
		{"service_code", "?service_code=006", []string{c, b}},
		{"status closed", "?status=closed", []string{c}},
		{"status open", "?status=open", []string{b, a}},
		{"start_date and end_date", "?start_date=2026-03-01T00:00:00Z&end_date=2026-03-31T00:00:00Z", []string{old}},
		{"updated_after", "?updated_after=" + s.clock.t.Add(-time.Hour).Format(time.RFC3339), []string{c}},
		{"updated_before", "?updated_before=2026-03-11T00:00:00Z", []string{old}},
		{"page_size and page", "?page_size=2&page=2", []string{a}},
	}
	for _, tc := range cases {
		for _, ext := range []string{".json", ".xml"} {
			t.Run(tc.name+ext, func(t *testing.T) {
				q := strings.ReplaceAll(tc.query, "+", "%2B")
				res := s.get(t, "/requests"+ext+q)
				require.Equal(t, http.StatusOK, res.status, res.body)
				rs, err := open311.DecodeRequests(strings.NewReader(res.body))
				require.NoError(t, err, res.body)
				ids := []string{}
				for _, r := range rs {
					ids = append(ids, string(r.ServiceRequestID))
				}
				assert.Equal(t, tc.want, ids, "query %q", tc.query)
			})
		}
	}
	for _, q := range []string{
		"?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
		"?status=pending",
		"?page_size=1001",
		"?page=0",
		"?start_date=2026-01-01",
	} {
		assert.Equal(t, http.StatusBadRequest, s.get(t, "/requests.json"+q).status, "query %q", q)
	}
}
