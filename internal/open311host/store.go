package open311host

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

// Publish sends sealed events to other systems; a *stream.Publisher's
// Publish fits it through PublishTo.
type Publish func(ctx context.Context, events []grassroots.Event) error

// Options configure a Store.
type Options struct {
	// Source is the CloudEvents source of the events the store seals. It
	// is part of every published chain, so it must stay the same across
	// restarts. Empty means DefaultSource.
	Source string
	// Actor is the actor of the Open311 record events. Zero means the
	// server itself: ID open311-server, party government.
	Actor grassroots.Actor
	// Publish, if set, receives the masked incident events of every save.
	Publish Publish
	// OnPublishError receives a failed publish; the save has succeeded
	// and the events are published again on the next start. Nil ignores
	// it.
	OnPublishError func(error)
}

// DefaultSource is the source of the events when Options.Source is empty.
const DefaultSource = "urn:grassroots:open311"

// Store is an open311.Store over an events.Store: it appends every save
// as sealed events and serves reads from the records it rebuilt at Open
// and kept since. It is safe for concurrent use within one process.
type Store struct {
	es      events.Store
	decider *incident.Decider
	opts    Options

	mu    sync.Mutex // serialises saves
	cache open311.MemoryStore
	heads map[string]heads
}

// heads are the last stored events of a request's two chains.
type heads struct {
	incident, record *grassroots.Event
}

// RefusedChainError is a chain in the store that does not verify or does
// not replay: Open refuses to serve it.
type RefusedChainError struct {
	Subject string
	Err     error
}

// Error names the subject and why its chain is refused.
func (e *RefusedChainError) Error() string {
	return fmt.Sprintf("open311host: the stored chain of %q is refused: %v", e.Subject, e.Err)
}

// Unwrap returns the refusal: a *grassroots.ChainError for a chain that
// does not verify, a decoding or replay error otherwise.
func (e *RefusedChainError) Unwrap() error { return e.Err }

