package open311_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/grid"
	"github.com/grassrootsgov/grassroots/incident"
	"github.com/grassrootsgov/grassroots/incident/open311"
	"github.com/grassrootsgov/grassroots/workday"
)

// A resident app posts a request; the server answers with its ID, and the
// app reads the request back, in XML here.
func Example() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	decider, _ := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	h, err := open311.NewHandler(&open311.MemoryStore{}, decider,
		open311.WithBasePath("/open311/v2"),
		open311.WithAPIKey("app-key", grassroots.Actor{ID: "resident-app", Party: grassroots.Resident}),
		open311.WithClock(func() time.Time { return now }),
		open311.WithRand(rand.NewChaCha8([32]byte{})))
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	res, _ := http.PostForm(srv.URL+"/open311/v2/requests.json", url.Values{
		"api_key":      {"app-key"},
		"service_code": {"002"},
		"lat":          {"27.9938"},
		"long":         {"120.6994"},
		"description":  {"rubbish heaped by the gate"},
	})
	var receipts []open311.Receipt
	_ = jsonDecode(res, &receipts)
	id := string(receipts[0].ServiceRequestID)
	fmt.Println(res.StatusCode, receipts[0].ServiceNotice)

	res, _ = http.Get(srv.URL + "/open311/v2/requests/" + id + ".xml")
	list, err := open311.DecodeRequests(res.Body)
	_ = res.Body.Close()
	if err != nil {
		fmt.Println(err)
		return
	}
	r := list[0]
	fmt.Println(r.ServiceRequestID == receipts[0].ServiceRequestID, r.Status, r.ServiceCode, r.RequestedDatetime, *r.Lat, *r.Long)
	// Output:
	// 200 Handled within 1 working day; closed when the heaped or scattered garbage is removed.
	// true open 002 2026-03-10T17:00:00+08:00 27.9938 120.6994
}

// An update's extended status stands for the commands that bring the
// incident to the matching status.
func ExamplePath() {
	fmt.Println(open311.Path(open311.StatusFixed, incident.StatusAccepted))
	fmt.Println(open311.Path(open311.StatusOpen, incident.StatusClosed))
	fmt.Println(open311.Path(open311.StatusInvestigating, incident.StatusInProgress))
	// Output:
	// [dispatch start resolve]
	// [reopen]
	// []
}

func ExampleStatusOf() {
	fmt.Println(open311.StatusOf(incident.StatusResolved, 0))
	fmt.Println(open311.StatusOf(incident.StatusRejected, incident.RejectOutOfScope))
	fmt.Println(open311.RequestStatus(open311.StatusOf(incident.StatusRejected, incident.RejectInvalid)))
	// Output:
	// fixed
	// not_councils_responsibility
	// closed
}

// The extension's closing statuses close a request as GeoReport v2 sees
// it, whatever the incident's own status.
func ExampleStatus_Closes() {
	for _, s := range []open311.Status{open311.StatusFixed, open311.StatusInternalReferral, open311.StatusCancelled, open311.StatusActionScheduled, open311.StatusReopen} {
		fmt.Println(s, s.Closes(), open311.RequestStatus(s))
	}
	// Output:
	// fixed true closed
	// internal_referral true closed
	// cancelled true closed
	// action_scheduled false open
	// reopen false open
}

// ParseDatetime reads every W3C-DTF form with a time and a zone, and
// String writes RFC 3339 in whole seconds.
func ExampleParseDatetime() {
	for _, s := range []string{"2026-03-10T09:00+08:00", "2026-03-10T01:00:00.75Z", "2026-03-10"} {
		d, err := open311.ParseDatetime(s)
		fmt.Println(d, err != nil)
	}
	// Output:
	// 2026-03-10T09:00:00+08:00 false
	// 2026-03-10T01:00:00Z false
	//  true
}

// Only markup is HTML; entities are text a client wrote.
func ExampleContainsHTML() {
	fmt.Println(open311.ContainsHTML("fish &amp; chips, AT&T"))
	fmt.Println(open311.ContainsHTML("depth < 1m, a<b"))
	fmt.Println(open311.ContainsHTML("<b>big</b>"))
	// Output:
	// false
	// false
	// true
}

// A request reported with an address only, or with no description, is
// accepted; a service flagged with WithRequiredDescription refuses a
// request without one.
func ExampleWithRequiredDescription() {
	cal, _ := workday.NewCalendar(workday.DefaultSpec(), workday.CalendarOptions{})
	decider, _ := incident.NewDecider(incident.DefaultCatalog(), cal, incident.DefaultRedoPolicy())
	h, _ := open311.NewHandler(&open311.MemoryStore{}, decider,
		open311.WithAPIKey("app-key", grassroots.Actor{ID: "resident-app", Party: grassroots.Resident}),
		open311.WithClock(func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC) }),
		open311.WithRand(rand.NewChaCha8([32]byte{})),
		open311.WithRequiredDescription("006"))
	for _, code := range []string{"002", "006"} {
		body := url.Values{"api_key": {"app-key"}, "service_code": {code}, "address_string": {"1 Wuma Street"}}.Encode()
		r := httptest.NewRequest(http.MethodPost, "/requests.json", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(code, w.Code)
	}
	// Output:
	// 002 200
	// 006 400
}

