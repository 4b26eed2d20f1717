package grassroots_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/decidertest"
	"github.com/grassrootsgov/grassroots/internal/nilvalue"
)

// A small lifecycle written the way every lifecycle of the SDK is: a
// transition table, a command log in the state, a codec. It exercises the
// root pieces and the shared decider test.

type ticketStatus uint8

const (
	ticketOpen ticketStatus = iota + 1
	ticketClosed
)

func (s ticketStatus) String() string {
	switch s {
	case ticketOpen:
		return "open"
	case ticketClosed:
		return "closed"
	}
	return fmt.Sprintf("ticketStatus(%d)", uint8(s))
}

var ticketTable = grassroots.Transitions[ticketStatus]{
	{Command: "open", Event: "opened", To: ticketOpen},
	{Command: "note", Event: "noted", From: []ticketStatus{ticketOpen}},
	{Command: "close", Event: "closed", From: []ticketStatus{ticketOpen}, To: ticketClosed},
	{Command: "reopen", Event: "reopened", From: []ticketStatus{ticketClosed}, To: ticketOpen},
}

type ticketCommand struct {
	grassroots.Meta
	Name string
	Text string
}

func (c ticketCommand) CommandName() string { return c.Name }

type ticketEvent struct {
	grassroots.Meta
	Name string `json:"-"`
	Text string `json:"text,omitempty"`
}

func (e ticketEvent) EventName() string { return e.Name }

type (
	opened   struct{ ticketEvent }
	noted    struct{ ticketEvent }
	closed   struct{ ticketEvent }
	reopened struct{ ticketEvent }
)

func (opened) EventName() string   { return "opened" }
func (noted) EventName() string    { return "noted" }
func (closed) EventName() string   { return "closed" }
func (reopened) EventName() string { return "reopened" }

type ticket struct {
	ID     string
	Status ticketStatus
	Notes  []string
	At     time.Time
	Log    grassroots.CommandLog
}

type ticketDecider struct{}

var ticketCodec = func() *grassroots.Codec[grassroots.DomainEvent] {
	c, err := grassroots.NewCodec[grassroots.DomainEvent]("ticket", opened{}, noted{}, closed{}, reopened{})
	if err != nil {
		panic(err)
	}
	return c
}()

func (ticketDecider) Decide(s ticket, c ticketCommand) ([]grassroots.DomainEvent, error) {
	m := c.Metadata()
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if repeat, err := s.Log.Check(m, c.Name); err != nil || repeat {
		return nil, err
	}
	if s.Status != 0 && m.AggregateID != s.ID {
		return nil, errors.New("ticket: wrong ticket")
	}
	if m.At.Before(s.At) {
		return nil, errors.New("ticket: time goes backwards")
	}
	if err := ticketTable.Allows("ticket", s.Status, c.Name); err != nil {
		return nil, err
	}
	if c.Name == "note" && c.Text == "" {
		return nil, grassroots.NewValidationError(grassroots.FieldError{Path: "text", Rule: grassroots.RuleRequired, Message: "text is required"})
	}
	base := ticketEvent{Meta: m, Text: c.Text}
	switch c.Name {
	case "open":
		return []grassroots.DomainEvent{opened{base}}, nil
	case "note":
		return []grassroots.DomainEvent{noted{base}}, nil
	case "close":
		return []grassroots.DomainEvent{closed{base}}, nil
	}
	return []grassroots.DomainEvent{reopened{base}}, nil
}

func (ticketDecider) Evolve(s ticket, e grassroots.DomainEvent) (ticket, error) {
	if nilvalue.Is(e) {
		return s, errors.New("ticket: an event is required")
	}
	m := e.Metadata()
	if s.Status != 0 && m.AggregateID != s.ID {
		return s, errors.New("ticket: event of another ticket")
	}
	if m.At.Before(s.At) {
		return s, errors.New("ticket: time goes backwards")
	}
	to, cmd, err := ticketTable.Next("ticket", s.Status, e.EventName())
	if err != nil {
		return s, err
	}
	log, err := s.Log.Add(m, cmd, e.EventName())
	if err != nil {
		return s, err
	}
	s.ID, s.Status, s.At, s.Log = m.AggregateID, to, m.At, log
	if n, ok := e.(noted); ok {
		s.Notes = append(s.Notes[:len(s.Notes):len(s.Notes)], n.Text)
	}
	return s, nil
}

