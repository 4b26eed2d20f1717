package canonjson

import (
	"strings"
	"testing"
)

// benchDocument is an event's data of the size and nesting the SDK writes:
// an object of objects and arrays with strings, numbers and escapes.
func benchDocument() []byte {
	var b strings.Builder
	b.WriteString(`{"aggregate_id":"inc-2026-000123","command_id":"cmd-77","actor":{"id":"worker-12","role":"grid_worker"},"at":"2026-03-01T08:30:00+08:00","items":[`)
	for i := range 32 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"z":1.50,"a":"line\nbreak","m":[1,2,3e2,{"k":true,"j":null}],"code":"110105001001"}`)
	}
	b.WriteString(`],"note":"caf\u00e9 \u8857\u9053"}`)
	return []byte(b.String())
}

func BenchmarkAppendExact(b *testing.B) {
	in := benchDocument()
	dst := make([]byte, 0, 2*len(in))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if dst, err = AppendExact(dst[:0], in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendExactCanonical measures input already in canonical form,
// as stored event data is.
func BenchmarkAppendExactCanonical(b *testing.B) {
	in, err := AppendExact(nil, benchDocument())
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]byte, 0, 2*len(in))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if dst, err = AppendExact(dst[:0], in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIsCanonical measures the check alone on canonical input.
func BenchmarkIsCanonical(b *testing.B) {
	in, err := AppendExact(nil, benchDocument())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if !IsCanonical(in) {
			b.Fatal("not canonical")
		}
	}
}

// eventData is the data of an incident report as the SDK stores it.
const eventData = `{"accept_term":{"end":"2025-11-24T11:00:00+08:00","start":"2025-11-24T09:00:00+08:00","working":true},"actor":{"id":"resident-1","party":"resident"},"aggregate_id":"inc-000001","at":"2025-11-24T09:00:00+08:00","category":"002","channel":"app","command_id":"inc-000001-report-0","contact":{"name":"张*","phone":"138****5678"},"description":"garbage heaped at the lane entrance","grid":"330302001001001","location":{"coordinates":[120.6994,27.9943],"crs":"gcj02"},"media":["https://example.org/p/1.jpg"],"priority":"normal"}`

// BenchmarkIsCanonicalEvent measures the check on one event's data.
func BenchmarkIsCanonicalEvent(b *testing.B) {
	in := []byte(eventData)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if !IsCanonical(in) {
			b.Fatal("not canonical")
		}
	}
}
