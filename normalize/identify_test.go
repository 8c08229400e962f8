package normalize

import (
	"testing"

	"github.com/juesuan/juesuan/schema"
)

func TestIdentity(t *testing.T) {
	for _, tc := range []struct {
		name   string
		blocks []string
		unit   string
		year   int
		kind   string
	}{
		{"title on one line", []string{"上海市普陀区财政局2024年度部门决算", "目 录", "第一部分 上海市普陀区财政局概况"}, "上海市普陀区财政局", 2024, "部门决算"},
		{"title split over lines", []string{"上海市普陀区规划和自然", "资源局", "2024 年度部门决算", "目", "录"}, "上海市普陀区规划和自然资源局", 2024, "部门决算"},
		{"web page furniture above the title", []string{"当前位置：首页 > 信息公开 > 财政预决算", "某街道服务中心2023年度单位决算", "发布时间：2024-10-12　来源：某街道办事处"}, "某街道服务中心", 2023, "单位决算"},
		{"no title: the first part names the unit", []string{"第一部分  某中心概况", "第二部分  2023年度单位决算表", "第三部分  2023年度单位决算情况说明"}, "某中心", 2023, "单位决算"},
		{"a table page names its preparer", []string{"公开05表", "一般公共预算财政拨款支出决算表", "编制单位；某街道服务中心单位：万元"}, "某街道服务中心", 0, ""},
		{"the preparer yields to the title", []string{"某中心2023年度单位决算", "编制单位：某中心办公室"}, "某中心", 2023, "单位决算"},
		{"publication date is not the year", []string{"第一部分 某中心概况", "纳入某中心2023年度单位决算编制范围的单位包括", "填报日期：2024年10月10日"}, "某中心", 2023, "单位决算"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := &schema.Document{Pages: []schema.Page{{}}}
			for i, b := range tc.blocks {
				kind := schema.KindParagraph
				if i == 1 && tc.name == "web page furniture above the title" {
					kind = schema.KindHeading
				}
				doc.Pages[0].Blocks = append(doc.Pages[0].Blocks, schema.Block{Kind: kind, Text: b, Pos: schema.Pos{File: "x", Line: i + 1}})
			}
			rep := Report(doc)
			if rep.Unit != tc.unit || rep.Year != tc.year || rep.Kind != tc.kind {
				t.Errorf("got %q %d %q, want %q %d %q", rep.Unit, rep.Year, rep.Kind, tc.unit, tc.year, tc.kind)
			}
		})
	}
}
