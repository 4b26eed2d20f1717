package open311_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

func TestDatetime(t *testing.T) {
	cases := []struct {
		in, out string
	}{
		{"2026-03-10T09:00:00+08:00", "2026-03-10T09:00:00+08:00"},
		{"2026-03-10T09:00:00.999999+08:00", "2026-03-10T09:00:00+08:00"},
		{"2010-04-14T06:37:38-08:00", "2010-04-14T06:37:38-08:00"},
		{"2026-03-10T01:00:00Z", "2026-03-10T01:00:00Z"},
		{"2026-03-10T09:00+08:00", "2026-03-10T09:00:00+08:00"},
		{"2026-03-10T01:00Z", "2026-03-10T01:00:00Z"},
		{"", ""},
	}
	for _, c := range cases {
		d, err := open311.ParseDatetime(c.in)
		require.NoError(t, err, "parse %q", c.in)
		assert.Equal(t, c.out, d.String(), "whole seconds with the offset for %q", c.in)
	}
	for _, bad := range []string{"2026-03-10T09:00:00", "2026-03-10", "2026-03-10 09:00:00+08:00", "yesterday", "2026-03-10T09:00:00+0800"} {
		_, err := open311.ParseDatetime(bad)
		assert.ErrorIs(t, err, open311.ErrInvalidDatetime, "no offset or not RFC 3339: %q", bad)
	}
	var zero open311.Datetime
	b, err := json.Marshal(zero)
	require.NoError(t, err, "zero JSON")
	assert.Equal(t, "null", string(b), "the zero Datetime is null")
	x, err := xml.Marshal(struct {
		XMLName xml.Name         `xml:"r"`
		D       open311.Datetime `xml:"d"`
	}{})
	require.NoError(t, err, "zero XML")
	assert.Equal(t, "<r></r>", string(x), "the zero Datetime is omitted from XML")
	var d open311.Datetime
	require.NoError(t, json.Unmarshal([]byte(`""`), &d), "empty string")
	assert.True(t, d.IsZero(), "empty string reads as zero")
	assert.ErrorIs(t, json.Unmarshal([]byte(`12`), &d), open311.ErrInvalidDatetime, "a number is no datetime")
}

func TestID(t *testing.T) {
	cases := []struct {
		in   string
		want open311.ID
	}{
		{`"006"`, "006"},
		{`293944`, "293944"},
		{`-1`, "-1"},
		{`null`, ""},
		{`"a b"`, "a b"},
	}
	for _, c := range cases {
		var id open311.ID
		require.NoError(t, json.Unmarshal([]byte(c.in), &id), "decode %s", c.in)
		assert.Equal(t, c.want, id, "decode %s", c.in)
	}
	for _, bad := range []string{`1.5`, `1e3`, `true`, `{}`, `[]`, `-`} {
		id := open311.ID("kept")
		assert.Error(t, json.Unmarshal([]byte(bad), &id), "reject %s", bad)
		assert.Equal(t, open311.ID("kept"), id, "unchanged after %s", bad)
	}
	b, err := json.Marshal(open311.ID("006"))
	require.NoError(t, err, "encode")
	assert.Equal(t, `"006"`, string(b), "always a string")
}

func TestContainsHTML(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"rubbish by the gate", false},
		{"depth < 1m & wide", false},
		{"a<b", false},
		{"a<b>", true},
		{"<b>bold</b>", true},
		{"</p>", true},
		{"<!-- comment -->", true},
		{"<!DOCTYPE html>", true},
		{"<?php ?>", true},
		{"x <y and y> z", true},
		{"fish &amp; chips", false},
		{"&#60;script&#62;", false},
		{"&#x3C;", false},
		{"AT&T; rocks", false},
		{"5 & 6; fine", false},
		{"3 <4 >2", false},
		{"< b >", false},
		{"<", false},
		{">", false},
		{"", false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, open311.ContainsHTML(c.text), "%q", c.text)
	}
}

