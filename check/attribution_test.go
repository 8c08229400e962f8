package check_test

import (
	"testing"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/schema"
)

// TestAttributions: figures of consistent wordings, each filed under the
// concept and year it is of (or under none), and no error or warning
// raised: a figure after a bracket opened after a name is that name's; a
// 其中 list after a bracketed prior-year figure is this year's; a change
// worded with 下降 is a change, not last year's figure; an unlabelled
// change after a count of persons stays the subject's; a kind of staff
// inside the kind before it is not counted twice; a count's change after an
// amount is no change of the amount; a list after the subject's figure of
// last year is not read (of either year, as may be); a name's year holds
// past a bracket after it; a running-costs section's other topics are
// read; a bare 实有 after one kind of posts is the unit's staff, after two
// each kind's.
func TestAttributions(t *testing.T) {
	type want struct {
		concept string
		period  int
		value   string // yuan, percent or count; "" when no such fact may exist
	}
	for _, tc := range []struct {
		name, text string
		want       []want
	}{
		{"a bracket after a name", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"公务接待费支出1.20万元，公务用车运行维护费（保有车辆2辆）3.00万元，比上年减少0.50万元。\n",
			[]want{{"three_public.reception", 2023, "12000"}, {"three_public.vehicle.operation", 2023, "30000"}, {"three_public.vehicle.operation.change", 2023, "-5000"}}},
		{"a bracket of counts after a name", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"“三公”经费支出6.20万元，其中：因公出国（境）费5.00万元；公务接待费（共接待12批次、120人次）1.20万元。\n",
			[]want{{"three_public.overseas", 2023, "50000"}, {"three_public.reception", 2023, "12000"}}},
		{"a list after last year's figure in brackets", "三、支出决算情况说明\n" +
			"2023年度支出合计150.00万元（上年：120.00万元），其中：基本支出100.00万元，项目支出50.00万元。\n",
			[]want{{"expenditure.basic", 2023, "1000000"}, {"expenditure.project", 2023, "500000"}, {"expenditure.basic", 2022, ""}}},
		{"a list after last year's figure", "三、支出决算情况说明\n" +
			"2023年度支出合计150.00万元，上年为120.00万元，其中：基本支出100.00万元，项目支出50.00万元。\n",
			[]want{{"expenditure.basic", 2023, ""}, {"expenditure.basic", 2022, ""}}},
		{"a list after last year's figure, of last year", "二、收入决算情况说明\n" +
			"2023年度收入合计303.36万元，上年为231.58万元，其中：财政拨款收入200.00万元，其他收入31.58万元。\n",
			[]want{{"income.fiscal", 2023, ""}, {"income.fiscal", 2022, ""}}},
		{"last year's name before a bracket", "九、财政拨款“三公”经费支出决算情况说明\n" +
			"2023年度公务接待费2.00万元（共接待20批次、200人次），2022年度公务接待费（共接待10批次、100人次）1.00万元。\n",
			[]want{{"three_public.reception", 2023, "20000"}, {"three_public.reception", 2022, "10000"}}},
		{"a running-costs section with procurement", "十、机关运行经费和政府采购情况说明\n" +
			"机关运行经费支出50.00万元。2023年度政府采购支出总额52.30万元，其中：政府采购货物支出12.30万元，政府采购服务支出40.00万元。\n",
			[]want{{"running_costs", 2023, "500000"}, {"procurement.total", 2023, "523000"}, {"procurement.goods", 2023, "123000"}}},
		{"one kind of posts and its staff", "二、收入决算情况说明\n本单位核定事业编制15名，实有14名。\n",
			[]want{{"staff.actual", 2023, "14"}}},
		{"a list of posts and the staff", "二、收入决算情况说明\n本单位编制15名，其中行政编制5名、事业编制10名，实有14名。\n",
			[]want{{"staff.actual", 2023, "14"}}},
		{"each kind of posts and its staff", "二、收入决算情况说明\n本单位核定行政编制5名，实有5名；事业编制10名，实有8名。\n",
			[]want{{"staff.actual", 2023, ""}}},
		{"a count's change after an amount", "九、财政拨款“三公”经费支出决算情况说明\n公务接待费支出1.20万元，比上年增加150人次。\n",
			[]want{{"three_public.reception", 2023, "12000"}, {"three_public.reception.change", 2023, ""}}},
		{"a change worded 下降", "九、财政拨款“三公”经费支出决算情况说明\n公务接待费支出1.20万元，较上年下降0.50万元。\n",
			[]want{{"three_public.reception.change", 2023, "-5000"}, {"three_public.reception", 2022, "17000"}}},
		{"a change after a count of persons", "九、财政拨款“三公”经费支出决算情况说明\n公务接待费支出1.20万元，共接待来访人员120名，比上年增加0.50万元。\n",
			[]want{{"three_public.reception.change", 2023, "5000"}}},
		{"a kind inside the kind before it", "二、收入决算情况说明\n本单位实有在职人数14人，其中：事业10人，其他人员4人（其中以钱养事人员4人）。\n",
			[]want{{"staff.actual", 2023, "14"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := consistentReport(t, tc.text)
			for _, w := range tc.want {
				var got []string
				for _, f := range rep.Facts {
					if f.Concept == w.concept && f.Period == w.period {
						got = append(got, f.Value.String())
					}
				}
				if w.value == "" && len(got) > 0 || w.value != "" && (len(got) != 1 || got[0] != w.value) {
					t.Errorf("%s %d: %v, want %q", w.concept, w.period, got, w.value)
				}
			}
			for _, f := range check.Run(rep, check.Options{}) {
				if f.Severity == schema.SeverityError || f.Severity == schema.SeverityWarning {
					if f.Rule != "document.tables" && f.Rule != "document.unit_name" {
						t.Errorf("%s %s: %s", f.Severity, f.Rule, f.Message)
					}
				}
			}
			if t.Failed() {
				for _, f := range rep.Facts {
					t.Logf("fact %s %d = %s (%s)", f.Concept, f.Period, f.Value, f.Printed)
				}
			}
		})
	}
}
