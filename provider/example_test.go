package provider_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/provider"
)

func ExampleParseUSCC() {
	code, err := provider.ParseUSCC("91350100m000100y43")
	fmt.Println(code, err)

	_, err = provider.ParseUSCC("91350100M000100Y44")
	var ue *provider.USCCError
	if errors.As(err, &ue) {
		fmt.Printf("%s: want %c\n", ue.Reason, ue.Want)
	}
	_, err = provider.ParseUSCC("9135010OM000100Y43")
	fmt.Println(errors.Is(err, provider.ErrUSCCForbiddenLetter))
	// Output:
	// 91350100M000100Y43 <nil>
	// check_character: want 3
	// true
}

func ExampleParseUSCCReason() {
	r, err := provider.ParseUSCCReason("check_character")
	fmt.Println(r == provider.USCCCheckCharacter, err)
	_, err = provider.ParseUSCCReason("checksum")
	fmt.Println(errors.Is(err, grassroots.ErrUnknownName))
	// Output:
	// true <nil>
	// true
}

func ExampleParsePrecision() {
	p, err := provider.ParsePrecision("month")
	fmt.Println(p == provider.PrecisionMonth, err)
	d, _ := provider.ParsePartialDate("2021")
	fmt.Println(d.Precision())
	// Output:
	// true <nil>
	// year
}

func ExamplePartialDate() {
	end, _ := provider.ParsePartialDate("2025-06")
	fmt.Println(end.Precision() == provider.PrecisionMonth)
	// As an (inclusive) end date, June 2025 ends when July begins.
	fmt.Println(end.End(provider.ChinaStandardTime()).Format(time.RFC3339))
	// Output:
	// true
	// 2025-07-01T00:00:00+08:00
}

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, provider.ChinaStandardTime())
}

func exampleContract() provider.Contract {
	return provider.Contract{
		ID:       "ct-2026-001",
		Buyer:    provider.Organization{ID: "gov-lucheng", Name: "Lucheng District Civil Affairs Bureau"},
		Supplier: provider.Organization{ID: "prov-1", Name: "Lucheng Elderly Care Services Co."},
		Period:   grassroots.Period{Start: date(2026, 1, 1), End: date(2027, 1, 1)},
		Value:    provider.Money{Amount: decimal.RequireFromString("120000"), Currency: "CNY"},
		Scope:    []provider.ScopeItem{{Function: provider.ElderlyCare, Area: "330302001001"}},
		Quantity: "2400 home visits", Quality: "annexed service standard", Price: "120000 CNY",
		SettlementMethod: provider.Periodic,
		Rights:           "the bureau supervises; the provider reports monthly",
		Liability:        "deductions per the SLA",
		Responsibilities: []provider.Assignment{
			{Function: provider.ElderlyCare, Area: "330302001001", Party: "prov-1", RACI: provider.Responsible},
			{Function: provider.ElderlyCare, Area: "330302001001", Party: "gov-lucheng", RACI: provider.Accountable},
		},
		SLA: []provider.SLATerm{{
			Metric: "on_time_visits", Comparator: provider.AtLeast, Target: decimal.RequireFromString("0.95"),
			Unit: "share", Window: "week", Penalty: decimal.RequireFromString("0.02"), Cap: decimal.RequireFromString("0.10"),
		}},
	}
}

