package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/mechanism"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
)

// report is everything the district run found, in the order the text and
// HTML reports show it. It holds values only — counts, the library's
// statistics, enum values and the names the data gives, never wording of
// its own — so both renderers read it, the HTML one in either language,
// and the tests check it against the library's own statistics.
type report struct {
	Seed     uint64
	Scale    string
	Year     int
	GridFile string // the -grids file; empty for a generated district

	Grids, Communities, Streets, Households, Residents, Workers int
	MaxMeanLoad                                                 decimal.Decimal

	Totals rateRow
	// Unrouted is the matters that never reached a platform: rejected at
	// acceptance, or not yet dispatched when the year ended. With the
	// platform rows it adds up to Totals.
	Unrouted   rateRow
	UnroutedBy []statusCount
	Platforms  []rateRow
	Categories []rateRow
	Channels   []channelCount
	WorstGrids []rateRow
	Places     []place // every street, community and grid
	Map        []mapCell
	Bounds     grid.BBox

	Events, Commands, Rejected int
	SizingIssues, Ambiguities  int

	Providers []providerRow // best score first, ties by ID, unscored last
	Risks     []riskRow
	Focus     []focusRow
	Indices   []indexRow
	Advice    []adviceRow
	Access    accessRow
}

// rateRow is the lifecycle figures of one group of incidents: the
// library's statistics as they are, with what the run counts beside them.
type rateRow struct {
	Key, Name        string
	Stats            incident.Stats
	Escalated, Rated int
	onTime           decimal.Decimal // for ordering; 2 when nothing closed
}

// statusCount is how many matters ended the year in one status.
type statusCount struct {
	Status incident.Status
	Count  int
}

// channelCount is how many matters came in through one channel.
type channelCount struct {
	Channel incident.Channel
	Count   int
}

type countRow struct {
	Name  string
	Count int
}

// place is a street, community or grid of the district. Serial is set
// for generated districts only: the number the generator names the place
// by ("3" for Street 3, "3-12" for Community 3-12, "01205" for a grid),
// which the HTML report words in the reader's language; places from a
// file keep their own Name.
type place struct {
	Code   grid.Code
	Level  grid.Level
	Parent grid.Code
	Name   string
	Serial string
}

// mapCell is one grid on the SVG map, with the community and street it
// belongs to so the map can draw their borders.
type mapCell struct {
	Code, Community, Street grid.Code
	Boundary                grid.MultiPolygon
	Stats                   incident.Stats // zero when the grid received nothing
	Escalated               int
	Alert                   risk.AlertLevel // highest active alert, 0 none
}

type providerRow struct {
	ID, Name  string
	Roles     []provider.Role
	Models    []provider.Model
	Contracts int
	Scored    bool
	Score     decimal.Decimal
	Grade     string
	Settled   bool
	Base      decimal.Decimal // December fees before deductions, yuan
	Deduction decimal.Decimal
	Payable   decimal.Decimal
	Warnings  int
}

