package main

import (
	"fmt"
	"html/template"
	"math"
	"strings"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/risk"
)

// The map draws every grid filled by its on-time closure rate in six
// classes of one purple ramp (dark is late), with community and street
// borders over them, street names, a scale bar and a north arrow. Risk
// alerts are triangles in the four warning colours with a dark outline
// and a white halo, so no alert can be read as a fill class.

// onTimeClasses are the lower bounds of the fill classes, in percent;
// rampColours their colours, ColorBrewer's six-class Purples reversed.
var (
	onTimeClasses = []float64{0, 70, 80, 85, 90, 95}
	rampColours   = []string{"#54278f", "#756bb1", "#9e9ac8", "#bcbddc", "#dadaeb", "#f2f0f7"}
)

// alertColours are the Emergency Response Law's warning colours, level I
// (red, highest) to IV (blue).
var alertColours = [...]string{risk.AlertI: "#d7191c", risk.AlertII: "#f28e2b", risk.AlertIII: "#f5d90a", risk.AlertIV: "#2b83ba"}

// earthKm is the mean Earth radius (IUGG), for the scale bar.
const earthKm = 6371.0088

// fillClass is the class of an on-time rate, or -1 when nothing closed.
func fillClass(r incident.Ratio) int {
	if !r.OK {
		return -1
	}
	v, _ := r.Value.Shift(2).Float64()
	c := 0
	for i, lo := range onTimeClasses {
		if v >= lo {
			c = i
		}
	}
	return c
}

func fillOf(r incident.Ratio) string {
	if c := fillClass(r); c >= 0 {
		return rampColours[c]
	}
	return "url(#none)"
}

// projection maps GCJ-02 degrees to SVG pixels, equirectangular at the
// middle latitude: within a district the distortion is far below a pixel.
type projection struct {
	b             grid.BBox
	width, height float64
	kx            float64 // cos(middle latitude)
}

func newProjection(b grid.BBox, width float64) projection {
	kx := math.Cos((b.MinLat + b.MaxLat) / 2 * math.Pi / 180)
	spanX := (b.MaxLng - b.MinLng) * kx
	spanY := b.MaxLat - b.MinLat
	if spanX <= 0 || spanY <= 0 {
		spanX, spanY = 1, 1
	}
	return projection{b: b, width: width, height: width * spanY / spanX, kx: kx}
}

func (p projection) xy(pt grid.Point) (float64, float64) {
	spanX := (p.b.MaxLng - p.b.MinLng) * p.kx
	if spanX <= 0 {
		return 0, 0
	}
	s := p.width / spanX
	return (pt.Lng - p.b.MinLng) * p.kx * s, p.height - (pt.Lat-p.b.MinLat)*s
}

// kmPerPixel is the ground distance of one pixel.
func (p projection) kmPerPixel() float64 {
	spanX := (p.b.MaxLng - p.b.MinLng) * p.kx
	return spanX * math.Pi / 180 * earthKm / p.width
}

