package provider

import (
	"strconv"
)

// The enums of this package share one implementation of their text codec:
// each keeps a table of wire names indexed by value, index 0 unused.

func enumValid[E ~uint8](names []string, v E) bool { return v >= 1 && int(v) < len(names) }

func enumString[E ~uint8](names []string, typ string, v E) string {
	if enumValid(names, v) {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

func enumParse[E ~uint8](names []string, typ, s string) (E, error) {
	for i := 1; i < len(names); i++ {
		if names[i] == s {
			return E(i), nil
		}
	}
	return 0, &UnknownNameError{Type: typ, Name: s}
}

func enumAppend[E ~uint8](names []string, typ string, b []byte, v E) ([]byte, error) {
	if !enumValid(names, v) {
		return b, &UnknownNameError{Type: typ, Name: enumString(names, typ, v)}
	}
	return append(b, names[v]...), nil
}

func enumUnmarshal[E ~uint8](names []string, typ string, p *E, b []byte) error {
	v, err := enumParse[E](names, typ, string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
