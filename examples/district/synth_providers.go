package main

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/provider"
)

// The district's providers take the four roles of the study in turn:
// technology enablers run systems and sensors, service providers deliver
// elderly care, childcare and sanitation, resource integrators run
// platforms, innovation drivers build new services. Each takes the
// participation model the study pairs with its role, and every provider
// holds about two one-year contracts with a street office, with SLA terms,
// a RACI matrix and a data-access grant.

// uscc builds a Unified Social Credit Code for the district: registration
// authority and type, the district's division code, a nine-character
// organisation code, and the GB 32100-2015 check character.
func uscc(rng *rand.Rand, social bool) (provider.USCC, error) {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	weights := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	head := "91" // industry and commerce, enterprise
	if social {
		head = "52" // civil affairs, private non-enterprise unit
	}
	code := []byte(head + districtCode)
	for range 9 {
		code = append(code, alphabet[rng.IntN(len(alphabet))])
	}
	sum := 0
	for i, c := range code {
		for v := range len(alphabet) {
			if alphabet[v] == c {
				sum += v * weights[i]
				break
			}
		}
	}
	code = append(code, alphabet[(31-sum%31)%31])
	return provider.ParseUSCC(string(code))
}

var (
	roleNames = map[provider.Role]string{
		provider.TechnologyEnabler: "Digital Technology Co.", provider.ServiceProvider: "Community Services Centre",
		provider.ResourceIntegrator: "Community Platform Co.", provider.InnovationDriver: "Innovation Lab Co.",
	}
	roleModels = map[provider.Role][]provider.Model{
		provider.TechnologyEnabler:  {provider.TechnologyEmpowerment},
		provider.ServiceProvider:    {provider.GovernmentEnterpriseCollaboration},
		provider.ResourceIntegrator: {provider.PlatformOperation},
		provider.InnovationDriver:   {provider.TechnologyEmpowerment, provider.PlatformOperation},
	}
	roleFunctions = map[provider.Role][]provider.Function{
		provider.TechnologyEnabler:  {provider.SystemMaintenance, provider.TechnicalSupport, provider.DataCollection},
		provider.ServiceProvider:    {provider.Sanitation, provider.ElderlyCare, provider.Childcare, provider.GridPatrol},
		provider.ResourceIntegrator: {provider.PlatformOperations, provider.IncidentReporting},
		provider.InnovationDriver:   {provider.TechnicalSupport, provider.PlatformOperations},
	}
	placeNames = []string{"Oujiang", "Lucheng", "Wuma", "Nanhui", "Songtai", "Puxie", "Shuangyu", "Qidu", "Binjiang", "Daqiao", "Huaguoshan", "Yangyi"}
)

// providerName gives each provider a distinct name: a place and its
// role's trade, numbered from the second round through the places on.
func providerName(i int, role provider.Role) string {
	name := placeNames[i%len(placeNames)] + " " + roleNames[role]
	if round := i / len(placeNames); round > 0 {
		name += fmt.Sprintf(" No. %d", round+1)
	}
	return name
}

// governance is the district's providers and what binds them.
type governance struct {
	providers []provider.Provider
	roles     map[string]provider.Role // each provider's main role
	contracts []provider.Contract
	grants    []provider.Grant
	compiled  *provider.CompiledGrants
	buyers    map[string]grid.Code // contract ID -> the street that buys
}

func cst() *time.Location { return provider.ChinaStandardTime() }

func generateProviders(rng *rand.Rand, h hierarchy, units []providerUnit, year int) (*governance, error) {
	g := &governance{roles: map[string]provider.Role{}, buyers: map[string]grid.Code{}}
	yearStart := time.Date(year, 1, 1, 0, 0, 0, 0, cst())
	for i, u := range units {
		role := provider.Roles()[i%4]
		if u.Street != "" {
			role = provider.ServiceProvider // the street's contracted public-services unit
		}
		code, err := uscc(rng, role == provider.ServiceProvider && i%2 == 1)
		if err != nil {
			return nil, fmt.Errorf("generated credit code: %w", err)
		}
		form := provider.Company
		if code.String()[0] == '5' {
			form = provider.SocialOrganization
		}
		since, _ := provider.ParsePartialDate(fmt.Sprint(year - 2 - i%3))
		p := provider.Provider{
			ID: u.ID, Name: providerName(i, role),
			USCC: code, LegalForm: form,
			Statuses:    []provider.StatusChange{{Status: provider.StatusActive, At: time.Date(year-2-i%3, 3, 1, 0, 0, 0, 0, cst())}},
			Memberships: []provider.Membership{{Role: role, StartDate: since}},
		}
		if i%5 == 4 { // some providers take a second role
			second := provider.Roles()[(i+1)%4]
			p.Memberships = append(p.Memberships, provider.Membership{Role: second, StartDate: since})
		}
		for _, m := range roleModels[role] {
			p.Participation = append(p.Participation, provider.Participation{Model: m, StartDate: since})
		}
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("provider %s: %w", p.ID, err)
		}
		g.providers = append(g.providers, p)
		g.roles[p.ID] = role
	}
	for i, p := range g.providers {
		role := g.roles[p.ID]
		fns := roleFunctions[role]
		for k := range 2 {
			var street grid.Code
			if units[i].Street != "" {
				street = units[i].Street
			} else {
				street = h.streets[(i*2+k)%len(h.streets)]
			}
			fn := fns[(i+k)%len(fns)]
			if units[i].Street != "" && k == 0 {
				fn = provider.Sanitation
			}
			c := contractFor(rng, p, fn, street, fmt.Sprintf("CT-%d-%s-%d", year, p.ID, k+1), yearStart)
			if err := provider.CheckSupplier(c, p, provider.DefaultRules()); err != nil {
				return nil, fmt.Errorf("contract %s: %w", c.ID, err)
			}
			g.contracts = append(g.contracts, c)
			g.buyers[c.ID] = street
			g.grants = append(g.grants, grantFor(c, fn))
		}
	}
	var err error
	if g.compiled, err = provider.CompileGrants(g.grants); err != nil {
		return nil, fmt.Errorf("compiling data-access grants: %w", err)
	}
	return g, nil
}

