package risk

import (
	"fmt"

	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Category classifies a risk. It is a lower_snake code so that a vendor can
// add its own categories ("flood_control") without a new release; the
// categories the paper names are predefined constants. The zero value ""
// is invalid. Decoding into a nil *Category is an error matching
// grassroots.ErrInvalid.
type Category string

// The predefined categories.
const (
	CategoryDataSecurity              Category = "data_security"
	CategoryPrivacy                   Category = "privacy"
	CategoryAlgorithmicDiscrimination Category = "algorithmic_discrimination"
	CategoryRoleConflict              Category = "role_conflict"
	CategoryServiceFailure            Category = "service_failure"
	CategoryFinancial                 Category = "financial"
	CategoryPublicSafety              Category = "public_safety"
)

// Categories returns the predefined categories in declaration order.
func Categories() []Category {
	return []Category{
		CategoryDataSecurity, CategoryPrivacy, CategoryAlgorithmicDiscrimination,
		CategoryRoleConflict, CategoryServiceFailure, CategoryFinancial, CategoryPublicSafety,
	}
}

// ParseCategory checks text as a category code: 1 to 64 characters of
// a–z, 0–9 and "_", starting with a letter, not ending with "_" and without
// "__". Any other text is an error matching ErrInvalidCategory.
func ParseCategory(text string) (Category, error) {
	c := Category(text)
	if err := c.Validate(); err != nil {
		return "", err
	}
	return c, nil
}

// IsPredefined reports whether c is one of Categories.
func (c Category) IsPredefined() bool {
	for _, p := range Categories() {
		if c == p {
			return true
		}
	}
	return false
}

// Validate reports whether c is a well-formed code (see ParseCategory).
func (c Category) Validate() error {
	if !isSnakeCode(string(c), 64) {
		return fmt.Errorf("%w: %q", ErrInvalidCategory, string(c))
	}
	return nil
}

// MarshalText writes the code; a malformed code is an error.
func (c Category) MarshalText() ([]byte, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return []byte(c), nil
}

// UnmarshalText reads and checks a code.
func (c *Category) UnmarshalText(b []byte) error {
	if c == nil {
		return validate.NilTarget("risk.Category")
	}
	v, err := ParseCategory(string(b))
	if err == nil {
		*c = v
	}
	return err
}

// isSnakeCode reports whether s is lower_snake ASCII of 1..max characters,
// starting with a letter, without a trailing or doubled underscore.
func isSnakeCode(s string, max int) bool {
	if len(s) == 0 || len(s) > max || s[0] < 'a' || s[0] > 'z' || s[len(s)-1] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
		case ch == '_' && s[i-1] != '_':
		default:
			return false
		}
	}
	return true
}
