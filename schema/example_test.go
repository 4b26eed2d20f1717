package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/schema"
)

func ExampleLookup() {
	b, ok := schema.Lookup(grassroots.SchemaURI("incident", "reported"))
	if !ok {
		fmt.Println("no schema")
		return
	}
	var doc struct {
		ID       string   `json:"$id"`
		Title    string   `json:"title"`
		Required []string `json:"required"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.ID)
	fmt.Println(doc.Title)
	fmt.Println(doc.Required)
	// Output:
	// https://raw.githubusercontent.com/grassrootsgov/grassroots/main/schema/incident/reported.v1.json
	// grassroots.incident.reported.v1 data
	// [accept_term actor aggregate_id at category channel command_id priority]
}

func ExampleNames() {
	for _, uri := range schema.Names() {
		if strings.HasPrefix(uri, grassroots.SchemaBase+"workday/") {
			fmt.Println(strings.TrimPrefix(uri, grassroots.SchemaBase))
		}
	}
	// Output:
	// workday/deadline.json
	// workday/limit.json
	// workday/notice.json
	// workday/spec.json
}

// A consumer validates what it receives with any JSON Schema validator;
// here the data of an envelope against the schema its dataschema names.
func Example_validate() {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// Every schema is self-contained; adding them all lets any be compiled.
	paths, _ := fs.Glob(schema.FS, "*/*.json")
	for _, p := range paths {
		b, _ := fs.ReadFile(schema.FS, p)
		doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		_ = c.AddResource(grassroots.SchemaBase+p, doc)
	}
	rated, err := c.Compile(grassroots.SchemaURI("incident", "rated"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, data := range []string{
		`{"aggregate_id":"inc-1","command_id":"c-9","actor":{"id":"resident-1","party":"resident"},"at":"2025-11-24T18:00:00+08:00","grade":"satisfied"}`,
		`{"aggregate_id":"inc-1","command_id":"c-9","actor":{"id":"resident-1","party":"resident"},"at":"2025-11-24T18:00:00+08:00","grade":"thrilled"}`,
	} {
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(data))
		fmt.Println(rated.Validate(inst) == nil)
	}
	// Output:
	// true
	// false
}
