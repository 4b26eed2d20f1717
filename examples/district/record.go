package main

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/bits"
	"slices"
	"strconv"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
)

// How a stored year is checked against its run.
//
// Replay does not run the simulation again: it reads the store and
// nothing else, in one pass over the global log, so it proves what the
// store holds rather than what the program would do today. What it
// compares against is a record the run appends after every chain, under
// recordSubject, in a chain of its own of two events:
//
//  1. grassroots.district.year.v1, JSON: how the district was built (seed,
//     scale, grid file), how many matters and events the run stored, the
//     sum of the chain heads, and a SHA-256 of each section of the run's
//     year statistics (yearFigures): every tally the report and the
//     governance steps read, and the run's own counts.
//  2. grassroots.district.chains.v1, binary (data_base64): the length of
//     every matter's chain, a uvarint per matter in matter order.
//
// Replay rebuilds the district's places from the recorded seed and
// scale (the grids alone, drawn first from the seed; no matter is
// simulated), verifies every chain link by link while it decodes and
// evolves the events through the SDK's decider, folds each matter into
// the statistics when its chain reaches the recorded length, and compares
// the sections and the head sum with the record. The head sum covers
// every event, as each head's hash covers its chain; the lengths catch a
// chain cut short, which is still a valid chain.
//
// The record detects a store that disagrees with its run: an altered,
// dropped or added row, or a replay that folds differently. It is no
// signature: who can rewrite the database can rewrite the record too.

// recordSubject is the subject of the year's record in the store.
const recordSubject = "district-" + districtCode + "-year"

// yearRecord is the first event of the record.
type yearRecord struct {
	Seed     uint64 `json:"seed"`
	Scale    string `json:"scale"`
	GridFile string `json:"grid_file,omitempty"`
	CodeProp string `json:"code_prop,omitempty"`
	CRS      string `json:"crs,omitempty"`
	Year     int    `json:"year"`
	Matters  int    `json:"matters"`
	Chains   int    `json:"chains"`
	Events   int    `json:"events"`
	// Heads is the sum of the chain heads (see chainTally.sum).
	Heads string `json:"heads"`
	// Figures holds the SHA-256 of each section of yearFigures.
	Figures map[string]string `json:"figures"`

	lengths []uint32 // each matter's chain length, the record's second event
}

func newYearRecord(o options, w *world, c *chainTally, written int) (*yearRecord, error) {
	figs, err := yearFigures(w.fold)
	if err != nil {
		return nil, err
	}
	rec := &yearRecord{Seed: o.seed, Scale: o.scale, GridFile: o.gridFile, CodeProp: o.codeProp, Year: w.year,
		Matters: len(w.scripts), Chains: c.chains, Events: written, Heads: c.sum(), Figures: figs, lengths: c.lengths}
	if rec.GridFile != "" {
		rec.CRS = o.crs
	}
	if len(rec.lengths) > rec.Matters {
		return nil, fmt.Errorf("the store output saw matter %d of %d", len(rec.lengths), rec.Matters)
	}
	rec.lengths = append(rec.lengths, make([]uint32, rec.Matters-len(rec.lengths))...)
	return rec, nil
}

const (
	recordSource    = "/districts/" + districtCode + "/year"
	recordType      = "grassroots.district.year.v1"
	chainsType      = "grassroots.district.chains.v1"
	recordMediaType = "application/json"
	chainsMediaType = "application/octet-stream"
)

// seal returns the record's two events, sealed.
func (r *yearRecord) seal() ([]grassroots.Event, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var lengths []byte
	for _, n := range r.lengths {
		lengths = binary.AppendUvarint(lengths, uint64(n))
	}
	id := recordSubject + "-" + strconv.FormatUint(r.Seed, 10)
	first, err := grassroots.Seal(nil, grassroots.Event{ID: id + "-1", Source: recordSource, SpecVersion: "1.0", Type: recordType,
		Subject: recordSubject, DataContentType: recordMediaType, Data: data})
	if err != nil {
		return nil, fmt.Errorf("sealing the year's record: %w", err)
	}
	second, err := grassroots.Seal(&first, grassroots.Event{ID: id + "-2", Source: recordSource, SpecVersion: "1.0", Type: chainsType,
		Subject: recordSubject, DataContentType: chainsMediaType, DataBase64: lengths})
	if err != nil {
		return nil, fmt.Errorf("sealing the year's record: %w", err)
	}
	return []grassroots.Event{first, second}, nil
}

