package main

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/schemagen"
)

// file is one generated schema: its slash path under the schema
// directory and its bytes.
type file struct {
	path string
	body []byte
}

// eventSource is what the generator needs of one lifecycle codec.
type eventSource struct {
	pkg   string
	names []string
	typ   func(name string) reflect.Type
}

// events adapts a codec to an eventSource.
func events[E grassroots.DomainEvent](c *grassroots.Codec[E]) eventSource {
	return eventSource{
		pkg:   c.Package(),
		names: c.Names(),
		typ: func(name string) reflect.Type {
			e, _ := c.Zero(name)
			return reflect.TypeOf(e)
		},
	}
}

// wire is one JSON wire type: its schema is <pkg>/<name>.json.
type wire struct {
	pkg, name   string
	typ         reflect.Type
	title       string
	description string
	// patch refines the generated document where a member's rule is not
	// its Go type's (a []string of weekday names); nil for most types.
	patch func(schemagen.Schema)
}

// uri returns the $id of a wire type's schema.
func (w wire) uri() string { return grassroots.SchemaBase + w.pkg + "/" + w.name + ".json" }

// generate builds every schema file, sorted by path.
func generate() ([]file, error) {
	g := &schemagen.Generator{Overrides: overrides(), Optional: optional(), Strict: true}
	var files []file
	add := func(uri string, doc schemagen.Schema) error {
		body, err := schemagen.Marshal(doc)
		if err != nil {
			return err
		}
		path := strings.TrimPrefix(uri, grassroots.SchemaBase)
		if path == uri || strings.Count(path, "/") != 1 {
			return fmt.Errorf("%s is not <package>/<name> under %s", uri, grassroots.SchemaBase)
		}
		files = append(files, file{path: path, body: body})
		return nil
	}
	for _, src := range codecs() {
		for _, name := range src.names {
			t := src.typ(name)
			typ := grassroots.EventType(src.pkg, name)
			doc, err := g.Document(grassroots.SchemaURI(src.pkg, name), typ+" data", eventDescription(typ, t), t)
			if err != nil {
				return nil, err
			}
			if err := add(grassroots.SchemaURI(src.pkg, name), doc); err != nil {
				return nil, err
			}
		}
	}
	for _, w := range wireTypes() {
		doc, err := g.Document(w.uri(), w.title, w.description, w.typ)
		if err != nil {
			return nil, err
		}
		if w.patch != nil {
			w.patch(doc)
		}
		if err := add(w.uri(), doc); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.path, b.path) })
	for i := 1; i < len(files); i++ {
		if files[i].path == files[i-1].path {
			return nil, fmt.Errorf("two schemas at %s", files[i].path)
		}
	}
	return files, nil
}

// eventDescription describes the data schema of the event type typ,
// whose Go type is t.
func eventDescription(typ string, t reflect.Type) string {
	return fmt.Sprintf("The data member of a CloudEvents envelope of type %s: the Go type %s as encoding/json writes it, "+
		"with the metadata every domain event shares (aggregate_id, command_id, actor, at) at its top level. "+
		"Members the SDK always writes are required; unknown members are allowed.", typ, t)
}
