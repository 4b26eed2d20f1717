package main

import "math"

// Patterns of the envelope's attributes, as grassroots.Event writes and
// reads them.
const (
	// attributeTextPattern is a CloudEvents String without control
	// characters (U+0000–U+001F, U+007F–U+009F).
	attributeTextPattern = `^[^\x00-\x1F\x7F-\x9F]+$`
	// timestampPattern is an RFC 3339 timestamp (section 5.6, T and Z in
	// either case, no leap second, at most nine fractional digits).
	timestampPattern = `^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$`
	// uriPattern holds the characters RFC 3986 allows in a URI-reference
	// (format uri-reference and uri check the rest).
	uriPattern = `^[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+$`
	// mediaTypePattern is an RFC 2046 type/subtype of RFC 2045 tokens,
	// with parameters after a ";", without control characters.
	mediaTypePattern = "^ *[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+ *(;[^\\x00-\\x1F\\x7F-\\x9F]*)?$"
	// hashPattern is a chain hash: 64 lowercase hex digits.
	hashPattern = `^[0-9a-f]{64}$`
	// base64Pattern is standard base64 with padding.
	base64Pattern = `^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$`
	// extensionNamePattern is a CloudEvents extension attribute name.
	extensionNamePattern = `^[a-z0-9]{1,20}$`
)

// envelopeSchema is the schema of grassroots.Event, which writes its own
// JSON: the CloudEvents 1.0 structured form with the chain extensions.
// What it cannot say (repeated member names, noncharacters, numbers in
// data that no double holds exactly) grassroots.ParseEvent refuses as
// well.
func envelopeSchema() schema {
	text := func(description string) schema {
		return schema{"type": "string", "minLength": 1, "pattern": attributeTextPattern, "description": description}
	}
	with := func(s schema, k string, v any) schema { s[k] = v; return s }
	hash := func(description string) schema {
		return schema{"type": "string", "pattern": hashPattern, "description": description}
	}
	return schema{
		"type": "object",
		"properties": schema{
			"id":              text("identifies the event within its source; for this SDK's events grassroots.EventID of subject, command and index"),
			"source":          with(with(text("a URI-reference naming the context that produced the event"), "format", "uri-reference"), "pattern", uriPattern),
			"specversion":     schema{"const": "1.0"},
			"type":            text("grassroots.<package>.<name>.v1 for this SDK's events; any other CloudEvents type is valid too"),
			"subject":         text("the aggregate the event belongs to"),
			"time":            schema{"type": "string", "format": "date-time", "pattern": timestampPattern, "description": "when the occurrence happened, RFC 3339"},
			"datacontenttype": with(text("the RFC 2046 media type of data; application/json for this SDK's events"), "pattern", mediaTypePattern),
			"dataschema":      with(with(text("the absolute URI of the data's schema"), "format", "uri"), "pattern", uriPattern),
			"data":            schema{"not": schema{"type": "null"}, "description": "the payload, any JSON value but null"},
			"data_base64":     schema{"type": "string", "contentEncoding": "base64", "pattern": base64Pattern, "description": "a binary payload in base64"},
			"sequence":        schema{"type": "integer", "minimum": 1, "maximum": math.MaxInt32, "description": "the position in the subject's chain, 1 for the first event"},
			"prevhash":        hash("the hash of the subject's previous event; absent for the first"),
			"hash":            hash("the SHA-256 of the event's canonical form"),
		},
		"required":          []string{"id", "source", "specversion", "type"},
		"not":               schema{"required": []string{"data", "data_base64"}},
		"dependentRequired": schema{"hash": []string{"sequence"}, "prevhash": []string{"sequence"}},
		"propertyNames": schema{"anyOf": []any{
			schema{"enum": []string{"data_base64"}},
			schema{"pattern": extensionNamePattern},
		}},
		"additionalProperties": schema{
			"description": "an extension attribute: a string, a boolean or an integer in the CloudEvents Integer range",
			"anyOf": []any{
				schema{"type": "string", "pattern": `^[^\x00-\x1F\x7F-\x9F]*$`},
				schema{"type": "boolean"},
				schema{"type": "integer", "minimum": math.MinInt32, "maximum": math.MaxInt32},
			},
		},
	}
}
