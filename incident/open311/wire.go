package open311

import (
	"encoding/xml"

	"github.com/grassrootsgov/grassroots/internal/validate"
)

// Service is one entry of the service list (GET services): a category of
// the incident catalogue. Metadata is true when the service has a
// definition with attributes. Type is always "realtime", since a request
// is decided as it arrives.
type Service struct {
	ServiceCode ID     `json:"service_code" xml:"service_code"`
	ServiceName string `json:"service_name" xml:"service_name"`
	Description string `json:"description" xml:"description"`
	Metadata    bool   `json:"metadata" xml:"metadata"`
	Type        string `json:"type" xml:"type"`
	Keywords    string `json:"keywords" xml:"keywords"`
	Group       string `json:"group" xml:"group"`
}

// ServiceDefinition is GET services/{code}: the attributes a request for
// the service may or must carry. A service without attributes has an
// empty list.
type ServiceDefinition struct {
	XMLName     xml.Name    `json:"-" xml:"service_definition"`
	ServiceCode ID          `json:"service_code" xml:"service_code"`
	Attributes  []Attribute `json:"attributes" xml:"attributes>attribute"`
}

// Datatype names of service attributes.
const (
	DatatypeString          = "string"
	DatatypeNumber          = "number"
	DatatypeDatetime        = "datetime"
	DatatypeText            = "text"
	DatatypeSingleValueList = "singlevaluelist"
	DatatypeMultiValueList  = "multivaluelist"
)

// Bounds on submitted attribute values: FixMyStreet sends the report's
// text as attribute[description], so a value may be as long as a
// description.
const (
	maxAttributeValueLength  = MaxDescription
	maxAttributeValuesPerKey = 64
)

// Attribute is one question of a service definition. Variable false means
// the attribute is information only and takes no value; the list
// datatypes take keys of Values.
type Attribute struct {
	Variable            bool             `json:"variable" xml:"variable"`
	Code                string           `json:"code" xml:"code"`
	Datatype            string           `json:"datatype" xml:"datatype"`
	Required            bool             `json:"required" xml:"required"`
	DatatypeDescription string           `json:"datatype_description" xml:"datatype_description"`
	Order               int              `json:"order" xml:"order"`
	Description         string           `json:"description" xml:"description"`
	Values              []AttributeValue `json:"values,omitempty" xml:"values>value,omitempty"`
}

// AttributeValue is one choice of a list attribute. Keys are strings on
// the wire and read from numbers too.
type AttributeValue struct {
	Key  ID     `json:"key" xml:"key"`
	Name string `json:"name" xml:"name"`
}

// Request is a service request as GET requests and requests/{id} return
// it. Lat and Long are WGS84 degrees, nil while the request has no point
// (it was located by address_string or address_id alone); datetimes are
// whole seconds with an offset. Attributes are the submitted attribute
// values, shown only when the client asks with extensions=true, as the
// GeoReport v2 extensions page describes.
type Request struct {
	ServiceRequestID  ID       `json:"service_request_id" xml:"service_request_id"`
	Status            string   `json:"status" xml:"status"`
	StatusNotes       string   `json:"status_notes" xml:"status_notes"`
	ServiceName       string   `json:"service_name" xml:"service_name"`
	ServiceCode       ID       `json:"service_code" xml:"service_code"`
	Description       string   `json:"description" xml:"description"`
	AgencyResponsible string   `json:"agency_responsible" xml:"agency_responsible"`
	ServiceNotice     string   `json:"service_notice" xml:"service_notice"`
	RequestedDatetime Datetime `json:"requested_datetime" xml:"requested_datetime"`
	UpdatedDatetime   Datetime `json:"updated_datetime" xml:"updated_datetime"`
	ExpectedDatetime  Datetime `json:"expected_datetime" xml:"expected_datetime"`
	Address           string   `json:"address" xml:"address"`
	AddressID         ID       `json:"address_id" xml:"address_id"`
	Zipcode           ID       `json:"zipcode" xml:"zipcode"`
	Lat               *float64 `json:"lat" xml:"lat,omitempty"`
	Long              *float64 `json:"long" xml:"long,omitempty"`
	MediaURL          string   `json:"media_url" xml:"media_url"`
	// Attributes are omitted unless asked for.
	Attributes RequestAttributeList `json:"attributes,omitempty" xml:"attributes,omitempty"`
}

// RequestAttributeList is the attributes of a Request: a JSON array, and
// in XML <attributes><attribute>…</attribute></attributes>, left out when
// empty. Decoding into a nil *RequestAttributeList is an error matching
// grassroots.ErrInvalid.
type RequestAttributeList []RequestAttribute

// xmlAttributeList is the content of <attributes>.
type xmlAttributeList struct {
	Items []RequestAttribute `xml:"attribute"`
}

