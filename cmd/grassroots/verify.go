package main

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/grassrootsgov/grassroots"
)

var verifyCommand = &command{
	name:  "verify",
	args:  "[-format text|json|csv] FILE.jsonl",
	short: "verify the hash chains of a file of sealed events",
	long: `
Verify reads a JSON-lines file of sealed CloudEvents envelopes (one
envelope a line, in structured JSON, as the SDK's codecs write them) and
checks every subject's hash chain. The events of many subjects may be
interleaved; each subject's events must appear in chain order, from
sequence 1. FILE may be - for standard input. Blank lines are skipped.

Each line is parsed strictly (grassroots.ParseEvent): a line that breaks
CloudEvents 1.0, RFC 8259, RFC 3339 or I-JSON, or that lacks the chain
attributes, is reported with the attributes at fault. Each envelope is
then checked against the last one of its subject (grassroots.VerifyLink):
its hash must match its content, and its sequence and prevhash must
follow. A failure is reported with its line, its subject, its index among
the subject's events in the file (from 0), its sequence and the reason:

	invalid          the envelope is not a valid sealed event
	content_changed  its hash does not match its content: altered
	dropped          an earlier event of the subject is missing
	reordered        it is intact but out of place (its predecessor
	                 comes later in the file)
	inserted         it does not belong to the chain: a repeat, a
	                 forgery, or an event of another chain
	wrong_sequence   it links to its predecessor but its sequence is
	                 not one more

Only the first failure of each subject is reported: after it, the rest
of the subject's chain cannot be trusted. A chain cut short at its end
cannot be told from a complete one; compare the counts with the source.

Output: text (default) writes one line per failure, FILE:LINE: …, and a
summary line; json writes {"file", "events", "subjects", "failures":
[{"line", "subject", "index", "sequence", "reason", "attributes",
"message"}]}; csv writes the failures with the header
line,subject,index,sequence,reason,attributes,message.

Exit status: 0 when every chain is intact, 1 when some envelope or chain
fails, 2 when the file cannot be read.
`,
	examples: []example{
		{about: "check every chain in a file of sealed events", cmd: "grassroots verify events.jsonl"},
		{about: "the same from standard input, as JSON", cmd: "cat events.jsonl | grassroots verify -format json -"},
		{about: "a file with a tampered event fails with status 1", cmd: "grassroots verify tampered.jsonl", exit: exitFail},
	},
	newFlags: func() commandFlags { return &verifyFlags{} },
}

type verifyFlags struct {
	format *choice
}

func (f *verifyFlags) define(fs *flag.FlagSet) {
	f.format = formatFlag(fs, "text", "text", "json", "csv")
}

func (f *verifyFlags) run(e *env, args []string) int {
	name, ok := e.oneArg(args, "FILE.jsonl")
	if !ok {
		return exitUsage
	}
	in, err := e.open(name)
	if err != nil {
		return e.unreadable(err)
	}
	defer in.Close()
	bar := e.progress("verifying", "bytes", in.size)
	vs := make([]*verifier, workers())
	for k := range vs {
		vs[k] = newVerifier()
	}
	err = eachEnvelope(bar.reader(in), len(vs), func(k int, env *envelope) {
		if env.err != nil {
			vs[k].invalid(env.line, env.subject, env.err)
			return
		}
		vs[k].add(env.line, &env.ev)
	})
	bar.finish()
	if err != nil {
		return e.unreadable(fmt.Errorf("reading %s: %w", in.name, err))
	}
	rep := verifyReport{File: in.name, Failures: []*chainFailure{}}
	for _, v := range vs {
		rep.Events += v.events
		rep.Subjects += len(v.heads)
		rep.Failures = append(rep.Failures, v.failures...)
	}
	slices.SortFunc(rep.Failures, func(a, b *chainFailure) int { return cmp.Compare(a.Line, b.Line) })
	if err := rep.write(e.stdout, f.format.value); err != nil {
		return e.unreadable(err)
	}
	if len(rep.Failures) > 0 {
		return exitFail
	}
	return exitOK
}

// chainFailure is the first failure of one subject's chain.
type chainFailure struct {
	Line    int    `json:"line"`
	Subject string `json:"subject"`
	// Index is the envelope's position among its subject's envelopes in
	// the file, from 0; -1 when the subject could not be read.
	Index    int    `json:"index"`
	Sequence int64  `json:"sequence,omitempty"`
	Reason   string `json:"reason"`
	problem
}

// head is what the verifier keeps of one subject: the last envelope that
// verified (only the fields VerifyLink reads of a predecessor), the
// number of envelopes seen, and the subject's failure.
type head struct {
	last    grassroots.Event
	hasLast bool
	n       int
	failure *chainFailure
}

// verifier checks envelopes as they are read, keeping one head per
// subject, so a file of any length verifies in memory proportional to
// its number of subjects. Each shard of eachEnvelope has its own.
type verifier struct {
	heads    map[string]*head
	failures []*chainFailure
	events   int
}

func newVerifier() *verifier { return &verifier{heads: map[string]*head{}} }

