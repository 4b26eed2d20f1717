package grassroots

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sync"
)

// ChainReason says how a chain was found broken.
type ChainReason uint8

// The ways a chain can break. VerifyChain names the first one it meets.
const (
	// ChainInvalid: the event fails Validate or has no hash.
	ChainInvalid ChainReason = iota + 1
	// ChainContentChanged: the event's hash does not match its content.
	ChainContentChanged
	// ChainReordered: the event is intact but out of place.
	ChainReordered
	// ChainDropped: one or more events before this one are missing.
	ChainDropped
	// ChainInserted: the event does not belong to the chain (a forged or
	// duplicated event, or one of another subject).
	ChainInserted
	// ChainWrongSequence: the event links to its predecessor, but its
	// sequence number is not the predecessor's plus one (or 1 for the
	// first event).
	ChainWrongSequence
)

var chainReasonNames = [...]string{
	ChainInvalid:        "invalid",
	ChainContentChanged: "content_changed",
	ChainReordered:      "reordered",
	ChainDropped:        "dropped",
	ChainInserted:       "inserted",
	ChainWrongSequence:  "wrong_sequence",
}

// String returns the reason's lower_snake name, or "ChainReason(N)".
func (r ChainReason) String() string {
	if r >= ChainInvalid && r <= ChainWrongSequence {
		return chainReasonNames[r]
	}
	return fmt.Sprintf("ChainReason(%d)", uint8(r))
}

// ComputeHash returns the chain hash of e: the lowercase hex SHA-256 of
// the canonical form of e without its hash attribute (see the package
// documentation: every attribute as its CloudEvents canonical string, time
// in UTC, data in RFC 8785 form, members sorted). The hash field of e is
// ignored, so ComputeHash(e) == e.Hash holds exactly for an untouched
// sealed event, and still holds after a relay re-encodes its attributes
// without changing their values. e must pass Validate.
func ComputeHash(e *Event) (string, error) {
	sum, err := validHash(e, false)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(sum[:]), nil
}

// errNilEvent answers a nil *Event where an event is to be checked.
var errNilEvent = NewValidationError(FieldError{Rule: RuleRequired, Message: "an event is required, not a nil *Event"})

// hashBuffers holds the buffers the canonical form is written into, so
// hashing an event allocates nothing.
var hashBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// putHashBuffer returns a buffer to hashBuffers, unless an outsized event
// grew it beyond 64 KiB.
func putHashBuffer(bp *[]byte) {
	if cap(*bp) <= 64<<10 {
		hashBuffers.Put(bp)
	}
}

// validHash checks e as Validate does and returns its chain hash, reading
// the data once: canonicalising it finds the problems Validate would
// report for it. dataCanonical says the data is known to be in RFC 8785
// form already (a codec's decoder took it), so that it is hashed as it
// is, unread.
func validHash(e *Event, dataCanonical bool) ([sha256.Size]byte, error) {
	if e == nil {
		return [sha256.Size]byte{}, errNilEvent
	}
	if err := e.validate(false); err != nil {
		return [sha256.Size]byte{}, err
	}
	return checkedHash(e, dataCanonical)
}

// checkedHash returns the chain hash of e, whose attributes have been
// checked: it canonicalises the data, which checks it, unless
// dataCanonical says the data is the canonicaliser's own output.
func checkedHash(e *Event, dataCanonical bool) ([sha256.Size]byte, error) {
	bp := hashBuffers.Get().(*[]byte)
	defer putHashBuffer(bp)
	b, err := e.canonicalForm(bp, dataCanonical, nil)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	return sha256.Sum256(b), nil
}

// canonicalForm writes the canonical form of e that the hash covers into
// *bp, a buffer of hashBuffers, recording in m where it differs from the
// wire form unless m is nil. An error is data the canonicaliser refused.
func (e *Event) canonicalForm(bp *[]byte, dataCanonical bool, m *wireMarks) ([]byte, error) {
	b, err := e.appendJSON((*bp)[:0], true, false, dataCanonical, m)
	*bp = b[:0]
	if err != nil {
		return nil, dataError(err)
	}
	return b, nil
}

// appendLine appends the wire form of e, whose canonical form canon was
// written with m: spliced from canon, or written anew when m is nil.
func (e *Event) appendLine(dst, canon []byte, m *wireMarks, dataCanonical bool) ([]byte, error) {
	if m != nil {
		return m.appendWire(dst, canon, e, e.Hash), nil
	}
	b, err := e.appendJSON(dst, false, true, dataCanonical, nil)
	if err != nil {
		return dst, dataError(err)
	}
	return b, nil
}