// sortProviders puts the best score first, ties by ID, unscored
// providers last (by ID).
func sortProviders(rows []providerRow) {
	slices.SortStableFunc(rows, func(a, b providerRow) int {
		if a.Scored != b.Scored {
			if a.Scored {
				return -1
			}
			return 1
		}
		if c := b.Score.Cmp(a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

type riskRow struct {
	ID        string
	Category  risk.Category
	Subject   risk.Subject
	Stage     risk.Stage
	Level     risk.Level // 0 when not assessed
	Alert     risk.AlertLevel
	Effective risk.Treatment
}

func (r riskRow) open() bool { return r.Stage != risk.StageClosed }

// sortRisks puts open risks first, the highest alert first, then by ID.
func sortRisks(rows []riskRow) {
	rank := func(r riskRow) int {
		a := int(r.Alert)
		if !r.Alert.IsValid() {
			a = 5
		}
		if !r.open() {
			a += 10
		}
		return a
	}
	slices.SortStableFunc(rows, func(a, b riskRow) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
}

type focusRow struct {
	Subject risk.Subject
	Alert   risk.AlertLevel
	Count   int
	Since   string // date, YYYY-MM-DD
}

// indexRow is one mechanism index averaged over the district's
// communities, with its members averaged the same way.
type indexRow struct {
	Mechanism   mechanism.Mechanism
	OK          bool
	Value       decimal.Decimal // mean over Communities, 4 places
	Communities int
	Members     []memberRow
}

// memberRow is one member metric of an index: its mean value over the
// communities where it could be computed, and its target and weight.
type memberRow struct {
	Code        mechanism.Code
	Subject     string
	Value       decimal.Decimal // mean over Communities, 4 places
	Target      decimal.Decimal
	Weight      decimal.Decimal
	Communities int
}

// adviceRow is one community's participation-model recommendation with
// every rule as the mechanism package evaluated it.
type adviceRow struct {
	Community grid.Code
	Models    []mechanism.Model
	Weak      bool
	Rules     []mechanism.Rule
}

type accessRow struct {
	Requests, Allowed, Denied int
	TopReasons                []countRow // provider.Reason wire names
}

// writeText prints the short text report.
func (r *report) writeText(w io.Writer) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("grassroots district run: scale %s, seed %d, year %d\n\n", r.Scale, r.Seed, r.Year)
	p("District: %d grids in %d communities and %d streets; %d households, %d residents; %d grid workers (max/mean load %s)\n",
		r.Grids, r.Communities, r.Streets, r.Households, r.Residents, r.Workers, r.MaxMeanLoad.StringFixed(3))
	t := r.Totals.Stats
	p("Matters: %d received, %d closed (closure %s), %d on time (on-time %s), median %s h and P90 %s h to close; satisfaction %s; %d escalated, %d reopened, %d redone\n",
		t.Received, t.Closed, pct(t.ClosureRate), t.OnTimeRate.Num, pct(t.OnTimeRate), hours(t.ToClose.Median), hours(t.ToClose.P90),
		pct(t.SatisfactionRate), r.Totals.Escalated, t.ReopenRate.Num, t.RedoRate.Num)
	p("Event log: %d commands decided, %d refused, %d events\n\n", r.Commands, r.Rejected, r.Events)

	p("By platform:\n")
	tw := newTable(w, "platform", "received", "closure", "on-time", "median h", "satisfaction")
	for _, row := range r.Platforms {
		s := row.Stats
		tw.row(row.Name, s.Received, pct(s.ClosureRate), pct(s.OnTimeRate), hours(s.ToClose.Median), pct(s.SatisfactionRate))
	}
	tw.flush()

	p("\nFive grids with the lowest on-time closure:\n")
	tw = newTable(w, "grid", "received", "closed", "on-time", "escalated")
	for _, row := range r.WorstGrids {
		tw.row(row.Key, row.Stats.Received, row.Stats.Closed, pct(row.Stats.OnTimeRate), row.Escalated)
	}
	tw.flush()

	if len(r.Providers) > 0 {
		lowest := slices.Clone(r.Providers)
		// Unscored providers count as zero, so they lead the list.
		slices.SortStableFunc(lowest, func(a, b providerRow) int { return a.Score.Cmp(b.Score) })
		lowest = lowest[:min(10, len(lowest))]
		p("\nProvider scorecards and December settlements (%d of %d, lowest scores first; all in the HTML report):\n", len(lowest), len(r.Providers))
		tw = newTable(w, "provider", "roles", "score", "grade", "base", "deductions", "payable")
		for _, row := range lowest {
			score, base, deductions, payable := "", "", "", ""
			if row.Scored {
				score = row.Score.StringFixed(2)
			}
			if row.Settled {
				base, deductions, payable = row.Base.StringFixed(2), row.Deduction.StringFixed(2), row.Payable.StringFixed(2)
			}
			tw.row(row.Name, words(joinNames(row.Roles)), score, row.Grade, base, deductions, payable)
		}
		tw.flush()
	}
	if r.Access.Requests > 0 {
		p("\nData-access requests: %d, %d allowed, %d denied", r.Access.Requests, r.Access.Allowed, r.Access.Denied)
		for i, c := range r.Access.TopReasons {
			sep := "; "
			if i == 0 {
				sep = " (most common reasons: "
			}
			p("%s%s %d", sep, c.Name, c.Count)
		}
		if len(r.Access.TopReasons) > 0 {
			p(")")
		}
		p("\n")
	}
	if len(r.Risks) > 0 {
		open := 0
		for _, row := range r.Risks {
			if row.open() {
				open++
			}
		}
		p("\nRisk register (%d risks raised in the year, %d still open; open ones first, most severe first):\n", len(r.Risks), open)
		tw = newTable(w, "risk", "category", "subject", "stage", "level", "alert")
		for i, row := range r.Risks {
			if i == 10 {
				tw.row("…", fmt.Sprintf("%d more", len(r.Risks)-10), "", "", "", "")
				break
			}
			level := ""
			if row.Level.IsValid() {
				level = row.Level.String()
			}
			tw.row(row.ID, string(row.Category), row.Subject.String(), row.Stage.String(), level, alertText(row.Alert))
		}
		tw.flush()
	}
	if len(r.Focus) > 0 {
		p("\nFocus list:\n")
		tw = newTable(w, "subject", "highest alert", "active risks", "since")
		for i, row := range r.Focus {
			if i == 5 {
				break
			}
			tw.row(row.Subject.String(), alertText(row.Alert), row.Count, row.Since)
		}
		tw.flush()
	}
	if len(r.Indices) > 0 {
		p("\nMechanism indices (district):\n")
		for _, ix := range r.Indices {
			value := "n/a"
			if ix.OK {
				value = ix.Value.StringFixed(4)
			}
			p("  %-30s %s\n", ix.Mechanism.String(), value)
		}
	}
	if len(r.Advice) > 0 {
		counts := map[string]int{}
		var order []string
		for _, a := range r.Advice {
			models := joinModels(a.Models, " + ")
			if counts[models] == 0 {
				order = append(order, models)
			}
			counts[models]++
		}
		p("\nParticipation-model recommendations (%d communities):\n", len(r.Advice))
		for _, m := range order {
			p("  %-60s %d\n", m, counts[m])
		}
	}
}

// alertText is an alert level as the text report prints it: "II
// (orange)", or nothing for no alert.
func alertText(a risk.AlertLevel) string {
	if !a.IsValid() {
		return ""
	}
	return a.Roman() + " (" + a.Colour() + ")"
}

// joinNames joins the wire names of values with ", ".
func joinNames[T fmt.Stringer](vs []T) string {
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.String()
	}
	return strings.Join(names, ", ")
}

func joinModels(ms []mechanism.Model, sep string) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.String()
	}
	return strings.Join(names, sep)
}

// pct prints a ratio as a percentage with one decimal, or "n/a".
func pct(r incident.Ratio) string {
	if !r.OK {
		return "n/a"
	}
	return r.Value.Shift(2).StringFixed(1) + "%"
}

// hours prints a duration in hours with one decimal.
func hours(d time.Duration) string { return decimal.NewFromFloat(d.Hours()).StringFixed(1) }

// words turns wire names into words a reader's browser can wrap.
func words(s string) string { return strings.ReplaceAll(s, "_", " ") }

// table prints aligned columns without tabwriter's trailing blanks.
type table struct {
	w    io.Writer
	rows [][]string
}

func newTable(w io.Writer, header ...string) *table {
	return &table{w: w, rows: [][]string{header}}
}

func (t *table) row(cells ...any) {
	r := make([]string, len(cells))
	for i, c := range cells {
		r[i] = fmt.Sprint(c)
	}
	t.rows = append(t.rows, r)
}

func (t *table) flush() {
	widths := make([]int, len(t.rows[0]))
	for _, r := range t.rows {
		for i, c := range r {
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for _, r := range t.rows {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-len([]rune(c))+2))
			}
		}
		fmt.Fprintln(t.w, strings.TrimRight(b.String(), " "))
	}
}
