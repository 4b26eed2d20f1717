package provider

import (
	"slices"
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

// IsFinal reports whether no command changes c any more: no row of the
// transition table leaves it.
func (c ContractStatus) IsFinal() bool {
	if !c.IsValid() {
		return false
	}
	for _, r := range contractTable {
		if slices.Contains(r.From, c) {
			return false
		}
	}
	return true
}

// Side is a party to a contract, as far as the lifecycle is concerned: the
// buyer or the supplier.
type Side uint8

// The sides of a contract.
const (
	// Buyer: the purchasing government organ, Contract.Buyer.
	Buyer Side = iota + 1
	// Supplier: the provider, Contract.Supplier.
	Supplier
)

var sideNames = enum.New[Side]("provider.Side", "buyer", "supplier")

// IsValid reports whether s is one of the Side values.
func (s Side) IsValid() bool { return sideNames.Valid(s) }

// String returns the wire name of s, or "Side(N)" for an invalid value.
func (s Side) String() string { return sideNames.String(s) }

// AppendText appends the wire name of s to b; an invalid value is an error.
func (s Side) AppendText(b []byte) ([]byte, error) { return sideNames.Append(b, s) }

// MarshalText returns the wire name of s; an invalid value is an error.
func (s Side) MarshalText() ([]byte, error) { return sideNames.Marshal(s) }

// UnmarshalText sets *s to the value named by b; on error *s is unchanged.
func (s *Side) UnmarshalText(b []byte) error { return sideNames.Unmarshal(s, b) }

// ParseSide returns the Side named s; an unknown name is a *grassroots.UnknownNameError.
func ParseSide(s string) (Side, error) { return sideNames.Parse(s) }

// lifecycle is the package name in the lifecycle's errors and envelopes.
const lifecycle = "provider"

// The command and event names, as the transition table writes them.
const (
	cmdDraft     = "draft"
	cmdAmend     = "amend"
	cmdPublish   = "publish"
	cmdSign      = "sign"
	cmdActivate  = "activate"
	cmdComplete  = "complete"
	cmdTerminate = "terminate"
	cmdCancel    = "cancel"

	evDrafted    = "contract_drafted"
	evAmended    = "contract_amended"
	evPublished  = "contract_published"
	evSigned     = "contract_signed"
	evActivated  = "contract_activated"
	evCompleted  = "contract_completed"
	evTerminated = "contract_terminated"
	evCancelled  = "contract_cancelled"
)

// contractTable is the contract lifecycle: the one place its transitions
// are written. Amending and publishing keep the status; publishing is
// further limited to once (ErrAlreadyPublished), and since activating
// needs it, an active contract is published already.
var contractTable = grassroots.Transitions[ContractStatus]{
	{Command: cmdDraft, Event: evDrafted, To: ContractDraft},
	{Command: cmdAmend, Event: evAmended, From: []ContractStatus{ContractDraft, ContractSigned, ContractActive}},
	{Command: cmdPublish, Event: evPublished, From: []ContractStatus{ContractDraft, ContractSigned}},
	{Command: cmdSign, Event: evSigned, From: []ContractStatus{ContractDraft}, To: ContractSigned},
	{Command: cmdActivate, Event: evActivated, From: []ContractStatus{ContractSigned}, To: ContractActive},
	{Command: cmdComplete, Event: evCompleted, From: []ContractStatus{ContractActive}, To: ContractCompleted},
	{Command: cmdTerminate, Event: evTerminated, From: []ContractStatus{ContractSigned, ContractActive}, To: ContractTerminated},
	{Command: cmdCancel, Event: evCancelled, From: []ContractStatus{ContractDraft, ContractSigned}, To: ContractCancelled},
}

// Transitions returns a copy of the contract lifecycle's transition table:
// for each command, the event it causes, the statuses it is allowed in and
// the status it leads to (zero when it keeps the status). Its DOT method
// draws the lifecycle.
func Transitions() grassroots.Transitions[ContractStatus] {
	out := make(grassroots.Transitions[ContractStatus], len(contractTable))
	for i, r := range contractTable {
		r.From = append([]ContractStatus(nil), r.From...)
		out[i] = r
	}
	return out
}

// issuers returns who may issue command on contract c: the buyer always,
// the supplier too for signing and terminating.
func issuers(command string, c *Contract) []Issuer {
	buyer := Issuer{Side: Buyer, Party: grassroots.Government, Organization: c.Buyer.ID}
	if command == cmdSign || command == cmdTerminate {
		return []Issuer{buyer, {Side: Supplier, Party: grassroots.Provider, Organization: c.Supplier.ID}}
	}
	return []Issuer{buyer}
}

// mayIssue reports whether a may issue command on c, without allocating.
func mayIssue(command string, c *Contract, a *grassroots.Actor) bool {
	if a.Party == grassroots.Government && a.Organization == c.Buyer.ID {
		return true
	}
	return (command == cmdSign || command == cmdTerminate) &&
		a.Party == grassroots.Provider && a.Organization == c.Supplier.ID
}

func checkIssuer(command string, c *Contract, a *grassroots.Actor) error {
	if mayIssue(command, c, a) {
		return nil
	}
	return &ForbiddenError{Contract: c.ID, Command: command, Actor: *a, Allowed: issuers(command, c)}
}

// Amendment records one change of a contract's terms.
type Amendment struct {
	At     time.Time        `json:"at"`
	By     grassroots.Actor `json:"by"`
	Reason string           `json:"reason"`
}

// State is a contract as its events have made it. The zero value is "no
// contract yet", the state Decide expects for a Draft command. A State is
// a plain value: Evolve returns a new one and never changes its input.
// Its JSON form is for display; the command log (see Commands) is not in
// it, so a state is rebuilt by replaying events, not by decoding JSON.
type State struct {
	Status     ContractStatus `json:"status"`
	Contract   Contract       `json:"contract"`
	DateSigned time.Time      `json:"date_signed,omitzero"`
	// Ended is when the contract was completed, terminated or cancelled.
	Ended      time.Time   `json:"ended,omitzero"`
	EndReason  string      `json:"end_reason,omitempty"`
	Amendments []Amendment `json:"amendments,omitempty"`
	// At is the time of the latest event applied: no later command or
	// event may be earlier.
	At time.Time `json:"at,omitzero"`
	// Version counts the events applied.
	Version int `json:"version"`

	log grassroots.CommandLog
}

// Commands returns the log of the commands applied to the contract, which
// makes Decide idempotent by command ID.
func (s State) Commands() grassroots.CommandLog { return s.log }
