// Package incident runs the closed loop of a grassroots matter — a
// resident's report, a grid worker's patrol finding, a sensor alert — from
// report to rating: accept or reject, place it on the map, dispatch it to
// one of the four platforms and a responsible unit, handle it within a
// time limit counted in working time, verify and close, rate; overdue
// matters are reminded, urged and reported up the grid hierarchy. Two
// vendors that use this package compute the same deadline for the same
// matter, exchange the same envelopes, and replay them to the same state.
//
// # Main types
//
//   - Incident is the state of one matter; Command and Event are closed
//     sets of typed values (Report, Accept, … and Reported, Accepted, …)
//     that embed grassroots.Meta (aggregate_id is the incident's ID).
//   - Decider is the lifecycle, answering to the SDK's one contract
//     grassroots.Decider: Decide checks a command against the state, the
//     permission table (Permissions), a Catalog and a workday.Calendar,
//     China's working-time calendar by default (workday.DefaultSpec), and
//     returns events; Evolve applies one, refusing what Decide could not
//     have produced; Replay folds a history. Every Term it starts records
//     whether its deadline rests on a provisional day (Term.Provisional).
//   - Transitions returns the transition table, a
//     grassroots.Transitions[Status]: the one place a transition is
//     written. Its DOT method draws the lifecycle.
//   - Codec moves events to and from CloudEvents envelopes
//     (grassroots.incident.<name>.v1, subject the incident ID) and the
//     incident's hash chain, with the reporter's contact masked;
//     RecordCodec does the same for the system of record and reveals the
//     contact.
//   - Catalog holds the categories of matters with their platforms and
//     time limits (workday.Limit, counted by the rules in package
//     workday's documentation); Router picks the responsible unit by grid
//     and platform and lists the units above it for escalation.
//   - Due lists the escalations that are due; FindDuplicates and
//     DuplicateIndex find likely duplicates of a new report; Statistics
//     computes closure, timeliness and satisfaction figures per group and
//     for the district, and counts the matters whose deadlines are
//     provisional.
//
// # Example
//
//	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
//	d, _ := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
//	var state incident.Incident
//	events, err := d.Decide(state, incident.Report{Meta: meta, Category: "002", …})
//	for _, e := range events {
//		state, err = d.Evolve(state, e)
//	}
//	envs, err := incident.Codec.Seal(nil, "/districts/330302/incident", events)
//	replayed, err := grassroots.ReplayEnvelopes(d, incident.Codec, envs)
//
// # Statuses
//
// The statuses, and how each corresponds to a step of the 12345
// government service hotline loop (national guideline of 2020: accept,
// dispatch, handle, reply, supervise, close, follow-up visit, evaluate),
// to a stage of digital city management (collect, verify and file,
// dispatch, handle, report back, check and close, evaluate), and to an
// Open311 GeoReport v2 status:
//
//	status       12345 hotline loop              digital city management       Open311
//	reported     received, awaiting acceptance    collected (信息收集)            open
//	accepted     accepted (受理)                  verified and filed (立案)       open
//	rejected     not accepted (不予受理)          cancelled as invalid (作废)     closed
//	dispatched   dispatched (派单)                dispatched (派遣), clock runs   open
//	returned     returned by the unit (退单)      returned (回退)                 open
//	in_progress  handling (办理)                  handling (处置)                 open
//	resolved     replied, awaiting closure (答复) reported back (反馈)            open
//	closed       closed (办结); follow-up visit   checked and closed (结案)       closed
//	             and evaluation follow (回访评价)
//	reopened     reopened for handling (重办)     re-filed for dispatch           open
//
// A substantive dissatisfied rating (RedoPolicy) causes two events: Rated,
// which keeps the matter closed, and RedoOrdered (重办), which sends it
// straight back to dispatched with the same unit and a new handling
// term. Any other reopening goes to reopened and waits for dispatch.
// Status.Open gives the Open311 column.
//
// # Places
//
// A report carries a point (Location, in a declared CRS) or, as Open311
// clients such as FixMyStreet send them, only an address (Address,
// AddressID). A matter without a point may be accepted, rejected and
// escalated but not dispatched (ErrNotLocated) until a Locate command —
// by a dispatcher, or an automated service with RoleSystem — gives it
// one; Locate also corrects a point in every open status but resolved
// (the unit has reported on the place it was sent to). Without a point the grid is unknown: Statistics
// counts such a matter in the district total and, grouped by grid, in the
// group keyed KeyUngridded; FindDuplicates and DuplicateIndex never match
// it; Due escalates it like any other. The description is optional.
//
// # Statistics
//
// Statistics returns a Summary: the district Total, one Stats per key,
// and Unkeyed, the matters without a key (KeyUnrouted by platform or
// unit: never dispatched, or returned and waiting). The groups and
// Unkeyed add up to the total in every count.
//
// # Guarantees
//
// Everything here is a pure function of its arguments: no clock, no
// randomness, no I/O, no goroutines; callers pass the time. Built values
// (Catalog, Decider, Router, DuplicateIndex, Codec) are immutable and
// safe for concurrent use. Decide never changes its input and emits
// nothing when it refuses a command; a command the state's command log
// holds is a no-op, another command with a used ID a
// *grassroots.CommandConflictError. Evolve and Replay refuse any event
// Decide could not have produced and never change their input. No result
// depends on map iteration order or on the order of an input list where
// the documentation says so (Statistics, FindDuplicates). Rates are
// decimals with RatioScale places, rounded half away from zero; distances
// are haversine metres on a sphere of radius EarthRadius, computed
// without fused multiply-add so that every platform gets the same bits.
// Personal contact data is masked in String, fmt, log/slog and JSON,
// and leaves in clear only through Contact.Reveal and RecordCodec.
package incident
