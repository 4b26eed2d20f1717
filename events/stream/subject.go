package stream

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// The subjects of the events this package publishes.
const (
	// Root is the first token of every subject this package publishes on.
	Root = "grassroots"
	// AllSubjects is the wildcard that covers them all: the subjects a
	// stream made by EnsureStream captures.
	AllSubjects = Root + ".>"
)

// Subject returns the NATS subject of the events of aggregate of package
// pkg: "grassroots.<pkg>.<token>", where token is the aggregate ID with
// every byte other than A–Z, a–z, 0–9, "-" and "_" written as "%" and two
// upper-case hex digits (so "INC.2025/7" becomes "INC%2E2025%2F7").
// pkg must be a lower_snake package name as in event types, and aggregate
// an SDK identifier (grassroots.IsValidID). The mapping is one-to-one and
// ParseSubject reverses it.
func Subject(pkg, aggregate string) (string, error) {
	var p validate.Problems
	if !isPackageName(pkg) {
		p.Addf("package", grassroots.RuleFormat, "package %q must be lower_snake ASCII, as in grassroots.<package>.<name>.v1", pkg)
	}
	if !grassroots.IsValidID(aggregate) {
		p.Add("subject", grassroots.RuleFormat, "aggregate ID must be 1 to 128 bytes of UTF-8 without white space or control characters")
	}
	if err := p.Err(); err != nil {
		return "", err
	}
	return Root + "." + pkg + "." + encodeToken(aggregate), nil
}

// EventSubject returns the NATS subject of e: Subject of the package named
// by e's type (grassroots.<package>.<name>.v1) and e's subject. An event
// whose type is not of that form, or that has no subject, has none.
func EventSubject(e *grassroots.Event) (string, error) {
	if e == nil {
		return "", grassroots.NewValidationError(grassroots.FieldError{Rule: grassroots.RuleRequired, Message: "an event is required, not a nil *Event"})
	}
	pkg, _, ok := grassroots.ParseEventType(e.Type)
	if !ok {
		return "", grassroots.NewValidationError(grassroots.FieldError{
			Path: "type", Rule: grassroots.RuleFormat,
			Message: "type " + quote(e.Type) + " must be grassroots.<package>.<name>.v1 to have a stream subject",
		})
	}
	return Subject(pkg, e.Subject)
}

// ParseSubject splits a subject written by Subject into the package and
// the aggregate ID. It refuses any other subject, a token that is not in
// the canonical form Subject writes (lower-case hex digits, an escaped
// byte that needs no escape) and a token that does not decode to an SDK
// identifier, so each aggregate has exactly one subject.
func ParseSubject(subject string) (pkg, aggregate string, err error) {
	bad := func(msg string) error {
		return grassroots.NewValidationError(grassroots.FieldError{Path: "subject", Rule: grassroots.RuleFormat, Message: msg})
	}
	rest, ok := strings.CutPrefix(subject, Root+".")
	if !ok {
		return "", "", bad("subject " + quote(subject) + " must start with " + Root + ".")
	}
	pkg, token, ok := strings.Cut(rest, ".")
	if !ok || !isPackageName(pkg) || strings.Contains(token, ".") {
		return "", "", bad("subject " + quote(subject) + " must be " + Root + ".<package>.<aggregate token>")
	}
	aggregate, ok = decodeToken(token)
	if !ok || !grassroots.IsValidID(aggregate) {
		return "", "", bad("aggregate token " + quote(token) + " is not in the form Subject writes")
	}
	return pkg, aggregate, nil
}

// PackageSubjects returns the wildcard subject that covers every aggregate
// of package pkg: "grassroots.<pkg>.*".
func PackageSubjects(pkg string) (string, error) {
	if !isPackageName(pkg) {
		return "", grassroots.NewValidationError(grassroots.FieldError{
			Path: "package", Rule: grassroots.RuleFormat,
			Message: "package " + quote(pkg) + " must be lower_snake ASCII, as in grassroots.<package>.<name>.v1",
		})
	}
	return Root + "." + pkg + ".*", nil
}

// isPackageName reports whether s is a package name of an event type:
// lower_snake ASCII starting with a letter or "_", as the root codec
// requires.
func isPackageName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && c != '_' && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// keptInToken reports whether c stands for itself in a subject token.
func keptInToken(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

const upperHex = "0123456789ABCDEF"

func encodeToken(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !keptInToken(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keptInToken(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', upperHex[c>>4], upperHex[c&0x0F])
	}
	return string(b)
}

// decodeToken reverses encodeToken, refusing any token encodeToken does
// not write.
func decodeToken(t string) (string, bool) {
	if t == "" {
		return "", false
	}
	b := make([]byte, 0, len(t))
	for i := 0; i < len(t); i++ {
		c := t[i]
		if keptInToken(c) {
			b = append(b, c)
			continue
		}
		if c != '%' || i+2 >= len(t) {
			return "", false
		}
		hi, ok1 := upperHexValue(t[i+1])
		lo, ok2 := upperHexValue(t[i+2])
		v := hi<<4 | lo
		if !ok1 || !ok2 || keptInToken(v) {
			return "", false
		}
		b = append(b, v)
		i += 2
	}
	if !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}

func upperHexValue(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// quote returns s in double quotes, cut to 64 bytes, for error messages.
func quote(s string) string {
	if len(s) > 64 {
		cut := 64
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strconv.Quote(s)
}
