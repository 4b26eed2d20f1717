package open311_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

// An update list comes as a JSON array, or inside FixMyStreet's one
// {"service_request_updates": …} wrapper; a wrapper inside the wrapper is
// no update list, and is refused without unwrapping it level by level.
func TestDecodeUpdatesWrapper(t *testing.T) {
	const list = `[{"update_id":"u-1","service_request_id":"r-1","status":"open","updated_datetime":"2025-06-09T10:00:00+08:00","description":"","media_url":""}]`
	for name, doc := range map[string]string{"array": list, "wrapped": `{"service_request_updates":` + list + `}`} {
		got, err := open311.DecodeUpdates(strings.NewReader(doc))
		require.NoError(t, err, name)
		require.Len(t, got, 1, name)
		assert.Equal(t, "u-1", string(got[0].UpdateID), name)
	}
	deep := strings.Repeat(`{"service_request_updates":`, 3000) + list + strings.Repeat(`}`, 3000)
	_, err := open311.DecodeUpdates(strings.NewReader(deep))
	assert.ErrorIs(t, err, open311.ErrMalformed, "3,000 wrappers")
	_, err = open311.DecodeUpdates(strings.NewReader(`{"service_request_updates":{"service_request_updates":` + list + `}}`))
	assert.ErrorIs(t, err, open311.ErrMalformed, "a wrapper in the wrapper")
}

// The decoders and encoders answer a nil reader or writer with an error.
func TestNilReaderAndWriter(t *testing.T) {
	_, err := open311.DecodeRequests(nil)
	assert.ErrorIs(t, err, open311.ErrMalformed, "DecodeRequests")
	_, err = open311.DecodeUpdates(nil)
	assert.ErrorIs(t, err, open311.ErrMalformed, "DecodeUpdates")
	assert.Error(t, open311.EncodeRequests(nil, open311.JSON, nil), "EncodeRequests")
	assert.Error(t, open311.EncodeUpdates(nil, open311.XML, nil), "EncodeUpdates")
	var b bytes.Buffer
	require.NoError(t, open311.EncodeUpdates(&b, open311.JSON, nil))
	assert.Equal(t, "[]\n", b.String(), "a nil list is an empty array")
	b.Reset()
	require.NoError(t, open311.EncodeRequests(&b, open311.JSON, nil))
	assert.Equal(t, "[]\n", b.String(), "a nil list of requests is an empty array")
}

// A record whose events hold a nil reads as if the nil were not there,
// and the memory store refuses to keep one.
func TestRecordWithANilEvent(t *testing.T) {
	var nilAccepted *incident.Accepted
	for name, e := range map[string]incident.Event{"nil": nil, "nil pointer": nilAccepted} {
		rec := &open311.Record{State: incident.Incident{ID: "r1", Status: incident.StatusReported}, Events: []incident.Event{e}}
		clean := &open311.Record{State: rec.State}
		st, at := rec.Status()
		wantSt, wantAt := clean.Status()
		assert.Equal(t, wantSt, st, name)
		assert.Equal(t, wantAt, at, name)
		assert.NotPanics(t, func() { open311.Updates(rec, nil) }, name)
		rec.Revision = 1
		assert.Error(t, new(open311.MemoryStore).Save(t.Context(), *rec), "%s: Save", name)
	}
}
