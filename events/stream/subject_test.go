package stream_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/events/stream"
)

func TestSubjectRoundTrip(t *testing.T) {
	cases := []struct {
		pkg, aggregate, want string
	}{
		{"incident", "INC-2025_0001", "grassroots.incident.INC-2025_0001"},
		{"incident", "INC.2025/7", "grassroots.incident.INC%2E2025%2F7"},
		{"risk", "a*b>c", "grassroots.risk.a%2Ab%3Ec"},
		{"risk", "100%", "grassroots.risk.100%25"},
		{"provider", "合同-1", "grassroots.provider.%E5%90%88%E5%90%8C-1"},
		{"risk_chain", "$SYS", "grassroots.risk_chain.%24SYS"},
		{"incident", "~x:y=z", "grassroots.incident.%7Ex%3Ay%3Dz"},
	}
	for _, c := range cases {
		got, err := stream.Subject(c.pkg, c.aggregate)
		require.NoError(t, err, "Subject(%q, %q)", c.pkg, c.aggregate)
		assert.Equal(t, c.want, got, "Subject(%q, %q)", c.pkg, c.aggregate)
		assert.NotContains(t, strings.TrimPrefix(got, "grassroots."+c.pkg+"."), ".", "token of %q has no dot", c.aggregate)
		pkg, agg, err := stream.ParseSubject(got)
		require.NoError(t, err, "ParseSubject(%q)", got)
		assert.Equal(t, c.pkg, pkg, "package of %q", got)
		assert.Equal(t, c.aggregate, agg, "aggregate of %q", got)
	}
}

func TestSubjectRefusesBadInput(t *testing.T) {
	cases := []struct {
		pkg, aggregate, path string
	}{
		{"Incident", "INC-1", "package"},
		{"in.cident", "INC-1", "package"},
		{"", "INC-1", "package"},
		{"incident", "", "subject"},
		{"incident", "INC 1", "subject"},
		{"incident", strings.Repeat("x", grassroots.MaxIDLength+1), "subject"},
	}
	for _, c := range cases {
		_, err := stream.Subject(c.pkg, c.aggregate)
		require.ErrorIs(t, err, grassroots.ErrInvalid, "Subject(%q, %q)", c.pkg, c.aggregate)
		var ve *grassroots.ValidationError
		require.ErrorAs(t, err, &ve, "Subject(%q, %q)", c.pkg, c.aggregate)
		assert.True(t, ve.Has(c.path), "Subject(%q, %q) names %s: %v", c.pkg, c.aggregate, c.path, err)
	}
}

func TestParseSubjectRefusesNonCanonicalTokens(t *testing.T) {
	for _, s := range []string{
		"grassroots.incident.INC%2e1",  // lower-case hex
		"grassroots.incident.%41BC",    // escapes a letter
		"grassroots.incident.INC%2",    // cut short
		"grassroots.incident.INC%",     // cut short
		"grassroots.incident.%FF",      // not UTF-8
		"grassroots.incident.%C0%A0",   // overlong encoding of a space
		"grassroots.incident.INC%201",  // decodes to white space
		"grassroots.incident.a.b",      // two tokens
		"grassroots.incident",          // no token
		"grassroots.incident.",         // empty token
		"other.incident.INC-1",         // wrong root
		"grassroots.Incident.INC-1",    // bad package
		"grassroots.incident.INC~1",    // unescaped byte
		"grassroots.incident.INC%2E%2", // cut short after an escape
	} {
		_, _, err := stream.ParseSubject(s)
		assert.ErrorIs(t, err, grassroots.ErrInvalid, "ParseSubject(%q)", s)
	}
}

func TestEventSubject(t *testing.T) {
	e := chain(t, nil, "INC.1", 0, 1)[0]
	got, err := stream.EventSubject(&e)
	require.NoError(t, err, "EventSubject of an incident event")
	assert.Equal(t, "grassroots.incident.INC%2E1", got, "EventSubject of INC.1")

	e.Type = "com.example.other"
	_, err = stream.EventSubject(&e)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "EventSubject of a foreign type")
}

func TestPackageSubjects(t *testing.T) {
	got, err := stream.PackageSubjects("risk")
	require.NoError(t, err, "PackageSubjects(risk)")
	assert.Equal(t, "grassroots.risk.*", got, "PackageSubjects(risk)")
	_, err = stream.PackageSubjects("risk.*")
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "PackageSubjects(risk.*)")
}

func FuzzSubject(f *testing.F) {
	for _, s := range []string{"INC-1", "a.b", "*", ">", "%", "合同", "x y", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, aggregate string) {
		subj, err := stream.Subject("incident", aggregate)
		if !grassroots.IsValidID(aggregate) {
			require.Error(t, err, "Subject of an invalid ID %q", aggregate)
			return
		}
		require.NoError(t, err, "Subject(%q)", aggregate)
		token := strings.TrimPrefix(subj, "grassroots.incident.")
		require.NotContains(t, token, ".", "token of %q", aggregate)
		require.NotContains(t, token, "*", "token of %q", aggregate)
		require.NotContains(t, token, ">", "token of %q", aggregate)
		pkg, back, err := stream.ParseSubject(subj)
		require.NoError(t, err, "ParseSubject(%q)", subj)
		require.Equal(t, "incident", pkg, "package of %q", subj)
		require.Equal(t, aggregate, back, "round trip of %q", aggregate)
	})
}

// The helpers that take an event or a JetStream handle answer nil with a
// validation error.
func TestNilEventAndHandle(t *testing.T) {
	_, err := stream.EventSubject(nil)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "EventSubject")
	var heads stream.MemoryHeads
	assert.ErrorIs(t, heads.Record(t.Context(), nil), grassroots.ErrInvalid, "MemoryHeads.Record")
	assert.Equal(t, 0, heads.Len(), "nothing recorded")
	_, err = stream.EnsureStream(t.Context(), nil, stream.StreamConfig{})
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "EnsureStream")
}
