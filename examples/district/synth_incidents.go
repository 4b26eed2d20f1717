package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
)

// Matters are drawn per grid and category. Each grid gets a busyness
// factor (some grids sit on a market street, others are quiet housing), and
// the categories of the example catalogue get weights that put everyday
// sanitation and street-order matters first and dangers to life last.
// Report times follow a day curve that peaks mid-morning and early
// evening; channels mix resident apps, the 12345 hotline, grid patrols,
// sensors and provider staff. A few reports repeat a matter already open
// nearby (duplicates), a few are not public matters at all (invalid).
var categoryWeights = map[string]float64{
	"001": 2, "002": 14, "003": 5, "004": 12, "005": 2, "006": 0.3, "007": 6, "008": 3, "009": 2,
	"010": 10, "011": 8, "012": 6, "013": 3, "014": 2,
}

const defaultCategoryWeight = 2.0

var channelShares = []struct {
	ch    incident.Channel
	share float64
}{
	{incident.ChannelApp, 0.34}, {incident.ChannelHotline, 0.24}, {incident.ChannelPatrol, 0.26},
	{incident.ChannelSensor, 0.09}, {incident.ChannelProvider, 0.07},
}

// hourWeights is the share of reports in each local hour.
var hourWeights = [24]float64{0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 1.2, 2.5, 4.5, 6, 6, 5.5, 4, 4.5, 5, 5, 4.8, 4.5, 4.2, 3.8, 3, 2, 1.2, 0.5}

func cumulative(ws []float64) []float64 {
	out := make([]float64, len(ws))
	s := 0.0
	for i, w := range ws {
		s += w
		out[i] = s
	}
	for i := range out {
		out[i] /= s
	}
	return out
}

// pick returns the first index whose cumulative share exceeds u.
func pick(cum []float64, u float64) int {
	i, _ := slices.BinarySearchFunc(cum, u, func(c, u float64) int {
		if c <= u {
			return -1
		}
		return 1
	})
	return min(i, len(cum)-1)
}

