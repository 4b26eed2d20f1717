package incident_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/workday"
)

var (
	cst        = time.FixedZone("CST", 8*3600)
	resident   = grassroots.Actor{ID: "resident-7", Party: grassroots.Resident}
	dispatcher = grassroots.Actor{ID: "li", Party: grassroots.Community, Roles: []string{incident.RoleDispatcher}}
	supervisor = grassroots.Actor{ID: "zhao", Party: grassroots.Government, Roles: []string{incident.RoleSupervisor}}
	lucheng    = incident.Location{Point: grid.Point{Lng: 120.6994, Lat: 27.9943}, CRS: grid.GCJ02}
)

// dispatched decides a report, an acceptance and a dispatch and returns
// the events.
func dispatched(d *incident.Decider, id string, at time.Time) []incident.Event {
	m := func(cmd string, a grassroots.Actor, t time.Time) grassroots.Meta {
		return grassroots.Meta{AggregateID: id, CommandID: id + cmd, Actor: a, At: t}
	}
	var state incident.Incident
	var all []incident.Event
	for _, c := range []incident.Command{
		incident.Report{Meta: m("/1", resident, at), Category: "004", Channel: incident.ChannelHotline, Location: lucheng, Description: "mud on the road"},
		incident.Accept{Meta: m("/2", dispatcher, at.Add(10*time.Minute))},
		incident.Dispatch{Meta: m("/3", dispatcher, at.Add(20*time.Minute)), Unit: "road-cleaning"},
	} {
		evs, err := d.Decide(state, c)
		if err != nil {
			panic(err)
		}
		for _, e := range evs {
			if state, err = d.Evolve(state, e); err != nil {
				panic(err)
			}
		}
		all = append(all, evs...)
	}
	return all
}

func newDecider() *incident.Decider {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	d, _ := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
	return d
}

// A command the actor may not issue is refused with a *PermissionError
// that says what was expected, and emits nothing.
func ExampleDecider_Decide() {
	d := newDecider()
	events := dispatched(d, "wz-2", time.Date(2025, 11, 24, 9, 0, 0, 0, cst))
	state, _ := d.Replay(events)
	_, err := d.Decide(state, incident.Start{Meta: grassroots.Meta{AggregateID: "wz-2", CommandID: "x", Actor: resident, At: time.Date(2025, 11, 24, 10, 0, 0, 0, cst)}})
	fmt.Println(err)
	// Output: incident: actor "resident-7" (resident) may not start: needs party government or provider or community
}

// Evolve refuses an event that Decide could not have produced from the
// state, here the dispatch again, and returns the state unchanged.
func ExampleDecider_Evolve() {
	d := newDecider()
	events := dispatched(d, "wz-8", time.Date(2025, 11, 24, 9, 0, 0, 0, cst))
	state, _ := d.Replay(events)
	again, err := d.Evolve(state, events[2])
	fmt.Println(again.Status, err)
	// Output: dispatched incident: event "dispatched" is not allowed in state "dispatched"; allowed: returned, started, escalated, extended, located
}

func ExampleDecider_Replay() {
	events := dispatched(newDecider(), "wz-3", time.Date(2025, 11, 24, 9, 0, 0, 0, cst))
	var d incident.Decider // replaying needs no configuration
	state, err := d.Replay(events)
	fmt.Println(state.Status, state.Unit, state.HandleTerm.End.Format("Mon 15:04"), err)
	// Output: dispatched road-cleaning Mon 15:50 <nil>
}

// Events leave the process as sealed CloudEvents envelopes, with IDs
// derived from the incident, the command and the event's index, and come
// back to the same state only through a verified chain.
func ExampleDecider_ReplayEnvelopes() {
	d := newDecider()
	events := dispatched(d, "wz-4", time.Date(2025, 11, 24, 9, 0, 0, 0, cst))
	envs, _ := incident.Codec.Seal(nil, "/districts/330302/incident", events)
	for _, e := range envs {
		fmt.Println(e.Sequence, e.Type, e.Subject, e.ID == grassroots.EventID("wz-4", events[e.Sequence-1].Metadata().CommandID, 0, events[e.Sequence-1].Metadata().At))
	}
	state, err := d.ReplayEnvelopes(envs)
	fmt.Println(state.Status, err)
	envs[1].Data = []byte(strings.Replace(string(envs[1].Data), "dispatcher", "handler", 1))
	_, err = d.ReplayEnvelopes(envs)
	fmt.Println(errors.Is(err, grassroots.ErrChainBroken))
	// Output:
	// 1 grassroots.incident.reported.v1 wz-4 true
	// 2 grassroots.incident.accepted.v1 wz-4 true
	// 3 grassroots.incident.dispatched.v1 wz-4 true
	// dispatched <nil>
	// true
}

