// Package provider makes the place of service providers in grassroots
// governance computable: who a provider is, which roles it holds, which
// functions it may take under which contract, who is accountable for what
// where, who may assess whom, what it is paid for a period, and which
// personal information it may touch.
//
// # Main types
//
//   - USCC: the Unified Social Credit Code (GB 32100-2015), parsed and
//     checked by ParseUSCC with a typed *USCCError per rejection reason.
//   - Provider: legal form, parent organisation, dated status history,
//     roles as Popolo-style dated Memberships (PartialDate: YYYY, YYYY-MM,
//     YYYY-MM-DD), combinable dated Participation models and HSDS-style
//     Services.
//   - Function and RoleTable: governance functions in three families and
//     which roles may take them (DefaultRoleTable); CheckSupplier rejects a
//     contract that gives a provider a function its roles do not cover.
//   - Contract: the clauses Ministry of Finance Order No. 102 requires, the
//     term rules (see TermLimit), a RACI matrix, SLA terms, OCDS-style
//     milestones and transactions.
//   - CheckResponsibility finds functions in an area with two accountable
//     parties at once, or none; CheckIndependence finds assessors that are
//     not independent of what they assess.
//   - Settle computes the fee of a period in exact decimals, line by line.
//   - Grant, Request, Decision: PIPL data-access decisions, deny by
//     default; CompileGrants for speed. CheckGrant keeps a grant within its
//     contract; Revoke applies a termination and returns the disposal
//     obligations it creates.
//
// The adapter to the Open Contracting Data Standard lives in provider/ocds.
// Language-neutral conformance vectors for credit codes, contract terms,
// the lifecycle and its envelopes, responsibility, settlement and data
// access are in testdata/conformance/v2/provider at the module root.
//
// # The contract lifecycle
//
// A contract is drafted, amended, published, signed, put into force
// (activated) and completed, terminated or cancelled. Decider follows the
// one lifecycle contract of the SDK (grassroots.Decider): Decide checks a
// command against the contract's State and returns the events it causes,
// Evolve applies one event, Replay folds a history. Commands and events
// embed grassroots.Meta, whose AggregateID is the contract ID and whose
// Actor issues the command: the buyer (a government actor of the buying
// organ) or, for signing and terminating, the supplier too. The
// transition table (Transitions) is the only place a transition is
// written; its DOT rendering is in testdata/contract.dot.
//
// Evolve refuses any event Decide could not have produced from the state,
// re-checking the actor's rights and the command's conditions from the
// event's data, so a replayed history is as trustworthy as the decisions
// that made it. Decide is idempotent by command ID (State.Commands).
// Codec turns events into hash-chained CloudEvents envelopes of type
// grassroots.provider.contract_<name>.v1; Decider.ReplayEnvelopes verifies
// the chain and replays them.
//
// # Errors
//
// Invalid values are a *grassroots.ValidationError listing every problem
// with its field path and a grassroots.Rule name (or one of this
// package's Rule constants). A command the status does not allow is a
// *grassroots.TransitionError naming what is allowed; an actor who may
// not issue a command a *ForbiddenError naming the party expected. A
// denied data-access request carries a *DenialError (Decision.Denial,
// Decision.Err) that names, for the grant that came closest, the fields,
// purpose, action and times at fault and what the grant allows instead.
//
// # Example
//
//	code, err := provider.ParseUSCC("91350100M000100Y43")
//	if err != nil { … }
//	if err := contract.Validate(); err != nil { … } // every problem at once
//	events, err := provider.Decider{}.Decide(state, provider.Sign{Meta: meta})
//	s, err := provider.Settle(contract, march, measurements, "good")
//
// # Guarantees
//
// Every function is pure: values in, values out, no I/O, no clock, no
// global state; the caller passes times and randomness. Results never
// depend on map iteration or input order where the documentation says so.
// CompiledGrants, RoleTable, Decider and Codec are immutable and safe for
// concurrent use; the other types are plain values whose slices are shared
// on copy. Allowing a data-access request does not allocate.
//
// Money is decimal.Decimal, never float. Settle rounds each line to the
// currency's minor unit (ISO 4217) with round-half-to-even, and the payable
// amount is the exact sum of the rounded lines.
//
// Partial dates are read in a time zone the caller passes (Rules.Location,
// ChinaStandardTime by default); a start date means the first instant of
// its span, an end date the first instant after it (see PartialDate).
// Periods are half-open throughout, as grassroots.Period is.
package provider
