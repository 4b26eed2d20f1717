package provider

import (
	"slices"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
)

// ConflictKind says why an assessor is not independent of what it assesses.
type ConflictKind uint8

// The conflicts CheckIndependence finds.
const (
	// SelfAssessment: the assessor supplies the assessed contract.
	SelfAssessment ConflictKind = iota + 1
	// SameGroup: the assessor and the supplier belong to one corporate
	// group (they share an ancestor through Provider.Parent).
	SameGroup
	// ContractWithSubject: the assessor, not a government organ, has a
	// contract with the supplier (as buyer or supplier) that overlaps the
	// assessed period.
	ContractWithSubject
)

var conflictKindNames = enum.New[ConflictKind]("provider.ConflictKind",
	"self_assessment", "same_group", "contract_with_subject",
)

// IsValid reports whether c is one of the ConflictKind values.
func (c ConflictKind) IsValid() bool { return conflictKindNames.Valid(c) }

// String returns the wire name of c, or "ConflictKind(N)" for an invalid value.
func (c ConflictKind) String() string { return conflictKindNames.String(c) }

// AppendText appends the wire name of c to b; an invalid value is an error.
func (c ConflictKind) AppendText(b []byte) ([]byte, error) { return conflictKindNames.Append(b, c) }

// MarshalText returns the wire name of c; an invalid value is an error.
func (c ConflictKind) MarshalText() ([]byte, error) { return conflictKindNames.Marshal(c) }

// UnmarshalText sets *c to the value named by b; on error *c is unchanged.
func (c *ConflictKind) UnmarshalText(b []byte) error { return conflictKindNames.Unmarshal(c, b) }

// ParseConflictKind returns the ConflictKind named s; an unknown name is a *grassroots.UnknownNameError.
func ParseConflictKind(s string) (ConflictKind, error) { return conflictKindNames.Parse(s) }

// Conflict is one reason an assessor is not independent. Contract names
// the conflicting contract for ContractWithSubject.
type Conflict struct {
	Kind     ConflictKind `json:"kind"`
	Contract string       `json:"contract,omitempty"`
}

// Assessor is the organisation that evaluates a contract's performance.
type Assessor struct {
	// ID is the organisation's ID (a Provider ID for providers).
	ID    string           `json:"id"`
	Party grassroots.Party `json:"party"`
}

// Assessment is what is assessed: the performance of Contract during Period.
type Assessment struct {
	Contract Contract          `json:"contract"`
	Period   grassroots.Period `json:"period"`
}

// Relations is what CheckIndependence knows about the world: the
// registered providers (for corporate groups) and the contracts in force.
type Relations struct {
	Providers []Provider `json:"providers"`
	Contracts []Contract `json:"contracts"`
}

// CheckIndependence returns every conflict that keeps assessor from
// assessing subject, none when it is independent:
//
//   - a provider may not assess a contract it supplies (SelfAssessment);
//   - nor a contract supplied by a provider of its own corporate group
//     (SameGroup), the group being followed through Provider.Parent in
//     relations.Providers;
//   - an assessor that is not a government organ must have no contract
//     with the supplier over any part of the assessed period
//     (ContractWithSubject, one per contract, sorted by contract ID).
//
// A parent cycle in relations is followed once round and no further.
func CheckIndependence(assessor Assessor, subject Assessment, relations Relations) []Conflict {
	var out []Conflict
	supplier := subject.Contract.Supplier.ID
	if assessor.ID == supplier {
		out = append(out, Conflict{Kind: SelfAssessment})
	} else if sameGroup(assessor.ID, supplier, relations.Providers) {
		out = append(out, Conflict{Kind: SameGroup})
	}
	if assessor.Party != grassroots.Government {
		var ids []string
		for _, c := range relations.Contracts {
			parties := []string{c.Buyer.ID, c.Supplier.ID}
			if slices.Contains(parties, assessor.ID) && slices.Contains(parties, supplier) &&
				assessor.ID != supplier && c.Period.Overlaps(subject.Period) {
				ids = append(ids, c.ID)
			}
		}
		slices.Sort(ids)
		for _, id := range slices.Compact(ids) {
			out = append(out, Conflict{Kind: ContractWithSubject, Contract: id})
		}
	}
	return out
}

func sameGroup(a, b string, providers []Provider) bool {
	parent := make(map[string]string, len(providers))
	for _, p := range providers {
		if p.Parent != "" {
			parent[p.ID] = p.Parent
		}
	}
	ancestors := func(id string) []string {
		chain := []string{id}
		for next, ok := parent[id]; ok && !slices.Contains(chain, next); next, ok = parent[next] {
			chain = append(chain, next)
		}
		return chain
	}
	as := ancestors(a)
	return slices.ContainsFunc(ancestors(b), func(id string) bool { return slices.Contains(as, id) })
}
