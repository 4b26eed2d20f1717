package main

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/mechanism"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
)

// writeHTML writes the report as one self-contained HTML page in lang:
// inline CSS, inline SVG, no scripts and no external assets, so it opens
// from a file or an e-mail attachment anywhere. The page is well-formed
// XML as well as HTML, so any XML parser can check it.
func (r *report) writeHTML(w io.Writer, lang *language) error {
	if lang == nil {
		return fmt.Errorf("no language for the HTML report")
	}
	return pageTemplate.Execute(w, newPage(r, lang))
}

// page is what the template reads: the report, its language, and lookups
// built once from the report.
type page struct {
	R *report
	L *language

	places    map[grid.Code]place
	providers map[string]providerRow
}

func newPage(r *report, l *language) *page {
	p := &page{R: r, L: l, places: map[grid.Code]place{}, providers: map[string]providerRow{}}
	for _, pl := range r.Places {
		p.places[pl.Code] = pl
	}
	for _, pr := range r.Providers {
		p.providers[pr.ID] = pr
	}
	return p
}

// T returns the message id in the page's language.
func (p *page) T(id string, args ...any) string { return p.L.t(id, args...) }

// Lang is the page's BCP 47 language tag.
func (p *page) Lang() string { return p.L.tag }

// Int prints n with thousands separators.
func (p *page) Int(n int) string { return groupDigits(strconv.Itoa(n)) }

// Count prints a number of matters with its unit.
func (p *page) Count(n int) string { return p.T("fmt.matters", p.Int(n)) }

// Pct prints a ratio as a percentage with one decimal (half away from
// zero), or a dash when its denominator is zero. A share that is not
// whole never prints as 100.0%, nor a share above nothing as 0.0%.
func (p *page) Pct(r incident.Ratio) string {
	if !r.OK {
		return "—"
	}
	s := r.Value.Shift(2).StringFixed(1)
	switch {
	case s == "100.0" && r.Num < r.Den:
		return ">99.9%"
	case s == "0.0" && r.Num > 0:
		return "<0.1%"
	}
	return s + "%"
}

// Hours prints a duration in hours with one decimal.
func (p *page) Hours(q incident.Quantiles, p90 bool) string {
	if !q.OK {
		return "—"
	}
	d := q.Median
	if p90 {
		d = q.P90
	}
	return groupDigits(hours(d))
}

// Money prints an amount of yuan with two decimals and separators.
func (p *page) Money(d decimal.Decimal) string { return groupDigits(d.StringFixed(2)) }

// Fixed prints d with places decimals and separators.
func (p *page) Fixed(d decimal.Decimal, places int32) string {
	return groupDigits(d.StringFixed(places))
}

// NotClosed is received minus closed.
func (p *page) NotClosed(s incident.Stats) int { return s.Received - s.Closed }

// Bar is a bar's width in percent of the largest of rows.
func (p *page) Bar(n int, rows []rateRow) string {
	most := 1
	for _, r := range rows {
		most = max(most, r.Stats.Received)
	}
	return strconv.FormatFloat(100*float64(n)/float64(most), 'f', 1, 64)
}

// label is a worded value with its wire code in a tooltip.
func label(text, code string) template.HTML {
	return template.HTML(`<span title="` + template.HTMLEscapeString(code) + `">` + template.HTMLEscapeString(text) + `</span>`)
}

// withCode is a name followed by its identifier in small grey text.
func withCode(name, code string) template.HTML {
	if name == "" || name == code {
		return template.HTML(`<span class="code">` + template.HTMLEscapeString(code) + `</span>`)
	}
	return template.HTML(template.HTMLEscapeString(name) + ` <span class="code">` + template.HTMLEscapeString(code) + `</span>`)
}

// Platform words a platform's wire name.
func (p *page) Platform(key string) template.HTML {
	return label(p.T("platform."+key), key)
}

// Status words an incident status.
func (p *page) Status(s incident.Status) template.HTML {
	return label(p.T(enumKey("status", s)), s.String())
}

// Channel words an incident channel.
func (p *page) Channel(c incident.Channel) template.HTML {
	return label(p.T(enumKey("channel", c)), c.String())
}

// Category words a category of the catalogue: catalogue names carry the
// Chinese name and an English gloss ("违法搭建 illegal construction"), and
// the page shows the one in its language.
func (p *page) Category(row rateRow) template.HTML {
	zh, en := splitBilingual(row.Name)
	text, other := zh, en
	if p.L.code == "en" && en != "" {
		r, n := utf8.DecodeRuneInString(en)
		text, other = string(unicode.ToUpper(r))+en[n:], zh
	}
	tip := row.Key
	if other != "" {
		tip += " " + other
	}
	return label(text, tip)
}

// splitBilingual splits "违法搭建 illegal construction" at the first space
// after a leading run of non-ASCII text; a name without one is returned
// whole as the first part.
func splitBilingual(name string) (native, gloss string) {
	i := strings.IndexByte(name, ' ')
	if i <= 0 {
		return name, ""
	}
	head := name[:i]
	if strings.IndexFunc(head, func(r rune) bool { return r < utf8.RuneSelf }) >= 0 {
		return name, ""
	}
	return head, strings.TrimSpace(name[i+1:])
}

