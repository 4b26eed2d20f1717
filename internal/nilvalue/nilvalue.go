// Package nilvalue tells whether an interface value holds nothing that
// can be read: nil, or a nil pointer. The commands and events of every
// lifecycle package are structs passed by value whose methods have value
// receivers, so a nil pointer to one of them satisfies the package's
// interface too, and calling any of its methods would panic.
package nilvalue

import "reflect"

// Is reports whether x is nil or holds a nil pointer.
func Is(x any) bool {
	if x == nil {
		return true
	}
	if reflect.TypeOf(x).Kind() != reflect.Pointer {
		return false
	}
	return reflect.ValueOf(x).IsNil()
}
