package open311

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Geocoder turns an address into a location, for requests that give
// address_string or address_id instead of lat and long. It is optional:
// the incident package accepts a report with an address only and waits
// for a Locate command, so a Geocoder that fails, finds nothing (a zero
// Location) or answers an invalid Location leaves the request without a
// point, and never makes the Handler refuse it.
type Geocoder interface {
	Geocode(ctx context.Context, address, addressID string) (incident.Location, error)
}

// Handler serves GeoReport v2 and the servicerequestupdates extension
// over a Store, deciding every change with an incident.Decider. Build one
// with NewHandler; it is safe for concurrent use, and concurrent changes
// of one request are serialised by the Store's revision check.
//
// Routes, below the base path, each with an optional ".json" or ".xml"
// suffix (JSON when absent); HEAD is served wherever GET is, with the
// headers GET would send and no body:
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
// POST bodies are application/x-www-form-urlencoded, as GeoReport v2
// defines them, or multipart/form-data, as FixMyStreet sends them with
// photos; file parts are read and discarded (the Handler keeps
// media_url links, not files). GeoReport v2 defines no JSON body, so any
// other content type is refused with 415.
//
// Failures are lists of Error with HTTP status 400 (bad input), 403 (a
// missing or unknown api_key, or an actor the incident permission table
// refuses), 404 (unknown path, service code, request, token or
// jurisdiction), 405 (wrong method), 413 (a body over the limit), 415 (a
// body of another type) or 500 (the Store failed). Their descriptions are
// written for the client and never carry the text of an internal error.
// A nil *Handler, or one not made by NewHandler, answers every request
// with 500.
type Handler struct {
	store            Store
	decider          *incident.Decider
	base             string
	keys             []apiKey
	now              func() time.Time
	jurisdiction     string
	attrs            map[string][]Attribute
	needsDescription map[string]bool
	rand             io.Reader
	geocoder         Geocoder
	channel          incident.Channel
	loc              *time.Location
	discovery        Discovery
	endpoint         string
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
// requests and to place the default search window. The default is
// time.Now.
func WithClock(now func() time.Time) Option { return func(h *Handler) { h.now = now } }

// WithJurisdiction sets the jurisdiction_id this endpoint serves; requests
// naming another get 404. Without it jurisdiction_id is ignored.
func WithJurisdiction(id string) Option { return func(h *Handler) { h.jurisdiction = id } }

// WithAttributes defines the attributes of a service (a catalogue code).
// The catalogue has no attributes of its own; a service without any has
// an empty definition. A request's values for the variable attributes
// defined here are checked (see CheckAttributes); values for any other
// code are kept as given.
func WithAttributes(serviceCode string, attrs ...Attribute) Option {
	return func(h *Handler) {
		if h.attrs == nil {
			h.attrs = make(map[string][]Attribute)
		}
		h.attrs[serviceCode] = append(h.attrs[serviceCode], attrs...)
	}
}

// WithRequiredDescription makes description a required parameter of
// POST requests for the given services (catalogue codes). GeoReport v2
// makes description optional, and so does the incident package, so by
// default a request without one is accepted; a service whose matters
// cannot be handled from a place and a category alone is flagged here,
// and a request for it without a non-blank description is refused with
// 400 naming description. The flag is the Handler's, not an attribute:
// clients such as FixMyStreet always send the text as description.
func WithRequiredDescription(serviceCodes ...string) Option {
	return func(h *Handler) {
		if h.needsDescription == nil {
			h.needsDescription = make(map[string]bool)
		}
		for _, c := range serviceCodes {
			h.needsDescription[c] = true
		}
	}
}

// WithRand sets the randomness for request IDs (UUIDv7); the default is
// crypto/rand.
func WithRand(r io.Reader) Option { return func(h *Handler) { h.rand = r } }

// WithGeocoder locates requests that give only an address; see Geocoder.
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

// WithEndpointURL sets the URL discovery names as the endpoint, such as
// https://311.example.gov/open311/v2: the address clients reach the API
// at, behind any proxy. It must be an absolute http or https URL without
// query or fragment. Without it discovery builds the URL from the
// request's Host header and base path, which the client chooses, so a
// server reachable under a public name should set it.
func WithEndpointURL(u string) Option { return func(h *Handler) { h.endpoint = u } }

// NewHandler returns a Handler over store that decides with decider. It
// checks the options and reports every problem at once as a
// *grassroots.ValidationError: every API key non-empty, unique and with a
// valid actor; every attribute definition and required description for a
// code of the decider's catalogue; attributes with a known datatype, a
// unique code without spaces or brackets, and values for a list.
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
	var p validate.Problems
	p.Require(h.store != nil, "store", "a store is required")
	configured := h.decider != nil && h.decider.Catalog() != nil && h.decider.Calendar() != nil
	p.Require(configured, "decider", "a decider built with incident.NewDecider is required")
	p.Require(h.now != nil, "clock", "the clock must not be nil")
	p.Require(h.rand != nil, "rand", "the randomness source must not be nil")
	if !h.channel.IsValid() {
		_, err := h.channel.MarshalText() // the error lists the valid names
		p.Add("channel", grassroots.RuleEnum, err.Error())
	}
	if h.endpoint != "" && !isEndpointURL(h.endpoint) {
		p.Add("endpoint_url", grassroots.RuleFormat, "the endpoint URL must be an absolute http or https URL without query or fragment, such as https://311.example.gov/open311/v2")
	}
	seen := map[string]bool{}
	for i, k := range h.keys {
		path := grassroots.ElementPath("api_keys", i)
		switch {
		case k.key == "":
			p.Add(path, grassroots.RuleRequired, "an api key must not be empty")
		case seen[k.key]:
			p.Add(path, grassroots.RuleUnique, "api keys must be unique")
		}
		seen[k.key] = true
		p.Nest(path+".actor", k.actor.Validate())
	}
	for _, code := range slices.Sorted(maps.Keys(h.attrs)) {
		h.checkCode(&p, "attributes."+code, code, configured)
		attributeProblems(&p, "attributes."+code, h.attrs[code])
	}
	for _, code := range slices.Sorted(maps.Keys(h.needsDescription)) {
		h.checkCode(&p, "required_description."+code, code, configured)
	}
	return p.Err()
}

