package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/schema"
)

var schemaCommand = &command{
	name:  "schema",
	args:  "[-format text|json] [NAME]",
	short: "list the JSON Schemas of the SDK, or print one",
	long: `
Schema lists the JSON Schemas (draft 2020-12) of everything the SDK
writes for another system to read (package schema): the data of every
event type, the CloudEvents envelope, and the wire types (calendar specs,
grids, incident states and statistics, indicator systems, scorecards, …).

Without NAME it lists them, one a line: the short name and the URI (the
schema's $id); -format json writes [{"name", "uri"}].

With NAME it prints that schema as it is stored. NAME is the URI (as a
dataschema attribute names it), the short name <package>/<name>
("incident/reported", "incident/reported.v1", "grid/partition_report"),
or the CloudEvents type of an event ("grassroots.incident.reported.v1").

Exit status: 0 when the schema is found, 2 for an unknown name, which is
reported with the names that come closest.
`,
	examples: []example{
		{about: "every schema", cmd: "grassroots schema"},
		{about: "the schema of a reported matter's data, by its CloudEvents type", cmd: "grassroots schema grassroots.incident.reported.v1"},
		{about: "the same by its short name", cmd: "grassroots schema incident/reported"},
	},
	newFlags: func() commandFlags { return &schemaFlags{} },
}

type schemaFlags struct {
	format *choice
}

func (f *schemaFlags) define(fs *flag.FlagSet) {
	f.format = formatFlag(fs, "text", "text", "json")
}

func (f *schemaFlags) run(e *env, args []string) int {
	switch len(args) {
	case 0:
		return f.list(e)
	case 1:
	default:
		return e.usage("one NAME expected, got %d arguments", len(args))
	}
	uri, ok := schemaURI(args[0])
	if !ok {
		return e.usage("no schema %q; did you mean: %s", args[0], strings.Join(nearSchemas(args[0]), ", "))
	}
	b, _ := schema.Lookup(uri)
	e.stdout.Write(b)
	return exitOK
}

func (f *schemaFlags) list(e *env) int {
	type entry struct {
		Name string `json:"name"`
		URI  string `json:"uri"`
	}
	var list []entry
	for _, uri := range schema.Names() {
		list = append(list, entry{Name: shortName(uri), URI: uri})
	}
	if f.format.value == "json" {
		if err := writeJSON(e.stdout, list); err != nil {
			return e.unreadable(err)
		}
		return exitOK
	}
	for _, x := range list {
		fmt.Fprintf(e.stdout, "%-40s %s\n", x.Name, x.URI)
	}
	return exitOK
}

// shortName is the URI's path below grassroots.SchemaBase without
// ".json".
func shortName(uri string) string {
	return strings.TrimSuffix(strings.TrimPrefix(uri, grassroots.SchemaBase), ".json")
}

// schemaURI resolves a name given on the command line to a schema's
// URI.
func schemaURI(name string) (string, bool) {
	candidates := []string{name}
	if pkg, ev, ok := grassroots.ParseEventType(name); ok {
		candidates = append(candidates, grassroots.SchemaURI(pkg, ev))
	}
	short := strings.TrimSuffix(name, ".json")
	candidates = append(candidates, grassroots.SchemaBase+short+".json", grassroots.SchemaBase+short+".v1.json")
	for _, c := range candidates {
		if _, ok := schema.Lookup(c); ok {
			return c, true
		}
	}
	return "", false
}

// nearSchemas returns the short names that share the most with name:
// those containing its last word, or else those of its package.
func nearSchemas(name string) []string {
	word := name
	if i := strings.LastIndexAny(word, "/."); i >= 0 && i+1 < len(word) {
		word = word[i+1:]
	}
	pkg, _, _ := strings.Cut(strings.TrimPrefix(name, "grassroots."), "/")
	pkg, _, _ = strings.Cut(pkg, ".")
	var byWord, byPkg []string
	for _, uri := range schema.Names() {
		s := shortName(uri)
		if strings.Contains(s, word) && word != "v1" && word != "json" {
			byWord = append(byWord, s)
		}
		if strings.HasPrefix(s, pkg+"/") {
			byPkg = append(byPkg, s)
		}
	}
	switch {
	case len(byWord) > 0:
		return byWord
	case len(byPkg) > 0:
		return byPkg
	}
	return []string{`"grassroots schema" lists them`}
}
