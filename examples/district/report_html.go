package main

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/grassrootsgov/grassroots/grid"
)

// writeHTML writes the report as one self-contained HTML page: inline CSS,
// inline SVG, no scripts and no external assets, so it opens from a file
// or an e-mail attachment anywhere.
func (r *report) writeHTML(w io.Writer) error {
	return pageTemplate.Execute(w, htmlView{R: r, Map: r.svgMap(), Platforms: barChart(r.Platforms, true), Categories: barChart(r.Categories, false)})
}

type htmlView struct {
	R                     *report
	Map                   template.HTML
	Platforms, Categories template.HTML
}

// alertColours are the Emergency Response Law's warning colours, level I
// (red, highest) to IV (blue).
var alertColours = [...]string{1: "#d7191c", 2: "#f28e2b", 3: "#e6c619", 4: "#2b83ba"}

func alertName(level int) string {
	if level < 1 || level > 4 {
		return "none"
	}
	return [...]string{"", "I (red)", "II (orange)", "III (yellow)", "IV (blue)"}[level]
}

// rampColour maps an on-time rate in [0, 1] to a red–amber–green ramp;
// grids that closed nothing are grey.
func rampColour(v float64) string {
	if v < 0 || math.IsNaN(v) {
		return "#cccccc"
	}
	// Below 60 % is as red as it gets; the ramp spends its range where
	// districts actually differ.
	t := math.Min(1, math.Max(0, (v-0.6)/0.4))
	var rr, gg, bb float64
	if t < 0.5 {
		u := t / 0.5
		rr, gg, bb = 215+(253-215)*u, 48+(174-48)*u, 39+(97-39)*u
	} else {
		u := (t - 0.5) / 0.5
		rr, gg, bb = 253+(26-253)*u, 174+(150-174)*u, 97+(65-97)*u
	}
	return fmt.Sprintf("#%02x%02x%02x", int(rr), int(gg), int(bb))
}

