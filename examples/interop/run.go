package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
	"github.com/grassrootsgov/grassroots/incident"
)

// result is what a run saw, for the summary and the tests.
type result struct {
	a, b      snapshot
	agree     bool
	hotline   *vendor
	provider  *vendor
	ackFloor  uint64 // B's durable position when it stopped
	missed    uint64 // messages B's consumer had not acknowledged when it started again
	streamEnd uint64 // the stream's last sequence at the end
	forged    grassroots.Event
}

const (
	durableA = "district-330302-hotline"
	durableB = "provider-P001-app"
	poll     = 10 * time.Millisecond
)

func run(ctx context.Context, o options, out io.Writer) (*result, error) {
	dir := o.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "grassroots-interop")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	w, err := newWorld(o.seed)
	if err != nil {
		return nil, err
	}
	srv, err := server.NewServer(&server.Options{ServerName: "interop", Host: "127.0.0.1", Port: -1, JetStream: true,
		StoreDir: filepath.Join(dir, "nats"), NoLog: true, NoSigs: true})
	if err != nil {
		return nil, err
	}
	srv.Start()
	defer func() {
		srv.Shutdown()
		srv.WaitForShutdown()
	}()
	if !srv.ReadyForConnections(10 * time.Second) {
		return nil, errors.New("the NATS server did not start")
	}
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		return nil, err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, err
	}
	if _, err := stream.EnsureStream(ctx, js, stream.StreamConfig{Description: "district 330302 and its providers"}); err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "NATS JetStream at %s, stream %s; stores in %s\n", srv.ClientURL(), stream.DefaultStream, dir)

	res := &result{
		hotline: &vendor{name: "A hotline", source: hotlineSrc, durable: durableA, path: filepath.Join(dir, "hotline.db"),
			w: w, js: js, next: w.hotlineNext},
		provider: &vendor{name: "B provider", source: providerSrc, durable: durableB, path: filepath.Join(dir, "provider.db"),
			w: w, js: js, next: w.providerNext},
	}
	a, b := res.hotline, res.provider
	if err := a.start(ctx); err != nil {
		return nil, err
	}
	defer func() {
		if a.store != nil {
			a.stop()
		}
	}()
	if err := b.start(ctx); err != nil {
		return nil, err
	}
	running := true
	defer func() {
		if running {
			b.stop()
		}
	}()

	// The first half of the reports, until B has resolved a quarter of
	// them.
	half := o.matters / 2
	if err := a.file(ctx, 0, half); err != nil {
		return nil, err
	}
	if err := waitFor(ctx, func() (bool, error) { return resolvedBy(b) >= max(1, half/4), problems(a, b) }); err != nil {
		return nil, fmt.Errorf("waiting for B to resolve its first matters: %w", err)
	}
	resolved := resolvedBy(b)
	running = false
	if err := b.stop(); err != nil {
		return nil, err
	}
	info, err := settledConsumerInfo(ctx, nc, js, durableB)
	if err != nil {
		return nil, err
	}
	res.ackFloor = info.AckFloor.Stream
	fmt.Fprintf(out, "B stopped after resolving %d matters: its durable consumer had acknowledged the stream up to message %d\n",
		resolved, res.ackFloor)

	// A goes on alone: the second half of the reports, accepted and
	// dispatched, and the matters B resolved before it stopped, closed.
	if err := a.file(ctx, half, o.matters); err != nil {
		return nil, err
	}
	if err := waitFor(ctx, func() (bool, error) { return waitingOnB(ctx, a) }); err != nil {
		return nil, fmt.Errorf("waiting for A to do what it can alone: %w", err)
	}
	if info, err = consumerInfo(ctx, js, durableB); err != nil {
		return nil, err
	}
	res.missed = info.NumPending + uint64(info.NumAckPending)
	fmt.Fprintf(out, "while B was down, A went on: %d messages wait for B's durable consumer\n", res.missed)

	if err := b.start(ctx); err != nil {
		return nil, err
	}
	running = true
	if err := waitFor(ctx, func() (bool, error) { return allSettled(ctx, a, b) }); err != nil {
		return nil, fmt.Errorf("waiting for every matter to settle in both stores: %w", err)
	}

	// An altered event: a reopening sealed into a closed matter's chain,
	// then changed in transit to name another supervisor.
	forged, err := forge(ctx, a, js)
	if err != nil {
		return nil, err
	}
	res.forged = forged
	if err := waitFor(ctx, func() (bool, error) { return refusedBy(a) > 0 && refusedBy(b) > 0, problems(a, b) }); err != nil {
		return nil, fmt.Errorf("waiting for the altered event to be refused: %w", err)
	}
	// A message B put back while it stopped (its handler was cut short)
	// comes again only after the retry delay, which can be later than
	// the rest of the run: B stops once its consumer has settled them all.
	if err := waitFor(ctx, func() (bool, error) { return drained(ctx, js, durableB) }); err != nil {
		return nil, fmt.Errorf("waiting for B to settle every message of the stream: %w", err)
	}
	if res.a, err = a.snapshot(ctx); err != nil {
		return nil, err
	}
	if res.b, err = b.snapshot(ctx); err != nil {
		return nil, err
	}
	if err := problems(a, b); err != nil {
		return nil, err
	}
	running = false
	if err := b.stop(); err != nil {
		return nil, err
	}
	if err := a.stop(); err != nil {
		return nil, err
	}
	a.store = nil
	st, err := js.Stream(ctx, stream.DefaultStream)
	if err != nil {
		return nil, err
	}
	sinfo, err := st.Info(ctx)
	if err != nil {
		return nil, err
	}
	res.streamEnd = sinfo.State.LastSeq
	res.agree, err = summarise(out, w, res)
	return res, err
}

