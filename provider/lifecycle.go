package provider

import (
	"fmt"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
)

// ContractStatus is where a contract stands in its lifecycle.
type ContractStatus uint8

// The contract statuses. Completed, terminated and cancelled are final.
const (
	ContractDraft ContractStatus = iota + 1
	ContractSigned
	ContractActive
	ContractCompleted
	ContractTerminated
	ContractCancelled
)

var contractStatusNames = enum.New[ContractStatus]("provider.ContractStatus",
	"draft", "signed", "active", "completed", "terminated", "cancelled",
)

// IsValid reports whether c is one of the ContractStatus values.
func (c ContractStatus) IsValid() bool { return contractStatusNames.Valid(c) }

// String returns the wire name of c, or "ContractStatus(N)" for an invalid value.
func (c ContractStatus) String() string { return contractStatusNames.String(c) }

// AppendText appends the wire name of c to b; an invalid value is an error.
func (c ContractStatus) AppendText(b []byte) ([]byte, error) { return contractStatusNames.Append(b, c) }

// MarshalText returns the wire name of c; an invalid value is an error.
func (c ContractStatus) MarshalText() ([]byte, error) { return contractStatusNames.Marshal(c) }

// UnmarshalText sets *c to the value named by b; on error *c is unchanged.
func (c *ContractStatus) UnmarshalText(b []byte) error { return contractStatusNames.Unmarshal(c, b) }

// ParseContractStatus returns the ContractStatus named s; an unknown name is a *grassroots.UnknownNameError.
func ParseContractStatus(s string) (ContractStatus, error) { return contractStatusNames.Parse(s) }

// IsFinal reports whether no command changes s any more.
func (s ContractStatus) IsFinal() bool {
	return s == ContractCompleted || s == ContractTerminated || s == ContractCancelled
}

// Amendment records one change of a contract's terms.
type Amendment struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Reason string    `json:"reason"`
}

// State is a contract as its events have made it. The zero value is "no
// contract yet", the state Decide expects for a Draft command.
type State struct {
	Status     ContractStatus `json:"status"`
	Contract   Contract       `json:"contract"`
	DateSigned time.Time      `json:"date_signed,omitzero"`
	// Ended is when the contract was completed, terminated or cancelled.
	Ended      time.Time   `json:"ended,omitzero"`
	EndReason  string      `json:"end_reason,omitempty"`
	Amendments []Amendment `json:"amendments,omitempty"`
	// Version counts the events applied.
	Version int `json:"version"`
}

// Command asks for a change to a contract. The command types of this
// package are the only implementations.
type Command interface {
	commandName() string
	actor() grassroots.Actor
	at() time.Time
}

// CommandMeta is who issues a command and when. Every command embeds it.
type CommandMeta struct {
	By grassroots.Actor
	At time.Time
}

func (m CommandMeta) actor() grassroots.Actor { return m.By }
func (m CommandMeta) at() time.Time           { return m.At }

// Draft creates a contract in draft. Only the buyer (a government actor of
// Contract.Buyer) may draft; the contract needs an ID and a buyer and may
// otherwise be incomplete until it is signed.
type Draft struct {
	CommandMeta
	Contract Contract
}

// Amend replaces the terms of a draft, signed or active contract. ID,
// buyer and supplier cannot change; once signed, the amended contract must
// pass Validate. Reason is required.
type Amend struct {
	CommandMeta
	Contract Contract
	Reason   string
}

// Publish marks the contract as published (Order No. 102 requires purchase
// contracts to be made public). Allowed once, before the contract ends.
type Publish struct{ CommandMeta }

// Sign moves a draft to signed; the contract must pass Validate. The
// buyer or the supplier may record the signing.
type Sign struct{ CommandMeta }

// Activate puts a signed contract into force; it must be published.
type Activate struct{ CommandMeta }

// Complete ends an active contract as performed, no earlier than the end
// of its term.
type Complete struct{ CommandMeta }

// Terminate ends a signed or active contract early, by the buyer or the
// supplier, with a reason. Terminating revokes the contract's data-access
// grants (see Revoke).
type Terminate struct {
	CommandMeta
	Reason string
}

// Cancel abandons a draft or signed contract before it comes into force,
// with a reason.
type Cancel struct {
	CommandMeta
	Reason string
}

func (Draft) commandName() string     { return "draft" }
func (Amend) commandName() string     { return "amend" }
func (Publish) commandName() string   { return "publish" }
func (Sign) commandName() string      { return "sign" }
func (Activate) commandName() string  { return "activate" }
func (Complete) commandName() string  { return "complete" }
func (Terminate) commandName() string { return "terminate" }
func (Cancel) commandName() string    { return "cancel" }

