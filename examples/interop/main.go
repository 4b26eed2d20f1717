// Command interop runs two vendors' systems that share the incident
// lifecycle over a real broker, and shows that they agree.
//
// Vendor A is the district's grid and hotline platform: it takes
// residents' reports, locates them in its grids, accepts them and
// dispatches each through its router to one of the provider's teams;
// later it checks and closes what the provider resolved and passes on
// the residents' ratings. Vendor B is the provider's own app: it
// subscribes to the stream, verifies every chain, replays the matters
// from its own store, and works the ones dispatched to its teams
// (returning the odd one as outside its contract, starting, resolving
// with evidence), publishing its events back. Each vendor has its own
// SQLite file and its own durable consumer on one NATS JetStream
// stream.
//
// Midway, B is stopped while A goes on taking and dispatching reports;
// when B starts again its durable consumer resumes where it stopped, and
// it catches up. Then an altered event is published to the stream, and
// both vendors refuse it. At the end both print the states, the
// statistics and the chain heads they hold, side by side; the program
// exits with status 1 if they differ.
//
// By default it runs embedded: an in-process NATS server with JetStream
// and both SQLite files in a temporary directory, removed at the end.
//
//	go run ./examples/interop
//	go run ./examples/interop -matters 200 -seed 7
//
// The run is deterministic: every command's time and choice comes from
// the seed, the matter and its version, never from the clock, so the
// same seed gives the same states, statistics and chain heads however
// the goroutines interleave. Only the counts of messages each consumer
// handled differ between runs.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	opts, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), opts.timeout)
	defer cancel()
	res, err := run(ctx, opts, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "interop:", err)
		os.Exit(1)
	}
	if !res.agree {
		fmt.Fprintln(os.Stderr, "interop: the vendors disagree")
		os.Exit(1)
	}
}

type options struct {
	matters int
	seed    uint64
	timeout time.Duration
	dir     string // empty: a temporary directory, removed at the end
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("interop", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.IntVar(&o.matters, "matters", 40, "number of residents' reports")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of every random choice")
	fs.DurationVar(&o.timeout, "timeout", 2*time.Minute, "give up after this long")
	fs.StringVar(&o.dir, "dir", "", "keep the NATS store and the SQLite files in this directory")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case fs.NArg() > 0:
		err := fmt.Errorf("unexpected argument %q", fs.Arg(0))
		fmt.Fprintln(stderr, "interop:", err)
		return o, err
	case o.matters < 4 || o.matters > 100_000:
		err := fmt.Errorf("-matters must be between 4 and 100000, not %d", o.matters)
		fmt.Fprintln(stderr, "interop:", err)
		return o, err
	case o.timeout <= 0:
		err := errors.New("-timeout must be positive")
		fmt.Fprintln(stderr, "interop:", err)
		return o, err
	}
	return o, nil
}
