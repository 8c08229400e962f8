package schema

import (
	"context"
	"errors"
	"strings"
)

// Error classes. Every reader wraps one of these in an *Error, so that callers
// (and the import summary) can tell what went wrong with errors.Is.
var (
	ErrMalformed   = errors.New("malformed document")            // bytes that do not parse as their format
	ErrEncrypted   = errors.New("encrypted document")            // needs a password juesuan does not have
	ErrUnsupported = errors.New("unsupported format")            // not a format juesuan reads, or a feature of it juesuan does not read
	ErrTooLarge    = errors.New("document exceeds a size limit") // more bytes, pages, entries or pixels than the limits allow
	ErrEmpty       = errors.New("document has no content")       // nothing to read: zero bytes, or no text and no images
)

// Error is the error every reader returns: the package that failed, where in the
// document, what was wrong, and the class (one of the Err variables above) or the
// underlying cause.
type Error struct {
	Pkg string // reader package, e.g. "docx"
	Pos Pos    // at least the file; the page or part when known
	Msg string // what was wrong, e.g. "word/document.xml: unexpected EOF"
	Err error  // class sentinel, or an error that wraps one
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Pkg != "" {
		b.WriteString(e.Pkg)
		b.WriteString(": ")
	}
	if e.Pos.IsValid() {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Err != nil {
		if e.Msg != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given class.
func Errorf(pkg string, pos Pos, class error, msg string) *Error {
	return &Error{Pkg: pkg, Pos: pos, Msg: msg, Err: class}
}

// ErrorClass names the class of err for storage and summaries: "malformed",
// "encrypted", "unsupported", "too_large", "empty", "canceled", or "other".
func ErrorClass(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrMalformed):
		return "malformed"
	case errors.Is(err, ErrEncrypted):
		return "encrypted"
	case errors.Is(err, ErrUnsupported):
		return "unsupported"
	case errors.Is(err, ErrTooLarge):
		return "too_large"
	case errors.Is(err, ErrEmpty):
		return "empty"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "canceled"
	}
	return "other"
}
