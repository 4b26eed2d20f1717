package mechanism

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

func benchInputs(n int) []Inputs {
	rng := rand.New(rand.NewPCG(1, 2))
	ins := make([]Inputs, n)
	for i := range ins {
		ins[i] = generated(rng, i)
	}
	return ins
}

// BenchmarkAssess measures one community of generated prepared
// statistics, validation included.
func BenchmarkAssess(b *testing.B) {
	in := benchInputs(1)[0]
	cfg := DefaultConfig()
	b.Run("tasks=30/links=40/participant_ids=200", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Assess(in, cfg); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAssessAll measures a city: every community assessed and peer
// normalised. The target is 100 ms for 1,000 communities on one core.
func BenchmarkAssessAll(b *testing.B) {
	for _, n := range []int{100, 1000} {
		ins := benchInputs(n)
		cfg := DefaultConfig()
		b.Run(fmt.Sprintf("communities=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := AssessAll(ins, cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
