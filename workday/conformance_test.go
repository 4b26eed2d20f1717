package workday

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const conformanceDir = "../testdata/conformance/v2/workday"

var conformanceErrors = map[string]error{
	"outside_calendar": ErrOutsideCalendar,
	"bad_limit":        ErrBadLimit,
	"provisional":      ErrProvisional,
}

func TestConformanceDeadlines(t *testing.T) {
	type vector struct {
		Description string `json:"description"`
		Input       struct {
			Calendar          json.RawMessage `json:"calendar"`
			RefuseProvisional bool            `json:"refuse_provisional"`
			Start             time.Time       `json:"start"`
			Limit             Limit           `json:"limit"`
		} `json:"input"`
		Want *struct {
			Deadline    time.Time `json:"deadline"`
			Provisional bool      `json:"provisional"`
		} `json:"want"`
		WantError string `json:"want_error"`
	}
	b, err := os.ReadFile(filepath.Join(conformanceDir, "deadlines.json"))
	require.NoError(t, err, "reading deadlines.json")
	var vs []vector
	require.NoError(t, json.Unmarshal(b, &vs), "decoding deadlines.json")
	require.NotEmpty(t, vs, "deadlines.json")
	for _, v := range vs {
		spec := DefaultSpec()
		if string(v.Input.Calendar) != `"cn"` {
			spec, err = ParseSpec(v.Input.Calendar)
			require.NoError(t, err, v.Description)
		}
		cal, err := NewCalendar(spec, CalendarOptions{RefuseProvisional: v.Input.RefuseProvisional})
		require.NoError(t, err, v.Description)
		got, err := cal.Deadline(v.Input.Start, v.Input.Limit)
		if v.WantError != "" {
			want := conformanceErrors[v.WantError]
			require.NotNil(t, want, "%s: unknown want_error %q", v.Description, v.WantError)
			assert.True(t, errors.Is(err, want), "%s: got %v, want %s", v.Description, err, v.WantError)
			continue
		}
		require.NoError(t, err, v.Description)
		require.NotNil(t, v.Want, "%s: a vector without want or want_error", v.Description)
		assert.True(t, got.At.Equal(v.Want.Deadline), "%s: got %s, want %s", v.Description, got.At, v.Want.Deadline)
		assert.Equal(t, v.Want.Deadline.Format(time.RFC3339), got.At.Format(time.RFC3339), "%s: written in the calendar's zone", v.Description)
		assert.Equal(t, v.Want.Provisional, got.Provisional, "%s: provisional flag", v.Description)
	}
}
