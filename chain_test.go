package grassroots_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

func sealedChain(t testing.TB, n int) []grassroots.Event {
	t.Helper()
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	evs := make([]grassroots.Event, n)
	for i := range evs {
		evs[i] = grassroots.Event{
			ID: fmt.Sprintf("e%d", i), Source: "/test", SpecVersion: "1.0",
			Type: grassroots.EventType("incident", "noted"), Subject: "inc-1",
			Time: base.Add(time.Duration(i) * time.Minute),
			Data: json.RawMessage(fmt.Sprintf(`{"n":%d,"note":"step %d"}`, i, i)),
		}
	}
	chain, err := grassroots.SealAll(nil, evs)
	require.NoError(t, err)
	return chain
}

func requireChainError(t *testing.T, err error, index int, reason grassroots.ChainReason, what string) {
	t.Helper()
	var ce *grassroots.ChainError
	require.True(t, errors.As(err, &ce), "%s: want ChainError, got %v", what, err)
	assert.True(t, errors.Is(err, grassroots.ErrChainBroken), what)
	assert.Equal(t, index, ce.Index, "%s: index", what)
	assert.Equal(t, reason, ce.Reason, "%s: reason", what)
}

func TestVerifyChainOfThousandEvents(t *testing.T) {
	chain := sealedChain(t, 1000)
	require.NoError(t, grassroots.VerifyChain(chain))
	assert.Equal(t, int64(1), chain[0].Sequence)
	assert.Empty(t, chain[0].PrevHash, "first event has no prevhash")
	assert.Equal(t, int64(1000), chain[999].Sequence)
	assert.Equal(t, chain[998].Hash, chain[999].PrevHash)
}

func TestVerifyChainDetectsChangedByte(t *testing.T) {
	for _, k := range []int{0, 1, 500, 999} {
		chain := sealedChain(t, 1000)
		data := slices.Clone(chain[k].Data)
		i := slices.Index(data, 's') // inside "step"
		data[i] = 'S'
		chain[k].Data = data
		requireChainError(t, grassroots.VerifyChain(chain), k, grassroots.ChainContentChanged, fmt.Sprintf("byte of data %d changed", k))
	}
	chain := sealedChain(t, 10)
	chain[4].Time = chain[4].Time.Add(time.Second)
	requireChainError(t, grassroots.VerifyChain(chain), 4, grassroots.ChainContentChanged, "time changed")
}

func TestVerifyChainDetectsSwap(t *testing.T) {
	for _, k := range []int{0, 1, 500, 998} {
		chain := sealedChain(t, 1000)
		chain[k], chain[k+1] = chain[k+1], chain[k]
		requireChainError(t, grassroots.VerifyChain(chain), k, grassroots.ChainReordered, fmt.Sprintf("events %d and %d swapped", k, k+1))
	}
}

func TestVerifyChainDetectsDrop(t *testing.T) {
	for _, k := range []int{0, 1, 500, 998} {
		chain := sealedChain(t, 1000)
		chain = slices.Delete(chain, k, k+1)
		requireChainError(t, grassroots.VerifyChain(chain), k, grassroots.ChainDropped, fmt.Sprintf("event %d dropped", k))
	}
}

func TestVerifyChainDetectsInsert(t *testing.T) {
	for _, k := range []int{0, 1, 500, 999} {
		chain := sealedChain(t, 1000)
		// A forger who knows the scheme builds a correctly sealed event
		// after chain[k-1]; the original successor then links past it.
		var prev *grassroots.Event
		if k > 0 {
			prev = &chain[k-1]
		}
		forged, err := grassroots.Seal(prev, grassroots.Event{
			ID: "forged", Source: "/test", SpecVersion: "1.0", Type: "grassroots.incident.noted.v1", Subject: "inc-1",
		})
		require.NoError(t, err)
		chain = slices.Insert(chain, k, forged)
		requireChainError(t, grassroots.VerifyChain(chain), k, grassroots.ChainInserted, fmt.Sprintf("sealed forgery inserted at %d", k))
	}
	chain := sealedChain(t, 20)
	chain = slices.Insert(chain, 7, chain[3])
	requireChainError(t, grassroots.VerifyChain(chain), 7, grassroots.ChainInserted, "replayed copy of event 3 inserted at 7")

	chain = sealedChain(t, 20)
	other := sealedChain(t, 1)
	other[0].Subject = "inc-2"
	other[0], _ = grassroots.Seal(nil, other[0])
	chain = slices.Insert(chain, 5, other[0])
	requireChainError(t, grassroots.VerifyChain(chain), 5, grassroots.ChainInserted, "event of another subject inserted")
}

