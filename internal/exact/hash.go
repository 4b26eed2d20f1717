package exact

// FNV-1a parameters for 32 bits (draft-eastlake-fnv; the same as
// hash/fnv's New32a).
const (
	fnvOffset32 = 2166136261
	fnvPrime32  = 16777619
)

// FNV1a32 returns the 32-bit FNV-1a hash of s, the value hash/fnv's
// New32a computes, without allocating: the SDK's small open-addressing
// tables use it where a map lookup costs twice as much. It is a fixed
// function, the same in every process, so anything built on it is
// deterministic; it is no defence against chosen collisions.
func FNV1a32(s string) uint32 {
	h := uint32(fnvOffset32)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= fnvPrime32
	}
	return h
}
