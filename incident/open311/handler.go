package open311

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
)

// Geocoder turns an address into a location, for requests that give
// address_string or address_id instead of lat and long. The incident
// package needs a location for every matter, so without a Geocoder such
// requests are refused with ErrNoGeocoder.
type Geocoder interface {
	Geocode(ctx context.Context, address, addressID string) (incident.Location, error)
}

// Handler serves GeoReport v2 and the servicerequestupdates extension
// over a Store, deciding every change with an incident.Decider. Build one
// with NewHandler; it is safe for concurrent use, and concurrent changes
// of one request are serialised by the Store's revision check.
//
// Routes, below the base path, each with an optional ".json" or ".xml"
// suffix (JSON when absent):
//
//	GET  discovery
//	GET  services
//	GET  services/{service_code}
//	POST requests
//	GET  requests
//	GET  requests/{service_request_id}
//	GET  tokens/{token}
//	GET  servicerequestupdates
//	POST servicerequestupdates
//
// Failures are lists of Error with HTTP status 400 (bad input), 403 (a
// missing or unknown api_key, or an actor the incident permission table
// refuses), 404 (unknown path, service code, request, token or
// jurisdiction), 405 (wrong method) or 500 (the Store failed).
type Handler struct {
	store        Store
	decider      *incident.Decider
	base         string
	keys         []apiKey
	now          func() time.Time
	jurisdiction string
	attrs        map[string][]Attribute
	rand         io.Reader
	geocoder     Geocoder
	channel      incident.Channel
	loc          *time.Location
	discovery    Discovery
}

type apiKey struct {
	key   string
	actor grassroots.Actor
}

// Option configures a Handler.
type Option func(*Handler)

// WithBasePath serves the API below path ("/open311/v2"); the default is
// the root.
func WithBasePath(path string) Option {
	return func(h *Handler) { h.base = strings.TrimRight(path, "/") }
}

// WithAPIKey accepts key as api_key and issues the commands of requests and
// updates posted with it as actor. The incident permission table then
// decides what the key may do: any actor may report, while moving a
// matter along through updates takes the roles of the incident package.
func WithAPIKey(key string, actor grassroots.Actor) Option {
	return func(h *Handler) { h.keys = append(h.keys, apiKey{key: key, actor: actor}) }
}

// WithClock sets the source of the current time, used to date new
// requests and updates without a datetime and to place the default search
// window. The default is time.Now.
func WithClock(now func() time.Time) Option { return func(h *Handler) { h.now = now } }

// WithJurisdiction sets the jurisdiction_id this endpoint serves; requests
// naming another get 404. Without it jurisdiction_id is ignored.
func WithJurisdiction(id string) Option { return func(h *Handler) { h.jurisdiction = id } }

// WithAttributes defines the attributes of a service (a catalogue code).
// The catalogue has no attributes of its own; services without any have an
// empty definition and accept no attribute values.
func WithAttributes(serviceCode string, attrs ...Attribute) Option {
	return func(h *Handler) {
		if h.attrs == nil {
			h.attrs = make(map[string][]Attribute)
		}
		h.attrs[serviceCode] = append(h.attrs[serviceCode], attrs...)
	}
}

// WithRand sets the randomness for request IDs and tokens (UUIDv7); the
// default is crypto/rand.
func WithRand(r io.Reader) Option { return func(h *Handler) { h.rand = r } }

// WithGeocoder locates address-only requests.
func WithGeocoder(g Geocoder) Option { return func(h *Handler) { h.geocoder = g } }

// WithChannel sets the channel recorded for posted requests; the default
// is incident.ChannelApp.
func WithChannel(c incident.Channel) Option { return func(h *Handler) { h.channel = c } }

// WithLocation sets the time zone of written datetimes; the default is the
// decider's calendar's.
func WithLocation(loc *time.Location) Option { return func(h *Handler) { h.loc = loc } }

// WithDiscovery sets the contact, key service text and changeset time that
// discovery shows.
func WithDiscovery(contact, keyService string, changeset time.Time) Option {
	return func(h *Handler) {
		h.discovery = Discovery{Contact: contact, KeyService: keyService, Changeset: DatetimeOf(changeset)}
	}
}

// NewHandler returns a Handler over store that decides with decider. It
// checks the options: every API key non-empty, unique and with a valid
// actor, and every attribute definition for a code of the decider's
// catalogue, with a known datatype, a unique code and values for a list.
func NewHandler(store Store, decider *incident.Decider, opts ...Option) (*Handler, error) {
	h := &Handler{store: store, decider: decider, now: time.Now, rand: rand.Reader, channel: incident.ChannelApp}
	for _, o := range opts {
		if o != nil {
			o(h)
		}
	}
	if err := h.validate(); err != nil {
		return nil, err
	}
	if h.loc == nil {
		h.loc = decider.Calendar().Location()
	}
	slices.SortFunc(h.keys, func(a, b apiKey) int { return strings.Compare(a.key, b.key) })
	return h, nil
}

