package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
)

// replayPage is how many records of the global log one read returns.
const replayPage = 8192

// errReplayDiffers is the error of a replay that disagrees with the
// record of its run.
var errReplayDiffers = errors.New("the replayed year differs from the run that stored it")

// replayResult is what a replay found.
type replayResult struct {
	rec     *yearRecord
	fold    *yearFold
	states  []incident.Incident // with options.keepStates, by matter
	events  int
	chains  int
	differs []string // the record's parts that differ, sorted
}

func replay(o options, stdout, stderr io.Writer) error {
	res, err := replayYear(o, stderr)
	if err != nil {
		return err
	}
	res.writeText(stdout, o.replay)
	if len(res.differs) > 0 {
		return fmt.Errorf("%w: %s", errReplayDiffers, strings.Join(res.differs, ", "))
	}
	return nil
}

// replayYear reads the year's record, rebuilds the district's places
// from it and folds the global log in one pass (see record.go).
func replayYear(o options, stderr io.Writer) (*replayResult, error) {
	pr := &progress{w: stderr, quiet: o.quiet, start: time.Now()}
	ctx := context.Background()
	st, err := openStore(ctx, o.replay)
	if err != nil {
		return nil, err
	}
	defer st.close()
	envs, err := st.Load(ctx, recordSubject, 0)
	if err != nil {
		return nil, fmt.Errorf("reading the year's record: %w", err)
	}
	rec, err := readYearRecord(envs)
	if err != nil {
		return nil, err
	}
	w, err := replayWorld(rec)
	if err != nil {
		return nil, err
	}
	pr.phase("replaying %d events of %d matters from %s", rec.Events, rec.Matters, o.replay)
	r := newReplayer(rec, w, runtime.GOMAXPROCS(0))
	if o.keepStates {
		r.states = make([]incident.Incident, rec.Matters)
	}
	if err := r.readLog(ctx, st, func(done int) { pr.phase("replayed %d of %d events", done, rec.Events) }); err != nil {
		return nil, err
	}
	if err := r.cut(); err != nil {
		return nil, err
	}
	res := &replayResult{rec: rec, fold: w.fold, states: r.states, events: r.events, chains: r.tally.chains}
	res.differs, err = compareRecord(rec, w.fold, &r.tally, r.events)
	return res, err
}

// replayWorld is the district the record names, as far as folding the
// year needs it: its places, calendar and providers. The generator's
// first draws are the grids (see execute), so the seed alone rebuilds
// them without simulating a matter.
func replayWorld(rec *yearRecord) (*world, error) {
	sc, ok := scaleOf(rec.Scale)
	if !ok {
		return nil, fmt.Errorf("the year's record names the scale %q, which this program does not know", rec.Scale)
	}
	var h hierarchy
	var err error
	if rec.GridFile != "" {
		if h, err = loadGrids(options{gridFile: rec.GridFile, codeProp: rec.CodeProp, crs: rec.CRS}); err != nil {
			return nil, err
		}
	} else {
		h = generateGrids(sc, rand.New(rand.NewPCG(rec.Seed, 0x6772617373726f6f))) // the seeding of execute
	}
	w := &world{h: h, year: rec.Year}
	if w.tree, err = grid.NewTree(h.all); err != nil {
		return nil, fmt.Errorf("building the grid tree: %w", err)
	}
	if err := w.setUpDeciding(sc); err != nil {
		return nil, err
	}
	if w.fold, err = newYearFold(w); err != nil {
		return nil, err
	}
	return w, nil
}

// replayer folds the global log. Verifying, decoding and evolving the
// events is shared out over the processors by matter, each shard keeping
// the chains of its own matters, so a chain is replayed in order; a
// chain that reaches its recorded length goes to the fold, which runs on
// a goroutine of its own. The statistics do not depend on the order the
// matters are folded in.
type replayer struct {
	rec    *yearRecord
	w      *world
	shards []replayShard
	states []incident.Incident
	tally  chainTally
	events int
}

type replayShard struct {
	open   map[int32]*replayChain
	done   []finishedChain
	events int
	err    *chainRefusedError
}

type replayChain struct {
	prev      grassroots.Event
	state     incident.Incident
	escalated incident.Level
}

// finishedChain is a matter whose whole chain has been replayed.
type finishedChain struct {
	idx       int32
	head      grassroots.Event
	state     incident.Incident
	escalated incident.Level
}

