package mechanism

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/grassrootsgov/grassroots"
)

// FuzzDecodeInputs decodes arbitrary JSON as Inputs. Whatever decodes
// and validates must survive a JSON round trip unchanged, be assessed
// without error, and give metrics whose values are their numerators over
// their denominators; whatever fails validation must be rejected by
// Assess.
func FuzzDecodeInputs(f *testing.F) {
	seed, err := json.Marshal(handInputs())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"community":"S","period":{"start":"2021-06-01T00:00:00Z"},"participation":{"registered_users":13955,"posts":547}}`))
	f.Add([]byte(`{"community":"x","period":{"start":"2021-06-01T00:00:00Z"},"tasks":[{"function":"f","performer":"provider","count":1,"standard_hours":"1e9999"}]}`))
	f.Add([]byte(`{"community":"x","catalogue":{"hub":"h","systems":["h"],"links":[{"from":"h","to":"h","latency":"batch","level":9}]}}`))
	if b, err := os.ReadFile(conformanceDir + "/metrics.json"); err == nil {
		var vs []struct {
			Input struct {
				Inputs json.RawMessage `json:"inputs"`
			} `json:"input"`
		}
		if json.Unmarshal(b, &vs) == nil {
			for _, v := range vs {
				f.Add([]byte(v.Input.Inputs))
			}
		}
	}
	cfg := DefaultConfig()
	f.Fuzz(func(t *testing.T, data []byte) {
		var in Inputs
		if json.Unmarshal(data, &in) != nil {
			return
		}
		if err := in.Validate(); err != nil {
			if !errors.Is(err, grassroots.ErrInvalid) {
				t.Fatalf("Validate error %v does not match ErrInvalid", err)
			}
			if _, err := Assess(in, cfg); err == nil {
				t.Fatalf("Assess accepted inputs that Validate rejects")
			}
			return
		}
		first, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("valid inputs do not marshal: %v", err)
		}
		var back Inputs
		if err := json.Unmarshal(first, &back); err != nil {
			t.Fatalf("marshalled inputs do not decode: %v\n%s", err, first)
		}
		second, err := json.Marshal(back)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("round trip changed inputs:\n%s\n%s", first, second)
		}
		a, err := Assess(in, cfg)
		if err != nil {
			t.Fatalf("Assess rejected valid inputs: %v", err)
		}
		for _, g := range a.Groups {
			for _, m := range g.Metrics {
				if m.OK && !m.Numerator.DivRound(m.Denominator, Scale).Equal(m.Value) {
					t.Fatalf("%s: %s is not %s / %s", m.Code, m.Value, m.Numerator, m.Denominator)
				}
			}
		}
	})
}

// FuzzDecodeConfig decodes arbitrary JSON over DefaultConfig. A config
// that validates must round-trip through JSON unchanged and work with
// Assess; one that does not must make Assess fail.
func FuzzDecodeConfig(f *testing.F) {
	seed, err := json.Marshal(DefaultConfig())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"hours_per_fte":"1760","weighting":"standard_hours","targets":{"median_time_to_close":"24"}}`))
	f.Add([]byte(`{"conditional_weight":"1.5","recommend":{"low":"0.7","high":"0.6"},"highlights":-1}`))
	f.Add([]byte(`{"weights":{"closure_rate":"0"},"profile_targets":{"activity_intensity":"1e-30"}}`))
	in := handInputs()
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg := DefaultConfig()
		if json.Unmarshal(data, &cfg) != nil {
			return
		}
		if err := cfg.Validate(); err != nil {
			if _, err := Assess(in, cfg); err == nil {
				t.Fatalf("Assess accepted a config that Validate rejects")
			}
			return
		}
		first, err := json.Marshal(cfg)
		if err != nil {
			t.Fatalf("valid config does not marshal: %v", err)
		}
		var back Config
		if err := json.Unmarshal(first, &back); err != nil {
			t.Fatalf("marshalled config does not decode: %v\n%s", err, first)
		}
		second, err := json.Marshal(back)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Fatalf("round trip changed config:\n%s\n%s", first, second)
		}
		if _, err := Assess(in, cfg); err != nil {
			t.Fatalf("Assess rejected a valid config: %v", err)
		}
	})
}
