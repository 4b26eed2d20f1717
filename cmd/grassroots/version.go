package main

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
)

var versionCommand = &command{
	name:  "version",
	args:  "",
	short: "print the version of the SDK the command was built from",
	long: `
Version prints the module version of the SDK this command was built from
(as go install records it; "(devel)" for a build in a clone) and the Go
version that built it.
`,
	examples: []example{{about: "which SDK gives these answers", cmd: "grassroots version"}},
	newFlags: func() commandFlags { return versionFlags{} },
}

type versionFlags struct{}

func (versionFlags) define(*flag.FlagSet) {}

func (versionFlags) run(e *env, args []string) int {
	if len(args) > 0 {
		return e.usage("no arguments expected")
	}
	v := "(unknown)"
	if bi, ok := debug.ReadBuildInfo(); ok {
		v = bi.Main.Path + " " + bi.Main.Version
	}
	fmt.Fprintf(e.stdout, "grassroots %s %s\n", v, runtime.Version())
	return exitOK
}
