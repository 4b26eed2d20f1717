package workday

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// This file checks the lunar table against an independent computation,
// with the algorithms of Jean Meeus, Astronomical Algorithms (2nd ed.,
// Willmann-Bell 1998): the Sun's apparent longitude to about 0.01°
// (chapter 25, low accuracy; about a quarter of an hour in time) and the
// instants of new moon to about a minute (chapter 49). The Chinese
// calendar starts each month on the day (UTC+8) of a new moon, and the
// n-th month is the one that holds the n-th principal solar term (中气)
// counted from 雨水; Qingming is the day the Sun's longitude reaches 15°.
// Instants that fall within a margin of local midnight are left out, as
// the approximations cannot decide their day.

const degree = math.Pi / 180

// julianDay returns the Julian Day of t.
func julianDay(t time.Time) float64 {
	return float64(t.Unix())/86400 + 2440587.5
}

// fromJulianDay returns the instant of Julian Day jd.
func fromJulianDay(jd float64) time.Time {
	return time.Unix(0, int64((jd-2440587.5)*86400*1e9)).UTC()
}

// deltaT returns TT − UT in seconds, by the polynomials of Espenak and
// Meeus (NASA, Five Millennium Canon of Solar Eclipses, 2006).
func deltaT(year float64) float64 {
	if year < 2050 {
		t := year - 2000
		return 62.92 + 0.32217*t + 0.005589*t*t
	}
	u := (year - 1820) / 100
	return -20 + 32*u*u - 0.5628*(2150-year)
}

// ttToUT converts a Julian Ephemeris Day to an instant in UT.
func ttToUT(jde float64) time.Time {
	t := fromJulianDay(jde)
	return t.Add(-time.Duration(deltaT(float64(t.Year())+float64(t.YearDay())/365) * float64(time.Second)))
}

func normDeg(x float64) float64 {
	x = math.Mod(x, 360)
	if x < 0 {
		x += 360
	}
	return x
}

// sunLongitude returns the Sun's apparent longitude in degrees at Julian
// Ephemeris Day jde (Meeus chapter 25).
func sunLongitude(jde float64) float64 {
	T := (jde - 2451545) / 36525
	L0 := 280.46646 + 36000.76983*T + 0.0003032*T*T
	M := (357.52911 + 35999.05029*T - 0.0001537*T*T) * degree
	C := (1.914602-0.004817*T-0.000014*T*T)*math.Sin(M) + (0.019993-0.000101*T)*math.Sin(2*M) + 0.000289*math.Sin(3*M)
	omega := (125.04 - 1934.136*T) * degree
	return normDeg(L0 + C - 0.00569 - 0.00478*math.Sin(omega))
}

// solarTerm returns the instant (UT) at which the Sun's apparent
// longitude reaches lon degrees, searching from near.
func solarTerm(lon float64, near time.Time) time.Time {
	jde := julianDay(near)
	for range 20 {
		d := lon - sunLongitude(jde)
		d = math.Mod(d+540, 360) - 180
		jde += d / 0.98564736
	}
	return ttToUT(jde)
}

