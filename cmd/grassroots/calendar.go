package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/workday"
)

// calendarUsage is the help of every -calendar flag.
const calendarUsage = "working calendar `file`: a holiday notice or a calendar spec in JSON (default: China's calendar of the SDK)"

// loadCalendar builds the calendar the -calendar flag names. Empty is
// the SDK's default, workday.DefaultSpec: China's published notices and
// the provisional arrangement after them. A file holds either one
// holiday notice (an object with "year", the workday.Notice format) or
// a list of them, which are added to the embedded notices as
// workday.ChinaSpec does, or a whole calendar spec (an object with
// "from" and "to", the workday.Spec format).
func (e *env) loadCalendar(name string, opts workday.CalendarOptions) (*workday.Calendar, error) {
	spec := workday.DefaultSpec()
	if name != "" {
		data, err := e.readFile(name)
		if err != nil {
			return nil, err
		}
		if spec, err = parseCalendarFile(data); err != nil {
			return nil, fmt.Errorf("calendar %s: %w", name, err)
		}
	}
	return workday.NewCalendar(spec, opts)
}

func parseCalendarFile(data []byte) (workday.Spec, error) {
	trimmed := bytes.TrimSpace(data)
	def := workday.DefaultSpec()
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var raws []json.RawMessage
		if err := json.Unmarshal(trimmed, &raws); err != nil {
			return workday.Spec{}, fmt.Errorf("not a list of holiday notices: %w", err)
		}
		notices := make([]workday.Notice, len(raws))
		for i, raw := range raws {
			n, err := workday.ParseNotice(raw)
			if err != nil {
				return workday.Spec{}, fmt.Errorf("notice %d: %w", i, err)
			}
			notices[i] = n
		}
		return workday.ChinaSpec(def.From, def.To, notices...)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &probe); err != nil {
		return workday.Spec{}, fmt.Errorf("not a holiday notice or calendar spec in JSON: %w", err)
	}
	switch {
	case probe["year"] != nil:
		n, err := workday.ParseNotice(trimmed)
		if err != nil {
			return workday.Spec{}, err
		}
		return workday.ChinaSpec(def.From, def.To, n)
	case probe["from"] != nil || probe["to"] != nil:
		return workday.ParseSpec(trimmed)
	}
	return workday.Spec{}, fmt.Errorf(`neither a holiday notice (an object with "year") nor a calendar spec (an object with "from" and "to")`)
}

// loadCatalog reads the -catalog flag's file, or returns the SDK's
// example catalogue for "".
func (e *env) loadCatalog(name string) (*incident.Catalog, error) {
	if name == "" {
		return incident.DefaultCatalog(), nil
	}
	data, err := e.readFile(name)
	if err != nil {
		return nil, err
	}
	c, err := incident.ParseCatalog(data)
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", name, err)
	}
	return c, nil
}
