package normalize

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// grid builds a table from rows of cell text; "<" repeats the cell to the left
// (a column span) and "^" the cell above (a row span).
func grid(file string, tableNo int, rows ...[]string) *schema.Table {
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
			t.Cells = append(t.Cells, schema.Cell{Row: r, Col: c, RowSpan: rs, ColSpan: cs, Text: text,
				Pos: schema.Pos{File: file, Table: tableNo, Row: r + 1, Col: c + 1}})
		}
	}
	return t
}

// docOf builds a document from blocks: strings are paragraphs, tables tables.
func docOf(blocks ...any) *schema.Document {
	doc := &schema.Document{Source: schema.Source{File: "t.docx", Format: schema.FormatDOCX}}
	page := schema.Page{}
	for i, b := range blocks {
		pos := schema.Pos{File: "t.docx", Line: i + 1}
		switch v := b.(type) {
		case string:
			page.Blocks = append(page.Blocks, schema.Block{Kind: schema.KindParagraph, Text: v, Pos: pos})
		case *schema.Table:
			page.Blocks = append(page.Blocks, schema.Block{Kind: schema.KindTable, Table: v, Pos: pos})
		}
	}
	doc.Pages = []schema.Page{page}
	return doc
}

// factMap lists "concept=value" of a report's facts from one table.
func factMap(rep *schema.Report, table string) map[string]string {
	m := map[string]string{}
	for _, f := range rep.Facts {
		if f.Table == table {
			m[f.Concept] = f.Value.String()
		}
	}
	return m
}

func expect(t *testing.T, got map[string]string, want map[string]string) {
	t.Helper()
	expectSome(t, got, want)
	if len(got) != len(want) {
		var extra []string
		for c, v := range got {
			if _, ok := want[c]; !ok {
				extra = append(extra, c+"="+v)
			}
		}
		sort.Strings(extra)
		t.Errorf("%d facts, want %d; extra: %s", len(got), len(want), strings.Join(extra, ", "))
	}
}

func TestSummaryTable(t *testing.T) {
	doc := docOf(
		"第二部分 某中心2023年度单位决算表",
		"一、收入支出决算总表",
		"单位：万元",
		grid("t.docx", 1,
			[]string{"收入", "<", "<", "支出", "<", "<"},
			[]string{"项目", "行次", "金额", "项目", "行次", "金额"},
			[]string{"一、一般公共预算财政拨款收入", "1", "287.14", "一、一般公共服务支出", "32", "254.23"},
			[]string{"二、政府性基金预算财政拨款收入", "2", "", "八、社会保障和就业支出", "39", "29.13"},
			[]string{"八、其他收入", "8", "16.23", "九、卫生健康支出", "40", "9.72"},
			[]string{"", "", "", "十九、住房保障支出", "50", "10.29"},
			[]string{"本年收入合计", "9", "303.36", "本年支出合计", "57", "303.36"},
			[]string{"年初结转和结余", "11", "0.01", "年末结转和结余", "59", "0.01"},
			[]string{"总计", "12", "303.37", "总计", "60", "303.37"},
		),
	)
	rep := Report(doc)
	if len(rep.Tables) != 1 || rep.Tables[0].Kind != schema.Table01 || rep.Tables[0].MoneyUnit != "万元" {
		t.Fatalf("tables %+v", rep.Tables)
	}
	expect(t, factMap(rep, "t01"), map[string]string{
		"income.fiscal.gpb": "2871400", "income.other": "162300", "income.total": "3033600",
		"carryover.opening": "100", "grand_total.income": "3033700",
		"expenditure.func.201": "2542300", "expenditure.func.208": "291300", "expenditure.func.210": "97200",
		"expenditure.func.221": "102900", "expenditure.total": "3033600", "carryover.closing": "100",
		"grand_total.expenditure": "3033700",
	})
	// Provenance: the cell's position, the printed text and the row as quote.
	for _, f := range rep.Facts {
		if f.Concept == "income.fiscal.gpb" {
			if f.Pos.String() != "t.docx:t1r3c3" || f.Printed != "287.14" || !strings.Contains(f.Quote, "一般公共预算财政拨款收入") || f.Precision.String() != "50" {
				t.Errorf("fact %+v", f)
			}
		}
	}
}