func TestVerifyChainDetectsEditedSequence(t *testing.T) {
	for _, k := range []int{0, 1, 500, 999} {
		chain := sealedChain(t, 1000)
		chain[k].Sequence += 7
		requireChainError(t, grassroots.VerifyChain(chain), k, grassroots.ChainWrongSequence, fmt.Sprintf("sequence of %d edited", k))
	}
}

func TestVerifyChainRejectsUnsealedEvents(t *testing.T) {
	chain := sealedChain(t, 3)
	chain[1].Hash = ""
	requireChainError(t, grassroots.VerifyChain(chain), 1, grassroots.ChainInvalid, "hash removed")
	assert.NoError(t, grassroots.VerifyChain(nil), "empty chain verifies")
}

func TestSealPreconditions(t *testing.T) {
	e := validEvent()
	e.Subject = ""
	_, err := grassroots.Seal(nil, e)
	assert.ErrorIs(t, err, grassroots.ErrSubjectMismatch, "no subject")

	first, err := grassroots.Seal(nil, validEvent())
	require.NoError(t, err)
	other := validEvent()
	other.Subject = "inc-2"
	_, err = grassroots.Seal(&first, other)
	assert.ErrorIs(t, err, grassroots.ErrSubjectMismatch, "subject differs from prev")

	unsealed := validEvent()
	_, err = grassroots.Seal(&unsealed, validEvent())
	assert.ErrorIs(t, err, grassroots.ErrNotSealed)

	bad := validEvent()
	bad.Type = ""
	_, err = grassroots.Seal(&first, bad)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "invalid next event")
}

// The hash covers the canonical form of the event without "hash": every
// attribute as a JSON string holding its canonical string (time in UTC),
// data in RFC 8785 form. This test rebuilds that form from the wire JSON
// alone, without the package's writer, as a vendor in another language
// would.
func TestHashIsSHA256OfCanonicalForm(t *testing.T) {
	sealed, err := grassroots.Seal(nil, validEvent())
	require.NoError(t, err)
	wire, err := json.Marshal(sealed)
	require.NoError(t, err)
	assert.Equal(t, sha256Hex(canonicalForm(t, wire)), sealed.Hash)
}

// canonicalForm computes the hashed form of a wire event independently.
func canonicalForm(t *testing.T, wire []byte) []byte {
	t.Helper()
	var members map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(wire, &members))
	delete(members, "hash")
	out := map[string]any{}
	for name, raw := range members {
		if name == "data" {
			out[name] = raw
			continue
		}
		var v any
		dec := json.NewDecoder(bytesReader(raw))
		dec.UseNumber()
		require.NoError(t, dec.Decode(&v))
		switch x := v.(type) {
		case string:
			if name == "time" {
				tm, err := time.Parse(time.RFC3339Nano, x)
				require.NoError(t, err)
				x = tm.UTC().Format(time.RFC3339Nano)
			}
			out[name] = x
		case json.Number:
			out[name] = x.String()
		case bool:
			out[name] = strconv.FormatBool(x)
		}
	}
	b, err := json.Marshal(out)
	require.NoError(t, err)
	canon, err := canonjson.Transform(b)
	require.NoError(t, err)
	return canon
}

func TestSealRejectsInvalidData(t *testing.T) {
	e := validEvent()
	e.Data = json.RawMessage(`{"a":`)
	_, err := grassroots.Seal(nil, e)
	var ve *grassroots.ValidationError
	require.True(t, errors.As(err, &ve), "invalid data: %v", err)
	assert.True(t, ve.Has("data"))
}

