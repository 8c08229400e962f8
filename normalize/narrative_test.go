package normalize_test

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// staffFacts reads a 概况 section holding the given sentence and returns its
// headcount facts as "concept=value", sorted.
func staffFacts(t *testing.T, sentence string) []string {
	t.Helper()
	doc, err := text.Read(strings.NewReader("第一部分 某街道服务中心概况\n一、部门主要职能\n主要职责是：承担网格化管理服务职责。\n二、机构设置情况\n"+sentence+"\n"), "report.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range normalize.Report(doc).Facts {
		if strings.HasPrefix(f.Concept, "staff.") && f.Derived == nil {
			got = append(got, f.Concept+"="+f.Value.String())
		}
	}
	sort.Strings(got)
	return got
}

// TestStaffPhrasing reads headcounts as reports phrase them: the
// establishment (编制) and the actual headcount under their several names,
// with their kinds in brackets or listed after 其中; a headcount named
// again under another name in the same section is a part of it and is not
// read, nor are kinds off the establishment under a count of those on it.
func TestStaffPhrasing(t *testing.T) {
	for _, tc := range []struct {
		name     string
		sentence string
		want     string // space-separated concept=value, sorted
	}{
		{"brackets", "人员编制11人（事业编制11人），实有在职人数14人（行政编制0人+事业编制10人+“以钱养事”人员4人）,离退休1人。",
			"staff.actual.admin=0 staff.actual.institution=10 staff.actual.other=4 staff.actual=14 staff.authorized.institution=11 staff.authorized=11 staff.retired=1"},
		{"kinds after 其中", "单位编制11人，在职人员14人，其中行政编制0人、事业编制10人、“以钱养事”人员4人。",
			"staff.actual.admin=0 staff.actual.institution=10 staff.actual.other=4 staff.actual=14 staff.authorized=11"},
		{"年末实有人员", "年末实有人员14人。", "staff.actual=14"},
		{"编制数 in 名", "编制数为11名。", "staff.authorized=11"},
		{"名 throughout", "编制11名，实有14名，其中行政编制0名、事业编制10名、以钱养事人员4名。",
			"staff.actual.admin=0 staff.actual.institution=10 staff.actual.other=4 staff.actual=14 staff.authorized=11"},
		{"在职在编人员", "在职在编人员10人，离退休人员2人。", "staff.actual=10 staff.retired=2"},
		{"在职职工", "现有在职职工14人。", "staff.actual=14"},
		{"kinds of the establishment", "核定编制11人，其中机关行政编制5人，事业编制6人。",
			"staff.authorized.admin=5 staff.authorized.institution=6 staff.authorized=11"},
		{"实有人数 with the retired", "单位编制11人，其中：行政编制5人，事业编制6人。实有人数15人，其中：在职人员14人，离退休人员1人。",
			"staff.actual=14 staff.authorized.admin=5 staff.authorized.institution=6 staff.authorized=11 staff.retired=1"}, // the serving staff (servingOfAll)
		{"the serving staff's kinds", "实有人员15人，在职人员14人（行政编制5人，事业编制9人），离退休人员1人。",
			"staff.actual.admin=5 staff.actual.institution=9 staff.actual=14 staff.retired=1"},
		{"kinds under X中 of a part", "实有人员15人，其中在职人员14人，离退休人员1人，在职人员中，行政编制0人，事业编制10人，以钱养事人员4人。",
			"staff.actual.admin=0 staff.actual.institution=10 staff.actual.other=4 staff.actual=14 staff.retired=1"},
		{"在职 beside staff off the posts", "实有人员15人，其中在职人员14人，编外人员1人。", "staff.actual=15"},
		{"the retired apart", "本部门实有人员15人，其中在职人员14人，编外人员1人，另有离退休人员3人。", "staff.actual=15 staff.retired=3"},
		{"the retired after ；", "年末实有人员32人，其中在职人员25人；离退休人员7人。", "staff.actual=25 staff.retired=7"},
		{"the retired before the serving staff", "截至2023年12月31日，实有人员32人，其中离退休人员7人，在职人员25人。", "staff.actual=25 staff.retired=7"},
		{"the whole neither", "实有人员32人，其中：在职人员25人（行政编制20人，事业编制5人），离退休人员8人。", "staff.actual=32 staff.retired=8"},
		{"在编 and its kinds", "在职在编人员10人（行政编制4人、事业编制6人），离退休人员2人。",
			"staff.actual.admin=4 staff.actual.institution=6 staff.actual=10 staff.retired=2"},
		{"在编 beside staff off the establishment", "在职在编人员10人（行政编制0人、事业编制10人），以钱养事人员4人。", ""},
		{"在编 under 在职", "本单位编制11人，实有在职人员14人，其中：在编人员10人，编外人员4人。", "staff.actual=14 staff.authorized=11"},
		{"在编 and the headcount in another section", "在职在编人员10人（行政编制4人、事业编制6人），离退休人员2人。\n三、人员情况\n年末实有人员13人。",
			"staff.actual=13 staff.retired=2"},
		{"在编 before the headcount", "在职在编人员10人（行政编制4人、事业编制6人），实有人数13人，离退休人员2人。",
			"staff.actual=13 staff.retired=2"},
		{"kinds of posts are not the establishment", "全额拨款事业编制6人。", ""},
		{"money is no headcount", "用于离退休54.53万元。", ""},
		{"a rank and a group in 名", "本单位在评比中获第1名，组织50名干部参加培训。", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(staffFacts(t, tc.sentence), " ")
			if got != tc.want {
				t.Errorf("%s\n got  %s\n want %s", tc.sentence, got, tc.want)
			}
		})
	}
}

