package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// renderer is the tests' PDFium, started once; its compiled module is kept
// in the user's cache, so that only the first run compiles it.
var renderer = sync.OnceValues(func() (*pdf.Renderer, error) {
	return pdf.NewRenderer(context.Background(), pdf.RenderOptions{})
})

func testRenderer(t *testing.T) *pdf.Renderer {
	t.Helper()
	r, err := renderer()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRenderPage(t *testing.T) {
	r := testRenderer(t)
	ctx := context.Background()
	data := mustRead(t, "testdata/synthetic-rules.pdf")
	for _, tc := range []struct {
		page   int
		dpi    float64
		w, h   int
		minInk float64
	}{
		{1, 72, 595, 842, 0.002},
		{1, 150, 1240, 1754, 0.002},
		{2, 100, 1169, 826, 0.001}, // turned by /Rotate 90: landscape
	} {
		t.Run(fmt.Sprintf("p%d@%v", tc.page, tc.dpi), func(t *testing.T) {
			img, err := r.RenderPage(ctx, bytes.NewReader(data), int64(len(data)), tc.page, tc.dpi)
			if err != nil {
				t.Fatal(err)
			}
			b := img.Bounds()
			if math.Abs(float64(b.Dx()-tc.w)) > 2 || math.Abs(float64(b.Dy()-tc.h)) > 2 {
				t.Errorf("%v×%v, want %d×%d", b.Dx(), b.Dy(), tc.w, tc.h)
			}
			dark := 0
			for _, p := range img.Pix {
				if p < 128 {
					dark++
				}
			}
			if share := float64(dark) / float64(len(img.Pix)); share < tc.minInk || share > 0.2 {
				t.Errorf("%.4f of the pixels are dark", share)
			}
		})
	}
	// The table's ruling at the top of table 1 (y = 342 pt from the top)
	// is drawn: a dark row of pixels across x = 72…372 pt at 72 dpi.
	img, _ := r.RenderPage(ctx, bytes.NewReader(data), int64(len(data)), 1, 72)
	dark := 0
	for x := 80; x < 360; x++ {
		for y := 340; y <= 344; y++ {
			if img.GrayAt(x, y).Y < 160 {
				dark++
				break
			}
		}
	}
	if dark < 250 {
		t.Errorf("the table's top ruling is not drawn (%d of 280 columns dark)", dark)
	}
}

func TestRenderErrors(t *testing.T) {
	r := testRenderer(t)
	data := mustRead(t, "testdata/synthetic-rules.pdf")
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name string
		ctx  context.Context
		data []byte
		page int
		dpi  float64
		want string
	}{
		{"no such page", context.Background(), data, 3, 72, "malformed"},
		{"page 0", context.Background(), data, 0, 72, "malformed"},
		{"dpi", context.Background(), data, 1, 5000, "too_large"},
		{"pixels", context.Background(), data, 1, 1199, "too_large"},
		{"password", context.Background(), mustRead(t, "testdata/lo-password.pdf"), 1, 72, "encrypted"},
		{"junk", context.Background(), []byte("not a pdf at all"), 1, 72, "malformed"},
		{"canceled", canceled, data, 1, 72, "canceled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.RenderPage(tc.ctx, bytes.NewReader(tc.data), int64(len(tc.data)), tc.page, tc.dpi)
			var e *schema.Error
			if !errors.As(err, &e) || schema.ErrorClass(err) != tc.want {
				t.Errorf("error %v (%s), want %s", err, schema.ErrorClass(err), tc.want)
			}
		})
	}
	// The renderer still works after the errors.
	if _, err := r.RenderPage(context.Background(), bytes.NewReader(data), int64(len(data)), 1, 36); err != nil {
		t.Errorf("after the errors: %v", err)
	}
}

