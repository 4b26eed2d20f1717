package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tour's output is part of the documentation: it must stay as the
// README describes it.
func TestTour(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	want := `1. located 120.64754,28.01488 (WGS84) in grid 33030200100101: true
   a point on the shared edge belongs to exactly one grid: 33030200100102
2. inc-1 reported, dispatched to law_enforcement / street-law-team; handling deadline Mon 2025-06-09 17:30 (1 working day from Friday evening)
   closed Mon 2025-06-09 11:00 (on time: true), rated very_satisfied; reporter contact shown as L***** 138****1234
   7 events sealed as CloudEvents (grassroots.incident.reported.v1 … grassroots.incident.rated.v1); replayed to status closed
3. provider P001 scores 82.75 (good) from 8 ratings of three parties
4. risk R-1 assessed moderate, alert III (yellow), now closed: training and a contract warning
`
	assert.Equal(t, want, out.String())
}
