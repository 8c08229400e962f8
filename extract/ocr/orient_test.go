package ocr

import (
	"path/filepath"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
)

// TestUpsideDown turns pages of the 2023 report (rendered at 200 dpi: a
// page of text, a table page, the cover) half a turn and checks that
// preparation turns them back, and leaves them as they are upright.
func TestUpsideDown(t *testing.T) {
	if testing.Short() {
		t.Skip("Tesseract reads samples of each page")
	}
	pages := renderedPages(t, filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", "report.pdf"), 200)
	e := testEngine(t)
	for _, n := range []int{1, 5, 13} {
		if n > len(pages) {
			t.Fatalf("report.pdf has %d pages", len(pages))
		}
		g := pages[n-1].img
		for _, turned := range []bool{false, true} {
			in := g
			if turned {
				in = rotate90(g, 2)
			}
			p, err := prepare(in, e.upright)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if turned {
				want = 2
			}
			if p.Turns != want {
				t.Errorf("page %d turned %v: %d quarter turns applied, want %d", n, turned, p.Turns, want)
			}
		}
	}
}
