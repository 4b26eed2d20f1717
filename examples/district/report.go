package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/grid"
)

// report is everything the district run found, in the order the text and
// HTML reports show it. It holds values only: both renderers read it, and
// the tests check it against the library's own statistics.
type report struct {
	Seed   uint64
	Scale  string
	Year   int
	Source string // where the grids came from

	Grids, Communities, Streets, Households, Residents, Workers int
	MaxMeanLoad                                                 decimal.Decimal

	Totals     rateRow
	Platforms  []rateRow
	Categories []rateRow
	Channels   []countRow
	WorstGrids []rateRow
	Map        []mapCell
	Bounds     grid.BBox

	Events, Commands, Rejected int
	SizingIssues, Ambiguities  int

	Providers []providerRow
	Risks     []riskRow
	Focus     []focusRow
	Indices   []indexRow
	Advice    []adviceRow
	Access    accessRow
}

// rateRow is the lifecycle figures of one group of incidents.
type rateRow struct {
	Key, Name                          string
	Received, Closed, OnTime           int
	ClosureRate, OnTimeRate            string
	MedianHours, P90Hours              string
	SatisfactionRate, ReturnRate       string
	Reopened, Redone, Escalated, Rated int
	onTime                             decimal.Decimal // for ordering; -1 when nothing closed
}

type countRow struct {
	Name  string
	Count int
}

// mapCell is one grid on the SVG map.
type mapCell struct {
	Code       grid.Code
	Boundary   grid.MultiPolygon
	OnTimeRate float64 // 0–1; negative when the grid closed nothing
	Alert      int     // highest active alert level 1–4, 0 none
}

type providerRow struct {
	ID, Name, Roles, Models   string
	Contracts                 int
	Score, Grade              string
	Base, Deductions, Payable string
	Warnings                  int
	score                     decimal.Decimal // for ordering
}

type riskRow struct {
	ID, Category, Subject, Stage, Level, Alert, Effective string
	open                                                  bool
	alert                                                 int // 1 (I, highest) to 4; 0 none
}

// sortRisks puts open risks first, the highest alert first, then by ID.
func sortRisks(rows []riskRow) {
	rank := func(r riskRow) int {
		a := r.alert
		if a == 0 {
			a = 5
		}
		if !r.open {
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
	Subject, Alert string
	Count          int
	Since          string
}

type indexRow struct {
	Mechanism, Value string
	Members          []string
}

type adviceRow struct {
	Community, Models, Reasons string
	Weak                       bool
}

type accessRow struct {
	Requests, Allowed, Denied int
	TopReasons                []countRow
}

// writeText prints the short text report.
func (r *report) writeText(w io.Writer) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("grassroots district run: scale %s, seed %d, year %d\n\n", r.Scale, r.Seed, r.Year)
	p("District: %d grids in %d communities and %d streets; %d households, %d residents; %d grid workers (max/mean load %s)\n",
		r.Grids, r.Communities, r.Streets, r.Households, r.Residents, r.Workers, r.MaxMeanLoad.StringFixed(3))
	t := r.Totals
	p("Matters: %d received, %d closed (closure %s), %d on time (on-time %s), median %s h and P90 %s h to close; satisfaction %s; %d escalated, %d reopened, %d redone\n",
		t.Received, t.Closed, t.ClosureRate, t.OnTime, t.OnTimeRate, t.MedianHours, t.P90Hours, t.SatisfactionRate, t.Escalated, t.Reopened, t.Redone)
	p("Event log: %d commands decided, %d refused, %d events\n\n", r.Commands, r.Rejected, r.Events)

	p("By platform:\n")
	tw := newTable(w, "platform", "received", "closure", "on-time", "median h", "satisfaction")
	for _, row := range r.Platforms {
		tw.row(row.Name, row.Received, row.ClosureRate, row.OnTimeRate, row.MedianHours, row.SatisfactionRate)
	}
	tw.flush()

	p("\nFive grids with the lowest on-time closure:\n")
	tw = newTable(w, "grid", "received", "closed", "on-time", "escalated")
	for _, row := range r.WorstGrids {
		tw.row(row.Key, row.Received, row.Closed, row.OnTimeRate, row.Escalated)
	}
	tw.flush()

	if len(r.Providers) > 0 {
		lowest := slices.Clone(r.Providers)
		slices.SortStableFunc(lowest, func(a, b providerRow) int { return a.score.Cmp(b.score) })
		lowest = lowest[:min(10, len(lowest))]
		p("\nProvider scorecards and December settlements (%d of %d, lowest scores first; all in the HTML report):\n", len(lowest), len(r.Providers))
		tw = newTable(w, "provider", "roles", "score", "grade", "base", "deductions", "payable")
		for _, row := range lowest {
			tw.row(row.Name, row.Roles, row.Score, row.Grade, row.Base, row.Deductions, row.Payable)
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
			if row.open {
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
			tw.row(row.ID, row.Category, row.Subject, row.Stage, row.Level, row.Alert)
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
			tw.row(row.Subject, row.Alert, row.Count, row.Since)
		}
		tw.flush()
	}
	if len(r.Indices) > 0 {
		p("\nMechanism indices (district):\n")
		for _, ix := range r.Indices {
			p("  %-30s %s\n", ix.Mechanism, ix.Value)
		}
	}
	if len(r.Advice) > 0 {
		counts := map[string]int{}
		var order []string
		for _, a := range r.Advice {
			if counts[a.Models] == 0 {
				order = append(order, a.Models)
			}
			counts[a.Models]++
		}
		p("\nParticipation-model recommendations (%d communities):\n", len(r.Advice))
		for _, m := range order {
			p("  %-60s %d\n", m, counts[m])
		}
	}
}

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