// PlaceName is a place's name in the page's language.
func (p *page) PlaceName(code grid.Code) string {
	pl, ok := p.places[code]
	if !ok {
		return string(code)
	}
	if pl.Serial != "" {
		return p.T(enumKey("place", pl.Level), pl.Serial)
	}
	if pl.Name != "" {
		return pl.Name
	}
	return string(code)
}

// Place is a place's name with its code.
func (p *page) Place(code grid.Code) template.HTML { return withCode(p.PlaceName(code), string(code)) }

// Parent is the code of the place above code.
func (p *page) Parent(code grid.Code) grid.Code { return p.places[code].Parent }

// Roles words provider roles.
func (p *page) Roles(rs []provider.Role) template.HTML {
	parts := make([]template.HTML, len(rs))
	for i, r := range rs {
		parts[i] = label(p.T(enumKey("role", r)), r.String())
	}
	return joinHTML(parts, p.T("sep.list"))
}

// ProviderModels words provider participation models.
func (p *page) ProviderModels(ms []provider.Model) template.HTML {
	parts := make([]template.HTML, len(ms))
	for i, m := range ms {
		parts[i] = label(p.T(enumKey("model", m)), m.String())
	}
	return joinHTML(parts, p.T("sep.list"))
}

// Models words a recommended combination of models.
func (p *page) Models(ms []mechanism.Model) template.HTML {
	parts := make([]template.HTML, len(ms))
	for i, m := range ms {
		parts[i] = label(p.T(enumKey("model", m)), m.String())
	}
	return joinHTML(parts, " + ")
}

func joinHTML(parts []template.HTML, sep string) template.HTML {
	var b strings.Builder
	for i, part := range parts {
		if i > 0 {
			b.WriteString(template.HTMLEscapeString(sep))
		}
		b.WriteString(string(part))
	}
	return template.HTML(b.String())
}

// Grade words an evaluation grade.
func (p *page) Grade(g string) template.HTML {
	if g == "" {
		return ""
	}
	return label(p.T("grade."+g), g)
}

// Reason words a data-access deny reason.
func (p *page) Reason(name string) template.HTML { return label(p.T("reason."+name), name) }

// RiskCategory words a risk category; a category the page has no word for
// shows its code.
func (p *page) RiskCategory(c risk.Category) template.HTML {
	if _, ok := p.L.msgs["riskcat."+string(c)]; !ok {
		return withCode("", string(c))
	}
	return label(p.T("riskcat."+string(c)), string(c))
}

// Stage words a risk stage.
func (p *page) Stage(s risk.Stage) template.HTML { return label(p.T(enumKey("stage", s)), s.String()) }

// Level words a risk level, or a dash when the risk is not assessed.
func (p *page) Level(l risk.Level) template.HTML {
	if !l.IsValid() {
		return "—"
	}
	return label(p.T(enumKey("level", l)), l.String())
}

// Alert words an alert level with a swatch of its colour, or a dash.
func (p *page) Alert(a risk.AlertLevel) template.HTML {
	if !a.IsValid() {
		return template.HTML(template.HTMLEscapeString(p.T("alert.none")))
	}
	return template.HTML(alertMarker(a, 12)) + " " + label(p.T(enumKey("alert", a)), a.String())
}

// Treatment words a risk's effective treatment.
func (p *page) Treatment(t risk.Treatment) template.HTML {
	return label(p.T(enumKey("treatment", t)), t.String())
}

// Subject names a risk's subject with its code: a grid by its name (the
// kind in the tooltip, as a grid's name says what it is), anything else
// by its kind and name (a provider's from the register).
func (p *page) Subject(s risk.Subject) template.HTML {
	kind := p.T(enumKey("subject", s.Kind))
	switch s.Kind {
	case risk.SubjectGrid:
		return label(p.PlaceName(grid.Code(s.Code)), kind+" "+s.Kind.String()) + template.HTML(` <span class="code">`+template.HTMLEscapeString(s.Code)+`</span>`)
	case risk.SubjectProvider:
		if pr, ok := p.providers[s.Code]; ok {
			return label(kind, s.Kind.String()) + " " + withCode(pr.Name, s.Code)
		}
	}
	return label(kind, s.Kind.String()) + " " + withCode("", s.Code)
}

// focusShown is how many focus-list entries the page lists; the open
// risks above list every one.
const focusShown = 10

// Focus is the head of the focus list.
func (p *page) Focus() []focusRow { return p.R.Focus[:min(focusShown, len(p.R.Focus))] }

// FocusMore is how many focus-list entries the page leaves out.
func (p *page) FocusMore() int { return max(0, len(p.R.Focus)-focusShown) }

// OpenRisks are the risks still open at the year's end.
func (p *page) OpenRisks() []riskRow {
	var out []riskRow
	for _, r := range p.R.Risks {
		if r.open() {
			out = append(out, r)
		}
	}
	return out
}

