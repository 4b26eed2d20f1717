package provider

import (
	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enumfield"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Event is a contract event: a fact Decide produced and Evolve applies.
// Every event embeds grassroots.Meta (the contract ID is its aggregate ID)
// and carries every value its effect needs. Its CloudEvents type is
// grassroots.provider.<EventName()>.v1 (see Codec). The event types of
// this package are the only implementations.
type Event interface {
	grassroots.DomainEvent
	isContractEvent()
}

func (Drafted) isContractEvent()    {}
func (Amended) isContractEvent()    {}
func (Published) isContractEvent()  {}
func (Signed) isContractEvent()     {}
func (Activated) isContractEvent()  {}
func (Completed) isContractEvent()  {}
func (Terminated) isContractEvent() {}
func (Cancelled) isContractEvent()  {}

// checkEvent refuses e in state s for what Decide would have refused: the
// fields, the actor's rights and the guards. The type switch calls each
// event's check directly, so that s stays on the caller's stack.
func checkEvent(s *State, e Event) error {
	switch e := e.(type) {
	case Drafted:
		return e.check(s)
	case Amended:
		return e.check(s)
	case Published:
		return e.check(s)
	case Signed:
		return e.check(s)
	case Activated:
		return e.check(s)
	case Completed:
		return e.check(s)
	case Terminated:
		return e.check(s)
	case Cancelled:
		return e.check(s)
	}
	return nil // Event is sealed: the cases are every implementation
}

// applyEvent makes e's effect on s, except status, time, version and
// command log, which Evolve sets.
func applyEvent(s *State, e Event) {
	switch e := e.(type) {
	case Drafted:
		s.Contract = e.Terms
	case Amended:
		s.Contract = e.Terms
		s.Amendments = append(s.Amendments[:len(s.Amendments):len(s.Amendments)], Amendment{At: e.At, By: e.Actor, Reason: e.Reason})
	case Published:
		s.Contract.Published = true
	case Signed:
		s.DateSigned = e.At
	case Completed:
		s.Ended = e.At
	case Terminated:
		s.Ended, s.EndReason = e.At, e.Reason
	case Cancelled:
		s.Ended, s.EndReason = e.At, e.Reason
	}
}

// Drafted: a contract was drafted with these terms by its buyer.
type Drafted struct {
	grassroots.Meta
	Terms Contract `json:"terms" validate:"-"`
}

// Amended: the terms were replaced by the buyer. Terms.Published is the
// contract's published flag, which an amendment keeps.
type Amended struct {
	grassroots.Meta
	Terms  Contract `json:"terms" validate:"-"`
	Reason string   `json:"reason" validate:"required"`
}

// Published: the buyer made the contract public.
type Published struct{ grassroots.Meta }

// Signed: the contract was signed; At is the signing date.
type Signed struct{ grassroots.Meta }

// Activated: the contract came into force.
type Activated struct{ grassroots.Meta }

// Completed: the contract was performed to its end.
type Completed struct{ grassroots.Meta }

// Terminated: the contract was ended early by its buyer or supplier.
type Terminated struct {
	grassroots.Meta
	Reason string `json:"reason" validate:"required"`
}

// Cancelled: the buyer abandoned the contract before it came into force.
type Cancelled struct {
	grassroots.Meta
	Reason string `json:"reason" validate:"required"`
}

// EventName returns "contract_drafted".
func (Drafted) EventName() string { return evDrafted }

// EventName returns "contract_amended".
func (Amended) EventName() string { return evAmended }

// EventName returns "contract_published".
func (Published) EventName() string { return evPublished }

// EventName returns "contract_signed".
func (Signed) EventName() string { return evSigned }

// EventName returns "contract_activated".
func (Activated) EventName() string { return evActivated }

// EventName returns "contract_completed".
func (Completed) EventName() string { return evCompleted }

// EventName returns "contract_terminated".
func (Terminated) EventName() string { return evTerminated }

// EventName returns "contract_cancelled".
func (Cancelled) EventName() string { return evCancelled }

// Validate reports terms without an ID or a buyer, terms whose ID is not
// the event's aggregate ID, terms marked published (a contract is
// published by its own command), and an enumerated value in the terms
// (settlement method, a function, a RACI part, a comparator, a
// milestone's type or status) that is none of its names, or a number in
// the terms written with an exponent beyond ±10,000 (grassroots.RuleMax,
// or RuleFormat for a negative one), which no JSON can carry. The terms
// may otherwise be incomplete: a draft is completed before it is signed.
func (e Drafted) Validate() error {
	var p validate.Problems
	checkTermsIdentity(&p, e.AggregateID, &e.Terms)
	if e.Terms.Published {
		p.Add("terms.published", grassroots.RuleExcluded, "a draft is not published: publishing is the publish command")
	}
	return p.Err()
}

// Validate reports a missing reason, terms whose ID is not the event's
// aggregate ID, and an enumerated value or a number in the terms that no
// JSON can carry (see Drafted.Validate).
func (e Amended) Validate() error { return e.validate(true) }

// validate is Validate; writable false leaves the enumerated values to a
// check of the whole terms that the caller makes next.
func (e Amended) validate(writable bool) error {
	var p validate.Problems
	p.Nest("", requireReason(e.Reason, e))
	if e.Terms.ID != e.AggregateID {
		p.Addf("terms.id", grassroots.RuleMismatch, "terms.id %q is not the contract %q the command addresses", e.Terms.ID, e.AggregateID)
	}
	if writable {
		checkWritable(&p, &e.Terms)
	}
	return p.Err()
}

// Validate reports a missing reason.
func (e Terminated) Validate() error { return requireReason(e.Reason, e) }

// Validate reports a missing reason.
func (e Cancelled) Validate() error { return requireReason(e.Reason, e) }

// requireReason checks v's tags, which require a reason, only when the
// reason is missing: the valid case needs no reflection.
func requireReason(reason string, v any) error {
	if reason != "" {
		return nil
	}
	return validate.Struct(v)
}

// checkTermsIdentity reports terms that a draft cannot start from: no ID,
// an ID other than the command's aggregate ID, no buyer.
func checkTermsIdentity(p *validate.Problems, aggregate string, c *Contract) {
	switch {
	case c.ID == "":
		p.Add("terms.id", grassroots.RuleRequired, "terms.id is required: it is the contract's ID")
	case c.ID != aggregate:
		p.Addf("terms.id", grassroots.RuleMismatch, "terms.id %q is not the aggregate_id %q", c.ID, aggregate)
	}
	p.Require(c.Buyer.ID != "", "terms.buyer.id", "terms.buyer.id is required: the buyer drafts the contract")
	checkWritable(p, c)
}

// checkWritable reports each enumerated value of terms c that holds none
// of its names, and each number whose exponent lies beyond
// ±exact.MaxExponent, at its path under "terms". A draft may lack clauses
// until it is signed, but terms with such a value have no JSON form (an
// enumeration is written by name, and decoding refuses such an exponent),
// so no event can carry them: Decide refuses them rather than decide an
// event that cannot be sealed, and decoding refuses data that leaves one
// of them out.
func checkWritable(p *validate.Problems, c *Contract) {
	checkNumbers(p, c)
	enumfield.Check(p, "terms.settlement_method", settlementMethodNames, c.SettlementMethod)
	for i := range c.Scope {
		enumfield.CheckElem(p, "terms.scope", i, ".function", functionNames, c.Scope[i].Function)
	}
	for i := range c.Responsibilities {
		a := &c.Responsibilities[i]
		enumfield.CheckElem(p, "terms.responsibilities", i, ".function", functionNames, a.Function)
		enumfield.CheckElem(p, "terms.responsibilities", i, ".raci", raciNames, a.RACI)
	}
	for i := range c.SLA {
		enumfield.CheckElem(p, "terms.sla", i, ".comparator", comparatorNames, c.SLA[i].Comparator)
	}
	for i := range c.Milestones {
		m := &c.Milestones[i]
		enumfield.CheckElem(p, "terms.milestones", i, ".type", milestoneTypeNames, m.Type)
		enumfield.CheckElem(p, "terms.milestones", i, ".status", milestoneStatusNames, m.Status)
	}
}

func (e Drafted) check(*State) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return checkIssuer(cmdDraft, &e.Terms, &e.Actor)
}

