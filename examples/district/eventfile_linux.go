package main

import (
	"errors"
	"io"
	"os"
	"syscall"
	"unsafe"
)

// On Linux the events file is written with O_DIRECT: the year's lines
// (9.4 GB at city scale) go from the program's buffer to the disk
// without a copy into the page cache, which nothing would read back
// soon. On the virtual machine BENCHMARKS.md describes, writing them
// through the page cache cost the city run 21 to 26 s of kernel time,
// nearly all of it copying into newly allocated cache pages, and writing
// them directly about 3 s. The file's bytes are the same either way.
// File systems that refuse O_DIRECT get the buffered writer.

// directBlock is the alignment O_DIRECT asks of a write's memory, offset
// and length: the largest logical block size of common disks.
const directBlock = 4096

// directBuffer is how much the writer gathers before each write.
const directBuffer = 4 << 20

// directFile gathers lines in an aligned buffer and writes it whole; the
// last, partial block goes out after O_DIRECT is turned off.
type directFile struct {
	f   *os.File
	buf []byte // directBuffer bytes, its first byte aligned to directBlock
	n   int    // bytes of buf in use
	// direct is false once the file's O_DIRECT is off: after the file
	// system refused a direct write, or for the final partial block.
	direct bool
}

func openEventFile(path string) (io.WriteCloser, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_DIRECT, 0o666)
	if err != nil {
		if !errors.Is(err, syscall.EINVAL) {
			return nil, err
		}
		// The file system has no direct I/O (EINVAL at open).
		f, err = os.Create(path)
		if err != nil {
			return nil, err
		}
		return newBufferedFile(f), nil
	}
	return newDirectFile(f), nil
}

func newDirectFile(f *os.File) *directFile {
	raw := make([]byte, directBuffer+directBlock)
	off := 0
	if r := int(uintptr(unsafe.Pointer(&raw[0])) % directBlock); r != 0 {
		off = directBlock - r
	}
	return &directFile{f: f, buf: raw[off : off+directBuffer : off+directBuffer], direct: true}
}

func (d *directFile) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		k := copy(d.buf[d.n:], p)
		d.n += k
		written += k
		p = p[k:]
		if d.n == len(d.buf) {
			if err := d.flush(); err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

// flush writes the buffer's d.n bytes, a multiple of directBlock unless
// O_DIRECT is already off.
func (d *directFile) flush() error {
	if d.n == 0 {
		return nil
	}
	_, err := d.f.Write(d.buf[:d.n])
	if err != nil && d.direct && errors.Is(err, syscall.EINVAL) {
		// Some file systems accept O_DIRECT at open and refuse the
		// writes; nothing was written, so write through the cache.
		if err = d.buffered(); err == nil {
			_, err = d.f.Write(d.buf[:d.n])
		}
	}
	d.n = 0
	return err
}

// buffered turns the file's O_DIRECT off.
func (d *directFile) buffered() error {
	rc, err := d.f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	if err := rc.Control(func(fd uintptr) {
		flags, _, errno := syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_GETFL, 0)
		if errno == 0 {
			_, _, errno = syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_SETFL, flags&^syscall.O_DIRECT)
		}
		if errno != 0 {
			ferr = &os.SyscallError{Syscall: "fcntl", Err: errno}
		}
	}); err != nil {
		return err
	}
	if ferr == nil {
		d.direct = false
	}
	return ferr
}

// Close writes the whole blocks directly, then the rest with O_DIRECT
// off, and closes the file.
func (d *directFile) Close() error {
	err := d.closeWrites()
	if cerr := d.f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (d *directFile) closeWrites() error {
	whole := d.n - d.n%directBlock
	if d.direct && whole < d.n {
		tail := d.n - whole
		d.n = whole
		if err := d.flush(); err != nil {
			return err
		}
		if err := d.buffered(); err != nil {
			return err
		}
		copy(d.buf, d.buf[whole:whole+tail])
		d.n = tail
	}
	return d.flush()
}
