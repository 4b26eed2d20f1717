package cehttp

import (
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// The binary content mode: attributes in ce- headers, datacontenttype in
// Content-Type, data as the body.

// isJSONMediaType reports whether data of media type ct is JSON: absent
// (CloudEvents' default), application/json, text/json, or any type with
// the +json structured syntax suffix (RFC 6839). In binary mode such a
// body is the event's data member, any other its data_base64.
func isJSONMediaType(ct string) bool {
	if ct == "" || ct == "application/json" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json")
}

// checkBinary reports why the binary mode cannot carry e's data so that
// the receiver rebuilds the same event (and the same chain hash): the
// receiver takes a body of a JSON media type as data and any other as
// data_base64, and an empty body as no data at all. Content-Type, unlike
// the ce- headers, is not percent-encoded, and HTTP drops white space at
// its ends.
func checkBinary(e *grassroots.Event) error {
	ct := e.DataContentType
	switch {
	case strings.TrimSpace(ct) != ct:
		return fmt.Errorf("%w: datacontenttype %q has white space at an end, which HTTP drops from Content-Type", ErrNotBinary, ct)
	case e.Data != nil && !isJSONMediaType(ct):
		return fmt.Errorf("%w: data is JSON but datacontenttype %q is not a JSON media type, so a receiver would read the body as data_base64", ErrNotBinary, ct)
	case e.DataBase64 != nil && ct == "":
		return fmt.Errorf("%w: data_base64 without a datacontenttype would be read as JSON data", ErrNotBinary)
	case e.DataBase64 != nil && isJSONMediaType(ct):
		return fmt.Errorf("%w: data_base64 of the JSON media type %q would be read as JSON data", ErrNotBinary, ct)
	case e.DataBase64 != nil && len(e.DataBase64) == 0:
		return fmt.Errorf("%w: an empty data_base64 makes an empty body, which is read as no data", ErrNotBinary)
	}
	return nil
}

// writeBinary writes e's attributes into h as ce- headers holding their
// percent-encoded canonical strings, datacontenttype as Content-Type, and
// returns the body. e must pass Validate and checkBinary.
func writeBinary(h http.Header, e *grassroots.Event) []byte {
	for _, name := range e.AttributeNames() {
		if name == "datacontenttype" {
			continue
		}
		v, _ := e.Attribute(name)
		h[http.CanonicalHeaderKey(headerPrefix+name)] = []string{encodeHeaderValue(v)}
	}
	if e.DataContentType != "" {
		h["Content-Type"] = []string{e.DataContentType}
	}
	if e.Data != nil {
		return e.Data
	}
	return e.DataBase64
}

// decodeBinary builds the event of a binary-mode message from its header
// and body. Each ce- header is decoded (see decodeHeaderValue) and set
// with Event.SetAttribute, so its value is checked as strictly as the
// structured form's; datacontenttype comes from Content-Type; a non-empty
// body becomes data when its media type is JSON and data_base64 otherwise.
// The event is then validated as a whole. Every problem is reported at
// once, each naming its attribute; body is kept by the event, not copied.
func decodeBinary(h http.Header, body []byte) (grassroots.Event, error) {
	var e grassroots.Event
	var p validate.Problems
	var bad []string
	fail := func(name, rule, msg string) {
		p.Add(name, rule, msg)
		bad = append(bad, name)
	}
	keys := make([]string, 0, len(h))
	for k := range h {
		if len(k) >= len(headerPrefix) && strings.EqualFold(k[:len(headerPrefix)], headerPrefix) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	seen := make([]string, 0, len(keys))
	for _, k := range keys {
		name := strings.ToLower(k[len(headerPrefix):])
		header := "ce-" + name
		values := h[k]
		switch {
		case slices.Contains(seen, name) || len(values) != 1:
			fail(name, grassroots.RuleUnique, header+" must appear exactly once")
			continue
		case name == "datacontenttype":
			fail(name, grassroots.RuleExcluded, "ce-datacontenttype must not be sent in binary mode: Content-Type carries datacontenttype")
			continue
		}
		seen = append(seen, name)
		v, err := decodeHeaderValue(values[0])
		if err != nil {
			fail(name, grassroots.RuleFormat, header+" "+err.Error())
			continue
		}
		if err := e.SetAttribute(name, v); err != nil {
			p.Nest("", err)
			bad = append(bad, name)
		}
	}
	typeOK := true
	if cts := h.Values("Content-Type"); len(cts) > 0 {
		switch {
		case len(cts) > 1:
			fail("datacontenttype", grassroots.RuleUnique, "Content-Type must appear at most once")
			typeOK = false
		default:
			if err := e.SetAttribute("datacontenttype", cts[0]); err != nil {
				p.Nest("", err)
				bad = append(bad, "datacontenttype")
				typeOK = false
			}
		}
	}
	if typeOK && len(body) > 0 {
		if isJSONMediaType(e.DataContentType) {
			e.Data = body
		} else {
			e.DataBase64 = body
		}
	}
	for _, f := range validationFields(e.Validate()) {
		if !slices.Contains(bad, f.Path) {
			p.Add(f.Path, f.Rule, f.Message)
		}
	}
	if err := p.Err(); err != nil {
		return grassroots.Event{}, err
	}
	return e, nil
}

// validationFields returns the field problems of a *ValidationError, or
// nil.
func validationFields(err error) []grassroots.FieldError {
	if err == nil {
		return nil
	}
	return grassroots.FieldErrors("", err)
}
