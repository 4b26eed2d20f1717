package main

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

// node is an element of a parsed page.
type node struct {
	name     string
	attrs    map[string]string
	children []*node
	text     string // character data directly inside, in order
	parent   *node
}

func (n *node) class() []string { return strings.Fields(n.attrs["class"]) }

func (n *node) hasClass(c string) bool { return slices.Contains(n.class(), c) }

// all returns the elements below n (n included) that match.
func (n *node) all(match func(*node) bool) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		if match(m) {
			out = append(out, m)
		}
		for _, c := range m.children {
			walk(c)
		}
	}
	walk(n)
	return out
}

// textContent is the text of n and everything below it.
func (n *node) textContent() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		b.WriteString(m.text)
		for _, c := range m.children {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func byTag(tag string) func(*node) bool { return func(n *node) bool { return n.name == tag } }

func byClass(tag, class string) func(*node) bool {
	return func(n *node) bool { return n.name == tag && n.hasClass(class) }
}

// parsePage parses page as XML in strict mode: every element closed and
// nested, attributes quoted, no entity but XML's own. HTML5 accepts the
// same bytes, so a page that passes reads the same in a browser.
func parsePage(t *testing.T, page []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(page))
	dec.Strict = true
	root := &node{name: "#document"}
	cur := root
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the page parses as well-formed XML")
		switch tt := tok.(type) {
		case xml.StartElement:
			n := &node{name: tt.Name.Local, attrs: map[string]string{}, parent: cur}
			for _, a := range tt.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			require.Equal(t, cur.name, tt.Name.Local, "tags nest")
			cur = cur.parent
		case xml.CharData:
			cur.text += string(tt)
		}
	}
	require.Same(t, root, cur, "every element is closed")
	return root
}

// renderPage renders the small run's report in lang.
func renderPage(t *testing.T, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, small(t).res.report.writeHTML(&buf, languages[lang]), "rendering in %s", lang)
	return buf.Bytes()
}

// The page the run writes is the Chinese one, and both languages render
// as self-contained, well-formed pages that draw every grid.
func TestHTMLReport(t *testing.T) {
	s := small(t)
	written, err := os.ReadFile(s.opts.out)
	require.NoError(t, err)
	assert.Equal(t, string(renderPage(t, "zh")), string(written), "the run writes the Chinese page by default")
	r := s.res.report
	for _, lang := range languageCodes() {
		b := renderPage(t, lang)
		page := string(b)
		for _, external := range []string{"<script", "src=", "<link", "@import", "url(http", "url(//", "href="} {
			assert.NotContains(t, page, external, "%s: no scripts or external assets", lang)
		}
		assert.NotContains(t, page, missingMark, "%s: every message is in the table", lang)
		assert.NotContains(t, page, "%!", "%s: every message gets the arguments it formats", lang)
		doc := parsePage(t, b)
		html := doc.all(byTag("html"))
		require.Len(t, html, 1, "%s: one html element", lang)
		assert.Equal(t, languages[lang].tag, html[0].attrs["lang"], "%s: html lang", lang)
		maps := doc.all(byClass("svg", "map"))
		require.Len(t, maps, 1, "%s: one map", lang)
		grids := maps[0].all(byClass("path", "grid"))
		assert.Len(t, grids, r.Grids, "%s: one map path per grid", lang)
		for _, g := range grids {
			titles := g.all(byTag("title"))
			if assert.Len(t, titles, 1, "%s: grid %s has a tooltip", lang, g.attrs["data-key"]) {
				assert.Contains(t, titles[0].text, g.attrs["data-key"], "%s: the tooltip names the grid's code", lang)
			}
		}
		alerted := 0
		for _, c := range r.Map {
			if c.Alert.IsValid() {
				alerted++
			}
		}
		assert.Len(t, maps[0].all(byClass("g", "alert")), alerted, "%s: one marker per grid with an alert in force", lang)
		labels := maps[0].all(byClass("g", "street-labels"))
		if assert.Len(t, labels, 1, "%s: street labels", lang) {
			assert.Len(t, labels[0].all(byTag("text")), r.Streets, "%s: one label per street", lang)
		}
		for _, class := range []string{"street-border", "district-border", "scale-bar", "north"} {
			assert.NotEmpty(t, maps[0].all(func(n *node) bool { return n.hasClass(class) }), "%s: the map has its %s", lang, class)
		}
	}
	assert.Contains(t, string(renderPage(t, "zh")), "综合执法", "the Chinese page names the platforms in Chinese")
	assert.Contains(t, string(renderPage(t, "en")), "Integrated law enforcement", "the English page names them in English")
}

