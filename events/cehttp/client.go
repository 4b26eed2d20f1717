package cehttp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// MaxProblemBytes bounds how much of a refusal's body a Client reads into
// a StatusError: 64 KiB.
const MaxProblemBytes = 64 << 10

// Client sends events to a CloudEvents HTTP receiver with POST, in the
// binary, structured or batch content mode. The zero value (and a nil
// *Client) sends with http.DefaultClient. A Client is safe for concurrent use as long as its
// fields are not changed.
//
// Every method validates what it sends first (nothing is sent that the
// receiver's strict decoding would refuse), returns nil for a 2xx answer
// and a *StatusError for any other; redirects are not followed, as the
// CloudEvents webhook specification requires, so a 3xx answer is a
// *StatusError too.
type Client struct {
	// HTTPClient sends the requests; nil means http.DefaultClient. Its
	// redirect policy is not used.
	HTTPClient *http.Client
	// Header holds further header fields for every request, such as
	// Authorization or the WebHook-Request-Origin a receiver expects
	// after the abuse-protection handshake. Content-Type, Content-Length
	// and ce- fields in it are ignored: the event writes those.
	Header http.Header
}

// SendBinary sends e in the binary content mode: each attribute but
// datacontenttype as a ce-<name> header holding its canonical string
// (grassroots.Event.Attribute), percent-encoded where the binding requires
// it; datacontenttype as Content-Type; the data (or the bytes of
// data_base64) as the body. A receiver that sets the headers back with
// Event.SetAttribute, as the Handler does, rebuilds an event with the same
// chain hash.
//
// The receiver can only tell data from data_base64 by the media type, so
// an event whose data does not match it (JSON data of a non-JSON type,
// data_base64 of a JSON or absent type, an empty data_base64) fails with
// an error matching ErrNotBinary and is not sent; send it with
// SendStructured. An invalid event fails with a *grassroots.ValidationError.
func (c *Client) SendBinary(ctx context.Context, url string, e grassroots.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := checkBinary(&e); err != nil {
		return err
	}
	h := make(http.Header, len(e.Extensions)+10)
	body := writeBinary(h, &e)
	return c.post(ctx, url, h, body)
}

// SendStructured sends e in the structured content mode: its JSON (see
// grassroots.Event.MarshalJSON) as the body, with Content-Type
// application/cloudevents+json. An invalid event fails with a
// *grassroots.ValidationError.
func (c *Client) SendStructured(ctx context.Context, url string, e grassroots.Event) error {
	body, err := e.MarshalJSON()
	if err != nil {
		return err
	}
	return c.post(ctx, url, http.Header{"Content-Type": {grassroots.ContentType}}, body)
}

// SendBatch sends events in one request in the batch content mode: the
// JSON array MarshalBatch writes, with Content-Type
// application/cloudevents-batch+json. The binding lets a sender batch only
// when the receiver asked for it; the Handler always accepts batches. An
// invalid event fails with a *grassroots.ValidationError whose paths give
// its position ("[3].time").
func (c *Client) SendBatch(ctx context.Context, url string, events []grassroots.Event) error {
	body, err := MarshalBatch(events)
	if err != nil {
		return err
	}
	return c.post(ctx, url, http.Header{"Content-Type": {grassroots.BatchContentType}}, body)
}

// MarshalBatch writes events as a JSON Batch Format document: a JSON
// array of their structured JSON, in order, which ParseBatch reads back.
// Every invalid event is reported at once in a *grassroots.ValidationError
// whose paths start with the event's position.
func MarshalBatch(events []grassroots.Event) ([]byte, error) {
	var p validate.Problems
	parts := make([][]byte, len(events))
	n := 2
	for i := range events {
		b, err := events[i].MarshalJSON()
		if err != nil {
			p.Nest(grassroots.ElementPath("", i), err)
			continue
		}
		parts[i] = b
		n += len(b) + 1
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	out := make([]byte, 0, n)
	out = append(out, '[')
	for i, b := range parts {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, b...)
	}
	return append(out, ']'), nil
}

func (c *Client) post(ctx context.Context, url string, h http.Header, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("cehttp: %w", err)
	}
	var extra http.Header
	hc := http.DefaultClient
	if c != nil {
		extra = c.Header
		if c.HTTPClient != nil {
			hc = c.HTTPClient
		}
	}
	for k, vs := range extra {
		ck := http.CanonicalHeaderKey(k)
		if ck == "Content-Type" || ck == "Content-Length" || strings.HasPrefix(ck, headerPrefix) {
			continue
		}
		req.Header[ck] = append(req.Header[ck], vs...)
	}
	for k, vs := range h {
		req.Header[k] = vs
	}
	noRedirect := *hc
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noRedirect.Do(req)
	if err != nil {
		return fmt.Errorf("cehttp: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, MaxProblemBytes))
		return nil
	}
	return readStatusError(resp)
}

// readStatusError reads the refusal resp into a *StatusError.
func readStatusError(resp *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, MaxProblemBytes))
	se := &StatusError{StatusCode: resp.StatusCode, Body: b}
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil && mt == ProblemContentType {
		var p Problem
		if json.Unmarshal(b, &p) == nil {
			se.Problem = &p
		}
	}
	return se
}
