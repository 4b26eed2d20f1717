package grid

import (
	"errors"
	"fmt"
	"slices"
)

// Tree is a validated hierarchy of grids: codes are unique, every parent
// is in the set, there are no cycles and every child sits on a lower level
// than its parent. Build it with NewTree.
//
// A Tree is immutable and safe for concurrent use. The zero value, and a
// nil *Tree, are an empty tree.
type Tree struct {
	grids    []Grid          // sorted by code
	byCode   map[Code]int    // index into grids
	children map[Code][]Code // sorted
	roots    []Code
	leaves   []Code
}

// NewTree checks the hierarchy of grids and returns it as a Tree. It
// checks codes, levels and parent links, not boundaries (see
// Grid.Validate). Every problem is reported at once: the error joins one
// *TreeError per offending grid, each wrapping ErrInvalidCode, an invalid
// level (matching grassroots.ErrInvalid), ErrDuplicateCode,
// ErrUnknownParent, ErrCycle or ErrLevelOrder.
func NewTree(grids []Grid) (*Tree, error) {
	var errs []error
	fail := func(i int, err error) { errs = append(errs, &TreeError{Index: i, Code: grids[i].Code, Err: err}) }

	byCode := make(map[Code]int, len(grids))
	for i, g := range grids {
		if err := g.Code.Validate(); err != nil {
			fail(i, err)
			continue
		}
		if _, err := g.Level.MarshalText(); err != nil {
			fail(i, err)
		}
		if j, dup := byCode[g.Code]; dup {
			fail(i, fmt.Errorf("%w: grid %d has it too", ErrDuplicateCode, j))
			continue
		}
		byCode[g.Code] = i
	}
	for i, g := range grids {
		if g.Parent == "" {
			continue
		}
		j, ok := byCode[g.Parent]
		switch {
		case !ok:
			fail(i, fmt.Errorf("%w: %q is not the code of any grid given", ErrUnknownParent, g.Parent))
		case g.Level.IsValid() && grids[j].Level.IsValid() && g.Level <= grids[j].Level:
			fail(i, fmt.Errorf("%w: a %s cannot be under a %s; a child's level must be below its parent's", ErrLevelOrder, g.Level, grids[j].Level))
		}
	}
	if len(errs) == 0 {
		// With levels strictly increasing along every parent link a cycle
		// is impossible, but the check stays so the guarantee does not
		// hinge on the level rule.
		for i, g := range grids {
			if inCycle(grids, byCode, g.Code) {
				fail(i, ErrCycle)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return buildTree(grids), nil
}

func inCycle(grids []Grid, byCode map[Code]int, start Code) bool {
	c := start
	for range len(grids) {
		p := grids[byCode[c]].Parent
		if p == "" {
			return false
		}
		if p == start {
			return true
		}
		c = p
	}
	return true
}

func buildTree(grids []Grid) *Tree {
	t := &Tree{
		grids:    slices.Clone(grids),
		byCode:   make(map[Code]int, len(grids)),
		children: make(map[Code][]Code),
	}
	slices.SortFunc(t.grids, byCode)
	for i, g := range t.grids {
		t.byCode[g.Code] = i
		if g.Parent == "" {
			t.roots = append(t.roots, g.Code)
		} else {
			t.children[g.Parent] = append(t.children[g.Parent], g.Code)
		}
	}
	for _, g := range t.grids {
		if len(t.children[g.Code]) == 0 {
			t.leaves = append(t.leaves, g.Code)
		}
	}
	return t
}

// Len returns the number of grids in t.
func (t *Tree) Len() int {
	if t == nil {
		return 0
	}
	return len(t.grids)
}

// Get returns the grid with code c.
func (t *Tree) Get(c Code) (Grid, bool) {
	if t == nil {
		return Grid{}, false
	}
	i, ok := t.byCode[c]
	if !ok {
		return Grid{}, false
	}
	return t.grids[i], true
}

// Parent returns the parent code of c; false when c is a root or unknown.
func (t *Tree) Parent(c Code) (Code, bool) {
	g, ok := t.Get(c)
	if !ok || g.Parent == "" {
		return "", false
	}
	return g.Parent, true
}

// Ancestors returns the codes above c, nearest first (parent, grandparent,
// …, root). It is empty for a root or an unknown code.
func (t *Tree) Ancestors(c Code) []Code {
	var out []Code
	for p, ok := t.Parent(c); ok; p, ok = t.Parent(p) {
		out = append(out, p)
	}
	return out
}

// Children returns the codes directly below c, sorted.
func (t *Tree) Children(c Code) []Code {
	if t == nil {
		return nil
	}
	return slices.Clone(t.children[c])
}

// Leaves returns the codes of the grids with no children, sorted.
func (t *Tree) Leaves() []Code {
	if t == nil {
		return nil
	}
	return slices.Clone(t.leaves)
}

// Roots returns the codes of the grids with no parent, sorted.
func (t *Tree) Roots() []Code {
	if t == nil {
		return nil
	}
	return slices.Clone(t.roots)
}

// Grids returns every grid, sorted by code.
func (t *Tree) Grids() []Grid {
	if t == nil {
		return nil
	}
	return slices.Clone(t.grids)
}
