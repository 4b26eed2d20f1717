// Package events is the contract for where sealed events live: a Store
// that appends each subject's hash chain with optimistic concurrency,
// loads it back, and serves every event of every subject as one global
// log for projections and subscribers.
//
// # The problem
//
// A lifecycle package (incident, risk, provider) decides commands into
// domain events, its Codec turns them into grassroots.Event envelopes and
// seals them into the subject's chain. Those envelopes are the system of
// record: they must be stored so that two writers deciding on the same
// stale state cannot both win, a retried append stores nothing twice, a
// forged or broken chain is refused at the door, and a reader of the
// whole log, resuming from where it stopped, misses nothing. Each vendor
// runs its own database; the contract is what they share.
//
// # Main types
//
//   - Store: Append(subject, expected, batch), Load(subject, after),
//     ReadLog(after, limit). Its documentation is the contract, step by
//     step, and the conformance suite in events/storetest checks it.
//   - Follower: Follow(after, limit), ReadLog that waits for new events.
//   - MultiAppender: AppendMany(batches), batches of several subjects in
//     one transaction, all or none; a refusal is a BatchError naming the
//     batch.
//   - Record: an event and its global position.
//   - ConflictError, DuplicateIDError, BatchError, CorruptError, SchemaVersionError
//     and the sentinels they match; chain refusals are
//     *grassroots.ChainError and bad arguments *grassroots.ValidationError.
//   - CheckBatch, IsReplay, CheckHead, CheckLoad, CheckRead and Decode:
//     the checks of the contract that do not depend on the database, so
//     every store, ours or an integrator's, refuses the same input with
//     the same error. LoadVerified loads a chain and verifies it.
//
// A command handler reads, decides, seals and appends, and on a conflict
// reads what it missed and decides again:
//
//	evs, err := events.LoadVerified(ctx, store, id, nil)
//	// ... rebuild the state from evs, decide, seal the new events after
//	// the last of evs into batch ...
//	err = store.Append(ctx, id, int64(len(evs)), batch)
//	if errors.Is(err, events.ErrConflict) {
//		// load again and retry
//	}
//
// # Guarantees
//
//   - An append is atomic: all of its events are stored or none.
//   - Every stored chain verifies: each event was checked with
//     grassroots.VerifyLink against the one before it, the stored head for
//     the first of a batch.
//   - Appending the same events again is a no-op; an event ID names one
//     event in the whole store.
//   - The global log is a stable total order: a reader that has seen
//     position p and reads after p misses nothing, then or ever.
//   - Events come back as appended, with byte-identical JSON.
//
// # The events/ folder
//
// Everything that stores sealed events or carries them between systems
// lives under events/: the stores, the streams between vendors and
// machines, the CloudEvents bindings to HTTP. They belong together
// because they all move the one value the root package defines, the
// sealed grassroots.Event, for every lifecycle package at once rather
// than for one of them, and because they are where the SDK meets
// databases, brokers and the network. Grouping them keeps the top level
// to the design (grid, incident, provider, evaluation, risk, mechanism)
// and keeps every driver and client import under one folder.
//
//   - events (this package): the contract, its errors and shared checks;
//     no driver.
//   - events/storetest: the conformance suite every Store passes.
//   - events/sqlite: a Store in one SQLite file through a pure-Go driver,
//     the embedded default.
//   - events/postgres: a Store in PostgreSQL through pgx, for
//     production, with LISTEN/NOTIFY for followers.
//   - the stream and HTTP packages beside them carry the same envelopes
//     between systems, keeping per-subject order and deduplicating by
//     event ID.
//
// The direction is one way. The core packages (the root, grid, incident,
// provider, evaluation, risk, mechanism) never import events/ or anything
// under it, so `go list -deps` of a core package names no database or
// network library; programs and adapters import the core and a store. This
// package imports no driver or client either, so code that only consumes
// a Store links none.
package events
