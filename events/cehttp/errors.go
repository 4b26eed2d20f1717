package cehttp

import (
	"errors"
	"fmt"
	"net/http"
)

// Sentinel errors. Errors returned by this package match one of these, or
// grassroots.ErrInvalid for an event that fails validation, with
// errors.Is.
var (
	// ErrNoDeliver is returned by NewHandler without a Deliver function.
	ErrNoDeliver = errors.New("cehttp: a deliver function is required")
	// ErrOptions is matched by the error NewHandler returns for options
	// out of range; the message names the option and its valid range.
	ErrOptions = errors.New("cehttp: invalid handler options")
	// ErrNotBinary reports an event whose data the binary content mode
	// cannot carry unchanged (see Client.SendBinary); send it in
	// structured mode instead.
	ErrNotBinary = errors.New("cehttp: event data cannot travel in binary mode unchanged")
	// ErrStatus is matched by every *StatusError: the receiver answered
	// with a status other than 2xx.
	ErrStatus = errors.New("cehttp: receiver refused the request")
	// ErrConflict, returned (or wrapped) by a Deliver function, makes the
	// Handler answer 409 Conflict: the events contradict what the
	// receiver holds, and sending them again unchanged will not help.
	ErrConflict = errors.New("cehttp: events conflict with the receiver's state")
)

// StatusError reports a request the receiver answered with a status other
// than 2xx (redirects are not followed, as the CloudEvents webhook
// specification requires). It matches ErrStatus with errors.Is.
//
// A nil *StatusError says so in Error and still matches ErrStatus.
type StatusError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Problem is the answer's RFC 9457 problem body, when it sent one
	// (Content-Type application/problem+json); nil otherwise.
	Problem *Problem
	// Body holds the first bytes of the answer's body (at most
	// MaxProblemBytes).
	Body []byte
}

// Error returns "cehttp: receiver answered 400 Bad Request", followed by
// the problem's detail and the attributes it names when there is one.
func (e *StatusError) Error() string {
	if e == nil {
		return "cehttp: receiver refused the request (a nil *StatusError)"
	}
	msg := fmt.Sprintf("cehttp: receiver answered %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Problem == nil {
		return msg
	}
	if e.Problem.Detail != "" {
		msg += ": " + e.Problem.Detail
	}
	for i, f := range e.Problem.Errors {
		if i == 0 {
			msg += ":"
		} else {
			msg += ";"
		}
		msg += " " + f.Error()
	}
	return msg
}

// Is reports whether target is ErrStatus.
func (e *StatusError) Is(target error) bool { return target == ErrStatus }