// closedTable is the closed risks counted by category and alert level.
type closedTable struct {
	Levels []risk.AlertLevel // columns; 0 is "no alert"
	Rows   []closedRow
	Totals []int // per column
	Total  int
}

type closedRow struct {
	Category risk.Category
	Counts   []int
	Total    int
}

// ClosedRisks counts the closed risks by category (in the package's
// order, then any others by code) and alert level.
func (p *page) ClosedRisks() closedTable {
	t := closedTable{Levels: append(risk.AlertLevels(), 0)}
	col := func(a risk.AlertLevel) int {
		if !a.IsValid() {
			return len(t.Levels) - 1
		}
		return int(a) - 1
	}
	rows := map[risk.Category]*closedRow{}
	t.Totals = make([]int, len(t.Levels))
	for _, r := range p.R.Risks {
		if r.open() {
			continue
		}
		row := rows[r.Category]
		if row == nil {
			row = &closedRow{Category: r.Category, Counts: make([]int, len(t.Levels))}
			rows[r.Category] = row
		}
		row.Counts[col(r.Alert)]++
		row.Total++
		t.Totals[col(r.Alert)]++
		t.Total++
	}
	order := risk.Categories()
	var others []risk.Category
	for c := range rows {
		if !c.IsPredefined() {
			others = append(others, c)
		}
	}
	slices.Sort(others)
	for _, c := range append(order, others...) {
		if row, ok := rows[c]; ok {
			t.Rows = append(t.Rows, *row)
		}
	}
	return t
}

// AlertHead is a column heading of the closed-risk table.
func (p *page) AlertHead(a risk.AlertLevel) template.HTML {
	if !a.IsValid() {
		return template.HTML(template.HTMLEscapeString(p.T("alert.none")))
	}
	return template.HTML(alertMarker(a, 11)) + " " + label(p.T(enumKey("alert.short", a)), a.String())
}

// Mechanism words a mechanism.
func (p *page) Mechanism(m mechanism.Mechanism) template.HTML {
	return label(p.T(enumKey("mech", m)), m.String())
}

// Metric words a metric code, with its subject when it has one.
func (p *page) Metric(m memberRow) template.HTML {
	h := label(p.T(enumKey("metric", m.Code)), m.Code.String())
	if m.Subject != "" {
		h += template.HTML(` <span class="code">` + template.HTMLEscapeString(m.Subject) + `</span>`)
	}
	return h
}

// MetricValue prints a member's value in its unit.
func (p *page) MetricValue(m memberRow, v decimal.Decimal) string {
	d, _ := m.Code.Definition()
	switch d.Unit {
	case mechanism.Ratio:
		return v.Shift(2).StringFixed(1) + "%"
	case mechanism.Count:
		return p.T("fmt.unit."+d.Unit.String(), groupDigits(v.StringFixed(0)))
	}
	return p.T("fmt.unit."+d.Unit.String(), groupDigits(v.StringFixed(2)))
}

// WeightShare is a member's weight as a share of its index's weights,
// one decimal, half away from zero.
func (p *page) WeightShare(ix indexRow, m memberRow) string {
	total := decimal.Zero
	for _, mm := range ix.Members {
		if mm.Communities > 0 {
			total = total.Add(mm.Weight)
		}
	}
	if m.Communities == 0 || !total.IsPositive() {
		return "—"
	}
	return m.Weight.Shift(2).DivRound(total, 1).StringFixed(1) + "%"
}

// AdviceSummary counts communities by recommended combination, the most
// common first, ties in the order they first appear.
func (p *page) AdviceSummary() []adviceCount {
	var out []adviceCount
	at := map[string]int{}
	for _, a := range p.R.Advice {
		key := joinModels(a.Models, "+")
		if a.Weak {
			key += "|weak"
		}
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, adviceCount{Models: a.Models, Weak: a.Weak})
		}
		out[i].Count++
	}
	slices.SortStableFunc(out, func(a, b adviceCount) int { return b.Count - a.Count })
	return out
}

type adviceCount struct {
	Models []mechanism.Model
	Weak   bool
	Count  int
}

// Reasons words why a community got its recommendation: every fired rule
// with each condition as it compared, or, when none fired, the nearest
// rule and what it lacks.
func (p *page) Reasons(a adviceRow) []template.HTML {
	var out []template.HTML
	for _, r := range a.Rules {
		if r.Fired {
			out = append(out, p.rule("advice.fired", r, r.Margin))
		}
	}
	if len(out) > 0 || len(a.Rules) == 0 {
		return out
	}
	nearest := a.Rules[0]
	for _, r := range a.Rules[1:] {
		if r.Margin.GreaterThan(nearest.Margin) {
			nearest = r
		}
	}
	return []template.HTML{p.rule("advice.nearest", nearest, nearest.Margin.Neg())}
}