func (d ticketDecider) Replay(events []grassroots.DomainEvent) (ticket, error) {
	return grassroots.Replay(d.Evolve, events)
}

var _ grassroots.Decider[ticket, ticketCommand, grassroots.DomainEvent] = ticketDecider{}

func ticketMeta(id string, step int, at time.Time) grassroots.Meta {
	return grassroots.Meta{AggregateID: id, CommandID: fmt.Sprintf("c-%d", step),
		Actor: grassroots.Actor{ID: "clerk", Party: grassroots.Government}, At: at}
}

func TestLifecycleContractOnAToyLifecycle(t *testing.T) {
	base := time.Date(2025, 6, 9, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	next := func(r *rand.Rand, s ticket, id string, step int) (ticketCommand, bool) {
		at := base.Add(time.Duration(step) * time.Minute)
		m := ticketMeta(id, step, at)
		switch s.Status {
		case 0:
			return ticketCommand{Meta: m, Name: "open"}, true
		case ticketOpen:
			if r.IntN(3) == 0 {
				return ticketCommand{Meta: m, Name: "close"}, true
			}
			return ticketCommand{Meta: m, Name: "note", Text: fmt.Sprintf("note %d", step)}, true
		}
		if step > 30 {
			return ticketCommand{}, false
		}
		return ticketCommand{Meta: m, Name: "reopen"}, true
	}
	refused := func(r *rand.Rand, s ticket, id string, step int) ticketCommand {
		m := ticketMeta(id, 1000+step, base.Add(time.Duration(step)*time.Minute))
		if s.Status == ticketOpen {
			return ticketCommand{Meta: m, Name: "note"} // no text
		}
		return ticketCommand{Meta: m, Name: "close"}
	}
	reuse := func(c ticketCommand) ticketCommand {
		if c.Name == "reopen" {
			c.Name = "close"
		} else {
			c.Name = "reopen"
		}
		return c
	}
	equal := func(a, b ticket) bool {
		return a.ID == b.ID && a.Status == b.Status && a.At.Equal(b.At) && strings.Join(a.Notes, "|") == strings.Join(b.Notes, "|") && a.Log.Len() == b.Log.Len()
	}
	decidertest.Run(t, decidertest.Lifecycle[ticket, ticketCommand, grassroots.DomainEvent]{
		Decider: ticketDecider{}, Codec: ticketCodec, Next: next, Refused: refused, Reuse: reuse, Equal: equal,
	}, 20251202, 50)
}

func TestTransitionsTable(t *testing.T) {
	require.NoError(t, ticketTable.Check())
	err := ticketTable.Allows("ticket", ticketClosed, "note")
	var te *grassroots.TransitionError
	require.ErrorAs(t, err, &te)
	assert.ErrorIs(t, err, grassroots.ErrTransition)
	assert.Equal(t, []string{"reopen"}, te.Allowed, "the error lists what the state allows")
	assert.Equal(t, `ticket: command "note" is not allowed in state "closed"; allowed: reopen`, err.Error())
	_, _, err = ticketTable.Next("ticket", 0, "closed")
	require.ErrorAs(t, err, &te)
	assert.Equal(t, `ticket: event "closed" is not allowed before the aggregate exists; allowed: opened`, err.Error())
	to, cmd, err := ticketTable.Next("ticket", ticketOpen, "noted")
	require.NoError(t, err)
	assert.Equal(t, ticketOpen, to, "a row without To keeps the state")
	assert.Equal(t, "note", cmd)
	assert.Equal(t, []string{"open", "note", "close", "reopen"}, ticketTable.Commands())
	assert.Equal(t, "digraph ticket {\n\trankdir=LR;\n\t\"none\" [shape=point];\n"+
		"\t\"none\" -> \"open\" [label=\"open / opened\"];\n"+
		"\t\"open\" -> \"open\" [label=\"note / noted\"];\n"+
		"\t\"open\" -> \"closed\" [label=\"close / closed\"];\n"+
		"\t\"closed\" -> \"open\" [label=\"reopen / reopened\"];\n}\n", ticketTable.DOT("ticket"))

	ambiguous := grassroots.Transitions[ticketStatus]{
		{Command: "close", Event: "closed", From: []ticketStatus{ticketOpen}, To: ticketClosed},
		{Command: "drop", Event: "closed", From: []ticketStatus{ticketOpen}, To: ticketOpen},
	}
	assert.Error(t, ambiguous.Check(), "one event leading to two states")
}

func TestCommandLog(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 0, 0, 5, time.UTC)
	m := ticketMeta("T-1", 1, at)
	var log grassroots.CommandLog
	repeat, err := log.Check(m, "open")
	require.NoError(t, err)
	assert.False(t, repeat)
	log1, err := log.Add(m, "open", "opened")
	require.NoError(t, err)
	assert.Equal(t, 0, log.Len(), "Add never changes the old log")
	assert.Equal(t, 1, log1.Len())
	repeat, err = log1.Check(m, "open")
	require.NoError(t, err)
	assert.True(t, repeat, "the same command again is a repeat")

	for name, other := range map[string]grassroots.Meta{
		"another time":  ticketMeta("T-1", 1, at.Add(time.Nanosecond)),
		"another actor": {AggregateID: "T-1", CommandID: "c-1", Actor: grassroots.Actor{ID: "other", Party: grassroots.Government}, At: at},
	} {
		_, err := log1.Check(other, "open")
		var ce *grassroots.CommandConflictError
		assert.ErrorAs(t, err, &ce, name)
		assert.ErrorIs(t, err, grassroots.ErrCommandConflict, name)
	}
	_, err = log1.Check(m, "close")
	assert.ErrorIs(t, err, grassroots.ErrCommandConflict, "same ID, another command")

	log2, err := log1.Add(m, "open", "noted")
	require.NoError(t, err, "a second event of the last command")
	_, err = log2.Add(m, "open", "noted")
	assert.ErrorIs(t, err, grassroots.ErrDuplicateEvent, "the same event of the last command twice")
	m2 := ticketMeta("T-1", 2, at)
	log3, err := log2.Add(m2, "close", "closed")
	require.NoError(t, err)
	_, err = log3.Add(m, "open", "opened")
	assert.ErrorIs(t, err, grassroots.ErrDuplicateEvent, "an event of an earlier command")
	assert.Equal(t, []string{"c-1", "c-2"}, log3.IDs())

	full := grassroots.CommandLog{}
	for i := range grassroots.MaxCommands {
		full, err = full.Add(ticketMeta("T-1", i, at), "note", "noted")
		require.NoError(t, err)
	}
	_, err = full.Check(ticketMeta("T-1", grassroots.MaxCommands, at), "note")
	assert.ErrorIs(t, err, grassroots.ErrCommandLogFull)
	repeat, err = full.Check(ticketMeta("T-1", 7, at), "note")
	assert.True(t, repeat && err == nil, "a full log still recognises repeats")
}

