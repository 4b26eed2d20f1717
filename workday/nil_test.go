package workday

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/niltest"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		niltest.Errors(t, ErrBadDate, map[string]niltest.Error{
			"NoArrangementError": {Err: (*NoArrangementError)(nil), Match: ErrNoArrangement, Want: true},
			"ProvisionalError":   {Err: (*ProvisionalError)(nil), Match: ErrProvisional, Want: true},
			"RangeError":         {Err: (*RangeError)(nil), Match: ErrOutsideCalendar, Want: true},
		})
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
		niltest.Decoders(t, grassroots.ErrInvalid, map[string]niltest.Decoder{
			"Clock": {Dst: (*Clock)(nil), Text: "09:00"},
			"Date":  {Dst: (*Date)(nil), Text: "2026-03-10"},
			"Unit":  {Dst: (*Unit)(nil), Text: CalendarMinutes.String()},
		})
	})
}
