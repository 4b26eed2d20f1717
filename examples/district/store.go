package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/postgres"
	"github.com/grassrootsgov/grassroots/events/sqlite"
)

// A store is named on the command line as sqlite:FILE, as a PostgreSQL
// URL (postgres://… or postgresql://…), or as postgres: followed by a
// libpq key=value string ("postgres:host=/run/pg dbname=district").
type storeSpec struct {
	kind   string // "sqlite" or "postgres"
	target string // the file, or the connection string
	schema string // PostgreSQL: the store's schema, empty for the default
}

func (s storeSpec) String() string {
	if s.kind == "sqlite" {
		return "sqlite:" + s.target
	}
	return "postgres" // a connection string may hold a password
}

// parseStoreSpec reads the value of -store or -replay.
func parseStoreSpec(flagName, v string) (storeSpec, error) {
	switch {
	case strings.HasPrefix(v, "sqlite:"):
		if path := strings.TrimPrefix(v, "sqlite:"); path != "" {
			return storeSpec{kind: "sqlite", target: path}, nil
		}
		return storeSpec{}, fmt.Errorf("%s sqlite: needs a file name, as in sqlite:district.db", flagName)
	case strings.HasPrefix(v, "postgres://"), strings.HasPrefix(v, "postgresql://"):
		return storeSpec{kind: "postgres", target: v}, nil
	case strings.HasPrefix(v, "postgres:"):
		if dsn := strings.TrimPrefix(v, "postgres:"); strings.Contains(dsn, "=") {
			return storeSpec{kind: "postgres", target: dsn}, nil
		}
		return storeSpec{}, fmt.Errorf("%s postgres: needs a URL (postgres://…) or key=value settings (postgres:host=/run/pg dbname=district)", flagName)
	}
	return storeSpec{}, fmt.Errorf("%s must be sqlite:FILE, postgres://… or postgres:KEY=VALUE…, not %q", flagName, v)
}

// openedStore is an event store and the way to release it.
type openedStore struct {
	events.Store
	close func() error
}

func openStore(ctx context.Context, spec storeSpec) (*openedStore, error) {
	switch spec.kind {
	case "sqlite":
		st, err := sqlite.Open(ctx, spec.target, sqlite.Options{})
		if err != nil {
			return nil, &usageError{msg: fmt.Sprintf("cannot open the store %s: %v", spec, err)}
		}
		return &openedStore{Store: st, close: st.Close}, nil
	case "postgres":
		st, err := postgres.Open(ctx, spec.target, postgres.Options{Schema: spec.schema})
		if err != nil {
			return nil, &usageError{msg: fmt.Sprintf("cannot open the PostgreSQL store: %v", err)}
		}
		return &openedStore{Store: st, close: st.Close}, nil
	}
	return nil, fmt.Errorf("unknown store kind %q", spec.kind)
}

// storeOutput appends the year's events to an event store. A matter's
// events arrive decision by decision over the simulated year; the output
// keeps them until the matter is settled and then appends its whole
// chain in one batch, so every matter costs the store one transaction
// rather than one per decision (a matter has seven events on average),
// and a store that implements events.MultiAppender (both of this module's) one
// transaction per group of chains.
// Settled chains are handed to appenders in groups, beside the
// simulation. There are two appenders or more: a store checks and
// encodes a batch before it takes its write lock, so one appender's
// checks can run while another's rows are inserted, and PostgreSQL
// serves several connections at once.
//
// When the run ends the output appends the year's record (see
// yearRecord) after every chain, so the record is the last entry of the
// global log and replay can check the whole log against it.
type storeOutput struct {
	st     *openedStore
	opts   options
	w      *world
	ctx    context.Context
	cancel context.CancelFunc

	open    map[int32][]grassroots.Event
	group   []chainBatch
	grouped int // events in group
	jobs    chan []chainBatch
	wg      sync.WaitGroup
	errMu   sync.Mutex
	err     error

	chains  chainTally
	written int
}

// chainBatch is one matter's whole chain.
type chainBatch struct {
	subject string
	envs    []grassroots.Event
}

// groupEvents is about how many events a group of chains handed to an
// appender holds.
const groupEvents = 4096

