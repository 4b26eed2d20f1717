package incident

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/workday"
)

// sampleEvents holds every event type twice: with every field set, and
// with only Meta.
func sampleEvents() []Event {
	m := meta("inc-1", "cmd-1", handler, t0)
	term := Term{Start: t0, End: t0.Add(5 * time.Hour), Working: true}
	full := []Event{
		Reported{Meta: m, Category: "002", Channel: ChannelApp, Priority: PriorityHigh, Location: wenzhou, Grid: "330302001001001",
			Address: "五马街 1 号 <b>&</b>", Description: "line\nbreak \"quoted\" \u2028", Media: []string{"https://e.org/a.jpg"},
			Contact: NewContact("张三", "13812345678"), AcceptTerm: term},
		Accepted{Meta: m},
		Rejected{Meta: m, Reason: RejectDuplicate, DuplicateOf: "inc-0", Note: "same lane"},
		Dispatched{Meta: m, Platform: PlatformLawEnforcement, Unit: "unit-1", HandleTerm: term},
		Returned{Meta: m, Reason: "not ours"},
		Started{Meta: m},
		Resolved{Meta: m, Result: "done", Evidence: []string{"https://e.org/b.jpg", "https://e.org/c.jpg"}},
		Closed{Meta: m, Note: "ok"},
		Reopened{Meta: m, Reason: "redo", Redo: true, HandleTerm: term},
		Escalated{Meta: m, Level: LevelUrge, Deadline: t0},
		Extended{Meta: m, RequestedAt: t0, By: workday.Limit{Amount: 2, Unit: workday.WorkingDays}, HandleTerm: term, Reason: "truck"},
		Rated{Meta: m, Grade: Dissatisfied, Comment: "meh", Substantive: true},
	}
	bare := []Event{Reported{Meta: m, Channel: ChannelPatrol, Priority: PriorityLow, Location: wenzhou}, Rejected{Meta: m, Reason: RejectInvalid}, Closed{Meta: m}, Reopened{Meta: m}, Rated{Meta: m, Grade: Neutral}}
	return append(full, bare...)
}

// TestEventJSONMatchesEncodingJSON checks that the reflection-free
// encoder writes what encoding/json writes from the struct tags.
func TestEventJSONMatchesEncodingJSON(t *testing.T) {
	for _, e := range sampleEvents() {
		want, err := json.Marshal(e)
		require.NoError(t, err, "encoding/json of %s", e.Name())
		got, err := appendEventJSON(nil, e, false)
		require.NoError(t, err, "appendEventJSON of %s", e.Name())
		var a, b any
		require.NoError(t, json.Unmarshal(want, &a))
		require.NoError(t, json.Unmarshal(got, &b), "%s: %s is valid JSON", e.Name(), got)
		assert.Equal(t, a, b, "%s encodes the same members", e.Name())
	}
}

func TestEventJSONRefusesWhatJSONCannotHold(t *testing.T) {
	bad := []Event{
		Accepted{Meta: meta("inc-1", "c", handler, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))},
		Closed{Meta: meta("inc-1", "c", handler, t0), Note: "\xff"},
		Escalated{Meta: meta("inc-1", "c", handler, t0), Level: 0},
	}
	for _, e := range bad {
		_, err := appendEventJSON(nil, e, false)
		assert.ErrorIs(t, err, errEncode, "%s", e.Name())
	}
}
