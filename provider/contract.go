package provider

import (
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
)

// Organization names a party to a contract: the buying government organ or
// the supplying provider. ID is the caller's identifier (for a supplier,
// the Provider ID); USCC is optional for the buyer.
type Organization struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	USCC USCC   `json:"uscc,omitzero"`
}

// ScopeItem is one cell of a contract's content: a function in an area.
type ScopeItem struct {
	Function Function `json:"function"`
	Area     string   `json:"area"`
}

// RACI is a party's part in a function: responsible, accountable,
// consulted or informed.
type RACI uint8

// The RACI letters.
const (
	Responsible RACI = iota + 1
	Accountable
	Consulted
	Informed
)

var raciNames = enum.New[RACI]("provider.RACI",
	"responsible", "accountable", "consulted", "informed",
)

// IsValid reports whether r is one of the RACI values.
func (r RACI) IsValid() bool { return raciNames.Valid(r) }

// String returns the wire name of r, or "RACI(N)" for an invalid value.
func (r RACI) String() string { return raciNames.String(r) }

// AppendText appends the wire name of r to b; an invalid value is an error.
func (r RACI) AppendText(b []byte) ([]byte, error) { return raciNames.Append(b, r) }

// MarshalText returns the wire name of r; an invalid value is an error.
func (r RACI) MarshalText() ([]byte, error) { return raciNames.Marshal(r) }

// UnmarshalText sets *r to the value named by b; on error *r is unchanged.
func (r *RACI) UnmarshalText(b []byte) error { return raciNames.Unmarshal(r, b) }

// ParseRACI returns the RACI named s; an unknown name is a *grassroots.UnknownNameError.
func ParseRACI(s string) (RACI, error) { return raciNames.Parse(s) }

// Assignment is one entry of a contract's responsibility matrix: Party
// (an organisation ID) has RACI for Function in Area.
type Assignment struct {
	Function Function `json:"function"`
	Area     string   `json:"area"`
	Party    string   `json:"party"`
	RACI     RACI     `json:"raci"`
}

// SettlementMethod is how a contract's price is paid.
type SettlementMethod uint8

// The settlement methods.
const (
	// LumpSum: one price for the whole contract.
	LumpSum SettlementMethod = iota + 1
	// Periodic: the value is earned evenly over the term and settled per
	// period (see Settle).
	Periodic
	// PerUnit: paid by the quantity delivered.
	PerUnit
	// ByMilestone: paid on payment milestones.
	ByMilestone
)

var settlementMethodNames = enum.New[SettlementMethod]("provider.SettlementMethod",
	"lump_sum", "periodic", "per_unit", "by_milestone",
)

// IsValid reports whether s is one of the SettlementMethod values.
func (s SettlementMethod) IsValid() bool { return settlementMethodNames.Valid(s) }

// String returns the wire name of s, or "SettlementMethod(N)" for an invalid value.
func (s SettlementMethod) String() string { return settlementMethodNames.String(s) }

// AppendText appends the wire name of s to b; an invalid value is an error.
func (s SettlementMethod) AppendText(b []byte) ([]byte, error) {
	return settlementMethodNames.Append(b, s)
}

// MarshalText returns the wire name of s; an invalid value is an error.
func (s SettlementMethod) MarshalText() ([]byte, error) { return settlementMethodNames.Marshal(s) }

// UnmarshalText sets *s to the value named by b; on error *s is unchanged.
func (s *SettlementMethod) UnmarshalText(b []byte) error {
	return settlementMethodNames.Unmarshal(s, b)
}

// ParseSettlementMethod returns the SettlementMethod named s; an unknown name is a *grassroots.UnknownNameError.
func ParseSettlementMethod(s string) (SettlementMethod, error) { return settlementMethodNames.Parse(s) }

