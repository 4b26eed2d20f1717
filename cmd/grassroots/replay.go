package main

import (
	"cmp"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

var replayCommand = &command{
	name:  "replay",
	args:  "[-format text|json|csv] [-only states|stats] [-calendar FILE] [-catalog FILE] [-by KEY] [-from T] [-to T] FILE.jsonl",
	short: "replay a file of sealed events to states and incident statistics",
	long: `
Replay reads a JSON-lines file of sealed CloudEvents envelopes, as verify
does, and folds each subject's events into its aggregate's state with the
lifecycle of the package its type names: grassroots.incident.*.v1 with
incident's decider and codec, grassroots.risk.*.v1 with risk's,
grassroots.provider.*.v1 (contracts) with provider's. Each envelope must
extend its subject's chain (grassroots.VerifyLink), decode with its
package's codec (incident.Codec, risk.Codec, provider.Codec) and be an
event the decider could have produced from the state before it, exactly
as grassroots.ReplayEnvelopes checks a stored history; the file is read
once, keeping one state per subject, so its size is not bounded by
memory. FILE may be - for standard input.

It then computes the statistics of the incidents (incident.Statistics):
the totals and one group per platform (or per -by grid, category or
unit), over the incidents reported from -from (default: the earliest
report) until -to (default: open), with working times on the calendar.

The incident decider is built from -catalog (default: the SDK's example
catalogue) and -calendar (default: China's calendar of the SDK; see
"grassroots help deadline" for the files it takes); they must be the ones
the events were decided with, since replay re-checks every deadline.

Output: text (default) writes a table of the aggregates (package, id,
status, version, time of the latest event) and a table of the
statistics; json writes {"file", "events", "aggregates": [{"package",
"id", "status", "version", "updated_at", "state"}], "statistics":
{"period", "summary"}, "failures"}, the state and summary in the SDK's
JSON (schemas incident/incident, risk/risk, provider/state and
incident/summary); csv writes the aggregates table, or with -only stats
the statistics table. -only leaves out the other part. Failures are
listed on standard error (in text and csv) or under "failures" (json)
with their line, subject, index and reason, and their aggregate is left
out of the states and statistics.

Exit status: 0 when every subject replays, 1 when some envelope fails,
2 when a file cannot be read or a flag is wrong.
`,
	examples: []example{
		{about: "the states of every aggregate and the incident statistics", cmd: "grassroots replay events.jsonl"},
		{about: "the statistics per grid as CSV", cmd: "grassroots replay -only stats -by grid -format csv events.jsonl"},
		{about: "the final states as JSON", cmd: "grassroots replay -only states -format json events.jsonl"},
	},
	newFlags: func() commandFlags { return &replayFlags{} },
}

type replayFlags struct {
	format, only, by  *choice
	calendar, catalog string
	from, to          string
}

func (f *replayFlags) define(fs *flag.FlagSet) {
	f.format = formatFlag(fs, "text", "text", "json", "csv")
	f.only = newChoice("", "states", "stats")
	fs.Var(f.only, "only", "write `only` the states or only the statistics: states, stats")
	f.by = newChoice("platform", "platform", "grid", "category", "unit")
	fs.Var(f.by, "by", "group the incident statistics by `key`: platform, grid, category or unit")
	fs.StringVar(&f.calendar, "calendar", "", calendarUsage)
	fs.StringVar(&f.catalog, "catalog", "", "incident `catalogue` in JSON (default: the SDK's example catalogue)")
	fs.StringVar(&f.from, "from", "", "count incidents reported from this `time` (RFC 3339, or a date in the calendar's zone)")
	fs.StringVar(&f.to, "to", "", "count incidents reported before this `time` (RFC 3339, or a date)")
}

func (f *replayFlags) run(e *env, args []string) int {
	name, ok := e.oneArg(args, "FILE.jsonl")
	if !ok {
		return exitUsage
	}
	cal, err := e.loadCalendar(f.calendar, workday.CalendarOptions{})
	if err != nil {
		return e.unreadable(err)
	}
	cat, err := e.loadCatalog(f.catalog)
	if err != nil {
		return e.unreadable(err)
	}
	var period grassroots.Period
	if period.Start, err = parseTime(f.from, cal); err != nil {
		return e.usage("-from: %v", err)
	}
	if period.End, err = parseTime(f.to, cal); err != nil {
		return e.usage("-to: %v", err)
	}
	by, _ := incident.ParseGroupBy(f.by.value)
	if f.format.value == "csv" && f.only.value == "" {
		f.only.value = "states"
	}
	d, err := incident.NewDecider(cat, cal, incident.DefaultRedoPolicy())
	if err != nil {
		return e.unreadable(err)
	}
	in, err := e.open(name)
	if err != nil {
		return e.unreadable(err)
	}
	defer in.Close()
	bar := e.progress("replaying", "bytes", in.size)
	rs := make([]*replayer, workers())
	for k := range rs {
		rs[k] = &replayer{decider: d, aggs: map[string]*aggregate{}}
	}
	err = eachEnvelope(bar.reader(in), len(rs), func(k int, env *envelope) { rs[k].envelope(env) })
	bar.finish()
	if err != nil {
		return e.unreadable(fmt.Errorf("reading %s: %w", in.name, err))
	}
	out := replayReport{File: in.name, Failures: []*chainFailure{}}
	var incidents []incident.Incident
	for _, r := range rs {
		out.Events += r.events
		out.Failures = append(out.Failures, r.failures...)
		if f.only.value != "stats" {
			out.Aggregates = append(out.Aggregates, r.results()...)
		}
		incidents = append(incidents, r.incidents()...)
	}
	slices.SortFunc(out.Failures, func(a, b *chainFailure) int { return cmp.Compare(a.Line, b.Line) })
	slices.SortFunc(out.Aggregates, func(a, b aggregateResult) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.ID, b.ID))
	})
	if f.only.value != "states" {
		stats, err := statisticsOf(incidents, period, by, cal)
		if err != nil {
			return e.unreadable(err)
		}
		out.Statistics, out.statsWanted = stats, true
	}
	if err := out.write(e, f.format.value); err != nil {
		return e.unreadable(err)
	}
	if len(out.Failures) > 0 {
		return exitFail
	}
	return exitOK
}

