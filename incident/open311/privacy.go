package open311

import (
	"net/http"
	"strings"
)

// personalAttribute reports whether an attribute code looks like a
// reporter's contact detail (an e-mail address, a phone number, a name,
// a contact): FixMyStreet and other clients send such details as
// attributes too, and GET requests with extensions=true shows them only
// to staff (see Handler.staff).
func personalAttribute(code string) bool {
	c := strings.ToLower(code)
	for _, part := range []string{"mail", "phone", "mobile", "contact", "reporter"} {
		if strings.Contains(c, part) {
			return true
		}
	}
	return c == "tel" || strings.HasSuffix(c, "name")
}

// staff reports whether the api_key of a read names an actor with an
// incident role: the office that handles matters, which may read every
// attribute, contact details included.
func (h *Handler) staff(r *http.Request) bool {
	a, ok := h.actor(r.URL.Query().Get("api_key"))
	return ok && len(a.Roles) > 0
}

// withoutPersonal returns attrs without the personal ones.
func withoutPersonal(attrs []RequestAttribute) []RequestAttribute {
	out := attrs[:0:0]
	for _, a := range attrs {
		if !personalAttribute(a.Name) {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