// Contract is a government purchase of services from a provider, with the
// clauses Ministry of Finance Order No. 102 (2020, 政府购买服务管理办法)
// requires a purchase contract to state: content (Scope), term (Period),
// quantity, quality, price, settlement method, the rights and obligations
// of each party, and liability for breach.
//
// The zero value is invalid. Slices are shared when a Contract is copied;
// treat them as read-only. The lifecycle (draft, signed, …) is not part of
// the contract value: see State and Decide.
type Contract struct {
	ID       string            `json:"id"`
	Buyer    Organization      `json:"buyer"`
	Supplier Organization      `json:"supplier"`
	Period   grassroots.Period `json:"period"`
	Value    Money             `json:"value"`
	// Scope is the content: which functions in which areas.
	Scope            []ScopeItem      `json:"scope"`
	Quantity         string           `json:"quantity"`
	Quality          string           `json:"quality"`
	Price            string           `json:"price"`
	SettlementMethod SettlementMethod `json:"settlement_method"`
	// Rights states the rights and obligations of each party.
	Rights string `json:"rights"`
	// Liability states the liability for breach.
	Liability string `json:"liability"`
	// MultiYearJustification explains why a term longer than one year is
	// needed (a stable, budget-secured service); required for such terms.
	MultiYearJustification string `json:"multi_year_justification,omitempty"`
	Published              bool   `json:"published"`
	// Responsibilities is the RACI matrix for every scope item.
	Responsibilities []Assignment    `json:"responsibilities"`
	SLA              []SLATerm       `json:"sla,omitempty"`
	QualityFactors   []QualityFactor `json:"quality_factors,omitempty"`
	Milestones       []Milestone     `json:"milestones,omitempty"`
	Transactions     []Transaction   `json:"transactions,omitempty"`
}

// MaxTerm and MaxMultiYearTerm are the term limits in calendar years.
const (
	MaxTerm          = 1
	MaxMultiYearTerm = 3
)

// TermLimit returns the latest allowed end of a term that starts at start
// and runs for years calendar years: the same month, day and clock time
// years later in start's location (time.AddDate). A start on 29 February
// therefore may run to 1 March when the end year has no 29 February.
func TermLimit(start time.Time, years int) time.Time { return start.AddDate(years, 0, 0) }

// checkTerm applies the term rules: an end is required; the term may run to
// exactly one calendar year from its start (End == TermLimit(Start, 1),
// the end being exclusive); longer needs a multi-year justification; over
// three calendar years is never allowed.
func checkTerm(p grassroots.Period, justified bool) []grassroots.FieldError {
	if p.Start.IsZero() {
		return nil // reported by Period.Validate
	}
	switch {
	case p.End.IsZero():
		return []grassroots.FieldError{{Path: "period.end", Rule: "required", Message: "contract term must have an end"}}
	case p.End.After(TermLimit(p.Start, MaxMultiYearTerm)):
		return []grassroots.FieldError{{Path: "period.end", Rule: "max_term", Message: "contract term is longer than 3 years"}}
	case p.End.After(TermLimit(p.Start, MaxTerm)) && !justified:
		return []grassroots.FieldError{{Path: "multi_year_justification", Rule: "required", Message: "a term longer than 1 year needs a multi-year justification"}}
	}
	return nil
}

// Validate reports every problem with c at once as a
// *grassroots.ValidationError: each missing Order No. 102 clause, the term
// rules (see TermLimit), an unsupported currency or a value that is not
// positive, the responsibility matrix (every scope item has exactly one
// accountable and at least one responsible party; no assignment outside the
// scope), SLA terms and quality factors, milestones (met has date_met,
// scheduled and not met have none, amounts in the contract currency),
// transactions (contract currency only, positive, their sum at most the
// value, a referenced milestone exists), and a met payment milestone
// without a transaction.
func (c Contract) Validate() error {
	v := &problems{}
	v.required("id", c.ID, "contract ID")
	v.required("buyer.id", c.Buyer.ID, "buyer ID")
	v.required("buyer.name", c.Buyer.Name, "buyer name")
	v.required("supplier.id", c.Supplier.ID, "supplier ID")
	v.required("supplier.name", c.Supplier.Name, "supplier name")
	if c.Buyer.ID != "" && c.Buyer.ID == c.Supplier.ID {
		v.add("supplier.id", "nefield", "buyer and supplier are the same organisation")
	}
	v.nested("period", c.Period.Validate())
	v.fs = append(v.fs, checkTerm(c.Period, c.MultiYearJustification != "")...)
	v.money("value", c.Value, "")
	if c.Value.Amount.Sign() <= 0 {
		v.add("value.amount", "gt", "contract value must be positive")
	}
	if len(c.Scope) == 0 {
		v.add("scope", "required", "contract content (scope) is required")
	}
	for i, s := range c.Scope {
		path := grassroots.ElementPath("scope", i)
		if !s.Function.IsValid() {
			v.add(path+".function", grassroots.RuleEnum, functionNames.Problem(s.Function))
		}
		v.required(path+".area", s.Area, "area")
		if slices.Contains(c.Scope[:i], s) {
			v.add(path, "unique", "scope item is repeated")
		}
	}
	v.required("quantity", c.Quantity, "quantity clause")
	v.required("quality", c.Quality, "quality clause")
	v.required("price", c.Price, "price clause")
	switch {
	case c.SettlementMethod == 0:
		v.add("settlement_method", "required", "settlement method is required")
	case !c.SettlementMethod.IsValid():
		v.add("settlement_method", grassroots.RuleEnum, settlementMethodNames.Problem(c.SettlementMethod))
	}
	v.required("rights", c.Rights, "rights and obligations clause")
	v.required("liability", c.Liability, "liability for breach clause")
	c.validateMatrix(v)
	for i, t := range c.SLA {
		v.nested(grassroots.ElementPath("sla", i), t.Validate())
	}
	v.nested("quality_factors", validateQualityFactors(c.QualityFactors))
	c.validateMilestones(v)
	c.validateTransactions(v)
	return grassroots.NewValidationError(v.fs...)
}