func (e Amended) check(s *State) error {
	if err := checkIssuer(cmdAmend, &s.Contract, &e.Actor); err != nil {
		return err
	}
	var p validate.Problems
	full := s.Status != ContractDraft
	p.Nest("", e.validate(!full))
	if e.Terms.Buyer.ID != s.Contract.Buyer.ID {
		p.Addf("terms.buyer.id", grassroots.RuleMismatch, "an amendment keeps the buyer %q", s.Contract.Buyer.ID)
	}
	if e.Terms.Supplier.ID != s.Contract.Supplier.ID {
		p.Addf("terms.supplier.id", grassroots.RuleMismatch, "an amendment keeps the supplier %q", s.Contract.Supplier.ID)
	}
	if e.Terms.Published != s.Contract.Published {
		p.Addf("terms.published", grassroots.RuleMismatch, "an amendment keeps the published flag (%t)", s.Contract.Published)
	}
	if full {
		p.Nest("terms", e.Terms.Validate())
	}
	return p.Err()
}

func (e Published) check(s *State) error {
	if err := checkIssuer(cmdPublish, &s.Contract, &e.Actor); err != nil {
		return err
	}
	if s.Contract.Published {
		return alreadyPublished(s.Contract.ID)
	}
	return nil
}

func (e Signed) check(s *State) error {
	if err := checkIssuer(cmdSign, &s.Contract, &e.Actor); err != nil {
		return err
	}
	if err := s.Contract.Validate(); err != nil {
		var p validate.Problems
		p.Nest("contract", err)
		return p.Err()
	}
	return nil
}

