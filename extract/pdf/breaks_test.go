package pdf_test

import (
	"fmt"
	"strings"
	"testing"
)

// Where ruled tables break: a cell's lines, wrapped by the rules of
// Chinese typesetting, and rows broken across pages, as LibreOffice prints
// an HTML report's tables (a row may break, and the heads are not
// repeated).

// gridCell is a cell of a ruled table drawn by ruledTable: its top-left
// slot, its spans (0 for 1), and its lines of text.
type gridCell struct {
	row, col, rows, cols int
	lines                []string
}

// ruledTable draws a table as LibreOffice draws one: each cell's borders,
// its lines of text at 10 pt from 4 pt inside its top-left corner, 15 pt
// apart. xs are the grid's lines across, ys down (tops, from the page's
// top).
func ruledTable(p *textPage, xs, ys []float64, cells ...gridCell) {
	line := func(x0, y0, x1, y1 float64) {
		fmt.Fprintf(&p.b, "0.5 w %.2f %.2f m %.2f %.2f l S\n", x0, 842-y0, x1, 842-y1)
	}
	for _, c := range cells {
		rows, cols := max(c.rows, 1), max(c.cols, 1)
		x0, x1 := xs[c.col], xs[c.col+cols]
		y0, y1 := ys[c.row], ys[c.row+rows]
		line(x0, y0, x1, y0)
		line(x0, y1, x1, y1)
		line(x0, y0, x0, y1)
		line(x1, y0, x1, y1)
		for i, s := range c.lines {
			p.put(x0+4, y0+13+15*float64(i), 10, s)
		}
	}
}

// cells makes a row of one-slot cells from column col on, one line each.
func cells(row, col int, texts ...string) []gridCell {
	var out []gridCell
	for k, s := range texts {
		var lines []string
		if s != "" {
			lines = strings.Split(s, "/")
		}
		out = append(out, gridCell{row: row, col: col + k, lines: lines})
	}
	return out
}

func TestCellLinesWrapped(t *testing.T) {
	// A cell's line ends where the next line's first word would not have
	// fitted, "（" kept from the end of a line and "）" from the start of
	// one: lines wrapped, joined as one; a line ended short stays a
	// paragraph of its own.
	p := &textPage{}
	xs := []float64{60, 130, 210}
	var cs []gridCell
	cs = append(cs, cells(0, 0, "支出完成率（6/分）", "100.00%")...)
	cs = append(cs, cells(1, 0, "因公出国/（境）费用", "0.00")...)
	cs = append(cs, cells(2, 0, "进小区、讲政/策、明道理", "4")...)
	cs = append(cs, cells(3, 0, "资金管理/合规性", "5")...)
	ruledTable(p, xs, []float64{100, 135, 170, 205, 240}, cs...)
	oneTable(t, readPages(t, p),
		"支出完成率（6分）|100.00%\n"+
			"因公出国（境）费用|0.00\n"+
			"进小区、讲政策、明道理|4\n"+
			"资金管理⏎合规性|5")
}

