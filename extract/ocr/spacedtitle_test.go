package ocr

import (
	"bytes"
	"context"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// TestSpacedTitle: the title of a real report's first table, one line
// printed with wide letter spacing ("收 入 支 出 决 算 总 表"), in whose band
// Tesseract's page analysis finds no text on the report's 200 dpi scan, is
// read all the same; without it the table was not identified and none of
// its figures given. It skips where the folder of real reports beside the
// checkout is absent (as in CI): the reports are not copied into the
// repository.
func TestSpacedTitle(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of a page")
	}
	path := filepath.Join("..", "..", "..", "shared", "realworld", "putuo-finance-2024.pdf")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no real report at %s", path)
	}
	pages, err := fixtures.RenderedPages(path, 200, repoCache(t, "scan-pages"))
	if err != nil {
		t.Skip(err)
	}
	dg := fixtures.Scan200
	dg.Quality = 30
	jpg, err := fixtures.ScanPage(pages[5], dg, 6)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(jpg))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(Options{CacheDir: "off"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	blocks, err := e.Page(context.Background(), img, schema.Pos{File: "putuo-finance-2024.pdf", Page: 6})
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range blocks {
		if b.Kind == schema.KindParagraph {
			text = append(text, strings.ReplaceAll(b.Text, " ", ""))
		}
	}
	if !strings.Contains(strings.Join(text, "|"), "收入支出决算总表") {
		t.Errorf("the page's text %q lacks the title 收入支出决算总表", text)
	}
}
