package grassroots_test

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// Values for the random filler, hostile ones among them: text that is
// not valid UTF-8 or holds noncharacters, HTML characters that
// encoding/json escapes, integers past what a double holds, NaN.
var (
	fillStrings = []string{
		"", "a", "inc-1", "c-17", "government", "community", "dispatcher", "street-sanitation", "<b>&amp;</b>",
		"\u2028\u2029", "\xff", "\uFFFE", "\uFDD0", "街道", "\x00\x1f\x7f", "quote\"back\\slash", "\U0001F600",
		"https://example.com/a.jpg", "13812345678", "2024-06-03T09:30:00+08:00",
	}
	fillInts   = []int64{0, 1, -1, 2, 7, 42, 999_999_999_999_999, 1_000_000_000_000_000, 1 << 53, math.MaxInt64, math.MinInt64}
	fillFloats = []float64{0, math.Copysign(0, -1), 1.5, 0.1, 1e21, 1e-7, 123456.789, 5e-324, math.NaN(), math.Inf(1)}
	fillTimes  = []time.Time{
		{}, time.Date(2024, 6, 3, 9, 30, 0, 0, time.FixedZone("", 8*3600)), time.Date(2025, 1, 1, 0, 0, 0, 500, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 3, 9, 30, 0, 0, time.FixedZone("", 8*3600+7)),
	}
	fillDecimals = []string{"0", "1.50", "-0.25", "123456789012345678901234567890", "1e-30"}
)

type filler struct {
	r       *rand.Rand
	hostile *int // per cent of values drawn from all, not just the usual
}

// pickOf chooses among the first n values (the usual ones), or, at the
// filler's hostile rate, among all.
func pickOf[T any](f filler, s []T, n int) T {
	if f.r.IntN(100) >= *f.hostile {
		return s[f.r.IntN(n)]
	}
	return s[f.r.IntN(len(s))]
}

