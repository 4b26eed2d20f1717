package open311_test

import (
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
	fmt.Println(open311.RequestStatus(incident.StatusRejected))
	// Output:
	// fixed
	// not_councils_responsibility
	// closed
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
	fmt.Println(err)
	// Output:
	// open311: invalid form: lat and long must be given together; description must not contain HTML
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
