package normalize_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract/docx"
	"github.com/juesuan/juesuan/extract/html"
	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// fixtureTitles are the nine tables' titles as the fixture report prints
// them, above each table or its declaration that it is empty.
var fixtureTitles = []string{
	"收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
	"一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算明细表",
	"政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表",
	"财政拨款“三公”经费支出决算表",
}

// breakTitle puts a line break (br) before each character of title whose
// index is in cuts, wherever title is the whole text of an element of
// markup (open and close the text between; a list number "五、" may stand
// before it), and not where a sentence names the table. It fails the test
// when it breaks nothing.
func breakTitle(t *testing.T, markup, open, close, title, br string, cuts []int) string {
	t.Helper()
	re := regexp.MustCompile(`(` + open + `(?:[一二三四五六七八九]、)?)` + regexp.QuoteMeta(title) + `(` + close + `)`)
	r := []rune(title)
	var b strings.Builder
	for i := range r {
		if slices.Contains(cuts, i) {
			b.WriteString(br)
		}
		b.WriteRune(r[i])
	}
	out := re.ReplaceAllString(markup, "${1}"+strings.ReplaceAll(b.String(), "$", "$$")+"${2}")
	if out == markup {
		t.Fatalf("%s is printed nowhere as a title", title)
	}
	return out
}

