package stream_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
)

// TestClusterSurvivesTheLossOfANode publishes to a stream replicated on
// three servers and stops the stream's leader while publishing and
// consuming go on: every acknowledged event is delivered, in its
// aggregate's order, and the stream holds each once.
func TestClusterSurvivesTheLossOfANode(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-node cluster and waits for a leader election")
	}
	c := startCluster(t)
	reconnect := []nats.Option{nats.MaxReconnects(-1), nats.ReconnectWait(50 * time.Millisecond)}
	_, js := connect(t, c.urls, reconnect...)
	ctx := context.Background()

	var st jetstream.Stream
	waitFor(t, 30*time.Second, "the R3 stream", func() bool {
		var err error
		st, err = stream.EnsureStream(ctx, js, stream.StreamConfig{Replicas: 3})
		return err == nil
	})
	var leader string
	waitFor(t, 30*time.Second, "a stream leader with two current replicas", func() bool {
		info, err := st.Info(ctx)
		if err != nil || info.Cluster == nil || info.Cluster.Leader == "" || len(info.Cluster.Replicas) != 2 {
			return false
		}
		for _, r := range info.Cluster.Replicas {
			if !r.Current {
				return false
			}
		}
		leader = info.Cluster.Leader
		return true
	})

	const aggregates, rounds, perRound = 12, 24, 2
	const total = aggregates * rounds * perRound
	var errs errorLog
	got := newCollector(total)
	_, cjs := connect(t, c.urls, reconnect...)
	var cons *stream.Consumer
	waitFor(t, 30*time.Second, "the durable consumer", func() bool {
		var err error
		cons, err = stream.NewConsumer(ctx, cjs, stream.ConsumerConfig{Durable: "vendor-b", OnError: errs.add, AckWait: 2 * time.Second, RetryDelay: 100 * time.Millisecond}, got.handle)
		return err == nil
	})
	stopConsumer := running(t, cons)

	pub := newPublisher(t, js, stream.PublisherConfig{AckTimeout: 2 * time.Second})
	heads := make([]*grassroots.Event, aggregates)
	var acked []grassroots.Event
	halfway := make(chan struct{})
	var stopped sync.WaitGroup
	stopped.Go(func() {
		<-halfway
		c.byName(leader).Shutdown()
	})
	retries, downAt := 0, -1
	for round := range rounds {
		if round == rounds-4 {
			// Publishing went on while the node shut down; the last rounds
			// certainly go to the two nodes left.
			stopped.Wait()
		}
		if downAt < 0 && !c.byName(leader).Running() {
			downAt = round
		}
		var batch []grassroots.Event
		for a := range aggregates {
			events := chain(t, heads[a], fmt.Sprintf("INC.%02d", a), round*perRound, perRound)
			heads[a] = &events[len(events)-1]
			batch = append(batch, events...)
		}
		deadline := time.Now().Add(60 * time.Second)
		for {
			// Publishing the whole batch again is safe: the events already in
			// the stream are acknowledged as duplicates.
			_, err := pub.PublishAsync(ctx, batch)
			if err == nil {
				break
			}
			require.False(t, errors.Is(err, stream.ErrConflict), "round %d: no conflict with a single publisher: %v", round, err)
			require.True(t, time.Now().Before(deadline), "round %d published within a minute: %v", round, err)
			retries++
			time.Sleep(100 * time.Millisecond)
		}
		acked = append(acked, batch...)
		if round == rounds/3 {
			close(halfway)
		}
	}
	stopped.Wait()
	t.Logf("stopped %s mid-stream, down from round %d of %d; %d publish retries", leader, downAt, rounds, retries)
	require.True(t, downAt > 0 && downAt < rounds, "rounds were published with the leader down (from round %d)", downAt)

	select {
	case <-got.done:
	case <-time.After(60 * time.Second):
		t.Fatalf("the consumer received %d of %d events; errors %v", got.count(), total, errs.all())
	}
	require.NoError(t, stopConsumer(), "stopping the consumer")
	t.Logf("consumer: %+v", cons.Stats())

	want := make(map[string][]grassroots.Event)
	for _, e := range acked {
		want[e.Subject] = append(want[e.Subject], e)
	}
	assertChains(t, got, want)
	for _, err := range errs.all() {
		assert.False(t, errors.Is(err, stream.ErrRefused), "no genuine event is refused: %v", err)
		var he *stream.HandlerError
		assert.False(t, errors.As(err, &he), "the handler never failed: %v", err)
	}
	st, err := js.Stream(ctx, stream.DefaultStream)
	require.NoError(t, err, "stream lookup after the loss")
	info, err := st.Info(ctx)
	require.NoError(t, err, "stream info after the loss")
	assert.Equal(t, uint64(total), info.State.Msgs, "the stream holds each event once")
	assert.NotEqual(t, leader, info.Cluster.Leader, "another node leads the stream")
}
