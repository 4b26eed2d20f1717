package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRenderProgress(t *testing.T) {
	for _, c := range []struct {
		unit        string
		done, total int64
		want        string
	}{
		{"bytes", 0, 2_000_000, "verifying [                              ]   0% 0.0 MB of 2.0 MB 3s"},
		{"bytes", 1_000_000, 2_000_000, "verifying [===============               ]  50% 1.0 MB of 2.0 MB 3s"},
		{"bytes", 3_000_000, 2_000_000, "verifying [==============================] 100% 2.0 MB of 2.0 MB 3s"},
		{"partitions", 2, 3, "verifying [====================          ]  66% 2 partitions of 3 partitions 3s"},
		{"bytes", 1_500_000, 0, "verifying 1.5 MB 3s"},
	} {
		got := renderProgress("verifying", c.unit, c.done, c.total, 3*time.Second+400*time.Millisecond)
		assert.Equal(t, c.want, got, "%d of %d %s", c.done, c.total, c.unit)
	}
}

// Without a terminal on standard error there is no bar, and reading
// through it passes the bytes unchanged.
func TestProgressOnlyOnTerminal(t *testing.T) {
	var buf bytes.Buffer
	e := &env{stderr: &buf}
	p := e.progress("x", "bytes", 10)
	assert.Nil(t, p, "a buffer is not a terminal")
	r := p.reader(strings.NewReader("data"))
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, "data", string(b))
	p.add(1)
	p.finish()
	assert.Empty(t, buf.String(), "nothing drawn")

	f, err := os.CreateTemp(t.TempDir(), "stderr")
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f), "a regular file is not a terminal")
	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	defer pr.Close()
	defer pw.Close()
	assert.False(t, isTerminal(pw), "a pipe is not a terminal")
}

// A bar, once drawn, is redrawn in place and cleared at the end.
func TestProgressDraws(t *testing.T) {
	var buf lockedBuffer
	p := startProgress(&buf, "checking", "partitions", 4, 0)
	p.add(2)
	require.Eventually(t, func() bool { return strings.Contains(buf.String(), "50%") }, 10*time.Second, 5*time.Millisecond, "the bar shows the share done")
	p.finish()
	out := buf.String()
	assert.True(t, strings.HasPrefix(out, "\rchecking ["), "drawn from the start of the line: %q", out)
	assert.True(t, strings.HasSuffix(out, "\r\x1b[K"), "cleared at the end: %q", out)
}
