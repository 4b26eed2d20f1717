package grid

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func unit(code, parent string, l Level) Grid {
	return Grid{Code: Code(code), Parent: Code(parent), Level: l, Kind: KindGeneral, CRS: WGS84}
}

func sampleHierarchy() []Grid {
	return []Grid{
		unit("330302001001-02", "330302001001", LevelGrid),
		unit("330300", "", LevelCity),
		unit("330302001001-01", "330302001001", LevelGrid),
		unit("330302", "330300", LevelDistrict),
		unit("330302001", "330302", LevelStreet),
		unit("330302001001", "330302001", LevelCommunity),
		unit("330302001002", "330302001", LevelCommunity),
		unit("330302001001-01.1", "330302001001-01", LevelMicroGrid),
	}
}

func TestTreeLookups(t *testing.T) {
	tr, err := NewTree(sampleHierarchy())
	require.NoError(t, err)
	assert.Equal(t, 8, tr.Len())
	assert.Equal(t, []Code{"330300"}, tr.Roots())
	assert.Equal(t, []Code{"330302001001-01", "330302001001-02"}, tr.Children("330302001001"), "children sorted")
	assert.Equal(t, []Code{"330302001001-01", "330302001001", "330302001", "330302", "330300"}, tr.Ancestors("330302001001-01.1"), "nearest first")
	assert.Empty(t, tr.Ancestors("330300"), "a root has no ancestors")
	assert.Equal(t, []Code{"330302001001-01.1", "330302001001-02", "330302001002"}, tr.Leaves())
	p, ok := tr.Parent("330302")
	assert.True(t, ok)
	assert.Equal(t, Code("330300"), p)
	_, ok = tr.Parent("330300")
	assert.False(t, ok, "root has no parent")
	_, ok = tr.Get("nope")
	assert.False(t, ok, "unknown code")
	g, ok := tr.Get("330302001")
	require.True(t, ok)
	assert.Equal(t, LevelStreet, g.Level)
	assert.Empty(t, tr.Children("330302001001-02"), "a leaf has no children")
}

func TestTreeIsIndependentOfInputOrder(t *testing.T) {
	a := sampleHierarchy()
	b := make([]Grid, len(a))
	for i := range a {
		b[i] = a[len(a)-1-i]
	}
	ta, err := NewTree(a)
	require.NoError(t, err)
	tb, err := NewTree(b)
	require.NoError(t, err)
	assert.Equal(t, ta.Grids(), tb.Grids())
	assert.Equal(t, ta.Leaves(), tb.Leaves())
}

func TestNewTreeRejectsBadHierarchies(t *testing.T) {
	for _, tc := range []struct {
		name  string
		grids []Grid
		want  error
		index int
	}{
		{"duplicate code", []Grid{unit("a", "", LevelCity), unit("a", "", LevelCity)}, ErrDuplicateCode, 1},
		{"unknown parent", []Grid{unit("a", "", LevelCity), unit("b", "zz", LevelDistrict)}, ErrUnknownParent, 1},
		{"child not below parent", []Grid{unit("a", "", LevelStreet), unit("b", "a", LevelStreet)}, ErrLevelOrder, 1},
		{"child above parent", []Grid{unit("a", "", LevelGrid), unit("b", "a", LevelCity)}, ErrLevelOrder, 1},
		{"invalid code", []Grid{unit("a b", "", LevelCity)}, ErrInvalidCode, 0},
		{"invalid level", []Grid{unit("a", "", 0)}, grassroots.ErrInvalid, 0},
		{"two-grid cycle", []Grid{unit("a", "b", LevelCity), unit("b", "a", LevelCity)}, ErrLevelOrder, 0},
	} {
		tr, err := NewTree(tc.grids)
		assert.Nil(t, tr, tc.name)
		require.Error(t, err, tc.name)
		assert.ErrorIs(t, err, tc.want, tc.name)
		var te *TreeError
		require.True(t, errors.As(err, &te), tc.name)
		assert.Equal(t, tc.index, te.Index, tc.name)
	}
}

func TestGridValidate(t *testing.T) {
	g := grid1("330302001001-01", Polygon{square(120.6, 28, 0.01)})
	g.Parent = "330302001001"
	g.Households, g.Residents = 420, 1300
	assert.NoError(t, g.Validate())

	bad := Grid{Code: "bad code", Parent: "bad code", Households: -1, Residents: -2,
		Boundary: MultiPolygon{{Ring{{0, 0}, {1, 0}, {0, 0}}}}}
	err := bad.Validate()
	for _, path := range []string{"code", "parent", "level", "kind", "crs", "households", "residents", "boundary[0][0]"} {
		assert.ErrorContains(t, err, path+":", "problem at %s reported", path)
	}
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve)
	for _, f := range ve.Fields {
		if f.Path == "level" || f.Path == "kind" || f.Path == "crs" {
			assert.Equal(t, grassroots.RuleEnum, f.Rule, "zero %s is an enum problem", f.Path)
		}
	}
}

// The zero Tree and a nil *Tree are empty trees.
func TestTreeEmpty(t *testing.T) {
	for name, empty := range map[string]*Tree{"zero": new(Tree), "nil": nil} {
		assert.Zero(t, empty.Len(), name)
		_, ok := empty.Get("330302001")
		assert.False(t, ok, "%s: Get", name)
		_, ok = empty.Parent("330302001")
		assert.False(t, ok, "%s: Parent", name)
		assert.Empty(t, empty.Ancestors("330302001"), name)
		assert.Empty(t, empty.Children("330302001"), name)
		assert.Empty(t, empty.Leaves(), name)
		assert.Empty(t, empty.Roots(), name)
		assert.Empty(t, empty.Grids(), name)
	}
}
