package main

import (
	"fmt"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
)

// A vendor's part of the lifecycle is a function from a matter's state to
// the command it issues next, if any. The two vendors take turns: the
// hotline acts on reported, accepted, returned, resolved and closed
// matters, the provider on dispatched and in-progress ones, so they never
// write the same matter at once. The command's time and choices come from
// the world's seeded source for the matter and its version, and its ID
// names the version it was decided on, so deciding again after a restart
// gives the same command, which the state's command log makes a no-op.

// Salts that keep the random draws of the decisions apart.
const (
	saltHotline uint64 = 1 + iota
	saltProvider
	saltResident
)

var (
	dispatcher = grassroots.Actor{ID: "dispatcher-7", Party: grassroots.Community, Organization: "330302001001", Roles: []string{incident.RoleDispatcher}}
	supervisor = grassroots.Actor{ID: "supervisor-2", Party: grassroots.Government, Organization: "gov-330302", Roles: []string{incident.RoleSupervisor}}
)

// cmdMeta is the Meta of the command op decided on state s.
func cmdMeta(s *incident.Incident, op string, actor grassroots.Actor) grassroots.Meta {
	return grassroots.Meta{AggregateID: s.ID, CommandID: fmt.Sprintf("%s/%s-%d", s.ID, op, s.Version), Actor: actor}
}

// hotlineNext is vendor A's part: accept or reject, dispatch through the
// router, dispatch again after a return, close what the unit resolved,
// and pass on the resident's rating.
func (w *world) hotlineNext(s incident.Incident) (incident.Command, error) {
	r := w.rng(s.ID, s.Version, saltHotline)
	switch s.Status {
	case incident.StatusReported:
		if r.IntN(10) == 0 {
			m := cmdMeta(&s, "reject", dispatcher)
			m.At = after(r, s.UpdatedAt, 5, 40)
			return incident.Reject{Meta: m, Reason: incident.RejectInvalid, Note: "not a public matter"}, nil
		}
		m := cmdMeta(&s, "accept", dispatcher)
		m.At = after(r, s.UpdatedAt, 5, 40)
		return incident.Accept{Meta: m}, nil
	case incident.StatusAccepted, incident.StatusReturned:
		cat, ok := w.decider.Catalog().Lookup(s.Category)
		if !ok {
			return nil, fmt.Errorf("%s: category %q is not in the catalogue", s.ID, s.Category)
		}
		route, err := w.router.Route(cat, s.Grid)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.ID, err)
		}
		m := cmdMeta(&s, "dispatch", dispatcher)
		m.At = after(r, s.UpdatedAt, 5, 30)
		return incident.Dispatch{Meta: m, Platform: route.Platform, Unit: route.Unit}, nil
	case incident.StatusResolved:
		m := cmdMeta(&s, "close", dispatcher)
		m.At = after(r, s.UpdatedAt, 20, 120)
		return incident.Close{Meta: m, Note: "checked on site"}, nil
	case incident.StatusClosed:
		return w.rating(s)
	}
	return nil, nil
}

// rating is the resident's rating of a closed matter, passed on by the
// hotline, or nil: residents rate four closures in five; one first rating
// in six is a substantive complaint, which orders a redo.
func (w *world) rating(s incident.Incident) (incident.Command, error) {
	if s.Rated {
		return nil, nil
	}
	r := w.rng(s.ID, s.Redos, saltResident)
	if r.IntN(5) == 0 {
		return nil, nil
	}
	m := cmdMeta(&s, "rate", grassroots.Actor{ID: s.Reporter, Party: grassroots.Resident})
	m.At = after(r, s.UpdatedAt, 60, 24*60)
	if s.Redos == 0 && r.IntN(6) == 0 {
		return incident.Rate{Meta: m, Grade: incident.Dissatisfied, Comment: "still there", Substantive: true}, nil
	}
	g := incident.VerySatisfied
	if r.IntN(3) == 0 {
		g = incident.Satisfied
	}
	return incident.Rate{Meta: m, Grade: g}, nil
}

// settled reports whether the hotline expects nothing more of a matter.
func (w *world) settled(s incident.Incident) (bool, error) {
	switch s.Status {
	case incident.StatusRejected:
		return true, nil
	case incident.StatusClosed:
		c, err := w.rating(s)
		return c == nil, err
	}
	return false, nil
}

// providerNext is vendor B's part, for matters dispatched to one of its
// teams: send back one first dispatch in ten as outside the contract,
// start, and resolve with evidence.
func (w *world) providerNext(s incident.Incident) (incident.Command, error) {
	if s.Unit != cleaning && s.Unit != maintenance {
		return nil, nil
	}
	r := w.rng(s.ID, s.Version, saltProvider)
	worker := grassroots.Actor{ID: fmt.Sprintf("%s-worker-%d", s.Unit, 1+r.IntN(4)), Party: grassroots.Provider,
		Organization: s.Unit, Roles: []string{incident.RoleHandler}}
	switch s.Status {
	case incident.StatusDispatched:
		if s.Returns == 0 && s.Redos == 0 && r.IntN(10) == 0 {
			m := cmdMeta(&s, "return", worker)
			m.At = after(r, s.UpdatedAt, 10, 60)
			return incident.Return{Meta: m, Reason: "on private land, outside the contract's area"}, nil
		}
		m := cmdMeta(&s, "start", worker)
		m.At = after(r, s.UpdatedAt, 10, 90)
		return incident.Start{Meta: m}, nil
	case incident.StatusInProgress:
		m := cmdMeta(&s, "resolve", worker)
		m.At = after(r, s.UpdatedAt, 20, 480)
		return incident.Resolve{Meta: m, Result: "cleared and photographed",
			Evidence: []string{fmt.Sprintf("https://p001.example.com/evidence/%s-%d.jpg", s.ID, s.Version)}}, nil
	}
	return nil, nil
}
