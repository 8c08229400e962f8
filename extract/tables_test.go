package extract

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/fixtures"
	"github.com/juesuan/juesuan/schema"
)

// tableAt is a table block of page page numbered n, its cells numbered n
// too (one cell on page cellPage, when set, as a table joined across pages
// has), and the tables nested in its first cell.
func tableAt(page, n, cellPage int, nested ...schema.Table) schema.Block {
	c1 := schema.Cell{Pos: schema.Pos{Page: page, Table: n, Row: 1, Col: 1}, Nested: nested}
	c2 := schema.Cell{Col: 1, Pos: schema.Pos{Page: page, Table: n, Row: 1, Col: 2}}
	if cellPage > 0 {
		c2.Pos.Page = cellPage
	}
	return schema.Block{Kind: schema.KindTable, Pos: schema.Pos{Page: page, Table: n}, Table: &schema.Table{Rows: 1, Cols: 2, Cells: []schema.Cell{c1, c2}}}
}

// numbers lists the table numbers a document's positions give, block by
// block and cell by cell, nested tables in brackets, then the warnings'.
func numbers(doc *schema.Document) string {
	var b strings.Builder
	var table func(t *schema.Table)
	table = func(t *schema.Table) {
		for _, c := range t.Cells {
			fmt.Fprintf(&b, " c%d", c.Pos.Table)
			for i := range c.Nested {
				b.WriteString("[")
				table(&c.Nested[i])
				b.WriteString("]")
			}
		}
	}
	for _, p := range doc.Pages {
		for _, bl := range p.Blocks {
			fmt.Fprintf(&b, " %s%d", bl.Kind[:1], bl.Pos.Table)
			if bl.Table != nil {
				table(bl.Table)
			}
		}
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(&b, " w%d", w.Pos.Table)
	}
	return strings.TrimSpace(b.String())
}

func TestNumberTables(t *testing.T) {
	para := func(page, table int) schema.Block {
		return schema.Block{Kind: schema.KindParagraph, Pos: schema.Pos{Page: page, Table: table}}
	}
	nested := tableAt(0, 3, 0).Table
	tests := []struct {
		name   string
		format schema.Format
		pages  [][]schema.Block
		warn   []schema.Pos
		want   string
	}{
		{"a DOCX's pictured first table, OCR'd after the others", schema.FormatDOCX,
			[][]schema.Block{{para(0, 0), {Kind: schema.KindImage}, tableAt(0, 3, 0), para(0, 0), tableAt(0, 1, 0), tableAt(0, 2, 0)}},
			[]schema.Pos{{Table: 2, Row: 1, Col: 1}, {Table: 3}},
			"p0 i0 t1 c1 c1 p0 t2 c2 c2 t3 c3 c3 w3 w1"},
		{"a scan's tables, numbered from 1 on each page", schema.FormatPDF,
			[][]schema.Block{{tableAt(1, 1, 0)}, {para(2, 0), tableAt(2, 1, 0), tableAt(2, 2, 0)}, {tableAt(3, 1, 0)}},
			[]schema.Pos{{Page: 2, Table: 2}, {Page: 3, Table: 1}},
			"t1 c1 c1 p0 t2 c2 c2 t3 c3 c3 t4 c4 c4 w3 w4"},
		{"a text PDF's table joined across pages, and a picture's table after them", schema.FormatPDF,
			[][]schema.Block{{tableAt(1, 1, 2)}, {{Kind: schema.KindImage, Pos: schema.Pos{Page: 2}}, tableAt(2, 3, 0), tableAt(2, 2, 0)}},
			[]schema.Pos{{Page: 2, Table: 1, Row: 1, Col: 2}, {Page: 2, Table: 2}},
			"t1 c1 c1 i0 t2 c2 c2 t3 c3 c3 w1 w3"},
		{"nested tables after their table, before the next", schema.FormatHTML,
			[][]schema.Block{{tableAt(0, 1, 0, *nested), tableAt(0, 2, 0)}},
			[]schema.Pos{{Table: 3, Row: 1, Col: 1}, {Table: 2}},
			"t1 c1[ c2 c2] c1 t3 c3 c3 w2 w3"},
		{"a paragraph in a table's cell follows its table", schema.FormatDOCX,
			[][]schema.Block{{tableAt(0, 2, 0), para(0, 2), tableAt(0, 1, 0)}}, nil,
			"t1 c1 c1 p1 t2 c2 c2"},
		{"a workbook's sheets keep their tab numbers", schema.FormatXLSX,
			[][]schema.Block{{tableAt(0, 2, 0), tableAt(0, 4, 0)}},
			[]schema.Pos{{Table: 3}},
			"t2 c2 c2 t4 c4 c4 w3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &schema.Document{Source: schema.Source{Format: tt.format}}
			for i, bs := range tt.pages {
				doc.Pages = append(doc.Pages, schema.Page{Number: i + 1, Blocks: bs})
			}
			for _, p := range tt.warn {
				doc.Warnings = append(doc.Warnings, schema.Warning{Pos: p})
			}
			numberTables(doc)
			if got := numbers(doc); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestFixtureTablesInReadingOrder reads the 2023 report as DOCX (its table 1
// a picture OCR reads after the rest), as PDF and as a 300 dpi scan (every
// table OCR'd page by page): in each, the tables are numbered 1, 2, 3… in
// the order they are printed, each cell with its table's number, and the
// first is the pictured table 1 (收入支出决算总表).
func TestFixtureTablesInReadingOrder(t *testing.T) {
	r := ocrReader(t)
	for _, name := range []string{"report.docx", "report.pdf", "report-scan-300.pdf"} {
		t.Run(name, func(t *testing.T) {
			doc, err := r.ReadFile(context.Background(), filepath.Join(fixtures.Dir(), "zengdu-beijiao-2023", name))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, p := range doc.Pages {
				for _, b := range p.Blocks {
					if b.Kind != schema.KindTable || b.Table == nil {
						continue
					}
					n++
					if b.Pos.Table != n {
						t.Errorf("%s: table %d in reading order numbered %d", b.Pos, n, b.Pos.Table)
					}
					for _, c := range b.Table.Cells {
						if c.Pos.Table != b.Pos.Table {
							t.Errorf("%s: cell of table %d", c.Pos, b.Pos.Table)
							break
						}
					}
					if n == 1 && (b.Method != schema.MethodOCR || !strings.Contains(b.Table.Cells[0].Text+b.Table.Cells[1].Text, "支出")) {
						t.Errorf("%s: the first table is not the pictured table 1 (收入 | 支出): %q", b.Pos, b.Table.Cells[0].Text+" | "+b.Table.Cells[1].Text)
					}
				}
			}
			if n < 8 {
				t.Errorf("%d tables read, want at least the 8 the report prints", n)
			}
		})
	}
}
