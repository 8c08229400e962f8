package pdf_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/schema"
)

// Damaged copies of a file, as downloads and careless tools leave them.

// cut is the first pct percent of b: a download cut short.
func cut(b []byte, pct int) []byte { return b[:len(b)*pct/100] }

// badStartxref points the last startxref 37 bytes past where the
// cross-reference is.
func badStartxref(b []byte) []byte {
	i := bytes.LastIndex(b, []byte("startxref"))
	if i < 0 {
		return nil
	}
	j := i + len("startxref")
	for j < len(b) && (b[j] == ' ' || b[j] == '\r' || b[j] == '\n') {
		j++
	}
	k := j
	for k < len(b) && b[k] >= '0' && b[k] <= '9' {
		k++
	}
	off, err := strconv.Atoi(string(b[j:k]))
	if err != nil {
		return nil
	}
	return append(append(append([]byte(nil), b[:j]...), strconv.Itoa(off+37)...), b[k:]...)
}

var xrefStreamRE = regexp.MustCompile(`\d+\s+\d+\s+obj\s*<<[^>]*/Type\s*/XRef`)

// noXref removes the last cross-reference table (from "xref" to its
// trailer), or the last cross-reference stream object.
func noXref(b []byte) []byte {
	if t := bytes.LastIndex(b, []byte("trailer")); t >= 0 {
		if i := bytes.LastIndex(b[:t], []byte("xref")); i > 0 && (b[i-1] == '\n' || b[i-1] == '\r') {
			return append(append([]byte(nil), b[:i]...), b[t:]...)
		}
	}
	locs := xrefStreamRE.FindAllIndex(b, -1)
	if len(locs) == 0 {
		return nil
	}
	i := locs[len(locs)-1][0]
	j := bytes.Index(b[i:], []byte("endobj"))
	if j < 0 {
		return nil
	}
	return append(append([]byte(nil), b[:i]...), b[i+j+len("endobj"):]...)
}

// noTrailer removes the last trailer dictionary, keeping startxref.
func noTrailer(b []byte) []byte {
	i := bytes.LastIndex(b, []byte("trailer"))
	if i < 0 {
		return nil
	}
	j := bytes.Index(b[i:], []byte("startxref"))
	if j < 0 {
		return nil
	}
	return append(append([]byte(nil), b[:i]...), b[i+j:]...)
}

// pageText is what a page reads as: the text of its blocks and the text
// and grid place of its table cells, white space aside. Heading levels,
// running heads and tables joined across pages are decided over the whole
// document, so a document missing pages may set them differently; the
// text read is the page's own.
func pageText(p schema.Page) string {
	var b strings.Builder
	for _, bl := range p.Blocks {
		b.WriteString(bl.Numbering + bl.Text)
		if bl.Table != nil {
			for _, c := range bl.Table.Cells {
				fmt.Fprintf(&b, "|%d,%d:%s", c.Row, c.Col, c.Text)
			}
		}
		if bl.Image != nil {
			b.WriteString("|image:" + bl.Image.SHA256)
		}
	}
	return strings.Join(strings.Fields(b.String()), "")
}

