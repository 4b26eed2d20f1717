package depcheck_test

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/grassrootsgov/grassroots"

// core are the packages that must link no driver or broker client.
var core = []string{"", "/grid", "/grid/geojson", "/incident", "/incident/open311", "/risk", "/provider",
	"/evaluation", "/mechanism", "/workday", "/events"}

// forbidden are the import path prefixes of the drivers and clients.
var forbidden = []string{"modernc.org/sqlite", "github.com/jackc/pgx", "github.com/nats-io"}

// moduleRoot returns the directory of go.mod, two levels above this file.
func moduleRoot(t *testing.T) string {
	_, file, _, ok := runtime.Caller(0)
	require.True(t, ok)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

func deps(t *testing.T, pkg string) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", pkg)
	cmd.Dir = moduleRoot(t)
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		require.NoError(t, err, "go list %s: %s", pkg, ee.Stderr)
	}
	require.NoError(t, err, "go list %s", pkg)
	return strings.Fields(string(out))
}

func TestCoreLinksNoDriver(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	for _, p := range core {
		pkg := module + p
		list := deps(t, pkg)
		require.Contains(t, list, pkg, "go list names the package itself")
		for _, d := range list {
			for _, f := range forbidden {
				assert.False(t, strings.HasPrefix(d, f),
					"%s depends on %s", pkg, d)
			}
		}
	}
}

// The check would see a driver: the adapter packages do list them.
func TestCheckSeesDrivers(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	for pkg, want := range map[string]string{
		module + "/events/sqlite":   "modernc.org/sqlite",
		module + "/events/postgres": "github.com/jackc/pgx/v5",
		module + "/events/stream":   "github.com/nats-io/nats.go",
	} {
		assert.Contains(t, deps(t, pkg), want, pkg)
	}
}