func (v *verifier) head(subject string) *head {
	h := v.heads[subject]
	if h == nil {
		h = &head{}
		v.heads[subject] = h
	}
	return h
}

var reasonText = map[grassroots.ChainReason]string{
	grassroots.ChainInvalid:        "the envelope is not a valid sealed event",
	grassroots.ChainContentChanged: "the hash does not match the content: the event was altered after sealing",
	grassroots.ChainReordered:      "the event is intact but out of place: its predecessor comes later in the file",
	grassroots.ChainDropped:        "one or more earlier events of the subject are missing",
	grassroots.ChainInserted:       "the event does not belong to the chain: a repeat, a forgery or an event of another chain",
	grassroots.ChainWrongSequence:  "the event links to its predecessor but its sequence is not one more",
}

// add checks ev against its subject's chain.
func (v *verifier) add(line int, ev *grassroots.Event) {
	v.events++
	if ev.Subject == "" {
		v.failures = append(v.failures, &chainFailure{Line: line, Index: -1, Sequence: ev.Sequence, Reason: grassroots.ChainInvalid.String(),
			problem: problem{Attributes: []string{"subject"}, Message: "a sealed event needs a subject"}})
		return
	}
	h := v.head(ev.Subject)
	index := h.n
	h.n++
	var prev *grassroots.Event
	if h.hasLast {
		prev = &h.last
	}
	err := grassroots.VerifyLink(prev, ev)
	if h.failure != nil {
		// The event the chain missed, found later: the break was a
		// reordering, not a loss.
		if err == nil && h.failure.Reason == grassroots.ChainDropped.String() {
			h.failure.Reason = grassroots.ChainReordered.String()
			h.failure.Message = reasonText[grassroots.ChainReordered] + fmt.Sprintf(" (line %d)", line)
		}
		return
	}
	if err == nil {
		h.last = grassroots.Event{Subject: ev.Subject, Sequence: ev.Sequence, Hash: ev.Hash}
		h.hasLast = true
		return
	}
	f := &chainFailure{Line: line, Subject: ev.Subject, Index: index, Sequence: ev.Sequence, Reason: grassroots.ChainInvalid.String(), problem: problemOf(err)}
	var ce *grassroots.ChainError
	if errors.As(err, &ce) {
		f.Reason = ce.Reason.String()
		if ce.Err != nil {
			f.problem = problemOf(ce.Err)
		} else {
			f.Message = reasonText[ce.Reason]
		}
	}
	h.failure = f
	v.failures = append(v.failures, f)
}

// invalid records a line that does not parse as an envelope, charged to
// subject when it could be read.
func (v *verifier) invalid(line int, subject string, err error) {
	v.events++
	f := &chainFailure{Line: line, Subject: subject, Index: -1, Reason: grassroots.ChainInvalid.String(), problem: problemOf(err)}
	if subject != "" {
		h := v.head(subject)
		f.Index = h.n
		h.n++
		if h.failure != nil {
			return
		}
		h.failure = f
	}
	v.failures = append(v.failures, f)
}

type verifyReport struct {
	File     string          `json:"file"`
	Events   int             `json:"events"`
	Subjects int             `json:"subjects"`
	Failures []*chainFailure `json:"failures"`
}

func (r *verifyReport) write(w io.Writer, format string) error {
	if r.Failures == nil {
		r.Failures = []*chainFailure{}
	}
	switch format {
	case "json":
		return writeJSON(w, r)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"line", "subject", "index", "sequence", "reason", "attributes", "message"})
		for _, f := range r.Failures {
			seq := ""
			if f.Sequence != 0 {
				seq = strconv.FormatInt(f.Sequence, 10)
			}
			cw.Write([]string{strconv.Itoa(f.Line), f.Subject, strconv.Itoa(f.Index), seq, f.Reason, strings.Join(f.Attributes, " "), f.Message})
		}
		cw.Flush()
		return cw.Error()
	}
	for _, f := range r.Failures {
		fmt.Fprintf(w, "%s:%d: %s\n", r.File, f.Line, f.describe())
	}
	if len(r.Failures) == 0 {
		_, err := fmt.Fprintf(w, "%s: %d events, %d subjects: every chain intact\n", r.File, r.Events, r.Subjects)
		return err
	}
	_, err := fmt.Fprintf(w, "%s: %d events, %d subjects: %d failed\n", r.File, r.Events, r.Subjects, len(r.Failures))
	return err
}

func (f *chainFailure) describe() string {
	var b strings.Builder
	if f.Subject != "" {
		fmt.Fprintf(&b, "subject %q, index %d", f.Subject, f.Index)
	} else {
		b.WriteString("no subject")
	}
	if f.Sequence != 0 {
		fmt.Fprintf(&b, ", sequence %d", f.Sequence)
	}
	fmt.Fprintf(&b, ": %s", f.Reason)
	if len(f.Attributes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(f.Attributes, ", "))
	}
	fmt.Fprintf(&b, ": %s", f.Message)
	return b.String()
}

// writeJSON writes v as indented JSON and a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
