package incident

import (
	"github.com/grassrootsgov/grassroots"
)

// Codec converts incident events to and from CloudEvents envelopes:
// type grassroots.incident.<name>.v1, subject the incident ID, ID
// grassroots.EventID(incident, command, index, time), data the event's JSON
// (its struct tags define the wire). It writes the reporter's contact
// masked ("张*", "138****5678"), so its envelopes may be published;
// Codec.Seal seals events into the incident's chain, Codec.Events and
// grassroots.ReplayEnvelopes(d, Codec, envs) verify and read them back.
// Decoding reads a contact masked or in clear, and checks each event with
// its Validate method; the data an envelope stores is read by a decoder
// written for these types, anything else as encoding/json reads it.
var Codec = mustCodec(grassroots.NewCodec[Event](pkgName,
	Reported{}, Accepted{}, Rejected{}, Dispatched{}, Returned{}, Started{}, Resolved{},
	Closed{}, Reopened{}, RedoOrdered{}, Escalated{}, Extended{}, Rated{}, Located{},
)).WithAppendEncoder(appendEvent).WithDecoder(decodeEvent)

// RecordCodec is Codec for the system of record: it reveals personal
// data, writing the reporter's contact in clear in the data of reported
// envelopes, so that replaying them restores the contact. Keep its
// envelopes inside the system that holds the personal data; publish
// Codec's. Both decode the same way. A reported event with a contact
// hashes differently under the two codecs, so each keeps its own chain.
var RecordCodec = Codec.WithAppendEncoder(appendRecord)

func mustCodec(c *grassroots.Codec[Event], err error) *grassroots.Codec[Event] {
	if err != nil {
		panic(err) // the arguments are the literals above
	}
	return c
}