// Codec.AppendSealed seals a matter's events and writes them as JSON
// Lines in one call, for an event file or a stream; a reader parses each
// line back and verifies the chain.
func Example_appendSealed() {
	d := newDecider()
	events := dispatched(d, "wz-6", time.Date(2025, 11, 24, 9, 0, 0, 0, cst))
	envs, lines, err := incident.Codec.AppendSealed(nil, nil, "/districts/330302/incident", events)
	if err != nil {
		fmt.Println(err)
		return
	}
	var read []grassroots.Event
	for line := range strings.Lines(string(lines)) {
		e, err := grassroots.ParseEvent([]byte(line))
		if err != nil {
			fmt.Println(err)
			return
		}
		read = append(read, e)
	}
	fmt.Println(len(envs), len(read), read[2].Type)
	fmt.Println(grassroots.VerifyChain(read), read[2].Hash == envs[2].Hash)
	// Output:
	// 3 3 grassroots.incident.dispatched.v1
	// <nil> true
}

// Codec writes the reporter's contact masked; RecordCodec, for the
// system of record, in clear. Both read either.
func ExampleRecordCodec() {
	d := newDecider()
	r := incident.Report{Meta: grassroots.Meta{AggregateID: "wz-5", CommandID: "r", Actor: resident, At: time.Date(2025, 11, 24, 9, 0, 0, 0, cst)},
		Category: "004", Channel: incident.ChannelHotline, Address: "五马街 12 号", Contact: incident.NewContact("王小明", "13900001234")}
	events, _ := d.Decide(incident.Incident{}, r)
	published, _ := incident.Codec.Envelope("/s", events[0], 0)
	record, _ := incident.RecordCodec.Envelope("/s", events[0], 0)
	for _, env := range []grassroots.Event{published, record} {
		e, _ := incident.Codec.Decode(env)
		_, phone := e.(incident.Reported).Contact.Reveal()
		fmt.Println(phone)
	}
	// Output:
	// 139****1234
	// 13900001234
}

func ExampleDue() {
	d := newDecider()
	state, _ := d.Replay(dispatched(d, "wz-6", time.Date(2025, 11, 24, 9, 0, 0, 0, cst)))
	policy := incident.DuePolicy{Calendar: d.Calendar(), Actor: supervisor, ReminderPercent: 80, ReportAfter: 2}
	for _, now := range []time.Time{
		time.Date(2025, 11, 24, 15, 0, 0, 0, cst),
		time.Date(2025, 11, 24, 16, 0, 0, 0, cst),
		time.Date(2025, 11, 27, 9, 0, 0, 0, cst),
	} {
		cmds, _ := incident.Due([]incident.Incident{state}, now, policy)
		for _, c := range cmds {
			fmt.Println(now.Format("Mon 15:04"), c.(incident.Escalate).Level)
		}
	}
	// Output:
	// Mon 15:00 reminder
	// Mon 16:00 urge
	// Thu 09:00 report
}

func ExampleFindDuplicates() {
	at := time.Date(2025, 11, 24, 9, 0, 0, 0, cst)
	mk := func(id string, lat float64) incident.Incident {
		return incident.Incident{ID: id, Category: "002", Status: incident.StatusAccepted, ReportedAt: at,
			Location: incident.Location{Point: grid.Point{Lng: 120.6994, Lat: lat}, CRS: grid.GCJ02}}
	}
	open := []incident.Incident{mk("a", 27.9945), mk("b", 27.9960)}
	matches, _ := incident.FindDuplicates(mk("new", 27.9943), open, incident.DuplicateOptions{Radius: 50, Window: 24 * time.Hour})
	for _, m := range matches {
		fmt.Printf("%s %.1f m\n", m.ID, m.Distance)
	}
	// Output: a 22.2 m
}