func TestCheckAttributes(t *testing.T) {
	defs := []open311.Attribute{
		{Variable: true, Code: "N", Datatype: open311.DatatypeNumber, Required: true},
		{Variable: true, Code: "D", Datatype: open311.DatatypeDatetime},
		{Variable: true, Code: "M", Datatype: open311.DatatypeMultiValueList, Values: []open311.AttributeValue{{Key: "a"}, {Key: "b"}}},
		{Variable: false, Code: "INFO", Datatype: open311.DatatypeText},
	}
	cases := []struct {
		name  string
		given map[string][]string
		want  []string
		rules []string
	}{
		{"all valid", map[string][]string{"N": {"2.5"}, "D": {"2026-03-10T09:00:00Z"}, "M": {"a", "b"}}, nil, nil},
		{"a W3C datetime with minutes", map[string][]string{"N": {"1"}, "D": {"2026-03-10T09:00+08:00"}}, nil, nil},
		{"required missing", map[string][]string{"D": {"2026-03-10T09:00:00Z"}}, []string{"attribute[N]"}, []string{grassroots.RuleRequired}},
		{"required empty", map[string][]string{"N": {""}}, []string{"attribute[N]"}, []string{grassroots.RuleRequired}},
		{"not a number", map[string][]string{"N": {"NaN"}}, []string{"attribute[N]"}, []string{grassroots.RuleFormat}},
		{"datetime without offset", map[string][]string{"N": {"1"}, "D": {"2026-03-10T09:00:00"}}, []string{"attribute[D]"}, []string{grassroots.RuleFormat}},
		{"key not listed", map[string][]string{"N": {"1"}, "M": {"a", "c"}}, []string{"attribute[M]"}, []string{grassroots.RuleEnum}},
		{"two values for one", map[string][]string{"N": {"1", "2"}}, []string{"attribute[N]"}, []string{grassroots.RuleMax}},
		{"information-only attributes are kept as given", map[string][]string{"N": {"1"}, "INFO": {"x"}}, nil, nil},
		{"codes the service does not define are kept", map[string][]string{"N": {"1"}, "fixmystreet_id": {"1234"}, "easting": {"529025"}, "title": {""}}, nil, nil},
		{"problems in code order", map[string][]string{"N": {"x"}, "D": {"soon"}, "M": {"z"}}, []string{"attribute[D]", "attribute[M]", "attribute[N]"},
			[]string{grassroots.RuleFormat, grassroots.RuleEnum, grassroots.RuleFormat}},
	}
	for _, c := range cases {
		err := open311.CheckAttributes(defs, c.given)
		if c.want == nil {
			assert.NoError(t, err, c.name)
			continue
		}
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, c.name)
		var paths, rules []string
		for _, f := range ve.Fields {
			paths = append(paths, f.Path)
			rules = append(rules, f.Rule)
			assert.True(t, strings.HasPrefix(f.Message, f.Path), "%s: the message names the parameter: %s", c.name, f.Message)
		}
		assert.Equal(t, c.want, paths, c.name)
		assert.Equal(t, c.rules, rules, c.name)
	}
}

func TestMemoryStore(t *testing.T) {
	ctx := context.Background()
	var s open311.MemoryStore
	_, err := s.Load(ctx, "x")
	assert.ErrorIs(t, err, open311.ErrNotFound, "empty store")

	rec := open311.Record{Revision: 1, State: incident.Incident{ID: "x", ReportedAt: start}, Attributes: map[string][]string{"K": {"1"}}}
	require.NoError(t, s.Save(ctx, rec), "first save")
	assert.ErrorIs(t, s.Save(ctx, rec), open311.ErrConflict, "a second first save conflicts")
	rec.Attributes["K"][0] = "changed"
	got, err := s.Load(ctx, "x")
	require.NoError(t, err, "load")
	assert.Equal(t, "1", got.Attributes["K"][0], "the store holds a copy")

	got.Revision = 3
	assert.ErrorIs(t, s.Save(ctx, got), open311.ErrConflict, "a skipped revision conflicts")
	got.Revision = 2
	require.NoError(t, s.Save(ctx, got), "next revision")

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = s.List(cancelled, open311.Query{})
	assert.ErrorIs(t, err, context.Canceled, "context honoured")

	list, err := s.List(ctx, open311.Query{Offset: -5, Limit: 10})
	require.NoError(t, err, "negative offset")
	assert.Len(t, list, 1, "negative offset is no offset")
}

