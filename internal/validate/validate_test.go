package validate

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

type inner struct {
	Code string `json:"code" validate:"required,max=4"`
}

type outer struct {
	Name  string           `json:"name" validate:"required"`
	Count int              `json:"count" validate:"min=1"`
	Items []inner          `json:"items" validate:"dive"`
	ID    string           `json:"id" validate:"omitempty,id"`
	Party grassroots.Party `json:"party" validate:"omitempty,enum"`
}

func TestStructConvertsToValidationError(t *testing.T) {
	err := Struct(outer{Count: 0, Items: []inner{{Code: "toolong"}}, ID: "has space", Party: 9})
	require.Error(t, err)
	assert.True(t, errors.Is(err, grassroots.ErrInvalid), "validator errors must match ErrInvalid")
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve))
	want := map[string]string{
		"name":          grassroots.RuleRequired,
		"count":         grassroots.RuleMin,
		"items[0].code": grassroots.RuleMax,
		"id":            grassroots.RuleFormat,
		"party":         grassroots.RuleEnum,
	}
	require.Len(t, ve.Fields, len(want), "%v", ve)
	for _, f := range ve.Fields {
		assert.Equal(t, want[f.Path], f.Rule, "rule of %s", f.Path)
	}
}

func TestStructValid(t *testing.T) {
	assert.NoError(t, Struct(outer{Name: "a", Count: 1, Items: []inner{{Code: "ab"}}, ID: "I-1", Party: grassroots.Resident}))
}

func TestProblemsCollectInOrder(t *testing.T) {
	var p Problems
	assert.NoError(t, p.Err(), "an empty collector is no error")
	p.Require(false, "a", "a is required")
	p.Require(true, "b", "b is required")
	p.Nest("owner", grassroots.NewValidationError(grassroots.FieldError{Path: "id", Rule: grassroots.RuleRequired, Message: "x"}))
	p.Nest("party", &grassroots.UnknownNameError{Type: "grassroots.Party", Name: "x"})
	p.Tags("item", inner{})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, p.Err(), &ve)
	var paths, rules []string
	for _, f := range ve.Fields {
		paths = append(paths, f.Path)
		rules = append(rules, f.Rule)
	}
	assert.Equal(t, []string{"a", "owner.id", "party", "item.code"}, paths)
	assert.Equal(t, []string{grassroots.RuleRequired, grassroots.RuleRequired, grassroots.RuleEnum, grassroots.RuleRequired}, rules)
}

func TestID(t *testing.T) {
	for _, s := range []string{"I-1", "3f1c6b2e-8a4d-7c9e-b1f0-2d3e4f5a6b7c", "网格-01", strings.Repeat("a", grassroots.MaxIDLength)} {
		assert.True(t, ID(s), "%q is an ID", s)
	}
	for _, s := range []string{"", "a b", "a\tb", "a\x00", "\xff", "a\uFFFE", "a\uFDD0", strings.Repeat("a", grassroots.MaxIDLength+1)} {
		assert.False(t, ID(s), "%q is not an ID", s)
	}
}

func TestEnumTagListsValidNames(t *testing.T) {
	err := Struct(outer{Name: "a", Count: 1, Party: 9})
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Contains(t, ve.Fields[0].Message, "government, provider, community, resident, third_party")
}
