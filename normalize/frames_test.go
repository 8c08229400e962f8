package normalize_test

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/docx"
	"github.com/juesuan/juesuan/extract/html"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// frame wraps every outermost table of markup (whose tables open with open
// and close with close) in before … after.
func frame(markup string, open, close *regexp.Regexp, before, after string) string {
	var b strings.Builder
	depth, at := 0, 0
	tags := append(open.FindAllStringIndex(markup, -1), close.FindAllStringIndex(markup, -1)...)
	slices.SortFunc(tags, func(x, y []int) int { return x[0] - y[0] })
	for _, m := range tags {
		if open.MatchString(markup[m[0]:m[1]]) {
			if depth == 0 {
				b.WriteString(markup[at:m[0]])
				b.WriteString(before)
				at = m[0]
			}
			depth++
			continue
		}
		if depth--; depth == 0 {
			b.WriteString(markup[at:m[1]])
			b.WriteString(after)
			at = m[1]
		}
	}
	b.WriteString(markup[at:])
	return b.String()
}

// reframeDOCX returns the package data with every body table framed.
func reframeDOCX(t *testing.T, data []byte, before, after string) []byte {
	t.Helper()
	return editDOCX(t, data, func(doc string) string {
		framed := frame(doc, regexp.MustCompile(`<w:tbl[ >]`), regexp.MustCompile(`</w:tbl>`), before, after)
		if framed == doc {
			t.Fatal("no table framed")
		}
		return framed
	})
}

// factsOf lists a report's facts and tables as comparable lines: what, of
// which year, printed how, and where.
func factsOf(rep *schema.Report) []string {
	var out []string
	for _, f := range rep.Facts {
		p := f.Pos
		p.File = ""
		out = append(out, fmt.Sprintf("%s %d %s %q %s l%d %s", f.Concept, f.Period, f.Value, f.Printed, p, p.Line, f.Table))
	}
	for _, tb := range rep.Tables {
		p := tb.Pos
		p.File = ""
		out = append(out, fmt.Sprintf("table %s %s %s l%d", tb.ID, tb.Kind, p, p.Line))
	}
	return out
}

// Layout tables Word users and web pages draw around a table: one cell, or
// a column between two empty ones that centres it.
const (
	wordFrameOpen  = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>`
	wordFrameClose = `<w:p/></w:tc></w:tr></w:tbl>`
	wordSpacer     = `<w:tc><w:tcPr><w:tcW w:w="300" w:type="dxa"/></w:tcPr><w:p/></w:tc>`
	wordCentreOpen = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="300"/><w:gridCol w:w="9000"/><w:gridCol w:w="300"/></w:tblGrid><w:tr>` +
		wordSpacer + `<w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/></w:tcPr>`
	wordCentreClose = `<w:p/></w:tc>` + wordSpacer + `</w:tr></w:tbl>`
)

// TestFramedReports checks that a report whose every table is drawn inside
// a layout table gives the same facts, at the same positions, as the report
// without: the readers give a frame's tables as tables of the body.
func TestFramedReports(t *testing.T) {
	const docxPath = "../fixtures/zengdu-beijiao-2022/report.docx"
	const htmlPath = "../fixtures/zengdu-beijiao-2023/report.html"
	docxData, err := os.ReadFile(docxPath)
	if err != nil {
		t.Skipf("fixture not available (%v)", err)
	}
	htmlData, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Skipf("fixture not available (%v)", err)
	}
	readDOCX := func(t *testing.T, data []byte) *schema.Report {
		doc, err := docx.Read(bytes.NewReader(data), int64(len(data)), "report.docx")
		if err != nil {
			t.Fatal(err)
		}
		return normalize.Report(doc)
	}
	readHTML := func(t *testing.T, data []byte) *schema.Report {
		doc, err := html.Read(bytes.NewReader(data), "report.html")
		if err != nil {
			t.Fatal(err)
		}
		return normalize.Report(doc)
	}
	htmlTable := regexp.MustCompile(`<table[ >]`)
	htmlEnd := regexp.MustCompile(`</table>`)
	for _, tc := range []struct {
		name          string
		plain, framed []byte
		read          func(*testing.T, []byte) *schema.Report
	}{
		{"docx one cell", docxData, reframeDOCX(t, docxData, wordFrameOpen, wordFrameClose), readDOCX},
		{"docx centred", docxData, reframeDOCX(t, docxData, wordCentreOpen, wordCentreClose), readDOCX},
		{"html one cell", htmlData, []byte(frame(string(htmlData), htmlTable, htmlEnd, `<table><tr><td>`, `</td></tr></table>`)), readHTML},
		{"html centred", htmlData, []byte(frame(string(htmlData), htmlTable, htmlEnd,
			`<table width="100%"><tr><td width="5%">&nbsp;</td><td>`, `</td><td width="5%"></td></tr></table>`)), readHTML},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := factsOf(tc.read(t, tc.plain))
			rep := tc.read(t, tc.framed)
			got := factsOf(rep)
			if len(want) < 300 {
				t.Fatalf("%d facts and tables in the plain report: not the fixture expected", len(want))
			}
			if !slices.Equal(got, want) {
				t.Errorf("framed: %d facts and tables, plain: %d", len(got), len(want))
				for _, s := range want {
					if !slices.Contains(got, s) {
						t.Errorf("lost: %s", s)
						break
					}
				}
			}
			for _, w := range rep.Warnings {
				if strings.Contains(w.Message, "inside this cell") {
					t.Errorf("warning at %s: %s", w.Pos, w.Message)
				}
			}
		})
	}
}

// TestNestedTableWarned checks that a table left inside a table's cell,
// whose figures normalize does not read, is not lost without a warning at
// the cell that holds it.
func TestNestedTableWarned(t *testing.T) {
	cell := func(row, col int, text string) schema.Cell {
		return schema.Cell{Row: row, Col: col, Text: text, Pos: schema.Pos{File: "x", Line: 2, Table: 1, Row: row + 1, Col: col + 1}}
	}
	host := cell(1, 1, "")
	host.Nested = []schema.Table{{Rows: 1, Cols: 2, Cells: []schema.Cell{
		{Row: 0, Col: 0, Text: "甲", Pos: schema.Pos{File: "x", Line: 2, Table: 2, Row: 1, Col: 1}},
		{Row: 0, Col: 1, Text: "3.20", Pos: schema.Pos{File: "x", Line: 2, Table: 2, Row: 1, Col: 2}},
	}}}
	doc := &schema.Document{
		Source: schema.Source{File: "x", Format: schema.FormatDOCX},
		Pages: []schema.Page{{Blocks: []schema.Block{
			{Kind: schema.KindParagraph, Pos: schema.Pos{File: "x", Line: 1}, Text: "收入决算表"},
			{Kind: schema.KindTable, Pos: schema.Pos{File: "x", Line: 2, Table: 1}, Table: &schema.Table{Rows: 2, Cols: 2, Cells: []schema.Cell{
				cell(0, 0, "项目"), cell(0, 1, "金额"), cell(1, 0, "明细"), host,
			}}},
		}}},
	}
	rep := normalize.Report(doc)
	var at []string
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "was not read") && strings.Contains(w.Message, "t2") {
			at = append(at, w.Pos.String())
		}
	}
	if want := []string{"x:t1r2c2"}; !slices.Equal(at, want) {
		t.Errorf("warnings of a nested table at %v, want %v: %v", at, want, rep.Warnings)
	}
}