// TestRenderConcurrent renders from several goroutines at once, documents
// alternating (run it with -race).
func TestRenderConcurrent(t *testing.T) {
	r := testRenderer(t)
	a, b := mustRead(t, "testdata/synthetic-rules.pdf"), mustRead(t, "testdata/lo-tables.pdf")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data := a
			if i%2 == 1 {
				data = b
			}
			if _, err := r.RenderPage(context.Background(), bytes.NewReader(data), int64(len(data)), 1+i%2, 50); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestRendererClose starts and closes a renderer of its own: nothing is
// left running.
func TestRendererClose(t *testing.T) {
	testRenderer(t) // the shared one, started before counting
	before := runtime.NumGoroutine()
	data := mustRead(t, "testdata/synthetic-rules.pdf")
	img, err := pdf.RenderPage(context.Background(), bytes.NewReader(data), int64(len(data)), 1, 36)
	if err != nil || img.Bounds().Dx() < 290 {
		t.Fatalf("RenderPage: %v", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines before, %d after", before, n)
	}
}

// TestDifferential compares what the reader's interpreter finds on every
// page with what PDFium finds there, independently: each glyph with text
// must be a character PDFium reads at the same origin (within half a
// point), and each ruling must lie within a path PDFium draws. The
// LibreOffice exports, the synthetic files and the real reports all must
// agree on 99 % of their glyphs and rulings; the figures are printed.
// Glyphs set at right angles to the page are left out: PDFium's text
// extraction does not report them (pdftotext does, as this reader does).
func TestDifferential(t *testing.T) {
	r := testRenderer(t)
	files, _ := filepath.Glob("testdata/*.pdf")
	sets, _ := fixtures.Sets()
	for _, set := range sets {
		if p := filepath.Join(fixtures.Dir(), set, "report.pdf"); exists(p) && !strings.Contains(set, "planted") {
			files = append(files, p)
		}
	}
	real, _ := filepath.Glob(filepath.Join(realworld, "*.pdf"))
	files = append(files, real...)
	var report []string
	for _, path := range files {
		if strings.Contains(path, "password") {
			continue
		}
		data := mustRead(t, path)
		doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "t.pdf")
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		glyphs, matched, segs, within := 0, 0, 0, 0
		var misses []string
		for page := 1; page <= len(doc.Pages); page++ {
			ours, rules, err := pdf.Content(data, page)
			if err != nil {
				t.Fatal(err)
			}
			theirs, paths, err := pdf.PDFiumContent(r, data, page)
			if err != nil {
				t.Fatal(err)
			}
			// PDFium's characters by text, to look up by origin.
			byText := map[string][]pdf.Glyph{}
			for _, g := range theirs {
				byText[g.Text] = append(byText[g.Text], g)
			}
			first := func(s string) string { return string([]rune(s)[:1]) } // PDFium splits ligatures
			for _, g := range ours {
				if strings.TrimSpace(g.Text) == "" || doc.Pages[page-1].NeedsOCR || !g.Upright {
					continue
				}
				glyphs++
				found := false
				for _, h := range byText[first(g.Text)] {
					if math.Abs(h.X-g.X) <= 0.5 && math.Abs(h.Y-g.Y) <= 0.5 {
						found = true
						break
					}
				}
				if found {
					matched++
				} else if len(misses) < 5 {
					misses = append(misses, fmt.Sprintf("p%d %q at (%.1f, %.1f)", page, g.Text, g.X, g.Y))
				}
			}
			for _, s := range rules {
				segs++
				for _, p := range paths {
					if s.X0 >= p[0]-1 && s.X1 <= p[2]+1 && s.Y0 >= p[1]-1 && s.Y1 <= p[3]+1 {
						within++
						break
					}
				}
			}
		}
		name := path
		if rel, err := filepath.Rel(fixtures.Dir(), path); err == nil && !strings.HasPrefix(rel, "..") {
			name = "fixtures/" + rel
		}
		gr, sr := ratio(matched, glyphs), ratio(within, segs)
		report = append(report, fmt.Sprintf("%-60s glyphs %5d/%-5d (%.4f) rulings %4d/%-4d (%.4f) %s", filepath.ToSlash(name), matched, glyphs, gr, within, segs, sr, strings.Join(misses, " ")))
		if gr < 0.99 || sr < 0.99 {
			t.Errorf("%s: glyphs %.4f, rulings %.4f agree with PDFium, want ≥ 0.99; first misses: %s", name, gr, sr, strings.Join(misses, " "))
		}
	}
	sort.Strings(report)
	t.Logf("the interpreter against PDFium:\n%s", strings.Join(report, "\n"))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}
