package enumfield

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

type color uint8

var colors = enum.New[color]("paint.Color", "red", "green", "blue")

func fieldErrors(t *testing.T, p *validate.Problems) []grassroots.FieldError {
	t.Helper()
	var ve *grassroots.ValidationError
	require.True(t, errors.As(p.Err(), &ve), "want a *grassroots.ValidationError, got %v", p.Err())
	return ve.Fields
}

func TestCheck(t *testing.T) {
	var p validate.Problems
	assert.True(t, Check(&p, "color", colors, 2))
	assert.NoError(t, p.Err(), "a valid value records nothing")

	assert.False(t, Check(&p, "color", colors, 0))
	assert.False(t, Check(&p, "paint.color", colors, 4))
	assert.Equal(t, []grassroots.FieldError{
		{Path: "color", Rule: grassroots.RuleEnum, Message: "Color(0) is not a valid value; valid names: red, green, blue"},
		{Path: "paint.color", Rule: grassroots.RuleEnum, Message: "Color(4) is not a valid value; valid names: red, green, blue"},
	}, fieldErrors(t, &p))
}

func TestEach(t *testing.T) {
	var p validate.Problems
	Each(&p, "colors", colors, nil)
	Each(&p, "colors", colors, []color{1, 2, 3})
	assert.NoError(t, p.Err(), "valid elements record nothing")

	Each(&p, "colors", colors, []color{1, 9, 3, 0})
	assert.Equal(t, []grassroots.FieldError{
		{Path: "colors[1]", Rule: grassroots.RuleEnum, Message: colors.Problem(9)},
		{Path: "colors[3]", Rule: grassroots.RuleEnum, Message: colors.Problem(0)},
	}, fieldErrors(t, &p))
}

func TestCheckElem(t *testing.T) {
	var p validate.Problems
	assert.True(t, CheckElem(&p, "items", 3, ".color", colors, 1))
	assert.NoError(t, p.Err())
	assert.False(t, CheckElem(&p, "items", 3, ".color", colors, 0))
	assert.False(t, CheckElem(&p, "colors", 0, "", colors, 5))
	assert.Equal(t, []grassroots.FieldError{
		{Path: "items[3].color", Rule: grassroots.RuleEnum, Message: colors.Problem(0)},
		{Path: "colors[0]", Rule: grassroots.RuleEnum, Message: colors.Problem(5)},
	}, fieldErrors(t, &p))
}

func TestValidValuesAllocateNothing(t *testing.T) {
	vs := []color{1, 2, 3}
	allocs := testing.AllocsPerRun(100, func() {
		var p validate.Problems
		Check(&p, "color", colors, 2)
		CheckElem(&p, "items", 7, ".color", colors, 3)
		Each(&p, "colors", colors, vs)
	})
	assert.Zero(t, allocs, "a valid value builds no path and records nothing")
}
