package provider

import (
	"cmp"
	"slices"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
)

// AmbiguityKind says what is unclear about a responsibility.
type AmbiguityKind uint8

// The kinds of responsibility ambiguity.
const (
	// TwoAccountable: two parties are accountable for one function in one
	// area at the same time, under different contracts or in one.
	TwoAccountable AmbiguityKind = iota + 1
	// NoAccountable: a contract hands over a function in an area but names
	// nobody accountable for it.
	NoAccountable
)

var ambiguityKindNames = enum.New[AmbiguityKind]("provider.AmbiguityKind",
	"two_accountable", "no_accountable",
)

// IsValid reports whether a is one of the AmbiguityKind values.
func (a AmbiguityKind) IsValid() bool { return ambiguityKindNames.Valid(a) }

// String returns the wire name of a, or "AmbiguityKind(N)" for an invalid value.
func (a AmbiguityKind) String() string { return ambiguityKindNames.String(a) }

// AppendText appends the wire name of a to b; an invalid value is an error.
func (a AmbiguityKind) AppendText(b []byte) ([]byte, error) { return ambiguityKindNames.Append(b, a) }

// MarshalText returns the wire name of a; an invalid value is an error.
func (a AmbiguityKind) MarshalText() ([]byte, error) { return ambiguityKindNames.Marshal(a) }

// UnmarshalText sets *a to the value named by b; on error *a is unchanged.
func (a *AmbiguityKind) UnmarshalText(b []byte) error { return ambiguityKindNames.Unmarshal(a, b) }

// ParseAmbiguityKind returns the AmbiguityKind named s; an unknown name is a *grassroots.UnknownNameError.
func ParseAmbiguityKind(s string) (AmbiguityKind, error) { return ambiguityKindNames.Parse(s) }

// Ambiguity is a finding of CheckResponsibility: for Function in Area
// during Period, Parties (sorted) are both accountable (TwoAccountable), or
// nobody is (NoAccountable, Parties empty). Contracts names the contracts
// involved, sorted.
type Ambiguity struct {
	Kind      AmbiguityKind     `json:"kind"`
	Function  Function          `json:"function"`
	Area      string            `json:"area"`
	Parties   []string          `json:"parties,omitempty"`
	Contracts []string          `json:"contracts"`
	Period    grassroots.Period `json:"period"`
}

// accountability is one accountable assignment placed in time.
type accountability struct {
	item     ScopeItem
	party    string
	contract string
	period   grassroots.Period
}

// CheckResponsibility looks across contracts for functions in an area that
// have two accountable parties over overlapping periods, and for scope
// items with no accountable party. Each contract's period is the period of
// its assignments; periods are half-open, so a contract ending on the day
// another starts does not overlap it, while one day in common does. A party
// accountable twice is not ambiguous. Pass only the contracts in force
// (signed or active); the result does not depend on their order and is
// sorted by function, area, period start and parties.
func CheckResponsibility(contracts []Contract) []Ambiguity {
	var acc []accountability
	var out []Ambiguity
	for _, c := range contracts {
		for _, s := range c.Scope {
			found := false
			for _, a := range c.Responsibilities {
				if a.RACI == Accountable && a.item() == s {
					found = true
					acc = append(acc, accountability{s, a.Party, c.ID, c.Period})
				}
			}
			if !found {
				out = append(out, Ambiguity{Kind: NoAccountable, Function: s.Function, Area: s.Area, Contracts: []string{c.ID}, Period: c.Period})
			}
		}
	}
	slices.SortFunc(acc, func(a, b accountability) int {
		return cmp.Or(cmp.Compare(a.item.Function, b.item.Function), cmp.Compare(a.item.Area, b.item.Area),
			a.period.Start.Compare(b.period.Start), cmp.Compare(a.party, b.party), cmp.Compare(a.contract, b.contract))
	})
	for i, a := range acc {
		for _, b := range acc[i+1:] {
			if b.item != a.item {
				break
			}
			if a.party == b.party || !a.period.Overlaps(b.period) {
				continue
			}
			parties := []string{a.party, b.party}
			contracts := []string{a.contract, b.contract}
			slices.Sort(parties)
			slices.Sort(contracts)
			out = append(out, Ambiguity{Kind: TwoAccountable, Function: a.item.Function, Area: a.item.Area,
				Parties: parties, Contracts: slices.Compact(contracts), Period: intersect(a.period, b.period)})
		}
	}
	slices.SortFunc(out, func(a, b Ambiguity) int {
		return cmp.Or(cmp.Compare(a.Function, b.Function), cmp.Compare(a.Area, b.Area),
			a.Period.Start.Compare(b.Period.Start), cmp.Compare(a.Kind, b.Kind),
			slices.Compare(a.Parties, b.Parties), slices.Compare(a.Contracts, b.Contracts))
	})
	return out
}

// intersect returns the common part of two overlapping periods.
func intersect(p, q grassroots.Period) grassroots.Period {
	r := grassroots.Period{Start: later(p.Start, q.Start)}
	switch {
	case p.IsOpen():
		r.End = q.End
	case q.IsOpen():
		r.End = p.End
	default:
		r.End = earlier(p.End, q.End)
	}
	return r
}

func later(a, b time.Time) time.Time {
	if a.Before(b) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
