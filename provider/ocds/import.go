package ocds

import (
	"fmt"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/provider"
)

// Import reads the contracts of a release package back, in release and
// contract order. For each contract it takes the buyer from release.buyer,
// the supplier from the contract's award, their names and credit codes from
// the parties (an identifier under any scheme whose id is a valid credit
// code), and the period, value, items, milestones and transactions. Items
// without the function classification are skipped; codes it does not know
// (a milestone status, an unsupported function) and references it cannot
// resolve are errors matching ErrInvalid, and nothing is returned.
func Import(p Package) ([]provider.Contract, error) {
	var out []provider.Contract
	for ri, r := range p.Releases {
		for ci, oc := range r.Contracts {
			c, err := importContract(r, oc)
			if err != nil {
				return nil, fmt.Errorf("%w: release %d (%s) contract %d: %w", ErrInvalid, ri, r.OCID, ci, err)
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func importContract(r Release, oc Contract) (provider.Contract, error) {
	if oc.ID == "" {
		return provider.Contract{}, fmt.Errorf("contract has no id")
	}
	c := provider.Contract{ID: oc.ID}
	if r.Buyer == nil {
		return provider.Contract{}, fmt.Errorf("release has no buyer")
	}
	var err error
	if c.Buyer, err = organization(r, *r.Buyer); err != nil {
		return provider.Contract{}, err
	}
	supplier, err := awardSupplier(r, oc.AwardID)
	if err != nil {
		return provider.Contract{}, err
	}
	if c.Supplier, err = organization(r, supplier); err != nil {
		return provider.Contract{}, err
	}
	if oc.Period != nil {
		c.Period = grassroots.Period{Start: deref(oc.Period.StartDate), End: deref(oc.Period.EndDate)}
	}
	if oc.Value != nil {
		c.Value = importValue(*oc.Value)
	}
	for _, it := range oc.Items {
		s, ok, err := importItem(it)
		if err != nil {
			return provider.Contract{}, fmt.Errorf("item %s: %w", it.ID, err)
		}
		if ok {
			c.Scope = append(c.Scope, s)
		}
	}
	if oc.Implementation != nil {
		for _, m := range oc.Implementation.Milestones {
			pm, err := importMilestone(m)
			if err != nil {
				return provider.Contract{}, fmt.Errorf("milestone %s: %w", m.ID, err)
			}
			c.Milestones = append(c.Milestones, pm)
		}
		for _, t := range oc.Implementation.Transactions {
			pt := provider.Transaction{ID: t.ID, Date: deref(t.Date)}
			if t.Value != nil {
				pt.Value = importValue(*t.Value)
			}
			if t.RelatedImplementationMilestone != nil {
				pt.Milestone = t.RelatedImplementationMilestone.ID
			}
			c.Transactions = append(c.Transactions, pt)
		}
	}
	return c, nil
}

func awardSupplier(r Release, awardID string) (OrganizationReference, error) {
	for _, a := range r.Awards {
		if a.ID == awardID {
			if len(a.Suppliers) != 1 {
				return OrganizationReference{}, fmt.Errorf("award %s has %d suppliers, want 1", awardID, len(a.Suppliers))
			}
			return a.Suppliers[0], nil
		}
	}
	return OrganizationReference{}, fmt.Errorf("award %q not found", awardID)
}

// organization resolves a reference against the parties: the party's name
// wins over the reference's, and a party identifier holding a valid credit
// code gives the USCC.
func organization(r Release, ref OrganizationReference) (provider.Organization, error) {
	o := provider.Organization{ID: ref.ID, Name: ref.Name}
	for _, p := range r.Parties {
		if p.ID != ref.ID {
			continue
		}
		if p.Name != "" {
			o.Name = p.Name
		}
		if p.Identifier != nil && p.Identifier.ID != "" {
			u, err := provider.ParseUSCC(p.Identifier.ID)
			if err == nil {
				o.USCC = u
			} else if strings.EqualFold(p.Identifier.Scheme, DefaultScheme) {
				return provider.Organization{}, fmt.Errorf("party %s: %w", p.ID, err)
			}
		}
		return o, nil
	}
	return provider.Organization{}, fmt.Errorf("party %q not found", ref.ID)
}

func importItem(it Item) (provider.ScopeItem, bool, error) {
	if it.Classification == nil || it.Classification.Scheme != FunctionScheme {
		return provider.ScopeItem{}, false, nil
	}
	f, err := provider.ParseFunction(it.Classification.ID)
	if err != nil {
		return provider.ScopeItem{}, false, err
	}
	s := provider.ScopeItem{Function: f}
	for _, ac := range it.AdditionalClassifications {
		if ac.Scheme == AreaScheme {
			s.Area = ac.ID
		}
	}
	return s, true, nil
}

func importMilestone(m Milestone) (provider.Milestone, error) {
	pm := provider.Milestone{ID: m.ID, Title: m.Title, DueDate: deref(m.DueDate), DateMet: deref(m.DateMet)}
	for k, v := range milestoneTypes {
		if v == m.Type {
			pm.Type = k
		}
	}
	for k, v := range milestoneStatuses {
		if v == m.Status {
			pm.Status = k
		}
	}
	if pm.Type == 0 {
		return provider.Milestone{}, fmt.Errorf("unknown milestone type %q", m.Type)
	}
	if pm.Status == 0 {
		return provider.Milestone{}, fmt.Errorf("unknown milestone status %q", m.Status)
	}
	if m.Value != nil {
		v := importValue(*m.Value)
		pm.Value = &v
	}
	return pm, nil
}

func importValue(v Value) provider.Money {
	return provider.Money{Amount: v.Amount.Decimal, Currency: provider.Currency(v.Currency)}
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