func TestCodec(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	e := opened{ticketEvent{Meta: ticketMeta("T-1", 1, at)}}
	env, err := ticketCodec.Envelope("/desk", e, 0)
	require.NoError(t, err)
	assert.Equal(t, "grassroots.ticket.opened.v1", env.Type)
	assert.Equal(t, "T-1", env.Subject)
	assert.Equal(t, grassroots.SchemaURI("ticket", "opened"), env.DataSchema)
	assert.Equal(t, grassroots.EventID("T-1", "c-1", 0, at), env.ID)
	assert.JSONEq(t, `{"aggregate_id":"T-1","command_id":"c-1","actor":{"id":"clerk","party":"government"},"at":"2025-06-09T09:00:00+08:00"}`, string(env.Data))
	back, err := ticketCodec.Decode(env)
	require.NoError(t, err)
	assert.Equal(t, "opened", back.EventName())
	assert.True(t, back.Metadata().At.Equal(at))

	for name, edit := range map[string]func(*grassroots.Event){
		"subject":    func(v *grassroots.Event) { v.Subject = "T-2" },
		"time":       func(v *grassroots.Event) { v.Time = v.Time.Add(time.Second) },
		"dataschema": func(v *grassroots.Event) { v.DataSchema = "https://example.org/other.json" },
		"data":       func(v *grassroots.Event) { v.Data = []byte(`{"aggregate_id":"T-1"}`) },
	} {
		bad := env
		edit(&bad)
		_, err := ticketCodec.Decode(bad)
		var ve *grassroots.ValidationError
		if assert.ErrorAs(t, err, &ve, name) {
			assert.True(t, ve.Has(name) || strings.HasPrefix(ve.Fields[0].Path, name), "%s: %v", name, err)
		}
	}
	bad := env
	bad.Type = "grassroots.ticket.burned.v1"
	_, err = ticketCodec.Decode(bad)
	assert.ErrorIs(t, err, grassroots.ErrUnknownEvent)

	_, err = grassroots.NewCodec[grassroots.DomainEvent]("ticket", opened{}, opened{})
	assert.Error(t, err, "repeated event name")
	_, err = grassroots.NewCodec[grassroots.DomainEvent]("Ticket", opened{})
	assert.Error(t, err, "package name not lower_snake")
	_, err = grassroots.NewCodec[grassroots.DomainEvent]("ticket", &opened{})
	assert.ErrorContains(t, err, "structs, passed by value", "a pointer sample")
	_, err = grassroots.NewCodec[grassroots.DomainEvent]("ticket", (*opened)(nil))
	assert.ErrorContains(t, err, "structs, passed by value", "a nil pointer sample")
	_, err = grassroots.NewCodec[grassroots.DomainEvent]("ticket", linked{})
	assert.ErrorContains(t, err, "embed Meta by value", "a sample whose zero value has no Meta to read")
}

