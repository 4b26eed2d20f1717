// Package validate holds the SDK's single go-playground/validator instance
// and converts its errors to *grassroots.ValidationError, so validator types
// never reach the public API.
package validate

import (
	"errors"
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
	return v
})

// Struct checks the `validate` tags of s (a struct or pointer to one) and
// returns nil or a *grassroots.ValidationError whose paths use the JSON
// field names, without the top-level type name.
func Struct(s any) error {
	err := instance().Struct(s)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return grassroots.NewValidationError(grassroots.FieldError{Rule: "invalid", Message: err.Error()})
	}
	fs := make([]grassroots.FieldError, 0, len(verrs))
	for _, fe := range verrs {
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest
		}
		fs = append(fs, grassroots.FieldError{Path: path, Rule: fe.Tag(), Message: message(fe)})
	}
	return grassroots.NewValidationError(fs...)
}

func message(fe validator.FieldError) string {
	name := fe.Field()
	switch fe.Tag() {
	case "required":
		return name + " is required"
	case "min", "gte":
		return name + " must be at least " + fe.Param()
	case "max", "lte":
		return name + " must be at most " + fe.Param()
	case "oneof":
		return name + " must be one of " + fe.Param()
	case "len":
		return name + " must have length " + fe.Param()
	default:
		if fe.Param() != "" {
			return name + " fails rule " + fe.Tag() + "=" + fe.Param()
		}
		return name + " fails rule " + fe.Tag()
	}
}
