package grassroots

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/grassrootsgov/grassroots/internal/canonjson"
)

// TestWritableTimestampAgrees holds writableTimestamp to timestampProblem
// around every year boundary it tests for, in zones with whole-minute,
// odd-second and extreme offsets, and at random instants.
func TestWritableTimestampAgrees(t *testing.T) {
	if got := time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC).Unix(); got != minYearSec {
		t.Fatalf("minYearSec is %d, year 0000 starts at %d", int64(minYearSec), got)
	}
	if got := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix(); got != endYearSec {
		t.Fatalf("endYearSec is %d, year 10000 starts at %d", int64(endYearSec), got)
	}
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		shanghai = time.FixedZone("CST", 8*3600)
	}
	zones := []*time.Location{time.UTC, shanghai, time.FixedZone("", -14*3600), time.FixedZone("", 14*3600),
		time.FixedZone("", 5*3600+30*60), time.FixedZone("", 3600+1), time.FixedZone("", -59), time.FixedZone("", 1<<30),
		time.FixedZone("", -(1 << 30))}
	check := func(at time.Time) {
		if got, want := writableTimestamp(at), timestampProblem(at) == ""; got != want {
			t.Fatalf("%v (unix %d): writableTimestamp %v, timestampProblem %q", at, at.Unix(), got, timestampProblem(at))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for _, z := range zones {
		for _, edge := range []int64{minYearSec, endYearSec, 0} {
			for d := int64(-2 * 86400); d <= 2*86400; d += 1800 + int64(r.IntN(120)) {
				check(time.Unix(edge+d, int64(r.IntN(1e9))).In(z))
				check(time.Unix(edge+d-int64(d%60), 0).In(z))
			}
		}
		for range 2000 {
			check(time.Unix(r.Int64N(2*endYearSec)-endYearSec, 0).In(z))
		}
		check(time.Time{}.In(z))
		check(time.Unix(1<<62, 0).In(z))
		check(time.Unix(-(1 << 62), 0).In(z))
	}
}

// referenceID is the rule IsValidID states, rune by rune.
func referenceID(s string) bool {
	if s == "" || len(s) > MaxIDLength || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || canonjson.IsNoncharacter(r) {
			return false
		}
	}
	return true
}

func TestIsValidIDAgreesWithItsRule(t *testing.T) {
	pieces := []string{"a", "Z", "0", "-", "~", "\"", "\\", " ", "\t", "\x00", "\x1f", "\x7f", "\x80", "\xff", "é",
		"\u00a0", "\u2028", "\ufffe", "\U0010ffff", "漢", strings.Repeat("x", 60)}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100_000 {
		var b strings.Builder
		for n := r.IntN(8); n > 0; n-- {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if s := b.String(); IsValidID(s) != referenceID(s) {
			t.Fatalf("%q: IsValidID %v, the rule %v", s, IsValidID(s), referenceID(s))
		}
	}
}

// TestIsValidIDEveryPosition puts each byte value at each position of
// IDs of every length around the eight-byte words IsValidID reads.
func TestIsValidIDEveryPosition(t *testing.T) {
	for n := 1; n <= 40; n++ {
		for pos := range n {
			for c := range 256 {
				b := []byte(strings.Repeat("a", n))
				b[pos] = byte(c)
				if s := string(b); IsValidID(s) != referenceID(s) {
					t.Fatalf("%q: IsValidID %v, the rule %v", s, IsValidID(s), referenceID(s))
				}
			}
		}
	}
}
