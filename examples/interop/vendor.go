package main

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/sqlite"
	"github.com/grassrootsgov/grassroots/events/stream"
	"github.com/grassrootsgov/grassroots/incident"
)

// vendor is one vendor's system: its own SQLite store, its own durable
// consumer on the shared stream, and a worker that follows its store's
// log, decides its part of each matter and publishes the events it wrote.
//
// The store is the vendor's record. The consumer appends every verified
// event it receives to it (an append of an event the store holds is a
// no-op), and serves as the consumer's Heads, so the consumer verifies
// each arriving event against what the vendor holds. The worker reads the
// log from the start on every run: it publishes the events whose source
// is the vendor's own (the stream acknowledges those it holds as
// duplicates) and, for every matter it meets, decides what the vendor
// does next on the state replayed from the store.
type vendor struct {
	name    string
	source  string
	durable string
	path    string
	w       *world
	js      jetstream.JetStream
	next    func(incident.Incident) (incident.Command, error)

	store  *sqlite.Store
	cancel context.CancelFunc
	done   sync.WaitGroup

	mu      sync.Mutex
	handed  map[string]int // event ID → times handed to the consumer's handler
	refused []*stream.RefusedError
	errs    []error
	runs    []stream.Stats // one per finished run of the consumer
	current *stream.Consumer
	pos     int64 // the worker's position in the store's log
	dups    int   // own events the stream already held
}

// storeHeads gives the consumer the last event the vendor's store holds
// for an aggregate.
type storeHeads struct{ s events.Store }

func (h storeHeads) Head(ctx context.Context, subject string) (*grassroots.Event, error) {
	evs, err := h.s.Load(ctx, subject, 0)
	if err != nil || len(evs) == 0 {
		return nil, err
	}
	return &evs[len(evs)-1], nil
}

// start opens the store and runs the consumer and the worker until stop.
func (v *vendor) start(ctx context.Context) error {
	store, err := sqlite.Open(ctx, v.path, sqlite.Options{})
	if err != nil {
		return err
	}
	pub, err := stream.NewPublisher(ctx, v.js, stream.PublisherConfig{})
	if err != nil {
		store.Close()
		return err
	}
	cons, err := stream.NewConsumer(ctx, v.js, stream.ConsumerConfig{
		Durable: v.durable, Packages: []string{"incident"}, Heads: storeHeads{store}, OnError: v.onError,
	}, v.handle)
	if err != nil {
		store.Close()
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	v.mu.Lock()
	v.store, v.cancel, v.current, v.pos = store, cancel, cons, 0
	if v.handed == nil {
		v.handed = make(map[string]int)
	}
	v.mu.Unlock()
	v.done.Add(2)
	go func() {
		defer v.done.Done()
		if err := cons.Run(ctx); err != nil {
			v.fail(err)
		}
	}()
	go func() {
		defer v.done.Done()
		if err := v.work(ctx, pub); ctx.Err() == nil {
			v.fail(err)
		}
	}()
	return nil
}

// stop ends the consumer and the worker and closes the store.
func (v *vendor) stop() error {
	v.cancel()
	v.done.Wait()
	v.mu.Lock()
	v.runs = append(v.runs, v.current.Stats())
	v.mu.Unlock()
	return v.store.Close()
}

func (v *vendor) fail(err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.errs = append(v.errs, fmt.Errorf("%s: %w", v.name, err))
}

func (v *vendor) onError(err error) {
	if errors.Is(err, context.Canceled) {
		return // stopping: the event comes again on the next run
	}
	var re *stream.RefusedError
	if errors.As(err, &re) {
		v.mu.Lock()
		v.refused = append(v.refused, re)
		v.mu.Unlock()
		return
	}
	v.fail(err)
}

// handle keeps a verified event in the vendor's store.
func (v *vendor) handle(ctx context.Context, e grassroots.Event) error {
	if err := v.store.Append(ctx, e.Subject, e.Sequence-1, []grassroots.Event{e}); err != nil {
		return err
	}
	v.mu.Lock()
	v.handed[e.ID]++
	v.mu.Unlock()
	return nil
}

// work follows the store's log: it publishes the vendor's own events and
// decides the vendor's next step on each matter it meets.
func (v *vendor) work(ctx context.Context, pub *stream.Publisher) error {
	var pos int64
	for {
		recs, err := v.store.Follow(ctx, pos, 256)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if r.Event.Source == v.source {
				acks, err := pub.Publish(ctx, r.Event)
				if err != nil {
					return err
				}
				if acks[0].Duplicate {
					v.mu.Lock()
					v.dups++
					v.mu.Unlock()
				}
			}
			if err := v.reconcile(ctx, r.Event.Subject); err != nil {
				return err
			}
			pos = r.Position
			v.mu.Lock()
			v.pos = pos
			v.mu.Unlock()
		}
	}
}

