package open311

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
)

// Limits on submitted fields.
const (
	// MaxDescription is GeoReport v2's limit on a request description, in
	// characters.
	MaxDescription = incident.MaxDescription
	// maxField bounds every other free-text parameter.
	maxField = 1000
	// maxID bounds codes and IDs, as incident.MaxCodeLen does.
	maxID = incident.MaxCodeLen
)

// Submission is the content of POST requests, read from an
// application/x-www-form-urlencoded body by DecodeForm. The api_key and
// jurisdiction_id parameters are the Handler's business and are not part
// of it. Point is the WGS84 position from lat and long, nil when they are
// absent.
type Submission struct {
	ServiceCode   string
	Point         *grid.Point
	AddressString string
	AddressID     string
	// Zipcode is not a GeoReport v2 POST parameter, but clients that know
	// it send it and requests show it.
	Zipcode     string
	Email       string
	DeviceID    string
	AccountID   string
	FirstName   string
	LastName    string
	Phone       string
	Description string
	MediaURL    string
	// Attributes maps an attribute code to its values: one for
	// attribute[code]=v, any number for attribute[code][]=v.
	Attributes map[string][]string
}

// DecodeForm reads and checks a POST requests form. It reports every
// problem at once as a *FormError (matching ErrInvalidForm):
//
//   - service_code is required: 1-64 characters without spaces;
//   - a location is required: lat and long together (decimal WGS84
//     degrees in range), or address_string, or address_id;
//   - description is at most MaxDescription characters of UTF-8 text
//     without HTML markup (a tag, comment or character reference);
//   - media_url, when given, is an absolute http or https URL;
//   - attribute[code] and attribute[code][] carry attribute values; their
//     codes are checked against a service definition by CheckAttributes.
//
// Unknown parameters are ignored. Of a repeated parameter the first value
// counts.
func DecodeForm(form url.Values) (Submission, error) {
	var ps []Problem
	add := func(field, reason string) { ps = append(ps, Problem{Field: field, Reason: reason}) }
	text := func(name string, limit int) string {
		v := form.Get(name)
		switch {
		case !utf8.ValidString(v):
			add(name, "is not valid UTF-8")
		case utf8.RuneCountInString(v) > limit:
			add(name, "exceeds "+strconv.Itoa(limit)+" characters")
		case strings.ContainsFunc(v, isControl):
			add(name, "contains control characters")
		}
		return v
	}
	s := Submission{
		ServiceCode:   form.Get("service_code"),
		AddressString: text("address_string", maxField),
		AddressID:     text("address_id", maxID),
		Zipcode:       text("zipcode", maxID),
		Email:         text("email", maxField),
		DeviceID:      text("device_id", maxField),
		AccountID:     text("account_id", maxID),
		FirstName:     text("first_name", maxField),
		LastName:      text("last_name", maxField),
		Phone:         text("phone", maxField),
		MediaURL:      form.Get("media_url"),
		Description:   form.Get("description"),
	}
	if !validID(s.ServiceCode) {
		add("service_code", "is required: 1-64 characters without spaces")
	}
	p, locProblems := decodePoint(form)
	ps = append(ps, locProblems...)
	s.Point = p
	if p == nil && len(locProblems) == 0 && strings.TrimSpace(s.AddressString) == "" && strings.TrimSpace(s.AddressID) == "" {
		add("lat", "and long, or address_string, or address_id is required")
	}
	switch {
	case !utf8.ValidString(s.Description):
		add("description", "is not valid UTF-8")
	case utf8.RuneCountInString(s.Description) > MaxDescription:
		add("description", "exceeds "+strconv.Itoa(MaxDescription)+" characters")
	case ContainsHTML(s.Description):
		add("description", "must not contain HTML")
	}
	if s.MediaURL != "" && !isHTTPURL(s.MediaURL) {
		add("media_url", "must be an absolute http or https URL")
	}
	s.Attributes, ps = decodeAttributes(form, ps)
	if err := newFormError(ps); err != nil {
		return Submission{}, err
	}
	return s, nil
}

