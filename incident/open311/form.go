package open311

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Limits on submitted fields.
const (
	// MaxDescription is GeoReport v2's limit on a request description, in
	// characters.
	MaxDescription = incident.MaxDescription
	// MaxMediaURLs bounds the media_url values of one request, as
	// incident.MaxURLs bounds an incident's media.
	MaxMediaURLs = incident.MaxURLs
	// maxField bounds every other free-text parameter.
	maxField = incident.MaxText
	// maxID bounds codes and IDs, as incident.MaxCodeLen does.
	maxID = incident.MaxCodeLen
)

// Submission is the content of POST requests, read from a form by
// DecodeForm. The api_key and jurisdiction_id parameters are the
// Handler's business and are not part of it. Point is the WGS84 position
// from lat and long, nil when they are absent: a request located by
// address_string or address_id alone has no point until the incident is
// located.
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
	// MediaURLs are the media_url values in the order given; FixMyStreet
	// repeats the parameter for a report with several photos.
	MediaURLs []string
	// Attributes maps an attribute code to its values in the order given:
	// attribute[code]=v, repeated or not, and attribute[code][]=v.
	Attributes map[string][]string
}

// DecodeForm reads and checks a POST requests form. It reports every
// problem at once as a *grassroots.ValidationError whose paths are the
// parameter names:
//
//   - service_code is required: 1-64 bytes without spaces;
//   - a location is required: lat and long together (decimal WGS84
//     degrees in range), or a non-blank address_string, or address_id
//     (1-64 bytes without spaces); either of the last two alone is
//     enough, and the incident then waits for a point;
//   - description is optional (a service may require it, see
//     WithRequiredDescription): at most MaxDescription characters of
//     UTF-8 text without control characters (tab and line breaks are
//     text) and without HTML markup (see ContainsHTML);
//   - media_url, repeated up to MaxMediaURLs times, each an absolute http
//     or https URL of at most 2,048 bytes;
//   - attribute[code], repeated or not, and attribute[code][] carry
//     attribute values, up to 64 per code, each at most MaxDescription
//     characters; codes a service does not define are kept, and
//     CheckAttributes checks the ones it does.
//
// Other parameters are ignored. Of any other repeated parameter the first
// value counts.
func DecodeForm(form url.Values) (Submission, error) {
	var p validate.Problems
	s := Submission{ServiceCode: form.Get("service_code"), AddressID: form.Get("address_id")}
	switch {
	case s.ServiceCode == "":
		p.Add("service_code", grassroots.RuleRequired, "service_code is required: the code of a service from GET services")
	case !validate.ID(s.ServiceCode):
		p.Add("service_code", grassroots.RuleFormat, "service_code must be 1 to 64 bytes without spaces, as GET services lists it")
	}
	s.Point = decodePoint(&p, form)
	s.AddressString = text(&p, form, "address_string", maxField)
	if s.AddressID != "" && !validate.ID(s.AddressID) {
		p.Add("address_id", grassroots.RuleFormat, "address_id must be 1 to 64 bytes without spaces or control characters")
	}
	if s.Point == nil && form.Get("lat") == "" && form.Get("long") == "" &&
		strings.TrimSpace(s.AddressString) == "" && s.AddressID == "" {
		p.Add("lat", grassroots.RuleRequired, "lat and long, or address_string, or address_id is required to locate the request")
	}
	s.Zipcode = text(&p, form, "zipcode", maxID)
	s.Description = text(&p, form, "description", MaxDescription)
	if ContainsHTML(s.Description) {
		p.Add("description", grassroots.RuleFormat, "description must be plain text: HTML markup (a tag, a comment, <!…> or <?…>) is not accepted")
	}
	s.MediaURLs = mediaURLs(&p, form["media_url"])
	s.AccountID = text(&p, form, "account_id", maxID)
	s.Email = text(&p, form, "email", maxField)
	s.DeviceID = text(&p, form, "device_id", maxField)
	s.FirstName = text(&p, form, "first_name", maxField)
	s.LastName = text(&p, form, "last_name", maxField)
	s.Phone = text(&p, form, "phone", maxField)
	s.Attributes = decodeAttributes(&p, form)
	if err := p.Err(); err != nil {
		return Submission{}, err
	}
	return s, nil
}

// text returns the first value of a parameter and records text that is
// not UTF-8, longer than limit characters, or holds control characters
// other than tab and line breaks.
func text(p *validate.Problems, form url.Values, name string, limit int) string {
	v := form.Get(name)
	checkText(p, name, v, limit)
	return v
}

