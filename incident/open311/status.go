package open311

import (
	"bytes"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Status is an extended status of mySociety's servicerequestupdates
// extension, the vocabulary FixMyStreet and its council back ends use for
// updates. A service request itself only says open or closed. The zero
// value is invalid and prints "Status(0)".
type Status uint8

// The extended statuses.
const (
	StatusOpen Status = iota + 1
	StatusClosed
	StatusFixed
	StatusInProgress
	StatusPlanned
	StatusActionScheduled
	StatusInvestigating
	StatusDuplicate
	StatusNotCouncilsResponsibility
	StatusNoFurtherAction
	StatusInternalReferral
	StatusCancelled
	StatusReopen
	StatusForTriage
	StatusUnchanged
)

var statusNames = enum.New[Status]("open311.Status",
	"open", "closed", "fixed", "in_progress", "planned", "action_scheduled", "investigating",
	"duplicate", "not_councils_responsibility", "no_further_action", "internal_referral",
	"cancelled", "reopen", "for_triage", "unchanged",
)

// IsValid reports whether s is one of the Status values.
func (s Status) IsValid() bool { return statusNames.Valid(s) }

// String returns the wire name of s, or "Status(N)" for an invalid value.
func (s Status) String() string { return statusNames.String(s) }

// AppendText appends the wire name of s to b; an invalid value is an error.
func (s Status) AppendText(b []byte) ([]byte, error) { return statusNames.Append(b, s) }

// MarshalText returns the wire name of s; an invalid value is an error.
func (s Status) MarshalText() ([]byte, error) { return statusNames.Marshal(s) }

// UnmarshalText sets *s to the value b names, read as ParseStatus does; on error *s is unchanged.
func (s *Status) UnmarshalText(b []byte) error {
	return statusNames.Unmarshal(s, bytes.ToLower(bytes.TrimSpace(b)))
}

// ParseStatus returns the Status named s, ignoring case and surrounding space because FixMyStreet
// writes "OPEN" and "CLOSED"; an unknown name is a *grassroots.UnknownNameError.
func ParseStatus(s string) (Status, error) {
	return statusNames.Parse(strings.ToLower(strings.TrimSpace(s)))
}

// Statuses returns every extended status in value order.
func Statuses() []Status { return statusNames.Values() }

// StatusOf returns the extended status that describes an incident status
// (see the package doc for the table). A rejection is described by its
// reason: a duplicate as duplicate, a matter outside scope as
// not_councils_responsibility, an invalid one as no_further_action.
// StatusOf(from, reason) followed by Path leads back to the same status.
func StatusOf(s incident.Status, reason incident.RejectReason) Status {
	switch s {
	case incident.StatusReported:
		return StatusForTriage
	case incident.StatusAccepted:
		return StatusInvestigating
	case incident.StatusRejected:
		switch reason {
		case incident.RejectDuplicate:
			return StatusDuplicate
		case incident.RejectOutOfScope:
			return StatusNotCouncilsResponsibility
		}
		return StatusNoFurtherAction
	case incident.StatusDispatched:
		return StatusActionScheduled
	case incident.StatusReturned:
		return StatusInternalReferral
	case incident.StatusInProgress:
		return StatusInProgress
	case incident.StatusResolved:
		return StatusFixed
	case incident.StatusClosed:
		return StatusClosed
	case incident.StatusReopened:
		return StatusReopen
	}
	return StatusUnchanged
}

// Closes reports whether s closes a service request as GeoReport v2
// sees it: fixed, closed, duplicate, not_councils_responsibility,
// no_further_action, internal_referral and cancelled, the statuses
// FixMyStreet files as fixed or closed (its db/fixture.sql); a request
// whose latest status is one of them reads "closed". The others, and
// unchanged, which names no status of its own, do not close it.
func (s Status) Closes() bool {
	switch s {
	case StatusFixed, StatusClosed, StatusDuplicate, StatusNotCouncilsResponsibility,
		StatusNoFurtherAction, StatusInternalReferral, StatusCancelled:
		return true
	}
	return false
}

// RequestStatus returns the GeoReport v2 status an extended status
// stands for: "closed" when s closes a request, "open" otherwise.
func RequestStatus(s Status) string {
	if s.Closes() {
		return "closed"
	}
	return "open"
}

// RejectReason returns the incident reject reason an extended status
// stands for, or 0 when it is no rejection.
func (s Status) RejectReason() incident.RejectReason {
	switch s {
	case StatusDuplicate:
		return incident.RejectDuplicate
	case StatusNotCouncilsResponsibility:
		return incident.RejectOutOfScope
	case StatusNoFurtherAction, StatusCancelled:
		return incident.RejectInvalid
	}
	return 0
}

// forward are the commands an update may chain to move a matter ahead:
// the main line of the closed loop, never a step back.
var forward = []incident.Op{incident.OpAccept, incident.OpDispatch, incident.OpStart, incident.OpResolve, incident.OpClose}

// Path returns the commands, in order, that an update with extended status
// s applies to an incident in status from; nil means the update changes no
// state and is kept as a note. The table is in the package doc. Statuses
// on the main line (investigating, planned, action_scheduled, in_progress,
// fixed, closed) chain the forward commands needed to reach their status
// and never step back; the others are one command where the incident's
// transition table allows it.
func Path(s Status, from incident.Status) []incident.Op {
	switch s {
	case StatusOpen:
		// FixMyStreet sends OPEN with every comment on a report it holds
		// open, so open restates an open matter and only reopens a
		// closed one.
		if from == incident.StatusClosed {
			return []incident.Op{incident.OpReopen}
		}
		return nil
	case StatusInvestigating:
		return forwardPath(from, incident.StatusAccepted)
	case StatusPlanned, StatusActionScheduled:
		return forwardPath(from, incident.StatusDispatched)
	case StatusInProgress:
		return forwardPath(from, incident.StatusInProgress)
	case StatusFixed:
		return forwardPath(from, incident.StatusResolved)
	case StatusClosed:
		return forwardPath(from, incident.StatusClosed)
	case StatusReopen:
		return single(incident.OpReopen, from)
	case StatusInternalReferral:
		return single(incident.OpReturn, from)
	case StatusNotCouncilsResponsibility:
		if p := single(incident.OpReject, from); p != nil {
			return p
		}
		return single(incident.OpReturn, from)
	case StatusDuplicate, StatusNoFurtherAction, StatusCancelled:
		return single(incident.OpReject, from)
	}
	return nil
}

// single returns [op] when op applies in status from.
func single(op incident.Op, from incident.Status) []incident.Op {
	if incident.Transitions().Allows("incident", from, op.String()) == nil {
		return []incident.Op{op}
	}
	return nil
}

// forwardPath finds the shortest chain of forward commands from one status
// to another by breadth-first search over the incident transition table,
// so it follows that table if it changes.
func forwardPath(from, to incident.Status) []incident.Op {
	if from == to {
		return nil
	}
	type step struct {
		at  incident.Status
		ops []incident.Op
	}
	table := incident.Transitions()
	seen := map[incident.Status]bool{from: true}
	queue := []step{{at: from}}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, op := range forward {
			next, ok := transit(table, op, cur.at)
			if !ok || seen[next] {
				continue
			}
			ops := append(append([]incident.Op(nil), cur.ops...), op)
			if next == to {
				return ops
			}
			seen[next] = true
			queue = append(queue, step{at: next, ops: ops})
		}
	}
	return nil
}

// transit returns the status op leads to from status from.
func transit(table grassroots.Transitions[incident.Status], op incident.Op, from incident.Status) (incident.Status, bool) {
	for _, t := range table {
		if t.Command != op.String() || t.To == 0 {
			continue
		}
		for _, f := range t.From {
			if f == from {
				return t.To, true
			}
		}
	}
	return 0, false
}
