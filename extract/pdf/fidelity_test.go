package pdf_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// pageChars counts the printed characters of each page of a document: its
// blocks' text and its cells', white space aside.
func pageChars(doc *schema.Document) []map[rune]int {
	out := make([]map[rune]int, len(doc.Pages))
	for i := range doc.Pages {
		out[i] = map[rune]int{}
	}
	add := func(page int, s string) {
		if page < 1 || page > len(out) {
			return
		}
		for _, r := range s {
			if !unicode.IsSpace(r) {
				out[page-1][r]++
			}
		}
	}
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			add(p.Number, b.Numbering+b.Text)
			if b.Table != nil {
				for _, c := range b.Table.Cells {
					add(c.Pos.Page, c.Text)
				}
			}
		}
	}
	return out
}

// repeatedHeaders counts, by page, the characters of the header rows of
// tables continued onto that page: the reader drops the header a
// continued table repeats (the table is one), pdftotext reads it again.
func repeatedHeaders(doc *schema.Document) []map[rune]int {
	out := make([]map[rune]int, len(doc.Pages))
	for i := range out {
		out[i] = map[rune]int{}
	}
	for _, p := range doc.Pages {
		for _, b := range p.Blocks {
			if b.Table == nil {
				continue
			}
			pages := map[int]bool{}
			for _, c := range b.Table.Cells {
				if c.Pos.Page > p.Number && c.Pos.Page <= len(out) {
					pages[c.Pos.Page] = true
				}
			}
			body := newGrid(b.Table).bodyStart()
			for q := range pages {
				for _, c := range b.Table.Cells {
					if c.Row < body && c.Pos.Page == p.Number {
						for _, r := range c.Text {
							if !unicode.IsSpace(r) {
								out[q-1][r]++
							}
						}
					}
				}
			}
		}
	}
	return out
}

// pdftotextChars counts the characters pdftotext reads on each page (it
// ends each page with a form feed).
func pdftotextChars(t *testing.T, path string, pages int) []map[rune]int {
	b, err := exec.Command("pdftotext", "-q", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	out := make([]map[rune]int, pages)
	for i, text := range strings.SplitN(string(b), "\f", pages+1) {
		if i >= pages {
			break
		}
		out[i] = map[rune]int{}
		for _, r := range text {
			if !unicode.IsSpace(r) {
				out[i][r]++
			}
		}
	}
	for i := range out {
		if out[i] == nil {
			out[i] = map[rune]int{}
		}
	}
	return out
}

// foldWidth maps the full-width forms pdftotext gives for Adobe-GB1 CIDs
// to the ASCII characters the font's own encoding says were typed.
func foldWidth(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFEE0
	}
	return r
}

// TestTextFidelity compares the characters read on every page with
// pdftotext's, as multisets: a glyph dropped or read twice shows as a
// difference. Pages routed to OCR are left out (pdftotext reads their
// garbage), and so is the header a continued table repeats (read once).
// Every file must agree exactly.
func TestTextFidelity(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed: run make deps")
	}
	// without poppler-data pdftotext drops the text of fonts with a
	// predefined Chinese CMap, and the reference would be wrong
	if _, err := os.Stat("/usr/share/poppler/cMap/Adobe-GB1"); err != nil {
		t.Fatal("pdftotext has no Adobe-GB1 CMaps (Debian's poppler-data): run make deps")
	}
	files, _ := filepath.Glob("testdata/*.pdf")
	sets, _ := fixtures.Sets()
	for _, set := range sets {
		files = append(files, filepath.Join(fixtures.Dir(), set, "report.pdf"))
	}
	real, _ := filepath.Glob(filepath.Join(realworld, "*.pdf"))
	files = append(files, real...)
	var report []string
	for _, path := range files {
		if !exists(path) {
			continue
		}
		doc, err := pdf.ReadFile(context.Background(), path)
		if err != nil {
			continue // the error tests cover these
		}
		ours := pageChars(doc)
		repeated := repeatedHeaders(doc)
		theirs := pdftotextChars(t, path, len(doc.Pages))
		total, missing, extra := 0, 0, 0
		var examples []string
		for i := range ours {
			if doc.Pages[i].NeedsOCR {
				continue
			}
			a, b := map[rune]int{}, map[rune]int{}
			for r, n := range ours[i] {
				a[foldWidth(r)] += n
			}
			for r, n := range theirs[i] {
				b[foldWidth(r)] += n
			}
			for r, n := range b {
				total += n
				if d := n - a[r] - repeated[i][r]; d > 0 {
					missing += d
					if len(examples) < 6 {
						examples = append(examples, fmt.Sprintf("p%d −%q×%d", i+1, r, d))
					}
				}
			}
			for r, n := range a {
				if d := n - b[r]; d > 0 {
					extra += d
					if len(examples) < 6 {
						examples = append(examples, fmt.Sprintf("p%d +%q×%d", i+1, r, d))
					}
				}
			}
		}
		name := path
		if rel, err := filepath.Rel(fixtures.Dir(), path); err == nil && !strings.HasPrefix(rel, "..") {
			name = "fixtures/" + rel
		}
		report = append(report, fmt.Sprintf("%-62s %6d chars: %d not read, %d more than pdftotext %s", filepath.ToSlash(name), total, missing, extra, strings.Join(examples, " ")))
		if missing+extra > 0 {
			t.Errorf("%s: %d characters pdftotext reads are not read, %d read that pdftotext does not: %s", name, missing, extra, strings.Join(examples, " "))
		}
	}
	t.Logf("characters read against pdftotext's, page by page:\n%s", strings.Join(report, "\n"))
}
