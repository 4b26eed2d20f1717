package main

import (
	"io"
	"path/filepath"
	"testing"
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
