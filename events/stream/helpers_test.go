package stream_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
)

// startServer runs a JetStream server on 127.0.0.1 with a random port and
// a temporary store, shut down when the test ends.
func startServer(tb testing.TB) *server.Server {
	tb.Helper()
	s, err := server.NewServer(&server.Options{
		ServerName: "solo",
		Host:       "127.0.0.1",
		Port:       -1,
		JetStream:  true,
		StoreDir:   tb.TempDir(),
		NoLog:      true,
		NoSigs:     true,
	})
	require.NoError(tb, err, "creating the server")
	s.Start()
	tb.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	require.True(tb, s.ReadyForConnections(10*time.Second), "the server accepts connections")
	return s
}

// connect opens a client connection to urls and a JetStream handle on it.
func connect(tb testing.TB, urls string, opts ...nats.Option) (*nats.Conn, jetstream.JetStream) {
	tb.Helper()
	nc, err := nats.Connect(urls, opts...)
	require.NoError(tb, err, "connecting to %s", urls)
	tb.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	require.NoError(tb, err, "opening JetStream")
	return nc, js
}

// setup starts a server, connects and creates the default stream.
func setup(tb testing.TB, cfg stream.StreamConfig) (*server.Server, *nats.Conn, jetstream.JetStream) {
	tb.Helper()
	s := startServer(tb)
	nc, js := connect(tb, s.ClientURL())
	_, err := stream.EnsureStream(context.Background(), js, cfg)
	require.NoError(tb, err, "creating the stream")
	return s, nc, js
}

// cluster is three JetStream servers joined by routes on loopback.
type cluster struct {
	servers []*server.Server
	urls    string
}

func startCluster(tb testing.TB) *cluster {
	tb.Helper()
	// JetStream in a cluster needs its routes configured up front, so the
	// route ports are chosen before the servers start.
	var routes []*url.URL
	var ports []int
	for range 3 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(tb, err, "finding a free route port")
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
		routes = append(routes, &url.URL{Scheme: "nats", Host: l.Addr().String()})
		require.NoError(tb, l.Close(), "releasing the route port")
	}
	var c cluster
	for i := range 3 {
		opts := &server.Options{
			ServerName: fmt.Sprintf("node-%d", i+1),
			Host:       "127.0.0.1",
			Port:       -1,
			JetStream:  true,
			StoreDir:   tb.TempDir(),
			NoLog:      true,
			NoSigs:     true,
			Cluster:    server.ClusterOpts{Name: "grassroots-test", Host: "127.0.0.1", Port: ports[i]},
			Routes:     routes,
		}
		s, err := server.NewServer(opts)
		require.NoError(tb, err, "creating node %d", i+1)
		s.Start()
		tb.Cleanup(func() {
			s.Shutdown()
			s.WaitForShutdown()
		})
		c.servers = append(c.servers, s)
	}
	for i, s := range c.servers {
		require.True(tb, s.ReadyForConnections(10*time.Second), "node %d accepts connections", i+1)
		if c.urls != "" {
			c.urls += ","
		}
		c.urls += s.ClientURL()
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, s := range c.servers {
		for s.NumRoutes() < 2 || !s.JetStreamIsClustered() {
			require.True(tb, time.Now().Before(deadline), "cluster %s formed in time", s.Name())
			time.Sleep(50 * time.Millisecond)
		}
	}
	return &c
}

// byName returns the running server called name.
func (c *cluster) byName(name string) *server.Server {
	for _, s := range c.servers {
		if s.Name() == name {
			return s
		}
	}
	return nil
}

