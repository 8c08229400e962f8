package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/schema"
	"github.com/juesuan/juesuan/schema/schematest"
)

// fuzzLimits bound the work of one input, so that the fuzzer tries many:
// an input that needs more is a typed ErrTooLarge, which is the contract.
var fuzzLimits = pdf.TestOptions{Stream: 4 << 20, Decoded: 16 << 20, Operators: 1 << 20, ReadBudget: 64 << 20, Panics: true}

// check reads data with this package's own panics let through, and checks
// the contract: a typed error, or a document whose JSON is stable under
// marshal, unmarshal, marshal.
func check(t *testing.T, data []byte) {
	doc, err := pdf.ReadWith(context.Background(), bytes.NewReader(data), int64(len(data)), "f.pdf", fuzzLimits)
	if err != nil {
		var e *schema.Error
		if !errors.As(err, &e) || schema.ErrorClass(err) == "other" || e.Pkg != "pdf" || e.Pos.File != "f.pdf" {
			t.Fatalf("untyped error %#v", err)
		}
		return
	}
	if len(doc.Pages) == 0 {
		t.Fatalf("document without pages and without an error")
	}
	schematest.StableJSON(t, doc)
}

// corrupt returns a copy of data with n bytes overwritten at positions
// spread through it, deterministically.
func corrupt(data []byte, n int, seed uint32) []byte {
	out := append([]byte(nil), data...)
	x := seed
	for range n {
		x = x*1664525 + 1013904223
		out[int(x>>8)%len(out)] = byte(x >> 24)
	}
	return out
}

// seedSize bounds the copies of the fixtures' PDFs (300 kB each) the
// fuzzer starts from: it mutates and minimises small inputs far faster.
const seedSize = 48 << 10

// FuzzRead reads whole files: the testdata, and truncated and corrupted
// copies of them (with startxref wrong, the table or the trailer removed)
// and of the fixtures' PDFs (a fixture's head with its tail makes a file
// whose cross-reference table points past its end, which the reader
// rebuilds), and files whose objects sit in object streams or that are cut
// off page by page.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.pdf")
	for i, p := range files {
		b := mustRead(f, p)
		f.Add(b)
		f.Add(b[:len(b)/3])
		f.Add(b[:len(b)-7])
		f.Add(corrupt(b, 8, uint32(i)))
		f.Add(corrupt(b, 64, uint32(i)+100))
		for _, d := range [][]byte{badStartxref(b), noXref(b), noTrailer(b)} {
			if d != nil {
				f.Add(d)
			}
		}
	}
	// Files the cross-reference of which is rebuilt: a PDF 1.5 file with
	// its objects in an object stream, and a file written page by page,
	// cut short.
	packed := packedDoc()
	f.Add(packed)
	f.Add(noXref(packed))
	f.Add(packed[:len(packed)*3/4])
	f.Add(corrupt(noXref(packed), 8, 300))
	paged, at := pagedDoc()
	f.Add(paged[:at[2]+30])
	f.Add(paged[:at[4]])
	f.Add(corrupt(paged[:at[3]], 8, 301))
	fixturesPDF, _ := filepath.Glob("../../fixtures/*/report.pdf")
	for i, p := range fixturesPDF {
		b := mustRead(f, p)
		if len(b) <= 2*seedSize {
			continue
		}
		head := b[:seedSize]
		spliced := append(append([]byte(nil), head...), b[len(b)-seedSize/8:]...)
		f.Add(head)
		f.Add(spliced)
		f.Add(corrupt(spliced, 16, uint32(i)+200))
	}
	f.Fuzz(check)
}
