package grassroots

import (
	"encoding"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// An encodePlan writes a Go value of one type straight in the RFC 8785
// form of what encoding/json would write for it, so that an envelope's
// data costs one pass instead of encoding/json's pass and the
// canonicaliser's. It covers the common shapes of event data; whenever
// the type or the value strays from them (a string that is not valid
// UTF-8 or holds a noncharacter, an integer of more than 15 digits, a
// float32, a NaN, an interface, a byte slice, a map with keys that are
// not strings, an output of MarshalJSON that is not I-JSON) it gives up
// and the codec takes the slow way, encoding/json then the canonicaliser,
// which writes the same bytes or names the problem.
//
// Plans are built when a Codec is made and are immutable after that.
type encodePlan struct {
	kind   encodeKind
	fields []encodeField // encodeStruct, in canonical order
	elem   *encodePlan   // encodeSlice, encodePointer, encodeMap
	// For types with a MarshalJSON or MarshalText method on the pointer
	// only, the plan for an unaddressable value, which encoding/json
	// writes without the method.
	plain *encodePlan
}

type encodeField struct {
	name      string
	index     []int
	plan      *encodePlan
	omitEmpty bool
	omitZero  bool
	isZero    func(reflect.Value) bool // the type's IsZero, for omitzero
}

type encodeKind uint8

const (
	encodeGiveUp encodeKind = iota
	encodeMarshaler
	encodeAddrMarshaler
	encodeText
	encodeAddrText
	encodeString
	encodeBool
	encodeInt
	encodeUint
	encodeFloat64
	encodeStruct
	encodeSlice
	encodePointer
	encodeMap
	encodeInterface // null when nil, else left to encoding/json
)

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	isZeroerType      = reflect.TypeFor[interface{ IsZero() bool }]()
)

// newEncodePlan returns the plan for t, or nil when the fast path cannot
// write t at all.
func newEncodePlan(t reflect.Type) *encodePlan {
	return buildEncodePlan(t, true, make(map[encodeKey]*encodePlan))
}

type encodeKey struct {
	t         reflect.Type
	allowAddr bool
}

// buildEncodePlan follows encoding/json's choice of encoder for t:
// MarshalJSON before MarshalText before the kind, the pointer receiver's
// methods only for addressable values.
func buildEncodePlan(t reflect.Type, allowAddr bool, building map[encodeKey]*encodePlan) *encodePlan {
	key := encodeKey{t, allowAddr}
	if p, ok := building[key]; ok {
		return p
	}
	p := &encodePlan{}
	building[key] = p
	switch {
	case t.Kind() == reflect.Interface:
		p.kind = encodeInterface
		return p
	case t.Kind() != reflect.Pointer && allowAddr && reflect.PointerTo(t).Implements(jsonMarshalerType):
		p.kind = encodeAddrMarshaler
		if p.plain = buildEncodePlan(t, false, building); p.plain == nil {
			return nil
		}
		return p
	case t.Implements(jsonMarshalerType):
		p.kind = encodeMarshaler
		return p
	case t.Kind() != reflect.Pointer && allowAddr && reflect.PointerTo(t).Implements(textMarshalerType):
		p.kind = encodeAddrText
		if p.plain = buildEncodePlan(t, false, building); p.plain == nil {
			return nil
		}
		return p
	case t.Implements(textMarshalerType):
		p.kind = encodeText
		return p
	}
	switch t.Kind() {
	case reflect.String:
		if t != reflect.TypeFor[json.Number]() {
			p.kind = encodeString
		}
	case reflect.Bool:
		p.kind = encodeBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.kind = encodeInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		p.kind = encodeUint
	case reflect.Float64:
		p.kind = encodeFloat64
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return p // base64, or bytes with methods: encodeGiveUp
		}
		if p.elem = buildEncodePlan(t.Elem(), true, building); p.elem == nil {
			return nil
		}
		p.kind = encodeSlice
	case reflect.Pointer:
		if p.elem = buildEncodePlan(t.Elem(), true, building); p.elem == nil {
			return nil
		}
		p.kind = encodePointer
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return p // encodeGiveUp
		}
		if p.elem = buildEncodePlan(t.Elem(), false, building); p.elem == nil {
			return nil
		}
		p.kind = encodeMap
	case reflect.Struct:
		fields, ok := encodeFields(t, building)
		if !ok {
			return nil
		}
		slices.SortFunc(fields, func(a, b encodeField) int { return canonjson.CompareUTF16(a.name, b.name) })
		for i := 1; i < len(fields); i++ {
			if fields[i].name == fields[i-1].name {
				return nil // resolved by encoding/json's dominance rules
			}
		}
		p.kind, p.fields = encodeStruct, fields
	}
	return p
}

