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
	for _, path := range []string{"/requests.json", "/requests/1.json", "/tokens/t.json", "/servicerequestupdates.json"} {
		res := s.getRaw(t, path)
		assert.Equal(t, http.StatusInternalServerError, res.status, "GET %s", path)
		assert.NotContains(t, res.body, "database", "no detail leaks from %s", path)
	}
	res := s.postRaw(t, "/requests.json", form("api_key", staffKey, "service_code", "002", "lat", "1", "long", "2", "description", "x"))
	assert.Equal(t, http.StatusInternalServerError, res.status, "POST requests: %s", res.body)
	res = s.postRaw(t, "/servicerequestupdates.json", form("api_key", staffKey, "service_request_id", "1", "update_id", "u", "status", "fixed"))
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
		assert.False(t, stored[u.UpdateID], "%s stored once", u.UpdateID)
		stored[u.UpdateID] = true
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
	assert.Equal(t, "open", got.Status, "returned is open")
	got = step("c", "not_councils_responsibility", "")
	assert.Equal(t, "closed", got.Status, "rejected as out of scope")
	assert.Equal(t, "Rejected: out_of_scope", got.StatusNotes, "a rejection without a note names its reason")

	res := s.get(t, "/servicerequestupdates.json?start_date=2026-03-10T00:00:00Z&end_date=2026-03-11T00:00:00Z")
	require.Equal(t, http.StatusOK, res.status, res.body)
	ups, err := open311.DecodeUpdates(strings.NewReader(res.body))
	require.NoError(t, err, res.body)
	var statuses []string
	for _, u := range ups {
		statuses = append(statuses, u.Status)
	}
	assert.Equal(t, []string{"action_scheduled", "internal_referral", "not_councils_responsibility"}, statuses, "received updates in time order")
}

func TestDecodeUpdateForm(t *testing.T) {
	valid := url.Values{"update_id": {"u1"}, "service_request_id": {"42"}, "status": {"FIXED"},
		"updated_datetime": {"2026-03-10T09:00:00+08:00"}, "description": {"done"}, "media_url": {"https://img.example.cn/after.jpg"},
		"external_status_code": {"01b51bb5"}}
	u, dup, err := open311.DecodeUpdateForm(valid)
	require.NoError(t, err, "valid")
	assert.Equal(t, "fixed", u.Status, "status in lower case")
	assert.Equal(t, open311.ID("42"), u.ServiceRequestID, "request")
	assert.Equal(t, "2026-03-10T09:00:00+08:00", u.UpdatedDatetime.String(), "datetime")
	assert.Empty(t, dup, "no duplicate_of")
	cases := map[string]url.Values{
		"update_id":            {"update_id": {strings.Repeat("u", open311.MaxUpdateID+1)}},
		"service_request_id":   {"service_request_id": {""}},
		"status":               {"status": {"two words"}},
		"updated_datetime":     {"updated_datetime": {"2026-03-10 09:00"}},
		"description":          {"description": {strings.Repeat("字", incident.MaxText+1)}},
		"media_url":            {"media_url": {"file:///etc/passwd"}},
		"external_status_code": {"external_status_code": {"a b"}},
		"duplicate_of":         {"duplicate_of": {"a b"}},
	}
	for field, change := range cases {
		v := url.Values{}
		for k, x := range valid {
			v[k] = x
		}
		for k, x := range change {
			v[k] = x
		}
		_, _, err := open311.DecodeUpdateForm(v)
		var fe *open311.FormError
		require.ErrorAs(t, err, &fe, field)
		require.Len(t, fe.Problems, 1, field)
		assert.Equal(t, field, fe.Problems[0].Field, "the problem names %s", field)
	}
}

func TestEncodeUpdatesRoundTrip(t *testing.T) {
	list := []open311.Update{
		{UpdateID: "u1", ServiceRequestID: "42", Status: "investigating", UpdatedDatetime: open311.DatetimeOf(start), Description: "looking", ExternalStatusCode: "x1"},
		{UpdateID: "u2", ServiceRequestID: "42", Status: "fixed", UpdatedDatetime: open311.DatetimeOf(start.Add(time.Hour)), MediaURL: "https://img.example.cn/a.jpg"},
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
