package open311host_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/postgres"
	"github.com/grassrootsgov/grassroots/events/sqlite"
	"github.com/grassrootsgov/grassroots/events/stream"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
	"github.com/grassrootsgov/grassroots/internal/open311host"
	"github.com/grassrootsgov/grassroots/workday"
)

const (
	appKey   = "app"
	staffKey = "staff"
)

func decider(t testing.TB) *incident.Decider {
	t.Helper()
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	require.NoError(t, err)
	d, err := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
	require.NoError(t, err)
	return d
}

// clock is a clock that moves one second on every reading.
type clock struct{ n atomic.Int64 }

func (c *clock) now() time.Time {
	return time.Date(2025, 6, 9, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)).Add(time.Duration(c.n.Add(1)) * time.Second)
}

// serve returns a test server of an Open311 handler over store.
func serve(t *testing.T, store open311.Store, c *clock, seed byte) *httptest.Server {
	t.Helper()
	app := grassroots.Actor{ID: "resident-app", Party: grassroots.Resident}
	office := grassroots.Actor{ID: "street-office", Party: grassroots.Government, Organization: "street-office",
		Roles: []string{incident.RoleDispatcher, incident.RoleHandler, incident.RoleSupervisor}}
	h, err := open311.NewHandler(store, decider(t), open311.WithBasePath("/v2"),
		open311.WithAPIKey(appKey, app), open311.WithAPIKey(staffKey, office),
		open311.WithClock(c.now), open311.WithRand(rand.NewChaCha8([32]byte{seed})))
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, method, u string, form url.Values) (int, string) {
	t.Helper()
	var res *http.Response
	var err error
	if method == http.MethodPost {
		res, err = http.PostForm(u, form)
	} else {
		res, err = http.Get(u)
	}
	require.NoError(t, err, u)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

// fill posts two requests and updates through srv and returns the
// request IDs and the GETs whose answers must survive a restart.
func fill(t *testing.T, srv *httptest.Server) (ids []string, reads []string) {
	t.Helper()
	base := srv.URL + "/v2/"
	for _, f := range []url.Values{
		{"api_key": {appKey}, "service_code": {"004"}, "lat": {"28.0020"}, "long": {"120.6550"}, "description": {"mud on the road"},
			"first_name": {"Li"}, "last_name": {"Lei"}, "phone": {"13812345678"}, "email": {"li@example.com"}, "zipcode": {"325000"},
			"account_id": {"a-7"}, "media_url": {"https://img.example/1.jpg"}, "attribute[fixmystreet_id]": {"1234"},
			"attribute[report_url]": {"https://fms.example/report/1234"}},
		{"api_key": {appKey}, "service_code": {"002"}, "address_string": {"8 Wuma Street"}, "address_id": {"addr-8"}},
	} {
		code, body := do(t, http.MethodPost, base+"requests.json", f)
		require.Equal(t, http.StatusOK, code, body)
		var rs []open311.Receipt
		require.NoError(t, json.Unmarshal([]byte(body), &rs))
		ids = append(ids, string(rs[0].ServiceRequestID))
	}
	for _, u := range []url.Values{
		{"update_id": {"u-1"}, "status": {"in_progress"}, "updated_datetime": {"2025-06-09T10:00:00.25+08:00"}, "description": {"crew on site"}},
		{"update_id": {"u-2"}, "status": {"FIXED"}, "updated_datetime": {"2025-06-09T11:00+08:00"}, "description": {"road swept"},
			"media_url": {"https://img.example/2.jpg"}, "external_status_code": {"X9"}},
		{"update_id": {"u-3"}, "status": {"for_triage"}, "updated_datetime": {"2025-06-09T09:00:00Z"}, "description": {"an old note"}},
	} {
		u.Set("api_key", staffKey)
		u.Set("service_request_id", ids[0])
		code, body := do(t, http.MethodPost, base+"servicerequestupdates.json", u)
		require.Equal(t, http.StatusOK, code, body)
	}
	for _, id := range ids {
		reads = append(reads, "requests/"+id+".json?extensions=true&api_key="+staffKey, "requests/"+id+".xml?extensions=true&api_key="+staffKey)
	}
	reads = append(reads,
		"requests.json?extensions=true&start_date=2025-06-01T00:00:00Z&end_date=2025-06-30T00:00:00Z",
		"requests.xml?extensions=true&api_key=staff&start_date=2025-06-01T00:00:00Z&end_date=2025-06-30T00:00:00Z",
		"servicerequestupdates.json?start_date=2025-06-01T00:00:00Z&end_date=2025-06-30T00:00:00Z",
		"servicerequestupdates.xml?start_date=2025-06-01T00:00:00Z&end_date=2025-06-30T00:00:00Z")
	return ids, reads
}

// answers GETs reads from srv.
func answers(t *testing.T, srv *httptest.Server, reads []string) []string {
	t.Helper()
	var out []string
	for _, r := range reads {
		code, body := do(t, http.MethodGet, srv.URL+"/v2/"+r, nil)
		require.Equal(t, http.StatusOK, code, "%s: %s", r, body)
		out = append(out, body)
	}
	return out
}

// restart fills a store through one server, reopens it with open and
// checks that a second server answers byte for byte the same and keeps
// update_id idempotency.
func restart(t *testing.T, open func() (events.Store, func())) {
	ctx := context.Background()
	d := decider(t)
	es, closeES := open()
	s, err := open311host.Open(ctx, es, d, open311host.Options{})
	require.NoError(t, err)
	c := &clock{}
	srv := serve(t, s, c, 1)
	ids, reads := fill(t, srv)
	before := answers(t, srv, reads)
	assert.Contains(t, before[0], `"name":"fixmystreet_id","value":"1234"`, "attributes with extensions")
	assert.Contains(t, before[0], `"zipcode":"325000"`)
	srv.Close()
	closeES()

	es, closeES = open()
	defer closeES()
	s2, err := open311host.Open(ctx, es, d, open311host.Options{})
	require.NoError(t, err, "reopening")
	assert.Equal(t, 2, s2.Len(), "the requests stored")
	c2 := &clock{}
	c2.n.Store(c.n.Load())
	srv2 := serve(t, s2, c2, 2)
	after := answers(t, srv2, reads)
	for i := range reads {
		assert.Equal(t, before[i], after[i], "GET %s after the restart", reads[i])
	}

	code, body := do(t, http.MethodPost, srv2.URL+"/v2/servicerequestupdates.json", url.Values{"api_key": {staffKey}, "service_request_id": {ids[0]},
		"update_id": {"u-1"}, "status": {"closed"}, "updated_datetime": {"2025-06-09T12:00:00+08:00"}})
	require.Equal(t, http.StatusOK, code, body)
	assert.Equal(t, before, answers(t, srv2, reads), "a repeated update_id changes nothing after a restart")

	code, body = do(t, http.MethodPost, srv2.URL+"/v2/servicerequestupdates.json", url.Values{"api_key": {staffKey}, "service_request_id": {ids[1]},
		"update_id": {"u-9"}, "status": {"investigating"}, "updated_datetime": {"2025-06-09T12:00:00+08:00"}})
	require.Equal(t, http.StatusOK, code, "a new update after the restart: %s", body)
	code, body = do(t, http.MethodGet, srv2.URL+"/v2/requests/"+ids[1]+".json", nil)
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, `"status_notes":""`, body)
}

func TestRestartSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "open311.db")
	restart(t, func() (events.Store, func()) {
		es, closer, err := open311host.OpenEvents(context.Background(), path)
		require.NoError(t, err)
		return es, func() { require.NoError(t, closer.Close()) }
	})
}

// PostgresEnv names the database the PostgreSQL test uses.
const PostgresEnv = "GRASSROOTS_TEST_POSTGRES_URL"

func TestRestartPostgres(t *testing.T) {
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		t.Skipf("set %s to the URL of a PostgreSQL database to run this test (.ci/run starts one)", PostgresEnv)
	}
	schema := fmt.Sprintf("open311host_test_%d", os.Getpid())
	t.Cleanup(func() {
		pool, err := pgxpool.New(context.Background(), dsn)
		require.NoError(t, err)
		defer pool.Close()
		_, err = pool.Exec(context.Background(), `DROP SCHEMA IF EXISTS `+schema+` CASCADE`)
		assert.NoError(t, err)
	})
	restart(t, func() (events.Store, func()) {
		es, err := postgres.Open(context.Background(), dsn, postgres.Options{Schema: schema})
		require.NoError(t, err)
		return es, func() { require.NoError(t, es.Close()) }
	})
}

// A row altered behind the store's back stops the server from starting.
func TestAlteredRowRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "open311.db")
	es, err := sqlite.Open(ctx, path, sqlite.Options{})
	require.NoError(t, err)
	s, err := open311host.Open(ctx, es, decider(t), open311host.Options{})
	require.NoError(t, err)
	ids, _ := fill(t, serve(t, s, &clock{}, 1))
	require.NoError(t, es.Close())

	for _, c := range []struct{ name, subject, from, to string }{
		{"incident data", ids[0], "mud on the road", "mud on the moon"},
		{"open311 data", "open311:" + ids[0], "crew on site", "nobody on site"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, err := sql.Open("sqlite", path)
			require.NoError(t, err)
			res, err := db.Exec(`UPDATE grassroots_events SET data = replace(data, ?1, ?2) WHERE subject = ?3 AND instr(data, ?1) > 0`, c.from, c.to, c.subject)
			require.NoError(t, err)
			n, _ := res.RowsAffected()
			require.Equal(t, int64(1), n, "one row altered")
			defer func() {
				_, err := db.Exec(`UPDATE grassroots_events SET data = replace(data, ?1, ?2) WHERE subject = ?3 AND instr(data, ?1) > 0`, c.to, c.from, c.subject)
				require.NoError(t, err)
				require.NoError(t, db.Close())
			}()
			es, err := sqlite.Open(ctx, path, sqlite.Options{})
			require.NoError(t, err)
			defer es.Close()
			_, err = open311host.Open(ctx, es, decider(t), open311host.Options{})
			var refused *open311host.RefusedChainError
			require.ErrorAs(t, err, &refused, "an altered %s", c.name)
			assert.Equal(t, c.subject, refused.Subject)
			var chain *grassroots.ChainError
			require.ErrorAs(t, err, &chain)
			assert.Equal(t, grassroots.ChainContentChanged, chain.Reason)
		})
	}
	es, err = sqlite.Open(ctx, path, sqlite.Options{})
	require.NoError(t, err)
	defer es.Close()
	_, err = open311host.Open(ctx, es, decider(t), open311host.Options{})
	assert.NoError(t, err, "restored rows verify again")
}