// AppendVerified and AppendIntact check an event as VerifyLink does and
// write what MarshalJSON writes: for a chain as sealed, for its events
// re-encoded by a relay in other offsets, with data not in canonical
// form, with extensions and with data_base64. What VerifyLink refuses they
// refuse with the same error, leaving dst as it was.
func TestAppendVerifiedWritesWhatMarshalJSONWrites(t *testing.T) {
	chain := sealedChain(t, 4)
	kinds := map[string]func(e *grassroots.Event){
		"as sealed":     func(*grassroots.Event) {},
		"relayed east":  func(e *grassroots.Event) { e.Time = e.Time.In(time.FixedZone("", 8*3600)) },
		"relayed west":  func(e *grassroots.Event) { e.Time = e.Time.In(time.FixedZone("", -(9*3600 + 1800))) },
		"data reshaped": func(e *grassroots.Event) { e.Data = json.RawMessage(" {\"note\" : \"" + e.ID + "\", \"n\":1.0 } ") },
		"extensions": func(e *grassroots.Event) {
			e.Extensions = map[string]any{"aaa": "x", "district": "330302", "zzz": int64(7)}
		},
		"data_base64": func(e *grassroots.Event) { e.Data, e.DataBase64 = nil, []byte{0, 1, 2, 0xff} },
	}
	for name, change := range kinds {
		evs := make([]grassroots.Event, len(chain))
		for i := range chain {
			evs[i] = chain[i]
			evs[i].Sequence, evs[i].PrevHash, evs[i].Hash = 0, "", ""
			change(&evs[i])
		}
		sealed, err := grassroots.SealAll(nil, evs)
		require.NoError(t, err, name)
		if strings.HasPrefix(name, "relayed") {
			// A relay rewrites the time after sealing; the hash holds.
			sealed = slices.Clone(chain)
			for i := range sealed {
				change(&sealed[i])
			}
		}
		for i := range sealed {
			var prev *grassroots.Event
			if i > 0 {
				prev = &sealed[i-1]
			}
			want, err := sealed[i].MarshalJSON()
			require.NoError(t, err, name)
			got, err := grassroots.AppendVerified([]byte("x"), prev, &sealed[i])
			require.NoError(t, err, "%s, event %d", name, i)
			assert.Equal(t, "x"+string(want), string(got), "%s, event %d: AppendVerified", name, i)
			got, err = grassroots.AppendIntact([]byte("y"), &sealed[i])
			require.NoError(t, err, "%s, event %d", name, i)
			assert.Equal(t, "y"+string(want), string(got), "%s, event %d: AppendIntact", name, i)
		}
	}
	tampered := map[string]func(c []grassroots.Event) (prev, next *grassroots.Event){
		"data changed": func(c []grassroots.Event) (*grassroots.Event, *grassroots.Event) {
			c[2].Data = json.RawMessage(`{"n":9}`)
			return &c[1], &c[2]
		},
		"not sealed": func(c []grassroots.Event) (*grassroots.Event, *grassroots.Event) { c[2].Hash = ""; return &c[1], &c[2] },
		"invalid": func(c []grassroots.Event) (*grassroots.Event, *grassroots.Event) {
			c[2].Source = ""
			return &c[1], &c[2]
		},
		"bad data": func(c []grassroots.Event) (*grassroots.Event, *grassroots.Event) {
			c[2].Data = json.RawMessage(`{"n":`)
			return &c[1], &c[2]
		},
		"wrong prev":    func(c []grassroots.Event) (*grassroots.Event, *grassroots.Event) { return &c[0], &c[2] },
		"first missing": func(c []grassroots.Event) (*grassroots.Event, *grassroots.Event) { return nil, &c[2] },
		"other subject": func(c []grassroots.Event) (*grassroots.Event, *grassroots.Event) {
			c[1].Subject = "inc-2"
			return &c[1], &c[2]
		},
		"sequence moved": func(c []grassroots.Event) (*grassroots.Event, *grassroots.Event) { return &c[2], &c[1] },
	}
	for name, tamper := range tampered {
		c := slices.Clone(chain)
		prev, next := tamper(c)
		want := grassroots.VerifyLink(prev, next)
		require.Error(t, want, name)
		got, err := grassroots.AppendVerified([]byte("x"), prev, next)
		assert.Equal(t, fmt.Sprint(want), fmt.Sprint(err), "%s: AppendVerified's error", name)
		assert.Equal(t, "x", string(got), "%s: dst unchanged", name)
		var ce *grassroots.ChainError
		if assert.ErrorAs(t, err, &ce, name) {
			var wce *grassroots.ChainError
			require.ErrorAs(t, want, &wce)
			assert.Equal(t, wce.Reason, ce.Reason, name)
		}
		_, intactErr := grassroots.AppendIntact(nil, next)
		h, hashErr := grassroots.ComputeHash(next)
		intact := hashErr == nil && next.Hash != "" && h == next.Hash
		assert.Equal(t, intact, intactErr == nil, "%s: AppendIntact: %v", name, intactErr)
	}
}

// A nil event is refused, not dereferenced, wherever one is checked.
func TestNilEventIsRefused(t *testing.T) {
	chain := sealedChain(t, 1)
	_, err := grassroots.ComputeHash(nil)
	assert.ErrorIs(t, err, grassroots.ErrInvalid, "ComputeHash")
	requireChainError(t, grassroots.VerifyLink(nil, nil), 0, grassroots.ChainInvalid, "VerifyLink(nil, nil)")
	requireChainError(t, grassroots.VerifyLink(&chain[0], nil), 0, grassroots.ChainInvalid, "VerifyLink(prev, nil)")
	_, err = grassroots.AppendVerified(nil, &chain[0], nil)
	requireChainError(t, err, 0, grassroots.ChainInvalid, "AppendVerified")
	_, err = grassroots.AppendIntact(nil, nil)
	requireChainError(t, err, 0, grassroots.ChainInvalid, "AppendIntact")
	_, err = grassroots.NewID(time.Date(2025, 6, 9, 9, 0, 0, 0, time.UTC), nil)
	assert.ErrorContains(t, err, "randomness", "NewID without a reader")
}