// isEndpointURL reports whether s is an absolute http or https URL with a
// host and without query or fragment.
func isEndpointURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		u.RawQuery == "" && u.Fragment == "" && !u.ForceQuery
}

// checkCode records a service code the catalogue does not have.
func (h *Handler) checkCode(p *validate.Problems, path, code string, configured bool) {
	if !configured {
		return
	}
	if _, ok := h.decider.Catalog().Lookup(code); !ok {
		p.Addf(path, grassroots.RuleReference, "no catalogue category has code %q; the catalogue has %d categories", code, h.decider.Catalog().Len())
	}
}

// attributeProblems records the problems of one service's attributes.
func attributeProblems(p *validate.Problems, path string, attrs []Attribute) {
	seen := map[string]bool{}
	for i, a := range attrs {
		at := grassroots.ElementPath(path, i)
		switch {
		case !validAttributeCode(a.Code):
			p.Add(at+".code", grassroots.RuleFormat, "an attribute code is 1 to 64 bytes without spaces or brackets")
		case seen[a.Code]:
			p.Add(at+".code", grassroots.RuleUnique, "attribute codes must be unique within a service")
		}
		seen[a.Code] = true
		switch a.Datatype {
		case DatatypeString, DatatypeNumber, DatatypeDatetime, DatatypeText:
		case DatatypeSingleValueList, DatatypeMultiValueList:
			p.Require(len(a.Values) > 0, at+".values", "a list attribute needs values")
		default:
			p.Addf(at+".datatype", grassroots.RuleEnum, "datatype %q is not one of string, number, datetime, text, singlevaluelist, multivaluelist", a.Datatype)
		}
	}
}

// ServeHTTP routes a request; see the type's doc for the routes.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h == nil || h.store == nil {
		h.internal(w, r, JSON)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, h.base+"/")
	if !ok {
		h.fail(w, r, JSON, Error{Code: http.StatusNotFound, Description: "not found: the API is served below " + h.base + "/"})
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
	route, methods := h.route(parts)
	switch {
	case route == nil:
		h.fail(w, r, f, Error{Code: http.StatusNotFound, Description: "not found: no GeoReport v2 resource has this path"})
	case !slices.Contains(methods, r.Method):
		w.Header().Set("Allow", strings.Join(methods, ", "))
		h.fail(w, r, f, Error{Code: http.StatusMethodNotAllowed, Description: "method " + r.Method + " is not allowed here; use " + strings.Join(methods, " or ")})
	default:
		route(w, r, f)
	}
}

type routeFunc func(w http.ResponseWriter, r *http.Request, f Format)

var (
	readOnly  = []string{http.MethodGet, http.MethodHead}
	readWrite = []string{http.MethodGet, http.MethodHead, http.MethodPost}
)

// route returns the function for a path and the methods it allows.
func (h *Handler) route(parts []string) (routeFunc, []string) {
	arg := func(fn func(http.ResponseWriter, *http.Request, Format, string)) routeFunc {
		return func(w http.ResponseWriter, r *http.Request, f Format) { fn(w, r, f, parts[1]) }
	}
	switch {
	case len(parts) == 1 && parts[0] == "discovery":
		return h.getDiscovery, readOnly
	case len(parts) == 1 && parts[0] == "services":
		return h.getServices, readOnly
	case len(parts) == 2 && parts[0] == "services" && parts[1] != "":
		return arg(h.getService), readOnly
	case len(parts) == 1 && parts[0] == "requests":
		return h.requests, readWrite
	case len(parts) == 2 && parts[0] == "requests" && parts[1] != "":
		return arg(h.getRequest), readOnly
	case len(parts) == 2 && parts[0] == "tokens" && parts[1] != "":
		return arg(h.getToken), readOnly
	case len(parts) == 1 && parts[0] == "servicerequestupdates":
		return h.updates, readWrite
	}
	return nil, nil
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

// readForm reads a posted body (see readBody) and checks the api_key,
// then the jurisdiction (so that a caller without a key learns nothing
// about jurisdictions), and returns the form and the key's actor.
func (h *Handler) readForm(w http.ResponseWriter, r *http.Request) (url.Values, grassroots.Actor, *Error) {
	form, e := readBody(w, r)
	if e != nil {
		return nil, grassroots.Actor{}, e
	}
	actor, ok := h.actor(form.Get("api_key"))
	if !ok {
		return nil, grassroots.Actor{}, &Error{Code: http.StatusForbidden, Description: "api_key is missing or unknown: ask the operator of this server for a key"}
	}
	if e := h.checkJurisdiction(form.Get("jurisdiction_id")); e != nil {
		return nil, grassroots.Actor{}, e
	}
	return form, actor, nil
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
		return &Error{Code: http.StatusNotFound, Description: "jurisdiction_id " + quote(id) + " is not served here; this endpoint serves " + quote(h.jurisdiction)}
	}
	return nil
}
