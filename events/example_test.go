package events_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/sqlite"
)

func exampleChain(subject string, n int) []grassroots.Event {
	raw := make([]grassroots.Event, n)
	for i := range raw {
		raw[i] = grassroots.Event{
			ID:          grassroots.EventID(subject, "cmd-1", i, time.Time{}),
			Source:      "/districts/330302/risk",
			SpecVersion: grassroots.SpecVersion,
			Type:        grassroots.EventType("risk", "identified"),
			Subject:     subject,
			Data:        []byte(`{"level":"yellow"}`),
		}
	}
	evs, err := grassroots.SealAll(nil, raw)
	if err != nil {
		panic(err)
	}
	return evs
}

// CheckBatch refuses what no store should accept, before any database is
// involved.
func ExampleCheckBatch() {
	batch := exampleChain("risk-7", 3)
	fmt.Println(events.CheckBatch("risk-7", 0, batch))

	batch[1].Data = []byte(`{"level":"green"}`) // altered after sealing
	var ce *grassroots.ChainError
	err := events.CheckBatch("risk-7", 0, batch)
	if errors.As(err, &ce) {
		fmt.Println("refused at", ce.Index, ce.Reason)
	}
	// Output:
	// <nil>
	// refused at 1 content_changed
}

// CheckHead is how a store decides between a conflict and a chain that
// does not continue its stored head.
func ExampleCheckHead() {
	chain := exampleChain("risk-7", 3)
	head := &chain[1] // the store holds events 1 and 2
	fmt.Println(events.CheckHead("risk-7", 2, head, &chain[2]))
	fmt.Println(events.CheckHead("risk-7", 1, head, &chain[2]))
	// Output:
	// <nil>
	// events: subject "risk-7" ends at sequence 2, expected 1
}

func ExampleLoadVerified() {
	dir, err := os.MkdirTemp("", "events")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(dir, "events.db"), sqlite.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()

	chain := exampleChain("risk-7", 3)
	if err := store.Append(ctx, "risk-7", 0, chain); err != nil {
		fmt.Println(err)
		return
	}
	all, err := events.LoadVerified(ctx, store, "risk-7", nil)
	fmt.Println(len(all), err)
	// A reader that already holds the first event loads the rest.
	rest, err := events.LoadVerified(ctx, store, "risk-7", &chain[0])
	fmt.Println(len(rest), rest[0].Sequence, err)
	// Output:
	// 3 <nil>
	// 2 2 <nil>
}

// A store checks and encodes a batch in one step, sharing a large batch
// out over the processors; the error is CheckBatch's.
func ExamplePrepareBatch() {
	batch := exampleChain("risk-7", 100)
	envs, err := events.PrepareBatch("risk-7", 0, batch, 4)
	fmt.Println(len(envs), err)
	fmt.Println(string(envs[0][:40]))
	// Output:
	// 100 <nil>
	// {"data":{"level":"yellow"},"hash":"5427b
}

// Decode turns a stored row back into an event, refusing one whose
// envelope no longer matches the columns stored beside it.
func ExampleDecode() {
	e := exampleChain("risk-7", 1)[0]
	env, _ := e.MarshalJSON()
	got, err := events.Decode(1, "risk-7", 1, e.Hash, env)
	fmt.Println(got.Type, err)
	_, err = events.Decode(1, "risk-7", 2, e.Hash, env)
	fmt.Println(errors.Is(err, events.ErrCorrupt))
	// Output:
	// grassroots.risk.identified.v1 <nil>
	// true
}
