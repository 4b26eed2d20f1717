package main

import (
	"reflect"
	"strings"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/evaluation"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/internal/schemagen"
	"github.com/grassrootsgov/grassroots/provider"
	"github.com/grassrootsgov/grassroots/risk"
	"github.com/grassrootsgov/grassroots/workday"
)

type schema = schemagen.Schema

// Patterns of the text forms whose syntax is fixed. Each is checked
// against the Go parser of its type by the tests. They use only the
// syntax RE2 and ECMA-262 share, so that every validator reads them the
// same way.
const (
	// gridCodePattern is grid.Code: 1 to 32 of 0-9 A-Z a-z . _ -.
	gridCodePattern = `^[0-9A-Za-z._-]{1,32}$`
	// year is 0001 to 9999.
	year = `([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})`
	// month is 01 to 12, day 01 to 31 (the calendar is format date's).
	month = `(0[1-9]|1[0-2])`
	day   = `(0[1-9]|[12][0-9]|3[01])`
	// datePattern is workday.Date: YYYY-MM-DD.
	datePattern = `^` + year + `-` + month + `-` + day + `$`
	// partialDatePattern is provider.PartialDate: YYYY, YYYY-MM or
	// YYYY-MM-DD, or empty for no date.
	partialDatePattern = `^(` + year + `(-` + month + `(-` + day + `)?)?)?$`
	// clockPattern is workday.Clock: hh:mm from 00:00 to 24:00.
	clockPattern = `^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$`
	// usccPattern is provider.USCC: 18 characters of the code's alphabet
	// (digits and capital letters but I, O, S, V, Z), which ParseUSCC
	// also reads in lower case. The check character is beyond a pattern.
	usccPattern = `^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$`
	// riskCategoryPattern is risk.Category: lower_snake, a letter first,
	// no double or trailing underscore (and at most 64 bytes).
	riskCategoryPattern = `^[a-z][a-z0-9]*(_[a-z0-9]+)*$`
	// pairwiseNumber is an entry's number: digits with at most one point.
	pairwiseNumber = `([0-9]+\.?[0-9]*|\.[0-9]+)`
	pairwiseEntry  = pairwiseNumber + `(/` + pairwiseNumber + `)?`
	pairwiseSep    = `[, \t\n\r]`
	pairwiseRow    = pairwiseSep + `*` + pairwiseEntry + `(` + pairwiseSep + `+` + pairwiseEntry + `)*` + pairwiseSep + `*`
	// pairwisePattern is evaluation.Pairwise's text: rows of entries "a"
	// or "a/b" separated by ";".
	pairwisePattern = `^` + pairwiseRow + `(;` + pairwiseRow + `)*$`
)

