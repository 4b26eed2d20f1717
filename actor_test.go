package grassroots_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func TestActorValidateReportsEveryProblem(t *testing.T) {
	err := grassroots.Actor{Roles: []string{"dispatcher", "", "dispatcher"}}.Validate()
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve), "invalid actor: %v", err)
	assert.True(t, errors.Is(err, grassroots.ErrInvalid))
	for _, path := range []string{"id", "party", "roles[1]", "roles[2]"} {
		assert.True(t, ve.Has(path), "problem at %s expected in %v", path, ve)
	}
	assert.Len(t, ve.Fields, 4)
}

func TestActorValid(t *testing.T) {
	a := grassroots.Actor{ID: "w-7", Party: grassroots.Community, Organization: "330302001001", Roles: []string{"grid_worker"}}
	assert.NoError(t, a.Validate())
	assert.True(t, a.HasRole("grid_worker"))
	assert.False(t, a.HasRole("dispatcher"))
}

func TestFieldErrorsPrefixesNestedProblems(t *testing.T) {
	inner := grassroots.Actor{}.Validate()
	fs := grassroots.FieldErrors("owner", inner)
	require.Len(t, fs, 2)
	assert.Equal(t, "owner.id", fs[0].Path)
	assert.Equal(t, "owner.party", fs[1].Path)
	assert.Nil(t, grassroots.FieldErrors("owner", nil))
	other := grassroots.FieldErrors("x", errors.New("boom"))
	require.Len(t, other, 1)
	assert.Equal(t, "x", other[0].Path)
	assert.Equal(t, "a[2]", grassroots.JoinFieldPath("a", "[2]"))
	assert.Equal(t, "roles[3]", grassroots.ElementPath("roles", 3))
	assert.Nil(t, grassroots.NewValidationError(), "no problems, no error")
}

// What Actor.Validate accepts can be sealed into event data unchanged:
// IDs, organisations and roles that JSON would alter or I-JSON refuses
// are invalid.
func TestActorRefusesWhatCannotBeSealed(t *testing.T) {
	for name, a := range map[string]grassroots.Actor{
		"invalid UTF-8 in the ID":        {ID: "w\xff", Party: grassroots.Community},
		"a noncharacter in the ID":       {ID: "w\uFFFE", Party: grassroots.Community},
		"a space in the organisation":    {ID: "w", Party: grassroots.Community, Organization: "street 1"},
		"a control character in a role":  {ID: "w", Party: grassroots.Community, Roles: []string{"grid\nworker"}},
		"an ID over the length of an ID": {ID: strings.Repeat("w", grassroots.MaxIDLength+1), Party: grassroots.Community},
	} {
		assert.ErrorIs(t, a.Validate(), grassroots.ErrInvalid, name)
	}
}

// A nil pointer of one of the package's error types, returned as an
// error by mistake, reads as a problem rather than panicking: in
// FieldErrors, in its Error and in errors.Is, bare, wrapped or joined.
func TestNilErrorPointersDoNotPanic(t *testing.T) {
	var ve *grassroots.ValidationError
	var ce *grassroots.ChainError
	var ue *grassroots.UnknownNameError
	for name, err := range map[string]error{
		"validation": ve, "chain": ce, "unknown name": ue,
		"wrapped": fmt.Errorf("saving: %w", ve), "joined": errors.Join(errors.New("first"), ve, ce),
	} {
		fs := grassroots.FieldErrors("owner", err)
		require.Len(t, fs, 1, name)
		assert.Equal(t, "owner", fs[0].Path, name)
		assert.NotEmpty(t, fs[0].Message, name)
		assert.NotEmpty(t, err.Error(), name)
		assert.False(t, errors.Is(err, grassroots.ErrNotSealed), name)
	}
	assert.False(t, ve.Has("owner"))
	assert.Nil(t, ce.Unwrap())
}
