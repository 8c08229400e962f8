package normalize_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/juesuan/juesuan/extract/text"
	"github.com/juesuan/juesuan/normalize"
)

// multiUnitHead opens a department's report that adds up its organ and one
// unit under it, listed in its composition.
const multiUnitHead = "上海市普陀区测试局2023年度部门决算\n第一部分 上海市普陀区测试局概况\n一、部门决算单位构成\n" +
	"本部门决算包括：本级及下属1家单位，即上海市普陀区测试局（本级）、上海市普陀区测试中心。\n" +
	"第三部分 2023年度部门决算情况说明\n"

// TestBodiesFigures: a department's report states each body's figure after
// its own ("其中：局本级支出合计600.00万元"): the department's figures are
// read, its bodies' are not (each kept as a warning), nor the shares after
// them. A single unit's report, whose name holds 中心 or 机关, reads its
// figures named with its name.
func TestBodiesFigures(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       string // the facts read, as concept=printed, sorted
		warned     int    // the warnings that name a body's figure
	}{
		{"expenditure by body", multiUnitHead + "三、支出决算情况说明\n" +
			"2023年度本年支出合计1000.00万元，其中：局本级支出合计600.00万元，占60.00%；测试中心支出合计400.00万元，占40.00%。\n",
			"expenditure.total=1000.00万元", 2},
		{"income by body", multiUnitHead + "二、收入决算情况说明\n" +
			"2023年度本年收入合计1000.00万元。其中：局本级本年收入合计600.00万元，测试中心本年收入合计400.00万元。\n",
			"income.total=1000.00万元", 2},
		{"three public by body", multiUnitHead + "九、财政拨款“三公”经费支出决算情况说明\n" +
			"2023年度“三公”经费财政拨款支出决算为10.00万元，其中：局本级“三公”经费6.00万元，测试中心“三公”经费4.00万元。\n",
			"three_public.total=10.00万元", 2},
		{"running costs by body", multiUnitHead + "十、机关运行经费支出说明\n" +
			"2023年度本部门机关运行经费支出100.00万元。其中：局本级机关运行经费支出60.00万元，测试中心机关运行经费支出40.00万元。\n",
			"running_costs=100.00万元", 2},
		{"procurement by body", multiUnitHead + "十一、政府采购支出说明\n" +
			"2023年度本部门政府采购支出总额350.00万元，其中：局本级政府采购支出总额200.00万元，测试中心政府采购支出总额150.00万元。\n",
			"procurement.total=350.00万元", 2},
		{"staff by body", multiUnitHead + "二、人员情况\n" +
			"本部门人员编制50人，实有人数48人。其中：局本级编制20人，实有人数19人；测试中心编制30人，实有人数29人。\n",
			"staff.actual=48人 staff.authorized=50人", 4},
		{"staff of the organ and the units under it", multiUnitHead + "二、人员情况\n" +
			"本部门编制50人，实有人数48人，其中：机关行政编制20人，实有人数19人；下属事业单位编制30人，实有人数29人。\n",
			"staff.actual.admin=20人 staff.actual=48人 staff.authorized=50人", 3},
		{"a body's change", multiUnitHead + "三、支出决算情况说明\n" +
			"2023年度本年支出合计1000.00万元，比上年增加100.00万元。下属事业单位支出合计400.00万元，比上年增加50.00万元，增长14.29%。\n",
			"expenditure.total.change=100.00万元 expenditure.total=1000.00万元", 1},
		{"a single centre named by its name", "曾都区北郊街道社区网格管理综合服务中心2023年度单位决算\n第一部分 曾都区北郊街道社区网格管理综合服务中心概况\n" +
			"一、单位决算单位构成\n本单位决算由本级决算和0个下属单位决算组成，即曾都区北郊街道社区网格管理综合服务中心（本级）。\n" +
			"第三部分 2023年度单位决算情况说明\n三、支出决算情况说明\n" +
			"2023年度综合服务中心本年支出合计300.00万元，其中：本级基本支出200.00万元，项目支出100.00万元。\n",
			"expenditure.basic=200.00万元 expenditure.project=100.00万元 expenditure.total=300.00万元", 0},
		{"a single organ named by its name", "某区机关事务管理局2023年度部门决算\n第三部分 2023年度部门决算情况说明\n三、支出决算情况说明\n" +
			"2023年度机关事务管理局本年支出合计300.00万元，其中：基本支出200.00万元，项目支出100.00万元。\n",
			"expenditure.basic=200.00万元 expenditure.project=100.00万元 expenditure.total=300.00万元", 0},
		{"the level's fiscal funds", multiUnitHead + "九、财政拨款“三公”经费支出决算情况说明\n" +
			"2023年度本级财政拨款“三公”经费支出10.00万元。\n",
			"three_public.total=10.00万元", 0},
		{"the department's running costs", multiUnitHead + "十、机关运行经费支出说明\n" +
			"2023年度本部门机关运行经费支出100.00万元，比上年增加10.00万元。\n",
			"running_costs.change=10.00万元 running_costs=100.00万元", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := text.Read(strings.NewReader(tc.text), "report.txt")
			if err != nil {
				t.Fatal(err)
			}
			rep := normalize.Report(doc)
			var got []string
			for _, f := range rep.Facts {
				if f.Derived == nil && !strings.HasPrefix(f.Concept, "org.") {
					got = append(got, f.Concept+"="+f.Printed)
				}
			}
			slices.Sort(got)
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("facts\n got %s\nwant %s", g, tc.want)
			}
			warned := 0
			for _, w := range rep.Warnings {
				if strings.Contains(w.Message, "is the figure of") {
					warned++
				}
			}
			if warned != tc.warned {
				t.Errorf("%d warnings name a body's figure, want %d: %v", warned, tc.warned, rep.Warnings)
			}
		})
	}
}
