package migrate

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRead(t *testing.T) {
	fsys := fstest.MapFS{
		"m/0002_more.sql":   {Data: []byte("B")},
		"m/0001_first.sql":  {Data: []byte("A")},
		"m/0003_latest.sql": {Data: []byte("C")},
	}
	ms, err := Read(fsys, "m")
	require.NoError(t, err, "reading three migrations")
	require.Len(t, ms, 3, "three migrations")
	for i, m := range ms {
		assert.Equal(t, i+1, m.Version, "migration %d in version order", i)
	}
	assert.Equal(t, "0001_first.sql", ms[0].Name, "the first name")
	assert.Equal(t, "C", ms[2].SQL, "the last text")
	assert.Equal(t, 3, Latest(ms), "the latest version")
	assert.Len(t, Pending(ms, 0), 3, "all pending on a new database")
	assert.Equal(t, 3, Pending(ms, 2)[0].Version, "the one after version 2")
	assert.Empty(t, Pending(ms, 3), "none pending at the latest")
	assert.Empty(t, Pending(ms, 9), "none pending past the latest")

	for name, fsys := range map[string]fstest.MapFS{
		"a gap":          {"m/0001_a.sql": {}, "m/0003_c.sql": {}},
		"a repeat":       {"m/0001_a.sql": {}, "m/0001_b.sql": {}},
		"a bad name":     {"m/0001_a.sql": {}, "m/two.sql": {}},
		"a short number": {"m/001_a.sql": {}},
		"not .sql":       {"m/0001_a.txt": {}},
		"version zero":   {"m/0000_a.sql": {}},
		"a stray file":   {"m/0001_a.sql": {}, "m/.keep": {}},
		"nothing":        {"m": {Mode: fs.ModeDir}},
	} {
		_, err := Read(fsys, "m")
		assert.Error(t, err, "Read refuses %s", name)
	}
	_, err = Read(fstest.MapFS{}, "missing")
	assert.Error(t, err, "Read of a missing directory")
}