func (pg *page) svgMap() string {
	r := pg.R
	if len(r.Map) == 0 {
		return ""
	}
	const width = 900.0
	pr := newProjection(r.Bounds, width)
	height := pr.height
	cellPx := math.Sqrt(width * height / float64(len(r.Map)))
	var s strings.Builder
	// The scale bar and the north arrow sit in a strip below the grids,
	// where they hide nothing.
	const strip = 56.0
	fmt.Fprintf(&s, `<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 %.0f %.0f" role="img" aria-label="%s">`,
		width+4, height+strip+4, template.HTMLEscapeString(pg.T("sec.map")))
	s.WriteString(`<defs><pattern id="none" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9aa0a6" stroke-width="2"/></pattern></defs>`)
	s.WriteString(`<g stroke="#8c8c9c" stroke-width="0.4">`)
	for _, c := range r.Map {
		fmt.Fprintf(&s, `<path class="grid" data-key="%s" fill-rule="evenodd" fill="%s" d="`, template.HTMLEscapeString(string(c.Code)), fillOf(c.Stats.OnTimeRate))
		for _, part := range c.Boundary {
			for _, ring := range part {
				for i, pt := range ring {
					x, y := pr.xy(pt)
					if i == 0 {
						fmt.Fprintf(&s, "M%.1f %.1f", x, y)
					} else {
						fmt.Fprintf(&s, "L%.1f %.1f", x, y)
					}
				}
				s.WriteString("Z")
			}
		}
		fmt.Fprintf(&s, `"><title>%s</title></path>`, template.HTMLEscapeString(pg.gridTip(c)))
	}
	s.WriteString(`</g>`)
	community, street, outline := borders(r.Map, pr)
	fmt.Fprintf(&s, `<path class="community-border" fill="none" stroke="#3a3f47" stroke-width="1.1" stroke-linecap="round" d="%s"/>`, community)
	fmt.Fprintf(&s, `<path class="street-border" fill="none" stroke="#111" stroke-width="2.8" stroke-linecap="round" d="%s"/>`, street)
	fmt.Fprintf(&s, `<path class="district-border" fill="none" stroke="#111" stroke-width="3" d="%s"/>`, outline)
	size := math.Max(9, math.Min(16, cellPx*0.55))
	var markers [][2]float64
	for _, c := range r.Map {
		if c.Alert.IsValid() {
			x, y := ringCentre(largestRing(c.Boundary), pr)
			markers = append(markers, [2]float64{x, y})
		}
	}
	pg.streetLabels(&s, pr, markers, size)
	for _, c := range r.Map {
		if !c.Alert.IsValid() {
			continue
		}
		x, y := ringCentre(largestRing(c.Boundary), pr)
		fmt.Fprintf(&s, `<g class="alert" data-key="%s" transform="translate(%.1f %.1f)"><g class="tri">%s</g><title>%s</title></g>`,
			template.HTMLEscapeString(string(c.Code)), x, y, trianglePath(c.Alert, size),
			template.HTMLEscapeString(pg.gridTip(c)))
	}
	pg.scaleBar(&s, pr)
	northArrow(&s, pg.T("map.north"), width-34, height+4)
	s.WriteString(`</svg>`)
	return s.String()
}

// gridTip is a grid's tooltip: its name and code, community and street,
// and its figures.
func (pg *page) gridTip(c mapCell) string {
	lines := []string{
		pg.T("tip.name", pg.PlaceName(c.Code), string(c.Code)),
		pg.PlaceName(c.Community) + " · " + pg.PlaceName(c.Street),
		pg.T("tip.figures", pg.Int(c.Stats.Received), pg.Int(c.Stats.Closed), pg.Pct(c.Stats.OnTimeRate), pg.Int(c.Escalated)),
	}
	if c.Alert.IsValid() {
		lines = append(lines, pg.T("tip.alert", pg.T(enumKey("alert", c.Alert))))
	}
	return strings.Join(lines, "\n")
}

// trianglePath is an upward warning triangle of side size centred on the
// origin, in the level's colour with a white halo and a dark outline.
func trianglePath(a risk.AlertLevel, size float64) string {
	h := size * math.Sqrt(3) / 2
	d := fmt.Sprintf("M0 %.1fL%.1f %.1fL%.1f %.1fZ", -h*2/3, size/2, h/3, -size/2, h/3)
	return fmt.Sprintf(`<path d="%s" fill="none" stroke="#fff" stroke-width="3.5" stroke-linejoin="round"/><path d="%s" fill="%s" stroke="#1b1b1b" stroke-width="1.3" stroke-linejoin="round"/>`,
		d, d, alertColours[a])
}

// alertMarker is the map's alert triangle as a small inline SVG for
// tables and the legend.
func alertMarker(a risk.AlertLevel, px float64) string {
	if !a.IsValid() {
		return ""
	}
	return fmt.Sprintf(`<svg class="mk" xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="-8 -8 16 15" aria-hidden="true">%s</svg>`,
		px+2, px+1, trianglePath(a, 13))
}

// segKey is one boundary segment with its end points in a canonical
// order, at 1e-7 degree (about a centimetre).
type segKey struct{ ax, ay, bx, by int64 }

