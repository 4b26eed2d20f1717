package main

import (
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
)

// yearFold counts the year's matters as they settle: each final state is
// added once, to the SDK's statistics tallies and to the run's own
// counts, and is not kept. What the report and the other packages read
// of the incident year comes from here.
type yearFold struct {
	w *world

	byPlatform, byCategory, byGrid *incident.Tally
	december                       *incident.Tally     // by unit, for settlement
	months                         [12]*incident.Tally // by unit, for the satisfaction observations
	communities                    map[grid.Code]*incident.Tally
	tallies                        map[grid.Code]communityTally

	escalated, rated int
	channels         map[incident.Channel]int
	unrouted         map[incident.Status]int
	gridEscalated    map[grid.Code]int
	closed, late     map[gridMonth]int
}

func newYearFold(w *world) (*yearFold, error) {
	loc := w.calendar.Location()
	year := grassroots.Period{Start: time.Date(w.year, 1, 1, 0, 0, 0, 0, loc), End: time.Date(w.year+1, 1, 1, 0, 0, 0, 0, loc)}
	f := &yearFold{w: w, communities: map[grid.Code]*incident.Tally{}, tallies: map[grid.Code]communityTally{},
		channels: map[incident.Channel]int{}, unrouted: map[incident.Status]int{}, gridEscalated: map[grid.Code]int{},
		closed: map[gridMonth]int{}, late: map[gridMonth]int{}}
	var err error
	tally := func(p grassroots.Period, by incident.GroupBy) *incident.Tally {
		if err != nil {
			return nil
		}
		var t *incident.Tally
		t, err = incident.NewTally(p, by, w.calendar)
		return t
	}
	f.byPlatform, f.byCategory, f.byGrid = tally(year, incident.ByPlatform), tally(year, incident.ByCategory), tally(year, incident.ByGrid)
	f.december = tally(grassroots.Period{Start: time.Date(w.year, 12, 1, 0, 0, 0, 0, loc), End: year.End}, incident.ByUnit)
	for m := range f.months {
		start := time.Date(w.year, time.Month(m+1), 1, 0, 0, 0, 0, loc)
		f.months[m] = tally(periodOf(start, start.AddDate(0, 1, 0)), incident.ByUnit)
	}
	for _, c := range w.h.communities {
		f.communities[c] = tally(year, incident.ByPlatform)
	}
	return f, err
}

// add counts one matter in its final state; escalated is the highest
// escalation it ever received.
func (f *yearFold) add(s *incident.Incident, escalated incident.Level) error {
	for _, t := range []*incident.Tally{f.byPlatform, f.byCategory, f.byGrid, f.december} {
		if err := t.Add(s); err != nil {
			return err
		}
	}
	loc := f.w.calendar.Location()
	if m := s.ReportedAt.In(loc); m.Year() == f.w.year {
		if err := f.months[m.Month()-1].Add(s); err != nil {
			return err
		}
	}
	community := f.w.communityOf(s.Grid)
	if t := f.communities[community]; t != nil {
		if err := t.Add(s); err != nil {
			return err
		}
	}
	if escalated > 0 {
		f.escalated++
		f.gridEscalated[s.Grid]++
	}
	if s.Grade != 0 {
		f.rated++
	}
	f.channels[s.Channel]++
	if !s.Platform.IsValid() {
		f.unrouted[s.Status]++
	}
	if !s.ClosedAt.IsZero() && s.ClosedAt.In(loc).Year() == f.w.year {
		k := gridMonth{s.Grid, s.ClosedAt.In(loc).Month()}
		f.closed[k]++
		if !s.HandleTerm.End.IsZero() && s.ClosedAt.After(s.HandleTerm.End) {
			f.late[k]++
		}
	}
	f.tallies[community] = f.tallies[community].add(s, f.w)
	return nil
}

// communityTally counts, for one community, who reported and who handled
// its matters.
type communityTally struct {
	reportedBy, handledBy [2]int64 // [provider, government]
	discovered            int64    // first reported by a provider
}

func (t communityTally) add(s *incident.Incident, w *world) communityTally {
	switch s.Channel {
	case incident.ChannelProvider, incident.ChannelSensor:
		t.reportedBy[0]++
		t.discovered++
	case incident.ChannelPatrol:
		t.reportedBy[1]++
	}
	if s.Unit != "" {
		if w.unitParty(s.Unit) == grassroots.Provider {
			t.handledBy[0]++
		} else {
			t.handledBy[1]++
		}
	}
	return t
}

// settledMatter is a copy of a final state, with the highest escalation
// the matter received. (The copy shares the state's slices, which
// nothing changes once a matter settles.)
type settledMatter struct {
	state     incident.Incident
	escalated incident.Level
}

// folder folds settled matters on a goroutine of its own while the year
// goes on being decided. Matters reach it in batches, in the order the
// run hands them over, and are folded in that order.
type folder struct {
	batch []settledMatter
	ch    chan []settledMatter
	free  chan []settledMatter
	done  chan error
}

const foldBatch = 512

func startFolder(f *yearFold) *folder {
	fo := &folder{ch: make(chan []settledMatter, 4), free: make(chan []settledMatter, 6), done: make(chan error, 1)}
	fo.batch = make([]settledMatter, 0, foldBatch)
	go func() {
		var err error
		for b := range fo.ch {
			for i := range b {
				if err == nil {
					err = f.add(&b[i].state, b[i].escalated)
				}
			}
			clear(b)
			select {
			case fo.free <- b[:0]:
			default:
			}
		}
		fo.done <- err
	}()
	return fo
}

// add queues a copy of m for the fold.
func (fo *folder) add(m *settledMatter) {
	fo.batch = append(fo.batch, *m)
	if len(fo.batch) == cap(fo.batch) {
		fo.ch <- fo.batch
		select {
		case fo.batch = <-fo.free:
		default:
			fo.batch = make([]settledMatter, 0, foldBatch)
		}
	}
}

// close folds what is queued and returns the fold's first error.
func (fo *folder) close() error {
	if len(fo.batch) > 0 {
		fo.ch <- fo.batch
	}
	close(fo.ch)
	return <-fo.done
}
