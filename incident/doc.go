// Package incident runs the closed loop of a grassroots matter — a
// resident's report, a grid worker's patrol finding, a sensor alert — from
// report to rating: accept or reject, dispatch to one of the four
// platforms and a responsible unit, handle within a time limit counted in
// working time, verify and close, rate; overdue matters are reminded,
// urged and reported up the grid hierarchy. Two vendors that use this
// package compute the same deadline for the same matter and replay the
// same events to the same state.
//
// # Main types
//
//   - Incident is the state of one matter; Command and Event are closed
//     sets of typed values (Report, Accept, … and Reported, Accepted, …).
//   - Decider decides commands against a Catalog and a
//     workday.Calendar, China's working-time calendar by default
//     (workday.DefaultSpec); every Term it starts records whether its
//     deadline rests on a provisional day (Term.Provisional);
//     Evolve applies an event; Replay folds a history and checks it.
//   - ToEnvelope, Seal, FromEnvelope and ReplayEnvelopes move events
//     to and from CloudEvents envelopes (grassroots.incident.<name>.v1,
//     subject the incident ID) and the incident's hash chain.
//   - Catalog holds the categories of matters with their platforms and
//     time limits (workday.Limit, counted by the rules in package
//     workday's documentation); Router picks the responsible unit by grid and platform
//     and lists the units above it for escalation.
//   - Due lists the escalations that are due; FindDuplicates and
//     DuplicateIndex find likely duplicates of a new report; Statistics
//     computes closure, timeliness and satisfaction figures, and counts
//     the matters whose deadlines are provisional.
//
// # Example
//
//	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
//	d, _ := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
//	var state incident.Incident
//	events, err := d.Decide(state, incident.Report{Meta: meta, Category: "002", …})
//	for _, e := range events {
//		state = incident.Evolve(state, e)
//	}
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
// A redo ordered by a dissatisfied rating (重办) goes straight from closed
// back to dispatched with the same unit; any other reopening goes to
// reopened and waits for dispatch. Status.Open gives the Open311 column.
// Transitions and Permissions return the transition and permission tables
// as data; TransitionGraph draws the transitions in Graphviz DOT.
//
// # Guarantees
//
// Everything here is a pure function of its arguments: no clock, no
// randomness, no I/O, no goroutines; callers pass the time. Built values
// (Catalog, Decider, Router, DuplicateIndex) are immutable and
// safe for concurrent use. Decide never changes its input and emits
// nothing when it refuses a command; a command ID already seen is a
// no-op. Evolve never fails. No result depends on map iteration order or
// on the order of an input list where the documentation says so
// (Statistics, FindDuplicates). Rates are decimals with RatioScale places,
// rounded half away from zero; distances are haversine metres on a sphere
// of radius EarthRadius, computed without fused multiply-add so that every
// platform gets the same bits. Personal contact data is masked everywhere
// except Contact.Reveal and envelopes written with RevealContact.
package incident
