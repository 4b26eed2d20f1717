package incident

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
	"github.com/grassrootsgov/grassroots/workday"
)

// Text limits. MaxDescription is Open311's limit for a request's
// description. The `validate` tags of commands and events state the same
// numbers.
const (
	MaxDescription = 4000
	MaxText        = 1000 // any other free text: notes, reasons, results, comments, addresses
	MaxURLs        = 16   // media or evidence URLs per command
	MaxURLLength   = 2048 // bytes of one media or evidence URL
)

// The checks below are the domain rules of commands and events that
// struct tags cannot state; Decide and the events' Validate methods share
// them, so a decoded event is held to the rules its command was.

// checkText records text that is not valid UTF-8 (encoding/json would
// silently replace such bytes, so the event would not replay to the state
// Decide built) and, when required, text that is only white space (the
// tags catch empty text).
func checkText(p *validate.Problems, path, s string, required bool) {
	switch {
	case !utf8.ValidString(s):
		p.Add(path, grassroots.RuleFormat, path+" is not valid UTF-8")
	case required && s != "" && strings.TrimSpace(s) == "":
		p.Add(path, grassroots.RuleRequired, path+" must not be blank")
	}
}

// checkURLs records URLs that are not valid UTF-8; their form and number
// are tag rules.
func checkURLs(p *validate.Problems, path string, list []string) {
	for i, s := range list {
		if !utf8.ValidString(s) {
			checkText(p, grassroots.ElementPath(path, i), s, false)
		}
	}
}

// checkEnum records a value v that names does not define, with the
// valid names.
func checkEnum[T ~uint8](p *validate.Problems, path string, v T, names *enum.Table[T]) {
	if !names.Valid(v) {
		p.Add(path, grassroots.RuleEnum, names.Problem(v))
	}
}

// checkReport records the domain problems of a report's content.
func checkReport(p *validate.Problems, ch Channel, loc Location, g grid.Code, address, addressID, description string, media []string) {
	checkEnum(p, "channel", ch, channelNames)
	if loc.IsZero() {
		p.Require(strings.TrimSpace(address) != "" || addressID != "", "location",
			"a report needs a location, an address or an address_id")
	} else if err := loc.Validate(); err != nil {
		p.Add("location", grassroots.RuleFormat, err.Error())
	}
	checkGrid(p, g)
	checkText(p, "address", address, false)
	checkText(p, "description", description, false)
	checkURLs(p, "media", media)
}

// checkLocation records a missing or invalid location and an invalid grid.
func checkLocation(p *validate.Problems, loc Location, g grid.Code) {
	if loc.IsZero() {
		p.Add("location", grassroots.RuleRequired, "location is required")
	} else if err := loc.Validate(); err != nil {
		p.Add("location", grassroots.RuleFormat, err.Error())
	}
	checkGrid(p, g)
}

func checkGrid(p *validate.Problems, g grid.Code) {
	if g == "" {
		return
	}
	if err := g.Validate(); err != nil {
		p.Add("grid", grassroots.RuleFormat, err.Error())
	}
}

// checkRejection records an undefined reason, a duplicate that does not
// name the original, an original named for another reason, and a bad note.
func checkRejection(p *validate.Problems, reason RejectReason, duplicateOf, note string) {
	checkEnum(p, "reason", reason, rejectReasonNames)
	switch {
	case reason == RejectDuplicate && duplicateOf == "":
		p.Add("duplicate_of", grassroots.RuleRequired, "a duplicate names the original incident in duplicate_of")
	case reason != RejectDuplicate && duplicateOf != "":
		p.Add("duplicate_of", grassroots.RuleExcluded, "duplicate_of is only for reason duplicate")
	}
	checkText(p, "note", note, false)
}

// checkExtension records a request time that is missing or after the
// approval at, an invalid limit and a bad reason.
func checkExtension(p *validate.Problems, requestedAt, at time.Time, by workday.Limit, reason string) {
	switch {
	case requestedAt.IsZero():
		p.Add("requested_at", grassroots.RuleRequired, "requested_at is required")
	case requestedAt.After(at):
		p.Add("requested_at", grassroots.RuleOrder, "requested_at must not be after at")
	}
	if err := by.Validate(); err != nil {
		p.Add("by", grassroots.RuleInvalid, err.Error())
	}
	checkText(p, "reason", reason, false)
}

// checkRating records an undefined grade and a bad comment.
func checkRating(p *validate.Problems, g Grade, comment string) {
	checkEnum(p, "grade", g, gradeNames)
	checkText(p, "comment", comment, false)
}
