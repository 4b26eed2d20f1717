package main

import (
	"io"
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// BenchmarkRun runs the small district's year: 48 grids and 6,000
// matters, with and without writing the events.
func BenchmarkRun(b *testing.B) {
	for _, events := range []bool{false, true} {
		name := "scale=small/events=none"
		if events {
			name = "scale=small/events=file"
		}
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			o := options{seed: 20250101, scale: "small", out: filepath.Join(dir, "report.html"), quiet: true}
			if events {
				o.events = filepath.Join(dir, "events.jsonl")
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := execute(o, io.Discard, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A scale given as a number of grids lays out about that many, at the
// city's rates per grid, and refuses what is not a plain number in range.
func TestScaleOfGridCount(t *testing.T) {
	for _, n := range []int{1, 48, 1000, 3000, 10000} {
		sc, ok := scaleOf(strconv.Itoa(n))
		require.True(t, ok, "%d grids", n)
		grids := sc.cols * sc.rows
		assert.InDelta(t, n, grids, math.Sqrt(float64(n))/2+1, "%d grids asked, %d×%d laid out", n, sc.cols, sc.rows)
		assert.Equal(t, 170*grids, sc.incidents, "%d grids: matters", n)
		assert.Equal(t, strconv.Itoa(n), sc.name, "%d grids: the report names the number", n)
	}
	sc, ok := scaleOf("1000")
	require.True(t, ok)
	assert.Equal(t, [2]int{40, 25}, [2]int{sc.cols, sc.rows}, "1,000 grids are laid out as the district preset")
	for _, bad := range []string{"0", "-5", "0100", "1e3", "100001", " 10"} {
		_, ok := scaleOf(bad)
		assert.False(t, ok, "-scale %q", bad)
		_, err := parseFlags([]string{"-scale", bad}, io.Discard)
		assert.Error(t, err, "-scale %q", bad)
	}
	o, err := parseFlags([]string{"-scale", "3000"}, io.Discard)
	require.NoError(t, err, "-scale 3000")
	assert.Equal(t, "3000", o.scale)
}

func TestIncidentIDIsSevenDigitsAtLeast(t *testing.T) {
	for idx, want := range map[int]string{0: "inc-0000001", 41: "inc-0000042", 9_999_998: "inc-9999999", 12_345_677: "inc-12345678"} {
		assert.Equal(t, want, incidentID(idx), "matter %d", idx)
	}
}
