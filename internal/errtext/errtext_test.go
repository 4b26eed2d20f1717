package errtext

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCause(t *testing.T) {
	prefixes := []string{"grid: ", "grassroots: "}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{errors.New("grid: bad point"), "bad point"},
		{errors.New("grassroots: invalid value: x"), "invalid value: x"},
		{errors.New("geojson: not a Feature"), "geojson: not a Feature"},
		{errors.New("grid: grassroots: twice"), "grassroots: twice"},
		{nil, "<nil>"},
	} {
		assert.Equal(t, tc.want, Cause(tc.err, prefixes...), "Cause(%v)", tc.err)
	}
}

func TestWrap(t *testing.T) {
	sentinel := errors.New("grid: invalid sizing")
	cause := fmt.Errorf("grassroots: unknown name %q", "x")
	err := Wrap(sentinel, cause, "grid: ", "grassroots: ")
	assert.Equal(t, `grid: invalid sizing: unknown name "x"`, err.Error(), "one prefix")
	assert.ErrorIs(t, err, sentinel, "matches the sentinel")
	assert.ErrorIs(t, err, cause, "matches the cause")
}