// encodeFields lists the fields encoding/json writes for struct t, with
// the embedded structs' fields promoted; ok is false for the shapes left
// to encoding/json entirely.
func encodeFields(t reflect.Type, building map[encodeKey]*encodePlan) ([]encodeField, bool) {
	var out []encodeField
	ok := jsonFields(t, nil, func(sf reflect.StructField, name, opts string, at []int) bool {
		plan := &encodePlan{} // encodeGiveUp, for ",string"
		if !hasOption(opts, "string") {
			if plan = buildEncodePlan(sf.Type, true, building); plan == nil {
				return false
			}
		}
		f := encodeField{name: name, index: at, plan: plan, omitEmpty: hasOption(opts, "omitempty"), omitZero: hasOption(opts, "omitzero")}
		if f.omitZero {
			f.isZero = zeroTest(sf.Type)
		}
		out = append(out, f)
		return true
	})
	return out, ok
}

// zeroTest returns the test encoding/json uses for omitzero on type t:
// its IsZero method when it has one, else nil (reflect's IsZero).
func zeroTest(t reflect.Type) func(reflect.Value) bool {
	switch {
	case (t.Kind() == reflect.Interface || t.Kind() == reflect.Pointer) && t.Implements(isZeroerType):
		return func(v reflect.Value) bool {
			return v.IsNil() || v.Interface().(interface{ IsZero() bool }).IsZero()
		}
	case t.Implements(isZeroerType):
		return func(v reflect.Value) bool { return v.Interface().(interface{ IsZero() bool }).IsZero() }
	case reflect.PointerTo(t).Implements(isZeroerType):
		return func(v reflect.Value) bool {
			if !v.CanAddr() {
				boxed := reflect.New(v.Type()).Elem()
				boxed.Set(v)
				v = boxed
			}
			return v.Addr().Interface().(interface{ IsZero() bool }).IsZero()
		}
	}
	return nil
}

// isEmptyValue is encoding/json's test for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// maxEncodeDepth bounds the fast path's recursion; deeper values (and
// cycles, which encoding/json refuses) are left to encoding/json.
const maxEncodeDepth = 500

// encodeFast appends the canonical JSON of v to dst and reports whether
// it could; false leaves dst's new bytes unspecified.
func encodeFast(dst []byte, p *encodePlan, v reflect.Value) ([]byte, bool) {
	return appendValue(dst, p, v, 0)
}

func appendValue(dst []byte, p *encodePlan, v reflect.Value, depth int) ([]byte, bool) {
	if depth > maxEncodeDepth {
		return dst, false
	}
	switch p.kind {
	case encodeAddrMarshaler:
		if !v.CanAddr() {
			return appendValue(dst, p.plain, v, depth)
		}
		return appendMarshaler(dst, v.Addr())
	case encodeMarshaler:
		if t, ok := reflect.TypeAssert[time.Time](v); ok {
			return appendTime(dst, t)
		}
		return appendMarshaler(dst, v)
	case encodeAddrText:
		if !v.CanAddr() {
			return appendValue(dst, p.plain, v, depth)
		}
		return appendText(dst, v.Addr())
	case encodeText:
		return appendText(dst, v)
	case encodeString:
		return appendJSONString(dst, v.String())
	case encodeBool:
		return strconv.AppendBool(dst, v.Bool()), true
	case encodeInt:
		n := v.Int()
		if n > 999_999_999_999_999 || n < -999_999_999_999_999 {
			return dst, false
		}
		return strconv.AppendInt(dst, n, 10), true
	case encodeUint:
		n := v.Uint()
		if n > 999_999_999_999_999 {
			return dst, false
		}
		return strconv.AppendUint(dst, n, 10), true
	case encodeFloat64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return dst, false
		}
		out, err := canonjson.AppendNumber(dst, f)
		return out, err == nil
	case encodeStruct:
		return appendStruct(dst, p, v, depth)
	case encodeSlice:
		if v.IsNil() {
			return append(dst, "null"...), true
		}
		dst = append(dst, '[')
		for i := range v.Len() {
			if i > 0 {
				dst = append(dst, ',')
			}
			var ok bool
			if dst, ok = appendValue(dst, p.elem, v.Index(i), depth+1); !ok {
				return dst, false
			}
		}
		return append(dst, ']'), true
	case encodePointer:
		if v.IsNil() {
			return append(dst, "null"...), true
		}
		return appendValue(dst, p.elem, v.Elem(), depth+1)
	case encodeMap:
		return appendMap(dst, p, v, depth)
	case encodeInterface:
		return append(dst, "null"...), v.IsNil()
	}
	return dst, false
}