func (p *page) rule(id string, r mechanism.Rule, margin decimal.Decimal) template.HTML {
	conds := make([]string, len(r.Conditions))
	for i, c := range r.Conditions {
		conds[i] = p.condition(c)
	}
	text := p.T(id, p.T(enumKey("model", r.Model)), strings.Join(conds, p.T("sep.and")), fixedNonZero(margin))
	return label(text, r.Model.String())
}

// condition words one evaluated condition from its actual comparison: a
// score is called below a threshold only when it is.
func (p *page) condition(c mechanism.Condition) string {
	var id string
	switch {
	case c.Comparison == mechanism.Below && c.Met:
		id = "cond.below.met"
	case c.Comparison == mechanism.Below:
		id = "cond.below.unmet"
	case c.Met:
		id = "cond.atleast.met"
	default:
		id = "cond.atleast.unmet"
	}
	score, threshold := fixedApart(c.Score, c.Threshold)
	return p.T(id, p.T(enumKey("trait", c.Trait)), score, threshold)
}

// fixedApart prints a and b with two decimals, or with as many more (up
// to eight) as it takes for unequal values not to print alike: a score of
// 0.5996 against a threshold of 0.60 must not read "0.60, short of 0.60".
func fixedApart(a, b decimal.Decimal) (string, string) {
	places := int32(2)
	for places < 8 && !a.Equal(b) && a.StringFixed(places) == b.StringFixed(places) {
		places++
	}
	return a.StringFixed(places), b.StringFixed(places)
}

// fixedNonZero prints d with two decimals, or with as many more (up to
// eight) as it takes for a value that is not zero not to print as zero.
func fixedNonZero(d decimal.Decimal) string {
	places := int32(2)
	for places < 8 && !d.IsZero() && d.Round(places).IsZero() {
		places++
	}
	return d.StringFixed(places)
}

// Source says where the district came from.
func (p *page) Source() string {
	if p.R.GridFile != "" {
		return p.T("source.file", p.R.GridFile)
	}
	return p.T("source.synthetic")
}

// Scale words the run's size preset.
func (p *page) Scale() template.HTML {
	if n, err := strconv.Atoi(p.R.Scale); err == nil {
		return label(p.T("scale.grids", p.Int(n)), p.R.Scale) // -scale given as a number of grids
	}
	return label(p.T("scale."+p.R.Scale), p.R.Scale)
}

// Map is the grid map as inline SVG.
func (p *page) Map() template.HTML { return template.HTML(p.svgMap()) }

// Legend is the map's legend.
func (p *page) Legend() template.HTML { return template.HTML(p.mapLegend()) }

// groupDigits puts thousands separators into the integer part of a
// decimal number written with an ASCII point.
func groupDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) <= 3 || strings.IndexFunc(intPart, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0 {
		return sign + s
	}
	var b strings.Builder
	b.WriteString(sign)
	lead := len(intPart) % 3
	if lead > 0 {
		b.WriteString(intPart[:lead])
	}
	for i := lead; i < len(intPart); i += 3 {
		if b.Len() > len(sign) {
			b.WriteByte(',')
		}
		b.WriteString(intPart[i : i+3])
	}
	b.WriteString(frac)
	return b.String()
}

// Year prints the report's year.
func (p *page) Year() string { return strconv.Itoa(p.R.Year) }

