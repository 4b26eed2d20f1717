package grassroots

import (
	"strings"
	"testing"
	"time"
)

// TestIsHexHashEveryByteEveryPlace holds the word-at-a-time check to
// its rule: every byte value at every place of an otherwise valid hash.
func TestIsHexHashEveryByteEveryPlace(t *testing.T) {
	valid := strings.Repeat("0123456789abcdef", 4)
	for i := range 64 {
		for c := range 256 {
			s := valid[:i] + string(rune(0)) + valid[i+1:]
			b := []byte(s)
			b[i] = byte(c)
			want := c >= '0' && c <= '9' || c >= 'a' && c <= 'f'
			if got := isHexHash(string(b)); got != want {
				t.Fatalf("isHexHash with byte %#x at %d = %v, want %v", c, i, got, want)
			}
		}
	}
	for _, s := range []string{"", valid[:63], valid + "0"} {
		if isHexHash(s) {
			t.Errorf("isHexHash(%q) = true", s)
		}
	}
}

// TestIsPlainPathEveryByte holds the table to its rule.
func TestIsPlainPathEveryByte(t *testing.T) {
	for c := range 256 {
		want := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-._~/", rune(c))
		if got := isPlainPath("/x" + string([]byte{byte(c)})); got != want {
			t.Errorf("isPlainPath with byte %#x = %v, want %v", c, got, want)
		}
	}
	if isPlainPath("//host") {
		t.Error(`isPlainPath("//host") = true`)
	}
}

// TestSealLineWritesWhatAppendJSONWrites holds the line sealLine splices
// from the canonical form to the one appendJSON writes of the sealed
// event, for envelopes with and without data, with the hash as the first
// member, with extensions and data_base64 (written anew), and times in
// other offsets and precisions.
func TestSealLineWritesWhatAppendJSONWrites(t *testing.T) {
	at := time.Date(2025, 6, 9, 9, 30, 0, 120_000_000, time.FixedZone("", 8*3600))
	base := Event{ID: "e-1", Source: "/districts/330302", SpecVersion: SpecVersion, Type: "grassroots.test.thing.v1", Subject: "inc-1"}
	withData := base
	withData.DataContentType, withData.DataSchema, withData.Data = "application/json", "https://example.org/s.json", []byte(`{"a":1,"b":"\u00e9"}`)
	cases := map[string]Event{"bare": base, "data": withData}
	for name, tz := range map[string]*time.Location{"utc": time.UTC, "east": time.FixedZone("", 8*3600), "west": time.FixedZone("", -(3*3600 + 1800))} {
		e := withData
		e.Time = at.In(tz)
		cases["time "+name] = e
		e = base
		e.Time = at.Truncate(time.Second).In(tz)
		cases["bare, time "+name] = e
	}
	ext := withData
	ext.Time = at
	ext.Extensions = map[string]any{"aaa": "x", "district": "330302", "zzz": int64(7)}
	cases["extensions"] = ext
	b64 := base
	b64.DataContentType, b64.DataBase64 = "application/octet-stream", []byte{0, 1, 2}
	cases["data_base64"] = b64
	for name, e := range cases {
		for _, canonical := range []bool{false, true} {
			if canonical && e.Data == nil {
				continue
			}
			first, err := seal(nil, e, true, canonical)
			if err != nil {
				t.Fatalf("%s: seal: %v", name, err)
			}
			var prev *Event
			for n := range 2 {
				want, err := seal(prev, e, true, canonical)
				if err != nil {
					t.Fatalf("%s: seal: %v", name, err)
				}
				wantLine, err := want.appendJSON([]byte("x"), false, true, canonical, nil)
				if err != nil {
					t.Fatalf("%s: appendJSON: %v", name, err)
				}
				got, line, err := sealLine([]byte("x"), prev, e, canonical)
				if err != nil {
					t.Fatalf("%s: sealLine: %v", name, err)
				}
				if got.Hash != want.Hash || got.Sequence != want.Sequence || got.PrevHash != want.PrevHash {
					t.Errorf("%s, event %d: sealLine sealed %+v, seal %+v", name, n, got, want)
				}
				if string(line) != string(wantLine) {
					t.Errorf("%s, event %d:\nsealLine   %s\nappendJSON %s", name, n, line, wantLine)
				}
				prev = &first
			}
		}
	}
	if _, line, err := sealLine([]byte("x"), nil, Event{ID: "e-1"}, false); err == nil || string(line) != "x" {
		t.Errorf("sealLine of an event with no subject: %q, %v; want dst unchanged and an error", line, err)
	}
}
