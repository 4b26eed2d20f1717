package events_test

import (
	"fmt"
	"testing"

	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/internal/benchdata"
)

// BenchmarkPrepareBatch measures the store-independent part of an
// append: the checks of CheckBatch and the JSON encoding, beside its two
// halves measured alone (CheckBatch, and MarshalJSON of every event).
func BenchmarkPrepareBatch(b *testing.B) {
	_, _, batch, err := benchdata.NewBatches(1, 100).Next()
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("batch=100/workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := events.PrepareBatch(batch[0].Subject, 0, batch, workers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("batch=100/check-only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := events.CheckBatch(batch[0].Subject, 0, batch); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("batch=100/marshal-only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range batch {
				if _, err := batch[i].MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
