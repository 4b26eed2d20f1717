package grassroots_test

import (
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
)

var decodeSeed = flag.Uint64("decode.seed", 0, "seed of the decoder's differential test (0: a fresh one, logged)")

// Shapes beyond the SDK's own events, each meant to reach one rule of
// encoding/json: promotion, hiding, options, null, pointers, maps.
type (
	zooInner struct {
		Name  string   `json:"name"`
		Tags  []string `json:"tags"`
		Score float64  `json:"score"`
	}
	zooLabel   string
	zooEmbed   struct{ Depth int8 }
	unexported struct {
		Hidden string `json:"hidden"`
	}
	zoo struct {
		grassroots.Meta
		unexported
		zooEmbed
		Str      string              `json:"str"`
		Label    zooLabel            `json:"label,omitempty"`
		Flag     bool                `json:"flag"`
		I64      int64               `json:"i64"`
		U8       uint8               `json:"u8"`
		F64      float64             `json:"f64"`
		F32      float32             `json:"f32"`
		Party    grassroots.Party    `json:"party"`
		When     time.Time           `json:"when"`
		Amount   decimal.Decimal     `json:"amount"`
		Raw      json.RawMessage     `json:"raw"`
		Inner    zooInner            `json:"inner"`
		PInner   *zooInner           `json:"p_inner"`
		Inners   []zooInner          `json:"inners"`
		ByName   map[string]zooInner `json:"by_name"`
		Labels   map[zooLabel]int    `json:"labels"`
		Any      any                 `json:"any"`
		Bytes    []byte              `json:"bytes"`
		Quoted   int                 `json:"quoted,string"`
		Array    [2]int              `json:"array"`
		Number   json.Number         `json:"number"`
		PPString **string            `json:"pp_string"`
		Periods  []grassroots.Period `json:"periods"`
		Skip     string              `json:"-"`
		NoTag    string
		private  string
	}
	// conflict has two fields named "name" at one depth: encoding/json
	// drops both, so the fast path must leave the type alone.
	conflict struct {
		zooInner
		Other struct{ X int } `json:"x"`
		Name  string          `json:"name"`
	}
)

func decodeSamples() []any {
	// A zoo whose unexported field holds a value: decoding never touches it.
	out := []any{zoo{private: ""}, conflict{}, zooInner{}}
	for _, c := range []interface {
		Names() []string
	}{incident.Codec, risk.Codec, provider.Codec} {
		for _, name := range c.Names() {
			var e any
			switch c := c.(type) {
			case *grassroots.Codec[incident.Event]:
				e, _ = c.Zero(name)
			case *grassroots.Codec[risk.Event]:
				e, _ = c.Zero(name)
			case *grassroots.Codec[provider.Event]:
				e, _ = c.Zero(name)
			}
			out = append(out, e)
		}
	}
	return out
}

var decodeKeys = []string{
	"aggregate_id", "command_id", "actor", "at", "id", "party", "roles", "name", "tags", "score", "Depth", "depth",
	"hidden", "str", "label", "flag", "i64", "u8", "f64", "when", "amount", "raw", "inner", "p_inner", "inners",
	"by_name", "labels", "any", "bytes", "quoted", "array", "number", "pp_string", "periods", "Skip", "NoTag",
	"notag", "private", "x", "X", "STR", "Str", "\u212a", "ſtr", "unknown", "category", "channel", "priority",
	"location", "grid", "address", "media", "contact", "accept_term", "unit", "platform", "handle_term", "reason",
	"from", "to", "start", "end", "level", "deadline", "rating", "comment", "severity", "likelihood", "evidence",
}

var decodeScalars = []string{
	`""`, `"a"`, `"街道"`, `"line\nbreak"`, `"\u00e9"`, "\"\xff\"", `"2024-06-03T09:30:00+08:00"`,
	`"2024-06-03T09:30:00Z"`, `"not a time"`, `"1.50"`, `"12"`, `"government"`, `"community"`, `"nope"`,
	`0`, `1`, `-1`, `255`, `256`, `1.5`, `1e3`, `-0`, `9223372036854775808`, `1e400`, `true`, `false`, `null`,
	`"inc-1"`, `"c-17"`, `"d-1"`, `"\ud800"`, `"MTIz"`, `[1,2]`, `[]`, `{}`, `"AQ=="`,
}

type decodeGen struct {
	r    *rand.Rand
	b    strings.Builder
	keys []string // the member names of the type at hand
}

// typeKeys lists the JSON member names of every struct reachable from t,
// with a variant in other case for some.
func typeKeys(t reflect.Type, seen map[reflect.Type]bool, out []string) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return out
	}
	seen[t] = true
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
		out = append(out, name, strings.ToUpper(name[:1])+name[1:])
		out = typeKeys(f.Type, seen, out)
	}
	return out
}

func (g *decodeGen) key() string {
	if len(g.keys) > 0 && g.r.IntN(4) != 0 {
		return g.keys[g.r.IntN(len(g.keys))]
	}
	return decodeKeys[g.r.IntN(len(decodeKeys))]
}

func (g *decodeGen) space() {
	if g.r.IntN(10) == 0 {
		g.b.WriteString([]string{" ", "\n", "\t"}[g.r.IntN(3)])
	}
}

