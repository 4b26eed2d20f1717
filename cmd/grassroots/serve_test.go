package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

var servingAt = regexp.MustCompile(`serving open311 at (http://\S+/) until interrupted`)

// startServe runs "serve open311" with args in this process, on a free
// port and a fresh SQLite file unless args name -db, and returns the base
// URL it prints and a function that stops it and returns its exit status.
func startServe(t *testing.T, args ...string) (string, func() int) {
	t.Helper()
	base, stop, _ := startServeAt(t, nil, args...)
	return base, stop
}

// startServeAt is startServe with the server's clock (nil for time.Now),
// also returning its standard error.
func startServeAt(t *testing.T, now func() time.Time, args ...string) (string, func() int, *lockedBuffer) {
	t.Helper()
	if !slices.Contains(args, "-db") {
		args = append([]string{"-db", filepath.Join(t.TempDir(), "open311.db")}, args...)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		f := &serveFlags{now: now}
		fs := serveCommand.flagSet(f)
		fs.SetOutput(io.Discard)
		pos, err := parseInterspersed(fs, append([]string{"-addr", "127.0.0.1:0"}, args...))
		if err != nil {
			fmt.Fprintln(stderr, err)
			done <- exitUsage
			return
		}
		done <- f.run(&env{ctx: ctx, stdin: strings.NewReader(""), stdout: io.Discard, stderr: stderr, cmd: serveCommand}, append([]string{"open311"}, pos...))
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := servingAt.FindStringSubmatch(stderr.String()); m != nil {
			var once sync.Once
			code := 0
			return m[1], func() int { once.Do(func() { cancel(); code = <-done }); return code }, stderr
		}
		select {
		case code := <-done:
			cancel()
			require.Failf(t, "serve exited", "status %d: %s", code, stderr.String())
		default:
		}
		require.True(t, time.Now().Before(deadline), "serve did not start: %s", stderr.String())
		time.Sleep(10 * time.Millisecond)
	}
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	res, err := http.Get(u)
	require.NoError(t, err, u)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

func TestServeOpen311(t *testing.T) {
	base, stop := startServe(t, "-app-key", "app", "-staff-key", "staff")
	assert.True(t, strings.HasSuffix(base, "/open311/v2/"), "served below /open311/v2: %s", base)

	code, body := get(t, base+"services.json")
	require.Equal(t, http.StatusOK, code, body)
	var services []open311.Service
	require.NoError(t, json.Unmarshal([]byte(body), &services))
	assert.Len(t, services, 20, "the example catalogue")

	res, err := http.PostForm(base+"requests.json", url.Values{"api_key": {"app"}, "service_code": {"004"},
		"lat": {"28.0020"}, "long": {"120.6550"}, "description": {"mud on the road"}})
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "posting a request: %s", b)

	code, body = get(t, base+"requests.json")
	require.Equal(t, http.StatusOK, code, body)
	list, err := open311.DecodeRequests(strings.NewReader(body))
	require.NoError(t, err)
	assert.Len(t, list, 1, "the request posted")

	res, err = http.PostForm(base+"requests.json", url.Values{"api_key": {"wrong"}, "service_code": {"004"}, "lat": {"28"}, "long": {"120.6"}})
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusForbidden, res.StatusCode, "an unknown key")

	assert.Equal(t, exitOK, stop(), "an interrupt ends the server cleanly")
}

// Behind a proxy, discovery names the URL clients reach.
func TestServeBaseURL(t *testing.T) {
	base, stop := startServe(t, "-base-url", "https://311.example.gov/api/v2")
	defer stop()
	assert.True(t, strings.HasSuffix(base, "/api/v2/"), "served below the base URL's path: %s", base)
	code, body := get(t, base+"discovery.json")
	require.Equal(t, http.StatusOK, code, body)
	var d open311.Discovery
	require.NoError(t, json.Unmarshal([]byte(body), &d), body)
	require.Len(t, d.Endpoints, 1)
	assert.Equal(t, "https://311.example.gov/api/v2", d.Endpoints[0].URL, "the public URL")
}

func TestServeUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve"}, "missing API to serve"},
		{[]string{"serve", "wfs"}, `unknown API "wfs"`},
		{[]string{"serve", "open311", "-base-url", "/v2"}, "-base-url"},
		{[]string{"serve", "open311", "-app-key", "k", "-staff-key", "k"}, "must be set and differ"},
		{[]string{"serve", "open311", "-catalog", "none.json"}, "none.json"},
		{[]string{"serve", "open311", "-port", "80"}, "-port"},
	} {
		r := cli("", c.args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", c.args, r)
		assert.Contains(t, r.stderr, c.want, "%v: message", c.args)
	}
}

// The built command serves until it is interrupted, and exits 0.
func TestServeBinary(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("an interrupt cannot be sent to a process on Windows")
	}
	cmd := exec.Command(binary, "serve", "open311", "-addr", "127.0.0.1:0")
	cmd.Dir = t.TempDir() // the default -db, open311.db, is created there
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stderr)
	var base string
	for lines.Scan() {
		if m := servingAt.FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
			break
		}
	}
	if base == "" {
		cmd.Process.Kill()
		cmd.Wait()
		require.Fail(t, "serve printed no address")
	}
	go io.Copy(io.Discard, stderr)
	code, body := get(t, base+"services/002.json")
	assert.Equal(t, http.StatusOK, code, body)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	require.NoError(t, cmd.Wait(), "exit status after an interrupt")
	_, err = os.Stat(filepath.Join(cmd.Dir, "open311.db"))
	assert.NoError(t, err, "the default store in the working directory")
}

// Without -base-url, discovery names the address listened on, whatever
// Host header the client sends.
func TestServeDiscoveryIgnoresHost(t *testing.T) {
	base, stop := startServe(t)
	defer stop()
	req, err := http.NewRequest(http.MethodGet, base+"discovery.json", nil)
	require.NoError(t, err)
	req.Host = "attacker.example"
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", b)
	var d open311.Discovery
	require.NoError(t, json.Unmarshal(b, &d), "%s", b)
	require.Len(t, d.Endpoints, 1)
	assert.Equal(t, strings.TrimSuffix(base, "/"), d.Endpoints[0].URL, "the address listened on, not the Host header")
}

func postForm(t *testing.T, u string, form url.Values) (int, string) {
	t.Helper()
	res, err := http.PostForm(u, form)
	require.NoError(t, err, u)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

// A request posted before a restart reads back byte for byte the same
// after it, and a repeated update_id still changes nothing.
func TestServeRestart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "open311.db")
	args := []string{"-db", db, "-app-key", "app", "-staff-key", "staff"}
	base, stop := startServe(t, args...)
	code, body := postForm(t, base+"requests.json", url.Values{"api_key": {"app"}, "service_code": {"004"}, "lat": {"28.0020"}, "long": {"120.6550"},
		"description": {"mud on the road"}, "attribute[fixmystreet_id]": {"1234"}, "zipcode": {"325000"}})
	require.Equal(t, http.StatusOK, code, body)
	var receipts []open311.Receipt
	require.NoError(t, json.Unmarshal([]byte(body), &receipts))
	id := string(receipts[0].ServiceRequestID)
	update := url.Values{"api_key": {"staff"}, "service_request_id": {id}, "update_id": {"u-1"}, "status": {"in_progress"},
		"updated_datetime": {time.Now().Add(time.Minute).Format(time.RFC3339)}, "description": {"crew on site"}}
	code, body = postForm(t, base+"servicerequestupdates.json", update)
	require.Equal(t, http.StatusOK, code, body)
	reads := []string{"requests/" + id + ".json?extensions=true", "requests/" + id + ".xml?extensions=true",
		"requests.json?extensions=true&api_key=staff", "servicerequestupdates.xml?service_request_id=" + id}
	var before []string
	for _, r := range reads {
		code, body := get(t, base+r)
		require.Equal(t, http.StatusOK, code, "%s: %s", r, body)
		before = append(before, body)
	}
	assert.Contains(t, before[0], "fixmystreet_id", "the attribute")
	require.Equal(t, exitOK, stop())

	base, stop = startServe(t, args...)
	defer stop()
	for i, r := range reads {
		_, body := get(t, base+r)
		assert.Equal(t, before[i], body, "GET %s after the restart", r)
	}
	update.Set("status", "closed")
	code, body = postForm(t, base+"servicerequestupdates.json", update)
	require.Equal(t, http.StatusOK, code, body)
	_, body = get(t, base+reads[0])
	assert.Equal(t, before[0], body, "a repeated update_id changes nothing after the restart")
}