func (e Activated) check(s *State) error {
	if err := checkIssuer(cmdActivate, &s.Contract, &e.Actor); err != nil {
		return err
	}
	if !s.Contract.Published {
		return notPublished(s.Contract.ID)
	}
	return nil
}

func (e Completed) check(s *State) error {
	if err := checkIssuer(cmdComplete, &s.Contract, &e.Actor); err != nil {
		return err
	}
	if e.At.Before(s.Contract.Period.End) {
		return tooEarly(s.Contract.ID, e.At, s.Contract.Period.End)
	}
	return nil
}

func (e Terminated) check(s *State) error {
	if err := checkIssuer(cmdTerminate, &s.Contract, &e.Actor); err != nil {
		return err
	}
	return e.Validate()
}

func (e Cancelled) check(s *State) error {
	if err := checkIssuer(cmdCancel, &s.Contract, &e.Actor); err != nil {
		return err
	}
	return e.Validate()
}

// checkNumbers reports, under "terms", each decimal of terms c whose
// exponent is beyond ±exact.MaxExponent (see validate.Problems.Tame). It
// builds a path only for a problem: Decide checks the terms of every
// draft and amendment.
func checkNumbers(p *validate.Problems, c *Contract) {
	tame := func(d decimal.Decimal, list string, i int, field string) {
		if !exact.Tame(d) {
			path := "terms." + field
			if list != "" {
				path = grassroots.ElementPath("terms."+list, i) + "." + field
			}
			p.Tame(path, d)
		}
	}
	tame(c.Value.Amount, "", 0, "value.amount")
	for i := range c.SLA {
		t := &c.SLA[i]
		tame(t.Target, "sla", i, "target")
		tame(t.Penalty, "sla", i, "penalty")
		tame(t.Cap, "sla", i, "cap")
	}
	for i := range c.QualityFactors {
		tame(c.QualityFactors[i].Factor, "quality_factors", i, "factor")
	}
	for i := range c.Milestones {
		if v := c.Milestones[i].Value; v != nil {
			tame(v.Amount, "milestones", i, "value.amount")
		}
	}
	for i := range c.Transactions {
		tame(c.Transactions[i].Value.Amount, "transactions", i, "value.amount")
	}
}
