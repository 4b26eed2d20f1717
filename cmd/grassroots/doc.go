// Grassroots checks data against the grassroots SDK from the command
// line, for systems written in Java, Python, JavaScript or anything else:
// whether a file of events is an intact hash chain and what states it
// replays to, which grid owns a point, whether grids partition their
// parent, when a time limit expires on China's working calendar, what
// score a set of ratings gives, and what JSON Schema describes a
// document. It answers exactly as a Go program that embeds the SDK
// would, because it is one: a thin layer over the SDK's public API.
//
// Install it with
//
//	go install github.com/grassrootsgov/grassroots/cmd/grassroots@latest
//
// Usage:
//
//	grassroots <command> [flags] [arguments]
//
// Flags may stand before or after the arguments; "--" ends them. Every
// command that reads a file reads standard input for "-". Results go to
// standard output, problems to standard error. "grassroots help
// <command>", "grassroots <command> -h" and "--help" print a command's
// help, with examples, on standard output.
//
// # Exit status
//
// Every command exits 0 when the data holds, 1 when it fails the check
// (a broken chain, a point no grid owns, a partition with defects, a
// deadline the calendar cannot give, a refused rating), and 2 for bad
// usage (an unknown flag or value, a missing argument; the message
// names the flag) or input that cannot be read (a missing file,
// malformed CSV, a GeoJSON file that is not a FeatureCollection).
//
// # Formats
//
// -format chooses the output where a command has more than one: text for
// people, json (indented, in the SDK's wire form, which the schemas of
// "grassroots schema" describe), csv (RFC 4180 with a header row), and
// geojson for check. Points are CSV rows id,lng,lat in decimal degrees;
// a first row id,lng,lat (or lon, longitude) is a header. Times are RFC
// 3339 with an offset.
//
// # verify
//
//	grassroots verify [-format text|json|csv] FILE.jsonl
//
// Verify checks the hash chains of a JSON-lines file of sealed
// CloudEvents envelopes, one a line, the events of many subjects
// interleaved and each subject's in chain order. Each line is parsed
// strictly (grassroots.ParseEvent) and checked against the last envelope
// of its subject (grassroots.VerifyLink). A failure names its line, its
// subject, its index among the subject's envelopes in the file (from 0),
// its sequence, the reason (invalid, content_changed, dropped,
// reordered, inserted, wrong_sequence; the names of
// grassroots.ChainReason) and, for an invalid envelope, the attributes
// at fault. Only a subject's first failure is reported. text writes
// FILE:LINE: lines and a summary; json {"file", "events", "subjects",
// "failures"}; csv the failures as line,subject,index,sequence,reason,
// attributes,message. Memory grows with the number of subjects, not the
// length of the file.
//
// # replay
//
//	grassroots replay [-format text|json|csv] [-only states|stats] [-calendar FILE]
//	    [-catalog FILE] [-by platform|grid|category|unit] [-from T] [-to T] FILE.jsonl
//
// Replay folds each subject's envelopes into its state with the
// lifecycle its type names (incident, risk or provider contracts): each
// must extend the chain, decode with the package's codec and be an event
// the decider could have produced, as grassroots.ReplayEnvelopes checks.
// It then computes incident.Statistics of the incidents, grouped -by
// platform by default, over those reported from -from (default the
// earliest report) until -to (default open). The incident decider uses
// -catalog (default the SDK's example catalogue) and -calendar (see
// deadline). text writes a table of states (package, id, status,
// version, updated_at) and a table of statistics; json writes
// {"file", "events", "aggregates": [{"package", "id", "status",
// "version", "updated_at", "state"}], "statistics": {"period",
// "summary"}, "failures"}; csv writes the states, or with -only stats
// the statistics (rates as decimals, durations in seconds). A failing
// subject is listed with its line and reason and left out.
//
// # locate
//
//	grassroots locate -grids F.geojson [-code-prop P] [-grid-crs C] [-crs C]
//	    [-format csv|json] [POINTS.csv]
//
// Locate writes id,lng,lat,code for each point: the grid that owns it by
// the SDK's rule of exactly one owner (grid.Index), or an empty code.
// The grids are a GeoJSON FeatureCollection decoded by grid/geojson:
// -code-prop names the property of the code (default the feature id or
// "code"; adcode for Aliyun DataV files) and -grid-crs their coordinate
// system (wgs84, gcj02 or bd09; default wgs84). -crs is the system of
// the points (default the grids'); they are converted first. Points come
// from POINTS.csv or standard input. A point without an owner, or
// without a conversion, makes the status 1.
//
// # check
//
//	grassroots check [-code-prop P] [-parent-prop P] [-crs C] [-siblings] [-sliver M2]
//	    [-format text|json|csv|geojson] F.geojson
//
// Check reports the defects of the partitions in a GeoJSON file: each
// feature that other features name as their parent (by the "parent"
// property or -parent-prop, such as parent.adcode) is checked against
// them with grid.CheckPartition, for overlaps, gaps, children outside
// it and slivers below -sliver m² (default 1). With -siblings the
// features sharing a parent, or none, are checked among themselves with
// grid.CheckSiblings, for a file without its parent's outline. Each
// finding has its codes, a witness point inside it and its area in m².
// json writes {"ok", "partitions": [{"parent", "siblings", "children",
// "report"}], "refused"}; csv parent,defect,codes,witness_lng,
// witness_lat,area_m2,sliver,message; geojson the findings as Point
// features at their witnesses. Features that are not valid grids are
// refused and reported. Defects make the status 1.
//
// # convert
//
//	grassroots convert -from C -to C [-format csv|json] [POINTS.csv]
//
// Convert writes id,lng,lat converted between wgs84, gcj02 and bd09
// (grid.Convert). A point without a unique inverse (grid.ErrNoInverse,
// near the edges of China's box) is left out of the output, named by
// line and id on standard error, and makes the status 1.
//
// # deadline
//
//	grassroots deadline -start RFC3339 -limit LIMIT [-calendar FILE] [-refuse-provisional]
//	    [-format text|json]
//	grassroots deadline [-calendar FILE] [-refuse-provisional] [-format csv|json] MATTERS.csv
//
// Deadline writes when a time limit expires by the counting rules of
// package workday: the deadline in RFC 3339 on the first line, and the
// word provisional on the second when it rests on a day no published
// holiday notice covers. -limit is workday.ParseLimit's form ("5
// working_days") or as people write it ("5 working days", "4 working
// hours", "3 calendar days", "2 calendar hours", "15 minutes",
// "5个工作日"); plain days and hours are refused as ambiguous. With
// MATTERS.csv every row id,start,limit is computed into
// id,deadline,provisional. -calendar loads a holiday notice (the
// workday.Notice JSON of a newly published year), a list of notices, or
// a calendar spec (workday.Spec); the default is the SDK's China
// calendar. A start outside the calendar, or with -refuse-provisional a
// provisional deadline, makes the status 1.
//
// # score
//
//	grassroots score -system SYSTEM.json [-central mean|trimmed_mean|median] [-trim D]
//	    [-party-weights P=W,...] [-min-samples P=N,...] [-missing renormalize|fail]
//	    [-bands FILE] [-scale N] [-format text|json|csv] RATINGS.csv
//
// Score aggregates ratings into one scorecard per subject with
// evaluation.Aggregate. The system is the evaluation.System JSON.
// RATINGS.csv has a header naming its columns: subject, indicator (a
// leaf code), party (government, provider, community, resident,
// third_party) and value (a decimal on the indicator's scale), and
// optionally rater and at (RFC 3339). json writes the
// evaluation.Scorecard list; csv one row per subject and indicator,
// subject,total,grade,indicator,value,score,weight,effective_weight,
// contribution,count,missing. A refused rating (named by line), missing
// data under -missing fail, or a subject with nothing to score makes
// the status 1.
//
// # schema
//
//	grassroots schema [-format text|json] [NAME]
//
// Schema lists the SDK's JSON Schemas (package schema) by short name and
// URI, or prints the one NAME gives: its URI, its short name
// ("incident/reported", "grid/partition_report") or the CloudEvents type
// of its events ("grassroots.incident.reported.v1"). An unknown name is
// status 2, with the closest names.
//
// # serve
//
//	grassroots serve open311 [-addr HOST:PORT] [-base-url URL] [-db FILE|URL] [-nats URL]
//	    [-app-key K] [-staff-key K] [-jurisdiction ID] [-calendar FILE] [-catalog FILE]
//
// Serve open311 serves Open311 GeoReport v2 with the
// servicerequestupdates extension (incident/open311) below /open311/v2
// on -addr (default 127.0.0.1:8311), or below the path of -base-url,
// which discovery then names as the endpoint. Requests are kept as
// sealed event chains in -db, an SQLite file (default open311.db) or a
// PostgreSQL URL or key=value string, and rebuilt and verified on start;
// a chain that does not verify stops the server (status 1). -nats
// publishes every incident event, masked, to NATS JetStream. -app-key
// reports as a resident app, -staff-key acts as a street office. One
// line per request goes to standard error. It runs until SIGINT or
// SIGTERM and then exits 0.
//
// # version
//
//	grassroots version
//
// Version prints the module version of the SDK the command was built
// from and the Go version.
//
// # Progress
//
// Work that runs longer than a second draws a progress bar on standard
// error, only when standard error is a terminal.
package main
