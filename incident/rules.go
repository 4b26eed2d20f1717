package incident

import (
	"fmt"
	"slices"
	"strings"

	"github.com/grassrootsgov/grassroots"
)

// Roles an actor may hold for the permission table. Organisations give
// their staff these roles; an actor may hold several.
const (
	// RoleDispatcher accepts, rejects, dispatches, extends and closes.
	RoleDispatcher = "dispatcher"
	// RoleHandler handles a matter for the responsible unit.
	RoleHandler = "handler"
	// RoleSupervisor escalates, closes and reopens.
	RoleSupervisor = "supervisor"
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

// check returns nil when a may issue the rule's command on in.
func (r *Rule) check(a grassroots.Actor, in *Incident) error {
	deny := func(why string) error { return &PermissionError{Op: r.Op, Actor: a.ID, Party: a.Party, Missing: why} }
	if len(r.Parties) > 0 && !slices.Contains(r.Parties, a.Party) {
		return deny("party")
	}
	if len(r.Roles) > 0 && !slices.ContainsFunc(r.Roles, a.HasRole) {
		return deny("role")
	}
	if r.Reporter && a.ID != in.Reporter {
		return deny("reporter")
	}
	if r.Unit && a.Organization != in.Unit {
		return deny("unit")
	}
	return nil
}

// Transition is one row of the transition table: the statuses a command
// kind may be issued in, and the status it leads to (0: unchanged).
type Transition struct {
	Op   Op       `json:"op"`
	From []Status `json:"from"`
	To   Status   `json:"to,omitempty"`
}

var transitions = [...]Transition{
	OpReport:   {OpReport, nil, StatusReported},
	OpAccept:   {OpAccept, []Status{StatusReported}, StatusAccepted},
	OpReject:   {OpReject, []Status{StatusReported, StatusReturned}, StatusRejected},
	OpDispatch: {OpDispatch, []Status{StatusAccepted, StatusReturned, StatusReopened}, StatusDispatched},
	OpReturn:   {OpReturn, []Status{StatusDispatched}, StatusReturned},
	OpStart:    {OpStart, []Status{StatusDispatched}, StatusInProgress},
	OpResolve:  {OpResolve, []Status{StatusInProgress}, StatusResolved},
	OpClose:    {OpClose, []Status{StatusResolved}, StatusClosed},
	OpReopen:   {OpReopen, []Status{StatusClosed}, StatusReopened},
	OpEscalate: {OpEscalate, []Status{StatusReported, StatusDispatched, StatusInProgress}, 0},
	OpExtend:   {OpExtend, []Status{StatusDispatched, StatusInProgress}, 0},
	OpRate:     {OpRate, []Status{StatusClosed}, 0},
}

// Transitions returns the transition table, one row per command kind in
// Op order. Report applies only to the zero Incident (its From is empty).
// A rating may also reopen the matter for a redo, which leads to
// StatusDispatched. The result is a copy.
func Transitions() []Transition {
	out := make([]Transition, 0, len(transitions)-1)
	for _, t := range transitions[1:] {
		t.From = slices.Clone(t.From)
		out = append(out, t)
	}
	return out
}

// allowed reports whether op may apply in status s (0: not yet reported).
func allowed(op Op, s Status) bool {
	if op == OpReport {
		return s == 0
	}
	return s != 0 && slices.Contains(transitions[op].From, s)
}

// TransitionGraph renders the transition table in Graphviz DOT: one node
// per status, plus "unreported" for the zero Incident, and one edge per
// (status, command) pair that changes the status. Commands that keep the
// status (escalate, extend, rate) are drawn as loops; the redo a rating
// may order is drawn from closed to dispatched.
func TransitionGraph() string {
	var b strings.Builder
	b.WriteString("digraph incident {\n\trankdir=LR;\n\t\"unreported\" [shape=point];\n")
	edge := func(from, to string, label string) {
		fmt.Fprintf(&b, "\t%q -> %q [label=%q];\n", from, to, label)
	}
	for _, t := range transitions[1:] {
		if t.Op == OpReport {
			edge("unreported", t.To.String(), t.Op.String())
			continue
		}
		for _, from := range t.From {
			to := t.To
			if to == 0 {
				to = from
			}
			edge(from.String(), to.String(), t.Op.String())
		}
	}
	edge(StatusClosed.String(), StatusDispatched.String(), "rate (redo)")
	b.WriteString("}\n")
	return b.String()
}
