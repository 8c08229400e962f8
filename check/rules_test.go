package check

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/juesuan/juesuan/schema"
)

// fb builds facts for rule tests. Amounts are given as printed in 万元.
type fb struct {
	facts []schema.Fact
	src   string // table id, or "" for the narrative
	sec   string
}

func (b *fb) in(src string) *fb { b.src = src; return b }
func (b *fb) section(s string) *fb {
	b.sec = s
	return b
}

func (b *fb) add(concept, printed string, unit schema.Unit, of string) *fb {
	v := decimal.RequireFromString(printed)
	dec := 0
	if i := strings.IndexByte(printed, '.'); i >= 0 {
		dec = len(printed) - i - 1
	}
	prec := decimal.New(5, int32(-dec-1))
	if unit == schema.UnitYuan {
		v = v.Mul(decimal.NewFromInt(10000))
		prec = prec.Mul(decimal.NewFromInt(10000))
	}
	if printed == "0" || unit == schema.UnitPerson || unit == schema.UnitScore {
		prec = decimal.Zero
	}
	n := len(b.facts) + 1
	b.facts = append(b.facts, schema.Fact{
		ID: fmt.Sprintf("f%d", n), Concept: concept, Period: 2023, Value: v, Unit: unit, Printed: printed,
		Precision: prec, Of: of, Method: schema.MethodText, Table: b.src, Section: b.sec,
		Pos: schema.Pos{File: "r.docx", Line: n}, Quote: concept + " " + printed,
	})
	return b
}

func (b *fb) money(concept, printed string) *fb { return b.add(concept, printed, schema.UnitYuan, "") }
func (b *fb) pct(concept, printed, of string) *fb {
	return b.add(concept, printed, schema.UnitPercent, of)
}
func (b *fb) persons(concept, printed string) *fb {
	return b.add(concept, printed, schema.UnitPerson, "")
}
func (b *fb) score(concept, printed string) *fb { return b.add(concept, printed, schema.UnitScore, "") }

func (b *fb) report(paragraphs ...string) *schema.Report {
	rep := &schema.Report{SchemaVersion: schema.SchemaVersion, Unit: "某中心", Year: 2023, Facts: b.facts,
		Source: schema.Source{File: "r.docx"}}
	tables := map[string]bool{}
	for _, f := range b.facts {
		if f.Table != "" && !tables[f.Table] {
			tables[f.Table] = true
			// A grid whose amounts are exactly the facts: the table is complete.
			g := &schema.Table{Rows: 1, Cols: 1}
			rep.Tables = append(rep.Tables, schema.ReportTable{ID: f.Table, Kind: schema.TableKind(strings.TrimPrefix(f.Table, "t")), Grid: g, MoneyUnit: "万元"})
		}
	}
	if len(paragraphs) > 0 {
		doc := &schema.Document{Pages: []schema.Page{{}}}
		for i, p := range paragraphs {
			doc.Pages[0].Blocks = append(doc.Pages[0].Blocks, schema.Block{Kind: schema.KindParagraph, Text: p, Pos: schema.Pos{File: "r.docx", Line: 100 + i}})
		}
		rep.Document = doc
	}
	return rep
}

// ruleCase is a report on which a rule must stay silent, and one on which it
// must report a finding of the given severity.
type ruleCase struct {
	rule     string
	pass     *schema.Report
	fail     *schema.Report
	severity schema.Severity
}

