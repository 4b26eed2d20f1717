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
//     milestones and transactions. Its lifecycle is a Decider (Decide,
//     Evolve, Replay) over the transition table Transitions returns;
//     Codec seals its events into hash-chained grassroots.Event envelopes
//     and Decider.ReplayEnvelopes replays them.
//   - CheckResponsibility finds functions in an area with two accountable
//     parties at once, or none; CheckIndependence finds assessors that are
//     not independent of what they assess.
//   - Settle computes the fee of a period in exact decimals, line by line.
//   - Grant, Request, Decision: PIPL data-access decisions, deny by
//     default with every reason listed; CompileGrants for speed. CheckGrant
//     keeps a grant within its contract; Revoke applies a termination and
//     returns the disposal obligations it creates.
//
// The adapter to the Open Contracting Data Standard lives in provider/ocds.
// Language-neutral conformance vectors for credit codes, contract terms,
// the lifecycle, responsibility, settlement and data access are in
// testdata/conformance/v2/provider at the module root.
//
// # Example
//
//	code, err := provider.ParseUSCC("91350100M000100Y43")
//	if err != nil { … }
//	if err := contract.Validate(); err != nil { … } // every problem at once
//	s, err := provider.Settle(contract, march, measurements, "good")
//
// # Guarantees
//
// Every function is pure: values in, values out, no I/O, no clock, no
// global state; the caller passes times and randomness. Results never
// depend on map iteration or input order where the documentation says so.
// CompiledGrants and RoleTable are immutable and safe for concurrent use;
// the other types are plain values whose slices are shared on copy.
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
