package mechanism

import (
	"errors"
	"fmt"

	"github.com/grassrootsgov/grassroots/incident"
)

// ErrDuplicateCommunity is matched by the *DuplicateCommunityError
// AssessAll returns when two inputs carry the same community identifier,
// which would make peer comparison ambiguous.
var ErrDuplicateCommunity = errors.New("mechanism: duplicate community")

// ErrSummaryGrouping is matched by the *SummaryGroupingError
// FromIncidentSummary returns for a summary grouped other than by
// platform.
var ErrSummaryGrouping = errors.New("mechanism: incident summary grouped the wrong way")

// DuplicateCommunityError reports two inputs of AssessAll for one
// community: inputs[First] and inputs[Second]. A nil
// *DuplicateCommunityError still matches ErrDuplicateCommunity; its Error
// says it is nil.
type DuplicateCommunityError struct {
	Community     string
	First, Second int
}

// Error names the community and both positions, and what is expected.
func (e *DuplicateCommunityError) Error() string {
	if e == nil {
		return "mechanism: duplicate community (a nil *DuplicateCommunityError)"
	}
	return fmt.Sprintf("mechanism: community %q is at inputs[%d] and inputs[%d]; want each community once", e.Community, e.First, e.Second)
}

// Is reports whether target is ErrDuplicateCommunity.
func (e *DuplicateCommunityError) Is(target error) bool { return target == ErrDuplicateCommunity }

// SummaryGroupingError reports an incident.Summary grouped by By where
// Want was needed. A nil *SummaryGroupingError still matches
// ErrSummaryGrouping; its Error says it is nil.
type SummaryGroupingError struct {
	By, Want incident.GroupBy
}

// Error names the grouping given and the one expected.
func (e *SummaryGroupingError) Error() string {
	if e == nil {
		return "mechanism: incident summary grouped the wrong way (a nil *SummaryGroupingError)"
	}
	return fmt.Sprintf("mechanism: incident summary grouped by %s; want one grouped by %s", e.By, e.Want)
}

// Is reports whether target is ErrSummaryGrouping.
func (e *SummaryGroupingError) Is(target error) bool { return target == ErrSummaryGrouping }