// spliceMarks returns m when e's wire form can be spliced from its
// canonical form, and nil when e has extensions or data_base64, whose
// values the two forms write differently.
func spliceMarks(e *Event, m *wireMarks) *wireMarks {
	if len(e.Extensions) > 0 || e.DataBase64 != nil {
		return nil
	}
	return m
}

// hashIs reports whether the lowercase hex string h spells sum.
func hashIs(sum [sha256.Size]byte, h string) bool {
	if len(h) != 2*sha256.Size {
		return false
	}
	var buf [2 * sha256.Size]byte
	hex.Encode(buf[:], sum[:])
	return string(buf[:]) == h
}

// VerifyLink checks that next is a sealed event whose hash matches its
// content and that it follows prev in its subject's chain: the same
// subject, sequence one more, prevhash prev's hash. prev is nil when next
// must be the first event of its subject. It returns a *ChainError with
// Index 0 and the reason, so a store or a stream can check each event it
// receives against the last one it holds without the whole chain.
func VerifyLink(prev *Event, next *Event) error { return verifyLink(prev, next, false) }

// verifyLink is VerifyLink; dataCanonical is validHash's.
func verifyLink(prev *Event, next *Event, dataCanonical bool) error {
	sum, err := validHash(next, dataCanonical)
	if err != nil {
		return &ChainError{Reason: ChainInvalid, Err: err}
	}
	if err := checkSum(sum, next); err != nil {
		return err
	}
	return checkChainFields(prev, next)
}

// AppendVerified checks next against prev as VerifyLink does and, when it
// passes, appends next's JSON to dst as AppendJSON writes it: for a
// writer that forwards or stores the events it verifies (a publisher to
// a broker, a store), which would otherwise check and write each event
// twice. The line is copied from the canonical form the hash check has
// just computed, with the hash, sequence and time spliced in, unless the
// event has extensions or data_base64. On error it returns dst unchanged
// and the *ChainError VerifyLink returns.
func AppendVerified(dst []byte, prev, next *Event) ([]byte, error) {
	return appendChecked(dst, prev, next, true)
}

// AppendIntact checks that e is sealed and that its hash matches its
// content, as VerifyLink does before it looks at the predecessor, and
// appends e's JSON to dst as AppendVerified does. It is for the first
// event of a batch whose predecessor is held elsewhere (a store's head,
// the last message of a stream), whose link is checked against it there.
// On error it returns dst unchanged and a *ChainError with Reason
// ChainInvalid or ChainContentChanged.
func AppendIntact(dst []byte, e *Event) ([]byte, error) {
	return appendChecked(dst, nil, e, false)
}

// appendChecked is AppendVerified, or AppendIntact when link is false.
func appendChecked(dst []byte, prev, next *Event, link bool) ([]byte, error) {
	if next == nil {
		return dst, &ChainError{Reason: ChainInvalid, Err: errNilEvent}
	}
	if err := next.validate(false); err != nil {
		return dst, &ChainError{Reason: ChainInvalid, Err: err}
	}
	var marks wireMarks
	m := spliceMarks(next, &marks)
	bp := hashBuffers.Get().(*[]byte)
	defer putHashBuffer(bp)
	canon, err := next.canonicalForm(bp, false, m)
	if err != nil {
		return dst, &ChainError{Reason: ChainInvalid, Err: err}
	}
	if err := checkSum(sha256.Sum256(canon), next); err != nil {
		return dst, err
	}
	if link {
		if err := checkChainFields(prev, next); err != nil {
			return dst, err
		}
	}
	out, err := next.appendLine(dst, canon, m, false)
	if err != nil {
		return dst, &ChainError{Reason: ChainInvalid, Err: err}
	}
	return out, nil
}

// checkSum checks that next is sealed with the hash sum of its content.
func checkSum(sum [sha256.Size]byte, next *Event) error {
	if next.Hash == "" {
		return &ChainError{Reason: ChainInvalid, Err: ErrNotSealed}
	}
	if !hashIs(sum, next.Hash) {
		return &ChainError{Reason: ChainContentChanged}
	}
	return nil
}

