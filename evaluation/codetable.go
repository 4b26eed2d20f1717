package evaluation

import "github.com/grassrootsgov/grassroots/internal/exact"

// codeTable maps the few leaf codes of a system to their index faster
// than a map: an FNV-1a hash (exact.FNV1a32) into a power-of-two table
// probed linearly.
// It is built once per call and never grows; a code that is not in it
// costs at most one probe per entry.
type codeTable struct {
	mask  uint32
	slots []codeSlot
}

type codeSlot struct {
	code string
	idx  int // index + 1; 0 marks an empty slot
}

func newCodeTable(codes []string) codeTable {
	size := 8
	for size < 4*len(codes) {
		size *= 2
	}
	t := codeTable{mask: uint32(size - 1), slots: make([]codeSlot, size)}
	for i, c := range codes {
		h := exact.FNV1a32(c) & t.mask
		for t.slots[h].idx != 0 {
			h = (h + 1) & t.mask
		}
		t.slots[h] = codeSlot{code: c, idx: i + 1}
	}
	return t
}

func (t codeTable) lookup(code string) (int, bool) {
	h := exact.FNV1a32(code) & t.mask
	for {
		s := &t.slots[h]
		if s.idx == 0 {
			return 0, false
		}
		if s.code == code {
			return s.idx - 1, true
		}
		h = (h + 1) & t.mask
	}
}
