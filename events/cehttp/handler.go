package cehttp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/grassrootsgov/grassroots"
)

// DefaultMaxBodyBytes is the body limit of a Handler whose options leave
// it zero: 1 MiB, sixteen times the 64 KiB every CloudEvents consumer
// should accept for one event, room for a batch of some hundred events.
const DefaultMaxBodyBytes = 1 << 20

// allow is the Allow header of every answer to a method other than POST.
const allow = "OPTIONS, POST"

// Deliver receives the events of one request, in the order sent: one
// event in binary and structured mode, the whole batch in batch mode. ctx
// is the request's context. It runs on the request's goroutine, and the
// Handler answers only when it returns, so the answer reports its outcome:
//
//   - nil: 202 Accepted;
//   - an error matching ErrConflict: 409 Conflict;
//   - an error matching grassroots.ErrChainBroken: 409 Conflict;
//   - an error matching grassroots.ErrInvalid: 400 Bad Request, listing
//     the paths and rules of its *grassroots.ValidationError;
//   - any other error: 500 Internal Server Error.
//
// The error's text is never sent. The events are the function's to keep.
type Deliver func(ctx context.Context, events []grassroots.Event) error

// HandlerOptions configures a Handler. The zero value is valid: the
// default body limit, no webhook consent, no chain verification.
type HandlerOptions struct {
	// MaxBodyBytes bounds the body of a request; a longer one gets 413
	// Content Too Large. Zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64

	// WebhookOrigins lists the WebHook-Request-Origin values (DNS names
	// of sending systems, compared without regard to case) to which the
	// abuse-protection handshake of the CloudEvents HTTP webhook
	// specification grants consent; "*" grants it to every origin. Empty:
	// the Handler consents to none, and answers a handshake with 403.
	WebhookOrigins []string
	// WebhookRate is the WebHook-Allowed-Rate granted in a handshake, in
	// requests per minute; zero grants "*" (no limit). The Handler only
	// states the rate; it does not throttle.
	WebhookRate int

	// Heads, when set, makes the Handler verify the chain links of the
	// events it receives before delivering them: each event must be
	// sealed, its hash must match its content, and it must follow the
	// previous event of its subject (earlier in the same batch, or else
	// the head Heads returns; with no head, it must be the subject's
	// first event). The first event that does not gets 400 (unsealed or
	// altered) or 409 (breaking the chain the receiver holds), and
	// nothing is delivered. Without Heads the events are delivered
	// unverified, to be checked by the Deliver function, for instance with
	// grassroots.VerifyLink or by an event store's append.
	Heads Heads
}

// Handler receives CloudEvents over HTTP in the binary, structured and
// batch content modes (see the package documentation), decodes them as
// strictly as grassroots.ParseEvent, and hands them to a Deliver function.
// Build one with NewHandler; it is immutable and safe for concurrent use.
// The zero value (or a nil *Handler) has nothing to deliver to and
// answers every request with 500 Internal Server Error.
type Handler struct {
	deliver Deliver
	limit   int64
	origins []string
	anyOrig bool
	rate    string
	heads   Heads
}

// NewHandler returns a Handler that delivers to deliver. It fails with
// ErrNoDeliver when deliver is nil and with an error matching ErrOptions
// when an option is out of range.
func NewHandler(deliver Deliver, opts HandlerOptions) (*Handler, error) {
	if deliver == nil {
		return nil, ErrNoDeliver
	}
	h := &Handler{deliver: deliver, limit: opts.MaxBodyBytes, heads: opts.Heads, rate: "*"}
	switch {
	case opts.MaxBodyBytes < 0:
		return nil, fmt.Errorf("%w: MaxBodyBytes %d is negative; want a byte count, or 0 for the default of %d", ErrOptions, opts.MaxBodyBytes, DefaultMaxBodyBytes)
	case opts.MaxBodyBytes == 0:
		h.limit = DefaultMaxBodyBytes
	}
	switch {
	case opts.WebhookRate < 0:
		return nil, fmt.Errorf("%w: WebhookRate %d is negative; want requests per minute, or 0 for no limit", ErrOptions, opts.WebhookRate)
	case opts.WebhookRate > 0:
		h.rate = strconv.Itoa(opts.WebhookRate)
	}
	for _, o := range opts.WebhookOrigins {
		switch {
		case o == "*":
			h.anyOrig = true
		case o == "" || strings.ContainsAny(o, " \t\r\n,*"):
			return nil, fmt.Errorf("%w: WebhookOrigins entry %q is not an origin; want a DNS name such as eventemitter.example.com, or *", ErrOptions, o)
		default:
			h.origins = append(h.origins, o)
		}
	}
	return h, nil
}