// MarshalXML writes the list in its <attributes> element, or nothing when
// it is empty.
func (l RequestAttributeList) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if len(l) == 0 {
		return nil
	}
	return e.EncodeElement(xmlAttributeList{Items: l}, start)
}

// UnmarshalXML reads the <attribute> children of the element.
func (l *RequestAttributeList) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	if l == nil {
		return validate.NilTarget("open311.RequestAttributeList")
	}
	var x xmlAttributeList
	if err := d.DecodeElement(&x, &start); err != nil {
		return err
	}
	*l = append(*l, x.Items...)
	return nil
}

// RequestAttribute is one submitted attribute value of a request, in the
// shape of the GeoReport v2 extensions page's example: Name is the
// attribute code as submitted ("FLOORS", "fixmystreet_id"), Code the
// value as submitted (for a list attribute, the chosen key), Value the
// value for people (for a list attribute, the key's name; otherwise the
// value as submitted), and Label the service definition's description of
// the attribute, empty for an attribute the service does not define.
type RequestAttribute struct {
	Label string `json:"label" xml:"label"`
	Name  string `json:"name" xml:"name"`
	Value string `json:"value" xml:"value"`
	Code  string `json:"code" xml:"code"`
}

// Update is one entry of the servicerequestupdates extension. Its IDs
// read from JSON strings or integers (FixMyStreet's own endpoint writes
// update_id as a number) and write as strings. Status is
// one of the extension's statuses: it reads in any case ("FIXED", as
// FixMyStreet writes it) and writes in lower case, and a status the
// extension does not define is an error.
type Update struct {
	UpdateID           ID       `json:"update_id" xml:"update_id"`
	ServiceRequestID   ID       `json:"service_request_id" xml:"service_request_id"`
	Status             Status   `json:"status" xml:"status"`
	UpdatedDatetime    Datetime `json:"updated_datetime" xml:"updated_datetime"`
	Description        string   `json:"description" xml:"description"`
	MediaURL           string   `json:"media_url" xml:"media_url"`
	ExternalStatusCode string   `json:"external_status_code,omitempty" xml:"external_status_code,omitempty"`
}

// Receipt answers POST requests: the new request's ID or, from a server
// that does not know it yet, a token for tokens/{token} (GeoReport v2
// gives one or the other, never both), the notice for the service and the
// account ID given. The Handler decides a request as it arrives, so its
// receipts always carry the ID.
type Receipt struct {
	ServiceRequestID ID     `json:"service_request_id,omitempty" xml:"service_request_id,omitempty"`
	Token            string `json:"token,omitempty" xml:"token,omitempty"`
	ServiceNotice    string `json:"service_notice" xml:"service_notice"`
	AccountID        *ID    `json:"account_id" xml:"account_id,omitempty"`
}

// UpdateReceipt answers POST servicerequestupdates.
type UpdateReceipt struct {
	UpdateID ID `json:"update_id" xml:"update_id"`
}

// Discovery is GET discovery: where the endpoint is and what it speaks.
type Discovery struct {
	XMLName    xml.Name   `json:"-" xml:"discovery"`
	Changeset  Datetime   `json:"changeset" xml:"changeset"`
	Contact    string     `json:"contact" xml:"contact"`
	KeyService string     `json:"key_service" xml:"key_service"`
	Endpoints  []Endpoint `json:"endpoints" xml:"endpoints>endpoint"`
}

// Endpoint is one API endpoint listed by discovery.
type Endpoint struct {
	Specification string   `json:"specification" xml:"specification"`
	URL           string   `json:"url" xml:"url"`
	Changeset     Datetime `json:"changeset" xml:"changeset"`
	Type          string   `json:"type" xml:"type"`
	Formats       []string `json:"formats" xml:"formats>format"`
}

// XML documents: GeoReport v2 wraps every list in a root element named
// for it. The servicerequestupdates extension names its root
// service_request_updates, in GET and POST answers alike, as mySociety's
// reference server (open311-adapter) writes it; DecodeUpdates also reads
// service_requests_updates, which FixMyStreet's test fixtures and some
// council back ends write.
type (
	xmlServices struct {
		XMLName xml.Name  `xml:"services"`
		Items   []Service `xml:"service"`
	}
	xmlRequests struct {
		XMLName xml.Name  `xml:"service_requests"`
		Items   []Request `xml:"request"`
	}
	xmlReceipts struct {
		XMLName xml.Name  `xml:"service_requests"`
		Items   []Receipt `xml:"request"`
	}
	xmlUpdates struct {
		XMLName xml.Name `xml:"service_request_updates"`
		Items   []Update `xml:"request_update"`
	}
	xmlUpdateReceipts struct {
		XMLName xml.Name        `xml:"service_request_updates"`
		Items   []UpdateReceipt `xml:"request_update"`
	}
	xmlErrors struct {
		XMLName xml.Name `xml:"errors"`
		Items   []Error  `xml:"error"`
	}
)
