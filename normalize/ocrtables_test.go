package normalize

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// ocr marks every cell of t as read by OCR with confidence conf.
func ocr(t *schema.Table, conf float64) *schema.Table {
	for i := range t.Cells {
		t.Cells[i].Method, t.Cells[i].Confidence = schema.MethodOCR, conf
	}
	return t
}

// A 收入决算表 as a poor scan reads it: the headings garbled but for one,
// "项目" read as a number, 栏次 as "幸次", 合计 as "对)". The 栏次 row
// numbers the amount columns; they are named by the template's order, with
// their confidence lowered.
func TestOCRColumnsByTemplateOrder(t *testing.T) {
	income := func(heads []string, index []string) *schema.Table {
		return ocr(grid("s.pdf", 1,
			append([]string{"378", "<", "<", "<"}, heads...),
			append([]string{"项账分类条目扎内", "<", "<", "E.目各和"}, ups(len(heads))...),
			append([]string{"111", "2", "14", "^"}, ups(len(heads))...),
			append([]string{"幸次", "<", "<", "<"}, index...),
			append([]string{"对)", "<", "<", "<"}, "303.36", "287.14", "", "", "", "", "16.23"),
			append([]string{"201", "", "", "一般公共下务支ij"}, "254.22", "238.00", "", "", "", "", "16.23"),
			append([]string{"20103", "", "", "政府办全月:`室玉相交J的1了"}, "254.22", "238.00", "", "", "", "", "16.23"),
			append([]string{"2010350", "", "", "胎业运行"}, "254.22", "238.00", "", "", "", "", "16.23"),
			append([]string{"208", "", "", "ti RT Ble SM"}, "49.14", "49.14", "", "", "", "", ""),
		), 0.9)
	}
	heads := []string{"本年收入合计", "殉下观殿收大", "上下披上劝由人", "时:收入", "好本收入", "里属单倍_:醉人", "辟他收六"}
	numbers := []string{"1", "2", "3", "4", "5", "6", "7"}
	read := func(tb *schema.Table) (map[string]string, *schema.Report) {
		rep := Report(docOf("二、收入决算表", "单位：万元", tb))
		return factMap(rep, "t02"), rep
	}

	got, rep := read(income(heads, numbers))
	expect(t, got, map[string]string{
		"income.total": "3033600", "income.fiscal": "2871400", "income.other": "162300",
		"income.func.201": "2542200", "income.func.201.fiscal": "2380000", "income.func.201.other": "162300",
		"income.func.20103": "2542200", "income.func.20103.fiscal": "2380000", "income.func.20103.other": "162300",
		"income.func.2010350": "2542200", "income.func.2010350.fiscal": "2380000", "income.func.2010350.other": "162300",
		"income.func.208": "491400", "income.func.208.fiscal": "491400",
	})
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Message, "6 amount columns") {
		t.Errorf("warnings %v, want one that says 6 columns were named by order", rep.Warnings)
	}
	for _, f := range rep.Facts {
		named := f.Concept != "income.total" && (len(f.Concept) < 12 || f.Concept[:12] != "income.func." || strings.Count(f.Concept, ".") > 2)
		if named && f.Confidence > inferredConfidence || !named && f.Confidence != 0.9 {
			t.Errorf("%s: confidence %.2f", f.Concept, f.Confidence)
		}
	}

	// one number of the 栏次 row misread: still numbered
	got, _ = read(income(heads, []string{"1", "2", "3", "4", "5", "6", "9"}))
	if got["income.func.201.other"] != "162300" {
		t.Errorf("栏次 row with one misread number: %v", got)
	}
	// numbered from 2: an amount column is missing from the count (taken
	// for labels), and naming by order would shift every name by one
	numbered2 := income(heads, []string{"2", "3", "4", "5", "6", "7", "8"})
	for i, c := range numbered2.Cells {
		if c.Row == 3 && c.Col == 0 {
			numbered2.Cells[i].ColSpan = 3 // the 1 of a column taken for labels
			numbered2.Cells = append(numbered2.Cells, schema.Cell{Row: 3, Col: 3, Text: "1", Method: schema.MethodOCR, Confidence: 0.9})
		}
	}
	got, _ = read(numbered2)
	if _, ok := got["income.func.201.fiscal"]; ok {
		t.Errorf("columns numbered from 2 named by order: %v", got)
	}
	// no 栏次 row to number the columns, and one heading read: not named
	noIndex := income(heads, []string{"", "", "", "", "", "", ""})
	got, _ = read(noIndex)
	if _, ok := got["income.func.201.fiscal"]; ok || got["income.func.201"] != "2542200" {
		t.Errorf("columns named without the 栏次 row: %v", got)
	}
	// a heading read that the order does not put there: the table is not
	// in the template's order, and nothing is named by it
	swapped := append([]string(nil), heads...)
	swapped[1], swapped[6] = "其他收入", "财政拨款收入"
	got, _ = read(income(swapped, numbers))
	if got["income.func.201.other"] != "2380000" || got["income.func.201.fiscal"] != "162300" || len(got) != 14 {
		t.Errorf("headings read out of the template's order: %v", got)
	}
	// a column fewer than the template: not named
	short := income(heads, numbers)
	short.Cols--
	var keep []schema.Cell
	for _, c := range short.Cells {
		if c.Col < short.Cols {
			keep = append(keep, c)
		}
	}
	short.Cells = keep
	got, _ = read(short)
	if _, ok := got["income.func.201.fiscal"]; ok {
		t.Errorf("columns named in a table of 6 amount columns: %v", got)
	}
	// a text layer's headings are what the file says: never named by order
	text := income(heads, numbers)
	for i := range text.Cells {
		text.Cells[i].Method, text.Cells[i].Confidence = "", 0
	}
	got, _ = read(text)
	if _, ok := got["income.func.201.fiscal"]; ok {
		t.Errorf("text-layer columns named by order: %v", got)
	}
}

// ups returns n "^" cells: the cells above span down.
func ups(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "^"
	}
	return out
}

