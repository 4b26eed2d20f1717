package open311_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

const vectorDir = "../../testdata/conformance/v2/incident/open311"

// vector is one language-neutral conformance case.
type vector struct {
	Description string          `json:"description"`
	Input       json.RawMessage `json:"input"`
	Want        json.RawMessage `json:"want"`
	WantError   json.RawMessage `json:"want_error"`
}

func TestConformance(t *testing.T) {
	runners := map[string]func(*testing.T, vector){
		"status_paths.json":     conformStatusPath,
		"status_of.json":        conformStatusOf,
		"request_encoding.json": conformRequestEncoding,
		"decode_requests.json":  conformDecodeRequests,
		"forms.json":            conformForm,
		"update_forms.json":     conformUpdateForm,
		"datetimes.json":        conformDatetime,
		"decode_updates.json":   conformDecodeUpdates,
	}
	files, err := filepath.Glob(filepath.Join(vectorDir, "*.json"))
	require.NoError(t, err, "glob")
	require.Len(t, files, len(runners), "every vector file has a runner")
	for _, f := range files {
		run, ok := runners[filepath.Base(f)]
		require.True(t, ok, "runner for %s", f)
		b, err := os.ReadFile(f)
		require.NoError(t, err, "read %s", f)
		var vs []vector
		require.NoError(t, json.Unmarshal(b, &vs), "parse %s", f)
		require.NotEmpty(t, vs, "vectors in %s", f)
		for _, v := range vs {
			t.Run(filepath.Base(f)+"/"+v.Description, func(t *testing.T) {
				require.True(t, (v.Want == nil) != (v.WantError == nil), "exactly one of want and want_error")
				run(t, v)
			})
		}
	}
}

func conformStatusPath(t *testing.T, v vector) {
	var in struct{ Status, From string }
	var want struct {
		Ops          []string `json:"ops"`
		To           string   `json:"to"`
		RejectReason string   `json:"reject_reason"`
	}
	require.NoError(t, json.Unmarshal(v.Input, &in), "input")
	require.NoError(t, json.Unmarshal(v.Want, &want), "want")
	from, err := incident.ParseStatus(in.From)
	require.NoError(t, err, "from")
	st, err := open311.ParseStatus(in.Status)
	if err != nil {
		require.ErrorIs(t, err, grassroots.ErrUnknownName, "only unknown statuses fail to parse")
		assert.Empty(t, want.Ops, "an unknown status changes nothing")
		return
	}
	got := []string{}
	to := from
	table := incident.Transitions()
	for _, op := range open311.Path(st, from) {
		got = append(got, op.String())
		for _, tr := range table {
			if tr.Command == op.String() && tr.To != 0 {
				to = tr.To
			}
		}
	}
	assert.Equal(t, want.Ops, got, "ops of %s from %s", in.Status, in.From)
	assert.Equal(t, want.To, to.String(), "status reached")
	if want.RejectReason != "" {
		assert.Equal(t, want.RejectReason, st.RejectReason().String(), "reject reason")
	}
}

func conformStatusOf(t *testing.T, v vector) {
	var in struct {
		Status       string `json:"status"`
		RejectReason string `json:"reject_reason"`
	}
	var want struct {
		Status        string `json:"status"`
		RequestStatus string `json:"request_status"`
	}
	require.NoError(t, json.Unmarshal(v.Input, &in), "input")
	require.NoError(t, json.Unmarshal(v.Want, &want), "want")
	s, err := incident.ParseStatus(in.Status)
	require.NoError(t, err, "status")
	var r incident.RejectReason
	if in.RejectReason != "" {
		r, err = incident.ParseRejectReason(in.RejectReason)
		require.NoError(t, err, "reason")
	}
	ext := open311.StatusOf(s, r)
	assert.Equal(t, want.Status, ext.String(), "extended status")
	assert.Equal(t, want.RequestStatus, open311.RequestStatus(ext), "request status")
}

// encodingInput is an incident state and the Open311 fields kept beside
// it, in a form any language can build.
type encodingInput struct {
	Incident struct {
		ID             string            `json:"id"`
		Status         incident.Status   `json:"status"`
		RejectReason   string            `json:"reject_reason"`
		Category       string            `json:"category"`
		Location       incident.Location `json:"location"`
		Address        string            `json:"address"`
		AddressID      string            `json:"address_id"`
		Description    string            `json:"description"`
		Media          []string          `json:"media"`
		Unit           string            `json:"unit"`
		ReportedAt     time.Time         `json:"reported_at"`
		UpdatedAt      time.Time         `json:"updated_at"`
		ClosedAt       time.Time         `json:"closed_at"`
		HandleDeadline time.Time         `json:"handle_deadline"`
	} `json:"incident"`
	Zipcode     string              `json:"zipcode"`
	Updates     []open311.Update    `json:"updates"`
	Attributes  map[string][]string `json:"attributes"`
	Definitions []open311.Attribute `json:"definitions"`
	Extensions  bool                `json:"extensions"`
	TimeZone    string              `json:"time_zone"`
}

