package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"image/jpeg"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/docx"
	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// fixturePairs lists the fixture sets that have a report as both DOCX and
// PDF: the PDF is LibreOffice's export of the DOCX.
func fixturePairs(t *testing.T) []string {
	sets, err := fixtures.Sets()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, set := range sets {
		dir := filepath.Join(fixtures.Dir(), set)
		if exists(filepath.Join(dir, "report.docx")) && exists(filepath.Join(dir, "report.pdf")) {
			out = append(out, set)
		}
	}
	if len(out) == 0 {
		t.Skip("no fixture has both report.docx and report.pdf")
	}
	return out
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// tablesOf returns a document's tables in reading order.
func tablesOf(doc *schema.Document) []*schema.Table {
	var ts []*schema.Table
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			if b.Kind == schema.KindTable {
				ts = append(ts, b.Table)
			}
		}
	}
	return ts
}

// squeezeSpace removes white space, which a PDF does not print at the end
// of a line it breaks (a DOCX cell's "（万元）   （10分）" wraps after the
// spaces, and LibreOffice draws none of them).
func squeezeSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

// TestFixtureTables reads each fixture's DOCX and PDF and compares their
// tables cell for cell: the same grid (rows, columns, every cell's spans)
// and the same text. Text is compared exactly and, where that fails, with
// white space removed; only the second must hold, since spaces at a line
// break are not printed.
func TestFixtureTables(t *testing.T) {
	var report []string
	for _, set := range fixturePairs(t) {
		dir := filepath.Join(fixtures.Dir(), set)
		t.Run(set, func(t *testing.T) {
			want, err := docx.ReadFile(filepath.Join(dir, "report.docx"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := pdf.ReadFile(context.Background(), filepath.Join(dir, "report.pdf"))
			if err != nil {
				t.Fatal(err)
			}
			wt, gt := tablesOf(want), tablesOf(got)
			if len(wt) != len(gt) {
				t.Fatalf("%d tables in the PDF, %d in the DOCX", len(gt), len(wt))
			}
			cells, exact, loose := 0, 0, 0
			for i := range wt {
				a, b := wt[i], gt[i]
				if a.Rows != b.Rows || a.Cols != b.Cols {
					t.Errorf("table %d: PDF %d×%d, DOCX %d×%d", i+1, b.Rows, b.Cols, a.Rows, a.Cols)
					continue
				}
				if len(a.Cells) != len(b.Cells) {
					t.Errorf("table %d: PDF %d cells, DOCX %d", i+1, len(b.Cells), len(a.Cells))
					continue
				}
				for k := range a.Cells {
					x, y := a.Cells[k], b.Cells[k]
					xr, xc := x.Span()
					yr, yc := y.Span()
					if x.Row != y.Row || x.Col != y.Col || xr != yr || xc != yc {
						t.Errorf("table %d: PDF cell (%d,%d) spans %d×%d, DOCX (%d,%d) %d×%d", i+1, y.Row, y.Col, yr, yc, x.Row, x.Col, xr, xc)
						continue
					}
					cells++
					switch {
					case x.Text == y.Text:
						exact++
						loose++
					case squeezeSpace(x.Text) == squeezeSpace(y.Text):
						loose++
					default:
						t.Errorf("table %d (%d,%d): PDF %q, DOCX %q", i+1, y.Row, y.Col, y.Text, x.Text)
					}
				}
			}
			report = append(report, fmt.Sprintf("%-40s %d tables, %d cells: %d equal, %d equal but for white space at line breaks", set, len(wt), cells, exact, loose-exact))
		})
	}
	t.Logf("PDF tables against the DOCX they were exported from:\n%s", strings.Join(report, "\n"))
}

// factKey is what makes two facts the same for scoring (as in normalize's
// fixture test): concept, period, value.
func factKey(concept string, period int, value string) string {
	return fmt.Sprintf("%s|%d|%s", concept, period, value)
}

// score compares a report's facts with the truth as multisets of factKey;
// facts of tables printed as images (which need OCR) are left out.
func score(rep *schema.Report, truth *fixtures.Truth) (recall, precision float64, missed, extra []string) {
	imageTables := map[schema.TableKind]bool{}
	for _, tb := range truth.Tables {
		if tb.Image {
			imageTables[tb.Kind] = true
		}
	}
	want, got := map[string]int{}, map[string]int{}
	nwant, ngot := 0, 0
	for _, f := range truth.Facts {
		if f.Derived || f.Table != "" && imageTables[f.Table] {
			continue
		}
		want[factKey(f.Concept, f.Period, f.Value.String())]++
		nwant++
	}
	for _, f := range rep.Facts {
		if f.Derived != nil {
			continue
		}
		period := f.Period
		if rep.Year == 0 && period == 0 {
			// A page of one table names no year: its figures are of the
			// year its document is about (as normalize's fixture test
			// scores them).
			period = truth.Year
		}
		got[factKey(f.Concept, period, f.Value.String())]++
		ngot++
	}
	match := 0
	for k, w := range want {
		match += min(w, got[k])
		for i := got[k]; i < w; i++ {
			missed = append(missed, k)
		}
	}
	for k, g := range got {
		for i := want[k]; i < g; i++ {
			extra = append(extra, k)
		}
	}
	sort.Strings(missed)
	sort.Strings(extra)
	if nwant > 0 {
		recall = float64(match) / float64(nwant)
	}
	if ngot > 0 {
		precision = float64(match) / float64(ngot)
	}
	return recall, precision, missed, extra
}

// TestFixtureFacts reads every text-layer PDF of the fixtures through
// normalize and scores its facts against the set's truth.json: recall and
// precision must reach 0.99, as for the DOCX.
func TestFixtureFacts(t *testing.T) {
	sets, err := fixtures.Sets()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, set := range sets {
		truth, err := fixtures.Load(set)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range truth.Describes {
			if !strings.EqualFold(filepath.Ext(name), ".pdf") || strings.Contains(name, "scan") {
				continue // scans are the OCR stage's
			}
			path := filepath.Join(fixtures.Dir(), set, name)
			if !exists(path) {
				continue
			}
			t.Run(set+"/"+name, func(t *testing.T) {
				doc, err := pdf.ReadFile(context.Background(), path)
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range doc.Pages {
					if p.NeedsOCR {
						t.Skipf("page %d needs OCR: an image PDF", p.Number)
					}
				}
				rep := normalize.Report(doc)
				r, p, missed, extra := score(rep, truth)
				lines = append(lines, fmt.Sprintf("%-45s recall %.3f  precision %.3f  (%d facts)", set+"/"+name, r, p, len(rep.Facts)))
				if r < 0.99 || p < 0.99 {
					t.Errorf("recall %.3f precision %.3f, want ≥ 0.99\nmissed (%d):\n  %s\nextra (%d):\n  %s",
						r, p, len(missed), strings.Join(missed, "\n  "), len(extra), strings.Join(extra, "\n  "))
				}
			})
		}
	}
	if len(lines) == 0 {
		t.Skip("no text-layer PDF among the fixtures")
	}
	t.Logf("fact recall and precision of the PDFs against truth.json:\n%s", strings.Join(lines, "\n"))
}

// TestFixtureScans reads the fixtures' image-only PDFs: every page needs
// OCR and carries its scan as a JPEG taken out as stored, which decodes at
// the size the PDF declares.
func TestFixtureScans(t *testing.T) {
	scans, _ := filepath.Glob(filepath.Join(fixtures.Dir(), "*", "*scan*.pdf"))
	if len(scans) == 0 {
		t.Skip("no scanned fixture")
	}
	for _, path := range scans {
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			doc, err := pdf.ReadFile(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range doc.Pages {
				if !p.NeedsOCR {
					t.Errorf("page %d: NeedsOCR not set", p.Number)
				}
				if len(p.Blocks) != 1 || p.Blocks[0].Kind != schema.KindImage || p.Blocks[0].Image.Format != "jpeg" {
					t.Errorf("page %d: blocks %+v, want its scan", p.Number, p.Blocks)
					continue
				}
				img := p.Blocks[0].Image
				cfg, err := jpeg.DecodeConfig(bytes.NewReader(img.Data))
				if err != nil || cfg.Width != img.Width || cfg.Height != img.Height {
					t.Errorf("page %d: the JPEG (%v) is %d×%d, the PDF says %d×%d", p.Number, err, cfg.Width, cfg.Height, img.Width, img.Height)
				}
			}
		})
	}
}
