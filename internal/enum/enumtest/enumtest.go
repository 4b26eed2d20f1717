// Package enumtest checks the enumerations of a package against the
// contract every enumeration of the SDK keeps, so that each package tests
// all of its enumerations with one table-driven test:
//
//	func TestEnums(t *testing.T) {
//		enumtest.Run(t,
//			enumtest.Of(statusNames, ParseStatus),
//			enumtest.Of(levelNames, ParseLevel),
//		)
//	}
//
// Run also reads the package's source and fails when a table built with
// enum.New has no case, so a new enumeration cannot go untested.
package enumtest

import (
	"encoding"
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Enum is the method set of a value of an enumeration.
type Enum interface {
	~uint8
	IsValid() bool
	String() string
	AppendText(b []byte) ([]byte, error)
	MarshalText() ([]byte, error)
}

// Case is one enumeration to check; build it with Of.
type Case struct {
	typ   string
	check func(t *testing.T)
}

// wireName is the lower_snake form of every wire name.
var wireName = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)

// Of returns the case of the enumeration T, whose values are those of
// table and whose ParseX function is parse.
func Of[T Enum, P interface {
	*T
	encoding.TextUnmarshaler
}](table *enum.Table[T], parse func(string) (T, error)) Case {
	rt := reflect.TypeFor[T]()
	typ := path.Base(rt.PkgPath()) + "." + rt.Name()
	return Case{typ: typ, check: func(t *testing.T) {
		values, names := table.Values(), table.Names()
		require.NotEmpty(t, values, "%s has values", typ)
		checkValid[T, P](t, typ, values, names, parse)
		for _, n := range []int{0, len(values) + 1, 255} {
			if n > 255 || n != 0 && n <= len(values) {
				continue
			}
			checkInvalid(t, typ, rt.Name(), T(n), names)
		}
		checkUnknown[T, P](t, typ, values, names, parse)
	}}
}

func checkValid[T Enum, P interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, typ string, values []T, names []string, parse func(string) (T, error)) {
	for i, v := range values {
		assert.Equal(t, T(i+1), v, "%s values run from 1", typ)
		assert.True(t, v.IsValid(), "%s(%d).IsValid", typ, v)
		assert.Equal(t, names[i], v.String(), "%s(%d).String", typ, v)
		assert.Regexp(t, wireName, names[i], "%s(%d) has a lower_snake name", typ, v)

		b, err := v.MarshalText()
		require.NoError(t, err, "%s(%d).MarshalText", typ, v)
		assert.Equal(t, names[i], string(b), "%s(%d).MarshalText", typ, v)
		b, err = v.AppendText([]byte("x="))
		require.NoError(t, err, "%s(%d).AppendText", typ, v)
		assert.Equal(t, "x="+names[i], string(b), "%s(%d).AppendText keeps the prefix", typ, v)

		var back T
		require.NoError(t, P(&back).UnmarshalText([]byte(names[i])), "%s UnmarshalText(%q)", typ, names[i])
		assert.Equal(t, v, back, "%s UnmarshalText(%q)", typ, names[i])
		parsed, err := parse(names[i])
		require.NoError(t, err, "%s parse(%q)", typ, names[i])
		assert.Equal(t, v, parsed, "%s parse(%q)", typ, names[i])

		j, err := json.Marshal(v)
		require.NoError(t, err, "%s(%d) as JSON", typ, v)
		assert.Equal(t, strconv.Quote(names[i]), string(j), "%s(%d) as JSON", typ, v)
		var fromJSON T
		require.NoError(t, json.Unmarshal(j, &fromJSON), "%s from JSON %s", typ, j)
		assert.Equal(t, v, fromJSON, "%s from JSON %s", typ, j)
	}
}

func checkInvalid[T Enum](t *testing.T, typ, short string, v T, names []string) {
	n := int(v)
	assert.False(t, v.IsValid(), "%s(%d).IsValid", typ, n)
	assert.Equal(t, short+"("+strconv.Itoa(n)+")", v.String(), "%s(%d).String", typ, n)
	_, marshalErr := v.MarshalText()
	_, appendErr := v.AppendText(nil)
	_, jsonErr := json.Marshal(v)
	for _, c := range []struct {
		what string
		err  error
	}{{"MarshalText", marshalErr}, {"AppendText", appendErr}, {"json.Marshal", jsonErr}} {
		what, err := c.what, c.err
		require.Error(t, err, "%s(%d) %s", typ, n, what)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "%s(%d) %s", typ, n, what)
		var ve *grassroots.InvalidValueError
		if assert.ErrorAs(t, err, &ve, "%s(%d) %s", typ, n, what) {
			assert.Equal(t, typ, ve.Type, "%s(%d) %s names the type", typ, n, what)
			assert.Equal(t, names, ve.Valid, "%s(%d) %s lists the valid names", typ, n, what)
		}
	}
}

func checkUnknown[T Enum, P interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, typ string, values []T, names []string, parse func(string) (T, error)) {
	probes := []string{"", names[0] + "_unknown", "no such " + typ}
	for _, s := range probes {
		if slices.Contains(names, s) {
			continue
		}
		_, err := parse(s)
		checkUnknownName(t, typ, "parse", s, names, err)

		v := values[len(values)-1]
		err = P(&v).UnmarshalText([]byte(s))
		checkUnknownName(t, typ, "UnmarshalText", s, names, err)
		assert.Equal(t, values[len(values)-1], v, "%s UnmarshalText(%q) leaves the value unchanged", typ, s)
	}
}

func checkUnknownName(t *testing.T, typ, what, s string, names []string, err error) {
	var ue *grassroots.UnknownNameError
	if !assert.ErrorAs(t, err, &ue, "%s %s(%q)", typ, what, s) {
		return
	}
	assert.Equal(t, typ, ue.Type, "%s %s(%q) names the type", typ, what, s)
	assert.Equal(t, names, ue.Valid, "%s %s(%q) lists every valid name", typ, what, s)
	assert.True(t, errors.Is(err, grassroots.ErrUnknownName) && errors.Is(err, grassroots.ErrInvalid),
		"%s %s(%q) matches ErrUnknownName and ErrInvalid", typ, what, s)
}

// Run checks every case, and that the cases cover every enum.New table
// declared in the non-test Go files of the current directory (the package
// under test).
func Run(t *testing.T, cases ...Case) {
	t.Helper()
	var got []string
	for _, c := range cases {
		got = append(got, c.typ)
		t.Run(c.typ, c.check)
	}
	declared := declaredTables(t, ".")
	slices.Sort(got)
	assert.Equal(t, declared, got, "one case for each enum.New table of the package")
}

// declaredTables returns the type names ("incident.Status") given to
// enum.New in the non-test Go files of dir, sorted.
func declaredTables(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	require.NoError(t, err, "read the package directory %s", dir)
	fset := token.NewFileSet()
	var out []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		require.NoError(t, err, "parse %s", name)
		out = append(out, tableNames(t, f)...)
	}
	slices.Sort(out)
	return out
}

// tableNames returns the first arguments of the enum.New[T](...) calls in f.
func tableNames(t *testing.T, f *ast.File) []string {
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		ix, ok := call.Fun.(*ast.IndexExpr)
		if !ok {
			return true
		}
		sel, ok := ix.X.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "New" {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "enum" {
			return true
		}
		if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, err := strconv.Unquote(lit.Value)
			require.NoError(t, err, "table name %s", lit.Value)
			out = append(out, s)
		}
		return true
	})
	return out
}
