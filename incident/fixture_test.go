package incident

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/workday"
)

// shanghai is China Standard Time.
var shanghai = time.FixedZone("CST", 8*60*60)

// sharedCalendar is workday's default calendar compiled once; a Calendar
// is immutable and safe to share between tests.
var sharedCalendar = sync.OnceValues(func() (*workday.Calendar, error) {
	return workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
})

func defaultCalendar(t testing.TB) *workday.Calendar {
	t.Helper()
	c, err := sharedCalendar()
	require.NoError(t, err, "compiling workday.DefaultSpec")
	return c
}

// The cast of the tests: one actor per role in the permission table.
var (
	reporter   = grassroots.Actor{ID: "resident-1", Party: grassroots.Resident}
	dispatcher = grassroots.Actor{ID: "dispatcher-1", Party: grassroots.Community, Organization: "community-1", Roles: []string{RoleDispatcher}}
	handler    = grassroots.Actor{ID: "handler-1", Party: grassroots.Provider, Organization: "unit-1", Roles: []string{RoleHandler}}
	supervisor = grassroots.Actor{ID: "supervisor-1", Party: grassroots.Government, Organization: "street-1", Roles: []string{RoleSupervisor}}
)

// t0 is Monday 24 November 2025, 09:00 in Wenzhou.
var t0 = time.Date(2025, 11, 24, 9, 0, 0, 0, shanghai)

func testDecider(t testing.TB) *Decider {
	t.Helper()
	d, err := NewDecider(DefaultCatalog(), defaultCalendar(t), DefaultRedoPolicy())
	require.NoError(t, err, "NewDecider")
	return d
}

// wenzhou is a point in Lucheng district, in GCJ-02.
var wenzhou = Location{Point: grid.Point{Lng: 120.6994, Lat: 27.9943}, CRS: grid.GCJ02}

func meta(id, cmd string, a grassroots.Actor, at time.Time) grassroots.Meta {
	return grassroots.Meta{AggregateID: id, CommandID: cmd, Actor: a, At: at}
}

// commandFor returns a valid command of kind op for incident id at time at,
// issued by an actor allowed to issue it.
func commandFor(op Op, id string, n int, at time.Time) Command {
	cmd := fmt.Sprintf("%s-%s-%d", id, op, n)
	switch op {
	case OpReport:
		return Report{Meta: meta(id, cmd, reporter, at), Category: "002", Channel: ChannelApp, Location: wenzhou,
			Grid: "330302001001001", Description: "garbage heaped at the lane entrance",
			Media: []string{"https://example.org/p/1.jpg"}, Contact: NewContact("张三", "13812345678")}
	case OpAccept:
		return Accept{Meta: meta(id, cmd, dispatcher, at)}
	case OpReject:
		return Reject{Meta: meta(id, cmd, dispatcher, at), Reason: RejectOutOfScope, Note: "private property"}
	case OpDispatch:
		return Dispatch{Meta: meta(id, cmd, dispatcher, at), Unit: "unit-1"}
	case OpReturn:
		return Return{Meta: meta(id, cmd, handler, at), Reason: "not our duty"}
	case OpStart:
		return Start{Meta: meta(id, cmd, handler, at)}
	case OpResolve:
		return Resolve{Meta: meta(id, cmd, handler, at), Result: "cleared", Evidence: []string{"https://example.org/p/2.jpg"}}
	case OpClose:
		return Close{Meta: meta(id, cmd, dispatcher, at), Note: "verified on site"}
	case OpReopen:
		return Reopen{Meta: meta(id, cmd, supervisor, at), Reason: "garbage back the next day"}
	case OpEscalate:
		return Escalate{Meta: meta(id, cmd, supervisor, at), Level: LevelReminder}
	case OpExtend:
		return Extend{Meta: meta(id, cmd, dispatcher, at), RequestedAt: at, By: workday.Limit{Amount: 1, Unit: workday.WorkingDays}, Reason: "needs a truck"}
	case OpRate:
		return Rate{Meta: meta(id, cmd, reporter, at), Grade: Satisfied}
	case OpLocate:
		return Locate{Meta: meta(id, cmd, dispatcher, at), Location: wenzhou, Grid: "330302001001001"}
	}
	panic(op)
}

// addressOnly returns a valid report of incident id with an address and no
// point, as FixMyStreet sends one.
func addressOnly(id, cmd string, at time.Time) Report {
	return Report{Meta: meta(id, cmd, reporter, at), Category: "002", Channel: ChannelApp,
		Address: "五马街 12 号", AddressID: "addr-330302-0012"}
}

// pathTo lists the commands that lead a new incident to status s.
var pathTo = map[Status][]Op{
	0:                {},
	StatusReported:   {OpReport},
	StatusAccepted:   {OpReport, OpAccept},
	StatusRejected:   {OpReport, OpReject},
	StatusDispatched: {OpReport, OpAccept, OpDispatch},
	StatusReturned:   {OpReport, OpAccept, OpDispatch, OpReturn},
	StatusInProgress: {OpReport, OpAccept, OpDispatch, OpStart},
	StatusResolved:   {OpReport, OpAccept, OpDispatch, OpStart, OpResolve},
	StatusClosed:     {OpReport, OpAccept, OpDispatch, OpStart, OpResolve, OpClose},
	StatusReopened:   {OpReport, OpAccept, OpDispatch, OpStart, OpResolve, OpClose, OpReopen},
}

// build runs ops through Decide and Evolve one minute apart and returns
// the state, every event, and the time of the last command.
func build(t testing.TB, d *Decider, id string, ops []Op) (Incident, []Event, time.Time) {
	t.Helper()
	var s Incident
	var all []Event
	at := t0
	for i, op := range ops {
		at = t0.Add(time.Duration(i) * time.Minute)
		s = apply(t, d, s, commandFor(op, id, i, at), &all)
	}
	return s, all, at
}

// apply decides cmd on s, which must be accepted, evolves its events and
// appends them to *all when all is not nil.
func apply(t testing.TB, d *Decider, s Incident, cmd Command, all *[]Event) Incident {
	t.Helper()
	evs, err := d.Decide(s, cmd)
	require.NoError(t, err, "deciding %s in %s", cmd.CommandName(), s.Status)
	require.NotEmpty(t, evs, "%s causes events", cmd.CommandName())
	for _, e := range evs {
		s, err = d.Evolve(s, e)
		require.NoError(t, err, "evolving %s", e.EventName())
	}
	if all != nil {
		*all = append(*all, evs...)
	}
	return s
}

// setMeta returns c with its Meta replaced by m.
func setMeta(c Command, m grassroots.Meta) Command {
	switch c := c.(type) {
	case Report:
		c.Meta = m
		return c
	case Accept:
		c.Meta = m
		return c
	case Reject:
		c.Meta = m
		return c
	case Dispatch:
		c.Meta = m
		return c
	case Return:
		c.Meta = m
		return c
	case Start:
		c.Meta = m
		return c
	case Resolve:
		c.Meta = m
		return c
	case Close:
		c.Meta = m
		return c
	case Reopen:
		c.Meta = m
		return c
	case Escalate:
		c.Meta = m
		return c
	case Extend:
		c.Meta = m
		return c
	case Rate:
		c.Meta = m
		return c
	case Locate:
		c.Meta = m
		return c
	}
	panic(fmt.Sprintf("setMeta: %T", c))
}