// ServeHTTP answers a POST holding one event or a batch, and the OPTIONS
// handshake of webhook abuse protection; any other method gets 405 Method
// Not Allowed with Allow: OPTIONS, POST. See the package documentation for
// every status it answers with.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h == nil || h.deliver == nil {
		writeProblem(w, http.StatusInternalServerError, "the receiver is not configured", nil)
		return
	}
	switch r.Method {
	case http.MethodPost:
		h.post(w, r)
	case http.MethodOptions:
		h.options(w, r)
	default:
		w.Header().Set("Allow", allow)
		writeProblem(w, http.StatusMethodNotAllowed, "events are delivered with POST", nil)
	}
}

func (h *Handler) post(w http.ResponseWriter, r *http.Request) {
	m, detail := contentMode(r.Header)
	if m == 0 {
		writeProblem(w, http.StatusUnsupportedMediaType, detail, nil)
		return
	}
	if r.ContentLength > h.limit {
		writeProblem(w, http.StatusRequestEntityTooLarge, h.tooLarge(), nil)
		return
	}
	body, err := readBody(w, r, h.limit)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeProblem(w, http.StatusRequestEntityTooLarge, h.tooLarge(), nil)
		} else {
			writeProblem(w, http.StatusBadRequest, "the request body could not be read", nil)
		}
		return
	}
	var events []grassroots.Event
	switch m {
	case modeBinary:
		var e grassroots.Event
		if e, err = decodeBinary(r.Header, body); err == nil {
			events = []grassroots.Event{e}
		}
	case modeStructured:
		var e grassroots.Event
		if e, err = grassroots.ParseEvent(body); err == nil {
			events = []grassroots.Event{e}
		}
	default:
		events, err = ParseBatch(body)
	}
	if err != nil {
		writeProblem(w, http.StatusBadRequest, "the request does not hold valid CloudEvents", validationFields(err))
		return
	}
	if len(events) == 0 {
		w.WriteHeader(http.StatusAccepted)
		return
	}
	if h.heads != nil {
		cp, err := verifyLinks(r.Context(), h.heads, events)
		switch {
		case err != nil:
			writeProblem(w, http.StatusInternalServerError, "the receiver could not check the events' chains", nil)
			return
		case cp != nil:
			f := cp.field
			if m == modeBatch {
				f.Path = grassroots.JoinFieldPath(grassroots.ElementPath("", cp.index), f.Path)
			}
			writeProblem(w, cp.status, "the events do not continue their subjects' chains", []grassroots.FieldError{f})
			return
		}
	}
	if err := h.deliver(r.Context(), events); err != nil {
		deliveryProblem(w, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (h *Handler) tooLarge() string {
	return "the request body is larger than the receiver's limit of " + strconv.FormatInt(h.limit, 10) + " bytes"
}

// deliveryProblem answers for an error of the Deliver function without
// sending its text.
func deliveryProblem(w http.ResponseWriter, err error) {
	var ve *grassroots.ValidationError
	switch {
	case errors.Is(err, ErrConflict):
		writeProblem(w, http.StatusConflict, "the events conflict with what the receiver holds", nil)
	case errors.Is(err, grassroots.ErrChainBroken):
		writeProblem(w, http.StatusConflict, "the events do not continue their subjects' chains", nil)
	case errors.As(err, &ve) && ve != nil:
		fields := make([]grassroots.FieldError, len(ve.Fields))
		for i, f := range ve.Fields {
			fields[i] = grassroots.FieldError{Path: f.Path, Rule: f.Rule, Message: f.Message}
			if f.Rule == grassroots.RuleInvalid {
				fields[i].Message = "the value is invalid"
			}
		}
		writeProblem(w, http.StatusBadRequest, "the receiver refused the events as invalid", fields)
	case errors.Is(err, grassroots.ErrInvalid):
		writeProblem(w, http.StatusBadRequest, "the receiver refused the events as invalid", nil)
	default:
		writeProblem(w, http.StatusInternalServerError, "the receiver could not take the events", nil)
	}
}

// options answers the validation request of the webhook abuse-protection
// handshake (HTTP 1.1 Web Hooks for Event Delivery 1.0.2, section 4).
func (h *Handler) options(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", allow)
	origins := r.Header.Values("WebHook-Request-Origin")
	switch {
	case len(origins) == 0:
		w.WriteHeader(http.StatusNoContent)
		return
	case len(origins) > 1 || origins[0] == "":
		writeProblem(w, http.StatusBadRequest, "WebHook-Request-Origin must appear once, holding the sending system's DNS name", nil)
		return
	}
	granted := ""
	if h.anyOrig {
		granted = "*"
	} else {
		for _, o := range h.origins {
			if strings.EqualFold(o, origins[0]) {
				granted = o
				break
			}
		}
	}
	if granted == "" {
		writeProblem(w, http.StatusForbidden, "the receiver does not accept events from this origin", nil)
		return
	}
	w.Header().Set("WebHook-Allowed-Origin", granted)
	w.Header().Set("WebHook-Allowed-Rate", h.rate)
	w.WriteHeader(http.StatusOK)
}

// mode is a content mode of the HTTP binding.
type mode uint8

const (
	modeBinary mode = iota + 1
	modeStructured
	modeBatch
)

// contentMode tells the content mode of a request from its Content-Type
// and ce- headers (binding section 3), or returns 0 and why the request
// is not one this Handler reads.
func contentMode(h http.Header) (mode, string) {
	if ce := h.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		return 0, "Content-Encoding " + strconv.Quote(ce) + " is not supported; send the body unencoded"
	}
	cts := h.Values("Content-Type")
	if len(cts) > 1 {
		return 0, "Content-Type appears " + strconv.Itoa(len(cts)) + " times; send it once"
	}
	ct := ""
	if len(cts) == 1 {
		ct = cts[0]
	}
	switch ct {
	case grassroots.ContentType:
		return modeStructured, ""
	case grassroots.BatchContentType:
		return modeBatch, ""
	}
	if len(ct) >= len("application/cloudevents") && strings.EqualFold(ct[:len("application/cloudevents")], "application/cloudevents") {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil {
			return 0, "Content-Type " + strconv.Quote(ct) + " is not a valid media type"
		}
		if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
			return 0, "charset " + strconv.Quote(cs) + " is not supported; CloudEvents JSON is UTF-8"
		}
		switch mt {
		case grassroots.ContentType:
			return modeStructured, ""
		case grassroots.BatchContentType:
			return modeBatch, ""
		}
		return 0, "the event format " + strconv.Quote(mt) + " is not supported; send " + grassroots.ContentType + ", " + grassroots.BatchContentType + " or a binary-mode event"
	}
	for k := range h {
		if len(k) >= len(headerPrefix) && strings.EqualFold(k[:len(headerPrefix)], headerPrefix) {
			return modeBinary, ""
		}
	}
	return 0, "the request is not a CloudEvent: Content-Type " + strconv.Quote(ct) + " is no CloudEvents format and there are no ce- headers"
}

// firstReadMax bounds the buffer readBody allocates before any of the
// body has arrived: Content-Length is the sender's word, so a larger body
// grows the buffer as it is read.
const firstReadMax = 64 << 10

// readBody reads r's body, at most limit bytes of it; a longer body is an
// *http.MaxBytesError, and the server then closes the connection. The
// buffer is sized from Content-Length when the sender gave it, up to
// firstReadMax.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	body := http.MaxBytesReader(w, r.Body, limit)
	size := int64(512)
	if r.ContentLength > 0 {
		size = r.ContentLength
	}
	buf := make([]byte, 0, min(size, limit, firstReadMax)+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return nil, err
		}
	}
}
