package workday

import (
	"flag"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var seedFlag = flag.Uint64("workday.seed", 0, "seed of the randomised tests (0: a fresh one, logged)")

// seededRand returns a generator from -workday.seed, or from a fresh seed
// when the flag is zero; the seed is logged either way so a failure can be
// replayed.
func seededRand(t *testing.T) *rand.Rand {
	seed := *seedFlag
	if seed == 0 {
		seed = rand.Uint64()
	}
	t.Logf("seed %d (replay with -workday.seed=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, 1))
}

// randomStart returns an instant between 2023 and 2099, to the second.
func randomStart(r *rand.Rand) time.Time {
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, shanghai)
	return base.Add(time.Duration(r.Int64N(int64(77*365*24*time.Hour))) / time.Second * time.Second)
}

// TestDeadlineProperties checks over random starts that:
//   - the working time between a start and its working-hour deadline is
//     exactly the limit;
//   - a working-day deadline is the close of a working day after the
//     start's date, and the n-th working day after it;
//   - deadlines never decrease as the limit grows, in every unit;
//   - a deadline is provisional exactly when a day it rests on is.
func TestDeadlineProperties(t *testing.T) {
	r := seededRand(t)
	c := defaultCalendar(t)
	for range 2000 {
		start := randomStart(r)
		n := 1 + r.IntN(40)

		d, err := c.Deadline(start, Limit{n, WorkingHours})
		require.NoError(t, err, "Deadline(%s, %d working hours)", start, n)
		w, err := c.WorkingTime(start, d.At)
		require.NoError(t, err)
		assert.Equal(t, time.Duration(n)*time.Hour, w, "working time from %s to its %dh deadline %s", start, n, d.At)
		back, err := c.WorkingTime(d.At, start)
		require.NoError(t, err)
		assert.Equal(t, -w, back, "working time is antisymmetric for %s", start)
		assert.Equal(t, anyProvisional(c, DateOf(start.In(shanghai)), DateOf(d.At.In(shanghai))), d.Provisional,
			"a working-hour deadline from %s is provisional exactly when a day from start to deadline is", start)

		dd, err := c.Deadline(start, Limit{n, WorkingDays})
		require.NoError(t, err)
		last := DateOf(dd.At.In(shanghai))
		working, _ := c.IsWorkingDay(last)
		assert.True(t, working, "%d working days from %s end on a working day, got %s", n, start, dd.At)
		assert.Equal(t, "17:30", dd.At.In(shanghai).Format("15:04"), "working-day deadline is at the close")
		assert.Equal(t, n, countWorkingDays(c, DateOf(start.In(shanghai)).AddDays(1), last), "%d working days from %s", n, start)
		assert.Equal(t, anyProvisional(c, DateOf(start.In(shanghai)).AddDays(1), last), dd.Provisional,
			"a working-day deadline from %s is provisional exactly when a counted day is", start)

		for _, u := range []Unit{CalendarMinutes, CalendarHours, CalendarDays, WorkingHours, WorkingDays} {
			a, err := c.Deadline(start, Limit{n, u})
			require.NoError(t, err)
			b, err := c.Deadline(start, Limit{n + 1 + r.IntN(5), u})
			require.NoError(t, err)
			assert.False(t, b.At.Before(a.At), "a longer %s limit from %s does not end earlier: %s < %s", u, start, b.At, a.At)
			assert.True(t, a.At.After(start), "a %d %s deadline from %s is after it", n, u, start)
		}
	}
}

func anyProvisional(c *Calendar, from, to Date) bool {
	for d := from; d.Compare(to) <= 0; d = d.AddDays(1) {
		if p, _ := c.IsProvisional(d); p {
			return true
		}
	}
	return false
}

func countWorkingDays(c *Calendar, from, to Date) int {
	n := 0
	for d := from; d.Compare(to) <= 0; d = d.AddDays(1) {
		if w, _ := c.IsWorkingDay(d); w {
			n++
		}
	}
	return n
}

// TestAddWorkingTimeSplits checks that adding working time in two parts
// lands where adding it at once does.
func TestAddWorkingTimeSplits(t *testing.T) {
	r := seededRand(t)
	c := defaultCalendar(t)
	for range 1000 {
		start := randomStart(r)
		a := time.Duration(1+r.Int64N(20*3600)) * time.Second
		b := time.Duration(1+r.Int64N(20*3600)) * time.Second
		whole, err := c.AddWorkingTime(start, a+b)
		require.NoError(t, err)
		half, err := c.AddWorkingTime(start, a)
		require.NoError(t, err)
		two, err := c.AddWorkingTime(half.At, b)
		require.NoError(t, err)
		assert.True(t, whole.At.Equal(two.At), "from %s: %s + %s = %s, but in two steps %s", start, a, b, whole.At, two.At)
	}
}
