package ocr

import (
	"fmt"
	"image"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// TestScanQualities reads the pages of the 2023 report scanned as the
// 200 dpi fixture scan is (fixtures.Scan200: uneven light, a turn of up to
// 1.5°, sensor noise, dust, blur) but compressed at JPEG quality 15, 30
// and 75 instead of 5: at quality 5 the blocks of the compression, not the
// resolution, are what defeats recognition. Quality 5 itself reproduces
// report-scan-200.pdf pixel for pixel (TestScanAccuracy reads that one).
func TestScanQualities(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of rendered scans")
	}
	truth, err := fixtures.Load("zengdu-beijiao-2023")
	if err != nil {
		t.Skip(err)
	}
	pages := renderedPages(t, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report.pdf"), 200)
	for _, tc := range []struct {
		quality int
		floor   float64 // share of numeric cells right below which the test fails
	}{
		{15, 0.98},
		{30, 0.99},
		{75, 0.99},
	} {
		t.Run(fmt.Sprintf("quality-%d", tc.quality), func(t *testing.T) {
			e := testEngine(t)
			dg := fixtures.Scan200
			dg.Quality = tc.quality
			blocks := readPages(t, e, len(pages), func(i int) (image.Image, schema.Pos, error) {
				b, err := fixtures.ScanPage(pages[i].img, dg, pages[i].number)
				if err != nil {
					return nil, schema.Pos{}, err
				}
				pos := schema.Pos{File: "report.pdf", Page: pages[i].number}
				img, err := decodeOne("jpeg", b, pos)
				return img, pos, err
			})
			name := fmt.Sprintf("200 dpi, JPEG quality %d", tc.quality)
			right, total := reportScores(t, name, scoreTables(truth.Tables, blocks))
			reportText(t, name, scoreText(truth.Tables, blocks))
			if total == 0 || float64(right) < tc.floor*float64(total) {
				t.Errorf("%s: %d/%d numeric cells right, want ≥ %.1f%%", name, right, total, 100*tc.floor)
			}
		})
	}
}

// renderedPage is a page of a PDF rendered in gray.
type renderedPage struct {
	number int
	img    *image.Gray
}

// renderedPages renders the pages of a PDF at dpi (fixtures.RenderedPages),
// keeping them under the repository's .cache/scan-pages.
func renderedPages(t *testing.T, pdf string, dpi int) []renderedPage {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) not installed: run make deps")
	}
	gs, err := fixtures.RenderedPages(pdf, dpi, repoCache(t, "scan-pages"))
	if err != nil {
		t.Fatal(err)
	}
	out := make([]renderedPage, len(gs))
	for i, g := range gs {
		out[i] = renderedPage{i + 1, g}
	}
	return out
}