func createStoreOutput(spec storeSpec, opts options, w *world) (*storeOutput, error) {
	ctx, cancel := context.WithCancel(context.Background())
	st, err := openStore(ctx, spec)
	if err != nil {
		cancel()
		return nil, err
	}
	recs, err := st.ReadLog(ctx, 0, 1)
	if err == nil && len(recs) > 0 {
		err = &usageError{msg: fmt.Sprintf("-store %s already holds events: a year is stored in an empty store", spec)}
	}
	if err != nil {
		st.close()
		cancel()
		return nil, err
	}
	o := &storeOutput{st: st, opts: opts, w: w, ctx: ctx, cancel: cancel, open: map[int32][]grassroots.Event{}, jobs: make(chan []chainBatch, 4)}
	for range max(2, runtime.GOMAXPROCS(0)) {
		o.wg.Go(o.appendGroups)
	}
	return o, nil
}

func (o *storeOutput) appendGroups() {
	many, _ := o.st.Store.(events.MultiAppender)
	for group := range o.jobs {
		if many != nil {
			if o.ctx.Err() != nil {
				continue
			}
			batches := make([]events.Batch, len(group))
			for i, c := range group {
				batches[i] = events.Batch{Subject: c.subject, Events: c.envs}
			}
			if err := many.AppendMany(o.ctx, batches); err != nil {
				o.fail(fmt.Errorf("appending %d chains: %w", len(batches), err))
			}
			continue
		}
		for _, c := range group {
			if o.ctx.Err() != nil {
				break
			}
			if err := o.st.Append(o.ctx, c.subject, 0, c.envs); err != nil {
				o.fail(fmt.Errorf("appending %s: %w", c.subject, err))
			}
		}
	}
}

func (o *storeOutput) fail(err error) {
	o.errMu.Lock()
	defer o.errMu.Unlock()
	if o.err == nil {
		o.err = err
		o.cancel()
	}
}

func (o *storeOutput) failure() error {
	o.errMu.Lock()
	defer o.errMu.Unlock()
	return o.err
}

func (o *storeOutput) encodes() bool { return false }

func (o *storeOutput) write(idx int32, envs []grassroots.Event, _ []byte) error {
	o.open[idx] = append(o.open[idx], envs...)
	return o.failure()
}

func (o *storeOutput) settled(idx int32) error {
	envs := o.open[idx]
	if len(envs) == 0 {
		return o.failure()
	}
	delete(o.open, idx)
	o.chains.add(idx, envs[len(envs)-1])
	o.written += len(envs)
	o.group = append(o.group, chainBatch{subject: envs[0].Subject, envs: envs})
	if o.grouped += len(envs); o.grouped >= groupEvents {
		o.flush()
	}
	return o.failure()
}

func (o *storeOutput) flush() {
	if len(o.group) > 0 {
		o.jobs <- o.group
		o.group, o.grouped = nil, 0
	}
}

// close appends the chains still open (there are none after a whole
// run: every matter is settled at the end) and then the year's record,
// once every chain is stored.
func (o *storeOutput) close() error {
	defer o.cancel()
	for _, idx := range sortedIndices(o.open) {
		if err := o.settled(idx); err != nil {
			break
		}
	}
	o.flush()
	close(o.jobs)
	o.wg.Wait()
	err := o.failure()
	if err == nil {
		err = o.appendRecord()
	}
	if cerr := o.st.close(); err == nil {
		err = cerr
	}
	return err
}

func (o *storeOutput) appendRecord() error {
	rec, err := newYearRecord(o.opts, o.w, &o.chains, o.written)
	if err != nil {
		return err
	}
	envs, err := rec.seal()
	if err != nil {
		return err
	}
	if err := o.st.Append(o.ctx, recordSubject, 0, envs); err != nil {
		return fmt.Errorf("appending the year's record: %w", err)
	}
	return nil
}

func sortedIndices(m map[int32][]grassroots.Event) []int32 {
	return slices.Sorted(maps.Keys(m))
}

// teeOutput hands every event to two outputs.
type teeOutput struct{ a, b eventOutput }

func (t teeOutput) encodes() bool { return t.a.encodes() || t.b.encodes() }

func (t teeOutput) write(idx int32, envs []grassroots.Event, lines []byte) error {
	return errors.Join(t.a.write(idx, envs, lines), t.b.write(idx, envs, lines))
}

func (t teeOutput) settled(idx int32) error {
	return errors.Join(t.a.settled(idx), t.b.settled(idx))
}

func (t teeOutput) close() error { return errors.Join(t.a.close(), t.b.close()) }
