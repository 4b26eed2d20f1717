package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// progressDelay is how long work runs before a progress bar appears:
// quick work prints nothing.
const progressDelay = time.Second

// progress draws a progress bar on standard error while long work runs,
// and only when standard error is a terminal. The zero of a nil
// *progress does nothing, so callers need not check.
type progress struct {
	w     io.Writer
	label string
	unit  string // "bytes" or a word such as "rows"
	total int64  // 0 when unknown
	done  atomic.Int64
	start time.Time
	delay time.Duration
	stop  chan struct{}
	wg    sync.WaitGroup
}

// isTerminal reports whether w is a character device, such as a
// terminal, as opposed to a file or a pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress starts a bar for work of total units (0 when unknown). It
// returns nil when standard error is not a terminal.
func (e *env) progress(label, unit string, total int64) *progress {
	if !isTerminal(e.stderr) {
		return nil
	}
	return startProgress(e.stderr, label, unit, total, progressDelay)
}

func startProgress(w io.Writer, label, unit string, total int64, delay time.Duration) *progress {
	p := &progress{w: w, label: label, unit: unit, total: total, start: time.Now(), delay: delay, stop: make(chan struct{})}
	p.wg.Add(1)
	go p.loop()
	return p
}

func (p *progress) loop() {
	defer p.wg.Done()
	select {
	case <-p.stop:
		return
	case <-time.After(p.delay):
	}
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		fmt.Fprint(p.w, "\r"+renderProgress(p.label, p.unit, p.done.Load(), p.total, time.Since(p.start))+"\x1b[K")
		select {
		case <-p.stop:
			fmt.Fprint(p.w, "\r\x1b[K")
			return
		case <-tick.C:
		}
	}
}

// add counts n more units done.
func (p *progress) add(n int64) {
	if p != nil {
		p.done.Add(n)
	}
}

// finish removes the bar.
func (p *progress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	p.wg.Wait()
}

// reader counts the bytes read from r as done.
func (p *progress) reader(r io.Reader) io.Reader {
	if p == nil {
		return r
	}
	return &countingReader{r: r, p: p}
}

type countingReader struct {
	r io.Reader
	p *progress
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.add(int64(n))
	return n, err
}

// barWidth is the number of cells of the bar.
const barWidth = 30

// renderProgress returns one line: the label, a bar and the share done
// when the total is known, the amount done, and the time elapsed.
func renderProgress(label, unit string, done, total int64, elapsed time.Duration) string {
	amount := func(n int64) string {
		if unit == "bytes" {
			return fmt.Sprintf("%.1f MB", float64(n)/1e6)
		}
		return fmt.Sprintf("%d %s", n, unit)
	}
	secs := elapsed.Truncate(time.Second).String()
	if total <= 0 {
		return fmt.Sprintf("%s %s %s", label, amount(done), secs)
	}
	done = min(max(done, 0), total)
	filled := int(done * barWidth / total)
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", barWidth-filled)
	return fmt.Sprintf("%s [%s] %3d%% %s of %s %s", label, bar, done*100/total, amount(done), amount(total), secs)
}
