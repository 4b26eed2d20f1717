package open311_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

func TestHandlerOtherJurisdictionIsNotFound(t *testing.T) {
	s := newServer(t)
	id := s.report(t, "002")
	for _, path := range []string{
		"/discovery.json", "/services.json", "/services/002.xml", "/requests.json",
		"/requests/" + id + ".json", "/servicerequestupdates.xml",
	} {
		res := s.get(t, path+"?jurisdiction_id=elsewhere.gov")
		assert.Equal(t, http.StatusNotFound, res.status, "GET %s in another jurisdiction", path)
		res = s.get(t, path+"?jurisdiction_id=lucheng.wenzhou.gov.cn")
		assert.Equal(t, http.StatusOK, res.status, "GET %s in this jurisdiction", path)
	}
	res := s.get(t, "/tokens/x.json?jurisdiction_id=elsewhere.gov")
	assert.Equal(t, http.StatusNotFound, res.status, "tokens in another jurisdiction")
	assert.Contains(t, res.body, "jurisdiction", "the jurisdiction is what is not found")
}

// failingStore fails every call, as a database that is down.
type failingStore struct{}

var errDown = errors.New("database down")

func (failingStore) Load(context.Context, string) (open311.Record, error) {
	return open311.Record{}, errDown
}
func (failingStore) Save(context.Context, open311.Record) error { return errDown }
func (failingStore) List(context.Context, open311.Query) ([]open311.Record, error) {
	return nil, errDown
}

func TestHandlerStoreFailureIs500WithoutDetail(t *testing.T) {
	h, err := open311.NewHandler(failingStore{}, newDecider(t), open311.WithAPIKey(staffKey, staff),
		open311.WithClock(func() time.Time { return start }), open311.WithRand(seeded(3)))
	require.NoError(t, err, "handler")
	s := &server{clock: newClock(start)}
	s.Server = httptestServer(t, h)
	for _, path := range []string{"/requests.json", "/requests/1.json", "/servicerequestupdates.json"} {
		res := s.getRaw(t, path)
		assert.Equal(t, http.StatusInternalServerError, res.status, "GET %s", path)
		assert.NotContains(t, res.body, "database", "no detail leaks from %s", path)
	}
	res := s.postRaw(t, "/requests.json", form("api_key", staffKey, "service_code", "002", "lat", "1", "long", "2", "description", "x"))
	assert.Equal(t, http.StatusInternalServerError, res.status, "POST requests: %s", res.body)
	res = s.postRaw(t, "/servicerequestupdates.json", form("api_key", staffKey, "service_request_id", "1", "update_id", "u", "status", "fixed", "updated_datetime", "2026-03-10T09:00Z"))
	assert.Equal(t, http.StatusInternalServerError, res.status, "POST updates: %s", res.body)
}

// Concurrent updates of one request through the Handler lose nothing:
// every update answered 200 is recorded, and nothing else.
func TestHandlerConcurrentUpdates(t *testing.T) {
	s := newServer(t)
	id := s.report(t, "002")
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := map[string]bool{}
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				uid := fmt.Sprintf("g%d-%d", g, i)
				v := form("api_key", staffKey, "service_request_id", id, "update_id", uid, "status", "unchanged",
					"updated_datetime", start.Add(time.Duration(g*10+i)*time.Second).Format(time.RFC3339))
				res, err := s.Client().PostForm(s.URL+base+"/servicerequestupdates.json", v)
				if err != nil {
					t.Errorf("post %s: %v", uid, err)
					return
				}
				_ = res.Body.Close()
				mu.Lock()
				ok[uid] = res.StatusCode == http.StatusOK
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	rec := load(t, s, id)
	stored := map[string]bool{}
	for _, u := range rec.Updates {
		assert.False(t, stored[string(u.UpdateID)], "%s stored once", u.UpdateID)
		stored[string(u.UpdateID)] = true
	}
	for uid, answered := range ok {
		assert.Equal(t, answered, stored[uid], "update %s stored exactly when answered 200", uid)
	}
	assert.Equal(t, len(rec.Updates)+1, rec.Revision, "one revision per stored update")
}

