package open311_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

// The requests and updates below are what FixMyStreet's perllib/Open311.pm
// sends (mysociety/fixmystreet, read at 84d7c80c): the parameters of
// _populate_service_request_params and _populate_service_request_update_params,
// the attributes its cobrands add (t/sendreport/open311.t, t/cobrand/*.t),
// W3C datetimes from DateTime::Format::W3CDTF, and multipart bodies built by
// HTTP::Request::Common when it uploads photos or files. Each runs through
// the Handler as a form and as multipart/form-data.

// fmsDescription is Open311.pm's extended description of a UK report.
const fmsDescription = "title: Pothole on Constitution Hill\r\n\r\ndetail: A deep pothole by the kerb\r\n\r\n" +
	"url: http://www.fixmystreet.com/report/1234\r\n\r\nSubmitted via FixMyStreet\r\n"

// fmsAttributes are the attributes FixMyStreet adds to every report: its ID,
// the British National Grid position, the report's URL, title and detail,
// and the nearest address.
var fmsAttributes = [][2]string{
	{"attribute[fixmystreet_id]", "1234"},
	{"attribute[easting]", "529025"},
	{"attribute[northing]", "179716"},
	{"attribute[report_url]", "http://www.fixmystreet.com/report/1234"},
	{"attribute[title]", "Pothole on Constitution Hill"},
	{"attribute[description]", "A deep pothole by the kerb"},
	{"attribute[closest_address]", "Constitution Hill, London\nSW1A 1AA"},
}