func TestCodeTables(t *testing.T) {
	doc := docOf(
		"五、一般公共预算财政拨款支出决算表",
		grid("t.docx", 1,
			[]string{"单位：万元", "<", "<", "<", "<", "<", "<"},
			[]string{"项目", "<", "本年支出", "<", "<", "<", "<"},
			[]string{"功能分类科目编码", "科目名称", "合计", "基本支出", "<", "<", "项目支出"},
			[]string{"^", "^", "^", "小计", "人员经费", "公用经费", "^"},
			[]string{"栏次", "", "1", "2", "3", "4", "5"},
			[]string{"", "合计", "287.14", "287.14", "247.23", "39.91", ""},
			[]string{"201", "一般公共服务支出", "238.00", "238.00", "198.09", "39.91", ""},
			[]string{"20103", "政府办公厅（室）及相关机构事务", "238.00", "238.00", "198.09", "39.91", ""},
			[]string{"2010350", "事业运行", "238.00", "238.00", "198.09", "39.91", "0.00"},
		),
		"六、一般公共预算财政拨款基本支出决算明细表",
		"单位：万元",
		grid("t.docx", 2,
			[]string{"人员经费", "<", "<", "公用经费", "<", "<"},
			[]string{"经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"},
			[]string{"301", "工资福利支出", "246.85", "302", "商品和服务支出", "39.91"},
			[]string{"30101", "基本工资", "122.06", "30201", "办公费", "0.66"},
			[]string{"303", "对个人和家庭的补助", "0.38", "310", "资本性支出", ""},
			[]string{"人员经费合计", "<", "247.23", "公用经费合计", "<", "39.91"},
		),
		"七、政府性基金预算财政拨款收入支出决算表",
		"本单位无政府性基金预算财政拨款收入支出",
	)
	rep := Report(doc)
	var kinds []string
	for _, tb := range rep.Tables {
		kinds = append(kinds, fmt.Sprintf("%s:%s:%v", tb.ID, tb.Kind, tb.Empty))
	}
	if strings.Join(kinds, " ") != "t05:05:false t06:06:false t07:07:true" {
		t.Fatalf("tables %v", kinds)
	}
	expect(t, factMap(rep, "t05"), map[string]string{
		"gpb.expenditure": "2871400", "gpb.basic": "2871400", "gpb.basic.personnel": "2472300", "gpb.basic.public": "399100",
		"gpb.func.201": "2380000", "gpb.func.201.basic": "2380000", "gpb.func.201.basic.personnel": "1980900", "gpb.func.201.basic.public": "399100",
		"gpb.func.20103": "2380000", "gpb.func.20103.basic": "2380000", "gpb.func.20103.basic.personnel": "1980900", "gpb.func.20103.basic.public": "399100",
		"gpb.func.2010350": "2380000", "gpb.func.2010350.basic": "2380000", "gpb.func.2010350.basic.personnel": "1980900", "gpb.func.2010350.basic.public": "399100",
		"gpb.func.2010350.project": "0",
	})
	expect(t, factMap(rep, "t06"), map[string]string{
		"gpb.econ.301": "2468500", "gpb.econ.30101": "1220600", "gpb.econ.303": "3800",
		"gpb.econ.302": "399100", "gpb.econ.30201": "6600",
		"gpb.basic.personnel": "2472300", "gpb.basic.public": "399100",
	})
}

