package risk

import (
	"time"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/canonjson"
	"github.com/grassrootsgov/grassroots/internal/exact"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Everything Decide accepts must seal: envelopes carry I-JSON (RFC 7493)
// and RFC 3339 times, so the commands' Validate methods refuse what the
// wire cannot carry exactly. These helpers record those problems.

// maxExactInt is the largest integer that I-JSON carries exactly, 2^53 − 1.
const maxExactInt = 1<<53 - 1

// textOK reports whether s is valid UTF-8 without noncharacters.
func textOK(s string) bool {
	if canonjson.IsPlainASCII(s) {
		return true // printable ASCII is valid UTF-8 and holds no noncharacter
	}
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if canonjson.IsNoncharacter(r) {
			return false
		}
	}
	return true
}

// text records a RuleFormat problem at path unless textOK(s).
func text(p *validate.Problems, path, s string) {
	if textOK(s) {
		return
	}
	if !utf8.ValidString(s) {
		p.Add(path, grassroots.RuleFormat, path+" is not valid UTF-8")
		return
	}
	for _, r := range s {
		if canonjson.IsNoncharacter(r) {
			p.Addf(path, grassroots.RuleFormat, "%s holds the noncharacter %U, which an envelope cannot carry", path, r)
			return
		}
	}
}

// texts records the problems of each element of ss; it builds a path only
// for an element at fault.
func texts(p *validate.Problems, path string, ss []string) {
	for i, s := range ss {
		if !textOK(s) {
			text(p, grassroots.ElementPath(path, i), s)
		}
	}
}

// wireTime records a RuleFormat problem at path for a time RFC 3339
// cannot write (a year outside 0000 to 9999).
func wireTime(p *validate.Problems, path string, t time.Time) {
	if y := t.Year(); y < 0 || y > 9999 {
		p.Addf(path, grassroots.RuleFormat, "%s must be in the years 0000 to 9999, which RFC 3339 can write; got year %d", path, y)
	}
}

// wireInt records a RuleMax problem at path for an integer beyond what
// I-JSON carries exactly.
func wireInt(p *validate.Problems, path string, n int64) {
	if n > maxExactInt || n < -maxExactInt {
		p.Addf(path, grassroots.RuleMax, "%s must be within ±(2^53 − 1) to travel exactly in JSON; got %d", path, n)
	}
}

// actorText records the text problems of an actor's fields.
func actorText(p *validate.Problems, path string, a grassroots.Actor) {
	if !textOK(a.ID) {
		text(p, grassroots.JoinFieldPath(path, "id"), a.ID)
	}
	if !textOK(a.Organization) {
		text(p, grassroots.JoinFieldPath(path, "organization"), a.Organization)
	}
	for i, r := range a.Roles {
		if !textOK(r) {
			text(p, grassroots.ElementPath(grassroots.JoinFieldPath(path, "roles"), i), r)
		}
	}
}

// hitProblems records what keeps a rule hit from travelling: no rule, a
// malformed category, invalid levels and condition names, text, times,
// counts and numbers the wire cannot carry.
func hitProblems(p *validate.Problems, path string, h *Hit) {
	at := func(field string) string { return grassroots.JoinFieldPath(path, field) }
	p.Require(h.Rule != "", at("rule"), at("rule")+" is required: the ID of the rule that fired")
	text(p, at("rule"), h.Rule)
	text(p, at("indicator"), h.Indicator)
	text(p, at("scope"), h.Scope)
	text(p, at("subject.code"), h.Subject.Code)
	if err := h.Category.Validate(); err != nil {
		p.Add(at("category"), grassroots.RuleFormat, err.Error())
	}
	if h.Severity != 0 && !h.Severity.IsValid() {
		p.Add(at("severity"), grassroots.RuleEnum, levelNames.Problem(h.Severity))
	}
	if !h.Evidence.Condition.IsValid() {
		p.Add(at("evidence.condition"), grassroots.RuleEnum, conditionKindNames.Problem(h.Evidence.Condition))
	}
	if !h.Evidence.Compare.IsValid() {
		p.Add(at("evidence.compare"), grassroots.RuleEnum, comparisonNames.Problem(h.Evidence.Compare))
	}
	if !exact.Tame(h.Evidence.Threshold) {
		p.Tame(at("evidence.threshold"), h.Evidence.Threshold)
	}
	if !exact.Tame(h.Evidence.Value) {
		p.Tame(at("evidence.value"), h.Evidence.Value)
	}
	wireInt(p, at("rule_version"), int64(h.RuleVersion))
	wireInt(p, at("evidence.observations"), int64(h.Evidence.Observations))
	wireTime(p, at("at"), h.At)
	wireTime(p, at("evidence.from"), h.Evidence.From)
	wireTime(p, at("evidence.to"), h.Evidence.To)
}
