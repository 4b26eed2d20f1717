package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/grassrootsgov/grassroots"
)

// maxLine bounds one line of a JSON-lines file.
const maxLine = 64 << 20

// eachLine calls fn with every line of r that is not blank, numbered
// from 1; b is valid only during the call. An error reading r, or a line
// longer than maxLine, is returned.
func eachLine(r io.Reader, fn func(line int, b []byte)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	line := 0
	for sc.Scan() {
		line++
		if b := sc.Bytes(); len(bytes.TrimSpace(b)) > 0 {
			fn(line, b)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("line %d is longer than %d MiB", line+1, maxLine>>20)
		}
		return err
	}
	return nil
}

// envelope is one line of a JSON-lines file of envelopes, parsed.
type envelope struct {
	line    int
	raw     []byte
	ev      grassroots.Event
	err     error  // from grassroots.ParseEvent
	subject string // ev.Subject, or the subject read loosely from a line that failed
}

// batchSize is the number of lines parsed as one piece of work.
const batchSize = 256

// eachEnvelope reads the JSON lines of r and parses them strictly
// (grassroots.ParseEvent) on n goroutines, then hands them to handle on
// n more, one per shard: shard k gets, in file order, every line whose
// subject falls to k, so each subject's envelopes are handled in order
// by one goroutine, and state kept per subject needs no lock. Lines
// without a subject go to shard 0.
func eachEnvelope(r io.Reader, n int, handle func(shard int, env *envelope)) error {
	type batch struct {
		lines []envelope
		done  chan struct{}
	}
	jobs := make(chan *batch, n)
	order := make(chan *batch, 2*n)
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		b := &batch{done: make(chan struct{})}
		flush := func() {
			jobs <- b
			order <- b
			b = &batch{done: make(chan struct{})}
		}
		readErr = eachLine(r, func(line int, raw []byte) {
			b.lines = append(b.lines, envelope{line: line, raw: slices.Clone(raw)})
			if len(b.lines) == batchSize {
				flush()
			}
		})
		if len(b.lines) > 0 {
			flush()
		}
	}()
	for range n {
		go func() {
			for b := range jobs {
				for i := range b.lines {
					e := &b.lines[i]
					e.ev, e.err = grassroots.ParseEvent(e.raw)
					e.subject = e.ev.Subject
					if e.err != nil {
						e.subject = looseSubject(e.raw)
					} else {
						e.raw = nil
					}
				}
				close(b.done)
			}
		}()
	}
	shards := make([]chan []*envelope, n)
	var wg sync.WaitGroup
	for k := range shards {
		shards[k] = make(chan []*envelope, 4)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for envs := range shards[k] {
				for _, e := range envs {
					handle(k, e)
				}
			}
		}()
	}
	for b := range order {
		<-b.done
		parts := make([][]*envelope, n)
		for i := range b.lines {
			k := shardOf(b.lines[i].subject, n)
			parts[k] = append(parts[k], &b.lines[i])
		}
		for k, p := range parts {
			if len(p) > 0 {
				shards[k] <- p
			}
		}
	}
	for _, c := range shards {
		close(c)
	}
	wg.Wait()
	return readErr
}

// shardOf spreads subjects over n shards (FNV-1a).
func shardOf(subject string, n int) int {
	if subject == "" || n == 1 {
		return 0
	}
	h := uint32(2166136261)
	for i := 0; i < len(subject); i++ {
		h = (h ^ uint32(subject[i])) * 16777619
	}
	return int(h % uint32(n))
}

// workers is the number of goroutines of each stage of eachEnvelope.
func workers() int { return max(1, runtime.GOMAXPROCS(0)) }

// looseSubject reads the subject of an envelope that failed strict
// parsing, when plain JSON decoding still finds one, so the failure can
// be charged to its chain.
func looseSubject(b []byte) string {
	var v struct {
		Subject string `json:"subject"`
	}
	if json.Unmarshal(b, &v) != nil {
		return ""
	}
	return v.Subject
}

// problem is what went wrong with one envelope: the attributes at fault
// and a message.
type problem struct {
	Attributes []string `json:"attributes,omitempty"`
	Message    string   `json:"message"`
}

// problemOf describes err, taking the attribute names from a
// *grassroots.ValidationError.
func problemOf(err error) problem {
	p := problem{Message: err.Error()}
	var ve *grassroots.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			if f.Path != "" && !slices.Contains(p.Attributes, f.Path) {
				p.Attributes = append(p.Attributes, f.Path)
			}
		}
	}
	if errors.Is(err, grassroots.ErrNotSealed) {
		p.Attributes = append(p.Attributes, "hash")
	}
	return p
}
