package grassroots_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
)

func TestPartyCodecRoundTrip(t *testing.T) {
	for _, p := range grassroots.Parties() {
		b, err := p.MarshalText()
		require.NoError(t, err, "marshal %d", p)
		q, err := grassroots.ParseParty(string(b))
		require.NoError(t, err, "parse %s", b)
		assert.Equal(t, p, q, "round trip of %s", b)
		j, err := json.Marshal(p)
		require.NoError(t, err)
		var r grassroots.Party
		require.NoError(t, json.Unmarshal(j, &r), "json %s", j)
		assert.Equal(t, p, r)
	}
	assert.Equal(t, "third_party", grassroots.ThirdParty.String())
}

func TestPartyZeroAndUnknownAreInvalid(t *testing.T) {
	var zero grassroots.Party
	assert.False(t, zero.IsValid())
	assert.Equal(t, "Party(0)", zero.String(), "String never fails")
	assert.Equal(t, "Party(9)", grassroots.Party(9).String())
	_, err := zero.MarshalText()
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "zero party must not marshal")
	for _, s := range []string{"", "Government", "third party", "thirdparty", "citizen"} {
		_, err := grassroots.ParseParty(s)
		assert.ErrorIs(t, err, grassroots.ErrUnknownName, "input %q", s)
	}
	p := grassroots.Resident
	assert.Error(t, p.UnmarshalText([]byte("nobody")))
	assert.Equal(t, grassroots.Resident, p, "failed UnmarshalText leaves the value unchanged")
}

func FuzzParseParty(f *testing.F) {
	for _, p := range grassroots.Parties() {
		f.Add(p.String())
	}
	f.Add("")
	f.Add("Party(0)")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := grassroots.ParseParty(s)
		if err != nil {
			if p != 0 {
				t.Fatalf("error with non-zero party %d for %q", p, s)
			}
			return
		}
		if !p.IsValid() || p.String() != s {
			t.Fatalf("ParseParty(%q) = %v, which prints %q", s, p, p.String())
		}
	})
}