func TestThreePublicAndPerf(t *testing.T) {
	doc := docOf(
		"九、财政拨款“三公”经费支出决算表",
		grid("t.docx", 1,
			[]string{"预算数", "<", "<", "<", "<", "<", "决算数", "<", "<", "<", "<", "<"},
			[]string{"合计", "因公出国（境）费", "公务用车购置及运行费", "<", "<", "公务接待费", "合计", "因公出国（境）费", "公务用车购置及运行费", "<", "<", "公务接待费"},
			[]string{"^", "^", "小计", "公务用车购置费", "公务用车运行费", "^", "^", "^", "小计", "公务用车购置费", "公务用车运行费", "^"},
			[]string{"0.29", "0.00", "0.00", "0.00", "0.00", "0.29", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"},
		),
		"2023年某中心整体绩效自评表",
		grid("t.docx", 2,
			[]string{"填报日期：2024年10月10日", "", "", "", "", "总分：94"},
			[]string{"基本支出总额", "303.36", "项目支出总额", "0.00", "<", "<"},
			[]string{"预算执行情况（万元）（10分）", "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分"},
			[]string{"^", "部门整体支出总额", "303.36", "303.36", "100%", "10"},
			[]string{"一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"},
			[]string{"目标1：满分17分，实得16分", "<", "<", "<", "<", "<"},
			[]string{"产出指标", "宣传", "印刷了4210份宣传单", "56150人", "缴费13205246元", "3"},
			[]string{"^", "^", "任务1369人", "1323人", "1918965元", "13"},
			[]string{"总分", "94", "<", "<", "<", "<"},
		),
	)
	rep := Report(doc)
	expect(t, factMap(rep, "t09"), map[string]string{
		"three_public.total.budget": "2900", "three_public.overseas.budget": "0", "three_public.vehicle.budget": "0",
		"three_public.vehicle.purchase.budget": "0", "three_public.vehicle.operation.budget": "0", "three_public.reception.budget": "2900",
		"three_public.total": "0", "three_public.overseas": "0", "three_public.vehicle": "0",
		"three_public.vehicle.purchase": "0", "three_public.vehicle.operation": "0", "three_public.reception": "0",
	})
	expect(t, factMap(rep, "perf"), map[string]string{
		"performance.score.total": "94", "expenditure.basic": "3033600", "expenditure.project": "0",
		"performance.score.execution.max": "10", "performance.budget": "3033600", "performance.spent": "3033600",
		"performance.execution_pct": "100", "performance.score.execution": "10",
		"performance.score.1": "16", "performance.score.1.max": "17", "performance.score.1.1": "3", "performance.score.1.2": "13",
	})
}

// TestUnruledHeads: an OCR'd table printed without rules has no merged
// heads: 本年支出 and 基本支出 stand over the 人员经费 column, on lines of
// its cell, and 小计 alone; the 小计 column is still the 基本支出 subtotal.
// So it is when the top heads kept their spans (项目 over the codes and
// names, 本年支出 over the figures) and 基本支出 did not.
func TestUnruledHeads(t *testing.T) {
	for _, tc := range []struct {
		name string
		top  []string
	}{
		{"no spans", []string{"", "项目", "", "", "本年支出", "", ""}},
		{"top heads spanning", []string{"项目", "<", "本年支出", "<", "<", "<", "<"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := docOf(
				"一般公共预算财政拨款支出决算表",
				grid("t.png", 1,
					tc.top,
					[]string{"功能分类科目编码\n类款项", "科目名称", "合计", "小计", "基本支出\n人员经费", "公用经费", "项目支出"},
					[]string{"", "栏次", "1", "2", "3", "4", "5"},
					[]string{"", "合计", "287.14", "287.14", "247.23", "39.91", ""},
					[]string{"201", "一般公共服务支出", "238.00", "238.00", "198.09", "39.91", ""},
				),
			)
			rep := Report(doc)
			expect(t, factMap(rep, "t05"), map[string]string{
				"gpb.expenditure": "2871400", "gpb.basic": "2871400", "gpb.basic.personnel": "2472300", "gpb.basic.public": "399100",
				"gpb.func.201": "2380000", "gpb.func.201.basic": "2380000", "gpb.func.201.basic.personnel": "1980900", "gpb.func.201.basic.public": "399100",
			})
		})
	}
}

// expectSome fails t for every concept of want that got does not map to
// the same text; got may hold others.
func expectSome(t *testing.T, got, want map[string]string) {
	t.Helper()
	for c, v := range want {
		if got[c] != v {
			t.Errorf("%s = %q, want %q (all: %v)", c, got[c], v, got)
		}
	}
}

// A "三公" table whose deepest head row is 预算数|决算数 (or another word
// for the kind of figure: 执行数) names its columns by the deepest head
// above that names an item: 公务用车购置费 is the purchase, not the vehicle
// total its parent head 公务用车购置及运行维护费 names (which 小计 is). A
// part whose head names nothing ("其他") is neither. 公务用车购置和运行费
// is the vehicle group too.
func TestThreePublicSubItemsAboveBudgetRow(t *testing.T) {
	for _, tc := range []struct {
		name          string
		group, actual string
	}{
		{"决算数", "公务用车购置及运行维护费", "决算数"},
		{"执行数", "公务用车购置及运行维护费", "执行数"},
		{"购置和运行", "公务用车购置和运行费", "决算数"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := grid("s.pdf", 1,
				[]string{"财政拨款“三公”经费", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"},
				[]string{"合计", "<", "因公出国（境）费", "<", tc.group, "<", "<", "<", "<", "<", "<", "<", "公务接待费", "<"},
				[]string{"^", "^", "^", "^", "小计", "<", "公务用车购置费", "<", "公务用车运行维护费", "<", "其他", "<", "^", "^"},
				[]string{"预算数", tc.actual, "预算数", tc.actual, "预算数", tc.actual, "预算数", tc.actual, "预算数", tc.actual, "预算数", tc.actual, "预算数", tc.actual},
				[]string{"3.95", "1.49", "0.00", "0.00", "1.10", "1.10", "0.40", "0.40", "0.60", "0.60", "0.10", "0.10", "2.85", "0.39"},
			)
			rep := Report(docOf("七、财政拨款“三公”经费支出决算表", "单位：万元", tb))
			got := factMap(rep, "t09")
			want := map[string]string{
				"three_public.total.budget": "39500", "three_public.total": "14900",
				"three_public.reception":      "3900",
				"three_public.vehicle.budget": "11000", "three_public.vehicle": "11000",
				"three_public.vehicle.purchase.budget": "4000", "three_public.vehicle.purchase": "4000",
				"three_public.vehicle.operation.budget": "6000", "three_public.vehicle.operation": "6000",
			}
			expectSome(t, got, want)
			for _, f := range rep.Facts {
				if f.Table == "t09" && f.Printed == "0.10" {
					t.Errorf("%s = %s taken from the column of 其他", f.Concept, f.Printed)
				}
			}
		})
	}
}

// TestYearBesidePreparer: a workbook's tables printed to PDF name their
// year only beside the preparer, in a line of its own between "编制单位：X"
// and "单位：万元" (or in that line); it is the report's year (it was 0).
func TestYearBesidePreparer(t *testing.T) {
	table := grid("t.docx", 1, []string{"项目", "决算数"}, []string{"合计", "303.36"})
	for name, head := range map[string][]any{
		"lines of their own": {"公开01表", "收入支出决算总表", "编制单位：某中心", "2023年度", "单位：万元", table},
		"one line":           {"收入支出决算总表", "编制单位：某中心    2023年度    单位：万元", table},
	} {
		rep := Report(docOf(head...))
		if rep.Year != 2023 || rep.Unit != "某中心" {
			t.Errorf("%s: unit %q year %d, want 某中心 2023", name, rep.Unit, rep.Year)
		}
	}
	// a year in running text, not beside a preparer, is no vote
	if rep := Report(docOf("收入支出决算总表", "编制单位：某中心", "说明", "2023年度", table)); rep.Year != 0 {
		t.Errorf("a bare year away from the preparer gave year %d", rep.Year)
	}
}

// TestTitleAgainstHeads checks what a table is read as whose title names
// one of the nine tables and whose heads another: the heads' table when
// the report prints the title's table elsewhere and the heads' nowhere
// else (a title's piece, 支出决算表, read under 一般公共预算财政拨款 that the
// table's number, printed between the two lines, kept apart from it);
// neither table, its figures unread, when the report prints both
// elsewhere; the title's, unwarned, when it prints the title's table
// nowhere else (table 3 with 基本支出 in parts, as table 5 has it). Before,
// the title won: table 5's figures were read as a second table 3's.
func TestTitleAgainstHeads(t *testing.T) {
	table3 := func(no int) *schema.Table {
		return grid("t.docx", no,
			[]string{"项目", "<", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"},
			[]string{"功能分类科目编码", "科目名称", "^", "^", "^", "^", "^", "^"},
			[]string{"", "合计", "303.36", "303.36", "0.00", "", "", ""},
			[]string{"201", "一般公共服务支出", "254.22", "254.22", "", "", "", ""},
		)
	}
	table5 := func(no int) *schema.Table {
		return grid("t.docx", no,
			[]string{"项目", "<", "本年支出", "<", "<", "<", "<"},
			[]string{"功能分类科目编码", "科目名称", "合计", "基本支出", "<", "<", "项目支出"},
			[]string{"^", "^", "^", "小计", "人员经费", "公用经费", "^"},
			[]string{"", "合计", "287.14", "287.14", "247.23", "39.91", ""},
			[]string{"201", "一般公共服务支出", "238.00", "238.00", "198.09", "39.91", ""},
		)
	}
	for _, tc := range []struct {
		name   string
		blocks []any
		want   string // the tables, id:kind
		warn   string
	}{
		{"heads' table", []any{"三、支出决算表", table3(1), "一般公共预算财政拨款", "公开05表", "支出决算表", "单位：万元", table5(2)},
			"t03:03 t05:05", `table titled "支出决算表" has the heads of table 05, which the report prints nowhere else, and table 03 is printed elsewhere: read as table 05`},
		{"neither", []any{"三、支出决算表", table3(1), "五、一般公共预算财政拨款支出决算表", table5(2), "支出决算表", table5(3)},
			"t03:03 t05:05 x1:other", `table titled "支出决算表" has the heads of table 05, and the report prints tables 03 and 05 elsewhere: read as neither, its figures are not read`},
		{"neither, the heads' table declared empty", []any{"三、支出决算表", table3(1), "五、一般公共预算财政拨款支出决算表", "本单位无一般公共预算财政拨款支出", "支出决算表", table5(2)},
			"t03:03 t05:05 x1:other", `table titled "支出决算表" has the heads of table 05, and the report prints tables 03 and 05 elsewhere: read as neither, its figures are not read`},
		{"title's table", []any{"五、一般公共预算财政拨款支出决算表", table5(1), "三、支出决算表", table5(2)},
			"t05:05 t03:03", ""},
		{"title's table, alone", []any{"三、支出决算表", table5(1)}, "t03:03", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := Report(docOf(tc.blocks...))
			var kinds []string
			for _, tb := range rep.Tables {
				kinds = append(kinds, fmt.Sprintf("%s:%s", tb.ID, tb.Kind))
			}
			if got := strings.Join(kinds, " "); got != tc.want {
				t.Errorf("tables %s, want %s", got, tc.want)
			}
			var warned []string
			for _, w := range rep.Warnings {
				if strings.Contains(w.Message, "has the heads of") {
					warned = append(warned, strings.TrimPrefix(w.Message, "normalize: "))
				}
			}
			if want := []string{tc.warn}; tc.warn == "" && len(warned) > 0 || tc.warn != "" && !slices.Equal(warned, want) {
				t.Errorf("warned %q, want %q", warned, tc.warn)
			}
			if g := factMap(rep, "t05")["gpb.expenditure"]; tc.name == "heads' table" && g != "2871400" {
				t.Errorf("table 5's total read as %q, want 2871400", g)
			}
			if x := factMap(rep, "x1"); len(x) != 0 {
				t.Errorf("figures read from a table of neither kind: %v", factMap(rep, "x1"))
			}
		})
	}
}

// TestTitleNotJoined checks that a line just above a table's title is not
// taken for the first piece of a title broken over lines when the title
// below is whole: a heading naming one table's money over another table's
// title (国有资本经营预算财政拨款… over 一般公共预算财政拨款支出决算表, which
// together print the words of table 8's title) leaves the table below
// the one its own title names.
func TestTitleNotJoined(t *testing.T) {
	table5 := grid("t.docx", 1,
		[]string{"项目", "<", "本年支出", "<", "<", "<", "<"},
		[]string{"功能分类科目编码", "科目名称", "合计", "基本支出", "<", "<", "项目支出"},
		[]string{"^", "^", "^", "小计", "人员经费", "公用经费", "^"},
		[]string{"", "合计", "287.14", "287.14", "247.23", "39.91", ""},
	)
	project := grid("t.docx", 1,
		[]string{"项目名称", "项目类型", "金额"},
		[]string{"网格化管理", "一般", "16.22"},
	)
	for _, tc := range []struct {
		name   string
		blocks []any
		want   string // the tables, id:kind:title
	}{
		{"table 5 under a heading naming table 8's money", []any{"（三）国有资本经营预算财政拨款支出情况", "一般公共预算财政拨款支出决算表", table5},
			"t05:05:一般公共预算财政拨款支出决算表"},
		{"a project table under a heading naming table 7's money", []any{"政府性基金预算财政拨款", "项目支出决算表", project},
			"x1:other:项目支出决算表"},
		{"table 8 broken after its money", []any{"国有资本经营预算财政拨款", "支出决算表", "本单位无国有资本经营预算财政拨款支出"},
			"t08:08:国有资本经营预算财政拨款支出决算表"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := Report(docOf(tc.blocks...))
			var kinds []string
			for _, tb := range rep.Tables {
				kinds = append(kinds, fmt.Sprintf("%s:%s:%s", tb.ID, tb.Kind, tb.Title))
			}
			if got := strings.Join(kinds, " "); got != tc.want {
				t.Errorf("tables %s, want %s", got, tc.want)
			}
		})
	}
}

