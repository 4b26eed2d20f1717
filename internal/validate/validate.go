// Package validate is the SDK's one way of reporting invalid values: a
// collector of field problems (Problems) and the single
// go-playground/validator instance behind struct tags, whose errors become
// *grassroots.ValidationError with the SDK's rule names, so validator
// types never reach the public API.
//
// Plain field rules are struct tags checked through Struct or
// Problems.Tags; rules that tags cannot say are written with Problems.Add
// in a Validate method. Rule names are the grassroots.Rule constants.
// Tags spares values that a plan built from their type's tags proves
// valid the validator's walk; whatever may fail goes to the validator, so
// the problems reported are the validator's.
//
// Besides validator's built-in tags, the instance knows:
//
//   - id: an SDK identifier (see ID);
//   - enum: a value whose IsValid method reports true (every enumeration);
//   - http_url: the built-in rule of that name, checked by HTTPURL.
package validate

import (
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"

	"github.com/grassrootsgov/grassroots"
)

var instance = sync.OnceValue(func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			return ""
		case "":
			return f.Name
		}
		return name
	})
	must(v.RegisterValidation("id", func(fl validator.FieldLevel) bool { return ID(fl.Field().String()) }))
	must(v.RegisterValidation("http_url", func(fl validator.FieldLevel) bool {
		f := fl.Field()
		return f.Kind() == reflect.String && HTTPURL(f.String())
	}))
	must(v.RegisterValidation("enum", func(fl validator.FieldLevel) bool {
		e, ok := fl.Field().Interface().(interface{ IsValid() bool })
		return ok && e.IsValid()
	}))
	return v
})

func must(err error) {
	if err != nil {
		panic(err) // the registrations above are literals; a failure is a programming error
	}
}

// Struct checks the `validate` tags of s (a struct or pointer to one) and
// returns nil or a *grassroots.ValidationError whose paths use the JSON
// field names, without the top-level type name.
func Struct(s any) error {
	var p Problems
	p.Tags("", s)
	return p.Err()
}

// Problems collects the field problems of one value. The zero value is
// empty and ready to use.
type Problems struct {
	fields []grassroots.FieldError
}

// Add records a problem at path.
func (p *Problems) Add(path, rule, message string) {
	p.fields = append(p.fields, grassroots.FieldError{Path: path, Rule: rule, Message: message})
}

// Addf records a problem at path with a formatted message.
func (p *Problems) Addf(path, rule, format string, args ...any) {
	p.Add(path, rule, fmt.Sprintf(format, args...))
}

// Require records a RuleRequired problem at path unless ok.
func (p *Problems) Require(ok bool, path, message string) {
	if !ok {
		p.Add(path, grassroots.RuleRequired, message)
	}
}

// Nest records the problems of err (a nested value's Validate) under
// prefix; see grassroots.FieldErrors.
func (p *Problems) Nest(prefix string, err error) {
	p.fields = append(p.fields, grassroots.FieldErrors(prefix, err)...)
}

// Tags checks the `validate` struct tags of v and records each failure
// under prefix.
func (p *Problems) Tags(prefix string, v any) {
	if passes(v) {
		return
	}
	err := instance().Struct(v)
	if err == nil {
		return
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		p.Add(prefix, grassroots.RuleInvalid, err.Error())
		return
	}
	for _, fe := range verrs {
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest
		}
		p.Add(grassroots.JoinFieldPath(prefix, path), rule(fe.Tag()), message(fe))
	}
}

// Len returns the number of problems recorded.
func (p *Problems) Len() int { return len(p.fields) }

// Err returns nil when no problem was recorded, else a
// *grassroots.ValidationError holding them all in the order recorded.
func (p *Problems) Err() error {
	return grassroots.NewValidationError(p.fields...)
}

// enumNames lists the wire names of the enumeration v belongs to (a uint8
// type whose MarshalText succeeds for 1, 2, … up to the first failure), or
// "" when v is no such value.
func enumNames(v any) string {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Uint8 {
		return ""
	}
	var names []string
	for i := 1; i < 256; i++ {
		x := reflect.New(t).Elem()
		x.SetUint(uint64(i))
		m, ok := x.Interface().(encoding.TextMarshaler)
		if !ok {
			return ""
		}
		b, err := m.MarshalText()
		if err != nil {
			break
		}
		names = append(names, string(b))
	}
	return strings.Join(names, ", ")
}

// rule maps a validator tag to the SDK's rule name.
func rule(tag string) string {
	switch {
	case tag == "required" || strings.HasPrefix(tag, "required_"):
		return grassroots.RuleRequired
	case strings.HasPrefix(tag, "excluded"):
		return grassroots.RuleExcluded
	case tag == "min" || tag == "gte" || tag == "gt":
		return grassroots.RuleMin
	case tag == "max" || tag == "lte" || tag == "lt":
		return grassroots.RuleMax
	case tag == "oneof" || tag == "enum":
		return grassroots.RuleEnum
	case tag == "unique":
		return grassroots.RuleUnique
	case tag == "gtfield" || tag == "gtefield" || tag == "ltfield" || tag == "ltefield":
		return grassroots.RuleOrder
	case tag == "eqfield" || tag == "nefield":
		return grassroots.RuleMismatch
	}
	return grassroots.RuleFormat
}

func message(fe validator.FieldError) string {
	name := fe.Field()
	switch fe.Tag() {
	case "required":
		return name + " is required"
	case "min", "gte":
		return name + " must be at least " + fe.Param()
	case "gt":
		return name + " must be more than " + fe.Param()
	case "max", "lte":
		return name + " must be at most " + fe.Param()
	case "lt":
		return name + " must be less than " + fe.Param()
	case "oneof":
		return name + " must be one of " + fe.Param()
	case "len":
		return name + " must have length " + fe.Param()
	case "unique":
		return name + " must not repeat a value"
	case "id":
		return fmt.Sprintf("%s must be 1 to %d bytes without spaces or control characters", name, grassroots.MaxIDLength)
	case "enum":
		if valid := enumNames(fe.Value()); valid != "" {
			return fmt.Sprintf("%s is %v, not a valid value; valid names: %s", name, fe.Value(), valid)
		}
		return fmt.Sprintf("%s is not a valid value (%v)", name, fe.Value())
	case "gtfield", "gtefield", "ltfield", "ltefield", "eqfield", "nefield":
		return name + " fails " + fe.Tag() + " against " + fe.Param()
	default:
		if fe.Param() != "" {
			return name + " fails rule " + fe.Tag() + "=" + fe.Param()
		}
		return name + " fails rule " + fe.Tag()
	}
}

// NilTarget is the error of a decoding method called on a nil pointer to
// the type named typ, qualified by its package ("grid.Point"): it
// matches grassroots.ErrInvalid.
func NilTarget(typ string) error {
	return fmt.Errorf("%w: cannot decode into a nil *%s", grassroots.ErrInvalid, typ)
}