func (in encodingInput) record(t *testing.T) (open311.Record, *time.Location) {
	s := in.Incident
	st := incident.Incident{
		ID: s.ID, Status: s.Status, Category: s.Category, Location: s.Location, Address: s.Address, AddressID: s.AddressID,
		Description: s.Description, Media: s.Media, Unit: s.Unit, ReportedAt: s.ReportedAt,
		UpdatedAt: s.UpdatedAt, ClosedAt: s.ClosedAt, HandleTerm: incident.Term{Start: s.ReportedAt, End: s.HandleDeadline},
	}
	if s.HandleDeadline.IsZero() {
		st.HandleTerm = incident.Term{}
	}
	if s.RejectReason != "" {
		r, err := incident.ParseRejectReason(s.RejectReason)
		require.NoError(t, err, "reject reason")
		st.Reject = r
	}
	loc, err := time.LoadLocation(in.TimeZone)
	require.NoError(t, err, "time zone")
	return open311.Record{State: st, Zipcode: in.Zipcode, Updates: in.Updates, Attributes: in.Attributes}, loc
}

func conformRequestEncoding(t *testing.T, v vector) {
	var in encodingInput
	var want struct {
		JSON json.RawMessage `json:"json"`
		XML  string          `json:"xml"`
	}
	require.NoError(t, json.Unmarshal(v.Input, &in), "input")
	require.NoError(t, json.Unmarshal(v.Want, &want), "want")
	rec, loc := in.record(t)
	req, err := open311.ToRequest(&rec, incident.DefaultCatalog(), loc)
	require.NoError(t, err, "ToRequest")
	if in.Extensions {
		req.Attributes = open311.RequestAttributes(&rec, in.Definitions)
	}
	var j, x bytes.Buffer
	require.NoError(t, open311.EncodeRequests(&j, open311.JSON, []open311.Request{req}), "JSON")
	require.NoError(t, open311.EncodeRequests(&x, open311.XML, []open311.Request{req}), "XML")
	assert.JSONEq(t, "["+string(want.JSON)+"]", j.String(), "JSON encoding")
	assert.Equal(t, want.XML, strings.TrimSpace(strings.TrimPrefix(x.String(), xml.Header)), "XML encoding")
}

// sentinels are the error names of the decoding vectors.
var sentinels = map[string]error{
	"malformed":        open311.ErrMalformed,
	"invalid_id":       open311.ErrInvalidID,
	"invalid_datetime": open311.ErrInvalidDatetime,
	"unknown_name":     grassroots.ErrUnknownName,
}

func wantSentinel(t *testing.T, v vector) error {
	var name string
	require.NoError(t, json.Unmarshal(v.WantError, &name), "want_error")
	require.Contains(t, sentinels, name, "known error name")
	return sentinels[name]
}

func conformDecodeRequests(t *testing.T, v vector) {
	var doc string
	require.NoError(t, json.Unmarshal(v.Input, &doc), "input")
	got, err := open311.DecodeRequests(strings.NewReader(doc))
	if v.WantError != nil {
		assert.ErrorIs(t, err, wantSentinel(t, v), "decoding %q", doc)
		assert.Nil(t, got, "no partial value")
		return
	}
	require.NoError(t, err, "decoding %q", doc)
	b, err := json.Marshal(got)
	require.NoError(t, err, "re-encode")
	assert.JSONEq(t, string(v.Want), string(b), "decoded requests")
}

func conformDecodeUpdates(t *testing.T, v vector) {
	var doc string
	require.NoError(t, json.Unmarshal(v.Input, &doc), "input")
	got, err := open311.DecodeUpdates(strings.NewReader(doc))
	if v.WantError != nil {
		assert.ErrorIs(t, err, wantSentinel(t, v), "decoding %q", doc)
		assert.Nil(t, got, "no partial value")
		return
	}
	require.NoError(t, err, "decoding %q", doc)
	b, err := json.Marshal(got)
	require.NoError(t, err, "re-encode")
	assert.JSONEq(t, string(v.Want), string(b), "decoded updates")
}

