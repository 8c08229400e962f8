package check_test

import (
	"strings"
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// readText reads a report given as text, as the text reader and normalize
// see a .txt file.
func readText(t *testing.T, name, s string) *schema.Report {
	t.Helper()
	doc, err := text.Read(strings.NewReader(s), name)
	if err != nil {
		t.Fatal(err)
	}
	return normalize.Report(doc)
}

// yearFindings lists the document.year findings of a report, by what they
// quote.
func yearFindings(rep *schema.Report) []string {
	var out []string
	for _, f := range check.Run(rep, check.Options{}) {
		if f.Rule == "document.year" {
			out = append(out, string(f.Severity)+" "+f.Evidence[0].Printed)
		}
	}
	return out
}

// TestReportYearFromTitle: the report's year is the one its title and part
// headings name, however often the running text names the year before in
// its comparisons ("比2022年度决算数增加", as Hubei's reports word them): a
// 2023 report is not read as 2022's, its figures keep their year, and its own
// dates raise no warning.
func TestReportYearFromTitle(t *testing.T) {
	const body = "截至2023年12月31日，本单位实有人数14人。\n" +
		"财政拨款收入287.14万元，比2022年度决算数增加55.55万元；其他收入16.22万元，比2022年度决算数增加16.22万元。\n"
	for _, tc := range []struct{ name, text string }{
		{"title and part heading", "北郊街道办事处2023年度部门决算\n第三部分 2023年度部门决算情况说明\n" + body},
		{"title alone", "北郊街道办事处2023年度部门决算\n" + body},
		{"part headings alone", "第一部分 北郊街道办事处概况\n第三部分 2023年度部门决算情况说明\n" + body},
		{"comparisons with 与…相比 and 较", "北郊街道办事处2023年度部门决算\n" +
			"财政拨款收入287.14万元，与2022年度部门决算相比增加55.55万元；其他收入16.22万元，较2022年度决算增加16.22万元。\n" +
			"上年（2022年度决算）基本支出200.00万元。\n"},
		{"no title: running text less its comparisons", "截至2023年12月31日，纳入本部门2023年度部门决算编制范围的单位1个。\n" + body},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := readText(t, "report.txt", tc.text)
			if rep.Year != 2023 {
				t.Fatalf("year %d, want 2023", rep.Year)
			}
			if rep.Kind != "部门决算" {
				t.Errorf("kind %q, want 部门决算", rep.Kind)
			}
			fiscal := false
			for _, f := range rep.Facts {
				if f.Concept == "income.fiscal" && f.Derived == nil {
					fiscal = true
					if f.Period != 2023 || f.Value.String() != "2871400" {
						t.Errorf("income.fiscal %s for %d, want 2871400 for 2023", f.Value, f.Period)
					}
				}
			}
			if !fiscal && strings.Contains(tc.text, "财政拨款收入287.14万元") {
				t.Error("财政拨款收入 287.14万元 not read")
			}
			if got := yearFindings(rep); len(got) > 0 {
				t.Errorf("document.year findings %v, want none", got)
			}
		})
	}
}

// TestYearMentions: the year before named as such (上年末 as of its last
// day, its accounts' audit) is no wrong year; the year before named where
// the report speaks of its own year is, and still warned of.
func TestYearMentions(t *testing.T) {
	const head = "北郊街道办事处2023年度部门决算\n第二部分 北郊街道办事处2023年度部门决算表\n"
	for _, tc := range []struct {
		name, text string
		want       []string // the document.year findings, by what they quote
	}{
		{"the year before's end", "第三部分 2023年度部门决算情况说明\n（三）国有资产占用情况\n" +
			"截至2023年12月31日，本单位共有车辆3辆。上年末（截至2022年12月31日）共有车辆4辆。\n", nil},
		{"the year before's end, compared", "第三部分 2023年度部门决算情况说明\n（三）国有资产占用情况\n" +
			"截至2023年12月31日，本单位共有车辆3辆，比截至2022年12月31日减少1辆。\n", nil},
		{"last year's accounts audited", "第三部分 2023年度部门决算情况说明\n十四、其他需要说明的情况\n" +
			"本单位根据2022年度部门决算审计意见，已完成整改。2022年度部门决算审计发现的问题已全部整改。\n", nil},
		{"an earlier report published", "第三部分 2023年度部门决算情况说明\n十四、其他需要说明的情况\n" +
			"2021年度部门决算公开后，本单位进一步规范了公开内容。\n", nil},
		{"last year's publication left in", "第三部分 2023年度部门决算情况说明\n" +
			"现将2022年度部门决算公开如下。\n", []string{"warning 2022年度部门决算"}},
		{"a wrong balance date", "第三部分 2023年度部门决算情况说明\n（三）国有资产占用情况\n" +
			"截至2022年12月31日，本单位共有车辆3辆。\n", []string{"warning 截至2022年12月31日"}},
		{"a wrong balance date after 上年度 was spoken of", "第三部分 2023年度部门决算情况说明\n（三）国有资产占用情况\n" +
			"本单位上年度无新购车辆。截至2022年12月31日，本单位共有车辆3辆。\n", []string{"warning 截至2022年12月31日"}},
		{"a part heading of last year's", "第三部分 2022年度部门决算情况说明\n二、收入决算情况说明\n收入合计303.36万元。\n",
			[]string{"warning 2022年度部门决算"}},
		{"last year's scope left in", "第一部分 北郊街道办事处概况\n二、部门决算单位构成\n纳入本部门2022年度部门决算编制范围的单位共1个。\n",
			[]string{"warning 2022年度部门决算"}},
		{"a comparison with two years before", "第三部分 2023年度部门决算情况说明\n二、收入决算情况说明\n收入合计303.36万元，与2021年度相比增加71.78万元。\n",
			[]string{"warning 与2021年度相比"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := readText(t, "report.txt", head+tc.text)
			if rep.Year != 2023 {
				t.Fatalf("year %d, want 2023", rep.Year)
			}
			got := yearFindings(rep)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("document.year findings %q, want %q", got, tc.want)
			}
		})
	}
}
