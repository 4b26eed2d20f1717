package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
)

// eventSink takes the run's events as they are decided and, on a
// goroutine of its own, seals each matter's chain and hands the sealed
// events to an output, in the order they were decided: the simulation
// goes on deciding while the events are hashed, encoded and written.
// It holds the last sealed event of each matter not yet settled.
type eventSink struct {
	ch   chan []sinkItem
	buf  []sinkItem
	done chan error
}

// sinkItem is one decision's events, or, with no events, the news that
// the matter is settled.
type sinkItem struct {
	idx int32
	evs []incident.Event
}

// eventOutput is where sealed events go.
type eventOutput interface {
	// write takes the sealed events of one decision on matter idx.
	write(idx int32, envs []grassroots.Event) error
	// settled says matter idx will have no more events.
	settled(idx int32) error
	// close writes what is buffered and releases the output.
	close() error
}

const sinkChunk = 4096

func startSink(out eventOutput, source string) *eventSink {
	s := &eventSink{ch: make(chan []sinkItem, 8), buf: make([]sinkItem, 0, sinkChunk), done: make(chan error, 1)}
	go func() { s.done <- drain(s.ch, out, source) }()
	return s
}

func drain(ch <-chan []sinkItem, out eventOutput, source string) error {
	heads := map[int32]*grassroots.Event{}
	var err error
	for items := range ch {
		for _, it := range items {
			if err != nil {
				break // keep receiving, so the simulation is never blocked
			}
			if it.evs == nil {
				delete(heads, it.idx)
				err = out.settled(it.idx)
				continue
			}
			envs, serr := incident.Codec.Seal(heads[it.idx], source, it.evs)
			if serr != nil {
				err = serr
				continue
			}
			heads[it.idx] = &envs[len(envs)-1]
			err = out.write(it.idx, envs)
		}
	}
	if cerr := out.close(); err == nil {
		err = cerr
	}
	return err
}

func (s *eventSink) push(it sinkItem) {
	s.buf = append(s.buf, it)
	if len(s.buf) == cap(s.buf) {
		s.ch <- s.buf
		s.buf = make([]sinkItem, 0, sinkChunk)
	}
}

func (s *eventSink) decided(idx int, evs []incident.Event) {
	if len(evs) > 0 {
		s.push(sinkItem{idx: int32(idx), evs: evs})
	}
}

func (s *eventSink) settled(idx int) { s.push(sinkItem{idx: int32(idx)}) }

// close hands over what is left and waits until the output has it all.
func (s *eventSink) close() error {
	if len(s.buf) > 0 {
		s.ch <- s.buf
	}
	close(s.ch)
	return <-s.done
}

// fileOutput writes every event as a sealed CloudEvent, one JSON object
// a line.
type fileOutput struct {
	f   *os.File
	bw  *bufio.Writer
	enc *json.Encoder
}

func createFileOutput(path string) (*fileOutput, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("cannot write events: %v", err)}
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	return &fileOutput{f: f, bw: bw, enc: json.NewEncoder(bw)}, nil
}

func (o *fileOutput) write(_ int32, envs []grassroots.Event) error {
	for i := range envs {
		if err := o.enc.Encode(&envs[i]); err != nil {
			return err
		}
	}
	return nil
}

func (o *fileOutput) settled(int32) error { return nil }

func (o *fileOutput) close() error {
	if err := o.bw.Flush(); err != nil {
		o.f.Close()
		return err
	}
	return o.f.Close()
}
