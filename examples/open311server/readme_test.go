package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/incident/open311"
)

// readmeSession returns the shell lines of the curl session the README
// shows for this server, continuation lines joined.
func readmeSession(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	text := string(b)
	i := strings.Index(text, "go run ./examples/open311server")
	require.GreaterOrEqual(t, i, 0, "the README shows the server")
	rest := text[i:]
	j := strings.Index(rest, "```sh\n")
	require.GreaterOrEqual(t, j, 0, "a shell block follows")
	rest = rest[j+len("```sh\n"):]
	k := strings.Index(rest, "```")
	require.GreaterOrEqual(t, k, 0, "the block ends")
	var lines []string
	var cur string
	for _, l := range strings.Split(strings.TrimRight(rest[:k], "\n"), "\n") {
		if s, ok := strings.CutSuffix(l, "\\"); ok {
			cur += s
			continue
		}
		lines = append(lines, cur+l)
		cur = ""
	}
	return lines
}

// step is what one command of the session must answer.
type step struct {
	// runs is a fragment of the command, to check the table follows the
	// README.
	runs string
	// contains are fragments of the answer.
	contains []string
	// keep names the variable the answer's service_request_id stands for
	// in the later commands.
	keep string
}

var steps = []step{
	{runs: "/discovery.json", contains: []string{`"endpoints"`, "open311@lucheng.wenzhou.example"}},
	{runs: "/services.json", contains: []string{`"service_code":"002"`}},
	{runs: "/services/002.xml", contains: []string{"<?xml", "<service_code>002</service_code>"}},
	{runs: "$B/requests.json ", contains: []string{"rubbish bags heaped at the lane entrance", "bicycles chained across the fire escape"}},
	{runs: "description=mud on the road", contains: []string{`"service_request_id"`}, keep: "ID"},
	{runs: "/requests/ID.xml", contains: []string{"<description>mud on the road</description>", "<status>open</status>"}},
	{runs: "attribute[fixmystreet_id]=1234", contains: []string{`"service_request_id"`}, keep: "ID2"},
	{runs: "/requests/ID2.json?extensions=true", contains: []string{`"lat":null`, `"name":"fixmystreet_id","value":"1234"`, "8 Wuma Street"}},
	{runs: "update_id=u-1", contains: []string{`"update_id":"u-1"`}},
	{runs: "servicerequestupdates.xml?start_date", contains: []string{"<update_id>u-1</update_id>", "<status>in_progress</status>", "crew on site"}},
}

// The curl session of the README works as written, each ID taken from the
// answer before it as a reader would.
func TestREADMESession(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed; the README's session needs it")
	}
	lines := readmeSession(t)
	require.NotEmpty(t, lines)
	assign := regexp.MustCompile(`^B=(\S+)$`)
	require.Regexp(t, assign, lines[0], "the session starts by naming the base URL")
	require.Len(t, lines[1:], len(steps), "one expectation per command:\n%s", strings.Join(lines, "\n"))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	base := "http://" + ln.Addr().String() + basePath
	h, closeStore, err := newServer(context.Background(), config{appKey: "demo-app-key", staffKey: "demo-staff-key", baseURL: base,
		db: filepath.Join(t.TempDir(), "open311.db"), now: time.Now, random: rand.Reader, log: io.Discard})
	require.NoError(t, err)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() {
		srv.Close()
		closeStore()
	})

	ids := map[string]string{}
	idWord := regexp.MustCompile(`\bID2?\b`)
	for i, line := range lines[1:] {
		s := steps[i]
		require.Contains(t, line, s.runs, "command %d follows the table", i+1)
		cmd := idWord.ReplaceAllStringFunc(line, func(w string) string {
			id, ok := ids[w]
			require.True(t, ok, "command %d uses %s before an answer gave it", i+1, w)
			return id
		})
		require.True(t, strings.HasPrefix(cmd, "curl "), "command %d is a curl call: %s", i+1, cmd)
		cmd = `curl -w '\n%{http_code}' ` + strings.TrimPrefix(cmd, "curl ")
		out, err := exec.Command("sh", "-c", "B="+base+"\n"+cmd).Output()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			require.NoError(t, err, "command %d: %s\n%s", i+1, cmd, ee.Stderr)
		}
		require.NoError(t, err, "command %d: %s", i+1, cmd)
		k := strings.LastIndexByte(string(out), '\n')
		require.GreaterOrEqual(t, k, 0, "command %d wrote its status: %q", i+1, out)
		body, code := string(out[:k]), string(out[k+1:])
		assert.Equal(t, "200", code, "command %d: %s\n%s", i+1, line, body)
		for _, c := range s.contains {
			assert.Contains(t, body, c, "command %d: %s", i+1, line)
		}
		if s.keep != "" {
			var rs []open311.Receipt
			require.NoError(t, json.Unmarshal([]byte(body), &rs), "command %d: %s", i+1, body)
			require.Len(t, rs, 1)
			ids[s.keep] = string(rs[0].ServiceRequestID)
		}
	}
}
