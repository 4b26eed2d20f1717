package grassroots

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// State is the constraint on a lifecycle's state enumeration: a uint8
// enumeration whose zero value means "the aggregate does not exist yet".
type State interface {
	~uint8
	String() string
}

// Transition is one row of a lifecycle's transition table: Command, in
// one of the states From, causes Event, which leads to To. An empty From
// means the state before the aggregate exists (the zero state); a zero To
// means the state does not change.
type Transition[S State] struct {
	Command string `json:"command"`
	Event   string `json:"event"`
	From    []S    `json:"from,omitempty"`
	To      S      `json:"to,omitzero"`
}

func (t *Transition[S]) allows(from S) bool {
	if len(t.From) == 0 {
		return from == 0
	}
	return slices.Contains(t.From, from)
}

// Transitions is a lifecycle's transition table: the one place where its
// transitions are written. Decide asks it whether a command is allowed in
// a state (Allows), Evolve asks it where an event leads (Next), and DOT
// draws it. A table is a plain value; treat it as read-only once built.
type Transitions[S State] []Transition[S]

// Allows returns nil when cmd appears in some row whose From holds from,
// and otherwise a *TransitionError naming what from allows. lifecycle is
// the package name for the error.
func (t Transitions[S]) Allows(lifecycle string, from S, cmd string) error {
	for i := range t {
		if t[i].Command == cmd && t[i].allows(from) {
			return nil
		}
	}
	return &TransitionError{Lifecycle: lifecycle, From: stateName(from), Command: cmd, Allowed: t.commandsFrom(from)}
}

// Next returns the state event leads to from from, and the command that
// causes it, or a *TransitionError when no row allows the event there.
func (t Transitions[S]) Next(lifecycle string, from S, event string) (S, string, error) {
	for i := range t {
		if r := &t[i]; r.Event == event && r.allows(from) {
			if r.To == 0 {
				return from, r.Command, nil
			}
			return r.To, r.Command, nil
		}
	}
	return from, "", &TransitionError{Lifecycle: lifecycle, From: stateName(from), Event: event, Allowed: t.eventsFrom(from)}
}

// Check reports a table that cannot be followed unambiguously: a row with
// an empty command or event name, or two rows for one event and one state
// that lead to different states.
func (t Transitions[S]) Check() error {
	for i, r := range t {
		if r.Command == "" || r.Event == "" {
			return fmt.Errorf("grassroots: transition row %d has an empty command or event name", i)
		}
		for _, q := range t[:i] {
			if q.Event != r.Event {
				continue
			}
			for _, f := range r.From {
				if q.allows(f) && q.To != r.To {
					return fmt.Errorf("grassroots: event %q leads from %s to two states", r.Event, f)
				}
			}
			if len(r.From) == 0 && len(q.From) == 0 && q.To != r.To {
				return fmt.Errorf("grassroots: event %q leads from the zero state to two states", r.Event)
			}
		}
	}
	return nil
}

// Commands returns every command name of the table, in first-row order.
func (t Transitions[S]) Commands() []string {
	return t.names(func(*Transition[S]) bool { return true }, commandOf[S])
}

func (t Transitions[S]) commandsFrom(from S) []string {
	return t.names(func(r *Transition[S]) bool { return r.allows(from) }, commandOf[S])
}

func (t Transitions[S]) eventsFrom(from S) []string {
	return t.names(func(r *Transition[S]) bool { return r.allows(from) }, eventOf[S])
}

func commandOf[S State](r *Transition[S]) string { return r.Command }
func eventOf[S State](r *Transition[S]) string   { return r.Event }

