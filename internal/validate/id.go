package validate

import "github.com/grassrootsgov/grassroots"

// ID reports whether s is an SDK identifier; see grassroots.IsValidID.
func ID(s string) bool { return grassroots.IsValidID(s) }
