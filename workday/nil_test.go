package workday

import (
	"encoding"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		for name, c := range map[string]struct {
			err   error
			match error // the type's sentinel
		}{
			"NoArrangementError": {(*NoArrangementError)(nil), ErrNoArrangement},
			"ProvisionalError":   {(*ProvisionalError)(nil), ErrProvisional},
			"RangeError":         {(*RangeError)(nil), ErrOutsideCalendar},
		} {
			require.NotPanics(t, func() { assert.NotEmpty(t, c.err.Error(), name) }, "%s: Error", name)
			assert.ErrorIs(t, c.err, c.match, "%s: Is", name)
			assert.NoError(t, errors.Unwrap(c.err), "%s: Unwrap", name)
			assert.False(t, errors.Is(c.err, ErrBadDate), "%s matches no other sentinel", name)
		}
	})

	t.Run("Calendar", func(t *testing.T) {
		var c *Calendar
		at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
		d := Date{Year: 2026, Month: time.March, Day: 10}
		assert.Equal(t, Spec{}, c.Spec(), "Spec")
		assert.Equal(t, time.UTC, c.Location(), "Location")
		assert.False(t, c.Contains(at), "Contains")
		_, ok := c.IsWorkingDay(d)
		assert.False(t, ok, "IsWorkingDay")
		_, ok = c.IsProvisional(d)
		assert.False(t, ok, "IsProvisional")
		_, err := c.WorkingTime(at, at.Add(time.Hour))
		assert.ErrorIs(t, err, ErrNeedsCalendar, "WorkingTime")
		_, err = c.Deadline(at, Limit{Amount: 5, Unit: WorkingDays})
		assert.ErrorIs(t, err, ErrNeedsCalendar, "Deadline")
		_, err = c.AddWorkingTime(at, time.Hour)
		assert.ErrorIs(t, err, ErrNeedsCalendar, "AddWorkingTime")
	})

	t.Run("decoders", func(t *testing.T) {
		for name, c := range map[string]struct {
			dst  encoding.TextUnmarshaler
			text string // valid for the type
		}{
			"Clock": {(*Clock)(nil), "09:00"},
			"Date":  {(*Date)(nil), "2026-03-10"},
			"Unit":  {(*Unit)(nil), CalendarMinutes.String()},
		} {
			var err error
			require.NotPanics(t, func() { err = c.dst.UnmarshalText([]byte(c.text)) }, "%s: UnmarshalText", name)
			assert.ErrorIs(t, err, grassroots.ErrInvalid, "%s: UnmarshalText", name)
		}
	})
}