func ruleCases() []ruleCase {
	n := func() *fb { return &fb{} }
	return []ruleCase{
		{"sum.income_sources",
			n().in("t01").money("income.total", "303.36").money("income.fiscal.gpb", "287.14").money("income.other", "16.22").report(),
			n().in("t01").money("income.total", "303.36").money("income.fiscal.gpb", "287.14").money("income.other", "17.23").report(),
			schema.SeverityError},
		{"sum.fiscal_sources",
			n().in("t04").money("fiscal.expenditure", "287.14").money("gpb.expenditure", "287.14").report(),
			n().in("t04").money("fiscal.expenditure", "287.14").money("gpb.expenditure", "286.14").report(),
			schema.SeverityError},
		{"sum.by_function",
			n().in("t05").money("gpb.expenditure", "287.14").money("gpb.func.201", "238.00").money("gpb.func.208", "49.14").report(),
			n().in("t05").money("gpb.expenditure", "287.14").money("gpb.func.201", "238.00").money("gpb.func.208", "48.14").report(),
			schema.SeverityError},
		{"sum.code_hierarchy",
			n().in("t03").money("expenditure.func.208", "29.13").money("expenditure.func.20805", "29.13").money("expenditure.func.2080505", "22.03").money("expenditure.func.2080506", "7.10").report(),
			n().in("t03").money("expenditure.func.208", "29.13").money("expenditure.func.20805", "29.13").money("expenditure.func.2080505", "22.03").money("expenditure.func.2080506", "8.10").report(),
			schema.SeverityError},
		{"sum.row_columns",
			n().in("t05").money("gpb.func.201", "238.00").money("gpb.func.201.basic", "238.00").money("gpb.func.201.project", "0.00").report(),
			n().in("t05").money("gpb.func.201", "238.00").money("gpb.func.201.basic", "200.00").money("gpb.func.201.project", "0.00").report(),
			schema.SeverityError},
		{"sum.economic",
			n().money("gpb.basic.personnel", "247.23").money("gpb.econ.30101", "122.06").money("gpb.econ.30102", "125.17").report(),
			n().money("gpb.basic.personnel", "247.23").money("gpb.econ.30101", "122.06").money("gpb.econ.30102", "135.17").report(),
			schema.SeverityError},
		{"sum.three_public",
			n().in("t09").money("three_public.total", "0.29").money("three_public.overseas", "0.00").money("three_public.vehicle", "0.00").money("three_public.reception", "0.29").report(),
			n().in("t09").money("three_public.total", "1.29").money("three_public.overseas", "0.00").money("three_public.vehicle", "0.00").money("three_public.reception", "0.29").report(),
			schema.SeverityError},
		{"sum.other_totals",
			n().money("procurement.total", "10.00").money("procurement.goods", "4.00").money("procurement.works", "0").money("procurement.services", "6.00").report(),
			n().money("procurement.total", "10.00").money("procurement.goods", "4.00").money("procurement.works", "0").money("procurement.services", "7.00").report(),
			schema.SeverityError},
		{"balance.expenditure_kinds",
			n().in("t03").money("expenditure.total", "303.36").money("expenditure.basic", "303.36").report(),
			n().in("t03").money("expenditure.total", "303.36").money("expenditure.basic", "300.36").report(),
			schema.SeverityError},
		{"balance.grand_totals",
			n().in("t01").money("grand_total.income", "303.37").money("income.total", "303.36").money("carryover.opening", "0.01").money("grand_total.expenditure", "303.37").report(),
			n().in("t01").money("grand_total.income", "303.37").money("income.total", "303.36").money("carryover.opening", "0.01").money("grand_total.expenditure", "304.37").report(),
			schema.SeverityError},
		{"cross_table.same_figure",
			n().in("t01").money("income.fiscal.gpb", "287.14").in("t04").money("income.fiscal.gpb", "287.14").report(),
			n().in("t01").money("income.fiscal.gpb", "287.14").in("t04").money("income.fiscal.gpb", "288.14").report(),
			schema.SeverityError},
		{"cross_table.econ_function",
			n().in("t06").money("gpb.econ.30113", "10.29").in("t05").money("gpb.func.2210201", "10.29").report(),
			n().in("t06").money("gpb.econ.30113", "10.29").in("t05").money("gpb.func.2210201", "12.29").report(),
			schema.SeverityWarning},
		{"table_narrative.same_figure",
			n().in("t05").money("gpb.func.2010350", "238.00").in("").money("gpb.func.2010350", "238.00").report(),
			n().in("t05").money("gpb.func.2010350", "238.00").in("").money("gpb.func.2010350", "238.01").report(),
			schema.SeverityError},
		{"restated.same_figure",
			n().money("expenditure.total", "303.36").money("expenditure.total", "303.36").report(),
			n().money("expenditure.total", "303.36").money("expenditure.total", "313.36").report(),
			schema.SeverityError},
		{"share.ratio",
			n().money("income.total", "303.36").money("income.fiscal", "287.14").pct("income.fiscal.share_of", "94.65", "income.total").report(),
			n().money("income.total", "303.36").money("income.fiscal", "287.14").pct("income.fiscal.share_of", "95.65", "income.total").report(),
			schema.SeverityError},
		{"share.sum_100",
			n().money("income.total", "303.36").money("income.fiscal", "287.14").pct("income.fiscal.share_of", "94.65", "income.total").
				money("income.other", "16.22").pct("income.other.share_of", "5.35", "income.total").report(),
			n().money("income.total", "303.36").money("income.fiscal", "287.14").pct("income.fiscal.share_of", "94.65", "income.total").
				money("income.other", "16.22").pct("income.other.share_of", "6.35", "income.total").report(),
			schema.SeverityError},
		{"change.growth",
			n().money("fiscal.grand_total", "287.14").money("fiscal.grand_total.change", "55.55").pct("fiscal.grand_total.growth_pct", "23.99", "fiscal.grand_total").report(),
			n().money("fiscal.grand_total", "287.14").money("fiscal.grand_total.change", "55.55").pct("fiscal.grand_total.growth_pct", "23.97", "fiscal.grand_total").report(),
			schema.SeverityError},
		{"change.within_current",
			n().money("income.total", "303.36").money("income.total.change", "303.36").report(),
			n().money("income.total", "303.36").money("income.total.change", "7178").report(),
			schema.SeverityError},
		{"completion.rate",
			n().money("gpb.expenditure.budget", "287.14").money("gpb.expenditure", "287.14").pct("gpb.expenditure.completion_pct", "100", "gpb.expenditure").report(),
			n().money("gpb.expenditure.budget", "300.00").money("gpb.expenditure", "287.14").pct("gpb.expenditure.completion_pct", "100", "gpb.expenditure").report(),
			schema.SeverityError},
		{"completion.reason",
			n().pct("gpb.expenditure.completion_pct", "95.71", "gpb.expenditure").report(),
			withQuote(n().pct("gpb.expenditure.completion_pct", "100", "gpb.expenditure").report(), "完成年初预算的100%，主要原因是节约开支"),
			schema.SeverityWarning},
		{"completion.direction",
			inParagraph(n().money("gpb.func.2010601.budget", "1560.05").money("gpb.func.2010601", "1511.89").report("年初预算为1560.05万元，支出决算为1511.89万元。决算数小于预算数的主要原因：人员变化。")),
			inParagraph(n().money("gpb.func.2010601.budget", "1560.05").money("gpb.func.2010601", "1511.89").report("年初预算为1560.05万元，支出决算为1511.89万元。决算数大于预算数的主要原因：人员变化。")),
			schema.SeverityWarning},
		{"count.staff",
			n().persons("staff.actual", "14").persons("staff.actual.admin", "0").persons("staff.actual.institution", "10").persons("staff.actual.other", "4").report(),
			n().persons("staff.actual", "14").persons("staff.actual.admin", "0").persons("staff.actual.institution", "10").persons("staff.actual.other", "5").report(),
			schema.SeverityError},
		{"count.performance",
			n().in("perf").score("performance.score.total", "94").score("performance.score.execution", "10").score("performance.score.1", "84").score("performance.score.1.max", "90").report(),
			n().in("perf").score("performance.score.total", "94").score("performance.score.execution", "10").score("performance.score.1", "85").score("performance.score.1.max", "90").report(),
			schema.SeverityError},
		{"document.template",
			n().report("本单位2023年度收入合计303.36万元。"),
			n().report("上海市XX局2023年度收入合计303.36万元，比上年增加（减少）0万元。"),
			schema.SeverityWarning},
		{"document.year",
			n().report("截至2023年12月31日，单位共有车辆0辆。与2022年度相比，支出增加。"),
			n().report("截至2022年12月31日，单位共有车辆0辆。"),
			schema.SeverityWarning},
		{"document.punctuation",
			n().report("住房保障支出（类）住房改革支出（款）住房公积金（项）。"),
			n().report("住房公积金（项））年初预算为10.29万元，决算为10.29万元。"),
			schema.SeverityInfo},
		{"document.tables",
			allTables(n().report("正文")),
			withSection(n().report("正文"), "第二部分", "某中心2023年度单位决算表"),
			schema.SeverityWarning},
		{"document.unit_name",
			withSection(n().report(), "第一部分", "某中心概况"),
			withSection(n().report(), "第一部分", "某某局概况"),
			schema.SeverityWarning},
		{"document.scan_quality", ocrRead(6, 2, "16.22"), ocrRead(6, 3, "16.22"), schema.SeverityInfo},
	}
}

