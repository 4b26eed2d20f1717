package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/postgres"
)

// This example needs a server, so it is compiled but not run: it opens a
// store, appends an incident's first event, and follows the global log as
// a projection would.
func ExampleOpen() {
	ctx := context.Background()
	store, err := postgres.Open(ctx, os.Getenv("DATABASE_URL"), postgres.Options{Schema: "grassroots"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()

	reported, err := grassroots.Seal(nil, grassroots.Event{
		ID:          grassroots.EventID("incident-1", "cmd-1", 0, time.Time{}),
		Source:      "/districts/330302/incident",
		SpecVersion: grassroots.SpecVersion,
		Type:        grassroots.EventType("incident", "reported"),
		Subject:     "incident-1",
		Time:        time.Date(2025, 6, 9, 10, 0, 0, 0, time.FixedZone("", 8*3600)),
		Data:        []byte(`{"note":"路灯不亮"}`),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	err = store.Append(ctx, "incident-1", 0, []grassroots.Event{reported})
	var conflict *events.ConflictError
	if errors.As(err, &conflict) {
		fmt.Println("another writer got there first; its chain ends at", conflict.Actual)
	}

	// A projection keeps the last position it handled and follows on.
	var position int64
	for {
		recs, err := store.Follow(ctx, position, 100)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, r := range recs {
			fmt.Println(r.Position, r.Event.Subject, r.Event.Type)
			position = r.Position
		}
	}
}