func jsonOf(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var notReadRE = regexp.MustCompile(`^pdf: page (\d+) not read: `)

// TestRepairDamaged reads damaged copies of the fixture's PDF and of the
// real reports (when they are there): with the cross-reference lost or
// pointed to wrongly, the document reads as the intact file does; cut
// short, every page reads as it does in the intact file or is named in a
// warning, and a file of which nothing is left to read is ErrMalformed
// saying so. It prints, for each copy, the pages read of the file's pages.
func TestRepairDamaged(t *testing.T) {
	files := []string{"../../fixtures/zengdu-beijiao-2023/report.pdf"}
	real, _ := filepath.Glob(filepath.Join(realworld, "*.pdf"))
	if len(real) == 0 {
		t.Logf("no real reports in %s: only the fixture", realworld)
	}
	files = append(files, real...)
	var figures strings.Builder
	for _, path := range files {
		data := mustRead(t, path)
		name := filepath.Base(path)
		intact, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "r.pdf")
		if err != nil {
			t.Fatal(err)
		}
		whole := []struct {
			name string
			data []byte
		}{
			{"startxref wrong", badStartxref(data)},
			{"xref removed", noXref(data)},
			{"trailer removed", noTrailer(data)},
		}
		for _, tc := range whole {
			if tc.data == nil {
				continue // the file has no such part (a cross-reference stream has no trailer)
			}
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				doc, err := pdf.Read(context.Background(), bytes.NewReader(tc.data), int64(len(tc.data)), "r.pdf")
				if err != nil {
					t.Fatal(err)
				}
				if jsonOf(t, doc.Pages) != jsonOf(t, intact.Pages) {
					t.Errorf("pages differ from the intact file's")
				}
				if doc.Source.Pages != intact.Source.Pages {
					t.Errorf("%d pages, the intact file %d", doc.Source.Pages, intact.Source.Pages)
				}
				if len(doc.Warnings) == 0 || !strings.HasPrefix(doc.Warnings[0].Message, "pdf: cross-reference rebuilt by scanning the file") {
					t.Errorf("no warning of the repair: %+v", doc.Warnings)
				}
				fmt.Fprintf(&figures, "%-50s %-16s %2d of %2d pages read, identical\n", name, tc.name, len(doc.Pages), len(intact.Pages))
			})
		}
		for _, pct := range []int{99, 95, 90, 75, 50, 25} {
			t.Run(fmt.Sprintf("%s/cut at %d%%", name, pct), func(t *testing.T) {
				b := cut(data, pct)
				doc, err := pdf.Read(context.Background(), bytes.NewReader(b), int64(len(b)), "r.pdf")
				if err != nil {
					if !errors.Is(err, schema.ErrMalformed) || !strings.Contains(err.Error(), "scanning the file") {
						t.Fatalf("error %v, want ErrMalformed after scanning the file", err)
					}
					fmt.Fprintf(&figures, "%-50s cut at %2d%%      0 of %2d pages read: %s\n", name, pct, len(intact.Pages), strings.TrimPrefix(err.Error(), "pdf: r.pdf: "))
					return
				}
				if len(doc.Warnings) == 0 || !strings.HasPrefix(doc.Warnings[0].Message, "pdf: cross-reference rebuilt by scanning the file") {
					t.Errorf("no warning of the repair: %+v", doc.Warnings)
				}
				synthetic := false
				notRead := map[int]bool{}
				for _, w := range doc.Warnings {
					if strings.HasPrefix(w.Message, "pdf: the page tree is missing") {
						synthetic = true
					}
					if m := notReadRE.FindStringSubmatch(w.Message); m != nil {
						n, _ := strconv.Atoi(m[1])
						if w.Pos.Page != n {
							t.Errorf("warning %q at %v", w.Message, w.Pos)
						}
						notRead[n] = true
					}
				}
				if doc.Source.Pages != len(doc.Pages) || !synthetic && len(doc.Pages) != len(intact.Pages) || len(doc.Pages) > len(intact.Pages) {
					t.Errorf("%d pages (source %d), the intact file %d", len(doc.Pages), doc.Source.Pages, len(intact.Pages))
				}
				read := 0
				for i, p := range doc.Pages {
					switch {
					case p.Number != i+1:
						t.Errorf("page %d numbered %d", i+1, p.Number)
					case notRead[p.Number]:
						if len(p.Blocks) > 0 || p.NeedsOCR {
							t.Errorf("page %d not read, yet it has blocks", p.Number)
						}
					case pageText(p) != pageText(intact.Pages[i]):
						t.Errorf("page %d reads otherwise than in the intact file", p.Number)
					default:
						read++
					}
				}
				if read == 0 {
					t.Errorf("a document with no page read")
				}
				how := "the rest named in warnings"
				if read == len(intact.Pages) {
					how = "all"
				}
				if synthetic {
					how += "; page tree lost, pages found by scanning"
				}
				fmt.Fprintf(&figures, "%-50s cut at %2d%%     %2d of %2d pages read, %s\n", name, pct, read, len(intact.Pages), how)
			})
		}
	}
	t.Logf("pages recovered:\n%s", figures.String())
}

