package main

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// schemaDir is package schema's directory, from this one.
const schemaDir = "../../../schema"

const regenerate = "the schemas in schema/ are not those of the Go types: run `go generate ./schema` and commit the result"

// The files on disk are exactly what the generator makes of the types
// now: a changed type without regenerated schemas fails here.
func TestFilesAreUpToDate(t *testing.T) {
	files, err := generate()
	require.NoError(t, err, "generating")
	onDisk, err := schemaFiles(os.DirFS(schemaDir))
	require.NoError(t, err, "listing %s", schemaDir)
	var generated []string
	for _, f := range files {
		generated = append(generated, f.path)
		b, err := os.ReadFile(filepath.Join(schemaDir, filepath.FromSlash(f.path)))
		if !assert.NoError(t, err, "%s: %s", f.path, regenerate) {
			continue
		}
		assert.Equal(t, string(f.body), string(b), "%s: %s", f.path, regenerate)
	}
	assert.Equal(t, generated, onDisk, "the schema files: %s", regenerate)
}

// Every event type of every codec gets the schema its dataschema names,
// and every wire type one under its package.
func TestEveryEventAndWireTypeHasAFile(t *testing.T) {
	files, err := generate()
	require.NoError(t, err)
	paths := map[string]bool{}
	for _, f := range files {
		paths[f.path] = true
	}
	for _, src := range codecs() {
		require.NotEmpty(t, src.names, "codec %s lists events", src.pkg)
		for _, name := range src.names {
			p := src.pkg + "/" + name + ".v1.json"
			assert.True(t, paths[p], "%s for %s", p, grassroots.EventType(src.pkg, name))
			assert.Equal(t, grassroots.SchemaBase+p, grassroots.SchemaURI(src.pkg, name), "the file is where the dataschema points")
		}
	}
	for _, w := range wireTypes() {
		assert.True(t, paths[w.pkg+"/"+w.name+".json"], "a file for %s", w.title)
		assert.NotEmpty(t, w.description, "%s has a description", w.title)
	}
}

// Writing makes the files generate returns, twice the same, and removes a
// schema file that no type produces.
func TestWriteIsStableAndRemovesStaleFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "incident"), 0o755))
	stale := filepath.Join(dir, "incident", "vanished.v1.json")
	require.NoError(t, os.WriteFile(stale, []byte("{}\n"), 0o644))
	keep := filepath.Join(dir, "doc.go")
	require.NoError(t, os.WriteFile(keep, []byte("package schema\n"), 0o644))

	require.NoError(t, write(dir), "first write")
	first := readAll(t, dir)
	require.NoError(t, write(dir), "second write")
	assert.Equal(t, first, readAll(t, dir), "a second run changes nothing")
	assert.NoFileExists(t, stale, "a stale schema is removed")
	assert.FileExists(t, keep, "other files stay")

	files, err := generate()
	require.NoError(t, err)
	for _, f := range files {
		assert.Equal(t, string(f.body), first[f.path], "%s as generated", f.path)
	}
}

func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	paths, err := schemaFiles(os.DirFS(dir))
	require.NoError(t, err)
	out := map[string]string{}
	for _, p := range paths {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		require.NoError(t, err)
		out[p] = string(b)
	}
	return out
}

// Every override and optional member is used by some schema: a stale one
// (its type gone from every wire type) would hide a mistake.
func TestEveryOverrideIsUsed(t *testing.T) {
	ov := overrides()
	used := map[reflect.Type]bool{}
	var visit func(t reflect.Type, seen map[reflect.Type]bool)
	visit = func(t reflect.Type, seen map[reflect.Type]bool) {
		if seen[t] {
			return
		}
		seen[t] = true
		used[t] = true
		if _, overridden := ov[t]; overridden {
			return
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			visit(t.Elem(), seen)
		case reflect.Map:
			visit(t.Key(), seen)
			visit(t.Elem(), seen)
		case reflect.Struct:
			for i := range t.NumField() {
				visit(t.Field(i).Type, seen)
			}
		}
	}
	seen := map[reflect.Type]bool{}
	for _, src := range codecs() {
		for _, name := range src.names {
			visit(src.typ(name), seen)
		}
	}
	for _, w := range wireTypes() {
		visit(w.typ, seen)
	}
	var unused []string
	for typ := range ov {
		if !used[typ] {
			unused = append(unused, typ.String())
		}
	}
	for typ := range optional() {
		if !used[typ] {
			unused = append(unused, typ.String())
		}
	}
	slices.Sort(unused)
	assert.Empty(t, unused, "overrides and optional members of types no schema contains")
}
