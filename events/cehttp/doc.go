// Package cehttp carries the SDK's events over HTTP, as the CloudEvents
// HTTP Protocol Binding 1.0.2 defines, so that two vendors' systems can
// push hash-chained events to each other's endpoints and each can verify
// the chain on arrival, whatever SDK the other side uses.
//
// A Handler (built by NewHandler from a Deliver function and
// HandlerOptions) receives events and hands them to the function; a
// Client sends them and reports a refusal as a *StatusError carrying the
// receiver's Problem body. ParseBatch and MarshalBatch read and write the
// JSON Batch Format on their own. Heads lets the Handler verify chains
// against what the receiver holds.
//
//	h, err := cehttp.NewHandler(func(ctx context.Context, events []grassroots.Event) error {
//		return save(ctx, events) // the receiver's own storage
//	}, cehttp.HandlerOptions{})
//	http.Handle("/events", h)
//
//	err = (&cehttp.Client{}).SendBinary(ctx, "https://receiver.example.com/events", sealed)
//
// # The three content modes
//
// The receiver tells the mode from the Content-Type header:
//
//   - structured: Content-Type application/cloudevents+json, the body one
//     event in CloudEvents JSON;
//   - batch: Content-Type application/cloudevents-batch+json, the body a
//     JSON array of such events, delivered together and in order;
//   - binary: any other Content-Type (or none) with ce- headers: each
//     attribute in a ce-<name> header, datacontenttype in Content-Type,
//     the data as the body.
//
// # Strict in
//
// The Handler is as strict as the envelope codec, grassroots.ParseEvent.
// Structured bodies go through ParseEvent and batches through ParseBatch,
// which reads every element with ParseEvent: a repeated member name,
// invalid UTF-8 or an inexact number anywhere refuses the request, and
// one bad event refuses the whole batch. In binary mode each ce- header
// value is unescaped (quoted strings, then one round of percent-decoding,
// as the binding requires of receivers) and set with
// grassroots.Event.SetAttribute, so time must be RFC 3339 exactly and
// sequence a decimal integer without sign or leading zero; a header that
// is not valid percent-encoding, decodes to invalid UTF-8, appears twice,
// or is ce-datacontenttype is refused. A body whose media type is JSON
// (none, application/json, text/json or a +json type) becomes the event's
// data and must then be valid I-JSON; any other body becomes its
// data_base64. The assembled event is then validated as a whole. Every
// problem of a request is reported at once.
//
// # Binary mode keeps the chain verifiable
//
// The chain hash covers each attribute's CloudEvents canonical string
// (see the grassroots package documentation). Client.SendBinary writes
// exactly those strings into the ce- headers, and the Handler sets them
// back with SetAttribute, which reads sequence as an integer and keeps
// every other extension as the string it hashes to, so the event that
// arrives has the hash that left, and VerifyChain passes on the receiving
// side. The body maps to data or data_base64 by media type alone, so
// SendBinary refuses (ErrNotBinary) an event whose data and media type
// disagree, which the binary mode cannot carry unchanged; structured mode
// carries every valid event.
//
// Peers built on the CNCF CloudEvents Go SDK (v2.16) interoperate in
// every mode: its binary-mode writer and reader do not percent-encode, so
// attribute values with spaces, double quotes, percent signs or
// non-ASCII characters should travel between it and this package in
// structured mode. The Handler accepts such characters unencoded (raw
// UTF-8 is unambiguous) but reads a % as the start of an escape.
//
// # Status codes
//
// The Handler answers
//
//   - 202 Accepted when the Deliver function returned nil. The Handler
//     cannot know whether the function processed the events or queued
//     them, and the CloudEvents webhook specification asks for 202 when
//     the processing status is unknown; it sends no body;
//   - 400 Bad Request for an invalid event, with a Problem body (RFC
//     9457, application/problem+json) naming each attribute at fault;
//   - 405 Method Not Allowed, with Allow: OPTIONS, POST, for any method
//     but POST and OPTIONS;
//   - 409 Conflict when the events break their subjects' chains against
//     HandlerOptions.Heads, or the Deliver function reports ErrConflict or
//     grassroots.ErrChainBroken;
//   - 413 Content Too Large beyond HandlerOptions.MaxBodyBytes (1 MiB by
//     default);
//   - 415 Unsupported Media Type for a request that is no CloudEvent in a
//     mode it reads: an event format other than JSON, a charset other than
//     UTF-8, a Content-Encoding, Content-Type given twice, or neither a
//     CloudEvents Content-Type nor ce- headers;
//   - 500 Internal Server Error when the Deliver function or the Heads
//     lookup fails; their error text is never sent.
//
// # Webhook abuse protection
//
// The Handler answers the validation handshake of the CloudEvents HTTP
// webhook specification: an OPTIONS request with WebHook-Request-Origin
// gets 200 with WebHook-Allowed-Origin and WebHook-Allowed-Rate when the
// origin is in HandlerOptions.WebhookOrigins, and 403 without them
// otherwise. Consent by callback (WebHook-Request-Callback) is not given:
// the answer is immediate. The Handler does not require the origin header
// on deliveries, nor throttle; authorisation belongs to the server in
// front of it.
//
// # Chain verification
//
// With HandlerOptions.Heads set, the Handler checks every link before it
// delivers: each event must be sealed and follow the previous event of its
// subject, in the request or, for the first, the head the receiver holds.
// Without it, the Deliver function verifies, with grassroots.VerifyLink
// or by appending to an event store that checks chains.
//
// # Guarantees
//
// Handler and Client are safe for concurrent use. Nothing here starts a
// goroutine or reads the clock. Refused requests deliver nothing.
package cehttp