// generateIncidents draws n scripts and schedules their reports.
func (w *world) generateIncidents(n int) {
	cats := w.catalog.Categories()
	cw := make([]float64, len(cats))
	for i, c := range cats {
		cw[i] = defaultCategoryWeight
		if v, ok := categoryWeights[c.Code]; ok {
			cw[i] = v
		}
	}
	catCum := cumulative(cw)
	gw := make([]float64, len(w.h.leaves))
	w.gridLate = make(map[grid.Code]float64, len(w.h.leaves))
	for i, g := range w.h.leaves {
		gw[i] = 0.4 + w.rng.ExpFloat64()
		// A tenth of the grids are hard to serve: narrow lanes, old
		// housing, a unit stretched thin.
		if w.rng.IntN(10) == 0 {
			w.gridLate[g.Code] = 0.1 + 0.25*w.rng.Float64()
		}
	}
	gridCum := cumulative(gw)
	chw := make([]float64, len(channelShares))
	for i, c := range channelShares {
		chw[i] = c.share
	}
	chCum := cumulative(chw)
	hourCum := cumulative(hourWeights[:])
	yearStart := time.Date(w.year, 1, 1, 0, 0, 0, 0, w.calendar.Location())
	days := time.Date(w.year+1, 1, 1, 0, 0, 0, 0, w.calendar.Location()).Sub(yearStart).Hours() / 24

	leafOf := make(map[grid.Code]int32, len(w.h.leaves))
	for i, g := range w.h.leaves {
		leafOf[g.Code] = int32(i)
	}
	w.categories = cats
	w.routes = make([]route, len(w.h.leaves)*len(cats))
	w.closeAt = make([]int64, n)
	w.scripts = make([]script, 0, n)
	for i := range n {
		sc := script{duplicateOf: -1}
		var at time.Time
		var loc grid.Point
		var code grid.Code
		cat := pick(catCum, w.rng.Float64())
		if i > 20 && w.rng.Float64() < 0.02 {
			// A repeat of a recent matter, 20–60 m away, 1–6 hours later.
			j := i - 1 - w.rng.IntN(min(i-1, 200))
			orig := w.scripts[j]
			cat = int(orig.category)
			at = w.reportAt(j).Add(time.Duration(60+w.rng.IntN(300)) * time.Minute)
			loc = jitter(orig.point, 20+40*w.rng.Float64(), w.rng.Float64())
			sc.duplicateOf = int32(j)
		} else {
			day := math.Floor(w.rng.Float64() * days)
			hour := pick(hourCum, w.rng.Float64())
			at = yearStart.AddDate(0, 0, int(day)).Add(time.Duration(hour)*time.Hour + time.Duration(w.rng.IntN(3600))*time.Second)
			g := w.h.leaves[pick(gridCum, w.rng.Float64())]
			b := g.Boundary[0][0].BBox()
			loc = grid.Point{Lng: b.MinLng + w.rng.Float64()*(b.MaxLng-b.MinLng), Lat: b.MinLat + w.rng.Float64()*(b.MaxLat-b.MinLat)}
		}
		if c, ok := w.index.Locate(loc); ok {
			code = c
		} else {
			code = w.h.leaves[0].Code
			loc = w.h.leaves[0].Boundary[0][0][0]
		}
		sc.at, sc.point, sc.leaf, sc.category = at.UnixNano(), loc, leafOf[code], uint8(cat)
		sc.channel = channelShares[pick(chCum, w.rng.Float64())].ch
		resident := sc.channel == incident.ChannelApp || sc.channel == incident.ChannelHotline
		if isResident(sc.channel) {
			if w.residents == 0 {
				w.residents = w.h.residents()
			}
			sc.resident = int32(w.rng.IntN(max(1, w.residents/3)))
		}
		if resident {
			sc.phone = int32(w.rng.IntN(100_000_000))
		}
		sc.invalid = sc.duplicateOf < 0 && w.rng.Float64() < 0.025
		sc.misrouted = w.rng.Float64() < 0.04
		sc.extend = w.rng.Float64() < 0.03
		sc.lateFraction = w.drawLateFraction(code)
		sc.rate = resident && w.rng.Float64() < 0.78
		sc.reopen = !sc.rate && w.rng.Float64() < 0.01
		for r := range sc.grades {
			sc.grades[r] = drawGrade(w.rng.Float64())
			sc.substantive[r] = w.rng.Float64() < 0.6
		}
		w.scripts = append(w.scripts, sc)
	}
	w.states = make([]*incident.Incident, n)
	w.pending = make([]uint8, n)
	if w.keepStates {
		w.final = make([]incident.Incident, n)
	}
	w.cmdSeq = make([]int, n)
	w.escalated = make([]incident.Level, n)
	w.pos = make([]int32, n)
	w.viewPos = make([]int32, n)
	for i := range w.pos {
		w.pos[i], w.viewPos[i] = -1, -1
	}
	w.reports = make([]int32, len(w.scripts))
	for i := range w.reports {
		w.reports[i] = int32(i)
	}
	slices.SortStableFunc(w.reports, func(a, b int32) int {
		return cmp.Compare(w.scripts[a].at, w.scripts[b].at)
	})
}

// drawGrade draws a five-grade rating: mostly satisfied, as the 12345
// figures published by Chinese cities are.
func drawGrade(u float64) incident.Grade {
	switch {
	case u < 0.58:
		return incident.VerySatisfied
	case u < 0.80:
		return incident.Satisfied
	case u < 0.91:
		return incident.Neutral
	case u < 0.97:
		return incident.Dissatisfied
	default:
		return incident.VeryDissatisfied
	}
}

