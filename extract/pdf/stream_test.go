package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/pdf"
	"github.com/juesuan/juesuan/schema"
)

// textPage lays out lines of text on an A4 page in font F1 (a CID font
// whose ASCII glyphs are half an em wide, its CJK glyphs one em): each
// piece at its left edge x, or right-aligned at -x, on a baseline top
// points below the top of the page.
type textPage struct {
	b strings.Builder
}

func (p *textPage) put(x, top, size float64, s string) {
	if x < 0 {
		w := 0.0
		for _, r := range s {
			if r < 0x80 {
				w += 0.5
			} else {
				w++
			}
		}
		x = -x - w*size
	}
	fmt.Fprintf(&p.b, "BT /F1 %.1f Tf 1 0 0 1 %.2f %.2f Tm %s Tj ET\n", size, x, 842-top, ucs2(s))
}

func (p *textPage) read(t *testing.T) *schema.Document {
	t.Helper()
	b := &builder{}
	f1 := b.cidFont("SimSun")
	data := b.document([]page{{content: p.b.String(), resources: fmt.Sprintf("/Font << /F1 %d 0 R >>", f1)}})
	doc, err := pdf.Read(context.Background(), bytes.NewReader(data), int64(len(data)), "stream.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// unruledTable is table 5 as a finance package prints it without rulings:
// heads centred in merged cells stand on staggered lines, a head stands
// over a column with no figures, and the figures of the 公用经费 column sit
// four points below the rest of their row.
func unruledTable() *textPage {
	p := &textPage{}
	const size = 9
	p.put(200, 100, 15, "一般公共预算财政拨款支出决算表")
	p.put(-585, 125, 10, "单位：万元")
	// The header: four staggered lines of heads, centred over columns of
	// right-aligned figures; "1" stands left of its column's figures.
	p.put(140, 150, size, "项目")
	p.put(430, 150, size, "本年支出")
	p.put(40, 162, size, "功能分类科目编码")
	p.put(430, 162, size, "基本支出")
	p.put(140, 168, size, "科目名称")
	p.put(290, 168, size, "合计")
	p.put(550, 168, size, "项目支出")
	p.put(355, 174, size, "小计")
	p.put(430, 174, size, "人员经费")
	p.put(500, 174, size, "公用经费")
	p.put(140, 187, size, "栏次")
	for k, x := range []float64{286, 372, 452, 522, 566} {
		p.put(x, 187, size, fmt.Sprint(k+1))
	}
	rows := [][]string{
		{"", "合计", "287.14", "287.14", "247.23", "39.91"},
		{"201", "一般公共服务支出", "238.00", "238.00", "198.09", "39.91"},
		{"20103", "政府办公厅（室）及相关机构事务", "238.00", "238.00", "198.09", "39.91"},
		{"208", "社会保障和就业支出", "29.13", "29.13", "29.13", ""},
		{"20805", "行政事业单位养老支出", "29.13", "29.13", "29.13", ""},
	}
	for i, r := range rows {
		top := 200 + 12.5*float64(i)
		p.put(50, top, size, r[0])
		p.put(100, top, size, r[1])
		p.put(-320, top, size, r[2])
		p.put(-390, top, size, r[3])
		p.put(-470, top, size, r[4])
		if r[5] != "" {
			p.put(-540, top+4, size, r[5]) // set lower than its row
		}
	}
	p.put(40, 280, size, "注：本表反映单位本年度一般公共预算财政拨款实际支出情况。")
	return p
}

func TestStreamTable(t *testing.T) {
	doc := unruledTable().read(t)
	tb := tableAt(t, doc.Pages[0].Blocks, 1)
	want := [][]string{
		{"", "项目", "", "", "本年支出", "", ""},
		{"功能分类科目编码", "科目名称", "合计", "小计", "基本支出\n人员经费", "公用经费", "项目支出"},
		{"", "栏次", "1", "2", "3", "4", "5"},
		{"", "合计", "287.14", "287.14", "247.23", "39.91", ""},
		{"201", "一般公共服务支出", "238.00", "238.00", "198.09", "39.91", ""},
		{"20103", "政府办公厅（室）及相关机构事务", "238.00", "238.00", "198.09", "39.91", ""},
		{"208", "社会保障和就业支出", "29.13", "29.13", "29.13", "", ""},
		{"20805", "行政事业单位养老支出", "29.13", "29.13", "29.13", "", ""},
	}
	if tb.Rows != len(want) || tb.Cols != len(want[0]) {
		t.Fatalf("table is %d×%d, want %d×%d:\n%s", tb.Rows, tb.Cols, len(want), len(want[0]), gridString(tb))
	}
	for r, row := range want {
		for k, s := range row {
			if c := tb.At(r, k); c == nil || c.Text != s {
				t.Errorf("(%d,%d) = %q, want %q", r, k, cellText2(c), s)
			}
		}
	}
	// The title, the unit line and the note stay text.
	var text []string
	for _, b := range doc.Pages[0].Blocks {
		if b.Kind != schema.KindTable {
			text = append(text, b.Text)
		}
	}
	if got := strings.Join(text, "|"); got != "一般公共预算财政拨款支出决算表|单位：万元|注：本表反映单位本年度一般公共预算财政拨款实际支出情况。" {
		t.Errorf("text outside the table: %s", got)
	}
}

// TestStreamNotTable: text set with wide gaps that is no table stays text.
func TestStreamNotTable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines [][]any // x, text pairs per line
	}{
		{"running text", [][]any{
			{60, "2024年度收、支总计均为303.37万元。与2023年度相比，收、支总计各增加71.78万元，"},
			{60, "增长30.99%，主要原因是业务量增加。其中：本年收入合计303.36万元，使用非财政拨"},
			{60, "款结余0万元，年初结转和结余0.01万元。"},
			{60, "（一）财政拨款收入287.14万元，占本年收入的94.65%。"},
			{60, "（二）其他收入16.23万元，占本年收入的5.35%。"},
		}},
		{"table of contents", [][]any{
			{60, "第一部分", 130, "部门概况", -530, "3"},
			{80, "一、部门职责", -530, "4"},
			{80, "二、机构设置", -530, "5"},
			{60, "第二部分", 130, "2024年度部门决算表", -530, "7"},
			{80, "一、收入支出决算总表", -530, "8"},
			{80, "二、收入决算表", -530, "9"},
		}},
		{"table of contents with leaders", [][]any{
			{60, "第五部分 附件", 250, "........................", -530, "98"},
			{80, "一、专项资金绩效自评", 250, "........................", -530, "101"},
			{80, "二、项目支出绩效自评", 250, "........................", -530, "117"},
			{80, "三、部门整体支出绩效自评", 250, "........................", -530, "120"},
		}},
		{"two-column list", [][]any{
			{60, "一、部门职责", 300, "二、机构设置"},
			{60, "三、决算单位构成", 300, "四、收入支出决算总体情况"},
			{60, "五、收入决算情况", 300, "六、支出决算情况"},
			{60, "七、财政拨款收入支出决算总体情况", 300, "八、一般公共预算财政拨款支出决算情况"},
		}},
		{"signature block", [][]any{
			{60, "单位负责人", 160, "张三", 300, "财务负责人", 400, "李四"},
			{60, "制表人", 160, "王五", 300, "联系电话", 400, "0722-3331234"},
			{60, "报送日期", 160, "2024年3月15日", 300, "邮政编码", 400, "441300"},
			{60, "单位（盖章）", 160, "曾都区北郊街道", 300, "传真", 400, "0722-3331235"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &textPage{}
			var all []string
			for i, l := range tc.lines {
				for k := 0; k < len(l); k += 2 {
					s := l[k+1].(string)
					p.put(float64(l[k].(int)), 150+15*float64(i), 10.5, s)
					all = append(all, s)
				}
			}
			doc := p.read(t)
			var text strings.Builder
			for _, b := range doc.Pages[0].Blocks {
				if b.Kind == schema.KindTable {
					t.Fatalf("a table:\n%s", gridString(b.Table))
				}
				text.WriteString(b.Text)
			}
			for _, s := range all {
				if !strings.Contains(text.String(), s) {
					t.Errorf("%q is not in the page's text", s)
				}
			}
		})
	}
}

func cellText2(c *schema.Cell) string {
	if c == nil {
		return "<none>"
	}
	return c.Text
}

func gridString(tb *schema.Table) string {
	var b strings.Builder
	for r := 0; r < tb.Rows; r++ {
		for k := 0; k < tb.Cols; k++ {
			fmt.Fprintf(&b, "[%s]", strings.ReplaceAll(cellText2(tb.At(r, k)), "\n", "⏎"))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