// ocrRead is a report of n table figures read by OCR, the first doubtful of
// them of low confidence; its income adds up when other is 16.22.
func ocrRead(n, doubtful int, other string) *schema.Report {
	b := (&fb{}).in("t01").money("income.total", "303.36").money("income.fiscal.gpb", "287.14").money("income.other", other)
	for i := 3; i < n; i++ {
		b.money("gpb.econ.3010"+strconv.Itoa(i), "1.00")
	}
	for i := range b.facts {
		b.facts[i].Method, b.facts[i].Confidence = schema.MethodOCR, 0.99
		if i < doubtful {
			b.facts[i].Confidence = 0.5
		}
	}
	return b.report()
}

// TestPoorScanFindingsAreNotes: in a scan where more than a third of the
// readings are doubtful, a contradiction resting on a doubtful reading is a
// note saying so; in a scan read well it is a warning.
func TestPoorScanFindingsAreNotes(t *testing.T) {
	for _, tc := range []struct {
		doubtful int
		want     schema.Severity
		quality  bool
	}{{2, schema.SeverityWarning, false}, {3, schema.SeverityInfo, true}} {
		rep := ocrRead(6, tc.doubtful, "17.23")
		var sum *schema.Finding
		quality := false
		for _, f := range Run(rep, Options{}) {
			switch f.Rule {
			case "sum.income_sources":
				sum = &f
			case "document.scan_quality":
				quality = true
			}
		}
		if sum == nil || sum.Severity != tc.want || !strings.Contains(sum.Message, "OCR") {
			t.Errorf("%d of 6 doubtful: finding %+v, want %s", tc.doubtful, sum, tc.want)
		}
		if quality != tc.quality {
			t.Errorf("%d of 6 doubtful: scan quality note %v, want %v", tc.doubtful, quality, tc.quality)
		}
	}
}