func (f filler) fill(v reflect.Value, depth int) {
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(pickOf(f, fillTimes, 3)))
		return
	case reflect.TypeFor[decimal.Decimal]():
		v.Set(reflect.ValueOf(decimal.RequireFromString(fillDecimals[f.r.IntN(len(fillDecimals))])))
		return
	case reflect.TypeFor[json.RawMessage]():
		v.Set(reflect.ValueOf(json.RawMessage([]string{`{"b":1,"a":[1.50,"x"]}`, `null`, `"\u00e9"`, `1e400`, `{`}[f.r.IntN(5)])))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(pickOf(f, fillStrings, 8))
	case reflect.Bool:
		v.SetBool(f.r.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := pickOf(f, fillInts, 7)
		if v.OverflowInt(n) {
			n = int64(f.r.IntN(6))
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		// Mostly 1 to 5, the values of the enums (uint8 types).
		n := uint64(1 + f.r.IntN(5))
		if f.r.IntN(100) < *f.hostile {
			n = uint64(pickOf(f, fillInts, len(fillInts)))
		}
		if v.OverflowUint(n) {
			n = 0
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(pickOf(f, fillFloats, 8))
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Field(i).CanSet() && f.r.IntN(6) != 0 {
				f.fill(v.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		if f.r.IntN(4) == 0 || depth > 4 {
			return
		}
		n := f.r.IntN(3)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			f.fill(s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			f.fill(v.Index(i), depth+1)
		}
	case reflect.Map:
		if f.r.IntN(3) == 0 || depth > 4 || v.Type().Key().Kind() != reflect.String {
			return
		}
		m := reflect.MakeMap(v.Type())
		for range f.r.IntN(3) {
			k := reflect.New(v.Type().Key()).Elem()
			f.fill(k, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			f.fill(e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Pointer:
		if f.r.IntN(3) == 0 || depth > 4 {
			return
		}
		p := reflect.New(v.Type().Elem())
		f.fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Interface:
		if f.r.IntN(2) == 0 && v.NumMethod() == 0 {
			v.Set(reflect.ValueOf("x"))
		}
	}
}

// checkFastEncode holds the fast encoder to encoding/json on one value:
// whenever it writes, encoding/json writes the same JSON and the
// canonicaliser makes of it exactly the fast encoder's bytes.
func checkFastEncode(t *testing.T, v any) bool {
	t.Helper()
	got, supported, ok := grassroots.FastEncode(v)
	if !supported || !ok {
		return false
	}
	marshalled, err := json.Marshal(v)
	if !assert.NoError(t, err, "encoding/json refuses what the fast path wrote: %#v", v) {
		return true
	}
	want, err := canonjson.AppendExact(nil, marshalled)
	if !assert.NoError(t, err, "the canonical form refuses what the fast path wrote: %s", marshalled) {
		return true
	}
	assert.Equal(t, string(want), string(got), "canonical JSON of %T from %s", v, marshalled)
	return true
}

func TestFastEncodeMatchesEncodingJSON(t *testing.T) {
	seed := *decodeSeed
	if seed == 0 {
		seed = rand.Uint64()
	}
	t.Logf("seed %d (replay with -decode.seed=%d)", seed, seed)
	f := filler{r: rand.New(rand.NewPCG(seed, 5)), hostile: new(int)}
	// The zoo without the fields that make the fast path give up always.
	type encodeZoo struct {
		grassroots.Meta
		unexported
		zooEmbed
		Str     string              `json:"str"`
		Label   zooLabel            `json:"label,omitempty"`
		Flag    bool                `json:"flag,omitempty"`
		I64     int64               `json:"i64,omitzero"`
		U8      uint8               `json:"u8"`
		F64     float64             `json:"f64"`
		Party   grassroots.Party    `json:"party,omitzero"`
		When    time.Time           `json:"when,omitzero"`
		Amount  decimal.Decimal     `json:"amount"`
		Raw     json.RawMessage     `json:"raw,omitempty"`
		Inner   zooInner            `json:"inner"`
		PInner  *zooInner           `json:"p_inner,omitempty"`
		Inners  []zooInner          `json:"inners"`
		ByName  map[string]zooInner `json:"by_name"`
		Labels  map[zooLabel]int    `json:"labels"`
		Periods []grassroots.Period `json:"periods,omitempty"`
		Any     any                 `json:"any,omitempty"`
		NoTag   string
	}
	samples := append(decodeSamples(), encodeZoo{})
	_, supported, _ := grassroots.FastEncode(conflict{})
	assert.False(t, supported, "a type with a name conflict is left to encoding/json")
	fast, perType := 0, map[reflect.Type]int{}
	for range 30000 {
		s := samples[f.r.IntN(len(samples))]
		*f.hostile = []int{0, 2, 10, 30}[f.r.IntN(4)]
		v := reflect.New(reflect.TypeOf(s)).Elem()
		f.fill(v, 0)
		if checkFastEncode(t, v.Interface()) {
			fast++
			perType[v.Type()]++
		}
		// Through a pointer, whose fields are addressable: the methods
		// with pointer receivers count then, as for encoding/json.
		if checkFastEncode(t, v.Addr().Interface()) {
			fast++
		}
		if t.Failed() {
			return
		}
	}
	for _, s := range samples[3:] {
		assert.Positive(t, perType[reflect.TypeOf(s)], "no %T was written by the fast path", s)
	}
	require.Greater(t, fast, 10000, "values the fast path wrote")
	t.Logf("%d written by the fast path", fast)
}

// The zoo's types behave as encoding/json has them, a pointer receiver's
// MarshalJSON counting only where the value is addressable.
type addrMarshaler struct{ N int }

func (a *addrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{"via":"pointer"}`), nil }

func TestFastEncodeAddressable(t *testing.T) {
	type holder struct {
		A  addrMarshaler   `json:"a"`
		S  []addrMarshaler `json:"s"`
		P  *addrMarshaler  `json:"p"`
		At grassroots.Party
	}
	h := holder{S: []addrMarshaler{{1}}, P: &addrMarshaler{2}, At: grassroots.Government}
	for _, v := range []any{h, &h} {
		require.True(t, checkFastEncode(t, v), "%T is written by the fast path", v)
	}
}