// reconcile replays a matter from the store and appends what the vendor
// decides on it, until it has nothing more to do.
func (v *vendor) reconcile(ctx context.Context, id string) error {
	for {
		evs, err := events.LoadVerified(ctx, v.store, id, nil)
		if err != nil {
			return err
		}
		state, err := grassroots.ReplayEnvelopes(v.w.decider, incident.Codec, evs)
		if err != nil {
			return fmt.Errorf("replaying %s: %w", id, err)
		}
		cmd, err := v.next(state)
		if err != nil || cmd == nil {
			return err
		}
		if err := v.decide(ctx, state, evs, cmd); err != nil {
			if errors.Is(err, events.ErrConflict) {
				continue // the consumer appended first: decide on what it brought
			}
			return err
		}
	}
}

// decide decides cmd on state, seals the events into the matter's chain
// after evs, its stored events, and appends them.
func (v *vendor) decide(ctx context.Context, state incident.Incident, evs []grassroots.Event, cmd incident.Command) error {
	out, err := v.w.decider.Decide(state, cmd)
	if err != nil {
		return fmt.Errorf("%s on %s: %w", cmd.CommandName(), state.ID, err)
	}
	if len(out) == 0 {
		return fmt.Errorf("%s on %s: decided before and still next", cmd.CommandName(), state.ID)
	}
	var prev *grassroots.Event
	if len(evs) > 0 {
		prev = &evs[len(evs)-1]
	}
	sealed, err := incident.Codec.Seal(prev, v.source, out)
	if err != nil {
		return err
	}
	return v.store.Append(ctx, cmd.Metadata().AggregateID, int64(len(evs)), sealed)
}

// file takes residents' reports, as the hotline does.
func (v *vendor) file(ctx context.Context, from, to int) error {
	for i := from; i < to; i++ {
		rep, err := v.w.report(i)
		if err != nil {
			return err
		}
		if err := v.decide(ctx, incident.Incident{}, nil, rep); err != nil {
			return err
		}
	}
	return nil
}

// snapshot is what a vendor holds: every matter's state replayed from its
// store and the last event of each chain.
type snapshot struct {
	states map[string]incident.Incident
	heads  map[string]grassroots.Event
	last   int64 // the store's last log position
}

func (v *vendor) snapshot(ctx context.Context) (snapshot, error) {
	s := snapshot{states: map[string]incident.Incident{}, heads: map[string]grassroots.Event{}}
	chains := map[string][]grassroots.Event{}
	for {
		recs, err := v.store.ReadLog(ctx, s.last, 1024)
		if err != nil {
			return s, err
		}
		if len(recs) == 0 {
			break
		}
		for _, r := range recs {
			chains[r.Event.Subject] = append(chains[r.Event.Subject], r.Event)
			s.last = r.Position
		}
	}
	for id, evs := range chains {
		st, err := grassroots.ReplayEnvelopes(v.w.decider, incident.Codec, evs)
		if err != nil {
			return s, fmt.Errorf("%s: replaying %s: %w", v.name, id, err)
		}
		s.states[id] = st
		s.heads[id] = evs[len(evs)-1]
	}
	return s, nil
}

// caughtUp reports whether the worker has handled the whole log.
func (v *vendor) caughtUp(s snapshot) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.pos >= s.last
}

// problems returns the errors met so far.
func (v *vendor) problems() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	return errors.Join(v.errs...)
}