// waitFor polls done until it reports true, fails, or ctx ends.
func waitFor(ctx context.Context, done func() (bool, error)) error {
	for {
		ok, err := done()
		if err != nil || ok {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(poll):
		}
	}
}

func problems(vs ...*vendor) error {
	var errs []error
	for _, v := range vs {
		errs = append(errs, v.problems())
	}
	return errors.Join(errs...)
}

func refusedBy(v *vendor) int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.refused)
}

// resolvedBy counts the matters the vendor holds as resolved or closed.
func resolvedBy(v *vendor) int {
	s, err := v.snapshot(context.Background())
	if err != nil {
		return 0
	}
	n := 0
	for _, st := range s.states {
		if st.Status == incident.StatusResolved || st.Status == incident.StatusClosed {
			n++
		}
	}
	return n
}

func consumerInfo(ctx context.Context, js jetstream.JetStream, durable string) (*jetstream.ConsumerInfo, error) {
	c, err := js.Consumer(ctx, stream.DefaultStream, durable)
	if err != nil {
		return nil, err
	}
	return c.Info(ctx)
}

// settledConsumerInfo returns the durable consumer's state once the
// server has taken every acknowledgement its stopped client sent: the
// client sends them without waiting for an answer, so they are flushed
// to the server, and the consumer's state is read until two reads a poll
// apart agree.
func settledConsumerInfo(ctx context.Context, nc *nats.Conn, js jetstream.JetStream, durable string) (*jetstream.ConsumerInfo, error) {
	fctx, cancel := context.WithTimeout(ctx, 10*time.Second) // a flush needs a deadline
	err := nc.FlushWithContext(fctx)
	cancel()
	if err != nil {
		return nil, fmt.Errorf("flushing the acknowledgements: %w", err)
	}
	last, err := consumerInfo(ctx, js, durable)
	if err != nil {
		return nil, err
	}
	for {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(poll):
		}
		info, err := consumerInfo(ctx, js, durable)
		if err != nil {
			return nil, err
		}
		if info.AckFloor.Stream == last.AckFloor.Stream && info.AckFloor.Consumer == last.AckFloor.Consumer && info.NumAckPending == last.NumAckPending {
			return info, nil
		}
		last = info
	}
}

