package stream_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/internal/benchdata"
	"github.com/grassrootsgov/grassroots/events/stream"
)

// batches hands out successive batches of new events: each aggregate's
// chain continues from the previous batch, so every publish writes.
type batches struct {
	heads []*grassroots.Event
	round int
	per   int
}

func newBatches(aggregates, per int) *batches {
	return &batches{heads: make([]*grassroots.Event, aggregates), per: per}
}

func (g *batches) next(b *testing.B) []grassroots.Event {
	out := make([]grassroots.Event, 0, len(g.heads)*g.per)
	for a := range g.heads {
		events := chain(b, g.heads[a], fmt.Sprintf("INC.330302.%04d", a), g.round*g.per, g.per)
		g.heads[a] = &events[len(events)-1]
		out = append(out, events...)
	}
	g.round++
	return out
}

// BenchmarkPublish compares PublishAsync (deduplicated by envelope ID,
// ordered per aggregate, R1, in-process server over loopback TCP) with
// raw JetStream async publishes of the same payloads to the same
// subjects, without expected sequences, in the same run: "raw" sends
// payloads encoded beforehand without headers, "raw-headers" the same
// with the Publisher's Content-Type and Nats-Msg-Id headers (so the
// server deduplicates them), and "raw-encoding" encodes each envelope
// (Event.MarshalJSON) as it sends, as a vendor publishing the envelopes
// with JetStream directly would.
func BenchmarkPublish(b *testing.B) {
	const aggregates, per = 1000, 10
	name := fmt.Sprintf("aggregates=%d/events=%d", aggregates, per)
	b.Run("raw/"+name, func(b *testing.B) { benchmarkRaw(b, aggregates, per, false, false) })
	b.Run("raw-headers/"+name, func(b *testing.B) { benchmarkRaw(b, aggregates, per, false, true) })
	b.Run("raw-encoding/"+name, func(b *testing.B) { benchmarkRaw(b, aggregates, per, true, false) })
	b.Run("async/"+name, func(b *testing.B) {
		_, _, js := setup(b, stream.StreamConfig{})
		p, err := stream.NewPublisher(context.Background(), js, stream.PublisherConfig{})
		require.NoError(b, err, "publisher")
		gen := newBatches(aggregates, per)
		var m benchdata.Meter
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			events := gen.next(b)
			b.StartTimer()
			m.Begin()
			if _, err := p.PublishAsync(context.Background(), events); err != nil {
				b.Fatalf("publish: %v", err)
			}
			m.End()
		}
		m.Report(b, aggregates*per)
	})
}

// benchmarkRaw publishes the same envelopes with plain JetStream async
// publishes, with the same bound on outstanding acknowledgements as the
// Publisher's default, and with the Publisher's headers but the expected
// sequence when headers is set.
func benchmarkRaw(b *testing.B, aggregates, per int, encodeTimed, headers bool) {
	s := startServer(b)
	nc, err := nats.Connect(s.ClientURL())
	require.NoError(b, err, "connecting")
	defer nc.Close()
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(stream.DefaultMaxPending))
	require.NoError(b, err, "JetStream")
	_, err = stream.EnsureStream(context.Background(), js, stream.StreamConfig{})
	require.NoError(b, err, "stream")
	gen := newBatches(aggregates, per)
	var m benchdata.Meter
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		events := gen.next(b)
		subjects := make([]string, len(events))
		hdrs := make([]nats.Header, len(events))
		for i := range events {
			subjects[i] = subjectOf(b, &events[i])
			if headers {
				hdrs[i] = nats.Header{stream.ContentTypeHeader: {grassroots.ContentType}, jetstream.MsgIDHeader: {events[i].ID}}
			}
		}
		var bodies [][]byte
		if !encodeTimed {
			bodies = make([][]byte, len(events))
			for i := range events {
				body, err := events[i].MarshalJSON()
				require.NoError(b, err, "marshalling")
				bodies[i] = body
			}
		}
		b.StartTimer()
		m.Begin()
		for i := range events {
			var body []byte
			if encodeTimed {
				var err error
				if body, err = events[i].MarshalJSON(); err != nil {
					b.Fatalf("marshalling: %v", err)
				}
			} else {
				body = bodies[i]
			}
			// A stall as long as the Publisher's ack timeout: on a busy
			// machine the default 200 ms fails the baseline.
			msg := &nats.Msg{Subject: subjects[i], Data: body, Header: hdrs[i]}
			if _, err := js.PublishMsgAsync(msg, jetstream.WithStallWait(stream.DefaultAckTimeout)); err != nil {
				b.Fatalf("raw publish: %v", err)
			}
		}
		<-js.PublishAsyncComplete()
		m.End()
	}
	m.Report(b, aggregates*per)
}

// BenchmarkPublishSync measures the synchronous path: one round trip per
// event.
func BenchmarkPublishSync(b *testing.B) {
	const aggregates, per = 100, 10
	b.Run(fmt.Sprintf("aggregates=%d/events=%d", aggregates, per), func(b *testing.B) {
		_, _, js := setup(b, stream.StreamConfig{})
		p, err := stream.NewPublisher(context.Background(), js, stream.PublisherConfig{})
		require.NoError(b, err, "publisher")
		gen := newBatches(aggregates, per)
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			events := gen.next(b)
			b.StartTimer()
			if _, err := p.Publish(context.Background(), events...); err != nil {
				b.Fatalf("publish: %v", err)
			}
		}
		b.ReportMetric(float64(aggregates*per*b.N)/b.Elapsed().Seconds(), "events/s")
	})
}