// Meta is what every contract event carries: the contract, when and who.
type Meta struct {
	Contract string    `json:"contract"`
	At       time.Time `json:"at"`
	By       string    `json:"by"`
}

// EventMeta returns m; it is promoted to every event type.
func (m Meta) EventMeta() Meta { return m }

func (Meta) isEvent() {}

// Event is a typed contract event. The event types of this package (which
// all embed Meta) are the only implementations.
type Event interface {
	// Name is the event's name in its CloudEvents type
	// grassroots.provider.<name>.v1.
	Name() string
	EventMeta() Meta
	isEvent()
}

// Drafted: a contract was drafted with these terms.
type Drafted struct {
	Meta
	Terms Contract `json:"terms"`
}

// Amended: the terms were replaced.
type Amended struct {
	Meta
	Terms  Contract `json:"terms"`
	Reason string   `json:"reason"`
}

// Published: the contract was made public.
type Published struct{ Meta }

// Signed: the contract was signed; At is the signing date.
type Signed struct{ Meta }

// Activated: the contract came into force.
type Activated struct{ Meta }

// Completed: the contract was performed to its end.
type Completed struct{ Meta }

// Terminated: the contract was ended early.
type Terminated struct {
	Meta
	Reason string `json:"reason"`
}

// Cancelled: the contract was abandoned before coming into force.
type Cancelled struct {
	Meta
	Reason string `json:"reason"`
}

// Name returns "contract_drafted".
func (Drafted) Name() string { return "contract_drafted" }

// Name returns "contract_amended".
func (Amended) Name() string { return "contract_amended" }

// Name returns "contract_published".
func (Published) Name() string { return "contract_published" }

// Name returns "contract_signed".
func (Signed) Name() string { return "contract_signed" }

// Name returns "contract_activated".
func (Activated) Name() string { return "contract_activated" }

// Name returns "contract_completed".
func (Completed) Name() string { return "contract_completed" }

// Name returns "contract_terminated".
func (Terminated) Name() string { return "contract_terminated" }

// Name returns "contract_cancelled".
func (Cancelled) Name() string { return "contract_cancelled" }

// Decide checks cmd against s and the actor's rights and returns the
// events it causes, or an error and no events. It never changes s.
//
// Rights: the buyer is a grassroots.Government actor whose Organization is
// Contract.Buyer.ID; the supplier is a grassroots.Provider actor whose
// Organization is Contract.Supplier.ID. Sign and Terminate may come from
// either; every other command only from the buyer.
func Decide(s State, cmd Command) ([]Event, error) {
	if cmd == nil {
		return nil, &TransitionError{From: s.Status, Command: "nil"}
	}
	by, at := cmd.actor(), cmd.at()
	if err := by.Validate(); err != nil {
		return nil, fmt.Errorf("provider: command %s: %w", cmd.commandName(), err)
	}
	if at.IsZero() {
		return nil, grassroots.NewValidationError(grassroots.FieldError{Path: "at", Rule: "required", Message: "command time is required"})
	}
	if d, ok := cmd.(Draft); ok {
		return decideDraft(s, d)
	}
	if !allowedFrom(cmd, s.Status) {
		return nil, &TransitionError{From: s.Status, Command: cmd.commandName()}
	}
	if !mayIssue(cmd, s.Contract, by) {
		return nil, fmt.Errorf("%w: %s by %s", ErrForbidden, cmd.commandName(), by.ID)
	}
	meta := Meta{Contract: s.Contract.ID, At: at, By: by.ID}
	switch c := cmd.(type) {
	case Amend:
		return decideAmend(s, c, meta)
	case Publish:
		if s.Contract.Published {
			return nil, &TransitionError{From: s.Status, Command: "publish"}
		}
		return []Event{Published{meta}}, nil
	case Sign:
		if err := s.Contract.Validate(); err != nil {
			return nil, err
		}
		return []Event{Signed{meta}}, nil
	case Activate:
		if !s.Contract.Published {
			return nil, ErrNotPublished
		}
		return []Event{Activated{meta}}, nil
	case Complete:
		if at.Before(s.Contract.Period.End) {
			return nil, ErrTooEarly
		}
		return []Event{Completed{meta}}, nil
	case Terminate:
		if err := needReason(c.Reason); err != nil {
			return nil, err
		}
		return []Event{Terminated{meta, c.Reason}}, nil
	case Cancel:
		if err := needReason(c.Reason); err != nil {
			return nil, err
		}
		return []Event{Cancelled{meta, c.Reason}}, nil
	}
	return nil, &TransitionError{From: s.Status, Command: cmd.commandName()}
}

