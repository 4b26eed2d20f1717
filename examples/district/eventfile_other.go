//go:build !linux

package main

import (
	"io"
	"os"
)

func openEventFile(path string) (io.WriteCloser, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	return newBufferedFile(f), nil
}