func (g *decodeGen) value(depth int) {
	g.space()
	switch n := g.r.IntN(10); {
	case n < 6 || depth > 4:
		g.b.WriteString(decodeScalars[g.r.IntN(len(decodeScalars))])
	case n < 9:
		g.object(depth + 1)
	default:
		g.b.WriteByte('[')
		for i := range g.r.IntN(3) {
			if i > 0 {
				g.b.WriteByte(',')
			}
			g.value(depth + 1)
		}
		g.b.WriteByte(']')
	}
	g.space()
}

func (g *decodeGen) object(depth int) {
	g.b.WriteByte('{')
	for i := range g.r.IntN(7) {
		if i > 0 {
			g.b.WriteByte(',')
		}
		g.space()
		g.b.WriteString(`"` + g.key() + `":`)
		g.value(depth)
	}
	g.b.WriteByte('}')
	if g.r.IntN(300) == 0 {
		g.b.WriteString([]string{"x", ",", "}", " "}[g.r.IntN(4)])
	}
}

// mutate changes valid data a little: one member's value replaced, a
// member added, or the text cut short.
func (g *decodeGen) mutate(data []byte) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil || len(m) == 0 {
		return data
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slicesSort(keys)
	switch g.r.IntN(4) {
	case 0:
		g.b.Reset()
		g.value(2)
		m[keys[g.r.IntN(len(keys))]] = json.RawMessage(g.b.String())
	case 1:
		g.b.Reset()
		g.value(2)
		m[g.key()] = json.RawMessage(g.b.String())
	case 2:
		return data[:g.r.IntN(len(data))]
	}
	out, err := json.Marshal(m)
	if err != nil {
		return data
	}
	return out
}

func slicesSort(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// checkFastDecode holds the fast path to encoding/json on one input:
// whenever it decodes, encoding/json decodes to the same value.
func checkFastDecode(t *testing.T, sample any, data []byte) (fast bool) {
	t.Helper()
	got, supported, ok := grassroots.FastDecode(sample, data)
	if !supported || !ok {
		return false
	}
	want := reflect.New(reflect.TypeOf(sample))
	err := json.Unmarshal(data, want.Interface())
	if !assert.NoError(t, err, "encoding/json refuses what the fast path decoded: %T %s", sample, data) {
		return true
	}
	assert.Equal(t, want.Elem().Interface(), got, "%T from %s", sample, data)
	return true
}

func TestFastDecodeMatchesEncodingJSON(t *testing.T) {
	seed := *decodeSeed
	if seed == 0 {
		seed = rand.Uint64()
	}
	t.Logf("seed %d (replay with -decode.seed=%d)", seed, seed)
	g := &decodeGen{r: rand.New(rand.NewPCG(seed, 4))}
	samples := decodeSamples()
	_, supported, _ := grassroots.FastDecode(conflict{}, []byte(`{}`))
	assert.False(t, supported, "a type with a name conflict is left to encoding/json")
	for _, s := range samples[3:] {
		_, supported, _ := grassroots.FastDecode(s, []byte(`{}`))
		assert.True(t, supported, "the fast path covers %T", s)
	}
	fast := 0
	valid := validEventData(t)
	for i := range 20000 {
		s := samples[g.r.IntN(len(samples))]
		if g.r.IntN(4) == 0 {
			s = samples[0]
		}
		g.keys = typeKeys(reflect.TypeOf(s), map[reflect.Type]bool{}, nil)
		var data []byte
		switch {
		case i%3 == 0 && len(valid) > 0:
			data = valid[g.r.IntN(len(valid))]
			if g.r.IntN(2) == 0 {
				data = g.mutate(data)
			}
			s = nil
		default:
			g.b.Reset()
			g.object(0)
			data = []byte(g.b.String())
		}
		if s == nil {
			// The envelope data of a real event, into every type.
			for _, s := range samples[:1+g.r.IntN(len(samples))] {
				if checkFastDecode(t, s, data) {
					fast++
				}
			}
			continue
		}
		if checkFastDecode(t, s, data) {
			fast++
		}
		if t.Failed() {
			return
		}
	}
	require.Greater(t, fast, 5000, "inputs the fast path decoded")
	t.Logf("%d decoded by the fast path", fast)
}

// validEventData returns the data of the events of a few real
// lifecycles, sealed by the packages' own codecs.
func validEventData(t testing.TB) [][]byte {
	var out [][]byte
	for _, dir := range []string{"incident", "risk", "provider"} {
		vectors, err := filepathGlob("testdata/conformance/v2/" + dir + "/*.json")
		require.NoError(t, err)
		for _, data := range vectors {
			out = append(out, collectObjects(data)...)
		}
	}
	return out
}

func filepathGlob(pattern string) ([][]byte, error) {
	names, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// collectObjects returns every object in the JSON text that carries an
// aggregate_id (the data of events and commands), as JSON again.
func collectObjects(text []byte) [][]byte {
	var v any
	if json.Unmarshal(text, &v) != nil {
		return nil
	}
	var out [][]byte
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["aggregate_id"]; ok {
				if b, err := json.Marshal(v); err == nil {
					out = append(out, b)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return out
}

// FuzzFastDecode holds the fast decoder to encoding/json on any data,
// into every event type of the SDK and the zoo.
func FuzzFastDecode(f *testing.F) {
	for _, data := range validEventData(f) {
		f.Add(data)
	}
	f.Add([]byte(`{"aggregate_id":"I-1","actor":{"id":"a","party":"government"},"at":"2024-06-03T09:30:00+08:00"}`))
	samples := decodeSamples()
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, s := range samples {
			checkFastDecode(t, s, data)
		}
	})
}
