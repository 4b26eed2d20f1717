package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// Datetime is a GeoReport v2 datetime. It is written in RFC 3339 with the
// offset of its location and whole seconds (fractions are truncated,
// because deployed servers reject them), and read from RFC 3339 text that
// must carry "Z" or "±hh:mm"; fractions are accepted on input. The zero
// Datetime means "absent": it is written as JSON null and omitted from XML,
// and JSON null or "" reads as zero.
type Datetime struct {
	time.Time
}

// DatetimeOf returns t as a Datetime truncated to whole seconds.
func DatetimeOf(t time.Time) Datetime {
	if t.IsZero() {
		return Datetime{}
	}
	return Datetime{t.Truncate(time.Second)}
}

// ParseDatetime parses RFC 3339 text with an offset.
func ParseDatetime(s string) (Datetime, error) {
	if s == "" {
		return Datetime{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || !hasOffset(s) {
		return Datetime{}, fmt.Errorf("%w: %q", ErrInvalidDatetime, s)
	}
	return Datetime{t}, nil
}

// hasOffset reports whether RFC 3339 text ends in "Z" or "±hh:mm";
// time.Parse already checked the rest.
func hasOffset(s string) bool {
	if strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z") {
		return true
	}
	return len(s) >= 6 && (s[len(s)-6] == '+' || s[len(s)-6] == '-') && s[len(s)-3] == ':'
}

// String returns the wire form, or "" for the zero Datetime.
func (d Datetime) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Truncate(time.Second).Format(time.RFC3339)
}

// MarshalText writes the wire form; the zero Datetime writes nothing.
func (d Datetime) MarshalText() ([]byte, error) {
	if !d.IsZero() && (d.Year() < 0 || d.Year() > 9999) {
		return nil, fmt.Errorf("%w: year %d outside 0-9999", ErrInvalidDatetime, d.Year())
	}
	return []byte(d.String()), nil
}

// AppendText appends the wire form to b, as MarshalText writes it.
func (d Datetime) AppendText(b []byte) ([]byte, error) {
	t, err := d.MarshalText()
	if err != nil {
		return b, err
	}
	return append(b, t...), nil
}

// UnmarshalText parses the wire form; on error *d is unchanged.
func (d *Datetime) UnmarshalText(b []byte) error {
	v, err := ParseDatetime(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON writes the wire form as a JSON string, or null when zero.
func (d Datetime) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	b, err := d.MarshalText()
	if err != nil {
		return nil, err
	}
	return json.Marshal(string(b))
}

// UnmarshalJSON reads a JSON string or null; on error *d is unchanged.
func (d *Datetime) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*d = Datetime{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%w: %s", ErrInvalidDatetime, b)
	}
	return d.UnmarshalText([]byte(s))
}

// MarshalXML writes the element with the wire form, or nothing when zero.
func (d Datetime) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if d.IsZero() {
		return nil
	}
	b, err := d.MarshalText()
	if err != nil {
		return err
	}
	return e.EncodeElement(string(b), start)
}

// UnmarshalXML reads the element's text; on error *d is unchanged.
func (d *Datetime) UnmarshalXML(dec *xml.Decoder, start xml.StartElement) error {
	var s string
	if err := dec.DecodeElement(&s, &start); err != nil {
		return err
	}
	return d.UnmarshalText([]byte(strings.TrimSpace(s)))
}
