package nilvalue_test

import (
	"testing"

	"github.com/grassrootsgov/grassroots/internal/nilvalue"
)

type thing struct{ n int }

func (thing) Name() string { return "thing" }

type named interface{ Name() string }

func TestIs(t *testing.T) {
	var none named
	var nilThing *thing
	for _, c := range []struct {
		name string
		x    any
		want bool
	}{
		{"nil", nil, true},
		{"nil interface", none, true},
		{"nil pointer", nilThing, true},
		{"nil pointer in an interface", named(nilThing), true},
		{"value", thing{}, false},
		{"pointer", &thing{n: 1}, false},
		{"zero-size value", struct{}{}, false},
		{"nil slice", []int(nil), false},
	} {
		if got := nilvalue.Is(c.x); got != c.want {
			t.Errorf("Is(%s) = %v, want %v", c.name, got, c.want)
		}
	}
}

func BenchmarkIs(b *testing.B) {
	var x named = thing{n: 1}
	for b.Loop() {
		if nilvalue.Is(x) {
			b.Fatal("a value is not nil")
		}
	}
}
