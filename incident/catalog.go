package incident

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/grassrootsgov/grassroots/workday"
)

// Category is one kind of matter in a Catalog: what it is, which platform
// handles it, how long acceptance and handling may take, and when it may be
// closed. Codes are strings, compared exactly: "006" keeps its leading
// zero, as Open311 service codes do.
type Category struct {
	Code           string        `json:"code"`
	Name           string        `json:"name"`
	Platform       Platform      `json:"platform"`
	AcceptLimit    workday.Limit `json:"accept_limit"`
	HandleLimit    workday.Limit `json:"handle_limit"`
	CloseCondition string        `json:"close_condition"`
	Priority       Priority      `json:"priority"`
	// Source cites the regulation or standard the limits come from.
	Source string `json:"source,omitempty"`
}

// MaxCodeLen bounds the length of category codes. IDs of incidents,
// commands and units follow grassroots.IsValidID.
const MaxCodeLen = 64

// validID reports whether s is a usable category code: 1 to MaxCodeLen
// bytes of valid UTF-8 without spaces or control characters.
func validID(s string) bool {
	if s == "" || len(s) > MaxCodeLen || !utf8.ValidString(s) {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) < 0
}

// Validate reports every problem of c at once.
func (c Category) Validate() error {
	var p validate.Problems
	if !validID(c.Code) {
		p.Addf("code", grassroots.RuleFormat, "code must be 1 to %d bytes without spaces or control characters", MaxCodeLen)
	}
	p.Require(strings.TrimSpace(c.Name) != "", "name", "name is required")
	checkEnum(&p, "platform", c.Platform, platformNames)
	if err := c.AcceptLimit.Validate(); err != nil {
		p.Add("accept_limit", grassroots.RuleInvalid, err.Error())
	}
	if err := c.HandleLimit.Validate(); err != nil {
		p.Add("handle_limit", grassroots.RuleInvalid, err.Error())
	}
	checkEnum(&p, "priority", c.Priority, priorityNames)
	return p.Err()
}

// Catalog is an immutable set of categories keyed by code. Build one with
// NewCatalog or ParseCatalog; it is safe for concurrent use. The zero
// Catalog, and a nil *Catalog, hold no categories.
type Catalog struct {
	cats []Category // sorted by code
}

// NewCatalog validates cats (every category, codes unique) and returns a
// Catalog holding a copy.
func NewCatalog(cats []Category) (*Catalog, error) {
	var p validate.Problems
	seen := make(map[string]bool, len(cats))
	for i, c := range cats {
		path := grassroots.ElementPath("categories", i)
		p.Nest(path, c.Validate())
		if seen[c.Code] {
			p.Addf(grassroots.JoinFieldPath(path, "code"), grassroots.RuleUnique, "code %q is repeated", c.Code)
		}
		seen[c.Code] = true
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	s := slices.Clone(cats)
	slices.SortFunc(s, func(a, b Category) int { return strings.Compare(a.Code, b.Code) })
	return &Catalog{cats: s}, nil
}

// ParseCatalog decodes {"categories":[…]} and builds a Catalog. Unknown
// fields are ignored.
func ParseCatalog(data []byte) (*Catalog, error) {
	var doc struct {
		Categories []Category `json:"categories"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("incident: decoding catalog: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("incident: decoding catalog: %w", ErrTrailingData)
	}
	return NewCatalog(doc.Categories)
}

// MarshalJSON writes the catalog as {"categories":[…]} in code order, the
// form ParseCatalog reads.
func (c *Catalog) MarshalJSON() ([]byte, error) {
	if c == nil {
		c = new(Catalog)
	}
	return json.Marshal(struct {
		Categories []Category `json:"categories"`
	}{c.cats})
}

//go:embed data/catalog.json
var catalogJSON []byte

var defaultCatalog = sync.OnceValue(func() *Catalog {
	c, err := ParseCatalog(catalogJSON)
	if err != nil {
		// Embedded and covered by tests: an error means a broken build.
		panic("incident: embedded catalog: " + err.Error())
	}
	return c
})

// DefaultCatalog returns the embedded example catalogue of twenty common
// matters. The categories that cite a Source carry that standard's handling
// limits; the others carry illustrative limits for tests and examples.
// Real deployments load their own catalogue with ParseCatalog.
func DefaultCatalog() *Catalog { return defaultCatalog() }

// Lookup returns the category with code.
func (c *Catalog) Lookup(code string) (Category, bool) {
	if c == nil {
		return Category{}, false
	}
	i, ok := slices.BinarySearchFunc(c.cats, code, func(a Category, code string) int { return strings.Compare(a.Code, code) })
	if !ok {
		return Category{}, false
	}
	return c.cats[i], true
}

// Categories returns every category in code order; the slice is a copy.
func (c *Catalog) Categories() []Category {
	if c == nil {
		return nil
	}
	return slices.Clone(c.cats)
}

// Len returns the number of categories.
func (c *Catalog) Len() int {
	if c == nil {
		return 0
	}
	return len(c.cats)
}
