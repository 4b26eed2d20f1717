package mechanism

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

// literalRules lists the places in file where a field problem is made
// without internal/validate or without a rule constant: a
// grassroots.FieldError literal, a composite literal with a Rule key, a
// Problems Add or Addf call, or a call of the package's add helper, whose
// rule argument is a string literal.
func literalRules(fset *token.FileSet, file *ast.File) []string {
	var found []string
	report := func(n ast.Node, what string) { found = append(found, fset.Position(n.Pos()).String()+": "+what) }
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if sel, ok := n.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "FieldError" {
				report(n, "a FieldError literal")
			}
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Rule" {
						report(kv, "a Rule: key")
					}
				}
			}
		case *ast.CallExpr:
			rule := -1
			switch fn := n.Fun.(type) {
			case *ast.SelectorExpr:
				if fn.Sel.Name == "Add" || fn.Sel.Name == "Addf" {
					rule = 1
				}
			case *ast.Ident:
				if fn.Name == "add" {
					rule = 2
				}
			}
			if rule < 0 || len(n.Args) <= rule {
				break
			}
			if lit, ok := n.Args[rule].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				report(lit, "the rule "+lit.Value+" as a literal")
			}
		}
		return true
	})
	return found
}

// TestRulesAreConstants keeps every invalid value of the package reported
// one way: through internal/validate (struct tags or Problems) with a
// grassroots.Rule constant.
func TestRulesAreConstants(t *testing.T) {
	entries, err := os.ReadDir(".")
	require.NoError(t, err, "reading the package directory")
	fset := token.NewFileSet()
	files := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		require.NoError(t, err, "parsing %s", name)
		files++
		assert.Empty(t, literalRules(fset, file), "%s makes field problems by hand", name)
	}
	require.NotZero(t, files, "the package's source files are read")
}

func TestLiteralRulesAreFound(t *testing.T) {
	const src = `package p
func f(p *validate.Problems, l loc) error {
	p.Add("code", "lte", "bad")
	p.Addf("code", grassroots.RuleFormat, "bad %d", 1)
	add(p, l, "range", "bad")
	add(p, l, grassroots.RuleMin, "bad")
	_ = grassroots.FieldError{"code", "x", "y"}
	return grassroots.NewValidationError(grassroots.FieldError{Path: "a", Rule: grassroots.RuleMin})
}`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	require.NoError(t, err, "parsing the sample")
	found := literalRules(fset, file)
	assert.Len(t, found, 5, "two literal rules, a positional literal, a keyed literal and its Rule key: %v", found)
}