// wireNames are the wire names of every enum value the report can show.
func wireNames() []string {
	var names []string
	for _, k := range enumMessageKeys() {
		names = append(names, k[strings.IndexByte(k, '.')+1:])
	}
	return names
}

// visibleText is the text of doc a reader sees as text, tooltips drawn by
// SVG titles included; style sheets, <code> and the small grey codes
// (class "code") are left out, as are attributes.
func visibleText(doc *node) []string {
	var out []string
	var walk func(*node)
	walk = func(n *node) {
		if n.name == "style" || n.name == "code" || n.hasClass("code") {
			return
		}
		if strings.TrimSpace(n.text) != "" {
			out = append(out, n.text)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// The Chinese page shows no wire name where a label belongs: codes appear
// only in tooltips and in the small grey code text.
func TestChinesePageShowsNoWireNames(t *testing.T) {
	doc := parsePage(t, renderPage(t, "zh"))
	text := strings.Join(visibleText(doc), "\n")
	require.NotEmpty(t, text)
	for _, name := range wireNames() {
		re := regexp.MustCompile(`(^|[^A-Za-z0-9_])` + regexp.QuoteMeta(name) + `($|[^A-Za-z0-9_])`)
		if loc := re.FindStringIndex(text); loc != nil {
			t.Errorf("the Chinese page shows the wire name %q: …%s…", name, text[max(0, loc[0]-40):min(len(text), loc[1]+40)])
		}
	}
	// The English page words the same values, so the check is not
	// passing for want of text.
	en := strings.Join(visibleText(parsePage(t, renderPage(t, "en"))), "\n")
	assert.Contains(t, en, "Service failure", "the English page words risk categories")
}

// cells returns the text of a row's cells, separators removed from
// numbers.
func cells(row *node) []string {
	var out []string
	for _, td := range row.all(byTag("td")) {
		out = append(out, strings.TrimSpace(td.textContent()))
	}
	return out
}

func number(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	require.NoError(t, err, "a count: %q", s)
	return n
}

func tableRows(t *testing.T, doc *node, class string) []*node {
	t.Helper()
	tables := doc.all(byClass("table", class))
	require.Len(t, tables, 1, "one %s table", class)
	var rows []*node
	for _, tb := range tables[0].all(byTag("tbody")) {
		rows = append(rows, tb.all(byTag("tr"))...)
	}
	return rows
}

// The platform table shows the library's statistics: each platform's
// received and closed counts, the matters that never reached a platform
// on their own row, and a total that both add up to.
func TestHTMLFiguresEqualStatistics(t *testing.T) {
	s := small(t)
	cal, err := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	require.NoError(t, err)
	year := grassroots.Period{Start: time.Date(simYear, 1, 1, 0, 0, 0, 0, cal.Location()), End: time.Date(simYear+1, 1, 1, 0, 0, 0, 0, cal.Location())}
	stats, err := incident.Statistics(s.res.states, year, incident.ByPlatform, cal)
	require.NoError(t, err)
	want := map[string]incident.Stats{}
	for _, st := range stats.Groups {
		want[st.Key] = st
	}
	if stats.Unkeyed.Received > 0 {
		want["unrouted"] = stats.Unkeyed
	}
	total := stats.Total
	require.Contains(t, want, "unrouted", "the small run rejects some matters")
	for _, lang := range languageCodes() {
		doc := parsePage(t, renderPage(t, lang))
		rows := tableRows(t, doc, "platforms")
		seen := map[string]bool{}
		sumReceived, sumClosed := 0, 0
		for _, row := range rows {
			key := row.attrs["data-key"]
			c := cells(row)
			require.GreaterOrEqual(t, len(c), 4, "%s: row %s", lang, key)
			received, closed, open := number(t, c[1]), number(t, c[2]), number(t, c[3])
			assert.Equal(t, received-closed, open, "%s %s: not closed = received − closed", lang, key)
			if key == "total" {
				assert.Equal(t, total.Received, received, "%s: total received", lang)
				assert.Equal(t, total.Closed, closed, "%s: total closed", lang)
				assert.Equal(t, len(s.res.states), received, "%s: the total is every matter", lang)
				continue
			}
			st, ok := want[key]
			if !assert.True(t, ok, "%s: row %q is a platform of the statistics", lang, key) {
				continue
			}
			seen[key] = true
			assert.Equal(t, st.Received, received, "%s %s: received", lang, key)
			assert.Equal(t, st.Closed, closed, "%s %s: closed", lang, key)
			sumReceived += received
			sumClosed += closed
		}
		assert.Len(t, seen, len(want), "%s: a row for every platform group and the unrouted", lang)
		assert.Equal(t, total.Received, sumReceived, "%s: platform rows and the unrouted row add up to the total", lang)
		assert.Equal(t, total.Closed, sumClosed, "%s: closed adds up too", lang)
	}
}

// Providers are listed best score first, ties by ID, each with its ID.
func TestHTMLProvidersSortedWithIDs(t *testing.T) {
	r := small(t).res.report
	want := slices.Clone(r.Providers)
	slices.SortFunc(want, func(a, b providerRow) int {
		if a.Scored != b.Scored {
			if a.Scored {
				return -1
			}
			return 1
		}
		if c := b.Score.Cmp(a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	doc := parsePage(t, renderPage(t, "zh"))
	rows := tableRows(t, doc, "providers")
	require.Len(t, rows, len(want), "one row per provider")
	for i, row := range rows {
		assert.Equal(t, want[i].ID, row.attrs["data-key"], "provider at rank %d", i+1)
		c := cells(row)
		require.GreaterOrEqual(t, len(c), 6, "row %d", i+1)
		assert.Equal(t, strconv.Itoa(i+1), c[0], "rank %d", i+1)
		assert.Contains(t, c[1], want[i].Name, "rank %d shows the name", i+1)
		codes := row.all(func(n *node) bool { return n.hasClass("code") })
		if assert.NotEmpty(t, codes, "rank %d shows the ID", i+1) {
			assert.Equal(t, want[i].ID, codes[0].textContent(), "rank %d's ID", i+1)
		}
		if want[i].Scored {
			assert.Equal(t, want[i].Score.StringFixed(2), c[5], "rank %d's score", i+1)
		}
	}
}

// Open risks are listed one by one; closed ones appear only as counts by
// category and alert level.
func TestHTMLClosedRisksOnlyCounted(t *testing.T) {
	r := small(t).res.report
	page := renderPage(t, "zh")
	doc := parsePage(t, page)
	var open []string
	closed := map[risk.Category]int{}
	closedTotal := 0
	for _, rk := range r.Risks {
		if rk.open() {
			open = append(open, rk.ID)
			continue
		}
		closed[rk.Category]++
		closedTotal++
		assert.NotContains(t, string(page), rk.ID, "closed risk %s is not listed", rk.ID)
	}
	require.NotEmpty(t, open, "the small run ends with open risks")
	require.Positive(t, closedTotal, "the small run closes risks")
	var listed []string
	for _, row := range tableRows(t, doc, "openrisks") {
		listed = append(listed, row.attrs["data-key"])
	}
	assert.ElementsMatch(t, open, listed, "every open risk, once")
	levels := len(risk.AlertLevels()) + 1
	for _, row := range tableRows(t, doc, "closedrisks") {
		key := row.attrs["data-key"]
		c := cells(row)
		require.Len(t, c, levels+2, "row %s: category, a column per alert level and none, total", key)
		sum := 0
		for _, v := range c[1 : levels+1] {
			sum += number(t, v)
		}
		assert.Equal(t, number(t, c[levels+1]), sum, "row %s adds up", key)
		if key == "total" {
			assert.Equal(t, closedTotal, sum, "closed risks in total")
			continue
		}
		assert.Equal(t, closed[risk.Category(key)], sum, "closed %s risks", key)
	}
}

func TestGroupDigits(t *testing.T) {
	for in, want := range map[string]string{"0": "0", "999": "999", "1000": "1,000", "150000": "150,000", "1047278": "1,047,278",
		"-1234.50": "-1,234.50", "126463.01": "126,463.01", "12.5": "12.5"} {
		assert.Equal(t, want, groupDigits(in), "groupDigits(%q)", in)
	}
}

func TestPctNeverRoundsToWhole(t *testing.T) {
	p := newPage(&report{}, languages["zh"])
	cases := []struct {
		num, den int
		want     string
	}{{18796, 18803, ">99.9%"}, {18215, 18215, "100.0%"}, {1, 20000, "<0.1%"}, {0, 4603, "0.0%"}, {1, 3, "33.3%"}, {0, 0, "—"}}
	for _, c := range cases {
		r := incident.Ratio{}
		if c.den > 0 {
			r = ratio(c.num, c.den)
		}
		assert.Equal(t, c.want, p.Pct(r), "%d/%d", c.num, c.den)
	}
}

// ratio builds a Ratio the way the incident package does: four places,
// half away from zero.
func ratio(num, den int) incident.Ratio {
	v := decimalFromInt(num).DivRound(decimalFromInt(den), incident.RatioScale)
	return incident.Ratio{Num: num, Den: den, Value: v, OK: true}
}