func checkText(p *validate.Problems, name, v string, limit int) {
	switch {
	case !utf8.ValidString(v):
		p.Add(name, grassroots.RuleFormat, name+" must be UTF-8 text")
	case utf8.RuneCountInString(v) > limit:
		p.Addf(name, grassroots.RuleMax, "%s must be at most %d characters, not %d", name, limit, utf8.RuneCountInString(v))
	case strings.ContainsFunc(v, isControl):
		p.Add(name, grassroots.RuleFormat, name+" must not contain control characters other than tab and line breaks")
	}
}

// decodePoint reads lat and long, which must come together.
func decodePoint(p *validate.Problems, form url.Values) *grid.Point {
	lat, long := form.Get("lat"), form.Get("long")
	switch {
	case lat == "" && long == "":
		return nil
	case long == "":
		p.Add("long", grassroots.RuleRequired, "long is required with lat: give both, in decimal WGS84 degrees")
		return nil
	case lat == "":
		p.Add("lat", grassroots.RuleRequired, "lat is required with long: give both, in decimal WGS84 degrees")
		return nil
	}
	la, okLat := coordinate(p, "lat", lat, 90, "27.9938")
	lo, okLong := coordinate(p, "long", long, 180, "120.6994")
	if !okLat || !okLong {
		return nil
	}
	return &grid.Point{Lng: lo, Lat: la}
}

// coordinate parses one decimal coordinate within ±limit.
func coordinate(p *validate.Problems, name, s string, limit float64, example string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
		p.Addf(name, grassroots.RuleFormat, "%s must be a decimal number of WGS84 degrees, such as %s", name, example)
	case v < -limit:
		p.Addf(name, grassroots.RuleMin, "%s must be at least %g degrees", name, -limit)
	case v > limit:
		p.Addf(name, grassroots.RuleMax, "%s must be at most %g degrees", name, limit)
	default:
		return v, true
	}
	return 0, false
}

// mediaURLs checks the media_url values, skipping empty ones.
func mediaURLs(p *validate.Problems, vals []string) []string {
	var out []string
	for _, v := range vals {
		if v == "" {
			continue
		}
		if !isHTTPURL(v) {
			p.Add("media_url", grassroots.RuleFormat, "media_url must be an absolute http or https URL of at most 2048 bytes")
			return nil
		}
		out = append(out, v)
	}
	if len(out) > MaxMediaURLs {
		p.Addf("media_url", grassroots.RuleMax, "media_url may be given at most %d times, not %d", MaxMediaURLs, len(out))
		return nil
	}
	return out
}