func TestTableRowBrokenAcrossPages(t *testing.T) {
	// Table 2's first page: its last row's label, nine characters as wide
	// as the cell allows, goes on over the page break, where the rest of
	// the row holds nothing. Its header subdivides the code column (类 |
	// 款 | 项), which the next page's grid lacks, when sub is set; then
	// the code column is 60–150 on both pages.
	xs1 := []float64{60, 90, 120, 150, 254, 334, 414}
	xs2 := []float64{60, 150, 254, 334, 414}
	first := func(label string, sub bool) *textPage {
		p := &textPage{}
		p.put(60, 100, 12, "收入决算表")
		ys := []float64{120, 150, 170, 190, 210}
		var cs []gridCell
		cs = append(cs, gridCell{row: 0, col: 0, cols: 3, lines: []string{"科目编码"}},
			gridCell{row: 0, col: 3, rows: 2, lines: []string{"科目名称"}},
			gridCell{row: 0, col: 4, rows: 2, lines: []string{"本年收入合计"}},
			gridCell{row: 0, col: 5, rows: 2, lines: []string{"财政拨款收入"}})
		if sub {
			cs = append(cs, cells(1, 0, "类", "款", "项")...)
		} else {
			cs = append(cs, gridCell{row: 1, col: 0, cols: 3, lines: []string{"类款项"}})
		}
		cs = append(cs, gridCell{row: 2, col: 0, cols: 3, lines: []string{"208"}})
		cs = append(cs, cells(2, 3, "社会保障和就业支出", "29.13", "29.13")...)
		cs = append(cs, gridCell{row: 3, col: 0, cols: 3, lines: []string{"2080505"}})
		cs = append(cs, cells(3, 3, label, "22.03", "22.03")...)
		ruledTable(p, xs1, ys, cs...)
		return p
	}
	second := func(rest string) *textPage {
		p := &textPage{}
		ys := []float64{60, 80, 115, 135}
		var cs []gridCell
		cs = append(cs, cells(0, 0, "", rest, "", "")...)
		cs = append(cs, cells(1, 0, "2080506", "机关事业单位职业年/金缴费支出", "7.10", "7.10")...)
		cs = append(cs, cells(2, 0, "210", "卫生健康支出", "9.72", "9.72")...)
		ruledTable(p, xs2, ys, cs...)
		p.put(60, 160, 10, "注：本表反映单位本年度取得的各项收入情况。")
		return p
	}
	for _, sub := range []bool{false, true} {
		head := "科目编码|科目名称|本年收入合计|财政拨款收入\n类款项\n"
		if sub {
			head = "科目编码|科目名称|本年收入合计|财政拨款收入\n类|款|项\n"
		}
		t.Run(fmt.Sprintf("label wrapped, code column subdivided=%v", sub), func(t *testing.T) {
			oneTable(t, readPages(t, first("机关事业单位基本养", sub), second("老保险缴费支出")),
				head+
					"208|社会保障和就业支出|29.13|29.13\n"+
					"2080505|机关事业单位基本养老保险缴费支出|22.03|22.03\n"+
					"2080506|机关事业单位职业年金缴费支出|7.10|7.10\n"+
					"210|卫生健康支出|9.72|9.72")
		})
		t.Run(fmt.Sprintf("label ended short, code column subdivided=%v", sub), func(t *testing.T) {
			// The label above ends short of the cell's edge: the row
			// below, of a label alone, is a row of its own.
			oneTable(t, readPages(t, first("事业运行", sub), second("其中：养老")),
				head+
					"208|社会保障和就业支出|29.13|29.13\n"+
					"2080505|事业运行|22.03|22.03\n"+
					"|其中：养老||\n"+
					"2080506|机关事业单位职业年金缴费支出|7.10|7.10\n"+
					"210|卫生健康支出|9.72|9.72")
		})
		for _, rest := range []string{"其中：离退休", "二、项目支出", "（一）基本支出"} {
			t.Run(fmt.Sprintf("label filled the cell, %s below, code column subdivided=%v", rest, sub), func(t *testing.T) {
				// The label above fills its cell, but the row below
				// begins as a row's label does, not as the rest of a
				// label: "其中：", a heading's numbering. It is a row of
				// its own.
				oneTable(t, readPages(t, first("机关事业单位基本养", sub), second(rest)),
					head+
						"208|社会保障和就业支出|29.13|29.13\n"+
						"2080505|机关事业单位基本养|22.03|22.03\n"+
						"|"+rest+"||\n"+
						"2080506|机关事业单位职业年金缴费支出|7.10|7.10\n"+
						"210|卫生健康支出|9.72|9.72")
			})
		}
	}
	t.Run("another table's columns", func(t *testing.T) {
		// The first page's last row has its codes in the columns 类, 款
		// and 项, which the next page's grid lacks, and its lines lie a
		// point or two from the first page's: the tables are two.
		p := &textPage{}
		var cs []gridCell
		cs = append(cs, cells(0, 0, "类", "款", "项", "科目名称", "合计", "财政拨款")...)
		cs = append(cs, cells(1, 0, "208", "05", "05", "机关事业单位基本养", "22.03", "22.03")...)
		ruledTable(p, xs1, []float64{120, 140, 160}, cs...)
		p2 := &textPage{}
		ruledTable(p2, []float64{60, 148.5, 255, 333, 414}, []float64{60, 80, 100},
			append(cells(0, 0, "", "老保险缴费支出", "", ""), cells(1, 0, "210", "卫生健康支出", "9.72", "9.72")...)...)
		if n := len(tables(readPages(t, p, p2))); n != 2 {
			t.Errorf("%d tables, want 2", n)
		}
	})
	t.Run("a row spanning columns", func(t *testing.T) {
		// The next page's rows span the columns 年初目标值 and 实际完成值
		// (a constraint's text) and all but the last (总分): its grid
		// lacks the line between them, and each of its lines lies where
		// the first page's does.
		xs := []float64{60, 120, 200, 300, 380, 460, 500}
		p1, p2 := &textPage{}, &textPage{}
		var cs []gridCell
		cs = append(cs, cells(0, 0, "一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分")...)
		cs = append(cs, cells(1, 0, "效益指标", "水利工作", "应急预案", "构建和谐社会", "增强能力", "4")...)
		ruledTable(p1, xs, []float64{120, 140, 160}, cs...)
		cs = cells(0, 0, "约束性指标", "资金管理", "合规性")
		cs = append(cs, cells(0, 3, "不设权重", "无")...)
		cs = append(cs, gridCell{row: 1, col: 0, cols: 4, lines: []string{"总分"}}, gridCell{row: 1, col: 4, lines: []string{"94"}})
		ruledTable(p2, []float64{60, 120, 200, 300, 460, 500}, []float64{60, 80, 100}, cs...)
		p2.put(60, 130, 10, "（二）项目绩效自评结果")
		oneTable(t, readPages(t, p1, p2),
			"一级指标|二级指标|三级指标|年初目标值|实际完成值|得分\n"+
				"效益指标|水利工作|应急预案|构建和谐社会|增强能力|4\n"+
				"约束性指标|资金管理|合规性|不设权重|无\n"+
				"总分|94")
	})
	t.Run("beside merged cells", func(t *testing.T) {
		// A self-evaluation form: the row the break cuts lies beside
		// merged cells (效益指标 and its goal, over two rows), which go
		// on over the break, empty or with the rest of their text, and
		// span a row more there.
		xs := []float64{60, 120, 200, 300, 380}
		p1, p2 := &textPage{}, &textPage{}
		var cs []gridCell
		cs = append(cs, cells(0, 0, "一级指标", "二级指标", "三级指标", "得分")...)
		cs = append(cs, gridCell{row: 1, col: 0, rows: 2, lines: []string{"效益指标"}},
			gridCell{row: 1, col: 1, rows: 2, lines: []string{"充分调动社区工", "作者积极性主动", "构建和谐社会进"}})
		cs = append(cs, cells(1, 2, "预决算信息公开", "5")...)
		cs = append(cs, cells(2, 2, "基础信息完善（5", "5")...)
		ruledTable(p1, xs, []float64{120, 140, 170, 200}, cs...)
		cs = []gridCell{{row: 0, col: 0, rows: 2}, {row: 0, col: 1, rows: 2, lines: []string{"一步增强能力"}}}
		cs = append(cs, cells(0, 2, "分）", "")...)
		cs = append(cs, cells(1, 2, "资产管理安全", "4")...)
		cs = append(cs, cells(2, 0, "产出指标", "就业促进工作", "就业培训", "4")...)
		ruledTable(p2, xs, []float64{60, 80, 100, 120}, cs...)
		p2.put(60, 150, 10, "注：本表反映单位整体绩效自评情况。")
		oneTable(t, readPages(t, p1, p2),
			"一级指标|二级指标|三级指标|得分\n"+
				"效益指标|充分调动社区工作者积极性主动构建和谐社会进一步增强能力|预决算信息公开|5\n"+
				"基础信息完善（5分）|5\n"+
				"资产管理安全|4\n"+
				"产出指标|就业促进工作|就业培训|4")
	})
}

