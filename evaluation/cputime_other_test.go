//go:build !unix

package evaluation

import "time"

func processCPU() (time.Duration, bool) { return 0, false }
