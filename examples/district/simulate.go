package main

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/workday"
)

// The incident year is a discrete-event simulation. Each matter gets a
// script drawn from the seeded generator when it is reported (how fast it
// is accepted, whether it is misrouted, how long handling takes, whether
// the reporter is satisfied); every step of the script is a command sent
// through the SDK's decider at its time, in time order within the part of
// the district the matter belongs to (see shard.go), and a sweep every two
// hours of the day runs the SDK's overdue check over the part's open
// matters, as a district platform's scheduler would. Nothing here decides
// a transition itself: a command the decider refuses is counted and the
// script moves on.

// action is one scripted step.
type action uint8

const (
	actReport action = iota + 1
	actAccept
	actDispatch
	actReturn
	actRedispatch
	actStart
	actExtend
	actResolve
	actClose
	actRate
	actReopen
)

// script is what will happen to one matter, drawn when it is reported.
// It holds no pointers, so the collector never scans the year's scripts:
// the report it makes is rebuilt from it when it is due (see report).
type script struct {
	at           int64 // report time, Unix nanoseconds
	point        grid.Point
	leaf         int32   // index of the grid in the hierarchy's leaves
	resident     int32   // the reporting resident's number (app and hotline)
	phone        int32   // the reporter's phone number (app and hotline)
	duplicateOf  int32   // index of the matter this one repeats, or -1
	lateFraction float64 // handling time as a share of the term; > 1 is late
	category     uint8   // index in the catalogue's categories
	channel      incident.Channel
	invalid      bool
	misrouted    bool
	extend       bool
	rate         bool
	reopen       bool
	grades       [2]incident.Grade
	substantive  [2]bool
}

// scheduled is one step in the agenda; its time is in Unix nanoseconds,
// so the agenda holds no pointers for the collector to scan.
type scheduled struct {
	at  int64
	seq int64 // ties in time keep insertion order, so the run is deterministic
	idx int32
	act action
}

// agenda is a binary min-heap of steps by time, then insertion order.
type agenda []scheduled

func (a agenda) less(i, j int) bool {
	if a[i].at != a[j].at {
		return a[i].at < a[j].at
	}
	return a[i].seq < a[j].seq
}

