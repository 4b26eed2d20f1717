// Package enumfield reports enumeration fields that hold no valid value,
// in the one form every Validate method gives them: rule
// grassroots.RuleEnum at the field's path, with the table's message, which
// names the value and lists the valid names (enum.Table.Problem).
package enumfield

import (
	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Check records a problem at path unless v is one of t's values, and
// reports whether it is.
func Check[T ~uint8](p *validate.Problems, path string, t *enum.Table[T], v T) bool {
	if t.Valid(v) {
		return true
	}
	p.Add(path, grassroots.RuleEnum, t.Problem(v))
	return false
}

// CheckElem is Check for field (".raci", or "" for the element itself) of
// element i of the slice at base: the path base[i]field is built only for
// a problem, so checking valid input allocates nothing.
func CheckElem[T ~uint8](p *validate.Problems, base string, i int, field string, t *enum.Table[T], v T) bool {
	if t.Valid(v) {
		return true
	}
	p.Add(grassroots.ElementPath(base, i)+field, grassroots.RuleEnum, t.Problem(v))
	return false
}

// Each checks every element of vs as CheckElem does, at path[i] for
// element i.
func Each[T ~uint8](p *validate.Problems, path string, t *enum.Table[T], vs []T) {
	for i, v := range vs {
		CheckElem(p, path, i, "", t, v)
	}
}
