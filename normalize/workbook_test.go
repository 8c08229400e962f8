package normalize_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// Workbooks laid out as units publish them, each read against the same
// tables and text published as a web page: the workbook must give the same
// unit, year, tables and facts. The tables are four of the nine of a real
// report (fixtures/zengdu-beijiao-2022), shortened.

// wbTable is one standard table: its kind, title and rows of cells; "<"
// repeats the cell to the left (a column span), "^" the cell above (a row
// span).
type wbTable struct {
	kind  schema.TableKind
	title string
	rows  [][]string
}

const (
	wbUnit  = "曾都区北郊街道社区网格管理综合服务中心"
	wbTitle = wbUnit + "2022年度单位决算"
)

var wbTables = []wbTable{
	{schema.Table01, "收入支出决算总表", [][]string{
		{"收入", "<", "<", "支出", "<", "<"},
		{"项目", "行次", "金额", "项目", "行次", "金额"},
		{"栏次", "", "1", "栏次", "", "2"},
		{"一、一般公共预算财政拨款收入", "1", "231.58", "一、一般公共服务支出", "31", "186.54"},
		{"二、政府性基金预算财政拨款收入", "2", "", "八、社会保障和就业支出", "38", "26.60"},
		{"三、国有资本经营预算财政拨款收入", "3", "", "九、卫生健康支出", "39", "8.96"},
		{"四、上级补助收入", "4", "", "十九、住房保障支出", "49", "9.48"},
		{"本年收入合计", "27", "231.58", "本年支出合计", "57", "231.58"},
		{"使用非财政拨款结余", "28", "0.00", "结余分配", "58", "0.00"},
		{"年初结转和结余", "29", "0.01", "年末结转和结余", "59", "0.01"},
		{"总计", "30", "231.59", "总计", "60", "231.59"},
	}},
	{schema.Table04, "财政拨款收入支出决算总表", [][]string{
		{"收入", "<", "<", "支出", "<", "<", "<", "<", "<"},
		{"项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"},
		{"栏次", "", "1", "栏次", "", "2", "3", "4", "5"},
		{"一、一般公共预算财政拨款", "1", "231.58", "一、一般公共服务支出", "33", "186.54", "186.54", "", ""},
		{"二、政府性基金预算财政拨款", "2", "", "八、社会保障和就业支出", "40", "26.60", "26.60", "", ""},
		{"三、国有资本经营预算财政拨款", "3", "", "九、卫生健康支出", "41", "8.96", "8.96", "", ""},
		{"", "4", "", "十九、住房保障支出", "51", "9.48", "9.48", "", ""},
		{"本年收入合计", "27", "231.58", "本年支出合计", "59", "231.58", "231.58", "", ""},
		{"年初财政拨款结转和结余", "28", "0.00", "年末财政拨款结转和结余", "60", "0.00", "", "", ""},
		{"总计", "32", "231.58", "总计", "64", "231.58", "", "", ""},
	}},
	{schema.Table05, "一般公共预算财政拨款支出决算表", [][]string{
		{"项目", "<", "<", "<", "本年支出", "<", "<", "<", "<"},
		{"功能分类科目编码", "<", "<", "科目名称", "合计", "基本支出", "<", "<", "项目支出"},
		{"类", "款", "项", "^", "^", "小计", "人员经费", "公用经费", "^"},
		{"栏次", "<", "<", "<", "1", "2", "3", "4", "5"},
		{"合计", "<", "<", "<", "231.58", "231.58", "199.12", "32.46", ""},
		{"201", "<", "<", "一般公共服务支出", "186.54", "186.54", "154.08", "32.46", ""},
		{"20103", "<", "<", "政府办公厅（室）及相关机构事务", "186.54", "186.54", "154.08", "32.46", ""},
		{"2010350", "<", "<", "事业运行", "186.54", "186.54", "154.08", "32.46", ""},
		{"208", "<", "<", "社会保障和就业支出", "26.60", "26.60", "26.60", "", ""},
		{"20805", "<", "<", "行政事业单位养老支出", "26.60", "26.60", "26.60", "", ""},
		{"2080505", "<", "<", "机关事业单位基本养老保险缴费支出", "20.15", "20.15", "20.15", "", ""},
		{"2080506", "<", "<", "机关事业单位职业年金缴费支出", "6.45", "6.45", "6.45", "", ""},
		{"210", "<", "<", "卫生健康支出", "8.96", "8.96", "8.96", "", ""},
		{"21011", "<", "<", "行政事业单位医疗", "8.96", "8.96", "8.96", "", ""},
		{"2101102", "<", "<", "事业单位医疗", "8.96", "8.96", "8.96", "", ""},
		{"221", "<", "<", "住房保障支出", "9.48", "9.48", "9.48", "", ""},
		{"22102", "<", "<", "住房改革支出", "9.48", "9.48", "9.48", "", ""},
		{"2210201", "<", "<", "住房公积金", "9.48", "9.48", "9.48", "", ""},
	}},
	{schema.Table06, "一般公共预算财政拨款基本支出决算明细表", [][]string{
		{"人员经费", "<", "<", "公用经费", "<", "<", "<", "<", "<"},
		{"科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"},
		{"301", "工资福利支出", "198.76", "302", "商品和服务支出", "32.46", "310", "资本性支出", ""},
		{"30101", "基本工资", "89.75", "30201", "办公费", "1.20", "31002", "办公设备购置", ""},
		{"30102", "津贴补贴", "10.80", "30202", "印刷费", "0.85", "", "", ""},
		{"30106", "伙食补助费", "3.24", "30213", "维修（护）费", "12.40", "", "", ""},
		{"30107", "绩效工资", "45.60", "30217", "公务接待费", "0.18", "", "", ""},
		{"30108", "机关事业单位基本养老保险缴费", "20.15", "30226", "劳务费", "2.60", "", "", ""},
		{"30109", "职业年金缴费", "6.45", "30228", "工会经费", "4.60", "", "", ""},
		{"30110", "职工基本医疗保险缴费", "8.96", "30229", "福利费", "1.60", "", "", ""},
		{"30112", "其他社会保障缴费", "4.33", "30239", "其他交通费用", "0.60", "", "", ""},
		{"30113", "住房公积金", "9.48", "30299", "其他商品和服务支出", "8.43", "", "", ""},
		{"303", "对个人和家庭的补助", "0.36", "", "", "", "", "", ""},
		{"30305", "生活补助", "0.36", "", "", "", "", "", ""},
		{"人员经费合计", "<", "199.12", "公用经费合计", "<", "<", "<", "<", "32.46"},
	}},
}

