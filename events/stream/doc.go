// Package stream carries sealed events between vendors and machines over
// NATS JetStream: a Publisher writes each aggregate's hash chain to the
// stream in order and once, and a durable Consumer verifies every chain
// as it arrives and hands the caller only events that extend it.
//
// # The problem
//
// Two systems built on this SDK exchange the events of incidents, risks
// and contracts. The receiver must get each event once in its aggregate's
// order, survive restarts of either side and the loss of a broker node,
// and never act on an event that was altered, forged, replayed or put on
// the wrong aggregate. JetStream stores and replicates; this package adds
// the SDK's envelope, chain and identity rules on both ends.
//
// # Subjects
//
// Every event of aggregate A of package P (from its type,
// grassroots.<P>.<name>.v1) is published on
//
//	grassroots.<P>.<token of A>
//
// where the token is A with every byte other than A–Z, a–z, 0–9, "-" and
// "_" written as "%" and two upper-case hex digits: "INC.2025/7" becomes
// "INC%2E2025%2F7", "合同-1" becomes "%E5%90%88%E5%90%8C-1". Aggregate IDs
// may contain ".", "*" and ">", which NATS subject tokens cannot; the
// escaped token never does, the mapping is one-to-one (ParseSubject
// refuses every token Subject would not write), and an aggregate's events
// share one subject, which is what per-subject ordering needs.
// EnsureStream makes a stream that captures grassroots.>; a consumer may
// narrow itself to packages (grassroots.<P>.*).
//
// # Messages and headers
//
// Events travel in the structured content mode of the CloudEvents NATS
// protocol binding: the payload is the envelope's JSON exactly as
// Event.MarshalJSON writes it, with the header Content-Type:
// application/cloudevents+json. Structured mode was chosen because the
// chain hash covers the envelope's values, and the JSON envelope carries
// them all with their types; it is the one mode every version of the
// binding supports and the form stores keep, so a relay can forward it
// across protocols untouched. DecodeMessage also reads the binary mode
// (ce- headers, percent-encoded), setting attributes from their canonical
// strings, so that a vendor whose library publishes binary mode is
// verified the same way.
//
// Two JetStream headers go with every message:
//
//   - Nats-Msg-Id is the envelope ID (grassroots.EventID derives it from
//     the aggregate, the command and the event's index), so the stream
//     drops a second copy of an event sent within its duplicate window
//     (StreamConfig.Duplicates, two minutes unless set).
//   - Nats-Expected-Last-Subject-Sequence is the stream sequence of the
//     aggregate's previous event (0 for its first), so the stream accepts
//     an event only directly after its predecessor.
//
// # Ordering and deduplication
//
// The expected-sequence header makes the stream, not the publisher, the
// judge of order: of two publishers racing to extend one aggregate, the
// first to arrive is written and the other gets a *ConflictError naming
// the stream's head; an aggregate's chain can neither interleave nor skip.
// A Publisher remembers the stream position of the last event of each
// aggregate it has seen, so this costs no lookup in the common case; it
// reads the head from the stream when it has none or the stream refused.
//
// Publishing the same sealed events again is a no-op for as long as the
// stream holds them, not only within its duplicate window. Before it
// sends an event, the Publisher places it against the aggregate's head
// (the one it remembers, or else read from the stream): an event the
// stream already holds (the head itself, or one before it,
// found by bisection on the subject) is acknowledged as a Duplicate and
// not sent. A copy that is sent anyway (a retry whose acknowledgement was
// lost, two publishers of the same events) is stopped by the stream:
// within the window by its ID, and at any age by the expected-sequence
// check (a single server checks the sequence first, a cluster the ID);
// either answer makes the Publisher read the head again and acknowledge
// the event as a Duplicate once it finds it there. A copy that a
// publisher without these headers writes beyond the window is stored;
// consumers do not hand it over (see below), so it changes nothing for
// them.
//
// Publish is the synchronous path: each event is acknowledged before the
// next is sent. PublishAsync keeps up to PublisherConfig.MaxPending
// acknowledgements outstanding; each aggregate still sends one event at a
// time (the next needs its predecessor's stream sequence), so throughput
// comes from many aggregates in one batch.
//
// # Delivery
//
// A Consumer is a durable JetStream consumer (ConsumerConfig.Durable):
// the stream remembers its acknowledged position, so a restarted consumer
// resumes there. For each message it decodes the envelope, checks that it
// sits on its own aggregate's subject, and verifies it against the
// aggregate's last verified event with grassroots.VerifyLink. That last
// event comes from a Heads: the caller's event store, returning the last
// event it holds for an aggregate, or a MemoryHeads by default.
//
//   - An event that extends its chain is handed to the Handler and
//     acknowledged once the handler returns nil.
//   - An event at or before the aggregate's head is a repeat: a
//     redelivery of an event handed over before. It is acknowledged and
//     not handed over again (Stats.Repeats) — unless it differs from the
//     head at the head's position, or this run saw the head arrive and the
//     message was stored after it: then it is a rival or a copy published
//     later, and refused.
//   - An event whose predecessor has not been handed over waits for it
//     (put back every RetryDelay, for at most MaxWait, which must exceed
//     the ack wait so that a predecessor lost with a failed consumer or
//     server comes again first), then is refused as ChainDropped.
//   - Anything else — an altered event (ChainContentChanged), a forged
//     one (ChainInserted, ChainReordered, ChainWrongSequence), an event on
//     another aggregate's subject (ErrWrongSubject), a message that is no
//     valid CloudEvent — is refused: terminated in JetStream so that it
//     is never delivered again, and reported as a *RefusedError to
//     ConsumerConfig.OnError. Nothing is dropped silently.
//   - When the handler fails, the event is put back and delivered again
//     after RetryDelay; the aggregate's later events wait for it, other
//     aggregates go on; the failure is reported as a *HandlerError.
//
// Chain verification detects alteration, insertion, reordering and loss;
// it does not tell who wrote an event. Who may publish on grassroots.> is
// NATS authorisation's business. A message on an aggregate's subject that
// is not an intact event blocks publishing on that aggregate
// (ErrNotEvent) until an operator removes it.
//
// # At least once
//
// Delivery to the handler is at least once. An event is acknowledged
// after the handler returns nil and its head is recorded; if the
// consumer stops after the handler returned and before the
// acknowledgement reached the stream (a crash, a lost connection), the
// stream delivers the event again once the ack wait has passed. When Heads already holds it — the
// handler appended it to the store that is the consumer's Heads — the
// redelivery is a repeat and is not handed over. When it does not (the
// handler had effects outside the store, or a MemoryHeads was lost with
// its process), the handler gets the event again, so handlers must be
// idempotent; appending to an event store is, since stores ignore an
// event they hold by ID. A MemoryHeads lasts as long as its process:
// across process restarts, use the store the handler writes to as Heads.
//
// # A third vendor joins
//
// A new vendor creates its own durable consumer (a Durable name of its
// own) on the stream. It starts at the stream's first message with empty
// Heads and verifies every chain from its first event. With the default
// limits retention the stream keeps everything, so that works at any time;
// with MaxAge or MaxBytes the oldest events may be gone, and the newcomer
// must start from an event store that already holds each chain up to the
// stream's first event (given as its Heads). Nothing changes for the
// vendors already reading: each durable consumer keeps its own position.
//
// # Concurrency
//
// A Publisher is safe for concurrent use. A Consumer runs one Run at a
// time and calls its Handler and OnError from Run's goroutine, one event
// at a time, so events of one aggregate reach the handler in order.
package stream