// parseTime reads an RFC 3339 time, or a date taken as midnight in the
// calendar's zone; "" is the zero time.
func parseTime(s string, cal *workday.Calendar) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := workday.ParseDate(s); err == nil {
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, cal.Location()), nil
	}
	t, err := grassroots.ParseTimestamp(s)
	if err != nil {
		return time.Time{}, fmt.Errorf("want an RFC 3339 time or a date (2025-01-01): %w", err)
	}
	return t, nil
}

// lifecycle is one aggregate's state being folded.
type lifecycle interface {
	apply(prev *grassroots.Event, env grassroots.Event) error
	result() aggregateResult
}

// fold folds the envelopes of one aggregate with a package's codec and
// decider: Codec.Next verifies the link and decodes, Evolve applies.
type fold[S any, C grassroots.Command, E grassroots.DomainEvent] struct {
	decider  grassroots.Decider[S, C, E]
	codec    *grassroots.Codec[E]
	state    S
	describe func(*S) (status string, version int64, updated time.Time)
}

func (f *fold[S, C, E]) apply(prev *grassroots.Event, env grassroots.Event) error {
	ev, err := f.codec.Next(prev, env)
	if err != nil {
		return err
	}
	s, err := f.decider.Evolve(f.state, ev)
	if err != nil {
		return err
	}
	f.state = s
	return nil
}

func (f *fold[S, C, E]) result() aggregateResult {
	status, version, updated := f.describe(&f.state)
	return aggregateResult{Status: status, Version: version, UpdatedAt: updated, State: f.state}
}

// aggregate is one subject being replayed.
type aggregate struct {
	pkg     string
	id      string
	n       int
	last    grassroots.Event // the fields VerifyLink reads of a predecessor
	hasLast bool
	fold    lifecycle
	failed  bool
}

type replayer struct {
	decider  *incident.Decider
	aggs     map[string]*aggregate
	failures []*chainFailure
	events   int
}

func (r *replayer) newFold(pkg string) lifecycle {
	switch pkg {
	case "incident":
		return &fold[incident.Incident, incident.Command, incident.Event]{decider: r.decider, codec: incident.Codec,
			describe: func(s *incident.Incident) (string, int64, time.Time) {
				return s.Status.String(), int64(s.Version), s.UpdatedAt
			}}
	case "risk":
		return &fold[risk.Risk, risk.Command, risk.Event]{decider: risk.Decider{}, codec: risk.Codec,
			describe: func(s *risk.Risk) (string, int64, time.Time) { return s.Stage.String(), s.Version, s.UpdatedAt }}
	case "provider":
		return &fold[provider.State, provider.Command, provider.Event]{decider: provider.Decider{}, codec: provider.Codec,
			describe: func(s *provider.State) (string, int64, time.Time) {
				return s.Status.String(), int64(s.Version), s.At
			}}
	}
	return nil
}