// checkChainFields checks next's chain fields against prev, as
// VerifyLink does once next's hash has been found to match its content.
func checkChainFields(prev *Event, next *Event) error {
	if prev == nil {
		if next.Sequence != 1 || next.PrevHash != "" {
			return &ChainError{Reason: ChainDropped}
		}
		return nil
	}
	switch {
	case next.Subject != prev.Subject:
		return &ChainError{Reason: ChainInserted}
	case next.PrevHash != prev.Hash && next.Sequence <= prev.Sequence:
		if next.Hash == prev.Hash {
			return &ChainError{Reason: ChainInserted}
		}
		return &ChainError{Reason: ChainReordered}
	case next.PrevHash != prev.Hash && next.Sequence > prev.Sequence+1:
		return &ChainError{Reason: ChainDropped}
	case next.PrevHash != prev.Hash:
		return &ChainError{Reason: ChainInserted}
	case next.Sequence != prev.Sequence+1:
		return &ChainError{Reason: ChainWrongSequence}
	}
	return nil
}

// Seal links next into the chain after prev and returns it with Sequence,
// PrevHash and Hash filled in; next itself is not modified. prev is nil for
// the first event of a subject, which gets sequence 1 and no prevhash.
//
// next must pass Validate (its chain fields are overwritten) and have the
// same non-empty Subject as prev; prev must be sealed.
func Seal(prev *Event, next Event) (Event, error) { return seal(prev, next, false, false) }

// seal is Seal for any event (built false), checked as Validate checks
// it but leaving the data to the canonicalisation that hashing it does
// next, or for one that Codec.Envelope built (built true), checked by
// validateBuilt, whose data the codec knows to be canonical or not.
func seal(prev *Event, next Event, built, dataCanonical bool) (Event, error) {
	if err := link(prev, &next); err != nil {
		return Event{}, err
	}
	var err error
	if built {
		err = next.validateBuilt()
	} else {
		err = next.validate(false)
	}
	if err != nil {
		return Event{}, err
	}
	sum, err := checkedHash(&next, dataCanonical)
	if err != nil {
		return Event{}, err
	}
	next.Hash = hexHash(sum)
	return next, nil
}

// sealLine is seal for an envelope Codec.Envelope built, appending the
// sealed event's wire form to dst as appendJSON writes it. The wire form
// is spliced from the canonical form the hash covers instead of being
// written again, when the event has no extensions and no data_base64
// (the codec sets neither); otherwise it is written anew. On error dst
// is returned unchanged.
func sealLine(dst []byte, prev *Event, next Event, dataCanonical bool) (Event, []byte, error) {
	if err := link(prev, &next); err != nil {
		return Event{}, dst, err
	}
	if err := next.validateBuilt(); err != nil {
		return Event{}, dst, err
	}
	var marks wireMarks
	m := spliceMarks(&next, &marks)
	bp := hashBuffers.Get().(*[]byte)
	defer putHashBuffer(bp)
	canon, err := next.canonicalForm(bp, dataCanonical, m)
	if err != nil {
		return Event{}, dst, err
	}
	next.Hash = hexHash(sha256.Sum256(canon))
	out, err := next.appendLine(dst, canon, m, dataCanonical)
	if err != nil {
		return Event{}, dst, err
	}
	return next, out, nil
}

// link sets next's chain fields to follow prev (nil: the first event of
// its subject), checking that prev is sealed, of next's subject and not
// at the end of its chain.
func link(prev *Event, next *Event) error {
	next.Sequence, next.PrevHash, next.Hash = 1, "", ""
	if next.Subject == "" {
		return ErrSubjectMismatch
	}
	if prev == nil {
		return nil
	}
	if !isHexHash(prev.Hash) || prev.Sequence < 1 {
		return ErrNotSealed
	}
	if prev.Subject != next.Subject {
		return fmt.Errorf("%w: %q then %q", ErrSubjectMismatch, prev.Subject, next.Subject)
	}
	if prev.Sequence >= math.MaxInt32 {
		return fmt.Errorf("grassroots: chain of %q is full", next.Subject)
	}
	next.Sequence = prev.Sequence + 1
	next.PrevHash = prev.Hash
	return nil
}

// hexHash spells sum in lowercase hex, as the hash attribute holds it.
func hexHash(sum [sha256.Size]byte) string {
	var text [2 * sha256.Size]byte
	hex.Encode(text[:], sum[:])
	return string(text[:])
}

