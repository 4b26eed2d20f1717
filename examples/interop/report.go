package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
)

// summarise prints what each vendor holds side by side and reports
// whether they agree on every state, every statistic and every chain
// head.
func summarise(out io.Writer, w *world, r *result) (bool, error) {
	agree := true
	mark := func(same bool) string {
		if same {
			return "="
		}
		agree = false
		return "DIFFERENT"
	}
	tw := tabwriter.NewWriter(out, 2, 8, 2, ' ', 0)

	fmt.Fprintln(tw, "\nstates\tA hotline\tB provider\t")
	countA, countB := statusCounts(r.a), statusCounts(r.b)
	for st := incident.StatusReported; st <= incident.StatusReopened; st++ {
		if countA[st] == 0 && countB[st] == 0 {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\n", st, countA[st], countB[st], mark(countA[st] == countB[st]))
	}
	ids := sortedIDs(r.a, r.b)
	same := 0
	for _, id := range ids {
		sa, okA := r.a.states[id]
		sb, okB := r.b.states[id]
		if okA && okB && sa.Equal(&sb) {
			same++
		}
	}
	fmt.Fprintf(tw, "  matters with equal states\t%d of %d\t%d of %d\t%s\n", same, len(r.a.states), same, len(r.b.states),
		mark(same == len(ids) && len(r.a.states) == len(r.b.states)))

	period := grassroots.Period{Start: time.Date(2025, 6, 1, 0, 0, 0, 0, cst), End: time.Date(2025, 7, 1, 0, 0, 0, 0, cst)}
	statA, err := statistics(r.a, period, w)
	if err != nil {
		return false, err
	}
	statB, err := statistics(r.b, period, w)
	if err != nil {
		return false, err
	}
	fmt.Fprintln(tw, "\nstatistics by unit\tA hotline\tB provider\t")
	rowsA, rowsB := append([]incident.Stats{statA.Total}, statA.Groups...), append([]incident.Stats{statB.Total}, statB.Groups...)
	if statA.Unkeyed.Received > 0 || statB.Unkeyed.Received > 0 {
		rowsA, rowsB = append(rowsA, statA.Unkeyed), append(rowsB, statB.Unkeyed)
	}
	for i := range max(len(rowsA), len(rowsB)) {
		var a, b incident.Stats
		if i < len(rowsA) {
			a = rowsA[i]
		}
		if i < len(rowsB) {
			b = rowsB[i]
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", a.Key, line(a), line(b), mark(string(ja) == string(jb)))
	}

	fmt.Fprintln(tw, "\nchain heads\tA hotline\tB provider\t")
	for _, id := range ids {
		ha, hb := r.a.heads[id], r.b.heads[id]
		fmt.Fprintf(tw, "  %s\t%s %d %s\t%s %d %s\t%s\n", id,
			r.a.states[id].Status, ha.Sequence, short(ha.Hash), r.b.states[id].Status, hb.Sequence, short(hb.Hash),
			mark(ha.ID == hb.ID && ha.Sequence == hb.Sequence && ha.Hash == hb.Hash))
	}
	if err := tw.Flush(); err != nil {
		return false, err
	}

	fmt.Fprintf(out, "\nthe stream holds %d messages; each vendor's durable consumer, run by run (delivered, repeats, refused, retried):\n", r.streamEnd)
	for _, v := range []*vendor{r.hotline, r.provider} {
		fmt.Fprintf(out, "  %s:", v.name)
		for _, s := range v.runs {
			fmt.Fprintf(out, " (%d, %d, %d, %d)", s.Delivered, s.Repeats, s.Refused, s.Retried)
		}
		fmt.Fprintf(out, "; own events already in the stream when republished: %d; events handed over twice: %d\n", v.dups, twice(v))
	}
	for _, v := range []*vendor{r.hotline, r.provider} {
		for _, re := range v.refused {
			fmt.Fprintf(out, "%s refused the altered event: %v\n", v.name, re)
		}
	}
	if agree {
		fmt.Fprintln(out, "\nA and B agree on every state, statistic and chain head")
	} else {
		fmt.Fprintln(out, "\nA and B DISAGREE")
	}
	return agree, nil
}

func statusCounts(s snapshot) map[incident.Status]int {
	n := map[incident.Status]int{}
	for _, st := range s.states {
		n[st.Status]++
	}
	return n
}

func sortedIDs(ss ...snapshot) []string {
	var ids []string
	for _, s := range ss {
		for id := range s.states {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

func statistics(s snapshot, period grassroots.Period, w *world) (incident.Summary, error) {
	states := make([]incident.Incident, 0, len(s.states))
	for _, id := range sortedIDs(s) {
		states = append(states, s.states[id])
	}
	return incident.Statistics(states, period, incident.ByUnit, w.cal)
}

// line is one group's figures: received, closed, then the rates.
func line(s incident.Stats) string {
	return fmt.Sprintf("%d in, %d closed, on time %s, returned %s, redone %s, satisfied %s",
		s.Received, s.Closed, pct(s.OnTimeRate), pct(s.ReturnRate), pct(s.RedoRate), pct(s.SatisfactionRate))
}

func pct(r incident.Ratio) string {
	if !r.OK {
		return "-"
	}
	return r.Value.Shift(2).StringFixed(0) + "%"
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// twice counts the events the vendor's handler received more than once.
func twice(v *vendor) int {
	v.mu.Lock()
	defer v.mu.Unlock()
	n := 0
	for _, c := range v.handed {
		if c > 1 {
			n++
		}
	}
	return n
}