func TestStatusNotesFollowTheLatestText(t *testing.T) {
	s := newServer(t)
	id := s.report(t, "002")
	at := start
	step := func(uid, status, note string) open311.Request {
		at = at.Add(time.Minute)
		res := s.update(t, id, uid, status, at, "description", note)
		require.Equal(t, http.StatusOK, res.status, "%s: %s", status, res.body)
		return s.request(t, id)
	}
	assert.Equal(t, "sent to the sanitation team", step("a", "action_scheduled", "sent to the sanitation team").StatusNotes, "note of a dispatch update")
	got := step("b", "internal_referral", "not ours: private land")
	assert.Equal(t, "not ours: private land", got.StatusNotes, "return reason")
	assert.Equal(t, "closed", got.Status, "internal_referral closes the request as GeoReport sees it")
	got = step("b2", "action_scheduled", "sent to the parks team")
	assert.Equal(t, "open", got.Status, "dispatched again, the request is open again")
	got = step("b3", "internal_referral", "not ours either")
	assert.Equal(t, "closed", got.Status, "returned again")
	got = step("c", "not_councils_responsibility", "")
	assert.Equal(t, "closed", got.Status, "rejected as out of scope")
	assert.Equal(t, "Rejected: out_of_scope", got.StatusNotes, "a rejection without a note names its reason")

	res := s.get(t, "/servicerequestupdates.json?start_date=2026-03-10T00:00:00Z&end_date=2026-03-11T00:00:00Z")
	require.Equal(t, http.StatusOK, res.status, res.body)
	ups, err := open311.DecodeUpdates(strings.NewReader(res.body))
	require.NoError(t, err, res.body)
	var statuses []string
	for _, u := range ups {
		statuses = append(statuses, u.Status.String())
	}
	assert.Equal(t, []string{"action_scheduled", "internal_referral", "action_scheduled", "internal_referral", "not_councils_responsibility"}, statuses, "received updates in time order")
}

func TestDecodeUpdateForm(t *testing.T) {
	valid := url.Values{"update_id": {"u1"}, "service_request_id": {"42"}, "status": {"FIXED"},
		"updated_datetime": {"2026-03-10T09:00:00+08:00"}, "description": {"done"}, "media_url": {"https://img.example.cn/after.jpg"},
		"external_status_code": {"01b51bb5"}}
	u, dup, err := open311.DecodeUpdateForm(valid)
	require.NoError(t, err, "valid")
	assert.Equal(t, open311.StatusFixed, u.Status, "FIXED reads as fixed")
	assert.Equal(t, open311.ID("42"), u.ServiceRequestID, "request")
	assert.Equal(t, "2026-03-10T09:00:00+08:00", u.UpdatedDatetime.String(), "datetime")
	assert.Empty(t, dup, "no duplicate_of")
	cases := map[string]struct {
		change url.Values
		rule   string
	}{
		"update_id":            {url.Values{"update_id": {strings.Repeat("u", open311.MaxUpdateID+1)}}, grassroots.RuleFormat},
		"service_request_id":   {url.Values{"service_request_id": {""}}, grassroots.RuleRequired},
		"status":               {url.Values{"status": {"two words"}}, grassroots.RuleEnum},
		"updated_datetime":     {url.Values{"updated_datetime": {"2026-03-10 09:00"}}, grassroots.RuleFormat},
		"description":          {url.Values{"description": {strings.Repeat("字", open311.MaxDescription+1)}}, grassroots.RuleMax},
		"media_url":            {url.Values{"media_url": {"file:///etc/passwd"}}, grassroots.RuleFormat},
		"external_status_code": {url.Values{"external_status_code": {"a b"}}, grassroots.RuleFormat},
		"duplicate_of":         {url.Values{"duplicate_of": {"a b"}}, grassroots.RuleFormat},
	}
	for field, c := range cases {
		v := url.Values{}
		for k, x := range valid {
			v[k] = x
		}
		for k, x := range c.change {
			v[k] = x
		}
		_, _, err := open311.DecodeUpdateForm(v)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, field)
		require.Len(t, ve.Fields, 1, field)
		assert.Equal(t, field, ve.Fields[0].Path, "the problem names %s", field)
		assert.Equal(t, c.rule, ve.Fields[0].Rule, "rule of %s", field)
		assert.True(t, strings.HasPrefix(ve.Fields[0].Message, field), "the message of %s starts with it: %s", field, ve.Fields[0].Message)
	}
}

