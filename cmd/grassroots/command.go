package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// command is one subcommand. Each has its own flags type, made fresh
// for every run by newFlags, so help can list the flags without running
// the command.
type command struct {
	name     string
	args     string // the synopsis after the name
	short    string // one line for the overview
	long     string // the help text, paragraphs separated by blank lines
	examples []example
	newFlags func() commandFlags
}

// commandFlags defines a command's flags and runs it with them.
type commandFlags interface {
	define(fs *flag.FlagSet)
	run(e *env, args []string) int
}

// example is one example in a command's help. Tests run every example,
// in a directory holding the files examples name, and expect its status.
type example struct {
	about string
	cmd   string
	exit  int
}

// env is what a command runs with.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	cmd            *command
}

// exec parses the flags, allowing them before and after the arguments,
// and runs the command. -h and --help print the help on standard output.
func (c *command) exec(e *env, args []string) int {
	e.cmd = c
	f := c.newFlags()
	fs := c.flagSet(f)
	fs.SetOutput(io.Discard) // errors are reported below, help on stdout
	pos, err := parseInterspersed(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(e.stdout, c.help())
		return exitOK
	case err != nil:
		// The flag package's message names the flag and the problem.
		fmt.Fprintf(e.stderr, "grassroots %s: %v\n%s", c.name, err, c.usageLine())
		return exitUsage
	}
	return f.run(e, pos)
}

func (c *command) flagSet(f commandFlags) *flag.FlagSet {
	fs := flag.NewFlagSet("grassroots "+c.name, flag.ContinueOnError)
	fs.Usage = func() {}
	f.define(fs)
	return fs
}

// parseInterspersed parses flags wherever they stand among the
// arguments, as people write them ("check F.geojson -siblings"); "--"
// ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func (c *command) usageLine() string {
	return fmt.Sprintf("usage: grassroots %s %s\nRun 'grassroots help %s' for details.\n", c.name, c.args, c.name)
}

// help returns the command's help: synopsis, text, flags and examples.
func (c *command) help() string {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: grassroots %s %s\n\n", c.name, c.args)
	b.WriteString(strings.TrimSpace(c.long))
	b.WriteString("\n")
	fs := c.flagSet(c.newFlags())
	var flags bytes.Buffer
	fs.SetOutput(&flags)
	fs.PrintDefaults()
	if flags.Len() > 0 {
		b.WriteString("\nFlags:\n\n")
		b.Write(flags.Bytes())
	}
	if len(c.examples) > 0 {
		b.WriteString("\nExamples:\n")
		for _, x := range c.examples {
			fmt.Fprintf(&b, "\n\t# %s\n\t%s\n", x.about, x.cmd)
		}
	}
	return b.String()
}

// usage reports bad usage of the command on standard error.
func (e *env) usage(format string, args ...any) int {
	fmt.Fprintf(e.stderr, "grassroots %s: %s\n%s", e.cmd.name, fmt.Sprintf(format, args...), e.cmd.usageLine())
	return exitUsage
}

// unreadable reports err, about input that cannot be read or used, on
// standard error and returns exitUsage.
func (e *env) unreadable(err error) int {
	fmt.Fprintf(e.stderr, "grassroots %s: %v\n", e.cmd.name, err)
	return exitUsage
}

// warn writes one line on standard error.
func (e *env) warn(format string, args ...any) {
	fmt.Fprintf(e.stderr, "grassroots %s: %s\n", e.cmd.name, fmt.Sprintf(format, args...))
}

// oneArg returns the single positional argument a command takes, or ""
// and false after reporting the misuse. what names the argument.
func (e *env) oneArg(args []string, what string) (string, bool) {
	switch len(args) {
	case 1:
		return args[0], true
	case 0:
		e.usage("missing %s", what)
	default:
		e.usage("one %s expected, got %d arguments", what, len(args))
	}
	return "", false
}

// input is an opened input: a file or standard input.
type input struct {
	io.Reader
	name string
	size int64 // bytes, or 0 when unknown
	file *os.File
}

// open opens the file name, or standard input for "-".
func (e *env) open(name string) (*input, error) {
	if name == "-" {
		in := &input{Reader: e.stdin, name: "standard input"}
		if f, ok := e.stdin.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
				in.size = st.Size()
			}
		}
		return in, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	in := &input{Reader: f, name: name, file: f}
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			f.Close()
			return nil, fmt.Errorf("%s is a directory", name)
		}
		in.size = st.Size()
	}
	return in, nil
}

// Close closes the file, if one was opened.
func (in *input) Close() error {
	if in.file != nil {
		return in.file.Close()
	}
	return nil
}

// readFile reads the whole of the file name ("-" for standard input).
func (e *env) readFile(name string) ([]byte, error) {
	in, err := e.open(name)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	return io.ReadAll(in)
}

// choice is a flag whose value is one of a list of names.
type choice struct {
	value string
	valid []string
}

func newChoice(def string, valid ...string) *choice { return &choice{value: def, valid: valid} }

func (c *choice) String() string {
	if c == nil {
		return ""
	}
	return c.value
}

func (c *choice) Set(s string) error {
	for _, v := range c.valid {
		if s == v {
			c.value = s
			return nil
		}
	}
	return fmt.Errorf("want one of %s", strings.Join(c.valid, ", "))
}

// formatFlag defines -format with the given default and values.
func formatFlag(fs *flag.FlagSet, def string, valid ...string) *choice {
	c := newChoice(def, valid...)
	fs.Var(c, "format", "the output `format`: "+strings.Join(valid, ", "))
	return c
}

// textFlag is a flag read with an UnmarshalText method (an enumeration
// of the SDK), whose zero value means "not given".
type textFlag[T any, P interface {
	*T
	UnmarshalText([]byte) error
	String() string
}] struct {
	v   T
	set bool
}

func (f *textFlag[T, P]) String() string {
	if f == nil || !f.set {
		return ""
	}
	return P(&f.v).String()
}

func (f *textFlag[T, P]) Set(s string) error {
	var v T
	if err := P(&v).UnmarshalText([]byte(s)); err != nil {
		return err
	}
	f.v, f.set = v, true
	return nil
}

// count writes n with the singular or plural words after it.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
