// Package open311 exchanges incidents over Open311 GeoReport v2, the
// frozen standard of 311 systems, with mySociety's servicerequestupdates
// extension that FixMyStreet and its council back ends use for updates.
//
// A resident app, a hotline or another vendor's system speaks GeoReport v2;
// the incident package speaks commands and events. This package is the
// adapter between them: it lists the incident Catalog as services, turns a
// posted service request into an incident.Report, shows an incident as a
// service request, and turns updates into the incident commands their
// extended status stands for, always through the incident.Decider, so the
// transition and permission tables of the incident package hold here too.
// It accepts what real clients send: FixMyStreet's Open311.pm posts forms
// or multipart bodies, W3C datetimes, attributes of its own and
// upper-case statuses, and its tests are the model of the handler's.
//
// # Main types
//
//   - Handler, an http.Handler serving every GeoReport v2 endpoint in JSON
//     and XML, built by NewHandler over a Store and an incident.Decider.
//   - Store, the three-method persistence a deployment implements, and
//     MemoryStore, one in memory for tests and examples; Record, what it
//     keeps per request.
//   - Request, Service, ServiceDefinition, Update, Error: the wire types,
//     with ID (string or number in, string out) and Datetime (W3C-DTF with
//     a zone in, RFC 3339 in whole seconds out).
//   - DecodeForm, DecodeUpdateForm, SearchQuery: the checked content of
//     posted forms and queries.
//   - DecodeRequests, DecodeUpdates: client-side decoders for JSON and XML.
//   - Status, Path, StatusOf: the extended statuses and their mapping.
//
// # Example
//
//	h, err := open311.NewHandler(&open311.MemoryStore{}, decider,
//		open311.WithBasePath("/open311/v2"),
//		open311.WithAPIKey(key, appActor))
//	…
//	http.Handle("/open311/v2/", h)
//
// # Service requests
//
// Services are the catalogue's categories; codes are strings, so "006"
// keeps its zero. The catalogue defines no attributes; WithAttributes adds
// them per service, and a service without any has an empty definition.
//
// A posted request needs a service_code and a location: lat and long
// together, or address_string, or address_id. An address alone is
// enough: the incident is reported without a point and waits for a
// Locate command, and the Geocoder given with WithGeocoder, if any, may
// supply the point at once (a Geocoder that finds nothing never makes the
// request fail). Its description is optional, as in GeoReport v2 and the
// incident package, unless WithRequiredDescription flags the service; at
// most 4,000 characters of plain text, where only markup counts as HTML
// (see ContainsHTML: "&amp;" and "AT&T" are text). Attribute values are
// checked against the service's definition for the attributes it
// declares; every other attribute[code] (FixMyStreet adds fixmystreet_id,
// easting, northing, report_url, title, description and closest_address
// to every report) is kept as given, and GET requests with
// extensions=true returns them as attributes: all of them when its
// api_key names an actor with an incident role (staff), and otherwise
// without those whose code looks like a contact detail (containing mail,
// phone, mobile, contact or reporter, ending in name, or tel), which
// clients send as attributes too. The reporter is the
// api_key's actor; first and last name and phone become the incident's
// masked Contact (e-mail and device are not kept); zipcode, account_id
// and the attribute values are kept in the Record. The answer carries the
// new service_request_id and no token, since the request is decided as
// it arrives; tokens/{token} therefore knows no token.
//
// A request shows: status open or closed (see below); agency_responsible
// the responsible unit; expected_datetime the running handling deadline
// (none before dispatch); updated_datetime the time it closed once
// closed, else the latest event or received update; lat/long in WGS84,
// converted from the incident's CRS with grid.Convert, or null while it
// has no point; media_url the first media URL; status_notes the text of
// the latest rejection, return, resolution, closure, reopening, extension
// or received update. Datetimes are written in whole seconds with an
// offset, in the calendar's zone unless WithLocation says otherwise, and
// read in every W3C-DTF form with a time and a zone (minutes alone,
// seconds, fractions; "Z" or "±hh:mm").
//
// Searches follow the specification's defaults: without start_date,
// end_date, updated_after or updated_before a search covers the 90 days up
// to now; start_date and end_date together span at most 90 days; at most
// 1,000 requests, newest first, are returned per page (page_size up to
// 1,000, page from 1).
//
// # Updates and extended statuses
//
// A posted update needs update_id, service_request_id, status and
// updated_datetime. Its status must be one of the extension's fifteen (in
// any case; anything else is refused with 400 and never stored or
// published); it stands for the incident commands below, decided in order
// as the api_key's actor and dated at updated_datetime. Statuses on the
// main line chain the forward commands (accept, dispatch, start, resolve,
// close) needed to reach their incident status and never step back; a
// dispatch goes to the actor's organisation.
//
//	extended status               incident status reached    from
//	open                          reopened                   closed
//	investigating                 accepted                   reported
//	planned, action_scheduled     dispatched                 reported, accepted, returned, reopened
//	in_progress                   in_progress                any status before it on the main line
//	fixed                         resolved                   any status before it on the main line
//	closed                        closed                     any status before it on the main line
//	reopen                        reopened                   closed
//	internal_referral             returned                   dispatched
//	not_councils_responsibility   rejected (out_of_scope)    reported, returned
//	                              returned                   dispatched
//	duplicate                     rejected (duplicate)       reported, returned, with duplicate_of
//	no_further_action, cancelled  rejected (invalid)         reported, returned
//	for_triage, unchanged         (no change)
//
// Any other pair of status and incident status changes nothing, and so
// does open on an open matter: FixMyStreet sends OPEN with every comment
// on a report it holds open. A duplicate without duplicate_of changes no
// incident state either, because the incident names the original of
// every duplicate. The other way, StatusOf describes an incident status:
// reported for_triage, accepted investigating, dispatched
// action_scheduled, returned internal_referral, in_progress in_progress,
// resolved fixed, closed closed, reopened reopen, and rejected by its
// reason (duplicate, not_councils_responsibility, no_further_action);
// each leads back to the same incident status through the table above.
// GET servicerequestupdates lists every received update as received, and
// every status change made otherwise (by staff using the incident package
// directly) with the extended status StatusOf gives, under the root
// element service_request_updates in XML, as POST servicerequestupdates
// answers too.
//
// A request's status follows its latest status entry (Record.Status):
// the closing statuses of the extension (fixed, closed, duplicate,
// not_councils_responsibility, no_further_action, internal_referral, and
// cancelled, which FixMyStreet files as closed too) make it closed, the
// others open; a matter the incident closed or rejected stays closed.
//
// Updates are idempotent by update_id within a service request: a repeat is
// answered like the first and changes nothing, so clients may retry. An
// update older than the request's latest change, or a status with no path
// from the current state, changes no incident state; it is kept and shows
// in status_notes and in the update list. A command the incident package
// refuses (a permission) fails the whole update and records nothing.
//
// # Errors
//
// Every failure is a list of {code, description} with the HTTP status as
// code: 400 for bad input or a change the incident does not allow, 403
// for a missing or unknown api_key or an actor without the permission, 404
// for an unknown service code, request, token, jurisdiction or path, 405
// for a wrong method, 413 for a body over the limit, 415 for a body that
// is neither a form nor multipart, 500 when the Store fails. Descriptions
// are written for the client: each names the parameter at fault and what
// was expected, and none carries an internal error's text or the SDK's
// own field names. DecodeForm, DecodeUpdateForm, SearchQuery and
// CheckAttributes return *grassroots.ValidationError, whose paths are
// the parameter names; so does NewHandler for its options.
//
// # Guarantees
//
// Everything but Handler and Store is a pure function of its arguments.
// The Handler reads the time only from its clock (WithClock) and
// randomness only from its source (WithRand); it is safe for concurrent
// use, and a concurrent change of one request is decided again against the
// newer state. Decoders never panic and return no partial value on error.
package open311