// newMoon returns the instant (UT) of the new moon of lunation k, counted
// from the one of 6 January 2000 (Meeus chapter 49).
func newMoon(k float64) time.Time {
	T := k / 1236.85
	jde := 2451550.09766 + 29.530588861*k + 0.00015437*T*T - 0.000000150*T*T*T + 0.00000000073*T*T*T*T
	E := 1 - 0.002516*T - 0.0000074*T*T
	M := (2.5534 + 29.10535670*k - 0.0000014*T*T - 0.00000011*T*T*T) * degree
	Mp := (201.5643 + 385.81693528*k + 0.0107582*T*T + 0.00001238*T*T*T - 0.000000058*T*T*T*T) * degree
	F := (160.7108 + 390.67050284*k - 0.0016118*T*T - 0.00000227*T*T*T + 0.000000011*T*T*T*T) * degree
	om := (124.7746 - 1.56375588*k + 0.0020672*T*T + 0.00000215*T*T*T) * degree
	sin := math.Sin
	jde += -0.40720*sin(Mp) + 0.17241*E*sin(M) + 0.01608*sin(2*Mp) + 0.01039*sin(2*F) +
		0.00739*E*sin(Mp-M) - 0.00514*E*sin(Mp+M) + 0.00208*E*E*sin(2*M) - 0.00111*sin(Mp-2*F) -
		0.00057*sin(Mp+2*F) + 0.00056*E*sin(2*Mp+M) - 0.00042*sin(3*Mp) + 0.00042*E*sin(M+2*F) +
		0.00038*E*sin(M-2*F) - 0.00024*E*sin(2*Mp-M) - 0.00017*sin(om) - 0.00007*sin(Mp+2*M) +
		0.00004*sin(2*Mp-2*F) + 0.00004*sin(3*M) + 0.00003*sin(Mp+M-2*F) + 0.00003*sin(2*Mp+2*F) -
		0.00003*sin(Mp+M+2*F) + 0.00003*sin(Mp-M+2*F) - 0.00002*sin(Mp-M-2*F) - 0.00002*sin(3*Mp+M) +
		0.00002*sin(4*Mp)
	planetary := [14][3]float64{
		{299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
		{349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062},
		{207.14, 2.453732, 0.000060}, {154.84, 7.306860, 0.000056}, {34.52, 27.261239, 0.000047},
		{207.19, 0.121824, 0.000042}, {291.34, 1.844379, 0.000040}, {161.72, 24.198154, 0.000037},
		{239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023},
	}
	for i, p := range planetary {
		a := p[0] + p[1]*k
		if i == 0 {
			a -= 0.009173 * T * T
		}
		jde += p[2] * sin(a*degree)
	}
	return ttToUT(jde)
}

// lunation returns the lunation k whose new moon begins the lunar month
// holding d (the last new moon before the end of d, UTC+8).
func lunation(d Date) float64 {
	endOfDay := d.AddDays(1).midnight(shanghai)
	k := math.Floor((julianDay(endOfDay) - 2451550.09766) / 29.530588861)
	for newMoon(k + 1).Before(endOfDay) {
		k++
	}
	for !newMoon(k).Before(endOfDay) {
		k--
	}
	return k
}

// nearMidnight reports whether t lies within margin of a midnight UTC+8.
func nearMidnight(t time.Time, margin time.Duration) bool {
	l := t.In(shanghai)
	since := time.Duration(l.Hour())*time.Hour + time.Duration(l.Minute())*time.Minute + time.Duration(l.Second())*time.Second
	return since < margin || 24*time.Hour-since < margin
}

func TestLunarTableAgreesWithAstronomy(t *testing.T) {
	const moonMargin, sunMargin = 10 * time.Minute, 30 * time.Minute
	for y := FirstRuleYear; y <= LastRuleYear; y++ {
		eve, duanwu, zhongqiu, qingming := festivalDates(y)
		// 正月 is the second month after the one that holds the winter
		// solstice (270°), or the third when a leap month comes between
		// them (闰十一月 of 2033).
		solstice := solarTerm(270, time.Date(y-1, time.December, 21, 0, 0, 0, 0, time.UTC))
		newYear := eve.AddDays(1)
		k := lunation(newYear)
		if nearMidnight(newMoon(k), moonMargin) || nearMidnight(solstice, sunMargin) {
			t.Logf("%d 正月: new moon at %s or solstice at %s too near midnight to check", y, newMoon(k).In(shanghai), solstice.In(shanghai))
		} else {
			assert.Equal(t, newYear, DateOf(newMoon(k).In(shanghai)), "%d 正月 begins on the day of a new moon (%s)", y, newMoon(k).In(shanghai))
			after := k - lunation(DateOf(solstice.In(shanghai)))
			assert.True(t, after == 2 || after == 3, "%d 正月 is the second or third month after the solstice's, got %v", y, after)
			if after == 3 {
				t.Logf("%d: a leap month between the solstice and 正月", y)
			}
		}
		months := []struct {
			name      string
			first     Date    // the first day of the lunar month
			principal float64 // the longitude of the principal term it holds
		}{
			{"五月", duanwu.AddDays(-4), 90},
			{"八月", zhongqiu.AddDays(-14), 180},
		}
		for _, m := range months {
			k := lunation(m.first)
			nm, next := newMoon(k), newMoon(k+1)
			if nearMidnight(nm, moonMargin) || nearMidnight(next, moonMargin) {
				t.Logf("%d %s: new moon at %s or %s too near midnight to check", y, m.name, nm.In(shanghai), next.In(shanghai))
				continue
			}
			assert.Equal(t, m.first, DateOf(nm.In(shanghai)), "%d %s begins on the day of a new moon (%s)", y, m.name, nm.In(shanghai))
			term := solarTerm(m.principal, nm.Add(15*24*time.Hour))
			if nearMidnight(term, sunMargin) {
				t.Logf("%d %s: principal term at %s too near midnight to check", y, m.name, term.In(shanghai))
				continue
			}
			td := DateOf(term.In(shanghai))
			if y == 2033 && m.name == "八月" {
				// The "2033 problem": by GB/T 33661-2017 (农历的编算和颁行)
				// the eighth month of 2033 holds no principal term; 秋分
				// falls on the first day of the ninth, and a leap month
				// follows the eleventh.
				assert.Equal(t, DateOf(next.In(shanghai)), td, "2033 秋分 opens the ninth month")
				continue
			}
			assert.True(t, td.Compare(m.first) >= 0 && td.Compare(DateOf(next.In(shanghai))) < 0,
				"%d %s (%s to %s) holds the principal term at %d° (%s)", y, m.name, m.first, DateOf(next.In(shanghai)), int(m.principal), term.In(shanghai))
		}
		qm := solarTerm(15, time.Date(y, time.April, 5, 0, 0, 0, 0, time.UTC))
		if nearMidnight(qm, sunMargin) {
			t.Logf("%d 清明: the term at %s is too near midnight to check", y, qm.In(shanghai))
			continue
		}
		assert.Equal(t, qingming, DateOf(qm.In(shanghai)), "%d 清明 is the day the Sun reaches 15° (%s)", y, qm.In(shanghai))
	}
}