// readYearRecord reads the record back from its two events, verifying
// their chain.
func readYearRecord(envs []grassroots.Event) (*yearRecord, error) {
	if len(envs) != 2 || envs[0].Type != recordType || envs[1].Type != chainsType {
		return nil, fmt.Errorf("the store holds no year's record under %q (two events, %s and %s): was it written by -store?", recordSubject, recordType, chainsType)
	}
	if err := grassroots.VerifyChain(envs); err != nil {
		return nil, fmt.Errorf("the year's record: %w", err)
	}
	var r yearRecord
	if err := json.Unmarshal(envs[0].Data, &r); err != nil {
		return nil, fmt.Errorf("the year's record: %w", err)
	}
	b := envs[1].DataBase64
	r.lengths = make([]uint32, 0, r.Matters)
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > 1<<31 {
			return nil, fmt.Errorf("the year's record: chain length %d is malformed", len(r.lengths)+1)
		}
		r.lengths = append(r.lengths, uint32(n))
		b = b[k:]
	}
	if len(r.lengths) != r.Matters {
		return nil, fmt.Errorf("the year's record: %d chain lengths for %d matters", len(r.lengths), r.Matters)
	}
	return &r, nil
}

// chainTally sums up the chains appended: each matter's length, and a sum
// of the heads that does not depend on the order the chains come in.
type chainTally struct {
	lengths []uint32
	chains  int
	heads   [4]uint64 // a 256-bit sum, little-endian words
}

func (c *chainTally) add(idx int32, head grassroots.Event) {
	if int(idx) >= len(c.lengths) {
		c.lengths = append(c.lengths, make([]uint32, int(idx)+1-len(c.lengths))...)
	}
	c.lengths[idx] = uint32(head.Sequence)
	c.chains++
	// The sum of SHA-256(subject, sequence, hash) over the heads, modulo
	// 2²⁵⁶: a head that differs changes it, and two equal heads do not
	// cancel out as they would in an exclusive or.
	h := sha256.New()
	h.Write([]byte(head.Subject))
	h.Write([]byte{0})
	h.Write(strconv.AppendInt(nil, head.Sequence, 10))
	h.Write([]byte{0})
	h.Write([]byte(head.Hash))
	var d [sha256.Size]byte
	h.Sum(d[:0])
	var carry uint64
	for i := range c.heads {
		c.heads[i], carry = bits.Add64(c.heads[i], binary.LittleEndian.Uint64(d[8*i:]), carry)
	}
}

func (c *chainTally) sum() string {
	var b [32]byte
	for i, w := range c.heads {
		binary.LittleEndian.PutUint64(b[8*i:], w)
	}
	return hex.EncodeToString(b[:])
}

// yearFigures returns the SHA-256 of each section of the year's
// statistics as f holds them, named by section.
func yearFigures(f *yearFold) (map[string]string, error) {
	type community struct {
		Code       string           `json:"code"`
		Summary    incident.Summary `json:"summary"`
		ReportedBy [2]int64         `json:"reported_by"`
		HandledBy  [2]int64         `json:"handled_by"`
		Discovered int64            `json:"discovered"`
	}
	type keyCount struct {
		Key   string `json:"key"`
		Count int    `json:"count"`
	}
	sections := map[string]any{
		"by_platform": f.byPlatform.Summary(),
		"by_category": f.byCategory.Summary(),
		"by_grid":     f.byGrid.Summary(),
		"december":    f.december.Summary(),
	}
	for m, t := range f.months {
		sections[fmt.Sprintf("month_%02d", m+1)] = t.Summary()
	}
	var communities []community
	for _, c := range f.w.h.communities {
		row := community{Code: string(c)}
		if t := f.communities[c]; t != nil {
			row.Summary = t.Summary()
		}
		ct := f.tallies[c]
		row.ReportedBy, row.HandledBy, row.Discovered = ct.reportedBy, ct.handledBy, ct.discovered
		communities = append(communities, row)
	}
	sections["communities"] = communities
	sorted := func(m map[string]int) []keyCount {
		out := make([]keyCount, 0, len(m))
		for k, v := range m {
			out = append(out, keyCount{k, v})
		}
		slices.SortFunc(out, func(a, b keyCount) int { return cmp.Compare(a.Key, b.Key) })
		return out
	}
	counts := map[string]int{"escalated": f.escalated, "rated": f.rated}
	for c, n := range f.channels {
		counts["channel "+c.String()] = n
	}
	for s, n := range f.unrouted {
		counts["unrouted "+s.String()] = n
	}
	sections["counts"] = sorted(counts)
	escalated := map[string]int{}
	for g, n := range f.gridEscalated {
		escalated[string(g)] = n
	}
	sections["grid_escalated"] = sorted(escalated)
	closed := map[string]int{}
	for k, n := range f.closed {
		closed[fmt.Sprintf("%s %02d closed", k.g, k.m)] = n
	}
	for k, n := range f.late {
		closed[fmt.Sprintf("%s %02d late", k.g, k.m)] = n
	}
	sections["closed_by_grid_month"] = sorted(closed)

	out := make(map[string]string, len(sections))
	for name, v := range sections {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("the year's figures, %s: %w", name, err)
		}
		sum := sha256.Sum256(b)
		out[name] = hex.EncodeToString(sum[:])
	}
	return out, nil
}
