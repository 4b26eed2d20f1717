package events

import (
	"fmt"

	"github.com/grassrootsgov/grassroots"
)

// Decode parses a stored envelope (the JSON the store wrote on append)
// and checks it against the columns a store keeps beside it. A store
// that keeps envelopes calls it for every event it returns, so that an
// envelope altered in the database is a *CorruptError rather than a
// different event. position only labels the error.
func Decode(position int64, subject string, sequence int64, hash string, envelope []byte) (grassroots.Event, error) {
	e, err := grassroots.ParseEvent(envelope)
	if err != nil {
		return grassroots.Event{}, &CorruptError{Position: position, Problem: "the envelope does not parse", Err: err}
	}
	switch {
	case e.Subject != subject:
		return grassroots.Event{}, &CorruptError{Position: position, Problem: fmt.Sprintf("the envelope's subject %q is not the stored subject %q", e.Subject, subject)}
	case e.Sequence != sequence:
		return grassroots.Event{}, &CorruptError{Position: position, Problem: fmt.Sprintf("the envelope's sequence %d is not the stored sequence %d", e.Sequence, sequence)}
	case e.Hash != hash:
		return grassroots.Event{}, &CorruptError{Position: position, Problem: fmt.Sprintf("the envelope's hash %s is not the stored hash %s", e.Hash, hash)}
	}
	return e, nil
}