func (c Contract) validateMatrix(v *problems) {
	for i, a := range c.Responsibilities {
		path := grassroots.ElementPath("responsibilities", i)
		if !a.RACI.IsValid() {
			v.add(path+".raci", grassroots.RuleEnum, raciNames.Problem(a.RACI))
		}
		v.required(path+".party", a.Party, "party")
		if !slices.Contains(c.Scope, ScopeItem{a.Function, a.Area}) {
			v.add(path, "scope", "assignment for a function and area outside the contract scope")
		}
	}
	for i, s := range c.Scope {
		var accountable, responsible int
		for _, a := range c.Responsibilities {
			if a.Function == s.Function && a.Area == s.Area {
				switch a.RACI {
				case Accountable:
					accountable++
				case Responsible:
					responsible++
				}
			}
		}
		path := grassroots.ElementPath("scope", i)
		if accountable != 1 {
			v.add(path, "accountable", "needs exactly one accountable party")
		}
		if responsible == 0 {
			v.add(path, "responsible", "needs at least one responsible party")
		}
	}
}

func (c Contract) validateMilestones(v *problems) {
	for i, m := range c.Milestones {
		path := grassroots.ElementPath("milestones", i)
		v.required(path+".id", m.ID, "milestone ID")
		if m.ID != "" && slices.ContainsFunc(c.Milestones[:i], func(n Milestone) bool { return n.ID == m.ID }) {
			v.add(path+".id", "unique", "milestone ID is repeated")
		}
		if !m.Type.IsValid() {
			v.add(path+".type", grassroots.RuleEnum, milestoneTypeNames.Problem(m.Type))
		}
		switch m.Status {
		case MilestoneMet:
			if m.DateMet.IsZero() {
				v.add(path+".date_met", "required", "a met milestone needs date_met")
			}
		case MilestoneScheduled, MilestoneNotMet:
			if !m.DateMet.IsZero() {
				v.add(path+".date_met", "excluded", "date_met is only for met or partially met milestones")
			}
		case MilestonePartiallyMet:
		default:
			v.add(path+".status", grassroots.RuleEnum, milestoneStatusNames.Problem(m.Status))
		}
		if m.Value != nil {
			v.money(path+".value", *m.Value, c.Value.Currency)
		}
		if m.Type == PaymentMilestone && m.Status == MilestoneMet && m.ID != "" &&
			!slices.ContainsFunc(c.Transactions, func(t Transaction) bool { return t.Milestone == m.ID }) {
			v.add(path, "transaction", "a met payment milestone needs its transaction")
		}
	}
}