// drained reports whether the durable consumer has settled every message
// of the stream: none is left to deliver and none waits for an
// acknowledgement or a redelivery.
func drained(ctx context.Context, js jetstream.JetStream, durable string) (bool, error) {
	info, err := consumerInfo(ctx, js, durable)
	if err != nil {
		return false, err
	}
	return info.NumPending == 0 && info.NumAckPending == 0, nil
}

// waitingOnB reports whether A has done everything it can without B.
func waitingOnB(ctx context.Context, a *vendor) (bool, error) {
	if err := a.problems(); err != nil {
		return false, err
	}
	s, err := a.snapshot(ctx)
	if err != nil || !a.caughtUp(s) {
		return false, err
	}
	for _, st := range s.states {
		ok, err := a.w.settled(st)
		if err != nil {
			return false, err
		}
		if !ok && st.Status != incident.StatusDispatched && st.Status != incident.StatusInProgress {
			return false, nil
		}
	}
	return true, nil
}

// allSettled reports whether every matter is settled in A and both
// vendors hold the same chain heads.
func allSettled(ctx context.Context, a, b *vendor) (bool, error) {
	if err := problems(a, b); err != nil {
		return false, err
	}
	sa, err := a.snapshot(ctx)
	if err != nil || !a.caughtUp(sa) {
		return false, err
	}
	for _, st := range sa.states {
		if ok, err := a.w.settled(st); err != nil || !ok {
			return false, err
		}
	}
	sb, err := b.snapshot(ctx)
	if err != nil || !b.caughtUp(sb) || len(sb.heads) != len(sa.heads) {
		return false, err
	}
	for id, h := range sa.heads {
		if sb.heads[id].Hash != h.Hash {
			return false, nil
		}
	}
	return true, nil
}

// forge seals a reopening into the chain of the last closed matter, as a
// supervisor would, then alters the sealed event's data (the acting
// supervisor) without sealing it again, and publishes it on the matter's
// subject as a structured-mode CloudEvent. Unaltered, the event would
// extend the chain; altered, its hash no longer matches its content.
func forge(ctx context.Context, a *vendor, js jetstream.JetStream) (grassroots.Event, error) {
	s, err := a.snapshot(ctx)
	if err != nil {
		return grassroots.Event{}, err
	}
	ids := make([]string, 0, len(s.states))
	for id, st := range s.states {
		if st.Status == incident.StatusClosed {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return grassroots.Event{}, errors.New("no closed matter to forge an event for")
	}
	sort.Strings(ids)
	st, head := s.states[ids[len(ids)-1]], s.heads[ids[len(ids)-1]]
	m := cmdMeta(&st, "reopen", supervisor)
	m.At = st.UpdatedAt.Add(time.Hour)
	evs, err := a.w.decider.Decide(st, incident.Reopen{Meta: m, Reason: "complaint received again"})
	if err != nil {
		return grassroots.Event{}, err
	}
	sealed, err := incident.Codec.Seal(&head, hotlineSrc, evs)
	if err != nil {
		return grassroots.Event{}, err
	}
	e := sealed[0]
	var data map[string]any
	if err := json.Unmarshal(e.Data, &data); err != nil {
		return e, err
	}
	data["actor"].(map[string]any)["id"] = "supervisor-9"
	if e.Data, err = json.Marshal(data); err != nil {
		return e, err
	}
	subject, err := stream.EventSubject(&e)
	if err != nil {
		return e, err
	}
	payload, err := json.Marshal(e)
	if err != nil {
		return e, err
	}
	msg := nats.NewMsg(subject)
	msg.Header.Set(stream.ContentTypeHeader, grassroots.ContentType)
	msg.Data = payload
	_, err = js.PublishMsg(ctx, msg)
	return e, err
}
