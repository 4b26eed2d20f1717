package open311host

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events"
	"github.com/grassrootsgov/grassroots/events/postgres"
	"github.com/grassrootsgov/grassroots/events/sqlite"
	"github.com/grassrootsgov/grassroots/events/stream"
)

// DefaultDB is the SQLite file used when -db is not given.
const DefaultDB = "open311.db"

// DBUsage is the usage text of the -db flag.
const DBUsage = "where requests are kept: an SQLite `file`, or a PostgreSQL URL (postgres://…) or key=value string (host=… dbname=…)"

// NATSUsage is the usage text of the -nats flag.
const NATSUsage = "NATS `URL` to publish every incident event to, masked, on JetStream (default: none)"

// keyValue matches the start of a libpq key=value connection string.
var keyValue = regexp.MustCompile(`^\s*[a-z_]+\s*=`)

// IsPostgres reports whether db names a PostgreSQL database rather than
// an SQLite file.
func IsPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") || keyValue.MatchString(db)
}

// OpenEvents opens the event store db names (see IsPostgres); close it
// when done.
func OpenEvents(ctx context.Context, db string) (events.Store, io.Closer, error) {
	if db == "" {
		db = DefaultDB
	}
	if IsPostgres(db) {
		s, err := postgres.Open(ctx, db, postgres.Options{})
		if err != nil {
			return nil, nil, err
		}
		return s, s, nil
	}
	s, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		return nil, nil, fmt.Errorf("opening %s: %w", db, err)
	}
	return s, s, nil
}

// ConnectNATS connects to the NATS server at url, makes sure the stream
// of grassroots events exists, and returns a Publish for Options and a
// function that closes the connection.
func ConnectNATS(ctx context.Context, url string) (Publish, func(), error) {
	nc, err := nats.Connect(url, nats.Name("grassroots open311"))
	if err != nil {
		return nil, nil, fmt.Errorf("connecting to NATS at %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	if _, err := stream.EnsureStream(ctx, js, stream.StreamConfig{Description: "grassroots events"}); err != nil {
		nc.Close()
		return nil, nil, err
	}
	pub, err := stream.NewPublisher(ctx, js, stream.PublisherConfig{})
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return PublishTo(pub), nc.Close, nil
}

// PublishTo returns a Publish that sends events with p.
func PublishTo(p *stream.Publisher) Publish {
	return func(ctx context.Context, evs []grassroots.Event) error {
		_, err := p.Publish(ctx, evs...)
		return err
	}
}