func newReplayer(rec *yearRecord, w *world, workers int) *replayer {
	r := &replayer{rec: rec, w: w, shards: make([]replayShard, max(1, workers))}
	for k := range r.shards {
		r.shards[k].open = map[int32]*replayChain{}
	}
	return r
}

// readLog reads the log a page ahead of the replay, and folds a page's
// finished chains while the next page is replayed.
func (r *replayer) readLog(ctx context.Context, st events.Store, progress func(int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan logPage, 2)
	go func() {
		defer close(pages)
		var after int64
		for {
			recs, err := st.ReadLog(ctx, after, replayPage)
			select {
			case pages <- logPage{recs, err}:
			case <-ctx.Done():
				return
			}
			if err != nil || len(recs) == 0 {
				return
			}
			after = recs[len(recs)-1].Position
		}
	}()
	finished := make(chan []finishedChain, 2)
	folded := make(chan error, 1)
	go func() { folded <- r.fold(finished) }()
	err := r.replayPages(pages, finished, progress)
	close(finished)
	if ferr := <-folded; err == nil {
		err = ferr
	}
	return err
}

// logPage is one read of the global log.
type logPage struct {
	recs []events.Record
	err  error
}

func (r *replayer) replayPages(pages <-chan logPage, finished chan<- []finishedChain, progress func(int)) error {
	read := 0
	for p := range pages {
		if p.err != nil {
			return fmt.Errorf("reading the global log: %w", p.err)
		}
		done, err := r.replayPage(p.recs)
		if err != nil {
			return err
		}
		finished <- done
		read += len(p.recs)
		progress(read)
	}
	return nil
}

// fold adds the finished chains to the year's statistics.
func (r *replayer) fold(finished <-chan []finishedChain) error {
	var err error
	for chains := range finished {
		for i := range chains {
			c := &chains[i]
			if err != nil {
				break
			}
			r.tally.add(c.idx, c.head)
			err = r.w.fold.add(&c.state, c.escalated)
			if r.states != nil {
				r.states[c.idx] = c.state
			}
		}
	}
	return err
}