func (c Contract) validateTransactions(v *problems) {
	sum := decimal.Zero
	sameCurrency := true
	for i, t := range c.Transactions {
		path := grassroots.ElementPath("transactions", i)
		v.required(path+".id", t.ID, "transaction ID")
		if t.ID != "" && slices.ContainsFunc(c.Transactions[:i], func(u Transaction) bool { return u.ID == t.ID }) {
			v.add(path+".id", "unique", "transaction ID is repeated")
		}
		if t.Date.IsZero() {
			v.add(path+".date", "required", "transaction date is required")
		}
		if t.Value.Currency != c.Value.Currency {
			sameCurrency = false
		}
		v.money(path+".value", t.Value, c.Value.Currency)
		if t.Value.Amount.Sign() <= 0 {
			v.add(path+".value.amount", "gt", "transaction amount must be positive")
		}
		if t.Milestone != "" && !slices.ContainsFunc(c.Milestones, func(m Milestone) bool { return m.ID == t.Milestone }) {
			v.add(path+".milestone", "exists", "transaction refers to an unknown milestone")
		}
		sum = sum.Add(t.Value.Amount)
	}
	if sameCurrency && sum.GreaterThan(c.Value.Amount) {
		v.add("transactions", "max", "transactions sum to "+sum.String()+", above the contract value "+c.Value.Amount.String())
	}
}

// problems collects field errors for a Validate method.
type problems struct{ fs []grassroots.FieldError }

func (v *problems) add(path, rule, msg string) {
	v.fs = append(v.fs, grassroots.FieldError{Path: path, Rule: rule, Message: msg})
}

func (v *problems) required(path, value, what string) {
	if value == "" {
		v.add(path, "required", what+" is required")
	}
}

func (v *problems) nested(prefix string, err error) {
	v.fs = append(v.fs, grassroots.FieldErrors(prefix, err)...)
}

// money checks the currency is supported and, when want is set, that it is
// want (no implicit conversion).
func (v *problems) money(path string, m Money, want Currency) {
	switch {
	case m.Currency.Validate() != nil:
		v.add(path+".currency", "currency", "currency "+string(m.Currency)+" is not supported")
	case want != "" && m.Currency != want:
		v.add(path+".currency", "currency", "currency "+string(m.Currency)+" differs from the contract currency "+string(want))
	}
}

// Rules are the settings contract checks use beyond the contract itself.
type Rules struct {
	// Roles says which roles may take which functions.
	Roles RoleTable
	// Location is the time zone in which partial dates of memberships are
	// read and days are counted. Nil means UTC.
	Location *time.Location
}

var chinaStandardTime = time.FixedZone("CST", 8*60*60)

// ChinaStandardTime returns UTC+8 without daylight saving, the legal time
// of mainland China: a fixed zone, so results never depend on the host's
// time-zone database.
func ChinaStandardTime() *time.Location { return chinaStandardTime }

// DefaultRules returns DefaultRoleTable with ChinaStandardTime.
func DefaultRules() Rules { return Rules{Roles: DefaultRoleTable(), Location: chinaStandardTime} }

// CheckSupplier reports, as a *grassroots.ValidationError, whether c may be
// given to p: p is c's supplier, p is active when the contract starts, and
// every scope item is covered by one of p's memberships whose role may take
// the function (rules.Roles), whose scope includes the area and whose
// dates (read in rules.Location) cover the whole contract period.
func CheckSupplier(c Contract, p Provider, rules Rules) error {
	v := &problems{}
	if c.Supplier.ID != p.ID {
		v.add("supplier.id", "eqfield", "contract supplier is not provider "+p.ID)
	}
	if s := p.StatusAt(c.Period.Start); s != StatusActive {
		v.add("supplier", "active", "provider is not active when the contract starts")
	}
	for i, s := range c.Scope {
		if !coversItem(p.Memberships, s, c.Period, rules) {
			v.add(grassroots.ElementPath("scope", i), "role",
				"no membership of the supplier covers "+s.Function.String()+" in "+s.Area+" for the whole term")
		}
	}
	return grassroots.NewValidationError(v.fs...)
}

func coversItem(ms []Membership, s ScopeItem, term grassroots.Period, rules Rules) bool {
	for _, m := range ms {
		if !rules.Roles.Allows(m.Role, s.Function) || !m.Scope.Includes(s.Area) {
			continue
		}
		mp := m.Period(rules.Location)
		startsInTime := !mp.Start.After(term.Start)
		endsInTime := mp.IsOpen() || (!term.IsOpen() && !mp.End.Before(term.End))
		if startsInTime && endsInTime {
			return true
		}
	}
	return false
}