// With extensions=true a request shows every attribute it was sent with:
// the service's own with their labels and key names, and the client's
// (here FixMyStreet's) as given.
func ExampleRequestAttributes() {
	defs := []open311.Attribute{{Variable: true, Code: "KIND", Datatype: open311.DatatypeSingleValueList, Description: "Kind of structure",
		Values: []open311.AttributeValue{{Key: "1", Name: "rooftop"}, {Key: "2", Name: "yard"}}}}
	rec := open311.Record{Attributes: map[string][]string{"KIND": {"1"}, "fixmystreet_id": {"1234"}}}
	for _, a := range open311.RequestAttributes(&rec, defs) {
		fmt.Printf("%s=%s (%s) %q\n", a.Name, a.Code, a.Value, a.Label)
	}
	// Output:
	// KIND=1 (rooftop) "Kind of structure"
	// fixmystreet_id=1234 (1234) ""
}

// A record's GeoReport status follows its latest update: DUPLICATE closes
// the request even while the incident waits for the original's ID.
func ExampleRecord_RequestStatus() {
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	rec := open311.Record{State: incident.Incident{ID: "42", Status: incident.StatusReported, ReportedAt: at, UpdatedAt: at}}
	fmt.Println(rec.RequestStatus())
	rec.Updates = append(rec.Updates, open311.Update{UpdateID: "u1", Status: open311.StatusDuplicate, UpdatedDatetime: open311.DatetimeOf(at.Add(time.Hour))})
	st, since := rec.Status()
	fmt.Println(rec.RequestStatus(), st, since.Format(time.RFC3339))
	// Output:
	// open
	// closed duplicate 2026-03-10T10:00:00Z
}

// DecodeUpdates reads both spellings of the root element seen in the wild.
func ExampleDecodeUpdates() {
	for _, doc := range []string{
		`<service_request_updates><request_update><update_id>1</update_id><status>FIXED</status></request_update></service_request_updates>`,
		`<service_requests_updates><request_update><update_id>2</update_id><status>open</status></request_update></service_requests_updates>`,
	} {
		ups, err := open311.DecodeUpdates(strings.NewReader(doc))
		fmt.Println(ups[0].UpdateID, ups[0].Status, err)
	}
	// Output:
	// 1 fixed <nil>
	// 2 open <nil>
}

// The GeoReport v2 specification writes numbers with leading zeros in its
// examples, which JSON forbids; real servers write IDs as numbers too.
func ExampleDecodeRequests() {
	_, err := open311.DecodeRequests(strings.NewReader(`[{"service_request_id":"1","service_code":006}]`))
	fmt.Println(err != nil)
	list, _ := open311.DecodeRequests(strings.NewReader(`[{"service_request_id":638344,"service_code":"006"}]`))
	fmt.Printf("%q %q\n", list[0].ServiceRequestID, list[0].ServiceCode)
	// Output:
	// true
	// "638344" "006"
}

func ExampleDecodeForm() {
	form, _ := url.ParseQuery("service_code=001&lat=27.9938&description=%3Cb%3Ebig%3C%2Fb%3E")
	_, err := open311.DecodeForm(form)
	var ve *grassroots.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	sub, _ := open311.DecodeForm(url.Values{"service_code": {"006"}, "address_id": {"545483"}, "attribute[fixmystreet_id]": {"1234"}})
	fmt.Println(sub.Point == nil, sub.AddressID, sub.Attributes)
	// Output:
	// long required
	// description format
	// true 545483 map[fixmystreet_id:[1234]]
}

func ExampleToRequest() {
	rec := open311.Record{State: incident.Incident{
		ID: "42", Status: incident.StatusClosed, Category: "006", Description: "loose cable", Unit: "street-office",
		Location:   incident.Location{Point: grid.Point{Lng: 120.6994, Lat: 27.9938}, CRS: grid.GCJ02},
		ReportedAt: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC),
		ClosedAt:   time.Date(2026, 3, 10, 10, 30, 15, 500, time.UTC),
		UpdatedAt:  time.Date(2026, 3, 10, 10, 30, 15, 500, time.UTC),
	}}
	r, _ := open311.ToRequest(&rec, incident.DefaultCatalog(), time.UTC)
	fmt.Println(r.Status, r.AgencyResponsible, r.UpdatedDatetime)
	fmt.Printf("%.5f %.5f\n", *r.Lat, *r.Long)
	// Output:
	// closed street-office 2026-03-10T10:30:15Z
	// 27.99709 120.69535
}
