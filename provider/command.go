package provider

import "github.com/grassrootsgov/grassroots"

// Command asks for a change to a contract. Every command embeds
// grassroots.Meta: AggregateID is the contract's ID, CommandID makes the
// command idempotent, Actor is who issues it (see Decider.Decide for who
// may) and At when. The command types of this package are the only
// implementations.
type Command interface {
	grassroots.Command
	// event returns the event the command causes on a contract whose
	// published flag is published, before any check.
	event(published bool) Event
}

// Draft creates a contract in draft. Only the buyer may draft: a
// grassroots.Government actor whose Organization is Terms.Buyer.ID. The
// terms need an ID, which is the command's AggregateID, and a buyer, and
// may otherwise be incomplete until the contract is signed. Their
// published flag is ignored: publishing is a command of its own.
type Draft struct {
	grassroots.Meta
	Terms Contract `json:"terms"`
}

// Amend replaces the terms of a draft, signed or active contract. ID,
// buyer and supplier cannot change; once signed, the amended terms must
// pass Contract.Validate. The published flag is kept. Reason is required.
type Amend struct {
	grassroots.Meta
	Terms  Contract `json:"terms"`
	Reason string   `json:"reason"`
}

// Publish marks a draft or signed contract as published (Order No. 102
// requires purchase contracts to be made public), once; a contract is
// published before it is activated.
type Publish struct{ grassroots.Meta }

// Sign moves a draft to signed; the contract must pass Contract.Validate.
// The buyer or the supplier may record the signing.
type Sign struct{ grassroots.Meta }

// Activate puts a signed contract into force; it must be published.
type Activate struct{ grassroots.Meta }

// Complete ends an active contract as performed, no earlier than the end
// of its term.
type Complete struct{ grassroots.Meta }

// Terminate ends a signed or active contract early, by the buyer or the
// supplier, with a reason. Terminating revokes the contract's data-access
// grants (see Revoke).
type Terminate struct {
	grassroots.Meta
	Reason string `json:"reason"`
}

// Cancel abandons a draft or signed contract before it comes into force,
// with a reason.
type Cancel struct {
	grassroots.Meta
	Reason string `json:"reason"`
}

// CommandName returns "draft".
func (Draft) CommandName() string { return cmdDraft }

// CommandName returns "amend".
func (Amend) CommandName() string { return cmdAmend }

// CommandName returns "publish".
func (Publish) CommandName() string { return cmdPublish }

// CommandName returns "sign".
func (Sign) CommandName() string { return cmdSign }

// CommandName returns "activate".
func (Activate) CommandName() string { return cmdActivate }

// CommandName returns "complete".
func (Complete) CommandName() string { return cmdComplete }

// CommandName returns "terminate".
func (Terminate) CommandName() string { return cmdTerminate }

// CommandName returns "cancel".
func (Cancel) CommandName() string { return cmdCancel }

func (c Draft) event(bool) Event {
	terms := c.Terms
	terms.Published = false
	return Drafted{Meta: c.Meta, Terms: terms}
}

func (c Amend) event(published bool) Event {
	terms := c.Terms
	terms.Published = published
	return Amended{Meta: c.Meta, Terms: terms, Reason: c.Reason}
}

func (c Publish) event(bool) Event   { return Published(c) }
func (c Sign) event(bool) Event      { return Signed(c) }
func (c Activate) event(bool) Event  { return Activated(c) }
func (c Complete) event(bool) Event  { return Completed(c) }
func (c Terminate) event(bool) Event { return Terminated(c) }
func (c Cancel) event(bool) Event    { return Cancelled(c) }