// linked embeds its Meta as a pointer, so a decoded one without the
// metadata members could not answer Metadata.
type linked struct {
	*grassroots.Meta
	Text string `json:"text"`
}

func (linked) EventName() string { return "linked" }

func TestCodecZero(t *testing.T) {
	assert.Equal(t, []string{"closed", "noted", "opened", "reopened"}, ticketCodec.Names())
	for _, name := range ticketCodec.Names() {
		z, ok := ticketCodec.Zero(name)
		require.True(t, ok, name)
		assert.Equal(t, name, z.EventName())
	}
	_, ok := ticketCodec.Zero("burned")
	assert.False(t, ok)
}

func TestCommandLogEqual(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.UTC)
	build := func(n int) grassroots.CommandLog {
		var l grassroots.CommandLog
		for i := range n {
			var err error
			l, err = l.Add(ticketMeta("T-1", i, at), "note", "noted")
			require.NoError(t, err)
		}
		return l
	}
	a, b := build(60), build(60)
	assert.True(t, a.Equal(b), "the same commands, built twice, over several chunks")
	assert.False(t, a.Equal(build(59)))
	c, err := a.Add(ticketMeta("T-1", 59, at), "note", "closed")
	require.NoError(t, err)
	assert.False(t, a.Equal(c), "another event of the last command")
	d, err := build(59).Add(ticketMeta("T-1", 59, at.Add(time.Second)), "note", "noted")
	require.NoError(t, err)
	assert.False(t, a.Equal(d), "the last command at another time")
	assert.Len(t, a.IDs(), 60)
}

// TestCommandLogBranchesStayApart adds different commands to one log,
// and again to each of the logs that returns, at every length across
// chunk boundaries: each log holds exactly the commands of its own
// history, though the logs share their buffers.
func TestCommandLogBranchesStayApart(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.UTC)
	add := func(l grassroots.CommandLog, id string) grassroots.CommandLog {
		t.Helper()
		out, err := l.Add(grassroots.Meta{AggregateID: "T-1", CommandID: id, Actor: grassroots.Actor{ID: "clerk", Party: grassroots.Government}, At: at}, "note", "noted")
		require.NoError(t, err, id)
		return out
	}
	holds := func(l grassroots.CommandLog, ids []string) {
		t.Helper()
		require.Equal(t, ids, l.IDs())
		for _, id := range ids {
			repeat, err := l.Check(grassroots.Meta{AggregateID: "T-1", CommandID: id, Actor: grassroots.Actor{ID: "clerk", Party: grassroots.Government}, At: at}, "note")
			require.True(t, repeat && err == nil, "%s recorded: %v", id, err)
		}
	}
	var parent grassroots.CommandLog
	ids := []string{}
	for n := range 40 {
		a := add(parent, fmt.Sprintf("a-%d", n))
		b := add(parent, fmt.Sprintf("b-%d", n))
		a2 := add(a, fmt.Sprintf("a2-%d", n))
		b2 := add(b, fmt.Sprintf("b2-%d", n))
		holds(parent, ids)
		holds(a, append(slices.Clone(ids), fmt.Sprintf("a-%d", n)))
		holds(b, append(slices.Clone(ids), fmt.Sprintf("b-%d", n)))
		holds(a2, append(slices.Clone(ids), fmt.Sprintf("a-%d", n), fmt.Sprintf("a2-%d", n)))
		holds(b2, append(slices.Clone(ids), fmt.Sprintf("b-%d", n), fmt.Sprintf("b2-%d", n)))
		id := fmt.Sprintf("c-%d-%s", n, strings.Repeat("x", n*3))
		parent = add(parent, id)
		ids = append(ids, id)
	}
}

