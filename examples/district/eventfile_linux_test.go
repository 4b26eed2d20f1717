package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// A file whose O_DIRECT is turned off midway, as after a file system
// refuses a direct write, still gets every byte in order.
func TestDirectFileGoesOnBuffered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	w, err := openEventFile(path)
	require.NoError(t, err)
	d, ok := w.(*directFile)
	if !ok {
		t.Skipf("%s has no direct I/O", filepath.Dir(path))
	}
	want := bytes.Repeat([]byte("0123456789abcdef\n"), 700_000) // 11.9 MB
	half := len(want) / 2
	_, err = d.Write(want[:half])
	require.NoError(t, err)
	require.NoError(t, d.buffered())
	require.False(t, d.direct)
	_, err = d.Write(want[half:])
	require.NoError(t, err)
	require.NoError(t, d.Close())
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, bytes.Equal(want, got), "the file differs from what was written")
}
