package xls_test

import (
	"fmt"
	"os"

	"github.com/juesuan/juesuan/extract/xls"
)

func ExampleRead() {
	f, err := os.Open("testdata/report.xls")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	st, _ := f.Stat()
	doc, err := xls.Read(f, st.Size(), "report.xls")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range doc.Warnings {
		fmt.Println("warning:", w.Pos, w.Message)
	}
	for _, b := range doc.Pages[0].Blocks {
		if b.Kind == "heading" {
			fmt.Println("sheet", b.Pos.Table, b.Text)
			continue
		}
		c := b.Table.Cells[len(b.Table.Cells)-1] // the last cell
		fmt.Printf("  %d×%d used range; %s reads %q\n", b.Table.Rows, b.Table.Cols, c.Pos, c.Text)
	}
	// Output:
	// warning: report.xls:t3 sheet "说明" is hidden: left out with its 1 value
	// sheet 1 收入支出决算总表
	//   10×4 used range; report.xls:t1r10c2 reads "2024年9月20日"
	// sheet 2 支出决算表
	//   8×5 used range; report.xls:t2r9c6 reads "50.12"
	// sheet 4 空表
}
