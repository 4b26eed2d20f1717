package validate

import (
	"flag"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var plainSeed = flag.Uint64("validate.plainseed", 1, "seed of TestPlansAgreeWithValidator's random values")

type code string

// The tag combinations the commands and events of the SDK use.
type planned struct {
	Meta      struct{ ID string } `validate:"-"`
	Required  string              `json:"required" validate:"required"`
	Bounded   string              `json:"bounded,omitempty" validate:"omitempty,max=5"`
	Ref       string              `json:"ref" validate:"required,id"`
	OptRef    code                `json:"opt_ref,omitempty" validate:"omitempty,id"`
	Text      string              `json:"text" validate:"required,max=3"`
	URLs      []string            `json:"urls,omitempty" validate:"omitempty,max=2,dive,max=30,http_url"`
	Codes     []code              `json:"codes" validate:"max=3,dive,id"`
	At        time.Time           `json:"at"`
	Count     int                 `json:"count"`
	Untagged  string              `json:"untagged"`
	unchecked string
}

type nested struct {
	Inner planned `json:"inner"`
}

type unknownTag struct {
	Name string `json:"name" validate:"required,min=2"`
}

type pointerField struct {
	Name string  `json:"name" validate:"required"`
	Next *nested `json:"next"`
}

func TestPlans(t *testing.T) {
	for _, c := range []struct {
		v    any
		plan bool
	}{
		{planned{}, true},
		{nested{}, false},
		{unknownTag{}, false},
		{pointerField{}, false},
		{outer{}, false},
		{inner{}, true},
	} {
		assert.Equal(t, c.plan, planOf(reflect.TypeOf(c.v)) != nil, "%T", c.v)
	}
	assert.False(t, passes(&planned{}), "a pointer goes to the validator")
	assert.False(t, passes(nil))
	assert.False(t, passes("text"))
}

// TestPlansAgreeWithValidator checks, on random values, that a plan says
// a value passes exactly when the validator finds nothing.
func TestPlansAgreeWithValidator(t *testing.T) {
	t.Logf("seed %d", *plainSeed)
	r := rand.New(rand.NewPCG(*plainSeed, 0))
	pieces := []string{"", "a", "é", "漢", " ", "\x00", "https://", "ftp://", "example.org", "/p", "%zz", "-", "x"}
	str := func() string {
		var b strings.Builder
		for n := r.IntN(6); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	list := func() []string {
		switch r.IntN(4) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		out := make([]string, r.IntN(5))
		for i := range out {
			if r.IntN(2) == 0 {
				out[i] = "https://example.org/p"
			} else {
				out[i] = str()
			}
		}
		return out
	}
	passed := 0
	for range 50_000 {
		v := planned{Required: str(), Bounded: str(), Ref: str(), OptRef: code(str()), Text: str(), URLs: list(), Untagged: str(), unchecked: str()}
		if r.IntN(3) == 0 {
			v.Required, v.Ref, v.Text = "r", "ref-1", "abc"
		}
		for _, s := range list() {
			v.Codes = append(v.Codes, code(s))
		}
		ok := Struct(v) == nil
		require.Equal(t, ok, passes(v), "%#v", v)
		if ok {
			passed++
		}
	}
	assert.Greater(t, passed, 100, "the random values include valid ones")
}

// TestPlansConcurrently builds and uses one type's plan from several
// goroutines at once (run with -race).
func TestPlansConcurrently(t *testing.T) {
	type fresh struct {
		Name string `json:"name" validate:"required,max=8"`
	}
	done := make(chan bool)
	for i := range 8 {
		go func() { done <- passes(fresh{Name: strings.Repeat("n", i+1)}) }()
	}
	for range 8 {
		<-done
	}
	assert.True(t, passes(fresh{Name: "n"}))
	assert.False(t, passes(fresh{Name: "nine char"}))
}
