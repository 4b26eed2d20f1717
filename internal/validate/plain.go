package validate

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// The validator walks a struct by reflection and costs far more than the
// rules most structs hold. Tags first asks a plan of the struct type,
// built once from its tags, whether its values certainly pass; only a
// value the plan cannot vouch for goes to the validator, which then
// reports exactly what it always did. A plan exists only for types whose
// tags are all from a small set whose meaning the plan copies exactly:
// on strings omitempty (first), required, max=N, id and http_url; on
// slices of strings omitempty (first), max=N and dive followed by string
// tags. Any other tag, and any field the validator would descend into
// (a struct other than time.Time, a pointer, an interface, a map, an
// untagged slice or array), leaves the type without a plan.

// stringCheck is one tag of a string field; it reports whether s passes.
type stringCheck func(s string) bool

// fieldPlan holds the tags of one exported field.
type fieldPlan struct {
	index     int
	slice     bool
	omitEmpty bool
	max       int // slice length limit; -1 when none
	checks    []stringCheck
	elem      *fieldPlan // the string tags after dive
}

type structPlan struct{ fields []fieldPlan }

// plans caches the plan of each struct type Tags has seen (reflect.Type
// → *structPlan, nil for a type without one). A plan depends on its type
// alone, so the cache changes no result.
var plans sync.Map

var timeType = reflect.TypeFor[time.Time]()

// passes reports whether v certainly passes its validate tags: false
// means only that the validator must decide.
func passes(v any) bool {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Struct {
		return false
	}
	p, ok := plans.Load(rv.Type())
	if !ok {
		p, _ = plans.LoadOrStore(rv.Type(), planOf(rv.Type()))
	}
	plan := p.(*structPlan)
	return plan != nil && plan.passes(rv)
}

func (p *structPlan) passes(rv reflect.Value) bool {
	for i := range p.fields {
		f := &p.fields[i]
		fv := rv.Field(f.index)
		if !f.slice {
			if !f.passString(fv.String()) {
				return false
			}
			continue
		}
		n := fv.Len()
		if n == 0 && (f.omitEmpty || fv.IsNil()) {
			continue
		}
		if f.max >= 0 && n > f.max {
			return false
		}
		if f.elem != nil {
			for j := range n {
				if !f.elem.passString(fv.Index(j).String()) {
					return false
				}
			}
		}
	}
	return true
}

func (f *fieldPlan) passString(s string) bool {
	if s == "" && f.omitEmpty {
		return true
	}
	for _, c := range f.checks {
		if !c(s) {
			return false
		}
	}
	return true
}

// planOf returns the plan of struct type t, or nil when t has none.
func planOf(t reflect.Type) *structPlan {
	p := &structPlan{}
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, tagged := sf.Tag.Lookup("validate")
		switch {
		case tag == "-":
			continue
		case !sf.Anonymous && !sf.IsExported():
			continue
		case !tagged || tag == "":
			if descends(sf.Type) {
				return nil
			}
			continue
		}
		f, ok := fieldPlanOf(sf.Type, tag)
		if !ok {
			return nil
		}
		f.index = i
		p.fields = append(p.fields, f)
	}
	return p
}

// descends reports whether the validator may look inside an untagged
// field of type t.
func descends(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct:
		return t != timeType
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Array:
		return true
	}
	return false
}

func fieldPlanOf(t reflect.Type, tag string) (fieldPlan, bool) {
	f := fieldPlan{max: -1}
	switch {
	case t.Kind() == reflect.String:
		return f, stringTags(&f, strings.Split(tag, ","))
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		f.slice = true
	default:
		return f, false
	}
	tags := strings.Split(tag, ",")
	if tags[0] == "omitempty" {
		f.omitEmpty, tags = true, tags[1:]
	}
	for i, tg := range tags {
		switch {
		case tg == "dive":
			f.elem = &fieldPlan{max: -1}
			return f, stringTags(f.elem, tags[i+1:])
		case strings.HasPrefix(tg, "max="):
			n, err := strconv.Atoi(tg[len("max="):])
			if err != nil || n < 0 {
				return f, false
			}
			f.max = n
		default:
			return f, false
		}
	}
	return f, true
}

// stringTags fills f with the checks of the tags of a string field.
func stringTags(f *fieldPlan, tags []string) bool {
	if len(tags) > 0 && tags[0] == "omitempty" {
		f.omitEmpty, tags = true, tags[1:]
	}
	for _, tg := range tags {
		switch {
		case tg == "required":
			f.checks = append(f.checks, func(s string) bool { return s != "" })
		case tg == "id":
			f.checks = append(f.checks, ID)
		case tg == "http_url":
			f.checks = append(f.checks, HTTPURL)
		case strings.HasPrefix(tg, "max="):
			n, err := strconv.Atoi(tg[len("max="):])
			if err != nil || n < 0 {
				return false
			}
			f.checks = append(f.checks, func(s string) bool { return len(s) <= n || utf8.RuneCountInString(s) <= n })
		default:
			return false
		}
	}
	return true
}
