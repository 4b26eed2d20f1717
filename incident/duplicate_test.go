package incident

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
)

func openIncident(id, cat string, lng, lat float64, at time.Time) Incident {
	return Incident{ID: id, Category: cat, Status: StatusDispatched, ReportedAt: at,
		Location: Location{Point: grid.Point{Lng: lng, Lat: lat}, CRS: grid.WGS84}}
}

func TestFindDuplicates(t *testing.T) {
	// 0.0009° of latitude is about 100 m.
	cand := openIncident("new", "002", 120.70, 28.00, t0)
	open := []Incident{
		openIncident("near", "002", 120.70, 28.0003, t0.Add(-time.Hour)),   // ~33 m
		openIncident("far", "002", 120.70, 28.0009, t0.Add(-time.Hour)),    // ~100 m
		openIncident("other-cat", "004", 120.70, 28.0001, t0),              // same place, other category
		openIncident("old", "002", 120.70, 28.0001, t0.Add(-73*time.Hour)), // outside the window
		openIncident("new", "002", 120.70, 28.00, t0),                      // the candidate itself
		openIncident("nearest", "002", 120.70, 28.0001, t0.Add(time.Hour)), // ~11 m
	}
	closed := openIncident("closed", "002", 120.70, 28.0001, t0)
	closed.Status = StatusClosed
	open = append(open, closed)
	opts := DuplicateOptions{Radius: 50, Window: 72 * time.Hour}

	got, err := FindDuplicates(cand, open, opts)
	require.NoError(t, err)
	ids := make([]string, len(got))
	for i, m := range got {
		ids[i] = m.ID
	}
	assert.Equal(t, []string{"nearest", "near"}, ids, "same category, open, within 50 m and 72 h, nearest first")
	assert.InDelta(t, 11.12, got[0].Distance, 0.01, "0.0001° of latitude on the mean sphere")

	x, err := NewDuplicateIndex(open, opts)
	require.NoError(t, err)
	fromIndex, err := x.Find(cand)
	require.NoError(t, err)
	assert.Equal(t, got, fromIndex, "the index agrees with the scan")

	gcj, err := cand.Location.In(grid.GCJ02)
	require.NoError(t, err)
	moved := cand
	moved.Location = gcj
	converted, err := x.Find(moved)
	require.NoError(t, err)
	require.Len(t, converted, 2, "a GCJ-02 candidate is converted before comparing")
	assert.InDelta(t, got[0].Distance, converted[0].Distance, 0.01)

	_, err = FindDuplicates(cand, open, DuplicateOptions{Radius: 0, Window: time.Hour})
	assert.ErrorIs(t, err, ErrBadOptions)
	_, err = NewDuplicateIndex(open, DuplicateOptions{Radius: 10, Window: 0})
	assert.ErrorIs(t, err, ErrBadOptions)
}

// TestDuplicateIndexAgreesWithScan compares the index with the linear scan
// on random sets, including points by the antimeridian and near a pole.
func TestDuplicateIndexAgreesWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(testSeed(t), 3))
	for _, area := range []struct {
		name             string
		lng, lat, spread float64
	}{{"Wenzhou", 120.7, 28.0, 0.01}, {"antimeridian", 180, -16.5, 0.002}, {"near the pole", 10, 89.99, 0.01}} {
		open := make([]Incident, 2000)
		for i := range open {
			lng := area.lng + (r.Float64()-0.5)*area.spread
			if lng > 180 {
				lng -= 360
			}
			open[i] = openIncident(fmt.Sprint(i), fmt.Sprint(r.IntN(3)), lng, min(90, area.lat+(r.Float64()-0.5)*area.spread), t0.Add(time.Duration(r.IntN(200))*time.Hour))
		}
		opts := DuplicateOptions{Radius: 30 + r.Float64()*200, Window: 48 * time.Hour}
		x, err := NewDuplicateIndex(open, opts)
		require.NoError(t, err)
		for i := range 300 {
			cand := open[r.IntN(len(open))]
			cand.ID = "cand"
			want, err := FindDuplicates(cand, open, opts)
			require.NoError(t, err)
			got, err := x.Find(cand)
			require.NoError(t, err)
			require.Equal(t, want, got, "%s: candidate %d", area.name, i)
		}
	}
}

// TestDuplicatesWithoutAPoint checks that matters reported with an address
// only never match and are never matched: a position is needed to compare.
func TestDuplicatesWithoutAPoint(t *testing.T) {
	opts := DuplicateOptions{Radius: 50, Window: 72 * time.Hour}
	cand := openIncident("new", "002", 120.70, 28.00, t0)
	unlocated := Incident{ID: "addr", Category: "002", Status: StatusReported, ReportedAt: t0, Address: "五马街 12 号"}
	open := []Incident{unlocated, openIncident("near", "002", 120.70, 28.0001, t0)}

	got, err := FindDuplicates(cand, open, opts)
	require.NoError(t, err)
	require.Len(t, got, 1, "the matter without a point is skipped")
	assert.Equal(t, "near", got[0].ID)

	none, err := FindDuplicates(unlocated, open, opts)
	require.NoError(t, err, "a candidate without a point is no error")
	assert.Empty(t, none, "and has no duplicates")

	x, err := NewDuplicateIndex(open, opts)
	require.NoError(t, err)
	assert.Equal(t, 1, x.Len(), "the index leaves out the matter without a point")
	fromIndex, err := x.Find(unlocated)
	require.NoError(t, err)
	assert.Empty(t, fromIndex)
	fromIndex, err = x.Find(cand)
	require.NoError(t, err)
	assert.Equal(t, got, fromIndex)

	bad := cand
	bad.Location.CRS = 9
	_, err = FindDuplicates(bad, open, opts)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "a point in an undefined CRS is still an error")
}