// TestCommandLogBranchesOnGoroutines adds to one log from several
// goroutines at once; every history comes out whole (run it with -race).
func TestCommandLogBranchesOnGoroutines(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.UTC)
	var parent grassroots.CommandLog
	for i := range 5 {
		var err error
		parent, err = parent.Add(ticketMeta("T-1", i, at), "note", "noted")
		require.NoError(t, err)
	}
	const workers, each = 8, 30
	got := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			l := parent
			for i := range each {
				var err error
				if l, err = l.Add(ticketMeta("T-1", 100*(w+1)+i, at), "note", "noted"); err != nil {
					return
				}
			}
			got[w] = l.IDs()
		})
	}
	wg.Wait()
	for w := range workers {
		want := parent.IDs()
		for i := range each {
			want = append(want, fmt.Sprintf("c-%d", 100*(w+1)+i))
		}
		assert.Equal(t, want, got[w], "goroutine %d", w)
	}
	assert.Equal(t, []string{"c-0", "c-1", "c-2", "c-3", "c-4"}, parent.IDs())
}

// TestCommandLogFindsEveryEntry records IDs and actors of every length up
// to MaxIDLength (one- and two-byte length prefixes), some of them
// prefixes of others, across several chunks, and looks each up again.
func TestCommandLogFindsEveryEntry(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 0, 0, 7, time.UTC)
	meta := func(i int) grassroots.Meta {
		id := strings.Repeat("c", 1+i%grassroots.MaxIDLength)
		if i >= grassroots.MaxIDLength {
			id = fmt.Sprintf("d%d", i)
		}
		actor := strings.Repeat("a", grassroots.MaxIDLength-i%grassroots.MaxIDLength)
		return grassroots.Meta{AggregateID: "T-1", CommandID: id, Actor: grassroots.Actor{ID: actor, Party: grassroots.Government}, At: at.Add(time.Duration(i))}
	}
	const n = 200
	var log grassroots.CommandLog
	for i := range n {
		var err error
		log, err = log.Add(meta(i), "note", "noted")
		require.NoError(t, err, "entry %d", i)
	}
	require.Equal(t, n, log.Len())
	for i := range n {
		m := meta(i)
		repeat, err := log.Check(m, "note")
		assert.True(t, repeat && err == nil, "entry %d (ID of %d bytes) is a repeat, err %v", i, len(m.CommandID), err)
		_, err = log.Check(m, "close")
		assert.ErrorIs(t, err, grassroots.ErrCommandConflict, "entry %d under another command name", i)
		m.At = m.At.Add(time.Hour)
		_, err = log.Check(m, "note")
		assert.ErrorIs(t, err, grassroots.ErrCommandConflict, "entry %d at another time", i)
		_, err = log.Add(meta(i), "note", "noted")
		assert.ErrorIs(t, err, grassroots.ErrDuplicateEvent, "entry %d added again", i)
		_, err = log.Add(meta(i), "note", "closed")
		assert.Equal(t, i == n-1, err == nil, "another event of entry %d: %v", i, err)
	}
	for _, id := range []string{"c" + strings.Repeat("c", grassroots.MaxIDLength), "d", "d1999", "e"} {
		repeat, err := log.Check(grassroots.Meta{AggregateID: "T-1", CommandID: id, Actor: grassroots.Actor{ID: "a", Party: grassroots.Government}, At: at}, "note")
		assert.False(t, repeat, "%q is not recorded", id)
		assert.NoError(t, err, "%q is not recorded", id)
	}
}

