package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
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

var serveCommand = &command{
	name:  "serve",
	args:  "open311 [-addr HOST:PORT] [-base-url URL] [-db FILE|URL] [-nats URL] [-app-key K] [-staff-key K] [-jurisdiction ID] [-calendar FILE] [-catalog FILE]",
	short: "serve a standard API over the SDK: Open311 GeoReport v2",
	long: `
Serve runs an HTTP server until it is interrupted (SIGINT or SIGTERM).

serve open311 serves Open311 GeoReport v2 with mySociety's
servicerequestupdates extension, in JSON and XML (the handler of package
incident/open311), over the incident catalogue (-catalog, default the
SDK's example catalogue of 20 grassroots matters) and the working
calendar (-calendar, as for deadline). Every change goes through the
incident decider, so the server keeps the lifecycle, deadlines and
permissions of any other system built on the SDK.

Requests are kept in -db: an SQLite file (default open311.db in the
working directory, created when absent), or a PostgreSQL database given
as a URL (postgres://user@host/db) or a key=value string ("host=/run/pg
dbname=open311"). Every incident event is sealed into its incident's hash
chain and stored; what only Open311 holds (zipcode, account_id,
attributes, received updates with their update_id) is kept in a second
chain per request. On start every request is rebuilt from the store and
every chain verified: a stored event altered or removed behind the
server's back stops it from starting (exit status 1). A restart loses
nothing, and a repeated update_id is still answered once. Serve one
store from one server at a time.

With -nats URL every incident event is also published, its contact
masked, to the NATS JetStream stream GRASSROOTS (created when absent),
once, in its chain's order; on start the stored chains are published
again, and the stream acknowledges what it already holds, so events a
failed publish missed arrive then.

Two API keys are configured: -app-key reports matters as a resident app;
-staff-key acts as a street office that may accept, dispatch, handle and
close matters through status updates.

The API is served below /open311/v2 on -addr. -base-url is the URL
clients reach it at, such as https://311.example.gov/open311/v2 behind a
proxy: the server answers below its path, and discovery names it as the
endpoint, never the Host header a client sends. Without -base-url it is
http://ADDR/open311/v2 for the address listened on.

The address served is printed on standard error once the server
listens, and one line per request follows it: the time, method, path
(without api_key), status, bytes of the answer and time taken.

Exit status: 0 after an interrupt, 1 when the server or its store
fails or a stored chain does not verify, 2 for a wrong flag or a file
that cannot be read.
`,
	examples: []example{
		{about: "serve Open311 on the default address (then: curl http://127.0.0.1:8311/open311/v2/services.json)",
			cmd: "grassroots serve open311 -addr 127.0.0.1:8311"},
		{about: "keep requests in requests.db and name the public URL in discovery",
			cmd: "grassroots serve open311 -db requests.db -base-url https://311.example.gov/open311/v2"},
	},
	newFlags: func() commandFlags { return &serveFlags{} },
}

// serveFlags are the flags of every server; a server reads the ones it
// needs.
type serveFlags struct {
	addr, baseURL     string
	appKey, staffKey  string
	jurisdiction      string
	calendar, catalog string
	db, nats          string
	// now is the clock of the handler and the access log; nil means
	// time.Now.
	now func() time.Time
	// close closes what the server opened.
	close func() error
	// listening is the address the listener got, for the default
	// -base-url.
	listening string
}

func (f *serveFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8311", "`address` to listen on")
	fs.StringVar(&f.baseURL, "base-url", "", "URL clients reach the API at (default http://ADDR/open311/v2)")
	fs.StringVar(&f.appKey, "app-key", "demo-app-key", "`api_key` of the resident app")
	fs.StringVar(&f.staffKey, "staff-key", "demo-staff-key", "`api_key` of the street office")
	fs.StringVar(&f.jurisdiction, "jurisdiction", "", "`jurisdiction_id` served; requests naming another get 404 (default: any)")
	fs.StringVar(&f.calendar, "calendar", "", calendarUsage)
	fs.StringVar(&f.catalog, "catalog", "", "incident `catalogue` in JSON (default: the SDK's example catalogue)")
	fs.StringVar(&f.db, "db", open311host.DefaultDB, open311host.DBUsage)
	fs.StringVar(&f.nats, "nats", "", open311host.NATSUsage)
}