func withQuote(rep *schema.Report, quote string) *schema.Report {
	for i := range rep.Facts {
		rep.Facts[i].Quote = quote
	}
	return rep
}

// inParagraph places every fact in the report's first paragraph.
func inParagraph(rep *schema.Report) *schema.Report {
	for i := range rep.Facts {
		rep.Facts[i].Pos = rep.Document.Pages[0].Blocks[0].Pos
	}
	return rep
}

func allTables(rep *schema.Report) *schema.Report {
	for _, k := range []schema.TableKind{"01", "02", "03", "04", "05", "06", "07", "08", "09"} {
		rep.Tables = append(rep.Tables, schema.ReportTable{ID: "t" + string(k), Kind: k, Empty: true})
	}
	return rep
}

func withSection(rep *schema.Report, number, title string) *schema.Report {
	rep.Sections = append(rep.Sections, schema.Section{ID: "1", Number: number, Title: title, Level: 1, Pos: schema.Pos{File: "r.docx", Line: 1}})
	return rep
}

// TestEveryRule runs each rule on a report where it must stay silent and on one
// where it must speak, and checks that every rule of the catalogue is tested.
func TestEveryRule(t *testing.T) {
	tested := map[string]bool{}
	for _, tc := range ruleCases() {
		tested[tc.rule] = true
		t.Run(tc.rule, func(t *testing.T) {
			for _, f := range Run(tc.pass, Options{}) {
				if f.Rule == tc.rule && f.Severity.Rank() <= schema.SeverityWarning.Rank() {
					t.Errorf("consistent report flagged: %s %s", f.Severity, f.Message)
				}
			}
			var got []schema.Finding
			for _, f := range Run(tc.fail, Options{}) {
				if f.Rule == tc.rule {
					got = append(got, f)
				}
			}
			if len(got) == 0 {
				t.Fatalf("contradiction not found")
			}
			if got[0].Severity != tc.severity {
				t.Errorf("severity %s, want %s: %s", got[0].Severity, tc.severity, got[0].Message)
			}
			if got[0].Message == "" || got[0].Pos.File == "" {
				t.Errorf("finding without message or position: %+v", got[0])
			}
		})
	}
	for _, r := range rules {
		if !tested[r.id] {
			t.Errorf("rule %s has no test case", r.id)
		}
	}
}

