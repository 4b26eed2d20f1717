package grassroots

import (
	"slices"
	"strings"
)

// Actor is who issues a command or gives a rating: a person or system
// account acting for a party and, usually, an organisation.
//
// The zero value is invalid (no ID, no party). Actors are plain values;
// Roles is shared when an Actor is copied, so treat it as read-only.
type Actor struct {
	// ID identifies the account in the caller's system. Required.
	ID string `json:"id"`
	// Party is the kind of participant the actor acts for. Required.
	Party Party `json:"party"`
	// Organization identifies the organisation the actor acts for (a
	// department code, a provider ID, a community code); empty for a
	// resident acting for themselves.
	Organization string `json:"organization,omitempty"`
	// Roles are the actor's role names within the organisation
	// ("dispatcher", "grid_worker", "assessor", …). Packages that check
	// permissions document which roles they look for.
	Roles []string `json:"roles,omitempty"`
}

// HasRole reports whether role is among a's roles.
func (a Actor) HasRole(role string) bool { return slices.Contains(a.Roles, role) }

// Validate reports every problem with a: an ID that is not an ID (see
// IsValidID), an invalid party, an organisation that is not an ID, an
// empty, malformed or repeated role. Whatever passes can be written into
// sealed event data unchanged.
func (a Actor) Validate() error {
	var fs fieldList
	switch {
	case a.ID == "":
		fs.add("id", RuleRequired, "actor ID is required")
	case !IsValidID(a.ID):
		fs.add("id", RuleFormat, "actor ID must be 1 to 128 bytes without spaces or control characters")
	}
	if !a.Party.IsValid() {
		fs.add("party", RuleEnum, "party must be one of "+strings.Join(partyNames, ", "))
	}
	if a.Organization != "" && !IsValidID(a.Organization) {
		fs.add("organization", RuleFormat, "organization must be 1 to 128 bytes without spaces or control characters")
	}
	for i, r := range a.Roles {
		switch {
		case r == "":
			fs.add(ElementPath("roles", i), RuleRequired, "role name is empty")
		case !IsValidID(r):
			fs.add(ElementPath("roles", i), RuleFormat, "role name must be 1 to 128 bytes without spaces or control characters")
		case slices.Contains(a.Roles[:i], r):
			fs.add(ElementPath("roles", i), RuleUnique, "role "+r+" is repeated")
		}
	}
	return NewValidationError(fs...)
}
