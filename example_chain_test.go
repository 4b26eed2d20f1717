package grassroots_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/grassrootsgov/grassroots"
)

func ExampleSeal() {
	at := time.Date(2024, 6, 3, 9, 30, 0, 0, time.UTC)
	e := grassroots.Event{
		ID: "evt-1", Source: "/district/330302", SpecVersion: grassroots.SpecVersion,
		Type: grassroots.EventType("risk", "identified"), Subject: "risk-9", Time: at,
		Data: json.RawMessage(`{"category":"data_security"}`),
	}
	first, err := grassroots.Seal(nil, e)
	if err != nil {
		fmt.Println(err)
		return
	}
	e.ID, e.Type = "evt-2", grassroots.EventType("risk", "assessed")
	second, err := grassroots.Seal(&first, e)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(first.Sequence, first.PrevHash == "", len(first.Hash))
	fmt.Println(second.Sequence, second.PrevHash == first.Hash)
	// Output:
	// 1 true 64
	// 2 true
}

func ExampleVerifyChain() {
	var chain []grassroots.Event
	var prev *grassroots.Event
	for i := range 4 {
		e, _ := grassroots.Seal(prev, grassroots.Event{
			ID: fmt.Sprint("e", i), Source: "/s", SpecVersion: "1.0",
			Type: "grassroots.incident.noted.v1", Subject: "inc-1",
		})
		chain = append(chain, e)
		prev = &chain[len(chain)-1]
	}
	fmt.Println(grassroots.VerifyChain(chain))

	dropped := append(append([]grassroots.Event{}, chain[:2]...), chain[3:]...)
	var ce *grassroots.ChainError
	if errors.As(grassroots.VerifyChain(dropped), &ce) {
		fmt.Println(ce.Index, ce.Reason)
	}
	// Output:
	// <nil>
	// 2 dropped
}

func ExampleParseParty() {
	p, err := grassroots.ParseParty("third_party")
	fmt.Println(p, err)
	_, err = grassroots.ParseParty("citizen")
	fmt.Println(errors.Is(err, grassroots.ErrUnknownName))
	// Output:
	// third_party <nil>
	// true
}

// The first 48 bits are the Unix time in milliseconds:
// 2024-06-03T09:30:00Z is 1,717,407,000,000 ms, 0x018fdd6f25c0.
func ExampleNewID() {
	at := time.Date(2024, 6, 3, 9, 30, 0, 0, time.UTC)
	id, _ := grassroots.NewID(at, bytes.NewReader(make([]byte, 10)))
	fmt.Println(id)
	// Output:
	// 018fdd6f-25c0-7000-8000-000000000000
}

func ExamplePeriod_Overlaps() {
	jan := grassroots.Period{Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)}
	feb := grassroots.Period{Start: jan.End, End: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	fmt.Println(jan.Overlaps(feb), jan.Contains(jan.End), feb.Contains(jan.End))
	// Output:
	// false false true
}

func ExampleActor_Validate() {
	err := grassroots.Actor{ID: "w-7"}.Validate()
	var ve *grassroots.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// party enum
}