// TestRoundingIsNotAnError: differences that rounding explains are info.
func TestRoundingIsNotAnError(t *testing.T) {
	rep := (&fb{}).money("gpb.basic.personnel", "247.23").money("gpb.econ.30101", "122.06").money("gpb.econ.30102", "125.18").report()
	fs := Run(rep, Options{})
	if len(fs) != 1 || fs[0].Severity != schema.SeverityInfo {
		t.Fatalf("findings %+v", fs)
	}
	want := "人员经费 247.23万元 ≠ 各经济科目之和 247.24万元（差 -0.01万元，四舍五入可解释的差额小于 0.015万元）"
	if !strings.Contains(fs[0].Message, want) {
		t.Errorf("message %q does not show the arithmetic %q", fs[0].Message, want)
	}
	en := Run(rep, Options{Lang: "en"})
	if !strings.Contains(en[0].Message, "rounding explains less than 0.015万元") {
		t.Errorf("English message %q", en[0].Message)
	}
}

// TestLowConfidenceOCRCapsSeverity: a contradiction resting on an uncertain
// OCR reading is at most a warning.
func TestLowConfidenceOCRCapsSeverity(t *testing.T) {
	b := (&fb{}).in("t01").money("income.total", "303.36").money("income.fiscal.gpb", "287.14").money("income.other", "17.23")
	b.facts[2].Method, b.facts[2].Confidence = schema.MethodOCR, 0.55
	fs := Run(b.report(), Options{})
	if len(fs) == 0 || fs[0].Severity != schema.SeverityWarning || !strings.Contains(fs[0].Message, "OCR") {
		t.Fatalf("findings %+v", fs)
	}
}

// TestOneTableIsNoReport: a page image or excerpt holding one or two of the
// tables is not reported for lacking the rest; a report with most of them is.
func TestOneTableIsNoReport(t *testing.T) {
	missing := func(kinds ...schema.TableKind) int {
		rep := (&fb{}).report("正文")
		for _, k := range kinds {
			rep.Tables = append(rep.Tables, schema.ReportTable{ID: "t" + string(k), Kind: k})
		}
		count := 0
		for _, f := range Run(rep, Options{}) {
			if f.Rule == "document.tables" {
				count++
			}
		}
		return count
	}
	if got := missing("05"); got != 0 {
		t.Errorf("one table: %d document.tables findings, want none", got)
	}
	if got := missing("02", "03"); got != 0 {
		t.Errorf("two tables: %d document.tables findings, want none", got)
	}
	if got := missing("01", "02", "03", "04", "05", "06"); got != 3 {
		t.Errorf("six tables: %d document.tables findings, want 3", got)
	}
}

