package ocds

import (
	"fmt"
	"strconv"
	"time"

	"github.com/grassrootsgov/grassroots/provider"
)

// Options say how a package is labelled.
type Options struct {
	// OCIDPrefix is the publisher's registered OCID prefix ("ocds-213czf").
	// Required.
	OCIDPrefix string
	// URI is where the package will be published.
	URI string
	// Publisher names the publisher.
	Publisher Publisher
	// PublishedDate is the package and release date. Required (Export reads
	// no clock).
	PublishedDate time.Time
	// Scheme is the identifier scheme for credit codes; DefaultScheme when
	// empty.
	Scheme string
}

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
// a supplier and enum values that are defined; Export does not otherwise
// validate (call Contract.Validate first when that matters). An error
// matches ErrInvalid and names the contract.
func Export(contracts []provider.Contract, opts Options) (Package, error) {
	if opts.OCIDPrefix == "" || opts.PublishedDate.IsZero() {
		return Package{}, fmt.Errorf("%w: OCID prefix and published date are required", ErrInvalid)
	}
	p := Package{URI: opts.URI, Version: Version, PublishedDate: opts.PublishedDate, Publisher: opts.Publisher}
	for i, c := range contracts {
		r, err := exportContract(c, opts)
		if err != nil {
			return Package{}, fmt.Errorf("%w: contract %d (%s): %w", ErrInvalid, i, c.ID, err)
		}
		p.Releases = append(p.Releases, r)
	}
	return p, nil
}

func exportContract(c provider.Contract, opts Options) (Release, error) {
	if c.ID == "" || c.Buyer.ID == "" || c.Supplier.ID == "" {
		return Release{}, fmt.Errorf("contract ID, buyer and supplier are required")
	}
	buyer := &OrganizationReference{ID: c.Buyer.ID, Name: c.Buyer.Name}
	supplier := OrganizationReference{ID: c.Supplier.ID, Name: c.Supplier.Name}
	awardID := c.ID + "-award"
	oc := Contract{ID: c.ID, AwardID: awardID, Period: exportPeriod(c.Period.Start, c.Period.End)}
	if c.Value.Currency != "" || !c.Value.Amount.IsZero() {
		oc.Value = exportValue(c.Value)
	}
	for i, s := range c.Scope {
		fn, err := s.Function.MarshalText()
		if err != nil {
			return Release{}, fmt.Errorf("scope %d: %w", i, err)
		}
		oc.Items = append(oc.Items, Item{
			ID:                        strconv.Itoa(i + 1),
			Classification:            &Classification{Scheme: FunctionScheme, ID: string(fn)},
			AdditionalClassifications: []Classification{{Scheme: AreaScheme, ID: s.Area}},
		})
	}
	impl := &Implementation{}
	for i, m := range c.Milestones {
		om, err := exportMilestone(m)
		if err != nil {
			return Release{}, fmt.Errorf("milestone %d: %w", i, err)
		}
		impl.Milestones = append(impl.Milestones, om)
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
	}, nil
}

func exportParty(o provider.Organization, opts Options, roles ...string) Party {
	p := Party{ID: o.ID, Name: o.Name, Roles: roles}
	if o.USCC.IsValid() {
		p.Identifier = &Identifier{Scheme: opts.scheme(), ID: o.USCC.String(), LegalName: o.Name}
	}
	return p
}

func exportMilestone(m provider.Milestone) (Milestone, error) {
	typ, ok := milestoneTypes[m.Type]
	if !ok {
		return Milestone{}, fmt.Errorf("undefined milestone type %s", m.Type)
	}
	status, ok := milestoneStatuses[m.Status]
	if !ok {
		return Milestone{}, fmt.Errorf("undefined milestone status %s", m.Status)
	}
	om := Milestone{ID: m.ID, Title: m.Title, Type: typ, Status: status, DueDate: timePtr(m.DueDate), DateMet: timePtr(m.DateMet)}
	if m.Value != nil {
		om.Value = exportValue(*m.Value)
	}
	return om, nil
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
