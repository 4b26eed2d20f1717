package sqlite_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/sqlite"
)

// exampleEvents seals a reported and an accepted event of one incident.
func exampleEvents(subject string) []grassroots.Event {
	at := time.Date(2025, 6, 9, 10, 0, 0, 0, time.FixedZone("", 8*3600))
	var raw []grassroots.Event
	for i, name := range []string{"reported", "accepted"} {
		raw = append(raw, grassroots.Event{
			ID:              grassroots.EventID(subject, "cmd-"+name, 0, at.Add(time.Duration(i)*time.Hour)),
			Source:          "/districts/330302/incident",
			SpecVersion:     grassroots.SpecVersion,
			Type:            grassroots.EventType("incident", name),
			Subject:         subject,
			Time:            at.Add(time.Duration(i) * time.Hour),
			DataContentType: "application/json",
			Data:            json.RawMessage(`{"note":"路灯不亮"}`),
		})
	}
	sealed, err := grassroots.SealAll(nil, raw)
	if err != nil {
		panic(err)
	}
	return sealed
}

func ExampleOpen() {
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

	batch := exampleEvents("incident-1")
	// 0: incident-1 has no events yet.
	if err := store.Append(ctx, "incident-1", 0, batch); err != nil {
		fmt.Println(err)
		return
	}
	// The same batch again is a no-op; a stale expected is a conflict.
	fmt.Println("retry:", store.Append(ctx, "incident-1", 0, batch))
	// Another writer that also saw no events decided differently.
	other := batch[0]
	other.ID = grassroots.EventID("incident-1", "cmd-other", 0, other.Time)
	rival, err := grassroots.Seal(nil, other)
	if err != nil {
		fmt.Println(err)
		return
	}
	err = store.Append(ctx, "incident-1", 0, []grassroots.Event{rival})
	fmt.Println("conflict:", errors.Is(err, events.ErrConflict))

	chain, err := events.LoadVerified(ctx, store, "incident-1", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range chain {
		fmt.Println(e.Sequence, e.Type)
	}
	log, err := store.ReadLog(ctx, 0, 10)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("log positions:", log[0].Position, log[1].Position)
	// Output:
	// retry: <nil>
	// conflict: true
	// 1 grassroots.incident.reported.v1
	// 2 grassroots.incident.accepted.v1
	// log positions: 1 2
}

func ExampleStore_Follow() {
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

	// A subscriber waits for what comes after the last position it
	// handled; an append wakes it.
	done := make(chan []events.Record)
	go func() {
		recs, err := store.Follow(ctx, 0, 10)
		if err != nil {
			fmt.Println(err)
		}
		done <- recs
	}()
	if err := store.Append(ctx, "incident-1", 0, exampleEvents("incident-1")); err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range <-done {
		fmt.Println(r.Position, r.Event.Type)
	}

	// At the end of the log, Follow waits until its context ends.
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	_, err = store.Follow(short, 2, 10)
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output:
	// 1 grassroots.incident.reported.v1
	// 2 grassroots.incident.accepted.v1
	// true
}
