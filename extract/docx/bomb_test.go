package docx_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/juesuan/juesuan/extract/docx"
	"github.com/juesuan/juesuan/schema"
)

// bombStream is a raw deflate stream of about 10 MB that inflates to about
// 10 GiB: an XML prolog, then spaces. It is built without inflating anything
// that large: one flushed block of a mebibyte of spaces only refers back to
// spaces, so copies of it can follow one another.
var bombStream = sync.OnceValues(func() ([]byte, int64) {
	const chunk = 1 << 20
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	head := xmlHead + `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	fw.Write([]byte(head + strings.Repeat(" ", chunk)))
	fw.Flush()
	first := bytes.Clone(buf.Bytes())
	buf.Reset()
	fw.Write([]byte(strings.Repeat(" ", chunk)))
	fw.Flush()
	block := bytes.Clone(buf.Bytes())
	buf.Reset()
	fw.Close()
	last := bytes.Clone(buf.Bytes())

	n := (10 << 20) / len(block)
	stream := append(first, bytes.Repeat(block, n)...)
	stream = append(stream, last...)
	return stream, int64(len(head)) + int64(n+1)*chunk
})

// bombDocx packs the bomb as word/document.xml with the given declared size,
// beside the parts of a normal document.
func bombDocx(t testing.TB, declared int64) []byte {
	stream, _ := bombStream()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range []part{
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`},
	} {
		w, _ := zw.Create(p.name)
		w.Write([]byte(p.data))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "word/document.xml", Method: zip.Deflate,
		CompressedSize64: uint64(len(stream)), UncompressedSize64: uint64(declared),
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(stream)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestZipBomb reads a 10 MB document.xml that inflates to 10 GiB, with an
// honest header and with headers that lie about its size: each is rejected
// as too large, quickly, allocating a small fraction of the inflated size.
func TestZipBomb(t *testing.T) {
	stream, inflated := bombStream()
	t.Logf("bomb: %d bytes deflated, %d MiB inflated", len(stream), inflated>>20)
	for _, tc := range []struct {
		name     string
		declared int64
		maxAlloc uint64 // bytes
	}{
		{"honest header", inflated, 1 << 20},
		{"header lies: 4 kB", 4096, 1 << 20},
		// Stopped by the ratio of bytes out to compressed bytes consumed,
		// a mebibyte into the bomb.
		{"header lies: just under the limit", docx.MaxPartSize - 1, 16 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := bombDocx(t, tc.declared)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := docx.Read(bytes.NewReader(data), int64(len(data)), "bomb.docx")
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%v in %v, %d MiB allocated", err, elapsed.Round(time.Millisecond), alloc>>20)
			if !errors.Is(err, schema.ErrTooLarge) {
				t.Fatalf("error %v, want ErrTooLarge", err)
			}
			if !strings.HasPrefix(err.Error(), "docx: bomb.docx: word/document.xml: ") {
				t.Errorf("error %q does not name the part", err)
			}
			if elapsed > 2*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if alloc > tc.maxAlloc || alloc > uint64(inflated)/32 {
				t.Errorf("allocated %d MiB, more than %d MiB", alloc>>20, tc.maxAlloc>>20)
			}
		})
	}
}

// TestLimits lowers each limit below what a testdata file needs.
func TestLimits(t *testing.T) {
	tables := mustRead(t, "testdata/word-tables.docx")
	images := mustRead(t, "testdata/word-images.docx")
	wide := docOf(t, `<w:tbl><w:tblGrid>`+strings.Repeat(`<w:gridCol/>`, 10)+`</w:tblGrid>`+strings.Repeat(`<w:tr><w:tc><w:p/></w:tc></w:tr>`, 3)+`</w:tbl>`)
	for _, tc := range []struct {
		data []byte
		opt  docx.TestOptions
		msg  string
	}{
		{tables, docx.TestOptions{Part: 2000}, "word/document.xml: inflates to"},
		{tables, docx.TestOptions{Cells: 10}, "word/document.xml: more than 10 table cells"},
		{wide, docx.TestOptions{Cells: 20}, "word/document.xml: table 1 has 3×10 grid slots"},
		{images, docx.TestOptions{Image: 100}, "word/media/image1.png: inflates to 123 bytes"},
		{images, docx.TestOptions{Total: 20000}, "the package inflates to more than"},
	} {
		t.Run(tc.msg, func(t *testing.T) {
			_, err := docx.ReadWith(bytes.NewReader(tc.data), int64(len(tc.data)), "r.docx", tc.opt)
			if !errors.Is(err, schema.ErrTooLarge) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %v, want ErrTooLarge %q", err, tc.msg)
			}
		})
	}
}
