package normalize

import (
	"testing"

	"github.com/juesuan/juesuan/schema"
)

// TestReportYear: the title and the part headings name the report's year;
// the running text's comparisons with last year's accounts do not vote, nor
// does it outvote them.
func TestReportYear(t *testing.T) {
	for _, tc := range []struct {
		name   string
		blocks []string
		year   int
	}{
		{"comparisons do not outvote the title", []string{"北郊街道办事处2023年度部门决算",
			"财政拨款收入287.14万元，比2022年度决算数增加55.55万元；其他收入16.22万元，比2022年度决算数增加16.22万元。",
			"支出合计303.36万元，较2022年度决算增加71.78万元，与2022年度决算数相比增长31.00%。"}, 2023},
		{"a part heading left from last year", []string{"北郊街道办事处2023年度部门决算", "第一部分 北郊街道办事处概况",
			"第三部分 2022年度部门决算情况说明"}, 2023},
		{"part headings outvote the running text", []string{"第一部分 北郊街道办事处概况", "第二部分 2023年度部门决算表",
			"本单位根据2022年度部门决算审计意见整改。", "2022年度部门决算审计发现的问题已整改。"}, 2023},
		{"no heading: the running text less its comparisons", []string{"纳入本部门2023年度部门决算编制范围的单位1个。",
			"收入比2022年度决算数增加55.55万元，支出比2022年度决算数增加71.78万元。"}, 2023},
		{"a comparison is no title", []string{"收入合计比2022年度部门决算数增加55.55万元。",
			"纳入本部门2023年度部门决算编制范围的单位1个。"}, 2023},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := &schema.Document{Pages: []schema.Page{{}}}
			for i, b := range tc.blocks {
				doc.Pages[0].Blocks = append(doc.Pages[0].Blocks, schema.Block{Kind: schema.KindParagraph, Text: b, Pos: schema.Pos{File: "x", Line: i + 1}})
			}
			if rep := Report(doc); rep.Year != tc.year {
				t.Errorf("year %d, want %d", rep.Year, tc.year)
			}
		})
	}
}
