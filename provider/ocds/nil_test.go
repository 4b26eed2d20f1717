package ocds_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/provider/ocds"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer: none panics, and each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	var e *ocds.ImportError
	var err error = e
	require.NotPanics(t, func() { assert.NotEmpty(t, err.Error(), "ImportError: Error") }, "ImportError: Error")
	assert.ErrorIs(t, err, ocds.ErrInvalid, "ImportError: Is")
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "ImportError: Is")
	assert.NoError(t, e.Unwrap(), "ImportError: Unwrap")
	assert.False(t, errors.Is(err, grassroots.ErrUnknownName), "ImportError matches no other sentinel")

	var a *ocds.Amount
	assert.ErrorIs(t, a.UnmarshalJSON([]byte(`12.50`)), ocds.ErrInvalid, "Amount: UnmarshalJSON")
}