func (h *Handler) validate() error {
	var fs []grassroots.FieldError
	add := func(path, rule, msg string) {
		fs = append(fs, grassroots.FieldError{Path: path, Rule: rule, Message: msg})
	}
	if h.store == nil {
		add("store", "required", "a store is required")
	}
	if h.decider == nil || h.decider.Catalog() == nil || h.decider.Calendar() == nil {
		add("decider", "required", "a decider is required")
	}
	if h.now == nil {
		add("clock", "required", "the clock must not be nil")
	}
	if h.rand == nil {
		add("rand", "required", "the randomness source must not be nil")
	}
	if _, err := h.channel.MarshalText(); err != nil {
		add("channel", grassroots.RuleEnum, err.Error())
	}
	seen := map[string]bool{}
	for i, k := range h.keys {
		p := grassroots.ElementPath("api_keys", i)
		if k.key == "" || seen[k.key] {
			add(p, "unique", "api keys must be non-empty and unique")
		}
		seen[k.key] = true
		fs = append(fs, grassroots.FieldErrors(p+".actor", k.actor.Validate())...)
	}
	for _, code := range slices.Sorted(maps.Keys(h.attrs)) {
		fs = append(fs, attributeProblems(h, code)...)
	}
	return grassroots.NewValidationError(fs...)
}

func attributeProblems(h *Handler, code string) []grassroots.FieldError {
	var fs []grassroots.FieldError
	path := "attributes." + code
	if h.decider != nil && h.decider.Catalog() != nil {
		if _, ok := h.decider.Catalog().Lookup(code); !ok {
			fs = append(fs, grassroots.FieldError{Path: path, Rule: "category", Message: "no catalogue category has this code"})
		}
	}
	seen := map[string]bool{}
	for i, a := range h.attrs[code] {
		p := grassroots.ElementPath(path, i)
		if !validID(a.Code) || strings.ContainsAny(a.Code, "[]") || seen[a.Code] {
			fs = append(fs, grassroots.FieldError{Path: p + ".code", Rule: "code", Message: "attribute codes are unique, 1-64 characters without spaces or brackets"})
		}
		seen[a.Code] = true
		switch a.Datatype {
		case DatatypeString, DatatypeNumber, DatatypeDatetime, DatatypeText:
		case DatatypeSingleValueList, DatatypeMultiValueList:
			if len(a.Values) == 0 {
				fs = append(fs, grassroots.FieldError{Path: p + ".values", Rule: "required", Message: "a list attribute needs values"})
			}
		default:
			fs = append(fs, grassroots.FieldError{Path: p + ".datatype", Rule: "datatype", Message: fmt.Sprintf("unknown datatype %q", a.Datatype)})
		}
	}
	return fs
}

// ServeHTTP routes a request; see the type's doc for the routes.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, h.base+"/")
	if !ok {
		h.fail(w, JSON, &Error{Code: http.StatusNotFound, Description: "not found"})
		return
	}
	parts := strings.Split(rest, "/")
	last := parts[len(parts)-1]
	f := JSON
	if s, cut := strings.CutSuffix(last, ".xml"); cut {
		f, parts[len(parts)-1] = XML, s
	} else if s, cut := strings.CutSuffix(last, ".json"); cut {
		parts[len(parts)-1] = s
	}
	route, method := h.route(parts)
	switch {
	case route == nil:
		h.fail(w, f, &Error{Code: http.StatusNotFound, Description: "not found"})
	case !slices.Contains(strings.Fields(method), r.Method):
		w.Header().Set("Allow", strings.ReplaceAll(method, " ", ", "))
		h.fail(w, f, &Error{Code: http.StatusMethodNotAllowed, Description: "method not allowed"})
	default:
		route(w, r, f)
	}
}

type routeFunc func(w http.ResponseWriter, r *http.Request, f Format)

// route returns the function for a path and the methods it allows.
func (h *Handler) route(parts []string) (routeFunc, string) {
	arg := func(fn func(http.ResponseWriter, *http.Request, Format, string)) routeFunc {
		return func(w http.ResponseWriter, r *http.Request, f Format) { fn(w, r, f, parts[1]) }
	}
	switch {
	case len(parts) == 1 && parts[0] == "discovery":
		return h.getDiscovery, http.MethodGet
	case len(parts) == 1 && parts[0] == "services":
		return h.getServices, http.MethodGet
	case len(parts) == 2 && parts[0] == "services" && parts[1] != "":
		return arg(h.getService), http.MethodGet
	case len(parts) == 1 && parts[0] == "requests":
		return h.requests, http.MethodGet + " " + http.MethodPost
	case len(parts) == 2 && parts[0] == "requests" && parts[1] != "":
		return arg(h.getRequest), http.MethodGet
	case len(parts) == 2 && parts[0] == "tokens" && parts[1] != "":
		return arg(h.getToken), http.MethodGet
	case len(parts) == 1 && parts[0] == "servicerequestupdates":
		return h.updates, http.MethodGet + " " + http.MethodPost
	}
	return nil, ""
}