// TestUnreadRowsProveNothing: in a table read by OCR where an amount did not
// become a fact, a class row may be unread, so the classes falling short of
// the total is no finding; the same table read from a text layer is one.
func TestUnreadRowsProveNothing(t *testing.T) {
	build := func(method schema.Method) *schema.Report {
		b := (&fb{}).in("t05").money("gpb.expenditure", "287.14").money("gpb.func.201", "238.00").money("gpb.func.221", "10.29").
			money("gpb.func.20805", "29.13")
		for i := range b.facts {
			b.facts[i].Method, b.facts[i].Confidence = method, 0.99
			b.facts[i].Pos.Row, b.facts[i].Pos.Col = i+1, 3
		}
		rep := b.report()
		// The grid prints the 208 class row's 29.13, which became no fact.
		rep.Tables[0].Grid.Cells = []schema.Cell{{Text: "29.13", Pos: schema.Pos{Row: 9, Col: 3}}}
		return rep
	}
	count := func(rep *schema.Report) int {
		n := 0
		for _, f := range Run(rep, Options{}) {
			if f.Rule == "sum.by_function" && f.Severity.Rank() <= schema.SeverityWarning.Rank() {
				n++
			}
		}
		return n
	}
	if n := count(build(schema.MethodOCR)); n != 0 {
		t.Errorf("OCR'd table with an unread amount: %d sum.by_function findings, want none", n)
	}
	if n := count(build(schema.MethodText)); n != 1 {
		t.Errorf("text table: %d sum.by_function findings, want 1", n)
	}
}

// TestScanMissingTableIsANote: in a scanned report a table not found may be a
// table not recognised, so it is a note, not a warning.
func TestScanMissingTableIsANote(t *testing.T) {
	for _, scanned := range []bool{false, true} {
		rep := withSection((&fb{}).report("正文"), "第二部分", "某中心2023年度单位决算表")
		rep.Document.Pages[0].NeedsOCR = scanned
		want := schema.SeverityWarning
		if scanned {
			want = schema.SeverityInfo
		}
		n := 0
		for _, f := range Run(rep, Options{}) {
			if f.Rule == "document.tables" {
				n++
				if f.Severity != want {
					t.Errorf("scanned %v: %s %s, want %s", scanned, f.Severity, f.Message, want)
				}
			}
		}
		if n != 9 {
			t.Errorf("scanned %v: %d document.tables findings, want 9", scanned, n)
		}
	}
}

// TestScanUnitNameMisread: in a scanned report a part heading whose unit
// name is one character off the title's (misread, stray or lost) is a
// misreading, not another unit; further off, it is a note, since both names
// are readings; in print it is a warning. 基本, 单位, 本级 or a year around
// the name leave it the same name.
func TestScanUnitNameMisread(t *testing.T) {
	for _, tc := range []struct {
		heading string
		scanned bool
		want    schema.Severity // the finding's severity, "" for none
	}{
		{"某中心概况", true, ""},
		{"”某中心概况", true, ""},                      // a stray quote
		{"某中概况", true, ""},                        // a character lost
		{"某巾心概况", true, ""},                       // a character misread
		{"”某中心概况", false, schema.SeverityWarning}, // in print, as printed
		{"某中心基本概况", false, ""},                    // in print: the same name, 基本 after it
		{"某某局概况", true, schema.SeverityInfo},      // another unit, or misread
		{"”某中巾概况", true, schema.SeverityInfo},     // two characters off
		{"某某局概况", false, schema.SeverityWarning},  // in print
	} {
		rep := withSection((&fb{}).report("正文"), "第一部分", tc.heading)
		rep.Document.Pages[0].NeedsOCR = tc.scanned
		var got []string
		for _, f := range Run(rep, Options{}) {
			if f.Rule == "document.unit_name" {
				got = append(got, string(f.Severity))
			}
		}
		if strings.Join(got, " ") != string(tc.want) {
			t.Errorf("%q (scanned %v): document.unit_name findings %q, want %q", tc.heading, tc.scanned, got, tc.want)
		}
	}
}

