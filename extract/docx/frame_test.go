package docx_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/docx"
	"github.com/juesuan/juesuan/schema"
)

// tbl is a w:tbl of the given rows, each a list of w:tc contents.
func tbl(rows ...[]string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>`)
	for _, row := range rows {
		b.WriteString(`<w:tr>`)
		for _, c := range row {
			b.WriteString(tc(``, c))
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}

// row is one table row of cells.
func row(cells ...string) []string { return cells }

// describe prints a block as the tests below expect it: kind, line, table
// and, for a table, its shape, its cells' text ("[R×C]" for a nested table)
// and its last cell's position.
func describe(b schema.Block) string {
	at := fmt.Sprintf("l%d", b.Pos.Line)
	if b.Pos.Table > 0 || b.Pos.Row > 0 {
		at += fmt.Sprintf("t%dr%dc%d", b.Pos.Table, b.Pos.Row, b.Pos.Col)
	}
	if b.Kind != schema.KindTable {
		return fmt.Sprintf("%s %s %s", b.Kind, at, b.Text)
	}
	var cells []string
	for _, c := range b.Table.Cells {
		s := c.Text
		for _, n := range c.Nested {
			s += fmt.Sprintf("[%d×%d t%d]", n.Rows, n.Cols, n.Cells[0].Pos.Table)
		}
		cells = append(cells, s)
	}
	last := b.Table.Cells[len(b.Table.Cells)-1].Pos
	return fmt.Sprintf("table %s %d×%d %s @l%dt%dr%dc%d", at, b.Table.Rows, b.Table.Cols, strings.Join(cells, "|"), last.Line, last.Table, last.Row, last.Col)
}

// TestFrames checks that a table drawn only around other tables (a frame)
// gives its content in its place: the tables inside as tables numbered as
// though there were no frame, the paragraphs beside them as paragraphs; and
// that a table with a sub-table in a cell beside text stays one table.
func TestFrames(t *testing.T) {
	income := tbl(row(cp("项目"), cp("金额")), row(cp("收入"), cp("1.00")))
	for _, tc := range []struct {
		name     string
		body     string
		want     []string
		warnings []string // positions of the warnings
	}{{
		name: "one cell",
		body: p(``, r("前言")) + // l1
			tbl(row(p(``, r("表一 收入表"))+income+p(``, r("注：单位万元"))+`<w:p/>`)) + // l2
			p(``, r("后文")) + // l3
			tbl(row(cp("甲"), cp("1"))), // l4
		want: []string{
			"paragraph l1 前言",
			"paragraph l2 表一 收入表",
			"table l2t1r0c0 2×2 项目|金额|收入|1.00 @l2t1r2c2",
			"paragraph l2 注：单位万元",
			"paragraph l3 后文",
			"table l4t2r0c0 1×2 甲|1 @l4t2r1c2",
		},
	}, {
		name: "frame in a frame",
		body: tbl(row(tbl(row(income)))) + tbl(row(cp("甲"), cp("1"))),
		want: []string{
			"table l1t1r0c0 2×2 项目|金额|收入|1.00 @l1t1r2c2",
			"table l2t2r0c0 1×2 甲|1 @l2t2r1c2",
		},
	}, {
		name: "one column, a spacer row between tables",
		body: tbl(row(income), row(`<w:p/>`), row(tbl(row(cp("甲"), cp("2"))))),
		want: []string{
			"table l1t1r0c0 2×2 项目|金额|收入|1.00 @l1t1r2c2",
			"table l1t2r0c0 1×2 甲|2 @l1t2r1c2",
		},
	}, {
		name: "one row, tables side by side",
		body: tbl(row(income, tbl(row(cp("甲"), cp("2"))))),
		want: []string{
			"table l1t1r0c0 2×2 项目|金额|收入|1.00 @l1t1r2c2",
			"table l1t2r0c0 1×2 甲|2 @l1t2r1c2",
		},
	}, {
		name: "a table centred between empty cells",
		body: tbl(row(`<w:p/>`, income, p(``, r(" ")))),
		want: []string{
			"table l1t1r0c0 2×2 项目|金额|收入|1.00 @l1t1r2c2",
		},
	}, {
		name: "warnings inside move with the tables",
		body: tbl(row(tbl(row(p(`<w:pStyle w:val="x"/>`, r("甲")))))),
		want: []string{
			"table l1t1r0c0 1×1 甲 @l1t1r1c1",
		},
		warnings: []string{"f.docx:t1r1c1"},
	}, {
		name: "a sub-table beside text is not a frame",
		body: tbl(row(cp("明细"), income)),
		want: []string{
			"table l1t1r0c0 1×2 明细|[2×2 t2] @l1t1r1c2",
		},
	}, {
		name: "a grid of tables is not a frame",
		body: tbl(row(income, `<w:p/>`), row(`<w:p/>`, `<w:p/>`)),
		want: []string{
			"table l1t1r0c0 2×2 [2×2 t2]||| @l1t1r2c2",
		},
	}, {
		name: "a frame in a cell of a table",
		body: tbl(row(cp("明细"), tbl(row(income)))),
		want: []string{
			"table l1t1r0c0 1×2 明细|[2×2 t2] @l1t1r1c2",
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			data := docOf(t, tc.body)
			doc, err := docx.Read(bytes.NewReader(data), int64(len(data)), "f.docx")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range doc.Pages[0].Blocks {
				got = append(got, describe(b))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			var warned []string
			for _, w := range doc.Warnings {
				warned = append(warned, w.Pos.String())
			}
			if !slices.Equal(warned, tc.warnings) {
				t.Errorf("warnings at %v, want %v (%v)", warned, tc.warnings, doc.Warnings)
			}
		})
	}
}
