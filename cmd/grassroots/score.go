package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
)

var scoreCommand = &command{
	name:  "score",
	args:  "-system SYSTEM.json [-central C] [-trim D] [-party-weights P=W,…] [-min-samples P=N,…] [-missing M] [-bands FILE] [-scale N] [-format text|json|csv] RATINGS.csv",
	short: "aggregate many parties' ratings into scorecards",
	long: `
Score aggregates the ratings of many parties (government, provider,
community, resident, third_party) against an indicator system into one
explained scorecard per subject (evaluation.Aggregate): each party's
central value per indicator, the parties' weights, the indicator's value
normalised onto 0-100, its weighted contribution, the total and its
grade. Every number is rounded once, half away from zero, to -scale
places (default 4), and each can be recomputed from the numbers before
it, so two systems that score the same ratings agree to the last digit.

The indicator system is the JSON of evaluation.System (schema
evaluation/system): a tree of indicators with codes, weights that sum to
1 among siblings, and on each leaf a direction (benefit or cost), a
scale {"min", "max"} and the parties that may rate it.

RATINGS.csv (- for standard input) has a header row naming its columns,
in any order:

	subject    what is rated: a provider, a grid, a piece of work
	indicator  the code of a leaf indicator of the system
	party      the rater's party: government, provider, community,
	           resident, third_party
	value      the rating, a decimal on the indicator's scale
	rater      (optional) the rater's ID, kept for the record
	at         (optional) when it was given, RFC 3339

Other columns are ignored. The options: -central (mean, trimmed_mean or
median; default mean) and -trim (the share cut from each end for
trimmed_mean, default 0.1) summarise each party's ratings; -party-weights
weighs the parties (default equal among each indicator's parties);
-min-samples sets the least number of ratings a party needs to count
(default 1); -missing renormalize (default) or fail says what happens
when a party or indicator has nothing; -bands reads the grades (the JSON
of evaluation.Bands; default excellent ≥ 90, good ≥ 80, qualified ≥ 60,
unqualified).

Output: text (default) writes each scorecard with its lines and
warnings; json writes the list of evaluation.Scorecard (schema
evaluation/scorecard); csv writes one row per subject and indicator with
the header subject,total,grade,indicator,value,score,weight,
effective_weight,contribution,count,missing.

Exit status: 0 when every subject is scored, 1 when a rating is refused
(its line is named), something is missing under -missing fail, or a
subject has nothing to score, 2 when a file cannot be read or a flag is
wrong.
`,
	examples: []example{
		{about: "score the ratings of four parties", cmd: "grassroots score -system system.json ratings.csv"},
		{about: "medians, at least two resident ratings, as JSON", cmd: "grassroots score -system system.json -central median -min-samples resident=2 -format json ratings.csv"},
	},
	newFlags: func() commandFlags { return &scoreFlags{} },
}

type scoreFlags struct {
	system, bands string
	central       textFlag[evaluation.Central, *evaluation.Central]
	missing       textFlag[evaluation.MissingPolicy, *evaluation.MissingPolicy]
	trim          string
	partyWeights  string
	minSamples    string
	scale         int
	format        *choice
}

func (f *scoreFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.system, "system", "", "indicator system `file` in JSON (required)")
	fs.Var(&f.central, "central", "`statistic` of each party's ratings: mean, trimmed_mean, median (default mean)")
	fs.StringVar(&f.trim, "trim", "", "`share` cut from each end for trimmed_mean, in [0, 0.5) (default 0.1)")
	fs.StringVar(&f.partyWeights, "party-weights", "", "party `weights`, such as government=0.4,resident=0.6 (default equal)")
	fs.StringVar(&f.minSamples, "min-samples", "", "least `ratings` a party needs, such as resident=30 (default 1)")
	fs.Var(&f.missing, "missing", "`policy` for missing parties and indicators: renormalize, fail (default renormalize)")
	fs.StringVar(&f.bands, "bands", "", "grading `bands` in JSON (default excellent, good, qualified, unqualified)")
	fs.IntVar(&f.scale, "scale", 0, "decimal `places` of the results, 1 to 12 (default 4)")
	f.format = formatFlag(fs, "text", "text", "json", "csv")
}

func (f *scoreFlags) run(e *env, args []string) int {
	name, ok := e.oneArg(args, "RATINGS.csv")
	if !ok {
		return exitUsage
	}
	if f.system == "" {
		return e.usage("-system is required: the indicator system in JSON")
	}
	opts := evaluation.AggregateOptions{Central: f.central.v, Missing: f.missing.v, Scale: int32(f.scale)}
	var err error
	if f.trim != "" {
		if opts.Trim, err = decimal.NewFromString(f.trim); err != nil {
			return e.usage("-trim: %q is not a decimal", f.trim)
		}
	}
	if opts.PartyWeights, err = partyMap(f.partyWeights, decimal.NewFromString); err != nil {
		return e.usage("-party-weights: %v", err)
	}
	if opts.MinSamples, err = partyMap(f.minSamples, strconv.Atoi); err != nil {
		return e.usage("-min-samples: %v", err)
	}
	data, err := e.readFile(f.system)
	if err != nil {
		return e.unreadable(err)
	}
	sys, err := evaluation.ParseSystem(data)
	if err != nil {
		return e.unreadable(fmt.Errorf("system %s: %w", f.system, err))
	}
	if f.bands != "" {
		data, err := e.readFile(f.bands)
		if err != nil {
			return e.unreadable(err)
		}
		if err := json.Unmarshal(data, &opts.Bands); err != nil {
			return e.unreadable(fmt.Errorf("bands %s: %w", f.bands, err))
		}
	}
	in, err := e.open(name)
	if err != nil {
		return e.unreadable(err)
	}
	ratings, lines, err := readRatings(in)
	in.Close()
	if err != nil {
		return e.unreadable(fmt.Errorf("%s: %w", in.name, err))
	}
	cards, err := evaluation.Aggregate(sys, ratings, opts)
	if err != nil {
		var re *evaluation.RatingError
		switch {
		case errors.As(err, &re) && re.Index >= 0 && re.Index < len(lines):
			e.warn("%s line %d: %v", in.name, lines[re.Index], re.Err)
			return exitFail
		case errors.Is(err, evaluation.ErrMissing):
			e.warn("%v", err)
			return exitFail
		}
		return e.unreadable(err)
	}
	if err := writeScorecards(e.stdout, f.format.value, cards); err != nil {
		return e.unreadable(err)
	}
	status := exitOK
	for _, c := range cards {
		if c.Grade == "" {
			e.warn("subject %q has nothing to score", c.Subject)
			status = exitFail
		}
	}
	return status
}

