package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/incident/open311"
)

var servingAt = regexp.MustCompile(`serving open311 at (http://\S+/) until interrupted`)

// startServe runs "serve" with args in this process and returns the
// base URL it prints, and a function that stops it and returns its exit
// status.
func startServe(t *testing.T, args ...string) (string, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- runContext(ctx, append([]string{"serve", "open311", "-addr", "127.0.0.1:0"}, args...), strings.NewReader(""), io.Discard, &stderr)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if m := servingAt.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], func() int { cancel(); return <-done }
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