// packed writes the builder's objects as a PDF 1.5 file does: every object
// that is not a stream in one object stream, and a cross-reference stream.
func (b *builder) packed(root int) []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	n := len(b.objs)
	stm := n + 1
	xref := n + 2
	type entry struct {
		typ    byte
		f2, f3 int
	}
	entries := make([]entry, xref+1)
	entries[0] = entry{0, 0, 65535}
	var header, body bytes.Buffer
	idx := 0
	for i, o := range b.objs {
		if strings.Contains(o, "\nstream\n") {
			entries[i+1] = entry{1, out.Len(), 0}
			fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
			continue
		}
		fmt.Fprintf(&header, "%d %d ", i+1, body.Len())
		body.WriteString(o + "\n")
		entries[i+1] = entry{2, stm, idx}
		idx++
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(header.Bytes())
	zw.Write(body.Bytes())
	zw.Close()
	entries[stm] = entry{1, out.Len(), 0}
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n", stm, idx, header.Len(), z.Len())
	out.Write(z.Bytes())
	out.WriteString("\nendstream\nendobj\n")
	entries[xref] = entry{1, out.Len(), 0}
	var rows []byte
	for _, e := range entries {
		rows = append(rows, e.typ)
		rows = binary.BigEndian.AppendUint32(rows, uint32(e.f2))
		rows = binary.BigEndian.AppendUint16(rows, uint16(e.f3))
	}
	at := out.Len()
	fmt.Fprintf(&out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Length %d >>\nstream\n", xref, xref+1, root, len(rows))
	out.Write(rows)
	fmt.Fprintf(&out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", at)
	return out.Bytes()
}

// packedDoc is a three-page document written as PDF 1.5 writes it, with its
// page objects, fonts, catalog and page tree in an object stream.
func packedDoc() []byte {
	b := &builder{}
	font := b.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	var ps []page
	for i := range 3 {
		ps = append(ps, page{content: fmt.Sprintf("BT /F1 12 Tf 72 720 Td (Page %d of the packed file) Tj ET", i+1), resources: fmt.Sprintf("/Font << /F1 %d 0 R >>", font)})
	}
	plain := b.document(ps) // fills b.objs
	_ = plain
	return b.packed(len(b.objs))
}

// TestRepairObjectStreams reads a PDF 1.5 file whose objects are packed in
// an object stream and whose cross-reference stream is lost: the objects
// are found by decoding the object stream.
func TestRepairObjectStreams(t *testing.T) {
	good := packedDoc()
	want, err := pdf.Read(context.Background(), bytes.NewReader(good), int64(len(good)), "r.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Pages) != 3 || !strings.Contains(want.Text(), "Page 3 of the packed file") {
		t.Fatalf("the intact file reads %q", want.Text())
	}
	xref := bytes.LastIndex(good, []byte("obj\n<< /Type /XRef"))
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"startxref wrong", badStartxref(good)},
		{"xref stream removed", noXref(good)},
		{"cut in the xref stream", good[:xref+40]},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := pdf.Read(context.Background(), bytes.NewReader(tc.data), int64(len(tc.data)), "r.pdf")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text() != want.Text() {
				t.Errorf("text %q, want %q", doc.Text(), want.Text())
			}
			if len(doc.Warnings) == 0 || !strings.Contains(doc.Warnings[0].Message, "in object streams") {
				t.Errorf("warnings %+v", doc.Warnings)
			}
		})
	}
}

// pagedDoc is a five-page file written as Word and WPS write one: the
// catalog and page tree first, then each page with its content; at holds
// where each page's object begins.
func pagedDoc() (data []byte, at []int) {
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n")
	fmt.Fprintf(&out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
	fmt.Fprintf(&out, "2 0 obj\n<< /Type /Pages /Kids [4 0 R 6 0 R 8 0 R 10 0 R 12 0 R] /Count 5 >>\nendobj\n")
	fmt.Fprintf(&out, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n")
	for i := range 5 {
		content := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (Text of page %d) Tj ET", i+1)
		at = append(at, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>\nendobj\n", 4+2*i, 5+2*i)
		fmt.Fprintf(&out, "%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", 5+2*i, len(content), content)
	}
	return out.Bytes(), at
}

// TestRepairLostPages cuts a file whose objects are written page by page
// (as Word and WPS write them) after its second page: the page tree, at the
// start, lists five pages; two are read and three named.
func TestRepairLostPages(t *testing.T) {
	data, at := pagedDoc()
	for _, tc := range []struct {
		name   string
		data   []byte
		lost   string
		pages  int
		reason string
	}{
		// Cut in the middle of page 3's content stream: page 3's object is
		// there, its content is not.
		{"cut in page 3's content", data[:at[2]+200], "pages 3–5 not read", 5, "page 3 not read: its content stream is missing from the file"},
		{"cut after page 2", data[:at[2]], "pages 3–5 not read", 5, "page 3 not read: its page object is missing from the file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := pdf.Read(context.Background(), bytes.NewReader(tc.data), int64(len(tc.data)), "r.pdf")
			if err != nil {
				t.Fatal(err)
			}
			if doc.Source.Pages != tc.pages || len(doc.Pages) != tc.pages {
				t.Errorf("%d pages (source %d), want %d", len(doc.Pages), doc.Source.Pages, tc.pages)
			}
			if got := doc.Text(); got != "Text of page 1\nText of page 2\n" {
				t.Errorf("text %q", got)
			}
			var msgs []string
			for _, w := range doc.Warnings {
				msgs = append(msgs, w.Pos.String()+" "+w.Message)
			}
			all := strings.Join(msgs, "\n")
			for _, want := range []string{"pdf: 2 of 5 pages read; " + tc.lost, "r.pdf:p3 pdf: " + tc.reason, "r.pdf:p5 pdf: page 5 not read"} {
				if !strings.Contains(all, want) {
					t.Errorf("no warning %q in\n%s", want, all)
				}
			}
		})
	}
	// Cut inside page 1: nothing to read.
	b := data[:at[0]+60]
	_, err := pdf.Read(context.Background(), bytes.NewReader(b), int64(len(b)), "r.pdf")
	if !errors.Is(err, schema.ErrMalformed) || !strings.Contains(err.Error(), "pages 1–5 of 5 not read") {
		t.Errorf("error %v", err)
	}
}
