package incident

import (
	"slices"

	"github.com/grassrootsgov/grassroots"
)

// pkgName is the incident lifecycle's name: the <package> of its
// CloudEvents types and the Lifecycle of its *grassroots.TransitionError.
const pkgName = "incident"

// table is the transition table: the one place where the incident
// lifecycle's transitions are written. Decide asks it whether a command
// applies in a status, Evolve where an event leads. A rating that orders
// a redo causes two events, each with its row: rated keeps the matter
// closed, redo_ordered sends it back to dispatched.
var table = grassroots.Transitions[Status]{
	{Command: "report", Event: "reported", To: StatusReported},
	{Command: "accept", Event: "accepted", From: []Status{StatusReported}, To: StatusAccepted},
	{Command: "reject", Event: "rejected", From: []Status{StatusReported, StatusReturned}, To: StatusRejected},
	{Command: "dispatch", Event: "dispatched", From: []Status{StatusAccepted, StatusReturned, StatusReopened}, To: StatusDispatched},
	{Command: "return", Event: "returned", From: []Status{StatusDispatched}, To: StatusReturned},
	{Command: "start", Event: "started", From: []Status{StatusDispatched}, To: StatusInProgress},
	{Command: "resolve", Event: "resolved", From: []Status{StatusInProgress}, To: StatusResolved},
	{Command: "close", Event: "closed", From: []Status{StatusResolved}, To: StatusClosed},
	{Command: "reopen", Event: "reopened", From: []Status{StatusClosed}, To: StatusReopened},
	{Command: "escalate", Event: "escalated", From: []Status{StatusReported, StatusDispatched, StatusInProgress}},
	{Command: "extend", Event: "extended", From: []Status{StatusDispatched, StatusInProgress}},
	{Command: "rate", Event: "rated", From: []Status{StatusClosed}},
	{Command: "rate", Event: "redo_ordered", From: []Status{StatusClosed}, To: StatusDispatched},
	{Command: "locate", Event: "located", From: locatable},
}

// locatable are the statuses in which Locate applies: every open status
// before the unit reports the matter handled. Once it is resolved, the
// handling it reports on was done at the recorded place; a correction
// then waits for a reopening.
var locatable = []Status{StatusReported, StatusAccepted, StatusDispatched, StatusReturned, StatusInProgress, StatusReopened}

// Transitions returns the transition table, one row per command and
// event, in the order of the lifecycle: Report's row has no From (it
// applies before the incident exists), rows without To keep the status.
// Its DOT method draws the graph. The result is a copy.
func Transitions() grassroots.Transitions[Status] {
	out := slices.Clone(table)
	for i := range out {
		out[i].From = slices.Clone(out[i].From)
	}
	return out
}

// Roles an actor may hold for the permission table. Organisations give
// their staff these roles; an actor may hold several.
const (
	// RoleDispatcher accepts, rejects, dispatches, extends, locates and
	// closes.
	RoleDispatcher = "dispatcher"
	// RoleHandler handles a matter for the responsible unit.
	RoleHandler = "handler"
	// RoleSupervisor escalates, closes and reopens.
	RoleSupervisor = "supervisor"
	// RoleSystem is an automated service acting for a government or
	// community organisation, such as a geocoder that locates reports
	// made with an address.
	RoleSystem = "system"
)

// Rule says who may issue one kind of command. An actor passes when its
// party is listed (or Parties is empty), it holds one of Roles (or Roles
// is empty), it is the incident's reporter when Reporter is set, and its
// Organization is the responsible unit when Unit is set.
type Rule struct {
	Op       Op                 `json:"op"`
	Parties  []grassroots.Party `json:"parties,omitempty"`
	Roles    []string           `json:"roles,omitempty"`
	Reporter bool               `json:"reporter,omitempty"`
	Unit     bool               `json:"unit,omitempty"`
}

var (
	staff    = []grassroots.Party{grassroots.Government, grassroots.Community}
	handlers = []grassroots.Party{grassroots.Government, grassroots.Provider, grassroots.Community}
)

// rules is the permission table, indexed by Op.
var rules = [...]Rule{
	OpReport:   {Op: OpReport},
	OpAccept:   {Op: OpAccept, Parties: staff, Roles: []string{RoleDispatcher}},
	OpReject:   {Op: OpReject, Parties: staff, Roles: []string{RoleDispatcher}},
	OpDispatch: {Op: OpDispatch, Parties: staff, Roles: []string{RoleDispatcher}},
	OpReturn:   {Op: OpReturn, Parties: handlers, Roles: []string{RoleHandler}, Unit: true},
	OpStart:    {Op: OpStart, Parties: handlers, Roles: []string{RoleHandler}, Unit: true},
	OpResolve:  {Op: OpResolve, Parties: handlers, Roles: []string{RoleHandler}, Unit: true},
	OpClose:    {Op: OpClose, Parties: staff, Roles: []string{RoleDispatcher, RoleSupervisor}},
	OpReopen:   {Op: OpReopen, Parties: staff, Roles: []string{RoleSupervisor}},
	OpEscalate: {Op: OpEscalate, Parties: []grassroots.Party{grassroots.Government}, Roles: []string{RoleSupervisor}},
	OpExtend:   {Op: OpExtend, Parties: staff, Roles: []string{RoleDispatcher}},
	OpRate:     {Op: OpRate, Reporter: true},
	OpLocate:   {Op: OpLocate, Parties: staff, Roles: []string{RoleDispatcher, RoleSystem}},
}

// Permissions returns the permission table, one Rule per command kind in
// Op order. The result is a copy.
func Permissions() []Rule {
	out := make([]Rule, 0, len(rules)-1)
	for _, r := range rules[1:] {
		r.Parties = slices.Clone(r.Parties)
		r.Roles = slices.Clone(r.Roles)
		out = append(out, r)
	}
	return out
}

// check returns nil when a may issue the rule's command on in, and
// otherwise a *PermissionError that names what was expected.
func (r *Rule) check(a grassroots.Actor, in *Incident) error {
	switch {
	case len(r.Parties) > 0 && !slices.Contains(r.Parties, a.Party):
		e := r.deny(&a, MissingParty)
		e.Parties = slices.Clone(r.Parties)
		return e
	case len(r.Roles) > 0 && !holdsOne(a.Roles, r.Roles):
		e := r.deny(&a, MissingRole)
		e.Roles = slices.Clone(r.Roles)
		return e
	case r.Reporter && a.ID != in.Reporter:
		e := r.deny(&a, MissingReporter)
		e.Reporter = in.Reporter
		return e
	case r.Unit && a.Organization != in.Unit:
		e := r.deny(&a, MissingUnit)
		e.Unit = in.Unit
		return e
	}
	return nil
}

// deny returns the *PermissionError of a refused by r for missing.
func (r *Rule) deny(a *grassroots.Actor, missing string) *PermissionError {
	return &PermissionError{Op: r.Op, Actor: a.ID, Party: a.Party, Missing: missing}
}

// holdsOne reports whether held has one of wanted.
func holdsOne(held, wanted []string) bool {
	for _, w := range wanted {
		if slices.Contains(held, w) {
			return true
		}
	}
	return false
}
