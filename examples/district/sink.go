package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident"
)

// eventSink takes the run's events as they are decided and hands them,
// sealed into each matter's chain, to an output in the order they were
// decided, while the simulation goes on deciding. Sealing and encoding
// are shared out over the processors by matter: each worker keeps the
// chains of its own matters, so a chain is sealed in order, and the
// output sees every decision in the order of the run, whatever the
// number of workers. The sink holds the last sealed event of each matter
// not yet settled.
type eventSink struct {
	ch   chan []sinkItem
	buf  []sinkItem
	done chan error
}

// sinkItem is one decision's events, or, with no events, the news that
// the matter is settled; the workers fill in the sealed envelopes and,
// for an output that wants them, their JSON lines.
type sinkItem struct {
	idx   int32
	evs   []incident.Event
	envs  []grassroots.Event
	lines []byte
}

// eventOutput is where sealed events go.
type eventOutput interface {
	// encodes reports whether write wants the events' JSON lines.
	encodes() bool
	// write takes the sealed events of one decision on matter idx and,
	// when the output encodes, their JSON, one object a line.
	write(idx int32, envs []grassroots.Event, lines []byte) error
	// settled says matter idx will have no more events.
	settled(idx int32) error
	// close writes what is buffered and releases the output.
	close() error
}

const sinkChunk = 4096

// lineEstimate is about the length of a decision's JSON lines.
const lineEstimate = 1024

func startSink(out eventOutput, source string) *eventSink {
	s := &eventSink{ch: make(chan []sinkItem, 2), buf: make([]sinkItem, 0, sinkChunk), done: make(chan error, 1)}
	sealed := make(chan []sinkItem, 2)
	workers := runtime.GOMAXPROCS(0)
	written := make(chan error, 1)
	go func() { written <- writeChunks(sealed, out) }()
	go func() {
		heads := make([]map[int32]*grassroots.Event, workers)
		for k := range heads {
			heads[k] = map[int32]*grassroots.Event{}
		}
		var err error
		for chunk := range s.ch {
			if err == nil {
				err = sealChunk(chunk, heads, source, out.encodes())
			}
			if err == nil {
				sealed <- chunk
			}
		}
		close(sealed)
		if werr := <-written; err == nil {
			err = werr
		}
		s.done <- err
	}()
	return s
}

// sealChunk seals the chunk's events, worker k taking the matters whose
// index is k modulo the number of workers.
func sealChunk(chunk []sinkItem, heads []map[int32]*grassroots.Event, source string, encode bool) error {
	n := int32(len(heads))
	errs := make([]error, n)
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() {
			h := heads[k]
			// The worker's lines go into one buffer for the chunk, each
			// item keeping its part: an event's line is about 800 bytes,
			// and growing a buffer per item would copy it several times.
			var lines []byte
			if encode {
				lines = make([]byte, 0, len(chunk)/int(n)*lineEstimate)
			}
			for i := range chunk {
				it := &chunk[i]
				if it.idx%n != k {
					continue
				}
				if it.evs == nil {
					delete(h, it.idx)
					continue
				}
				var envs []grassroots.Event
				var err error
				start := len(lines)
				if encode {
					envs, lines, err = incident.Codec.AppendSealed(lines, h[it.idx], source, it.evs)
				} else {
					envs, err = incident.Codec.Seal(h[it.idx], source, it.evs)
				}
				if err != nil {
					errs[k] = err
					return
				}
				h[it.idx] = &envs[len(envs)-1]
				it.envs, it.evs = envs, nil
				if encode {
					it.lines = lines[start:len(lines):len(lines)]
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writeChunks hands the sealed chunks to the output in order. It runs
// beside the sealing of the next chunks, and closes the output at the
// end.
func writeChunks(sealed <-chan []sinkItem, out eventOutput) error {
	var err error
	for chunk := range sealed {
		for i := range chunk {
			if err != nil {
				break
			}
			it := &chunk[i]
			if it.envs == nil {
				err = out.settled(it.idx)
				continue
			}
			err = out.write(it.idx, it.envs, it.lines)
		}
	}
	if cerr := out.close(); err == nil {
		err = cerr
	}
	return err
}

func (s *eventSink) push(it sinkItem) {
	s.buf = append(s.buf, it)
	if s.ch != nil && len(s.buf) == cap(s.buf) {
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
	w io.WriteCloser
}

func createFileOutput(path string) (*fileOutput, error) {
	w, err := openEventFile(path)
	if err != nil {
		return nil, &usageError{msg: fmt.Sprintf("cannot write events: %v", err)}
	}
	return &fileOutput{w: w}, nil
}

func (o *fileOutput) encodes() bool { return true }

func (o *fileOutput) write(_ int32, _ []grassroots.Event, lines []byte) error {
	_, err := o.w.Write(lines)
	return err
}

func (o *fileOutput) settled(int32) error { return nil }

func (o *fileOutput) close() error { return o.w.Close() }

// bufferedFile writes a file through a buffer of 1 MiB and the page
// cache.
type bufferedFile struct {
	f *os.File
	*bufio.Writer
}

func newBufferedFile(f *os.File) *bufferedFile {
	return &bufferedFile{f: f, Writer: bufio.NewWriterSize(f, 1<<20)}
}

// Close writes what is buffered and closes the file.
func (b *bufferedFile) Close() error {
	if err := b.Flush(); err != nil {
		b.f.Close()
		return err
	}
	return b.f.Close()
}

// openSink starts the sink of the outputs the flags ask for (-events,
// -store), or returns nil when there are none.
func openSink(o options, w *world) (*eventSink, error) {
	var outs []eventOutput
	if o.events != "" {
		out, err := createFileOutput(o.events)
		if err != nil {
			return nil, err
		}
		outs = append(outs, out)
	}
	if o.store.kind != "" {
		out, err := createStoreOutput(o.store, o, w)
		if err != nil {
			for _, prev := range outs {
				prev.close()
			}
			return nil, err
		}
		outs = append(outs, out)
	}
	switch len(outs) {
	case 0:
		return nil, nil
	case 1:
		return startSink(outs[0], incidentSource), nil
	}
	return startSink(teeOutput{outs[0], outs[1]}, incidentSource), nil
}

// incidentSource is the CloudEvents source of the district's incident
// events.
const incidentSource = "/districts/" + districtCode + "/incident"
