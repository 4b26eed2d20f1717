// Package schemagen derives JSON Schemas (draft 2020-12) from Go types as
// encoding/json writes them: struct fields by their json names, embedded
// structs flattened, omitempty and omitzero fields optional, every other
// field required, unknown members allowed (decoding tolerates them).
//
// A slice or map member without omitempty may be null, as encoding/json
// writes a nil one.
//
// Enumerations (uint8 types with MarshalText) become string enums of
// their wire names, found by marshalling the values 1, 2, … until one
// fails; time.Time is an RFC 3339 date-time (with a pattern, so that a
// validator that treats formats as annotations still checks it);
// decimal.Decimal a decimal string, decimal.NullDecimal one or null.
// Types with their own JSON or text form that the rules above cannot see
// take an override. Named struct types go to $defs, so every schema is one
// self-contained document.
package schemagen

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Draft is the JSON Schema dialect of every generated schema.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Schema is one JSON Schema object.
type Schema = map[string]any

// DecimalPattern is the pattern of a decimal written as a JSON string.
const DecimalPattern = `^-?[0-9]+(\.[0-9]+)?$`

// DateTimePattern is the pattern of a time.Time as encoding/json writes
// and reads it: an RFC 3339 date-time with an upper-case T, seconds, an
// optional fraction and Z or a numeric offset.
const DateTimePattern = `^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$`

var (
	timeType       = reflect.TypeFor[time.Time]()
	decimalType    = reflect.TypeFor[decimal.Decimal]()
	nullDecType    = reflect.TypeFor[decimal.NullDecimal]()
	rawType        = reflect.TypeFor[json.RawMessage]()
	textMarshaler  = reflect.TypeFor[encoding.TextMarshaler]()
	jsonMarshaler  = reflect.TypeFor[json.Marshaler]()
	byteSliceType  = reflect.TypeFor[[]byte]()
	durationType   = reflect.TypeFor[time.Duration]()
	errUnsupported = fmt.Errorf("schemagen: unsupported type")
)

// Generator builds schemas. Overrides give the schema of types whose JSON
// form the rules cannot derive (a custom MarshalJSON, a text form with a
// syntax); they are used as given, and a named struct type with an
// override is not looked into.
//
// Optional names, per struct type, the members that are optional although
// encoding/json always writes them: those whose absence a reader takes as
// a valid zero value (a population of 0 that is not known).
//
// Strict refuses, as for a custom MarshalJSON, a type with its own text
// form that is not an enumeration and has no override, so that every such
// form gets a schema that says what its text looks like.
type Generator struct {
	Overrides map[reflect.Type]Schema
	Optional  map[reflect.Type][]string
	Strict    bool
}

// Document returns the schema document of t with the given $id, title and
// description.
func (g *Generator) Document(id, title, description string, t reflect.Type) (Schema, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	b := builder{g: g, root: t, defs: map[string]Schema{}, inProgress: map[reflect.Type]bool{}}
	root, err := b.object(t)
	if err != nil {
		return nil, fmt.Errorf("schemagen: %s: %w", t, err)
	}
	doc := Schema{"$schema": Draft, "$id": id, "title": title}
	if description != "" {
		doc["description"] = description
	}
	for k, v := range root {
		doc[k] = v
	}
	if len(b.defs) > 0 {
		defs := Schema{}
		for k, v := range b.defs {
			defs[k] = v
		}
		doc["$defs"] = defs
	}
	return doc, nil
}

// Marshal writes a schema as indented JSON with sorted keys, &, < and >
// unescaped and a final newline, the form the repository keeps.
func Marshal(s Schema) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // patterns keep & < > as they are
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type builder struct {
	g          *Generator
	root       reflect.Type // the document's type, which "#" refers to
	defs       map[string]Schema
	inProgress map[reflect.Type]bool
}

// object returns the inline schema of a struct type (the root of a
// document is never a reference).
func (b *builder) object(t reflect.Type) (Schema, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if o, ok := b.g.Overrides[t]; ok {
		return o, nil
	}
	if t.Kind() != reflect.Struct {
		return b.schema(t)
	}
	if err := b.ownForm(t); err != nil {
		return nil, err
	}
	b.inProgress[t] = true
	defer delete(b.inProgress, t)
	fields, err := fieldsOf(t)
	if err != nil {
		return nil, err
	}
	props := Schema{}
	var required []string
	for _, f := range fields {
		s, err := b.schema(f.typ)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.name, err)
		}
		if f.asString {
			s = Schema{"type": "string"}
		}
		if !f.optional && b.nullable(f.typ) {
			s = Schema{"anyOf": []any{s, Schema{"type": "null"}}}
		}
		props[f.name] = s
		if !f.optional && !slices.Contains(b.g.Optional[t], f.name) {
			required = append(required, f.name)
		}
	}
	out := Schema{"type": "object", "properties": props}
	if len(required) > 0 {
		slices.Sort(required)
		out["required"] = required
	}
	return out, nil
}

// nullable reports whether encoding/json writes null for the nil value of
// t: a pointer, or a slice or map whose form is not its own.
func (b *builder) nullable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer:
		return true
	case reflect.Slice, reflect.Map:
		_, overridden := b.g.Overrides[t]
		return !overridden && !t.Implements(jsonMarshaler) && !t.Implements(textMarshaler)
	}
	return false
}

