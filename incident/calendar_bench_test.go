package incident

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func BenchmarkDeadline(b *testing.B) {
	c, err := NewCalendar(ChinaSpec(Date{2023, 1, 1}, Date{2032, 12, 31}))
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	starts := make([]time.Time, 1024)
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, c.Location())
	for i := range starts {
		starts[i] = base.Add(time.Duration(r.Int64N(int64(9 * 365 * 24 * time.Hour))))
	}
	for _, limit := range []Limit{{5, WorkingHours}, {15, WorkingDays}, {15, CalendarMinutes}} {
		b.Run(fmt.Sprintf("years=10/limit=%d_%s", limit.Amount, limit.Unit), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := c.Deadline(starts[i&1023], limit); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
	b.Run("years=10/working_time", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := c.WorkingTime(starts[i&1023], starts[(i+1)&1023]); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}
