package grassroots

import (
	"net/netip"
	"strings"
)

// uriProblem returns why s is not an RFC 3986 URI-reference (absolute
// false) or an absolute URI with a scheme (absolute true), or "" when it
// is one. It checks the grammar of section 4.1 and appendix A: the scheme,
// the authority (user information, an IP literal, IPv4 or registered name,
// a numeric port), path segments, query and fragment, each made of the
// characters the RFC allows there, with well-formed percent-encodings.
func uriProblem(s string, absolute bool) string {
	rest := s
	hasScheme := false
	if i := strings.IndexAny(s, ":/?#"); i > 0 && s[i] == ':' {
		if !isScheme(s[:i]) {
			return "scheme must be a letter followed by letters, digits, + - or ."
		}
		hasScheme, rest = true, s[i+1:]
	}
	if absolute && !hasScheme {
		return "an absolute URI needs a scheme"
	}
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		if !allowed(rest[i+1:], "/?:@") {
			return "fragment has a character a URI does not allow there"
		}
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		if !allowed(rest[i+1:], "/?:@") {
			return "query has a character a URI does not allow there"
		}
		rest = rest[:i]
	}
	if after, ok := strings.CutPrefix(rest, "//"); ok {
		auth, path := after, ""
		if i := strings.IndexByte(after, '/'); i >= 0 {
			auth, path = after[:i], after[i:]
		}
		if msg := authorityProblem(auth); msg != "" {
			return msg
		}
		rest = path
	} else if !hasScheme {
		first, _, _ := strings.Cut(rest, "/")
		if strings.Contains(first, ":") {
			return "the first segment of a relative path cannot contain a colon"
		}
	}
	for seg := range strings.SplitSeq(rest, "/") {
		if !allowed(seg, ":@") {
			return "path has a character a URI does not allow there"
		}
	}
	return ""
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlpha(c):
		case i > 0 && (isDigit(c) || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

func authorityProblem(a string) string {
	if i := strings.LastIndexByte(a, '@'); i >= 0 {
		if !allowed(a[:i], ":") {
			return "user information has a character a URI does not allow there"
		}
		a = a[i+1:]
	}
	host := a
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return "IP literal is not closed with ]"
		}
		if !isIPLiteral(a[1:end]) {
			return "IP literal is neither IPv6 nor IPvFuture"
		}
		host, a = "", a[end+1:]
		if a != "" && a[0] != ':' {
			return "only a port may follow an IP literal"
		}
	}
	if i := strings.LastIndexByte(a, ':'); i >= 0 {
		for j := i + 1; j < len(a); j++ {
			if !isDigit(a[j]) {
				return "port must be digits"
			}
		}
		if host != "" {
			host = a[:i]
		}
	}
	if host != "" && !allowed(host, "") {
		return "host has a character a URI does not allow there"
	}
	return ""
}

func isIPLiteral(s string) bool {
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') {
		hex, rest, ok := strings.Cut(s[1:], ".")
		if !ok || hex == "" || rest == "" || !allowed(rest, ":") || strings.Contains(rest, "%") {
			return false
		}
		for i := 0; i < len(hex); i++ {
			if !isHex(hex[i]) {
				return false
			}
		}
		return true
	}
	ip, err := netip.ParseAddr(s)
	return err == nil && ip.Is6() && ip.Zone() == ""
}

// allowed reports whether s holds only unreserved characters, sub-delims,
// the characters in extra and well-formed percent-encodings.
func allowed(s, extra string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlpha(c) || isDigit(c) || strings.IndexByte("-._~!$&'()*+,;=", c) >= 0:
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
			i += 2
		case strings.IndexByte(extra, c) >= 0:
		default:
			return false
		}
	}
	return true
}

func isAlpha(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') }
