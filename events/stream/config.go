package stream

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// DefaultStream is the stream name used when a configuration leaves it
// empty.
const DefaultStream = "GRASSROOTS"

// DefaultDuplicates is the duplicate window used when StreamConfig leaves
// it zero: the NATS server's own default.
const DefaultDuplicates = 2 * time.Minute

// StreamConfig says how EnsureStream creates or updates the stream that
// carries the events. The zero value is a valid configuration: stream
// GRASSROOTS on grassroots.>, file storage, one replica, events kept
// forever, a two-minute duplicate window.
type StreamConfig struct {
	// Name is the stream's name; empty means DefaultStream. It must be a
	// valid JetStream name: no white space, ".", "*", ">", "/" or "\".
	Name string
	// Replicas is how many servers of a cluster hold the stream: 1 to 5,
	// 0 meaning 1. Use 3 for a stream that must survive the loss of a
	// server.
	Replicas int
	// Storage is file (the zero value) or memory storage.
	Storage jetstream.StorageType
	// Retention is when the stream discards events: LimitsPolicy (the zero
	// value) keeps them until MaxAge or MaxBytes says otherwise, so a
	// vendor that joins later can read every chain from its start;
	// InterestPolicy drops an event once every consumer has it, which
	// leaves nothing for a vendor that joins later. WorkQueuePolicy is
	// refused: it allows one consumer per event, and the stream is meant
	// to be read by every vendor.
	Retention jetstream.RetentionPolicy
	// MaxAge discards events older than this; 0 keeps them forever.
	MaxAge time.Duration
	// MaxBytes caps the stream's size, discarding the oldest events; 0 is
	// unlimited.
	MaxBytes int64
	// Duplicates is the window in which a message with the Nats-Msg-Id of
	// a message already stored is dropped as a duplicate; 0 means
	// DefaultDuplicates. It must not exceed a non-zero MaxAge.
	Duplicates time.Duration
	// Description is shown by NATS tools.
	Description string
}

// config checks c and returns the JetStream configuration it stands for.
func (c StreamConfig) config() (jetstream.StreamConfig, error) {
	var p validate.Problems
	name := c.Name
	if name == "" {
		name = DefaultStream
	}
	if !isStreamName(name) {
		p.Addf("name", grassroots.RuleFormat, "stream name %s must be printable ASCII without white space, '.', '*', '>', '/' or '\\'", quote(name))
	}
	replicas := c.Replicas
	if replicas == 0 {
		replicas = 1
	}
	if replicas < 1 || replicas > 5 {
		p.Addf("replicas", grassroots.RuleMax, "replicas must be between 1 and 5, got %d", c.Replicas)
	}
	if c.Storage != jetstream.FileStorage && c.Storage != jetstream.MemoryStorage {
		p.Add("storage", grassroots.RuleEnum, "storage must be file or memory")
	}
	switch c.Retention {
	case jetstream.LimitsPolicy, jetstream.InterestPolicy:
	case jetstream.WorkQueuePolicy:
		p.Add("retention", grassroots.RuleExcluded, "retention must be limits or interest: a work queue gives each event to one consumer only")
	default:
		p.Add("retention", grassroots.RuleEnum, "retention must be limits or interest")
	}
	if c.MaxAge < 0 {
		p.Add("max_age", grassroots.RuleMin, "max_age must not be negative")
	}
	if c.MaxBytes < 0 {
		p.Add("max_bytes", grassroots.RuleMin, "max_bytes must not be negative")
	}
	dup := c.Duplicates
	if dup == 0 {
		dup = DefaultDuplicates
		if c.MaxAge > 0 && c.MaxAge < dup {
			dup = c.MaxAge
		}
	}
	switch {
	case dup < 0:
		p.Add("duplicates", grassroots.RuleMin, "duplicates must not be negative")
	case c.MaxAge > 0 && dup > c.MaxAge:
		p.Add("duplicates", grassroots.RuleMax, "duplicates must not exceed max_age")
	}
	if err := p.Err(); err != nil {
		return jetstream.StreamConfig{}, err
	}
	maxBytes := c.MaxBytes
	if maxBytes == 0 {
		maxBytes = -1
	}
	return jetstream.StreamConfig{
		Name:              name,
		Description:       c.Description,
		Subjects:          []string{AllSubjects},
		Retention:         c.Retention,
		Storage:           c.Storage,
		Replicas:          replicas,
		MaxAge:            c.MaxAge,
		MaxBytes:          maxBytes,
		MaxMsgs:           -1,
		MaxMsgsPerSubject: -1,
		Discard:           jetstream.DiscardOld,
		Duplicates:        dup,
		// Events are never removed one by one: a deleted event would
		// leave a hole in its chain that no consumer could pass.
		DenyDelete: true,
		// Direct gets may be answered by a replica that lags; the
		// Publisher reads heads from the leader instead, so that a head
		// read after the stream refused an expected sequence is current.
		AllowDirect: false,
	}, nil
}

func isStreamName(s string) bool {
	if s == "" || len(s) > 255 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7F {
			return false
		}
	}
	return !strings.ContainsAny(s, ".*>/\\")
}

// EnsureStream creates the stream cfg describes, or updates it to cfg
// when it exists, and returns it. Invalid configurations are a
// *grassroots.ValidationError and change nothing; the server refuses some
// updates (storage, and a stream whose subjects another stream already
// captures), which EnsureStream returns wrapped.
func EnsureStream(ctx context.Context, js jetstream.JetStream, cfg StreamConfig) (jetstream.Stream, error) {
	if js == nil {
		return nil, grassroots.NewValidationError(grassroots.FieldError{Path: "js", Rule: grassroots.RuleRequired, Message: "a JetStream handle is required"})
	}
	sc, err := cfg.config()
	if err != nil {
		return nil, err
	}
	s, err := js.CreateOrUpdateStream(ctx, sc)
	if err != nil {
		return nil, fmt.Errorf("stream: creating or updating stream %s: %w", sc.Name, err)
	}
	return s, nil
}