// Open rebuilds every request from es, verifying every chain, and returns
// the Store serving them. With a publisher it publishes every incident
// chain again (see the package documentation).
func Open(ctx context.Context, es events.Store, decider *incident.Decider, opts Options) (*Store, error) {
	if es == nil || decider == nil {
		return nil, errors.New("open311host: an event store and a decider are required")
	}
	if opts.Source == "" {
		opts.Source = DefaultSource
	}
	if opts.Actor.ID == "" {
		opts.Actor = grassroots.Actor{ID: "open311-server", Party: grassroots.Government}
	}
	s := &Store{es: es, decider: decider, opts: opts, heads: make(map[string]heads)}
	ids, err := s.subjects(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		rec, err := s.rebuild(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := s.cache.Save(ctx, rec); err != nil {
			return nil, err
		}
		if err := s.publish(ctx, rec.Events, 0); err != nil {
			s.publishFailed(err)
		}
	}
	return s, nil
}

// incidentPkg is the package of incident events.
const incidentPkg = "incident"

// subjects returns the request IDs of the store, in the order of their
// first event, reading the whole log and skipping the events of other
// packages.
func (s *Store) subjects(ctx context.Context) ([]string, error) {
	seen := make(map[string]bool)
	var ids []string
	var after int64
	for {
		recs, err := s.es.ReadLog(ctx, after, 1000)
		if err != nil {
			return nil, fmt.Errorf("open311host: reading the log: %w", err)
		}
		if len(recs) == 0 {
			return ids, nil
		}
		for _, r := range recs {
			after = r.Position
			if pkg, _, ok := grassroots.ParseEventType(r.Event.Type); !ok || (pkg != incidentPkg && pkg != pkgName) {
				continue // another lifecycle's events, in a shared store
			}
			id := strings.TrimPrefix(r.Event.Subject, subjectPrefix)
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
}

// rebuild loads and verifies the two chains of request id and returns
// its record.
func (s *Store) rebuild(ctx context.Context, id string) (open311.Record, error) {
	envs, err := events.LoadVerified(ctx, s.es, id, nil)
	if err != nil {
		return open311.Record{}, &RefusedChainError{Subject: id, Err: err}
	}
	if len(envs) == 0 {
		return open311.Record{}, &RefusedChainError{Subject: id, Err: errors.New("an Open311 record without incident events")}
	}
	evs, err := incident.RecordCodec.Events(envs)
	if err != nil {
		return open311.Record{}, &RefusedChainError{Subject: id, Err: err}
	}
	state, err := s.decider.Replay(evs)
	if err != nil {
		return open311.Record{}, &RefusedChainError{Subject: id, Err: err}
	}
	rec := open311.Record{Revision: 1, State: state, Events: evs}
	h := heads{incident: &envs[len(envs)-1]}
	subject := subjectPrefix + id
	renvs, err := events.LoadVerified(ctx, s.es, subject, nil)
	if err != nil {
		return open311.Record{}, &RefusedChainError{Subject: subject, Err: err}
	}
	revs, err := recordCodec.Events(renvs)
	if err != nil {
		return open311.Record{}, &RefusedChainError{Subject: subject, Err: err}
	}
	for _, e := range revs {
		e.apply(&rec)
	}
	if len(renvs) > 0 {
		h.record = &renvs[len(renvs)-1]
	}
	s.heads[id] = h
	return rec, nil
}

// Len returns the number of requests stored.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.heads)
}

// Load implements open311.Store.
func (s *Store) Load(ctx context.Context, id string) (open311.Record, error) {
	return s.cache.Load(ctx, id)
}

// List implements open311.Store.
func (s *Store) List(ctx context.Context, q open311.Query) ([]open311.Record, error) {
	return s.cache.List(ctx, q)
}

// Save implements open311.Store: it appends the incident events rec adds
// to the stored record, then its new Open311 data, then keeps rec and
// publishes the incident events.
func (s *Store) Save(ctx context.Context, rec open311.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := rec.State.ID
	var old *open311.Record
	if o, err := s.cache.Load(ctx, id); err == nil {
		old = &o
	} else if !errors.Is(err, open311.ErrNotFound) {
		return err
	}
	if (old == nil && rec.Revision != 1) || (old != nil && old.Revision != rec.Revision-1) {
		return open311.ErrConflict
	}
	from := 0
	if old != nil {
		from = len(old.Events)
		if len(rec.Events) < from || len(rec.Updates) < len(old.Updates) {
			return fmt.Errorf("open311host: a save of %q drops stored events or updates", id)
		}
	}
	h := s.heads[id]
	var batches []events.Batch
	if newEvs := rec.Events[from:]; len(newEvs) > 0 {
		sealed, err := incident.RecordCodec.Seal(h.incident, s.opts.Source, newEvs)
		if err != nil {
			return err
		}
		batches = append(batches, events.Batch{Subject: id, Expected: sequence(h.incident), Events: sealed})
	}
	if revs := recordEvents(old, &rec, s.opts.Actor); len(revs) > 0 {
		sealed, err := recordCodec.Seal(h.record, s.opts.Source, revs)
		if err != nil {
			return err
		}
		batches = append(batches, events.Batch{Subject: subjectPrefix + id, Expected: sequence(h.record), Events: sealed})
	}
	if err := s.appendBatches(ctx, id, old, batches); err != nil {
		return err
	}
	if err := s.cache.Save(ctx, rec); err != nil {
		return err
	}
	if err := s.publish(ctx, rec.Events, from); err != nil {
		s.publishFailed(err)
	}
	return nil
}

// appendBatches stores the chains' new events of a save of id: both in
// one transaction where the event store appends to several subjects at
// once (events.MultiAppender, as both stores of this module do), else the incident's
// and then the Open311 chain's. It moves the heads of the chains as their
// events are stored. A conflict on the incident's chain (or on either, in
// one transaction, which then stores nothing) serves what the store holds
// and is open311.ErrConflict, so the handler decides again; a failure
// after the incident's events were stored serves what the store holds,
// so that a retry of the update decides on it.
func (s *Store) appendBatches(ctx context.Context, id string, old *open311.Record, batches []events.Batch) error {
	if m, ok := s.es.(events.MultiAppender); ok && len(batches) > 1 {
		if err := m.AppendMany(ctx, batches); err != nil {
			if errors.Is(err, events.ErrConflict) {
				s.refresh(ctx, id, old)
				return open311.ErrConflict
			}
			return err
		}
		for _, b := range batches {
			s.advance(id, b)
		}
		return nil
	}
	for i, b := range batches {
		if err := s.es.Append(ctx, b.Subject, b.Expected, b.Events); err != nil {
			if b.Subject == id && errors.Is(err, events.ErrConflict) {
				// Another writer, or an append whose outcome was unknown,
				// moved the chain: decide again on what is stored.
				s.refresh(ctx, id, old)
				return open311.ErrConflict
			}
			if i > 0 {
				s.refresh(ctx, id, old)
			}
			return err
		}
		s.advance(id, b)
	}
	return nil
}

// advance records the last event of a stored batch as its chain's head.
func (s *Store) advance(id string, b events.Batch) {
	h := s.heads[id]
	last := &b.Events[len(b.Events)-1]
	if b.Subject == id {
		h.incident = last
	} else {
		h.record = last
	}
	s.heads[id] = h
}

// refresh replaces the record of id that the store serves with the one
// rebuilt from the event store, after a save that stored only part of a
// change. A rebuild that fails leaves the old record, and Open reports
// the problem on the next start.
func (s *Store) refresh(ctx context.Context, id string, old *open311.Record) {
	rec, err := s.rebuild(ctx, id)
	if err != nil {
		return
	}
	if old != nil {
		rec.Revision = old.Revision + 1
	}
	s.cache.Save(ctx, rec)
}

// sequence returns the sequence of a chain's last event, 0 for none.
func sequence(head *grassroots.Event) int64 {
	if head == nil {
		return 0
	}
	return head.Sequence
}

// Masked returns the incident events of a request sealed with
// incident.Codec, the contact masked: the chain the store publishes.
func (s *Store) Masked(evs []incident.Event) ([]grassroots.Event, error) {
	return incident.Codec.Seal(nil, s.opts.Source, evs)
}

// publish sends the masked envelopes of evs[from:].
func (s *Store) publish(ctx context.Context, evs []incident.Event, from int) error {
	if s.opts.Publish == nil || from >= len(evs) {
		return nil
	}
	masked, err := s.Masked(evs)
	if err != nil {
		return err
	}
	return s.opts.Publish(ctx, slices.Clip(masked[from:]))
}

func (s *Store) publishFailed(err error) {
	if s.opts.OnPublishError != nil {
		s.opts.OnPublishError(fmt.Errorf("open311host: publishing: %w", err))
	}
}
