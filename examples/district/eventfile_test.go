package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// The events file holds exactly the bytes written, in order, whatever
// the sizes of the writes and of the whole: empty, whole blocks, whole
// buffers and ragged tails.
func TestEventFileKeepsEveryByte(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for _, total := range []int{0, 1, 4095, 4096, 4097, 1 << 20, 4 << 20, 4<<20 + 1, 9<<20 + 12345} {
		want := make([]byte, total)
		for i := range want {
			want[i] = byte(rng.Uint32())
		}
		path := filepath.Join(t.TempDir(), "events.jsonl")
		w, err := openEventFile(path)
		require.NoError(t, err)
		for rest := want; len(rest) > 0; {
			k := min(len(rest), 1+rng.IntN(300_000))
			n, err := w.Write(rest[:k])
			require.NoError(t, err)
			require.Equal(t, k, n)
			rest = rest[k:]
		}
		require.NoError(t, w.Close())
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		require.True(t, bytes.Equal(want, got), "total %d: the file differs from what was written", total)
	}
}

func TestEventFileRefusesAMissingDirectory(t *testing.T) {
	_, err := openEventFile(filepath.Join(t.TempDir(), "missing", "events.jsonl"))
	require.ErrorIs(t, err, os.ErrNotExist)
}