// wbNarrative is the report's text, the table 7 and 8 it declares empty
// included.
var wbNarrative = []string{
	"第三部分  2022年度单位决算情况说明",
	"一、收入决算情况说明",
	"2022年度收入合计231.58万元，与2021年度相比，收入合计增加16.12万元，增长7.48%。其中：财政拨款收入231.58万元，占本年收入100.00%。",
	"二、一般公共预算财政拨款支出决算情况说明",
	"2022年度一般公共预算财政拨款支出231.58万元，占本年支出合计的100.00%。与2021年度相比，一般公共预算财政拨款支出增加16.12万元，增长7.48%。",
	"2022年度一般公共预算财政拨款基本支出231.58万元，其中：人员经费199.12万元，公用经费32.46万元。",
	"七、政府性基金预算财政拨款收入支出决算表",
	"本单位无政府性基金预算财政拨款收入支出。",
	"八、国有资本经营预算财政拨款支出决算表",
	"本单位无国有资本经营预算财政拨款支出。",
}

// wbSheet is one sheet of a workbook: its name and rows.
type wbSheet struct {
	name string
	rows [][]string
}

// titled is a table's rows under its title, code and unit, and preparer and
// year rows, as the national template's export prints them.
func titled(tb wbTable) [][]string {
	cols := len(tb.rows[0])
	row := func(cells ...string) []string {
		r := make([]string, cols)
		copy(r, cells)
		return r
	}
	title := row(tb.title)
	for c := 1; c < cols; c++ {
		title[c] = "<"
	}
	code := row("公开" + string(tb.kind) + "表")
	code[cols-1] = "单位：万元"
	return append([][]string{title, code, row("编制单位："+wbUnit, "", "2022年度")}, tb.rows...)
}

var (
	wbAmountRE = regexp.MustCompile(`^\d+\.\d\d$`)
	wbLineNoRE = regexp.MustCompile(`^\d{1,2}$`)
)

