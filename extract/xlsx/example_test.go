package xlsx_test

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/juesuan/juesuan/extract/xlsx"
)

func ExampleRead() {
	// A small workbook: a merged title over a header and one amount.
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "收入决算表")
	f.SetCellValue("收入决算表", "B2", "收入决算表")
	f.MergeCell("收入决算表", "B2", "C2")
	f.SetCellValue("收入决算表", "B3", "本年收入合计")
	f.SetCellValue("收入决算表", "C3", 303.36)
	buf, _ := f.WriteToBuffer()

	doc, err := xlsx.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "book.xlsx")
	if err != nil {
		fmt.Println(err)
		return
	}
	sheet := doc.Pages[0].Blocks[0]
	table := doc.Pages[0].Blocks[1].Table
	fmt.Println(sheet.Role, sheet.Text, table.Rows, "×", table.Cols)
	for _, c := range table.Cells {
		fmt.Printf("%s (%s) span %d: %s\n", c.Pos, xlsx.Ref(sheet.Text, c.Pos.Row, c.Pos.Col), max(c.ColSpan, 1), c.Text)
	}
	// Output:
	// sheet 收入决算表 2 × 2
	// book.xlsx:t1r2c2 (收入决算表!B2) span 2: 收入决算表
	// book.xlsx:t1r3c2 (收入决算表!B3) span 1: 本年收入合计
	// book.xlsx:t1r3c3 (收入决算表!C3) span 1: 303.36
}