// decodePoint reads lat and long, which must come together.
func decodePoint(form url.Values) (*grid.Point, []Problem) {
	lat, long := form.Get("lat"), form.Get("long")
	if lat == "" && long == "" {
		return nil, nil
	}
	var ps []Problem
	if lat == "" || long == "" {
		return nil, []Problem{{Field: "lat", Reason: "and long must be given together"}}
	}
	la, err := strconv.ParseFloat(lat, 64)
	if err != nil || math.IsNaN(la) || la < -90 || la > 90 {
		ps = append(ps, Problem{Field: "lat", Reason: "must be decimal degrees in [-90, 90]"})
	}
	lo, err := strconv.ParseFloat(long, 64)
	if err != nil || math.IsNaN(lo) || lo < -180 || lo > 180 {
		ps = append(ps, Problem{Field: "long", Reason: "must be decimal degrees in [-180, 180]"})
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return &grid.Point{Lng: lo, Lat: la}, nil
}

// decodeAttributes collects attribute[code] and attribute[code][]
// parameters in code order.
func decodeAttributes(form url.Values, ps []Problem) (map[string][]string, []Problem) {
	keys := make([]string, 0, len(form))
	for k := range form {
		if strings.HasPrefix(k, "attribute[") {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, ps
	}
	slices.Sort(keys)
	out := make(map[string][]string, len(keys))
	for _, k := range keys {
		code, multi, ok := attributeKey(k)
		if !ok {
			ps = append(ps, Problem{Field: k, Reason: "is not attribute[code] or attribute[code][]"})
			continue
		}
		vals := form[k]
		if !multi {
			vals = vals[:1]
		}
		if len(out[code])+len(vals) > maxAttributeValuesPerKey {
			ps = append(ps, Problem{Field: k, Reason: "has too many values"})
			continue
		}
		for _, v := range vals {
			if !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxAttributeValueLength {
				ps = append(ps, Problem{Field: k, Reason: "values must be UTF-8 text of at most 1000 characters"})
				break
			}
		}
		out[code] = append(out[code], vals...)
	}
	return out, ps
}

// attributeKey splits "attribute[code]" or "attribute[code][]".
func attributeKey(k string) (code string, multi bool, ok bool) {
	rest := strings.TrimPrefix(k, "attribute[")
	if r, found := strings.CutSuffix(rest, "][]"); found {
		rest, multi = r, true
	} else if r, found := strings.CutSuffix(rest, "]"); found {
		rest = r
	} else {
		return "", false, false
	}
	if !validID(rest) || strings.ContainsAny(rest, "[]") {
		return "", false, false
	}
	return rest, multi, true
}

// Values encodes s as the form DecodeForm reads, without api_key.
func (s Submission) Values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("service_code", s.ServiceCode)
	if s.Point != nil {
		v.Set("lat", strconv.FormatFloat(s.Point.Lat, 'g', -1, 64))
		v.Set("long", strconv.FormatFloat(s.Point.Lng, 'g', -1, 64))
	}
	set("address_string", s.AddressString)
	set("address_id", s.AddressID)
	set("zipcode", s.Zipcode)
	set("email", s.Email)
	set("device_id", s.DeviceID)
	set("account_id", s.AccountID)
	set("first_name", s.FirstName)
	set("last_name", s.LastName)
	set("phone", s.Phone)
	set("description", s.Description)
	set("media_url", s.MediaURL)
	for code, vals := range s.Attributes {
		if len(vals) == 1 {
			v.Set("attribute["+code+"]", vals[0])
		} else {
			v["attribute["+code+"][]"] = slices.Clone(vals)
		}
	}
	return v
}

// CheckAttributes checks submitted attribute values against a service
// definition's attributes: every code is defined and variable, every
// required one is given, a list value is one of the keys, a number parses
// as a finite decimal, a datetime is RFC 3339 with an offset, and only a
// multivaluelist takes more than one value. Problems are in code order.
func CheckAttributes(defs []Attribute, given map[string][]string) []Problem {
	var ps []Problem
	byCode := make(map[string]Attribute, len(defs))
	for _, d := range defs {
		byCode[d.Code] = d
	}
	codes := make([]string, 0, len(given)+len(defs))
	for c := range given {
		codes = append(codes, c)
	}
	for _, d := range defs {
		if _, ok := given[d.Code]; !ok && d.Variable && d.Required {
			codes = append(codes, d.Code)
		}
	}
	slices.Sort(codes)
	for _, c := range slices.Compact(codes) {
		field := "attribute[" + c + "]"
		if reason := checkAttribute(byCode, c, given[c]); reason != "" {
			ps = append(ps, Problem{Field: field, Reason: reason})
		}
	}
	return ps
}

// checkAttribute returns why vals do not answer attribute code, or "".
func checkAttribute(defs map[string]Attribute, code string, vals []string) string {
	d, ok := defs[code]
	switch {
	case !ok || !d.Variable:
		return "is not an attribute of this service"
	case len(vals) == 0 || (len(vals) == 1 && vals[0] == ""):
		if d.Required {
			return "is required"
		}
		return ""
	case len(vals) > 1 && d.Datatype != DatatypeMultiValueList:
		return "takes one value"
	}
	for _, v := range vals {
		if reason := checkValue(d, v); reason != "" {
			return reason
		}
	}
	return ""
}

func checkValue(d Attribute, v string) string {
	switch d.Datatype {
	case DatatypeNumber:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return "must be a number"
		}
	case DatatypeDatetime:
		if _, err := ParseDatetime(v); err != nil {
			return "must be an RFC 3339 datetime with an offset"
		}
	case DatatypeSingleValueList, DatatypeMultiValueList:
		if !slices.ContainsFunc(d.Values, func(av AttributeValue) bool { return string(av.Key) == v }) {
			return "must be one of the listed keys"
		}
	}
	return ""
}

