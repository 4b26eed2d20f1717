package provider

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPartialDateSpans(t *testing.T) {
	cst := ChinaStandardTime()
	cases := []struct {
		in         string
		precision  Precision
		start, end time.Time
	}{
		{"2021", PrecisionYear, time.Date(2021, 1, 1, 0, 0, 0, 0, cst), time.Date(2022, 1, 1, 0, 0, 0, 0, cst)},
		{"2021-06", PrecisionMonth, time.Date(2021, 6, 1, 0, 0, 0, 0, cst), time.Date(2021, 7, 1, 0, 0, 0, 0, cst)},
		{"2021-12", PrecisionMonth, time.Date(2021, 12, 1, 0, 0, 0, 0, cst), time.Date(2022, 1, 1, 0, 0, 0, 0, cst)},
		{"2024-02-29", PrecisionDay, time.Date(2024, 2, 29, 0, 0, 0, 0, cst), time.Date(2024, 3, 1, 0, 0, 0, 0, cst)},
		{"1971-12-31", PrecisionDay, time.Date(1971, 12, 31, 0, 0, 0, 0, cst), time.Date(1972, 1, 1, 0, 0, 0, 0, cst)},
	}
	for _, tc := range cases {
		d, err := ParsePartialDate(tc.in)
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.precision, d.Precision(), tc.in)
		assert.True(t, tc.start.Equal(d.Start(cst)), "%s start: %v", tc.in, d.Start(cst))
		assert.True(t, tc.end.Equal(d.End(cst)), "%s end: %v", tc.in, d.End(cst))
		assert.Equal(t, tc.in, d.String(), "round trip %s", tc.in)
	}
}

func TestPartialDateNilLocationIsUTC(t *testing.T) {
	d, err := ParsePartialDate("2021-06-15")
	require.NoError(t, err)
	assert.True(t, d.Start(nil).Equal(time.Date(2021, 6, 15, 0, 0, 0, 0, time.UTC)))
}

func TestPartialDateRejects(t *testing.T) {
	for _, in := range []string{"21", "2021-6", "2021-13", "2021-00", "2021-02-29", "2021-04-31", "0000", "2021/06", "2021-06-1x", "20210615", "2021-06-15T00:00"} {
		_, err := ParsePartialDate(in)
		assert.ErrorIs(t, err, ErrPartialDate, in)
	}
}

func TestPartialDateZero(t *testing.T) {
	d, err := ParsePartialDate("")
	require.NoError(t, err)
	assert.True(t, d.IsZero())
	assert.True(t, d.Start(nil).IsZero())
	assert.True(t, d.End(nil).IsZero(), "a zero end date is an open end")
	assert.Equal(t, "", d.String())
}

func TestPartialDateText(t *testing.T) {
	var d PartialDate
	require.NoError(t, d.UnmarshalText([]byte("0987-03")))
	b, err := d.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "0987-03", string(b))
	assert.Error(t, d.UnmarshalText([]byte("x")))
	assert.Equal(t, "0987-03", d.String(), "unchanged on error")
	assert.Equal(t, "2026-11-27", PartialDateOf(time.Date(2026, 11, 27, 23, 0, 0, 0, time.UTC)).String())
}

func FuzzParsePartialDate(f *testing.F) {
	for _, s := range []string{"", "2021", "2021-06", "2024-02-29", "2021-02-29", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParsePartialDate(s)
		if err != nil {
			return
		}
		assert.Equal(t, s, d.String(), "parse → string is the identity")
		if !d.IsZero() {
			assert.True(t, d.End(nil).After(d.Start(nil)), "a span is never empty: %q", s)
		}
	})
}