// allowedFrom is the transition table: the statuses each command accepts.
func allowedFrom(cmd Command, from ContractStatus) bool {
	switch cmd.(type) {
	case Amend, Publish:
		return from == ContractDraft || from == ContractSigned || from == ContractActive
	case Sign:
		return from == ContractDraft
	case Activate:
		return from == ContractSigned
	case Complete:
		return from == ContractActive
	case Terminate:
		return from == ContractSigned || from == ContractActive
	case Cancel:
		return from == ContractDraft || from == ContractSigned
	}
	return false
}

func isBuyer(c Contract, a grassroots.Actor) bool {
	return a.Party == grassroots.Government && a.Organization == c.Buyer.ID
}

func isSupplier(c Contract, a grassroots.Actor) bool {
	return a.Party == grassroots.Provider && a.Organization == c.Supplier.ID
}

func mayIssue(cmd Command, c Contract, a grassroots.Actor) bool {
	switch cmd.(type) {
	case Sign, Terminate:
		return isBuyer(c, a) || isSupplier(c, a)
	}
	return isBuyer(c, a)
}

func needReason(r string) error {
	if r == "" {
		return grassroots.NewValidationError(grassroots.FieldError{Path: "reason", Rule: "required", Message: "a reason is required"})
	}
	return nil
}

func decideDraft(s State, d Draft) ([]Event, error) {
	if s.Status != 0 {
		return nil, &TransitionError{From: s.Status, Command: "draft"}
	}
	v := &problems{}
	v.required("contract.id", d.Contract.ID, "contract ID")
	v.required("contract.buyer.id", d.Contract.Buyer.ID, "buyer ID")
	if err := grassroots.NewValidationError(v.fs...); err != nil {
		return nil, err
	}
	if !isBuyer(d.Contract, d.By) {
		return nil, fmt.Errorf("%w: draft by %s", ErrForbidden, d.By.ID)
	}
	return []Event{Drafted{Meta{Contract: d.Contract.ID, At: d.At, By: d.By.ID}, d.Contract}}, nil
}

func decideAmend(s State, a Amend, meta Meta) ([]Event, error) {
	v := &problems{}
	v.required("reason", a.Reason, "amendment reason")
	if a.Contract.ID != s.Contract.ID {
		v.add("contract.id", "eqfield", "an amendment cannot change the contract ID")
	}
	if a.Contract.Buyer.ID != s.Contract.Buyer.ID {
		v.add("contract.buyer.id", "eqfield", "an amendment cannot change the buyer")
	}
	if a.Contract.Supplier.ID != s.Contract.Supplier.ID {
		v.add("contract.supplier.id", "eqfield", "an amendment cannot change the supplier")
	}
	if s.Status != ContractDraft {
		v.nested("contract", a.Contract.Validate())
	}
	if err := grassroots.NewValidationError(v.fs...); err != nil {
		return nil, err
	}
	terms := a.Contract
	terms.Published = s.Contract.Published
	return []Event{Amended{meta, terms, a.Reason}}, nil
}

// Evolve returns s with e applied. It trusts e (events are facts that
// Decide produced) and never fails.
func Evolve(s State, e Event) State {
	switch e := e.(type) {
	case Drafted:
		s.Status, s.Contract = ContractDraft, e.Terms
	case Amended:
		s.Contract = e.Terms
		s.Amendments = append(s.Amendments[:len(s.Amendments):len(s.Amendments)], Amendment{At: e.At, By: e.By, Reason: e.Reason})
	case Published:
		s.Contract.Published = true
	case Signed:
		s.Status, s.DateSigned = ContractSigned, e.At
	case Activated:
		s.Status = ContractActive
	case Completed:
		s.Status, s.Ended = ContractCompleted, e.At
	case Terminated:
		s.Status, s.Ended, s.EndReason = ContractTerminated, e.At, e.Reason
	case Cancelled:
		s.Status, s.Ended, s.EndReason = ContractCancelled, e.At, e.Reason
	default:
		return s
	}
	s.Version++
	return s
}

// Replay folds events into a state, starting from no contract.
func Replay(events []Event) State {
	var s State
	for _, e := range events {
		s = Evolve(s, e)
	}
	return s
}