func keyOf(a, b grid.Point) segKey {
	q := func(v float64) int64 { return int64(math.Round(v * 1e7)) }
	k := segKey{q(a.Lng), q(a.Lat), q(b.Lng), q(b.Lat)}
	if k.ax > k.bx || (k.ax == k.bx && k.ay > k.by) {
		k.ax, k.ay, k.bx, k.by = k.bx, k.by, k.ax, k.ay
	}
	return k
}

// borders returns the path data of the segments where neighbouring grids
// lie in different communities (but one street), in different streets,
// and on the district's outline. Segments are matched by their end
// points: neighbouring grids share their vertices.
func borders(cells []mapCell, pr projection) (community, street, outline string) {
	owners := map[segKey][]int{}
	for i, c := range cells {
		for _, part := range c.Boundary {
			for _, ring := range part {
				for j := 1; j < len(ring); j++ {
					k := keyOf(ring[j-1], ring[j])
					owners[k] = append(owners[k], i)
				}
			}
		}
	}
	var cb, sb, ob strings.Builder
	seen := map[segKey]bool{}
	for _, c := range cells {
		for _, part := range c.Boundary {
			for _, ring := range part {
				for j := 1; j < len(ring); j++ {
					k := keyOf(ring[j-1], ring[j])
					if seen[k] {
						continue
					}
					seen[k] = true
					var out *strings.Builder
					o := owners[k]
					switch {
					case len(o) == 1:
						out = &ob
					case cells[o[0]].Street != cells[o[1]].Street:
						out = &sb
					case cells[o[0]].Community != cells[o[1]].Community:
						out = &cb
					default:
						continue
					}
					x0, y0 := pr.xy(ring[j-1])
					x1, y1 := pr.xy(ring[j])
					fmt.Fprintf(out, "M%.1f %.1fL%.1f %.1f", x0, y0, x1, y1)
				}
			}
		}
	}
	return cb.String(), sb.String(), ob.String()
}

// streetLabels writes each street's name at the middle of its grids, and
// each community's when communities are large enough on the map to hold
// one, moved up or down where an alert marker would hide part of it.
func (pg *page) streetLabels(s *strings.Builder, pr projection, markers [][2]float64, markerSize float64) {
	type acc struct {
		x, y, n float64
		cells   []int
	}
	group := func(key func(mapCell) grid.Code) ([]grid.Code, map[grid.Code]*acc) {
		var order []grid.Code
		m := map[grid.Code]*acc{}
		for i, c := range pg.R.Map {
			k := key(c)
			a := m[k]
			if a == nil {
				a = &acc{}
				m[k] = a
				order = append(order, k)
			}
			x, y := ringCentre(largestRing(c.Boundary), pr)
			a.x, a.y, a.n = a.x+x, a.y+y, a.n+1
			a.cells = append(a.cells, i)
		}
		return order, m
	}
	place := func(a *acc) (float64, float64) {
		x, y := a.x/a.n, a.y/a.n
		// Keep the label inside the place: when the mean falls outside
		// every one of its grids, use the nearest grid's centre.
		best, bestD := -1, math.Inf(1)
		for _, i := range a.cells {
			if ringContains(largestRing(pg.R.Map[i].Boundary), pr, x, y) {
				return x, y
			}
			cx, cy := ringCentre(largestRing(pg.R.Map[i].Boundary), pr)
			if d := math.Hypot(cx-x, cy-y); d < bestD {
				best, bestD = i, d
			}
		}
		return ringCentre(largestRing(pg.R.Map[best].Boundary), pr)
	}
	communities, cm := group(func(c mapCell) grid.Code { return c.Community })
	streets, sm := group(func(c mapCell) grid.Code { return c.Street })
	perCommunity := pr.width * pr.height / float64(max(1, len(communities)))
	if math.Sqrt(perCommunity) >= 110 && len(communities) > 1 {
		s.WriteString(`<g class="community-labels" font-size="12" fill="#2b2f36" text-anchor="middle" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">`)
		for _, code := range communities {
			name := pg.PlaceName(code)
			x, y := place(cm[code])
			y = clearOf(markers, markerSize, name, 12, x, y)
			fmt.Fprintf(s, `<text x="%.1f" y="%.1f">%s</text>`, x, y+4, template.HTMLEscapeString(name))
		}
		s.WriteString(`</g>`)
	}
	s.WriteString(`<g class="street-labels" font-size="17" font-weight="700" fill="#111" text-anchor="middle" stroke="#fff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">`)
	for _, code := range streets {
		name := pg.PlaceName(code)
		x, y := place(sm[code])
		if len(communities) > 1 && math.Sqrt(perCommunity) >= 110 {
			y -= 18 // above the community names
		}
		y = clearOf(markers, markerSize, name, 17, x, y)
		fmt.Fprintf(s, `<text x="%.1f" y="%.1f">%s</text>`, x, y+6, template.HTMLEscapeString(name))
	}
	s.WriteString(`</g>`)
}

