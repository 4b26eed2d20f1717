package grassroots_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func day(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }

func TestPeriodContainsIsHalfOpen(t *testing.T) {
	p := grassroots.Period{Start: day(1), End: day(10)}
	assert.True(t, p.Contains(day(1)), "start is inside")
	assert.True(t, p.Contains(day(10).Add(-time.Nanosecond)), "just before end is inside")
	assert.False(t, p.Contains(day(10)), "end is outside")
	assert.False(t, p.Contains(day(1).Add(-time.Nanosecond)), "before start is outside")
	open := grassroots.Period{Start: day(1)}
	assert.True(t, open.IsOpen())
	assert.True(t, open.Contains(day(1).AddDate(100, 0, 0)), "an open period never ends")
	empty := grassroots.Period{Start: day(5), End: day(5)}
	assert.False(t, empty.Contains(day(5)), "an empty period contains nothing")
}

func TestPeriodOverlaps(t *testing.T) {
	cases := []struct {
		name string
		a, b grassroots.Period
		want bool
	}{
		{"touching periods do not overlap", grassroots.Period{Start: day(1), End: day(5)}, grassroots.Period{Start: day(5), End: day(9)}, false},
		{"a shared day overlaps", grassroots.Period{Start: day(1), End: day(6)}, grassroots.Period{Start: day(5), End: day(9)}, true},
		{"containment overlaps", grassroots.Period{Start: day(1), End: day(20)}, grassroots.Period{Start: day(5), End: day(9)}, true},
		{"disjoint", grassroots.Period{Start: day(1), End: day(2)}, grassroots.Period{Start: day(5), End: day(9)}, false},
		{"open period overlaps a later one", grassroots.Period{Start: day(1)}, grassroots.Period{Start: day(5), End: day(9)}, true},
		{"open period starting at the other's end", grassroots.Period{Start: day(9)}, grassroots.Period{Start: day(5), End: day(9)}, false},
		{"two open periods overlap", grassroots.Period{Start: day(1)}, grassroots.Period{Start: day(30)}, true},
		{"an empty period overlaps nothing", grassroots.Period{Start: day(5), End: day(5)}, grassroots.Period{Start: day(1), End: day(9)}, false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.a.Overlaps(c.b), c.name)
		assert.Equal(t, c.want, c.b.Overlaps(c.a), c.name+" (swapped)")
	}
}

func TestPeriodValidate(t *testing.T) {
	assert.NoError(t, grassroots.Period{Start: day(1), End: day(1)}.Validate(), "empty period is valid")
	assert.NoError(t, grassroots.Period{Start: day(1)}.Validate(), "open period is valid")
	err := grassroots.Period{Start: day(5), End: day(1)}.Validate()
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve), "end before start: %v", err)
	assert.True(t, ve.Has("end"))
	err = grassroots.Period{}.Validate()
	require.True(t, errors.As(err, &ve))
	assert.True(t, ve.Has("start"), "zero start is invalid")
}

func TestPeriodJSONOmitsOpenEnd(t *testing.T) {
	b, err := json.Marshal(grassroots.Period{Start: day(1)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"start":"2024-01-01T00:00:00Z"}`, string(b))
	var p grassroots.Period
	require.NoError(t, json.Unmarshal([]byte(`{"start":"2024-01-01T08:00:00+08:00","end":"2024-02-01T00:00:00+08:00"}`), &p))
	assert.True(t, p.Start.Equal(day(1)))
	assert.Equal(t, 31*24*time.Hour-8*time.Hour, p.Duration(), "2024-01-01T08:00+08 to 2024-02-01T00:00+08")
}
