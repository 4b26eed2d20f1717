package open311

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
)

// Limits on posted bodies. The fields of a form take at most maxBody
// bytes: a description of 4,000 characters of up to four bytes each,
// percent-encoded (48,000 bytes), FixMyStreet's copy of it in
// attribute[description], and a few dozen other fields. A multipart body
// may carry photos besides, up to maxMultipart bytes in all; their bytes
// are read and discarded.
const (
	maxBody      = 256 << 10
	maxMultipart = 32 << 20
)

// readBody reads the form of a POST: application/x-www-form-urlencoded or
// multipart/form-data, nothing else. Only the body counts, not the query
// string.
func readBody(w http.ResponseWriter, r *http.Request) (url.Values, *Error) {
	media, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case err == nil && media == "application/x-www-form-urlencoded":
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if err := r.ParseForm(); err != nil {
			return nil, bodyError(err, maxBody)
		}
		return r.PostForm, nil
	case err == nil && media == "multipart/form-data" && params["boundary"] != "":
		form, err := readMultipart(http.MaxBytesReader(w, r.Body, maxMultipart), params["boundary"])
		if err != nil {
			return nil, bodyError(err, maxMultipart)
		}
		return form, nil
	}
	return nil, &Error{Code: http.StatusUnsupportedMediaType,
		Description: "the body must be application/x-www-form-urlencoded or multipart/form-data; GeoReport v2 defines no other request body"}
}

// errFieldsTooLarge reports form fields of a multipart body beyond maxBody.
var errFieldsTooLarge = errors.New("form fields too large")

// readMultipart collects the fields of a multipart/form-data body. File
// parts (those with a file name) are read to their end and dropped.
func readMultipart(body io.Reader, boundary string) (url.Values, error) {
	mr := multipart.NewReader(body, boundary)
	form := url.Values{}
	budget := int64(maxBody)
	for {
		part, err := mr.NextPart()
		if err == io.EOF { //nolint:errorlint // NextPart returns io.EOF itself at the end, and wraps it for a body cut short
			return form, nil
		}
		if err != nil {
			return nil, err
		}
		name := part.FormName()
		if name == "" || part.FileName() != "" {
			if _, err := io.Copy(io.Discard, part); err != nil {
				return nil, err
			}
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, budget+1))
		if err != nil {
			return nil, err
		}
		if budget -= int64(len(b)); budget < 0 {
			return nil, errFieldsTooLarge
		}
		form.Add(name, string(b))
	}
}

// bodyError describes a body that could not be read: one over its limit
// (413), or one that does not parse as its content type says (400).
func bodyError(err error, limit int64) *Error {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return &Error{Code: http.StatusRequestEntityTooLarge, Description: "the body exceeds " + strconv.FormatInt(limit, 10) + " bytes"}
	case errors.Is(err, errFieldsTooLarge):
		return &Error{Code: http.StatusRequestEntityTooLarge, Description: "the form fields exceed " + strconv.Itoa(maxBody) + " bytes"}
	}
	return &Error{Code: http.StatusBadRequest, Description: "the body does not parse as the form its Content-Type names"}
}
