package pdf

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/juesuan/juesuan/schema"
)

// Limits. A published report is a PDF of 0.2–60 MB with 10–40 pages (the
// largest compilations reach a few hundred); a page of one holds at most
// 20 000 glyphs and 5 000 path segments, and its decoded content stream is
// under 1 MB. The limits leave one to two orders of magnitude of room above
// that, and bound the time and memory one hostile document can take.
const (
	// MaxFileSize is the largest file read, in bytes: the bound of package
	// extract, which lets scanned reports of 60 MB through.
	MaxFileSize = 512 << 20

	// MaxPages is the largest number of pages read.
	MaxPages = 5000

	// MaxStreamSize is the largest decoded stream (a page's content, a form,
	// a CMap), in bytes. Deflate expands up to 1000 times, so a 64 KiB
	// stream can claim 64 MiB: this stops it at a size that still decodes
	// in a fraction of a second.
	MaxStreamSize = 32 << 20

	// MaxDecoded is the most bytes decoded from the streams of one document
	// in all: it bounds the work of a document whose pages all draw the
	// same huge form.
	MaxDecoded = 1 << 30

	// MaxOperators is the most content-stream operators run for one page,
	// forms included, and MaxGlyphs and MaxSegments the most glyphs and
	// path segments kept for it. A dense table page runs 30 000 operators.
	MaxOperators = 4 << 20
	MaxGlyphs    = 1 << 20
	MaxSegments  = 1 << 20

	// MaxFormDepth is the deepest nesting of form XObjects followed; real
	// documents nest two or three.
	MaxFormDepth = 16

	// MaxCMapEntries is the largest number of code mappings read from one
	// CMap (a CJK font maps at most 65 536 codes).
	MaxCMapEntries = 1 << 18

	// maxReadFactor and maxReadBase bound the bytes the object layer
	// (ledongthuc/pdf) may read from the file: maxReadFactor times the file
	// size plus maxReadBase. Reading one of the real reports reads 0.1 to
	// 1.5 times its size (every object lookup re-reads its 4 KiB block);
	// a structure built to make the library loop would read forever.
	maxReadFactor = 32
	maxReadBase   = 32 << 20
)

// options are the bounds and switches of one read: the constants above in
// Read, smaller in the package's tests.
type options struct {
	pages      int   // MaxPages
	stream     int64 // MaxStreamSize
	decoded    int64 // MaxDecoded
	operators  int   // MaxOperators
	readBudget int64 // bytes the object layer may read; 0 computes it from the size
	workers    int   // pages read at once; 0 means GOMAXPROCS
	panics     bool  // let panics other than bailouts through (fuzzing)
}

var defaultOptions = options{pages: MaxPages, stream: MaxStreamSize, decoded: MaxDecoded, operators: MaxOperators}

// ReadFile reads the PDF file at path; path is the name in positions and
// errors.
func ReadFile(ctx context.Context, path string) (*schema.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &schema.Error{Pkg: "pdf", Pos: schema.Pos{File: path}, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &schema.Error{Pkg: "pdf", Pos: schema.Pos{File: path}, Err: err}
	}
	return Read(ctx, f, fi.Size(), path)
}

// Read reads a PDF of size bytes from r; name is used in positions and
// errors. r must allow concurrent ReadAt calls (as *os.File and
// *bytes.Reader do): pages are read in parallel.
func Read(ctx context.Context, r io.ReaderAt, size int64, name string) (*schema.Document, error) {
	return read(ctx, r, size, name, defaultOptions)
}

func read(ctx context.Context, r io.ReaderAt, size int64, name string, opt options) (doc *schema.Document, err error) {
	defer func() {
		if x := recover(); x != nil {
			if b, ok := x.(bailout); ok {
				doc, err = nil, b.err
				return
			}
			if opt.panics {
				panic(x)
			}
			doc, err = nil, errorf(schema.Pos{File: name}, schema.ErrMalformed, "internal error: %v", x)
		}
	}()
	pos := schema.Pos{File: name}
	switch {
	case size <= 0:
		return nil, errorf(pos, schema.ErrEmpty, "empty file")
	case size > MaxFileSize:
		return nil, errorf(pos, schema.ErrTooLarge, "file of %d bytes, more than %d MiB", size, MaxFileSize>>20)
	}
	if err := ctx.Err(); err != nil {
		return nil, &schema.Error{Pkg: "pdf", Pos: pos, Err: err}
	}
	f, err := open(r, size, name, opt)
	if err != nil {
		return nil, err
	}
	return f.document(ctx)
}

// bailout carries an error out of deep code, as go/parser does: the code
// panics with it and read recovers it. Panics of ledongthuc/pdf are
// recovered where they happen and turned into bailouts with the page.
type bailout struct{ err *schema.Error }

// errorf returns a *schema.Error of the given class.
func errorf(pos schema.Pos, class error, format string, args ...any) *schema.Error {
	return schema.Errorf("pdf", pos, class, fmt.Sprintf(format, args...))
}
