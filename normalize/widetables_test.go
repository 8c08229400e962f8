package normalize

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// printed lays a grid out as a PDF prints it, for the tables cut by
// columns: rows of cell text as grid reads them ("<" a column span, "^" a
// row span), its row edges at ys (one more than the rows) on page, its
// columns 60 points wide from the left margin.
func printed(page, tableNo int, ys []float64, rows ...[]string) *schema.Table {
	t := grid("w.pdf", tableNo, rows...)
	for i := range t.Cells {
		c := &t.Cells[i]
		rs, cs := c.Span()
		c.Pos.Page = page
		c.Pos.BBox = &schema.BBox{X0: 28 + 60*float64(c.Col), Y0: ys[c.Row], X1: 28 + 60*float64(c.Col+cs), Y1: ys[c.Row+rs]}
	}
	return t
}

// pagedDoc builds a PDF's document from pages of blocks: strings are
// paragraphs, tables tables.
func pagedDoc(pages ...[]any) *schema.Document {
	doc := &schema.Document{Source: schema.Source{File: "w.pdf", Format: schema.FormatPDF, Pages: len(pages)}}
	for i, blocks := range pages {
		page := schema.Page{Number: i + 1, Width: 595, Height: 842}
		for l, b := range blocks {
			pos := schema.Pos{File: "w.pdf", Page: i + 1, Line: l + 1}
			switch v := b.(type) {
			case string:
				page.Blocks = append(page.Blocks, schema.Block{Kind: schema.KindParagraph, Text: v, Pos: pos})
			case *schema.Table:
				pos.Table = v.Cells[0].Pos.Table
				page.Blocks = append(page.Blocks, schema.Block{Kind: schema.KindTable, Table: v, Pos: pos})
			}
		}
		doc.Pages = append(doc.Pages, page)
	}
	return doc
}

// The row edges of the tables below, as Calc prints them: the heads' rows,
// the 栏次 row, then body rows of one, two and three lines.
var (
	wideYs = []float64{77, 92.6, 108.3, 123.9, 139.6, 155.2, 185.1, 229, 244.7}
	// the same rows where the continuation's head is one cell high
	wideNextYs = []float64{77, 123.9, 139.6, 155.2, 185.1, 229, 244.7}
)

// wideIncome is table 2 as a page of Calc in portrait prints its first
// columns.
func wideIncome(page int) *schema.Table {
	return printed(page, 1, wideYs,
		[]string{"项目", "<", "<", "<", "本年收入合计", "财政拨款收入", "上级补助收入"},
		[]string{"功能分类科目编码", "<", "<", "科目名称", "^", "^", "^"},
		[]string{"类", "款", "项", "^", "^", "^", "^"},
		[]string{"栏次", "<", "<", "<", "1", "2", "3"},
		[]string{"合计", "<", "<", "<", "303.36", "287.14", ""},
		[]string{"201", "<", "<", "一般公共服务支出", "254.22", "238.00", ""},
		[]string{"20103", "<", "<", "政府办公厅（室）及相关机构事务", "254.22", "238.00", ""},
		[]string{"2010350", "<", "<", "事业运行", "254.22", "238.00", ""},
	)
}

