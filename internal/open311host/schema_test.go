package open311host_test

import (
	"bytes"
	"context"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/open311host"
	"github.com/grassrootsgov/grassroots/schema"
)

// Every event the server stores, in the incident chains and the Open311
// chains alike, names a schema that package schema ships, and its data
// validates against it.
func TestStoredEventsValidate(t *testing.T) {
	ctx := context.Background()
	es, closer, err := open311host.OpenEvents(ctx, filepath.Join(t.TempDir(), "open311.db"))
	require.NoError(t, err)
	defer func() { require.NoError(t, closer.Close()) }()
	s, err := open311host.Open(ctx, es, decider(t), open311host.Options{})
	require.NoError(t, err)
	fill(t, serve(t, s, &clock{}, 1))

	c := jsonschema.NewCompiler()
	c.AssertFormat()
	paths, err := fs.Glob(schema.FS, "*/*.json")
	require.NoError(t, err)
	for _, p := range paths {
		b, err := fs.ReadFile(schema.FS, p)
		require.NoError(t, err)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		require.NoError(t, err, p)
		require.NoError(t, c.AddResource(grassroots.SchemaBase+p, doc), p)
	}
	recs, err := es.ReadLog(ctx, 0, 10_000)
	require.NoError(t, err)
	byType := map[string]int{}
	for _, r := range recs {
		e := r.Event
		_, ok := schema.Lookup(e.DataSchema)
		require.True(t, ok, "%s %s: dataschema %q is shipped in package schema", e.Subject, e.Type, e.DataSchema)
		sch, err := c.Compile(e.DataSchema)
		require.NoError(t, err, e.DataSchema)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(e.Data))
		require.NoError(t, err)
		assert.NoError(t, sch.Validate(inst), "%s %s", e.Subject, e.Type)
		byType[e.Type]++
	}
	for _, typ := range []string{"grassroots.open311.submitted.v1", "grassroots.open311.update_received.v1", "grassroots.incident.reported.v1"} {
		assert.Positive(t, byType[typ], "the store holds %s events", typ)
	}
}