// A stored event altered behind the server's back stops it from starting.
func TestServeRefusesAlteredStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "open311.db")
	base, stop := startServe(t, "-db", db)
	code, body := postForm(t, base+"requests.json", url.Values{"api_key": {"demo-app-key"}, "service_code": {"004"},
		"lat": {"28.0020"}, "long": {"120.6550"}, "description": {"mud on the road"}})
	require.Equal(t, http.StatusOK, code, body)
	require.Equal(t, exitOK, stop())

	sqldb, err := sql.Open("sqlite", db)
	require.NoError(t, err)
	res, err := sqldb.Exec(`UPDATE grassroots_events SET data = replace(data, 'mud on the road', 'mud on the moon') WHERE instr(data, 'mud on the road') > 0`)
	require.NoError(t, err)
	n, err := res.RowsAffected()
	require.NoError(t, err)
	require.Equal(t, int64(1), n, "one stored event altered")
	require.NoError(t, sqldb.Close())

	r := cli("", "serve", "open311", "-addr", "127.0.0.1:0", "-db", db)
	assert.Equal(t, exitFail, r.code, "%s", r)
	assert.Contains(t, r.stderr, "content_changed", "the reason")
	assert.NotContains(t, r.stderr, "serving open311", "the server does not start")
}

// One access-log line per request, without the api_key, timed by the
// server's clock.
func TestServeAccessLog(t *testing.T) {
	at := time.Date(2025, 6, 9, 1, 30, 0, 0, time.UTC)
	var mu sync.Mutex
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		at = at.Add(250 * time.Millisecond)
		return at
	}
	base, stop, stderr := startServeAt(t, now)
	defer stop()
	code, body := get(t, base+"services/002.json?api_key=demo-staff-key")
	require.Equal(t, http.StatusOK, code, body)
	code, _ = get(t, base+"services/999.xml")
	require.Equal(t, http.StatusNotFound, code)
	var logged []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, " GET ") {
			logged = append(logged, l)
		}
	}
	require.Len(t, logged, 2, "one line per request: %s", stderr.String())
	assert.Regexp(t, `^2025-06-09T01:30:0\dZ GET /open311/v2/services/002\.json 200 \d+B 250ms$`, logged[0])
	assert.Regexp(t, `^2025-06-09T01:30:0\dZ GET /open311/v2/services/999\.xml 404 \d+B 250ms$`, logged[1])
	assert.NotContains(t, stderr.String(), "demo-staff-key", "no api_key in the log")
}

// With -nats every incident event is published to JetStream, masked.
func TestServeNATS(t *testing.T) {
	ns, err := natsserver.NewServer(&natsserver.Options{ServerName: "solo", Host: "127.0.0.1", Port: -1, JetStream: true,
		StoreDir: t.TempDir(), NoLog: true, NoSigs: true})
	require.NoError(t, err)
	ns.Start()
	defer func() { ns.Shutdown(); ns.WaitForShutdown() }()
	require.True(t, ns.ReadyForConnections(10*time.Second))

	base, stop := startServe(t, "-nats", ns.ClientURL())
	defer stop()
	code, body := postForm(t, base+"requests.json", url.Values{"api_key": {"demo-app-key"}, "service_code": {"004"},
		"lat": {"28.0020"}, "long": {"120.6550"}, "description": {"mud on the road"}, "phone": {"13812345678"}, "first_name": {"Lei"}})
	require.Equal(t, http.StatusOK, code, body)

	nc, err := nats.Connect(ns.ClientURL())
	require.NoError(t, err)
	defer nc.Close()
	js, err := jetstream.New(nc)
	require.NoError(t, err)
	st, err := js.Stream(context.Background(), stream.DefaultStream)
	require.NoError(t, err)
	m, err := st.GetMsg(context.Background(), 1)
	require.NoError(t, err, "the reported event on the stream")
	e, err := grassroots.ParseEvent(m.Data)
	require.NoError(t, err)
	assert.Equal(t, "grassroots.incident.reported.v1", e.Type)
	assert.NotContains(t, string(m.Data), "13812345678", "the phone is masked")
	assert.Contains(t, string(m.Data), "138****5678")
}
