package cehttp

import (
	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// ParseBatch reads a JSON Batch Format document (CloudEvents JSON Event
// Format 1.0, section 4): a JSON array of structured-mode events. Each
// element is read with grassroots.ParseEvent, so the batch is as strict
// as the envelope codec: a repeated member name, invalid UTF-8, an
// inexact number or a bad attribute anywhere refuses the whole batch.
// Text between the elements may only be JSON white space and commas.
//
// Every problem is reported at once in a *grassroots.ValidationError
// whose paths start with the element's position ("[2].time"); a document
// that is not an array of objects has a problem at the path "" or at the
// element. An empty array is a valid, empty batch.
func ParseBatch(b []byte) ([]grassroots.Event, error) {
	elems, err := splitArray(b)
	if err != nil {
		return nil, err
	}
	events := make([]grassroots.Event, len(elems))
	var p validate.Problems
	for i, raw := range elems {
		e, err := grassroots.ParseEvent(raw)
		if err != nil {
			p.Nest(grassroots.ElementPath("", i), err)
			continue
		}
		events[i] = e
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return events, nil
}

// splitArray returns the texts of the elements of a JSON array whose
// elements are objects. It checks only the array's own syntax and finds
// where each object ends by balancing brackets outside strings; the
// elements' own syntax is left to ParseEvent, so an element that is not
// valid JSON is refused there.
func splitArray(b []byte) ([][]byte, error) {
	i := skipSpace(b, 0)
	if i == len(b) || b[i] != '[' {
		return nil, batchProblem("", grassroots.RuleType, "a batch must be a JSON array of events")
	}
	i = skipSpace(b, i+1)
	var elems [][]byte
	if i < len(b) && b[i] == ']' {
		if skipSpace(b, i+1) != len(b) {
			return nil, batchProblem("", grassroots.RuleFormat, "a batch must end after its closing ]")
		}
		return elems, nil
	}
	for {
		path := grassroots.ElementPath("", len(elems))
		if i == len(b) || b[i] != '{' {
			return nil, batchProblem(path, grassroots.RuleType, "a batch element must be an event object")
		}
		end, ok := objectEnd(b, i)
		if !ok {
			return nil, batchProblem(path, grassroots.RuleFormat, "the event object is not terminated")
		}
		elems = append(elems, b[i:end])
		i = skipSpace(b, end)
		switch {
		case i < len(b) && b[i] == ',':
			i = skipSpace(b, i+1)
		case i < len(b) && b[i] == ']':
			if skipSpace(b, i+1) != len(b) {
				return nil, batchProblem("", grassroots.RuleFormat, "a batch must end after its closing ]")
			}
			return elems, nil
		default:
			return nil, batchProblem(path, grassroots.RuleFormat, "a batch element must be followed by , or ]")
		}
	}
}

// objectEnd returns the offset just past the bracket that closes the
// object or array opening at b[start], ignoring brackets inside strings.
func objectEnd(b []byte, start int) (int, bool) {
	depth := 0
	for i := start; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if i >= len(b) {
				return 0, false
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return 0, false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

func batchProblem(path, rule, msg string) error {
	var p validate.Problems
	p.Add(path, rule, msg)
	return p.Err()
}
