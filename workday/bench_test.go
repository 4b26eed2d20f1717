package workday

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkDeadline measures deadlines and working time over a calendar
// of 10 years (2023–2032: four published, six provisional) and over the
// default calendar of 78 years, from 1,024 random starts.
func BenchmarkDeadline(b *testing.B) {
	for _, years := range []int{10, 78} {
		spec, err := ChinaSpec(Date{2023, 1, 1}, Date{2023 + years - 1, 12, 31})
		if err != nil {
			b.Fatal(err)
		}
		c, err := NewCalendar(spec, CalendarOptions{})
		if err != nil {
			b.Fatal(err)
		}
		r := rand.New(rand.NewPCG(1, 2))
		starts := make([]time.Time, 1024)
		base := time.Date(2023, 1, 1, 0, 0, 0, 0, c.Location())
		for i := range starts {
			starts[i] = base.Add(time.Duration(r.Int64N(int64(years-1) * 365 * 24 * int64(time.Hour))))
		}
		for _, limit := range []Limit{{5, WorkingHours}, {15, WorkingDays}, {15, CalendarMinutes}} {
			b.Run(fmt.Sprintf("years=%d/limit=%d_%s", years, limit.Amount, limit.Unit), func(b *testing.B) {
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
		b.Run(fmt.Sprintf("years=%d/working_time", years), func(b *testing.B) {
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
}

// BenchmarkNewCalendar measures compiling the default calendar (78 years).
func BenchmarkNewCalendar(b *testing.B) {
	b.Run("years=78", func(b *testing.B) {
		b.ReportAllocs()
		spec := DefaultSpec()
		for b.Loop() {
			if _, err := NewCalendar(spec, CalendarOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