func TestNextTableOnNextPage(t *testing.T) {
	// A table of four equal columns ends a page; the next begins with
	// another of two, whose one line between columns lies on the first's
	// middle one (both are as wide as the text, their columns as wide as
	// each other): its amounts stand across two of the first's columns of
	// amounts, which no row the first's grid drew does. The tables are
	// two, whether the second's title is a row of its own grid or it has
	// none.
	xs := []float64{60, 190, 320, 450, 580}
	for _, title := range []bool{false, true} {
		t.Run(fmt.Sprintf("title in the grid=%v", title), func(t *testing.T) {
			p1, p2 := &textPage{}, &textPage{}
			p1.put(60, 100, 12, "支出情况表")
			cs := cells(0, 0, "项目", "行次", "决算数", "预算数")
			cs = append(cs, cells(1, 0, "支出项目一", "1", "10.00", "5.00")...)
			cs = append(cs, cells(2, 0, "支出项目二", "2", "20.00", "10.00")...)
			ruledTable(p1, xs, []float64{120, 140, 160, 180}, cs...)
			var ys []float64
			cs = nil
			if title {
				cs = append(cs, gridCell{row: 0, col: 0, cols: 2, lines: []string{"财政拨款“三公”经费支出决算表"}})
				ys = append(ys, 40)
			}
			n := len(ys)
			cs = append(cs, cells(n, 0, "项目", "决算数")...)
			cs = append(cs, cells(n+1, 0, "因公出国（境）费", "1.20")...)
			cs = append(cs, cells(n+2, 0, "合计", "1.70")...)
			ys = append(ys, 60, 80, 100, 120)
			ruledTable(p2, []float64{60, 320, 580}, ys, cs...)
			p2.put(60, 150, 10, "注：本表反映三公经费。")
			tbs := tables(readPages(t, p1, p2))
			if len(tbs) != 2 {
				for _, tb := range tbs {
					t.Logf("table:\n%s", cellGrid(tb))
				}
				t.Fatalf("%d tables, want 2", len(tbs))
			}
			if got := cellGrid(tbs[1]); !strings.HasSuffix(got, "项目|决算数\n因公出国（境）费|1.20\n合计|1.70") {
				t.Errorf("second table:\n%s", got)
			}
		})
	}
}
