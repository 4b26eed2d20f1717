package schemagen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type colour uint8

func (c colour) MarshalText() ([]byte, error) {
	switch c {
	case 1:
		return []byte("red"), nil
	case 2:
		return []byte("blue"), nil
	}
	return nil, fmt.Errorf("colour(%d)", c)
}

type Meta struct {
	ID string    `json:"id"`
	At time.Time `json:"at"`
}

type Leaf struct {
	Name string `json:"name"`
	Next *Leaf  `json:"next,omitempty"`
}

type secret struct{ v string }

func (s secret) MarshalJSON() ([]byte, error) { return json.Marshal("***" + s.v[:0]) }

type Sample struct {
	Meta
	Colour  colour            `json:"colour"`
	Amount  decimal.Decimal   `json:"amount"`
	Tags    []string          `json:"tags,omitempty"`
	Scores  map[string]int    `json:"scores,omitzero"`
	ByColor map[colour]string `json:"by_colour,omitempty"`
	Leaf    Leaf              `json:"leaf"`
	Opt     *Leaf             `json:"opt"`
	Secret  secret            `json:"secret"`
	Count   uint16            `json:"count,string"`
	Nil     []string          `json:"nil"`
	Skip    string            `json:"-"`
	hidden  string
}

func compile(t *testing.T, doc Schema) *jsonschema.Schema {
	t.Helper()
	b, err := Marshal(doc)
	require.NoError(t, err)
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("https://example.org/sample.json", v))
	c.AssertFormat()
	s, err := c.Compile("https://example.org/sample.json")
	require.NoError(t, err)
	return s
}

func TestDocumentValidatesWhatEncodingJSONWrites(t *testing.T) {
	g := &Generator{Overrides: map[reflect.Type]Schema{reflect.TypeFor[secret](): {"type": "string", "pattern": `^\*\*\*$`}}}
	doc, err := g.Document("https://example.org/sample.json", "sample", "", reflect.TypeFor[Sample]())
	require.NoError(t, err)
	s := compile(t, doc)
	v := Sample{
		Meta:   Meta{ID: "x", At: time.Date(2025, 6, 9, 10, 0, 0, 0, time.FixedZone("", 8*3600))},
		Colour: 2, Amount: decimal.RequireFromString("12.50"), Tags: []string{"a"},
		ByColor: map[colour]string{1: "r"}, Leaf: Leaf{Name: "a", Next: &Leaf{Name: "b"}}, Secret: secret{"pw"}, Count: 3, hidden: "unexported",
	}
	b, err := json.Marshal(v)
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	require.NoError(t, err)
	assert.NoError(t, s.Validate(inst), "%s", b)

	props := doc["properties"].(Schema)
	assert.Contains(t, props, "id", "embedded fields are flattened")
	assert.NotContains(t, props, "Skip")
	assert.NotContains(t, props, "hidden")
	assert.Equal(t, []string{"red", "blue"}, props["colour"].(Schema)["enum"])
	assert.Contains(t, string(b), `"nil":null`, "a nil slice is written as null")
	assert.Equal(t, []string{"amount", "at", "colour", "count", "id", "leaf", "nil", "opt", "secret"}, doc["required"])
	assert.Contains(t, doc["$defs"], "schemagen.Leaf", "named structs go to $defs, recursion included")

	for name, bad := range map[string]string{
		"unknown enum name":  strings.Replace(string(b), `"colour":"blue"`, `"colour":"green"`, 1),
		"amount a number":    strings.Replace(string(b), `"amount":"12.5"`, `"amount":12.5`, 1),
		"time not RFC 3339":  strings.Replace(string(b), `"at":"2025-06-09T10:00:00+08:00"`, `"at":"9 June"`, 1),
		"time lower-case t":  strings.Replace(string(b), `"at":"2025-06-09T10:00:00+08:00"`, `"at":"2025-06-09t10:00:00+08:00"`, 1),
		"nil slice a string": strings.Replace(string(b), `"nil":null`, `"nil":"x"`, 1),
		"required missing":   strings.Replace(string(b), `"id":"x",`, ``, 1),
	} {
		require.NotEqual(t, string(b), bad, name)
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		require.NoError(t, err, name)
		assert.Error(t, s.Validate(inst), name)
	}
}