// chain returns n sealed events of aggregate agg of package incident, the
// k-th (from 0) caused by command "cmd-<from+k>", continuing after prev.
func chain(tb testing.TB, prev *grassroots.Event, agg string, from, n int) []grassroots.Event {
	tb.Helper()
	events := make([]grassroots.Event, 0, n)
	at := time.Date(2025, 6, 9, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	for k := range n {
		i := from + k
		data, err := json.Marshal(map[string]any{"aggregate_id": agg, "note": fmt.Sprintf("step %d", i), "count": i})
		require.NoError(tb, err, "data of %s step %d", agg, i)
		e, err := grassroots.Seal(prev, grassroots.Event{
			ID:              grassroots.EventID(agg, fmt.Sprintf("cmd-%d", i), 0, at.Add(time.Duration(i)*time.Minute)),
			Source:          "/districts/330302/incident",
			SpecVersion:     grassroots.SpecVersion,
			Type:            grassroots.EventType("incident", "noted"),
			Subject:         agg,
			Time:            at.Add(time.Duration(i) * time.Minute),
			DataContentType: "application/json",
			Data:            data,
		})
		require.NoError(tb, err, "sealing %s step %d", agg, i)
		events = append(events, e)
		prev = &events[len(events)-1]
	}
	return events
}

// subjectOf returns the stream subject of e.
func subjectOf(tb testing.TB, e *grassroots.Event) string {
	tb.Helper()
	s, err := stream.EventSubject(e)
	require.NoError(tb, err, "subject of %s", e.ID)
	return s
}

// streamEvents reads every message of the stream on subj, in stream order.
func streamEvents(tb testing.TB, js jetstream.JetStream, subj string) []grassroots.Event {
	tb.Helper()
	ctx := context.Background()
	s, err := js.Stream(ctx, stream.DefaultStream)
	require.NoError(tb, err, "looking up the stream")
	var out []grassroots.Event
	for seq := uint64(1); ; {
		raw, err := s.GetMsg(ctx, seq, jetstream.WithGetMsgSubject(subj))
		if err != nil {
			require.ErrorIs(tb, err, jetstream.ErrMsgNotFound, "reading %s from %d", subj, seq)
			return out
		}
		e, err := stream.DecodeMessage(raw.Header, raw.Data)
		require.NoError(tb, err, "decoding message %d", raw.Sequence)
		out = append(out, e)
		seq = raw.Sequence + 1
	}
}

// messageCount returns the number of messages in the default stream.
func messageCount(tb testing.TB, js jetstream.JetStream) uint64 {
	tb.Helper()
	s, err := js.Stream(context.Background(), stream.DefaultStream)
	require.NoError(tb, err, "looking up the stream")
	info, err := s.Info(context.Background())
	require.NoError(tb, err, "stream info")
	return info.State.Msgs
}

// collector is a handler that keeps what it is given, per aggregate, and
// signals when it holds want events.
type collector struct {
	mu    sync.Mutex
	byAgg map[string][]grassroots.Event
	total int
	want  int
	done  chan struct{}
}

func newCollector(want int) *collector {
	return &collector{byAgg: make(map[string][]grassroots.Event), want: want, done: make(chan struct{})}
}

func (c *collector) handle(_ context.Context, e grassroots.Event) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byAgg[e.Subject] = append(c.byAgg[e.Subject], e)
	c.total++
	if c.total == c.want {
		close(c.done)
	}
	return nil
}

func (c *collector) events(agg string) []grassroots.Event {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]grassroots.Event(nil), c.byAgg[agg]...)
}

func (c *collector) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}

// errorLog is an OnError callback that keeps what it is given.
type errorLog struct {
	mu   sync.Mutex
	errs []error
}

func (l *errorLog) add(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, err)
}

func (l *errorLog) all() []error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]error(nil), l.errs...)
}

// running runs c until the test ends or stop is called, and returns stop,
// which waits for Run to return and gives its error.
func running(tb testing.TB, c *stream.Consumer) (stop func() error) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- c.Run(ctx) }()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() {
			cancel()
			err = <-errc
		})
		return err
	}
	tb.Cleanup(func() { _ = stop() })
	return stop
}

// waitFor waits until cond holds, failing the test after d.
func waitFor(tb testing.TB, d time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
