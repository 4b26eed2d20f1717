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

// A publisher forwards the events it receives only when each extends the
// last one it forwarded, writing each line as it checks it; the data
// goes out in RFC 8785 form.
func ExampleAppendVerified() {
	var chain []grassroots.Event
	var prev *grassroots.Event
	for i := range 3 {
		e, _ := grassroots.Seal(prev, grassroots.Event{
			ID: fmt.Sprint("e", i), Source: "/s", SpecVersion: "1.0",
			Type: "grassroots.incident.noted.v1", Subject: "inc-1",
			Data: json.RawMessage(fmt.Sprintf(`{ "step": %d }`, i)),
		})
		chain = append(chain, e)
		prev = &chain[len(chain)-1]
	}
	var lines []byte
	var last *grassroots.Event
	for _, e := range []grassroots.Event{chain[0], chain[2], chain[1], chain[2]} {
		out, err := grassroots.AppendVerified(lines, last, &e)
		if err != nil {
			fmt.Println(e.ID, "refused:", err)
			continue
		}
		lines = append(out, '\n')
		last = &e
	}
	fmt.Print(string(lines))
	// Output:
	// e2 refused: grassroots: event chain broken at index 0: dropped
	// {"data":{"step":0},"hash":"fdd59565fc184e9c50643941ccfdeded9cae45660f0a1d13d3cf7bb7155c5535","id":"e0","sequence":1,"source":"/s","specversion":"1.0","subject":"inc-1","type":"grassroots.incident.noted.v1"}
	// {"data":{"step":1},"hash":"d8b0336793ded1853006aea23c30b187af506f92b7a63d34444070b71448c9ef","id":"e1","prevhash":"fdd59565fc184e9c50643941ccfdeded9cae45660f0a1d13d3cf7bb7155c5535","sequence":2,"source":"/s","specversion":"1.0","subject":"inc-1","type":"grassroots.incident.noted.v1"}
	// {"data":{"step":2},"hash":"19e0b36cf6e5c0eb3cc883a4b33ff76edaa028cdc5c04d270ffe2d35ff4ee837","id":"e2","prevhash":"d8b0336793ded1853006aea23c30b187af506f92b7a63d34444070b71448c9ef","sequence":3,"source":"/s","specversion":"1.0","subject":"inc-1","type":"grassroots.incident.noted.v1"}
}