func TestIsPostgres(t *testing.T) {
	for db, want := range map[string]bool{
		"open311.db": false, "/var/lib/x/open311.db": false, "postgres://u@h/db": true, "postgresql:///db?host=/tmp": true,
		"host=/tmp/x dbname=y": true, " dbname=y": true, "a=b.db": true, "my file.db": false,
	} {
		assert.Equal(t, want, open311host.IsPostgres(db), db)
	}
}

func startNATS(t *testing.T) *server.Server {
	t.Helper()
	s, err := server.NewServer(&server.Options{ServerName: "solo", Host: "127.0.0.1", Port: -1, JetStream: true,
		StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	require.NoError(t, err)
	s.Start()
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	require.True(t, s.ReadyForConnections(10*time.Second))
	return s
}

// Every stored incident event reaches JetStream, masked, once, also after
// a restart.
func TestPublish(t *testing.T) {
	ctx := context.Background()
	ns := startNATS(t)
	path := filepath.Join(t.TempDir(), "open311.db")
	cfg := open311host.Config{DB: path, NATS: ns.ClientURL(), Log: io.Discard}
	d := decider(t)
	s, closeAll, err := open311host.OpenStore(ctx, cfg, d)
	require.NoError(t, err)
	ids, _ := fill(t, serve(t, s, &clock{}, 1))
	rec, err := s.Load(ctx, ids[0])
	require.NoError(t, err)
	want, err := s.Masked(rec.Events)
	require.NoError(t, err)
	require.NoError(t, closeAll())

	s, closeAll, err = open311host.OpenStore(ctx, cfg, d)
	require.NoError(t, err, "reopening publishes again, as duplicates")
	defer closeAll()

	nc, err := nats.Connect(ns.ClientURL())
	require.NoError(t, err)
	defer nc.Close()
	js, err := jetstream.New(nc)
	require.NoError(t, err)
	st, err := js.Stream(ctx, stream.DefaultStream)
	require.NoError(t, err)
	info, err := st.Info(ctx)
	require.NoError(t, err)
	rec2, err := s.Load(ctx, ids[1])
	require.NoError(t, err)
	assert.Equal(t, uint64(len(rec.Events)+len(rec2.Events)), info.State.Msgs, "every incident event once, no Open311 event")

	subj, err := stream.EventSubject(&want[0])
	require.NoError(t, err)
	var got []grassroots.Event
	for seq := uint64(1); seq <= info.State.LastSeq; seq++ {
		m, err := st.GetMsg(ctx, seq)
		require.NoError(t, err)
		if m.Subject != subj {
			continue
		}
		e, err := grassroots.ParseEvent(m.Data)
		require.NoError(t, err)
		got = append(got, e)
	}
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i].Hash, got[i].Hash, "event %d as sealed with the masked codec", i)
	}
	assert.NoError(t, grassroots.VerifyChain(got))
	raw, _ := json.Marshal(got[0])
	for _, secret := range []string{"13812345678", "Lei", "li@example.com"} {
		assert.NotContains(t, string(raw), secret, "the published report is masked")
	}
	assert.True(t, strings.Contains(string(raw), "138****5678"), "the masked phone: %s", raw)
}