func TestEncodeUpdatesRoundTrip(t *testing.T) {
	list := []open311.Update{
		{UpdateID: "u1", ServiceRequestID: "42", Status: open311.StatusInvestigating, UpdatedDatetime: open311.DatetimeOf(start), Description: "looking", ExternalStatusCode: "x1"},
		{UpdateID: "u2", ServiceRequestID: "42", Status: open311.StatusFixed, UpdatedDatetime: open311.DatetimeOf(start.Add(time.Hour)), MediaURL: "https://img.example.cn/a.jpg"},
	}
	for _, f := range []open311.Format{open311.JSON, open311.XML} {
		var buf bytes.Buffer
		require.NoError(t, open311.EncodeUpdates(&buf, f, list), "encode %s", f)
		back, err := open311.DecodeUpdates(&buf)
		require.NoError(t, err, "decode %s", f)
		require.Len(t, back, 2, "%s", f)
		for i := range list {
			assert.True(t, list[i].UpdatedDatetime.Equal(back[i].UpdatedDatetime.Time), "%s time %d", f, i)
			back[i].UpdatedDatetime = list[i].UpdatedDatetime
		}
		assert.Equal(t, list, back, "round trip through %s", f)
	}
}

// A request located by an address alone is accepted without a point, with
// or without a Geocoder; it shows no lat and long until the incident is
// located, and then shows the point.
func TestHandlerAcceptsAddressOnlyRequests(t *testing.T) {
	cases := []struct {
		name     string
		geocoder open311.Option
	}{
		{"no geocoder", nil},
		{"a geocoder that fails", open311.WithGeocoder(failingGeocoder{})},
		{"a geocoder that finds nothing", open311.WithGeocoder(geocoder{})},
		{"a geocoder with an invalid answer", open311.WithGeocoder(geocoder{incident.Location{Point: grid.Point{Lng: 500, Lat: 1}, CRS: grid.WGS84}})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, c.geocoder)
			id := postOK(t, s, form("api_key", residentKey, "service_code", "002", "address_string", "1 Wuma Street", "address_id", "A-17"))
			raw := s.get(t, "/requests/"+id+".json")
			require.Equal(t, http.StatusOK, raw.status, raw.body)
			assert.Contains(t, raw.body, `"lat":null,"long":null`, "no point yet")
			assert.Contains(t, raw.body, `"address":"1 Wuma Street","address_id":"A-17"`, "the address as given")
			xmlRes := s.get(t, "/requests/"+id+".xml")
			assert.NotContains(t, xmlRes.body, "<lat>", "no lat in XML")

			rec := load(t, s, id)
			require.False(t, rec.State.Located(), "waits for a point")
			d := newDecider(t)
			m := grassroots.Meta{AggregateID: id, CommandID: "desk-locate", Actor: staff, At: start.Add(time.Minute)}
			evs, err := d.Decide(rec.State, incident.Locate{Meta: m, Location: incident.Location{Point: gridPoint(), CRS: grid.WGS84}})
			require.NoError(t, err, "locate")
			for _, e := range evs {
				rec.State, err = d.Evolve(rec.State, e)
				require.NoError(t, err, "evolve")
			}
			rec.Events = append(rec.Events, evs...)
			rec.Revision++
			require.NoError(t, s.store.Save(context.Background(), rec), "save")
			got := s.request(t, id)
			require.NotNil(t, got.Lat, "located")
			assert.InDelta(t, gridPoint().Lat, *got.Lat, 1e-12, "lat")
			res := s.update(t, id, "u-1", "action_scheduled", start.Add(2*time.Minute))
			assert.Equal(t, http.StatusOK, res.status, "once located it can be dispatched: %s", res.body)
		})
	}
}