// envelope replays one line of the file.
func (r *replayer) envelope(p *envelope) {
	r.events++
	line, env := p.line, p.ev
	if p.err != nil {
		r.fail(line, r.agg(p.subject, ""), p.subject, grassroots.ChainInvalid.String(), p.err)
		return
	}
	if env.Subject == "" {
		r.fail(line, nil, "", grassroots.ChainInvalid.String(), errors.New("a sealed event needs a subject"))
		return
	}
	pkg, _, _ := grassroots.ParseEventType(env.Type)
	a := r.agg(env.Subject, pkg)
	if a.failed {
		a.n++
		return
	}
	if a.fold == nil {
		r.fail(line, a, env.Subject, "unknown_type", fmt.Errorf("type %q is not an event of incident, risk or provider (grassroots.<package>.<name>.v1)", env.Type))
		return
	}
	if pkg != a.pkg {
		r.fail(line, a, env.Subject, "mismatch", fmt.Errorf("subject %q is a %s aggregate; this envelope is of type %q", env.Subject, a.pkg, env.Type))
		return
	}
	var prev *grassroots.Event
	if a.hasLast {
		prev = &a.last
	}
	if err := a.fold.apply(prev, env); err != nil {
		reason := "refused"
		var ce *grassroots.ChainError
		var ve *grassroots.ValidationError
		switch {
		case errors.As(err, &ce):
			reason = ce.Reason.String()
			if ce.Err == nil {
				err = errors.New(reasonText[ce.Reason])
			}
		case errors.As(err, &ve), errors.Is(err, grassroots.ErrUnknownEvent):
			reason = "invalid"
		}
		r.fail(line, a, env.Subject, reason, err)
		return
	}
	a.n++
	a.last = grassroots.Event{Subject: env.Subject, Sequence: env.Sequence, Hash: env.Hash}
	a.hasLast = true
}

// agg returns the aggregate of subject, creating it for package pkg;
// nil for an empty subject.
func (r *replayer) agg(subject, pkg string) *aggregate {
	if subject == "" {
		return nil
	}
	a := r.aggs[subject]
	if a == nil {
		a = &aggregate{pkg: pkg, id: subject, fold: r.newFold(pkg)}
		r.aggs[subject] = a
	}
	return a
}

// fail records the failure of a's chain at line; a's later envelopes
// are skipped.
func (r *replayer) fail(line int, a *aggregate, subject, reason string, err error) {
	f := &chainFailure{Line: line, Subject: subject, Index: -1, Reason: reason, problem: problemOf(err)}
	if a != nil {
		f.Index = a.n
		a.n++
		if a.failed {
			return
		}
		a.failed = true
	}
	r.failures = append(r.failures, f)
}

