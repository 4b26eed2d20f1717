package evaluation

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/shopspring/decimal"
)

// benchSystem returns a two-level system of groups × perGroup Likert-5
// leaves rated by government, community, resident and third party.
func benchSystem(groups, perGroup int) System {
	parties := []grassroots.Party{grassroots.Government, grassroots.Community, grassroots.Resident, grassroots.ThirdParty}
	gw, _ := NormalizeWeights(repeatOne(groups), 4)
	lw, _ := NormalizeWeights(repeatOne(perGroup), 4)
	s := System{Code: "bench", Name: "bench"}
	for g := range groups {
		grp := Indicator{Code: fmt.Sprintf("G%d", g+1), Name: "group", Weight: gw[g]}
		for k := range perGroup {
			sc := Likert(5)
			dir := Benefit
			if k%5 == 4 {
				dir = Cost
			}
			grp.Children = append(grp.Children, Indicator{
				Code: fmt.Sprintf("G%d.%d", g+1, k+1), Name: "leaf", Weight: lw[k],
				Direction: dir, Scale: &sc, Parties: parties,
			})
		}
		s.Indicators = append(s.Indicators, grp)
	}
	return s
}

func repeatOne(n int) []decimal.Decimal {
	out := make([]decimal.Decimal, n)
	for i := range out {
		out[i] = one
	}
	return out
}

// benchRatings returns about subjects × leaves × parties × raters Likert
// ratings in a seeded random order; each cell gets raters − 2 to raters + 3 ratings.
func benchRatings(s System, subjects, raters int, seed uint64) []Rating {
	leaves, _ := s.Leaves()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	values := []decimal.Decimal{decimal.NewFromInt(1), decimal.NewFromInt(2), decimal.NewFromInt(3), decimal.NewFromInt(4), decimal.NewFromInt(5)}
	at := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	var out []Rating
	for si := range subjects {
		subject := fmt.Sprintf("provider-%04d", si)
		bias := rng.IntN(3)
		for _, l := range leaves {
			for _, party := range l.Parties {
				n := raters - 2 + rng.IntN(6)
				for r := range n {
					v := min(4, bias+rng.IntN(3))
					out = append(out, Rating{
						Subject: subject, Indicator: l.Code, Rater: fmt.Sprintf("%v-%d", party, r),
						Party: party, Value: values[v], At: at,
					})
				}
			}
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// naiveAggregate is the straightforward reference: a map keyed by subject,
// indicator and party adds decimal values rating by rating; every later
// step is done in decimal arithmetic. It supports means, equal party
// weights, a minimum of one rating and renormalisation, which is what the
// tests compare it on.
func naiveAggregate(s System, ratings []Rating, scale int32) ([]Scorecard, error) {
	type key struct {
		subject, indicator string
		party              grassroots.Party
	}
	type acc struct {
		sum decimal.Decimal
		n   int64
	}
	leaves, err := s.Leaves()
	if err != nil {
		return nil, err
	}
	cells := map[key]acc{}
	subjects := map[string]bool{}
	for _, r := range ratings {
		k := key{r.Subject, r.Indicator, r.Party}
		a := cells[k]
		a.sum = a.sum.Add(r.Value)
		a.n++
		cells[k] = a
		subjects[r.Subject] = true
	}
	names := make([]string, 0, len(subjects))
	for n := range subjects {
		names = append(names, n)
	}
	slices.SortFunc(names, cmp.Compare)
	bands := DefaultBands()
	var out []Scorecard
	for _, subject := range names {
		card := Scorecard{Subject: subject, Precision: precision(scale)}
		var present []decimal.Decimal
		for _, l := range leaves {
			in := IndicatorScore{Code: l.Code, Weight: l.Weight, Value: decimal.Zero}
			var ws, cs []decimal.Decimal
			for _, party := range l.Parties {
				a := cells[key{subject, l.Code, party}]
				ps := PartyScore{Party: party, Count: int(a.n), Value: decimal.Zero, Weight: decimal.Zero}
				if a.n == 0 {
					ps.Excluded = true
					card.Warnings = append(card.Warnings, Warning{Kind: PartyMissing, Indicator: l.Code, Party: party})
				} else {
					ps.Value = a.sum.DivRound(decimal.NewFromInt(a.n), scale)
					ws = append(ws, one)
					cs = append(cs, ps.Value)
					in.Count += int(a.n)
				}
				if party == grassroots.Resident && a.n > 0 {
					m := toDecimal(98/math.Sqrt(float64(a.n)), scale)
					ps.MarginOfError = m
				}
				in.Parties = append(in.Parties, ps)
			}
			if len(ws) == 0 {
				in.Missing = true
				card.Indicators = append(card.Indicators, in)
				continue
			}
			norm, _ := NormalizeWeights(ws, scale)
			v := decimal.Zero
			k := 0
			for i := range in.Parties {
				if !in.Parties[i].Excluded {
					in.Parties[i].Weight = norm[k]
					v = v.Add(norm[k].Mul(cs[k]))
					k++
				}
			}
			in.Value = v.Round(scale)
			in.Score, _ = l.Scale.Normalize(in.Value, l.Direction, scale)
			present = append(present, l.Weight)
			card.Indicators = append(card.Indicators, in)
		}
		eff := present
		if len(present) < len(leaves) {
			eff, _ = NormalizeWeights(present, scale)
		}
		total := decimal.Zero
		k := 0
		for i := range card.Indicators {
			in := &card.Indicators[i]
			if in.Missing {
				card.Warnings = append(card.Warnings, Warning{Kind: IndicatorMissing, Indicator: in.Code})
				continue
			}
			in.EffectiveWeight = eff[k]
			k++
			in.Contribution = in.EffectiveWeight.Mul(in.Score).Round(scale)
			total = total.Add(in.Contribution)
		}
		card.Total = total
		card.Grade = bands.Grade(total)
		out = append(out, card)
	}
	return out, nil
}

func BenchmarkAggregate(b *testing.B) {
	s := benchSystem(4, 5)
	for _, size := range []struct {
		subjects, raters int
		order            string
	}{{100, 12, "shuffled"}, {1000, 12, "shuffled"}, {1000, 12, "by_subject"}} {
		ratings := benchRatings(s, size.subjects, size.raters, 1)
		if size.order == "by_subject" {
			// As a store typically exports them: grouped by subject, in any
			// order within the subject.
			slices.SortStableFunc(ratings, func(a, b Rating) int { return cmp.Compare(a.Subject, b.Subject) })
		}
		name := fmt.Sprintf("ratings=%d/subjects=%d/indicators=20/parties=4/order=%s", len(ratings), size.subjects, size.order)
		b.Run(name+"/impl=fast", func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				if _, err := Aggregate(s, ratings, AggregateOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/impl=naive", func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b)()
			for b.Loop() {
				if _, err := naiveAggregate(s, ratings, DefaultScale); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// reportCPU starts measuring process CPU time and returns the function that
// reports it per operation as "cpu-ns/op" (GC included).
func reportCPU(b *testing.B) func() {
	start, ok := processCPU()
	return func() {
		end, ok2 := processCPU()
		if ok && ok2 && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
		}
	}
}