// schema returns the schema of t, a reference into $defs for named
// structs.
func (b *builder) schema(t reflect.Type) (Schema, error) {
	if o, ok := b.g.Overrides[t]; ok {
		return o, nil
	}
	if t.Kind() == reflect.Pointer {
		// A nil pointer is null (the field decides whether it may be);
		// any other is written as what it points to.
		return b.schema(t.Elem())
	}
	switch t {
	case timeType:
		return Schema{"type": "string", "format": "date-time", "pattern": DateTimePattern}, nil
	case decimalType:
		return Schema{"type": "string", "pattern": DecimalPattern}, nil
	case nullDecType:
		return Schema{"type": []any{"string", "null"}, "pattern": DecimalPattern}, nil
	case rawType:
		return Schema{}, nil
	case byteSliceType:
		return Schema{"type": "string", "contentEncoding": "base64"}, nil
	case durationType:
		return Schema{"type": "integer"}, nil
	}
	if names, ok := enumNames(t); ok {
		return Schema{"type": "string", "enum": names}, nil
	}
	if err := b.ownForm(t); err != nil {
		return nil, err
	}
	if t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
		return Schema{"type": "string"}, nil
	}
	switch t.Kind() {
	case reflect.String:
		return Schema{"type": "string"}, nil
	case reflect.Bool:
		return Schema{"type": "boolean"}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return Schema{"type": "integer"}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Schema{"type": "integer", "minimum": 0}, nil
	case reflect.Float32, reflect.Float64:
		return Schema{"type": "number"}, nil
	case reflect.Slice, reflect.Array:
		items, err := b.schema(t.Elem())
		if err != nil {
			return nil, err
		}
		out := Schema{"type": "array", "items": items}
		if t.Kind() == reflect.Array {
			out["minItems"], out["maxItems"] = t.Len(), t.Len()
		}
		return out, nil
	case reflect.Map:
		if t.Key().Kind() != reflect.String && !t.Key().Implements(textMarshaler) {
			return nil, fmt.Errorf("%w: map key %s", errUnsupported, t.Key())
		}
		vals, err := b.schema(t.Elem())
		if err != nil {
			return nil, err
		}
		out := Schema{"type": "object", "additionalProperties": vals}
		if names, ok := enumNames(t.Key()); ok {
			out["propertyNames"] = Schema{"enum": names}
		}
		return out, nil
	case reflect.Interface:
		return Schema{}, nil
	case reflect.Struct:
		if t == b.root {
			return Schema{"$ref": "#"}, nil
		}
		name := defName(t)
		if name == "" {
			return b.object(t)
		}
		if _, done := b.defs[name]; !done && !b.inProgress[t] {
			b.defs[name] = nil // reserve, for recursive types
			s, err := b.object(t)
			if err != nil {
				delete(b.defs, name)
				return nil, err
			}
			b.defs[name] = s
		}
		return Schema{"$ref": "#/$defs/" + name}, nil
	}
	return nil, fmt.Errorf("%w: %s", errUnsupported, t)
}

// ownForm refuses a type without an override that writes its own JSON
// (a MarshalJSON, perhaps promoted from an embedded field) or, when the
// generator is strict, its own text.
func (b *builder) ownForm(t reflect.Type) error {
	if t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) {
		return fmt.Errorf("%w: %s has its own MarshalJSON; give it an override", errUnsupported, t)
	}
	if b.g.Strict && (t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler)) {
		return fmt.Errorf("%w: %s has its own text form; give it an override", errUnsupported, t)
	}
	return nil
}

// defName names a struct type in $defs: "incident.Term".
func defName(t reflect.Type) string {
	if t.Name() == "" {
		return ""
	}
	pkg := t.PkgPath()
	if i := strings.LastIndexByte(pkg, '/'); i >= 0 {
		pkg = pkg[i+1:]
	}
	return pkg + "." + t.Name()
}

// EnumNames lists the wire names of an enumeration, as the generator
// writes them into a string enum: t is an enumeration when it is a uint8
// type with MarshalText, and its names are those of 1, 2, … up to the
// first value MarshalText refuses.
func EnumNames(t reflect.Type) ([]string, bool) { return enumNames(t) }

func enumNames(t reflect.Type) ([]string, bool) {
	if t.Kind() != reflect.Uint8 || !t.Implements(textMarshaler) {
		return nil, false
	}
	var names []string
	for v := 1; v < 256; v++ {
		val := reflect.New(t).Elem()
		val.SetUint(uint64(v))
		b, err := val.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			break
		}
		names = append(names, string(b))
	}
	return names, len(names) > 0
}

type field struct {
	name     string
	typ      reflect.Type
	optional bool
	asString bool
	depth    int
}

// fieldsOf lists the JSON members of a struct as encoding/json sees them:
// embedded structs without a json name are flattened, and of two fields
// with one name the shallower wins (both dropped when equally deep).
func fieldsOf(t reflect.Type) ([]field, error) {
	var all []field
	var walk func(t reflect.Type, depth int) error
	walk = func(t reflect.Type, depth int) error {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			ft := sf.Type
			if sf.Anonymous && name == "" {
				et := ft
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if et.Kind() == reflect.Struct {
					if err := walk(et, depth+1); err != nil {
						return err
					}
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			all = append(all, field{
				name: name, typ: ft, depth: depth,
				optional: strings.Contains(","+opts+",", ",omitempty,") || strings.Contains(","+opts+",", ",omitzero,"),
				asString: strings.Contains(","+opts+",", ",string,"),
			})
		}
		return nil
	}
	if err := walk(t, 0); err != nil {
		return nil, err
	}
	var out []field
	for _, f := range all {
		shadowed, tie := false, false
		for _, g := range all {
			if g.name == f.name && g != f {
				if g.depth < f.depth {
					shadowed = true
				} else if g.depth == f.depth {
					tie = true
				}
			}
		}
		if !shadowed && !tie {
			out = append(out, f)
		}
	}
	return out, nil
}