// replayPage replays one page of the log, each shard taking its matters,
// and returns the chains it finished.
func (r *replayer) replayPage(recs []events.Record) ([]finishedChain, error) {
	idxs := make([]int32, len(recs))
	for i := range recs {
		subject := recs[i].Event.Subject
		if subject == recordSubject {
			idxs[i] = -1 // read and verified first
			continue
		}
		idx, ok := matterIndex(subject, len(r.rec.lengths))
		if !ok || r.rec.lengths[idx] == 0 {
			return nil, &chainRefusedError{Position: recs[i].Position, Subject: subject, Err: errors.New("no matter of the year's record has this subject")}
		}
		idxs[i] = idx
	}
	n := int32(len(r.shards))
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() {
			sh := &r.shards[k]
			for i := range recs {
				if idxs[i] < 0 || idxs[i]%n != k {
					continue
				}
				if sh.err = r.replayEvent(sh, idxs[i], &recs[i]); sh.err != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	var first *chainRefusedError
	var done []finishedChain
	for k := range r.shards {
		sh := &r.shards[k]
		if sh.err != nil && (first == nil || sh.err.Position < first.Position) {
			first = sh.err
		}
		done = append(done, sh.done...)
		sh.done = nil
	}
	if first != nil {
		return nil, first
	}
	return done, nil
}

func (r *replayer) replayEvent(sh *replayShard, idx int32, rc *events.Record) *chainRefusedError {
	env := &rc.Event
	refuse := func(err error) *chainRefusedError {
		return &chainRefusedError{Position: rc.Position, Subject: env.Subject, Sequence: env.Sequence, Err: err}
	}
	c := sh.open[idx]
	var prev *grassroots.Event
	if c != nil {
		prev = &c.prev
	} else {
		c = &replayChain{}
	}
	ev, err := incident.Codec.Next(prev, *env)
	if err != nil {
		return refuse(err)
	}
	if c.state, err = r.w.decider.Evolve(c.state, ev); err != nil {
		return refuse(err)
	}
	if e, ok := ev.(incident.Escalated); ok && e.Level > c.escalated {
		c.escalated = e.Level
	}
	sh.events++
	want := int64(r.rec.lengths[idx])
	switch {
	case env.Sequence > want:
		return refuse(fmt.Errorf("the year's record says the chain has %d events", want))
	case env.Sequence < want:
		c.prev = *env
		sh.open[idx] = c
		return nil
	}
	delete(sh.open, idx)
	sh.done = append(sh.done, finishedChain{idx: idx, head: *env, state: c.state, escalated: c.escalated})
	return nil
}

// cut returns the first chain, by matter, that the log ended before its
// recorded length, and counts the events replayed.
func (r *replayer) cut() error {
	var first *chainCutError
	for k := range r.shards {
		sh := &r.shards[k]
		r.events += sh.events
		for idx, c := range sh.open {
			if first == nil || incidentID(int(idx)) < first.Subject {
				first = &chainCutError{Subject: incidentID(int(idx)), Stored: c.prev.Sequence, Recorded: int64(r.rec.lengths[idx])}
			}
		}
	}
	if first != nil {
		return first
	}
	return nil
}

// matterIndex reads the matter's index from its incident ID (see
// incidentID).
func matterIndex(subject string, matters int) (int32, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(subject, "inc-"))
	if err != nil || n < 1 || n > matters || incidentID(n-1) != subject {
		return 0, false
	}
	return int32(n - 1), true
}

// compareRecord lists the parts of the record the replay does not equal.
func compareRecord(rec *yearRecord, f *yearFold, t *chainTally, evs int) ([]string, error) {
	figs, err := yearFigures(f)
	if err != nil {
		return nil, err
	}
	var differs []string
	if evs != rec.Events {
		differs = append(differs, fmt.Sprintf("events (%d stored, %d recorded)", evs, rec.Events))
	}
	if t.chains != rec.Chains {
		differs = append(differs, fmt.Sprintf("chains (%d stored, %d recorded)", t.chains, rec.Chains))
	}
	if t.sum() != rec.Heads {
		differs = append(differs, "chain heads")
	}
	for name, sum := range figures(rec.Figures, figs) {
		if sum[0] != sum[1] {
			differs = append(differs, "figures "+name)
		}
	}
	slices.Sort(differs)
	return differs, nil
}

// figures pairs the recorded and the replayed sums of every section
// either side has.
func figures(recorded, replayed map[string]string) map[string][2]string {
	out := map[string][2]string{}
	for k, v := range recorded {
		out[k] = [2]string{v, replayed[k]}
	}
	for k, v := range replayed {
		out[k] = [2]string{recorded[k], v}
	}
	return out
}

func (res *replayResult) writeText(w io.Writer, from storeSpec) {
	rec := res.rec
	fmt.Fprintf(w, "Replayed the district year %d from %s\n", rec.Year, from)
	fmt.Fprintf(w, "  seed %d, scale %s", rec.Seed, rec.Scale)
	if rec.GridFile != "" {
		fmt.Fprintf(w, ", grids %s", rec.GridFile)
	}
	fmt.Fprintf(w, "\n  %d events in %d chains, every chain verified and evolved through the decider\n", res.events, res.chains)
	total := res.fold.byPlatform.Summary().Total
	fmt.Fprintf(w, "  %d matters received, %d closed\n", total.Received, total.Closed)
	if len(res.differs) == 0 {
		fmt.Fprintf(w, "  equal to the run: chain heads, %d chain lengths and %d sections of figures\n", len(rec.lengths), len(rec.Figures))
		return
	}
	fmt.Fprintf(w, "  DIFFERS from the run: %s\n", strings.Join(res.differs, ", "))
}

// chainRefusedError is an event of the log that replay refuses: it
// breaks its chain, the decider could not have produced it, or no matter
// of the year has its subject.
type chainRefusedError struct {
	Position int64
	Subject  string
	Sequence int64
	Err      error
}

func (e *chainRefusedError) Error() string {
	return fmt.Sprintf("replay refused the event at position %d (subject %s, sequence %d): %v", e.Position, e.Subject, e.Sequence, e.Err)
}

func (e *chainRefusedError) Unwrap() error { return e.Err }

// chainCutError is a chain the store holds fewer events of than the
// year's record says it has.
type chainCutError struct {
	Subject          string
	Stored, Recorded int64
}

func (e *chainCutError) Error() string {
	return fmt.Sprintf("replay found the chain of %s cut short: %d events stored, %d recorded", e.Subject, e.Stored, e.Recorded)
}
