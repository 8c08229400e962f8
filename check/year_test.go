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
