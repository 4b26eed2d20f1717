package mechanism

import (
	"math"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/grassrootsgov/grassroots/incident"
)

// secondsPerYear is the length of the year the matter rate is given for:
// 365 days.
const secondsPerYear = 365 * 24 * 60 * 60

var perThousandYears = decimal.NewFromInt(1000 * secondsPerYear)

// MatterRate returns the matters received per 1,000 residents a year, the
// volume of the community's governance load: received × 1,000 × 365 days
// / (residents × the period's length). Numerator and denominator are in
// seconds (365 days are 31,536,000 s), so a calendar year of 365 days
// gives received × 1,000 / residents, and a leap year 365/366 of it. It is
// not OK when residents are not known (0) or the period is open or
// empty.
//
// 690 matters in 2025 among 5,000 residents give 138.
func (in *Inputs) MatterRate() Metric {
	in = in.zeroIfNil()
	d := in.Period.Duration()
	if in.Residents <= 0 || d <= 0 {
		return newMetric(MatterRate, "", zero, zero)
	}
	received := in.Incidents.Received
	if d%time.Second == 0 && received >= 0 && received <= math.MaxInt64/(1000*secondsPerYear) &&
		in.Residents <= math.MaxInt64/int64(d/time.Second) {
		// Whole seconds and no overflow, as for every real period: one
		// decimal each side.
		num := decimal.NewFromInt(received * 1000 * secondsPerYear)
		den := decimal.NewFromInt(in.Residents * int64(d/time.Second))
		return newMetric(MatterRate, "", num, den)
	}
	num := decimal.NewFromInt(received).Mul(perThousandYears)
	den := decimal.NewFromInt(in.Residents).Mul(decimal.New(int64(d/time.Nanosecond), -9))
	return newMetric(MatterRate, "", num, den)
}

// PlatformSpread returns how widely the community's matters spread over
// the four platforms for grassroots governance: the Gini–Simpson index 1 −
// Σ sᵢ² of the platforms' shares sᵢ of the routed matters, divided by its
// largest value 1 − 1/4, so that 0 means every matter went to one
// platform and 1 an even split over all four. Written over integers it is
// 4 × (N² − Σ nᵢ²) / (3 × N²), N the routed matters and nᵢ a platform's.
// Unrouted matters take no part. It is not OK when Platforms is empty or
// counts no matter.
//
// Each platform gathers its own departments (law enforcement: urban
// management; market supervision: the market regulator; comprehensive
// governance: public security, justice, petitions; public services: civil
// affairs and utilities), so a wide spread means many departments'
// matters to handle in one community.
func (s IncidentStats) PlatformSpread() Metric {
	k := int64(platformCount())
	var n, sq int64
	small := true
	for _, c := range s.Platforms {
		if c.Received < 0 || c.Received > maxSpreadCount {
			small = false
			break
		}
		n += c.Received
		sq += c.Received * c.Received
	}
	if small && n <= maxSpreadCount {
		// Counts below 2^28 keep k × n² within int64.
		return ratio(PlatformSpread, "", k*(n*n-sq), (k-1)*n*n)
	}
	return s.platformSpreadByDecimal(k)
}

// maxSpreadCount bounds the counts PlatformSpread squares in int64.
const maxSpreadCount = 1 << 28

func (s IncidentStats) platformSpreadByDecimal(k int64) Metric {
	var n, sq decimal.Decimal = zero, zero
	for _, c := range s.Platforms {
		x := decimal.NewFromInt(c.Received)
		n = n.Add(x)
		sq = sq.Add(x.Mul(x))
	}
	kd := decimal.NewFromInt(k)
	n2 := n.Mul(n)
	return newMetric(PlatformSpread, "", kd.Mul(n2.Sub(sq)), kd.Sub(one).Mul(n2))
}

// platforms lists incident's platforms, which the spread is taken over.
var platforms = sync.OnceValue(func() []incident.Platform {
	var out []incident.Platform
	for p := incident.Platform(1); p.IsValid(); p++ {
		out = append(out, p)
	}
	return out
})

func platformCount() int { return len(platforms()) }

// platformNames lists the platforms' wire names for messages.
func platformNames() string {
	names := make([]string, 0, platformCount())
	for _, p := range platforms() {
		names = append(names, p.String())
	}
	return strings.Join(names, ", ")
}
