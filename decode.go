package grassroots

import (
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// A decodePlan decodes event data into one Go type the way encoding/json
// does, without its reflection over struct tags and its separate
// validity pass for every value. It covers the common shapes of event
// data (structs with embedded structs, strings, numbers, booleans,
// slices, maps with string keys, pointers, and types with their own
// UnmarshalJSON or UnmarshalText). Whenever the input or the type strays
// from what it covers (a null into a type with methods, a string with
// escapes, a member name that matches a field only case-insensitively, a
// type mismatch, a syntax error), it gives up, and the caller decodes the
// data again with encoding/json into a fresh value: the result is
// encoding/json's in every case, only faster in the common one.
//
// Plans are built when a Codec is made and are immutable after that.
type decodePlan struct {
	kind   planKind
	fields []fieldPlan  // planStruct
	elem   *decodePlan  // planSlice, planPointer, planMap
	t      reflect.Type // planPointer, planMap: the element type
}

type fieldPlan struct {
	name  string
	index []int
	plan  *decodePlan
}

type planKind uint8

const (
	// planGiveUp is a field type the fast path leaves to encoding/json
	// whenever its member is present (interfaces, arrays, []byte,
	// json.Number, fields tagged ",string", channels, functions).
	planGiveUp planKind = iota
	planUnmarshaler
	planText
	planString
	planBool
	planInt
	planUint
	planFloat
	planStruct
	planSlice
	planPointer
	planMap
)

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonNumberType      = reflect.TypeFor[json.Number]()
)

// newDecodePlan returns the plan for t, or nil when the fast path cannot
// decode t at all (a struct whose fields encoding/json would resolve by
// its dominance rules, an embedded pointer, a name it would not use).
func newDecodePlan(t reflect.Type) *decodePlan {
	return buildPlan(t, make(map[reflect.Type]*decodePlan))
}

func buildPlan(t reflect.Type, building map[reflect.Type]*decodePlan) *decodePlan {
	if p, ok := building[t]; ok {
		return p
	}
	p := &decodePlan{}
	building[t] = p
	pt := reflect.PointerTo(t)
	switch {
	case t.Kind() != reflect.Pointer && pt.Implements(jsonUnmarshalerType):
		p.kind = planUnmarshaler
		return p
	case t.Kind() != reflect.Pointer && pt.Implements(textUnmarshalerType):
		p.kind = planText
		return p
	case t == jsonNumberType:
		return p // planGiveUp
	}
	switch t.Kind() {
	case reflect.String:
		p.kind = planString
	case reflect.Bool:
		p.kind = planBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.kind = planInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		p.kind = planUint
	case reflect.Float32, reflect.Float64:
		p.kind = planFloat
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return p // base64 text: planGiveUp
		}
		if p.elem = buildPlan(t.Elem(), building); p.elem == nil {
			return nil
		}
		p.kind = planSlice
	case reflect.Pointer:
		if p.elem = buildPlan(t.Elem(), building); p.elem == nil {
			return nil
		}
		p.kind, p.t = planPointer, t.Elem()
	case reflect.Map:
		k := t.Key()
		if k.Kind() != reflect.String || reflect.PointerTo(k).Implements(textUnmarshalerType) {
			return p // planGiveUp
		}
		if p.elem = buildPlan(t.Elem(), building); p.elem == nil {
			return nil
		}
		p.kind, p.t = planMap, t.Elem()
	case reflect.Struct:
		fields, ok := structFields(t, building)
		if !ok {
			return nil
		}
		for i := range fields {
			for j := range i {
				if fields[i].name == fields[j].name {
					// encoding/json would pick one by depth and tags, or
					// drop both: leave such types to it.
					return nil
				}
			}
		}
		// In name order, the order of canonical data, so that object
		// finds each member's field where it looks first.
		slices.SortFunc(fields, func(a, b fieldPlan) int { return strings.Compare(a.name, b.name) })
		p.kind, p.fields = planStruct, fields
	}
	return p
}

// structFields lists the fields encoding/json decodes into for struct t,
// with the embedded structs' fields promoted; ok is false for the shapes
// left to encoding/json entirely.
func structFields(t reflect.Type, building map[reflect.Type]*decodePlan) ([]fieldPlan, bool) {
	var out []fieldPlan
	ok := jsonFields(t, nil, func(sf reflect.StructField, name, opts string, at []int) bool {
		var plan *decodePlan
		if hasOption(opts, "string") {
			plan = &decodePlan{} // planGiveUp
		} else if plan = buildPlan(sf.Type, building); plan == nil {
			return false
		}
		out = append(out, fieldPlan{name: name, index: at, plan: plan})
		return true
	})
	return out, ok
}

