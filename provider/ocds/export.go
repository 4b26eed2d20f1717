package ocds

import (
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/grassrootsgov/grassroots/provider"
)

// Options say how a package is labelled.
type Options struct {
	// OCIDPrefix is the publisher's registered OCID prefix ("ocds-213czf").
	// Required.
	OCIDPrefix string `json:"ocid_prefix" validate:"required"`
	// URI is where the package will be published.
	URI string `json:"uri,omitempty"`
	// Publisher names the publisher.
	Publisher Publisher `json:"publisher"`
	// PublishedDate is the package and release date. Required (Export reads
	// no clock).
	PublishedDate time.Time `json:"published_date" validate:"required"`
	// Scheme is the identifier scheme for credit codes; DefaultScheme when
	// empty.
	Scheme string `json:"scheme,omitempty"`
}

// Validate reports a missing OCID prefix or published date.
func (o Options) Validate() error { return validate.Struct(o) }

func (o Options) scheme() string {
	if o.Scheme == "" {
		return DefaultScheme
	}
	return o.Scheme
}

// milestoneTypes and milestoneStatuses map the provider enums to OCDS codes.
var milestoneTypes = map[provider.MilestoneType]string{
	provider.PreProcurementMilestone: "preProcurement", provider.ApprovalMilestone: "approval",
	provider.EngagementMilestone: "engagement", provider.AssessmentMilestone: "assessment",
	provider.DeliveryMilestone: "delivery", provider.ReportingMilestone: "reporting",
	provider.FinancingMilestone: "financing", provider.PaymentMilestone: "payment",
}

var milestoneStatuses = map[provider.MilestoneStatus]string{
	provider.MilestoneScheduled: "scheduled", provider.MilestoneMet: "met",
	provider.MilestoneNotMet: "notMet", provider.MilestonePartiallyMet: "partiallyMet",
}

// Export writes contracts as an OCDS 1.1 release package, one release per
// contract, in the order given. Each contract must have an ID, a buyer and
// a supplier, enum values that are defined, and amounts whose exponents
// lie within ±10,000, which is all JSON can carry (grassroots.RuleMax, or
// RuleFormat for a negative exponent); Export does not otherwise validate
// (call Contract.Validate first when that matters). Options that fail
// Validate and contracts it cannot write are one
// *grassroots.ValidationError listing every problem, with paths
// "options.ocid_prefix" and "contracts[1].milestones[0].type".
func Export(contracts []provider.Contract, opts Options) (Package, error) {
	var v validate.Problems
	v.Nest("options", opts.Validate())
	for i, c := range contracts {
		checkExportable(&v, grassroots.ElementPath("contracts", i), &c)
	}
	if err := v.Err(); err != nil {
		return Package{}, err
	}
	p := Package{URI: opts.URI, Version: Version, PublishedDate: opts.PublishedDate, Publisher: opts.Publisher}
	for _, c := range contracts {
		p.Releases = append(p.Releases, exportContract(c, opts))
	}
	return p, nil
}

// checkExportable reports what keeps c, at path, from being written.
func checkExportable(v *validate.Problems, path string, c *provider.Contract) {
	v.Require(c.ID != "", path+".id", "id is required: it is the OCDS contract id and part of the ocid")
	v.Require(c.Buyer.ID != "", path+".buyer.id", "buyer.id is required: it is the buyer party's id")
	v.Require(c.Supplier.ID != "", path+".supplier.id", "supplier.id is required: it is the supplier party's id")
	for i, s := range c.Scope {
		if !s.Function.IsValid() {
			v.Addf(grassroots.ElementPath(path+".scope", i)+".function", grassroots.RuleEnum,
				"%s is not a function; valid names: %s", s.Function, functionNames())
		}
	}
	// An amount JSON cannot carry: its path is built only then.
	tame := func(d decimal.Decimal, at func() string) {
		if !exact.Tame(d) {
			v.Tame(at()+".value.amount", d)
		}
	}
	tame(c.Value.Amount, func() string { return path })
	for i, m := range c.Milestones {
		mp := grassroots.ElementPath(path+".milestones", i)
		if m.Value != nil {
			tame(m.Value.Amount, func() string { return mp })
		}
		if _, ok := milestoneTypes[m.Type]; !ok {
			v.Addf(mp+".type", grassroots.RuleEnum, "milestone type %s has no OCDS code; valid: %s", m.Type, codes(milestoneTypes))
		}
		if _, ok := milestoneStatuses[m.Status]; !ok {
			v.Addf(mp+".status", grassroots.RuleEnum, "milestone status %s has no OCDS code; valid: %s", m.Status, codes(milestoneStatuses))
		}
	}
	for i := range c.Transactions {
		tame(c.Transactions[i].Value.Amount, func() string { return grassroots.ElementPath(path+".transactions", i) })
	}
}