// SealAll seals events in order as one chain after prev (nil to start a
// new chain) and returns the sealed copies. It stops at the first error.
func SealAll(prev *Event, events []Event) ([]Event, error) {
	out := make([]Event, 0, len(events))
	for i, e := range events {
		s, err := Seal(prev, e)
		if err != nil {
			return nil, fmt.Errorf("grassroots: sealing event %d: %w", i, err)
		}
		out = append(out, s)
		prev = &out[len(out)-1]
	}
	return out, nil
}

// VerifyChain checks that events form one intact chain of one subject,
// starting at sequence 1, and returns a *ChainError naming the first index
// at which it does not, with the reason:
//
//   - an event whose hash does not match its content: ChainContentChanged;
//   - an event that links to its predecessor but carries the wrong sequence
//     number: ChainWrongSequence;
//   - an event that the chain skips over (its successor links to its
//     predecessor), a repeated copy of another event, or an event of
//     another subject: ChainInserted;
//   - an intact event out of place (the event it links to is elsewhere in
//     the slice, or the expected one comes later): ChainReordered;
//   - an intact event whose expected predecessor is missing: ChainDropped.
//
// An empty slice verifies.
func VerifyChain(events []Event) error {
	for i := range events {
		if r, idx, err := checkLink(events, i, false); r != 0 {
			return &ChainError{Index: idx, Reason: r, Err: err}
		}
	}
	return nil
}

// checkLink checks events[i] against its neighbours as VerifyChain does
// and returns the reason and index of the break it finds, or 0;
// dataCanonical is validHash's.
func checkLink(events []Event, i int, dataCanonical bool) (ChainReason, int, error) {
	e := &events[i]
	sum, err := validHash(e, dataCanonical)
	if err != nil {
		return ChainInvalid, i, err
	}
	if e.Hash == "" {
		return ChainInvalid, i, ErrNotSealed
	}
	if i > 0 && e.Subject != events[0].Subject {
		return ChainInserted, i, nil
	}
	hashOK := hashIs(sum, e.Hash)
	var expected int64 = 1
	var prevHash string
	if i > 0 {
		expected = events[i-1].Sequence + 1
		prevHash = events[i-1].Hash
	}
	linkOK := e.PrevHash == prevHash
	seqOK := e.Sequence == expected
	if linkOK && seqOK && hashOK {
		return 0, 0, nil
	}
	if insertedBefore(events, i) {
		return ChainInserted, i - 1, nil
	}
	if hashOK && hashRepeated(events, i) {
		return ChainInserted, i, nil
	}
	if hashOK && !linkOK && predecessorElsewhere(events, i) {
		return ChainReordered, i, nil
	}
	if insertedAt(events, i) {
		return ChainInserted, i, nil
	}
	switch {
	case linkOK && !seqOK:
		return ChainWrongSequence, i, nil
	case !hashOK:
		return ChainContentChanged, i, nil
	}
	// The event is intact but does not follow its predecessor.
	for j := i + 1; j < len(events); j++ {
		if events[j].Sequence == expected {
			return ChainReordered, i, nil
		}
	}
	if e.Sequence > expected {
		return ChainDropped, i, nil
	}
	return ChainReordered, i, nil
}

// insertedBefore reports whether events[i] links past events[i-1] to
// events[i-2], so that events[i-1] was slipped in.
func insertedBefore(events []Event, i int) bool {
	e := &events[i]
	switch {
	case i >= 2:
		p := &events[i-2]
		return e.PrevHash == p.Hash && e.Sequence == p.Sequence+1
	case i == 1:
		return e.PrevHash == "" && e.Sequence == 1
	}
	return false
}

// hashRepeated reports whether another event in the slice has the same
// hash as events[i]: a replayed copy.
func hashRepeated(events []Event, i int) bool {
	for j := range events {
		if j != i && events[j].Hash == events[i].Hash {
			return true
		}
	}
	return false
}

// predecessorElsewhere reports whether the event events[i] links to is in
// the slice, but not just before it: the event belongs to this chain and
// was moved.
func predecessorElsewhere(events []Event, i int) bool {
	e := &events[i]
	if e.PrevHash == "" {
		return i != 0
	}
	for j := range events {
		if j != i-1 && j != i && events[j].Hash == e.PrevHash {
			return true
		}
	}
	return false
}

// insertedAt reports whether events[i+1] links past events[i].
func insertedAt(events []Event, i int) bool {
	if i+1 >= len(events) {
		return false
	}
	n := &events[i+1]
	if i == 0 {
		return n.PrevHash == "" && n.Sequence == 1
	}
	p := &events[i-1]
	return n.PrevHash == p.Hash && n.Sequence == p.Sequence+1
}
