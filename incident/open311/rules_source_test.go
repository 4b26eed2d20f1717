package open311

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// handWrittenRules returns the places in file where a field problem is
// built by hand rather than through internal/validate with a named rule:
// a composite literal with a Rule key or of type grassroots.FieldError,
// and a call of Add, Addf or Require whose rule argument is a string
// literal.
func handWrittenRules(fset *token.FileSet, file *ast.File) []string {
	var found []string
	at := func(n ast.Node, what string) { found = append(found, fset.Position(n.Pos()).String()+": "+what) }
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if sel, ok := n.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "FieldError" {
				at(n, "FieldError literal")
			}
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Rule" {
						at(kv, "Rule: key")
					}
				}
			}
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "Add" && sel.Sel.Name != "Addf") || len(n.Args) < 2 {
				break
			}
			if lit, ok := n.Args[1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				at(lit, "rule "+lit.Value+" written as a literal")
			}
		}
		return true
	})
	return found
}

// TestNoHandWrittenRules keeps every invalid value of the package
// reported one way: through internal/validate's Problems, with a
// grassroots.Rule constant.
func TestNoHandWrittenRules(t *testing.T) {
	entries, err := os.ReadDir(".")
	require.NoError(t, err, "read the package directory")
	fset := token.NewFileSet()
	files := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err, "parse %s", name)
		files++
		assert.Empty(t, handWrittenRules(fset, file), "%s builds field problems by hand", name)
	}
	require.NotZero(t, files, "the package's source files are read")
}

func TestHandWrittenRulesAreFound(t *testing.T) {
	const src = `package p
func f(p *validate.Problems) error {
	p.Add("lat", "required", "bad")
	p.Addf("lat", grassroots.RuleFormat, "bad %d", 1)
	_ = grassroots.FieldError{"lat", "x", "y"}
	return grassroots.NewValidationError(grassroots.FieldError{Path: "a", Rule: grassroots.RuleMin})
}`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	require.NoError(t, err, "parse the sample")
	found := handWrittenRules(fset, file)
	assert.Len(t, found, 4, "a literal rule, a positional literal, and a keyed literal with its Rule key: %v", found)
}