// jitter moves p by about metres in direction u (a fraction of a turn).
func jitter(p grid.Point, metres, u float64) grid.Point {
	const metresPerDegree = 111_195.0
	a := 2 * math.Pi * u
	return grid.Point{
		Lng: p.Lng + metres*math.Cos(a)/(metresPerDegree*math.Cos(p.Lat*math.Pi/180)),
		Lat: p.Lat + metres*math.Sin(a)/metresPerDegree,
	}
}

// isResident reports whether a channel's reporter is a resident, drawn
// from the district's population.
func isResident(ch incident.Channel) bool {
	switch ch {
	case incident.ChannelPatrol, incident.ChannelSensor, incident.ChannelProvider:
		return false
	}
	return true
}

// reportAt is when matter idx is reported.
func (w *world) reportAt(idx int) time.Time {
	return time.Unix(0, w.scripts[idx].at).In(w.calendar.Location())
}

// incidentID is "inc-" and the matter's number from 1, seven digits at
// least.
func incidentID(idx int) string {
	var b [24]byte
	d := strconv.AppendInt(b[:0], int64(idx+1), 10)
	out := append(make([]byte, 0, 4+max(7, len(d))), "inc-"...)
	for range 7 - len(d) {
		out = append(out, '0')
	}
	return string(append(out, d...))
}

// report is the report of matter idx, made at at.
func (w *world) report(idx int, at time.Time) incident.Report {
	sc := &w.scripts[idx]
	g := w.h.leaves[sc.leaf].Code
	cat := w.categories[sc.category]
	r := incident.Report{
		Category:    cat.Code,
		Channel:     sc.channel,
		Location:    incident.Location{Point: sc.point, CRS: grid.GCJ02},
		Grid:        g,
		Description: cat.Name,
	}
	r.Meta = w.meta(idx, w.reporter(idx), at)
	if sc.channel == incident.ChannelApp || sc.channel == incident.ChannelHotline {
		r.Contact = incident.NewContact(fmt.Sprintf("Resident %d", idx+1), fmt.Sprintf("138%08d", sc.phone))
	}
	return r
}

// reporter is who reports matter idx through its channel.
func (w *world) reporter(idx int) grassroots.Actor {
	sc := &w.scripts[idx]
	k := reporterKey{channel: sc.channel, n: sc.leaf}
	switch sc.channel {
	case incident.ChannelPatrol, incident.ChannelSensor:
	case incident.ChannelProvider:
		k.n = int32(idx % len(w.providers))
	default:
		return w.newReporter(idx) // residents are many; each reports rarely
	}
	a, ok := w.actors.reporters[k]
	if !ok {
		a = w.newReporter(idx)
		w.actors.reporters[k] = a
	}
	return a
}

// reporterKey names a reporter who is not a resident: a grid's worker or
// camera by grid, a provider's staff by provider.
type reporterKey struct {
	channel incident.Channel
	n       int32
}

func (w *world) newReporter(idx int) grassroots.Actor {
	sc := &w.scripts[idx]
	g := w.h.leaves[sc.leaf].Code
	switch sc.channel {
	case incident.ChannelPatrol:
		return grassroots.Actor{ID: "worker-" + string(g), Party: grassroots.Community, Organization: string(w.communityOf(g)), Roles: []string{"grid_worker"}}
	case incident.ChannelSensor:
		return grassroots.Actor{ID: "camera-" + string(g), Party: grassroots.Provider, Organization: w.sensorOperator(), Roles: []string{"video_analytics"}}
	case incident.ChannelProvider:
		p := w.providers[idx%len(w.providers)]
		return grassroots.Actor{ID: "staff-" + p.ID, Party: grassroots.Provider, Organization: p.ID, Roles: []string{"patrol"}}
	}
	return grassroots.Actor{ID: "resident-" + strconv.Itoa(int(sc.resident)), Party: grassroots.Resident}
}

func (w *world) sensorOperator() string {
	if len(w.providers) == 0 {
		return "iot-platform"
	}
	return w.providers[0].ID
}

func (h hierarchy) residents() int {
	n := 0
	for _, g := range h.leaves {
		n += g.Residents
	}
	return n
}
