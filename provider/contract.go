package provider

import (
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/enumfield"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Organization names a party to a contract: the buying government organ or
// the supplying provider. ID is the caller's identifier (for a supplier,
// the Provider ID); USCC is optional for the buyer.
type Organization struct {
	ID   string `json:"id" validate:"required"`
	Name string `json:"name" validate:"required"`
	USCC USCC   `json:"uscc,omitzero" validate:"-"`
}

// ScopeItem is one cell of a contract's content: a function in an area.
type ScopeItem struct {
	Function Function `json:"function" validate:"-"`
	Area     string   `json:"area" validate:"required"`
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
	Function Function `json:"function" validate:"-"`
	Area     string   `json:"area" validate:"-"`
	Party    string   `json:"party" validate:"required"`
	RACI     RACI     `json:"raci" validate:"-"`
}

// item returns the scope item a is for.
func (a Assignment) item() ScopeItem { return ScopeItem{a.Function, a.Area} }

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
// Fields with validate tags are checked by those; the domain rules of
// Validate check the rest, which are tagged validate:"-" so that the
// validator does not walk them (signing validates a contract twice).
//
// The zero value is invalid. Slices are shared when a Contract is copied;
// treat them as read-only. The lifecycle (draft, signed, …) is not part of
// the contract value: see State and Decide.
type Contract struct {
	ID       string            `json:"id" validate:"required,id"`
	Buyer    Organization      `json:"buyer"`
	Supplier Organization      `json:"supplier"`
	Period   grassroots.Period `json:"period" validate:"-"`
	Value    Money             `json:"value" validate:"-"`
	// Scope is the content: which functions in which areas.
	Scope            []ScopeItem      `json:"scope" validate:"dive"`
	Quantity         string           `json:"quantity" validate:"required"`
	Quality          string           `json:"quality" validate:"required"`
	Price            string           `json:"price" validate:"required"`
	SettlementMethod SettlementMethod `json:"settlement_method" validate:"-"`
	// Rights states the rights and obligations of each party.
	Rights string `json:"rights" validate:"required"`
	// Liability states the liability for breach.
	Liability string `json:"liability" validate:"required"`
	// MultiYearJustification explains why a term longer than one year is
	// needed (a stable, budget-secured service); required for such terms.
	MultiYearJustification string `json:"multi_year_justification,omitempty" validate:"-"`
	Published              bool   `json:"published" validate:"-"`
	// Responsibilities is the RACI matrix for every scope item.
	Responsibilities []Assignment    `json:"responsibilities" validate:"dive"`
	SLA              []SLATerm       `json:"sla,omitempty" validate:"-"`
	QualityFactors   []QualityFactor `json:"quality_factors,omitempty" validate:"-"`
	Milestones       []Milestone     `json:"milestones,omitempty" validate:"dive"`
	Transactions     []Transaction   `json:"transactions,omitempty" validate:"dive"`
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
func checkTerm(p *validate.Problems, term grassroots.Period, justified bool) {
	if term.Start.IsZero() {
		return // reported by Period.Validate
	}
	switch limit := TermLimit(term.Start, MaxMultiYearTerm); {
	case term.End.IsZero():
		p.Add("period.end", grassroots.RuleRequired, "period.end is required: a contract term must end")
	case term.End.After(limit):
		p.Addf("period.end", grassroots.RuleMax, "period.end %s is more than %d calendar years after period.start; the latest allowed end is %s",
			formatTime(term.End), MaxMultiYearTerm, formatTime(limit))
	case term.End.After(TermLimit(term.Start, MaxTerm)) && !justified:
		p.Addf("multi_year_justification", grassroots.RuleRequired, "multi_year_justification is required: the term ends after %s, more than %d calendar year after its start",
			formatTime(TermLimit(term.Start, MaxTerm)), MaxTerm)
	}
}

// Validate reports every problem with c at once as a
// *grassroots.ValidationError: each missing Order No. 102 clause, the term
// rules (see TermLimit), an unsupported currency or a value that is not
// positive, the responsibility matrix (every scope item has exactly one
// accountable and at least one responsible party; no assignment outside the
// scope), SLA terms and quality factors, milestones (met has date_met,
// scheduled and not met have none, amounts in the contract currency),
// transactions (contract currency only, positive, their sum at most the
// value, a referenced milestone exists), a met payment milestone
// without a transaction, and an amount, SLA figure or quality factor
// written with an exponent beyond ±10,000, which no JSON carries
// (grassroots.RuleMax, or RuleFormat for a negative exponent; nothing
// else is checked of such a number).
func (c Contract) Validate() error {
	var p validate.Problems
	if !c.tagsHold() {
		p.Tags("", c)
	}
	if c.Buyer.ID != "" && c.Buyer.ID == c.Supplier.ID {
		p.Addf("supplier.id", grassroots.RuleUnique, "supplier.id %q is also the buyer's: buyer and supplier must be different organisations", c.Supplier.ID)
	}
	p.Nest("period", c.Period.Validate())
	checkTerm(&p, c.Period, c.MultiYearJustification != "")
	checkMoney(&p, "value", c.Value, "")
	if p.Tame("value.amount", c.Value.Amount) && c.Value.Amount.Sign() <= 0 {
		p.Addf("value.amount", grassroots.RuleMin, "value.amount must be positive, not %s", c.Value.Amount)
	}
	p.Require(len(c.Scope) > 0, "scope", "scope is required: the functions and areas the contract hands over")
	for i, s := range c.Scope {
		enumfield.CheckElem(&p, "scope", i, ".function", functionNames, s.Function)
		if j := slices.Index(c.Scope[:i], s); j >= 0 {
			p.Addf(grassroots.ElementPath("scope", i), grassroots.RuleUnique, "%s in %s repeats %s", s.Function, s.Area, grassroots.ElementPath("scope", j))
		}
	}
	switch {
	case c.SettlementMethod == 0:
		p.Add("settlement_method", grassroots.RuleRequired, "settlement_method is required; valid names: "+strings.Join(settlementMethodNames.Names(), ", "))
	default:
		enumfield.Check(&p, "settlement_method", settlementMethodNames, c.SettlementMethod)
	}
	c.validateMatrix(&p)
	for i, t := range c.SLA {
		if err := t.Validate(); err != nil {
			p.Nest(grassroots.ElementPath("sla", i), err)
		}
	}
	p.Nest("quality_factors", validateQualityFactors(c.QualityFactors))
	c.validateMilestones(&p)
	c.validateTransactions(&p)
	return p.Err()
}

// tagsHold reports whether c passes its validate tags, without the
// validator: the validator walks every tagged structure by reflection and
// allocates for each field, and a contract is validated twice on every
// signing and amendment. Validate runs the validator, to name the
// problems, only when tagsHold reports false. A test walks the tags and
// checks that this function follows each of them.
func (c *Contract) tagsHold() bool {
	if !validate.ID(c.ID) || c.Buyer.ID == "" || c.Buyer.Name == "" || c.Supplier.ID == "" || c.Supplier.Name == "" ||
		c.Quantity == "" || c.Quality == "" || c.Price == "" || c.Rights == "" || c.Liability == "" {
		return false
	}
	for i := range c.Scope {
		if c.Scope[i].Area == "" {
			return false
		}
	}
	for i := range c.Responsibilities {
		if c.Responsibilities[i].Party == "" {
			return false
		}
	}
	for i := range c.Milestones {
		if c.Milestones[i].ID == "" {
			return false
		}
	}
	for i := range c.Transactions {
		if t := &c.Transactions[i]; t.ID == "" || t.Date.IsZero() {
			return false
		}
	}
	return true
}

func (c *Contract) validateMatrix(p *validate.Problems) {
	for i, a := range c.Responsibilities {
		enumfield.CheckElem(p, "responsibilities", i, ".raci", raciNames, a.RACI)
		if !slices.Contains(c.Scope, a.item()) {
			p.Addf(grassroots.ElementPath("responsibilities", i), grassroots.RuleReference, "%s in %s is not in the contract's scope", a.Function, a.Area)
		}
	}
	for i, s := range c.Scope {
		accountable, responsible := 0, 0
		for _, a := range c.Responsibilities {
			if a.item() == s {
				switch a.RACI {
				case Accountable:
					accountable++
				case Responsible:
					responsible++
				}
			}
		}
		switch {
		case accountable == 0:
			p.Addf(grassroots.ElementPath("scope", i), grassroots.RuleRequired, "%s in %s needs exactly one accountable party, has none", s.Function, s.Area)
		case accountable > 1:
			p.Addf(grassroots.ElementPath("scope", i), grassroots.RuleMax, "%s in %s needs exactly one accountable party, has %d: %s",
				s.Function, s.Area, accountable, strings.Join(c.parties(s, Accountable), ", "))
		}
		if responsible == 0 {
			p.Addf(grassroots.ElementPath("scope", i), grassroots.RuleRequired, "%s in %s needs at least one responsible party, has none", s.Function, s.Area)
		}
	}
}

// parties lists the parties that have r for scope item s.
func (c *Contract) parties(s ScopeItem, r RACI) []string {
	var out []string
	for _, a := range c.Responsibilities {
		if a.item() == s && a.RACI == r {
			out = append(out, a.Party)
		}
	}
	return out
}

func (c *Contract) validateMilestones(p *validate.Problems) {
	for i, m := range c.Milestones {
		at := func(field string) string { return grassroots.ElementPath("milestones", i) + field }
		for j := range i {
			if m.ID != "" && c.Milestones[j].ID == m.ID {
				p.Addf(at(".id"), grassroots.RuleUnique, "milestone ID %q repeats %s", m.ID, grassroots.ElementPath("milestones", j))
				break
			}
		}
		enumfield.CheckElem(p, "milestones", i, ".type", milestoneTypeNames, m.Type)
		switch m.Status {
		case MilestoneMet:
			if m.DateMet.IsZero() {
				p.Add(at(".date_met"), grassroots.RuleRequired, "date_met is required for a met milestone")
			}
		case MilestoneScheduled, MilestoneNotMet:
			if !m.DateMet.IsZero() {
				p.Addf(at(".date_met"), grassroots.RuleExcluded, "date_met is only for met or partially met milestones, not %s", m.Status)
			}
		case MilestonePartiallyMet:
		default:
			p.Add(at(".status"), grassroots.RuleEnum, milestoneStatusNames.Problem(m.Status))
		}
		if m.Value != nil && !moneyFits(*m.Value, c.Value.Currency) {
			checkMoney(p, at(".value"), *m.Value, c.Value.Currency)
		}
		if m.Value != nil && !exact.Tame(m.Value.Amount) {
			p.Tame(at(".value.amount"), m.Value.Amount)
		}
		if m.Type == PaymentMilestone && m.Status == MilestoneMet && m.ID != "" && !c.settles(m.ID) {
			p.Addf(at(""), grassroots.RuleRequired, "met payment milestone %q needs a transaction that settles it (transactions[].milestone %q)", m.ID, m.ID)
		}
	}
}

// settles reports whether a transaction settles the milestone id.
func (c *Contract) settles(id string) bool {
	for i := range c.Transactions {
		if c.Transactions[i].Milestone == id {
			return true
		}
	}
	return false
}

func (c *Contract) validateTransactions(p *validate.Problems) {
	// summable: every amount is tame (see validate.Problems.Tame) and in
	// the contract currency, so the sum is computed.
	summable := exact.Tame(c.Value.Amount)
	for i, t := range c.Transactions {
		at := func(field string) string { return grassroots.ElementPath("transactions", i) + field }
		for j := range i {
			if t.ID != "" && c.Transactions[j].ID == t.ID {
				p.Addf(at(".id"), grassroots.RuleUnique, "transaction ID %q repeats %s", t.ID, grassroots.ElementPath("transactions", j))
				break
			}
		}
		if t.Value.Currency != c.Value.Currency {
			summable = false
		}
		if !moneyFits(t.Value, c.Value.Currency) {
			checkMoney(p, at(".value"), t.Value, c.Value.Currency)
		}
		if !exact.Tame(t.Value.Amount) {
			p.Tame(at(".value.amount"), t.Value.Amount)
			summable = false
		} else if t.Value.Amount.Sign() <= 0 {
			p.Addf(at(".value.amount"), grassroots.RuleMin, "a transaction amount must be positive, not %s", t.Value.Amount)
		}
		if t.Milestone != "" && !slices.ContainsFunc(c.Milestones, func(m Milestone) bool { return m.ID == t.Milestone }) {
			p.Addf(at(".milestone"), grassroots.RuleReference, "milestone %q is not among the contract's milestones", t.Milestone)
		}
	}
	if summable && len(c.Transactions) > 0 {
		if sum, over := transactionsOver(c.Transactions, c.Value.Amount); over {
			p.Addf("transactions", grassroots.RuleMax, "transactions sum to %s, above the contract value %s", exact.Text(sum), c.Value.Amount)
		}
	}
}

// transactionsOver reports whether the amounts of ts sum to more than
// limit, and then the sum: exactly, in int64 arithmetic while the amounts fit,
// with decimal otherwise.
func transactionsOver(ts []Transaction, limit decimal.Decimal) (decimal.Decimal, bool) {
	var sum exact.Fixed
	ok := true
	for i := 0; ok && i < len(ts); i++ {
		var f exact.Fixed
		if f, ok = exact.FixedOf(ts[i].Value.Amount); ok {
			sum, ok = sum.Add(f)
		}
	}
	if ok {
		if l, fits := exact.FixedOf(limit); fits {
			if order, cmpOK := sum.Cmp(l); cmpOK {
				if order <= 0 {
					return decimal.Decimal{}, false
				}
				return sum.Decimal(), true
			}
		}
	}
	total := decimal.Zero
	for _, t := range ts {
		total = total.Add(t.Value.Amount)
	}
	return total, total.GreaterThan(limit)
}

// moneyFits reports whether checkMoney finds nothing wrong with m, so
// that callers build the path of an element only for a problem.
func moneyFits(m Money, want Currency) bool {
	return m.Currency.supported() && (want == "" || m.Currency == want)
}

// checkMoney checks that the currency is supported and, when want is set,
// that it is want (no implicit conversion).
func checkMoney(p *validate.Problems, path string, m Money, want Currency) {
	switch {
	case !m.Currency.supported():
		p.Add(path+".currency", grassroots.RuleEnum, m.Currency.problem())
	case want != "" && m.Currency != want:
		p.Addf(path+".currency", grassroots.RuleMismatch, "currency %s is not the contract currency %s: amounts are never converted", m.Currency, want)
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
// given to p: p is c's supplier, p is active when the contract starts
// (rule RuleNotActive), and every scope item is covered by one of p's
// memberships whose role may take the function (rules.Roles), whose scope
// includes the area and whose dates (read in rules.Location) cover the
// whole contract period (rule RuleNotCovered).
func CheckSupplier(c Contract, p Provider, rules Rules) error {
	var v validate.Problems
	if c.Supplier.ID != p.ID {
		v.Addf("supplier.id", grassroots.RuleMismatch, "supplier.id %q is not the provider checked, %q", c.Supplier.ID, p.ID)
	}
	if s := p.StatusAt(c.Period.Start); s != StatusActive {
		status := "not yet registered"
		if s != 0 {
			status = s.String()
		}
		v.Addf("supplier", RuleNotActive, "provider %q is %s at %s, when the contract starts; it must be active", p.ID, status, formatTime(c.Period.Start))
	}
	for i, s := range c.Scope {
		if !coversItem(p.Memberships, s, c.Period, rules) {
			v.Addf(grassroots.ElementPath("scope", i), RuleNotCovered,
				"no membership of provider %q covers %s in %s for the whole term; roles that may take %s: %s",
				p.ID, s.Function, s.Area, s.Function, roleList(rules.Roles.RolesFor(s.Function)))
		}
	}
	return v.Err()
}

func roleList(rs []Role) string {
	if len(rs) == 0 {
		return "none"
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.String()
	}
	return strings.Join(names, ", ")
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