// TestBrokenTitleWordings checks that the pieces of a broken title join in
// the wordings real reports print: table 8 as the 2024 template titles it
// (国有资本经营预算财政拨款⏎收入支出决算表), a title ending in a qualifier
// (（按功能分类）, （续）), and a first line opened by the table's number
// (表四、, 附表4, 公开04表); and that a heading naming one table's money
// (…支出情况, …决算情况) over table 3's whole title is no piece of it. Before,
// the first five were read as table 3, its title's last line, and the
// headings made table 3 table 7 or table 6.
func TestBrokenTitleWordings(t *testing.T) {
	table4 := grid("t.docx", 1,
		[]string{"收入", "<", "支出", "<", "<", "<", "<"},
		[]string{"项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"},
		[]string{"一、一般公共预算财政拨款", "287.14", "一、一般公共服务支出", "238.00", "238.00", "", ""},
	)
	fund := grid("t.docx", 1,
		[]string{"项目", "<", "年初结转和结余", "本年收入", "本年支出", "<", "<", "年末结转和结余"},
		[]string{"功能分类科目编码", "科目名称", "^", "^", "合计", "基本支出", "项目支出", "^"},
		[]string{"", "合计", "1.00", "2.00", "3.00", "3.00", "", "0.00"},
	)
	table3 := grid("t.docx", 1,
		[]string{"项目", "<", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"},
		[]string{"功能分类科目编码", "科目名称", "^", "^", "^", "^", "^", "^"},
		[]string{"", "合计", "303.36", "303.36", "0.00", "", "", ""},
	)
	for _, tc := range []struct {
		blocks []any
		want   string // the table, id:kind:title
	}{
		{[]any{"国有资本经营预算财政拨款", "收入支出决算表", fund}, "t08:08:国有资本经营预算财政拨款收入支出决算表"},
		{[]any{"政府性基金预算财政拨款", "收入支出决算表（按功能分类）", fund}, "t07:07:政府性基金预算财政拨款收入支出决算表（按功能分类）"},
		{[]any{"财政拨款收入", "支出决算总表（续）", table4}, "t04:04:财政拨款收入支出决算总表（续）"},
		{[]any{"表四、财政拨款收入", "支出决算总表", table4}, "t04:04:表四、财政拨款收入支出决算总表"},
		{[]any{"附表4 财政拨款收入", "支出决算总表", table4}, "t04:04:附表4 财政拨款收入支出决算总表"},
		{[]any{"公开04表 财政拨款收入", "支出决算总表", table4}, "t04:04:公开04表 财政拨款收入支出决算总表"},
		{[]any{"二、政府性基金预算财政拨款收入支出情况", "支出决算表", table3}, "t03:03:支出决算表"},
		{[]any{"（四）一般公共预算财政拨款基本支出决算情况", "支出决算表", table3}, "t03:03:支出决算表"},
	} {
		t.Run(tc.blocks[0].(string), func(t *testing.T) {
			rep := Report(docOf(tc.blocks...))
			var kinds []string
			for _, tb := range rep.Tables {
				kinds = append(kinds, fmt.Sprintf("%s:%s:%s", tb.ID, tb.Kind, tb.Title))
			}
			if got := strings.Join(kinds, " "); got != tc.want {
				t.Errorf("tables %s, want %s", got, tc.want)
			}
		})
	}
}

// TestTitleAgainstHeadsDeclared checks that a table declared empty in a
// line is not a table printed elsewhere when a table's title and heads
// disagree: table 8 printed with table 5's heads (基本支出 in 人员经费 and
// 公用经费), and below it the 2024 template's line for a table kept
// without data and the unit's 说明 so worded, is table 8, its figures read. Before, the line made table
// 8 "printed elsewhere", and the table was read as neither, its 5.00 lost.
func TestTitleAgainstHeadsDeclared(t *testing.T) {
	heads5 := func(no int, v string) *schema.Table {
		return grid("t.docx", no,
			[]string{"项目", "<", "本年支出", "<", "<", "<", "<"},
			[]string{"功能分类科目编码", "科目名称", "合计", "基本支出", "<", "<", "项目支出"},
			[]string{"^", "^", "^", "小计", "人员经费", "公用经费", "^"},
			[]string{"", "合计", v, v, v, "", ""},
		)
	}
	rep := Report(docOf(
		"五、一般公共预算财政拨款支出决算表", heads5(1, "287.14"),
		"国有资本经营预算财政拨款支出决算表", heads5(2, "5.00"),
		"注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。",
		"无国有资本经营预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：",
		"说明：某单位本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。",
	))
	var kinds []string
	for _, tb := range rep.Tables {
		kinds = append(kinds, fmt.Sprintf("%s:%s", tb.ID, tb.Kind))
	}
	if got, want := strings.Join(kinds, " "), "t05:05 t08:08 t08-2:08"; got != want {
		t.Errorf("tables %s, want %s", got, want)
	}
	if g := factMap(rep, "t08")["soe.expenditure"]; g != "50000" {
		t.Errorf("table 8's total read as %q, want 50000", g)
	}
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "has the heads of") {
			t.Errorf("warned %q", w.Message)
		}
	}
}

