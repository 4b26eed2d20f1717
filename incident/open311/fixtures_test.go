package open311_test

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grassrootsgov/grassroots/incident/open311"
)

// fixtures is the shared folder of samples from public specifications and
// their reference implementations' tests, beside the repository.
const fixtures = "../../../shared/data/fixtures"

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtures, name))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("reference data %s not present; see shared/data/fixtures/README.md", name)
	}
	require.NoError(t, err, "read %s", name)
	return string(b)
}

// FixMyStreet's fixture for GET servicerequestupdates writes the root
// service_requests_updates; the decoder reads it as the extension's list.
func TestFixtureFixMyStreetUpdates(t *testing.T) {
	doc := strings.Replace(fixture(t, "fms-servicerequestupdates.xml.txt"), "UPDATED_DATETIME",
		"<updated_datetime>2026-03-10T09:00:00+00:00</updated_datetime>", 1)
	ups, err := open311.DecodeUpdates(strings.NewReader(doc))
	require.NoError(t, err, "decode %s", doc)
	require.Len(t, ups, 1, "one update")
	assert.Equal(t, open311.ID("638344"), ups[0].UpdateID, "update_id")
	assert.Equal(t, open311.StatusOpen, ups[0].Status, "status")
	assert.Equal(t, "This is a note", ups[0].Description, "description")
	assert.Equal(t, "2026-03-10T09:00:00Z", ups[0].UpdatedDatetime.String(), "datetime")
}

// open311-adapter's updates, with its extras and external status code.
func TestFixtureAdapterUpdates(t *testing.T) {
	ups, err := open311.DecodeUpdates(strings.NewReader(fixture(t, "open311-adapter-updates.json")))
	require.NoError(t, err, "decode")
	require.Len(t, ups, 2, "two updates")
	assert.Equal(t, open311.StatusInvestigating, ups[0].Status, "first status")
	assert.Equal(t, open311.StatusNotCouncilsResponsibility, ups[1].Status, "second status")
	assert.Equal(t, "01b51bb5c0de101a004154b5", ups[1].ExternalStatusCode, "external_status_code")
}

// San Francisco's request with extended attributes, from the GeoReport v2
// extensions page: its attributes list reads as RequestAttributes.
func TestFixtureExtendedAttributes(t *testing.T) {
	list, err := open311.DecodeRequests(strings.NewReader(fixture(t, "open311-extended-attributes-sf.json")))
	require.NoError(t, err, "decode")
	require.Len(t, list, 1, "one request")
	require.Len(t, list[0].Attributes, 1, "one attribute")
	a := list[0].Attributes[0]
	assert.Equal(t, open311.RequestAttribute{Label: "Object", Name: "request_type", Value: "Other Loose Garbage / Debris", Code: "Other_loose_garbage_debris_yard_waste"}, a, "attribute")
	assert.Equal(t, "2015-07-27T16:24:28-07:00", list[0].RequestedDatetime.String(), "datetime as written")
}

// The specification's POST form, attributes its service does not define
// included, decodes; the receipt example's numeric ID reads as a string.
func TestFixtureSpecificationForm(t *testing.T) {
	q, err := url.ParseQuery(strings.TrimSpace(fixture(t, "open311-spec-post-form.txt")))
	require.NoError(t, err, "parse")
	sub, err := open311.DecodeForm(q)
	require.NoError(t, err, "decode")
	assert.Equal(t, map[string][]string{"WHISPAWN": {"123456"}, "WHISDORN": {"COISL001"}}, sub.Attributes, "attributes kept")
	assert.NoError(t, open311.CheckAttributes(nil, sub.Attributes), "a service without a definition keeps them")
	assert.Equal(t, "1234 5th street", sub.AddressString, "address_string")
}
