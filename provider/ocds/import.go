package ocds

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/grassrootsgov/grassroots/provider"
)

// Import reads the contracts of a release package back, in release and
// contract order. For each contract it takes the buyer from release.buyer,
// the supplier from the contract's award, their names and credit codes from
// the parties (an identifier under any scheme whose id is a valid credit
// code), and the period, value, items, milestones and transactions. Items
// without the function classification are skipped. The first code it does
// not know (a milestone status, an unsupported function), reference it
// cannot resolve or amount whose exponent lies beyond ±10,000 (built in
// Go: no JSON carries one) is an *ImportError naming the release, the
// contract and the field, and nothing is returned.
func Import(p Package) ([]provider.Contract, error) {
	var out []provider.Contract
	for ri, r := range p.Releases {
		for ci, oc := range r.Contracts {
			im := importer{r: &r, oc: &oc, ri: ri, ci: ci,
				path: grassroots.ElementPath(grassroots.ElementPath("releases", ri)+".contracts", ci)}
			c, err := im.contract()
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// importer maps one contract of one release.
type importer struct {
	r      *Release
	oc     *Contract
	ri, ci int
	path   string // of the contract: releases[ri].contracts[ci]
}

func (im *importer) fail(path, rule, message string, cause error) error {
	return &ImportError{Release: im.ri, OCID: im.r.OCID, Contract: im.ci, ID: im.oc.ID,
		Path: path, Rule: rule, Message: message, Err: cause}
}

func (im *importer) releasePath(field string) string {
	return grassroots.ElementPath("releases", im.ri) + "." + field
}

func (im *importer) contract() (provider.Contract, error) {
	oc := im.oc
	if oc.ID == "" {
		return provider.Contract{}, im.fail(im.path+".id", grassroots.RuleRequired, "a contract needs an id", nil)
	}
	c := provider.Contract{ID: oc.ID}
	if im.r.Buyer == nil {
		return provider.Contract{}, im.fail(im.releasePath("buyer"), grassroots.RuleRequired, "the release needs a buyer", nil)
	}
	var err error
	if c.Buyer, err = im.organization(*im.r.Buyer, im.releasePath("buyer.id")); err != nil {
		return provider.Contract{}, err
	}
	supplier, path, err := im.awardSupplier()
	if err != nil {
		return provider.Contract{}, err
	}
	if c.Supplier, err = im.organization(supplier, path); err != nil {
		return provider.Contract{}, err
	}
	if oc.Period != nil {
		c.Period = grassroots.Period{Start: deref(oc.Period.StartDate), End: deref(oc.Period.EndDate)}
	}
	if oc.Value != nil {
		if c.Value, err = im.value(*oc.Value, im.path+".value"); err != nil {
			return provider.Contract{}, err
		}
	}
	for i, it := range oc.Items {
		s, ok, err := im.item(it, grassroots.ElementPath(im.path+".items", i))
		if err != nil {
			return provider.Contract{}, err
		}
		if ok {
			c.Scope = append(c.Scope, s)
		}
	}
	if oc.Implementation != nil {
		for i, m := range oc.Implementation.Milestones {
			pm, err := im.milestone(m, grassroots.ElementPath(im.path+".implementation.milestones", i))
			if err != nil {
				return provider.Contract{}, err
			}
			c.Milestones = append(c.Milestones, pm)
		}
		for i, t := range oc.Implementation.Transactions {
			pt := provider.Transaction{ID: t.ID, Date: deref(t.Date)}
			if t.Value != nil {
				if pt.Value, err = im.value(*t.Value, grassroots.ElementPath(im.path+".implementation.transactions", i)+".value"); err != nil {
					return provider.Contract{}, err
				}
			}
			if t.RelatedImplementationMilestone != nil {
				pt.Milestone = t.RelatedImplementationMilestone.ID
			}
			c.Transactions = append(c.Transactions, pt)
		}
	}
	return c, nil
}

// awardSupplier returns the one supplier of the contract's award and the
// path of its reference.
func (im *importer) awardSupplier() (OrganizationReference, string, error) {
	ids := make([]string, len(im.r.Awards))
	for ai, a := range im.r.Awards {
		ids[ai] = a.ID
		if a.ID != im.oc.AwardID {
			continue
		}
		path := grassroots.ElementPath(im.releasePath("awards"), ai) + ".suppliers"
		switch n := len(a.Suppliers); {
		case n == 0:
			return OrganizationReference{}, "", im.fail(path, grassroots.RuleRequired, fmt.Sprintf("award %q has no supplier; a contract has exactly one", a.ID), nil)
		case n > 1:
			return OrganizationReference{}, "", im.fail(path, grassroots.RuleMax, fmt.Sprintf("award %q has %d suppliers; a contract has exactly one", a.ID, n), nil)
		}
		return a.Suppliers[0], grassroots.ElementPath(path, 0) + ".id", nil
	}
	return OrganizationReference{}, "", im.fail(im.path+".awardID", grassroots.RuleReference,
		fmt.Sprintf("award %q is not among the release's awards (%s)", im.oc.AwardID, listOrNone(ids)), nil)
}

// organization resolves a reference (at path) against the parties: the
// party's name wins over the reference's, and a party identifier holding
// a valid credit code gives the USCC.
func (im *importer) organization(ref OrganizationReference, path string) (provider.Organization, error) {
	o := provider.Organization{ID: ref.ID, Name: ref.Name}
	ids := make([]string, len(im.r.Parties))
	for pi, p := range im.r.Parties {
		ids[pi] = p.ID
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
				return provider.Organization{}, im.fail(grassroots.ElementPath(im.releasePath("parties"), pi)+".identifier.id", grassroots.RuleFormat,
					fmt.Sprintf("party %q: %q under scheme %s is not a valid credit code (%s)", p.ID, p.Identifier.ID, p.Identifier.Scheme, usccProblem(err)), err)
			}
		}
		return o, nil
	}
	return provider.Organization{}, im.fail(path, grassroots.RuleReference,
		fmt.Sprintf("party %q is not among the release's parties (%s)", ref.ID, listOrNone(ids)), nil)
}

// usccProblem says why a credit code was refused, without the provider
// package's prefix.
func usccProblem(err error) string {
	var ue *provider.USCCError
	if !errors.As(err, &ue) {
		return err.Error()
	}
	if ue.Reason == provider.USCCCheckCharacter {
		return fmt.Sprintf("check character %q, want %q", ue.Input[ue.Pos], ue.Want)
	}
	return ue.Reason.String()
}

func (im *importer) item(it Item, path string) (provider.ScopeItem, bool, error) {
	if it.Classification == nil || it.Classification.Scheme != FunctionScheme {
		return provider.ScopeItem{}, false, nil
	}
	f, err := provider.ParseFunction(it.Classification.ID)
	if err != nil {
		var ue *grassroots.UnknownNameError
		msg := err.Error()
		if errors.As(err, &ue) {
			msg = fmt.Sprintf("%q is not a function of scheme %s; valid names: %s", ue.Name, FunctionScheme, strings.Join(ue.Valid, ", "))
		}
		return provider.ScopeItem{}, false, im.fail(path+".classification.id", grassroots.RuleEnum, msg, err)
	}
	s := provider.ScopeItem{Function: f}
	for _, ac := range it.AdditionalClassifications {
		if ac.Scheme == AreaScheme {
			s.Area = ac.ID
		}
	}
	return s, true, nil
}

func (im *importer) milestone(m Milestone, path string) (provider.Milestone, error) {
	pm := provider.Milestone{ID: m.ID, Title: m.Title, DueDate: deref(m.DueDate), DateMet: deref(m.DateMet)}
	var ok bool
	if pm.Type, ok = lookup(milestoneTypes, m.Type); !ok {
		return provider.Milestone{}, im.fail(path+".type", grassroots.RuleEnum,
			fmt.Sprintf("milestone type %q is not an OCDS milestone type; valid codes: %s", m.Type, codes(milestoneTypes)), nil)
	}
	if pm.Status, ok = lookup(milestoneStatuses, m.Status); !ok {
		return provider.Milestone{}, im.fail(path+".status", grassroots.RuleEnum,
			fmt.Sprintf("milestone status %q is not an OCDS milestone status; valid codes: %s", m.Status, codes(milestoneStatuses)), nil)
	}
	if m.Value != nil {
		v, err := im.value(*m.Value, path+".value")
		if err != nil {
			return provider.Milestone{}, err
		}
		pm.Value = &v
	}
	return pm, nil
}

// lookup returns the value whose OCDS code is code.
func lookup[T ~uint8](table map[T]string, code string) (T, bool) {
	for k, v := range table {
		if v == code {
			return k, true
		}
	}
	return 0, false
}

// codes lists a table's OCDS codes in value order.
func codes[T ~uint8](table map[T]string) string {
	keys := slices.Sorted(maps.Keys(table))
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = table[k]
	}
	return strings.Join(out, ", ")
}

func listOrNone(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

// value returns v, at path, as provider.Money; an amount whose exponent
// is beyond ±exact.MaxExponent is refused (see validate.Problems.Tame).
func (im *importer) value(v Value, path string) (provider.Money, error) {
	if d := v.Amount.Decimal; !exact.Tame(d) {
		var p validate.Problems
		p.Tame(path+".amount", d)
		f := grassroots.FieldErrors("", p.Err())[0]
		return provider.Money{}, im.fail(f.Path, f.Rule, f.Message, nil)
	}
	return provider.Money{Amount: v.Amount.Decimal, Currency: provider.Currency(v.Currency)}, nil
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
