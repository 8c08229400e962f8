// Command gen writes the XLSX test workbooks of package xlsx, and of package
// xls the .xlsx sources that LibreOffice converts to .xls. Run it from
// extract/xlsx:
//
//	go run ./testdata/gen
//
// It is not part of the tests; the files it writes are committed.
package main

import (
	"log"
	"os"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	f := report()
	if err := f.SaveAs("testdata/report.xlsx"); err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll("../xls/testdata/src", 0o755); err != nil {
		log.Fatal(err)
	}
	if err := f.SaveAs("../xls/testdata/src/report.xlsx"); err != nil {
		log.Fatal(err)
	}
}

// report builds a fragment of a final-account workbook: two of the standard
// tables with merged headers and number formats, a hidden sheet and an empty one.
func report() *excelize.File {
	f := excelize.NewFile()
	must := func(err error) {
		if err != nil {
			log.Fatal(err)
		}
	}
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		must(err)
		return id
	}
	custom := func(code string) int { return style(&excelize.Style{CustomNumFmt: &code}) }
	amount := custom("0.00")
	thousands := custom("#,##0.00")
	percent := style(&excelize.Style{NumFmt: 10}) // 0.00%
	date := custom(`yyyy"年"m"月"d"日"`)

	s1 := "收入支出决算总表"
	must(f.SetSheetName("Sheet1", s1))
	set := func(sheet, cell string, v any) { must(f.SetCellValue(sheet, cell, v)) }
	set(s1, "A1", "收入支出决算总表")
	must(f.MergeCell(s1, "A1", "D1"))
	set(s1, "A2", "公开01表")
	set(s1, "D2", "单位：万元")
	set(s1, "A3", "收入")
	must(f.MergeCell(s1, "A3", "B3"))
	set(s1, "C3", "支出")
	must(f.MergeCell(s1, "C3", "D3"))
	for i, h := range []string{"项目", "决算数", "项目", "决算数"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 4)
		set(s1, cell, h)
	}
	set(s1, "A5", "一、一般公共预算财政拨款收入")
	// Stored as 303.36000000000001, as some tools write binary doubles.
	must(f.SetCellFloat(s1, "B5", 303.36, 14, 64))
	set(s1, "C5", "一、一般公共服务支出")
	set(s1, "D5", 251.2)
	must(f.SetCellStyle(s1, "D5", "D5", amount))
	set(s1, "A6", "二、政府性基金预算财政拨款收入")
	set(s1, "B6", 0)
	must(f.SetCellStyle(s1, "B6", "B6", amount))
	set(s1, "C6", "二、社会保障和就业支出")
	set(s1, "D6", 52.16)
	must(f.SetCellStyle(s1, "D6", "D6", amount))
	set(s1, "A7", "本年收入合计")
	set(s1, "B7", 303.36)
	set(s1, "C7", "本年支出合计")
	set(s1, "D7", 303.36)
	set(s1, "A8", "一般公共服务支出占比")
	set(s1, "B8", 0.8281)
	must(f.SetCellStyle(s1, "B8", "B8", percent))
	set(s1, "A9", "年末结转和结余（元）")
	set(s1, "B9", 12345.6)
	must(f.SetCellStyle(s1, "B9", "B9", thousands))
	set(s1, "A10", "公开日期")
	set(s1, "B10", time.Date(2024, 9, 20, 0, 0, 0, 0, time.UTC))
	must(f.SetCellStyle(s1, "B10", "B10", date))

	// Table 3 starts at B3: the empty rows and column before it are trimmed.
	s2 := "支出决算表"
	_, err := f.NewSheet(s2)
	must(err)
	set(s2, "B2", "支出决算表")
	set(s2, "F2", "单位：万元")
	set(s2, "B3", "项目")
	must(f.MergeCell(s2, "B3", "C3"))
	for _, h := range []struct{ from, to, text string }{
		{"D3", "D4", "本年支出合计"}, {"E3", "E4", "基本支出"}, {"F3", "F4", "项目支出"},
	} {
		set(s2, h.from, h.text)
		must(f.MergeCell(s2, h.from, h.to))
	}
	set(s2, "B4", "科目编码")
	set(s2, "C4", "科目名称")
	rows := []struct {
		code any
		name string
		v    [3]float64
	}{
		{"201", "一般公共服务支出", [3]float64{251.2, 201.08, 50.12}},
		{"20103", "政府办公厅（室）及相关机构事务", [3]float64{251.2, 201.08, 50.12}},
		{2010350, "事业运行", [3]float64{251.2, 201.08, 50.12}}, // a code stored as a number
		{"208", "社会保障和就业支出", [3]float64{52.16, 52.16, 0}},
	}
	for i, r := range rows {
		row := 5 + i
		cell := func(col int) string { c, _ := excelize.CoordinatesToCellName(col, row); return c }
		set(s2, cell(2), r.code)
		set(s2, cell(3), r.name)
		for j, v := range r.v {
			set(s2, cell(4+j), v)
			must(f.SetCellStyle(s2, cell(4+j), cell(4+j), amount))
		}
	}
	set(s2, "B9", "合计")
	must(f.MergeCell(s2, "B9", "C9"))
	for j, v := range []float64{303.36, 253.24, 50.12} {
		c, _ := excelize.CoordinatesToCellName(4+j, 9)
		set(s2, c, v)
		must(f.SetCellStyle(s2, c, c, amount))
	}

	s3 := "说明"
	_, err = f.NewSheet(s3)
	must(err)
	set(s3, "A1", "本单位无政府性基金预算财政拨款收入支出，故公开07表为空表。")
	must(f.SetSheetVisible(s3, false))

	_, err = f.NewSheet("空表")
	must(err)
	f.SetActiveSheet(0)
	return f
}
