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
//     function panics on any input.
//
// # Events
//
// Lifecycles (incidents, risks, contracts) are deciders: Decide(state,
// command) returns typed domain events, Evolve applies one, Replay folds
// them. At the boundary each package turns its domain events into Event
// envelopes (CloudEvents 1.0, type "grassroots.<package>.<name>.v1",
// subject = the aggregate's ID) and Seal links them into a per-subject hash
// chain: SHA-256 over the RFC 8785 canonical JSON of each event, carried in
// the extension attributes sequence, prevhash and hash. VerifyChain tells
// where and how a stored chain was tampered with.
package grassroots
