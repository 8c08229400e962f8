package check_test

import (
	"os"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract/html"
	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// perfPage is an HTML report holding a narrative paragraph on the
// self-evaluation and the self-evaluation table, its rows given as HTML.
func perfPage(narrative string, rows ...string) string {
	return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>北郊街道办事处2023年度部门决算</title></head><body>
<h1>北郊街道办事处2023年度部门决算</h1>
<h2>第三部分 2023年度部门决算情况说明</h2>
<h3>十三、预算绩效情况说明</h3>
<p>` + narrative + `</p>
<h2>第六部分 附件</h2>
<p>2023年北郊街道办事处整体绩效自评表</p>
<table border="1"><tbody>
` + strings.Join(rows, "\n") + `
</tbody></table></body></html>`
}

// perfRows are the rows of a consistent self-evaluation table, with the
// execution score, goal 1's indicators and goal 2's indicators as given:
// 10 + 38 (20 + 18) + 48 (25 + 23) = 96.
func perfRows(exec, g11, g12, g21, g22 string, sub1, sub2 string) []string {
	rows := []string{
		`<tr><td colspan="2">填报日期：2024年3月10日</td><td></td><td></td><td></td><td>总分：96</td></tr>`,
		`<tr><td rowspan="2">预算执行情况（万元）（10分）</td><td></td><td>预算数（A）</td><td>执行数（B）</td><td>执行率（B/A）</td><td>得分</td></tr>`,
		`<tr><td>部门整体支出总额</td><td>303.36</td><td>303.36</td><td>100%</td><td>` + exec + `</td></tr>`,
		`<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年初目标值</td><td>实际完成值</td><td>得分</td></tr>`,
		`<tr><td colspan="6">目标1：满分40分，实得38分</td></tr>`,
		`<tr><td>产出指标</td><td>数量指标</td><td>宣传覆盖率（20分）</td><td>100%</td><td>100%</td><td>` + g11 + `</td></tr>`,
		`<tr><td>效益指标</td><td>社会效益</td><td>群众满意度（20分）</td><td>≥90%</td><td>88%</td><td>` + g12 + `</td></tr>`,
	}
	if sub1 != "" {
		rows = append(rows, `<tr><td colspan="5">小计</td><td>`+sub1+`</td></tr>`)
	}
	rows = append(rows,
		`<tr><td colspan="6">目标2：满分50分，实得48分</td></tr>`,
		`<tr><td>产出指标</td><td>质量指标</td><td>完成率（25分）</td><td>100%</td><td>100%</td><td>`+g21+`</td></tr>`,
		`<tr><td>效益指标</td><td>满意度</td><td>服务对象满意度（25分）</td><td>≥95%</td><td>93%</td><td>`+g22+`</td></tr>`)
	if sub2 != "" {
		rows = append(rows, `<tr><td colspan="5">小计</td><td>`+sub2+`</td></tr>`)
	}
	return append(rows, `<tr><td colspan="5">总分</td><td>96</td></tr>`)
}

// findingsOf reads an HTML or text report and returns its error and
// warning findings, logging the facts read.
func findingsOf(t *testing.T, name, src string) []schema.Finding {
	t.Helper()
	var doc *schema.Document
	var err error
	if strings.HasSuffix(name, ".html") {
		doc, err = html.Read(strings.NewReader(src), name)
	} else {
		doc, err = text.Read(strings.NewReader(src), name)
	}
	if err != nil {
		t.Fatal(err)
	}
	rep := normalize.Report(doc)
	for _, f := range rep.Facts {
		t.Logf("fact %s = %s (%s)", f.Concept, f.Value, f.Printed)
	}
	var out []schema.Finding
	for _, f := range check.Run(rep, check.Options{}) {
		if f.Severity == schema.SeverityError || f.Severity == schema.SeverityWarning {
			out = append(out, f)
		}
	}
	return out
}

// TestPerformanceConsistent: self-evaluations that add up, on which check
// once raised errors: indicator scores printed with their unit (18分, a
// space before it, full-width digits) dropped, so a goal's indicators fell
// short of its score; a 小计 row under each goal's indicators added in as
// one more indicator; the scores of several projects stated in the
// narrative taken each for the unit's total score and compared.
func TestPerformanceConsistent(t *testing.T) {
	for _, tc := range []struct{ name, file, src string }{
		{"scores printed with 分", "p.html", perfPage("本单位开展了整体支出绩效自评。",
			perfRows("10分", "20分", "18分", "25", "23分", "", "")...)},
		{"a space before 分, full-width digits", "p.html", perfPage("本单位开展了整体支出绩效自评。",
			perfRows("１０分", "20 分", "１８ 分", "２５", "23.0分", "", "")...)},
		{"decimal scores with 分", "p.html", perfPage("本单位开展了整体支出绩效自评。",
			perfRows("10", "19.5分", "18.5 分", "25", "23", "", "")...)},
		{"a 小计 row under each goal", "p.html", perfPage("本单位开展了整体支出绩效自评。",
			perfRows("10", "20", "18", "25", "23", "38", "48")...)},
		{"a 小计 row printed with 分", "p.html", perfPage("本单位开展了整体支出绩效自评。",
			perfRows("10", "20", "18", "25", "23", "38分", "48分")...)},
		{"projects' scores in the narrative", "r.txt", "北郊街道办事处2023年度部门决算\n第三部分 2023年度部门决算情况说明\n" +
			"十三、预算绩效情况说明\n网格化管理项目自评得分98分；便民服务项目自评得分85分。\n"},
		{"projects' scores listed after 其中", "r.txt", "北郊街道办事处2023年度部门决算\n第三部分 2023年度部门决算情况说明\n" +
			"十三、预算绩效情况说明\n（二）部门决算中项目绩效自评结果\n本部门对2023年度3个项目开展了绩效自评。其中，网格化管理项目自评得分98分，评价等级为优；" +
			"社区环境整治项目自评得分90分，评价等级为优；便民服务项目自评得分85分，评价等级为良。\n"},
		{"the unit's score and a project's", "r.txt", "北郊街道办事处2023年度部门决算\n第三部分 2023年度部门决算情况说明\n" +
			"十三、预算绩效情况说明\n（一）部门整体支出绩效自评情况\n本单位2023年度部门整体支出绩效自评得分为95.5分，自评等级为“优”。\n" +
			"（二）项目绩效自评情况\n网格化管理项目绩效自评得分为92分，自评等级为“优”。\n"},
		{"a project's score under a heading naming projects", "r.txt", "北郊街道办事处2023年度部门决算\n第三部分 2023年度部门决算情况说明\n" +
			"十三、预算绩效情况说明\n（一）部门整体支出绩效自评情况\n本单位2023年度部门整体支出绩效自评得分为95.5分。\n" +
			"（二）项目绩效自评情况\n网格化管理绩效自评得分为92分。\n"},
		{"projects' summaries", "r.txt", "北郊街道办事处2023年度部门决算\n第三部分 2023年度部门决算情况说明\n" +
			"十三、预算绩效情况说明\n1.网格化管理项目绩效自评综述：该项目年初预算数为50.00万元，全年预算数为50.00万元，全年执行数为48.00万元，执行率为96.00%，自评总分为96分。\n" +
			"2.便民服务项目绩效自评综述：该项目年初预算数为20.00万元，全年预算数为20.00万元，全年执行数为20.00万元，执行率为100.00%，自评总分为100分。\n"},
		{"the narrative's total and the table's", "p.html", perfPage("本单位整体支出绩效自评得分96分；网格化管理项目自评得分98分。",
			perfRows("10", "20分", "18分", "25", "23", "38", "48")...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, f := range findingsOf(t, tc.file, tc.src) {
				if f.Rule == "document.tables" {
					continue // the texts print none of the nine tables
				}
				t.Errorf("%s %s: %s", f.Severity, f.Rule, f.Message)
			}
		})
	}
}

// TestPerformanceContradictions: self-evaluations that do not add up, each
// still found: an indicator printed with 分 that makes its goal's sum
// wrong, a goal's 小计 that is not its indicators' sum nor its score, a
// goal whose indicators and 小计 agree with each other but not with its
// score, and the unit's total in the narrative against the table's with a
// project's score beside it.
func TestPerformanceContradictions(t *testing.T) {
	for _, tc := range []struct {
		name, file, src, rule, stated string
	}{
		{"an indicator with 分 short", "p.html", perfPage("本单位开展了整体支出绩效自评。",
			perfRows("10", "20分", "17分", "25", "23", "", "")...), "count.performance", "38分"},
		{"a 小计 wrong", "p.html", perfPage("本单位开展了整体支出绩效自评。",
			perfRows("10", "20", "18", "25", "23", "40", "48")...), "count.performance", "40分"},
		{"a 小计 with its indicators against the goal's score", "p.html", perfPage("本单位开展了整体支出绩效自评。",
			perfRows("10", "20", "20", "25", "23", "40", "48")...), "count.performance", "38分"},
		{"the narrative's total against the table's", "p.html", perfPage("本单位整体支出绩效自评得分95分；网格化管理项目自评得分96分。",
			perfRows("10", "20", "18", "25", "23", "", "")...), "table_narrative.same_figure", "95分"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found := false
			for _, f := range findingsOf(t, tc.file, tc.src) {
				t.Logf("%s %s: %s (stated %q)", f.Severity, f.Rule, f.Message, f.Stated)
				found = found || f.Rule == tc.rule && f.Severity == schema.SeverityError && f.Stated == tc.stated
			}
			if !found {
				t.Errorf("no %s error stating %s", tc.rule, tc.stated)
			}
		})
	}
}

// TestPerformanceNationalForm reads the national form of the project
// self-evaluation (项目支出绩效自评表, testdata/perf-national.html), whose
// 总分 row prints the full mark in the 分值 column before the score in the
// 得分 column ("总分 | 100 | 95.6"): the table's total is the 得分
// column's, so a narrative stating it gives no finding, and one stating
// another total is still an error. The full mark was once taken for the
// total, and the narrative's right figure reported against it. The form's
// indicators are read with their full marks from the 分值 column: one
// scored above its 分值 is an error.
func TestPerformanceNationalForm(t *testing.T) {
	b, err := os.ReadFile("testdata/perf-national.html")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	t.Run("the total from the 得分 column", func(t *testing.T) {
		doc, err := html.Read(strings.NewReader(src), "perf-national.html")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range normalize.Report(doc).Facts {
			if f.Table != "" && strings.HasPrefix(f.Concept, "performance.score.total") {
				got = append(got, f.Concept+"="+f.Value.String())
			}
		}
		if s, want := strings.Join(got, " "), "performance.score.total.max=100 performance.score.total=95.6"; s != want {
			t.Errorf("table's total facts %q, want %q", s, want)
		}
	})
	t.Run("a narrative stating the total", func(t *testing.T) {
		for _, f := range findingsOf(t, "perf-national.html", src) {
			if f.Rule != "document.tables" {
				t.Errorf("%s %s: %s", f.Severity, f.Rule, f.Message)
			}
		}
	})
	t.Run("a narrative stating another total", func(t *testing.T) {
		wrong := strings.Replace(src, "自评得分95.6分", "自评得分90分", 1)
		if wrong == src {
			t.Fatal("the narrative's total is not in the fixture")
		}
		found := false
		for _, f := range findingsOf(t, "perf-national.html", wrong) {
			t.Logf("%s %s: %s (stated %q, computed %q)", f.Severity, f.Rule, f.Message, f.Stated, f.Computed)
			found = found || f.Rule == "table_narrative.same_figure" && f.Severity == schema.SeverityError &&
				f.Stated == "90分" && f.Computed == "95.6分"
		}
		if !found {
			t.Error("no table_narrative.same_figure error stating 90分 against the table's 95.6")
		}
	})
	t.Run("an indicator above its 分值", func(t *testing.T) {
		row := "<td>培训人次</td><td>≥500人次</td><td>620人次</td><td>20</td><td>18</td>"
		wrong := strings.Replace(src, row, strings.Replace(row, "<td>18</td>", "<td>22</td>", 1), 1)
		if wrong == src {
			t.Fatal("the indicator's row is not in the fixture")
		}
		found := false
		for _, f := range findingsOf(t, "perf-national.html", wrong) {
			t.Logf("%s %s: %s (stated %q, computed %q)", f.Severity, f.Rule, f.Message, f.Stated, f.Computed)
			found = found || f.Rule == "count.performance" && f.Severity == schema.SeverityError && f.Stated == "22" && f.Computed == "20"
		}
		if !found {
			t.Error("no count.performance error stating the score 22 above its 分值 20")
		}
	})
}