func ExampleDuplicateIndex_Find() {
	at := time.Date(2025, 11, 24, 9, 0, 0, 0, cst)
	open := []incident.Incident{{ID: "a", Category: "002", Status: incident.StatusDispatched, ReportedAt: at,
		Location: incident.Location{Point: grid.Point{Lng: 120.70, Lat: 28.0}, CRS: grid.WGS84}}}
	x, _ := incident.NewDuplicateIndex(open, incident.DuplicateOptions{Radius: 100, Window: 72 * time.Hour})
	cand := incident.Incident{ID: "new", Category: "002", ReportedAt: at.Add(time.Hour),
		Location: incident.Location{Point: grid.Point{Lng: 120.7005, Lat: 28.0}, CRS: grid.WGS84}}
	m, _ := x.Find(cand)
	fmt.Printf("%v %.1f m\n", m[0].ID, m[0].Distance)
	// Output: a 49.1 m
}

func ExampleStatistics() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	mon := time.Date(2025, 11, 24, 9, 0, 0, 0, cst)
	due := time.Date(2025, 11, 25, 17, 30, 0, 0, cst)
	incidents := []incident.Incident{
		{ID: "a", Status: incident.StatusClosed, Platform: incident.PlatformLawEnforcement, Unit: "u1", ReportedAt: mon, ClosedAt: mon.Add(6 * time.Hour),
			HandleTerm: incident.Term{End: due}, Grade: incident.Satisfied, FirstGrade: incident.Satisfied},
		{ID: "b", Status: incident.StatusClosed, Platform: incident.PlatformLawEnforcement, Unit: "u1", ReportedAt: mon, ClosedAt: due.Add(time.Hour), HandleTerm: incident.Term{End: due}},
		{ID: "c", Status: incident.StatusInProgress, Platform: incident.PlatformPublicServices, Unit: "u2", ReportedAt: mon},
		{ID: "d", Status: incident.StatusRejected, ReportedAt: mon, Reject: incident.RejectDuplicate, DuplicateOf: "a"},
	}
	month := grassroots.Period{Start: time.Date(2025, 11, 1, 0, 0, 0, 0, cst), End: time.Date(2025, 12, 1, 0, 0, 0, 0, cst)}
	sum, _ := incident.Statistics(incidents, month, incident.ByPlatform, cal)
	for _, s := range append(append([]incident.Stats{sum.Total}, sum.Groups...), sum.Unkeyed) {
		fmt.Println(s.Key, s.Received, s.Closed, s.ClosureRate.Value, s.OnTimeRate.Value)
	}
	law, _ := sum.Group("law_enforcement")
	fmt.Println(law.ToClose.Median, law.WorkingToClose.Median, law.SatisfactionRate.Value)
	// Output:
	// total 4 2 0.5 0.5
	// law_enforcement 2 2 1 0.5
	// public_services 1 0 0 0
	// unrouted 1 0 0 0
	// 6h0m0s 4h30m0s 1
}

// The transition and permission tables are data a program can inspect.
func ExampleTransitions() {
	perms := incident.Permissions()
	for i, t := range incident.Transitions()[:4] {
		fmt.Println(t.Command, t.Event, t.From, "->", t.To, perms[i].Parties, perms[i].Roles)
	}
	// Output:
	// report reported [] -> reported [] []
	// accept accepted [reported] -> accepted [government community] [dispatcher]
	// reject rejected [reported returned] -> rejected [government community] [dispatcher]
	// dispatch dispatched [accepted returned reopened] -> dispatched [government community] [dispatcher]
}

// A Tally counts matters as they settle, so a year need not be held in
// memory; its Summary is the one Statistics gives for the same incidents.
func ExampleTally() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	mon := time.Date(2025, 11, 24, 9, 0, 0, 0, cst)
	month := grassroots.Period{Start: time.Date(2025, 11, 1, 0, 0, 0, 0, cst), End: time.Date(2025, 12, 1, 0, 0, 0, 0, cst)}
	t, _ := incident.NewTally(month, incident.ByPlatform, cal)
	for _, in := range []incident.Incident{
		{ID: "a", Status: incident.StatusClosed, Platform: incident.PlatformLawEnforcement, Unit: "u1", ReportedAt: mon, ClosedAt: mon.Add(6 * time.Hour)},
		{ID: "b", Status: incident.StatusRejected, ReportedAt: mon, Reject: incident.RejectDuplicate, DuplicateOf: "a"},
	} {
		// in its final state; the Tally keeps no reference to it
		if err := t.Add(&in); err != nil {
			fmt.Println(err)
		}
	}
	sum := t.Summary()
	fmt.Println(sum.Total.Received, sum.Total.Closed, len(sum.Groups), sum.Unkeyed.Key, sum.Unkeyed.Received)
	// Output:
	// 2 1 1 unrouted 1
}
