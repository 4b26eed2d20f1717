package grid

import (
	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// WorkerKind tells how a grid worker is engaged. The zero value is invalid,
// prints "WorkerKind(0)" and fails to marshal.
type WorkerKind uint8

// The worker kinds.
const (
	// WorkerFullTime is a full-time grid worker employed for the grid.
	WorkerFullTime WorkerKind = iota + 1
	// WorkerPartTime is a part-time grid worker (a building head, a
	// volunteer, a community cadre with other duties).
	WorkerPartTime
	// WorkerProviderStaff is staff of a service provider contracted for
	// grid patrols and reporting.
	WorkerProviderStaff
)

var workerKindNames = enum.New[WorkerKind]("grid.WorkerKind",
	"full_time", "part_time", "provider_staff",
)

// IsValid reports whether k is one of the WorkerKind values.
func (k WorkerKind) IsValid() bool { return workerKindNames.Valid(k) }

// String returns the wire name of k, or "WorkerKind(N)" for an invalid value.
func (k WorkerKind) String() string { return workerKindNames.String(k) }

// AppendText appends the wire name of k to b; an invalid value is an error.
func (k WorkerKind) AppendText(b []byte) ([]byte, error) { return workerKindNames.Append(b, k) }

// MarshalText returns the wire name of k; an invalid value is an error.
func (k WorkerKind) MarshalText() ([]byte, error) { return workerKindNames.Marshal(k) }

// UnmarshalText sets *k to the value named by b; on error *k is unchanged.
func (k *WorkerKind) UnmarshalText(b []byte) error { return workerKindNames.Unmarshal(k, b) }

// ParseWorkerKind returns the WorkerKind named s; an unknown name is a *grassroots.UnknownNameError.
func ParseWorkerKind(s string) (WorkerKind, error) { return workerKindNames.Parse(s) }

// MaxLoad is the largest load, in household equivalents, that a grid may
// carry and the largest capacity a worker may declare. It keeps every sum
// AssignWorkers forms exact in 64-bit integers of thousandths.
const MaxLoad = 1_000_000_000

// Worker is a person who serves grids: a full-time or part-time grid
// worker or a provider's staff member.
//
// Capacity is the largest load the worker can carry, in household
// equivalents (see AssignOptions for how a grid's load is counted); with no
// incident weight it is simply a number of households. Home, when set, is
// the grid the worker lives in or is attached to; AssignWorkers prefers
// it where that does not worsen the balance.
type Worker struct {
	ID       string     `json:"id" validate:"required"`
	Kind     WorkerKind `json:"kind"`
	Capacity int        `json:"capacity" validate:"min=1,max=1000000000"` // 1 to MaxLoad
	Home     Code       `json:"home,omitempty"`
}

// Validate reports every problem of w at once as a
// *grassroots.ValidationError: a non-empty id (grassroots.RuleRequired), a
// known kind (RuleEnum), a capacity from 1 to MaxLoad (RuleMin, RuleMax)
// and, when set, a well-formed home code (RuleFormat).
func (w Worker) Validate() error {
	// The id and the capacity are struct tags; the kind and the home code
	// are checked here, so that their messages can list the valid names
	// and say what a code is.
	var p validate.Problems
	p.Tags("", w)
	if !w.Kind.IsValid() {
		p.Add("kind", grassroots.RuleEnum, workerKindNames.Problem(w.Kind))
	}
	if w.Home != "" {
		if err := w.Home.Validate(); err != nil {
			codeProblem(&p, "home", err)
		}
	}
	return p.Err()
}
