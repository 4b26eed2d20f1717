// Package benchdata makes the sealed events the stores' benchmarks
// append: about 500 bytes of JSON each, the size of an incident event
// with its actor and metadata, spread over many subjects.
package benchdata

import (
	"encoding/json"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
)

// Subject returns the name of subject i.
func Subject(i int) string { return fmt.Sprintf("0190a1b2-c3d4-7e5f-8a9b-%012d", i) }

// base is the time of the first event.
var base = time.Date(2025, 6, 3, 9, 30, 0, 0, time.FixedZone("", 8*3600))

// Event returns the unsealed event number n of subject, n minutes after
// a fixed time, so event n of every subject has the same time.
func Event(subject string, n int64) grassroots.Event {
	return eventAt(subject, n, base.Add(time.Duration(n)*time.Minute))
}

// eventAt returns the unsealed event number n of subject, happening at at;
// its ID is grassroots.EventID's, which begins with at.
func eventAt(subject string, n int64, at time.Time) grassroots.Event {
	return grassroots.Event{
		ID:              grassroots.EventID(subject, fmt.Sprintf("cmd-%d", n), 0, at),
		Source:          "/districts/330302/incident",
		SpecVersion:     grassroots.SpecVersion,
		Type:            "grassroots.incident.dispatched.v1",
		Subject:         subject,
		Time:            at,
		DataContentType: "application/json",
		Data: json.RawMessage(fmt.Sprintf(`{"aggregate_id":%q,"command_id":"cmd-%d","actor":{"id":"worker-17","party":"government","roles":["dispatcher"]},`+
			`"at":"2025-06-03T09:30:00+08:00","platform":"comprehensive_governance","unit":"street-sanitation"}`, subject, n)),
	}
}

// Batches hands out the next batch of each of its subjects in turn, each
// sealed after that subject's last batch.
type Batches struct {
	heads   []*grassroots.Event
	next    int
	size    int
	inOrder bool  // events happen in the order handed out
	events  int64 // handed out so far
}

// NewBatches returns batches of size events over subjects subjects, event
// n of each subject at the time of Event: every subject's batch of one
// round covers the same minutes, so their IDs, which begin with the time,
// interleave, and each append puts its IDs at random places among the
// round's.
func NewBatches(subjects, size int) *Batches {
	return &Batches{heads: make([]*grassroots.Event, subjects), size: size}
}

// NewBatchesInOrder returns batches as NewBatches does, but each event
// happens a millisecond after the one handed out before it, as in a
// store whose events are appended as they happen: their IDs increase in
// the order of the appends.
func NewBatchesInOrder(subjects, size int) *Batches {
	g := NewBatches(subjects, size)
	g.inOrder = true
	return g
}

// Next returns the next subject, the sequence of its last event so far
// and its next batch.
func (g *Batches) Next() (subject string, expected int64, batch []grassroots.Event, err error) {
	i := g.next % len(g.heads)
	g.next++
	subject = Subject(i)
	head := g.heads[i]
	if head != nil {
		expected = head.Sequence
	}
	raw := make([]grassroots.Event, g.size)
	for j := range raw {
		n := expected + int64(j) + 1
		if g.inOrder {
			raw[j] = eventAt(subject, n, base.Add(time.Duration(g.events)*time.Millisecond))
		} else {
			raw[j] = Event(subject, n)
		}
		g.events++
	}
	batch, err = grassroots.SealAll(head, raw)
	if err != nil {
		return "", 0, nil, err
	}
	g.heads[i] = &batch[len(batch)-1]
	return subject, expected, batch, nil
}

// Rows returns the columns a store writes for batch: subject, sequence,
// ID, hash and the envelope's JSON, so a raw-insert baseline writes the
// same rows.
func Rows(batch []grassroots.Event) ([][]any, error) {
	rows := make([][]any, len(batch))
	for i := range batch {
		e := &batch[i]
		env, err := e.MarshalJSON()
		if err != nil {
			return nil, err
		}
		rows[i] = []any{e.Subject, e.Sequence, e.ID, e.Hash, env}
	}
	return rows, nil
}

// Meter measures the timed parts of a benchmark's iterations in CPU time
// as well as wall time: on a shared machine the wall time includes
// waiting for a processor, CPU time does not. Call Begin and End around
// the work the benchmark times (where StartTimer and StopTimer go), and
// Report at the end.
type Meter struct {
	cpu   time.Duration
	begin time.Duration
}

// Begin starts a timed part.
func (m *Meter) Begin() { m.begin = cpuTime() }

// End ends a timed part.
func (m *Meter) End() { m.cpu += cpuTime() - m.begin }

// Report adds the metrics events/s (of wall time) and cpu-us/event for
// events handled per iteration.
func (m *Meter) Report(b *testing.B, events int) {
	n := float64(b.N * events)
	b.ReportMetric(n/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(m.cpu.Microseconds())/n, "cpu-us/event")
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