// ContainsHTML reports whether s holds HTML markup: a start or end tag, a
// comment, a declaration or processing instruction ("<" followed by a
// letter, "/", "!" or "?") or a character reference ("&amp;", "&#60;").
// A lone "<" or "&" in prose ("a < b", "salt & pepper") is not markup.
func ContainsHTML(s string) bool {
	for i := 0; i < len(s)-1; i++ {
		switch s[i] {
		case '<':
			c := s[i+1]
			if c == '/' || c == '!' || c == '?' || isASCIILetter(c) {
				return true
			}
		case '&':
			if isCharRef(s[i+1:]) {
				return true
			}
		}
	}
	return false
}

// isCharRef reports whether s (after an "&") starts a character
// reference: a name or "#" digits or "#x" hex digits, then ";".
func isCharRef(s string) bool {
	end := strings.IndexByte(s, ';')
	if end <= 0 || end > 32 {
		return false
	}
	ref := s[:end]
	if num, ok := strings.CutPrefix(ref, "#"); ok {
		if hex, ok := strings.CutPrefix(strings.ToLower(num), "x"); ok {
			num = hex
			return num != "" && strings.Trim(num, "0123456789abcdef") == ""
		}
		return num != "" && strings.Trim(num, "0123456789") == ""
	}
	for i := 0; i < len(ref); i++ {
		if !isASCIILetter(ref[i]) && !(i > 0 && ref[i] >= '0' && ref[i] <= '9') {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isControl reports control characters other than tab and newlines.
func isControl(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }

// validID reports a 1-64 character ID without spaces or control
// characters, the incident package's rule for codes and IDs.
func validID(s string) bool {
	if s == "" || len(s) > maxID || !utf8.ValidString(s) {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) })
}

// isHTTPURL reports an absolute http or https URL of at most 2048 bytes.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= 2048
}

// parseTime reads a query datetime; empty text is the zero time.
func parseTime(s string) (time.Time, error) {
	d, err := ParseDatetime(s)
	return d.Time, err
}
