package cehttp

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/grassrootsgov/grassroots"
)

// ProblemContentType is the media type of a Problem body (RFC 9457).
const ProblemContentType = "application/problem+json"

// Problem is the body of every refusal the Handler sends: an RFC 9457
// problem detail with the HTTP status, its standard title, a sentence
// saying what was wrong, and, for invalid events, one entry per problem
// naming the attribute ("time", or "[2].time" for the third event of a
// batch) with the rule broken (a grassroots.Rule constant) and what was
// expected. Type is left out, which RFC 9457 reads as "about:blank".
//
// The Handler never writes the text of an error it did not raise for the
// sender: what a Deliver function or a Heads lookup returns, and I/O
// errors, are answered with a fixed sentence.
//
// A nil *Problem has no entries: Has reports false.
type Problem struct {
	// Type is a URI naming the kind of problem; empty for about:blank.
	Type string `json:"type,omitempty"`
	// Title is the status's standard text ("Bad Request").
	Title string `json:"title"`
	// Status is the HTTP status code.
	Status int `json:"status"`
	// Detail says what was wrong with this request.
	Detail string `json:"detail,omitempty"`
	// Errors lists the attributes at fault, for invalid events and broken
	// chains.
	Errors []grassroots.FieldError `json:"errors,omitempty"`
}

// Has reports whether some entry of p concerns the attribute at path.
func (p *Problem) Has(path string) bool {
	if p == nil {
		return false
	}
	for _, f := range p.Errors {
		if f.Path == path {
			return true
		}
	}
	return false
}

// writeProblem answers with status and a Problem body.
func writeProblem(w http.ResponseWriter, status int, detail string, fields []grassroots.FieldError) {
	b, err := json.Marshal(Problem{Title: http.StatusText(status), Status: status, Detail: detail, Errors: fields})
	if err != nil {
		// A Problem holds only strings and an int; it always marshals.
		http.Error(w, http.StatusText(status), status)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ProblemContentType)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