func exportContract(c provider.Contract, opts Options) Release {
	buyer := &OrganizationReference{ID: c.Buyer.ID, Name: c.Buyer.Name}
	supplier := OrganizationReference{ID: c.Supplier.ID, Name: c.Supplier.Name}
	awardID := c.ID + "-award"
	oc := Contract{ID: c.ID, AwardID: awardID, Period: exportPeriod(c.Period.Start, c.Period.End)}
	if c.Value.Currency != "" || !c.Value.Amount.IsZero() {
		oc.Value = exportValue(c.Value)
	}
	for i, s := range c.Scope {
		oc.Items = append(oc.Items, Item{
			ID:                        strconv.Itoa(i + 1),
			Classification:            &Classification{Scheme: FunctionScheme, ID: s.Function.String()},
			AdditionalClassifications: []Classification{{Scheme: AreaScheme, ID: s.Area}},
		})
	}
	impl := &Implementation{}
	for _, m := range c.Milestones {
		impl.Milestones = append(impl.Milestones, exportMilestone(m))
	}
	for _, t := range c.Transactions {
		ot := Transaction{ID: t.ID, Date: timePtr(t.Date), Value: exportValue(t.Value), Payer: buyer, Payee: &supplier}
		if t.Milestone != "" {
			ot.RelatedImplementationMilestone = &MilestoneReference{ID: t.Milestone}
		}
		impl.Transactions = append(impl.Transactions, ot)
	}
	if len(impl.Milestones) > 0 || len(impl.Transactions) > 0 {
		oc.Implementation = impl
	}
	return Release{
		OCID:           opts.OCIDPrefix + "-" + c.ID,
		ID:             c.ID + "-contract",
		Date:           opts.PublishedDate,
		Tag:            []string{"contract"},
		InitiationType: "tender",
		Parties: []Party{
			exportParty(c.Buyer, opts, "buyer", "payer"),
			exportParty(c.Supplier, opts, "supplier", "payee"),
		},
		Buyer:     buyer,
		Awards:    []Award{{ID: awardID, Status: "active", Suppliers: []OrganizationReference{supplier}}},
		Contracts: []Contract{oc},
	}
}

func exportParty(o provider.Organization, opts Options, roles ...string) Party {
	p := Party{ID: o.ID, Name: o.Name, Roles: roles}
	if o.USCC.IsValid() {
		p.Identifier = &Identifier{Scheme: opts.scheme(), ID: o.USCC.String(), LegalName: o.Name}
	}
	return p
}

// exportMilestone writes m, whose type and status checkExportable found
// defined.
func exportMilestone(m provider.Milestone) Milestone {
	om := Milestone{ID: m.ID, Title: m.Title, Type: milestoneTypes[m.Type], Status: milestoneStatuses[m.Status],
		DueDate: timePtr(m.DueDate), DateMet: timePtr(m.DateMet)}
	if m.Value != nil {
		om.Value = exportValue(*m.Value)
	}
	return om
}

func exportValue(m provider.Money) *Value {
	return &Value{Amount: Amount{m.Amount}, Currency: string(m.Currency)}
}

func exportPeriod(start, end time.Time) *Period {
	if start.IsZero() && end.IsZero() {
		return nil
	}
	return &Period{StartDate: timePtr(start), EndDate: timePtr(end)}
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func functionNames() string {
	fs := provider.Functions()
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.String()
	}
	return strings.Join(names, ", ")
}
