package open311host

import (
	"strconv"
	"time"

	"github.com/grassrootsgov/grassroots"
	"github.com/grassrootsgov/grassroots/incident/open311"
)

// pkgName is the package of the Open311 record events.
const pkgName = "open311"

// subjectPrefix starts the subject of a request's Open311 chain.
const subjectPrefix = "open311:"

// recordEvent is an event of a request's Open311 chain.
type recordEvent interface {
	grassroots.DomainEvent
	apply(rec *open311.Record)
}

// submitted keeps what a posted request carried that its incident does
// not model.
type submitted struct {
	grassroots.Meta
	Zipcode    string              `json:"zipcode,omitempty"`
	AccountID  string              `json:"account_id,omitempty"`
	Attributes map[string][]string `json:"attributes,omitempty"`
}

// EventName implements grassroots.DomainEvent.
func (submitted) EventName() string { return "submitted" }

func (e submitted) apply(rec *open311.Record) {
	rec.Zipcode, rec.AccountID, rec.Attributes = e.Zipcode, e.AccountID, e.Attributes
}

// updateReceived keeps one received update as it was received.
type updateReceived struct {
	grassroots.Meta
	UpdateID           string         `json:"update_id"`
	Status             open311.Status `json:"status"`
	UpdatedDatetime    time.Time      `json:"updated_datetime"`
	Description        string         `json:"description,omitempty"`
	MediaURL           string         `json:"media_url,omitempty"`
	ExternalStatusCode string         `json:"external_status_code,omitempty"`
}

// EventName implements grassroots.DomainEvent.
func (updateReceived) EventName() string { return "update_received" }

func (e updateReceived) apply(rec *open311.Record) {
	rec.Updates = append(rec.Updates, open311.Update{
		UpdateID:           open311.ID(e.UpdateID),
		ServiceRequestID:   open311.ID(rec.State.ID),
		Status:             e.Status,
		UpdatedDatetime:    open311.Datetime{Time: e.UpdatedDatetime},
		Description:        e.Description,
		MediaURL:           e.MediaURL,
		ExternalStatusCode: e.ExternalStatusCode,
	})
}

// recordCodec encodes the Open311 chain.
var recordCodec = func() *grassroots.Codec[recordEvent] {
	c, err := grassroots.NewCodec[recordEvent](pkgName, submitted{}, updateReceived{})
	if err != nil {
		panic(err) // the arguments are the literals above
	}
	return c
}()

// RecordCodec returns the codec of the Open311 chain's events
// (grassroots.open311.submitted.v1 and grassroots.open311.update_received.v1),
// whose data schemas package schema ships under open311/.
func RecordCodec() *grassroots.Codec[grassroots.DomainEvent] { return recordDomainCodec }

// recordDomainCodec is recordCodec over the root's DomainEvent, for the
// schema generator, which needs only the names and zero values.
var recordDomainCodec = func() *grassroots.Codec[grassroots.DomainEvent] {
	c, err := grassroots.NewCodec[grassroots.DomainEvent](pkgName, submitted{}, updateReceived{})
	if err != nil {
		panic(err) // the arguments are the literals above
	}
	return c
}()

// recordEvents returns the Open311 events a save from old to rec adds:
// submitted for a new request, one update_received per new update.
func recordEvents(old, rec *open311.Record, actor grassroots.Actor) []recordEvent {
	subject := subjectPrefix + rec.State.ID
	var out []recordEvent
	if old == nil {
		out = append(out, submitted{
			Meta:    grassroots.Meta{AggregateID: subject, CommandID: "submitted", Actor: actor, At: rec.State.ReportedAt},
			Zipcode: rec.Zipcode, AccountID: rec.AccountID, Attributes: rec.Attributes,
		})
	}
	from := 0
	if old != nil {
		from = len(old.Updates)
	}
	for i := from; i < len(rec.Updates); i++ {
		u := rec.Updates[i]
		out = append(out, updateReceived{
			Meta:     grassroots.Meta{AggregateID: subject, CommandID: "update-" + strconv.Itoa(i+1), Actor: actor, At: u.UpdatedDatetime.Time},
			UpdateID: string(u.UpdateID), Status: u.Status, UpdatedDatetime: u.UpdatedDatetime.Time,
			Description: u.Description, MediaURL: u.MediaURL, ExternalStatusCode: u.ExternalStatusCode,
		})
	}
	return out
}