// overrides gives the schema of every type that writes its own JSON or a
// text form that is not an enumeration. Each matches the type's
// MarshalJSON or MarshalText, and what its decoder accepts.
func overrides() map[reflect.Type]schema {
	return map[reflect.Type]schema{
		reflect.TypeFor[grassroots.Event](): envelopeSchema(),

		// Point.MarshalJSON writes the GeoJSON position [lng, lat];
		// UnmarshalJSON reads exactly two numbers in range.
		reflect.TypeFor[grid.Point](): {
			"type": "array",
			"prefixItems": []any{
				schema{"type": "number", "minimum": -180, "maximum": 180, "description": "longitude in degrees"},
				schema{"type": "number", "minimum": -90, "maximum": 90, "description": "latitude in degrees"},
			},
			"minItems": 2, "maxItems": 2,
			"description": "A position [longitude, latitude] in degrees, as GeoJSON writes it.",
		},
		reflect.TypeFor[grid.Code](): {
			"type": "string", "pattern": gridCodePattern,
			"description": "A grid or division code: 1 to 32 characters of 0-9, A-Z, a-z, '.', '_' and '-'.",
		},
		// InvalidGrid.MarshalJSON writes {index, code, error}; the code is
		// the grid's as given, which may be the malformed code that made
		// the grid invalid.
		reflect.TypeFor[grid.InvalidGrid](): {
			"type": "object",
			"properties": schema{
				"index": schema{"type": "integer", "minimum": -1, "description": "position among the children; -1 for the parent"},
				"code":  schema{"type": "string"},
				"error": schema{"type": "string", "description": "why the grid could not be checked"},
			},
			"required": []string{"code", "error", "index"},
		},

		// Contact.MarshalJSON writes the masked contact; the record codec
		// writes it in clear; both read back through UnmarshalJSON.
		reflect.TypeFor[incident.Contact](): {
			"type": "object",
			"properties": schema{
				"name":  schema{"type": "string"},
				"phone": schema{"type": "string"},
			},
			"description": "The reporter's contact: masked (\"张*\", \"138****5678\") in what incident.Codec writes, in clear only in the system of record (incident.RecordCodec).",
		},

		reflect.TypeFor[workday.Date](): {
			"type": "string", "format": "date", "pattern": datePattern,
			"description": "A calendar date YYYY-MM-DD, years 0001 to 9999.",
		},
		reflect.TypeFor[workday.Clock](): {
			"type": "string", "pattern": clockPattern,
			"description": "A time of day hh:mm from 00:00 to 24:00.",
		},
		reflect.TypeFor[workday.Limit](): {
			"type": "object",
			"properties": schema{
				"amount": schema{"type": "integer", "minimum": 1, "maximum": workday.MaxAmount},
				"unit":   enumOf(reflect.TypeFor[workday.Unit]()),
			},
			"required":    []string{"amount", "unit"},
			"description": "A time limit: an amount of a unit.",
		},

		reflect.TypeFor[risk.Category](): {
			"type": "string", "pattern": riskCategoryPattern, "maxLength": 64,
			"description": "A risk category in lower_snake case, one of the predefined ones or a vendor's own.",
		},

		reflect.TypeFor[evaluation.Pairwise](): {
			"type": "string", "pattern": pairwisePattern,
			"description": "A pairwise comparison matrix as text: rows separated by ';', entries (a number or a fraction a/b) by spaces or commas. The matrix must be square and reciprocal, which the pattern does not check.",
		},

		reflect.TypeFor[provider.USCC](): {
			"type": "string", "pattern": usccPattern,
			"description": "A unified social credit code (GB 32100-2015): 18 characters, written in upper case. The check character is not checked by the pattern.",
		},
		reflect.TypeFor[provider.PartialDate](): {
			"type": "string", "pattern": partialDatePattern,
			"description": "A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD, years 0001 to 9999; empty for none. That the day exists in its month is not checked by the pattern.",
		},
		reflect.TypeFor[provider.Currency](): {
			"type": "string", "enum": currencies(),
			"description": "An ISO 4217 currency code the SDK settles in.",
		},
		// Reasons.MarshalJSON writes the set as a list of reason names.
		reflect.TypeFor[provider.Reasons](): {
			"type": "array", "items": enumOf(reflect.TypeFor[provider.Reason]()), "uniqueItems": true,
			"description": "The reasons of a refusal, as a list of names.",
		},
	}
}

// optional names the members that the SDK always writes but does not need
// to read: their absence is a valid zero value.
func optional() map[reflect.Type][]string {
	return map[reflect.Type][]string{
		// A grid's population is 0 when not known; the index and the
		// partition checks need none.
		reflect.TypeFor[grid.Grid](): {"households", "residents"},
	}
}

// enumOf returns the string enum of an enumeration type, as the
// generator derives it.
func enumOf(t reflect.Type) schema {
	names, _ := schemagen.EnumNames(t)
	return schema{"type": "string", "enum": names}
}

// currencies lists the three-letter codes provider.Currency accepts, found
// by asking it of every code.
func currencies() []string {
	var out []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			for c := 'A'; c <= 'Z'; c++ {
				code := string([]rune{a, b, c})
				if provider.Currency(code).Validate() == nil {
					out = append(out, code)
				}
			}
		}
	}
	return out
}

// weekdaySchema is a weekday name, English, in any case, as
// workday.ParseSpec reads rest days.
func weekdaySchema() schema {
	days := []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	alts := make([]string, len(days))
	for i, d := range days {
		var b strings.Builder
		for _, r := range d {
			b.WriteString("[" + string(r) + strings.ToUpper(string(r)) + "]")
		}
		alts[i] = b.String()
	}
	return schema{
		"type": "string", "pattern": "^(" + strings.Join(alts, "|") + ")$",
		"description": "A weekday name in English, in any case: sunday to saturday.",
	}
}