func ExampleContract_Validate() {
	c := exampleContract()
	fmt.Println(c.Validate())

	c.Period.End = date(2027, 1, 2) // one year and a day
	c.Liability = ""
	var ve *grassroots.ValidationError
	if errors.As(c.Validate(), &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// <nil>
	// liability required
	// multi_year_justification required
}

func ExampleCompiledGrants_Authorize() {
	grants, err := provider.CompileGrants([]provider.Grant{{
		ID: "g-1", Grantor: "gov-lucheng", Grantee: "prov-1", Contract: "ct-2026-001",
		Purposes:   []provider.Purpose{provider.PurposeServiceDelivery},
		LegalBasis: provider.BasisStatutoryDuty,
		Fields: []provider.Field{
			{Name: "name", Category: provider.CategoryBasic},
			{Name: "health_record", Category: provider.CategoryHealth},
		},
		Actions:          []provider.Action{provider.ActionRead},
		DeIdentification: provider.Identified,
		Valid:            grassroots.Period{Start: date(2026, 1, 1), End: date(2027, 1, 1)},
		Disposition:      provider.DispositionDelete,
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	req := provider.Request{
		Grantee: "prov-1", Contract: "ct-2026-001", Purpose: provider.PurposeServiceDelivery,
		Action: provider.ActionRead, Fields: []string{"name"}, DeIdentification: provider.Identified,
		At: date(2026, 5, 1),
	}
	fmt.Println(grants.Authorize(req))

	// Health records are sensitive and the grant lacks the sensitive flag;
	// exporting is not granted either. Both reasons are listed.
	req.Fields, req.Action = []string{"health_record"}, provider.ActionExport
	d := grants.Authorize(req)
	fmt.Println(d)
	fmt.Println(d.Allowed, d.Reasons.List())
	fmt.Println(d.Denial.Action, d.Denial.Actions, d.Denial.Fields)
	fmt.Println(d.Err())
	// Output:
	// allow g-1
	// deny g-1: action,sensitive
	// false [action sensitive]
	// export [read] [{health_record sensitive}]
	// provider: access denied to grantee "prov-1" by grant "g-1": action export is not granted (granted: read); sensitive information, which the grant does not allow: field "health_record"
}

func ExampleSettle() {
	c := exampleContract()
	march := grassroots.Period{Start: date(2026, 3, 1), End: date(2026, 4, 1)}
	var measured []provider.Measurement
	for i, v := range []string{"0.97", "0.91", "0.96", "0.99"} {
		start := date(2026, 3, 1+7*i)
		measured = append(measured, provider.Measurement{
			Metric: "on_time_visits", Window: grassroots.Period{Start: start, End: start.AddDate(0, 0, 7)},
			Value: decimal.RequireFromString(v),
		})
	}
	s, err := provider.Settle(c, march, measured, "good")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range s.Lines {
		fmt.Printf("%10s  %s\n", l.Amount.StringFixed(2), l.Description)
	}
	fmt.Println("payable", s.Payable, s.Currency)
	// Output:
	//   10191.78  base fee: 31 of 365 days of 120000 CNY
	//    -203.84  on_time_visits: 1 × 0.02 of base for missing at_least 0.95 share per week, capped at 0.1
	//    -499.40  quality grade good: factor 0.95 on 9987.94 after deductions
	// payable 9488.54 CNY
}

// ExampleDecider tells a contract's life: the buyer drafts and publishes
// it, the supplier signs, the buyer puts it into force, and the supplier
// terminates it early. The events are sealed into envelopes, and the
// envelopes replay to the same contract.
func ExampleDecider() {
	buyer := grassroots.Actor{ID: "u-1", Party: grassroots.Government, Organization: "gov-lucheng"}
	supplier := grassroots.Actor{ID: "u-7", Party: grassroots.Provider, Organization: "prov-1"}
	meta := func(n int, by grassroots.Actor, at time.Time) grassroots.Meta {
		return grassroots.Meta{AggregateID: "ct-2026-001", CommandID: fmt.Sprintf("cmd-%d", n), Actor: by, At: at}
	}
	var d provider.Decider
	var s provider.State
	var events []provider.Event
	apply := func(cmd provider.Command) error {
		es, err := d.Decide(s, cmd)
		if err != nil {
			return err
		}
		for _, e := range es {
			if s, err = d.Evolve(s, e); err != nil {
				return err
			}
		}
		events = append(events, es...)
		return nil
	}
	for _, cmd := range []provider.Command{
		provider.Draft{Meta: meta(1, buyer, date(2025, 11, 1)), Terms: exampleContract()},
		provider.Publish{Meta: meta(2, buyer, date(2025, 11, 20))},
		provider.Sign{Meta: meta(3, supplier, date(2025, 12, 1))},
		provider.Activate{Meta: meta(4, supplier, date(2026, 1, 1))}, // refused
		provider.Activate{Meta: meta(5, buyer, date(2026, 1, 1))},
		provider.Publish{Meta: meta(2, buyer, date(2025, 11, 20))}, // a repeat: nothing happens
		provider.Terminate{Meta: meta(6, supplier, date(2026, 6, 1)), Reason: "staff shortage"},
	} {
		if err := apply(cmd); err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(cmd.CommandName(), "->", s.Status)
	}

	envs, err := provider.Codec.Seal(nil, "/districts/330302/provider", events)
	if err != nil {
		fmt.Println(err)
		return
	}
	last := envs[len(envs)-1]
	fmt.Println(last.Type, last.Subject, last.Sequence)
	replayed, err := d.ReplayEnvelopes(envs)
	fmt.Println(replayed.Status, replayed.EndReason, replayed.Version, err)
	// Output:
	// draft -> draft
	// publish -> draft
	// sign -> signed
	// provider: actor "u-7" (provider, organisation "prov-1") may not activate contract "ct-2026-001"; expected the buyer (a government actor of organisation "gov-lucheng")
	// activate -> active
	// publish -> active
	// terminate -> terminated
	// grassroots.provider.contract_terminated.v1 ct-2026-001 5
	// terminated staff shortage 5 <nil>
}

func ExampleTransitions() {
	for _, row := range provider.Transitions() {
		to := "(unchanged)"
		if row.To != 0 {
			to = row.To.String()
		}
		fmt.Printf("%-9s %-19s from %v to %s\n", row.Command, row.Event, row.From, to)
	}
	// Output:
	// draft     contract_drafted    from [] to draft
	// amend     contract_amended    from [draft signed active] to (unchanged)
	// publish   contract_published  from [draft signed] to (unchanged)
	// sign      contract_signed     from [draft] to signed
	// activate  contract_activated  from [signed] to active
	// complete  contract_completed  from [active] to completed
	// terminate contract_terminated from [signed active] to terminated
	// cancel    contract_cancelled  from [draft signed] to cancelled
}

func ExampleCheckResponsibility() {
	patrol := func(id, party string, start, end time.Time) provider.Contract {
		return provider.Contract{
			ID: id, Period: grassroots.Period{Start: start, End: end},
			Scope: []provider.ScopeItem{{Function: provider.GridPatrol, Area: "330302001001"}},
			Responsibilities: []provider.Assignment{
				{Function: provider.GridPatrol, Area: "330302001001", Party: party, RACI: provider.Accountable},
			},
		}
	}
	found := provider.CheckResponsibility([]provider.Contract{
		patrol("ct-a", "prov-a", date(2026, 1, 1), date(2026, 7, 2)),
		patrol("ct-b", "prov-b", date(2026, 7, 1), date(2027, 1, 1)),
	})
	for _, a := range found {
		fmt.Println(a.Kind, a.Function, a.Parties, a.Period.Start.Format(time.DateOnly), a.Period.End.Format(time.DateOnly))
	}
	// Output:
	// two_accountable grid_patrol [prov-a prov-b] 2026-07-01 2026-07-02
}

func ExampleCheckSupplier() {
	start, _ := provider.ParsePartialDate("2025")
	p := provider.Provider{
		ID: "prov-1", Name: "Lucheng Elderly Care Services Co.", LegalForm: provider.Company,
		Statuses: []provider.StatusChange{{Status: provider.StatusActive, At: date(2025, 1, 1)}},
		Memberships: []provider.Membership{{
			Role: provider.ServiceProvider, StartDate: start,
			Scope: provider.Scope{Areas: []string{"330302001001"}},
		}},
	}
	c := exampleContract()
	fmt.Println(provider.CheckSupplier(c, p, provider.DefaultRules()))

	// A service provider may not take over system maintenance.
	c.Scope = append(c.Scope, provider.ScopeItem{Function: provider.SystemMaintenance, Area: "330302001001"})
	var ve *grassroots.ValidationError
	if errors.As(provider.CheckSupplier(c, p, provider.DefaultRules()), &ve) {
		fmt.Println(ve.Fields[0].Path, ve.Fields[0].Rule)
	}
	// Output:
	// <nil>
	// scope[1] not_covered
}

func ExampleCheckIndependence() {
	subject := provider.Assessment{
		Contract: exampleContract(),
		Period:   grassroots.Period{Start: date(2026, 1, 1), End: date(2026, 7, 1)},
	}
	relations := provider.Relations{Providers: []provider.Provider{
		{ID: "prov-1", Parent: "lucheng-holding"},
		{ID: "prov-7", Parent: "lucheng-holding"},
	}}
	fmt.Println(provider.CheckIndependence(provider.Assessor{ID: "prov-7", Party: grassroots.Provider}, subject, relations))
	fmt.Println(provider.CheckIndependence(provider.Assessor{ID: "audit-co", Party: grassroots.ThirdParty}, subject, relations))
	// Output:
	// [{same_group }]
	// []
}

func ExampleRevoke() {
	grants := []provider.Grant{{
		ID: "g-1", Grantee: "prov-1", Contract: "ct-2026-001",
		Valid:       grassroots.Period{Start: date(2026, 1, 1), End: date(2027, 1, 1)},
		Disposition: provider.DispositionDelete, DisposalDelay: 15 * 24 * time.Hour,
	}}
	terminated := provider.Terminated{
		Meta: grassroots.Meta{
			AggregateID: "ct-2026-001", CommandID: "cmd-9", At: date(2026, 6, 1),
			Actor: grassroots.Actor{ID: "u-1", Party: grassroots.Government, Organization: "gov-lucheng"},
		},
		Reason: "repeated breach",
	}
	revoked, disposals := provider.Revoke(grants, terminated)
	fmt.Println(revoked[0].Revoked.Format(time.DateOnly))
	fmt.Println(disposals[0].Disposition, disposals[0].Due.Format(time.DateOnly))
	// Output:
	// 2026-06-01
	// delete 2026-06-16
}

// ExampleDecider_Replay shows a history Decide could not have produced:
// the contract is signed by an organ that is not its buyer. Replay names
// the event it refuses and why.
func ExampleDecider_Replay() {
	buyer := grassroots.Actor{ID: "u-1", Party: grassroots.Government, Organization: "gov-lucheng"}
	other := grassroots.Actor{ID: "u-9", Party: grassroots.Government, Organization: "gov-ouhai"}
	meta := func(n int, by grassroots.Actor, at time.Time) grassroots.Meta {
		return grassroots.Meta{AggregateID: "ct-2026-001", CommandID: fmt.Sprintf("cmd-%d", n), Actor: by, At: at}
	}
	history := []provider.Event{
		provider.Drafted{Meta: meta(1, buyer, date(2025, 11, 1)), Terms: exampleContract()},
		provider.Signed{Meta: meta(2, other, date(2025, 12, 1))},
	}
	_, err := provider.Decider{}.Replay(history)
	var re *grassroots.ReplayError
	fmt.Println(errors.As(err, &re), re.Index, errors.Is(err, provider.ErrForbidden))
	// Output:
	// true 1 true
}

// ExampleDecider_Decide shows that a command is applied once: the same
// command again is no error and causes nothing, and another command that
// reuses its ID conflicts.
func ExampleDecider_Decide() {
	buyer := grassroots.Actor{ID: "u-1", Party: grassroots.Government, Organization: "gov-lucheng"}
	draft := provider.Draft{
		Meta:  grassroots.Meta{AggregateID: "ct-2026-001", CommandID: "cmd-1", Actor: buyer, At: date(2025, 11, 1)},
		Terms: exampleContract(),
	}
	var d provider.Decider
	events, _ := d.Decide(provider.State{}, draft)
	s, _ := d.Evolve(provider.State{}, events[0])

	again, err := d.Decide(s, draft)
	fmt.Println(len(again), err)
	_, err = d.Decide(s, provider.Publish{Meta: draft.Meta})
	fmt.Println(errors.Is(err, grassroots.ErrCommandConflict))
	fmt.Println(s.Commands().IDs())
	// Output:
	// 0 <nil>
	// true
	// [cmd-1]
}

func ExampleParseSide() {
	s, err := provider.ParseSide("supplier")
	fmt.Println(s == provider.Supplier, err)
	_, err = provider.ParseSide("seller")
	fmt.Println(errors.Is(err, grassroots.ErrUnknownName))
	// Output:
	// true <nil>
	// true
}

func ExampleRequest_Validate() {
	req := provider.Request{Grantee: "prov-1", Action: provider.ActionRead, At: date(2026, 5, 1)}
	var ve *grassroots.ValidationError
	if errors.As(req.Validate(), &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	// Output:
	// fields required
	// purpose enum
	// de_identification enum
}

// ExampleCompileGrants shows an invalid grant set: every problem of every
// grant is named with the grant's index, here a grant without an end and
// a grant ID used twice.
func ExampleCompileGrants() {
	g := provider.Grant{
		ID: "g-1", Grantor: "gov-lucheng", Grantee: "prov-1", Contract: "ct-2026-001",
		Purposes: []provider.Purpose{provider.PurposeServiceDelivery}, LegalBasis: provider.BasisStatutoryDuty,
		Fields:  []provider.Field{{Name: "name", Category: provider.CategoryBasic}},
		Actions: []provider.Action{provider.ActionRead}, DeIdentification: provider.Identified,
		Valid:       grassroots.Period{Start: date(2026, 1, 1), End: date(2027, 1, 1)},
		Disposition: provider.DispositionDelete,
	}
	open := g
	open.Valid.End = time.Time{}
	_, err := provider.CompileGrants([]provider.Grant{g, open})
	var ve *grassroots.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s %s: %s\n", f.Path, f.Rule, f.Message)
		}
	}
	// Output:
	// grants[1].valid.end required: valid.end is required: a grant must end
	// grants[1].id unique: grant ID "g-1" repeats grants[0]
}
