package risk

import (
	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/internal/enum"
	"github.com/grassrootsgov/grassroots/internal/validate"
)

// AlertLevel is a warning level of the four-level early-warning system of
// the Emergency Response Law of the PRC (《中华人民共和国突发事件应对法》,
// as revised on 28 June 2024 and in force since 1 November 2024, Chapter
// IV, Monitoring and Early Warning; Art. 42 of the 2007 text): levels one
// to four, marked I (red), II (orange), III (yellow) and IV (blue). Level
// I is the HIGHEST; there is no green level.
//
// Because the numbering runs against severity, never compare alert levels
// with < or >: use Above. The zero value means "no alert" and is not a
// valid level.
type AlertLevel uint8

// The alert levels, highest first.
const (
	AlertI AlertLevel = iota + 1
	AlertII
	AlertIII
	AlertIV
)

var alertLevelNames = enum.New[AlertLevel]("risk.AlertLevel", "i", "ii", "iii", "iv")

// IsValid reports whether a is one of the AlertLevel values.
func (a AlertLevel) IsValid() bool { return alertLevelNames.Valid(a) }

// String returns the wire name of a, or "AlertLevel(N)" for an invalid value.
func (a AlertLevel) String() string { return alertLevelNames.String(a) }

// AppendText appends the wire name of a to b; an invalid value is an error.
func (a AlertLevel) AppendText(b []byte) ([]byte, error) { return alertLevelNames.Append(b, a) }

// MarshalText returns the wire name of a; an invalid value is an error.
func (a AlertLevel) MarshalText() ([]byte, error) { return alertLevelNames.Marshal(a) }

// UnmarshalText sets *a to the value named by b; on error *a is unchanged.
func (a *AlertLevel) UnmarshalText(b []byte) error { return alertLevelNames.Unmarshal(a, b) }

// ParseAlertLevel returns the AlertLevel named s; an unknown name is a *grassroots.UnknownNameError.
func ParseAlertLevel(s string) (AlertLevel, error) { return alertLevelNames.Parse(s) }

// The printed forms of the alert levels, indexed by value.
var (
	alertRoman   = []string{"", "I", "II", "III", "IV"}
	alertColours = []string{"", "red", "orange", "yellow", "blue"}
)

// AlertLevels returns every alert level, highest first.
func AlertLevels() []AlertLevel { return alertLevelNames.Values() }

// Roman returns the level as printed in notices: "I" … "IV"; "" when
// invalid.
func (a AlertLevel) Roman() string {
	if !a.IsValid() {
		return ""
	}
	return alertRoman[a]
}

// Colour returns the level's colour: "red", "orange", "yellow" or "blue";
// "" when invalid.
func (a AlertLevel) Colour() string {
	if !a.IsValid() {
		return ""
	}
	return alertColours[a]
}

// Above reports whether a is a more severe warning than b. Any valid level
// is above "no alert" (the zero value).
func (a AlertLevel) Above(b AlertLevel) bool {
	if !a.IsValid() {
		return false
	}
	return !b.IsValid() || a < b
}

// AlertMapping is the configuration that turns an assessed Level into the
// AlertLevel to issue. Each field is the alert for that level; the zero
// value of a field means "issue no alert".
//
// DefaultAlertMapping is the documented default; a vendor whose policy
// differs builds its own value.
type AlertMapping struct {
	VeryHigh AlertLevel `json:"very_high,omitempty"`
	High     AlertLevel `json:"high,omitempty"`
	Moderate AlertLevel `json:"moderate,omitempty"`
	Low      AlertLevel `json:"low,omitempty"`
	VeryLow  AlertLevel `json:"very_low,omitempty"`
}

// DefaultAlertMapping returns the default mapping: very high → I (red),
// high → II (orange), moderate → III (yellow), low → IV (blue), very low →
// no alert. It follows the four warning levels of the Emergency Response
// Law one to one onto the four upper NIST SP 800-30 levels, so the most
// severe assessed level gets the most severe warning.
func DefaultAlertMapping() AlertMapping {
	return AlertMapping{VeryHigh: AlertI, High: AlertII, Moderate: AlertIII, Low: AlertIV}
}

// For returns the alert for level l and whether one is to be issued.
// An invalid level gives no alert.
func (m AlertMapping) For(l Level) (AlertLevel, bool) {
	var a AlertLevel
	switch l {
	case VeryHigh:
		a = m.VeryHigh
	case High:
		a = m.High
	case Moderate:
		a = m.Moderate
	case Low:
		a = m.Low
	case VeryLow:
		a = m.VeryLow
	}
	return a, a.IsValid()
}

// Validate checks that every set field is a valid alert level and that a
// higher risk level never maps to a lower alert than a lower risk level.
func (m AlertMapping) Validate() error {
	var p validate.Problems
	fields := []struct {
		path string
		a    AlertLevel
	}{{"very_low", m.VeryLow}, {"low", m.Low}, {"moderate", m.Moderate}, {"high", m.High}, {"very_high", m.VeryHigh}}
	var prev AlertLevel
	prevPath := ""
	for _, f := range fields {
		if f.a != 0 && !f.a.IsValid() {
			p.Add(f.path, grassroots.RuleEnum, alertLevelNames.Problem(f.a))
			continue
		}
		if prev.Above(f.a) {
			p.Addf(f.path, grassroots.RuleOrder, "a higher risk level must not get a lower alert: %s is %s, below %s's %s", f.path, alertOrNone(f.a), prevPath, prev.Roman())
		}
		if f.a.IsValid() {
			prev, prevPath = f.a, f.path
		}
	}
	return p.Err()
}

func alertOrNone(a AlertLevel) string {
	if !a.IsValid() {
		return "no alert"
	}
	return a.Roman()
}