func appendStruct(dst []byte, p *encodePlan, v reflect.Value, depth int) ([]byte, bool) {
	dst = append(dst, '{')
	n := 0
	for i := range p.fields {
		f := &p.fields[i]
		fv := v.FieldByIndex(f.index)
		if f.omitEmpty && isEmptyValue(fv) {
			continue
		}
		if f.omitZero && (f.isZero == nil && fv.IsZero() || f.isZero != nil && f.isZero(fv)) {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
		dst = append(dst, '"')
		dst = append(dst, f.name...)
		dst = append(dst, '"', ':')
		var ok bool
		if dst, ok = appendValue(dst, f.plan, fv, depth+1); !ok {
			return dst, false
		}
	}
	return append(dst, '}'), true
}

func appendMap(dst []byte, p *encodePlan, v reflect.Value, depth int) ([]byte, bool) {
	if v.IsNil() {
		return append(dst, "null"...), true
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return canonjson.CompareUTF16(a.String(), b.String()) })
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		var ok bool
		if dst, ok = appendJSONString(dst, k.String()); !ok {
			return dst, false
		}
		dst = append(dst, ':')
		if dst, ok = appendValue(dst, p.elem, v.MapIndex(k), depth+1); !ok {
			return dst, false
		}
	}
	return append(dst, '}'), true
}

// appendMarshaler writes what MarshalJSON returns in canonical form,
// checked as I-JSON on the way; null for a nil pointer, as encoding/json.
func appendMarshaler(dst []byte, v reflect.Value) ([]byte, bool) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return append(dst, "null"...), true
	}
	m, ok := v.Interface().(json.Marshaler)
	if !ok {
		return dst, false
	}
	b, err := m.MarshalJSON()
	if err != nil {
		return dst, false
	}
	out, err := canonjson.AppendExact(dst, b)
	return out, err == nil
}

func appendText(dst []byte, v reflect.Value) ([]byte, bool) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return append(dst, "null"...), true
	}
	m, ok := v.Interface().(encoding.TextMarshaler)
	if !ok {
		return dst, false
	}
	b, err := m.MarshalText()
	if err != nil || !canonjson.IsTextBytes(b) {
		return dst, false
	}
	return canonjson.AppendBytes(dst, b), true
}

// appendTime writes t as time.Time's MarshalJSON does, which it checks
// the same way, without boxing t for the call.
func appendTime(dst []byte, t time.Time) ([]byte, bool) {
	n0 := len(dst) + 1
	dst = t.AppendFormat(append(dst, '"'), time.RFC3339Nano)
	switch {
	case dst[n0+len("9999")] != '-':
		return dst, false // year outside 0000-9999
	case dst[len(dst)-1] != 'Z':
		c := dst[len(dst)-len("Z07:00")]
		h := 10*(dst[len(dst)-5]-'0') + dst[len(dst)-4] - '0'
		if '0' <= c && c <= '9' || h >= 24 {
			return dst, false // offset of 24 hours or more
		}
	}
	return append(dst, '"'), true
}

// appendJSONString writes s as a canonical JSON string when it is I-JSON text
// (valid UTF-8 without noncharacters), which encoding/json writes as it is.
func appendJSONString(dst []byte, s string) ([]byte, bool) {
	if !canonjson.IsPlainASCII(s) && !canonjson.IsText(s) {
		return dst, false
	}
	return canonjson.AppendString(dst, s), true
}
