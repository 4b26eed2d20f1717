package stream_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
)

// noted returns the sealed events of one incident, one per note.
func noted(incident string, notes ...string) []grassroots.Event {
	at := time.Date(2025, 6, 9, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	var out []grassroots.Event
	var prev *grassroots.Event
	for i, note := range notes {
		data, _ := json.Marshal(map[string]string{"aggregate_id": incident, "note": note})
		e, err := grassroots.Seal(prev, grassroots.Event{
			ID:          grassroots.EventID(incident, fmt.Sprintf("cmd-%d", i), 0, at),
			Source:      "/districts/330302/incident",
			SpecVersion: grassroots.SpecVersion,
			Type:        grassroots.EventType("incident", "noted"),
			Subject:     incident,
			Time:        at.Add(time.Duration(i) * time.Minute),
			Data:        data,
		})
		if err != nil {
			panic(err)
		}
		out = append(out, e)
		prev = &out[len(out)-1]
	}
	return out
}

// Vendor A publishes an incident's events; vendor B reads them through
// its own durable consumer, which verifies the chain before handing each
// event over. The server runs in the process, on loopback.
func Example() {
	dir, err := os.MkdirTemp("", "grassroots-stream-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: dir, NoLog: true, NoSigs: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv.Start()
	defer srv.Shutdown()
	if !srv.ReadyForConnections(10 * time.Second) {
		fmt.Println("server not ready")
		return
	}
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if _, err := stream.EnsureStream(ctx, js, stream.StreamConfig{Duplicates: 10 * time.Minute}); err != nil {
		fmt.Println(err)
		return
	}

	// Vendor A.
	pub, err := stream.NewPublisher(ctx, js, stream.PublisherConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	events := noted("INC.2025/0042", "reported at the east gate", "dispatched to the street office", "closed")
	if _, err := pub.PublishAsync(ctx, events); err != nil {
		fmt.Println(err)
		return
	}
	again, err := pub.Publish(ctx, events...)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("published again, duplicate:", again[0].Duplicate, again[1].Duplicate, again[2].Duplicate)

	// Vendor B.
	done := make(chan struct{})
	cons, err := stream.NewConsumer(ctx, js, stream.ConsumerConfig{
		Durable: "vendor-b",
		OnError: func(err error) { fmt.Println("refused:", err) },
	}, func(_ context.Context, e grassroots.Event) error {
		var data struct{ Note string }
		if err := json.Unmarshal(e.Data, &data); err != nil {
			return err
		}
		fmt.Printf("%s #%d: %s\n", e.Subject, e.Sequence, data.Note)
		if e.Sequence == 3 {
			close(done)
		}
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	runCtx, stop := context.WithCancel(ctx)
	finished := make(chan error)
	go func() { finished <- cons.Run(runCtx) }()
	<-done
	stop()
	if err := <-finished; err != nil {
		fmt.Println(err)
	}
	fmt.Printf("%+v\n", cons.Stats())
	// Output:
	// published again, duplicate: true true true
	// INC.2025/0042 #1: reported at the east gate
	// INC.2025/0042 #2: dispatched to the street office
	// INC.2025/0042 #3: closed
	// {Delivered:3 Repeats:0 Refused:0 Retried:0}
}

func ExampleSubject() {
	s, err := stream.Subject("incident", "INC.2025/0042")
	fmt.Println(s, err)
	pkg, aggregate, err := stream.ParseSubject(s)
	fmt.Println(pkg, aggregate, err)
	all, _ := stream.PackageSubjects("incident")
	fmt.Println(all)
	// Output:
	// grassroots.incident.INC%2E2025%2F0042 <nil>
	// incident INC.2025/0042 <nil>
	// grassroots.incident.*
}

func ExampleEventSubject() {
	e := noted("合同-7", "signed")[0]
	s, err := stream.EventSubject(&e)
	fmt.Println(s, err)
	// Output:
	// grassroots.incident.%E5%90%88%E5%90%8C-7 <nil>
}

// A vendor whose NATS library writes the binary content mode sends each
// attribute as a ce- header; the chain still verifies.
func ExampleDecodeMessage() {
	e := noted("INC-7", "reported")[0]
	h := nats.Header{}
	for _, name := range e.AttributeNames() {
		v, _ := e.Attribute(name)
		h.Set("ce-"+name, v)
	}
	got, err := stream.DecodeMessage(h, e.Data)
	fmt.Println(err, grassroots.VerifyLink(nil, &got))
	// Output:
	// <nil> <nil>
}
