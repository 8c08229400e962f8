package docx

import (
	"io"

	"github.com/juesuan/juesuan/schema"
)

// TestOptions lowers the limits for a test, or lets panics through for the
// fuzzer to report; zero fields keep the defaults.
type TestOptions struct {
	Part, Image, Total, Cells int64
	Panics                    bool
}

// ReadWith is Read with test options.
func ReadWith(r io.ReaderAt, size int64, name string, o TestOptions) (*schema.Document, error) {
	opt := defaultOptions
	for _, f := range []struct {
		dst *int64
		v   int64
	}{{&opt.part, o.Part}, {&opt.image, o.Image}, {&opt.total, o.Total}, {&opt.cells, o.Cells}} {
		if f.v > 0 {
			*f.dst = f.v
		}
	}
	opt.panics = o.Panics
	return read(r, size, name, opt)
}
