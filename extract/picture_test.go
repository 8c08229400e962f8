package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// TestPDFPictureBoxes: the table OCR reads from a picture of a PDF page
// (table 1 of the 2023 report, a picture the PDF gives no bytes of, so the
// page is rendered) has its box and its cells' boxes in the page's points,
// inside the picture, as every other box of the page: a journalist finds
// the figure where the box says.
func TestPDFPictureBoxes(t *testing.T) {
	r := ocrReader(t)
	doc, err := r.ReadFile(context.Background(), filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	inside := func(b, pic *schema.BBox) bool {
		const slack = 1 // point
		return b != nil && b.X0 >= pic.X0-slack && b.Y0 >= pic.Y0-slack && b.X1 <= pic.X1+slack && b.Y1 <= pic.Y1+slack
	}
	found := 0
	for _, p := range doc.Pages {
		var pic *schema.BBox
		for _, b := range p.Blocks {
			switch {
			case b.Kind == schema.KindImage:
				pic = b.Pos.BBox
			case b.Kind == schema.KindTable && b.Method == schema.MethodOCR && pic != nil:
				found++
				if !inside(b.Pos.BBox, pic) {
					t.Errorf("page %d: table read from the picture at %v lies at %v", p.Number, *pic, *b.Pos.BBox)
				}
				bad := 0
				for _, c := range b.Table.Cells {
					if !inside(c.Pos.BBox, pic) {
						bad++
					}
				}
				if bad > 0 {
					t.Errorf("page %d: %d of %d cells outside the picture at %v", p.Number, bad, len(b.Table.Cells), *pic)
				}
			}
		}
	}
	if found == 0 {
		t.Fatal("no table read from a picture of the PDF")
	}
}

// TestOnPage: boxes OCR read in a PDF picture's own pixels (a JPEG the
// PDF keeps the bytes of) are placed on the page in the points of the
// picture's box, whatever it is scaled by across and down.
func TestOnPage(t *testing.T) {
	pic := schema.Block{Kind: schema.KindImage, Image: &schema.Image{Width: 1000, Height: 500},
		Pos: schema.Pos{BBox: &schema.BBox{X0: 50, Y0: 100, X1: 550, Y1: 400}}}
	blocks := []schema.Block{{Kind: schema.KindTable, Pos: schema.Pos{BBox: &schema.BBox{X0: 0, Y0: 0, X1: 1000, Y1: 500}},
		Table: &schema.Table{Cells: []schema.Cell{{Pos: schema.Pos{BBox: &schema.BBox{X0: 100, Y0: 250, X1: 200, Y1: 300}}}}}}}
	onPage(blocks, pic)
	if got, want := *blocks[0].Pos.BBox, (schema.BBox{X0: 50, Y0: 100, X1: 550, Y1: 400}); got != want {
		t.Errorf("table at %v, want %v", got, want)
	}
	if got, want := *blocks[0].Table.Cells[0].Pos.BBox, (schema.BBox{X0: 100, Y0: 250, X1: 150, Y1: 280}); got != want {
		t.Errorf("cell at %v, want %v", got, want)
	}
}

// TestStoppedOnLastPicture: a read whose context ends while OCR works on
// the page's last picture (a web page's pictured table 1; the context
// ended as the page is done stands for a stop during its OCR, which the
// engine leaves unread) fails with the context's error: before, the
// picture was warned of as not recognised and the document came back
// without its table, for a check to find too few figures in and pass.
func TestStoppedOnLastPicture(t *testing.T) {
	r := ocrReader(t)
	pic, err := os.ReadFile(filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "pages", "table-01.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(filepath.Join(dir, "table-01.jpg"), pic, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte(`<html><head><meta charset="utf-8"></head><body><h1>北郊服务中心2023年度单位决算</h1><p>一、收入支出决算总表</p><p><img src="table-01.jpg"></p></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r.Progress = func(page, pages int) { cancel() }
	doc, err := r.ReadFile(ctx, page)
	if !errors.Is(err, context.Canceled) || doc != nil {
		tables := 0
		if doc != nil {
			tables = len(blocksOf(doc, schema.KindTable))
		}
		t.Errorf("error %v, a document with %d tables; want context.Canceled and none", err, tables)
	}
}

func blocksOf(doc *schema.Document, kind schema.BlockKind) []schema.Block {
	var out []schema.Block
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			if b.Kind == kind {
				out = append(out, b)
			}
		}
	}
	return out
}

// ocrReader is a Reader that OCRs and renders, its engine caching in the
// repository's .cache (skipped in -short runs and where Tesseract is
// missing); both are closed when the test ends.
func ocrReader(t *testing.T) *Reader {
	t.Helper()
	if testing.Short() {
		t.Skip("renders and OCRs pages")
	}
	e, err := ocr.New(ocr.Options{CacheDir: filepath.Join(fixtures.Dir(), "..", ".cache", "ocr")})
	if err != nil {
		t.Skipf("OCR engine: %v (make deps installs Tesseract)", err)
	}
	r := &Reader{OCR: e, Render: true}
	t.Cleanup(func() { r.Close(); e.Close() })
	return r
}

