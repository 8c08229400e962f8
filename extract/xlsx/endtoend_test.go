package xlsx_test

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/juesuan/juesuan/check"
	"github.com/juesuan/juesuan/normalize"
	"github.com/juesuan/juesuan/schema"
)

// TestHalfUpEndToEnd: table 5 of a report whose 2010350 人员经费 is stored
// unrounded (1,540,750 yuan as 154.075 万元, shown 154.08 under 0.00) above
// the class and item rows that hold the typed 154.08. Excel prints 154.08 in
// all three, so the checks find nothing; read as 154.07 the code hierarchy
// did not add up, twice.
func TestHalfUpEndToEnd(t *testing.T) {
	rows := [][]any{
		{"一般公共预算财政拨款支出决算表"},
		{"公开05表", nil, nil, nil, nil, nil, nil, nil, "单位：万元"},
		{"项目", nil, nil, nil, "本年支出"},
		{"功能分类科目编码", nil, nil, "科目名称", "合计", "基本支出", nil, nil, "项目支出"},
		{"类", "款", "项", nil, nil, "小计", "人员经费", "公用经费"},
		{"栏次", nil, nil, nil, "1", "2", "3", "4", "5"},
		{"合计", nil, nil, nil, 186.54, 186.54, 154.08, 32.46},
		{"201", nil, nil, "一般公共服务支出", 186.54, 186.54, 154.08, 32.46},
		{"20103", nil, nil, "政府办公厅（室）及相关机构事务", 186.54, 186.54, 154.08, 32.46},
		{"2010350", nil, nil, "事业运行", 186.54, 186.54, 154.075, 32.46},
	}
	merges := []string{"A1:I1", "A3:D3", "E3:I3", "A4:C4", "D4:D5", "E4:E5", "F4:H4", "I4:I5", "A6:D6", "A7:D7", "A8:C8", "A9:C9", "A10:C10"}
	data := workbook(t, func(f *excelize.File) {
		const sheet = "Sheet1"
		f.SetSheetName(sheet, "表5")
		amount, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			for j, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				f.SetCellValue("表5", cell, v)
				if _, ok := v.(float64); ok {
					f.SetCellStyle("表5", cell, cell, amount)
				}
			}
		}
		for _, m := range merges {
			from, to, _ := strings.Cut(m, ":")
			f.MergeCell("表5", from, to)
		}
	})
	rep := normalize.Report(read(t, data))
	if len(rep.Tables) != 1 || rep.Tables[0].Kind != "05" {
		t.Fatalf("tables %+v", rep.Tables)
	}
	found := false
	for _, f := range rep.Facts {
		if f.Concept == "gpb.func.2010350.basic.personnel" {
			found = true
			if f.Printed != "154.08" {
				t.Errorf("2010350 人员经费 read as %s", f.Printed)
			}
		}
	}
	if !found {
		t.Errorf("2010350 人员经费 not read")
	}
	check.Repair(rep)
	for _, f := range check.Run(rep, check.Options{Lang: "en"}) {
		if f.Severity == schema.SeverityError || strings.HasPrefix(f.Rule, "sum.") {
			t.Errorf("finding %s: %s", f.Rule, f.Message)
		}
	}
}
