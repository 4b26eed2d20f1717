package grassroots_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// A vendor records two events of one incident, seals them into the
// incident's hash chain, stores them as JSON, and a second vendor reads
// them back and verifies that nothing was changed.
func Example() {
	at := time.Date(2024, 6, 3, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	first := grassroots.Event{
		ID: "evt-1", Source: "/district/330302", SpecVersion: grassroots.SpecVersion,
		Type:    grassroots.EventType("incident", "reported"),
		Subject: "inc-42", Time: at,
		DataContentType: "application/json",
		Data:            json.RawMessage(`{"category":"exposed_garbage"}`),
	}
	second := first
	second.ID, second.Type, second.Time = "evt-2", grassroots.EventType("incident", "accepted"), at.Add(10*time.Minute)
	second.Data = json.RawMessage(`{"by":"worker-7"}`)

	chain, err := grassroots.SealAll(nil, []grassroots.Event{first, second})
	if err != nil {
		fmt.Println(err)
		return
	}
	stored, _ := json.Marshal(chain)

	var readBack []grassroots.Event
	if err := json.Unmarshal(stored, &readBack); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("intact:", grassroots.VerifyChain(readBack) == nil)

	readBack[1].Data = json.RawMessage(`{"by":"worker-8"}`)
	var ce *grassroots.ChainError
	if errors.As(grassroots.VerifyChain(readBack), &ce) {
		fmt.Println("tampered at", ce.Index, "reason", ce.Reason)
	}
	// Output:
	// intact: true
	// tampered at 1 reason content_changed
}
