// Package migrate reads the schema migrations a store embeds: files named
// NNNN_what.sql, numbered from 0001 without gaps, applied in that order.
// Each store applies the pending ones in one transaction of its own
// database and records each version, so this package holds only what is
// the same for all of them.
package migrate

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Migration is one schema step.
type Migration struct {
	// Version is the file's number, from 1.
	Version int
	// Name is the file name.
	Name string
	// SQL is the file's text.
	SQL string
}

// Read returns the migrations in dir of fsys in version order. It refuses
// a file that is not NNNN_what.sql, a repeated or missing number, and an
// empty directory.
func Read(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("migrate: reading %s: %w", dir, err)
	}
	var ms []Migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || len(num) != 4 || v < 1 || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migrate: %s/%s is not named NNNN_what.sql with NNNN from 0001", dir, name)
		}
		text, err := fs.ReadFile(fsys, dir+"/"+name)
		if err != nil {
			return nil, fmt.Errorf("migrate: reading %s/%s: %w", dir, name, err)
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(text)})
	}
	slices.SortFunc(ms, func(a, b Migration) int { return a.Version - b.Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migrate: %s/%s: want version %d next", dir, m.Name, i+1)
		}
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("migrate: %s holds no migrations", dir)
	}
	return ms, nil
}

// Once returns a function that reads the migrations in dir of fsys, as
// Read does, on its first call and returns that result on every call: a
// store embeds its files once and reads them when it first opens.
func Once(fsys fs.FS, dir string) func() ([]Migration, error) {
	return sync.OnceValues(func() ([]Migration, error) { return Read(fsys, dir) })
}

// Pending returns the migrations after version current.
func Pending(ms []Migration, current int) []Migration {
	if current >= len(ms) {
		return nil
	}
	return ms[current:]
}

// Latest returns the newest version in ms.
func Latest(ms []Migration) int { return len(ms) }