func contractFor(rng *rand.Rand, p provider.Provider, fn provider.Function, street grid.Code, id string, start time.Time) provider.Contract {
	buyer := "gov-" + string(street)
	amount := decimal.NewFromInt(int64(120+rng.IntN(900)) * 1000)
	sla := provider.SLATerm{Metric: "on_time_closure", Comparator: provider.AtLeast, Target: decimal.RequireFromString("0.90"),
		Unit: "share", Window: "month", Penalty: decimal.RequireFromString("0.03"), Cap: decimal.RequireFromString("0.10")}
	if fn.Family() == provider.FamilyTechnical {
		sla = provider.SLATerm{Metric: "availability", Comparator: provider.AtLeast, Target: decimal.RequireFromString("0.995"),
			Unit: "share", Window: "month", Penalty: decimal.RequireFromString("0.02"), Cap: decimal.RequireFromString("0.10")}
	}
	return provider.Contract{
		ID:       id,
		Buyer:    provider.Organization{ID: buyer, Name: "Street office " + string(street)},
		Supplier: provider.Organization{ID: p.ID, Name: p.Name},
		Period:   grassroots.Period{Start: start, End: start.AddDate(1, 0, 0)},
		Value:    provider.Money{Amount: amount, Currency: "CNY"},
		Scope:    []provider.ScopeItem{{Function: fn, Area: string(street)}},
		Quantity: "the whole street for one year", Quality: "the annexed service standard and SLA",
		Price: amount.String() + " CNY", SettlementMethod: provider.Periodic,
		Rights:    "the street office supervises and evaluates; the provider reports monthly",
		Liability: "deductions per the SLA; termination after three months below target",
		Published: true,
		Responsibilities: []provider.Assignment{
			{Function: fn, Area: string(street), Party: p.ID, RACI: provider.Responsible},
			{Function: fn, Area: string(street), Party: buyer, RACI: provider.Accountable},
		},
		SLA: []provider.SLATerm{sla},
	}
}

// grantFor gives a contract the personal information its function needs,
// and no more (PIPL Art. 6): service work reads residents' basic and
// contact data, elderly care also health data under a statutory duty.
func grantFor(c provider.Contract, fn provider.Function) provider.Grant {
	g := provider.Grant{
		ID: "G-" + c.ID, Grantor: c.Buyer.ID, Grantee: c.Supplier.ID, Contract: c.ID,
		Purposes:   []provider.Purpose{provider.PurposeServiceDelivery, provider.PurposeIncidentHandling},
		LegalBasis: provider.BasisStatutoryDuty,
		Fields: []provider.Field{
			{Name: "name", Category: provider.CategoryBasic},
			{Name: "address", Category: provider.CategoryBasic},
			{Name: "phone", Category: provider.CategoryContact},
		},
		Actions:          []provider.Action{provider.ActionRead, provider.ActionDisplay},
		DeIdentification: provider.Identified,
		Valid:            c.Period,
		Retention:        30 * 24 * time.Hour,
		Disposition:      provider.DispositionDelete,
		DisposalDelay:    15 * 24 * time.Hour,
	}
	switch fn.Family() {
	case provider.FamilyTechnical:
		g.Purposes = []provider.Purpose{provider.PurposeSystemMaintenance, provider.PurposeStatistics}
		g.DeIdentification = provider.DeIdentified
		g.Actions = []provider.Action{provider.ActionRead, provider.ActionDerive}
	case provider.FamilyManagement:
		g.Purposes = []provider.Purpose{provider.PurposeGridManagement, provider.PurposeIncidentHandling}
	}
	if fn == provider.ElderlyCare {
		g.Fields = append(g.Fields, provider.Field{Name: "health_record", Category: provider.CategoryHealth})
		g.Sensitive = true
	}
	return g
}
