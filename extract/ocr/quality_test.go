package ocr

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
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
		{15, 0.96},
		{30, 0.98},
		{75, 0.98},
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
				img, err := jpeg.Decode(bytes.NewReader(b))
				return img, schema.Pos{File: "report.pdf", Page: pages[i].number}, err
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

// renderedPages renders the pages of a PDF in gray with pdftoppm
// (poppler-utils) at dpi, into a cache folder named after the PDF's digest.
func renderedPages(t *testing.T, pdf string, dpi int) []renderedPage {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) not installed: run make deps")
	}
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Skipf("fixture missing: %v", err)
	}
	sum := sha256.Sum256(data)
	dir := repoCache(t, filepath.Join("scan-pages", fmt.Sprintf("%s-%s-render%d", filepath.Base(pdf), hex.EncodeToString(sum[:6]), dpi)))
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	if len(files) == 0 {
		if out, err := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-gray", "-png", pdf, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v: %s", err, out)
		}
		files, _ = filepath.Glob(filepath.Join(dir, "p-*.png"))
	}
	sort.Strings(files)
	var out []renderedPage
	for i, file := range files {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, renderedPage{i + 1, toGray(img)})
	}
	if len(out) == 0 {
		t.Fatal("pdftoppm rendered no page")
	}
	return out
}
