package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/schema"
)

// validators compiles every schema once, with formats asserted, so that
// date-times, dates and URIs are checked as well as types.
var validators = sync.OnceValues(func() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, uri := range schema.Names() {
		b, _ := schema.Lookup(uri)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", uri, err)
		}
		if err := c.AddResource(uri, doc); err != nil {
			return nil, fmt.Errorf("%s: %w", uri, err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, uri := range schema.Names() {
		s, err := c.Compile(uri)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", uri, err)
		}
		out[uri] = s
	}
	return out, nil
})

// uri returns the URI of the schema at path under SchemaBase.
func uri(path string) string { return grassroots.SchemaBase + path }

// envelopeURI is the schema of every envelope.
var envelopeURI = uri("grassroots/event.json")

// validate checks inst (a value from jsonschema.UnmarshalJSON) against
// the schema whose URI is u.
func validate(t *testing.T, u string, inst any) error {
	t.Helper()
	vs, err := validators()
	require.NoError(t, err, "compiling the schemas")
	s, ok := vs[u]
	require.True(t, ok, "a schema at %s", u)
	return s.Validate(inst)
}

// instance decodes JSON as the validator wants it (numbers exact).
func instance(t *testing.T, b []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	require.NoError(t, err, "decoding %.200s", b)
	return v
}

// checkEnvelope validates an envelope against the envelope schema and its
// data against the schema its dataschema names. It returns the
// dataschema.
func checkEnvelope(t *testing.T, where string, env map[string]any) string {
	t.Helper()
	assert.NoError(t, validate(t, envelopeURI, env), "envelope %s", where)
	ds, _ := env["dataschema"].(string)
	if ds == "" {
		return ""
	}
	_, ok := schema.Lookup(ds)
	if !assert.True(t, ok, "the dataschema %s of %s is a schema of this SDK", ds, where) {
		return ds
	}
	assert.NoError(t, validate(t, ds, env["data"]), "data of %s against %s", where, ds)
	return ds
}

func TestEverySchemaCompilesAndNamesItself(t *testing.T) {
	names := schema.Names()
	require.NotEmpty(t, names, "schemas are embedded")
	_, err := validators()
	require.NoError(t, err, "every schema compiles")
	for _, u := range names {
		b, ok := schema.Lookup(u)
		require.True(t, ok, "Lookup(%s)", u)
		var doc map[string]any
		require.NoError(t, json.Unmarshal(b, &doc), "%s is JSON", u)
		assert.Equal(t, u, doc["$id"], "the $id of %s is its URI", u)
		assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", doc["$schema"], "%s is draft 2020-12", u)
		assert.NotEmpty(t, doc["title"], "%s has a title", u)
		assert.NotEmpty(t, doc["description"], "%s has a description", u)
		assert.NotContains(t, string(b), `"$ref": "http`, "%s refers to no other document", u)
	}
}

func TestNamesAreTheFilesSorted(t *testing.T) {
	paths, err := fs.Glob(schema.FS, "*/*.json")
	require.NoError(t, err)
	var want []string
	for _, p := range paths {
		want = append(want, grassroots.SchemaBase+p)
	}
	assert.Equal(t, want, schema.Names(), "one URI per file, in order")
	assert.IsNonDecreasing(t, schema.Names(), "sorted")
}

func TestLookup(t *testing.T) {
	b, ok := schema.Lookup(grassroots.SchemaURI("incident", "reported"))
	require.True(t, ok, "the reported event's schema")
	b[0] = 'x'
	again, _ := schema.Lookup(grassroots.SchemaURI("incident", "reported"))
	assert.Equal(t, byte('{'), again[0], "Lookup returns a copy")

	for _, u := range []string{
		"",
		"incident/reported.v1.json",
		grassroots.SchemaBase,
		grassroots.SchemaBase + "incident",
		grassroots.SchemaBase + "incident/",
		grassroots.SchemaBase + "incident/nothing.v1.json",
		grassroots.SchemaBase + "../schema/incident/reported.v1.json",
		grassroots.SchemaBase + "incident/../incident/reported.v1.json",
		grassroots.SchemaBase + "/incident/reported.v1.json",
		"https://example.org/schema/incident/reported.v1.json",
		strings.ToUpper(grassroots.SchemaURI("incident", "reported")),
	} {
		_, ok := schema.Lookup(u)
		assert.False(t, ok, "Lookup(%q)", u)
	}
}

// Every event type of every codec has its data schema at the dataschema
// its envelopes carry, and envelopes the codecs seal validate.
func TestEveryCodecEnvelopeNamesASchema(t *testing.T) {
	type codec struct {
		pkg   string
		names []string
	}
	for _, c := range []codec{
		{incident.Codec.Package(), incident.Codec.Names()},
		{incident.RecordCodec.Package(), incident.RecordCodec.Names()},
		{risk.Codec.Package(), risk.Codec.Names()},
		{provider.Codec.Package(), provider.Codec.Names()},
	} {
		require.NotEmpty(t, c.names, "codec %s", c.pkg)
		for _, name := range c.names {
			_, ok := schema.Lookup(grassroots.SchemaURI(c.pkg, name))
			assert.True(t, ok, "a schema for %s", grassroots.EventType(c.pkg, name))
		}
	}
}
