package open311host

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// AccessLog wraps h so that every request writes one line to w when it
// is answered:
//
//	2025-06-09T09:30:00Z POST /open311/v2/requests.json 200 112B 1.5ms
//
// the time it arrived (UTC), the method, the path and query without
// api_key (a secret), the status, the bytes of the body written and the
// time taken, both read from now.
func AccessLog(h http.Handler, w io.Writer, now func() time.Time) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := now()
		cw := &countingWriter{ResponseWriter: rw}
		h.ServeHTTP(cw, r)
		if cw.status == 0 {
			cw.status = http.StatusOK
		}
		line := fmt.Sprintf("%s %s %s %d %dB %s\n", start.UTC().Format(time.RFC3339), r.Method, logPath(r.URL),
			cw.status, cw.bytes, now().Sub(start))
		mu.Lock()
		defer mu.Unlock()
		io.WriteString(w, line)
	})
}

// logPath returns the path of u and its query without api_key.
func logPath(u *url.URL) string {
	q := u.Query()
	if q.Has("api_key") {
		q.Del("api_key")
	}
	if len(q) == 0 {
		return u.EscapedPath()
	}
	return u.EscapedPath() + "?" + q.Encode()
}

// countingWriter records the status and counts the body bytes written.
type countingWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *countingWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *countingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
