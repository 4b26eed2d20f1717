package validate

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

type inner struct {
	Code string `json:"code" validate:"required,max=4"`
}

type outer struct {
	Name  string  `json:"name" validate:"required"`
	Count int     `json:"count" validate:"min=1"`
	Items []inner `json:"items" validate:"dive"`
}

func TestStructConvertsToValidationError(t *testing.T) {
	err := Struct(outer{Count: 0, Items: []inner{{Code: "toolong"}}})
	require.Error(t, err)
	assert.True(t, errors.Is(err, grassroots.ErrInvalid), "validator errors must match ErrInvalid")
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve))
	assert.True(t, ve.Has("name"), "missing name reported under its JSON name: %v", ve)
	assert.True(t, ve.Has("count"), "count below min reported: %v", ve)
	assert.True(t, ve.Has("items[0].code"), "nested path uses JSON names: %v", ve)
	assert.Len(t, ve.Fields, 3)
}

func TestStructValid(t *testing.T) {
	assert.NoError(t, Struct(outer{Name: "a", Count: 1, Items: []inner{{Code: "ab"}}}))
}
