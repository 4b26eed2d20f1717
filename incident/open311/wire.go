package open311

import "encoding/xml"

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

// Bounds on submitted attribute values.
const (
	maxAttributeValueLength  = 1000
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
// it. Lat and Long are WGS84 degrees, nil when unknown; datetimes are
// whole seconds with an offset.
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
}

// Update is one entry of the servicerequestupdates extension. Status is
// kept as text, since an update with a status this package does not know
// is still recorded (see ParseStatus for the known ones).
type Update struct {
	UpdateID           string   `json:"update_id" xml:"update_id"`
	ServiceRequestID   ID       `json:"service_request_id" xml:"service_request_id"`
	Status             string   `json:"status" xml:"status"`
	UpdatedDatetime    Datetime `json:"updated_datetime" xml:"updated_datetime"`
	Description        string   `json:"description" xml:"description"`
	MediaURL           string   `json:"media_url" xml:"media_url"`
	ExternalStatusCode string   `json:"external_status_code,omitempty" xml:"external_status_code,omitempty"`
}

// Receipt answers POST requests: the new request's ID, the notice for the
// service, the account ID given and a token for tokens/{token}.
type Receipt struct {
	ServiceRequestID ID     `json:"service_request_id" xml:"service_request_id"`
	Token            string `json:"token,omitempty" xml:"token,omitempty"`
	ServiceNotice    string `json:"service_notice" xml:"service_notice"`
	AccountID        *ID    `json:"account_id" xml:"account_id,omitempty"`
}

// Token answers GET tokens/{token}.
type Token struct {
	ServiceRequestID ID     `json:"service_request_id" xml:"service_request_id"`
	Token            string `json:"token" xml:"token"`
}

// UpdateReceipt answers POST servicerequestupdates.
type UpdateReceipt struct {
	UpdateID string `json:"update_id" xml:"update_id"`
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
// for it.
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
	xmlTokens struct {
		XMLName xml.Name `xml:"service_requests"`
		Items   []Token  `xml:"request"`
	}
	xmlUpdates struct {
		XMLName xml.Name `xml:"service_requests_updates"`
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
