package grassroots_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer (a nil *Codec has TestNilCodec): none panics, and each
// answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		for name, c := range map[string]struct {
			err   error
			match error // the type's sentinel, or one a type without a sentinel must not match
			want  bool  // whether the nil pointer matches it
		}{
			"ChainError":           {(*grassroots.ChainError)(nil), grassroots.ErrChainBroken, true},
			"CommandConflictError": {(*grassroots.CommandConflictError)(nil), grassroots.ErrCommandConflict, true},
			"FieldError":           {(*grassroots.FieldError)(nil), grassroots.ErrInvalid, false},
			"InvalidValueError":    {(*grassroots.InvalidValueError)(nil), grassroots.ErrInvalid, true},
			"ReplayError":          {(*grassroots.ReplayError)(nil), grassroots.ErrTransition, false},
			"TransitionError":      {(*grassroots.TransitionError)(nil), grassroots.ErrTransition, true},
			"UnknownNameError":     {(*grassroots.UnknownNameError)(nil), grassroots.ErrUnknownName, true},
			"ValidationError":      {(*grassroots.ValidationError)(nil), grassroots.ErrInvalid, true},
		} {
			require.NotPanics(t, func() { assert.NotEmpty(t, c.err.Error(), name) }, "%s: Error", name)
			require.NotPanics(t, func() { assert.Equal(t, c.want, errors.Is(c.err, c.match), "%s: Is", name) }, "%s: Is", name)
			require.NotPanics(t, func() { assert.NoError(t, errors.Unwrap(c.err), "%s: Unwrap", name) }, "%s: Unwrap", name)
			assert.False(t, errors.Is(c.err, grassroots.ErrNotSealed), "%s matches no other sentinel", name)
		}
		var ve *grassroots.ValidationError
		assert.Nil(t, ve.Unwrap(), "ValidationError: Unwrap")
		assert.False(t, ve.Has("id"), "ValidationError: Has")
	})

	t.Run("Event", func(t *testing.T) {
		var e *grassroots.Event
		_, ok := e.Attribute("id")
		assert.False(t, ok, "Attribute")
		assert.Nil(t, e.AttributeNames(), "AttributeNames")
		var ve *grassroots.ValidationError
		assert.ErrorAs(t, e.Validate(), &ve, "Validate")
		out, err := e.AppendJSON([]byte("kept"))
		assert.ErrorAs(t, err, &ve, "AppendJSON")
		assert.Equal(t, "kept", string(out), "AppendJSON leaves b as it was")
		assert.ErrorAs(t, e.SetAttribute("subject", "inc-1"), &ve, "SetAttribute")
		valid := []byte(`{"specversion":"1.0","id":"e-1","source":"/desk","type":"grassroots.desk.opened.v1"}`)
		require.NoError(t, new(grassroots.Event).UnmarshalJSON(valid), "the input is valid")
		assert.ErrorAs(t, e.UnmarshalJSON(valid), &ve, "UnmarshalJSON")
	})

	t.Run("Party", func(t *testing.T) {
		var p *grassroots.Party
		err := p.UnmarshalText([]byte(grassroots.Government.String()))
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "UnmarshalText")
		assert.NotErrorIs(t, err, grassroots.ErrUnknownName, "UnmarshalText: the name is valid")
	})
}
