package mechanism

import "errors"

// ErrDuplicateCommunity is returned by AssessAll when two inputs carry the
// same community identifier, which would make peer comparison ambiguous.
var ErrDuplicateCommunity = errors.New("mechanism: duplicate community")
