package exact_test

import (
	"fmt"
	"math"
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/internal/exact"
)

// A mean of ratings at scale 1, rounded to scale 4: the sum and the count
// stay integers until the one rounding.
func Example() {
	ratings := []decimal.Decimal{decimal.RequireFromString("4.5"), decimal.RequireFromString("3"), decimal.RequireFromString("5")}
	var sum int64
	for _, r := range ratings {
		v, ok := exact.FromDecimal(r, 1) // 45, 30, 50 at scale 1
		if !ok {
			fmt.Println("does not fit")
			return
		}
		if sum, ok = exact.Add(sum, v); !ok {
			fmt.Println("sum does not fit")
			return
		}
	}
	mean, _ := exact.DivRound(sum, int64(len(ratings)), 4-1) // scale 1 → 4
	fmt.Println(decimal.New(mean, -4))
	// Output: 4.1667
}

func ExampleMulDivRound() {
	// A weight of 0.25 (scale 2) times a score of 0.7 (scale 1), divided
	// by 10^2 to land at scale 1: 0.175 rounds half away from zero.
	v, ok := exact.MulDivRound(25, 7, 100)
	fmt.Println(v, ok)
	v, ok = exact.MulDivRound(-25, 7, 100)
	fmt.Println(v, ok)
	_, ok = exact.MulDivRound(math.MaxInt64, 2, 1)
	fmt.Println(ok)
	// Output:
	// 2 true
	// -2 true
	// false
}

func ExampleDivRound() {
	// 2/3 at scale 4, and 2.5 (scale 1) over 1 at scale 0.
	v, _ := exact.DivRound(2, 3, 4)
	fmt.Println(v)
	v, _ = exact.DivRound(25, 1, -1)
	fmt.Println(v)
	// Output:
	// 6667
	// 3
}

func ExampleRescale() {
	v, ok := exact.Rescale(15, 1, 4) // 1.5 at scale 4
	fmt.Println(v, ok)
	v, ok = exact.Rescale(15000, 4, 1) // and back
	fmt.Println(v, ok)
	_, ok = exact.Rescale(15, 1, 0) // 1.5 is no integer
	fmt.Println(ok)
	// Output:
	// 15000 true
	// 15 true
	// false
}

func ExampleFromDecimal() {
	v, ok := exact.FromDecimal(decimal.RequireFromString("2.50"), 4)
	fmt.Println(v, ok)
	_, ok = exact.FromDecimal(decimal.RequireFromString("2.50001"), 4)
	fmt.Println(ok)
	// Output:
	// 25000 true
	// false
}

func ExamplePlaces() {
	fmt.Println(exact.Places(decimal.RequireFromString("2.50")), exact.Places(decimal.RequireFromString("25e3")))
	// Output: 2 0
}

func ExampleFixedOf() {
	last, _ := exact.FixedOf(decimal.RequireFromString("12.75"))
	first, _ := exact.FixedOf(decimal.RequireFromString("10.5"))
	change, ok := last.Sub(first)
	fmt.Println(change.Decimal(), ok)
	threshold, _ := exact.FixedOf(decimal.RequireFromString("2"))
	order, ok := change.Cmp(threshold)
	fmt.Println(order, ok)
	// Output:
	// 2.25 true
	// 1 true
}

func ExampleCompare() {
	a := decimal.RequireFromString("0.30")
	b := decimal.RequireFromString("0.3")
	wide := decimal.RequireFromString("123456789012345678901234567890") // decimal's Cmp decides
	fmt.Println(exact.Compare(a, b), exact.Compare(a, wide))
	// Output: 0 -1
}

func ExampleBigDivRound() {
	var q, r big.Int
	num, _ := new(big.Int).SetString("-250000000000000000000000000000", 10)
	den, _ := new(big.Int).SetString("100000000000000000000000000000", 10)
	exact.BigDivRound(&q, &r, num, den) // −2.5 → −3
	fmt.Println(&q)
	// Output: -3
}

func ExampleBigOf() {
	var x big.Int
	ok := exact.BigOf(decimal.RequireFromString("1.25"), 8, &x)
	fmt.Println(&x, ok)
	// Output: 125000000 true
}

func ExampleBigMulPow10() {
	x := big.NewInt(7)
	exact.BigMulPow10(x, x, 20)
	fmt.Println(x)
	// Output: 700000000000000000000
}

func ExampleFNV1a32() {
	fmt.Printf("%08x\n", exact.FNV1a32("G1.1"))
	// Output: f33ccd90
}
