// Command district runs a year of grassroots governance in one district
// through the grassroots SDK and reports on it.
//
// With no flags it generates a synthetic district near Wenzhou from a fixed
// seed — about 1,000 grids in streets and communities, grid workers,
// providers with contracts, a year of about 150,000 matters — and runs
// everything through the SDK's public API: point location, worker
// assignment, the incident decider with China's working-time calendar,
// overdue checks, statistics, provider settlement and data-access
// decisions, multi-party evaluation, the risk chain and the mechanism
// assessment. It prints a short text report and writes a self-contained
// HTML report (district-report.html), in Chinese unless -lang en asks
// for English. The year is simulated in four parts of whole communities
// side by side (see shard.go); the output is the same on any number of
// processors.
//
// Usage:
//
//	go run ./examples/district [-seed N] [-scale small|district|city|GRIDS]
//	    [-grids FILE.geojson [-code-prop NAME] [-crs wgs84|gcj02|bd09]]
//	    [-out FILE.html] [-lang zh|en] [-events FILE.jsonl]
//	    [-store sqlite:FILE|postgres://…] [-quiet]
//	go run ./examples/district -replay sqlite:FILE|postgres://…
//
// -store appends every sealed incident event to an event store, each
// matter's chain in one append, and then a record of the year (see
// record.go); -replay reads such a store back in one pass over its global
// log, verifies every chain, rebuilds every matter's state and the year's
// statistics, and says whether they equal the run's. A replay that finds
// a difference or a broken chain exits with status 1.
//
// Bad flags or files print a message and exit with status 2.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// options are the command's flags.
type options struct {
	seed     uint64
	scale    string
	gridFile string
	codeProp string
	crs      string
	out      string
	lang     string
	events   string
	store    storeSpec // -store: where the run appends its events
	replay   storeSpec // -replay: the store whose year is replayed
	quiet    bool

	keepStates bool // keep every final incident state in the result, for the tests
}

// usageError is a problem with the command line or an input file: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func main() {
	opts, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "district:", err)
		}
		os.Exit(2)
	}
	run := run
	if opts.replay.kind != "" {
		run = replay
	}
	if err := run(opts, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "district:", err)
		var ue *usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("district", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Uint64Var(&o.seed, "seed", 20250101, "seed of the synthetic district")
	fs.StringVar(&o.scale, "scale", "district", "size: small (48 grids), district (1,000 grids, 150,000 matters), city (10,000 grids, 1.7M matters), or a number of grids N, with 170·N matters")
	fs.StringVar(&o.gridFile, "grids", "", "run on the grids of a GeoJSON FeatureCollection instead of generated ones")
	fs.StringVar(&o.codeProp, "code-prop", "", "with -grids: the feature property holding the grid code (default: the feature id, then \"code\")")
	fs.StringVar(&o.crs, "crs", "wgs84", "with -grids: the coordinate system of the file (wgs84, gcj02, bd09)")
	fs.StringVar(&o.out, "out", "district-report.html", "where to write the HTML report")
	fs.StringVar(&o.lang, "lang", defaultLang, "language of the HTML report: "+strings.Join(languageCodes(), " or "))
	fs.StringVar(&o.events, "events", "", "write every incident event as a CloudEvents JSON line to this file")
	store := fs.String("store", "", "append every incident event and the year's record to this event store: sqlite:FILE, postgres://… or postgres:KEY=VALUE…")
	replay := fs.String("replay", "", "instead of running, rebuild the year from this event store, verifying every chain, and check it equals the run that stored it")
	fs.BoolVar(&o.quiet, "quiet", false, "print no progress on stderr")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	if *store != "" {
		if o.store, err = parseStoreSpec("-store", *store); err != nil {
			return o, err
		}
	}
	if *replay != "" {
		if o.replay, err = parseStoreSpec("-replay", *replay); err != nil {
			return o, err
		}
		if *store != "" || o.events != "" {
			return o, errors.New("-replay reads a stored year: it takes no -store or -events")
		}
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if _, ok := scaleOf(o.scale); !ok {
		return o, fmt.Errorf("-scale must be small, district, city or a number of grids up to %d, not %q", maxScaleGrids, o.scale)
	}
	if o.gridFile == "" && (o.codeProp != "" || o.crs != "wgs84") {
		return o, errors.New("-code-prop and -crs need -grids")
	}
	if _, ok := languages[o.lang]; !ok {
		return o, fmt.Errorf("-lang must be %s, not %q", strings.Join(languageCodes(), " or "), o.lang)
	}
	if o.out == "" {
		return o, errors.New("-out must name a file")
	}
	return o, nil
}

// progress reports on stderr what the run has done, once a phase has
// taken a second or more since the last line: a run that finishes in a
// second prints nothing.
type progress struct {
	w     io.Writer
	quiet bool
	start time.Time
	last  time.Time
}

func (p *progress) phase(format string, args ...any) {
	now := time.Now()
	if p.last.IsZero() {
		p.last = p.start
	}
	if p.quiet || now.Sub(p.last) < time.Second {
		return
	}
	p.last = now
	fmt.Fprintf(p.w, "[%5.1fs] %s\n", now.Sub(p.start).Seconds(), fmt.Sprintf(format, args...))
}
