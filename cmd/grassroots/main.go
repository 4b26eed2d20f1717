package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit statuses.
const (
	exitOK    = 0 // the data holds
	exitFail  = 1 // the data fails the check
	exitUsage = 2 // bad usage or unreadable input
)

// commands lists the subcommands in the order help shows them.
var commands = []*command{
	verifyCommand,
	replayCommand,
	locateCommand,
	checkCommand,
	convertCommand,
	deadlineCommand,
	scoreCommand,
	schemaCommand,
	serveCommand,
	versionCommand,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdin, stdout, stderr)
}

// runContext is run with a context that ends long-running commands
// (serve) when it is done.
func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, overview())
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return runHelp(e, rest)
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "grassroots: unknown command %q\nRun 'grassroots help' for the list of commands.\n", name)
		return exitUsage
	}
	return c.exec(e, rest)
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// runHelp prints the overview, or the help of one command, on standard
// output.
func runHelp(e *env, args []string) int {
	switch {
	case len(args) == 0:
		fmt.Fprint(e.stdout, overview())
		return exitOK
	case len(args) > 1:
		fmt.Fprintln(e.stderr, "usage: grassroots help [command]")
		return exitUsage
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(e.stderr, "grassroots help: unknown command %q; commands: %s\n", args[0], strings.Join(commandNames(), ", "))
		return exitUsage
	}
	fmt.Fprint(e.stdout, c.help())
	return exitOK
}

func commandNames() []string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return names
}

func overview() string {
	var b strings.Builder
	b.WriteString(`Grassroots checks data against the grassroots SDK: event chains, grids,
partitions, deadlines, scores and schemas, for systems written in any
language.

Usage:

	grassroots <command> [flags] [arguments]

The commands are:

`)
	for _, c := range commands {
		fmt.Fprintf(&b, "\t%-10s %s\n", c.name, c.short)
	}
	b.WriteString(`
Use "grassroots help <command>" or "grassroots <command> -h" for more
information about a command.

Exit status is 0 when the data holds, 1 when it fails the check, and 2
for bad usage or input that cannot be read.
`)
	return b.String()
}