// failing is an event store whose appends to Open311 chains fail while
// fail is set, as a database may fail between two appends.
type failing struct {
	events.Store
	fail atomic.Bool
}

func (f *failing) Append(ctx context.Context, subject string, expected int64, batch []grassroots.Event) error {
	if f.fail.Load() && strings.HasPrefix(subject, "open311:") {
		return fmt.Errorf("the disk is full")
	}
	return f.Store.Append(ctx, subject, expected, batch)
}

// An update whose incident events were stored but whose Open311 event
// was not is answered 500; its retry records it without deciding it
// twice, and a restart shows it.
func TestRetryAfterPartialSave(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "open311.db")
	es, err := sqlite.Open(ctx, path, sqlite.Options{})
	require.NoError(t, err)
	f := &failing{Store: es}
	s, err := open311host.Open(ctx, f, decider(t), open311host.Options{})
	require.NoError(t, err)
	srv := serve(t, s, &clock{}, 1)
	code, body := do(t, http.MethodPost, srv.URL+"/v2/requests.json", url.Values{"api_key": {appKey}, "service_code": {"004"},
		"lat": {"28.0020"}, "long": {"120.6550"}, "description": {"mud on the road"}})
	require.Equal(t, http.StatusOK, code, body)
	var rs []open311.Receipt
	require.NoError(t, json.Unmarshal([]byte(body), &rs))
	id := string(rs[0].ServiceRequestID)
	update := url.Values{"api_key": {staffKey}, "service_request_id": {id}, "update_id": {"u-1"}, "status": {"in_progress"},
		"updated_datetime": {"2025-06-09T10:00:00+08:00"}, "description": {"crew on site"}}

	f.fail.Store(true)
	code, _ = do(t, http.MethodPost, srv.URL+"/v2/servicerequestupdates.json", update)
	require.Equal(t, http.StatusInternalServerError, code, "the Open311 event could not be stored")
	f.fail.Store(false)
	code, body = do(t, http.MethodPost, srv.URL+"/v2/servicerequestupdates.json", update)
	require.Equal(t, http.StatusOK, code, "the retry: %s", body)
	_, live := do(t, http.MethodGet, srv.URL+"/v2/requests/"+id+".json?extensions=true", nil)
	_, liveUpdates := do(t, http.MethodGet, srv.URL+"/v2/servicerequestupdates.json?start_date=2025-06-01T00:00:00Z&end_date=2025-06-30T00:00:00Z", nil)
	assert.Contains(t, live, `"status_notes":"crew on site"`)
	srv.Close()
	require.NoError(t, es.Close())

	es, err = sqlite.Open(ctx, path, sqlite.Options{})
	require.NoError(t, err)
	defer es.Close()
	s2, err := open311host.Open(ctx, es, decider(t), open311host.Options{})
	require.NoError(t, err)
	rec, err := s2.Load(ctx, id)
	require.NoError(t, err)
	assert.Len(t, rec.Updates, 1, "the update once")
	assert.Equal(t, incident.StatusInProgress, rec.State.Status, "decided once")
	srv2 := serve(t, s2, &clock{}, 2)
	_, after := do(t, http.MethodGet, srv2.URL+"/v2/requests/"+id+".json?extensions=true", nil)
	_, afterUpdates := do(t, http.MethodGet, srv2.URL+"/v2/servicerequestupdates.json?start_date=2025-06-01T00:00:00Z&end_date=2025-06-30T00:00:00Z", nil)
	assert.Equal(t, live, after, "the request after a restart")
	assert.Equal(t, liveUpdates, afterUpdates, "the updates after a restart")
}

