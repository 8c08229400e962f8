package normalize

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

func TestKindOfCode(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind schema.TableKind // "" for none
	}{
		{"公开01表", schema.Table01},
		{"公开09表", schema.Table09},
		{"表6", schema.Table06},
		{" 表 4 ", schema.Table04},
		{"附表2", schema.Table02},
		{"表一", schema.Table01},
		{"表０５", schema.Table05}, // full-width digits
		{"表10", ""},
		{"公开10表", ""},
		{"表0", ""},
		{"Sheet1", ""},
		{"表", ""},
		{"收入支出决算总表", ""}, // a title, kindOfTitle's
		{"2022年决算表1", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if k, ok := kindOfCode(tc.name); k != tc.kind || ok != (tc.kind != "") {
				t.Errorf("kindOfCode(%q) = %q, %v, want %q", tc.name, k, ok, tc.kind)
			}
		})
	}
}

// column is a one-column grid of the texts, row by row.
func column(texts ...string) item {
	tb := &schema.Table{Rows: len(texts), Cols: 1}
	for r, s := range texts {
		tb.Cells = append(tb.Cells, schema.Cell{Row: r, Text: s, Pos: schema.Pos{File: "b.xlsx", Table: 2, Row: r + 1, Col: 1}})
	}
	return item{kind: schema.KindTable, table: tb, pos: schema.Pos{File: "b.xlsx", Table: 2}}
}

func TestNarrativeCells(t *testing.T) {
	sentence := "2022年度收入合计231.58万元，与2021年度相比，收入合计增加16.12万元，增长7.48%。"
	for _, tc := range []struct {
		name string
		it   item
		want int // paragraphs, 0 for none
	}{
		{"text under headings", column("第三部分 情况说明", "一、收入决算情况说明", sentence, "二、支出", sentence, sentence), 6},
		{"labels", column("项目", "一般公共服务支出", "社会保障和就业支出", "卫生健康支出", "住房保障支出"), 0},
		{"labels with a note", column("项目", "一般公共服务支出", "社会保障和就业支出", "注：本表反映单位本年度的总收支和年末结转结余情况。"), 0},
		{"two sentences", column(sentence, sentence), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := narrativeCells(tc.it, false)
			if len(got) != tc.want {
				t.Fatalf("%d paragraphs, want %d", len(got), tc.want)
			}
			for i, p := range got {
				if p.kind != schema.KindParagraph || p.pos.Row != i+1 || p.pos.Table != 2 || p.text != tc.it.table.Cells[i].Text {
					t.Errorf("paragraph %d = %s %q at %s", i, p.kind, p.text, p.pos)
				}
			}
		})
	}
	// two columns are a table, however long its texts
	two := column(sentence, sentence, sentence)
	two.table.Cols = 2
	two.table.Cells[1].Col = 1
	if got := narrativeCells(two, false); got != nil {
		t.Errorf("two columns read as %d paragraphs", len(got))
	}
}

func TestSplitStacked(t *testing.T) {
	rows := [][]string{
		{"收入支出决算总表", "<", "<"},
		{"公开01表", "", "单位：万元"},
		{"项目", "行次", "金额"},
		{"本年收入合计", "1", "231.58"},
		{"", "", ""},
		{"公开05表", "", ""}, // the code above the title goes with it
		{"一般公共预算财政拨款支出决算表", "<", "单位：万元"},
		{"项目", "合计", "基本支出"},
		{"合计", "231.58", "231.58"},
	}
	it := item{kind: schema.KindTable, table: grid("b.xlsx", 1, rows...), pos: schema.Pos{File: "b.xlsx", Table: 1}}
	parts := splitStacked(it)
	if len(parts) != 2 {
		t.Fatalf("%d parts, want 2", len(parts))
	}
	for i, want := range []struct {
		rows  int
		first string
		row   int
	}{{4, "收入支出决算总表", 0}, {4, "公开05表", 6}} {
		p := parts[i].table
		if p.Rows != want.rows || p.Cols != 3 || p.At(0, 0) == nil || p.At(0, 0).Text != want.first || parts[i].pos.Row != want.row {
			t.Errorf("part %d: %d×%d from %q at %s, want %d rows from %q", i, p.Rows, p.Cols, p.At(0, 0).Text, parts[i].pos, want.rows, want.first)
		}
	}
	// a title in the first row only, or a title row after nothing but
	// another title's furniture, cuts nothing
	for _, rows := range [][][]string{
		{{"收入支出决算总表", "<"}, {"项目", "金额"}, {"合计", "1.00"}},
		{{"一、收入支出决算总表", "<"}, {"公开01表", "单位：万元"}, {"收入支出决算总表", "<"}, {"项目", "金额"}, {"合计", "1.00"}},
	} {
		it := item{kind: schema.KindTable, table: grid("b.xlsx", 1, rows...)}
		if parts := splitStacked(it); parts != nil {
			var first []string
			for _, p := range parts {
				first = append(first, p.table.At(0, 0).Text)
			}
			t.Errorf("%q cut into %s", rows[0][0], strings.Join(first, ", "))
		}
	}
}