// clearOf returns the height nearest y (tried in steps of a line above
// and below, three each way) at which a label of text in a font of size
// px, centred on x, covers no marker; y itself when none is clear.
func clearOf(markers [][2]float64, markerSize float64, text string, px, x, y float64) float64 {
	w := 0.0
	for _, r := range text {
		if r >= 0x2e80 {
			w += px // CJK characters are square
		} else {
			w += 0.6 * px
		}
	}
	m := markerSize/2 + 2
	covers := func(cy float64) bool {
		for _, mk := range markers {
			if math.Abs(mk[0]-x) < w/2+m && math.Abs(mk[1]-cy) < px/2+m {
				return true
			}
		}
		return false
	}
	step := px * 1.3
	for _, k := range []float64{0, -1, 1, -2, 2, -3, 3} {
		if !covers(y + k*step) {
			return y + k*step
		}
	}
	return y
}

// ringCentre is the area centroid of a ring on the map.
func ringCentre(ring grid.Ring, pr projection) (float64, float64) {
	var a, cx, cy float64
	for i := 1; i < len(ring); i++ {
		x0, y0 := pr.xy(ring[i-1])
		x1, y1 := pr.xy(ring[i])
		f := x0*y1 - x1*y0
		a += f
		cx += (x0 + x1) * f
		cy += (y0 + y1) * f
	}
	if a == 0 {
		x, y := pr.xy(ring[0])
		return x, y
	}
	return cx / (3 * a), cy / (3 * a)
}

