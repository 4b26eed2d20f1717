package validate

import (
	"net/url"
	"strings"
)

// HTTPURL reports whether s passes validator's built-in http_url rule:
// lowercased, it is non-empty and parses with net/url to a URL whose
// scheme is http or https and whose host is not empty. The instance
// registers it under the tag http_url in place of the built-in, which
// parses each URL twice; the acceptance set is the same (a differential
// test holds it to the built-in).
//
// The common URL, a scheme, a host of letters, digits, dots and hyphens
// and an optional path of unreserved characters and slashes, is accepted
// without parsing: net/url accepts every such string.
func HTTPURL(s string) bool {
	// A plain URL is already lowercase, so lowering it changes nothing.
	if plainHTTPURL(s) {
		return true
	}
	s = strings.ToLower(s)
	if plainHTTPURL(s) {
		return true
	}
	if s == "" {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https")
}

// plainHTTPURL reports whether the lowercase s is
// http(s)://host[/path] with host in [a-z0-9.-]+ and path in
// [a-z0-9._~/-]*.
func plainHTTPURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	host, path, _ := strings.Cut(rest, "/")
	if host == "" {
		return false
	}
	for i := range len(host) {
		if c := host[i]; !isLowerAlnum(c) && c != '.' && c != '-' {
			return false
		}
	}
	for i := range len(path) {
		if c := path[i]; !isLowerAlnum(c) && c != '.' && c != '-' && c != '_' && c != '~' && c != '/' {
			return false
		}
	}
	return true
}

func isLowerAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }
