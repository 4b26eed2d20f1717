package schema

import (
	"embed"
	"io/fs"
	"slices"
	"strings"

	"github.com/grassrootsgov/grassroots"
)

//go:embed */*.json
var files embed.FS

// FS holds the schema files at their paths under grassroots.SchemaBase:
// "incident/reported.v1.json", "grassroots/event.json". It is read-only
// and safe for concurrent use.
var FS fs.FS = files

// Lookup returns the schema whose $id is uri, as the bytes of its file,
// and whether there is one. The bytes are a fresh copy the caller may
// keep or change.
func Lookup(uri string) ([]byte, bool) {
	path, ok := strings.CutPrefix(uri, grassroots.SchemaBase)
	if !ok || !fs.ValidPath(path) || strings.Count(path, "/") != 1 || !strings.HasSuffix(path, ".json") {
		return nil, false
	}
	b, err := files.ReadFile(path)
	if err != nil {
		return nil, false
	}
	return b, true
}

// Names returns the URI of every schema, sorted.
func Names() []string {
	paths, _ := fs.Glob(files, "*/*.json") // the pattern is well-formed
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = grassroots.SchemaBase + p
	}
	slices.Sort(out)
	return out
}