// TestTitleUnderUnitName checks that a line above a title read whole is
// not taken into it: the unit's name with a qualifier (（本级）) over the
// title, whole or broken, leaves the title as printed, and the table's
// second page, titled again (续) without the name, goes on with the first.
// Before, the name joined the title, its 本级 read as the title's
// qualifier, and the second page was read as a second table 3 (4 rows and
// 3 for one table of 5).
func TestTitleUnderUnitName(t *testing.T) {
	page := func(no int, heads []string, rows ...[]string) *schema.Table {
		return grid("t.docx", no, append([][]string{heads, {"功能分类科目编码", "科目名称", "^", "^", "^"}}, rows...)...)
	}
	heads3 := []string{"项目", "<", "本年支出合计", "基本支出", "项目支出"}
	heads5 := []string{"项目", "<", "合计", "基本支出", "项目支出"}
	for _, tc := range []struct {
		blocks []any
		want   string // the tables, id:kind:title:rows
	}{
		{[]any{"北郊街道办事处（本级）", "支出决算表", page(1, heads3, []string{"", "合计", "303.36", "303.36", ""}, []string{"201", "一般公共服务支出", "254.22", "254.22", ""}),
			"支出决算表（续）", page(2, heads3, []string{"208", "社会保障和就业支出", "49.14", "49.14", ""})},
			"t03:03:支出决算表:5"},
		{[]any{"北郊街道办事处（本级）", "一般公共预算财政拨款", "支出决算表", page(1, heads5, []string{"", "合计", "287.14", "287.14", ""}, []string{"201", "一般公共服务支出", "238.00", "238.00", ""}),
			"一般公共预算财政拨款支出决算表（续）", page(2, heads5, []string{"208", "社会保障和就业支出", "49.14", "49.14", ""})},
			"t05:05:一般公共预算财政拨款支出决算表:5"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			rep := Report(docOf(tc.blocks...))
			var kinds []string
			for _, tb := range rep.Tables {
				kinds = append(kinds, fmt.Sprintf("%s:%s:%s:%d", tb.ID, tb.Kind, tb.Title, tb.Grid.Rows))
			}
			if got := strings.Join(kinds, " "); got != tc.want {
				t.Errorf("tables %s, want %s", got, tc.want)
			}
		})
	}
}

