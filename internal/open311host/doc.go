// Package open311host runs the Open311 handler of package incident/open311
// as a server that keeps its data: the persistence, publishing and access
// log that the example server (examples/open311server) and the command
// (grassroots serve open311) share.
//
// # The problem
//
// incident/open311 decides every change through the incident package and
// stores it through its small Store interface, with MemoryStore for tests.
// A server that must survive a restart needs a Store whose records are
// sealed events in an event store, rebuilt and verified when it starts;
// one that feeds other systems publishes the same events, masked, to NATS
// JetStream. Both programs need exactly that, so it is written once here.
//
// # Why here
//
// The package opens SQLite and PostgreSQL stores and connects to NATS, so
// it cannot be a core package (incident/open311 imports no driver). It is
// internal because it is the wiring of this module's two programs, with
// flags and defaults that may change; an integrator builds the same from
// the public pieces it uses: incident.RecordCodec, incident.Codec, an
// events.Store (events/sqlite, events/postgres) and events/stream.
//
// # What is stored
//
// Every decided incident event is sealed with incident.RecordCodec (the
// reporter's contact in clear, as the system of record needs) into the
// incident's chain, subject the request ID. What an Open311 record holds
// that incident events do not is kept in a second chain on subject
// "open311:<request ID>", of type grassroots.open311.<name>.v1:
//
//   - submitted, once per request: zipcode, account_id and every
//     attribute value as posted;
//   - update_received, once per received update, in the order received:
//     update_id, status, updated_datetime (to the nanosecond and with its
//     offset), description, media_url and external_status_code.
//
// The address, description, media URLs and contact are the incident's and
// live in its events. Over a store that appends several subjects in one
// transaction (events.MultiAppender: events/sqlite and events/postgres
// both do) a save stores both chains' new events together or not at all.
// Over one that does not, a save appends the incident's new events first
// and then the Open311 events; when the second append fails (or the
// process dies between them), the client is answered 500 and the store
// serves what it holds: the incident ahead of its update. The client's retry of the update
// (same update_id) then records it without deciding it twice, since the
// incident decider is idempotent by command ID. A new request stored
// without its submitted event keeps no attributes, zipcode or account_id.
// A conflict on the incident's chain (another writer) reloads the
// request from the store and is answered as open311.ErrConflict, so the
// handler decides again.
//
// Open rebuilds every record from the store (the events of other
// packages in a shared store are skipped) and verifies every chain;
// a chain that does not verify (a row altered behind the store's back) is
// an error and the server does not start. Records are then served from
// memory, so one process serves a store at a time.
//
// # Publishing
//
// With a publisher, every incident event is sealed again with
// incident.Codec (contact masked) into a chain of its own and published
// after it is stored; Open publishes every stored chain again, which the
// stream acknowledges as duplicates, so events a failed publish missed
// reach the stream on the next start. Open311 events are not published:
// their attributes may carry a reporter's details.
package open311host