// ringContains reports whether map point (x, y) lies inside ring, by
// crossing count.
func ringContains(ring grid.Ring, pr projection, x, y float64) bool {
	in := false
	for i := 1; i < len(ring); i++ {
		x0, y0 := pr.xy(ring[i-1])
		x1, y1 := pr.xy(ring[i])
		if (y0 > y) != (y1 > y) && x < x0+(y-y0)*(x1-x0)/(y1-y0) {
			in = !in
		}
	}
	return in
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

// niceSteps are the lengths a scale bar may take, in km.
var niceSteps = []float64{0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100}

// scaleBar draws a bar of a round length near a fifth of the map's width
// at the bottom left, in four alternating blocks.
func (pg *page) scaleBar(s *strings.Builder, pr projection) {
	kmpp := pr.kmPerPixel()
	if kmpp <= 0 || math.IsNaN(kmpp) {
		return
	}
	km := niceSteps[0]
	for _, st := range niceSteps {
		if st/kmpp <= pr.width/5 {
			km = st
		}
	}
	px := km / kmpp
	x0, y0 := 14.0, pr.height+36
	fmt.Fprintf(s, `<g class="scale-bar" font-size="12" fill="#111"><rect x="%.1f" y="%.1f" width="%.1f" height="34" fill="#fff" fill-opacity="0.85" stroke="#8c959f" stroke-width="0.6"/>`,
		x0-8, y0-22, px+58)
	for i := range 4 {
		fill := "#111"
		if i%2 == 1 {
			fill = "#fff"
		}
		fmt.Fprintf(s, `<rect x="%.1f" y="%.1f" width="%.1f" height="6" fill="%s" stroke="#111" stroke-width="0.8"/>`, x0+px*float64(i)/4, y0, px/4, fill)
	}
	fmt.Fprintf(s, `<text x="%.1f" y="%.1f" text-anchor="middle">0</text><text x="%.1f" y="%.1f" text-anchor="start">%s</text></g>`,
		x0, y0-5, x0+px-4, y0-5, template.HTMLEscapeString(pg.T("map.km", trimZeros(km))))
}

func trimZeros(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}

// northArrow draws an arrow pointing up (the projection keeps north up)
// with its letter, at (x, y) top left.
func northArrow(s *strings.Builder, letter string, x, y float64) {
	fmt.Fprintf(s, `<g class="north"><g transform="translate(%.1f %.1f)"><rect x="-4" y="-4" width="30" height="48" rx="4" fill="#fff" fill-opacity="0.85" stroke="#8c959f" stroke-width="0.6"/>`+
		`<path d="M11 2L19 24L11 19Z" fill="#111"/><path d="M11 2L3 24L11 19Z" fill="#fff" stroke="#111" stroke-width="1"/>`+
		`<text x="11" y="39" font-size="13" font-weight="700" text-anchor="middle" fill="#111">%s</text></g></g>`, x, y, template.HTMLEscapeString(letter))
}

// mapLegend is the HTML legend under the map: the fill classes with the
// number of grids in each, the alert triangles, and the border lines.
func (pg *page) mapLegend() string {
	counts := make([]int, len(onTimeClasses))
	none := 0
	alerts := map[risk.AlertLevel]int{}
	for _, c := range pg.R.Map {
		if k := fillClass(c.Stats.OnTimeRate); k >= 0 {
			counts[k]++
		} else {
			none++
		}
		if c.Alert.IsValid() {
			alerts[c.Alert]++
		}
	}
	var s strings.Builder
	s.WriteString(`<div class="legend"><div><b>` + template.HTMLEscapeString(pg.T("legend.fill")) + `</b>`)
	for i, lo := range onTimeClasses {
		var text string
		switch {
		case i == 0:
			text = pg.T("legend.below", trimZeros(onTimeClasses[1]))
		case i == len(onTimeClasses)-1:
			text = pg.T("legend.atleast", trimZeros(lo))
		default:
			text = pg.T("legend.range", trimZeros(lo), trimZeros(onTimeClasses[i+1]))
		}
		fmt.Fprintf(&s, `<span><span class="sw" style="background:%s"></span>%s <span class="code">(%s)</span></span>`, rampColours[i],
			template.HTMLEscapeString(text), pg.Int(counts[i]))
	}
	fmt.Fprintf(&s, `<span><svg class="mk" xmlns="http://www.w3.org/2000/svg" width="18" height="13" aria-hidden="true"><rect x="0.5" y="0.5" width="17" height="12" fill="url(#none)" stroke="#8c959f"/></svg> %s <span class="code">(%s)</span></span></div>`,
		template.HTMLEscapeString(pg.T("legend.none")), pg.Int(none))
	s.WriteString(`<div><b>` + template.HTMLEscapeString(pg.T("legend.alerts")) + `</b>`)
	for _, a := range risk.AlertLevels() {
		fmt.Fprintf(&s, `<span>%s %s <span class="code">(%s)</span></span>`, alertMarker(a, 13),
			template.HTMLEscapeString(pg.T(enumKey("alert", a))), pg.Int(alerts[a]))
	}
	s.WriteString(`</div><div><b>` + template.HTMLEscapeString(pg.T("legend.lines")) + `</b>`)
	fmt.Fprintf(&s, `<span><svg class="mk" xmlns="http://www.w3.org/2000/svg" width="26" height="10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" stroke="#111" stroke-width="3"/></svg> %s</span>`,
		template.HTMLEscapeString(pg.T("legend.street")))
	fmt.Fprintf(&s, `<span><svg class="mk" xmlns="http://www.w3.org/2000/svg" width="26" height="10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" stroke="#3a3f47" stroke-width="1.2"/></svg> %s</span>`,
		template.HTMLEscapeString(pg.T("legend.community")))
	fmt.Fprintf(&s, `<span><svg class="mk" xmlns="http://www.w3.org/2000/svg" width="26" height="10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" stroke="#8c8c9c" stroke-width="0.8"/></svg> %s</span></div></div>`,
		template.HTMLEscapeString(pg.T("legend.grid")))
	return s.String()
}
