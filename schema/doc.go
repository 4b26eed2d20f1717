// Package schema holds the JSON Schemas (draft 2020-12) of everything this
// SDK writes as JSON for another system to read: the data of every event
// type, the CloudEvents envelope, and the specs, inputs, results and
// states a vendor exchanges through the SDK's API. A system in any
// language validates what it receives against them, and a dataschema
// attribute names one of them by URI.
//
// # Files and URIs
//
// Every schema's $id is its URI, grassroots.SchemaBase followed by its
// path in this directory, so the repository serves them where the URIs
// point:
//
//   - <package>/<name>.v1.json: the data of the events named <name> of
//     a lifecycle package, the schema grassroots.SchemaURI(package, name)
//     names and every envelope of type grassroots.<package>.<name>.v1
//     carries as its dataschema (incident, risk and provider events,
//     and open311: the submitted and update_received events in which the
//     Open311 servers of this module, examples/open311server and
//     grassroots serve open311, keep what a request holds beyond its
//     incident).
//   - <package>/<type>.json: a wire type, in lower_snake case.
//
// Lookup finds a schema by URI, Names lists every URI and FS holds the
// files. Each schema is one self-contained document (named structs in
// $defs) with a title and a description.
//
// # Wire types
//
// The wire types are the JSON documents a vendor hands the SDK or
// receives from it:
//
//   - grassroots: event (the envelope as Event writes it, with the
//     chain extensions sequence, prevhash and hash).
//   - workday: spec (a calendar spec), notice (a holiday notice), limit,
//     deadline.
//   - grid: grid, division, worker, assignment, partition_report,
//     sizing_norm, sizing_issue.
//   - incident: incident (the state), catalog, summary (statistics),
//     assignment (routing), match (a likely duplicate).
//   - risk: risk (the state), rule, observation, hit, matrix, scale,
//     assessment, plan_template, alert_mapping, focus_entry, sample,
//     fairness_report.
//   - evaluation: system, rating, scorecard, bands, node (an AHP
//     hierarchy), service_tally, and the results ahp_result, synthesis,
//     group_result, entropy_result, critic_result, topsis_result,
//     fuzzy_result, two_level_result, alpha, kendall_result, share,
//     nps_result, service_rating_result.
//   - mechanism: inputs, config, assessment, profile, recommendation.
//   - provider: provider, contract, state (a contract's lifecycle),
//     grant, request, decision, measurement, settlement.
//
// Formats that belong to other standards keep their own schemas and are
// not here: Open311 GeoReport v2 (incident/open311), GeoJSON (RFC 7946,
// grid/geojson) and OCDS (provider/ocds). Commands are Go values passed to
// a Decider, not documents, and have none.
//
// # What the schemas say
//
// The schemas describe the JSON as the SDK writes it and reads it back:
// members it always writes are required, those it may leave out are
// optional, and unknown members are allowed, as decoding tolerates them.
// Enumerations are string enums of their wire names; times are RFC 3339
// date-times, with a pattern as well so that a validator that treats
// formats as annotations still checks them; money, scores and weights are
// decimal strings, never JSON numbers; text forms with a fixed syntax
// (dates, clock times, grid codes, credit codes, risk categories) carry a
// pattern. What a schema cannot say — a credit code's check character, a
// boundary's topology, the order of spans — the type's Validate still
// checks, so a document that passes its schema may still be refused, with
// a *grassroots.ValidationError naming the field.
//
// The schemas are generated from the Go types by internal/cmd/schemagen;
// after changing a type that appears here, run
//
//	go generate ./schema
//
// and commit the result: a test fails while the files and the types
// disagree.
package schema

//go:generate go run ../internal/cmd/schemagen -dir .
