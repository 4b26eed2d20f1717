package grassroots

import "reflect"

// FastDecode decodes data into a new value of sample's type with the
// codec's fast path alone, for the differential tests: supported is false
// when the type is left to encoding/json entirely, ok false when the fast
// path gave up on the input.
func FastDecode(sample any, data []byte) (value any, supported, ok bool) {
	t := reflect.TypeOf(sample)
	plan := newDecodePlan(t)
	if plan == nil {
		return nil, false, false
	}
	ptr := reflect.New(t)
	if !decodeFast(plan, data, ptr.Elem()) {
		return nil, true, false
	}
	return ptr.Elem().Interface(), true, true
}

// FastEncode writes v with the codec's fast encoder alone, for the
// differential tests: supported is false when the type is left to
// encoding/json entirely, ok false when the fast path gave up on v.
func FastEncode(v any) (data []byte, supported, ok bool) {
	plan := newEncodePlan(reflect.TypeOf(v))
	if plan == nil {
		return nil, false, false
	}
	data, ok = encodeFast(nil, plan, reflect.ValueOf(v))
	return data, true, ok
}
