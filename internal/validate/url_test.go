package validate

import (
	"flag"
	"math/rand/v2"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
)

var urlSeed = flag.Uint64("validate.urlseed", 1, "seed of TestHTTPURLAgreesWithBuiltin's random URLs")

// builtinHTTPURL is validator's own http_url rule, from an instance that
// does not override it.
func builtinHTTPURL() func(string) bool {
	v := validator.New()
	return func(s string) bool { return v.Var(s, "http_url") == nil }
}

var urlSamples = []string{
	"", "http://", "https://", "http:/", "http://a", "https://example.org/p/1.jpg", "HTTPS://Example.ORG/P/1.JPG",
	"https://example.org", "https://example.org/", "https://-", "https://.", "https://a..b/c", "ftp://example.org/x",
	"file:///etc/passwd", "mailto:a@example.org", "https://user@example.org/", "https://user:pw@example.org/",
	"https://example.org:8080/x", "https://example.org:port/x", "https://[::1]/x", "https://[::1]:80/x",
	"https://1.2.3.4/x", "https://[1.2.3.4]/x", "https://a:1:2/x", "https://example.org/a b", "https://exa mple.org/",
	"https://example.org/%zz", "https://example.org/%41", "https://ex%41mple.org/", "https://example.org/?q=1#f",
	"https://example.org#f", "https://example.org?q", "https:example.org", "//example.org/x", "http://\x7f/",
	"https://example.org/\x00", "https://例子.测试/路径", "https://example.org/é", "http://a/b/../c", "HTTP://A",
	"https://_/x", "https://a_b/x", "https://~/x", "https://a~b/~c", "https:///x", "https://example.org//x",
	" https://example.org", "https://example.org ", "https://\u0130.org/", "https://K.org/",
}

func TestHTTPURLAgreesWithBuiltin(t *testing.T) {
	builtin := builtinHTTPURL()
	for _, s := range urlSamples {
		assert.Equal(t, builtin(s), HTTPURL(s), "%q", s)
	}
	t.Logf("seed %d", *urlSeed)
	r := rand.New(rand.NewPCG(*urlSeed, 0))
	pieces := []string{"http://", "https://", "HTTP://", "a", "Z", "0", ".", "-", "_", "~", "/", ":", "@", "?", "#",
		"%", "%2f", "%zz", "[", "]", "::1", " ", "\x00", "\x7f", "é", "\u0130", "\u212a", "example", "org", "80"}
	for range 200_000 {
		var s string
		for n := r.IntN(12); n > 0; n-- {
			s += pieces[r.IntN(len(pieces))]
		}
		if builtin(s) != HTTPURL(s) {
			t.Fatalf("%q: built-in %v, HTTPURL %v", s, builtin(s), HTTPURL(s))
		}
	}
}

func FuzzHTTPURL(f *testing.F) {
	for _, s := range urlSamples {
		f.Add(s)
	}
	builtin := builtinHTTPURL()
	f.Fuzz(func(t *testing.T, s string) {
		if builtin(s) != HTTPURL(s) {
			t.Fatalf("%q: built-in %v, HTTPURL %v", s, builtin(s), HTTPURL(s))
		}
	})
}

// TestHTTPURLTagMessage checks that a URL the rule refuses is reported
// as the built-in rule was: format, "fails rule http_url".
func TestHTTPURLTagMessage(t *testing.T) {
	type media struct {
		URLs []string `json:"urls" validate:"dive,http_url"`
	}
	var p Problems
	p.Tags("", media{URLs: []string{"https://example.org/1.jpg", "ftp://example.org/2.jpg"}})
	err := p.Err()
	if assert.Error(t, err) {
		assert.Equal(t, "grassroots: invalid value: urls[1]: urls[1] fails rule http_url", err.Error())
	}
}