// pageHTML is the page. Every word comes from the language table; the
// page is XML-well-formed (void elements closed, no named entities).
const pageHTML = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>{{.T "title"}} · {{.Year}}</title>
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans",system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;padding:1.5rem 1rem 3rem;max-width:1000px;color:#1f2328;line-height:1.5;background:#fff}
h1{font-size:1.6rem;margin:.2rem 0 .4rem}
h2{font-size:1.25rem;margin:2.4rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid #1f4e79;color:#1f4e79}
h3{font-size:1.02rem;margin:1.4rem 0 .4rem}
p{margin:.4rem 0}
.meta,.note{color:#50565e;font-size:.85rem}
.code{color:#6e7781;font-size:.8em;font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;white-space:nowrap}
.kpi{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem;margin:1rem 0 .4rem}
.kpi div{background:#f3f6fa;border:1px solid #dde5ee;border-radius:6px;padding:.5rem .75rem;font-size:.85rem}
.kpi b{display:block;font-size:1.35rem;font-variant-numeric:tabular-nums;color:#1f2328}
.kpi small{display:block;color:#50565e;font-size:.75rem;line-height:1.3}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.3rem 0}
th,td{padding:.3rem .45rem;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}
th{background:#f3f6fa;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.nw{white-space:nowrap}
tr.sum td{font-weight:600;border-top:2px solid #8c959f}
tr.unrouted td{background:#f8f8f8}
td.bar{width:28%;min-width:5rem}
.bar span{display:block;height:.75rem;background:#3b75af;border-radius:2px}
.bar span.grey{background:#9aa0a6}
.legend{display:flex;flex-wrap:wrap;gap:.3rem 1.6rem;font-size:.82rem;margin:.5rem 0}
.legend div{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem .7rem}
.legend b{font-weight:600}
.sw{display:inline-block;width:1.1rem;height:.8rem;vertical-align:middle;border:1px solid #8c959f;margin-right:.25rem}
svg.map{width:100%;height:auto;display:block;border:1px solid #d0d7de;background:#fff}
svg.mk{vertical-align:-.1em}
ul.reasons{margin:0;padding-left:1.1rem}
@media screen and (max-width:640px){body{padding:1rem .6rem 2rem}h1{font-size:1.3rem}h2{font-size:1.1rem}table{font-size:.8rem}th,td{padding:.25rem .3rem}th.n{white-space:normal}.kpi b{font-size:1.1rem}
table.stack thead{display:none}table.stack,table.stack tbody,table.stack tr{display:block}
table.stack tr{border:1px solid #d0d7de;border-radius:6px;margin:.5rem 0;padding:.3rem .55rem}
table.stack td{display:block;position:relative;border:0;padding:.1rem 0 .1rem 40%;text-align:left;white-space:normal;min-height:1.2em}
table.stack td::before{content:attr(data-label);position:absolute;left:0;width:38%;color:#50565e}
table.categories td:first-child{min-width:5.5em}td.bar{min-width:2.5rem}
svg.map .street-labels{font-size:30px;stroke-width:6px}svg.map .community-labels{display:none}
svg.map .scale-bar,svg.map .north{transform-box:fill-box;transform:scale(1.7)}svg.map .scale-bar{transform-origin:left bottom}svg.map .north{transform-origin:right bottom}
svg.map .alert .tri{transform:scale(1.7)}}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;padding:0;font-size:9.5pt}section+section{break-before:page}h2,h3{break-after:avoid}tr,.kpi div,svg.map,.legend{break-inside:avoid}thead{display:table-header-group}.scroll{overflow:visible}table{font-size:8pt}th,td{padding:.12rem .3rem}.code{white-space:normal}svg.map{max-height:135mm;width:auto;max-width:100%;margin:0 auto}.kpi{grid-template-columns:repeat(6,1fr);gap:.3rem}.kpi div{padding:.3rem .4rem}.kpi b{font-size:1.1rem}h1{font-size:1.4rem}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style>
</head>
<body>
<section id="overview">
<h1>{{.T "title"}}</h1>
<p class="meta">{{.Source}} · {{.T "meta.scale"}}{{.Scale}} · {{.T "meta.seed" .R.Seed}} · {{.T "meta.year" .Year}}</p>
<p class="meta">{{.T "meta.district" (.Int .R.Grids) (.Int .R.Communities) (.Int .R.Streets) (.Int .R.Households) (.Int .R.Residents) (.Int .R.Workers) (.Fixed .R.MaxMeanLoad 3)}}</p>
{{with .R.Totals.Stats}}<div class="kpi">
<div>{{$.T "kpi.received"}}<b>{{$.Count .Received}}</b><small>{{$.T "kpi.received.note" ($.Int $.R.Unrouted.Stats.Received)}}</small></div>
<div>{{$.T "kpi.closure"}}<b>{{$.Pct .ClosureRate}}</b><small>{{$.T "kpi.ratio" ($.Int .ClosureRate.Num) ($.Int .ClosureRate.Den)}}</small></div>
<div>{{$.T "kpi.ontime"}}<b>{{$.Pct .OnTimeRate}}</b><small>{{$.T "kpi.ontime.note" ($.Int .OnTimeRate.Num) ($.Int .OnTimeRate.Den)}}</small></div>
<div>{{$.T "kpi.median"}}<b>{{$.T "fmt.hours" ($.Hours .ToClose false)}}</b><small>{{$.T "kpi.median.note" ($.Hours .ToClose true)}}</small></div>
<div>{{$.T "kpi.satisfaction"}}<b>{{$.Pct .SatisfactionRate}}</b><small>{{$.T "kpi.satisfaction.note" ($.Int .SatisfactionRate.Num) ($.Int .SatisfactionRate.Den)}}</small></div>
<div>{{$.T "kpi.escalated"}}<b>{{$.Count $.R.Totals.Escalated}}</b><small>{{$.T "kpi.escalated.note" ($.Int .ReopenRate.Num) ($.Int .RedoRate.Num)}}</small></div>
</div>{{end}}
<p class="note">{{.T "kpi.note"}}</p>

<h2>{{.T "sec.map"}}</h2>
<p class="note">{{.T "map.note"}}</p>
{{.Map}}
{{.Legend}}
</section>

<section id="matters">
<h2>{{.T "sec.matters"}}</h2>
<h3>{{.T "h.platforms"}}</h3>
<div class="scroll"><table class="platforms stack">
<thead><tr><th>{{.T "col.platform"}}</th><th class="n">{{.T "col.received"}}</th><th class="n">{{.T "col.closed"}}</th><th class="n">{{.T "col.notclosed"}}</th><th class="n">{{.T "col.closure"}}</th><th class="n">{{.T "col.ontimerate"}}</th><th class="n">{{.T "col.median"}}</th><th class="n">{{.T "col.satisfaction"}}</th></tr></thead>
<tbody>
{{range .R.Platforms}}<tr data-key="{{.Key}}"><td data-label="{{$.T "col.platform"}}">{{$.Platform .Key}}</td><td class="n" data-label="{{$.T "col.received"}}">{{$.Int .Stats.Received}}</td><td class="n" data-label="{{$.T "col.closed"}}">{{$.Int .Stats.Closed}}</td><td class="n" data-label="{{$.T "col.notclosed"}}">{{$.Int ($.NotClosed .Stats)}}</td><td class="n" data-label="{{$.T "col.closure"}}">{{$.Pct .Stats.ClosureRate}}</td><td class="n" data-label="{{$.T "col.ontimerate"}}">{{$.Pct .Stats.OnTimeRate}}</td><td class="n" data-label="{{$.T "col.median"}}">{{$.Hours .Stats.ToClose false}}</td><td class="n" data-label="{{$.T "col.satisfaction"}}">{{$.Pct .Stats.SatisfactionRate}}</td></tr>
{{end}}{{with .R.Unrouted.Stats}}<tr class="unrouted" data-key="unrouted"><td data-label="{{$.T "col.platform"}}">{{$.T "row.unrouted"}}{{range $.R.UnroutedBy}}<br/><small>{{$.Status .Status}} {{$.Count .Count}}</small>{{end}}</td><td class="n" data-label="{{$.T "col.received"}}">{{$.Int .Received}}</td><td class="n" data-label="{{$.T "col.closed"}}">{{$.Int .Closed}}</td><td class="n" data-label="{{$.T "col.notclosed"}}">{{$.Int ($.NotClosed .)}}</td><td class="n" data-label="{{$.T "col.closure"}}">{{$.Pct .ClosureRate}}</td><td class="n" data-label="{{$.T "col.ontimerate"}}">{{$.Pct .OnTimeRate}}</td><td class="n" data-label="{{$.T "col.median"}}">{{$.Hours .ToClose false}}</td><td class="n" data-label="{{$.T "col.satisfaction"}}">{{$.Pct .SatisfactionRate}}</td></tr>
{{end}}{{with .R.Totals.Stats}}<tr class="sum" data-key="total"><td data-label="{{$.T "col.platform"}}">{{$.T "row.total"}}</td><td class="n" data-label="{{$.T "col.received"}}">{{$.Int .Received}}</td><td class="n" data-label="{{$.T "col.closed"}}">{{$.Int .Closed}}</td><td class="n" data-label="{{$.T "col.notclosed"}}">{{$.Int ($.NotClosed .)}}</td><td class="n" data-label="{{$.T "col.closure"}}">{{$.Pct .ClosureRate}}</td><td class="n" data-label="{{$.T "col.ontimerate"}}">{{$.Pct .OnTimeRate}}</td><td class="n" data-label="{{$.T "col.median"}}">{{$.Hours .ToClose false}}</td><td class="n" data-label="{{$.T "col.satisfaction"}}">{{$.Pct .SatisfactionRate}}</td></tr>{{end}}
</tbody></table></div>
<p class="note">{{.T "note.platforms"}}</p>

<h3>{{.T "h.categories"}}</h3>
<div class="scroll"><table class="categories">
<thead><tr><th>{{.T "col.category"}}</th><th class="n">{{.T "col.received"}}</th><th class="bar"></th><th class="n">{{.T "col.closure"}}</th><th class="n">{{.T "col.ontimerate"}}</th><th class="n">{{.T "col.median"}}</th></tr></thead>
<tbody>
{{range .R.Categories}}<tr data-key="{{.Key}}"><td>{{$.Category .}}</td><td class="n">{{$.Int .Stats.Received}}</td><td class="bar"><span style="width:{{$.Bar .Stats.Received $.R.Categories}}%"></span></td><td class="n">{{$.Pct .Stats.ClosureRate}}</td><td class="n">{{$.Pct .Stats.OnTimeRate}}</td><td class="n">{{$.Hours .Stats.ToClose false}}</td></tr>
{{end}}</tbody></table></div>
<p class="note">{{.T "note.categories"}}</p>

{{if .R.Channels}}<h3>{{.T "h.channels"}}</h3>
<div class="scroll"><table class="channels">
<thead><tr><th>{{.T "col.channel"}}</th><th class="n">{{.T "col.received"}}</th></tr></thead>
<tbody>
{{range .R.Channels}}<tr><td>{{$.Channel .Channel}}</td><td class="n">{{$.Int .Count}}</td></tr>
{{end}}</tbody></table></div>{{end}}

<h3>{{.T "h.worst"}}</h3>
<div class="scroll"><table class="worst stack">
<thead><tr><th>{{.T "col.grid"}}</th><th>{{.T "col.community"}}</th><th class="n">{{.T "col.received"}}</th><th class="n">{{.T "col.closed"}}</th><th class="n">{{.T "col.ontimerate"}}</th><th class="n">{{.T "col.escalated"}}</th></tr></thead>
<tbody>
{{range .R.WorstGrids}}<tr data-key="{{.Key}}"><td data-label="{{$.T "col.grid"}}">{{$.Place (gridCode .Key)}}</td><td data-label="{{$.T "col.community"}}">{{$.PlaceName ($.Parent (gridCode .Key))}}</td><td class="n" data-label="{{$.T "col.received"}}">{{$.Int .Stats.Received}}</td><td class="n" data-label="{{$.T "col.closed"}}">{{$.Int .Stats.Closed}}</td><td class="n" data-label="{{$.T "col.ontimerate"}}">{{$.Pct .Stats.OnTimeRate}}</td><td class="n" data-label="{{$.T "col.escalated"}}">{{$.Int .Escalated}}</td></tr>
{{end}}</tbody></table></div>
</section>

{{if .R.Providers}}<section id="providers">
<h2>{{.T "sec.providers"}}</h2>
<p class="note">{{.T "note.providers"}}</p>
<div class="scroll"><table class="providers stack">
<thead><tr><th class="n">{{.T "col.rank"}}</th><th>{{.T "col.provider"}}</th><th>{{.T "col.roles"}}</th><th>{{.T "col.models"}}</th><th class="n">{{.T "col.contracts"}}</th><th class="n">{{.T "col.score"}}</th><th>{{.T "col.grade"}}</th><th class="n">{{.T "col.base"}}</th><th class="n">{{.T "col.deduction"}}</th><th class="n">{{.T "col.payable"}}</th></tr></thead>
<tbody>
{{range $i, $p := .R.Providers}}<tr data-key="{{.ID}}"><td class="n" data-label="{{$.T "col.rank"}}">{{inc $i}}</td><td data-label="{{$.T "col.provider"}}">{{withCode .Name .ID}}</td><td data-label="{{$.T "col.roles"}}">{{$.Roles .Roles}}</td><td data-label="{{$.T "col.models"}}">{{$.ProviderModels .Models}}</td><td class="n" data-label="{{$.T "col.contracts"}}">{{$.Int .Contracts}}</td><td class="n" data-label="{{$.T "col.score"}}">{{if .Scored}}{{$.Fixed .Score 2}}{{else}}—{{end}}</td><td class="nw" data-label="{{$.T "col.grade"}}">{{$.Grade .Grade}}</td><td class="n" data-label="{{$.T "col.base"}}">{{if .Settled}}{{$.Money .Base}}{{else}}—{{end}}</td><td class="n" data-label="{{$.T "col.deduction"}}">{{if .Settled}}{{$.Money .Deduction}}{{else}}—{{end}}</td><td class="n" data-label="{{$.T "col.payable"}}">{{if .Settled}}{{$.Money .Payable}}{{else}}—{{end}}</td></tr>
{{end}}</tbody></table></div>
{{with .R.Access}}{{if .Requests}}<h3>{{$.T "h.access"}}</h3>
<p>{{$.T "access.summary" ($.Int .Requests) ($.Int .Allowed) ($.Int .Denied)}}</p>
{{if .TopReasons}}<div class="scroll"><table class="reasons">
<thead><tr><th>{{$.T "col.reason"}}</th><th class="n">{{$.T "col.times"}}</th></tr></thead>
<tbody>
{{range .TopReasons}}<tr><td>{{$.Reason .Name}}</td><td class="n">{{$.Int .Count}}</td></tr>
{{end}}</tbody></table></div>
<p class="note">{{$.T "note.access"}}</p>{{end}}{{end}}{{end}}
</section>{{end}}

{{if .R.Risks}}<section id="risks">
<h2>{{.T "sec.risks"}}</h2>
{{$open := .OpenRisks}}{{$closed := .ClosedRisks}}
<p>{{.T "risks.summary" (.Int (len .R.Risks)) (.Int (len $open)) (.Int $closed.Total)}}</p>
<h3>{{.T "h.openrisks"}}</h3>
{{if $open}}<div class="scroll"><table class="openrisks stack">
<thead><tr><th>{{.T "col.risk"}}</th><th>{{.T "col.riskcat"}}</th><th>{{.T "col.subject"}}</th><th>{{.T "col.stage"}}</th><th>{{.T "col.level"}}</th><th>{{.T "col.alert"}}</th><th>{{.T "col.treatment"}}</th></tr></thead>
<tbody>
{{range $open}}<tr data-key="{{.ID}}"><td data-label="{{$.T "col.risk"}}"><span class="code">{{.ID}}</span></td><td data-label="{{$.T "col.riskcat"}}">{{$.RiskCategory .Category}}</td><td data-label="{{$.T "col.subject"}}">{{$.Subject .Subject}}</td><td data-label="{{$.T "col.stage"}}">{{$.Stage .Stage}}</td><td data-label="{{$.T "col.level"}}">{{$.Level .Level}}</td><td data-label="{{$.T "col.alert"}}">{{$.Alert .Alert}}</td><td data-label="{{$.T "col.treatment"}}">{{$.Treatment .Effective}}</td></tr>
{{end}}</tbody></table></div>{{else}}<p>{{.T "risks.noopen"}}</p>{{end}}
{{if $closed.Rows}}<h3>{{.T "h.closedrisks"}}</h3>
<div class="scroll"><table class="closedrisks">
<thead><tr><th>{{.T "col.riskcat"}}</th>{{range $closed.Levels}}<th class="n">{{$.AlertHead .}}</th>{{end}}<th class="n">{{.T "col.total"}}</th></tr></thead>
<tbody>
{{range $closed.Rows}}<tr data-key="{{.Category}}"><td>{{$.RiskCategory .Category}}</td>{{range .Counts}}<td class="n">{{$.Int .}}</td>{{end}}<td class="n">{{$.Int .Total}}</td></tr>
{{end}}<tr class="sum" data-key="total"><td>{{.T "row.total"}}</td>{{range $closed.Totals}}<td class="n">{{$.Int .}}</td>{{end}}<td class="n">{{$.Int $closed.Total}}</td></tr>
</tbody></table></div>{{end}}
{{if .R.Focus}}<h3>{{.T "h.focus"}}</h3>
<p class="note">{{.T "note.focus"}}</p>
<div class="scroll"><table class="focus stack">
<thead><tr><th>{{.T "col.subject"}}</th><th>{{.T "col.highest"}}</th><th class="n">{{.T "col.active"}}</th><th>{{.T "col.since"}}</th></tr></thead>
<tbody>
{{range .Focus}}<tr><td data-label="{{$.T "col.subject"}}">{{$.Subject .Subject}}</td><td data-label="{{$.T "col.highest"}}">{{$.Alert .Alert}}</td><td class="n" data-label="{{$.T "col.active"}}">{{$.Int .Count}}</td><td data-label="{{$.T "col.since"}}">{{.Since}}</td></tr>
{{end}}</tbody></table></div>{{if .FocusMore}}<p class="note">{{.T "focus.more" (.Int .FocusMore)}}</p>{{end}}{{end}}
</section>{{end}}

{{if or .R.Indices .R.Advice}}<section id="mechanisms">
<h2>{{.T "sec.mechanisms"}}</h2>
{{if .R.Indices}}<p class="note">{{.T "note.indices"}}</p>
{{range $ix := .R.Indices}}<h3>{{$.Mechanism .Mechanism}}{{$.T "sep.colon"}}{{if .OK}}{{$.Fixed .Value 4}}{{else}}—{{end}} <small class="note">{{$.T "index.over" ($.Int .Communities)}}</small></h3>
{{if .Members}}<div class="scroll"><table class="members" data-key="{{.Mechanism}}">
<thead><tr><th>{{$.T "col.metric"}}</th><th class="n">{{$.T "col.value"}}</th><th class="n">{{$.T "col.target"}}</th><th class="n">{{$.T "col.weight"}}</th><th class="n">{{$.T "col.share"}}</th><th class="n">{{$.T "col.communities"}}</th></tr></thead>
<tbody>
{{range .Members}}<tr><td>{{$.Metric .}}</td><td class="n">{{if .Communities}}{{$.MetricValue . .Value}}{{else}}—{{end}}</td><td class="n">{{$.MetricValue . .Target}}</td><td class="n">{{$.Fixed .Weight 2}}</td><td class="n">{{$.WeightShare $ix .}}</td><td class="n">{{$.Int .Communities}}</td></tr>
{{end}}</tbody></table></div>{{end}}
{{end}}{{end}}
{{if .R.Advice}}<h3>{{.T "h.advice"}}</h3>
<p class="note">{{.T "note.advice"}}</p>
<div class="scroll"><table class="advicesummary">
<thead><tr><th>{{.T "col.models"}}</th><th class="n">{{.T "col.communities"}}</th></tr></thead>
<tbody>
{{range .AdviceSummary}}<tr><td>{{$.Models .Models}}{{if .Weak}} <small>{{$.T "advice.weak"}}</small>{{end}}</td><td class="n">{{$.Int .Count}}</td></tr>
{{end}}</tbody></table></div>
<div class="scroll"><table class="advice stack">
<thead><tr><th>{{.T "col.community"}}</th><th>{{.T "col.models"}}</th><th>{{.T "col.reasons"}}</th></tr></thead>
<tbody>
{{range .R.Advice}}<tr data-key="{{.Community}}"><td data-label="{{$.T "col.community"}}">{{$.Place .Community}}</td><td data-label="{{$.T "col.models"}}">{{$.Models .Models}}{{if .Weak}} <small>{{$.T "advice.weak"}}</small>{{end}}</td><td data-label="{{$.T "col.reasons"}}"><ul class="reasons">{{range $.Reasons .}}<li>{{.}}</li>{{end}}</ul></td></tr>
{{end}}</tbody></table></div>{{end}}
</section>{{end}}

<p class="note">{{.T "footer"}} <code>examples/district</code></p>
</body>
</html>
`

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"inc":      func(i int) int { return i + 1 },
	"gridCode": func(s string) grid.Code { return grid.Code(s) },
	"withCode": withCode,
}).Parse(pageHTML))
