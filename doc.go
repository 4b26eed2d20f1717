// Package grassroots is the root of an embeddable SDK for grassroots
// digital governance: China's all-round grid management, the four
// platforms for grassroots governance, and the companies and social
// organisations that take part in them as service providers.
//
// # The problem
//
// Every community is cut into grids with grid workers; residents, workers,
// providers and sensors report matters that are accepted, dispatched to a
// platform, handled within time limits, closed and rated. Providers work
// under contracts, are evaluated by several parties, and operate inside a
// five-stage risk chain. Each vendor builds its own system, so their data
// and their numbers disagree: a household on a shared grid edge lands in
// two grids, "five working days" ends on different days, the same ratings
// give different scores.
//
// This SDK gives vendors one set of canonical types and pure logic to
// embed, so that any two systems built on it compute the same answer for
// the same input, byte for byte.
//
// # Packages
//
//   - grassroots (this package): the shared vocabulary: Party, Actor,
//     Period, the CloudEvents Event envelope and its hash chain, and
//     ValidationError.
//   - grid: grid hierarchy and codes, geometry in WGS84/GCJ-02/BD-09,
//     exactly-one-owner point location, partition checks, worker
//     assignment; grid/geojson reads and writes RFC 7946.
//   - incident: the closed-loop lifecycle of a reported matter as a
//     decider, working-time deadlines, routing to the four platforms,
//     escalation, duplicates, statistics; incident/open311 speaks
//     GeoReport v2.
//   - provider: providers with credit codes, dated roles and participation
//     models, contracts, responsibility clarity, PIPL data-access decisions,
//     quality-based settlement; provider/ocds speaks OCDS 1.1.
//   - evaluation: indicator systems, AHP and entropy weights, TOPSIS and
//     fuzzy evaluation, exact multi-party aggregation, satisfaction indices,
//     inter-rater reliability.
//   - risk: the five-stage risk chain as a decider, assessment matrices,
//     four-level alerts, identification rules, fairness checks.
//   - mechanism: metrics of functional substitution, resource coordination
//     and multi-stakeholder interaction, and participation-model
//     recommendations.
//
// # Structure, process, function
//
// The study this SDK is built from analyses provider participation as
// structure (positions, rights and responsibilities), process
// (collaboration, resource integration, service delivery, evaluation) and
// function (outcomes). Structure lives in grid (who is responsible where)
// and provider (roles, contracts, responsibility matrices, data grants);
// process in incident (service delivery), evaluation (performance
// evaluation) and risk (the safeguarding chain); function in mechanism,
// which measures outcomes from the records the other packages keep.
//
// # Guarantees
//
//   - Determinism: no function reads the clock or a global random source;
//     callers pass the time ("at", "now") and randomness (an io.Reader or a
//     seed). Results never depend on map iteration order or input order
//     unless the input is a sequence by nature (a chain of events).
//   - Concurrency: values are immutable once built; built structures (a
//     grid index, a compiled calendar or grant set) are safe for concurrent
//     use and say so on their type. Nothing starts a goroutine.
//   - Exactness: money, scores and weights are decimal.Decimal, written as
//     JSON strings; every function that rounds documents its scale and
//     rounding mode. Floating-point steps are written so that amd64 and
//     arm64 give the same bits.
//   - No I/O in the core: reading and writing files, HTTP and storage live
//     in adapters (grid/geojson, incident/open311, provider/ocds) and
//     examples.
//   - Bad input gets a typed error and changes nothing; no exported
//     function panics on any input. Nor does a method with a pointer
//     receiver called on a nil pointer: its type's documentation says
//     what the nil pointer answers, and decoding into one (the
//     UnmarshalText of every enumeration included) returns an error.
//
// # Lifecycles
//
// Every lifecycle (incidents, risks, contracts) answers to one contract,
// Decider: Decide(state, command) returns typed domain events or an error
// and no events; Evolve(state, event) applies one, taking the new state
// from the lifecycle's Transitions table, the one place its transitions
// are written; Replay(events) folds them and refuses any history Decide
// could not have produced. Commands and events embed Meta (aggregate_id,
// command_id, actor, at, the same JSON names in every package); events
// implement DomainEvent. Decide is idempotent by command ID: each state
// keeps a CommandLog of the IDs themselves, and TransitionError,
// CommandConflictError and ReplayError have one shape everywhere.
//
// # Events on the wire
//
// One generic Codec per lifecycle package turns domain events into Event
// envelopes (CloudEvents 1.0 structured JSON) and back: type
// "grassroots.<package>.<name>.v1", subject the aggregate ID, time the
// event's at, dataschema SchemaURI(package, name), and an ID that EventID
// derives from the subject, the command ID and the event's index, so
// deciding or publishing a command again gives the same IDs. Seal links
// the envelopes of one subject into a hash chain (Codec.AppendSealed
// also writes them as JSON Lines); Codec.Events and ReplayEnvelopes
// always verify it before they decode. VerifyLink checks one event
// against the one before it; AppendVerified does so and writes the event's
// JSON in the same pass, for a publisher or a store that forwards what it
// checks.
//
// Envelopes are strict in and strict out (see Event): what breaks
// CloudEvents 1.0, RFC 8259, RFC 3339 or I-JSON is refused with the
// attribute named, and nothing is written that could not be read back.
//
// # The chain's wire format
//
// Each sealed event carries three extension attributes: sequence (its
// position in its subject's chain, 1 for the first, a JSON integer),
// prevhash (the previous event's hash; absent on the first) and hash. The
// hash is the lowercase hexadecimal SHA-256 of the UTF-8 bytes of the
// RFC 8785 canonical JSON of one object built from the event:
//
//   - one member per context and extension attribute present, except
//     hash, named as the attribute and holding, as a JSON string, the
//     attribute's CloudEvents canonical string: strings as they are;
//     integers (sequence among them) in decimal without sign or leading
//     zeros; booleans "true" or "false"; time as the same instant in UTC
//     in RFC 3339 with upper-case "T" and "Z" and the fewest fractional
//     digits that hold it (none for a whole second): "2025-06-09T02:00:00Z",
//     "2025-06-09T02:00:00.5Z";
//   - the member data, when present, holding the data's JSON value (which
//     RFC 8785 then writes canonically), or data_base64 holding the
//     payload in standard base64 with padding.
//
// Because the hash covers values, not the bytes as written, a relay that
// re-encodes an event without changing its values leaves the chain
// verifiable: members in any order, any insignificant white space, time
// in any offset or precision that keeps the instant, data re-encoded as
// equal JSON. Tested safe: the CNCF CloudEvents Go SDK decoding and
// re-encoding structured JSON; a binding that carries attributes as text
// (the HTTP binary mode's ce- headers) when the receiver sets them with
// SetAttribute. Not safe: anything that changes a value (truncating time
// to milliseconds, dropping an extension), and a relay that receives the
// binary mode and writes structured JSON without knowing the extension
// types: it writes sequence as a string, which strict decoding refuses.
//
// The conformance vectors in testdata/conformance/v2/grassroots give
// hashes, relayed forms and envelope IDs for another language to check.
package grassroots
