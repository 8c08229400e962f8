package xlsx_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/juesuan/juesuan/extract/xlsx"
)

// TestExcelRounding: a stored value on the half of the last digit shown is
// shown as Excel shows it, rounded half away from zero on its 15-digit
// decimal (excelize rounds the binary double, which lies just below: 154.075
// would read 154.07), whatever the format around the digits.
func TestExcelRounding(t *testing.T) {
	cases := []struct {
		format string // custom number format; "" for General
		value  float64
		want   string
	}{
		{"0.00", 154.075, "154.08"},
		{"0.00", 1.005, "1.01"},
		{"0.00", 0.285, "0.29"},
		{"0.00", -1.005, "-1.01"},
		{"0.00", 2.675, "2.68"},
		{"0.00", 303.36, "303.36"},
		{"0.00", 1.0049999, "1.00"},
		{"#,##0.00", 0.285, "0.29"},
		{"#,##0.00", 12345.675, "12,345.68"},
		{"#,##0.00", 9999999.995, "10,000,000.00"},
		{"#,##0.00", 999.995, "1,000.00"},
		{"0.00_ ", 0.285, "0.29 "},
		{"#,##0.00;[Red]-#,##0.00", -1.005, "-1.01"},
		{"#,##0.00_);(#,##0.00)", -4.015, "(4.02)"},
		{"(#,##0.00)", 1.005, "(1.01)"},
		{"0.00%", 0.01005, "1.01%"},
		{"0.00%", 0.23975, "23.98%"},
		{`0.00"万元"`, 1.005, "1.01万元"},
		{"#,##0", 2.5, "3"},
		{"#,##0", 1234.5, "1,235"},
		{"", 0.285, "0.285"},
		{"#,##0,", 0.5, "0"},
		{"0.00,", 0.005, "0.00"},
		{"0.000,", 0.0005, "0.000"},
		{`0.00\%`, 0.00005, "0.00%"},
		{"yyyy/m/d", 45291.5, "2023/12/31"},
	}
	data := workbook(t, func(f *excelize.File) {
		for i, tc := range cases {
			cell := fmt.Sprintf("A%d", i+1)
			f.SetCellFloat("Sheet1", cell, tc.value, -1, 64)
			if tc.format != "" {
				code := tc.format
				id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
				if err != nil {
					t.Fatal(err)
				}
				f.SetCellStyle("Sheet1", cell, cell, id)
			}
		}
		// text is shown as it is, whatever the format
		id, _ := f.NewStyle(&excelize.Style{NumFmt: 2})
		f.SetCellStr("Sheet1", "B1", "1.005")
		f.SetCellStyle("Sheet1", "B1", "B1", id)
	})
	tb := read(t, data).Pages[0].Blocks[1].Table
	for i, tc := range cases {
		t.Run(fmt.Sprintf("%s %v", tc.format, tc.value), func(t *testing.T) {
			wantCell(t, tb, i, 0, tc.want, 1, 1)
		})
	}
	wantCell(t, tb, 0, 1, "1.005", 1, 1)
}

