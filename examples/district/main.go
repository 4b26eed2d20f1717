// Command district runs a small in-memory governance scenario through the
// grassroots SDK and prints what it did: matters reported in three grids
// are recorded as CloudEvents, sealed into one hash chain per matter,
// exchanged as JSON, verified by a second system, and a tampered copy is
// caught.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"github.com/grassrootsgov/grassroots"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "district:", err)
		os.Exit(1)
	}
}

type step struct {
	name  string
	actor grassroots.Actor
	after time.Duration
}

func run() error {
	rng := rand.New(rand.NewPCG(2024, 6))
	start := time.Date(2024, 6, 3, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	resident := grassroots.Actor{ID: "resident-118", Party: grassroots.Resident}
	worker := grassroots.Actor{ID: "worker-7", Party: grassroots.Community, Organization: "330302001001", Roles: []string{"grid_worker"}}
	dispatcher := grassroots.Actor{ID: "dispatch-1", Party: grassroots.Government, Organization: "330302001", Roles: []string{"dispatcher"}}
	provider := grassroots.Actor{ID: "crew-3", Party: grassroots.Provider, Organization: "sanitation-co", Roles: []string{"service_staff"}}
	loop := []step{
		{"reported", resident, 0},
		{"accepted", worker, 12 * time.Minute},
		{"dispatched", dispatcher, 40 * time.Minute},
		{"resolved", provider, 5 * time.Hour},
		{"closed", worker, 6 * time.Hour},
		{"rated", resident, 26 * time.Hour},
	}
	for _, a := range []grassroots.Actor{resident, worker, dispatcher, provider} {
		if err := a.Validate(); err != nil {
			return err
		}
	}

	grids := []string{"330302001001-01", "330302001001-02", "330302001002-01"}
	chains := make(map[string][]grassroots.Event)
	var order []string
	for i, grid := range grids {
		at := start.Add(time.Duration(i) * 37 * time.Minute)
		subject, err := grassroots.NewID(at, randReader{rng})
		if err != nil {
			return err
		}
		order = append(order, subject)
		var chain []grassroots.Event
		for j, s := range loop {
			data, err := json.Marshal(map[string]any{"grid": grid, "actor": s.actor})
			if err != nil {
				return err
			}
			id, err := grassroots.NewID(at.Add(s.after), randReader{rng})
			if err != nil {
				return err
			}
			e := grassroots.Event{
				ID: id, Source: "/district/330302/incident", SpecVersion: grassroots.SpecVersion,
				Type: grassroots.EventType("incident", s.name), Subject: subject, Time: at.Add(s.after),
				DataContentType: "application/json", Data: data,
			}
			var prev *grassroots.Event
			if j > 0 {
				prev = &chain[j-1]
			}
			sealed, err := grassroots.Seal(prev, e)
			if err != nil {
				return err
			}
			chain = append(chain, sealed)
		}
		chains[subject] = chain
		fmt.Printf("matter %s in grid %s: %d events sealed, head %s…\n", subject, grid, len(chain), chain[len(chain)-1].Hash[:16])
	}

	// A second system reads the stored JSON back and verifies every chain.
	for _, subject := range order {
		wire, err := json.Marshal(chains[subject])
		if err != nil {
			return err
		}
		var readBack []grassroots.Event
		if err := json.Unmarshal(wire, &readBack); err != nil {
			return err
		}
		if err := grassroots.VerifyChain(readBack); err != nil {
			return err
		}
		fmt.Printf("verified %s: %d events, %d bytes of CloudEvents JSON\n", subject, len(readBack), len(wire))
	}

	// Someone rewrites the resolution time of the first matter.
	tampered := append([]grassroots.Event(nil), chains[order[0]]...)
	tampered[3].Time = tampered[3].Time.Add(-3 * time.Hour)
	var ce *grassroots.ChainError
	if errors.As(grassroots.VerifyChain(tampered), &ce) {
		fmt.Printf("tampering caught in %s at event %d (%s): %s\n", order[0], ce.Index, tampered[ce.Index].Type, ce.Reason)
	}
	return nil
}

// randReader adapts a seeded generator to io.Reader so IDs are
// reproducible run after run.
type randReader struct{ r *rand.Rand }

func (r randReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r.r.Uint32())
	}
	return len(p), nil
}
