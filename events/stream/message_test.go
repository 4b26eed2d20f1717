package stream_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
)

// binaryMessage writes e in the binary content mode as another vendor's
// binding would: each attribute's canonical string as a ce- header,
// percent-encoded, and the data as the payload.
func binaryMessage(t *testing.T, e *grassroots.Event) (nats.Header, []byte) {
	t.Helper()
	h := nats.Header{}
	for _, name := range e.AttributeNames() {
		v, ok := e.Attribute(name)
		require.True(t, ok, "attribute %s of %s", name, e.ID)
		h.Set("ce-"+name, percentEncode(v))
	}
	if e.Data != nil {
		return h, e.Data
	}
	return h, e.DataBase64
}

// percentEncode encodes space, double quote, percent and everything
// outside printable ASCII, as the binding says.
func percentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7F || c == '"' || c == '%' {
			b.WriteString("%" + strings.ToUpper(url.PathEscape(string([]byte{c}))[1:]))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func TestDecodeMessageStructured(t *testing.T) {
	events := chain(t, nil, "INC-1", 0, 2)
	body, err := json.Marshal(events[1])
	require.NoError(t, err, "marshalling event 2")
	for _, ct := range []string{grassroots.ContentType, "Application/CloudEvents+JSON; charset=utf-8"} {
		got, err := stream.DecodeMessage(nats.Header{"content-type": {ct}}, body)
		require.NoError(t, err, "structured message with Content-Type %q", ct)
		assert.NoError(t, grassroots.VerifyLink(&events[0], &got), "structured event 2 with Content-Type %q still links", ct)
	}
	_, err = stream.DecodeMessage(nats.Header{stream.ContentTypeHeader: {"application/cloudevents+avro"}}, body)
	assert.ErrorIs(t, err, stream.ErrContentMode, "structured mode in another format")
	_, err = stream.DecodeMessage(nats.Header{stream.ContentTypeHeader: {grassroots.ContentType}}, []byte(`{"id":"x"}`))
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "structured message that is not a valid envelope")
	_, err = stream.DecodeMessage(nats.Header{"Content-Type": {grassroots.ContentType}, "content-type": {grassroots.ContentType}}, body)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "Content-Type given twice")
	_, err = stream.DecodeMessage(nil, body)
	assert.ErrorIs(t, err, stream.ErrContentMode, "no headers at all")
}

func TestDecodeMessageBinaryKeepsTheChain(t *testing.T) {
	events := chain(t, nil, "合同.2025/1", 0, 3)
	events[2].Extensions = nil
	withExt := events[1]
	withExt.Extensions = map[string]any{"district": "330302", "priority": 2, "urgent": true}
	sealed, err := grassroots.SealAll(nil, []grassroots.Event{events[0], withExt, events[2]})
	require.NoError(t, err, "sealing events with extensions")
	var prev *grassroots.Event
	for i := range sealed {
		h, payload := binaryMessage(t, &sealed[i])
		got, err := stream.DecodeMessage(h, payload)
		require.NoError(t, err, "binary message of event %d", i)
		assert.NoError(t, grassroots.VerifyLink(prev, &got), "binary event %d verifies against its predecessor", i)
		prev = &got
	}
}

func TestDecodeMessageBinaryData(t *testing.T) {
	base := chain(t, nil, "INC-1", 0, 1)[0]
	bin := base
	bin.Data, bin.DataContentType, bin.DataBase64 = nil, "application/octet-stream", []byte{0, 1, 2, 0xFF}
	noData := base
	noData.Data, noData.DataContentType = nil, ""
	for name, e := range map[string]grassroots.Event{"binary data": bin, "no data": noData} {
		sealed, err := grassroots.Seal(nil, e)
		require.NoError(t, err, "sealing the event with %s", name)
		h, payload := binaryMessage(t, &sealed)
		got, err := stream.DecodeMessage(h, payload)
		require.NoError(t, err, "binary message with %s", name)
		assert.NoError(t, grassroots.VerifyLink(nil, &got), "binary event with %s verifies", name)
	}
}

func TestDecodeMessageBinaryHeaderEncoding(t *testing.T) {
	e := chain(t, nil, "INC-1", 0, 1)[0]
	e.Extensions = map[string]any{"note": "事件 中心 \"quoted\" 100%"}
	sealed, err := grassroots.Seal(nil, e)
	require.NoError(t, err, "sealing")
	h, payload := binaryMessage(t, &sealed)

	quoted := nats.Header{}
	for k, v := range h {
		quoted[strings.ToUpper(k)] = []string{`"` + strings.ReplaceAll(v[0], "/", `\/`) + `"`}
	}
	quoted["CE-NOTE"] = []string{strings.ToLower(quoted["CE-NOTE"][0])}
	got, err := stream.DecodeMessage(quoted, payload)
	require.NoError(t, err, "quoted, upper-case names, lower-case hex")
	assert.NoError(t, grassroots.VerifyLink(nil, &got), "decoded event verifies")

	for name, value := range map[string]string{
		"overlong encoding":   "%C0%A0",
		"cut escape":          "%E4%BA",
		"bad hex":             "%ZZ",
		"unterminated quote":  `"abc`,
		"inner quote":         `"a"b"`,
		"trailing backslash":  `"a\`,
		"truncated at the %":  "abc%4",
		"not UTF-8 unescaped": "\xff",
	} {
		bad := nats.Header{}
		for k, v := range h {
			bad[k] = v
		}
		bad["ce-source"] = []string{value}
		_, err := stream.DecodeMessage(bad, payload)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "ce-source with %s", name)
	}

	twice := nats.Header{}
	for k, v := range h {
		twice[k] = v
	}
	twice["Ce-Id"] = []string{"other"}
	_, err = stream.DecodeMessage(twice, payload)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "ce-id given twice")

	missing := nats.Header{}
	for k, v := range h {
		if k != "ce-type" {
			missing[k] = v
		}
	}
	_, err = stream.DecodeMessage(missing, payload)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "binary message without ce-type")
}