// A store shared with another lifecycle serves its requests and ignores
// the other events.
func TestSharedStore(t *testing.T) {
	ctx := context.Background()
	es, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "shared.db"), sqlite.Options{})
	require.NoError(t, err)
	defer es.Close()
	other := grassroots.Event{ID: "0197524f-0000-7000-8000-000000000001", Source: "urn:other", SpecVersion: grassroots.SpecVersion,
		Type: "grassroots.risk.identified.v1", Subject: "RISK-1", Time: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
		DataContentType: "application/json", Data: []byte(`{"x":1}`)}
	sealed, err := grassroots.Seal(nil, other)
	require.NoError(t, err)
	require.NoError(t, es.Append(ctx, "RISK-1", 0, []grassroots.Event{sealed}))
	s, err := open311host.Open(ctx, es, decider(t), open311host.Options{})
	require.NoError(t, err, "another package's events are not requests")
	assert.Equal(t, 0, s.Len())
}

// Over a store that appends several subjects at once (SQLite), a save
// stores the incident's events and the Open311 chain's in one
// transaction: when the Open311 chain is refused, the incident's events
// are not stored either.
func TestSaveIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	form := url.Values{"api_key": {appKey}, "service_code": {"004"}, "lat": {"28.0020"}, "long": {"120.6550"},
		"description": {"mud on the road"}, "attribute[fixmystreet_id]": {"1234"}}
	// The same seed gives the same request ID: learn it on a scratch store.
	code, body := do(t, http.MethodPost, serve(t, &open311.MemoryStore{}, &clock{}, 3).URL+"/v2/requests.json", form)
	require.Equal(t, http.StatusOK, code, body)
	var rs []open311.Receipt
	require.NoError(t, json.Unmarshal([]byte(body), &rs))
	id := string(rs[0].ServiceRequestID)

	es, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "open311.db"), sqlite.Options{})
	require.NoError(t, err)
	defer es.Close()
	s, err := open311host.Open(ctx, es, decider(t), open311host.Options{})
	require.NoError(t, err)
	// Another writer takes the request's Open311 chain first.
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.UTC)
	foreign, err := grassroots.Seal(nil, grassroots.Event{
		ID: grassroots.EventID("open311:"+id, "other-writer", 0, at), Source: "/other", SpecVersion: grassroots.SpecVersion,
		Type: grassroots.EventType("other", "noted"), Subject: "open311:" + id, Time: at, Data: json.RawMessage(`{"n":1}`),
	})
	require.NoError(t, err)
	require.NoError(t, es.Append(ctx, "open311:"+id, 0, []grassroots.Event{foreign}))

	code, body = do(t, http.MethodPost, serve(t, s, &clock{}, 3).URL+"/v2/requests.json", form)
	assert.NotEqual(t, http.StatusOK, code, "the request could not be stored: %s", body)
	recs, err := es.ReadLog(ctx, 0, 100)
	require.NoError(t, err)
	require.Len(t, recs, 1, "nothing but the other writer's event is stored")
	assert.Equal(t, foreign.ID, recs[0].Event.ID)
	stored, err := es.Load(ctx, id, 0)
	require.NoError(t, err)
	assert.Empty(t, stored, "no incident event without its Open311 event")
}