// Concurrent updates of one record never lose a revision: exactly one
// save of each revision wins.
func TestMemoryStoreConcurrentSaves(t *testing.T) {
	ctx := context.Background()
	var s open311.MemoryStore
	require.NoError(t, s.Save(ctx, open311.Record{Revision: 1, State: incident.Incident{ID: "x"}}), "create")
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				rec, err := s.Load(ctx, "x")
				if err != nil {
					continue
				}
				rec.Revision++
				rec.Updates = append(rec.Updates, open311.Update{UpdateID: open311.ID(fmt.Sprint(i))})
				if err := s.Save(ctx, rec); err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				} else if !errors.Is(err, open311.ErrConflict) {
					t.Errorf("save: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	rec, err := s.Load(ctx, "x")
	require.NoError(t, err, "load")
	assert.Equal(t, wins+1, rec.Revision, "one revision per successful save")
	assert.Len(t, rec.Updates, wins, "no update lost")
}

func TestNewHandlerChecksItsOptions(t *testing.T) {
	d := newDecider(t)
	_, err := open311.NewHandler(nil, nil)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "store and decider are required")
	cases := map[string][]open311.Option{
		"empty api key":          {open311.WithAPIKey("", resident)},
		"duplicate api key":      {open311.WithAPIKey("k", resident), open311.WithAPIKey("k", staff)},
		"invalid actor":          {open311.WithAPIKey("k", grassroots.Actor{})},
		"attributes of no code":  {open311.WithAttributes("999", open311.Attribute{Code: "A", Datatype: "string"})},
		"description of no code": {open311.WithRequiredDescription("999")},
		"unknown datatype":       {open311.WithAttributes("001", open311.Attribute{Code: "A", Datatype: "colour"})},
		"list without values":    {open311.WithAttributes("001", open311.Attribute{Code: "A", Datatype: "singlevaluelist"})},
		"duplicate attribute":    {open311.WithAttributes("001", open311.Attribute{Code: "A", Datatype: "string"}, open311.Attribute{Code: "A", Datatype: "text"})},
		"attribute with bracket": {open311.WithAttributes("001", open311.Attribute{Code: "A]", Datatype: "string"})},
		"nil clock":              {open311.WithClock(nil)},
		"nil rand":               {open311.WithRand(nil)},
		"invalid channel":        {open311.WithChannel(0)},
	}
	for name, opts := range cases {
		_, err := open311.NewHandler(&open311.MemoryStore{}, d, opts...)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, name)
	}
	_, err = open311.NewHandler(&open311.MemoryStore{}, d, open311.WithChannel(9))
	var ve *grassroots.ValidationError
	require.ErrorAs(t, err, &ve, "channel 9")
	require.Len(t, ve.Fields, 1, "channel 9 is the only problem")
	assert.Equal(t, "channel", ve.Fields[0].Path, "channel 9")
	assert.Equal(t, grassroots.RuleEnum, ve.Fields[0].Rule, "channel 9")
	h, err := open311.NewHandler(&open311.MemoryStore{}, d, open311.WithLocation(time.UTC), nil)
	require.NoError(t, err, "a nil option is skipped")
	assert.NotNil(t, h, "handler")
}

func TestEncodeRefusesAnInvalidFormat(t *testing.T) {
	assert.ErrorIs(t, open311.EncodeRequests(io.Discard, 0, nil), grassroots.ErrInvalid, "encode with no format")
	assert.ErrorIs(t, open311.EncodeUpdates(io.Discard, 3, nil), grassroots.ErrInvalid, "encode with format 3")
}
