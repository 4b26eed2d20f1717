package risk

import "fmt"

// enumName returns names[v], or "Type(v)" when v is out of range or zero.
func enumName(names []string, typ string, v uint8) string {
	if v > 0 && int(v) < len(names) {
		return names[v]
	}
	return fmt.Sprintf("%s(%d)", typ, v)
}

// enumParse finds s among names (index 0 is the invalid zero value).
func enumParse(names []string, typ, s string) (uint8, error) {
	for i := 1; i < len(names); i++ {
		if names[i] == s {
			return uint8(i), nil
		}
	}
	return 0, &UnknownNameError{Type: typ, Name: s}
}

// enumMarshal returns the wire name of v, or an error for an invalid value.
func enumMarshal(names []string, typ string, v uint8) ([]byte, error) {
	if v > 0 && int(v) < len(names) {
		return []byte(names[v]), nil
	}
	return nil, &UnknownNameError{Type: typ, Name: fmt.Sprintf("%s(%d)", typ, v)}
}
