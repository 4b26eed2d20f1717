package mechanism

import (
	"errors"
	"fmt"
)

// ErrUnknownName is matched by every *NameError: a wire name that is not
// one of an enum's names.
var ErrUnknownName = errors.New("mechanism: unknown name")

// ErrDuplicateCommunity is returned by AssessAll when two inputs carry the
// same community identifier, which would make peer comparison ambiguous.
var ErrDuplicateCommunity = errors.New("mechanism: duplicate community")

// NameError reports a name that is not a valid value of the enum Type
// ("layer", "code", "model", …). It matches ErrUnknownName.
type NameError struct {
	Type string
	Name string
}

// Error names the enum and the rejected name.
func (e *NameError) Error() string {
	return fmt.Sprintf("mechanism: unknown %s %q", e.Type, e.Name)
}

// Is reports whether target is ErrUnknownName.
func (e *NameError) Is(target error) bool { return target == ErrUnknownName }