func fields(groups ...[][2]string) [][2]string {
	var out [][2]string
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// fmsReport is a request of the table: its fields in FixMyStreet's order,
// the files it uploads, and what the stored request must hold.
type fmsReport struct {
	name   string
	fields [][2]string
	files  []part
	point  bool
	media  int
}

var fmsReports = []fmsReport{
	{
		name: "a report with the extended description and FixMyStreet's attributes",
		fields: fields([][2]string{{"service_code", "002"}, {"lat", "27.9938"}, {"long", "120.6994"},
			{"description", fmsDescription}, {"first_name", "Test"}, {"last_name", "User"}, {"email", "test@example.com"}}, fmsAttributes),
		point: true,
	},
	{
		name:   "a basic description, extended_description off",
		fields: [][2]string{{"description", "problem detail"}, {"service_code", "002"}, {"first_name", "A"}, {"last_name", "User"}, {"lat", "1"}, {"long", "2"}, {"email", "test@example.org"}},
		point:  true,
	},
	{
		name: "not pinpointed: address_id #NOTPINPOINTED# and the grid position as attributes, no lat and long",
		fields: [][2]string{{"service_code", "002"}, {"description", "problem detail"}, {"first_name", "Fred"}, {"last_name", "Bloggs"},
			{"address_id", "#NOTPINPOINTED#"}, {"attribute[easting]", "540315"}, {"attribute[northing]", "168935"},
			{"attribute[report_url]", "http://example.com/1234"}, {"attribute[report_title]", "Problem | ID: 11"},
			{"attribute[public_anonymity_required]", "TRUE"}, {"attribute[email_alerts_requested]", "FALSE"},
			{"attribute[requested_datetime]", "2026-03-10T09:00:00+08:00"}, {"attribute[email]", "fred@example.com"}, {"attribute[last_name]", "Bloggs"}},
	},
	{
		name:   "a postcode as address_string, the map not used",
		fields: [][2]string{{"service_code", "006"}, {"description", "loose cable"}, {"address_string", "SW1A 1AA"}, {"first_name", "Nom"}, {"last_name", "de Report"}},
	},
	{
		name:   "an extra without a value sent empty, and an extra of 0",
		fields: [][2]string{{"service_code", "002"}, {"lat", "27.99"}, {"long", "120.69"}, {"description", "d"}, {"attribute[title]", ""}, {"attribute[count]", "0"}},
		point:  true,
	},
	{
		name: "a list attribute the service defines, its values repeated as attribute[code]",
		fields: [][2]string{{"service_code", "004"}, {"lat", "27.99"}, {"long", "120.69"}, {"description", "mud and gravel"},
			{"attribute[MATERIAL]", "mud"}, {"attribute[MATERIAL]", "gravel"}, {"attribute[uprn]", "100023336956"}},
		point: true,
	},
	{
		name: "several photos, media_url repeated",
		fields: [][2]string{{"service_code", "002"}, {"lat", "27.99"}, {"long", "120.69"}, {"description", "see photos"},
			{"media_url", "http://www.fixmystreet.com/photo/1234.0.full.jpeg"}, {"media_url", "http://www.fixmystreet.com/photo/1234.1.full.jpeg"}},
		point: true, media: 2,
	},
	{
		name:   "no description at all",
		fields: [][2]string{{"service_code", "002"}, {"lat", "27.99"}, {"long", "120.69"}, {"first_name", "Test"}},
		point:  true,
	},
	{
		name:   "text with entities and a lone <, which is no markup",
		fields: [][2]string{{"service_code", "002"}, {"lat", "27.99"}, {"long", "120.69"}, {"description", "Fish &amp; chips papers, AT&T box, depth <5cm"}},
		point:  true,
	},
	{
		name: "photos uploaded with the report of a private problem, media_url dropped",
		fields: fields([][2]string{{"service_code", "002"}, {"lat", "27.9938"}, {"long", "120.6994"}, {"description", fmsDescription},
			{"first_name", "Test"}, {"last_name", "User"}}, fmsAttributes),
		files: []part{{name: "photo1", file: "1234.0.full.jpeg", value: "\xff\xd8\xff\xe0 not really a JPEG"},
			{name: "file_abc", file: "enquiry.pdf", value: "%PDF-1.4"}},
		point: true,
	},
}

func TestFixMyStreetReports(t *testing.T) {
	s := newServer(t, open311.WithAttributes("004", open311.Attribute{Variable: true, Code: "MATERIAL", Datatype: open311.DatatypeMultiValueList,
		Description: "What is on the road?", Values: []open311.AttributeValue{{Key: "mud", Name: "Mud"}, {Key: "gravel", Name: "Gravel"}}}))
	for _, c := range fmsReports {
		for _, encoding := range []string{"form", "multipart"} {
			if encoding == "form" && len(c.files) > 0 {
				continue
			}
			t.Run(c.name+"/"+encoding, func(t *testing.T) {
				all := append([][2]string{{"jurisdiction_id", "lucheng.wenzhou.gov.cn"}, {"api_key", residentKey}}, c.fields...)
				res := postFields(t, s, "/requests.xml", encoding, all, c.files)
				require.Equal(t, http.StatusOK, res.status, "%s: %s", c.name, res.body)
				var receipt struct {
					XMLName xml.Name          `xml:"service_requests"`
					Items   []open311.Receipt `xml:"request"`
				}
				require.NoError(t, xml.Unmarshal([]byte(res.body), &receipt), "receipt %s", res.body)
				require.Len(t, receipt.Items, 1, "one receipt")
				id := string(receipt.Items[0].ServiceRequestID)
				require.NotEmpty(t, id, "the ID at once, as Open311.pm reads request->[0]->{service_request_id}")
				assert.Empty(t, receipt.Items[0].Token, "no token beside it")

				rec := load(t, s, id)
				sent := url.Values{}
				for _, kv := range c.fields {
					sent.Add(kv[0], kv[1])
				}
				assert.Equal(t, sent.Get("description"), rec.State.Description, "description as sent")
				assert.Equal(t, c.point, rec.State.Located(), "located exactly when lat and long came")
				assert.Equal(t, sent.Get("address_string"), rec.State.Address, "address_string")
				assert.Equal(t, sent.Get("address_id"), rec.State.AddressID, "address_id")
				assert.Len(t, rec.State.Media, c.media, "media_url values")
				wantAttrs := map[string][]string{}
				for k, vals := range sent {
					if code, ok := strings.CutPrefix(k, "attribute["); ok {
						wantAttrs[strings.TrimSuffix(code, "]")] = vals
					}
				}
				if len(wantAttrs) == 0 {
					wantAttrs = nil
				}
				assert.Equal(t, wantAttrs, rec.Attributes, "every attribute kept, defined or not")

				// Staff see every attribute; others see them without the
				// contact details (see TestExtensionsHideContactAttributes).
				shown := s.get(t, "/requests/"+id+".xml?extensions=true&api_key="+staffKey)
				require.Equal(t, http.StatusOK, shown.status, shown.body)
				list, err := open311.DecodeRequests(strings.NewReader(shown.body))
				require.NoError(t, err, shown.body)
				require.Len(t, list, 1, "one request")
				got := map[string][]string{}
				for _, a := range list[0].Attributes {
					got[a.Name] = append(got[a.Name], a.Code)
				}
				if len(got) == 0 {
					got = nil
				}
				assert.Equal(t, wantAttrs, got, "GET requests with extensions=true returns them")
				assert.Equal(t, c.point, list[0].Lat != nil, "lat shown exactly when known")
				plain := s.get(t, "/requests/"+id+".xml")
				assert.NotContains(t, plain.body, "<attributes>", "attributes only when asked for")
			})
		}
	}
}

// postFields posts fields in order as a form or as multipart/form-data
// with files.
func postFields(t *testing.T, s *server, path, encoding string, fs [][2]string, files []part) response {
	t.Helper()
	if encoding == "form" {
		v := url.Values{}
		for _, kv := range fs {
			v.Add(kv[0], kv[1])
		}
		return s.do(t, http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
	}
	parts := make([]part, 0, len(fs)+len(files))
	for _, kv := range fs {
		parts = append(parts, part{name: kv[0], value: kv[1]})
	}
	return s.postMultipart(t, path, append(parts, files...))
}

// fmsUpdate is an update of the table, posted on a fresh report.
type fmsUpdate struct {
	name     string
	key      string
	fields   [][2]string
	files    []part
	incident incident.Status
	request  string
}

// w3c formats a time as DateTime::Format::W3CDTF does.
func w3c(t time.Time) string { return t.Format("2006-01-02T15:04:05-07:00") }

var fmsUpdates = []fmsUpdate{
	{
		name: "a resident's comment on an open report: OPEN, the commenter's name and e-mail, title",
		key:  residentKey,
		fields: [][2]string{{"updated_datetime", w3c(start.Add(time.Hour))}, {"status", "OPEN"}, {"description", "this is a comment"},
			{"last_name", "User"}, {"first_name", "Test"}, {"email", "test@example.com"}, {"title", "Mr"}},
		incident: incident.StatusReported, request: "open",
	},
	{
		name: "Bromley's extended comment: service_request_id_ext, anonymity and alert flags",
		key:  residentKey,
		fields: [][2]string{{"updated_datetime", w3c(start.Add(time.Hour))}, {"status", "OPEN"}, {"description", "this is a comment"},
			{"service_request_id_ext", "80"}, {"public_anonymity_required", "FALSE"}, {"email_alerts_requested", "FALSE"},
			{"last_name", "User"}, {"first_name", "Test"}, {"attribute[usrn]", "8400712"}},
		incident: incident.StatusReported, request: "open",
	},
	{
		name:     "a council's extended status INVESTIGATING",
		key:      staffKey,
		fields:   [][2]string{{"updated_datetime", w3c(start.Add(time.Hour))}, {"status", "INVESTIGATING"}, {"description", "we are looking"}},
		incident: incident.StatusAccepted, request: "open",
	},
	{
		name:     "ACTION_SCHEDULED in UTC with Z",
		key:      staffKey,
		fields:   [][2]string{{"updated_datetime", start.Add(time.Hour).UTC().Format(time.RFC3339)}, {"status", "ACTION_SCHEDULED"}, {"description", "crew booked"}},
		incident: incident.StatusDispatched, request: "open",
	},
	{
		name:     "IN_PROGRESS with minutes and no seconds",
		key:      staffKey,
		fields:   [][2]string{{"updated_datetime", start.Add(time.Hour).Format("2006-01-02T15:04-07:00")}, {"status", "IN_PROGRESS"}, {"description", "crew on site"}},
		incident: incident.StatusInProgress, request: "open",
	},
	{
		name: "FIXED with a photo URL",
		key:  staffKey,
		fields: [][2]string{{"updated_datetime", w3c(start.Add(time.Hour))}, {"status", "FIXED"}, {"description", "filled"},
			{"media_url", "http://www.fixmystreet.com/c/99.0.full.jpeg"}},
		incident: incident.StatusResolved, request: "closed",
	},
	{
		name:     "CLOSED",
		key:      staffKey,
		fields:   [][2]string{{"updated_datetime", w3c(start.Add(time.Hour))}, {"status", "CLOSED"}, {"description", "done"}},
		incident: incident.StatusClosed, request: "closed",
	},
	{
		name:     "DUPLICATE without duplicate_of",
		key:      staffKey,
		fields:   [][2]string{{"updated_datetime", w3c(start.Add(time.Hour))}, {"status", "DUPLICATE"}, {"description", "already reported"}},
		incident: incident.StatusReported, request: "closed",
	},
	{
		name:     "NOT_COUNCILS_RESPONSIBILITY",
		key:      staffKey,
		fields:   [][2]string{{"updated_datetime", w3c(start.Add(time.Hour))}, {"status", "NOT_COUNCILS_RESPONSIBILITY"}, {"description", "private land"}},
		incident: incident.StatusRejected, request: "closed",
	},
	{
		name:     "NO_FURTHER_ACTION with an empty description",
		key:      staffKey,
		fields:   [][2]string{{"updated_datetime", w3c(start.Add(time.Hour))}, {"status", "NO_FURTHER_ACTION"}, {"description", ""}},
		incident: incident.StatusRejected, request: "closed",
	},
	{
		name: "a comment with its photo uploaded, on a private report",
		key:  residentKey,
		fields: [][2]string{{"updated_datetime", w3c(start.Add(time.Hour))}, {"status", "OPEN"}, {"description", "this is a comment"},
			{"last_name", "User"}, {"first_name", "Test"}},
		files:    []part{{name: "photo1", file: "99.0.full.jpeg", value: "\xff\xd8 jpeg bytes"}},
		incident: incident.StatusReported, request: "open",
	},
}

func TestFixMyStreetUpdates(t *testing.T) {
	s := newServer(t)
	for i, c := range fmsUpdates {
		for _, encoding := range []string{"form", "multipart"} {
			if encoding == "form" && len(c.files) > 0 {
				continue
			}
			t.Run(c.name+"/"+encoding, func(t *testing.T) {
				id := s.report(t, "002")
				uid := strconv.Itoa(248 + 2*i + len(encoding)%2) // comment IDs, as FixMyStreet numbers them
				all := append([][2]string{{"jurisdiction_id", "lucheng.wenzhou.gov.cn"}, {"api_key", c.key},
					{"service_request_id", id}, {"update_id", uid}}, c.fields...)
				res := postFields(t, s, "/servicerequestupdates.xml", encoding, all, c.files)
				require.Equal(t, http.StatusOK, res.status, "%s: %s", c.name, res.body)
				assert.Equal(t, xml.Header+"<service_request_updates><request_update><update_id>"+uid+"</update_id></request_update></service_request_updates>\n",
					res.body, "the answer Open311.pm reads request_update->[0]->{update_id} from")
				rec := load(t, s, id)
				assert.Equal(t, c.incident, rec.State.Status, "incident status")
				require.Len(t, rec.Updates, 1, "the update is kept")
				assert.Equal(t, c.request, s.request(t, id).Status, "GeoReport status")

				again := postFields(t, s, "/servicerequestupdates.xml", encoding, all, c.files)
				assert.Equal(t, res.body, again.body, "a retry is answered alike")
				assert.Len(t, load(t, s, id).Updates, 1, "and changes nothing")
			})
		}
	}
}

// FixMyStreet reads the updates feed with start_date and end_date in W3C
// form and parses it with XML::Simple, which takes the root element as
// given: the feed answers under service_request_updates.
func TestFixMyStreetReadsTheUpdatesFeed(t *testing.T) {
	s := newServer(t)
	id := s.report(t, "002")
	require.Equal(t, http.StatusOK, s.update(t, id, "c-1", "ACTION_SCHEDULED", start.Add(time.Minute)).status, "scheduled")
	q := url.Values{"jurisdiction_id": {"lucheng.wenzhou.gov.cn"}, "api_key": {staffKey},
		"start_date": {w3c(start)}, "end_date": {w3c(start.Add(time.Hour))}}
	res := s.get(t, "/servicerequestupdates.xml?"+q.Encode())
	require.Equal(t, http.StatusOK, res.status, res.body)
	var feed struct {
		XMLName xml.Name `xml:"service_request_updates"`
		Items   []struct {
			UpdateID string `xml:"update_id"`
			Status   string `xml:"status"`
			When     string `xml:"updated_datetime"`
		} `xml:"request_update"`
	}
	require.NoError(t, xml.Unmarshal([]byte(res.body), &feed), res.body)
	require.Len(t, feed.Items, 1, "one update")
	assert.Equal(t, "action_scheduled", feed.Items[0].Status, "lower case, as open311-adapter writes")
	assert.Equal(t, "2026-03-10T09:01:00+08:00", feed.Items[0].When, "whole seconds with the offset")
}
