package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/schema"
)

func TestSchemaList(t *testing.T) {
	r := cli("", "schema")
	require.Equal(t, exitOK, r.code, "%s", r)
	ls := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.Len(t, ls, len(schema.Names()), "one line per schema")
	for i, uri := range schema.Names() {
		fields := strings.Fields(ls[i])
		require.Len(t, fields, 2, "line %d", i)
		assert.Equal(t, uri, fields[1], "line %d: the URI", i)
		assert.Equal(t, uri, grassroots.SchemaBase+fields[0]+".json", "line %d: the short name", i)
	}

	r = cli("", "schema", "-format", "json")
	require.Equal(t, exitOK, r.code, "%s", r)
	var list []struct{ Name, URI string }
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &list))
	assert.Len(t, list, len(schema.Names()))
}

// One schema is found by its URI, its short name with or without the
// version, and by the CloudEvents type of its events.
func TestSchemaLookup(t *testing.T) {
	want, ok := schema.Lookup(grassroots.SchemaURI("incident", "reported"))
	require.True(t, ok)
	for _, name := range []string{
		grassroots.SchemaURI("incident", "reported"),
		"incident/reported",
		"incident/reported.v1",
		"incident/reported.v1.json",
		grassroots.EventType("incident", "reported"),
	} {
		r := cli("", "schema", name)
		require.Equal(t, exitOK, r.code, "%s: %s", name, r)
		assert.Equal(t, string(want), r.stdout, "%s", name)
	}
	wire, ok := schema.Lookup(grassroots.SchemaBase + "grid/partition_report.json")
	require.True(t, ok)
	r := cli("", "schema", "grid/partition_report")
	assert.Equal(t, string(wire), r.stdout, "a wire type by its short name")

	r = cli("", "schema", "incident/reportd")
	assert.Equal(t, exitUsage, r.code, "%s", r)
	assert.Contains(t, r.stderr, "incident/reported.v1", "close names are suggested")
	r = cli("", "schema", "grassroots.risk.exploded.v1")
	assert.Equal(t, exitUsage, r.code, "%s", r)
	assert.Contains(t, r.stderr, "risk/identified.v1", "the package's schemas are suggested")
}