// TestWrappedAfterPoint: a figure wrapped onto a line of its own after its
// label ("全年预算为\n321. 02万元", the point printed wide and read with a
// space after it) is no numbered item: its label still names it.
func TestWrappedAfterPoint(t *testing.T) {
	doc, err := text.Read(strings.NewReader("五、一般公共预算财政拨款支出决算情况说明\n（三）一般公共预算财政拨款支出决算具体情况\n"+
		"一般公共预算财政拨款支出年初预算为0万元，全年预算为\n321. 02万元，支出决算为307. 82万元，完成年初预算的95. 89%。\n"), "report.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range normalize.Report(doc).Facts {
		if f.Derived == nil {
			got = append(got, f.Concept+"="+f.Value.String())
		}
	}
	sort.Strings(got)
	want := "gpb.expenditure.budget=0 gpb.expenditure.budget_adjusted=3210200 gpb.expenditure.completion_pct=95.89 gpb.expenditure=3078200"
	if strings.Join(got, " ") != want {
		t.Errorf("facts %q, want %q", strings.Join(got, " "), want)
	}
}

// TestNumberedItemAfterPoint: "2. 2023年度…" at a line start is a numbered
// item (the year after the point is too long for a fraction): it ends the
// sentence before it, whose comparison with the budget does not carry over.
func TestNumberedItemAfterPoint(t *testing.T) {
	doc, err := text.Read(strings.NewReader("五、一般公共预算财政拨款支出决算情况说明\n（二）一般公共预算财政拨款支出决算结构情况\n"+
		"1. 一般公共服务支出（类）100.00万元，比年初预算增加10.00万元，主要原因是人员增加\n"+
		"2. 2023年度教育支出（类）50.00万元，增加5.00万元，占33.33%。\n"), "report.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range normalize.Report(doc).Facts {
		if f.Derived == nil {
			got[f.Concept] = f.Value.String()
		}
	}
	if got["gpb.func.205.change"] != "50000" || got["gpb.func.205.share_of"] != "33.33" {
		t.Errorf("the second item's change and share lost: %v", got)
	}
}

// TestThreePublicBySource: a "三公" figure's parts by the funds that paid
// for them: the fiscal part of this year's figure is the figure (the
// tables' are fiscal); the parts of a budget's or of the year before's are
// no figures of the vocabulary, nor the unit's fiscal spending, and leave
// the figure stated before them as it was.
func TestThreePublicBySource(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"2023年度“三公”经费支出8.50万元（含非财政拨款0.50万元），其中：财政拨款支出8.00万元。", "three_public.total=80000"},
		{"2023年度“三公”经费年初预算10.00万元，其中：财政拨款9.00万元，其他资金1.00万元。2023年度“三公”经费支出决算8.00万元，完成年初预算的80.00%。",
			"three_public.total.budget=100000 three_public.total.completion_pct=80 three_public.total=80000"},
		{"2023年度“三公”经费支出决算8.00万元，比上年减少1.00万元。“三公”经费年初预算10.00万元，其中：财政拨款9.00万元，其他资金1.00万元。",
			"three_public.total.budget=100000 three_public.total.change=-10000 three_public.total=80000 three_public.total=90000"},
		{"上年“三公”经费支出9.50万元，其中：财政拨款支出9.00万元。", "three_public.total=95000"},
		{"2023年度“三公”经费支出年初预算为10.00万元，其中：财政拨款9.00万元；支出决算为8.50万元，完成预算的85%。",
			"three_public.total.budget=100000 three_public.total.completion_pct=85 three_public.total=85000"},
		{"2023年度“三公”经费支出8.50万元。其中：财政拨款支出8.00万元，非财政拨款支出0.50万元。", "three_public.total=80000"},
		{"2023年度“三公”经费支出8.50万元，比上年减少1.00万元，下降10.53%，其中：财政拨款支出8.00万元，非财政拨款支出0.50万元。", "three_public.total=80000"},
	} {
		doc, err := text.Read(strings.NewReader("北郊街道办事处2023年度部门决算\n第三部分 2023年度部门决算情况说明\n九、“三公”经费支出决算情况说明\n"+tc.text+"\n"), "report.txt")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range normalize.Report(doc).Facts {
			got = append(got, f.Concept+"="+f.Value.String())
		}
		sort.Strings(got)
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%s\n got  %s\n want %s", tc.text, g, tc.want)
		}
	}
}

