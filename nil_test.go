package grassroots_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/niltest"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer (a nil *Codec has TestNilCodec): none panics, and each
// answers as its type documents.
func TestNilReceivers(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		niltest.Errors(t, grassroots.ErrNotSealed, map[string]niltest.Error{
			"ChainError":           {Err: (*grassroots.ChainError)(nil), Match: grassroots.ErrChainBroken, Want: true},
			"CommandConflictError": {Err: (*grassroots.CommandConflictError)(nil), Match: grassroots.ErrCommandConflict, Want: true},
			"FieldError":           {Err: (*grassroots.FieldError)(nil), Match: grassroots.ErrInvalid, Want: false},
			"InvalidValueError":    {Err: (*grassroots.InvalidValueError)(nil), Match: grassroots.ErrInvalid, Want: true},
			"ReplayError":          {Err: (*grassroots.ReplayError)(nil), Match: grassroots.ErrTransition, Want: false},
			"TransitionError":      {Err: (*grassroots.TransitionError)(nil), Match: grassroots.ErrTransition, Want: true},
			"UnknownNameError":     {Err: (*grassroots.UnknownNameError)(nil), Match: grassroots.ErrUnknownName, Want: true},
			"ValidationError":      {Err: (*grassroots.ValidationError)(nil), Match: grassroots.ErrInvalid, Want: true},
		})
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
