package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
)

// format is a response encoding, chosen by the path's suffix.
type format uint8

const (
	formatJSON format = iota + 1
	formatXML
)

// write encodes a response: v as JSON, or x (v wrapped in its root
// element) as XML with a declaration.
func write(w http.ResponseWriter, f format, status int, v, x any) {
	var buf bytes.Buffer
	var err error
	if f == formatXML {
		buf.WriteString(xml.Header)
		err = xml.NewEncoder(&buf).Encode(x)
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	} else {
		err = json.NewEncoder(&buf).Encode(v)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	if err != nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte("internal error\n"))
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail writes a list of errors with the first one's code as the HTTP
// status.
func (h *Handler) fail(w http.ResponseWriter, f format, errs ...*Error) {
	list := make([]Error, len(errs))
	for i, e := range errs {
		list[i] = *e
	}
	failList(w, f, list)
}

func failList(w http.ResponseWriter, f format, list []Error) {
	write(w, f, list[0].Code, list, xmlErrors{Items: list})
}
