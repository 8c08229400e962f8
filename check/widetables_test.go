package check_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// printedTable lays a grid out as a PDF prints it: rows of cell text ("<"
// spans the cell to the left, "^" the cell above), its row edges at ys on
// page, its columns 60 points wide.
func printedTable(page, tableNo int, ys []float64, rows ...[]string) *schema.Table {
	t := &schema.Table{Rows: len(rows), Cols: len(rows[0])}
	for r, row := range rows {
		for c, text := range row {
			if text == "<" || text == "^" {
				continue
			}
			cs, rs := 1, 1
			for c+cs < len(row) && row[c+cs] == "<" {
				cs++
			}
			for r+rs < len(rows) && rows[r+rs][c] == "^" {
				rs++
			}
			box := &schema.BBox{X0: 28 + 60*float64(c), Y0: ys[r], X1: 28 + 60*float64(c+cs), Y1: ys[r+rs]}
			t.Cells = append(t.Cells, schema.Cell{Row: r, Col: c, RowSpan: rs, ColSpan: cs, Text: text,
				Pos: schema.Pos{File: "w.pdf", Page: page, Table: tableNo, Row: r + 1, Col: c + 1, BBox: box}})
		}
	}
	return t
}

// splitIncome is table 2 as LibreOffice Calc prints a sheet too wide for a
// portrait page at 100%: 本年收入合计, 财政拨款收入 and 上级补助收入 on page 3,
// the other columns on page 4, the same rows without codes or names; other,
// the 合计 row's 其他收入; ys, the continuation's row edges (where it
// prints its head in one row).
func splitIncome(other string, ys []float64) *schema.Document {
	first := printedTable(3, 1, []float64{77, 92.6, 108.3, 123.9, 139.6, 155.2, 185.1, 229, 244.7, 274.5},
		[]string{"项目", "<", "<", "<", "本年收入合计", "财政拨款收入", "上级补助收入"},
		[]string{"功能分类科目编码", "<", "<", "科目名称", "^", "^", "^"},
		[]string{"类", "款", "项", "^", "^", "^", "^"},
		[]string{"栏次", "<", "<", "<", "1", "2", "3"},
		[]string{"合计", "<", "<", "<", "303.36", "287.14", ""},
		[]string{"201", "<", "<", "一般公共服务支出", "254.22", "238.00", ""},
		[]string{"20103", "<", "<", "政府办公厅（室）及相关机构事务", "254.22", "238.00", ""},
		[]string{"2010350", "<", "<", "事业运行", "254.22", "238.00", ""},
		[]string{"208", "<", "<", "社会保障和就业支出", "49.14", "49.14", ""},
	)
	next := printedTable(4, 2, ys,
		[]string{"事业收入", "经营收入", "附属单位上缴收入", "其他收入"},
		[]string{"4", "5", "6", "7"},
		[]string{"", "", "", other},
		[]string{"", "", "", "16.22"},
		[]string{"", "", "", "16.22"},
		[]string{"", "", "", "16.22"},
		[]string{"", "", "", ""},
	)
	para := func(page, line int, text string) schema.Block {
		return schema.Block{Kind: schema.KindParagraph, Text: text, Pos: schema.Pos{File: "w.pdf", Page: page, Line: line}}
	}
	table := func(page int, t *schema.Table) schema.Block {
		return schema.Block{Kind: schema.KindTable, Table: t, Pos: schema.Pos{File: "w.pdf", Page: page, Line: 4, Table: t.Cells[0].Pos.Table}}
	}
	return &schema.Document{
		Source: schema.Source{File: "w.pdf", Format: schema.FormatPDF, Pages: 4},
		Pages: []schema.Page{{Number: 1}, {Number: 2},
			{Number: 3, Blocks: []schema.Block{para(3, 1, "公开02表"), para(3, 2, "收入决算表"), para(3, 3, "2023年度"), table(3, first)}},
			{Number: 4, Blocks: []schema.Block{para(4, 1, "单位：万元"), table(4, next)}}},
	}
}

// labelled gives the table on page 4 of a document of splitIncome labels
// of its own, in its first column: it is another table.
func labelled(doc *schema.Document) *schema.Document {
	next := doc.Pages[3].Blocks[1].Table
	for i, c := range next.Cells {
		if c.Col == 0 && c.Row >= 2 {
			next.Cells[i].Text = []string{"办公费", "印刷费", "水费", "电费", "邮电费"}[c.Row-2]
		}
	}
	return doc
}

// the continuation's row edges in line with table 2's rows, and not
var (
	inLine    = []float64{77, 123.9, 139.6, 155.2, 185.1, 229, 244.7, 274.5}
	notInLine = []float64{77, 123.9, 139.6, 160, 190, 220, 250, 280}
)

// TestColumnsOnNextPage: table 2 printed by columns across two pages (an
// audit: the continuation was read as a table of its own, its 其他收入 as
// blanks, and the sums of the rows raised eight false errors). Joined, its
// figures are facts where they were printed, and a sum it breaks is still
// found; where its rows do not stand in line with the table's it is not
// joined, and the table's sums with a part missing are not checked.
func TestColumnsOnNextPage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		doc    *schema.Document
		joined bool
		errors []string // rules that must report an error, and no other
	}{
		{"joined", splitIncome("16.22", inLine), true, nil},
		{"joined, 其他收入 of 合计 broken", splitIncome("26.22", inLine), true, []string{"sum.by_function", "sum.income_sources"}},
		{"not joined", splitIncome("16.22", notInLine), false, nil},
		{"a table of its own after it", labelled(splitIncome("16.22", notInLine)), false, []string{"sum.income_sources", "sum.row_columns"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := normalize.Report(tc.doc)
			var others []string
			for _, f := range rep.Facts {
				if strings.HasSuffix(f.Concept, ".other") {
					others = append(others, f.Concept+"="+f.Printed+"@"+f.Pos.String())
				}
			}
			want := []string{"income.other=" + map[bool]string{true: "26.22", false: "16.22"}[len(tc.errors) > 0] + "@w.pdf:p4:t2r3c4",
				"income.func.201.other=16.22@w.pdf:p4:t2r4c4", "income.func.20103.other=16.22@w.pdf:p4:t2r5c4",
				"income.func.2010350.other=16.22@w.pdf:p4:t2r6c4"}
			if !tc.joined {
				want = nil
			}
			if !slices.Equal(others, want) {
				t.Errorf("其他收入 facts\n got %v\nwant %v", others, want)
			}
			var errs []string
			for _, f := range check.Run(rep, check.Options{}) {
				if f.Severity == schema.SeverityError {
					errs = append(errs, f.Rule)
					t.Logf("%s: %s", f.Rule, f.Message)
					if tc.joined && !slices.ContainsFunc(f.Evidence, func(e schema.Evidence) bool { return e.Pos.Page == 4 }) {
						t.Errorf("%s rests on no figure of page 4", f.Rule)
					}
				}
			}
			slices.Sort(errs)
			errs = slices.Compact(errs)
			if !slices.Equal(errs, tc.errors) {
				t.Errorf("errors %v, want %v", errs, tc.errors)
			}
		})
	}
}
