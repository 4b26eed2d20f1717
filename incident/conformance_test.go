package incident

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/workday"
)

const conformanceDir = "../testdata/conformance/v1/incident"

type vector[In, Want any] struct {
	Description string `json:"description"`
	Input       In     `json:"input"`
	Want        *Want  `json:"want"`
	WantError   string `json:"want_error"`
}

func loadVectors[In, Want any](t *testing.T, name string) []vector[In, Want] {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(conformanceDir, name))
	require.NoError(t, err, "reading %s", name)
	var vs []vector[In, Want]
	require.NoError(t, json.Unmarshal(b, &vs), "decoding %s", name)
	require.NotEmpty(t, vs, name)
	return vs
}

// wireCommand is the language-neutral form of a command in the
// conformance vectors: the op, Meta's fields, and the union of the
// commands' fields in snake_case.
type wireCommand struct {
	Op Op `json:"op"`
	Meta
	Category     string        `json:"category"`
	Channel      Channel       `json:"channel"`
	Location     Location      `json:"location"`
	Grid         grid.Code     `json:"grid"`
	Address      string        `json:"address"`
	Description  string        `json:"description"`
	Media        []string      `json:"media"`
	Priority     Priority      `json:"priority"`
	RejectReason RejectReason  `json:"reject_reason"`
	DuplicateOf  string        `json:"duplicate_of"`
	Note         string        `json:"note"`
	Platform     Platform      `json:"platform"`
	Unit         string        `json:"unit"`
	Reason       string        `json:"reason"`
	Result       string        `json:"result"`
	Evidence     []string      `json:"evidence"`
	Level        Level         `json:"level"`
	RequestedAt  time.Time     `json:"requested_at"`
	By           workday.Limit `json:"by"`
	Grade        Grade         `json:"grade"`
	Comment      string        `json:"comment"`
	Substantive  bool          `json:"substantive"`
}

func (w wireCommand) command() Command {
	m := w.Meta
	switch w.Op {
	case OpReport:
		return Report{Meta: m, Category: w.Category, Channel: w.Channel, Location: w.Location, Grid: w.Grid,
			Address: w.Address, Description: w.Description, Media: w.Media, Priority: w.Priority}
	case OpAccept:
		return Accept{Meta: m}
	case OpReject:
		return Reject{Meta: m, Reason: w.RejectReason, DuplicateOf: w.DuplicateOf, Note: w.Note}
	case OpDispatch:
		return Dispatch{Meta: m, Platform: w.Platform, Unit: w.Unit}
	case OpReturn:
		return Return{Meta: m, Reason: w.Reason}
	case OpStart:
		return Start{Meta: m}
	case OpResolve:
		return Resolve{Meta: m, Result: w.Result, Evidence: w.Evidence}
	case OpClose:
		return Close{Meta: m, Note: w.Note}
	case OpReopen:
		return Reopen{Meta: m, Reason: w.Reason}
	case OpEscalate:
		return Escalate{Meta: m, Level: w.Level}
	case OpExtend:
		return Extend{Meta: m, RequestedAt: w.RequestedAt, By: w.By, Reason: w.Reason}
	case OpRate:
		return Rate{Meta: m, Grade: w.Grade, Comment: w.Comment, Substantive: w.Substantive}
	}
	return nil
}

var conformanceErrors = map[string]error{
	"transition":       ErrTransition,
	"forbidden":        ErrForbidden,
	"time_backwards":   ErrTimeBackwards,
	"invalid":          grassroots.ErrInvalid,
	"escalation":       ErrEscalation,
	"already_rated":    ErrAlreadyRated,
	"extension_late":   ErrExtensionLate,
	"outside_calendar": workday.ErrOutsideCalendar,
	"bad_limit":        workday.ErrBadLimit,
}

func TestConformance(t *testing.T) {
	t.Run("transitions", func(t *testing.T) {
		type input struct {
			History []wireCommand `json:"history"`
			Command wireCommand   `json:"command"`
		}
		type want struct {
			Events []string `json:"events"`
			Status string   `json:"status"`
		}
		d := testDecider(t)
		for _, v := range loadVectors[input, want](t, "transitions.json") {
			var s Incident
			for i, w := range v.Input.History {
				evs, err := d.Decide(s, w.command())
				require.NoError(t, err, "%s: history step %d", v.Description, i)
				for _, e := range evs {
					s = Evolve(s, e)
				}
			}
			evs, err := d.Decide(s, v.Input.Command.command())
			if v.WantError != "" {
				assert.ErrorIs(t, err, conformanceErrors[v.WantError], v.Description)
				assert.Empty(t, evs, v.Description)
				continue
			}
			require.NoError(t, err, v.Description)
			names := []string{}
			for _, e := range evs {
				names = append(names, e.Name())
				s = Evolve(s, e)
			}
			assert.Equal(t, v.Want.Events, names, v.Description)
			assert.Equal(t, v.Want.Status, s.Status.String(), v.Description)
		}
	})
}