func (a *agenda) push(s scheduled) {
	*a = append(*a, s)
	h := *a
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (a *agenda) pop() scheduled {
	h := *a
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l := 2*i + 1
		if l >= len(h) {
			break
		}
		c := l
		if r := l + 1; r < len(h) && h.less(r, l) {
			c = r
		}
		if !h.less(c, i) {
			break
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
	*a = h
	return top
}

// world is the simulated district's moving parts.
type world struct {
	rng      *rand.Rand
	seed     uint64 // the run's seed, which seeds the parts' generators
	h        hierarchy
	tree     *grid.Tree
	index    *grid.Index
	catalog  *incident.Catalog
	calendar *workday.Calendar
	decider  *incident.Decider
	router   *incident.Router
	dupOpts  incident.DuplicateOptions
	year     int

	scripts     []script
	states      []*incident.Incident // the matters not yet settled; nil before the report and once folded
	spare       []*incident.Incident // settled matters' states, for reuse
	pending     []uint8              // each matter's steps in the agenda
	fold        *yearFold
	foldErr     error
	settled     []settledMatter // matters settled since the fold last took them
	nextSweep   time.Time       // the part's next overdue sweep
	reported    int             // the part's reports made so far
	sink        *eventSink      // nil: the events are counted, not kept
	keepStates  bool            // keep every final state, for the tests
	final       []incident.Incident
	cmdSeq      []int
	categories  []incident.Category
	closeAt     []int64 // when verification closes each matter, planned at start (Unix ns; 0 none)
	agenda      agenda
	seq         int64
	open        []int32 // matters open now, in the order they opened; -1 for one that left
	pos         []int32 // each matter's position in open, or -1
	due         dueQueue
	dueIdx      []int32
	commands    int
	refused     int
	refusals    map[string]int
	escalated   []incident.Level      // highest escalation each matter ever received
	gridLate    map[grid.Code]float64 // extra chance of lateness per grid
	providers   []providerUnit
	eventCount  int
	providerIDs map[string]bool
	residents   int // of the whole district, for drawing reporters
	dupDay      int
	batch       []incident.Incident
	views       []incident.Incident // duplicateView of each open matter, in no order
	viewOf      []int32             // the matter of each view
	viewPos     []int32             // each matter's position in views, or -1
	reports     []int32             // script indices in report-time order
	dupIndex    *incident.DuplicateIndex
	actors      actors
	routes      []route // by leaf and category; see routeOf
}

// providerUnit is a provider that reports matters on patrol and, for some
// streets, is the responsible unit of a platform.
type providerUnit struct {
	ID     string
	Street grid.Code
}

func (w *world) schedule(at time.Time, idx int, act action) {
	w.seq++
	w.pending[idx]++
	w.agenda.push(scheduled{at: at.UnixNano(), seq: w.seq, idx: int32(idx), act: act})
}

func (w *world) meta(idx int, actor grassroots.Actor, at time.Time) grassroots.Meta {
	w.cmdSeq[idx]++
	id := w.states[idx].ID
	if id == "" {
		id = incidentID(idx)
	}
	return grassroots.Meta{
		AggregateID: id,
		CommandID:   id + "/" + strconv.Itoa(w.cmdSeq[idx]),
		Actor:       actor,
		At:          at,
	}
}

// apply sends one command through the decider and folds its events.
func (w *world) apply(idx int, cmd incident.Command) bool {
	w.commands++
	evs, err := w.decider.Decide(*w.states[idx], cmd)
	if err != nil {
		w.refused++
		w.refusals[cmd.CommandName()+": "+refusalKind(err)]++
		return false
	}
	if e, ok := cmd.(incident.Escalate); ok && len(evs) > 0 && e.Level > w.escalated[idx] {
		w.escalated[idx] = e.Level
	}
	s := *w.states[idx]
	for _, e := range evs {
		if s, err = w.decider.Evolve(s, e); err != nil {
			w.refused++
			w.refusals[e.EventName()+": "+refusalKind(err)]++
			return false
		}
	}
	*w.states[idx] = s
	w.track(idx)
	w.eventCount += len(evs)
	if w.sink != nil {
		w.sink.decided(idx, evs)
	}
	return true
}

// state returns the matter's state, making room for it at its report.
func (w *world) state(idx int) *incident.Incident {
	if s := w.states[idx]; s != nil {
		return s
	}
	var s *incident.Incident
	if n := len(w.spare); n > 0 {
		s, w.spare = w.spare[n-1], w.spare[:n-1]
	} else {
		s = new(incident.Incident)
	}
	w.states[idx] = s
	return s
}

// settle folds a matter that nothing can change any more, closed or
// rejected with no step left in the agenda, or any matter at the end
// of the run, and lets its state go.
func (w *world) settle(idx int) {
	s := w.states[idx]
	if s == nil {
		return
	}
	w.settled = append(w.settled, settledMatter{state: *s, escalated: w.escalated[idx]})
	if w.keepStates {
		w.final[idx] = *s
	}
	if w.sink != nil {
		w.sink.settled(idx)
	}
	*s = incident.Incident{}
	w.states[idx] = nil
	w.closeAt[idx] = 0
	w.spare = append(w.spare, s)
}

// settleIfFinal settles the matter when no step of it is left and it is
// not open.
func (w *world) settleIfFinal(idx int) {
	if s := w.states[idx]; s != nil && w.pending[idx] == 0 && !s.Status.Open() {
		w.settle(idx)
	}
}

// refusalKind names the class of a refused command for the run's log.
func refusalKind(err error) string {
	var te *grassroots.TransitionError
	var pe *incident.PermissionError
	var ve *grassroots.ValidationError
	switch {
	case errors.As(err, &te):
		return "not allowed in this status"
	case errors.As(err, &pe):
		return "not permitted"
	case errors.As(err, &ve):
		return "invalid"
	case errors.Is(err, incident.ErrTimeBackwards):
		return "dated before the last event"
	}
	return "other"
}

// Actors of the district. Their IDs and organisations follow the grid
// codes, so permissions resolve the way a real deployment's would.
func dispatcher(community grid.Code) grassroots.Actor {
	return grassroots.Actor{ID: "dispatcher-" + string(community), Party: grassroots.Community, Organization: string(community), Roles: []string{incident.RoleDispatcher}}
}

func supervisor(street grid.Code) grassroots.Actor {
	return grassroots.Actor{ID: "supervisor-" + string(street), Party: grassroots.Government, Organization: string(street), Roles: []string{incident.RoleSupervisor}}
}

func handler(unit string, party grassroots.Party) grassroots.Actor {
	return grassroots.Actor{ID: "handler-" + unit, Party: party, Organization: unit, Roles: []string{incident.RoleHandler}}
}

// actors holds the district's actors once built: a command's actor is
// one of a few thousand, and building it anew for each command allocated
// its ID and roles every time. Commands and events share them and never
// change them. Dispatchers and supervisors are kept by leaf grid, so
// finding one reads no map.
type actors struct {
	dispatchers []grassroots.Actor          // by leaf; zero until first needed
	supervisors []grassroots.Actor          // by leaf
	handlers    map[string]grassroots.Actor // by unit
	reporters   map[reporterKey]grassroots.Actor
}

func newActors(leaves int) actors {
	return actors{dispatchers: make([]grassroots.Actor, leaves), supervisors: make([]grassroots.Actor, leaves),
		handlers: map[string]grassroots.Actor{}, reporters: map[reporterKey]grassroots.Actor{}}
}

// dispatcherOf is the dispatcher of the community of leaf grid leaf.
func (w *world) dispatcherOf(leaf int32) grassroots.Actor {
	a := &w.actors.dispatchers[leaf]
	if a.ID == "" {
		*a = dispatcher(w.communityOf(w.h.leaves[leaf].Code))
	}
	return *a
}

// supervisorOf is the supervisor of the street of leaf grid leaf.
func (w *world) supervisorOf(leaf int32) grassroots.Actor {
	a := &w.actors.supervisors[leaf]
	if a.ID == "" {
		*a = supervisor(w.streetOf(w.h.leaves[leaf].Code))
	}
	return *a
}

// route is the responsible unit of a category on a leaf grid, as the
// router assigns it; the router is immutable, so each is asked once.
type route struct {
	asked    bool
	platform incident.Platform
	unit     string
	err      error
}

// routeOf returns the router's assignment of the matter's category on
// its grid.
func (w *world) routeOf(sc *script) *route {
	r := &w.routes[int(sc.leaf)*len(w.categories)+int(sc.category)]
	if !r.asked {
		r.asked = true
		a, err := w.router.Route(w.categories[sc.category], w.h.leaves[sc.leaf].Code)
		r.platform, r.unit, r.err = a.Platform, a.Unit, err
	}
	return r
}

// handlerOf is the handler of unit.
func (w *world) handlerOf(unit string) grassroots.Actor {
	a, ok := w.actors.handlers[unit]
	if !ok {
		a = handler(unit, w.unitParty(unit))
		w.actors.handlers[unit] = a
	}
	return a
}

// unitParty says who a unit belongs to: provider units carry their
// provider's ID.
func (w *world) unitParty(unit string) grassroots.Party {
	if w.providerIDs[unit] {
		return grassroots.Provider
	}
	return grassroots.Government
}

func (w *world) communityOf(g grid.Code) grid.Code {
	c, _ := w.tree.Parent(g)
	return c
}

func (w *world) streetOf(g grid.Code) grid.Code {
	s, _ := w.tree.Parent(w.communityOf(g))
	return s
}

// step is a scripted action due now.
type step struct {
	at  time.Time
	idx int
	act action
}

// step runs one scripted action.
func (w *world) step(s step) {
	idx, at := s.idx, s.at
	sc := &w.scripts[idx]
	st := w.state(idx)
	g := st.Grid
	switch s.act {
	case actReport:
		if !w.apply(idx, w.report(idx, at)) {
			return
		}
		w.schedule(w.within(at, st.AcceptTerm, w.rng.Float64()*0.8+0.05), idx, actAccept)
	case actAccept:
		d := w.dispatcherOf(sc.leaf)
		if sc.invalid {
			w.apply(idx, incident.Reject{Meta: w.meta(idx, d, at), Reason: incident.RejectInvalid, Note: "not a public matter"})
			return
		}
		if sc.duplicateOf >= 0 {
			if orig, ok := w.findDuplicate(idx); ok {
				w.apply(idx, incident.Reject{Meta: w.meta(idx, d, at), Reason: incident.RejectDuplicate, DuplicateOf: orig, Note: "already reported"})
				return
			}
		}
		if w.apply(idx, incident.Accept{Meta: w.meta(idx, d, at)}) {
			w.schedule(at.Add(time.Duration(5+w.rng.IntN(55))*time.Minute), idx, actDispatch)
		}
	case actDispatch, actRedispatch:
		route := w.routeOf(sc)
		if route.err != nil {
			w.refused++
			w.refusals["route: "+route.err.Error()]++
			return
		}
		platform, unit := route.platform, route.unit
		if s.act == actDispatch && sc.misrouted {
			cat, _ := w.catalog.Lookup(st.Category)
			platform, unit = w.wrongRoute(cat, g)
		}
		cmd := incident.Dispatch{Meta: w.meta(idx, w.dispatcherOf(sc.leaf), at), Platform: platform, Unit: unit}
		if !w.apply(idx, cmd) {
			return
		}
		if s.act == actDispatch && sc.misrouted {
			w.schedule(at.Add(time.Duration(30+w.rng.IntN(210))*time.Minute), idx, actReturn)
			return
		}
		w.schedule(at.Add(time.Duration(10+w.rng.IntN(110))*time.Minute), idx, actStart)
	case actReturn:
		if w.apply(idx, incident.Return{Meta: w.meta(idx, w.handlerOf(st.Unit), at), Reason: "outside this unit's duty"}) {
			w.schedule(at.Add(time.Duration(10+w.rng.IntN(50))*time.Minute), idx, actRedispatch)
		}
	case actStart:
		if !w.apply(idx, incident.Start{Meta: w.meta(idx, w.handlerOf(st.Unit), at)}) {
			return
		}
		term := st.HandleTerm
		if sc.extend {
			w.schedule(w.within(at, term, 0.7), idx, actExtend)
			return
		}
		w.planHandling(idx, at, term, sc.lateFraction)
	case actExtend:
		cmd := incident.Extend{Meta: w.meta(idx, w.dispatcherOf(sc.leaf), at), RequestedAt: at.Add(-10 * time.Minute),
			By: workday.Limit{Amount: 3, Unit: workday.WorkingDays}, Reason: "materials on order"}
		w.apply(idx, cmd)
		w.planHandling(idx, at, st.HandleTerm, min(sc.lateFraction, 0.9))
	case actResolve:
		cmd := incident.Resolve{Meta: w.meta(idx, w.handlerOf(st.Unit), at), Result: "handled on site",
			Evidence: []string{"https://evidence.example.org/" + st.ID + "/" + strconv.Itoa(w.cmdSeq[idx]) + ".jpg"}}
		if w.apply(idx, cmd) {
			w.schedule(time.Unix(0, max(w.closeAt[idx], at.Add(5*time.Minute).UnixNano())), idx, actClose)
		}
	case actClose:
		if !w.apply(idx, incident.Close{Meta: w.meta(idx, w.dispatcherOf(sc.leaf), at), Note: "verified on site"}) {
			return
		}
		switch {
		case sc.rate && st.Redos <= 1:
			w.schedule(at.Add(time.Duration(60+w.rng.IntN(71*60))*time.Minute), idx, actRate)
		case sc.reopen && st.Reopens == 0:
			w.schedule(at.Add(time.Duration(1+w.rng.IntN(10))*24*time.Hour), idx, actReopen)
		}
	case actRate:
		round := min(st.Redos, 1)
		grade := sc.grades[round]
		if !st.ClosedAt.IsZero() && !st.HandleTerm.End.IsZero() && st.ClosedAt.After(st.HandleTerm.End) && grade < incident.Dissatisfied && w.rng.IntN(3) == 0 {
			grade++ // late handling costs satisfaction
		}
		reporter := w.reporter(idx)
		redosBefore := st.Redos
		cmd := incident.Rate{Meta: w.meta(idx, reporter, at), Grade: grade, Substantive: sc.substantive[round],
			Comment: gradeComment(grade)}
		if w.apply(idx, cmd) && st.Redos > redosBefore {
			w.schedule(at.Add(time.Duration(20+w.rng.IntN(100))*time.Minute), idx, actStart)
		}
	case actReopen:
		if w.apply(idx, incident.Reopen{Meta: w.meta(idx, w.supervisorOf(sc.leaf), at), Reason: "problem recurred on inspection"}) {
			w.schedule(at.Add(time.Duration(20+w.rng.IntN(100))*time.Minute), idx, actRedispatch)
		}
	}
}

// planHandling schedules resolution and verification so that the matter
// closes when a share f of its handling term has elapsed (after the
// deadline when f > 1), with the unit's report coming first.
func (w *world) planHandling(idx int, from time.Time, term incident.Term, f float64) {
	w.closeAt[idx] = w.within(from, term, f).UnixNano()
	w.schedule(w.within(from, term, f*(0.6+0.3*w.rng.Float64())), idx, actResolve)
}

func gradeComment(g incident.Grade) string {
	switch g {
	case incident.Dissatisfied, incident.VeryDissatisfied:
		return "the problem is back"
	case incident.Neutral:
		return "slow but done"
	}
	return "thank you"
}

// within returns the instant a share f of term has elapsed after from,
// measured as the term measures time (working time for working limits).
func (w *world) within(from time.Time, term incident.Term, f float64) time.Time {
	if term.IsZero() || !term.End.After(from) {
		return from.Add(time.Duration(5+w.rng.IntN(30)) * time.Minute)
	}
	if !term.Working {
		return from.Add(time.Duration(f * float64(term.End.Sub(from))))
	}
	total, err := w.calendar.WorkingTime(from, term.End)
	if err != nil || total <= 0 {
		return from.Add(time.Duration(f * float64(term.End.Sub(from))))
	}
	target := time.Duration(f * float64(total))
	// Walk forward in working time: the deadline of the target span, in
	// whole working hours plus the remainder as wall time within the day.
	hours := int(target / time.Hour)
	at := from
	if hours > 0 {
		if d, err := w.calendar.Deadline(from, workday.Limit{Amount: hours, Unit: workday.WorkingHours}); err == nil {
			at = d.At
		}
	}
	return at.Add(target - time.Duration(hours)*time.Hour)
}

// wrongRoute picks a unit of another platform on the same grid: the
// misrouting a return later corrects.
func (w *world) wrongRoute(cat incident.Category, g grid.Code) (incident.Platform, string) {
	other := cat
	other.Platform = incident.Platform(int(cat.Platform)%4 + 1)
	a, err := w.router.Route(other, g)
	if err != nil {
		return cat.Platform, ""
	}
	return a.Platform, a.Unit
}

// findDuplicate asks the SDK whether the matter repeats one that was open
// at the last sweep.
func (w *world) findDuplicate(idx int) (string, bool) {
	if w.dupIndex == nil {
		return "", false
	}
	ms, err := w.dupIndex.Find(*w.states[idx])
	if err != nil || len(ms) == 0 {
		return "", false
	}
	return ms[0].ID, true
}

// track keeps the open list and the due queue in step with a matter's
// state: a matter that opens (a report, a redo, a reopening) joins the
// list, one that closes or is rejected leaves it, and every change moves
// the instant from which the overdue check escalates it.
func (w *world) track(idx int) {
	s := w.states[idx]
	p := w.pos[idx]
	if !s.Status.Open() {
		if p >= 0 {
			w.open[p], w.pos[idx] = -1, -1
			w.dropView(idx)
		}
		w.due.remove(int32(idx))
		return
	}
	if p < 0 {
		w.pos[idx] = int32(len(w.open))
		w.open = append(w.open, int32(idx))
		w.viewPos[idx] = int32(len(w.views))
		w.views = append(w.views, duplicateView(s))
		w.viewOf = append(w.viewOf, int32(idx))
	}
	at, ok, err := incident.NextDue(*s, w.due.policy)
	switch {
	case err != nil:
		w.due.set(int32(idx), s.UpdatedAt.UnixNano()) // let the check itself report the problem
	case ok:
		w.due.set(int32(idx), at.UnixNano())
	default:
		w.due.remove(int32(idx))
	}
}

// sweep runs the overdue check at now over the open matters that are
// due, as the platform's scheduler does, in the order they opened, and
// once a day rebuilds the duplicate index over every open matter.
func (w *world) sweep(now time.Time) {
	t := now.UnixNano()
	w.dueIdx = w.due.until(t, w.dueIdx[:0])
	slices.SortFunc(w.dueIdx, func(a, b int32) int { return int(w.pos[a] - w.pos[b]) })
	w.batch = w.batch[:0]
	for _, idx := range w.dueIdx {
		w.batch = append(w.batch, *w.states[idx])
	}
	cmds, err := incident.Due(w.batch, now, w.due.policy)
	if err != nil {
		w.refusals["due: "+err.Error()]++
		return
	}
	for _, c := range cmds {
		if j := w.indexOf(c.Metadata().AggregateID); j >= 0 {
			w.apply(j, c)
		}
	}
	// The duplicate index is rebuilt at the first sweep of each day: a
	// repeat report within hours of the original is the common case, and
	// matters opened since are checked the next day.
	if day := now.YearDay(); day != w.dupDay || w.dupIndex == nil {
		w.dupDay = day
		w.compactOpen()
		if w.dupIndex, err = incident.NewDuplicateIndex(w.views, w.dupOpts); err != nil {
			w.refusals["duplicates: "+err.Error()]++
		}
	}
}

// duplicateView is what the duplicate search reads of an open matter:
// its ID, status, category, point and report time, none of which changes
// while it stays open. The run keeps the views of the open matters as
// they open and close (the search's answer does not depend on their
// order), rather than copying every open matter's state each day.
func duplicateView(s *incident.Incident) incident.Incident {
	return incident.Incident{ID: s.ID, Status: s.Status, Category: s.Category, Location: s.Location, ReportedAt: s.ReportedAt}
}

// dropView takes the view of matter idx out of the open matters' views.
func (w *world) dropView(idx int) {
	i := w.viewPos[idx]
	last := int32(len(w.views) - 1)
	moved := w.viewOf[last]
	w.views[i], w.viewOf[i] = w.views[last], moved
	w.viewPos[moved] = i
	w.views, w.viewOf = w.views[:last], w.viewOf[:last]
	w.viewPos[idx] = -1
}

// compactOpen drops the matters that left the open list, keeping the
// order of the others.
func (w *world) compactOpen() {
	live := w.open[:0]
	for _, idx := range w.open {
		if idx >= 0 {
			w.pos[idx] = int32(len(live))
			live = append(live, idx)
		}
	}
	w.open = live
}

func (w *world) indexOf(id string) int {
	// IDs are "inc-NNNNNNN" in report order.
	digits, ok := strings.CutPrefix(id, "inc-")
	n, err := strconv.Atoi(digits)
	if !ok || err != nil || n < 1 || n > len(w.scripts) {
		return -1
	}
	return n - 1
}

// The overdue check runs every two hours from 08:00 to 22:00 local time.
const (
	firstSweepHour = 8
	lastSweepHour  = 22
	sweepEvery     = 2
)

func nextSweepAfter(t time.Time) time.Time {
	next := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), 0, 0, 0, t.Location()).Add(time.Hour)
	for next.Hour() < firstSweepHour || next.Hour() > lastSweepHour || (next.Hour()-firstSweepHour)%sweepEvery != 0 {
		next = next.Add(time.Hour)
	}
	return next
}

// drawLateFraction draws handling time as a share of the term: most
// matters finish well inside it, a grid-dependent few run over.
func (w *world) drawLateFraction(g grid.Code) float64 {
	pLate := 0.06 + w.gridLate[g]
	if w.rng.Float64() < pLate {
		return 1.05 + w.rng.Float64()*1.5
	}
	return 0.1 + 0.85*math.Sqrt(w.rng.Float64())
}

func sortedCodes[V any](m map[grid.Code]V) []grid.Code {
	out := make([]grid.Code, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
