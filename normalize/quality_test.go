package normalize_test

import (
	"context"
	"fmt"
	"image"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract/ocr"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// TestScanQualityFacts scores the facts of the 2023 report scanned at
// 200 dpi and degraded as report-scan-200.pdf is (fixtures.Scan200), but
// compressed at JPEG quality 30 instead of 5: the resolution is not what
// costs that scan its facts (recall 0.36 at quality 5).
func TestScanQualityFacts(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of a rendered scan")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) not installed: run make deps")
	}
	truth, err := fixtures.Load("zengdu-beijiao-2023")
	if err != nil {
		t.Fatal(err)
	}
	pages, err := fixtures.RenderedPages(filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report.pdf"), 200,
		filepath.Join(fixtures.Dir(), "..", ".cache", "scan-pages"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := ocr.New(ocr.Options{CacheDir: filepath.Join(fixtures.Dir(), "..", ".cache", "ocr")})
	if err != nil {
		t.Fatalf("OCR engine: %v (make deps installs Tesseract)", err)
	}
	defer e.Close()
	dg := fixtures.Scan200
	dg.Quality = 30
	name := fmt.Sprintf("report-scan-200-q%d", dg.Quality)
	doc := scanDocument(t, e, name, pages, dg)
	rep := normalize.Report(doc)
	check.Repair(rep)
	r, p, _, _ := score(rep, truth)
	t.Logf("%s: fact recall %.3f, precision %.3f (%d facts)", name, r, p, len(rep.Facts))
	if r < 0.90 || p < 0.98 {
		t.Errorf("%s: fact recall %.3f, precision %.3f, want ≥ 0.90 and ≥ 0.98", name, r, p)
	}
}

// scanDocument is the Document of pages scanned as dg says and read by e,
// page by page, as the file name (an image file of several pages).
func scanDocument(t *testing.T, e *ocr.Engine, name string, pages []*image.Gray, dg fixtures.Degradation) *schema.Document {
	t.Helper()
	doc := &schema.Document{Source: schema.Source{File: name, Format: schema.FormatImage, Pages: len(pages)}}
	tables := 0
	for i, g := range pages {
		b, err := fixtures.ScanPage(g, dg, i+1)
		if err != nil {
			t.Fatal(err)
		}
		blocks, err := e.Image(context.Background(), b, schema.Pos{File: name, Page: i + 1, Table: tables})
		if err != nil {
			t.Fatal(err)
		}
		for _, bl := range blocks {
			if bl.Kind == schema.KindTable {
				tables++
			}
		}
		doc.Pages = append(doc.Pages, schema.Page{Number: i + 1, NeedsOCR: true, Blocks: blocks})
	}
	return doc
}
