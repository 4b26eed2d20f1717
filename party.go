package grassroots

import (
	"fmt"
	"slices"
	"strconv"
)

// Party is one of the five kinds of participant in grassroots governance.
// Every rating, permission and accountability record names the party that
// acts, because the paper's multi-party model weighs and entitles them
// differently.
//
// The zero value is not a party: it is invalid, prints "Party(0)", and
// fails to marshal. Parties compare with ==. Decoding into a nil *Party
// is an error matching ErrInvalid.
type Party uint8

// The parties. Their order is fixed: it is part of the wire contract only
// through the names, but sorting by value gives this order everywhere.
const (
	// Government is a government organ or department: a street office, a
	// district bureau, a procuring organ.
	Government Party = iota + 1
	// Provider is a company or social organisation that takes part under a
	// contract: a technology enabler, service provider, resource integrator
	// or innovation driver.
	Provider
	// Community is a community (village) committee or one of its grid
	// workers.
	Community
	// Resident is a resident of the community: a reporter, rater or
	// participant.
	Resident
	// ThirdParty is an independent assessor or auditor.
	ThirdParty
)

// partyNames are the wire names in value order. The root package cannot
// use internal/enum, which depends on it for UnknownNameError, so Party
// spells out the same codec; TestPartyMatchesEnumTable in internal/enum
// pins the two to the same behaviour.
var partyNames = []string{"government", "provider", "community", "resident", "third_party"}

// Parties returns every valid party in value order.
func Parties() []Party {
	return []Party{Government, Provider, Community, Resident, ThirdParty}
}

// IsValid reports whether p is one of the defined parties.
func (p Party) IsValid() bool { return p >= 1 && int(p) <= len(partyNames) }

// String returns the wire name ("government", "third_party", …), or
// "Party(N)" for an invalid value. It never fails.
func (p Party) String() string {
	if p.IsValid() {
		return partyNames[p-1]
	}
	return "Party(" + strconv.Itoa(int(p)) + ")"
}

// ParseParty parses a wire name. Matching is exact (lower_snake); any other
// text is an *UnknownNameError listing the valid names.
func ParseParty(s string) (Party, error) {
	for i, n := range partyNames {
		if n == s {
			return Party(i + 1), nil
		}
	}
	return 0, &UnknownNameError{Type: "grassroots.Party", Name: s, Valid: slices.Clone(partyNames)}
}

// AppendText appends the wire name of p to b. An invalid party is an
// error matching ErrInvalid.
func (p Party) AppendText(b []byte) ([]byte, error) {
	if !p.IsValid() {
		return b, &InvalidValueError{Type: "grassroots.Party", Value: int(p), Valid: slices.Clone(partyNames)}
	}
	return append(b, partyNames[p-1]...), nil
}

// MarshalText implements encoding.TextMarshaler. An invalid party is an
// error, never an empty string.
func (p Party) MarshalText() ([]byte, error) { return p.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler. On error *p is left
// unchanged.
func (p *Party) UnmarshalText(b []byte) error {
	if p == nil {
		return fmt.Errorf("%w: cannot decode into a nil *grassroots.Party", ErrInvalid)
	}
	v, err := ParseParty(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