// TestColumnsGoOn: the columns of a wide table printed on the next page,
// the same rows at the same heights, are joined to its right, each cell
// where it was printed; a table of its own there, or one whose rows do not
// stand where the table's do, is not.
func TestColumnsGoOn(t *testing.T) {
	rest := func(ys []float64, rows ...[]string) *schema.Table { return printed(4, 2, ys, rows...) }
	cont := rest(wideNextYs,
		[]string{"事业收入", "经营收入", "附属单位上缴收入", "其他收入"},
		[]string{"4", "5", "6", "7"},
		[]string{"", "", "", "16.22"},
		[]string{"", "", "", "16.22"},
		[]string{"", "", "", "16.22"},
		[]string{"", "", "", "16.22"},
	)
	joined := map[string]string{
		"income.total": "3033600", "income.fiscal": "2871400", "income.other": "162200",
		"income.func.201": "2542200", "income.func.201.fiscal": "2380000", "income.func.201.other": "162200",
		"income.func.20103": "2542200", "income.func.20103.fiscal": "2380000", "income.func.20103.other": "162200",
		"income.func.2010350": "2542200", "income.func.2010350.fiscal": "2380000", "income.func.2010350.other": "162200",
	}
	alone := map[string]string{}
	for c, v := range joined {
		if !strings.HasSuffix(c, ".other") {
			alone[c] = v
		}
	}
	for _, tc := range []struct {
		name string
		next *schema.Table
		want map[string]string // table 2's facts; other tables stay apart unless joined
		at   string            // where income.other was printed, when joined
	}{
		{"the remaining columns", cont, joined, "w.pdf:p4:t2r3c4"},
		{"code and name columns printed again (print titles)", rest(wideYs,
			[]string{"项目", "<", "<", "<", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"},
			[]string{"功能分类科目编码", "<", "<", "科目名称", "^", "^", "^", "^"},
			[]string{"类", "款", "项", "^", "^", "^", "^", "^"},
			[]string{"栏次", "<", "<", "<", "4", "5", "6", "7"},
			[]string{"合计", "<", "<", "<", "", "", "", "16.22"},
			[]string{"201", "<", "<", "一般公共服务支出", "", "", "", "16.22"},
			[]string{"20103", "<", "<", "政府办公厅（室）及相关机构事务", "", "", "", "16.22"},
			[]string{"2010350", "<", "<", "事业运行", "", "", "", "16.22"},
		), joined, "w.pdf:p4:t2r5c8"},
		{"a table of its own, with labels", rest(wideNextYs,
			[]string{"项目", "金额", "<", "<"},
			[]string{"栏次", "1", "<", "<"},
			[]string{"办公费", "", "", "16.22"},
			[]string{"印刷费", "", "", "16.22"},
			[]string{"水费", "", "", "16.22"},
			[]string{"电费", "", "", "16.22"},
		), alone, ""},
		{"rows at other heights", rest([]float64{77, 123.9, 139.6, 160, 190, 220, 250},
			[]string{"事业收入", "经营收入", "附属单位上缴收入", "其他收入"},
			[]string{"4", "5", "6", "7"},
			[]string{"", "", "", "16.22"},
			[]string{"", "", "", "16.22"},
			[]string{"", "", "", "16.22"},
			[]string{"", "", "", "16.22"},
		), alone, ""},
		{"a row fewer", rest(wideNextYs[:6],
			[]string{"事业收入", "经营收入", "附属单位上缴收入", "其他收入"},
			[]string{"4", "5", "6", "7"},
			[]string{"", "", "", "16.22"},
			[]string{"", "", "", "16.22"},
			[]string{"", "", "", "16.22"},
		), alone, ""},
		{"on a page after the next", printed(5, 2, wideNextYs,
			[]string{"事业收入", "经营收入", "附属单位上缴收入", "其他收入"},
			[]string{"4", "5", "6", "7"},
			[]string{"", "", "", "16.22"},
			[]string{"", "", "", "16.22"},
			[]string{"", "", "", "16.22"},
			[]string{"", "", "", "16.22"},
		), alone, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages := [][]any{{}, {}, {"公开02表", "收入决算表", "单位：万元", wideIncome(3)}, {"单位：万元", tc.next}}
			if tc.next.Cells[0].Pos.Page == 5 {
				pages = append(pages, []any{tc.next})
				pages[3] = []any{"单位：万元"}
			}
			rep := Report(pagedDoc(pages...))
			expect(t, factMap(rep, "t02"), tc.want)
			if n := len(rep.Tables); tc.want["income.other"] != "" && n != 1 || tc.want["income.other"] == "" && n != 2 {
				t.Errorf("%d tables: %+v", n, rep.Tables)
			}
			for _, f := range rep.Facts {
				if strings.HasSuffix(f.Concept, ".other") && (f.Pos.Page != 4 || f.Pos.Table != 2 || f.Printed != "16.22") {
					t.Errorf("%s printed %q at %s, want 16.22 on page 4, table 2", f.Concept, f.Printed, f.Pos)
				}
				if f.Concept == "income.other" && f.Pos.String() != tc.at {
					t.Errorf("income.other at %s", f.Pos)
				}
			}
		})
	}
}

// TestColumnsGoOnSplitGroup: table 6 prints its groups of code, name and
// amount side by side; the page cut the last between its codes and their
// names. The names going on at the next page's left name the codes the
// table's last column prints: the columns are joined, and 公用经费合计,
// cut too, spans to its figure.
func TestColumnsGoOnSplitGroup(t *testing.T) {
	ys := []float64{77, 92.6, 108.3, 138.1, 167.9, 197.8, 227.7}
	first := printed(3, 1, ys,
		[]string{"人员经费", "<", "<", "公用经费", "<", "<", "<"},
		[]string{"科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码"},
		[]string{"301", "工资福利支出", "246.85", "302", "商品和服务支出", "39.91", "310"},
		[]string{"30101", "基本工资", "246.85", "30201", "办公费", "39.91", "31002"},
		[]string{"", "", "", "", "", "", "31099"},
		[]string{"人员经费合计", "<", "246.85", "公用经费合计", "<", "<", "<"},
	)
	names := func(name1, name2 string) *schema.Table {
		return printed(4, 2, ys,
			[]string{"", "<"},
			[]string{"科目名称", "决算数"},
			[]string{"资本性支出", ""},
			[]string{name1, ""},
			[]string{name2, ""},
			[]string{"", "39.91"},
		)
	}
	for _, tc := range []struct {
		name   string
		next   *schema.Table
		joined bool
	}{
		{"the codes' names", names("办公设备购置", "其他资本性支出"), true},
		{"names of other codes", names("办公费", "其他资本性支出"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := Report(pagedDoc([]any{}, []any{}, []any{"公开06表", "一般公共预算财政拨款基本支出决算明细表", "单位：万元", first}, []any{"单位：万元", tc.next}))
			got := factMap(rep, "t06")
			if public, ok := got["gpb.basic.public"]; ok != tc.joined || ok && public != "399100" {
				t.Errorf("公用经费合计 %q (read: %v), want 399100 read %v", public, ok, tc.joined)
			}
			if tc.joined && (len(rep.Tables) != 1 || rep.Tables[0].Grid.Cols != 9) {
				t.Fatalf("tables %+v", rep.Tables)
			}
			if !tc.joined {
				return
			}
			for _, c := range rep.Tables[0].Grid.Cells {
				if c.Text == "公用经费合计" && c.ColSpan != 5 || c.Text == "公用经费" && c.ColSpan != 6 {
					t.Errorf("%q spans %d columns", c.Text, c.ColSpan)
				}
			}
		})
	}
}