func TestDocumentNeedsOverridesForCustomJSON(t *testing.T) {
	_, err := (&Generator{}).Document("https://example.org/s.json", "s", "", reflect.TypeFor[Sample]())
	assert.ErrorContains(t, err, "override")
}

type code string

func (c code) MarshalText() ([]byte, error) { return []byte(c), nil }

type coded struct {
	Code code `json:"code"`
}

func TestStrictNeedsOverridesForTextForms(t *testing.T) {
	typ := reflect.TypeFor[coded]()
	_, err := (&Generator{Strict: true}).Document("https://example.org/c.json", "c", "", typ)
	assert.ErrorContains(t, err, "override", "strict: a text form without an override")
	doc, err := (&Generator{}).Document("https://example.org/c.json", "c", "", typ)
	require.NoError(t, err, "not strict")
	assert.Equal(t, Schema{"type": "string"}, doc["properties"].(Schema)["code"], "not strict: a plain string")
	doc, err = (&Generator{Strict: true, Overrides: map[reflect.Type]Schema{reflect.TypeFor[code](): {"type": "string", "pattern": "^[a-z]+$"}}}).Document("https://example.org/c.json", "c", "", typ)
	require.NoError(t, err, "strict with an override")
	assert.Equal(t, "^[a-z]+$", doc["properties"].(Schema)["code"].(Schema)["pattern"], "the override is used")
}

func TestRecursiveRootRefersToTheDocument(t *testing.T) {
	doc, err := (&Generator{}).Document("https://example.org/leaf.json", "leaf", "", reflect.TypeFor[Leaf]())
	require.NoError(t, err)
	assert.Equal(t, Schema{"$ref": "#"}, doc["properties"].(Schema)["next"], "the root type refers to the document")
	assert.NotContains(t, doc, "$defs", "no definitions are needed")
	s := compile(t, doc)
	ok := []byte(`{"name":"a","next":{"name":"b","next":{"name":"c"}}}`)
	bad := []byte(`{"name":"a","next":{"name":"b","next":{"next":{}}}}`)
	for _, c := range []struct {
		doc   []byte
		valid bool
	}{{ok, true}, {bad, false}} {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(c.doc))
		require.NoError(t, err)
		assert.Equal(t, c.valid, s.Validate(inst) == nil, "%s", c.doc)
	}
}

type withDecimals struct {
	Ptr  *decimal.Decimal    `json:"ptr,omitempty"`
	Null decimal.NullDecimal `json:"null"`
}

func TestDecimalPointersAndNullDecimals(t *testing.T) {
	doc, err := (&Generator{Strict: true}).Document("https://example.org/d.json", "d", "", reflect.TypeFor[withDecimals]())
	require.NoError(t, err)
	s := compile(t, doc)
	one := decimal.RequireFromString("1.5")
	for _, v := range []withDecimals{{}, {Ptr: &one, Null: decimal.NewNullDecimal(one)}} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		require.NoError(t, err)
		assert.NoError(t, s.Validate(inst), "%s", b)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(`{"ptr":1.5,"null":"1.5"}`))
	require.NoError(t, err)
	assert.Error(t, s.Validate(inst), "a decimal pointer is a string too")
}

func TestOptionalMembers(t *testing.T) {
	g := &Generator{Optional: map[reflect.Type][]string{reflect.TypeFor[Meta](): {"at"}}}
	doc, err := g.Document("https://example.org/m.json", "m", "", reflect.TypeFor[Meta]())
	require.NoError(t, err)
	assert.Equal(t, []string{"id"}, doc["required"], "at is optional though always written")
	assert.Contains(t, doc["properties"], "at", "an optional member is still described")
}

// wrapped embeds a type with its own JSON, whose MarshalJSON encoding/json
// then uses for the whole struct.
type wrapped struct {
	secret
	Name string `json:"name"`
}

func TestPromotedMarshalJSONNeedsAnOverride(t *testing.T) {
	_, err := (&Generator{}).Document("https://example.org/w.json", "w", "", reflect.TypeFor[wrapped]())
	assert.ErrorContains(t, err, "override", "a document whose type writes its own JSON")
	_, err = (&Generator{}).Document("https://example.org/w.json", "w", "", reflect.TypeFor[struct {
		W wrapped `json:"w"`
	}]())
	assert.ErrorContains(t, err, "override", "a member whose type writes its own JSON")
}