// TestStatedAsPrinted: a finding quotes a stated figure as the report prints
// it when that means just its value, and formats it otherwise.
func TestStatedAsPrinted(t *testing.T) {
	c := &checker{unit: "万元", lang: "zh"}
	for _, tc := range []struct {
		printed string
		value   string
		unit    schema.Unit
		want    string
	}{
		{"0.3万元", "3000", schema.UnitYuan, "0.3万元"},
		{"1,234.5 万元", "12345000", schema.UnitYuan, "1,234.5万元"},
		{"56.95万元", "-569500", schema.UnitYuan, "formatted"},  // 减少: the sign is in the words
		{"2961.68", "29616800", schema.UnitYuan, "formatted"}, // a table cell: no unit printed
		{"71.7%", "71.7", schema.UnitPercent, "71.7%"},
		{"3000元", "3000", schema.UnitYuan, "formatted"}, // another unit than the message's
	} {
		f := &schema.Fact{Printed: tc.printed, Value: decimal.RequireFromString(tc.value), Unit: tc.unit}
		if got := c.asPrinted(f, tc.unit, "formatted"); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.printed, got, tc.want)
		}
	}
}

// TestZeroBudgetCompletion: a completion rate stated against a budget of zero
// when something was spent is no rate at all: an error, or a warning where
// the words leave room (0% as a placeholder, a budget added to during the
// year); silent when nothing was spent or when the budget was rounded to
// zero and the rate is as large as that rounding allows.
func TestZeroBudgetCompletion(t *testing.T) {
	n := func() *fb { return &fb{} }
	const c = "gpb.expenditure.completion_pct"
	for _, tc := range []struct {
		name string
		rep  *schema.Report
		want schema.Severity // "" for no finding
	}{
		{"100% of a zero budget", n().money("gpb.expenditure.budget", "0").money("gpb.expenditure", "5.00").pct(c, "100", "gpb.expenditure.budget").report(), schema.SeverityError},
		{"100% of a budget rounded to zero", n().money("gpb.expenditure.budget", "0.00").money("gpb.expenditure", "5.00").pct(c, "100", "gpb.expenditure.budget").report(), schema.SeverityError},
		{"less than the rounding allows", n().money("gpb.expenditure.budget", "0.00").money("gpb.expenditure", "0.01").pct(c, "50", "gpb.expenditure.budget").report(), schema.SeverityError},
		{"0% as a placeholder", n().money("gpb.expenditure.budget", "0").money("gpb.expenditure", "5.00").pct(c, "0", "gpb.expenditure.budget").report(), schema.SeverityWarning},
		{"a budget added to during the year",
			withQuote(n().money("gpb.expenditure.budget", "0").money("gpb.expenditure", "5.00").pct(c, "100", "gpb.expenditure.budget").report(),
				"预算为0万元，支出决算为5.00万元，完成预算的100%，主要原因是年中追加预算"), schema.SeverityWarning},
		{"the initial budget named, though added to",
			withQuote(n().money("gpb.expenditure.budget", "0").money("gpb.expenditure", "5.00").pct(c, "100", "gpb.expenditure.budget").report(),
				"年初预算为0万元，支出决算为5.00万元，完成年初预算的100%，主要原因是年中追加预算"), schema.SeverityError},
		{"nothing spent", n().money("gpb.expenditure.budget", "0").money("gpb.expenditure", "0").pct(c, "100", "gpb.expenditure.budget").report(), ""},
		{"nothing spent, to rounding", n().money("gpb.expenditure.budget", "0").money("gpb.expenditure", "0.00").pct(c, "0", "gpb.expenditure.budget").report(), ""},
		{"as large as a budget rounded to zero allows", n().money("gpb.expenditure.budget", "0.00").money("gpb.expenditure", "0.01").pct(c, "300", "gpb.expenditure.budget").report(), ""},
		{"the adjusted budget meant", n().money("gpb.expenditure.budget", "0").money("gpb.expenditure.budget_adjusted", "5.00").money("gpb.expenditure", "5.00").pct(c, "100", "gpb.expenditure.budget").report(), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, lang := range []string{"zh", "en"} {
				var got []schema.Finding
				for _, f := range Run(tc.rep, Options{Lang: lang}) {
					if f.Rule == "completion.rate" {
						got = append(got, f)
					}
				}
				switch {
				case tc.want == "" && len(got) > 0:
					t.Errorf("%s: flagged: %s %s", lang, got[0].Severity, got[0].Message)
				case tc.want == "":
				case len(got) != 1:
					t.Errorf("%s: %d findings, want one %s", lang, len(got), tc.want)
				case got[0].Severity != tc.want:
					t.Errorf("%s: severity %s, want %s: %s", lang, got[0].Severity, tc.want, got[0].Message)
				case lang == "zh" && !strings.Contains(got[0].Message, "预算数") || lang == "en" && !strings.Contains(got[0].Message, "budget"):
					t.Errorf("%s: message %q", lang, got[0].Message)
				case len(got[0].Facts) != 3 || got[0].Pos.File == "":
					t.Errorf("%s: finding without its facts or position: %+v", lang, got[0])
				}
			}
		})
	}
}

