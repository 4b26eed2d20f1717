package grassroots

import "slices"

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

// Validate reports every problem with a: a missing ID, an invalid party, an
// empty or repeated role.
func (a Actor) Validate() error {
	var fs []FieldError
	if a.ID == "" {
		fs = append(fs, FieldError{Path: "id", Rule: RuleRequired, Message: "actor ID is required"})
	}
	if !a.Party.IsValid() {
		fs = append(fs, FieldError{Path: "party", Rule: RuleEnum, Message: "party must be one of government, provider, community, resident, third_party"})
	}
	for i, r := range a.Roles {
		if r == "" {
			fs = append(fs, FieldError{Path: ElementPath("roles", i), Rule: RuleRequired, Message: "role name is empty"})
		} else if slices.Contains(a.Roles[:i], r) {
			fs = append(fs, FieldError{Path: ElementPath("roles", i), Rule: RuleUnique, Message: "role " + r + " is repeated"})
		}
	}
	return NewValidationError(fs...)
}