// partyMap reads "party=value,…" with parse for the values.
func partyMap[T any](s string, parse func(string) (T, error)) (map[grassroots.Party]T, error) {
	if s == "" {
		return nil, nil
	}
	out := map[grassroots.Party]T{}
	for item := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok {
			return nil, fmt.Errorf("%q is not party=value", item)
		}
		p, err := grassroots.ParseParty(strings.TrimSpace(k))
		if err != nil {
			return nil, err
		}
		x, err := parse(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a number", p, v)
		}
		out[p] = x
	}
	return out, nil
}

// readRatings reads a ratings CSV and returns the ratings and the line
// of each.
func readRatings(r io.Reader) ([]evaluation.Rating, []int, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, errors.New("no header row; want subject,indicator,party,value")
		}
		return nil, nil, err
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"subject", "indicator", "party", "value"} {
		if _, ok := col[need]; !ok {
			return nil, nil, fmt.Errorf("no %s column; the header must name subject, indicator, party and value (rater and at are optional)", need)
		}
	}
	field := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var ratings []evaluation.Rating
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return ratings, lines, nil
		}
		if err != nil {
			return nil, nil, err
		}
		line, _ := cr.FieldPos(0)
		rt := evaluation.Rating{Subject: field(rec, "subject"), Indicator: field(rec, "indicator"), Rater: field(rec, "rater")}
		if rt.Party, err = grassroots.ParseParty(field(rec, "party")); err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", line, err)
		}
		if rt.Value, err = decimal.NewFromString(field(rec, "value")); err != nil {
			return nil, nil, fmt.Errorf("line %d: value %q is not a decimal", line, field(rec, "value"))
		}
		if at := field(rec, "at"); at != "" {
			if rt.At, err = grassroots.ParseTimestamp(at); err != nil {
				return nil, nil, fmt.Errorf("line %d: %w", line, err)
			}
		}
		ratings = append(ratings, rt)
		lines = append(lines, line)
	}
}

func writeScorecards(w io.Writer, format string, cards []evaluation.Scorecard) error {
	switch format {
	case "json":
		if cards == nil {
			cards = []evaluation.Scorecard{}
		}
		return writeJSON(w, cards)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"subject", "total", "grade", "indicator", "value", "score", "weight", "effective_weight", "contribution", "count", "missing"})
		for _, c := range cards {
			for _, in := range c.Indicators {
				cw.Write([]string{c.Subject, c.Total.String(), c.Grade, in.Code, in.Value.String(), in.Score.String(), in.Weight.String(),
					in.EffectiveWeight.String(), in.Contribution.String(), strconv.Itoa(in.Count), strconv.FormatBool(in.Missing)})
			}
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for i, c := range cards {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		grade := c.Grade
		if grade == "" {
			grade = "(not scored)"
		}
		fmt.Fprintf(tw, "%s\ttotal %s\t%s\n", c.Subject, c.Total, grade)
		fmt.Fprintln(tw, "\tindicator\tvalue\tscore\tweight\teffective\tcontribution\tratings")
		for _, in := range c.Indicators {
			if in.Missing {
				fmt.Fprintf(tw, "\t%s\tmissing\t\t%s\t\t\t\n", in.Code, in.Weight)
				continue
			}
			fmt.Fprintf(tw, "\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", in.Code, in.Value, in.Score, in.Weight, in.EffectiveWeight, in.Contribution, in.Count)
			for _, p := range in.Parties {
				note := ""
				if p.Excluded {
					note = "excluded"
				} else if !p.MarginOfError.IsZero() {
					note = "±" + p.MarginOfError.String()
				}
				fmt.Fprintf(tw, "\t  %s\t%s\t\tweight %s\t%s\t\t%d\n", p.Party, p.Value, p.Weight, note, p.Count)
			}
		}
		for _, wn := range c.Warnings {
			fmt.Fprintf(tw, "\twarning: %s\n", warningText(wn))
		}
	}
	return tw.Flush()
}

func warningText(w evaluation.Warning) string {
	var b strings.Builder
	b.WriteString(w.Kind.String())
	if w.Indicator != "" {
		b.WriteString(" " + w.Indicator)
	}
	if w.Party != 0 {
		b.WriteString(" " + w.Party.String())
	}
	if w.Required > 0 {
		fmt.Fprintf(&b, " (%d of %d ratings)", w.Count, w.Required)
	}
	return b.String()
}