// jsonFields calls field, in order, for each field of struct type t that
// encoding/json reads and writes, with its JSON name, its tag's options
// and its index path (index followed by its own), promoting the fields of
// embedded structs as encoding/json does. It reports false, as soon as
// it meets one, for the shapes the fast paths leave to encoding/json
// (embedded pointers, embedded unexported structs with a name, names
// that need escaping) and where field reports false.
func jsonFields(t reflect.Type, index []int, field func(sf reflect.StructField, name, opts string, at []int) bool) bool {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := cutComma(tag)
		at := append(append([]int(nil), index...), i)
		if sf.Anonymous {
			base := sf.Type
			if base.Kind() == reflect.Pointer {
				base = base.Elem()
			}
			switch {
			case !sf.IsExported() && base.Kind() != reflect.Struct:
				continue // encoding/json ignores these
			case sf.Type.Kind() == reflect.Pointer || !sf.IsExported() && name != "":
				return false // allocated or refused by encoding/json
			case name == "" && base.Kind() == reflect.Struct:
				if !jsonFields(base, at, field) {
					return false
				}
				continue
			}
			// An exported embedded non-struct, or a named embedded struct:
			// a field like any other.
		} else if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		if !plainName(name) || !field(sf, name, opts, at) {
			return false
		}
	}
	return true
}

func cutComma(tag string) (name, opts string, found bool) {
	for i := 0; i < len(tag); i++ {
		if tag[i] == ',' {
			return tag[:i], tag[i+1:], true
		}
	}
	return tag, "", false
}

func hasOption(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = cutComma(opts)
		if o == want {
			return true
		}
	}
	return false
}

// plainName reports whether name is ASCII letters, digits and
// underscores, a member name that encoding/json uses as it is.
func plainName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return name != ""
}

// decodeFast decodes data into v (settable, zero) with plan p and reports
// whether it did; false leaves v in an unspecified state, to be thrown
// away.
func decodeFast(p *decodePlan, data []byte, v reflect.Value) bool {
	d := fastDecoder{in: data}
	d.skipSpace()
	if !d.value(p, v, 0) {
		return false
	}
	d.skipSpace()
	return d.pos == len(d.in)
}

// maxFastDepth bounds the fast path's recursion; deeper data is left to
// encoding/json, which has its own limit.
const maxFastDepth = 1000

type fastDecoder struct {
	in  []byte
	pos int
	// text is the input as one string, made at the first string member:
	// the strings decoded share it, so an event's strings cost one
	// allocation, not one each. They keep the whole text alive, which is
	// no larger than the event holding them.
	text string
}