// TestPagePicturesText: a web page that is nothing but pictures of the
// report's pages (scanned and pasted in) has its pictures' text read as the
// report's: the narrative page of the 2023 report gives its sentences, and
// with them the figures they state. A page with text of its own takes only
// the tables of its pictures, as before (the text OCR finds in a chart or a
// stamp is noise). Read without the pictures' text, such a page lost 391 of
// the report's 466 figures without a word, and a Word file of the same
// pictures was said to be no report.
func TestPagePicturesText(t *testing.T) {
	r := ocrReader(t)
	pages := fixturePages(t)
	dir := t.TempDir()
	writePicture(t, filepath.Join(dir, "page-13.png"), pages[12]) // page 13: 二、收入决算情况说明 …
	own := strings.Repeat("本单位主要职能是负责社区网格化管理和便民服务工作。", 10)        // 230 Han characters of its own
	for _, tc := range []struct {
		name, body string
		text       bool // the picture's text is read
	}{
		{"pictures only", `<h1>2023年度单位决算公开</h1><p><img src="page-13.png"></p>`, true},
		{"text of its own", `<h1>2023年度单位决算公开</h1><p>` + own + `</p><p><img src="page-13.png"></p>`, false},
	} {
		path := filepath.Join(dir, "report.html")
		if err := os.WriteFile(path, []byte("<html><body>"+tc.body+"</body></html>"), 0o644); err != nil {
			t.Fatal(err)
		}
		doc, err := r.ReadFile(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, b := range doc.Pages[0].Blocks {
			if b.Kind == schema.KindParagraph && b.Method == schema.MethodOCR {
				found = append(found, b.Text)
			}
		}
		stated := slices.ContainsFunc(found, func(s string) bool { return strings.Contains(s, "收入合计303.36万元") })
		t.Logf("%s: %d paragraphs read from the picture", tc.name, len(found))
		if stated != tc.text {
			t.Errorf("%s: the picture's sentence of 收入合计303.36万元 read %v, want %v (paragraphs %q)", tc.name, stated, tc.text, found)
		}
	}
}

// TestPagePicturesJoinTable: in a web page of page pictures, a table the
// page break cut (table 6 of the 2023 report, over pages 10 and 11) is one
// table: each picture read is replaced by what was read from it, so that
// no picture stands between the two halves (read as two tables, each was
// summed alone: class 303's 0.38 against its one item 0.36 on page 10, a
// false error).
func TestPagePicturesJoinTable(t *testing.T) {
	r := ocrReader(t)
	pages := fixturePages(t)
	dir := t.TempDir()
	body := "<html><body><h1>2023年度单位决算公开</h1>"
	for _, n := range []int{10, 11} {
		name := fmt.Sprintf("page-%02d.png", n)
		writePicture(t, filepath.Join(dir, name), pages[n-1])
		body += `<p><img src="` + name + `"></p>`
	}
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte(body+"</body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := r.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, b := range doc.Pages[0].Blocks {
		kinds = append(kinds, string(b.Kind))
	}
	t.Logf("blocks: %v", kinds)
	rep := normalize.Report(doc)
	var six []string
	for _, rt := range rep.Tables {
		if rt.Kind == schema.Table06 {
			six = append(six, rt.ID)
		}
	}
	items := map[string]string{}
	for _, f := range rep.Facts {
		if f.Table == "t06" {
			items[f.Concept] = f.Printed
		}
	}
	t.Logf("tables 6: %v; 30305 %q, 30399 %q, 303 %q", six, items["gpb.econ.30305"], items["gpb.econ.30399"], items["gpb.econ.303"])
	if len(six) != 1 || items["gpb.econ.30399"] != "0.02" || items["gpb.econ.30305"] != "0.36" {
		t.Errorf("table 6 read as %v, its items 30305 %q and 30399 %q; want one table holding both (0.36, 0.02)", six, items["gpb.econ.30305"], items["gpb.econ.30399"])
	}
}

// TestPagePicturesUnreadTable: in a web page of next to no text, a picture
// in which OCR found no table stays in the page after its text: under a
// table's title it is that table, printed as a picture that was not read,
// and the report says so. Dropped for its text, the title named no table
// (a Word file of a title, a line and an unruled table's picture was said
// to be no report).
func TestPagePicturesUnreadTable(t *testing.T) {
	r := ocrReader(t)
	pages := fixturePages(t)
	dir := t.TempDir()
	writePicture(t, filepath.Join(dir, "t1.png"), pages[12]) // page 13: text, no table
	path := filepath.Join(dir, "report.html")
	body := `<html><body><h1>2023年度单位决算公开</h1><p>一、收入支出决算总表</p><p><img src="t1.png"></p></body></html>`
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := r.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	rep := normalize.Report(doc)
	var tables, unread []string
	for _, rt := range rep.Tables {
		tables = append(tables, rt.ID+" "+rt.Title)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "picture that was not read") {
			unread = append(unread, w.Message)
		}
	}
	t.Logf("tables %q; warnings of a picture not read %q", tables, unread)
	if len(tables) != 1 || !strings.HasPrefix(tables[0], "t01 ") || len(unread) != 1 {
		t.Errorf("tables %q, warnings %q: want table t01, a picture not read, and its warning", tables, unread)
	}
}

// fixturePages renders the 2023 fixture report's pages at 200 dpi (cached
// under .cache/scan-pages), or skips the test where they cannot be.
func fixturePages(t *testing.T) []*image.Gray {
	t.Helper()
	pages, err := fixtures.RenderedPages(filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report.pdf"), 200,
		filepath.Join(fixtures.Dir(), "..", ".cache", "scan-pages"))
	if err != nil {
		t.Skip(err)
	}
	return pages
}

// writePicture writes img to path as a PNG file.
func writePicture(t *testing.T, path string, img image.Image) {
	t.Helper()
	var pic bytes.Buffer
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pic.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