func (h *Handler) requests(w http.ResponseWriter, r *http.Request, f Format) {
	if r.Method == http.MethodPost {
		h.postRequest(w, r, f)
		return
	}
	h.getRequests(w, r, f)
}

func (h *Handler) updates(w http.ResponseWriter, r *http.Request, f Format) {
	if r.Method == http.MethodPost {
		h.postUpdate(w, r, f)
		return
	}
	h.getUpdates(w, r, f)
}

// maxBody bounds a posted form: a description of 4,000 characters of up
// to four bytes each, percent-encoded (48,000 bytes), and a dozen other
// fields of up to 1,000 characters.
const maxBody = 256 << 10

// readForm parses a posted form body and checks the api_key, then the
// jurisdiction (so that a caller without a key learns nothing about
// jurisdictions), and returns the form and the key's actor.
func (h *Handler) readForm(w http.ResponseWriter, r *http.Request) (url.Values, grassroots.Actor, *Error) {
	ct := r.Header.Get("Content-Type")
	if !strings.HasPrefix(strings.ToLower(ct), "application/x-www-form-urlencoded") {
		return nil, grassroots.Actor{}, &Error{Code: http.StatusBadRequest, Description: "the body must be application/x-www-form-urlencoded"}
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		return nil, grassroots.Actor{}, &Error{Code: http.StatusBadRequest, Description: "the form does not parse"}
	}
	actor, ok := h.actor(r.PostForm.Get("api_key"))
	if !ok {
		return nil, grassroots.Actor{}, &Error{Code: http.StatusForbidden, Description: "a valid api_key is required"}
	}
	if e := h.checkJurisdiction(r.PostForm.Get("jurisdiction_id")); e != nil {
		return nil, grassroots.Actor{}, e
	}
	return r.PostForm, actor, nil
}

// actor returns the actor of an API key, comparing with every key in
// constant time so that timing does not reveal a key's prefix.
func (h *Handler) actor(key string) (grassroots.Actor, bool) {
	var found grassroots.Actor
	ok := false
	for _, k := range h.keys {
		if subtle.ConstantTimeCompare([]byte(k.key), []byte(key)) == 1 {
			found, ok = k.actor, true
		}
	}
	return found, ok && key != ""
}

func (h *Handler) checkJurisdiction(id string) *Error {
	if id != "" && h.jurisdiction != "" && id != h.jurisdiction {
		return &Error{Code: http.StatusNotFound, Description: "jurisdiction_id not found"}
	}
	return nil
}

// decideError turns an error of the Decider or the Store into the errors
// of a response: permission to 403, invalid content or a transition the
// incident does not allow to 400 (one Error per field problem), an unknown
// category to 404, anything else to 500 without detail.
func decideError(err error) []Error {
	var ve *grassroots.ValidationError
	var fe *FormError
	switch {
	case errors.As(err, &fe):
		out := make([]Error, len(fe.Problems))
		for i, p := range fe.Problems {
			out[i] = Error{Code: http.StatusBadRequest, Description: p.Field + " " + p.Reason}
		}
		return out
	case errors.Is(err, incident.ErrForbidden):
		return []Error{{Code: http.StatusForbidden, Description: err.Error()}}
	case errors.As(err, &ve):
		out := make([]Error, len(ve.Fields))
		for i, f := range ve.Fields {
			d := f.Message
			if !strings.HasPrefix(d, f.Path) {
				d = f.Path + ": " + d
			}
			out[i] = Error{Code: http.StatusBadRequest, Description: d}
		}
		if len(out) == 0 {
			out = []Error{{Code: http.StatusBadRequest, Description: err.Error()}}
		}
		return out
	case errors.Is(err, ErrNotFound), errors.Is(err, incident.ErrUnknownCategory):
		return []Error{{Code: http.StatusNotFound, Description: err.Error()}}
	case errors.Is(err, grassroots.ErrTransition), errors.Is(err, incident.ErrTimeBackwards),
		errors.Is(err, ErrNoGeocoder), errors.Is(err, incident.ErrEscalation):
		return []Error{{Code: http.StatusBadRequest, Description: err.Error()}}
	}
	return []Error{{Code: http.StatusInternalServerError, Description: "internal error"}}
}
