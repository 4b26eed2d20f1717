package stream

import (
	"encoding/json"
	"fmt"
	"mime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/grassrootsgov/grassroots"
)

// ContentTypeHeader is the NATS header that marks a structured-mode
// CloudEvent; its value on every message this package publishes is
// grassroots.ContentType.
const ContentTypeHeader = "Content-Type"

// binaryPrefix starts the name of each attribute header in the binary
// content mode.
const binaryPrefix = "ce-"

// newMessage returns the structured-mode message of e on subject subj,
// with body (e's JSON, as Event.AppendJSON writes it) as its payload, its
// ID as Nats-Msg-Id and a place for the expected last subject sequence,
// which setExpected fills when the message is sent.
func newMessage(subj string, e *grassroots.Event, body []byte) *nats.Msg {
	// The three header values share one allocation.
	values := &[3]string{grassroots.ContentType, e.ID}
	h := make(nats.Header, 3)
	h[ContentTypeHeader] = values[0:1:1]
	h[jetstream.MsgIDHeader] = values[1:2:2]
	h[jetstream.ExpectedLastSubjSeqHeader] = values[2:3:3]
	return &nats.Msg{Subject: subj, Data: body, Header: h}
}

// setExpected sets the expected last subject sequence of a message from
// newMessage. The message is not in use: it is being sent, or sent again
// after its previous publish failed.
func setExpected(m *nats.Msg, last uint64) {
	m.Header[jetstream.ExpectedLastSubjSeqHeader][0] = strconv.FormatUint(last, 10)
}

// DecodeMessage reads the CloudEvent a NATS message carries, in either
// content mode of the CloudEvents NATS protocol binding:
//
//   - structured, when a Content-Type header names application/cloudevents
//     (matched case-insensitively): the payload is the event in JSON,
//     read strictly with grassroots.ParseEvent; a format other than JSON
//     is ErrContentMode;
//   - binary otherwise: each attribute is a ce-<name> header holding its
//     canonical string, percent-encoded (and possibly double-quoted) as the
//     binding says, set with Event.SetAttribute so that the chain hash,
//     which covers canonical strings, verifies; the payload is data when
//     ce-datacontenttype is absent or a JSON media type, else data_base64.
//
// Header names are matched case-insensitively; a header given twice is an
// error. The result passes Validate; every problem is a
// *grassroots.ValidationError or ErrContentMode.
func DecodeMessage(header nats.Header, payload []byte) (grassroots.Event, error) {
	if ct, ok, err := headerOnce(header, ContentTypeHeader); err != nil {
		return grassroots.Event{}, err
	} else if ok && isStructured(ct) {
		mt, _, perr := mime.ParseMediaType(ct)
		if perr != nil || mt != grassroots.ContentType {
			return grassroots.Event{}, fmt.Errorf("%w: content type %s", ErrContentMode, quote(ct))
		}
		return grassroots.ParseEvent(payload)
	}
	return decodeBinary(header, payload)
}

func isStructured(ct string) bool {
	return len(ct) >= len("application/cloudevents") && strings.EqualFold(ct[:len("application/cloudevents")], "application/cloudevents")
}

// headerOnce returns the one value of the header named name, matched
// case-insensitively.
func headerOnce(h nats.Header, name string) (string, bool, error) {
	var value string
	found := false
	for k, vs := range h {
		if !strings.EqualFold(k, name) {
			continue
		}
		if found || len(vs) != 1 {
			return "", false, headerProblem(name, "header "+name+" must appear once")
		}
		value, found = vs[0], true
	}
	return value, found, nil
}

func headerProblem(path, msg string) error {
	return grassroots.NewValidationError(grassroots.FieldError{Path: path, Rule: grassroots.RuleFormat, Message: msg})
}

func decodeBinary(h nats.Header, payload []byte) (grassroots.Event, error) {
	var e grassroots.Event
	var problems []grassroots.FieldError
	seen := make(map[string]bool, len(h))
	for k, vs := range h {
		if len(k) <= len(binaryPrefix) || !strings.EqualFold(k[:len(binaryPrefix)], binaryPrefix) {
			continue
		}
		name := strings.ToLower(k[len(binaryPrefix):])
		if seen[name] || len(vs) != 1 {
			problems = append(problems, grassroots.FieldError{Path: name, Rule: grassroots.RuleUnique, Message: "header ce-" + name + " must appear once"})
			continue
		}
		seen[name] = true
		v, ok := unescapeHeader(vs[0])
		if !ok {
			problems = append(problems, grassroots.FieldError{Path: name, Rule: grassroots.RuleFormat, Message: "header ce-" + name + " is not a percent-encoded UTF-8 value"})
			continue
		}
		problems = append(problems, grassroots.FieldErrors("", e.SetAttribute(name, v))...)
	}
	if len(seen) == 0 {
		return grassroots.Event{}, fmt.Errorf("%w: no Content-Type header naming application/cloudevents and no ce- headers", ErrContentMode)
	}
	if len(problems) > 0 {
		return grassroots.Event{}, grassroots.NewValidationError(problems...)
	}
	if len(payload) > 0 {
		if isJSONType(e.DataContentType) {
			e.Data = json.RawMessage(append([]byte(nil), payload...))
		} else {
			e.DataBase64 = append([]byte(nil), payload...)
		}
	}
	if err := e.Validate(); err != nil {
		return grassroots.Event{}, err
	}
	return e, nil
}

// isJSONType reports whether a datacontenttype says the data is JSON; an
// absent one does, as in the JSON event format.
func isJSONType(ct string) bool {
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json")
}

// unescapeHeader undoes the binary mode's header encoding: a
// double-quoted string (RFC 9110 quoted-string, backslash escapes) is
// unquoted first, then one round of percent-decoding is applied, which
// must give valid UTF-8.
func unescapeHeader(v string) (string, bool) {
	if strings.HasPrefix(v, `"`) {
		if len(v) < 2 || !strings.HasSuffix(v, `"`) {
			return "", false
		}
		var b strings.Builder
		inner := v[1 : len(v)-1]
		for i := 0; i < len(inner); i++ {
			c := inner[i]
			switch {
			case c == '\\':
				if i+1 >= len(inner) {
					return "", false
				}
				i++
				b.WriteByte(inner[i])
			case c == '"':
				return "", false
			default:
				b.WriteByte(c)
			}
		}
		v = b.String()
	}
	if !strings.Contains(v, "%") {
		return v, utf8.ValidString(v)
	}
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i+2 >= len(v) {
			return "", false
		}
		hi, ok1 := hexValue(v[i+1])
		lo, ok2 := hexValue(v[i+2])
		if !ok1 || !ok2 {
			return "", false
		}
		b = append(b, hi<<4|lo)
		i += 2
	}
	return string(b), utf8.Valid(b)
}

func hexValue(c byte) (byte, bool) {
	switch {
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= '0' && c <= '9':
		return c - '0', true
	}
	return 0, false
}
