package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/grassrootsgov/grassroots/grid"
)

// pointsFormat describes the points CSV for help texts.
const pointsFormat = `Points are CSV with three columns, id,lng,lat: an ID of the caller's
choosing, then longitude and latitude in decimal degrees. A first row
id,lng,lat (or lon, longitude) is a header and is skipped.`

// pointRow is one row of a points CSV.
type pointRow struct {
	line     int
	id       string
	lng, lat string // as written
	p        grid.Point
}

// readPoints calls fn with every row of a points CSV. A row that is not
// id,lng,lat with two numbers in range is an error naming its line.
func readPoints(r io.Reader, fn func(pointRow) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		line, _ := cr.FieldPos(0)
		if first && len(rec) == 3 && isHeader(rec) {
			first = false
			continue
		}
		first = false
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != 3 {
			return fmt.Errorf("line %d: %d columns; want 3: id,lng,lat", line, len(rec))
		}
		row := pointRow{line: line, id: rec[0], lng: strings.TrimSpace(rec[1]), lat: strings.TrimSpace(rec[2])}
		if row.p.Lng, err = strconv.ParseFloat(row.lng, 64); err != nil {
			return fmt.Errorf("line %d: longitude %q is not a number", line, rec[1])
		}
		if row.p.Lat, err = strconv.ParseFloat(row.lat, 64); err != nil {
			return fmt.Errorf("line %d: latitude %q is not a number", line, rec[2])
		}
		if err := row.p.Validate(); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
}

func isHeader(rec []string) bool {
	switch strings.ToLower(strings.TrimSpace(rec[1])) {
	case "lng", "lon", "long", "longitude":
		return true
	}
	return false
}

// table writes rows as CSV with a header, or as a JSON array of objects
// keyed by the header; rows are written as they come.
type table struct {
	format string
	header []string
	w      io.Writer
	cw     *csv.Writer
	n      int
}

func newTable(w io.Writer, format string, header ...string) *table {
	t := &table{format: format, header: header, w: w}
	if format != "json" {
		t.cw = csv.NewWriter(w)
		t.cw.Write(header)
	}
	return t
}

func (t *table) row(fields ...string) error {
	if t.cw != nil {
		return t.cw.Write(fields)
	}
	sep := ",\n  "
	if t.n == 0 {
		sep = "[\n  "
	}
	t.n++
	var b strings.Builder
	b.WriteString(sep + "{")
	for i, h := range t.header {
		if i > 0 {
			b.WriteString(", ")
		}
		k, _ := json.Marshal(h)
		v, _ := json.Marshal(fields[i])
		b.Write(k)
		b.WriteString(": ")
		b.Write(v)
	}
	b.WriteString("}")
	_, err := io.WriteString(t.w, b.String())
	return err
}

func (t *table) close() error {
	if t.cw != nil {
		t.cw.Flush()
		return t.cw.Error()
	}
	end := "\n]\n"
	if t.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(t.w, end)
	return err
}
