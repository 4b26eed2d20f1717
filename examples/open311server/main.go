// Command open311server serves Open311 GeoReport v2, with the
// servicerequestupdates extension, from an in-memory store over the
// grassroots example catalogue of 20 grassroots matters.
//
//	go run ./examples/open311server -addr 127.0.0.1:8311
//
// Every change goes through the incident decider, so the server keeps the
// same lifecycle, deadlines and permissions as any other system built on
// the SDK. Two API keys are configured: -app-key reports as a resident app,
// -staff-key acts as a street office that may accept, dispatch, handle and
// close matters through status updates. Three sample requests are filed at
// start so that GET requests has something to show.
package main

import (
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
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
	"github.com/grassrootsgov/grassroots/workday"
)

const basePath = "/open311/v2"

type config struct {
	appKey, staffKey string
	now              func() time.Time
	random           io.Reader
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8311", "address to listen on")
	appKey := flag.String("app-key", "demo-app-key", "api_key of the resident app")
	staffKey := flag.String("staff-key", "demo-staff-key", "api_key of the street office")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "open311server: unexpected argument %q\n", flag.Arg(0))
		os.Exit(2)
	}
	h, err := newServer(config{appKey: *appKey, staffKey: *staffKey, now: time.Now, random: rand.Reader})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open311server:", err)
		os.Exit(2)
	}
	log.Printf("serving Open311 GeoReport v2 at http://%s%s/ (discovery: %s/discovery.json)", *addr, basePath, basePath)
	srv := &http.Server{Addr: *addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "open311server:", err)
		os.Exit(1)
	}
}

// newServer builds the handler and files the sample requests through it.
func newServer(c config) (http.Handler, error) {
	if c.appKey == "" || c.staffKey == "" || c.appKey == c.staffKey {
		return nil, errors.New("the app and staff keys must be set and differ")
	}
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	if err != nil {
		return nil, err
	}
	decider, err := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
	if err != nil {
		return nil, err
	}
	app := grassroots.Actor{ID: "resident-app", Party: grassroots.Resident}
	office := grassroots.Actor{ID: "street-office-330302001", Party: grassroots.Government, Organization: "street-office-330302001",
		Roles: []string{incident.RoleDispatcher, incident.RoleHandler, incident.RoleSupervisor}}
	h, err := open311.NewHandler(&open311.MemoryStore{}, decider,
		open311.WithBasePath(basePath),
		open311.WithJurisdiction("lucheng.wenzhou.example"),
		open311.WithAPIKey(c.appKey, app),
		open311.WithAPIKey(c.staffKey, office),
		open311.WithClock(c.now),
		open311.WithRand(c.random),
		open311.WithDiscovery("open311@lucheng.wenzhou.example", "ask the street office for a key", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)),
	)
	if err != nil {
		return nil, err
	}
	samples := []url.Values{
		{"service_code": {"002"}, "lat": {"28.0046"}, "long": {"120.6502"}, "description": {"rubbish bags heaped at the lane entrance"}},
		{"service_code": {"008"}, "lat": {"28.0112"}, "long": {"120.6618"}, "description": {"standing water after the storm blocks the crossing"}},
		{"service_code": {"013"}, "lat": {"27.9987"}, "long": {"120.6431"}, "description": {"bicycles chained across the fire escape"}},
	}
	for _, s := range samples {
		s.Set("api_key", c.appKey)
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, basePath+"/requests.json", strings.NewReader(s.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("filing a sample request: %d %s", rec.Code, rec.Body.String())
		}
	}
	return h, nil
}