// aggregateResult is one aggregate's replayed state.
type aggregateResult struct {
	Package   string    `json:"package"`
	ID        string    `json:"id"`
	Status    string    `json:"status"`
	Version   int64     `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
	State     any       `json:"state"`
}

// results returns the states of the aggregates that replayed.
func (r *replayer) results() []aggregateResult {
	out := []aggregateResult{}
	for _, a := range r.aggs {
		if a.failed || a.fold == nil {
			continue
		}
		res := a.fold.result()
		res.Package, res.ID = a.pkg, a.id
		out = append(out, res)
	}
	return out
}

type statistics struct {
	Period  grassroots.Period `json:"period"`
	Summary incident.Summary  `json:"summary"`
}

// incidents returns the states of the incidents that replayed.
func (r *replayer) incidents() []incident.Incident {
	var out []incident.Incident
	for _, a := range r.aggs {
		if f, ok := a.fold.(*fold[incident.Incident, incident.Command, incident.Event]); ok && !a.failed {
			out = append(out, f.state)
		}
	}
	return out
}

// statisticsOf computes the statistics of ins; the period starts at
// the earliest report unless given. No incidents give none.
func statisticsOf(ins []incident.Incident, p grassroots.Period, by incident.GroupBy, cal *workday.Calendar) (*statistics, error) {
	if p.Start.IsZero() {
		for i := range ins {
			if t := ins[i].ReportedAt; p.Start.IsZero() || t.Before(p.Start) {
				p.Start = t
			}
		}
	}
	if p.Start.IsZero() {
		return nil, nil
	}
	sum, err := incident.Statistics(ins, p, by, cal)
	if err != nil {
		return nil, err
	}
	return &statistics{Period: p, Summary: sum}, nil
}

type replayReport struct {
	File       string            `json:"file"`
	Events     int               `json:"events"`
	Aggregates []aggregateResult `json:"aggregates,omitempty"`
	Statistics *statistics       `json:"statistics,omitempty"`
	Failures   []*chainFailure   `json:"failures"`

	statsWanted bool
}

func (r *replayReport) write(e *env, format string) error {
	if format == "json" {
		if r.Failures == nil {
			r.Failures = []*chainFailure{}
		}
		return writeJSON(e.stdout, r)
	}
	for _, f := range r.Failures {
		fmt.Fprintf(e.stderr, "%s:%d: %s\n", r.File, f.Line, f.describe())
	}
	if format == "csv" {
		cw := csv.NewWriter(e.stdout)
		if r.Aggregates != nil {
			cw.Write([]string{"package", "id", "status", "version", "updated_at"})
			for _, a := range r.Aggregates {
				cw.Write([]string{a.Package, a.ID, a.Status, strconv.FormatInt(a.Version, 10), formatTime(a.UpdatedAt)})
			}
		} else {
			cw.Write(statsHeader)
			for _, row := range r.Statistics.rows(false) {
				cw.Write(row)
			}
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	if r.Aggregates != nil {
		fmt.Fprintln(tw, "package\tid\tstatus\tversion\tupdated_at")
		for _, a := range r.Aggregates {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", a.Package, a.ID, a.Status, a.Version, formatTime(a.UpdatedAt))
		}
		fmt.Fprintf(tw, "\n%d aggregates from %d events\n", len(r.Aggregates), r.Events)
	}
	if s := r.Statistics; s != nil {
		until := "on"
		if !s.Period.End.IsZero() {
			until = "until " + formatTime(s.Period.End)
		}
		fmt.Fprintf(tw, "\nincident statistics by %s, reported from %s %s\n", s.Summary.By, formatTime(s.Period.Start), until)
		fmt.Fprintln(tw, strings.ReplaceAll(strings.Join(statsHeader, "\t"), "_s\t", "\t"))
		for _, row := range s.rows(true) {
			fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
	} else if r.statsWanted {
		fmt.Fprintln(tw, "\nno incidents to count")
	}
	return tw.Flush()
}

var statsHeader = []string{"key", "received", "closed", "closure_rate", "on_time_rate", "return_rate", "redo_rate",
	"reopen_rate", "satisfaction_rate", "rectification_rate", "median_to_close_s", "median_working_to_close_s", "provisional"}

// rows returns the statistics table: the total, the groups, and the
// unkeyed incidents when there are any. Rates are the decimals of
// incident.Ratio, empty when the denominator is zero; durations are in
// seconds, or rounded to the second in Go's form for people.
func (s *statistics) rows(forPeople bool) [][]string {
	if s == nil {
		return nil
	}
	groups := append([]incident.Stats{s.Summary.Total}, s.Summary.Groups...)
	if s.Summary.Unkeyed.Received > 0 {
		groups = append(groups, s.Summary.Unkeyed)
	}
	rate := func(r incident.Ratio) string {
		if !r.OK {
			return ""
		}
		return r.Value.StringFixed(incident.RatioScale)
	}
	dur := func(q incident.Quantiles) string {
		if !q.OK {
			return ""
		}
		if forPeople {
			return q.Median.Round(time.Second).String()
		}
		return strconv.FormatFloat(q.Median.Seconds(), 'f', -1, 64)
	}
	var out [][]string
	for _, g := range groups {
		out = append(out, []string{g.Key, strconv.Itoa(g.Received), strconv.Itoa(g.Closed), rate(g.ClosureRate), rate(g.OnTimeRate),
			rate(g.ReturnRate), rate(g.RedoRate), rate(g.ReopenRate), rate(g.SatisfactionRate), rate(g.RectificationRate),
			dur(g.ToClose), dur(g.WorkingToClose), strconv.Itoa(g.Provisional)})
	}
	return out
}

// formatTime writes t in RFC 3339 with its offset, or "" for the zero
// time.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return string(grassroots.AppendTimestamp(nil, t))
}
