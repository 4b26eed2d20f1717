package open311host

import (
	"context"
	"fmt"
	"io"

	"github.com/grassrootsgov/grassroots/incident"
)

// Config is what the programs' flags say about keeping and publishing
// requests.
type Config struct {
	// DB is the -db flag: an SQLite file (DefaultDB when empty) or a
	// PostgreSQL connection string (see IsPostgres).
	DB string
	// NATS is the -nats flag: the URL of a NATS server to publish to, or
	// empty for none.
	NATS string
	// Source is Options.Source.
	Source string
	// Log receives the failures of publishing; nil discards them.
	Log io.Writer
}

// OpenStore opens the event store and, with NATS, the publisher that cfg
// names, rebuilds the requests (see Open) and returns the Store with a
// function that closes everything it opened.
func OpenStore(ctx context.Context, cfg Config, decider *incident.Decider) (*Store, func() error, error) {
	es, closer, err := OpenEvents(ctx, cfg.DB)
	if err != nil {
		return nil, nil, err
	}
	opts := Options{Source: cfg.Source}
	closeNATS := func() {}
	if cfg.NATS != "" {
		pub, done, err := ConnectNATS(ctx, cfg.NATS)
		if err != nil {
			closer.Close()
			return nil, nil, err
		}
		opts.Publish, closeNATS = pub, done
		opts.OnPublishError = func(err error) {
			if cfg.Log != nil {
				fmt.Fprintln(cfg.Log, err)
			}
		}
	}
	s, err := Open(ctx, es, decider, opts)
	if err != nil {
		closeNATS()
		closer.Close()
		return nil, nil, err
	}
	return s, func() error { closeNATS(); return closer.Close() }, nil
}
