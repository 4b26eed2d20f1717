package open311_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
	"github.com/grassrootsgov/grassroots/internal/niltest"
)

// TestNilReceivers calls every exported method with a pointer receiver on
// a nil pointer, with inputs a built value would act on: none panics, and
// each answers as its type documents.
func TestNilReceivers(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	rec := open311.Record{Revision: 1, State: incident.Incident{ID: "inc-1", Status: incident.StatusReported, ReportedAt: at, UpdatedAt: at}}

	t.Run("Error", func(t *testing.T) {
		var e *open311.Error
		assert.NotEmpty(t, e.Error(), "Error")
	})

	t.Run("Handler", func(t *testing.T) {
		// A nil Handler and one not made by NewHandler alike.
		for name, h := range map[string]*open311.Handler{"nil": nil, "zero": {}} {
			w := httptest.NewRecorder()
			require.NotPanics(t, func() { h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, base+"/services.json", nil)) }, "%s: ServeHTTP", name)
			assert.Equal(t, http.StatusInternalServerError, w.Code, "%s: ServeHTTP", name)
			var list []open311.Error
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &list), "%s: ServeHTTP answers a GeoReport error list: %s", name, w.Body)
			require.Len(t, list, 1, "%s: ServeHTTP", name)
			assert.Equal(t, http.StatusInternalServerError, list[0].Code, "%s: ServeHTTP", name)
		}
	})

	t.Run("MemoryStore", func(t *testing.T) {
		var m *open311.MemoryStore
		assert.ErrorIs(t, m.Save(ctx, rec), grassroots.ErrInvalid, "Save")
		_, err := m.Load(ctx, "inc-1")
		assert.ErrorIs(t, err, open311.ErrNotFound, "Load")
		list, err := m.List(ctx, open311.Query{})
		require.NoError(t, err, "List")
		assert.Empty(t, list, "List")
	})

	t.Run("Query", func(t *testing.T) {
		var q *open311.Query
		assert.True(t, q.Match(&rec), "Match")
		later := rec
		later.State.ID, later.State.ReportedAt = "inc-2", at.Add(time.Hour)
		assert.Positive(t, q.Less(&rec, &later), "Less: newest first")

		// A nil record is the zero Record, for a nil query or a built one.
		built := &open311.Query{IDs: []string{"inc-1"}}
		assert.True(t, q.Match(nil), "a nil query matches the zero Record")
		assert.False(t, built.Match(nil), "an ID query does not match the zero Record")
		assert.Equal(t, q.Less(&rec, new(open311.Record)), q.Less(&rec, nil), "Less with a nil record")
		assert.Equal(t, q.Less(new(open311.Record), &rec), built.Less(nil, &rec), "Less with a nil record first")
		assert.Zero(t, q.Less(nil, nil), "two nil records are equal")
	})

	t.Run("conversions", func(t *testing.T) {
		assert.Nil(t, open311.RequestAttributes(nil, []open311.Attribute{{Code: "floor"}}), "RequestAttributes: a nil record has no attributes")
		assert.Nil(t, open311.Updates(nil, time.UTC), "Updates: a nil record has no updates")
		got, err := open311.ToRequest(nil, incident.DefaultCatalog(), time.UTC)
		require.NoError(t, err, "ToRequest")
		want, err := open311.ToRequest(new(open311.Record), incident.DefaultCatalog(), time.UTC)
		require.NoError(t, err, "ToRequest of the zero Record")
		assert.Equal(t, want, got, "ToRequest: a nil record converts as the zero Record")
	})

	t.Run("Record", func(t *testing.T) {
		var r *open311.Record
		zero := new(open311.Record)
		assert.True(t, r.UpdatedAt().IsZero(), "UpdatedAt")
		s, sAt := r.Status()
		zs, zAt := zero.Status()
		assert.Equal(t, zs, s, "Status")
		assert.Equal(t, zAt, sAt, "Status")
		assert.Equal(t, zero.RequestStatus(), r.RequestStatus(), "RequestStatus")
	})

	t.Run("decoders", func(t *testing.T) {
		niltest.Decoders(t, grassroots.ErrInvalid, map[string]niltest.Decoder{
			"Datetime": {Dst: (*open311.Datetime)(nil), Text: "2026-03-10T09:00+08:00"},
			"Format":   {Dst: (*open311.Format)(nil), Text: open311.JSON.String()},
			"Status":   {Dst: (*open311.Status)(nil), Text: open311.StatusOpen.String()},
		})
		var d *open311.Datetime
		assert.ErrorIs(t, d.UnmarshalJSON([]byte(`"2026-03-10T09:00+08:00"`)), grassroots.ErrInvalid, "Datetime: UnmarshalJSON")
		assert.ErrorIs(t, d.UnmarshalJSON([]byte(`null`)), grassroots.ErrInvalid, "Datetime: UnmarshalJSON of null")
		dec := xml.NewDecoder(strings.NewReader(`<t>2026-03-10T09:00+08:00</t>`))
		start := nextStart(t, dec)
		assert.ErrorIs(t, d.UnmarshalXML(dec, start), grassroots.ErrInvalid, "Datetime: UnmarshalXML")
		var id *open311.ID
		assert.ErrorIs(t, id.UnmarshalJSON([]byte(`"006"`)), grassroots.ErrInvalid, "ID: UnmarshalJSON")
		var l *open311.RequestAttributeList
		dec = xml.NewDecoder(strings.NewReader(`<attributes><attribute><name>FLOORS</name></attribute></attributes>`))
		start = nextStart(t, dec)
		assert.ErrorIs(t, l.UnmarshalXML(dec, start), grassroots.ErrInvalid, "RequestAttributeList: UnmarshalXML")
	})
}

// nextStart reads dec up to its first start element.
func nextStart(t *testing.T, dec *xml.Decoder) xml.StartElement {
	t.Helper()
	for {
		tok, err := dec.Token()
		require.NoError(t, err, "reading to the first element")
		if s, ok := tok.(xml.StartElement); ok {
			return s
		}
	}
}
