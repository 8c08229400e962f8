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