// TestBrokenTitleContinued checks that a table going on to a new page
// under its title printed again and broken over lines (一般公共预算财政拨款⏎
// 支出决算表（续）) goes on with the table: the lines between the two
// pages are weighed as the title they make, not the last alone, which
// names table 3. Before, the second page was a second table 5 (4 rows
// and 3 for one table of 5).
func TestBrokenTitleContinued(t *testing.T) {
	heads := []string{"项目", "<", "合计", "基本支出", "项目支出"}
	page := func(no int, rows ...[]string) *schema.Table {
		return grid("t.docx", no, append([][]string{heads, {"功能分类科目编码", "科目名称", "^", "^", "^"}}, rows...)...)
	}
	rep := Report(docOf(
		"五、一般公共预算财政拨款支出决算表",
		page(1, []string{"", "合计", "287.14", "287.14", ""}, []string{"201", "一般公共服务支出", "238.00", "238.00", ""}),
		"一般公共预算财政拨款", "支出决算表（续）",
		page(2, []string{"208", "社会保障和就业支出", "49.14", "49.14", ""}),
	))
	var kinds []string
	for _, tb := range rep.Tables {
		kinds = append(kinds, fmt.Sprintf("%s:%s:%d", tb.ID, tb.Kind, tb.Grid.Rows))
	}
	if got, want := strings.Join(kinds, " "), "t05:05:5"; got != want {
		t.Errorf("tables %s, want %s", got, want)
	}
	if g := factMap(rep, "t05")["gpb.func.208"]; g != "491400" {
		t.Errorf("the second page's 208 read as %q, want 491400", g)
	}
}