// TestPoorSumsAreNotes: a scan whose tables fail many of their own sums is
// misread, however sure its readings: the findings resting on them are
// notes, and the report says why. A few failures stay errors, and so do
// many in a text layer.
func TestPoorSumsAreNotes(t *testing.T) {
	classes := []string{"201", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214"}
	build := func(failing int, method schema.Method) *schema.Report {
		b := (&fb{}).in("t05")
		for i, c := range classes {
			basic := "6.00"
			if i < failing {
				basic = "5.00" // 5 + 4 ≠ 10
			}
			b.money("gpb.func."+c, "10.00").money("gpb.func."+c+".basic", basic).money("gpb.func."+c+".project", "4.00")
		}
		for i := range b.facts {
			b.facts[i].Method, b.facts[i].Confidence = method, 0.99
		}
		rep := b.report("正文")
		rep.Document.Pages[0].NeedsOCR = method == schema.MethodOCR
		return rep
	}
	count := func(rep *schema.Report) (errs, notes int, said bool) {
		for _, f := range Run(rep, Options{}) {
			switch {
			case f.Rule == "sum.row_columns" && f.Severity == schema.SeverityError:
				errs++
			case f.Rule == "sum.row_columns" && f.Severity == schema.SeverityInfo:
				notes++
			case f.Rule == "document.scan_quality":
				said = true
			}
		}
		return
	}
	if errs, notes, said := count(build(12, schema.MethodOCR)); errs != 0 || notes != 12 || !said {
		t.Errorf("scan failing 12 sums: %d errors, %d notes, scan quality said %v; want 0, 12, true", errs, notes, said)
	}
	if errs, notes, said := count(build(3, schema.MethodOCR)); errs != 3 || notes != 0 || said {
		t.Errorf("scan failing 3 sums: %d errors, %d notes, scan quality said %v; want 3, 0, false", errs, notes, said)
	}
	if errs, notes, _ := count(build(12, schema.MethodText)); errs != 12 || notes != 0 {
		t.Errorf("text layer failing 12 sums: %d errors, %d notes; want 12, 0", errs, notes)
	}
}

// TestRefusedCellsNoConcept: a cell warned of once without a concept stays
// unnamed, whatever other warnings say of it, so its table stays incomplete.
func TestRefusedCellsNoConcept(t *testing.T) {
	at := schema.Pos{File: "s.pdf", Page: 1, Table: 1, Row: 4, Col: 3}
	for _, ws := range [][]schema.Warning{
		{{Pos: at, Message: "cell damaged"}, {Pos: at, Message: "refused", Concept: "gpb.econ.30102"}},
		{{Pos: at, Message: "refused", Concept: "gpb.econ.30102"}, {Pos: at, Message: "cell damaged"}},
	} {
		got, ok := refusedCells(&schema.Report{Warnings: ws})[cellOf(at)]
		if !ok || got != "" {
			t.Errorf("%v: the cell is named %q (%v), want unnamed", ws, got, ok)
		}
	}
}