// TestCommandLogSmallLogsFindTheirIDs records a few IDs at a time, where
// the log's filter of IDs is sparse, and checks that every recorded ID is
// a repeat (and a duplicate event) and that IDs never recorded are new.
func TestCommandLogSmallLogsFindTheirIDs(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.UTC)
	meta := func(id string) grassroots.Meta {
		return grassroots.Meta{AggregateID: "T-1", CommandID: id, Actor: grassroots.Actor{ID: "a", Party: grassroots.Government}, At: at}
	}
	for n := 1; n <= 12; n++ {
		var log grassroots.CommandLog
		for i := range n {
			var err error
			log, err = log.Add(meta(fmt.Sprintf("cmd-%d-%d", n, i)), "note", "noted")
			require.NoError(t, err, "log of %d, entry %d", n, i)
		}
		for i := range n {
			id := fmt.Sprintf("cmd-%d-%d", n, i)
			repeat, err := log.Check(meta(id), "note")
			assert.True(t, repeat && err == nil, "log of %d: %s is a repeat, err %v", n, id, err)
			if i < n-1 {
				_, err = log.Add(meta(id), "note", "noted")
				assert.ErrorIs(t, err, grassroots.ErrDuplicateEvent, "log of %d: %s added again", n, id)
			}
		}
		for i := n; i < n+300; i++ {
			id := fmt.Sprintf("cmd-%d-%d", n, i)
			repeat, err := log.Check(meta(id), "note")
			assert.False(t, repeat, "log of %d: %s is not recorded", n, id)
			assert.NoError(t, err, "log of %d: %s is not recorded", n, id)
		}
	}
}

// Replay and ReplayEnvelopes answer a nil function, decider or codec
// with an error.
func TestReplayWithNothingToReplayWith(t *testing.T) {
	_, err := grassroots.Replay[ticket, grassroots.DomainEvent](nil, nil)
	assert.Error(t, err, "Replay without evolve")
	_, err = grassroots.ReplayEnvelopes[ticket, ticketCommand, grassroots.DomainEvent](nil, ticketCodec, nil)
	assert.Error(t, err, "ReplayEnvelopes without a decider")
	_, err = grassroots.ReplayEnvelopes[ticket, ticketCommand, grassroots.DomainEvent](ticketDecider{}, nil, nil)
	assert.Error(t, err, "ReplayEnvelopes without a codec")
}

// A nil *Codec knows no event types: it answers every method without
// panicking, with an error matching ErrUnknownEvent where one converts.
func TestNilCodec(t *testing.T) {
	var c *grassroots.Codec[grassroots.DomainEvent]
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.UTC)
	e := opened{ticketEvent{Meta: ticketMeta("T-1", 1, at)}}
	env, err := ticketCodec.Envelope("/desk", e, 0)
	require.NoError(t, err)

	assert.Empty(t, c.Package())
	assert.Nil(t, c.Names())
	_, ok := c.Zero("opened")
	assert.False(t, ok)
	assert.Nil(t, c.WithEncoder(func(grassroots.DomainEvent) ([]byte, error) { return nil, nil }))
	assert.Nil(t, c.WithAppendEncoder(func(dst []byte, _ grassroots.DomainEvent) ([]byte, error) { return dst, nil }))
	assert.Nil(t, c.WithDecoder(func(string, []byte) (grassroots.DomainEvent, bool) { return nil, false }))

	_, err = c.Envelope("/desk", e, 0)
	assert.ErrorIs(t, err, grassroots.ErrUnknownEvent, "Envelope")
	sealed, err := c.Seal(nil, "/desk", []grassroots.DomainEvent{e})
	assert.ErrorIs(t, err, grassroots.ErrUnknownEvent, "Seal")
	assert.Nil(t, sealed)
	dst := []byte("kept")
	sealed, out, err := c.AppendSealed(dst, nil, "/desk", []grassroots.DomainEvent{e})
	assert.ErrorIs(t, err, grassroots.ErrUnknownEvent, "AppendSealed")
	assert.Nil(t, sealed)
	assert.Equal(t, "kept", string(out), "AppendSealed leaves dst as it was")
	_, err = c.Decode(env)
	assert.ErrorIs(t, err, grassroots.ErrUnknownEvent, "Decode")
	_, err = c.Events([]grassroots.Event{env})
	assert.ErrorIs(t, err, grassroots.ErrUnknownEvent, "Events")
	_, err = c.Next(nil, env)
	assert.ErrorIs(t, err, grassroots.ErrUnknownEvent, "Next")
	assert.ErrorContains(t, err, "codec is nil")
}