// TestHidden: hidden sheets, rows and columns are not printed: they are left
// out of the document, the grid closes over them, positions keep the sheet's
// own row and column numbers, and a warning names what was left out.
func TestHidden(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		for _, c := range [][2]any{
			{"A1", "项目"}, {"B1", "金额"}, {"C1", "备注"}, {"D1", "决算数"},
			{"A2", "2010350"}, {"B2", 154.08}, {"C2", "上年"}, {"D2", 154.08},
			{"A3", "2010302"}, {"B3", 12.0}, {"D3", 12.0}, // a stale row, hidden
			{"A4", "合计"}, {"B4", 154.08}, {"D4", 154.08},
		} {
			f.SetCellValue("Sheet1", c[0].(string), c[1])
		}
		f.MergeCell("Sheet1", "A5", "A6") // the merge's first row hidden: it shows in A6
		f.SetCellValue("Sheet1", "A5", "说明")
		f.SetRowVisible("Sheet1", 3, false)
		f.SetRowVisible("Sheet1", 5, false)
		f.SetColVisible("Sheet1", "C", false)
		f.NewSheet("上年")
		f.SetCellValue("上年", "A1", "合计")
		f.SetCellValue("上年", "B1", 200.1)
		f.SetSheetVisible("上年", false)
	})
	doc := read(t, data)
	blk := doc.Pages[0].Blocks
	if len(blk) != 2 {
		t.Fatalf("%d blocks, want the visible sheet's heading and table", len(blk))
	}
	tb := blk[1].Table
	if tb.Rows != 4 || tb.Cols != 3 {
		t.Errorf("grid %d×%d, want 4×3 (rows 1, 2, 4, 6; columns A, B, D)", tb.Rows, tb.Cols)
	}
	c := wantCell(t, tb, 1, 2, "154.08", 1, 1)
	if c.Pos.Row != 2 || c.Pos.Col != 4 {
		t.Errorf("D2 has pos %s", c.Pos)
	}
	c = wantCell(t, tb, 2, 0, "合计", 1, 1)
	if c.Pos.Row != 4 {
		t.Errorf("A4 has pos %s", c.Pos)
	}
	c = wantCell(t, tb, 3, 0, "说明", 1, 1)
	if c.Pos.Row != 5 {
		t.Errorf("A5:A6 has pos %s", c.Pos)
	}
	for _, s := range []string{"2010302", "12.00", "上年", "200.1"} {
		if strings.Contains(doc.Text(), s) {
			t.Errorf("hidden %q was read", s)
		}
	}
	var msgs []string
	for _, w := range doc.Warnings {
		msgs = append(msgs, fmt.Sprintf("%s l%d: %s", w.Pos, w.Pos.Line, w.Message))
	}
	want := []string{
		`report.xlsx:t1 l2: sheet "Sheet1": 5 values in hidden row 3 and hidden column C left out`,
		`report.xlsx:t2 l3: sheet "上年" is hidden: left out with its 2 values`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

// TestFormulaWithoutValue: a formula saved without its value (as programs
// that leave calculation to Excel write it) is named in a warning at its
// cell, shared formulas by their own text, rather than dropped unsaid.
func TestFormulaWithoutValue(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", "人员经费")
		f.SetCellValue("Sheet1", "A2", "公用经费")
		f.SetCellValue("Sheet1", "A3", "合计")
		for _, c := range []string{"B", "C", "D"} {
			f.SetCellValue("Sheet1", c+"1", 154.08)
			f.SetCellValue("Sheet1", c+"2", 32.46)
		}
		f.SetCellFormula("Sheet1", "B3", "SUM(B1:B2)")
		shared, ref := excelize.STCellFormulaTypeShared, "C3:D3"
		f.SetCellFormula("Sheet1", "C3", "SUM(C1:C2)", excelize.FormulaOpts{Type: &shared, Ref: &ref})
		f.SetRowVisible("Sheet1", 4, false)
		f.SetCellFormula("Sheet1", "B4", "B3*2") // hidden: not printed, not named
	})
	doc := read(t, data)
	var got []string
	for _, w := range doc.Warnings {
		got = append(got, fmt.Sprintf("%s %s", w.Pos, w.Message))
	}
	want := []string{
		`report.xlsx:t1r3c2 sheet "Sheet1": cell B3 holds the formula =SUM(B1:B2) with no value saved (the workbook was saved without calculating it): left out`,
		`report.xlsx:t1r3c3 sheet "Sheet1": cell C3 holds the formula =SUM(C1:C2) with no value saved (the workbook was saved without calculating it): left out`,
		`report.xlsx:t1r3c4 sheet "Sheet1": cell D3 holds the formula =SUM(D1:D2) with no value saved (the workbook was saved without calculating it): left out`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range doc.Warnings {
		if w.Pos.Line != doc.Pages[0].Blocks[1].Pos.Line {
			t.Errorf("warning at line %d, the table is at %d", w.Pos.Line, doc.Pages[0].Blocks[1].Pos.Line)
		}
	}
}

