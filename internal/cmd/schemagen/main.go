// Command schemagen writes the JSON Schemas (draft 2020-12) that package
// schema embeds: one for the data of every event type of every lifecycle
// codec, and one for every JSON wire type the SDK owns, each at the path
// its $id names under grassroots.SchemaBase.
//
// It derives the schemas from the Go types as encoding/json writes them
// (internal/schemagen), with overrides for the types that write their own
// JSON or text form. Run it through go generate:
//
//	go generate ./schema
//
// which runs it in the schema directory; -dir names another directory.
// The files it writes are indented JSON with sorted keys, so a run on
// unchanged types changes nothing; a schema file no type produces any more
// is removed.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir := flag.String("dir", ".", "the directory of package schema, which receives <package>/<name>.json")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "schemagen: unexpected argument %q\n", flag.Arg(0))
		os.Exit(2)
	}
	if err := write(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

// write generates every schema into dir and removes the schema files of
// dir that no longer have a source.
func write(dir string) error {
	files, err := generate()
	if err != nil {
		return err
	}
	keep := make(map[string]bool, len(files))
	for _, f := range files {
		keep[f.path] = true
		name := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if old, err := os.ReadFile(name); err == nil && string(old) == string(f.body) {
			continue
		}
		if err := os.WriteFile(name, f.body, 0o644); err != nil {
			return err
		}
	}
	stale, err := schemaFiles(os.DirFS(dir))
	if err != nil {
		return err
	}
	for _, p := range stale {
		if !keep[p] {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				return err
			}
		}
	}
	return nil
}

// schemaFiles lists the schema files of a schema directory: the .json
// files one level down, as slash paths.
func schemaFiles(fsys fs.FS) ([]string, error) {
	paths, err := fs.Glob(fsys, "*/*.json")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range paths {
		if !strings.HasPrefix(p, ".") {
			out = append(out, p)
		}
	}
	return out, nil
}