func (r *report) svgMap() template.HTML {
	if len(r.Map) == 0 {
		return ""
	}
	b := r.Bounds
	const width = 900.0
	midLat := (b.MinLat + b.MaxLat) / 2 * math.Pi / 180
	spanX := (b.MaxLng - b.MinLng) * math.Cos(midLat)
	spanY := b.MaxLat - b.MinLat
	height := width * spanY / spanX
	x := func(lng float64) float64 { return (lng - b.MinLng) * math.Cos(midLat) / spanX * width }
	y := func(lat float64) float64 { return height - (lat-b.MinLat)/spanY*height }
	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="100%%" role="img" aria-label="grid map">`, width, height)
	for _, c := range r.Map {
		// Every part (island) and hole of the grid in one path; the
		// even-odd rule leaves holes unfilled.
		s.WriteString(`<path fill-rule="evenodd" d="`)
		for _, part := range c.Boundary {
			for _, ring := range part {
				for i, p := range ring {
					cmd := "L"
					if i == 0 {
						cmd = "M"
					}
					fmt.Fprintf(&s, "%s%.1f %.1f", cmd, x(p.Lng), y(p.Lat))
				}
				s.WriteString("Z")
			}
		}
		rate := "no closures"
		if c.OnTimeRate >= 0 {
			rate = strconv.FormatFloat(c.OnTimeRate*100, 'f', 1, 64) + "% on time"
		}
		fmt.Fprintf(&s, `" fill="%s" stroke="#ffffff" stroke-width="0.6"><title>%s: %s</title></path>`,
			rampColour(c.OnTimeRate), template.HTMLEscapeString(string(c.Code)), rate)
	}
	for _, c := range r.Map {
		if c.Alert < 1 || c.Alert > 4 {
			continue
		}
		// The marker sits at the mean vertex of the largest part.
		ring := largestRing(c.Boundary)
		var cx, cy float64
		n := len(ring) - 1
		for _, p := range ring[:n] {
			cx += x(p.Lng)
			cy += y(p.Lat)
		}
		fmt.Fprintf(&s, `<circle cx="%.1f" cy="%.1f" r="5" fill="%s" stroke="#000" stroke-width="0.8"><title>%s: alert level %s</title></circle>`,
			cx/float64(n), cy/float64(n), alertColours[c.Alert], template.HTMLEscapeString(string(c.Code)), alertName(c.Alert))
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

func largestRing(m grid.MultiPolygon) grid.Ring {
	best, bestArea := m[0][0], -1.0
	for _, part := range m {
		if a := (grid.MultiPolygon{part}).Area(); a > bestArea {
			best, bestArea = part[0], a
		}
	}
	return best
}

// barChart draws received counts as bars, with the on-time rate printed
// beside each when withRate is set.
func barChart(rows []rateRow, withRate bool) template.HTML {
	if len(rows) == 0 {
		return ""
	}
	maxV := 1
	for _, r := range rows {
		maxV = max(maxV, r.Received)
	}
	const rowH, labelW, barW = 22.0, 260.0, 330.0
	h := rowH*float64(len(rows)) + 6
	var s strings.Builder
	fmt.Fprintf(&s, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 900 %.0f" width="100%%" role="img">`, h)
	for i, r := range rows {
		yy := float64(i)*rowH + 3
		bw := barW * float64(r.Received) / float64(maxV)
		fmt.Fprintf(&s, `<text x="%.0f" y="%.0f" text-anchor="end" font-size="12">%s</text>`, labelW-8, yy+14, template.HTMLEscapeString(r.Name))
		fmt.Fprintf(&s, `<rect x="%.0f" y="%.0f" width="%.1f" height="%.0f" fill="#4e79a7"/>`, labelW, yy, bw, rowH-6)
		label := strconv.Itoa(r.Received)
		if withRate {
			label += " · on time " + r.OnTimeRate + " · closed " + r.ClosureRate
		}
		fmt.Fprintf(&s, `<text x="%.1f" y="%.0f" font-size="12">%s</text>`, labelW+bw+6, yy+14, template.HTMLEscapeString(label))
	}
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"alert": alertName}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>District governance report · seed {{.R.Seed}} · {{.R.Year}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans SC",sans-serif;margin:2rem auto;max-width:960px;color:#222;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.85rem}th,td{padding:.25rem .5rem;border-bottom:1px solid #eee;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.kpi{display:flex;flex-wrap:wrap;gap:1rem}.kpi div{background:#f5f7fa;padding:.6rem 1rem;border-radius:6px}
.kpi b{display:block;font-size:1.3rem}.legend span{display:inline-block;width:1rem;height:.8rem;margin:0 .2rem 0 .8rem;vertical-align:middle}
.muted{color:#666;font-size:.85rem}
</style>
</head>
<body>
<h1>District governance report</h1>
<p class="muted">{{.R.Source}} (scale {{.R.Scale}}, seed {{.R.Seed}}), year {{.R.Year}}: {{.R.Grids}} grids in {{.R.Communities}} communities and {{.R.Streets}} streets, {{.R.Households}} households, {{.R.Residents}} residents, {{.R.Workers}} grid workers.</p>
<div class="kpi">
<div>Matters received<b>{{.R.Totals.Received}}</b></div>
<div>Closure rate<b>{{.R.Totals.ClosureRate}}</b></div>
<div>On-time closure<b>{{.R.Totals.OnTimeRate}}</b></div>
<div>Median hours to close<b>{{.R.Totals.MedianHours}}</b></div>
<div>Satisfaction rate<b>{{.R.Totals.SatisfactionRate}}</b></div>
</div>

<h2>Grids by on-time closure rate</h2>
{{.Map}}
<p class="legend muted">On-time closure: <span style="background:#d72f27"></span>60 % or less <span style="background:#fdae61"></span>80 % <span style="background:#1a9641"></span>100 % <span style="background:#cccccc"></span>nothing closed. Circles mark active risk alerts:
<span style="background:#d7191c"></span>I <span style="background:#f28e2b"></span>II <span style="background:#e6c619"></span>III <span style="background:#2b83ba"></span>IV.</p>

<h2>By platform</h2>
{{.Platforms}}
<h2>By category</h2>
{{.Categories}}

<h2>Five grids with the lowest on-time closure</h2>
<table><tr><th>grid</th><th class="n">received</th><th class="n">closed</th><th class="n">on-time</th><th class="n">escalated</th></tr>
{{range .R.WorstGrids}}<tr><td>{{.Key}}</td><td class="n">{{.Received}}</td><td class="n">{{.Closed}}</td><td class="n">{{.OnTimeRate}}</td><td class="n">{{.Escalated}}</td></tr>
{{end}}</table>

{{if .R.Providers}}<h2>Provider scorecards and settlements</h2>
<table><tr><th>provider</th><th>roles</th><th>models</th><th class="n">contracts</th><th class="n">score</th><th>grade</th><th class="n">base</th><th class="n">deductions</th><th class="n">payable</th></tr>
{{range .R.Providers}}<tr><td>{{.Name}}</td><td>{{.Roles}}</td><td>{{.Models}}</td><td class="n">{{.Contracts}}</td><td class="n">{{.Score}}</td><td>{{.Grade}}</td><td class="n">{{.Base}}</td><td class="n">{{.Deductions}}</td><td class="n">{{.Payable}}</td></tr>
{{end}}</table>{{end}}
{{if .R.Access.Requests}}<p>Data-access requests under PIPL: {{.R.Access.Requests}}, {{.R.Access.Allowed}} allowed, {{.R.Access.Denied}} denied.{{range .R.Access.TopReasons}} {{.Name}}: {{.Count}}.{{end}}</p>{{end}}

{{if .R.Risks}}<h2>Risk register</h2>
<table><tr><th>risk</th><th>category</th><th>subject</th><th>stage</th><th>level</th><th>alert</th><th>treatment</th></tr>
{{range .R.Risks}}<tr><td>{{.ID}}</td><td>{{.Category}}</td><td>{{.Subject}}</td><td>{{.Stage}}</td><td>{{.Level}}</td><td>{{.Alert}}</td><td>{{.Effective}}</td></tr>
{{end}}</table>{{end}}
{{if .R.Focus}}<h2>Focus list</h2>
<table><tr><th>subject</th><th>highest alert</th><th class="n">active risks</th><th>since</th></tr>
{{range .R.Focus}}<tr><td>{{.Subject}}</td><td>{{.Alert}}</td><td class="n">{{.Count}}</td><td>{{.Since}}</td></tr>
{{end}}</table>{{end}}

{{if .R.Indices}}<h2>Mechanism indices</h2>
<table><tr><th>mechanism</th><th class="n">index</th><th>members</th></tr>
{{range .R.Indices}}<tr><td>{{.Mechanism}}</td><td class="n">{{.Value}}</td><td class="muted">{{range $i, $m := .Members}}{{if $i}}; {{end}}{{$m}}{{end}}</td></tr>
{{end}}</table>{{end}}
{{if .R.Advice}}<h2>Participation-model recommendations</h2>
<table><tr><th>community</th><th>models</th><th>reasons</th></tr>
{{range .R.Advice}}<tr><td>{{.Community}}</td><td>{{.Models}}{{if .Weak}} (weak){{end}}</td><td class="muted">{{.Reasons}}</td></tr>
{{end}}</table>{{end}}
<p class="muted">Generated by examples/district of the grassroots SDK from synthetic activity; every figure comes from the SDK's public API.</p>
</body>
</html>
`))
