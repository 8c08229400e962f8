package pdf

import (
	"context"
	"io"

	"github.com/juesuan/juesuan/schema"
)

// TestOptions lowers the limits for a test, or lets this package's own
// panics through for the fuzzer to report; zero fields keep the defaults.
type TestOptions struct {
	Pages, Operators, Workers   int
	Stream, Decoded, ReadBudget int64
	Panics                      bool
}

// ReadWith is Read with test options.
func ReadWith(ctx context.Context, r io.ReaderAt, size int64, name string, o TestOptions) (*schema.Document, error) {
	opt := defaultOptions
	if o.Pages > 0 {
		opt.pages = o.Pages
	}
	if o.Operators > 0 {
		opt.operators = o.Operators
	}
	if o.Workers > 0 {
		opt.workers = o.Workers
	}
	if o.Stream > 0 {
		opt.stream = o.Stream
	}
	if o.Decoded > 0 {
		opt.decoded = o.Decoded
	}
	opt.readBudget = o.ReadBudget
	opt.panics = o.Panics
	return read(ctx, r, size, name, opt)
}