// xlsxBook writes the sheets as a workbook: amounts as numbers shown with
// two decimals, 行次 as numbers, "<" and "^" as merged ranges.
func xlsxBook(t *testing.T, sheets ...wbSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		t.Fatal(err)
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			for c, text := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch {
				case text == "" || text == "<" || text == "^":
					continue
				case wbAmountRE.MatchString(text):
					v, _ := strconv.ParseFloat(text, 64)
					err = errors.Join(f.SetCellFloat(sh.name, cell, v, 2, 64), f.SetCellStyle(sh.name, cell, cell, style))
				case wbLineNoRE.MatchString(text):
					v, _ := strconv.Atoi(text)
					err = f.SetCellInt(sh.name, cell, int64(v))
				default:
					err = f.SetCellStr(sh.name, cell, text)
				}
				if err != nil {
					t.Fatal(err)
				}
				rs, cs := spans(sh.rows, r, c)
				if rs > 1 || cs > 1 {
					end, _ := excelize.CoordinatesToCellName(c+cs, r+rs)
					if err := f.MergeCell(sh.name, cell, end); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// spans counts the "<" right of and the "^" below cell (r, c).
func spans(rows [][]string, r, c int) (rs, cs int) {
	rs, cs = 1, 1
	for c+cs < len(rows[r]) && rows[r][c+cs] == "<" {
		cs++
	}
	for r+rs < len(rows) && c < len(rows[r+rs]) && rows[r+rs][c] == "^" {
		rs++
	}
	return rs, cs
}

// htmlPage writes the title, the tables under their titles, code and unit
// lines, and the paragraphs as a web page.
func htmlPage(title string, tables []wbTable, paras []string) []byte {
	var b strings.Builder
	b.WriteString("<html><head><meta charset=\"utf-8\"></head><body>\n")
	if title != "" {
		fmt.Fprintf(&b, "<h1>%s</h1>\n", title)
	}
	for _, tb := range tables {
		fmt.Fprintf(&b, "<p>%s</p>\n<p>公开%s表</p>\n<p>单位：万元</p>\n<table>\n", tb.title, tb.kind)
		for r, row := range tb.rows {
			b.WriteString("<tr>")
			for c, text := range row {
				if text == "<" || text == "^" {
					continue
				}
				rs, cs := spans(tb.rows, r, c)
				fmt.Fprintf(&b, "<td rowspan=\"%d\" colspan=\"%d\">%s</td>", rs, cs, text)
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n")
	}
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString("</body></html>\n")
	return []byte(b.String())
}

// readAs reads data as the file name and normalizes it.
func readAs(t *testing.T, data []byte, name string) *schema.Report {
	t.Helper()
	doc, err := extract.Read(context.Background(), data, name)
	if err != nil {
		t.Fatal(err)
	}
	return normalize.Report(doc)
}

// factKeys lists the report's facts, table or narrative ones, as
// "concept|period|value", sorted.
func factKeys(rep *schema.Report, fromTables bool) []string {
	var keys []string
	for _, f := range rep.Facts {
		if (f.Table != "") == fromTables {
			keys = append(keys, factKey(f.Concept, f.Period, f.Value.String()))
		}
	}
	slices.Sort(keys)
	return keys
}

// tableKinds lists the kinds of the report's tables, in order, with "-" for
// one declared empty.
func tableKinds(rep *schema.Report) string {
	var ks []string
	for _, tb := range rep.Tables {
		k := string(tb.Kind)
		if tb.Empty {
			k += "-"
		}
		ks = append(ks, k)
	}
	return strings.Join(ks, " ")
}

// sameFacts fails the test when got's facts differ from want's.
func sameFacts(t *testing.T, got, want *schema.Report, fromTables bool) {
	t.Helper()
	g, w := factKeys(got, fromTables), factKeys(want, fromTables)
	if len(w) == 0 {
		t.Fatal("the web page gives no facts")
	}
	if !slices.Equal(g, w) {
		t.Errorf("facts (tables %v) differ from the web page's:\n got %d: %v\nwant %d: %v", fromTables, len(g), g, len(w), w)
	}
}

// perSheet is a workbook of a table a sheet, each under its title rows,
// the sheet named by its title.
func perSheet() []wbSheet {
	var sheets []wbSheet
	for _, tb := range wbTables {
		sheets = append(sheets, wbSheet{tb.title, titled(tb)})
	}
	return sheets
}

// untitled is a workbook of a table a sheet without title rows, the sheet
// given a name.
func untitled(name func(wbTable) string) []wbSheet {
	var sheets []wbSheet
	for _, tb := range wbTables {
		sheets = append(sheets, wbSheet{name(tb), tb.rows})
	}
	return sheets
}

// stacked is a workbook of one sheet holding every table under its title
// rows, two blank rows apart.
func stacked() []wbSheet {
	var all [][]string
	for _, tb := range wbTables {
		all = append(all, titled(tb)...)
		all = append(all, nil, nil)
	}
	return []wbSheet{{"决算表", all}}
}

// narrativeSheet is a sheet of the report's text, a paragraph a cell of
// column A.
func narrativeSheet() wbSheet {
	var rows [][]string
	for _, p := range wbNarrative {
		rows = append(rows, []string{p})
	}
	return wbSheet{"情况说明", rows}
}

func TestWorkbookLayouts(t *testing.T) {
	page := readAs(t, htmlPage(wbTitle, wbTables, wbNarrative), "report.html")
	if page.Unit != wbUnit || page.Year != 2022 || tableKinds(page) != "01 04 05 06 07- 08-" {
		t.Fatalf("the web page reads as %q %d with tables %s", page.Unit, page.Year, tableKinds(page))
	}

	for _, tc := range []struct {
		name   string
		sheets []wbSheet
		// unit and year to identify; 0 when the workbook prints none
		unit string
		year int
		// narrative: the workbook holds the text too
		narrative bool
	}{
		{
			// the title on a cover sheet, 编制单位 and the year over each table
			name:   "cover sheet",
			sheets: append([]wbSheet{{"封面", [][]string{{wbTitle}, {"编制日期：2023年8月"}}}}, perSheet()...),
			unit:   wbUnit, year: 2022,
		},
		{
			// no title: "编制单位：X" and "2022年度" over each table
			name: "preparer cells", sheets: perSheet(), unit: wbUnit, year: 2022,
		},
		{
			// sheets named 表1 … with no title rows: the name is the title
			name:   "sheets named 表N",
			sheets: untitled(func(tb wbTable) string { n, _ := strconv.Atoi(string(tb.kind)); return fmt.Sprintf("表%d", n) }),
		},
		{
			name:   "sheets named 公开NN表",
			sheets: untitled(func(tb wbTable) string { return "公开" + string(tb.kind) + "表" }),
		},
		{
			// all tables on one sheet, each under its title rows
			name: "tables stacked on one sheet", sheets: stacked(), unit: wbUnit, year: 2022,
		},
		{
			// the text on a sheet of its own, a paragraph a cell
			name:   "narrative sheet",
			sheets: append(perSheet(), narrativeSheet()),
			unit:   wbUnit, year: 2022, narrative: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := readAs(t, xlsxBook(t, tc.sheets...), "report.xlsx")
			if rep.Unit != tc.unit || rep.Year != tc.year {
				t.Errorf("unit and year = %q %d, want %q %d", rep.Unit, rep.Year, tc.unit, tc.year)
			}
			kinds := "01 04 05 06"
			if tc.narrative {
				kinds += " 07- 08-"
			}
			if got := tableKinds(rep); strings.TrimPrefix(got, "other ") != kinds {
				t.Errorf("tables %s, want %s", got, kinds)
			}
			for _, tb := range rep.Tables {
				if tb.Grid != nil && tb.Kind != schema.TableOther && tb.MoneyUnit != "万元" {
					t.Errorf("table %s in %q, want 万元", tb.ID, tb.MoneyUnit)
				}
			}
			want := page
			if tc.year == 0 {
				want = readAs(t, htmlPage("", wbTables, nil), "report.html")
			}
			sameFacts(t, rep, want, true)
			if tc.narrative {
				sameFacts(t, rep, want, false)
				// each paragraph's figures are placed in its cell
				for _, f := range rep.Facts {
					if f.Table == "" && (f.Pos.Table != len(tc.sheets) || f.Pos.Col != 1 || f.Pos.Row < 1) {
						t.Errorf("fact %s at %s, want a cell of column A of sheet %d", f.Concept, f.Pos, len(tc.sheets))
					}
				}
			}
		})
	}
}

// TestSheetCodeOtherTemplate: a sheet named 表8 holding a 政府性基金 table
// (an older template numbered it so) is not read as table 8, the
// 国有资本经营 one: its figures would take that table's concepts.
func TestSheetCodeOtherTemplate(t *testing.T) {
	fund := [][]string{
		{"项目", "<", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"},
		{"功能分类科目编码", "科目名称", "^", "^", "^", "^"},
		{"合计", "<", "0.00", "20.00", "20.00", "0.00"},
		{"2120804", "农村基础设施建设支出", "0.00", "20.00", "20.00", "0.00"},
	}
	rep := readAs(t, xlsxBook(t, wbSheet{"表8", fund}), "book.xlsx")
	for _, f := range rep.Facts {
		if strings.HasPrefix(f.Concept, "soe.") {
			t.Errorf("%s = %s read as table 8's", f.Concept, f.Value)
		}
	}
	if k := tableKinds(rep); strings.Contains(k, "08") {
		t.Errorf("tables %s, want no table 08", k)
	}
}

// TestTablesOfOtherFormats: in a web page (not a workbook), a note inside a
// table's grid that names another table is no title to cut it at, and a
// table of one column of sentences (a project's description) stays a table:
// its figures are no report's.
func TestTablesOfOtherFormats(t *testing.T) {
	page := `<html><body><h1>北郊街道办事处2023年度部门决算</h1><h2>第二部分 2023年度部门决算表</h2>
<h3>四、财政拨款收入支出决算总表</h3><p>单位：万元</p><table>
<tr><td>收入</td><td>金额</td><td>支出</td><td>金额</td></tr>
<tr><td>一般公共预算财政拨款</td><td>100.00</td><td>一般公共服务支出</td><td>100.00</td></tr>
<tr><td>总计</td><td>100.00</td><td>总计</td><td>100.00</td></tr>
<tr><td colspan="4">注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年初、年末结转结余情况</td></tr></table>
<h2>第三部分 2023年度部门决算情况说明</h2><h3>十三、预算绩效情况说明</h3><table>
<tr><td>网格化管理项目：本年支出合计50.00万元，比上年增加5.00万元，年初预算53.36万元，项目按计划完成，群众满意度较高。</td></tr>
<tr><td>便民服务项目：本年支出合计30.00万元，比上年减少2.00万元，年初预算30.00万元，项目按计划完成，服务对象满意。</td></tr>
<tr><td>环境整治项目：本年支出合计20.00万元，与上年持平，年初预算25.00万元，项目按计划推进，整治效果明显。</td></tr>
<tr><td>以上项目均已完成绩效自评，评价结果已按要求公开，自评中发现的问题已整改到位。</td></tr></table></body></html>`
	rep := readAs(t, []byte(page), "report.html")
	if k := tableKinds(rep); k != "04 perf" {
		t.Errorf("tables %s, want 04 perf", k)
	}
	for _, f := range rep.Facts {
		if f.Table == "" {
			t.Errorf("narrative fact %s = %s from a table's cell", f.Concept, f.Value)
		}
	}
}

// TestTextLaidOutInTable: a web page laying the report's text out in a
// table of one column, its headings in cells between the sentences, is read
// as the report's text.
func TestTextLaidOutInTable(t *testing.T) {
	page := `<html><body><h1>北郊街道办事处2023年度部门决算</h1><table>
<tr><td>第三部分 2023年度部门决算情况说明</td></tr>
<tr><td>一、收入支出决算总体情况说明</td></tr>
<tr><td>2023年度收入总计1000.00万元，支出总计1000.00万元，与上年相比，收支总计各增加100.00万元，增长11.11%。</td></tr>
<tr><td>二、收入决算情况说明</td></tr>
<tr><td>2023年度本年收入合计900.00万元，其中：财政拨款收入800.00万元，占88.89%；其他收入100.00万元，占11.11%。</td></tr>
<tr><td>三、支出决算情况说明</td></tr>
<tr><td>2023年度本年支出合计900.00万元，其中：基本支出600.00万元，占66.67%；项目支出300.00万元，占33.33%。</td></tr>
</table></body></html>`
	rep := readAs(t, []byte(page), "report.html")
	have := map[string]bool{}
	for _, f := range rep.Facts {
		have[f.Concept] = true
		if f.Pos.Table == 0 || f.Pos.Row == 0 {
			t.Errorf("%s at %s: not at its cell", f.Concept, f.Pos)
		}
	}
	for _, c := range []string{"income.total", "income.fiscal", "expenditure.total", "expenditure.basic", "expenditure.project"} {
		if !have[c] {
			t.Errorf("%s not read (facts: %d)", c, len(rep.Facts))
		}
	}
}
