package grassroots

import (
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// MaxIDLength is the longest identifier, in bytes, that IsValidID accepts.
const MaxIDLength = 128

// IsValidID reports whether s is an identifier of this SDK: 1 to
// MaxIDLength bytes of valid UTF-8 with no white space, control characters
// or noncharacters. Aggregate IDs (incidents, risks, contracts), command
// IDs and unit IDs all follow it.
func IsValidID(s string) bool {
	if s == "" || len(s) > MaxIDLength {
		return false
	}
	// Printable ASCII without the space, the common ID, needs one pass,
	// eight bytes at a time.
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if !printableWord(s[i : i+8]) {
			return validIDText(s)
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7F {
			return validIDText(s)
		}
	}
	return true
}

// printableWord reports whether every one of the eight bytes of w lies
// in '!'..'~'. Read as one little-endian word x, a byte is outside when
// its top bit is set (0x80 and above), when adding 1 sets it (0x7F), or
// when subtracting 0x21 borrows into it while it was clear (below 0x21);
// each test is exact for bytes below 0x80, and any other byte already
// fails the first.
func printableWord(w string) bool {
	x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (x|(x+ones)|((x-0x21*ones)&^x))&highs == 0
}

// validIDText reports whether s, of a length IsValidID accepts, holds
// only what IsValidID allows.
func validIDText(s string) bool {
	if canonjson.IsPlainASCII(s) {
		return strings.IndexByte(s, ' ') < 0
	}
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || canonjson.IsNoncharacter(r) {
			return false
		}
	}
	return true
}

// Meta is what every command carries and every domain event copies from
// the command that caused it: the aggregate (the incident, risk or
// contract), the command's ID (its idempotency key), who issued it and
// when. In JSON its fields sit at the top level of the command or event
// that embeds it, under the same names in every package:
//
//	{"aggregate_id": "…", "command_id": "…", "actor": {…}, "at": "…"}
//
// The zero value is invalid. Metas compare with Equal semantics for At:
// use At.Equal, not ==, since == compares time zones too.
type Meta struct {
	// AggregateID identifies the aggregate the command addresses. It is
	// the subject of every envelope of the aggregate.
	AggregateID string `json:"aggregate_id"`
	// CommandID identifies the command. A lifecycle applies a command once:
	// a repeat with the same ID is a no-op (see CommandLog).
	CommandID string `json:"command_id"`
	// Actor is who issued the command.
	Actor Actor `json:"actor"`
	// At is when the command was issued, with an offset; the time of every
	// event it causes.
	At time.Time `json:"at"`
}

// Metadata returns m. Every command and event embeds a Meta and so has
// this method.
func (m Meta) Metadata() Meta { return m }

// Validate reports every problem with m: IDs that are not IDs (see
// IsValidID), an invalid actor, a zero time or one that RFC 3339 cannot
// write.
func (m Meta) Validate() error {
	var fs fieldList
	if !IsValidID(m.AggregateID) {
		fs.add("aggregate_id", RuleFormat, "aggregate_id must be 1 to 128 bytes without spaces or control characters")
	}
	if !IsValidID(m.CommandID) {
		fs.add("command_id", RuleFormat, "command_id must be 1 to 128 bytes without spaces or control characters")
	}
	fs = append(fs, FieldErrors("actor", m.Actor.Validate())...)
	switch {
	case m.At.IsZero():
		fs.add("at", RuleRequired, "at is required")
	case !writableTimestamp(m.At):
		fs.add("at", RuleFormat, "at: "+timestampProblem(m.At))
	}
	return NewValidationError(fs...)
}

// The Unix times of 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the
// seconds whose year RFC 3339 can write lie in [minYearSec, endYearSec).
const (
	minYearSec = -62167219200
	endYearSec = 253402300800
)

// writableTimestamp reports whether timestampProblem(t) is "", looking
// the zone up once instead of three times: when the instant and its
// local wall time both fall in years 0000 to 9999 and the offset has
// whole minutes, nothing is wrong; any other time gets the full check.
func writableTimestamp(t time.Time) bool {
	_, off := t.Zone()
	u := t.Unix()
	if off%60 == 0 && minYearSec <= u && u < endYearSec && minYearSec-int64(off) <= u && u < endYearSec-int64(off) {
		return true
	}
	return timestampProblem(t) == ""
}

// DomainEvent is what every domain event of every lifecycle implements:
// its Meta (promoted from the embedded Meta) and its wire name, the
// <name> of its CloudEvents type grassroots.<package>.<name>.v1.
type DomainEvent interface {
	Metadata() Meta
	EventName() string
}

// Command is what every command of every lifecycle implements: its Meta
// and its name as the lifecycle's transition table writes it.
type Command interface {
	Metadata() Meta
	CommandName() string
}

// Decider is the one contract every lifecycle (incident, risk, contract)
// answers to:
//
//   - Decide checks a command against the state and returns the events it
//     causes, or an error and no events. It never changes the state. A
//     command whose ID the state has applied returns no events and no
//     error; a different command with a used ID is a *CommandConflictError.
//   - Evolve applies one event, taking the new state from the lifecycle's
//     transition table, and refuses an event that the decider could not
//     have produced from the state.
//   - Replay folds events from the zero state with Evolve; it refuses any
//     history Decide could not have produced, naming the event's index in
//     a *ReplayError.
type Decider[S any, C Command, E DomainEvent] interface {
	Decide(state S, cmd C) ([]E, error)
	Evolve(state S, event E) (S, error)
	Replay(events []E) (S, error)
}

// errNoReplay answers a replay given nothing to replay with.
var errNoReplay = errors.New("grassroots: a replay needs an evolve function, or a decider and a codec, not nil")

// Replay folds events from the zero state with evolve, stopping at the
// first refusal, which it returns as a *ReplayError with the event's
// index. Every lifecycle's Replay is this fold over its own Evolve.
func Replay[S any, E DomainEvent](evolve func(S, E) (S, error), events []E) (S, error) {
	var s S
	if evolve == nil {
		return s, errNoReplay
	}
	for i, e := range events {
		next, err := evolve(s, e)
		if err != nil {
			var zero S
			return zero, &ReplayError{Index: i, Err: err}
		}
		s = next
	}
	return s, nil
}

// ReplayEnvelopes verifies that envs form one intact chain, decodes them
// with c and replays the events with d. It is the only way from stored
// envelopes to a state: the chain is always verified.
func ReplayEnvelopes[S any, C Command, E DomainEvent](d Decider[S, C, E], c *Codec[E], envs []Event) (S, error) {
	if d == nil || c == nil {
		var zero S
		return zero, errNoReplay
	}
	events, err := c.Events(envs)
	if err != nil {
		var zero S
		return zero, err
	}
	return d.Replay(events)
}