func (d *fastDecoder) skipSpace() {
	for d.pos < len(d.in) {
		switch d.in[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *fastDecoder) literal(word string) bool {
	if len(d.in)-d.pos < len(word) || string(d.in[d.pos:d.pos+len(word)]) != word {
		return false
	}
	d.pos += len(word)
	return true
}

func (d *fastDecoder) value(p *decodePlan, v reflect.Value, depth int) bool {
	if d.pos >= len(d.in) || depth > maxFastDepth {
		return false
	}
	c := d.in[d.pos]
	if c == 'n' {
		if !d.literal("null") {
			return false
		}
		switch p.kind {
		case planPointer, planSlice, planMap:
			v.SetZero()
			return true
		case planString, planBool, planInt, planUint, planFloat, planStruct:
			return true
		}
		return false
	}
	switch p.kind {
	case planUnmarshaler:
		start := d.pos
		if !d.skipValue(depth) {
			return false
		}
		u, ok := v.Addr().Interface().(json.Unmarshaler)
		return ok && u.UnmarshalJSON(d.in[start:d.pos]) == nil
	case planText:
		s, ok := d.str()
		if !ok {
			return false
		}
		u, ok := v.Addr().Interface().(encoding.TextUnmarshaler)
		return ok && u.UnmarshalText(s) == nil
	case planString:
		start := d.pos + 1
		s, ok := d.str()
		if ok {
			if d.text == "" {
				d.text = string(d.in)
			}
			v.SetString(d.text[start : start+len(s)])
		}
		return ok
	case planBool:
		switch {
		case d.literal("true"):
			v.SetBool(true)
		case d.literal("false"):
			v.SetBool(false)
		default:
			return false
		}
		return true
	case planInt:
		lit, ok := d.number()
		if !ok {
			return false
		}
		n, err := strconv.ParseInt(string(lit), 10, 64)
		if err != nil || v.OverflowInt(n) {
			return false
		}
		v.SetInt(n)
		return true
	case planUint:
		lit, ok := d.number()
		if !ok {
			return false
		}
		n, err := strconv.ParseUint(string(lit), 10, 64)
		if err != nil || v.OverflowUint(n) {
			return false
		}
		v.SetUint(n)
		return true
	case planFloat:
		lit, ok := d.number()
		if !ok {
			return false
		}
		f, err := strconv.ParseFloat(string(lit), v.Type().Bits())
		if err != nil || v.OverflowFloat(f) {
			return false
		}
		v.SetFloat(f)
		return true
	case planStruct:
		return c == '{' && d.object(p, v, depth)
	case planSlice:
		return c == '[' && d.array(p, v, depth)
	case planPointer:
		if v.IsNil() {
			v.Set(reflect.New(p.t))
		}
		return d.value(p.elem, v.Elem(), depth)
	case planMap:
		return c == '{' && d.mapObject(p, v, depth)
	}
	return false
}

// members walks the members of the object at d.pos, calling fn with each
// name (without escapes) with d.pos at the value, which fn must consume.
func (d *fastDecoder) members(fn func(name []byte) bool) bool {
	d.pos++ // '{'
	d.skipSpace()
	if d.pos < len(d.in) && d.in[d.pos] == '}' {
		d.pos++
		return true
	}
	for {
		d.skipSpace()
		if d.pos >= len(d.in) || d.in[d.pos] != '"' {
			return false
		}
		name, ok := d.str()
		if !ok {
			return false
		}
		d.skipSpace()
		if d.pos >= len(d.in) || d.in[d.pos] != ':' {
			return false
		}
		d.pos++
		d.skipSpace()
		if !fn(name) {
			return false
		}
		d.skipSpace()
		if d.pos >= len(d.in) {
			return false
		}
		switch d.in[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return true
		default:
			return false
		}
	}
}

func (d *fastDecoder) object(p *decodePlan, v reflect.Value, depth int) bool {
	next := 0 // the field after the last one matched
	return d.members(func(name []byte) bool {
		for k := range p.fields {
			i := (next + k) % len(p.fields)
			if f := &p.fields[i]; f.name == string(name) {
				next = i + 1
				return d.value(f.plan, v.FieldByIndex(f.index), depth+1)
			}
		}
		// encoding/json would take a member whose name matches a field
		// but for case (by Unicode folding, for non-ASCII names).
		for i := range p.fields {
			if !asciiFoldDiffers(p.fields[i].name, name) {
				return false
			}
		}
		return d.skipValue(depth + 1)
	})
}

// asciiFoldDiffers reports whether name certainly does not match field
// (ASCII) under encoding/json's case folding: name is ASCII and differs
// from field other than in case, or has a different length in bytes
// than any folding of field could have.
func asciiFoldDiffers(field string, name []byte) bool {
	for _, c := range name {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	if len(field) != len(name) {
		return true
	}
	for i := range name {
		a, b := field[i], name[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return true
		}
	}
	return false
}

func (d *fastDecoder) mapObject(p *decodePlan, v reflect.Value, depth int) bool {
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	kt := v.Type().Key()
	return d.members(func(name []byte) bool {
		elem := reflect.New(p.t).Elem()
		if !d.value(p.elem, elem, depth+1) {
			return false
		}
		v.SetMapIndex(reflect.ValueOf(string(name)).Convert(kt), elem)
		return true
	})
}

// array decodes into a slice as encoding/json does: into the elements
// already there, growing it as needed, then cutting it to the length
// read; an empty array gives an empty, non-nil slice.
func (d *fastDecoder) array(p *decodePlan, v reflect.Value, depth int) bool {
	d.pos++ // '['
	i := 0
	d.skipSpace()
	if d.pos < len(d.in) && d.in[d.pos] == ']' {
		d.pos++
	} else {
		for {
			d.skipSpace()
			if i >= v.Cap() {
				v.Grow(1)
			}
			if i >= v.Len() {
				v.SetLen(i + 1)
			}
			if !d.value(p.elem, v.Index(i), depth+1) {
				return false
			}
			i++
			d.skipSpace()
			if d.pos >= len(d.in) {
				return false
			}
			if d.in[d.pos] == ']' {
				d.pos++
				break
			}
			if d.in[d.pos] != ',' {
				return false
			}
			d.pos++
		}
	}
	if i < v.Len() {
		v.SetLen(i)
	}
	if i == 0 {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
	}
	return true
}

// str reads a string without escapes whose bytes are valid UTF-8 and
// returns its content, aliasing the input. Anything else is left to
// encoding/json.
func (d *fastDecoder) str() ([]byte, bool) {
	if d.pos >= len(d.in) || d.in[d.pos] != '"' {
		return nil, false
	}
	start := d.pos + 1
	ascii := true
	for i := start; ; i++ {
		if i = canonjson.FirstSpecial(d.in, i); i >= len(d.in) {
			return nil, false
		}
		switch c := d.in[i]; {
		case c == '"':
			s := d.in[start:i]
			if !ascii && !utf8.Valid(s) {
				return nil, false
			}
			d.pos = i + 1
			return s, true
		case c == '\\' || c < 0x20:
			return nil, false
		}
		ascii = false
	}
}

// number reads a number literal, checked against the JSON grammar.
func (d *fastDecoder) number() ([]byte, bool) {
	start := d.pos
	if d.pos < len(d.in) && d.in[d.pos] == '-' {
		d.pos++
	}
	digits := func() int {
		n := 0
		for d.pos < len(d.in) && d.in[d.pos] >= '0' && d.in[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	switch {
	case d.pos < len(d.in) && d.in[d.pos] == '0':
		d.pos++
	case digits() == 0:
		return nil, false
	}
	if d.pos < len(d.in) && d.in[d.pos] == '.' {
		d.pos++
		if digits() == 0 {
			return nil, false
		}
	}
	if d.pos < len(d.in) && (d.in[d.pos] == 'e' || d.in[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.in) && (d.in[d.pos] == '+' || d.in[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return nil, false
		}
	}
	return d.in[start:d.pos], true
}

// skipValue moves past one value of any kind, checking its syntax as
// encoding/json does: strings may hold any escape JSON allows and any
// bytes but control characters.
func (d *fastDecoder) skipValue(depth int) bool {
	if d.pos >= len(d.in) || depth > maxFastDepth {
		return false
	}
	switch c := d.in[d.pos]; {
	case c == '"':
		return d.skipString()
	case c == '{':
		d.pos++
		d.skipSpace()
		if d.pos < len(d.in) && d.in[d.pos] == '}' {
			d.pos++
			return true
		}
		for {
			d.skipSpace()
			if d.pos >= len(d.in) || d.in[d.pos] != '"' || !d.skipString() {
				return false
			}
			d.skipSpace()
			if d.pos >= len(d.in) || d.in[d.pos] != ':' {
				return false
			}
			d.pos++
			d.skipSpace()
			if !d.skipValue(depth + 1) {
				return false
			}
			d.skipSpace()
			if d.pos >= len(d.in) {
				return false
			}
			if d.in[d.pos] == '}' {
				d.pos++
				return true
			}
			if d.in[d.pos] != ',' {
				return false
			}
			d.pos++
		}
	case c == '[':
		d.pos++
		d.skipSpace()
		if d.pos < len(d.in) && d.in[d.pos] == ']' {
			d.pos++
			return true
		}
		for {
			d.skipSpace()
			if !d.skipValue(depth + 1) {
				return false
			}
			d.skipSpace()
			if d.pos >= len(d.in) {
				return false
			}
			if d.in[d.pos] == ']' {
				d.pos++
				return true
			}
			if d.in[d.pos] != ',' {
				return false
			}
			d.pos++
		}
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		_, ok := d.number()
		return ok
	}
	return false
}

func (d *fastDecoder) skipString() bool {
	for i := d.pos + 1; i < len(d.in); i++ {
		switch c := d.in[i]; {
		case c == '"':
			d.pos = i + 1
			return true
		case c < 0x20:
			return false
		case c == '\\':
			i++
			if i >= len(d.in) {
				return false
			}
			switch d.in[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(d.in) {
					return false
				}
				for _, h := range d.in[i+1 : i+5] {
					if (h < '0' || h > '9') && (h < 'a' || h > 'f') && (h < 'A' || h > 'F') {
						return false
					}
				}
				i += 4
			default:
				return false
			}
		}
	}
	return false
}
