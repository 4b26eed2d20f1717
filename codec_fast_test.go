package grassroots

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

var seedFlag = flag.Uint64("grassroots.seed", 0, "seed of the randomised tests (0: a fresh one, logged)")

// seededRand returns a generator from -grassroots.seed, or from a fresh
// seed when the flag is zero; the seed is logged either way.
func seededRand(t *testing.T) *rand.Rand {
	seed := *seedFlag
	if seed == 0 {
		seed = rand.Uint64()
	}
	t.Logf("seed %d (replay with -grassroots.seed=%d)", seed, seed)
	return rand.New(rand.NewPCG(seed, 3))
}

// probe is a domain event whose data the test chooses.
type probe struct {
	Meta
	Name string          `json:"-"`
	Raw  json.RawMessage `json:"-"`
}

func (p probe) EventName() string { return p.Name }

var (
	probeSources = []string{
		"/district/330302/incident", "", "/a b", "//host/path", "urn:x:y", "http://example.com/x?y=1#z", "%zz",
		"/\x00", "/\x7f", "/\u0085", "/\uFDD0", "/\xff", "/街道", "a:b:c", "http://[::1]/", "http://[x]/", ":x",
		"mailto:someone@example.com", "/path/with%20space", "\\x", "/ok~._-",
	}
	probeData = []string{
		`{"a":1}`, `{"b":1,"a":2}`, `{"a": 1}`, ``, `null`, ` null `, `{`, `{"a":1,"a":2}`, `{"a":1.0}`,
		`{"a":9007199254740993}`, `[1,2,3]`, `"text"`, `{"s":"\u0000"}`, `{"s":"\ud800"}`, "{\"s\":\"\xff\"}",
		`{"s":"\uFDD0"}`, `{"n":1e400}`, `0`, `{"z":{"y":[{"b":1,"a":0}]}}`, `  {"a":"b"}  `,
	}
	probeIDs   = []string{"inc-1", "I-1", "0190a1b2-c3d4-7e5f-8a9b-000000000001", "街道-7", "", "a b", "x\x00", "\xff", strings.Repeat("x", 129)}
	probeNames = []string{"opened", "noted", "a_b", "x9"}
	probePkgs  = []string{"incident", "risk", "p", "a_b_c", "z9"}
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// pickMostly picks s[0], which is valid, half the time.
func pickMostly[T any](r *rand.Rand, s []T) T {
	if r.IntN(2) == 0 {
		return s[0]
	}
	return pick(r, s)
}

func randomProbe(r *rand.Rand) probe {
	at := time.Date(1960+r.IntN(80), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(3)*500_000_000,
		time.FixedZone("", (r.IntN(48)-24)*1800))
	if r.IntN(20) == 0 {
		at = time.Time{}
	}
	if r.IntN(30) == 0 {
		at = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return probe{
		Meta: Meta{AggregateID: pickMostly(r, probeIDs[:5]), CommandID: pickMostly(r, probeIDs), At: at,
			Actor: Actor{ID: pickMostly(r, probeIDs[:4]), Party: Party(1 + r.IntN(3))}},
		Name: pick(r, probeNames), Raw: json.RawMessage(pickMostly(r, probeData)),
	}
}

// sealSlow is Codec.Seal as the public pieces compose it: Envelope, then
// Seal, which checks every attribute again.
func sealSlow(c *Codec[probe], prev *Event, source string, events []probe) ([]Event, error) {
	var out []Event
	index := 0
	for i, e := range events {
		if i > 0 && e.CommandID == events[i-1].CommandID {
			index++
		} else {
			index = 0
		}
		env, err := c.Envelope(source, e, index)
		if err != nil {
			return nil, atEvent(err, i)
		}
		sealed, err := Seal(prev, env)
		if err != nil {
			return nil, atEvent(err, i)
		}
		out = append(out, sealed)
		prev = &out[len(out)-1]
	}
	return out, nil
}

// Codec.Seal skips the checks of the attributes it writes itself; on any
// source, data and Meta it must agree with Envelope followed by Seal, and
// Codec.AppendSealed with Codec.Seal followed by AppendJSON.
func TestCodecSealMatchesEnvelopeThenSeal(t *testing.T) {
	r := seededRand(t)
	encode := func(p probe) ([]byte, error) { return p.Raw, nil }
	sealed, ok := 0, 0
	for range 20000 {
		pkg := pick(r, probePkgs)
		samples := make([]probe, len(probeNames))
		for i, n := range probeNames {
			samples[i] = probe{Name: n}
		}
		c, err := NewCodec(pkg, samples...)
		require.NoError(t, err)
		c = c.WithEncoder(encode)
		events := make([]probe, 1+r.IntN(3))
		for i := range events {
			events[i] = randomProbe(r)
			if i > 0 && r.IntN(2) == 0 {
				events[i].Meta = events[i-1].Meta
			}
		}
		var prev *Event
		if r.IntN(2) == 0 {
			first := probe{Meta: Meta{AggregateID: events[0].AggregateID, CommandID: "c-0", At: time.Unix(0, 0).UTC(),
				Actor: Actor{ID: "a-1", Party: Government}}, Name: "opened", Raw: json.RawMessage(`{}`)}
			if p, err := c.Seal(nil, "/s", []probe{first}); err == nil {
				prev = &p[0]
			}
		}
		source := pickMostly(r, probeSources)
		got, gotErr := c.Seal(prev, source, events)
		want, wantErr := sealSlow(c, prev, source, events)
		if !assert.Equal(t, fmt.Sprint(wantErr), fmt.Sprint(gotErr), "error for source %q, events %+v", source, events) ||
			!assert.Equal(t, want, got, "envelopes for source %q, events %+v", source, events) {
			return
		}
		// AppendSealed seals the same and writes what AppendJSON writes.
		prefix := []byte("{}\n")
		envs, lines, err := c.AppendSealed(prefix[:len(prefix):len(prefix)], prev, source, events)
		require.Equal(t, fmt.Sprint(gotErr), fmt.Sprint(err), "AppendSealed's error")
		if err != nil {
			require.Nil(t, envs)
			require.Equal(t, prefix, lines, "dst unchanged on error")
		} else {
			require.Equal(t, got, envs)
			want := prefix
			for i := range got {
				want, err = got[i].AppendJSON(want)
				require.NoError(t, err)
				want = append(want, '\n')
			}
			require.Equal(t, string(want), string(lines), "lines for source %q, events %+v", source, events)
		}
		sealed++
		if gotErr == nil {
			ok++
			// The hash is the one the encoder's own bytes give, canonical
			// or not: the envelope's data is only their canonical form.
			for i := range got {
				asEncoded := got[i]
				asEncoded.Data = events[i].Raw
				h, err := ComputeHash(&asEncoded)
				require.NoError(t, err)
				require.Equal(t, got[i].Hash, h, "hash of %s", events[i].Raw)
			}
		}
	}
	require.Greater(t, ok, 1000, "batches sealed without error")
	t.Logf("%d batches, %d sealed", sealed, ok)
}

// An appending encoder gives the envelopes an encoder returning the same
// bytes gives, canonical or not, and none of them shares the buffer the
// codec lends it.
func TestCodecAppendEncoderAgreesWithEncoder(t *testing.T) {
	base, err := NewCodec("ticket", probe{Name: "opened"})
	require.NoError(t, err)
	returning := base.WithEncoder(func(p probe) ([]byte, error) { return p.Raw, nil })
	appending := base.WithAppendEncoder(func(dst []byte, p probe) ([]byte, error) {
		require.Empty(t, dst, "the codec lends an empty buffer")
		return append(dst, p.Raw...), nil
	})
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.UTC)
	events := make([]probe, len(probeData))
	for i, raw := range probeData {
		events[i] = probe{Meta: Meta{AggregateID: "T-1", CommandID: "c-1", At: at, Actor: Actor{ID: "clerk", Party: Government}},
			Name: "opened", Raw: json.RawMessage(raw)}
		want, wantErr := returning.Envelope("/s", events[i], i)
		got, err := appending.Envelope("/s", events[i], i)
		assert.Equal(t, fmt.Sprint(wantErr), fmt.Sprint(err), "error for data %q", raw)
		assert.Equal(t, want, got, "envelope for data %q", raw)
		if canonical, err := canonjson.AppendExact(nil, []byte(raw)); err == nil {
			assert.Equal(t, string(canonical), string(got.Data), "data %q in canonical form", raw)
		}
	}
	var valid []probe
	for _, e := range events {
		if _, err := returning.Seal(nil, "/s", []probe{e}); err == nil {
			valid = append(valid, e)
		}
	}
	require.Greater(t, len(valid), 3, "data that seals")
	want, err := returning.Seal(nil, "/s", valid)
	require.NoError(t, err)
	got, err := appending.Seal(nil, "/s", valid)
	require.NoError(t, err)
	assert.Equal(t, want, got, "a batch sealed through either encoder")
	for i, e := range valid {
		canonical, err := canonjson.AppendExact(nil, e.Raw)
		require.NoError(t, err, "data %q", e.Raw)
		assert.Equal(t, string(canonical), string(got[i].Data), "data %q kept after the batch", e.Raw)
		h, err := ComputeHash(&got[i])
		require.NoError(t, err, "data %q", e.Raw)
		assert.Equal(t, h, got[i].Hash, "hash of data %q", e.Raw)
	}
}

// With encoding/json as the encoder, the envelope holds the canonical
// form of what json.Marshal writes, and the hash is the one json.Marshal's
// own bytes give.
func TestCodecDefaultEncoderData(t *testing.T) {
	c, err := NewCodec("ticket", probe{Name: "opened"})
	require.NoError(t, err)
	at := time.Date(2025, 6, 9, 9, 0, 0, 0, time.FixedZone("", 8*3600))
	for _, id := range []string{"T-1", "街道-1", "a<b>&c"} {
		e := probe{Meta: Meta{AggregateID: id, CommandID: "c-1", At: at, Actor: Actor{ID: "clerk", Party: Government}}, Name: "opened"}
		sealed, err := c.Seal(nil, "/s", []probe{e})
		require.NoError(t, err, "aggregate %q", id)
		marshalled, err := json.Marshal(e)
		require.NoError(t, err)
		want, err := canonjson.Transform(marshalled)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(sealed[0].Data), "data of aggregate %q", id)
		asMarshalled := sealed[0]
		asMarshalled.Data = marshalled
		h, err := ComputeHash(&asMarshalled)
		require.NoError(t, err)
		assert.Equal(t, sealed[0].Hash, h, "hash of aggregate %q", id)
	}
}

// Whatever isSchemaPath lets past without a parse, the parse accepts.
func TestSchemaPathIsAbsoluteURI(t *testing.T) {
	r := seededRand(t)
	const chars = "abcxyzABCXYZ0189-._~/:@?#%[] "
	for range 20000 {
		b := []byte(SchemaBase[:r.IntN(len(SchemaBase)+1)])
		if r.IntN(4) != 0 {
			b = []byte(SchemaBase)
		}
		for range r.IntN(12) {
			b = append(b, chars[r.IntN(len(chars))])
		}
		s := string(b)
		if isSchemaPath(s) {
			require.Empty(t, uriProblem(s, true), "dataschema %q", s)
		}
	}
}