// TestBracketClosedBeforeSemicolon: a bracket closed after its list's last
// figure, before a ；, ends there: the share after the ； is read, of the
// list's whole; the shares inside it, of the part or of the whole, are not.
func TestBracketClosedBeforeSemicolon(t *testing.T) {
	doc, err := text.Read(strings.NewReader("北郊街道办事处2023年度部门决算\n第三部分 2023年度部门决算情况说明\n九、财政拨款“三公”经费支出决算情况说明\n"+
		"2023年度“三公”经费财政拨款支出决算为8.50万元，其中：因公出国（境）费0万元，占0%；公务用车购置及运行维护费6.00万元，占70.59%（其中公务用车购置费0万元，占0%；公务用车运行维护费6.00万元，占70.59%）；公务接待费2.50万元，占29.41%。\n"), "report.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range normalize.Report(doc).Facts {
		if strings.HasSuffix(f.Concept, ".share_of") {
			got = append(got, f.Concept+"="+f.Value.String()+" of "+f.Of)
		}
	}
	sort.Strings(got)
	want := "three_public.overseas.share_of=0 of three_public.total three_public.reception.share_of=29.41 of three_public.total three_public.vehicle.share_of=70.59 of three_public.total"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("shares\n got  %s\n want %s", g, want)
	}
}

// A heading set over two lines by a line break (Word's w:br, HTML's <br> in
// an h2) opens its section with its topic: the fund's 本年收入0万元 under
// it is the fund's, not the report's total.
func TestHeadingOverTwoLines(t *testing.T) {
	block := func(kind schema.BlockKind, level int, text string) schema.Block {
		return schema.Block{Kind: kind, Level: level, Text: text}
	}
	blocks := []schema.Block{
		block(schema.KindHeading, 1, "北郊街道办事处2023年度部门决算"),
		block(schema.KindHeading, 1, "第三部分 2023年度部门决算情况说明"),
		block(schema.KindHeading, 2, "一、收入支出决算总体情况说明"),
		block(schema.KindParagraph, 0, "2023年度收入合计303.36万元，支出合计303.36万元。"),
		block(schema.KindHeading, 2, "二、政府性基金预算财政拨款收入\n支出决算情况说明"),
		block(schema.KindParagraph, 0, "2023年度政府性基金预算财政拨款年初结转和结余0万元，本年收入0万元，本年支出0万元，年末结转和结余0万元。"),
	}
	for i := range blocks {
		blocks[i].Pos = schema.Pos{File: "t.docx", Line: i + 1}
	}
	doc := &schema.Document{Source: schema.Source{File: "t.docx", Format: schema.FormatDOCX}, Pages: []schema.Page{{Blocks: blocks}}}
	rep := normalize.Report(doc)
	var got []string
	for _, f := range rep.Facts {
		got = append(got, f.Concept+"="+f.Value.String())
	}
	sort.Strings(got)
	t.Logf("facts: %s", strings.Join(got, " "))
	for _, f := range rep.Facts {
		if (f.Concept == "income.total" || f.Concept == "expenditure.total") && f.Value.String() != "3033600" {
			t.Errorf("%s = %s at %s, read from the fund's section", f.Concept, f.Value, f.Pos)
		}
	}
	if !slices.Contains(got, "fund.expenditure=0") {
		t.Errorf("fund.expenditure not read: %v", got)
	}
}