// TestFormulaEmptyValue: a formula saved with an empty value (<v></v>, as
// openpyxl writes every formula it does not calculate) has no value either.
func TestFormulaEmptyValue(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", "合计")
		f.SetCellFormula("Sheet1", "B1", "SUM(B2:B3)")
	})
	data = rewriteZip(t, data, func(name string, part []byte) (string, []byte) {
		if strings.HasPrefix(name, "xl/worksheets/") {
			part = bytes.ReplaceAll(part, []byte(` t="str"><f>`), []byte(`><f>`)) // as openpyxl writes it
			part = bytes.ReplaceAll(part, []byte("</f>"), []byte("</f><v></v>"))
		}
		return name, part
	})
	doc := read(t, data)
	if len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0].Message, "cell B1 holds the formula =SUM(B2:B3) with no value saved") {
		t.Errorf("warnings %v, want one naming B1's formula", doc.Warnings)
	}
}

// TestHiddenSheetWarnedPastCap: a hidden sheet is said even when the cells
// before it filled the warnings' cap.
func TestHiddenSheetWarnedPastCap(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", "人员经费")
		f.SetCellValue("Sheet1", "C1", 154.08)
		for r := 1; r <= xlsx.MaxWarnings+5; r++ {
			f.SetCellFormula("Sheet1", fmt.Sprintf("B%d", r), "SUM(A1:A2)")
		}
		f.NewSheet("表1")
		f.SetCellValue("表1", "A1", "收入支出决算总表")
		f.SetCellValue("表1", "B2", 303.36)
		f.SetSheetVisible("表1", false)
	})
	doc := read(t, data)
	for _, w := range doc.Warnings {
		if strings.Contains(w.Message, `sheet "表1" is hidden`) {
			return
		}
	}
	t.Errorf("no warning of the hidden sheet among %d", len(doc.Warnings))
}

// TestCorrectionLeavesSheets: correcting a half's digits reads nothing into
// the workbook: a workbook whose sheet parts are numbered past its sheet ids
// (sheet2.xml and sheet3.xml for sheets 1 and 2) keeps both sheets whole.
func TestCorrectionLeavesSheets(t *testing.T) {
	data := workbook(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "甲")
		f.NewSheet("乙")
		code := "0.00"
		id, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		f.SetCellValue("甲", "A1", "本年收入合计")
		f.SetCellFloat("甲", "B1", 154.075, -1, 64)
		f.SetCellStyle("甲", "B1", "B1", id)
		f.SetCellValue("乙", "A1", "基本支出")
		f.SetCellValue("乙", "B1", "100.00")
		f.SetCellValue("乙", "A2", "项目支出")
		f.SetCellValue("乙", "B2", "54.08")
	})
	rename := map[string]string{"xl/worksheets/sheet2.xml": "xl/worksheets/sheet3.xml", "xl/worksheets/sheet1.xml": "xl/worksheets/sheet2.xml"}
	data = rewriteZip(t, data, func(name string, part []byte) (string, []byte) {
		if to, ok := rename[name]; ok {
			name = to
		}
		if strings.HasSuffix(name, ".rels") || strings.HasSuffix(name, "[Content_Types].xml") {
			part = bytes.ReplaceAll(part, []byte("sheet2.xml"), []byte("sheet3.xml"))
			part = bytes.ReplaceAll(part, []byte("sheet1.xml"), []byte("sheet2.xml"))
		}
		return name, part
	})
	doc := read(t, data)
	var texts []string
	for _, b := range doc.Pages[0].Blocks {
		if b.Table != nil {
			for _, c := range b.Table.Cells {
				texts = append(texts, c.Text)
			}
		}
	}
	if got := strings.Join(texts, " "); got != "本年收入合计 154.08 基本支出 100.00 项目支出 54.08" {
		t.Errorf("cells %q", got)
	}
}