// names lists, in first-row order and once each, the name that name gives
// of every row keep selects.
func (t Transitions[S]) names(keep func(*Transition[S]) bool, name func(*Transition[S]) string) []string {
	var out []string
	for i := range t {
		if n := name(&t[i]); keep(&t[i]) && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// DOT renders the table in Graphviz DOT as the digraph name: one node per
// state, a point node "none" for the zero state, and one edge per row and
// From state labelled "command / event"; rows that keep the state are
// loops.
func (t Transitions[S]) DOT(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n\trankdir=LR;\n\t\"none\" [shape=point];\n", name)
	for _, r := range t {
		from := r.From
		if len(from) == 0 {
			from = []S{0}
		}
		for _, f := range from {
			to := r.To
			if to == 0 {
				to = f
			}
			fmt.Fprintf(&b, "\t%q -> %q [label=%q];\n", nodeName(f), nodeName(to), r.Command+" / "+r.Event)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func nodeName[S State](s S) string {
	if s == 0 {
		return "none"
	}
	return s.String()
}

func stateName[S State](s S) string {
	if s == 0 {
		return ""
	}
	return s.String()
}

// MaxCommands is the number of commands an aggregate's CommandLog holds.
// A lifecycle refuses every further command with ErrCommandLogFull, since
// it could no longer tell a repeat from a new command. A matter, risk or
// contract uses a few dozen commands in a typical life.
const MaxCommands = 4096

// CommandLog is the record of the commands an aggregate has applied, kept
// in its state so that Decide is idempotent: for each command its ID
// itself (never a hash of it), its name, its actor's ID and its time. A
// command that matches a recorded one in all four is a repeat; one that
// matches only the ID is a conflict.
//
// The zero value is an empty log. A CommandLog is an immutable value: Add
// returns a new log and never changes the old one, so states that share
// history stay independent, on one goroutine or several. Entries are
// packed into chunks of about half a kilobyte that later logs share; the
// newest log of a history adds its entry in the free room of its last
// chunk, where no other log reads, so adding a command copies nothing but
// the entry in the common case and allocates about once every few
// commands: about 30 bytes plus the IDs per command, and a history of n
// commands costs O(n) to build, not O(n²).
type CommandLog struct {
	full [][]byte // full chunks of packed entries, shared between logs
	// tail holds the entries after the full chunks; the last entry is
	// here. Its bytes are never written again; the room after them
	// belongs to whichever log claims it first through room.
	tail   []byte
	room   *atomic.Int32
	last   int32 // offset of the last entry in tail
	n      int32
	events string // names of the events of the last command, "\x00"-separated
	// seen has bit idBit(id) set for every recorded ID: a clear bit
	// proves an ID new without reading the entries, the common case of
	// Check and Add. It follows from the IDs, so equal logs have equal
	// filters.
	seen [4]uint64
}

// A tail's buffer and the count of its bytes that logs have claimed are
// one allocation, in one of three sizes. A log whose tail ends at the
// count may append in place after claiming the room with a
// compare-and-swap; any other log copies its tail to a buffer of its own.
type (
	smallTail struct {
		used atomic.Int32
		b    [124]byte
	}
	middleTail struct {
		used atomic.Int32
		b    [252]byte
	}
	chunkTail struct {
		used atomic.Int32
		b    [chunkSize]byte
	}
)

// newTail returns an empty buffer with room for at least n bytes and its
// claim count, nil for a buffer larger than a chunk, which no log
// appends to in place.
func newTail(n int) ([]byte, *atomic.Int32) {
	switch {
	case n <= len(smallTail{}.b):
		t := new(smallTail)
		return t.b[:0], &t.used
	case n <= len(middleTail{}.b):
		t := new(middleTail)
		return t.b[:0], &t.used
	case n <= chunkSize:
		t := new(chunkTail)
		return t.b[:0], &t.used
	}
	return make([]byte, 0, n), nil
}

// idBit returns the bit of seen that stands for id: a hash of its bytes,
// mixed eight at a time, reduced to 0..255.
func idBit(id string) uint {
	const k = 0x9E3779B97F4A7C15
	h := uint64(len(id)) * k
	i := 0
	for ; i+8 <= len(id); i += 8 {
		w := id[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		h = bits.RotateLeft64(h^x, 29) * k
	}
	for ; i < len(id); i++ {
		h = (h ^ uint64(id[i])) * k
	}
	return uint(h >> 56)
}

// mayHold reports whether an ID whose idBit is b may be recorded: false
// proves it is not.
func (l *CommandLog) mayHold(b uint) bool { return l.seen[b>>6]&(1<<(b&63)) != 0 }

// chunkSize is the size a tail reaches before it becomes a full chunk
// (with its claim count, 512 bytes).
const chunkSize = 508

// Len returns the number of commands recorded.
func (l CommandLog) Len() int { return int(l.n) }

type logEntry struct {
	id, command, actor string
	sec                int64
	nsec               int32
}

func (en logEntry) describe() string {
	return fmt.Sprintf("%s by %q at %s", en.command, en.actor, time.Unix(en.sec, int64(en.nsec)).UTC().Format(time.RFC3339Nano))
}

func entryOf(m Meta, command string) logEntry {
	return logEntry{id: m.CommandID, command: command, actor: m.Actor.ID, sec: m.At.Unix(), nsec: int32(m.At.Nanosecond())}
}

// readEntry decodes the entry at off in a packed chunk and returns the
// offset after it.
func readEntry(s []byte, off int) (logEntry, int) {
	var e logEntry
	e.id, off = readField(s, off)
	e.command, off = readField(s, off)
	e.actor, off = readField(s, off)
	e.sec, e.nsec = readTime(s, off)
	return e, off + 12
}

// readTime decodes the 12-byte time of an entry at off.
func readTime(s []byte, off int) (int64, int32) {
	var u uint64
	for i := range 8 {
		u = u<<8 | uint64(s[off+i])
	}
	var n uint32
	for i := range 4 {
		n = n<<8 | uint32(s[off+8+i])
	}
	return int64(u), int32(n)
}

// readField decodes a uvarint-prefixed string.
func readField(s []byte, off int) (string, int) {
	f, off := fieldAt(s, off)
	return string(f), off
}

// fieldAt returns the bytes of the uvarint-prefixed field at off, without
// copying them, and the offset after it.
func fieldAt(s []byte, off int) ([]byte, int) {
	n, off := readLen(s, off)
	return s[off : off+n], off + n
}

// entryRef is where an entry lies in a packed chunk.
type entryRef struct {
	s   []byte
	off int
}

func (r entryRef) entry() logEntry {
	e, _ := readEntry(r.s, r.off)
	return e
}

// is reports whether the entry is en, comparing it where it lies.
func (r entryRef) is(en logEntry) bool {
	f, off := fieldAt(r.s, r.off)
	if string(f) != en.id {
		return false
	}
	if f, off = fieldAt(r.s, off); string(f) != en.command {
		return false
	}
	if f, off = fieldAt(r.s, off); string(f) != en.actor {
		return false
	}
	sec, nsec := readTime(r.s, off)
	return sec == en.sec && nsec == en.nsec
}

// skipEntry returns the offset after the entry at off in a packed chunk,
// and whether the entry's ID is id, without decoding the rest of it.
func skipEntry(s []byte, off int, id string) (int, bool) {
	n, off := readLen(s, off)
	match := n == len(id) && string(s[off:off+n]) == id
	off += n
	n, off = readLen(s, off)
	off += n
	n, off = readLen(s, off)
	return off + n + 12, match
}

// readLen decodes a uvarint length prefix.
func readLen(s []byte, off int) (int, int) {
	c := s[off]
	if c < 0x80 {
		return int(c), off + 1
	}
	var n, shift uint
	for {
		c := s[off]
		off++
		n |= uint(c&0x7F) << shift
		if c < 0x80 {
			return int(n), off
		}
		shift += 7
	}
}

// find returns where the entry recorded for id, whose idBit is bit,
// lies, and whether it is the last one. It compares only the ID of each
// entry it passes.
func (l CommandLog) find(id string, bit uint) (e entryRef, isLast, ok bool) {
	if !l.mayHold(bit) {
		return entryRef{}, false, false
	}
	for _, chunk := range l.full {
		for off := 0; off < len(chunk); {
			start := off
			var match bool
			if off, match = skipEntry(chunk, off, id); match {
				return entryRef{chunk, start}, false, true
			}
		}
	}
	for off := 0; off < len(l.tail); {
		start := off
		var match bool
		if off, match = skipEntry(l.tail, off, id); match {
			return entryRef{l.tail, start}, int32(start) == l.last, true
		}
	}
	return entryRef{}, false, false
}

// Check reports whether the command with meta m and name command has
// been applied (repeat true), or an error: a *CommandConflictError when
// its ID was used by a different command, ErrCommandLogFull when the log
// is full. Decide calls it before anything else.
func (l CommandLog) Check(m Meta, command string) (repeat bool, err error) {
	got, _, ok := l.find(m.CommandID, idBit(m.CommandID))
	if !ok {
		if l.n >= MaxCommands {
			return false, ErrCommandLogFull
		}
		return false, nil
	}
	given := entryOf(m, command)
	if !got.is(given) {
		return false, &CommandConflictError{CommandID: m.CommandID, Applied: got.entry().describe(), Given: given.describe()}
	}
	return true, nil
}

// Add records that an event named event of the command with meta m and
// name command was applied, and returns the new log. The events of one
// command follow each other: an event of the command applied last adds
// its name to that command's entry; an event of any other recorded
// command is ErrDuplicateEvent, as is a second event of the same name for
// the last command; a new command needs room (ErrCommandLogFull).
func (l CommandLog) Add(m Meta, command, event string) (CommandLog, error) {
	en := entryOf(m, command)
	bit := idBit(m.CommandID)
	got, isLast, ok := l.find(m.CommandID, bit)
	same := ok && got.is(en)
	switch {
	case same && isLast:
		for n := range strings.SplitSeq(l.events, "\x00") {
			if n == event {
				return l, fmt.Errorf("%w: second %s event of command %q", ErrDuplicateEvent, event, m.CommandID)
			}
		}
		l.events += "\x00" + event
		return l, nil
	case same:
		return l, fmt.Errorf("%w: command %q", ErrDuplicateEvent, m.CommandID)
	case ok:
		return l, &CommandConflictError{CommandID: m.CommandID, Applied: got.entry().describe(), Given: en.describe()}
	case l.n >= MaxCommands:
		return l, ErrCommandLogFull
	}
	var buf [3*(MaxIDLength+2) + 12 + 32]byte
	entry := appendEntry(buf[:0], en)
	full, tail, room := l.full, l.tail, l.room
	if len(tail) > 0 && len(tail)+len(entry) > chunkSize {
		// The tail's bytes never change, so it becomes a full chunk as
		// it is, its capacity cut so that nothing appends to it.
		full = append(full[:len(full):len(full)], tail[:len(tail):len(tail)])
		tail, room = nil, nil
	}
	n := int32(len(tail))
	fits := room != nil && len(tail)+len(entry) <= cap(tail)
	if fits && room.CompareAndSwap(n, n+int32(len(entry))) {
		tail = append(tail, entry...)
	} else {
		// A buffer of its own. A history that outgrew its buffer gets
		// room for as much again up to a chunk, so that the next entries
		// go in place; a log that branches off a history another log has
		// extended (its entry would have fitted) gets what it needs.
		need := len(tail) + len(entry)
		size := need
		if !fits {
			size = max(need, min(2*need, chunkSize))
		}
		var next []byte
		next, room = newTail(size)
		tail = append(append(next, tail...), entry...)
		if room != nil {
			room.Store(int32(need))
		}
	}
	seen := l.seen
	seen[bit>>6] |= 1 << (bit & 63)
	return CommandLog{full: full, tail: tail, room: room, last: n, n: l.n + 1, events: event, seen: seen}, nil
}

// appendEntry appends the packed form of en that readEntry reads.
func appendEntry(b []byte, en logEntry) []byte {
	b = appendField(b, en.id)
	b = appendField(b, en.command)
	b = appendField(b, en.actor)
	b = binary.BigEndian.AppendUint64(b, uint64(en.sec))
	return binary.BigEndian.AppendUint32(b, uint32(en.nsec))
}

func appendField(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// IDs returns the recorded command IDs in the order applied.
func (l CommandLog) IDs() []string {
	out := make([]string, 0, l.n)
	for _, chunk := range l.chunks() {
		for off := 0; off < len(chunk); {
			var en logEntry
			en, off = readEntry(chunk, off)
			out = append(out, en.id)
		}
	}
	return out
}

// Equal reports whether l and o record the same commands, in the same
// order, with the same events of the last command. (CommandLog values are
// not comparable with ==.)
func (l CommandLog) Equal(o CommandLog) bool {
	if l.n != o.n || l.events != o.events || l.size() != o.size() {
		return false
	}
	a, b := l.chunks(), o.chunks()
	var ai, bi, ao, bo int
	for ai < len(a) && bi < len(b) {
		ca, cb := a[ai][ao:], b[bi][bo:]
		k := min(len(ca), len(cb))
		if !bytes.Equal(ca[:k], cb[:k]) {
			return false
		}
		ao, bo = ao+k, bo+k
		if ao == len(a[ai]) {
			ai, ao = ai+1, 0
		}
		if bo == len(b[bi]) {
			bi, bo = bi+1, 0
		}
	}
	return true
}

func (l CommandLog) chunks() [][]byte { return append(l.full[:len(l.full):len(l.full)], l.tail) }

func (l CommandLog) size() int {
	n := len(l.tail)
	for _, c := range l.full {
		n += len(c)
	}
	return n
}

// Size returns the bytes the log holds, for sizing states.
func (l CommandLog) Size() int {
	return l.size() + cap(l.tail) - len(l.tail) + len(l.events) + 24*cap(l.full)
}