// decodeAttributes collects attribute[code] and attribute[code][]
// parameters in key order; both spellings of one code add to the same
// list.
func decodeAttributes(p *validate.Problems, form url.Values) map[string][]string {
	keys := make([]string, 0, len(form))
	for k := range form {
		if strings.HasPrefix(k, "attribute[") {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.Sort(keys)
	out := make(map[string][]string, len(keys))
	for _, k := range keys {
		code, ok := attributeKey(k)
		if !ok {
			p.Addf(k, grassroots.RuleFormat, "%s is not attribute[code] or attribute[code][] with a code of 1 to 64 bytes without spaces or brackets", k)
			continue
		}
		vals := form[k]
		if len(out[code])+len(vals) > maxAttributeValuesPerKey {
			p.Addf(k, grassroots.RuleMax, "attribute[%s] takes at most %d values", code, maxAttributeValuesPerKey)
			continue
		}
		for _, v := range vals {
			n := p.Len()
			if checkText(p, k, v, maxAttributeValueLength); p.Len() > n {
				break // one problem per parameter
			}
		}
		out[code] = append(out[code], vals...)
	}
	return out
}

// attributeKey returns the code of "attribute[code]" or
// "attribute[code][]".
func attributeKey(k string) (string, bool) {
	rest := strings.TrimPrefix(k, "attribute[")
	if r, found := strings.CutSuffix(rest, "][]"); found {
		rest = r
	} else if r, found := strings.CutSuffix(rest, "]"); found {
		rest = r
	} else {
		return "", false
	}
	return rest, validAttributeCode(rest)
}

// validAttributeCode reports an ID without brackets, which would make
// attribute[code] ambiguous.
func validAttributeCode(code string) bool {
	return validate.ID(code) && !strings.ContainsAny(code, "[]")
}

// Values encodes s as the form DecodeForm reads, without api_key.
// Attribute values are written as repeated attribute[code] parameters,
// in code order.
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
	if len(s.MediaURLs) > 0 {
		v["media_url"] = slices.Clone(s.MediaURLs)
	}
	for code, vals := range s.Attributes {
		if len(vals) > 0 {
			v["attribute["+code+"]"] = slices.Clone(vals)
		}
	}
	return v
}

// CheckAttributes checks submitted attribute values against a service
// definition's attributes and returns nil or a
// *grassroots.ValidationError with a problem per attribute, in code
// order. It checks the variable attributes the definition declares:
// every required one is given and not empty, a list value is one of the
// keys, a number is a finite decimal, a datetime a W3C datetime with a
// zone, and only a multivaluelist takes more than one value. Codes the
// definition does not declare, and values for its information-only
// (non-variable) attributes, are not checked: clients such as
// FixMyStreet add attributes of their own (fixmystreet_id, easting,
// northing, report_url, title, description, closest_address) to every
// request, and they are kept as given.
func CheckAttributes(defs []Attribute, given map[string][]string) error {
	var p validate.Problems
	sorted := slices.Clone(defs)
	slices.SortFunc(sorted, func(a, b Attribute) int { return strings.Compare(a.Code, b.Code) })
	for _, d := range sorted {
		if d.Variable {
			checkAttribute(&p, d, given[d.Code])
		}
	}
	return p.Err()
}

// checkAttribute records why vals do not answer the attribute d.
func checkAttribute(p *validate.Problems, d Attribute, vals []string) {
	field := "attribute[" + d.Code + "]"
	switch {
	case len(vals) == 0 || (len(vals) == 1 && vals[0] == ""):
		if d.Required {
			p.Addf(field, grassroots.RuleRequired, "%s is required: %s", field, attributeQuestion(d))
		}
		return
	case len(vals) > 1 && d.Datatype != DatatypeMultiValueList:
		p.Addf(field, grassroots.RuleMax, "%s takes one value, not %d", field, len(vals))
		return
	}
	for _, v := range vals {
		if checkValue(p, field, d, v) {
			return
		}
	}
}

// attributeQuestion names what an attribute asks, for messages.
func attributeQuestion(d Attribute) string {
	if d.Description != "" {
		return d.Description
	}
	return "a " + d.Datatype + " value"
}

// checkValue records a value that does not fit d's datatype and reports
// whether it did.
func checkValue(p *validate.Problems, field string, d Attribute, v string) bool {
	switch d.Datatype {
	case DatatypeNumber:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			p.Addf(field, grassroots.RuleFormat, "%s must be a decimal number, such as 2 or 2.5", field)
			return true
		}
	case DatatypeDatetime:
		if _, err := ParseDatetime(v); err != nil {
			p.Addf(field, grassroots.RuleFormat, "%s must be a W3C datetime with a zone, such as 2026-03-10T09:00+08:00", field)
			return true
		}
	case DatatypeSingleValueList, DatatypeMultiValueList:
		if !slices.ContainsFunc(d.Values, func(av AttributeValue) bool { return string(av.Key) == v }) {
			keys := make([]string, len(d.Values))
			for i, av := range d.Values {
				keys[i] = string(av.Key)
			}
			p.Addf(field, grassroots.RuleEnum, "%s must be one of the keys %s of GET services/{code}", field, strings.Join(keys, ", "))
			return true
		}
	}
	return false
}

// ContainsHTML reports whether s holds HTML markup, which GeoReport v2
// does not allow in a description. Markup is a "<" directly followed by
// an ASCII letter (a start tag), by "/" (an end tag), by "!" (a comment,
// a declaration or CDATA) or by "?" (a processing instruction), with a
// ">" somewhere after it. Everything else is text: a "<" before a space
// or a digit ("depth < 1m", "<3"), a "<" never closed ("a<b"), and every
// "&" — "fish &amp; chips", "AT&T;" and "&#60;" are characters a client
// wrote, shown as written, never markup.
func ContainsHTML(s string) bool {
	for i := 0; i < len(s)-1; i++ {
		if s[i] != '<' {
			continue
		}
		c := s[i+1]
		if c == '/' || c == '!' || c == '?' || isASCIILetter(c) {
			if strings.IndexByte(s[i+2:], '>') >= 0 {
				return true
			}
			return false // no ">" closes this or any later "<"
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isControl reports control characters other than tab and line breaks.
func isControl(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }

// isHTTPURL reports an absolute http or https URL of at most 2048 bytes.
func isHTTPURL(s string) bool {
	if len(s) > incident.MaxURLLength || !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