// indexRow takes an OCR'd 栏次 row whose label or one number is misread,
// and no row of data.
func TestIndexRow(t *testing.T) {
	for _, tc := range []struct {
		row  []string
		want bool
	}{
		{[]string{"栏次", "", "1", "2", "3"}, true},
		{[]string{"", "", "1", "2"}, true},
		{[]string{"幸次", "<", "1", "2", "3", "4"}, true},
		{[]string{"次合计", "<", "91", "2", "3", "4", "5"}, true},
		{[]string{"幸次", "1", "2"}, true},
		{[]string{"项目", "行次", "金额", "项目", "行次", "金额"}, false},
		{[]string{"人数", "1", "2"}, false},
		{[]string{"一、财政拨款收入", "1", "287.14"}, false},
		{[]string{"301", "工资福利支出", "246.85"}, false},
		{[]string{"合计", "91", "2", "3"}, false},
		{[]string{"合计", "1", "2", "3", "4", "7"}, false},
		// a table cut by the page's edge: its first columns not printed
		{[]string{"", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", ""}, true},
		{[]string{"", "", "3", "4", "5", "6"}, true},
		{[]string{"", "2", "3", "4"}, false},
		{[]string{"", "5", "6", "7", "8"}, false},
		{[]string{"合计", "2", "3", "4", "5"}, false},
	} {
		d := newDense(grid("t", 1, tc.row))
		if got := d.indexRow(0); got != tc.want && tc.row[0] != "次合计" {
			t.Errorf("indexRow(%q) = %v, want %v", tc.row, got, tc.want)
		}
		// read by OCR, one number of four or more may be misread: only
		// such rows change
		want := tc.want || tc.row[0] == "次合计" || tc.row[0] == "合计" && len(tc.row) == 6
		if got := newDense(ocr(grid("t", 1, tc.row), 0.9)).indexRow(0); got != want {
			t.Errorf("OCR'd indexRow(%q) = %v, want %v", tc.row, got, want)
		}
	}
}

// A 财政拨款收入支出决算总表 as a poor scan reads it: the source headings
// garbled, one number of the 栏次 row misread, class labels misread so far
// that only their place in the template's order names them.
func TestOCRFiscalSummary(t *testing.T) {
	tb := ocr(grid("s.pdf", 1,
		[]string{"败入", "<", "<", "支副", "<", "<", "<", "<", "<"},
		[]string{"清正", "所次", "\\企午", "34111", "行次", "86", "一地公共预棵则政搬逐", "发府性基售预界对政拔坎", "国有笛本过菇另四财政需堵"},
		[]string{"六", "", "1", "妈次", "", "2", "1", "4", "5"},
		[]string{"一、一般公共预算财政拨款", "1", "287.14", "一、一贿公共醒务支出", "33", "238.00", "238.00", "", ""},
		[]string{"二、政府性基金预算财政拨款", "2", "", "二、外交支出", "34", "", "", "", ""},
		[]string{"三、国有资本经营预算财政拨款", "3", "", "三、国防支出", "35", "", "", "", ""},
		[]string{"", "4", "", "四、公共安全支出", "36", "", "", "", ""},
		[]string{"", "5", "", "五、教育支出", "37", "", "", "", ""},
		[]string{"", "6", "", "六、科学技术支出", "38", "", "", "", ""},
		[]string{"", "7", "", "七、文化旅游体育与传媒支出", "39", "", "", "", ""},
		[]string{"", "8", "", "八、社会保隐初喜业专出", "40", "29.13", "29.13", "", ""},
	), 0.9)
	rep := Report(docOf("四、财政拨款收入支出决算总表", "单位：万元", tb))
	expect(t, factMap(rep, "t04"), map[string]string{
		"income.fiscal.gpb": "2871400",
		"fiscal.func.201":   "2380000", "gpb.func.201": "2380000",
		"fiscal.func.208": "291300", "gpb.func.208": "291300",
	})
	for _, f := range rep.Facts {
		// the expenditure side's columns were named by order (合计 read
		// as "86"), and so was the row of class 208
		byOrder := f.Concept != "income.fiscal.gpb"
		if byOrder && f.Confidence > inferredConfidence || !byOrder && f.Confidence != 0.9 {
			t.Errorf("%s: confidence %.2f", f.Concept, f.Confidence)
		}
	}
}

// An income label of an OCR'd 财政拨款收入支出决算总表 misread in one
// character is named by the label it closely resembles, as on the
// expenditure side, and keeps its cell's confidence: the label was read,
// not inferred from the template's order (which alone gave it 0.5).
func TestOCRFiscalIncomeMisread(t *testing.T) {
	tb := ocr(grid("s.pdf", 1,
		[]string{"收入", "<", "<", "支出", "<", "<", "<", "<", "<"},
		[]string{"项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"},
		[]string{"一、一般公共预算财政拔款", "1", "287.14", "一、一般公共服务支出", "33", "238.00", "238.00", "", ""},
		[]string{"", "2", "", "二、外交支出", "34", "", "", "", ""},
	), 0.9)
	rep := Report(docOf("四、财政拨款收入支出决算总表", "单位：万元", tb))
	expect(t, factMap(rep, "t04"), map[string]string{
		"income.fiscal.gpb": "2871400",
		"fiscal.func.201":   "2380000", "gpb.func.201": "2380000",
	})
	for _, f := range rep.Facts {
		if f.Confidence != 0.9 {
			t.Errorf("%s: confidence %.2f, want the cell's 0.90", f.Concept, f.Confidence)
		}
	}
}

// Code columns of OCR'd tables keep their kind when a few codes are
// misread: a misread digit makes a code unknown ("32099" for 31099) or
// too long ("21180506"), and the 合计 row's label is garbled ("对)").
func TestOCRCodeColumns(t *testing.T) {
	econ := ocr(grid("s.pdf", 1,
		[]string{"大下经费", "<", "<", "21781111", "<", "<", "<", "<", "<"},
		[]string{"6.133814", "及得各称", "痪多", "FEta)", "要中名和", "13138.35", "", "刀避苔和", "决夏村"},
		[]string{"301", "工资福利支出", "246.85", "302", "商品和服务支出", "39.91", "310", "资本性支出", "1.50"},
		[]string{"30101", "基本工资", "122.06", "30201", "办公费", "0.66", "31001", "房屋建筑物购建", "1.00"},
		[]string{"30102", "津贴补贴", "12.09", "30202", "印刷费", "0.66", "32099", "其他资本性支出", "0.50"},
		[]string{"30103", "奖金", "", "30203", "咨询费", "", "31002", "办公设备购置", ""},
	), 0.9)
	rep := Report(docOf("六、一般公共预算财政拨款基本支出决算明细表", "单位：万元", econ))
	got := factMap(rep, "t06")
	// the misread code stays a code (of a class that does not exist)
	expect(t, got, map[string]string{
		"gpb.econ.301": "2468500", "gpb.econ.30101": "1220600", "gpb.econ.30102": "120900",
		"gpb.econ.302": "399100", "gpb.econ.30201": "6600", "gpb.econ.30202": "6600",
		"gpb.econ.310": "15000", "gpb.econ.31001": "10000", "gpb.econ.32099": "5000",
	})

	spending := ocr(grid("s.pdf", 1,
		[]string{"", "<", "<", "<", "本年支出合计", "基本支出", "项目支出"},
		[]string{"功能分类村目纺到", "<", "<", "科目名,弟", "^", "^", "^"},
		[]string{"311", "7", "14", "^", "^", "^", "^"},
		[]string{"栏次", "<", "<", "<", "1", "2", "3"},
		[]string{"对)", "<", "<", "<", "303.36", "303.36", "0.00"},
		[]string{"201", "<", "<", "一般公共服务支出", "254.22", "254.22", ""},
		[]string{"20103", "<", "<", "政府办公厅（室）及相关机构事务", "254.22", "254.22", ""},
		[]string{"21180506", "<", "<", "机关事业单位职业年金缴费支出", "7.10", "7.10", ""},
		[]string{"208", "<", "<", "社会保障和就业支出", "49.14", "49.14", ""},
	), 0.9)
	rep = Report(docOf("三、支出决算表", "单位：万元", spending))
	got = factMap(rep, "t03")
	if got["expenditure.func.201"] != "2542200" || got["expenditure.func.208.basic"] != "491400" || got["expenditure.total"] != "3033600" {
		t.Errorf("code column with a misread code: %v", got)
	}
}

// Rows of an OCR'd summary table named by the template's order only near
// the rows that were read: a report that leaves out rows of the template
// would have rows far from those anchors named wrongly.
func TestOCRRowsNearAnchors(t *testing.T) {
	tb := ocr(grid("s.pdf", 1,
		[]string{"收入", "<", "<", "支出", "<", "<"},
		[]string{"项目", "行次", "金额", "项目", "行次", "金额"},
		[]string{"一、一般公共预算财政拨款收入", "1", "287.14", "一、一般公共服务支出", "31", "1.00"},
		[]string{"二、政府性基金预算财政拨款收入", "2", "", "二、外交支出", "32", "2.00"},
		[]string{"三、国有资本经营预算财政拨款收入", "3", "", "三、国防支出", "33", "3.00"},
		[]string{"四、上级补助收入", "4", "", "乱码一", "34", "4.00"},
		[]string{"五、事业收入", "5", "", "乱码二", "35", "5.00"},
		[]string{"六、经营收入", "6", "", "乱码三", "36", "6.00"},
	), 0.9)
	got := factMap(Report(docOf("一、收入支出决算总表", "单位：万元", tb)), "t01")
	if got["expenditure.func.203"] != "30000" || got["expenditure.func.204"] != "40000" {
		t.Errorf("rows read, and the one after them named by order: %v", got)
	}
	for _, c := range []string{"expenditure.func.205", "expenditure.func.206"} {
		if v, ok := got[c]; ok {
			t.Errorf("%s = %s named by order two rows or more from the rows read", c, v)
		}
	}
}

// An OCR'd title whose 表 was misread, and a declaration of no data whose
// 位 was, still declare their tables empty; printed so in a text layer,
// they do not.
func TestOCRDeclaredEmpty(t *testing.T) {
	lines := []any{
		"七、政府性基金预算财政拨款收入支出决算夫",
		"本单位无政府性基金预算财政援葡收入支出",
		"八、国有资本经营预算财政拨款支出决算表",
		"*本单值无国有资本经营预算财政拨款支出",
		"九、财政拨款“三公”经费支出决算表",
		"本部分无须说明。", // 本部分 is no unit: table 9 is not declared empty
	}
	for _, method := range []schema.Method{schema.MethodOCR, ""} {
		doc := docOf(lines...)
		for i := range doc.Pages[0].Blocks {
			doc.Pages[0].Blocks[i].Method = method
		}
		var empty []string
		for _, tb := range Report(doc).Tables {
			if tb.Empty {
				empty = append(empty, tb.ID)
			}
		}
		want := "t07 t08"
		if method == "" {
			want = ""
		}
		if got := strings.Join(empty, " "); got != want {
			t.Errorf("method %q: tables declared empty %q, want %q", method, got, want)
		}
	}
}

// Table 5's title is known with its first character misread (OCR reads 一
// at the head of a line as a dash), and does not fall to table 3's, whose
// title ends its own; table 6's stays table 6's.
func TestOCRTitleHeadMisread(t *testing.T) {
	for title, want := range map[string]schema.TableKind{
		"-般公共预算财政拨款支出决算表":   schema.Table05,
		"一般公共预算财政拨款支出决算表":   schema.Table05,
		"-般公共预算财政拨款基本支出决算表": schema.Table06,
		"支出决算表": schema.Table03,
	} {
		doc := docOf(title, ocr(grid("s.pdf", 1,
			[]string{"项目", "金额"},
			[]string{"合计", "1.00"},
		), 0.9))
		tbs := Report(doc).Tables
		if len(tbs) != 1 || tbs[0].Kind != want {
			var got []schema.TableKind
			for _, tb := range tbs {
				got = append(got, tb.Kind)
			}
			t.Errorf("%q titles tables %v, want %s", title, got, want)
		}
	}
}

// An OCR'd amount with more decimals than its table prints, or with none,
// had its point misread and is not taken (480.66 read 480366 is a hundred
// times the amount); a zero without decimals, and any figure of a text
// layer, is.
func TestOCRPointMisread(t *testing.T) {
	table := func() *schema.Table {
		return grid("s.pdf", 1,
			[]string{"经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"},
			[]string{"301", "工资福利支出", "246.85", "302", "商品和服务支出", "39.91"},
			[]string{"30101", "基本工资", "122.06", "30201", "办公费", "0.130"},
			[]string{"303", "对个人和家庭的补助", "38", "310", "资本性支出", "0"},
			[]string{"人员经费合计", "<", "247.23", "公用经费合计", "<", "39.91"},
		)
	}
	for _, tc := range []struct {
		tb       *schema.Table
		want     map[string]string
		warnings int
	}{
		{ocr(table(), 0.9), map[string]string{"gpb.econ.301": "2468500", "gpb.econ.30101": "1220600", "gpb.econ.310": "0",
			"gpb.econ.302": "399100", "gpb.basic.personnel": "2472300", "gpb.basic.public": "399100"}, 2},
		{table(), map[string]string{"gpb.econ.301": "2468500", "gpb.econ.30101": "1220600", "gpb.econ.310": "0",
			"gpb.econ.302": "399100", "gpb.basic.personnel": "2472300", "gpb.basic.public": "399100",
			"gpb.econ.30201": "1300", "gpb.econ.303": "380000"}, 0},
	} {
		rep := Report(docOf("六、一般公共预算财政拨款基本支出决算明细表", "单位：万元", tc.tb))
		got := factMap(rep, "t06")
		expect(t, got, tc.want)
		n := 0
		for _, w := range rep.Warnings {
			if strings.Contains(w.Message, "its point was misread") {
				n++
				t.Log(w.Message)
			}
		}
		if n != tc.warnings {
			t.Errorf("%d warnings of misread points, want %d", n, tc.warnings)
		}
	}
}

// The "三公" table of a scan whose 预算数 heads were misread: those columns
// are not taken for the final figures beside them. Each is left of a
// 决算数 under its item's heading, where the template prints the item's
// 预算数, so it is read as the budget at the lowered confidence of figures
// named by the template's order, with a warning; a column whose partner's
// head is misread too is not read. An item whose heading was misread is
// the one the template's order puts there, when its twelve columns are
// 预算数 and 决算数 in turn and the items read stand in that order.
func TestOCRThreePublicHeadMisread(t *testing.T) {
	heads := []string{"FRR", "决算数", "PATE", "决算数", "13137311", "决算数", "aE", "决算数", "1313711", "决算数", "1313711", "决算数"}
	all := map[string]string{
		"three_public.total.budget": "28500", "three_public.overseas.budget": "0", "three_public.vehicle.budget": "0",
		"three_public.vehicle.purchase.budget": "0", "three_public.vehicle.operation.budget": "0", "three_public.reception.budget": "28500"}
	without := func(m map[string]string, drop ...string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			if !slices.Contains(drop, k) {
				out[k] = v
			}
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		heads  func([]string) // changes the last row of heads
		items  func(top, sub []string)
		budget map[string]string
	}{
		{"an item's heading misread", func([]string) {}, func(_, sub []string) { sub[6] = "公务忆车\n购正费" }, all},
		{"the reception's heading misread", func(h []string) { h[6] = "预算和数" }, func(top, _ []string) { top[10] = "公务j站待费" }, all},
		{"items out of the template's order", func([]string) {}, func(top, sub []string) {
			top[2], top[10] = "公务接待费", "因公出国（境）费" // read as printed, but no item is named by the order
			sub[6] = "公务忆车\n购正费"
		}, map[string]string{"three_public.total.budget": "28500", "three_public.reception.budget": "0", "three_public.vehicle.budget": "0",
			"three_public.vehicle.operation.budget": "0", "three_public.overseas.budget": "28500"}},
		{"too few items read", func([]string) {}, func(top, sub []string) {
			top[0], top[2], top[10], sub[6] = "Q1", "Z9", "K7", "W8" // only 小计 and 运行费 read
		}, map[string]string{"three_public.vehicle.budget": "0", "three_public.vehicle.operation.budget": "0"}},
		{"both parts of the vehicle costs misread", func([]string) {}, func(_, sub []string) {
			sub[6], sub[8] = "公务忆车运衔维扩费", "公务忆车购正费" // which is which is not known
		}, without(all, "three_public.vehicle.purchase.budget", "three_public.vehicle.operation.budget")},
		{"pairs", func([]string) {}, nil, all},
		{"the reception's 决算数 misread too", func(h []string) { h[11] = "1s#" }, nil, without(all, "three_public.reception.budget")},
		{"right of a 预算数", func(h []string) { h[0], h[1] = "预算数", "aE" }, nil, all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			budget := without(tc.budget) // a copy: read budgets are crossed off
			last := append([]string(nil), heads...)
			tc.heads(last)
			top := []string{"合计", "<", "因公出国（境）费", "<", "公务用车购置及运行费", "<", "<", "<", "<", "<", "公务接待费", "<"}
			sub := []string{"^", "^", "^", "^", "小计", "<", "公务用车购置费", "<", "公务用车运行费", "<", "^", "^"}
			if tc.items != nil {
				tc.items(top, sub)
			}
			tb := ocr(grid("s.pdf", 1,
				[]string{"财政拨款“三公”经费", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"},
				top, sub, last,
				[]string{"2.85", "0.39", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "2.85", "0.39"},
			), 0.9)
			rep := Report(docOf("七、财政拨款“三公”经费支出决算表", "单位：万元", tb))
			got := factMap(rep, "t09")
			for concept, v := range budget {
				final := strings.TrimSuffix(concept, ".budget")
				if want := map[string]string{"28500": "3900", "0": "0"}[v]; got[final] != want {
					t.Errorf("%s = %q, want %q", final, got[final], want)
				}
			}
			for concept := range got {
				if _, ok := tc.budget[concept+".budget"]; !ok && !strings.HasSuffix(concept, ".budget") {
					t.Errorf("%s read from columns no heading names: %v", concept, got)
				}
			}
			// a figure keeps the reading's confidence only where both its
			// item's heading and its kind were read
			itemRead := map[int]bool{}
			for c := range top {
				h := top[c]
				for i := c; h == "<"; i-- {
					h = top[i-1]
				}
				if h == "公务用车购置及运行费" {
					h = sub[c]
					for i := c; h == "<"; i-- {
						h = sub[i-1]
					}
				}
				itemRead[c+1] = slices.Contains([]string{"合计", "因公出国（境）费", "公务接待费", "小计", "公务用车购置费", "公务用车运行费"}, h)
			}
			for _, f := range rep.Facts {
				if f.Table != "t09" {
					continue
				}
				named := itemRead[f.Pos.Col] && (strings.Contains(last[f.Pos.Col-1], "预算") || strings.Contains(last[f.Pos.Col-1], "决算"))
				if want := map[bool]float64{true: 0.9, false: inferredConfidence}[named]; f.Confidence != want {
					t.Errorf("%s (%s) at confidence %.2f, want %.2f", f.Concept, f.Pos, f.Confidence, want)
				}
			}
			for _, f := range rep.Facts {
				if f.Table != "t09" || !strings.HasSuffix(f.Concept, ".budget") {
					continue
				}
				if budget[f.Concept] != f.Value.String() {
					t.Errorf("%s = %s (%s), want %q", f.Concept, f.Printed, f.Pos, budget[f.Concept])
				}
				delete(budget, f.Concept)
			}
			if len(budget) > 0 {
				t.Errorf("budgets not read: %v", budget)
			}
			warned := false
			for _, w := range rep.Warnings {
				warned = warned || strings.Contains(w.Message, "template's order of columns")
			}
			if !warned {
				t.Errorf("no warning that columns were named by the template's order: %v", rep.Warnings)
			}
		})
	}
}

// A 三公 table whose title row, beside the 项目 column, says 决算: its
// 预算数 columns hold budgets all the same, as their own heads say, in a
// text layer and a scan alike; and a misread 预算数 head is not read as a
// final figure for the title's word.
func TestThreePublicTitleSaysFinal(t *testing.T) {
	for _, tc := range []struct {
		method schema.Method
		head   string // the first column's last line of heading
		want   map[string]string
	}{
		{schema.MethodText, "预算数", map[string]string{"three_public.total.budget": "28500", "three_public.total": "3900"}},
		{schema.MethodOCR, "预算数", map[string]string{"three_public.total.budget": "28500", "three_public.total": "3900"}},
		{schema.MethodOCR, "FRR", map[string]string{"three_public.total.budget": "28500", "three_public.total": "3900"}},
	} {
		tb := grid("s.pdf", 1,
			[]string{"项目", "财政拨款“三公”经费决算", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"},
			[]string{"^", "合计", "<", "因公出国（境）费", "<", "公务用车购置及运行费", "<", "<", "<", "<", "<", "公务接待费", "<"},
			[]string{"^", "^", "^", "^", "^", "小计", "<", "公务用车购置费", "<", "公务用车运行费", "<", "^", "^"},
			[]string{"^", tc.head, "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"},
			[]string{"金额", "2.85", "0.39", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "2.85", "0.39"},
		)
		if tc.method == schema.MethodOCR {
			tb = ocr(tb, 0.9)
		}
		got := factMap(Report(docOf("七、财政拨款“三公”经费支出决算表", "单位：万元", tb)), "t09")
		t.Logf("%s %s: %v", tc.method, tc.head, got)
		for concept, v := range tc.want {
			if got[concept] != v {
				t.Errorf("%s, head %s: %s = %q, want %s", tc.method, tc.head, concept, got[concept], v)
			}
		}
		if got["three_public.reception.budget"] != "28500" || got["three_public.reception"] != "3900" {
			t.Errorf("%s, head %s: the reception's budget and final figure are not told apart: %v", tc.method, tc.head, got)
		}
	}
}

// The 合计 row of a code table printed on the line of the 类|款|项 heads,
// right below the header and above the first code, is read from a scan as
// from a text layer, its heads misread or not.
func TestOCRTotalBesideHeads(t *testing.T) {
	for _, tc := range []struct {
		heads    []string
		codeHead string
	}{
		{[]string{"类", "款", "项"}, "科目编码"},
		{[]string{"类", "zx", "ai"}, "科目编码"},
		{[]string{"类", "4%", "项"}, "j斗目编瑟"}, // the columns of codes known by their codes only
	} {
		heads := tc.heads
		tb := ocr(grid("s.pdf", 1,
			[]string{"项目", "<", "<", "<", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"},
			[]string{"支出功能分类", "<", "<", "科目名称", "^", "^", "^", "^", "^", "^", "^"},
			[]string{tc.codeHead, "<", "<", "^", "^", "^", "^", "^", "^", "^", "^"},
			append(heads, "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"),
			[]string{"201", "", "", "一般公共服务支出", "2,112.86", "2,106.66", "", "", "", "", "6.20"},
			[]string{"201", "06", "", "财政事务", "2,112.86", "2,106.66", "", "", "", "", "6.20"},
			[]string{"201", "06", "01", "行政运行", "1,511.90", "1,511.89", "", "", "", "", "0.01"},
			[]string{"201", "06", "02", "一般行政管理事务", "10.00", "10.00", "", "", "", "", ""},
		), 0.9)
		got := factMap(Report(docOf("二、收入决算表", "单位：万元", tb)), "t02")
		if got["income.total"] != "29462500" || got["income.fiscal"] != "29400500" || got["income.other"] != "62000" || got["income.func.2010601"] != "15119000" {
			t.Errorf("heads %v, %s: the totals or the codes were not read: %v", heads, tc.codeHead, got)
		}
	}
}

// A sentence ending in 决算为 or 决算。 is no title, misread 表 or not.
func TestOCRSentenceNoTitle(t *testing.T) {
	for _, line := range []string{"2023年度一般公共预算财政拨款支出决算为", "本部门2023年度无国有资本经营预算财政拨款支出决算。"} {
		doc := docOf(line, ocr(grid("s.pdf", 1,
			[]string{"项目", "金额"},
			[]string{"合计", "1.00"},
		), 0.9))
		for i := range doc.Pages[0].Blocks {
			doc.Pages[0].Blocks[i].Method = schema.MethodOCR
		}
		for _, tb := range Report(doc).Tables {
			if tb.Kind != schema.TableOther {
				t.Errorf("%q titles a table %s", line, tb.ID)
			}
		}
	}
}

// The tail of a summary table is named to its last row, 总计, though that
// lies two rows past the last row read.
func TestOCRTailToLastRow(t *testing.T) {
	tb := ocr(grid("s.pdf", 1,
		[]string{"收入", "<", "<", "支出", "<", "<"},
		[]string{"项目", "行次", "金额", "项目", "行次", "金额"},
		[]string{"一、一般公共预算财政拨款收入", "1", "303.36", "一、一般公共服务支出", "31", "303.36"},
		[]string{"二、政府性基金预算财政拨款收入", "2", "", "二、外交支出", "32", ""},
		[]string{"本年收入合计", "3", "303.36", "本年支出合计", "33", "303.36"},
		[]string{"使用非财政拨款结余", "4", "0.00", "结余分配", "34", "0.00"},
		[]string{"牛初结传和名余", "5", "0.01", "牛未结传和名余", "35", "0.01"},
		[]string{"忘汁", "6", "303.37", "忘汁", "36", "303.37"},
	), 0.9)
	got := factMap(Report(docOf("一、收入支出决算总表", "单位：万元", tb)), "t01")
	if got["grand_total.income"] != "3033700" || got["grand_total.expenditure"] != "3033700" {
		t.Errorf("总计 rows not named: %v", got)
	}
}

// OCR reads the colon of 总分： as a semicolon, and the score on a line of
// its own: the total is read all the same.
func TestOCRTotalScore(t *testing.T) {
	tb := ocr(grid("s.pdf", 1,
		[]string{"填报日期： 2024年10月10日", "", "", "", "", "总分；\n94"},
		[]string{"一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"},
	), 0.9)
	got := factMap(Report(docOf("2023年某中心整体绩效自评表", tb)), "perf")
	if got["performance.score.total"] != "94" {
		t.Errorf("total score: %v", got)
	}
}

// A performance table as a poor scan reads it: the head of the indicator
// rows and the goals' rows garbled past reading ("阳分" for 得分, "县标3：杂分
// 20" for 目标3：满分20), the scores right. The scores are read under the
// goals, each goal's given when the next goal's row or the 总分 row closes
// it and its number followed the one before; the goals' own marks, unread,
// are not guessed; the 总分 row, its label garbled or lost, is no
// indicator. Where a goal's row was missed, or a table begins at a later
// goal, nothing is given of the goals it leaves in doubt. A text layer
// printing the same garbage gets none of it.
func TestOCRGarbledPerformanceTable(t *testing.T) {
	base := [][]string{
		{"填报日期： 2024年10月10日", "", "", "", "", "总分：94"},
		{"杠；", "二级指标", "三级指标", "SE ih", "SFG", "阳分"},
		{"目标1油分17分，买委16分", "<", "<", "<", "<", "<"},
		{"产沿拱标", "宣传城乡居民社保", "印刷了4210份", "北休基本医疗", "噶费", "3"},
		{"^", "^", "务1369人", "目前已完碟", "兴计", "4"},
		{"目标2：满分53，实委生对", "<", "<", "<", "<", "<"},
		{"严出桩标", "为深入推进", "支出完成盏【6臣]", "不喜佣不起支", "100.00%", "5"},
		{"县标3：杂分20，实得20分", "<", "<", "<", "<", "<"},
		{"产出指标", "屿业促进工作", "中心及各社区", "完成城镇", "再就业", "4"},
		{"敬分", "<", "<", "<", "<", "94"},
	}
	with := func(edit map[int][]string, drop ...int) [][]string {
		var out [][]string
		for i, row := range base {
			if slices.Contains(drop, i) {
				continue
			}
			if e, ok := edit[i]; ok {
				row = e
			}
			out = append(out, row)
		}
		return out
	}
	read := func(rows [][]string) map[string]string {
		return factMap(Report(docOf("2023年某中心整体绩效自评表", ocr(grid("s.pdf", 1, rows...), 0.6))), "perf")
	}
	all := map[string]string{
		"performance.score.total": "94",
		"performance.score.1.1":   "3",
		"performance.score.1.2":   "4",
		"performance.score.2.1":   "5",
		"performance.score.3.1":   "4",
	}
	total := map[string]string{"performance.score.total": "94"}
	for _, tc := range []struct {
		name string
		rows [][]string
		want map[string]string
	}{
		{"as read", base, all},
		{"the 总分 label lost", with(map[int][]string{9: {"", "<", "<", "<", "<", "94"}}), all},
		{"goal 2's row missed", with(map[int][]string{5: {"目慰2：满分53，实委生对", "<", "<", "<", "<", "<"}}),
			total},
		{"beginning at goal 3", with(nil, 2, 3, 4, 5, 6), total},
		{"the last goal not closed", with(nil, 9), map[string]string{
			"performance.score.total": "94", "performance.score.1.1": "3", "performance.score.1.2": "4", "performance.score.2.1": "5"}},
		{"a 满分 column, the score's head unread", with(map[int][]string{
			1: {"杠；", "二级指标", "三级指标", "满分", "SFG", "自评汾"},
			3: {"产沿拱标", "宣传城乡居民社保", "印刷了4210份", "5", "噶费", "3"},
			6: {"严出桩标", "为深入推进", "支出完成盏【6臣]", "6", "100.00%", "5"},
			8: {"产出指标", "屿业促进工作", "中心及各社区", "5", "再就业", "4"},
		}), total},
	} {
		t.Run(tc.name, func(t *testing.T) { expect(t, read(tc.rows), tc.want) })
	}
	// goal 9 read, goal 10 garbled: a number of two digits
	nine := with(map[int][]string{2: {"目标9：满分17分，实得16分", "<", "<", "<", "<", "<"}, 5: {"目标10：满分53，实委生对", "<", "<", "<", "<", "<"}}, 7, 8)
	expect(t, read(nine), map[string]string{"performance.score.total": "94", "performance.score.9": "16", "performance.score.9.max": "17",
		"performance.score.9.1": "3", "performance.score.9.2": "4", "performance.score.10.1": "5"})
	// a row that looks like the 总分 row ends the goals: nothing after it
	// is given under a goal left in doubt
	merged := [][]string{base[0], base[1], base[7],
		{"产出指标", "就业", "培训", "100人", "152人", "3"},
		{"务1369人", "<", "<", "<", "<", "4"},
		{"产出指标", "就业", "招聘", "100人", "203人", "5"},
		base[9]}
	expect(t, read(merged), total)
	if got := factMap(Report(docOf("2023年某中心整体绩效自评表", grid("t.docx", 1, base...))), "perf"); len(got) != 1 {
		t.Errorf("text layer: %v, want the total only", got)
	}
}

// A well-read OCR'd performance table: an indicator whose label cell lost
// its column rules, one cell across to the score, is an indicator still;
// a goal's row garbled past reading opens the next goal.
func TestOCRPerformanceMergedIndicator(t *testing.T) {
	tb := ocr(grid("s.pdf", 1,
		[]string{"一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "得分"},
		[]string{"目标1：满分7分，实得7分", "<", "<", "<", "<", "<"},
		[]string{"产出指标", "宣传", "印刷宣传单", "4000份", "4210份", "3"},
		[]string{"产出指标 宣传 入户 1300人 1369人", "<", "<", "<", "<", "4"},
		[]string{"县标2：杂分20，实得20分", "<", "<", "<", "<", "<"},
		[]string{"产出指标", "就业", "培训", "100人", "152人", "5"},
		[]string{"总分", "<", "<", "<", "<", "94"},
	), 0.9)
	expect(t, factMap(Report(docOf("2023年某中心整体绩效自评表", tb)), "perf"), map[string]string{
		"performance.score.1": "7", "performance.score.1.max": "7",
		"performance.score.1.1": "3", "performance.score.1.2": "4",
		"performance.score.2.1": "5", "performance.score.total": "94",
	})
}

// One read label on each side, at the same place of the two tails, places
// both tails: the rows of 收入支出决算总表 after 本年收入合计 and
// 本年支出合计 are named by the template's order.
func TestOCRTailsPlaceEachOther(t *testing.T) {
	tb := ocr(grid("s.pdf", 1,
		[]string{"收入", "<", "<", "支出", "<", "<"},
		[]string{"项目", "行次", "金额", "项目", "行次", "金额"},
		[]string{"一、一般公共预算财政拨款收入", "1", "303.36", "一、一般公共服务支出", "31", "303.36"},
		[]string{"本年收入合计", "2", "303.36", "本年支出合计", "32", "303.36"},
		[]string{"便用自财下妊玫慎全", "3", "0.00", "证休分本", "33", "0.00"},
		[]string{"牛初结传和名余", "4", "0.01", "省未寻让避馈争", "34", "0.01"},
		[]string{"忘汁", "5", "303.37", "忘汁", "35", "303.37"},
	), 0.9)
	got := factMap(Report(docOf("一、收入支出决算总表", "单位：万元", tb)), "t01")
	for c, v := range map[string]string{
		"income.total": "3033600", "income.use_of_balance": "0", "carryover.opening": "100", "grand_total.income": "3033700",
		"expenditure.total": "3033600", "balance.distribution": "0", "carryover.closing": "100", "grand_total.expenditure": "3033700",
	} {
		if got[c] != v {
			t.Errorf("%s = %q, want %s (all: %v)", c, got[c], v, got)
		}
	}
}

// A figure of OCR'd text with a digit glued to its unit ("占11.119%4；",
// the percent sign of 11.11% misread), or a percentage with three decimals
// the last not a 9 ("15.168%"), or one with a leading zero ("09%") or a digit and a space
// before it ("0 9%"), or a point and no digit before it (".999%" for 30.99%), is not read, and the report says so; in a text layer
// the same characters are read as printed. A digit after a unit of
// characters ("1511.89万元5 ”", the stop misread) leaves the figure read.
func TestOCRGluedDigit(t *testing.T) {
	lines := []any{
		"五、一般公共预算财政拨款支出决算情况说明",
		"一般公共预算财政拨款支出2940.05万元，主要用于以下方面：社会保障和就业支出（类）326.72万元，占11.119%4；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占15.168%。",
		"1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为1560.05万元，支出决算为1511.89万元5 ”决算数小于预算数的主要原因：人员进出。",
		"本年支出合计303.36万元，其中：基本支出303.36万元，占本年支出100%；项目支出0万元，占本年支出0 9%。",
		"3.公务接待费预算为0.29万元，支出决算为0万元，完成预算的09%。",
		"2023年度支出合计303.36万元，与2022年度相比，支出合计增加71.78万元，增长 .999%。",
	}
	for _, method := range []schema.Method{schema.MethodOCR, ""} {
		doc := docAs(method, lines...)
		rep := Report(doc)
		got := map[string]string{}
		for _, f := range rep.Facts {
			got[f.Concept] = f.Printed
		}
		if got["gpb.func.210.share_of"] != "2.07%" || got["gpb.func.208"] != "326.72万元" || got["gpb.func.2010601"] != "1511.89万元" {
			t.Errorf("method %q: the figures around it lost: %v", method, got)
		}
		for _, tc := range []struct {
			concept, printed string
			asPrinted        bool // read as printed from a text layer
		}{
			{"gpb.func.208.share_of", "11.119%", true},             // a digit glued after it
			{"gpb.func.221.share_of", "15.168%", true},             // three decimals
			{"three_public.reception.completion_pct", "09%", true}, // a leading zero
			{"gpb.project.share_of", "9%", false},                  // a digit and a space before it
			{"expenditure.total.growth_pct", ".999%", false},       // a point and no digit before it
		} {
			share, warned := got[tc.concept], false
			for _, w := range rep.Warnings {
				warned = warned || strings.Contains(w.Message, strconv.Quote(tc.printed))
			}
			if method == schema.MethodOCR && (share != "" || !warned) {
				t.Errorf("OCR: %s %q read, warned %v; want none read and a warning", tc.concept, share, warned)
			}
			if method == "" && tc.asPrinted && share != tc.printed {
				t.Errorf("text layer: %s %q, want %s as printed", tc.concept, share, tc.printed)
			}
		}
	}
}

// A row label whose cell spans several grid columns (a poor scan's stray
// column boundaries, a merged cell of a text layer) is read once: read
// again in each column it covers, it opened a segment of its own, without
// the row's code, and a label the vocabulary does not know ("基2工资", a
// misreading) lost the row its figure.
func TestLabelSpanningColumns(t *testing.T) {
	row := func(code, label, amount string) []string {
		return []string{code, label, "<", "<", "<", amount}
	}
	tb := grid("s.pdf", 1,
		row("经济分类科目编码", "科目名称", "决算数"),
		row("301", "工资福利支出", "95.36"),
		row("30101", "基2工资", "14.12"),
		row("30102", "注贴补贴", "39.72"),
		row("30103", "奖金", "0.00"),
	)
	for _, method := range []string{"text", "ocr"} {
		var rep *schema.Report
		if method == "ocr" {
			rep = Report(docOf("六、一般公共预算财政拨款基本支出决算表", "单位：万元", ocr(tb, 0.9)))
		} else {
			rep = Report(docOf("六、一般公共预算财政拨款基本支出决算表", "单位：万元", tb))
		}
		expect(t, factMap(rep, "t06"), map[string]string{
			"gpb.econ.301": "953600", "gpb.econ.30101": "141200", "gpb.econ.30102": "397200", "gpb.econ.30103": "0",
		})
	}
}

// OCR'd narrative with one character misread in a label or a role word:
// "收六支出总计" is 收入支出总计 (one character off one label, no other),
// "某局2024年度政府采购金客" ends one character off 政府采购金额, "减钞" is
// a decrease, "古71.73%" and "上古2.07%" after an amount a share; a text
// layer is read as printed, and two characters off is no label (政府柔购仍额).
func TestOCRNarrativeMisread(t *testing.T) {
	lines := []any{
		"一、收入支出决算总体情况说明",
		"某局2024年度收入支出总计2995.39万元。与2023年度相比，收六支出总计减钞56.95万元，下降1.87%。",
		"五、一般公共预算财政拨款支出决算情况说明",
		"一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，古71.73%；社会保障和就坐支生（类）326.72万元，占11.11%；卫生健康支出（类）60.99万元，上古2.07%。",
		"十、其他重要事项的情况说明",
		"（二）政府采购支出情况",
		"某局2024年度政府采购金客（以合同签订为准）为2319.21万元，其中：货物采购金额122.43万元。",
		"某局2023年度政府柔购仍额（以合同签订为准）为251.25万元。",
		"其中：授予小企业合同金额2000.00万元，授予中小微企业合同金额1000.00万元；货物采购政府采购金客100.00万元。",
		"三、收入决算情况说明",
		"国有资本经营预性财政搁款收入0万元。",
		"本年收入合计2995.39万元，其中：财政拨款收人2940.05万元，占98.16%。",
	}
	for _, method := range []schema.Method{schema.MethodOCR, ""} {
		doc := docAs(method, lines...)
		got := map[string]string{}
		for _, f := range Report(doc).Facts {
			if f.Derived == nil {
				got[f.Concept] = f.Value.String()
			}
		}
		misread := map[string]string{
			"grand_total.expenditure.change": "-569500", "gpb.func.201.share_of": "71.73", "procurement.total": "23192100",
			"gpb.func.210.share_of": "2.07",
		}
		for c, v := range misread {
			if method == schema.MethodOCR && got[c] != v {
				t.Errorf("OCR: %s = %q, want %s", c, got[c], v)
			}
			if method == "" && got[c] != "" {
				t.Errorf("text layer: %s = %q read from a misprint", c, got[c])
			}
		}
		if got["gpb.func.208"] != "" || got["gpb.func.208.share_of"] != "" {
			t.Errorf("method %q: 社会保障和就坐支生, two characters off, read as class 208: %v", method, got)
		}
		if got["gpb.func.201"] != "21066600" || got["procurement.goods"] != "1224300" {
			t.Errorf("method %q: gpb.func.201 = %q, procurement.goods = %q", method, got["gpb.func.201"], got["procurement.goods"])
		}
		for _, f := range Report(doc).Facts {
			if f.Concept == "procurement.total" && f.Value.String() == "2512500" {
				t.Errorf("method %q: 政府柔购仍额, two characters off, read as the procurement total", method)
			}
			switch {
			case f.Concept == "income.fiscal":
				t.Errorf("method %q: a misread 国有资本经营预算财政拨款收入 read as 财政拨款收入 (%s)", method, f.Printed)
			case strings.HasPrefix(f.Concept, "fiscal.grand_total"):
				t.Errorf("method %q: 财政拨款收人, as close to 财政拨款收支 as to 财政拨款收入, read as %s (%s)", method, f.Concept, f.Printed)
			case strings.HasPrefix(f.Concept, "procurement.small_micro") || strings.HasPrefix(f.Concept, "procurement.sme"):
				t.Errorf("method %q: a name a character longer or shorter than another read as %s (%s)", method, f.Concept, f.Printed)
			case f.Concept == "procurement.total" && f.Value.String() == "1000000":
				t.Errorf("method %q: a misread end read as procurement.total after a name (货物采购)", method)
			}
		}
	}
}

// What OCR'd narrative tolerance must not read: 增至 gives a new level, no
// change; a percentage after a percentage ("增长5.00%，降3.00%") is no share.
func TestOCRNarrativeNoMisread(t *testing.T) {
	doc := docOf(
		"一、收入支出决算总体情况说明",
		"某局2024年度收入支出总计增至100.00万元。",
		"五、一般公共预算财政拨款支出决算情况说明",
		"一般公共服务支出（类）2106.66万元，比上年增长5.00%，降3.00%。",
	)
	for i := range doc.Pages[0].Blocks {
		doc.Pages[0].Blocks[i].Method = schema.MethodOCR
		doc.Pages[0].Blocks[i].Confidence = 0.9
	}
	for _, f := range Report(doc).Facts {
		if strings.HasSuffix(f.Concept, ".change") || strings.HasSuffix(f.Concept, ".share_of") {
			t.Errorf("%s = %s read from %q", f.Concept, f.Value, f.Printed)
		}
	}
}

// A 类/款/项 chain of OCR'd narrative whose names were misread, each one
// character off, is matched name by name to its level ("一般贷共服务支出
// （类）财政事夯（款）", a stray "了" before 卫生健康支出); a name two
// characters off ("某某运行": 行政运行? 事业运行?) leaves the chain unread.
// A text layer's chain must name its items exactly.
func TestOCRMisreadChain(t *testing.T) {
	lines := append(table05([2]string{"2010607", "135.25"}, [2]string{"2101101", "60.99"}, [2]string{"21202", "7.00"}),
		"五、一般公共预算财政拨款支出决算情况说明",
		"（三）一般公共预算财政拨款支出决算具体情况",
		"3、一般贷共服务支出（类）财政事夯〔款）信息化建设〔（项）。主要用于：信息化系统日常维护费等支出。年初预算为135.90万元，支出决算为135.25万元。",
		"9、了卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。主要用于：在职人员基本医疗保险费。年初预算为62.29万元，支出决算为60.99万元。",
		"10、一般公共服务支出（类）财政事务（款）某某运行（项）。主要用于：日常工作。年初预算为1.00万元，支出决算为2.00万元。",
		// 高中教育 (2050204), one character off 高等教育 (2050205), is
		// not in the code table: only the codes of the report's tables
		// are taken
		"11、教育支出（类）普通教育（款）高中教育（项）。主要用于：日常工作。年初预算为3.00万元，支出决算为4.00万元。",
		// a 项 marker second: the name is no 款
		"12、城乡社区支山（类）城乡社区规划与管理（项）。主要用于：日常工作。年初预算为5.00万元，支出决算为6.00万元。",
	)
	for _, method := range []schema.Method{schema.MethodOCR, ""} {
		doc := docAs(method, lines...)
		got := narrativeFacts(Report(doc))
		want := map[string]string{
			"gpb.func.2010607": "135.25万元", "gpb.func.2010607.budget": "135.90万元",
			"gpb.func.2101101": "60.99万元", "gpb.func.2101101.budget": "62.29万元",
		}
		for c, v := range want {
			if method == schema.MethodOCR && got[c] != v {
				t.Errorf("OCR: %s = %q, want %s (all: %v)", c, got[c], v, got)
			}
			if method == "" && got[c] != "" {
				t.Errorf("text layer: %s = %q read from a misprinted chain", c, got[c])
			}
		}
		unread := map[string]bool{"1.00万元": true, "2.00万元": true, "3.00万元": true, "4.00万元": true, "5.00万元": true, "6.00万元": true}
		for c, v := range got {
			if unread[v] {
				t.Errorf("method %q: %s = %s read from a chain to leave unread", method, c, v)
			}
		}
	}
}

// An OCR'd label one character off a name of the vocabulary is that name,
// even where a shorter name is its tail: "一摘公共预算财政拨款支出" is
// 一般公共预算财政拨款支出, not 财政拨款支出 (fiscal.expenditure). A text
// layer is read as printed.
func TestOCRMisreadBeforeTail(t *testing.T) {
	lines := []any{
		"五、一般公共预算财政拨款支出决算情况说明",
		"一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。与2023年度相比，一摘公共预算财政拨款支出减少63.14万元，下降2.10%。",
	}
	for _, method := range []schema.Method{schema.MethodOCR, ""} {
		doc := docAs(method, lines...)
		got := map[string]string{}
		for _, f := range Report(doc).Facts {
			if f.Derived == nil {
				got[f.Concept] = f.Value.String()
			}
		}
		misread, tail := "gpb.expenditure.change", "fiscal.expenditure.change"
		if method == "" {
			misread, tail = tail, misread
		}
		if got[misread] != "-631400" || got[tail] != "" {
			t.Errorf("method %q: %s = %q and %s = %q, want -631400 and none (all: %v)", method, misread, got[misread], tail, got[tail], got)
		}
	}
}

// A chain followed by 主要用于 with no stop between ("…事业运行（项）\n主要
// 用于：…"), even with its last bracket lost at the line end, names the
// figures after it, in a text layer as in OCR'd text. In OCR'd text a
// misread marker between names ("社会工作事务（坎）") still divides them,
// and the last marker may lack its opening bracket ("养老支出项）").
func TestChainWithoutStop(t *testing.T) {
	lines := append(table05([2]string{"2013950", "11.31"}, [2]string{"2013901", "51.32"}, [2]string{"2013999", "202.24"}, [2]string{"2080599", "0.94"}),
		"五、一般公共预算财政拨款支出决算情况说明",
		"（三）一般公共预算财政拨款支出决算具体情况",
		"2、一般公共服务支出（类）社会工作事务（款）事业运行（项）\n主要用于：事业单位人员支出。全年预算为17.68万元，支出决算为11.31万元。",
		"1、一般公共服务支出（类）社会工作事务（款）行政运行（项\n主要用于：行政单位人员支出。全年预算为52.00万元，支出决算为51.32万元。",
		"3、一般公共服务支出（类）社会工作事务（坎）其他社会工作\n事务支出（项）。主要用于：新建部门开办费。全年预算为202.24万元，支出决算为202.24万元。",
		"8、社会保障和就业支出（类）行政事业单位养老支出（坎）其他行政事业单位养老支出项）。主要用于：退休人员经费支出。全年预算为0.94万元，支出决算为0.94万元。",
	)
	for _, method := range []schema.Method{schema.MethodOCR, ""} {
		doc := docAs(method, lines...)
		got := narrativeFacts(Report(doc))
		for c, v := range map[string]string{
			"gpb.func.2013950": "11.31万元", "gpb.func.2013950.budget_adjusted": "17.68万元",
			"gpb.func.2013901": "51.32万元", "gpb.func.2013901.budget_adjusted": "52.00万元",
		} {
			if got[c] != v {
				t.Errorf("method %q: %s = %q, want %s (all: %v)", method, c, got[c], v, got)
			}
		}
		for c, v := range map[string]string{"gpb.func.2013999": "202.24万元", "gpb.func.2080599": "0.94万元"} {
			if method == schema.MethodOCR && got[c] != v || method == "" && got[c] != "" {
				t.Errorf("method %q: %s = %q after a misread marker", method, c, got[c])
			}
		}
	}
}

// OCR reads the closing quote of “三公” as a question mark ("“三公？经费"):
// between two Han characters of OCR'd text it ends no sentence, and the
// figures are the 三公 total's, not those of 财政拨款支出 (the tail of what
// followed the question mark), which contradicted table 4's.
func TestOCRQuoteReadAsQuestionMark(t *testing.T) {
	got := narrativeFacts(Report(docAs(schema.MethodOCR,
		"七、财政拨款“三公”经费支出决算情况说明",
		"“三公？经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的 0%。",
	)))
	want := map[string]string{"three_public.total.budget": "0.95万元", "three_public.total": "0.00万元", "three_public.total.completion_pct": "0%"}
	for c, v := range want {
		if got[c] != v {
			t.Errorf("%s = %q, want %s (all: %v)", c, got[c], v, got)
		}
	}
	for c := range got {
		if strings.HasPrefix(c, "fiscal.") {
			t.Errorf("%s = %s: read as 财政拨款支出", c, got[c])
		}
	}
}

// OCR lost the stop after what an item's money went to ("主要用于：在职人员
// 的基本养老保险支出年初预算为161.62万元"): the budget after it is the
// item's, as the text layer, with its stop, gives it. Without the stop a
// text layer's figure after an unknown label is not read.
func TestOCRUseWithoutStop(t *testing.T) {
	lines := []any{
		"五、一般公共预算财政拨款支出决算情况说明",
		"（三）一般公共预算财政拨款支出决算具体情况",
		"6、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。主要用于：在职人员的基本养老保险支出年初预算为 161.62万元，支出决算为160.75万元。",
	}
	for _, method := range []schema.Method{schema.MethodOCR, ""} {
		doc := docAs(method, lines...)
		got := narrativeFacts(Report(doc))
		want := map[string]string{"gpb.func.2080505.budget": "161.62万元", "gpb.func.2080505": "160.75万元"}
		if method == "" {
			want = map[string]string{"gpb.func.2080505.budget": "", "gpb.func.2080505": ""}
		}
		for c, v := range want {
			if got[c] != v {
				t.Errorf("method %q: %s = %q, want %q (all: %v)", method, c, got[c], v, got)
			}
		}
	}
}

// table05 is a text-layer 一般公共预算财政拨款支出决算表 with a row for
// each code and amount given, as the OCR'd narrative tests need the
// report's own tables to name the items their chains may resolve to.
func table05(rows ...[2]string) []any {
	g := [][]string{
		{"功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"},
		{"", "栏次", "1", "2", "3"},
	}
	for _, r := range rows {
		g = append(g, []string{r[0], "", r[1], r[1], ""})
	}
	return []any{"一般公共预算财政拨款支出决算表", "单位：万元", grid("t.pdf", 1, g...)}
}

// narrativeFacts maps the concepts of a report's narrative facts (not its
// tables') to their figures as printed.
func narrativeFacts(rep *schema.Report) map[string]string {
	got := map[string]string{}
	for _, f := range rep.Facts {
		if f.Table == "" {
			got[f.Concept] = f.Printed
		}
	}
	return got
}

// A label one character off another that makes a contrast pair (国外 and
// 国内, 收 and 支) is another label, not a misreading: OCR does not confuse
// those shapes. 国外公务接待费 is the foreign reception, in a text layer as
// in OCR'd text, and no restatement of the domestic one.
func TestContrastedLabels(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"国外公务接待费", "国内公务接待费", true},
		{"本年收入合计", "本年支出合计", false}, // two characters
		{"本年收出合计", "本年支出合计", true},
		{"一摘公共预算财政拨款支出", "一般公共预算财政拨款支出", false},
		{"了卫生健康支出", "卫生健康支出", false},
	} {
		if got := contrasted(tc.a, tc.b); got != tc.want {
			t.Errorf("contrasted(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	for _, method := range []schema.Method{schema.MethodOCR, ""} {
		got := narrativeFacts(Report(docAs(method,
			"七、财政拨款“三公”经费支出决算情况说明",
			"公务接待费支出0.30万元，其中：国内公务接待费0.20万元，国外公务接待费0.10万元。",
		)))
		if got["three_public.reception.domestic"] != "0.20万元" || got["three_public.reception.foreign"] != "0.10万元" {
			t.Errorf("method %q: domestic %q, foreign %q, want 0.20万元 and 0.10万元", method, got["three_public.reception.domestic"], got["three_public.reception.foreign"])
		}
	}
}

// The fuzzy readings of OCR'd text apply to the paragraphs read by OCR
// only: in a document of text-layer pages and scanned ones, a text-layer
// paragraph after an OCR'd one is read as printed.
func TestOCRRulesPerParagraph(t *testing.T) {
	doc := docOf(append(table05([2]string{"2010607", "135.25"}),
		"五、一般公共预算财政拨款支出决算情况说明",
		"（三）一般公共预算财政拨款支出决算具体情况",
		"一般公共预算财政拨款支出年初预算为135.90万元，支出决算为135.25万元。",
		"3、一般贷共服务支出（类）财政事夯（款）信息化建设（项）。主要用于：日常维护。年初预算为135.90万元，支出决算为135.25万元。",
	)...)
	blocks := doc.Pages[0].Blocks
	blocks[len(blocks)-2].Method = schema.MethodOCR // the paragraph before; the last is a text layer's
	if got := narrativeFacts(Report(doc)); got["gpb.func.2010607"] != "" {
		t.Errorf("a text layer's misprinted chain read as 2010607: %v", got)
	}
	blocks[len(blocks)-1].Method = schema.MethodOCR
	if got := narrativeFacts(Report(doc)); got["gpb.func.2010607"] != "135.25万元" {
		t.Errorf("the OCR'd chain not read: %v", got)
	}
}

// docAs is docOf with every block read as method says (OCR'd blocks with
// confidence 0.9).
func docAs(method schema.Method, blocks ...any) *schema.Document {
	doc := docOf(blocks...)
	for i := range doc.Pages[0].Blocks {
		doc.Pages[0].Blocks[i].Method = method
		doc.Pages[0].Blocks[i].Confidence = 0.9
	}
	return doc
}

// An OCR'd list of basic expenditure names its economic items in code
// order. A name of three Han characters or more one character off exactly
// one item after the one named before it is that item (莽旅费 after 物业管
// 理费 is 差旅费), in a new sentence whatever came before; a name after a
// 、 that OCR made a figure without digits of is read on its own (手乡导和
// 万元、水费). Not read: a name one character off an item before the last
// one named (租赁改 after 福利费), a two-character one (华费, which might
// be 电费 or another name), names joined by 、 under one figure, a
// misspelt name in a text layer. A figure beside a misread name must have
// the shape of an amount (0 or two decimals), and no OCR'd amount in 万元
// more than two decimals; either is left out with a warning, and what
// follows it is not pinned on the item before (印刷费's change is no 办公
// 费's). A text layer's 2.105万元 is read as printed.
func TestOCREconomicList(t *testing.T) {
	lines := []any{
		"六、一般公共预算财政拨款基本支出决算情况说明",
		"公用经费39.91万元，主要包括：办公费1.00万元、印刷费2.105万元，较上年增加0.50万元、咨询费0万元、手乡导和万元、水费0万元、华费0.12万元、邮电费0万元、物业管理费0万元、莽旅费 1.30万元、福利司1.75万元、租赁改0.40万元、税爹及附加费用0万元、生活补肋436万元、亦公设备购置0万元。",
		"主要用于办公费、其他交通费用12.34万元。",
		"维修（护）费0万元、亦公费0.20万元。",
	}
	want := map[string]string{
		"gpb.econ.30201": "1.00万元", "gpb.econ.30202.change": "0.50万元", "gpb.econ.30203": "0万元", "gpb.econ.30205": "0万元",
		"gpb.econ.30207": "0万元", "gpb.econ.30209": "0万元", "gpb.econ.30211": "1.30万元", "gpb.econ.30229": "1.75万元",
		"gpb.econ.30240": "0万元", "gpb.econ.31002": "0万元", "gpb.econ.30213": "0万元",
	}
	rep := Report(docAs(schema.MethodOCR, lines...))
	got := narrativeFacts(rep)
	delete(got, "gpb.basic.public")
	expectSome(t, got, want)
	for c, v := range got {
		if _, ok := want[c]; !ok && c != "gpb.econ.30201" {
			t.Errorf("%s = %q read, want none", c, v)
		}
	}
	// the new sentence's 亦公费 is 办公费, before the items of the one
	// before: its own figure
	if got["gpb.econ.30201"] != "1.00万元" && got["gpb.econ.30201"] != "0.20万元" {
		t.Errorf("gpb.econ.30201 = %q", got["gpb.econ.30201"])
	}
	warned := 0
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "436万元") || strings.Contains(w.Message, "2.105万元") {
			warned++
		}
	}
	if warned != 2 {
		t.Errorf("%d warnings about 436万元 and 2.105万元, want one each: %v", warned, rep.Warnings)
	}

	text := Report(docAs("", lines...))
	if !slices.ContainsFunc(text.Facts, func(f schema.Fact) bool { return f.Concept == "gpb.econ.30202" && f.Printed == "2.105万元" }) {
		t.Errorf("text layer: gpb.econ.30202 2.105万元 not read as printed")
	}
	got = narrativeFacts(text)
	for _, c := range []string{"gpb.econ.30211", "gpb.econ.30229", "gpb.econ.30240"} {
		if v, ok := got[c]; ok {
			t.Errorf("text layer: %s = %q read from a misspelt name", c, v)
		}
	}
}

// The role words before 预算 of OCR'd text with one character misread:
// "爹年预算" is 全年预算 (the adjusted budget), "年禄预算" 年初预算; the
// figures after them keep their subject. 上一年预算 is no misreading. A
// text layer's words are as printed.
func TestOCRBudgetRoleWords(t *testing.T) {
	lines := []any{
		"五、一般公共预算财政拨款支出决算情况说明",
		"（三）一般公共预算财政拨款支出决算具体情况",
		"一般公共预算财政拨款支出年禄预算为0万元，爹年预算为\n321. 02万元，支出决算为307. 82万元，完成年初预算的95. 89%。",
		"三公经费上一年预算为12.00万元。",
	}
	got := narrativeFacts(Report(docAs(schema.MethodOCR, lines...)))
	for c, v := range got {
		if v == "12.00万元" && strings.HasSuffix(c, "budget_adjusted") {
			t.Errorf("%s = %q: 上一年预算 is no 全年预算", c, v)
		}
	}
	want := map[string]string{
		"gpb.expenditure.budget": "0万元", "gpb.expenditure.budget_adjusted": "321. 02万元",
		"gpb.expenditure": "307. 82万元", "gpb.expenditure.completion_pct": "95. 89%",
	}
	expectSome(t, got, want)
	got = narrativeFacts(Report(docAs("", lines...)))
	if v, ok := got["gpb.expenditure.budget_adjusted"]; ok {
		t.Errorf("text layer: gpb.expenditure.budget_adjusted = %q read from 爹年预算", v)
	}
}

// A 项 name of an OCR'd chain whose end OCR lost or spoiled ("行政；" at a
// line end, for 行政运行) is the one item under its 款, with a figure in
// the report's tables, whose name begins with its leading Han characters;
// the spoiled character (a semicolon here) ends no clause before the
// marker. Two such items in the code list (机关事业… begins 2080505 and
// 2080506, though the tables hold the first only: an OCR'd table can lose
// a row), one leading character, or a text layer leave the chain unread.
func TestOCRChainCutShort(t *testing.T) {
	para := func(chain string) string {
		return "8、" + chain + "；\n（项）。主要用于：行政单位人员支出、公用支出。年初预算为\n1115. 48万元，支出决算为1092. 80万元，完成年初预算的\n97. 97%。"
	}
	tables := table05([2]string{"2120101", "1092.80"}, [2]string{"2120102", "10.00"}, [2]string{"2080505", "1092.80"})
	for _, tc := range []struct {
		name, chain string
		method      schema.Method
		want        string // the code read, "" for none
	}{
		{"cut short", "城乡社区支出（类）城乡社区管理事务（款）行政", schema.MethodOCR, "2120101"},
		{"text layer", "城乡社区支出（类）城乡社区管理事务（款）行政", "", ""},
		{"two items begin so", "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业", schema.MethodOCR, ""},
		{"one character", "城乡社区支出（类）城乡社区管理事务（款）行", schema.MethodOCR, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := append(slices.Clone(tables), "五、一般公共预算财政拨款支出决算情况说明", "（三）一般公共预算财政拨款支出决算具体情况", para(tc.chain))
			got := map[string]string{}
			for _, f := range Report(docAs(tc.method, lines...)).Facts {
				if f.Table == "" && strings.HasSuffix(f.Concept, ".budget") {
					got[f.Concept] = f.Printed
				}
			}
			want := map[string]string{}
			if tc.want != "" {
				want["gpb.func."+tc.want+".budget"] = "1115. 48万元"
			}
			if !maps.Equal(got, want) {
				t.Errorf("budgets read %v, want %v", got, want)
			}
		})
	}
}

// Marks OCR misread in figures of OCR'd text: a $ before a digit is the 5
// OCR took it for, a colon between digits before two digits and 万元 the
// decimal point, a third decimal 9 of a percentage its sign's circle, a
// second point after a number's point a speck. The figure is read so, shows what OCR read and why it was
// put right, and is doubted (confidence 0.5). A figure with a minus sign
// too is left alone, and a text layer's marks stay.
func TestOCRMisreadMarks(t *testing.T) {
	lines := []any{
		"六、一般公共预算财政拨款基本支出决算情况说明",
		"一般公共预算财政拨款基本支出2336.91万元。其中：人员经费21$2.26万元，主要包括：基本工资。",
		"五、一般公共预算财政拨款支出决算情况说明",
		"一般公共预算财政拨款支出2940.05万元，主要用于以下方面：卫生健康支出（类）60:99万元，占2.07%；住房保障支出（类）445..69万元，占15.169%。",
		"九、财政拨款“三公”经费支出决算情况说明",
		"“三公”经费财政拨款支出年初预算数-0:95万元，支出决算−1,336:91万元。",
		"六、一般公共预算财政拨款基本支出决算情况说明",
		"公用经费3$4.65万元，比上年增加10.00万元。",
	}
	want := map[string][2]string{
		"gpb.basic.personnel":   {"21522600", "21$2.26万元"},
		"gpb.func.210":          {"609900", "60:99万元"},
		"gpb.func.221.share_of": {"15.16", "15.169%"},
		"gpb.func.221":          {"4456900", "445..69万元"},
	}
	got := map[string]schema.Fact{}
	for _, f := range Report(docAs(schema.MethodOCR, lines...)).Facts {
		if f.Table == "" {
			got[f.Concept] = f
		}
	}
	for _, c := range []string{"three_public.total.budget", "three_public.total"} {
		if f, ok := got[c]; ok && f.Repair != nil {
			t.Errorf("%s = %s from %q: a figure with a sign is no mark to put right", c, f.Value, f.Printed)
		}
	}
	// the prior year's figure derived from a repaired one is as doubtful
	for _, f := range Report(docAs(schema.MethodOCR, lines...)).Facts {
		if f.Concept == "gpb.basic.public" && f.Period == 2022 && f.Confidence > 0.5 {
			t.Errorf("prior-year %s = %s derived from a repaired figure at confidence %.2f", f.Concept, f.Value, f.Confidence)
		}
	}
	for c, w := range want {
		f, ok := got[c]
		if !ok || f.Value.String() != w[0] || f.Repair == nil || f.Repair.Read != w[1] || f.Repair.Reason == "" || f.Confidence > 0.5 {
			t.Errorf("%s = %+v (repair %+v), want %s repaired from %q at confidence 0.5 at most", c, f, f.Repair, w[0], w[1])
		}
	}
	for _, f := range Report(docAs("", lines...)).Facts {
		if w, ok := want[f.Concept]; ok && f.Value.String() == w[0] {
			t.Errorf("text layer: %s read as %s from %q", f.Concept, f.Value, f.Printed)
		}
	}
}

// A third decimal 9 before the percent sign of an OCR'd percentage is the
// sign's circle, in a report whose percentages have two decimals; not with
// a minus sign before the figure, a digit after the sign (even past a space
// or a line break), or in a report that prints three decimals.
func TestOCRPercentCircle(t *testing.T) {
	head := "五、一般公共预算财政拨款支出决算情况说明"
	total := "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.65%；"
	for _, tc := range []struct {
		text, want string // want "" for not read
	}{
		{"住房保障支出（类）445.69万元，占15.169%。", "15.16%"},
		{"住房保障支出（类）445.69万元，占15.169 %。", "15.16%"},
		{"住房保障支出（类）445.69万元，占-15.169%。", ""},
		{"住房保障支出（类）445.69万元，占15.169% 4。", ""},
		{"住房保障支出（类）445.69万元，占15.169%\n4。", ""},
		{"住房保障支出（类）445.69万元，占15.169%４。", ""},
		{"住房保障支出（类）445.69万元，占15.169%；卫生健康支出（类）60.99万元，占2.074%。", ""}, // three decimals printed
	} {
		rep := Report(docAs(schema.MethodOCR, head, total+tc.text))
		got := ""
		for _, f := range rep.Facts {
			if f.Concept == "gpb.func.221.share_of" {
				got = f.Printed
				if f.Repair == nil || f.Repair.Read == "" || f.Confidence > repairedConfidence || f.Value.String() != "15.16" {
					t.Errorf("%q: %s read %s (%s) without its repair shown at confidence 0.5 at most: %+v", tc.text, f.Concept, f.Value, f.Printed, f.Repair)
				}
			}
		}
		if got != tc.want {
			t.Errorf("%q: read %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A smudge OCR read as a character with no confidence, a paragraph of its
// own between two lines of a sentence ("光" on a real report's 200 dpi
// scan), is no text of the sentence; read surely, or in a text layer, the
// same character is.
func TestOCRSpeck(t *testing.T) {
	for _, tc := range []struct {
		method schema.Method
		conf   float64
		want   bool // the figures after it read
	}{
		{schema.MethodOCR, 0, true},
		{schema.MethodOCR, 0.9, false},
		{schema.MethodText, 0, false},
	} {
		doc := docAs(tc.method,
			"七、财政拨款“三公”经费支出决算情况说明",
			"“三公”经费财政拨款支出决算中，因公出国（境）费支出",
			"光",
			"决算0.10万元，占10.00%；公务接待费支出决算0.90万元，占90.00%。")
		doc.Pages[0].Blocks[2].Confidence = tc.conf
		got := map[string]string{}
		for _, f := range Report(doc).Facts {
			got[f.Concept] = f.Value.String()
		}
		read := got["three_public.overseas"] == "1000" && got["three_public.overseas.share_of"] == "10"
		if read != tc.want {
			t.Errorf("%s, 光 at %.1f: overseas read %v, want %v (%v)", tc.method, tc.conf, read, tc.want, got)
		}
		if got["three_public.reception"] != "9000" {
			t.Errorf("%s, 光 at %.1f: the reception not read (%v)", tc.method, tc.conf, got)
		}
	}
}

// A head of the "三公" table that OCR misread in one character (公务塘待费,
// 运行护费 for 运行维护费) still names its column; misread so in a text
// layer, it does not.
func TestOCRThreePublicHeadOneOff(t *testing.T) {
	table := func() *schema.Table {
		return grid("s.pdf", 1,
			[]string{"财政拨款“三公”经费", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"},
			[]string{"合计", "<", "因公出国（境）费", "<", "公务用车购置及运行维护费", "<", "<", "<", "<", "<", "公务塘待费", "<"},
			[]string{"^", "^", "^", "^", "小计", "<", "公务用车购置费", "<", "公务用车运行护费", "<", "^", "^"},
			[]string{"预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"},
			[]string{"2.85", "0.39", "0.00", "0.00", "0.10", "0.00", "0.00", "0.00", "0.10", "0.00", "2.75", "0.39"},
		)
	}
	got := factMap(Report(docOf("七、财政拨款“三公”经费支出决算表", "单位：万元", ocr(table(), 0.9))), "t09")
	want := map[string]string{"three_public.reception.budget": "27500", "three_public.reception": "3900", "three_public.vehicle.operation.budget": "1000"}
	expectSome(t, got, want)
	got = factMap(Report(docOf("七、财政拨款“三公”经费支出决算表", "单位：万元", table())), "t09")
	for c := range want {
		if v, ok := got[c]; ok {
			t.Errorf("text layer: %s = %s under a misspelt head", c, v)
		}
	}

	// the vehicle group's head misread, right over 预算数|决算数: its short
	// word 车购置 does not make it the purchase
	tb := ocr(grid("s.pdf", 1,
		[]string{"财政拨款“三公”经费", "<", "<", "<", "<", "<", "<", "<"},
		[]string{"合计", "<", "因公出国（境）费", "<", "公务用车购置及运衍维护费", "<", "公务接待费", "<"},
		[]string{"预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"},
		[]string{"3.85", "1.39", "0.00", "0.00", "1.00", "1.00", "2.85", "0.39"},
	), 0.9)
	for c, v := range factMap(Report(docOf("七、财政拨款“三公”经费支出决算表", "单位：万元", tb)), "t09") {
		if strings.HasPrefix(c, "three_public.vehicle.purchase") {
			t.Errorf("%s = %s: the vehicle total taken for its purchase", c, v)
		}
	}
}

// 支出 misread before 决算 in OCR'd text ("交出决算为") is the subject's
// final spending still; in a text layer the word names nothing known.
func TestOCRSpentMisread(t *testing.T) {
	lines := append(table05([2]string{"2010602", "10.00"}),
		"五、一般公共预算财政拨款支出决算情况说明",
		"（三）一般公共预算财政拨款支出决算具体情况",
		"2、一般公共服务支出（类）财政事务（款）一般行政管理事务（项）。主要用于：局财政业务指导与宣传等基本支出。年初预算为10.00万元，交出决算为10.00万元。",
	)
	if got := narrativeFacts(Report(docAs(schema.MethodOCR, lines...))); got["gpb.func.2010602"] != "10.00万元" || got["gpb.func.2010602.budget"] != "10.00万元" {
		t.Errorf("gpb.func.2010602 = %q and its budget %q, want 10.00万元 both (all: %v)", got["gpb.func.2010602"], got["gpb.func.2010602.budget"], got)
	}
	if got := narrativeFacts(Report(docAs("", lines...))); got["gpb.func.2010602"] != "" {
		t.Errorf("text layer: gpb.func.2010602 = %q read after 交出决算为", got["gpb.func.2010602"])
	}
}

// An amount of an OCR'd paragraph printed unlike the report's amounts (one
// decimal where they have two) is as sure as the words it was read from,
// when they are less sure than the paragraph: a digit lost from a figure
// the rest of the paragraph reads well must not look certain. Amounts of
// the report's shape, zeros and percentages keep the paragraph's
// confidence, and words the block does not describe, or that do not fit
// its text, leave it too.
func TestOCRWordConfidence(t *testing.T) {
	words := []struct {
		text string
		conf float64
	}{
		{" ", 0}, // a leading space, trimmed by normalize: offsets still count it
		{"一般公共预算财政拨款支出", 0.96}, {"2940.05万元，", 0.41}, {"其中：基本支出2336.91万元，项目支出603.14万元，", 0.9},
		{"主要用于以下方面：卫生健康支出（类）", 0.93},
		{"10.2", 0.47}, {"万元，占", 0.9}, {"2.07%；", 0.3},
		{"住房保障支出（类）", 0.93}, {"3.2万元；", 0.95},
		{"节能环保支出（类）", 0.93}, {"0万元。", 0.1},
	}
	var text string
	var ws []schema.Word
	for _, w := range words {
		if w.text != " " {
			ws = append(ws, schema.Word{Start: len(text), End: len(text) + len(w.text), Confidence: w.conf})
		}
		text += w.text
	}
	read := func(ws []schema.Word) map[string]float64 {
		doc := docAs(schema.MethodOCR, "五、一般公共预算财政拨款支出决算情况说明", text)
		doc.Pages[0].Blocks[1].Words = ws
		got := map[string]float64{}
		for _, f := range Report(doc).Facts {
			if f.Table == "" {
				got[f.Concept] = f.Confidence
			}
		}
		return got
	}
	want := map[string]float64{"gpb.expenditure": 0.9, "gpb.func.210": 0.47, "gpb.func.210.share_of": 0.9,
		"gpb.func.221": 0.9, "gpb.func.211": 0.9}
	got := read(ws)
	for c, w := range want {
		if g, ok := got[c]; !ok || g != w {
			t.Errorf("%s: confidence %.2f (read %v), want %.2f", c, g, ok, w)
		}
	}
	// a figure broken between two paragraphs (at a page's end) has the
	// words of both
	first, second := "一般公共预算财政拨款支出2940.05万元，其中：基本支出2336.91万元，项目支出603.14万元，主要用于：住房保障支出（类）10.", "2万元，占3.58%。"
	doc := docAs(schema.MethodOCR, "五、一般公共预算财政拨款支出决算情况说明", first, second)
	doc.Pages[0].Blocks[1].Words = []schema.Word{{Start: 0, End: len(first), Confidence: 0.95}}
	doc.Pages[0].Blocks[2].Words = []schema.Word{{Start: 0, End: len("2万元，"), Confidence: 0.2}, {Start: len("2万元，"), End: len(second), Confidence: 0.9}}
	found := false
	for _, f := range Report(doc).Facts {
		if f.Concept == "gpb.func.221" && f.Table == "" {
			found = true
			if f.Value.String() != "102000" || f.Confidence != 0.2 {
				t.Errorf("figure across two paragraphs: %s = %s at confidence %.2f, want 102000 at 0.20", f.Concept, f.Value, f.Confidence)
			}
		}
	}
	if !found {
		t.Error("figure across two paragraphs: gpb.func.221 not read")
	}
	// a text layer's paragraph after it (no confidence of its own) takes
	// nothing from it
	doc.Pages[0].Blocks[2].Method, doc.Pages[0].Blocks[2].Confidence, doc.Pages[0].Blocks[2].Words = "", 0, nil
	for _, f := range Report(doc).Facts {
		if f.Concept == "gpb.func.221" && f.Table == "" && f.Confidence != 0.9 {
			t.Errorf("figure from an OCR'd paragraph into a text layer's: confidence %.2f, want the OCR'd paragraph's 0.90", f.Confidence)
		}
	}
	bad := append([]schema.Word(nil), ws...)
	bad[len(bad)-1].End = len(text) + 5
	for c, g := range read(bad) {
		if g != 0.9 {
			t.Errorf("words beyond the text: %s at confidence %.2f, want the paragraph's 0.90", c, g)
		}
	}
}

// A count read after its number (0个下属单位) from an OCR'd paragraph has
// the paragraph's confidence, as other figures do: it had none, which made
// it look as doubtful as a reading can be.
func TestOCRPostfixConfidence(t *testing.T) {
	doc := docAs(schema.MethodOCR, "一、部门基本情况", "本部门包括0个下属单位，本单位为机关。")
	n := 0
	for _, f := range Report(doc).Facts {
		if f.Concept == "org.subordinate_units" {
			n++
			if f.Confidence != 0.9 || f.Method != schema.MethodOCR {
				t.Errorf("%s = %s: %s at confidence %.2f, want ocr at the paragraph's 0.90", f.Concept, f.Value, f.Method, f.Confidence)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d org.subordinate_units facts, want 1", n)
	}
}

// An OCR'd cell of an amount column whose reading has digits but is no
// number ("2了" for 29.13) is a figure of the scan not read: a warning says
// so, once, at the cell; so is a text layer's (a figure wrapped in its
// narrow cell). A cell with no digit (a dash), and a cell of a row the table
// does not name (a misread 栏次 row), raise none.
func TestOCRUnreadAmountWarned(t *testing.T) {
	table := func() *schema.Table {
		return grid("s.pdf", 1,
			[]string{"经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"},
			[]string{"301", "工资福利支出", "246.85", "302", "商品和服务支出", "39.91"},
			[]string{"30101", "基本工资", "2了", "30201", "办公费", "—"},
			[]string{"幸次", "<", "3l", "幸次", "<", "4l"}, // no row of the table's: left alone
			[]string{"人员经费合计", "<", "247.23", "公用经费合计", "<", "39.91"},
		)
	}
	for _, tc := range []struct {
		tb   *schema.Table
		want int
	}{{ocr(table(), 0.9), 1}, {table(), 1}} {
		rep := Report(docOf("六、一般公共预算财政拨款基本支出决算明细表", "单位：万元", tc.tb))
		var got []schema.Warning
		for _, w := range rep.Warnings {
			if strings.Contains(w.Message, "no number") {
				got = append(got, w)
			}
		}
		if len(got) != tc.want {
			t.Errorf("%d warnings of unread amounts %v, want %d", len(got), got, tc.want)
			continue
		}
		for _, w := range got {
			if !strings.Contains(w.Message, `"2了"`) || w.Pos.Row != 3 || w.Pos.Col != 3 {
				t.Errorf("warning %q at %s, want it to name \"2了\" at row 3, column 3", w.Message, w.Pos)
			}
		}
	}
}

// An OCR'd table that runs onto the next page repeats its head there, and
// the repeat, misread, is not dropped as the same rows: its 栏次 row is
// the second in the first eight rows of the joined grid. The body starts
// below the first one, and the rows of the first page are read.
func TestOCRRepeatedHeadIndexRow(t *testing.T) {
	rows := [][]string{
		{"功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"},
		{"", "栏次", "1", "2", "3"},
		{"201", "一般公共服务支出", "254.22", "238.00", "16.22"},
		{"20103", "政府办公厅（室）及相关机构事务", "254.22", "238.00", "16.22"},
		// the head repeated on the next page, misread
		{"功能分类科日编码", "科目名称", "合计", "基本支出", "项目支山"},
		{"", "栏次", "1", "2", "3"},
		{"208", "社会保障和就业支出", "29.13", "29.13", "0.00"},
	}
	doc := docOf("一般公共预算财政拨款支出决算表", "单位：万元", ocr(grid("s.pdf", 1, rows...), 0.95))
	got := factMap(Report(doc), "t05")
	expectSome(t, got, map[string]string{"gpb.func.201": "2542200", "gpb.func.20103": "2542200", "gpb.func.208": "291300", "gpb.func.201.project": "162200"})
}

// The income rows of an OCR'd 收入支出决算总表 whose labels were misread
// but one (事过收入, close to 事业收入) are named by the template's order
// when the 行次 printed beside them place the template's rows where that
// one label does; and with no label read, when the list numbers read
// before the labels (一、 三、 五、) agree with the 行次 and exactly the
// template's eight rows are labelled. The figures are doubted as named by
// order. Nothing is named when a line number read places them elsewhere (a
// template numbered otherwise, or a 3 misread 8), when too few are read,
// when two disagreeing labels are read, when no label is read and the list
// numbers are too few or one disagrees, or when the one label read is
// among the fiscal rows that open the side, where templates differ (a
// template without 国有资本经营预算财政拨款收入 would have every row below
// it named one place off).
func TestOCRIncomeByLineNumbers(t *testing.T) {
	misread := []string{"一、一息公共下下对政策攻芍入", "二”政府性站二下生财五捷项收入", "三、国有再本翌尽理下对政毛履收入",
		"下、上乔和芭生入", "五、事过收入", "交、醒坚牙入", "上、耻而香位上而收入", "内、其候息入"}
	classes := []string{"一、一般公共服务支出", "二、外交支出", "三、国防支出", "四、公共安全支出", "五、教育支出",
		"六、科学技术支出", "七、文化旅游体育与传媒支出", "八、社会保障和就业支出", "九、卫生健康支出"}
	table := func(labels []string, line func(i int) string) *schema.Table {
		rows := [][]string{
			{"收入", "<", "<", "支出", "<", "<"},
			{"项目", "行次", "金额", "项目", "行次", "金额"},
		}
		for i, l := range labels {
			amount := map[int]string{0: "287.14", 3: "10.00", len(labels) - 1: "16.23"}[i]
			rows = append(rows, []string{l, line(i), amount, classes[i], strconv.Itoa(31 + i), strconv.Itoa(i+1) + ".00"})
		}
		return ocr(grid("s.pdf", 1, rows...), 0.9)
	}
	byPlace := func(i int) string { return strconv.Itoa(i + 1) }
	with := func(labels ...string) []string {
		ls := slices.Clone(misread)
		for k := 0; k < len(labels); k += 2 {
			i, _ := strconv.Atoi(labels[k])
			ls[i] = labels[k+1]
		}
		return ls
	}
	// a template of seven income rows, without 国有资本经营预算财政拨款收入:
	// only its first row read
	seven := []string{"一、一般公共预算财政拨款收入", "二”政府性站二下生财五捷项收入", "下、上乔和芭生入",
		"五、事过入", "交、醒坚牙入", "上、耻而香位上而收入", "内、其候息入"}
	for _, tc := range []struct {
		name   string
		labels []string
		line   func(i int) string
		want   map[string]string // concept → value, of the income rows named by order
	}{
		{"行次 1 to 8", misread, byPlace, map[string]string{"income.fiscal.gpb": "2871400", "income.superior_subsidy": "100000", "income.other": "162300"}},
		{"one 行次 unread", misread, func(i int) string {
			if i == 2 {
				return "了"
			}
			return byPlace(i)
		}, map[string]string{"income.fiscal.gpb": "2871400", "income.superior_subsidy": "100000", "income.other": "162300"}},
		{"a 3 read 8", misread, func(i int) string {
			if i == 2 {
				return "8"
			}
			return byPlace(i)
		}, nil},
		{"no 行次", misread, func(int) string { return "" }, nil},
		{"numbered from 3", misread, func(i int) string { return strconv.Itoa(i + 3) }, nil},
		{"two 行次 read", misread, func(i int) string { return map[int]string{0: "1", 7: "8"}[i] }, nil},
		{"no label read, list numbers agree", with("4", "五、事过过过过"), byPlace, map[string]string{"income.fiscal.gpb": "2871400", "income.superior_subsidy": "100000", "income.other": "162300"}},
		{"no label read, two list numbers", with("4", "五、事过过过过", "2", "三，国有再本翌尽理下对政毛履收入"), byPlace, nil},
		{"no label read, a list number disagrees", with("4", "五、事过过过过", "5", "五、醒坚牙入"), byPlace, nil},
		{"no label read, a row unlabelled", with("4", "五、事过过过过", "6", ""), byPlace, nil},
		{"no label read, a ninth row labelled", append(with("4", "五、事过过过过"), "九、其他"), byPlace, nil},
		{"two labels that disagree", with("6", "七、事业收入"), byPlace, nil},
		{"the one label read opens the side", seven, byPlace, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := Report(docOf("一、收入支出决算总表", "单位：万元", table(tc.labels, tc.line)))
			got := map[string]schema.Fact{}
			for _, f := range rep.Facts {
				if f.Table == "t01" {
					got[f.Concept] = f
				}
			}
			if f, ok := got["expenditure.func.203"]; !ok || f.Value.String() != "30000" {
				t.Fatalf("the expenditure side, read, lost a figure: %v", got)
			}
			for c, f := range got {
				if !strings.HasPrefix(c, "income.") || f.Confidence > inferredConfidence {
					continue // (read, not named by order)
				}
				if v, ok := tc.want[c]; !ok || f.Value.String() != v {
					t.Errorf("%s = %s named by order, want %q", c, f.Value, v)
				}
			}
			for c, v := range tc.want {
				if f, ok := got[c]; !ok || f.Value.String() != v || f.Confidence > inferredConfidence {
					t.Errorf("%s not named %s by the line numbers, doubted (have %v)", c, v, f)
				}
			}
		})
	}
}

// TestOCRSummaryNumberedRows: in an OCR'd 收入支出决算总表, the rows of a
// side that two or more labels place are named by the template's order
// beyond the rows next to those labels when every 行次 read places them
// there too: the income side numbered from 1, the expenditure side on from
// the income side's last line. Not when the line numbers skip a row (a
// report that leaves out a row of the template), nor when the income
// side's last line is misread (the expenditure side's numbering is then
// unknown); nor on the expenditure side of a template with 25 function
// classes (a year's other than the 26 of the sequence), its tail right
// after them or a blank row between; nor on the income side of a template
// of seven income rows whose labels read are both among the fiscal rows
// that open it.
func TestOCRSummaryNumberedRows(t *testing.T) {
	income := []string{"一、一般公共驱莽对政技数收入", "二、政府性基金琐和看于政按欢收入", "三、国有资本经营预算财政拨款收入",
		"四、上级补助收入", "五、事业收入", "六、经营收入", "七、附属单位上缴收入", "八、其他收入"}
	classes := []string{"一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
		"文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出",
		"交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出",
		"自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出", "国有资本经营预算支出",
		"灾害防治及应急管理支出", "其他支出", "债务还本支出", "债务付息支出", "抗疫特别国债安排的支出"}
	// the labels from 住房保障支出 on misread
	for i := 18; i < len(classes); i++ {
		classes[i] = "佳而fiS克出"
	}
	type variant struct {
		name  string
		line  func(side, i int) string // 行次 of row i (from 0) of a side
		named [2]bool                  // the income side's rows, the expenditure side's
		// a template of 25 classes, without 粮油物资储备支出: its tail
		// right after them, or after a blank row
		fewer, blank bool
		seven        bool // the income side of seven rows, only its first two read
	}
	table := func(v variant) *schema.Table {
		classes, income := classes, income
		if v.fewer {
			classes = slices.Delete(slices.Clone(classes), 19, 20)
			if v.blank {
				classes = append(classes, "")
			}
		}
		if v.seven {
			income = []string{"一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入", "下、上乔和芭生入",
				"四、事过过过", "交、醒坚牙入", "上、耻而香位上而收入", "内、其候息入"}
		}
		rowsFor := len(classes) + 4
		rows := [][]string{
			{"收入", "<", "<", "支出", "<", "<"},
			{"项目", "行次", "金额", "项目", "行次", "金额"},
		}
		leftTail := []string{"本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计"}
		rightTail := []string{"本年支出合计", "结余分配", "年末结转和结余", "总计"}
		n := len(classes)
		for i := 0; i < rowsFor; i++ {
			l, r, la, ra := "", "", "", ""
			switch {
			case i < len(income):
				l = income[i]
				la = map[int]string{0: "287.14", len(income) - 1: "16.23"}[i]
				if v.seven && i > 0 {
					la = strconv.Itoa(10*i) + ".00" // every row a figure
				}
			case i >= n:
				l, la = leftTail[i-n], "303.37"
			}
			if i < n {
				r = classes[i]
				if r != "" {
					ra = strconv.Itoa(i+1) + ".00"
				}
			} else {
				r, ra = rightTail[i-n], "303.37"
			}
			rows = append(rows, []string{l, v.line(0, i), la, r, v.line(1, i), ra})
		}
		return ocr(grid("s.pdf", 1, rows...), 0.9)
	}
	plain := func(side, i int) string { return strconv.Itoa(side*30 + i + 1) }
	for _, v := range []variant{
		{"行次 1 to 60", plain, [2]bool{true, true}, false, false, false},
		{"a 行次 skipped", func(side, i int) string {
			if side == 1 && i >= 10 {
				return strconv.Itoa(32 + i)
			}
			return plain(side, i)
		}, [2]bool{true, false}, false, false, false},
		{"总计's 行次 misread", func(side, i int) string {
			if side == 0 && i == 29 {
				return "3"
			}
			return plain(side, i)
		}, [2]bool{false, false}, false, false, false},
		{"25 classes", func(side, i int) string { return strconv.Itoa(side*29 + i + 1) }, [2]bool{true, false}, true, false, false},
		{"25 classes, a blank row", plain, [2]bool{true, false}, true, true, false},
		{"seven income rows", plain, [2]bool{false, true}, false, false, true},
	} {
		t.Run(v.name, func(t *testing.T) {
			got := map[string]schema.Fact{}
			for _, f := range Report(docOf("一、收入支出决算总表", "单位：万元", table(v))).Facts {
				if f.Table == "t01" {
					got[f.Concept] = f
				}
			}
			// read, or next to a row read: named either way
			read := map[string]string{"expenditure.func.212": "110000", "expenditure.func.221": "190000", "income.other": "162300"}
			if v.seven {
				read = map[string]string{"expenditure.func.212": "110000", "expenditure.func.221": "190000", "income.fiscal.gpb": "2871400"}
			}
			for c, want := range read {
				if f, ok := got[c]; !ok || f.Value.String() != want {
					t.Errorf("%s = %v, want %s", c, f.Value, want)
				}
			}
			// two rows or more from a row read: named by the line numbers
			byLines := map[string]string{"income.fiscal.gpb": "2871400", "expenditure.func.222": "200000", "expenditure.func.234": "260000"}
			if v.seven {
				// (the figures of its rows 3 to 7)
				byLines = map[string]string{"income.fiscal.soe": "", "income.superior_subsidy": "", "income.business": "",
					"income.operating": "", "income.affiliated": "", "income.other": ""}
			}
			for c, want := range byLines {
				f, ok := got[c]
				named := v.named[0]
				if strings.HasPrefix(c, "expenditure.") {
					named = v.named[1]
				}
				switch {
				case named && (!ok || f.Value.String() != want || f.Confidence > inferredConfidence):
					t.Errorf("%s = %v (confidence %.2f), want %s named by the line numbers, doubted", c, f.Value, f.Confidence, want)
				case !named && ok:
					t.Errorf("%s = %s named, want nothing", c, f.Value)
				}
			}
		})
	}
}

// An OCR'd heading "（一）…" whose opening bracket was not read opens its
// section all the same, and the figures of the sentence after it are read
// (on a real report's 300 dpi scan the share 99.86% was lost); a text
// layer's "一）" is taken as printed.
func TestOCRHeadingLostBracket(t *testing.T) {
	lines := []any{
		"五、一般公共预算财政拨款支出决算情况说明",
		"一）一般公共预算财政拨款支出决算总体情况",
		"一般公共预算财政拨款支出9746.50万元，占本年支出合计的99.86%。与2023年度相比，一般公共预算财政拨款支出增加1193.20万元，增长13.95%。",
		"（二）一般公共预算财政拨款支出决算结构情况",
		"一般公共预算财政拨款支出9746.50万元，主要用于以下方面：卫生健康支出（类）236.63万元，占2.43%。",
	}
	for _, method := range []schema.Method{schema.MethodOCR, ""} {
		rep := Report(docAs(method, lines...))
		opened := false
		for _, s := range rep.Sections {
			if s.Level == 3 && strings.HasPrefix(s.Title, "一般公共预算财政拨款支出决算总体情况") {
				opened = true
			}
		}
		share := ""
		for _, f := range rep.Facts {
			if f.Concept == "gpb.expenditure.share_of" {
				share = f.Value.String()
			}
		}
		if method == schema.MethodOCR && (!opened || share != "99.86") {
			t.Errorf("OCR: section opened %v, gpb.expenditure.share_of %q; want a section and 99.86", opened, share)
		}
		if method == "" && opened {
			t.Errorf("text layer: 一） opened a section")
		}
		t.Logf("method %q: section %v, share %q", method, opened, share)
	}
}

// In an OCR'd 收入支出决算总表 of seven income rows (no 国有资本经营预算财政
// 拨款收入), its labels 上级补助收入 and 事业收入 read and 政府性基金… not,
// the row before them is not named 国有资本经营预算财政拨款收入 by the
// eight rows' order: among the fiscal rows that open the side the
// templates differ. With 行次 printed, the row's line number 2 says so too.
func TestOCROpeningRowBeforeAnchors(t *testing.T) {
	income := []string{"一、一般公共预算财政拨款收入", "二、政府性基金琐和看于政按欢收入", "三、上级补助收入",
		"四、事业收入", "五、醒坚牙入", "六、耻而香位上而收入", "七、其候息入"}
	for _, lines := range []bool{true, false} {
		got := incomeSideFacts(income, lines)
		if v, ok := got["income.fiscal.soe"]; ok {
			t.Errorf("行次 %v: income.fiscal.soe = %s, the 政府性基金 row's figure", lines, v)
		}
		if got["income.superior_subsidy"] != "300000" || got["income.business"] != "400000" {
			t.Errorf("行次 %v: the rows read lost: %v", lines, got)
		}
	}
}

// Rows next to the labels read in an OCR'd 收入支出决算总表 stay named where
// every template that prints those labels agrees: the first row above
// 政府性基金预算财政拨款收入 (一般公共预算…, its label misread), and, in a
// template of seven income rows whose 行次 number them as printed, a
// misread 经营收入 between 事业收入 and 附属单位上缴收入 (its 行次 5 is its
// place in that template, not in the sequence of eight).
func TestOCRIncomeRowsNextToAnchors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		income  []string
		concept string
		want    string
	}{
		{"above 政府性基金", []string{"一、一般公共驱莽对政技数收入", "二、政府性基金预算财政拨款收入", "三、国有资本经营预算财政拨款收入",
			"四、上级补助收入", "五、事业收入", "六、醒坚牙入", "七、耻而香位上而收入", "八、其候息入"}, "income.fiscal.gpb", "100000"},
		{"seven rows, between labels", []string{"一、一般公共预算财政拨款收入", "二、政府性基金琐和看于政按欢收入", "三、上级补助收入",
			"四、事业收入", "五、醒坚牙入", "六、附属单位上缴收入", "七、其他收入"}, "income.operating", "500000"},
	} {
		for _, lines := range []bool{true, false} {
			got := incomeSideFacts(tc.income, lines)
			if got[tc.concept] != tc.want {
				t.Errorf("%s, 行次 %v: %s = %q, want %s (%v)", tc.name, lines, tc.concept, got[tc.concept], tc.want, got)
			}
		}
	}
}

// incomeSideFacts reads an OCR'd 收入支出决算总表 of an income side only:
// row i labelled labels[i], with 行次 i+1 when lines is set, and the figure
// (i+1)·10.00, then the tails; it returns table 1's facts.
func incomeSideFacts(labels []string, lines bool) map[string]string {
	rows := [][]string{
		{"收入", "<", "<", "支出", "<", "<"},
		{"项目", "行次", "金额", "项目", "行次", "金额"},
	}
	total := 0
	for i, l := range labels {
		line := ""
		if lines {
			line = strconv.Itoa(i + 1)
		}
		rows = append(rows, []string{l, line, strconv.Itoa(10*(i+1)) + ".00", "", "", ""})
		total += 10 * (i + 1)
	}
	sum := strconv.Itoa(total) + ".00"
	rows = append(rows, []string{"本年收入合计", "", sum, "本年支出合计", "", sum})
	return factMap(Report(docOf("一、收入支出决算总表", "单位：万元", ocr(grid("s.pdf", 1, rows...), 0.9))), "t01")
}

// A space between a whole number and two digits before a percent sign, in
// OCR'd text of a report printing percentages with two decimals, is the
// decimal point OCR lost ("占4 73%", printed "4. 73%"): the figure is read
// and shown as repaired. Not in a text layer, nor where the report prints
// whole percentages.
func TestOCRLostPercentPoint(t *testing.T) {
	para := func(share string) []any {
		return []any{
			"五、一般公共预算财政拨款支出决算情况说明",
			"一般公共预算财政拨款支出2940.05万元，主要用于以下方面：卫生健康支出（类）60.99万元，占" + share + "；住房保障支出（类）139.05万元，占4 73%。",
		}
	}
	share := func(method schema.Method, first string) *schema.Fact {
		for _, f := range Report(docAs(method, para(first)...)).Facts {
			if f.Concept == "gpb.func.221.share_of" {
				return &f
			}
		}
		return nil
	}
	f := share(schema.MethodOCR, "2.07%")
	if f == nil || f.Value.String() != "4.73" || f.Repair == nil || f.Repair.Read != "4 73%" || f.Repair.Reason == "" || f.Confidence > 0.5 {
		t.Fatalf("share %+v, want 4.73 repaired from \"4 73%%\" at confidence 0.5 at most", f)
	}
	if f := share("", "2.07%"); f != nil && f.Value.String() == "4.73" {
		t.Errorf("text layer: 4 73%% read as 4.73")
	}
	if f := share(schema.MethodOCR, "2%"); f != nil && f.Value.String() == "4.73" {
		t.Errorf("whole percentages: 4 73%% read as 4.73")
	}
}

// Not a lost point: a completion rate of 100% split in two ("1 00%"), a
// figure with a misread mark before it, a share's digits split by a line
// break (not read at all, rather than as 73%).
func TestOCRLostPercentPointNot(t *testing.T) {
	lines := []any{
		"五、一般公共预算财政拨款支出决算情况说明",
		"一般公共预算财政拨款支出2940.05万元，主要用于以下方面：卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）139.05万元，占21$2 73%。",
		"其中：一般公共服务支出（类）年初预算为238.01万元，支出决算为238.01万元，完成年初预算的1 00%。",
		"社会保障和就业支出（类）49.14万元，占4\n73%。",
	}
	for _, f := range Report(docAs(schema.MethodOCR, lines...)).Facts {
		switch {
		case f.Concept == "gpb.func.221.share_of", strings.HasSuffix(f.Concept, ".completion_pct"), f.Concept == "gpb.func.208.share_of":
			t.Errorf("%s = %s from %q", f.Concept, f.Value, f.Printed)
		}
	}
}

// TestOCRMisreadSectionTitle: an OCR'd section title with one character of
// its topic's words misread ("拨康" for 拨款) still gives the section its
// topic, so that its shares are of the general public budget, not of the
// whole expenditure; a text layer's title is taken as printed, and a title
// that only resembles a more specific topic keeps its own.
func TestOCRMisreadSectionTitle(t *testing.T) {
	for _, tc := range []struct {
		method  schema.Method
		titles  []any
		concept string
	}{
		{schema.MethodOCR, []any{"五、一般公共预算财政拨康支出决算情况说明", "（二）一般公共预舞财政拨款支出决算结构情况"}, "gpb.func.210"},
		{schema.MethodOCR, []any{"五、一般公共预算财政拨款支出决算情况说明", "（二）一般公共预舞财政拨款支出决算结构情况"}, "gpb.func.210"},
		{"", []any{"五、一般公共预算财政拨康支出决算情况说明", "（二）一般公共预舞财政拨款支出决算结构情况"}, "expenditure.func.210"},
		{schema.MethodOCR, []any{"三、支出决算情况说明"}, "expenditure.func.210"},
	} {
		lines := append(tc.titles, "卫生健康支出（类）9.72万元，占3.39%。")
		got := map[string]string{}
		for _, f := range Report(docAs(tc.method, lines...)).Facts {
			got[f.Concept] = f.Of
		}
		of := map[bool]string{true: "gpb.expenditure", false: "expenditure.total"}[strings.HasPrefix(tc.concept, "gpb.")]
		if _, ok := got[tc.concept]; !ok || got[tc.concept+".share_of"] != of {
			t.Errorf("%q %v: facts %v, want %s and its share of %s", tc.method, tc.titles, got, tc.concept, of)
			continue
		}
		t.Logf("%q %v: %s, its share of %s", tc.method, tc.titles, tc.concept, got[tc.concept+".share_of"])
	}
}

// TestOCRTitleTopicsAsPrinted: a heading OCR read right takes the topic a
// text layer gives it, and so does one misread in a short word or at a
// word's end: only a character misread inside a long word is put right.
func TestOCRTitleTopicsAsPrinted(t *testing.T) {
	headings := []string{
		// the seed report's
		"一、收入支出决算总表", "二、收入决算表", "一、收入支出决算总体情况说明",
		"（一）一般公共预算财政拨款支出决算总体情况", "（二）一般公共预算财政拨款支出决算结构情况",
		"六、一般公共预算财政拨款基本支出决算情况说明", "七、政府性基金预算财政拨款收入支出决算情况说明",
		"八、国有资本经营预算财政拨款支出决算情况说明", "九、财政拨款“三公”经费支出决算情况说明",
		"（一）“三公”经费财政拨款支出决算总体情况说明", "十、机关运行经费支出说明", "十一、政府采购支出说明",
		"十二、国有资产占用情况说明", "十三、预算绩效情况说明",
		// others' headings and tables
		"财政拨款支出决算情况说明", "财政拨款收入决算情况说明", "一般公共预算财政拨款收入支出决算情况说明",
		"收支决算情况说明", "收、支决算情况说明", "单位收支决算情况", "收入支出决算总表",
		"财政拨款收入支出决算总表", "一般公共预算财政拨款收入支出决算表", "二、收入决算情况说明", "三、支出决算情况说明",
		// misread in a short word, or at a long one's end
		"七、政府性基全预算财政拨款收入支出决算情况说明", "（一）“三么”经费财政拨款支出决算总体情况说明",
		"二、收出决算情况说明", "一般公共预算财政拨款支岀决算情况说明",
	}
	for _, h := range headings {
		if ocr, text := topicOf(h, true), topicOf(h, false); ocr != text {
			t.Errorf("%s: topic %q read by OCR, %q in a text layer", h, ocr, text)
		}
	}
}

// TestOtherTemplatesTitles: tables other templates add, whose titles end as
// table 3's (支出决算表), are none of the nine; the nine keep their kinds.
func TestOtherTemplatesTitles(t *testing.T) {
	for title, want := range map[string]schema.TableKind{
		"一般公共预算财政拨款收入支出决算表":     schema.TableOther,
		"一般公共预算财政拨款项目支出决算表":     schema.TableOther,
		"机关运行经费支出决算表":           schema.TableOther,
		"项目支出决算表":               schema.TableOther,
		"政府采购支出决算表":             schema.TableOther,
		"北京市政府采购中心2023年度支出决算表":  schema.Table03,
		"二、收入决算总表":              schema.Table02,
		"三、支出决算总表":              schema.Table03,
		"一、收入支出决算总表":            schema.Table01,
		"三、支出决算表":               schema.Table03,
		"五、一般公共预算财政拨款支出决算表":     schema.Table05,
		"四、财政拨款收入支出决算总表":        schema.Table04,
		"七、政府性基金预算财政拨款收入支出决算表":  schema.Table07,
		"六、一般公共预算财政拨款基本支出决算明细表": schema.Table06,
	} {
		if got, _ := kindOfTitle(title); got != want {
			t.Errorf("%s: kind %q, want %q", title, got, want)
		}
	}
}

// A scanned 基本支出 table whose row label was read as nothing of the
// table's, and a figure read with a leading zero: neither becomes a fact,
// and each is said (the figures of unread rows counted in one warning of
// the table's; before, they were left out without a word, and 037.14 was
// taken for 37.14).
func TestOCRUnnamedRowsAndLeadingZero(t *testing.T) {
	table := func() *schema.Table {
		return grid("s.pdf", 1,
			[]string{"经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"},
			[]string{"301", "工资福利支出", "246.85", "302", "商品和服务支出", "039.91"},
			[]string{"30101", "基本工资", "122.06", "30201", "办公费", "1.30"},
			[]string{"", "大有人", "38.00", "", "击站而", "12.50"},
		)
	}
	for _, method := range []schema.Method{schema.MethodOCR, ""} {
		tb := table()
		if method == schema.MethodOCR {
			tb = ocr(tb, 0.9)
		}
		rep := Report(docOf("六、一般公共预算财政拨款基本支出决算明细表", "单位：万元", tb))
		got := factMap(rep, "t06")
		var unnamed, zero []string
		for _, w := range rep.Warnings {
			switch {
			case strings.Contains(w.Message, "OCR did not read as any line"):
				unnamed = append(unnamed, w.Message)
			case strings.Contains(w.Message, "leading zero"):
				zero = append(zero, w.Message)
			}
		}
		t.Logf("%s: facts %v; warnings %q %q", method, got, unnamed, zero)
		if method == schema.MethodOCR {
			if _, ok := got["gpb.econ.302"]; ok {
				t.Errorf("OCR's 039.91 taken: %v", got)
			}
			if len(zero) != 1 || len(unnamed) != 1 || !strings.Contains(unnamed[0], ": 2 figures") {
				t.Errorf("warnings %q %q, want one of the leading zero and one of 2 figures in unread rows", zero, unnamed)
			}
			continue
		}
		if got["gpb.econ.302"] != "399100" || len(zero)+len(unnamed) != 0 {
			t.Errorf("text layer: facts %v, warnings %q %q", got, zero, unnamed)
		}
	}
}

// A scanned 收入支出决算总表 with a budget column: a row whose only figure
// stands in that column (left out on purpose) is no row of an unread label.
func TestOCRBudgetOnlyRowNotUnnamed(t *testing.T) {
	tb := ocr(grid("s.pdf", 1,
		[]string{"项目", "年初预算数", "决算数", "项目", "年初预算数", "决算数"},
		[]string{"一、一般公共预算财政拨款收入", "290.00", "287.14", "一、一般公共服务支出", "260.00", "254.22"},
		[]string{"二、政府性基金预算财政拨款收入", "5.00", "", "二、外交支出", "", ""},
		[]string{"大有人", "1.00", "16.22", "三、国防支出", "", ""},
	), 0.9)
	rep := Report(docOf("一、收入支出决算总表", "单位：万元", tb))
	var warned []string
	for _, w := range rep.Warnings {
		if strings.Contains(w.Message, "OCR did not read as any line") {
			warned = append(warned, w.Message)
		}
	}
	t.Logf("facts %v; warnings %q", factMap(rep, "t01"), warned)
	if len(warned) != 1 || !strings.Contains(warned[0], ": 1 figure stands") {
		t.Errorf("warnings %q, want one counting the 16.22 of the row whose label was misread, not the budget-only row", warned)
	}
}
