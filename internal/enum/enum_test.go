package enum

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

type color uint8

var colors = New[color]("paint.Color", "red", "green", "blue")

func TestTableRoundTrip(t *testing.T) {
	for _, v := range colors.Values() {
		b, err := colors.Marshal(v)
		require.NoError(t, err, "value %d", v)
		var back color
		require.NoError(t, colors.Unmarshal(&back, b), "name %s", b)
		assert.Equal(t, v, back, "name %s", b)
		assert.Equal(t, string(b), colors.String(v))
	}
	assert.Equal(t, []string{"red", "green", "blue"}, colors.Names())
}

func TestTableInvalid(t *testing.T) {
	for _, v := range []color{0, 4, 255} {
		assert.False(t, colors.Valid(v), "value %d", v)
		_, err := colors.Marshal(v)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "value %d", v)
		assert.Contains(t, err.Error(), "red, green, blue", "the error lists the valid names")
	}
	assert.Equal(t, "Color(7)", colors.String(7))
	v := color(2)
	err := colors.Unmarshal(&v, []byte("purple"))
	var ue *grassroots.UnknownNameError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "paint.Color", ue.Type)
	assert.Equal(t, "purple", ue.Name)
	assert.Equal(t, []string{"red", "green", "blue"}, ue.Valid)
	assert.True(t, errors.Is(err, grassroots.ErrUnknownName) && errors.Is(err, grassroots.ErrInvalid))
	assert.Equal(t, `paint: unknown Color "purple"; valid names: red, green, blue`, err.Error())
	assert.Equal(t, color(2), v, "a failed unmarshal leaves the value alone")
}

// UnmarshalText called on a nil pointer reaches Unmarshal with a nil
// dst: an error, whatever the text, never a panic.
func TestUnmarshalIntoNil(t *testing.T) {
	for _, b := range []string{"green", "purple", ""} {
		var err error
		require.NotPanics(t, func() { err = colors.Unmarshal(nil, []byte(b)) }, "text %q", b)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "text %q", b)
		assert.NotErrorIs(t, err, grassroots.ErrUnknownName, "text %q: the name is not at fault", b)
	}
}

func TestProblemListsTheValidNames(t *testing.T) {
	assert.Equal(t, "Color(0) is not a valid value; valid names: red, green, blue", colors.Problem(0))
	msg := PartyProblem(0)
	assert.True(t, strings.HasPrefix(msg, "Party(0) is not a valid value; valid names: "), "PartyProblem(0) = %q", msg)
	for _, p := range grassroots.Parties() {
		assert.Contains(t, msg, p.String(), "PartyProblem(0) names %s", p)
	}
}

func TestNewRefusesBadTables(t *testing.T) {
	assert.Panics(t, func() { New[color]("x.T") })
	assert.Panics(t, func() { New[color]("x.T", "a", "a") })
	assert.Panics(t, func() { New[color]("x.T", "a", "") })
}

// TestPartyMatchesEnumTable pins grassroots.Party, which cannot use this
// package, to the behaviour of a table of the same names.
func TestPartyMatchesEnumTable(t *testing.T) {
	var names []string
	for _, p := range grassroots.Parties() {
		names = append(names, p.String())
	}
	table := New[grassroots.Party]("grassroots.Party", names...)
	for v := range 256 {
		p := grassroots.Party(v)
		assert.Equal(t, table.Valid(p), p.IsValid(), "IsValid(%d)", v)
		assert.Equal(t, table.String(p), p.String(), "String(%d)", v)
		got, gerr := p.MarshalText()
		want, werr := table.Marshal(p)
		assert.Equal(t, string(want), string(got), "MarshalText(%d)", v)
		assert.Equal(t, werr != nil, gerr != nil, "MarshalText(%d) error", v)
		if gerr != nil {
			assert.ErrorIs(t, gerr, grassroots.ErrInvalid)
		}
	}
	for _, s := range append(names, "", "Government", "third-party") {
		got, gerr := grassroots.ParseParty(s)
		want, werr := table.Parse(s)
		assert.Equal(t, want, got, "ParseParty(%q)", s)
		assert.Equal(t, werr, gerr, "ParseParty(%q) error", s)
	}
}