// editDOCX returns the package data with its document.xml edited by edit.
func editDOCX(t *testing.T, data []byte, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "word/document.xml" {
			part = []byte(edit(string(part)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(part)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tablesAndFindings lists what the report's tables were identified as and
// what the checks find in it, as comparable lines, and counts its figures.
func tablesAndFindings(rep *schema.Report) ([]string, int) {
	check.Repair(rep)
	var out []string
	for _, tb := range rep.Tables {
		// (a title broken in one block keeps its line break)
		title := strings.Join(strings.Fields(tb.Title), "")
		out = append(out, fmt.Sprintf("table %s %s %s empty=%v", tb.ID, tb.Kind, title, tb.Empty))
	}
	for _, f := range check.Run(rep, check.Options{}) {
		out = append(out, fmt.Sprintf("%s %s %s", f.Severity, f.Rule, f.Message))
	}
	return out, len(rep.Facts)
}

// TestBrokenTitles checks that a table whose title a line break cuts in
// two or three lines (财政拨款收入⏎支出决算总表) is identified as the table
// the whole title names, not as the one its last line names (支出决算总表,
// table 3's), nor as none: in the fixture report, DOCX and HTML, each of
// the nine titles broken at several places gives the tables, the figures
// and the findings of the report unbroken. Before, 财政拨款收入⏎支出决算总表
// made table 4 a second table 3 (456 figures, 6 errors for 4), and
// 一般公共预算⏎财政拨款支出决算表 table 5 one (448 figures, 11 errors).
func TestBrokenTitles(t *testing.T) {
	const docxPath = "../fixtures/zengdu-beijiao-2023/report.docx"
	const htmlPath = "../fixtures/zengdu-beijiao-2023/report.html"
	docxData, err := os.ReadFile(docxPath)
	if err != nil {
		t.Skipf("fixture not available (%v)", err)
	}
	htmlData, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Skipf("fixture not available (%v)", err)
	}
	formats := []struct {
		name string
		data []byte
		brk  func(t *testing.T, title string, cuts []int) []byte
		read func(t *testing.T, data []byte) *schema.Report
	}{
		{
			name: "docx",
			data: docxData,
			brk: func(t *testing.T, title string, cuts []int) []byte {
				return editDOCX(t, docxData, func(s string) string {
					return breakTitle(t, s, `<w:t(?: [^>]*)?>`, `</w:t>`, title, `</w:t><w:br/><w:t xml:space="preserve">`, cuts)
				})
			},
			read: func(t *testing.T, data []byte) *schema.Report {
				doc, err := docx.Read(bytes.NewReader(data), int64(len(data)), "report.docx")
				if err != nil {
					t.Fatal(err)
				}
				return normalize.Report(doc)
			},
		},
		{
			name: "html",
			data: htmlData,
			brk: func(t *testing.T, title string, cuts []int) []byte {
				return []byte(breakTitle(t, string(htmlData), `<(?:h3|strong)>`, `<`, title, `<br>`, cuts))
			},
			read: func(t *testing.T, data []byte) *schema.Report {
				doc, err := html.Read(bytes.NewReader(data), "report.html")
				if err != nil {
					t.Fatal(err)
				}
				return normalize.Report(doc)
			},
		},
	}
	for _, f := range formats {
		want, wantFigures := tablesAndFindings(f.read(t, f.data))
		if wantFigures < 400 || !slices.ContainsFunc(want, func(s string) bool { return strings.HasPrefix(s, "table t09 09 ") }) {
			t.Fatalf("%s: %d figures, %q: not the fixture expected", f.name, wantFigures, want)
		}
		for _, title := range fixtureTitles {
			n := len([]rune(title))
			cutss := [][]int{{2}, {n / 2}, {n - 3}, {n - 2}, {n - 1}, {n / 3, 2 * n / 3}}
			slices.SortFunc(cutss, slices.Compare)
			for _, cuts := range slices.CompactFunc(cutss, slices.Equal) {
				t.Run(fmt.Sprintf("%s %s %v", f.name, title, cuts), func(t *testing.T) {
					got, figures := tablesAndFindings(f.read(t, f.brk(t, title, cuts)))
					if figures != wantFigures || !slices.Equal(got, want) {
						t.Errorf("%d figures for %d", figures, wantFigures)
						for _, s := range got {
							if !slices.Contains(want, s) {
								t.Errorf("+ %s", s)
							}
						}
						for _, s := range want {
							if !slices.Contains(got, s) {
								t.Errorf("- %s", s)
							}
						}
					}
				})
			}
		}
	}
}

// wrapTitle returns a copy of doc in which every block that prints title
// (after a list number or not) is printed over two lines instead, as a
// PDF's text layer gives a title too long for its page: a block for the
// title's first cut characters and one for the rest on the next line of
// the page, under it, centred as the title was (or from its left edge, for
// a numbered one), and the lines below on the page numbered one more. It
// fails the test when it wraps nothing.
func wrapTitle(t *testing.T, doc *schema.Document, title string, cut int) *schema.Document {
	t.Helper()
	out := *doc
	out.Pages = slices.Clone(doc.Pages)
	wrapped := 0
	for p := range out.Pages {
		page := &out.Pages[p]
		var blocks []schema.Block
		shift := 0
		for _, b := range page.Blocks {
			text := strings.TrimSpace(b.Text)
			numbered := strings.HasSuffix(text, title) && regexp.MustCompile(`^[一二三四五六七八九]、$`).MatchString(strings.TrimSuffix(text, title))
			if b.Kind == schema.KindTable || b.Pos.BBox == nil || text != title && !numbered {
				b.Pos.Line += shift
				blocks = append(blocks, b)
				continue
			}
			r := []rune(text)
			at := cut + len(r) - len([]rune(title))
			box := *b.Pos.BBox
			em := (box.X1 - box.X0) / float64(len(r))
			first, second := b, b
			first.Text, second.Text = string(r[:at]), string(r[at:])
			first.Lines, second.Lines = nil, nil
			a, c := box, box
			if numbered {
				a.X1 = a.X0 + em*float64(at)
				c.X1 = c.X0 + em*float64(len(r)-at)
			} else {
				mid := (box.X0 + box.X1) / 2
				a.X0, a.X1 = mid-em*float64(at)/2, mid+em*float64(at)/2
				c.X0, c.X1 = mid-em*float64(len(r)-at)/2, mid+em*float64(len(r)-at)/2
			}
			h := box.Y1 - box.Y0
			c.Y0, c.Y1 = box.Y1+h/5, box.Y1+h/5+h
			first.Pos.Line += shift
			shift++
			second.Pos.Line += shift
			first.Pos.BBox, second.Pos.BBox = &a, &c
			blocks = append(blocks, first, second)
			wrapped++
		}
		page.Blocks = blocks
	}
	if wrapped == 0 {
		t.Fatalf("%s is printed nowhere as a title", title)
	}
	return &out
}

// TestWrappedTitlesPDF checks that in a PDF's text layer a table's title
// wrapped over two lines (two blocks, one under the other: the reader
// makes one of them only when they are set as one paragraph) is read as
// the whole title: the fixture report's PDF, each title so wrapped, gives
// the tables, figures and findings of the PDF as printed. (LibreOffice
// prints the fixture report with 财政拨款收入⏎支出决算总表 so, in two heading
// blocks, lines 3 and 4 of page 7: 456 figures and 6 errors before, for
// 466 and 4.)
func TestWrappedTitlesPDF(t *testing.T) {
	data, err := os.ReadFile("../fixtures/zengdu-beijiao-2023/report.pdf")
	if err != nil {
		t.Skipf("fixture not available (%v)", err)
	}
	read := func(t *testing.T) *schema.Document {
		doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "report.pdf")
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	want, wantFigures := tablesAndFindings(normalize.Report(read(t)))
	if wantFigures < 400 || !slices.ContainsFunc(want, func(s string) bool { return strings.HasPrefix(s, "table t09 09 ") }) {
		t.Fatalf("%d figures, %q: not the fixture expected", wantFigures, want)
	}
	for _, title := range fixtureTitles {
		n := len([]rune(title))
		for _, cut := range slices.Compact([]int{2, n / 2, n - 2}) {
			t.Run(fmt.Sprintf("%s %d", title, cut), func(t *testing.T) {
				got, figures := tablesAndFindings(normalize.Report(wrapTitle(t, read(t), title, cut)))
				if figures != wantFigures || !slices.Equal(got, want) {
					t.Errorf("%d figures for %d", figures, wantFigures)
					for _, s := range got {
						if !slices.Contains(want, s) {
							t.Errorf("+ %s", s)
						}
					}
					for _, s := range want {
						if !slices.Contains(got, s) {
							t.Errorf("- %s", s)
						}
					}
				}
			})
		}
	}
}
