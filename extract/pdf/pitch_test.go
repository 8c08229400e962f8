package pdf_test

import (
	"slices"
	"strings"
	"testing"
)

// TestWideLinePitch: the lines of a paragraph are told from the lines of
// the next by the document's own line pitch. LibreOffice prints a web
// page's 12 pt text 31 pt apart (2.58 ems) and its paragraphs 45 pt apart;
// each line was a paragraph of its own (a completion rate wrapped away from
// its phrase, "完成年初预算的" | "100.00%", in a paragraph apart from it). A
// heading, a paragraph whose last line runs to the margin and the next
// paragraph stay apart.
func TestWideLinePitch(t *testing.T) {
	const (
		x, size, width = 57.0, 12.0, 42.0 // width in ems: 504 pt
		pitch, gap     = 31.0, 45.0
	)
	p := &textPage{}
	p.put(x, 60, 16, "第三部分 2023年度单位决算情况说明")
	top := 60 + gap
	for _, s := range []string{
		"2023年度收、支总计均为303.37万元，与2022年度相比，收支总计各增加71.78万元，增长30.99%，主要原因是业务量增加，人员经费和日常公用经费随之增加。",
		"2023年度本年收入合计303.37万元，其中：财政拨款收入287.14万元，占本年收入94.65%；其他收入16.23万元，占本年收入5.35%，主要是零星收入。",
		"2023年度本年支出合计303.36万元，其中：基本支出303.36万元，占本年支出100.00%；项目支出0万元，占本年支出0%，本年未安排项目支出。",
		"2023年度财政拨款收、支总计均为287.14万元，与2022年度相比，财政拨款收支各增加55.55万元，增长23.97%，主要原因是业务增加，人员有所增加。",
		"2023年度本单位一般公共预算财政拨款支出287.14万元，占本年支出94.65%，与2022年度相比，一般公共预算财政拨款支出增加55.55万元，增长23.97%，主要原因是人员增加。",
		"2023年度一般公共预算财政拨款基本支出287.14万元，其中：人员经费247.23万元，主要包括基本工资、津贴补贴、绩效工资；公用经费39.91万元。",
		"本年一般公共预算财政拨款支出年初预算为287.14万元，支出决算为287.14万元，其中基本支出与项目支出均按计划执行完毕，全年各项工作经费均已足额保障到位，完成年初预算的100.00%，主要原因是严格执行预算。",
	} {
		top = p.paragraph(x, top, size, width, pitch, s) - pitch + gap
	}
	// a paragraph of one line, justified to the margin, and the next, not
	// indented
	full := "本单位2023年度政府采购支出总额0万元，其中政府采购货物支出0万元，工程支出0万"
	if ems(full) > width-2 {
		t.Fatalf("the full line is %.1f ems, more than %.1f", ems(full), width-2)
	}
	p.set(line{toks: tokens(full), indent: 2, justify: true}, x, top, size, width)
	top += gap
	p.set(line{toks: tokens("截至2023年12月31日，本单位共有车辆0辆。")}, x, top, size, width)

	doc := readPages(t, p)
	got := blockTexts(doc.Pages[0])
	t.Logf("blocks:\n%s", strings.Join(got, "\n"))
	if len(got) != 10 {
		t.Errorf("%d blocks, want 10: the heading, 7 paragraphs of several lines, 2 of one line", len(got))
	}
	for i, s := range got {
		if i > 0 && i < 8 && !strings.HasSuffix(s, "。") {
			t.Errorf("paragraph %d ends %q: cut short", i, s)
		}
	}
	if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "完成年初预算的100.00%，") }) {
		t.Errorf("no paragraph reads 完成年初预算的100.00%%")
	}
}

// TestMixedLinePitch: a report whose parts were set with other spacing
// (the explanations at exactly 26 points, the rest at 20, text of 12 pt)
// keeps the paragraphs of the less common spacing whole. The lines of a
// paragraph were told apart by the document's most common pitch alone,
// and each line of the explanations was a paragraph of its own (2.17 ems
// apart, within 2.4 ems before the document's pitch was used).
func TestMixedLinePitch(t *testing.T) {
	const (
		x, size, width = 57.0, 12.0, 42.0
		narrow, wide   = 20.0, 26.0
	)
	body := "2023年度本年收入合计303.37万元，其中：财政拨款收入287.14万元，占本年收入94.65%；其他收入16.23万元，占本年收入5.35%，主要是零星收入，全年各项工作经费均已足额保障到位，与上年相比略有增加，主要原因是人员有所增加，业务量随之增加。"
	notes := []string{
		"2023年度一般公共预算财政拨款基本支出287.14万元，其中：人员经费247.23万元，主要包括基本工资、津贴补贴、奖金、伙食补助费、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费；公用经费39.91万元，主要包括办公费、印刷费、维修费。",
		"2023年度一般公共预算财政拨款支出年初预算为287.14万元，支出决算为287.14万元，完成年初预算的100.00%，其中基本支出与项目支出均按计划执行完毕，决算数与预算数持平的主要原因是严格执行预算，全年未调整预算，各项支出均在预算以内。",
		"2023年度“三公”经费财政拨款支出预算为0.29万元，支出决算为0万元，完成预算的0%，决算数较上年减少0.08万元，下降100%，决算数小于预算数的主要原因是厉行节约，严格控制公务接待，全年未发生因公出国（境）和公务用车购置及运行支出。",
		"本单位2023年度政府采购支出总额0万元，其中：政府采购货物支出0万元、政府采购工程支出0万元、政府采购服务支出0万元，授予中小企业合同金额0万元，占政府采购支出总额的0%，其中授予小微企业合同金额0万元，全年未发生政府采购事项。",
	}
	p1, p2 := &textPage{}, &textPage{}
	top := 60.0
	for range 6 {
		top = p1.paragraph(x, top, size, width, narrow, body)
	}
	top = 60
	for _, s := range notes {
		top = p2.paragraph(x, top, size, width, wide, s)
	}
	doc := readPages(t, p1, p2)
	got := blockTexts(doc.Pages[1])
	t.Logf("page 2:\n%s", strings.Join(got, "\n"))
	if len(got) != len(notes) {
		t.Errorf("page 2: %d paragraphs, want %d", len(got), len(notes))
	}
	for i, s := range got {
		if !strings.HasSuffix(s, "。") {
			t.Errorf("paragraph %d ends %q: cut short", i+1, s)
		}
	}
	if n := len(blockTexts(doc.Pages[0])); n != 6 {
		t.Errorf("page 1: %d paragraphs, want 6", n)
	}
}
