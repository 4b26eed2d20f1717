package open311

import (
	"net/http"
	"strings"
)

func (h *Handler) getDiscovery(w http.ResponseWriter, r *http.Request, f Format) {
	if e := h.checkJurisdiction(r.URL.Query().Get("jurisdiction_id")); e != nil {
		h.fail(w, r, f, *e)
		return
	}
	d := h.discovery
	d.Endpoints = []Endpoint{{
		Specification: "http://wiki.open311.org/GeoReport_v2",
		URL:           h.endpointURL(r),
		Changeset:     d.Changeset,
		Type:          "production",
		Formats:       []string{"application/json", "text/xml"},
	}}
	h.send(w, r, f, http.StatusOK, d, d)
}

func (h *Handler) getServices(w http.ResponseWriter, r *http.Request, f Format) {
	if e := h.checkJurisdiction(r.URL.Query().Get("jurisdiction_id")); e != nil {
		h.fail(w, r, f, *e)
		return
	}
	list := Services(h.decider.Catalog(), h.attrs)
	h.send(w, r, f, http.StatusOK, list, xmlServices{Items: list})
}

func (h *Handler) getService(w http.ResponseWriter, r *http.Request, f Format, code string) {
	if e := h.checkJurisdiction(r.URL.Query().Get("jurisdiction_id")); e != nil {
		h.fail(w, r, f, *e)
		return
	}
	c, ok := h.decider.Catalog().Lookup(code)
	if !ok {
		h.fail(w, r, f, Error{Code: http.StatusNotFound, Description: "service_code " + quote(code) + " is not a service of this server; GET services lists them"})
		return
	}
	def := Definition(c, h.attrs)
	h.send(w, r, f, http.StatusOK, def, def)
}

// endpointURL returns the URL discovery names: the one WithEndpointURL
// set, or else one built from the request's Host header and the base
// path.
func (h *Handler) endpointURL(r *http.Request) string {
	if h.endpoint != "" {
		return strings.TrimRight(h.endpoint, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + h.base
}
