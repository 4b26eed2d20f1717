package open311_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Contact details sent as attributes are shown with extensions=true to
// staff only: not to a caller without a key, nor to a resident app.
func TestExtensionsHideContactAttributes(t *testing.T) {
	s := newServer(t)
	personal := map[string]string{"email": "li@example.com", "phone": "13812345678", "name": "Li Lei", "first_name": "Lei",
		"last_name": "Li", "contact": "wechat li_lei", "Reporter_Email": "lei@example.org", "mobile_no": "13900000000"}
	extra := []string{"attribute[fixmystreet_id]", "1234", "attribute[report_url]", "https://fms.example/report/1234"}
	for code, v := range personal {
		extra = append(extra, "attribute["+code+"]", v)
	}
	id := s.report(t, "002", extra...)
	for _, path := range []string{"/requests/" + id + ".json?extensions=true", "/requests.json?extensions=true",
		"/requests/" + id + ".xml?extensions=true", "/requests.xml?extensions=true&api_key=" + residentKey, "/requests.json?extensions=true&api_key=wrong"} {
		res := s.get(t, path)
		require.Equal(t, http.StatusOK, res.status, "%s: %s", path, res.body)
		assert.Contains(t, res.body, "fixmystreet_id", "%s: the other attributes stay", path)
		assert.Contains(t, res.body, "https://fms.example/report/1234", path)
		for code, v := range personal {
			assert.NotContains(t, res.body, v, "%s: attribute %s", path, code)
		}
	}
	res := s.get(t, "/requests/"+id+".json?extensions=true&api_key="+staffKey)
	require.Equal(t, http.StatusOK, res.status, res.body)
	for code, v := range personal {
		assert.Contains(t, res.body, v, "staff see attribute %s", code)
	}
}
