// Command open311server serves Open311 GeoReport v2, with the
// servicerequestupdates extension, over the grassroots example catalogue
// of 20 grassroots matters, and keeps its requests.
//
//	go run ./examples/open311server -addr 127.0.0.1:8311
//
// Every change goes through the incident decider, so the server keeps the
// same lifecycle, deadlines and permissions as any other system built on
// the SDK. Two API keys are configured: -app-key reports as a resident app,
// -staff-key acts as a street office that may accept, dispatch, handle and
// close matters through status updates.
//
// Requests are kept in -db, the SQLite file open311.db in the working
// directory unless it names another file or a PostgreSQL database
// (postgres://… or "host=… dbname=…"). Every incident event is sealed into
// its incident's hash chain and stored, with what only Open311 holds
// (attributes, zipcode, account_id, received updates) in a chain of its
// own; on start every request is rebuilt from the store and every chain
// verified, so a restart loses nothing and an altered store stops the
// server. Three sample requests are filed into an empty store, so that GET
// requests has something to show; their IDs stay the same across
// restarts. With -nats URL every incident event is also published, the
// reporter's contact masked, to NATS JetStream.
//
// Discovery names -base-url as the endpoint (default
// http://ADDR/open311/v2), never the Host header a client sends. One line
// per request (time, method, path without api_key, status, bytes,
// duration) goes to standard error.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
	"github.com/grassrootsgov/grassroots/internal/open311host"
	"github.com/grassrootsgov/grassroots/workday"
)

const basePath = "/open311/v2"

type config struct {
	appKey, staffKey string
	// baseURL is the URL clients reach the API at; discovery names it.
	baseURL string
	db      string
	nats    string
	now     func() time.Time
	random  io.Reader
	// log receives the access log and publishing failures.
	log io.Writer
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8311", "address to listen on")
	baseURL := flag.String("base-url", "", "URL clients reach the API at (default http://ADDR"+basePath+")")
	appKey := flag.String("app-key", "demo-app-key", "api_key of the resident app")
	staffKey := flag.String("staff-key", "demo-staff-key", "api_key of the street office")
	db := flag.String("db", open311host.DefaultDB, open311host.DBUsage)
	natsURL := flag.String("nats", "", open311host.NATSUsage)
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "open311server: unexpected argument %q\n", flag.Arg(0))
		os.Exit(2)
	}
	if *baseURL == "" {
		*baseURL = "http://" + *addr + basePath
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	h, closeStore, err := newServer(ctx, config{appKey: *appKey, staffKey: *staffKey, baseURL: *baseURL, db: *db, nats: *natsURL,
		now: time.Now, random: rand.Reader, log: os.Stderr})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open311server:", err)
		os.Exit(1)
	}
	defer closeStore()
	log.Printf("serving Open311 GeoReport v2 at http://%s%s/ (discovery: %s/discovery.json); requests kept in %s", *addr, basePath, *baseURL, *db)
	srv := &http.Server{Addr: *addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe() }()
	select {
	case err = <-done:
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = srv.Shutdown(shutdown)
		cancel()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "open311server:", err)
		closeStore()
		os.Exit(1)
	}
}

// newServer opens the store, builds the handler, files the sample
// requests into an empty store and returns the handler, wrapped in the
// access log, with a function that closes the store.
func newServer(ctx context.Context, c config) (http.Handler, func() error, error) {
	if c.appKey == "" || c.staffKey == "" || c.appKey == c.staffKey {
		return nil, nil, errors.New("the app and staff keys must be set and differ")
	}
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	if err != nil {
		return nil, nil, err
	}
	decider, err := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
	if err != nil {
		return nil, nil, err
	}
	store, closeStore, err := open311host.OpenStore(ctx, open311host.Config{DB: c.db, NATS: c.nats, Log: c.log}, decider)
	if err != nil {
		return nil, nil, err
	}
	h, err := handler(c, store, decider)
	if err == nil && store.Len() == 0 {
		err = fileSamples(h, c.appKey)
	}
	if err != nil {
		closeStore()
		return nil, nil, err
	}
	return open311host.AccessLog(h, c.log, c.now), closeStore, nil
}

// handler builds the Open311 handler over store.
func handler(c config, store open311.Store, decider *incident.Decider) (http.Handler, error) {
	app := grassroots.Actor{ID: "resident-app", Party: grassroots.Resident}
	office := grassroots.Actor{ID: "street-office-330302001", Party: grassroots.Government, Organization: "street-office-330302001",
		Roles: []string{incident.RoleDispatcher, incident.RoleHandler, incident.RoleSupervisor}}
	return open311.NewHandler(store, decider,
		open311.WithBasePath(basePath),
		open311.WithJurisdiction("lucheng.wenzhou.example"),
		open311.WithAPIKey(c.appKey, app),
		open311.WithAPIKey(c.staffKey, office),
		open311.WithClock(c.now),
		open311.WithRand(c.random),
		open311.WithDiscovery("open311@lucheng.wenzhou.example", "ask the street office for a key", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)),
		open311.WithEndpointURL(c.baseURL),
	)
}

// fileSamples posts the sample requests through h.
func fileSamples(h http.Handler, appKey string) error {
	samples := []url.Values{
		{"service_code": {"002"}, "lat": {"28.0046"}, "long": {"120.6502"}, "description": {"rubbish bags heaped at the lane entrance"}},
		{"service_code": {"008"}, "lat": {"28.0112"}, "long": {"120.6618"}, "description": {"standing water after the storm blocks the crossing"}},
		{"service_code": {"013"}, "lat": {"27.9987"}, "long": {"120.6431"}, "description": {"bicycles chained across the fire escape"}},
	}
	for _, s := range samples {
		s.Set("api_key", appKey)
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, basePath+"/requests.json", strings.NewReader(s.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			return fmt.Errorf("filing a sample request: %d %s", rec.Code, rec.Body.String())
		}
	}
	return nil
}
