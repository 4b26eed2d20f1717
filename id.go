package grassroots

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"
)

// NewID returns a UUIDv7 (RFC 9562) string whose timestamp is at, with its
// 74 random bits read from r. Because the caller supplies both the time and
// the randomness, IDs are reproducible in tests and simulations, and
// time-ordered in storage. Pass crypto/rand.Reader in production.
//
// An error from r is returned as is; at before the Unix epoch or after
// the year 10889 is an error.
func NewID(at time.Time, r io.Reader) (string, error) {
	ms := at.UnixMilli()
	if ms < 0 || ms >= 1<<48 {
		return "", fmt.Errorf("grassroots: time %s outside the UUIDv7 range", at.Format(time.RFC3339))
	}
	if r == nil {
		return "", errors.New("grassroots: no source of randomness for an ID (a nil io.Reader); pass crypto/rand.Reader")
	}
	var u uuid.UUID
	if _, err := io.ReadFull(r, u[6:]); err != nil {
		return "", fmt.Errorf("grassroots: reading randomness for an ID: %w", err)
	}
	u[0] = byte(ms >> 40)
	u[1] = byte(ms >> 32)
	u[2] = byte(ms >> 24)
	u[3] = byte(ms >> 16)
	u[4] = byte(ms >> 8)
	u[5] = byte(ms)
	u[6] = 0x70 | (u[6] & 0x0F) // version 7
	u[8] = 0x80 | (u[8] & 0x3F) // RFC 9562 variant
	return u.String(), nil
}
