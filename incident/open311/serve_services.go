package open311

import "net/http"

func (h *Handler) getDiscovery(w http.ResponseWriter, r *http.Request, f Format) {
	if e := h.checkJurisdiction(r.URL.Query().Get("jurisdiction_id")); e != nil {
		h.fail(w, f, e)
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	d := h.discovery
	d.Endpoints = []Endpoint{{
		Specification: "http://wiki.open311.org/GeoReport_v2",
		URL:           scheme + "://" + r.Host + h.base,
		Changeset:     d.Changeset,
		Type:          "production",
		Formats:       []string{"application/json", "text/xml"},
	}}
	write(w, f, http.StatusOK, d, d)
}

func (h *Handler) getServices(w http.ResponseWriter, r *http.Request, f Format) {
	if e := h.checkJurisdiction(r.URL.Query().Get("jurisdiction_id")); e != nil {
		h.fail(w, f, e)
		return
	}
	list := Services(h.decider.Catalog(), h.attrs)
	write(w, f, http.StatusOK, list, xmlServices{Items: list})
}

func (h *Handler) getService(w http.ResponseWriter, r *http.Request, f Format, code string) {
	if e := h.checkJurisdiction(r.URL.Query().Get("jurisdiction_id")); e != nil {
		h.fail(w, f, e)
		return
	}
	c, ok := h.decider.Catalog().Lookup(code)
	if !ok {
		h.fail(w, f, &Error{Code: http.StatusNotFound, Description: "service_code not found"})
		return
	}
	def := Definition(c, h.attrs)
	write(w, f, http.StatusOK, def, def)
}