func conformDatetime(t *testing.T, v vector) {
	var in string
	require.NoError(t, json.Unmarshal(v.Input, &in), "input")
	d, err := open311.ParseDatetime(in)
	if v.WantError != nil {
		assert.ErrorIs(t, err, wantSentinel(t, v), "parsing %q", in)
		return
	}
	require.NoError(t, err, "parsing %q", in)
	var want *string
	require.NoError(t, json.Unmarshal(v.Want, &want), "want")
	if want == nil {
		assert.True(t, d.IsZero(), "%q is the zero Datetime", in)
		return
	}
	assert.Equal(t, *want, d.String(), "%q written in whole seconds in its zone", in)
}

// fieldRule is one expected problem of an invalid form.
type fieldRule struct {
	Path string `json:"path"`
	Rule string `json:"rule"`
}

// problems returns the path and rule of each problem of a
// *grassroots.ValidationError, in order.
func problems(t *testing.T, err error, input string) []fieldRule {
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, "form %q", input)
	out := []fieldRule{}
	for _, f := range ve.Fields {
		out = append(out, fieldRule{Path: f.Path, Rule: f.Rule})
	}
	return out
}

func conformForm(t *testing.T, v vector) {
	var body string
	require.NoError(t, json.Unmarshal(v.Input, &body), "input")
	q, err := url.ParseQuery(body)
	require.NoError(t, err, "query %q", body)
	sub, err := open311.DecodeForm(q)
	if v.WantError != nil {
		var want []fieldRule
		require.NoError(t, json.Unmarshal(v.WantError, &want), "want_error")
		assert.Equal(t, want, problems(t, err, body), "problems of %q", body)
		return
	}
	require.NoError(t, err, "form %q", body)
	var want struct {
		ServiceCode string              `json:"service_code"`
		Lat         *float64            `json:"lat"`
		Long        *float64            `json:"long"`
		Address     string              `json:"address_string"`
		AddressID   string              `json:"address_id"`
		Description string              `json:"description"`
		MediaURLs   []string            `json:"media_url"`
		Attributes  map[string][]string `json:"attributes"`
	}
	require.NoError(t, json.Unmarshal(v.Want, &want), "want")
	assert.Equal(t, want.ServiceCode, sub.ServiceCode, "service_code")
	if want.Lat != nil {
		require.NotNil(t, sub.Point, "point")
		assert.Equal(t, *want.Lat, sub.Point.Lat, "lat")
		assert.Equal(t, *want.Long, sub.Point.Lng, "long")
	} else {
		assert.Nil(t, sub.Point, "no point")
	}
	assert.Equal(t, want.Address, sub.AddressString, "address_string")
	assert.Equal(t, want.AddressID, sub.AddressID, "address_id")
	assert.Equal(t, want.Description, sub.Description, "description")
	assert.Equal(t, len(want.MediaURLs), len(sub.MediaURLs), "media_url count")
	for i := range min(len(want.MediaURLs), len(sub.MediaURLs)) {
		assert.Equal(t, want.MediaURLs[i], sub.MediaURLs[i], "media_url %d", i)
	}
	assert.Equal(t, want.Attributes, sub.Attributes, "attributes")
}

func conformUpdateForm(t *testing.T, v vector) {
	var body string
	require.NoError(t, json.Unmarshal(v.Input, &body), "input")
	q, err := url.ParseQuery(body)
	require.NoError(t, err, "query %q", body)
	u, dup, err := open311.DecodeUpdateForm(q)
	if v.WantError != nil {
		var want []fieldRule
		require.NoError(t, json.Unmarshal(v.WantError, &want), "want_error")
		assert.Equal(t, want, problems(t, err, body), "problems of %q", body)
		return
	}
	require.NoError(t, err, "form %q", body)
	var want struct {
		UpdateID           string `json:"update_id"`
		ServiceRequestID   string `json:"service_request_id"`
		Status             string `json:"status"`
		UpdatedDatetime    string `json:"updated_datetime"`
		Description        string `json:"description"`
		MediaURL           string `json:"media_url"`
		ExternalStatusCode string `json:"external_status_code"`
		DuplicateOf        string `json:"duplicate_of"`
	}
	require.NoError(t, json.Unmarshal(v.Want, &want), "want")
	assert.Equal(t, want.UpdateID, string(u.UpdateID), "update_id")
	assert.Equal(t, want.ServiceRequestID, string(u.ServiceRequestID), "service_request_id")
	assert.Equal(t, want.Status, u.Status.String(), "status")
	assert.Equal(t, want.UpdatedDatetime, u.UpdatedDatetime.String(), "updated_datetime")
	assert.Equal(t, want.Description, u.Description, "description")
	assert.Equal(t, want.MediaURL, u.MediaURL, "media_url")
	assert.Equal(t, want.ExternalStatusCode, u.ExternalStatusCode, "external_status_code")
	assert.Equal(t, want.DuplicateOf, dup, "duplicate_of")
}
