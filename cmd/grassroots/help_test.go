package main

import (
	"bufio"
	"bytes"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/grid/geojson"
)

// Every command's help, however asked for, holds its synopsis and its
// examples, and goes to standard output with status 0.
func TestHelp(t *testing.T) {
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "-h"}, {c.name, "--help"}, {c.name, "-help"}, {"help", c.name}} {
			r := cli("", args...)
			assert.Equal(t, exitOK, r.code, "%v: %s", args, r)
			assert.Empty(t, r.stderr, "%v", args)
			assert.True(t, strings.HasPrefix(r.stdout, "usage: grassroots "+c.name), "%v: synopsis first", args)
			require.NotEmpty(t, c.examples, "%s has examples", c.name)
			for _, x := range c.examples {
				assert.Contains(t, r.stdout, "\t"+x.cmd+"\n", "%v: example %q", args, x.cmd)
			}
		}
	}
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}} {
		r := cli("", args...)
		assert.Equal(t, exitOK, r.code, "%v", args)
		for _, c := range commands {
			assert.Contains(t, r.stdout, "\t"+c.name+" ", "%v: lists %s", args, c.name)
		}
	}
	r := cli("")
	assert.Equal(t, exitUsage, r.code, "no command")
	assert.Contains(t, r.stderr, "grassroots <command>", "usage on stderr")
	r = cli("", "frobnicate")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, `unknown command "frobnicate"`)
	r = cli("", "help", "frobnicate")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "commands: verify, replay")
}

// Flags may follow the arguments, as in "check F.geojson -siblings",
// and "--" ends them.
func TestInterspersedFlags(t *testing.T) {
	path := write(t, t.TempDir(), "events.jsonl", []byte(jsonl(mixedEvents(t, 2))))
	r := cli("", "verify", path, "-format", "csv")
	assert.Equal(t, exitOK, r.code, "%s", r)
	assert.Equal(t, "line,subject,index,sequence,reason,attributes,message\n", r.stdout, "the flag after the file counts")
	r = cli("", "verify", "--", "-format")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "-format", "after --, -format is a file name")
}

// exampleDir writes the files the examples of the help texts name.
func exampleDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ls := mixedEvents(t, 12)
	write(t, dir, "events.jsonl", []byte(jsonl(ls)))
	bad := append([]string(nil), ls...)
	bad[5] = alterData(t, bad[5])
	write(t, dir, "tampered.jsonl", []byte(jsonl(bad)))
	write(t, dir, "points.csv", []byte("id,lng,lat\nhome,120.6955,27.9971\nmarket,120.6521,28.0186\n"))

	rect := func(code grid.Code, x0, y0, x1, y1 float64) grid.Grid {
		return grid.Grid{Code: code, Level: grid.LevelGrid, Kind: grid.KindGeneral, CRS: grid.WGS84, Parent: "330302001001",
			Boundary: grid.MultiPolygon{{{{Lng: x0, Lat: y0}, {Lng: x1, Lat: y0}, {Lng: x1, Lat: y1}, {Lng: x0, Lat: y1}, {Lng: x0, Lat: y0}}}}}
	}
	community := rect("330302001001", 120.60, 28.00, 120.63, 28.01)
	community.Level, community.Parent = grid.LevelCommunity, ""
	var b bytes.Buffer
	require.NoError(t, geojson.Encode(&b, []grid.Grid{community,
		rect("330302001001001", 120.60, 28.00, 120.612, 28.01),
		rect("330302001001002", 120.61, 28.00, 120.62, 28.01),
		rect("330302001001003", 120.62, 28.00, 120.63, 28.009)}, geojson.EncodeOptions{}))
	write(t, dir, "community.geojson", b.Bytes())

	notice, err := os.ReadFile(filepath.Join("..", "..", "workday", "testdata", "example_notice_2027.json"))
	require.NoError(t, err)
	write(t, dir, "notice-2027.json", notice)
	write(t, dir, "matters.csv", []byte("id,start,limit\nwz-1,2025-11-21T17:59:00+08:00,5 working hours\nwz-2,2025-11-21T17:59:00+08:00,15 working days\n"))

	v := aggregateVectors(t)[0]
	write(t, dir, "system.json", v.Input.System)
	write(t, dir, "ratings.csv", []byte(ratingsCSV(t, v.Input.Ratings)))
	return dir
}

// Every example in the help texts runs as written, in a directory with
// the files it names, and exits as its help says.
func TestExamplesRun(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the examples are sh command lines")
	}
	dir := exampleDir(t)
	haveWenzhou := false
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared", "data", "wenzhou-330300-districts.geojson")); err == nil {
		abs, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "data", "wenzhou-330300-districts.geojson"))
		require.NoError(t, os.Symlink(abs, filepath.Join(dir, "districts.geojson")))
		haveWenzhou = true
	}
	for _, c := range commands {
		for _, x := range c.examples {
			t.Run(c.name+"/"+x.about, func(t *testing.T) {
				if strings.Contains(x.cmd, "districts.geojson") && !haveWenzhou {
					t.Skip("the Wenzhou districts file is not at ../shared/data")
				}
				if c == serveCommand {
					runServeExample(t, x.cmd)
					return
				}
				r := shell(t, dir, x.cmd)
				assert.Equal(t, x.exit, r.code, "%s: %s", x.cmd, r)
				if !strings.Contains(x.cmd, ">") {
					assert.NotEmpty(t, r.stdout, "%s writes its answer", x.cmd)
				}
			})
		}
	}
}

// runServeExample starts a serve example, asks for the services, and
// interrupts it.
func runServeExample(t *testing.T, line string) {
	args := strings.Fields(line)
	require.Equal(t, "grassroots", args[0])
	cmd := exec.Command(binary, args[1:]...)
	cmd.Dir = t.TempDir() // for the store the server creates
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer cmd.Wait()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := servingAt.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				io.Copy(io.Discard, stderr)
				return
			}
			if strings.Contains(sc.Text(), "address already in use") {
				found <- ""
				return
			}
		}
		close(found)
	}()
	var base string
	select {
	case base = <-found:
	case <-time.After(10 * time.Second):
	}
	if base == "" {
		cmd.Process.Kill()
		t.Skipf("%s did not start listening (the port may be taken)", line)
	}
	code, body := get(t, base+"services.json")
	assert.Equal(t, 200, code, body)
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
}

// The package documentation describes every command and every flag.
func TestDocCoversCommands(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	for _, c := range commands {
		assert.Contains(t, string(doc), "// # "+c.name+"\n", "a section for %s", c.name)
		fs := c.flagSet(c.newFlags())
		fs.VisitAll(func(f *flag.Flag) {
			assert.Contains(t, string(doc), "-"+f.Name, "%s: flag -%s", c.name, f.Name)
		})
	}
}