// servers are what serve can serve, by name.
var servers = map[string]func(f *serveFlags, e *env) (http.Handler, string, error){
	"open311": (*serveFlags).open311,
}

func (f *serveFlags) run(e *env, args []string) int {
	what, ok := e.oneArg(args, "API to serve (open311)")
	if !ok {
		return exitUsage
	}
	build := servers[what]
	if build == nil {
		return e.usage("unknown API %q; want open311", what)
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		e.warn("%v", err)
		return exitFail
	}
	defer ln.Close()
	f.listening = ln.Addr().String()
	if f.now == nil {
		f.now = time.Now
	}
	h, path, err := build(f, e)
	if err != nil {
		var refused *open311host.RefusedChainError
		if errors.As(err, &refused) {
			e.warn("%v", err)
			return exitFail
		}
		return e.unreadable(err)
	}
	if f.close != nil {
		defer func() {
			if err := f.close(); err != nil {
				e.warn("%v", err)
			}
		}()
	}
	h = open311host.AccessLog(h, e.stderr, f.now)
	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	e.warn("serving %s at http://%s%s/ until interrupted", what, ln.Addr(), path)
	select {
	case err := <-done:
		e.warn("%v", err)
		return exitFail
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		e.warn("%v", err)
		return exitFail
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		e.warn("%v", err)
		return exitFail
	}
	return exitOK
}

// open311 builds the Open311 handler and returns it with its base path.
func (f *serveFlags) open311(e *env) (http.Handler, string, error) {
	if f.appKey == "" || f.staffKey == "" || f.appKey == f.staffKey {
		return nil, "", errors.New("-app-key and -staff-key must be set and differ")
	}
	base := f.baseURL
	if base == "" {
		base = "http://" + f.listening + "/open311/v2"
	}
	path, public, err := basePath(base)
	if err != nil {
		return nil, "", err
	}
	cal, err := e.loadCalendar(f.calendar, workday.CalendarOptions{})
	if err != nil {
		return nil, "", err
	}
	cat, err := e.loadCatalog(f.catalog)
	if err != nil {
		return nil, "", err
	}
	d, err := incident.NewDecider(cat, cal, incident.DefaultRedoPolicy())
	if err != nil {
		return nil, "", err
	}
	app := grassroots.Actor{ID: "resident-app", Party: grassroots.Resident}
	office := grassroots.Actor{ID: "street-office", Party: grassroots.Government, Organization: "street-office",
		Roles: []string{incident.RoleDispatcher, incident.RoleHandler, incident.RoleSupervisor}}
	opts := []open311.Option{
		open311.WithBasePath(path),
		open311.WithAPIKey(f.appKey, app),
		open311.WithAPIKey(f.staffKey, office),
		open311.WithClock(f.now),
		open311.WithRand(rand.Reader),
		open311.WithDiscovery("", "ask the operator of this server for a key", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)),
	}
	if f.jurisdiction != "" {
		opts = append(opts, open311.WithJurisdiction(f.jurisdiction))
	}
	opts = append(opts, open311.WithEndpointURL(public.String()))
	store, closeStore, err := open311host.OpenStore(e.ctx, open311host.Config{DB: f.db, NATS: f.nats, Log: e.stderr}, d)
	if err != nil {
		return nil, "", err
	}
	h, err := open311.NewHandler(store, d, opts...)
	if err != nil {
		closeStore()
		return nil, "", err
	}
	f.close = closeStore
	return h, path, nil
}

// basePath returns the path to serve the API below and the public URL it
// stands for.
func basePath(base string) (string, *url.URL, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", nil, fmt.Errorf("-base-url %q: want an absolute http or https URL without query, such as https://311.example.gov/open311/v2", base)
	}
	return strings.TrimRight(u.Path, "/"), u, nil
}
